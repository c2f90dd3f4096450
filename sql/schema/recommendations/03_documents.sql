-- The documents of recommendations: the one staff and partners read, the
-- public one, and the recommendations of a measure. Read as the caller,
-- so the policies decide which measures and meetings appear; the links to
-- consultations and contributions are read through the definer functions
-- below, which show each caller only what is shared with them.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- How much of a municipality's consultations the caller sees: 'staff',
-- 'partners' or 'public'.
CREATE OR REPLACE FUNCTION recommendation_reader(p_mid bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_in(p_mid, '{officer,steering}') THEN 'staff'
              WHEN app_in(p_mid, '{partner}') AND app_scope('catalogue:read')
                THEN 'partners'
              ELSE 'public' END
$$;

-- The consultations of a recommendation the reader may see, oldest first:
-- [{id, title, kind, starts_on, visibility}].
CREATE OR REPLACE FUNCTION recommendation_consultations(p_id bigint, p_reader text)
RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(json_agg(json_build_object(
           'id', c.id::text, 'title', c.title, 'kind', c.kind,
           'starts_on', c.starts_on, 'visibility', c.visibility)
           ORDER BY c.starts_on NULLS LAST, c.id), '[]')
    FROM recommendation_consultation l
    JOIN consultation c ON c.municipality_id = l.municipality_id
                       AND c.id = l.consultation_id
   WHERE l.recommendation_id = p_id
     AND (p_reader = 'staff'
          OR c.visibility = 'public'
          OR (p_reader = 'partners'
              AND (c.visibility = 'partners'
                   OR app_org(c.municipality_id) = ANY (c.organiser_organisation_ids))))
$$;

-- The contributions a recommendation builds on, as ids: all for staff,
-- the approved ones for others.
CREATE OR REPLACE FUNCTION recommendation_contribution_ids(p_id bigint, p_reader text)
RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(json_agg(k.id::text ORDER BY k.id), '[]')
    FROM recommendation_contribution l
    JOIN contribution k ON k.municipality_id = l.municipality_id
                       AND k.id = l.contribution_id
   WHERE l.recommendation_id = p_id
     AND (p_reader = 'staff' OR k.moderation = 'approved')
$$;

-- How many measures carry a recommendation out, seen or not (the public
-- list counts the internal ones, never shows them).
CREATE OR REPLACE FUNCTION recommendation_measure_count(p_id bigint) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*)::int FROM recommendation_measure WHERE recommendation_id = p_id
$$;

CREATE OR REPLACE FUNCTION recommendation_response_doc(r recommendation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN r.response_kind IS NOT NULL THEN json_build_object(
           'kind', r.response_kind, 'reason', r.response_reason,
           'decided_on', r.decided_on,
           'meeting', (SELECT json_build_object('id', m.id::text, 'title', m.title,
                                                'starts_at', m.starts_at)
                         FROM meeting m WHERE m.municipality_id = r.municipality_id
                                          AND m.id = r.meeting_id)) END
$$;

-- The measures the caller may see that carry r out, by code.
CREATE OR REPLACE FUNCTION recommendation_measures_doc(r recommendation, p_public boolean)
RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(CASE WHEN p_public THEN
           json_build_object('id', x.id::text, 'code', x.code, 'title', x.title,
                             'status', x.status, 'progress', x.progress)
         ELSE
           json_build_object('id', x.id::text, 'code', x.code, 'title', x.title,
                             'status', x.status, 'progress', x.progress,
                             'visibility', x.visibility) END
           ORDER BY x.code, x.id), '[]')
    FROM recommendation_measure l
    JOIN measure x ON x.municipality_id = l.municipality_id AND x.id = l.measure_id
   WHERE l.recommendation_id = r.id
     AND (NOT p_public OR x.visibility = 'public')
$$;

-- The recommendation (GET …/recommendations/{id} and the list's items);
-- its ETag is the version.
CREATE OR REPLACE FUNCTION recommendation_doc(r recommendation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', r.id::text, 'title', r.title, 'text', r.text,
           'action_field', (SELECT json_build_object('id', f.id::text, 'name', f.name)
                              FROM action_field f
                             WHERE f.municipality_id = r.municipality_id
                               AND f.id = r.action_field_id),
           'consultations', (SELECT coalesce(json_agg(json_build_object(
                                      'id', c ->> 'id', 'title', c ->> 'title')), '[]')
                               FROM json_array_elements(recommendation_consultations(
                                      r.id, recommendation_reader(r.municipality_id))) c),
           'contribution_ids', recommendation_contribution_ids(
                                 r.id, recommendation_reader(r.municipality_id)),
           'response', recommendation_response_doc(r),
           'measures', recommendation_measures_doc(r, false),
           'version', r.version,
           'created_at', r.created_at, 'updated_at', r.updated_at)
$$;

-- What the public sees (GET /public/municipalities/{ags}/recommendations):
-- the public consultations, the response, the public measures and how
-- many others (internal or shared with partners) there are.
CREATE OR REPLACE FUNCTION recommendation_public_doc(r recommendation) RETURNS json
LANGUAGE sql STABLE AS $$
  WITH shown AS (SELECT recommendation_measures_doc(r, true) AS items)
  SELECT json_build_object(
           'id', r.id::text, 'title', r.title, 'text', r.text,
           'action_field', (SELECT json_build_object('id', f.id::text, 'name', f.name)
                              FROM action_field f
                             WHERE f.municipality_id = r.municipality_id
                               AND f.id = r.action_field_id),
           'consultations', (SELECT coalesce(json_agg(json_build_object(
                                      'id', c ->> 'id', 'title', c ->> 'title',
                                      'kind', c ->> 'kind',
                                      'starts_on', c -> 'starts_on')), '[]')
                               FROM json_array_elements(
                                      recommendation_consultations(r.id, 'public')) c),
           'response', CASE WHEN r.response_kind IS NOT NULL THEN json_build_object(
                         'kind', r.response_kind, 'reason', r.response_reason,
                         'decided_on', r.decided_on,
                         'meeting', (SELECT json_build_object('id', m.id::text,
                                                              'title', m.title,
                                                              'starts_at', m.starts_at)
                                       FROM meeting m
                                      WHERE m.municipality_id = r.municipality_id
                                        AND m.id = r.meeting_id
                                        AND m.visibility = 'public')) END,
           'measures', shown.items,
           'internal_measure_count', recommendation_measure_count(r.id)
                                     - json_array_length(shown.items))
    FROM shown
$$;

-- How many recommendations the caller may see name a consultation (the
-- consultation documents' recommendation_count): replaces the
-- participation family's stand-in, which counts none.
CREATE OR REPLACE FUNCTION consultation_recommendation_count(p_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM recommendation_consultation l
    JOIN recommendation r ON r.id = l.recommendation_id
   WHERE l.consultation_id = p_id
$$;

REVOKE ALL ON FUNCTION recommendation_consultations(bigint, text),
  recommendation_contribution_ids(bigint, text), recommendation_measure_count(bigint)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION recommendation_consultations(bigint, text),
  recommendation_contribution_ids(bigint, text), recommendation_measure_count(bigint)
  TO teilhabe_app;
