-- The api_* functions the handlers call (api/src/handlers/consultation.c,
-- contribution.c): each a change in one transaction, as the caller,
-- answering (doc, etag, ref). And the one definer function of the
-- public form, public_contribution_submit, with its throttle.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION consultation_reply(p_id bigint)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE sql STABLE AS $$
  SELECT consultation_doc(c), c.version::text, c.id::text FROM consultation c WHERE c.id = p_id
$$;

CREATE OR REPLACE FUNCTION consultation_refs(p_mid bigint, p jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_assert_at(coalesce(p ->> 'concept_id', '') = ''
                        OR EXISTS (SELECT FROM concept WHERE municipality_id = p_mid
                                      AND id = (p ->> 'concept_id')::bigint),
                        'TH422', 'There is no such concept in this municipality.',
                        '/concept_id');
END
$$;

CREATE OR REPLACE FUNCTION api_consultation_create(p_ags text, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
BEGIN
  PERFORM consultation_refs(v_mid, p);
  PERFORM app_assert_at(coalesce(p ->> 'status', 'planned') IN ('planned', 'open'), 'TH422',
                        'A new consultation is planned or open.', '/status');
  INSERT INTO consultation (municipality_id, kind, title, description, target_group,
                            starts_on, ends_on, place, organiser_organisation_ids,
                            organisers_text, participant_count, concept_id, status,
                            findings, visibility, created_by)
  VALUES (v_mid, p ->> 'kind', btrim(p ->> 'title'), nullif(p ->> 'description', ''),
          nullif(btrim(p ->> 'target_group'), ''), (p ->> 'starts_on')::date,
          (p ->> 'ends_on')::date, nullif(btrim(p ->> 'place'), ''),
          coalesce(app_ids(p -> 'organiser_organisation_ids'), '{}'),
          nullif(btrim(p ->> 'organisers_text'), ''), (p ->> 'participant_count')::int,
          (p ->> 'concept_id')::bigint, coalesce(p ->> 'status', 'planned'),
          nullif(p ->> 'findings', ''), coalesce(p ->> 'visibility', 'internal'),
          app_account_id())
  RETURNING id INTO v_id;
  RETURN QUERY SELECT * FROM consultation_reply(v_id);
END
$$;

CREATE OR REPLACE FUNCTION api_consultation_update(p_ags text, p_id bigint, p jsonb,
                                                   p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  c consultation;
  v_starts date;
  v_ends date;
BEGIN
  SELECT * INTO c FROM consultation WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  PERFORM app_assert(c.id IS NOT NULL, 'TH404', 'There is no such consultation.');
  PERFORM app_if_match(c.version::text, p_if_match);
  PERFORM consultation_refs(v_mid, p);
  v_starts := CASE WHEN p ? 'starts_on' THEN (p ->> 'starts_on')::date ELSE c.starts_on END;
  v_ends := CASE WHEN p ? 'ends_on' THEN (p ->> 'ends_on')::date ELSE c.ends_on END;
  PERFORM app_assert_at(v_ends IS NULL OR v_starts IS NULL OR v_ends >= v_starts, 'TH422',
                        'A consultation ends on or after the day it starts.',
                        CASE WHEN p ? 'ends_on' THEN '/ends_on' ELSE '/starts_on' END);
  UPDATE consultation SET
    kind = CASE WHEN p ? 'kind' THEN p ->> 'kind' ELSE kind END,
    title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
    description = CASE WHEN p ? 'description' THEN nullif(p ->> 'description', '')
                       ELSE description END,
    target_group = CASE WHEN p ? 'target_group' THEN nullif(btrim(p ->> 'target_group'), '')
                        ELSE target_group END,
    starts_on = v_starts,
    ends_on = v_ends,
    place = CASE WHEN p ? 'place' THEN nullif(btrim(p ->> 'place'), '') ELSE place END,
    organiser_organisation_ids = CASE WHEN p ? 'organiser_organisation_ids'
                                      THEN coalesce(app_ids(p -> 'organiser_organisation_ids'), '{}')
                                      ELSE organiser_organisation_ids END,
    organisers_text = CASE WHEN p ? 'organisers_text'
                           THEN nullif(btrim(p ->> 'organisers_text'), '')
                           ELSE organisers_text END,
    participant_count = CASE WHEN p ? 'participant_count' THEN (p ->> 'participant_count')::int
                             ELSE participant_count END,
    concept_id = CASE WHEN p ? 'concept_id' THEN (p ->> 'concept_id')::bigint
                      ELSE concept_id END,
    status = CASE WHEN p ? 'status' THEN p ->> 'status' ELSE status END,
    findings = CASE WHEN p ? 'findings' THEN nullif(p ->> 'findings', '') ELSE findings END,
    visibility = CASE WHEN p ? 'visibility' THEN p ->> 'visibility' ELSE visibility END
  WHERE id = p_id;
  RETURN QUERY SELECT * FROM consultation_reply(p_id);
END
$$;

-- A contribution entered by the staff (approved at once) or by a partner
-- organising the consultation (pending until moderated).
CREATE OR REPLACE FUNCTION api_contribution_create(p_ags text, p_id bigint, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_officer boolean := app_in(v_mid, '{officer}');
  v_new bigint;
BEGIN
  PERFORM app_assert(EXISTS (SELECT FROM consultation WHERE municipality_id = v_mid
                                AND id = p_id), 'TH404', 'There is no such consultation.');
  PERFORM app_assert(v_officer OR EXISTS (
                       SELECT FROM consultation c WHERE c.id = p_id
                          AND consultation_organiser(c.municipality_id,
                                                     c.organiser_organisation_ids)),
                     'TH403', 'Contributions are entered by the integration office '
                              'and the organisations organising the consultation.');
  PERFORM app_assert_at(coalesce(p ->> 'action_field_id', '') = ''
                        OR EXISTS (SELECT FROM action_field WHERE municipality_id = v_mid
                                      AND id = (p ->> 'action_field_id')::bigint),
                        'TH422', 'There is no such action field in this municipality.',
                        '/action_field_id');
  INSERT INTO contribution (municipality_id, consultation_id, text, action_field_id, source,
                            origin, moderation, organisation_id, created_by,
                            moderated_by, moderated_at)
  VALUES (v_mid, p_id, btrim(p ->> 'text'), (p ->> 'action_field_id')::bigint,
          nullif(btrim(p ->> 'source'), ''), 'entered',
          CASE WHEN v_officer THEN 'approved' ELSE 'pending' END,
          CASE WHEN v_officer THEN NULL ELSE app_org(v_mid) END, app_account_id(),
          CASE WHEN v_officer THEN app_account_id() END,
          CASE WHEN v_officer THEN now() END)
  RETURNING id INTO v_new;
  RETURN QUERY SELECT contribution_doc(x), md5(contribution_doc(x)::text), x.id::text
                 FROM contribution x WHERE x.id = v_new;
END
$$;

CREATE OR REPLACE FUNCTION api_contribution_moderate(p_ags text, p_id bigint, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_reason text := nullif(btrim(p ->> 'rejection_reason'), '');
BEGIN
  PERFORM app_assert(EXISTS (SELECT FROM contribution WHERE municipality_id = v_mid
                                AND id = p_id), 'TH404', 'There is no such contribution.');
  PERFORM app_assert_at(p ->> 'moderation' <> 'rejected' OR v_reason IS NOT NULL, 'TH422',
                        'Give a reason to reject a contribution.', '/rejection_reason');
  UPDATE contribution SET moderation = p ->> 'moderation',
                          rejection_reason = CASE WHEN p ->> 'moderation' = 'rejected'
                                                  THEN v_reason END
   WHERE id = p_id;
  RETURN QUERY SELECT contribution_doc(x), md5(contribution_doc(x)::text), x.id::text
                 FROM contribution x WHERE x.id = p_id;
END
$$;

-- The public form's throttle: counts a submission from p_addr and answers
-- 0, or the seconds to wait once p_limit submissions came within
-- p_window seconds. Its own statement, so that refused submissions count
-- too.
CREATE OR REPLACE FUNCTION public_contribution_throttle(p_addr text, p_limit int,
                                                        p_window int)
RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t contribution_throttle;
BEGIN
  INSERT INTO contribution_throttle AS x (key, count, first_at)
  VALUES ('addr:' || p_addr, 1, now())
  ON CONFLICT (key) DO UPDATE
    SET count = CASE WHEN x.first_at <= now() - make_interval(secs => p_window) THEN 1
                     ELSE x.count + 1 END,
        first_at = CASE WHEN x.first_at <= now() - make_interval(secs => p_window)
                        THEN now() ELSE x.first_at END
  RETURNING * INTO t;
  DELETE FROM contribution_throttle
   WHERE first_at < now() - make_interval(secs => greatest(p_window, 86400));
  IF t.count > p_limit THEN
    RETURN greatest(1, ceil(extract(epoch FROM t.first_at
                                    + make_interval(secs => p_window) - now())))::int;
  END IF;
  RETURN 0;
END
$$;

-- A contribution from the public form: anonymous, so a definer that
-- writes only what the form may (origin online, moderation pending) to a
-- public consultation that is open and of an online kind. The author's
-- name and contact are optional and deleted at evaluation.
CREATE OR REPLACE FUNCTION public_contribution_submit(p_ags text, p_id bigint, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  c consultation;
  v_new bigint;
BEGIN
  SELECT * INTO c FROM consultation
   WHERE municipality_id = v_mid AND id = p_id AND visibility = 'public';
  PERFORM app_assert(c.id IS NOT NULL, 'TH404', 'There is no such published consultation.');
  PERFORM app_assert(consultation_online(c.kind), 'TH409',
                     'This consultation takes no contributions online.');
  PERFORM app_assert(c.status = 'open', 'TH409',
                     'This consultation is not open for contributions.');
  PERFORM app_assert_at(coalesce(p ->> 'action_field_id', '') = ''
                        OR EXISTS (SELECT FROM action_field WHERE municipality_id = v_mid
                                      AND id = (p ->> 'action_field_id')::bigint),
                        'TH422', 'There is no such action field in this municipality.',
                        '/action_field_id');
  INSERT INTO contribution (municipality_id, consultation_id, text, action_field_id,
                            origin, moderation, author_name, author_contact)
  VALUES (v_mid, p_id, btrim(p ->> 'text'), (p ->> 'action_field_id')::bigint,
          'online', 'pending', nullif(btrim(p ->> 'author_name'), ''),
          nullif(btrim(p ->> 'author_contact'), ''))
  RETURNING id INTO v_new;
  RETURN QUERY SELECT json_build_object(
                        'status', 'pending',
                        'message', 'Vielen Dank für Ihren Beitrag. Er wird geprüft und '
                                   'danach veröffentlicht.'),
                      NULL::text, v_new::text;
END
$$;

REVOKE ALL ON FUNCTION public_contribution_throttle(text, int, int),
  public_contribution_submit(text, bigint, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_contribution_throttle(text, int, int),
  public_contribution_submit(text, bigint, jsonb) TO teilhabe_app;
