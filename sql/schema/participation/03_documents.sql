-- The documents of consultations and contributions: the list's items,
-- the whole consultation, the contributions, and what the public sees.
-- All read as the caller, so row-level security decides what a document
-- holds (counts of a partner are of what the partner sees). The authors'
-- names and contacts appear to the staff only, never publicly.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- How many recommendations (Handlungsempfehlungen) name a consultation:
-- none here. The recommendations family (010, sql/schema/recommendations/,
-- applied after this directory) replaces it with the real count.
CREATE OR REPLACE FUNCTION consultation_recommendation_count(p_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT 0::bigint';

CREATE OR REPLACE FUNCTION consultation_counts(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'pending', count(*) FILTER (WHERE x.moderation = 'pending'),
           'approved', count(*) FILTER (WHERE x.moderation = 'approved'),
           'rejected', count(*) FILTER (WHERE x.moderation = 'rejected'))
    FROM contribution x WHERE x.consultation_id = p_id
$$;

CREATE OR REPLACE FUNCTION consultation_list_doc(c consultation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', c.id::text, 'kind', c.kind, 'title', c.title,
           'target_group', c.target_group, 'starts_on', c.starts_on,
           'ends_on', c.ends_on, 'place', c.place, 'status', c.status,
           'visibility', c.visibility, 'participant_count', c.participant_count,
           'online', consultation_online(c.kind),
           'contribution_counts', consultation_counts(c.id),
           'recommendation_count', consultation_recommendation_count(c.id))
$$;

CREATE OR REPLACE FUNCTION consultation_doc(c consultation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', c.id::text, 'kind', c.kind, 'title', c.title,
           'description', c.description, 'target_group', c.target_group,
           'starts_on', c.starts_on, 'ends_on', c.ends_on, 'place', c.place,
           'organiser_organisation_ids',
             (SELECT coalesce(json_agg(o::text), '[]') FROM unnest(c.organiser_organisation_ids) o),
           'organisers', org_refs(c.organiser_organisation_ids),
           'organisers_text', c.organisers_text,
           'participant_count', c.participant_count,
           'concept_id', c.concept_id::text,
           'concept', (SELECT json_build_object('id', k.id::text, 'title', k.title)
                         FROM concept k WHERE k.id = c.concept_id),
           'status', c.status, 'findings', c.findings, 'visibility', c.visibility,
           'online', consultation_online(c.kind),
           'contribution_counts', consultation_counts(c.id),
           'recommendation_count', consultation_recommendation_count(c.id),
           'version', c.version, 'created_at', c.created_at, 'updated_at', c.updated_at)
$$;

CREATE OR REPLACE FUNCTION contribution_action_field(p_mid bigint, p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', f.id::text, 'name', f.name)
    FROM action_field f WHERE f.municipality_id = p_mid AND f.id = p_id
$$;

-- A contribution; the author fields for the staff only.
CREATE OR REPLACE FUNCTION contribution_doc(x contribution) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', x.id::text, 'consultation_id', x.consultation_id::text,
           'text', x.text,
           'action_field', contribution_action_field(x.municipality_id, x.action_field_id),
           'source', x.source, 'origin', x.origin, 'moderation', x.moderation,
           'rejection_reason', x.rejection_reason, 'created_at', x.created_at,
           'author_name', CASE WHEN s.staff THEN x.author_name END,
           'author_contact', CASE WHEN s.staff THEN x.author_contact END)
    FROM (SELECT app_in(x.municipality_id, '{officer,steering}') AS staff) s
$$;

CREATE OR REPLACE FUNCTION contribution_public_doc(x contribution) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', x.id::text, 'text', x.text,
           'action_field', contribution_action_field(x.municipality_id, x.action_field_id),
           'source', x.source, 'origin', x.origin, 'created_at', x.created_at)
$$;

-- The approved contributions of a consultation, oldest first.
CREATE OR REPLACE FUNCTION consultation_public_contributions(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(contribution_public_doc(x) ORDER BY x.id), '[]')
    FROM contribution x WHERE x.consultation_id = p_id AND x.moderation = 'approved'
$$;

CREATE OR REPLACE FUNCTION consultation_public_list_doc(c consultation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', c.id::text, 'kind', c.kind, 'title', c.title,
           'description', c.description, 'target_group', c.target_group,
           'starts_on', c.starts_on, 'ends_on', c.ends_on, 'place', c.place,
           'status', c.status, 'findings', c.findings,
           'participant_count', c.participant_count,
           'online', consultation_online(c.kind),
           'accepts_contributions', consultation_online(c.kind) AND c.status = 'open',
           'contribution_count', (SELECT count(*) FROM contribution x
                                   WHERE x.consultation_id = c.id
                                     AND x.moderation = 'approved'),
           'contributions', consultation_public_contributions(c.id))
$$;

-- A public consultation with its approved contributions, never authors.
CREATE OR REPLACE FUNCTION consultation_public_doc(c consultation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', c.id::text, 'kind', c.kind, 'title', c.title,
           'description', c.description, 'target_group', c.target_group,
           'starts_on', c.starts_on, 'ends_on', c.ends_on, 'place', c.place,
           'organisers', org_refs(c.organiser_organisation_ids),
           'organisers_text', c.organisers_text,
           'participant_count', c.participant_count, 'status', c.status,
           'findings', c.findings, 'online', consultation_online(c.kind),
           'accepts_contributions', consultation_online(c.kind) AND c.status = 'open',
           'contributions', consultation_public_contributions(c.id))
$$;
