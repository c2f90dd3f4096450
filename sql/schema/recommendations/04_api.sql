-- The api_recommendation_* functions the handlers call (api/src/handlers/
-- recommendation.c): each a change of one recommendation in one
-- transaction, as the caller, answering (doc, etag, ref) with the
-- recommendation's new version. Links are checked to be of the same
-- municipality here, to name the field at fault (the composite keys of
-- migration 010 hold it anyway).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION recommendation_reply(p_id bigint)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE sql STABLE AS $$
  SELECT recommendation_doc(r), r.version::text, r.id::text
    FROM recommendation r WHERE r.id = p_id
$$;

-- The recommendation to change, locked, with If-Match checked (404 when
-- the caller cannot see it).
CREATE OR REPLACE FUNCTION recommendation_lock(p_mid bigint, p_id bigint, p_if_match text)
RETURNS recommendation
LANGUAGE plpgsql AS $$
DECLARE
  r recommendation;
BEGIN
  SELECT * INTO r FROM recommendation WHERE municipality_id = p_mid AND id = p_id;
  PERFORM app_assert(r.id IS NOT NULL, 'TH404', 'There is no such recommendation.');
  SELECT * INTO r FROM recommendation WHERE municipality_id = p_mid AND id = p_id
     FOR UPDATE;
  PERFORM app_if_match(r.version::text, p_if_match);
  RETURN r;
END
$$;

-- Whether every id of the array p -> p_key names a row of p_table in the
-- municipality; the first that does not is named (422).
CREATE OR REPLACE FUNCTION recommendation_check_ids(p_mid bigint, p jsonb, p_key text,
                                                    p_table text, p_message text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_bad bigint;
BEGIN
  IF NOT p ? p_key OR jsonb_typeof(p -> p_key) <> 'array' THEN
    RETURN;
  END IF;
  EXECUTE format('SELECT n - 1 FROM jsonb_array_elements_text($1) WITH ORDINALITY AS a (x, n)'
                 ' WHERE NOT EXISTS (SELECT FROM %I t WHERE t.municipality_id = $2'
                 ' AND t.id = a.x::bigint) ORDER BY n LIMIT 1', p_table)
    INTO v_bad USING p -> p_key, p_mid;
  PERFORM app_assert_at(v_bad IS NULL, 'TH422', p_message, format('/%s/%s', p_key, v_bad));
END
$$;

CREATE OR REPLACE FUNCTION recommendation_check_refs(p_mid bigint, p jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_assert_at(NOT p ? 'action_field_id'
                        OR EXISTS (SELECT FROM action_field WHERE municipality_id = p_mid
                                      AND id = (p ->> 'action_field_id')::bigint),
                        'TH422', 'There is no such action field in this municipality.',
                        '/action_field_id');
  PERFORM recommendation_check_ids(p_mid, p, 'consultation_ids', 'consultation',
                                   'There is no such consultation in this municipality.');
  PERFORM recommendation_check_ids(p_mid, p, 'contribution_ids', 'contribution',
                                   'There is no such contribution in this municipality.');
END
$$;

-- Replaces the consultations and contributions of a recommendation by
-- those p names (each list only when given).
CREATE OR REPLACE FUNCTION recommendation_set_links(p_mid bigint, p_id bigint, p jsonb)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p ? 'consultation_ids' THEN
    DELETE FROM recommendation_consultation
     WHERE recommendation_id = p_id
       AND consultation_id::text NOT IN (SELECT jsonb_array_elements_text(p -> 'consultation_ids'));
    INSERT INTO recommendation_consultation (municipality_id, recommendation_id, consultation_id)
    SELECT p_mid, p_id, x::bigint FROM jsonb_array_elements_text(p -> 'consultation_ids') x
    ON CONFLICT DO NOTHING;
  END IF;
  IF p ? 'contribution_ids' THEN
    DELETE FROM recommendation_contribution
     WHERE recommendation_id = p_id
       AND contribution_id::text NOT IN (SELECT jsonb_array_elements_text(p -> 'contribution_ids'));
    INSERT INTO recommendation_contribution (municipality_id, recommendation_id, contribution_id)
    SELECT p_mid, p_id, x::bigint FROM jsonb_array_elements_text(p -> 'contribution_ids') x
    ON CONFLICT DO NOTHING;
  END IF;
END
$$;

-- Links the measures p -> 'measure_ids' names: adds the new ones first,
-- then removes the others (the guard checks an accepted recommendation
-- after each statement).
CREATE OR REPLACE FUNCTION recommendation_set_measures(p_mid bigint, p_id bigint, p jsonb)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recommendation_check_ids(p_mid, p, 'measure_ids', 'measure',
                                   'There is no such measure in this municipality.');
  INSERT INTO recommendation_measure (municipality_id, recommendation_id, measure_id)
  SELECT p_mid, p_id, x::bigint FROM jsonb_array_elements_text(p -> 'measure_ids') x
  ON CONFLICT DO NOTHING;
  DELETE FROM recommendation_measure
   WHERE recommendation_id = p_id
     AND measure_id::text NOT IN (SELECT jsonb_array_elements_text(p -> 'measure_ids'));
END
$$;

CREATE OR REPLACE FUNCTION api_recommendation_create(p_ags text, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
BEGIN
  PERFORM recommendation_check_refs(v_mid, p);
  INSERT INTO recommendation (municipality_id, title, text, action_field_id, created_by)
  VALUES (v_mid, btrim(p ->> 'title'), nullif(p ->> 'text', ''),
          (p ->> 'action_field_id')::bigint, app_account_id())
  RETURNING id INTO v_id;
  PERFORM recommendation_set_links(v_mid, v_id, p);
  RETURN QUERY SELECT * FROM recommendation_reply(v_id);
END
$$;

CREATE OR REPLACE FUNCTION api_recommendation_update(p_ags text, p_id bigint, p jsonb,
                                                     p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  r recommendation := recommendation_lock(v_mid, p_id, p_if_match);
BEGIN
  PERFORM recommendation_check_refs(v_mid, p);
  PERFORM recommendation_set_links(v_mid, p_id, p);
  UPDATE recommendation SET
    title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
    text = CASE WHEN p ? 'text' THEN nullif(p ->> 'text', '') ELSE text END,
    action_field_id = CASE WHEN p ? 'action_field_id'
                           THEN (p ->> 'action_field_id')::bigint ELSE action_field_id END,
    version = version + 1
  WHERE municipality_id = v_mid AND id = p_id;
  RETURN QUERY SELECT * FROM recommendation_reply(p_id);
END
$$;

-- The response (Stellungnahme): the steering group (and district admins)
-- give it; officers record it when they name the meeting that decided it.
-- It replaces the one before; the audit log keeps that.
CREATE OR REPLACE FUNCTION api_recommendation_respond(p_ags text, p_id bigint, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  r recommendation := recommendation_lock(v_mid, p_id, NULL);
  v_meeting bigint := nullif(p ->> 'meeting_id', '')::bigint;
BEGIN
  PERFORM app_assert(app_in(v_mid, '{steering}') OR v_meeting IS NOT NULL
                     OR (app_claims() ->> 'dadm')::boolean IS TRUE,
                     'TH403', 'The steering group responds to recommendations; the '
                              'integration office records a response with the meeting '
                              'that decided it.');
  PERFORM app_assert_at(v_meeting IS NULL
                        OR EXISTS (SELECT FROM meeting WHERE municipality_id = v_mid
                                      AND id = v_meeting),
                        'TH422', 'There is no such meeting in this municipality.',
                        '/meeting_id');
  PERFORM app_assert_at(p ->> 'kind' <> 'accepted'
                        OR jsonb_array_length(coalesce(p -> 'measure_ids', '[]')) > 0
                        OR (NOT p ? 'measure_ids'
                            AND EXISTS (SELECT FROM recommendation_measure
                                         WHERE recommendation_id = p_id)),
                        'TH422', 'An accepted recommendation is carried out by at least '
                                 'one measure.', '/measure_ids');
  IF p ? 'measure_ids' THEN
    PERFORM recommendation_set_measures(v_mid, p_id, p);
  END IF;
  UPDATE recommendation SET
    response_kind = p ->> 'kind',
    response_reason = btrim(p ->> 'reason'),
    decided_on = (p ->> 'decided_on')::date,
    meeting_id = v_meeting,
    responded_by = app_account_id(),
    responded_at = now(),
    version = version + 1
  WHERE municipality_id = v_mid AND id = p_id;
  RETURN QUERY SELECT * FROM recommendation_reply(p_id);
END
$$;

-- Relinks the measures (PUT …/recommendations/{id}/measures).
CREATE OR REPLACE FUNCTION api_recommendation_measures_put(p_ags text, p_id bigint, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  r recommendation := recommendation_lock(v_mid, p_id, NULL);
BEGIN
  PERFORM app_assert_at(r.response_kind IS DISTINCT FROM 'accepted'
                        OR jsonb_array_length(p -> 'measure_ids') > 0,
                        'TH422', 'An accepted recommendation is carried out by at least '
                                 'one measure.', '/measure_ids');
  PERFORM recommendation_set_measures(v_mid, p_id, p);
  UPDATE recommendation SET version = version + 1
   WHERE municipality_id = v_mid AND id = p_id;
  RETURN QUERY SELECT * FROM recommendation_reply(p_id);
END
$$;

REVOKE ALL ON FUNCTION recommendation_check_ids(bigint, jsonb, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION recommendation_check_ids(bigint, jsonb, text, text, text)
  TO teilhabe_app;
