-- The documents of the catalogue (views the service reads as the caller,
-- so row-level security applies) and the api_* functions that carry out
-- one change each. Errors of class TH carry a message, and in DETAIL the
-- request field at fault, to the caller.

-- ---------------------------------------------------------------------------
-- Documents

-- The full-text query for a search box, in web-search syntax (words,
-- "phrases", or, -word) with German stems, each stem matched as the start
-- of a word ("Sprachkurs" finds "Sprachkurse", whose stems differ).
CREATE FUNCTION app_search_query(p text) RETURNS tsquery
LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(websearch_to_tsquery('german'::regconfig, p)::text,
                        '(''(?:[^'']|'''')+'')', '\1:*', 'g')::tsquery
$$;

-- The municipality of an AGS for a change; TH404 when there is none (a
-- district admin may name any AGS of the district).
CREATE FUNCTION app_tenant(p_ags text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_mid bigint := app_municipality(p_ags);
BEGIN
  PERFORM app_assert(v_mid IS NOT NULL, 'TH404', 'There is no such municipality.');
  RETURN v_mid;
END
$$;

CREATE VIEW action_field_doc WITH (security_invoker = true) AS
SELECT f.municipality_id, f.id, f.position,
       json_build_object(
         'id', f.id::text,
         'municipality', mu.ags,
         'name', f.name,
         'description', f.description,
         'position', f.position,
         'default_key', f.default_key,
         'created_at', f.created_at,
         'updated_at', f.updated_at) AS doc,
       json_build_object('id', f.id::text, 'name', f.name,
                         'position', f.position) AS public_doc
  FROM action_field f
  JOIN municipality mu ON mu.id = f.municipality_id;

CREATE VIEW concept_doc WITH (security_invoker = true) AS
SELECT c.municipality_id, c.id, c.status, c.version,
       json_build_object(
         'id', c.id::text,
         'municipality', mu.ags,
         'version', c.version,
         'title', c.title,
         'summary', c.summary,
         'status', c.status,
         'resolution_date', c.resolution_date,
         'resolution_reference', c.resolution_reference,
         'adopted_at', c.adopted_at,
         'goal_count', (SELECT count(*) FROM guiding_goal g WHERE g.concept_id = c.id),
         'measure_count', (SELECT count(*) FROM measure m WHERE m.concept_id = c.id),
         'created_at', c.created_at,
         'updated_at', c.updated_at) AS doc
  FROM concept c
  JOIN municipality mu ON mu.id = c.municipality_id;

CREATE VIEW goal_doc WITH (security_invoker = true) AS
SELECT g.municipality_id, g.id, g.concept_id, g.position,
       json_build_object(
         'id', g.id::text,
         'concept_id', g.concept_id::text,
         'position', g.position,
         'title', g.title,
         'description', g.description,
         'created_at', g.created_at,
         'updated_at', g.updated_at) AS doc
  FROM guiding_goal g;

-- The adopted concept as the public sees it, with its goals.
CREATE VIEW concept_public_doc WITH (security_invoker = true) AS
SELECT c.municipality_id, c.id,
       json_build_object(
         'id', c.id::text,
         'version', c.version,
         'title', c.title,
         'summary', c.summary,
         'resolution_date', c.resolution_date,
         'resolution_reference', c.resolution_reference,
         'adopted_at', c.adopted_at,
         'goals', coalesce((
           SELECT json_agg(json_build_object('id', g.id::text,
                                             'position', g.position,
                                             'title', g.title,
                                             'description', g.description)
                           ORDER BY g.position)
             FROM guiding_goal g WHERE g.concept_id = c.id), '[]'::json)) AS doc
  FROM concept c
 WHERE c.status = 'adopted';

CREATE FUNCTION org_refs(p_ids bigint[]) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(json_agg(json_build_object('id', o.id::text, 'name', o.name)
                           ORDER BY u.n), '[]'::json)
    FROM unnest(p_ids) WITH ORDINALITY AS u (id, n)
    JOIN organisation o ON o.id = u.id
$$;

-- A measure's document is kept with the row (the catalogue is read far
-- more often than it is written, and building fifty documents per page
-- cost more than everything else of a request): a trigger builds it on
-- every insert and update; renaming an action field or an organisation,
-- and adding or moving a Teilmaßnahme, rebuild the documents it appears in.
ALTER TABLE measure ADD COLUMN doc json;

CREATE FUNCTION measure_build_doc(m measure) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object(
         'id', m.id::text,
         'concept_id', m.concept_id::text,
         'code', m.code,
         'title', m.title,
         'description', m.description,
         'action_field', json_build_object('id', f.id::text, 'name', f.name),
         'goal_ids', m.goal_ids::text[],
         'horizon', m.horizon,
         'rank', m.rank,
         'status', m.status,
         'status_reason', m.status_reason,
         'progress', m.progress,
         'progress_from_children', m.progress_from_children,
         'weight', m.weight,
         'planned_start', m.planned_start,
         'planned_end', m.planned_end,
         'actual_start', m.actual_start,
         'actual_end', m.actual_end,
         'lead_organisation', org_ref(m.lead_organisation_id),
         'partner_organisations', CASE WHEN m.partner_organisation_ids = '{}'
                                       THEN '[]'::json
                                       ELSE org_refs(m.partner_organisation_ids) END,
         'target_groups', m.target_groups,
         'budget', m.budget,
         'visibility', m.visibility,
         'parent_id', m.parent_id::text,
         'child_count', (SELECT count(*) FROM measure c WHERE c.parent_id = m.id),
         'last_report', CASE WHEN m.last_report_on IS NULL THEN NULL ELSE
           json_build_object('reported_on', m.last_report_on,
                             'status', m.last_report_status) END,
         'created_at', m.created_at,
         'updated_at', m.updated_at)
    FROM action_field f
   WHERE f.municipality_id = m.municipality_id AND f.id = m.action_field_id
$$;

-- (named to run after measure_guard and measure_updated_at)
CREATE FUNCTION measure_zz_doc() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.doc := measure_build_doc(NEW);
  RETURN NEW;
END
$$;
CREATE TRIGGER measure_zz_doc BEFORE INSERT OR UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION measure_zz_doc();

-- A parent's document counts its Teilmaßnahmen.
CREATE FUNCTION measure_parent_doc() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.parent_id IS NOT NULL
     AND (TG_OP = 'DELETE' OR OLD.parent_id IS DISTINCT FROM NEW.parent_id) THEN
    UPDATE measure SET doc = NULL WHERE id = OLD.parent_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.parent_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR OLD.parent_id IS DISTINCT FROM NEW.parent_id) THEN
    UPDATE measure SET doc = NULL WHERE id = NEW.parent_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER measure_parent_doc AFTER INSERT OR DELETE OR UPDATE OF parent_id
  ON measure FOR EACH ROW EXECUTE FUNCTION measure_parent_doc();

CREATE FUNCTION action_field_measure_docs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE measure SET doc = NULL
   WHERE municipality_id = NEW.municipality_id AND action_field_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER action_field_measure_docs AFTER UPDATE OF name ON action_field
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION action_field_measure_docs();

CREATE FUNCTION organisation_measure_docs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE measure SET doc = NULL
   WHERE lead_organisation_id = NEW.id OR partner_organisation_ids @> ARRAY[NEW.id];
  RETURN NULL;
END
$$;
CREATE TRIGGER organisation_measure_docs AFTER UPDATE OF name ON organisation
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION organisation_measure_docs();

CREATE VIEW measure_doc WITH (security_invoker = true) AS
SELECT m.municipality_id, m.id, m.concept_id, m.rank, m.status, m.horizon,
       m.action_field_id, m.goal_ids, m.lead_organisation_id, m.target_groups,
       m.visibility, m.parent_id, m.updated_at, m.search, m.doc
  FROM measure m;

-- Public measures: those of the adopted concept shared with the public;
-- their document is the stored one without the internal fields.
CREATE VIEW measure_public_doc WITH (security_invoker = true) AS
SELECT m.municipality_id, m.id, m.concept_id, m.rank, m.status, m.horizon,
       m.action_field_id, m.goal_ids, m.target_groups, m.search,
       (m.doc::jsonb - '{concept_id,status_reason,progress_from_children,weight,budget,visibility,child_count,created_at}'::text[])::json AS doc
  FROM measure m
  JOIN concept c ON c.id = m.concept_id AND c.status = 'adopted'
 WHERE m.visibility = 'public';

-- Who wrote something: the account's or client's name.
CREATE FUNCTION author_ref(p_account bigint, p_client bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN p_account IS NOT NULL THEN
      (SELECT json_build_object('kind', 'account', 'id', a.id::text,
                                'display_name', a.display_name)
         FROM account a WHERE a.id = p_account)
    WHEN p_client IS NOT NULL THEN
      (SELECT json_build_object('kind', 'api_client', 'id', c.id::text,
                                'display_name', c.name)
         FROM api_client c WHERE c.id = p_client)
    ELSE json_build_object('kind', 'system', 'id', NULL, 'display_name', 'System')
  END
$$;

CREATE VIEW progress_report_doc WITH (security_invoker = true) AS
SELECT p.municipality_id, p.id, p.measure_id, p.reported_on, p.idempotency_key,
       json_build_object(
         'id', p.id::text,
         'measure_id', p.measure_id::text,
         'reported_on', p.reported_on,
         'status', p.status,
         'progress', p.progress,
         'text', p.text,
         'organisation', org_ref(p.organisation_id),
         'author', author_ref(p.author_account_id, p.author_client_id),
         'created_at', p.created_at) AS doc
  FROM progress_report p;

CREATE VIEW indicator_doc WITH (security_invoker = true) AS
SELECT i.municipality_id, i.id, i.goal_ids, i.measure_ids, i.source_set,
       i.visibility,
       json_build_object(
         'id', i.id::text,
         'municipality', mu.ags,
         'name', i.name,
         'unit', i.unit,
         'direction', i.direction,
         'numerator', i.numerator,
         'denominator', i.denominator,
         'source_set', i.source_set,
         'definition', i.definition,
         'baseline_value', i.baseline_value,
         'baseline_date', i.baseline_date,
         'target_value', i.target_value,
         'target_date', i.target_date,
         'goal_ids', i.goal_ids::text[],
         'measure_ids', i.measure_ids::text[],
         'visibility', i.visibility,
         'latest', s.state -> 'latest',
         'trend', s.state -> 'trend',
         'status', s.state -> 'status',
         'created_at', i.created_at,
         'updated_at', i.updated_at) AS doc
  FROM indicator i
  JOIN municipality mu ON mu.id = i.municipality_id
  CROSS JOIN LATERAL (
    SELECT indicator_state(i.id, i.direction, i.baseline_value, i.baseline_date,
                           i.target_value, i.target_date) AS state) s;

CREATE VIEW indicator_public_doc WITH (security_invoker = true) AS
SELECT i.municipality_id, i.id, i.measure_ids,
       json_build_object(
         'id', i.id::text,
         'name', i.name,
         'unit', i.unit,
         'direction', i.direction,
         'source_set', i.source_set,
         'definition', i.definition,
         'baseline_value', i.baseline_value,
         'baseline_date', i.baseline_date,
         'target_value', i.target_value,
         'target_date', i.target_date,
         'latest', s.state -> 'latest',
         'trend', s.state -> 'trend',
         'status', s.state -> 'status',
         -- the public measures among its measures
         'measure_ids', ARRAY(SELECT m.id::text FROM measure_public_doc m
                               WHERE m.municipality_id = i.municipality_id
                                 AND m.id = ANY (i.measure_ids) ORDER BY m.rank),
         'observations', coalesce((
           SELECT json_agg(json_build_object('period_end', o.period_end,
                                             'value', o.value,
                                             'series_break', o.series_break)
                           ORDER BY o.period_end)
             FROM observation o
            WHERE o.indicator_id = i.id AND o.age_group IS NULL
              AND o.sex IS NULL AND o.citizenship_group IS NULL), '[]'::json)) AS doc
  FROM indicator i
  CROSS JOIN LATERAL (
    SELECT indicator_state(i.id, i.direction, i.baseline_value, i.baseline_date,
                           i.target_value, i.target_date) AS state) s
 WHERE i.visibility = 'public';

CREATE VIEW observation_doc WITH (security_invoker = true) AS
SELECT o.municipality_id, o.id, o.indicator_id, o.period_end,
       (o.age_group IS NOT NULL OR o.sex IS NOT NULL
        OR o.citizenship_group IS NOT NULL) AS disaggregated,
       json_build_object(
         'id', o.id::text,
         'indicator_id', o.indicator_id::text,
         'period_start', o.period_start,
         'period_end', o.period_end,
         'value', o.value,
         'source', o.source,
         'series_break', o.series_break,
         'age_group', o.age_group,
         'sex', o.sex,
         'citizenship_group', o.citizenship_group,
         'organisation', org_ref(o.organisation_id),
         'created_at', o.created_at) AS doc
  FROM observation o;

-- A measure's history: its audit events, newest first, with the fields
-- that changed.
CREATE VIEW measure_history WITH (security_invoker = true) AS
SELECT e.municipality_id, e.table_name, e.row_id, e.id,
       json_build_object(
         'id', e.id::text,
         'at', e.at,
         'actor', audit_actor(e.id),
         'action', e.action,
         'table', e.table_name,
         'changes', coalesce((
           SELECT json_object_agg(k, json_build_object('old', e.old_values -> k,
                                                       'new', e.new_values -> k)
                                  ORDER BY k)
             FROM (SELECT jsonb_object_keys(coalesce(e.new_values, e.old_values)) AS k) ks
            WHERE k NOT IN ('updated_at', 'created_at', 'municipality_id', 'id')
              AND (e.old_values -> k) IS DISTINCT FROM (e.new_values -> k)),
           '{}'::json)) AS doc
  FROM audit_event e
 WHERE e.table_name = 'measure';

GRANT SELECT ON action_field_doc, concept_doc, goal_doc, concept_public_doc,
  measure_doc, measure_public_doc, progress_report_doc, indicator_doc,
  indicator_public_doc, observation_doc, measure_history TO teilhabe_app;
REVOKE ALL ON FUNCTION org_refs(bigint[]), author_ref(bigint, bigint),
  measure_build_doc(measure), measure_zz_doc(), measure_parent_doc(),
  action_field_measure_docs(),
  organisation_measure_docs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION org_refs(bigint[]), author_ref(bigint, bigint)
  TO teilhabe_app;

-- ---------------------------------------------------------------------------
-- Changes. Each takes the municipality's AGS, the body as jsonb (checked
-- for types and lengths by the service before) and, for changes of an
-- existing resource, the If-Match header; each returns the new document.

-- A bigint[] from a JSON array of id strings.
CREATE FUNCTION app_ids(p jsonb) RETURNS bigint[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x::bigint ORDER BY n), '{}')
    FROM jsonb_array_elements_text(p) WITH ORDINALITY AS a (x, n)
$$;

CREATE FUNCTION app_texts(p jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x ORDER BY n), '{}')
    FROM jsonb_array_elements_text(p) WITH ORDINALITY AS a (x, n)
$$;

-- Action fields

CREATE FUNCTION api_action_field_create(p_ags text, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
  v_doc json;
BEGIN
  -- positions are handed out one after another per municipality
  PERFORM pg_advisory_xact_lock(43, v_mid::int);
  INSERT INTO action_field (municipality_id, name, description, position)
  SELECT v_mid, btrim(p ->> 'name'), p ->> 'description',
         coalesce(max(position), 0) + 1
    FROM action_field WHERE municipality_id = v_mid
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM action_field_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_action_field_update(p_ags text, p_id bigint, p jsonb,
                                        p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_doc json;
BEGIN
  PERFORM 1 FROM action_field WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM action_field_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such action field.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  UPDATE action_field
     SET name = CASE WHEN p ? 'name' THEN btrim(p ->> 'name') ELSE name END,
         description = CASE WHEN p ? 'description' THEN p ->> 'description'
                            ELSE description END
   WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM action_field_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

-- Concepts

CREATE FUNCTION api_concept_create(p_ags text, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_src bigint;
  v_id bigint;
  v_doc json;
BEGIN
  IF p ? 'copy_from' AND jsonb_typeof(p -> 'copy_from') = 'string' THEN
    SELECT id INTO v_src FROM concept
     WHERE municipality_id = v_mid AND id = (p ->> 'copy_from')::bigint;
    PERFORM app_assert_at(v_src IS NOT NULL, 'TH422',
                          'There is no such concept to copy.', '/copy_from');
  END IF;
  -- versions are numbered one after another per municipality
  PERFORM pg_advisory_xact_lock(41, v_mid::int);
  INSERT INTO concept (municipality_id, version, title, summary, created_by)
  SELECT v_mid, coalesce(max(version), 0) + 1, btrim(p ->> 'title'),
         p ->> 'summary', app_account_id()
    FROM concept WHERE municipality_id = v_mid
  RETURNING id INTO v_id;
  IF v_src IS NOT NULL THEN
    INSERT INTO guiding_goal (municipality_id, concept_id, position, title, description)
    SELECT v_mid, v_id, position, title, description
      FROM guiding_goal WHERE concept_id = v_src ORDER BY position;
    -- measures keep code, rank and links; the new version starts proposed
    INSERT INTO measure (municipality_id, concept_id, code, title, description,
                         action_field_id, goal_ids, horizon, rank, weight,
                         planned_start, planned_end, lead_organisation_id,
                         partner_organisation_ids, target_groups, budget,
                         visibility, created_by)
    SELECT v_mid, v_id, m.code, m.title, m.description, m.action_field_id,
           ARRAY(SELECT ng.id FROM unnest(m.goal_ids) WITH ORDINALITY u (g, n)
                   JOIN guiding_goal og ON og.id = u.g
                   JOIN guiding_goal ng ON ng.concept_id = v_id
                                       AND ng.position = og.position
                  ORDER BY u.n),
           m.horizon, m.rank, m.weight, m.planned_start, m.planned_end,
           m.lead_organisation_id, m.partner_organisation_ids, m.target_groups,
           m.budget, m.visibility, app_account_id()
      FROM measure m WHERE m.concept_id = v_src ORDER BY m.rank;
    UPDATE measure n SET parent_id = np.id
      FROM measure o
      JOIN measure op ON op.id = o.parent_id
      JOIN measure np ON np.concept_id = v_id AND np.code = op.code
     WHERE o.concept_id = v_src AND n.concept_id = v_id AND n.code = o.code;
  END IF;
  SELECT doc INTO v_doc FROM concept_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_concept_update(p_ags text, p_id bigint, p jsonb,
                                   p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_doc json;
BEGIN
  PERFORM 1 FROM concept WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM concept_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such concept.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  PERFORM app_assert_at(NOT (p ? 'status') OR p ->> 'status' <> 'adopted', 'TH409',
                        'A concept is adopted through its adoption, with the '
                        'council resolution.', '/status');
  UPDATE concept
     SET title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
         summary = CASE WHEN p ? 'summary' THEN p ->> 'summary' ELSE summary END,
         status = CASE WHEN p ? 'status' THEN p ->> 'status' ELSE status END
   WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM concept_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

-- Adoption by the steering group: the council resolution is recorded, the
-- concept adopted before is archived.
CREATE FUNCTION api_concept_adopt(p_ags text, p_id bigint, p jsonb,
                                  p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_status text;
  v_doc json;
BEGIN
  PERFORM pg_advisory_xact_lock(41, v_mid::int);
  SELECT status INTO v_status FROM concept
   WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM concept_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such concept.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  PERFORM app_assert(app_in(v_mid, '{steering}'), 'TH403',
                     'Only the steering group adopts the concept.');
  PERFORM app_assert_at(v_status = 'consultation', 'TH409',
                        format('Only a concept in consultation is adopted; this one is %s.',
                               v_status), '/status');
  UPDATE concept SET status = 'archived'
   WHERE municipality_id = v_mid AND status = 'adopted';
  UPDATE concept
     SET status = 'adopted', resolution_date = (p ->> 'resolution_date')::date,
         resolution_reference = btrim(p ->> 'resolution_reference'),
         adopted_at = now(), adopted_by = app_account_id()
   WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM concept_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

-- Guiding goals: positions stay 1..n within the concept.

CREATE FUNCTION app_concept_open(p_mid bigint, p_concept bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
BEGIN
  SELECT status INTO v_status FROM concept WHERE municipality_id = p_mid AND id = p_concept;
  PERFORM app_assert(v_status IS NOT NULL, 'TH404', 'There is no such concept.');
  PERFORM app_assert(v_status <> 'archived', 'TH409',
                     'An archived concept is not changed.');
END
$$;

CREATE FUNCTION api_goal_create(p_ags text, p_concept bigint, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_n int;
  v_pos int;
  v_id bigint;
  v_doc json;
BEGIN
  PERFORM app_concept_open(v_mid, p_concept);
  PERFORM pg_advisory_xact_lock(42, p_concept::int);
  SELECT count(*) INTO v_n FROM guiding_goal WHERE concept_id = p_concept;
  v_pos := least(coalesce((p ->> 'position')::int, v_n + 1), v_n + 1);
  UPDATE guiding_goal SET position = position + 1
   WHERE concept_id = p_concept AND position >= v_pos;
  INSERT INTO guiding_goal (municipality_id, concept_id, position, title, description)
  VALUES (v_mid, p_concept, v_pos, btrim(p ->> 'title'), p ->> 'description')
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_goal_update(p_ags text, p_id bigint, p jsonb,
                                p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_concept bigint;
  v_old int;
  v_new int;
  v_n int;
  v_doc json;
BEGIN
  SELECT concept_id INTO v_concept FROM guiding_goal
   WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_concept IS NOT NULL, 'TH404', 'There is no such guiding goal.');
  PERFORM app_concept_open(v_mid, v_concept);
  PERFORM pg_advisory_xact_lock(42, v_concept::int);
  SELECT position INTO v_old FROM guiding_goal WHERE id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = p_id;
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  UPDATE guiding_goal
     SET title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
         description = CASE WHEN p ? 'description' THEN p ->> 'description'
                            ELSE description END
   WHERE id = p_id;
  IF p ? 'position' THEN
    SELECT count(*) INTO v_n FROM guiding_goal WHERE concept_id = v_concept;
    v_new := least((p ->> 'position')::int, v_n);
    PERFORM set_config('app.audit_focus', p_id::text, true);
    UPDATE guiding_goal
       SET position = CASE WHEN id = p_id THEN v_new
                           WHEN v_old < v_new THEN position - 1
                           ELSE position + 1 END
     WHERE concept_id = v_concept
       AND (id = p_id OR position BETWEEN least(v_old, v_new) AND greatest(v_old, v_new))
       AND v_old <> v_new;
  END IF;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_goal_delete(p_ags text, p_id bigint, p_if_match text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_concept bigint;
  v_pos int;
  v_doc json;
BEGIN
  SELECT concept_id INTO v_concept FROM guiding_goal
   WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_concept IS NOT NULL, 'TH404', 'There is no such guiding goal.');
  PERFORM app_concept_open(v_mid, v_concept);
  PERFORM pg_advisory_xact_lock(42, v_concept::int);
  SELECT position INTO v_pos FROM guiding_goal WHERE id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = p_id;
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  DELETE FROM guiding_goal WHERE id = p_id;
  UPDATE guiding_goal SET position = position - 1
   WHERE concept_id = v_concept AND position > v_pos;
END
$$;

-- Measures

CREATE FUNCTION api_measure_create(p_ags text, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_concept bigint;
  v_status text;
  v_id bigint;
  v_doc json;
BEGIN
  SELECT id, status INTO v_concept, v_status FROM concept
   WHERE municipality_id = v_mid AND id = (p ->> 'concept_id')::bigint;
  PERFORM app_assert_at(v_concept IS NOT NULL, 'TH422',
                        'There is no such concept in this municipality.', '/concept_id');
  PERFORM app_assert_at(v_status <> 'archived', 'TH409',
                        'An archived concept is not changed.', '/concept_id');
  PERFORM app_assert_at(EXISTS (SELECT FROM action_field WHERE municipality_id = v_mid
                                   AND id = (p ->> 'action_field_id')::bigint),
                        'TH422', 'There is no such action field in this municipality.',
                        '/action_field_id');
  PERFORM app_assert_at(NOT (p ? 'parent_id') OR jsonb_typeof(p -> 'parent_id') = 'null'
                        OR EXISTS (SELECT FROM measure WHERE municipality_id = v_mid
                                      AND concept_id = v_concept
                                      AND id = (p ->> 'parent_id')::bigint),
                        'TH422', 'There is no such measure in this concept.', '/parent_id');
  PERFORM app_assert_at(NOT EXISTS (SELECT FROM measure WHERE concept_id = v_concept
                                       AND code = btrim(p ->> 'code')),
                        'TH409', 'Another measure of this concept has this code.', '/code');
  -- ranks are handed out one after another per concept
  PERFORM pg_advisory_xact_lock(40, v_concept::int);
  INSERT INTO measure (municipality_id, concept_id, code, title, description,
                       action_field_id, goal_ids, horizon, rank, status,
                       status_reason, progress, progress_from_children, weight,
                       planned_start, planned_end, actual_start, actual_end,
                       lead_organisation_id, partner_organisation_ids,
                       target_groups, budget, visibility, parent_id, created_by)
  SELECT v_mid, v_concept, btrim(p ->> 'code'), btrim(p ->> 'title'),
         p ->> 'description', (p ->> 'action_field_id')::bigint,
         app_ids(coalesce(p -> 'goal_ids', '[]')), p ->> 'horizon',
         (SELECT coalesce(max(rank), 0) + 1 FROM measure WHERE concept_id = v_concept),
         coalesce(p ->> 'status', 'proposed'), p ->> 'status_reason',
         coalesce((p ->> 'progress')::smallint, 0),
         coalesce((p ->> 'progress_from_children')::boolean, NOT p ? 'progress'),
         coalesce((p ->> 'weight')::smallint, 1),
         (p ->> 'planned_start')::date, (p ->> 'planned_end')::date,
         (p ->> 'actual_start')::date, (p ->> 'actual_end')::date,
         (p ->> 'lead_organisation_id')::bigint,
         app_ids(coalesce(p -> 'partner_organisation_ids', '[]')),
         app_texts(coalesce(p -> 'target_groups', '[]')),
         (p ->> 'budget')::numeric, coalesce(p ->> 'visibility', 'internal'),
         (p ->> 'parent_id')::bigint, app_account_id()
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM measure_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_measure_update(p_ags text, p_id bigint, p jsonb,
                                   p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m measure;
  v_doc json;
BEGIN
  SELECT * INTO m FROM measure WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  PERFORM app_assert(m.id IS NOT NULL, 'TH404', 'There is no such measure.');
  SELECT doc INTO v_doc FROM measure_doc WHERE id = p_id;
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  PERFORM app_concept_open(v_mid, m.concept_id);
  PERFORM app_assert(app_in(v_mid, '{officer}')
                     OR NOT EXISTS (SELECT FROM jsonb_object_keys(p) k
                                     WHERE k NOT IN ('status', 'status_reason')),
                     'TH403', 'The steering group decides status and priority; '
                              'the integration office changes the rest.');
  PERFORM app_assert_at(NOT (p ? 'action_field_id')
                        OR EXISTS (SELECT FROM action_field WHERE municipality_id = v_mid
                                      AND id = (p ->> 'action_field_id')::bigint),
                        'TH422', 'There is no such action field in this municipality.',
                        '/action_field_id');
  PERFORM app_assert_at(NOT (p ? 'parent_id') OR jsonb_typeof(p -> 'parent_id') = 'null'
                        OR EXISTS (SELECT FROM measure WHERE municipality_id = v_mid
                                      AND concept_id = m.concept_id
                                      AND id = (p ->> 'parent_id')::bigint),
                        'TH422', 'There is no such measure in this concept.', '/parent_id');
  PERFORM app_assert_at(NOT (p ? 'code') OR NOT EXISTS (
                          SELECT FROM measure WHERE concept_id = m.concept_id
                             AND code = btrim(p ->> 'code') AND id <> p_id),
                        'TH409', 'Another measure of this concept has this code.', '/code');
  PERFORM app_assert_at(NOT coalesce(p ->> 'status' IN ('suspended', 'dropped'), false)
                        OR p ->> 'status' = m.status
                        OR coalesce(p ->> 'status_reason', '') <> '',
                        'TH422', 'Suspending or dropping a measure needs a reason.',
                        '/status_reason');
  UPDATE measure SET
    code = CASE WHEN p ? 'code' THEN btrim(p ->> 'code') ELSE code END,
    title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
    description = CASE WHEN p ? 'description' THEN p ->> 'description' ELSE description END,
    action_field_id = CASE WHEN p ? 'action_field_id'
                           THEN (p ->> 'action_field_id')::bigint ELSE action_field_id END,
    goal_ids = CASE WHEN p ? 'goal_ids' THEN app_ids(p -> 'goal_ids') ELSE goal_ids END,
    horizon = CASE WHEN p ? 'horizon' THEN p ->> 'horizon' ELSE horizon END,
    status = CASE WHEN p ? 'status' THEN p ->> 'status' ELSE status END,
    status_reason = CASE WHEN p ? 'status_reason' THEN p ->> 'status_reason'
                         ELSE status_reason END,
    progress = CASE WHEN p ? 'progress' THEN (p ->> 'progress')::smallint ELSE progress END,
    progress_from_children = CASE
      WHEN p ? 'progress_from_children' THEN (p ->> 'progress_from_children')::boolean
      WHEN p ? 'progress' THEN false
      ELSE progress_from_children END,
    weight = CASE WHEN p ? 'weight' THEN (p ->> 'weight')::smallint ELSE weight END,
    planned_start = CASE WHEN p ? 'planned_start' THEN (p ->> 'planned_start')::date
                         ELSE planned_start END,
    planned_end = CASE WHEN p ? 'planned_end' THEN (p ->> 'planned_end')::date
                       ELSE planned_end END,
    actual_start = CASE WHEN p ? 'actual_start' THEN (p ->> 'actual_start')::date
                        ELSE actual_start END,
    actual_end = CASE WHEN p ? 'actual_end' THEN (p ->> 'actual_end')::date
                      ELSE actual_end END,
    lead_organisation_id = CASE WHEN p ? 'lead_organisation_id'
                                THEN (p ->> 'lead_organisation_id')::bigint
                                ELSE lead_organisation_id END,
    partner_organisation_ids = CASE WHEN p ? 'partner_organisation_ids'
                                    THEN app_ids(p -> 'partner_organisation_ids')
                                    ELSE partner_organisation_ids END,
    target_groups = CASE WHEN p ? 'target_groups' THEN app_texts(p -> 'target_groups')
                         ELSE target_groups END,
    budget = CASE WHEN p ? 'budget' THEN (p ->> 'budget')::numeric ELSE budget END,
    visibility = CASE WHEN p ? 'visibility' THEN p ->> 'visibility' ELSE visibility END,
    parent_id = CASE WHEN p ? 'parent_id' THEN (p ->> 'parent_id')::bigint ELSE parent_id END
  WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM measure_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

-- Moves a measure to a rank within its concept; the others between close
-- up. Moves of one concept are serialised by a lock, so ranks stay dense
-- and unique when two people move at once.
CREATE FUNCTION api_measure_move(p_ags text, p_id bigint, p_rank int,
                                 p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_concept bigint;
  v_old int;
  v_new int;
  v_n int;
  v_doc json;
BEGIN
  SELECT concept_id INTO v_concept FROM measure WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_concept IS NOT NULL, 'TH404', 'There is no such measure.');
  PERFORM app_concept_open(v_mid, v_concept);
  PERFORM pg_advisory_xact_lock(40, v_concept::int);
  SELECT rank INTO v_old FROM measure WHERE id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM measure_doc WHERE id = p_id;
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  SELECT count(*) INTO v_n FROM measure WHERE concept_id = v_concept;
  v_new := least(p_rank, v_n);
  IF v_new <> v_old THEN
    PERFORM set_config('app.audit_focus', p_id::text, true);
    UPDATE measure
       SET rank = CASE WHEN id = p_id THEN v_new
                       WHEN v_old < v_new THEN rank - 1
                       ELSE rank + 1 END
     WHERE concept_id = v_concept
       AND (id = p_id OR rank BETWEEN least(v_old, v_new) AND greatest(v_old, v_new));
    SELECT doc INTO v_doc FROM measure_doc WHERE id = p_id;
  END IF;
  RETURN v_doc;
END
$$;

-- The document of a progress report its author wrote, whether or not the
-- author may read the measure (progress:write without catalogue:read).
CREATE FUNCTION app_own_report(p_measure bigint, p_id bigint, p_key text)
RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.doc FROM progress_report_doc d JOIN progress_report p ON p.id = d.id
   WHERE p.measure_id = p_measure
     AND (p.id = p_id OR (p_id IS NULL AND p.idempotency_key = p_key))
     AND p.author_account_id IS NOT DISTINCT FROM app_account_id()
     AND p.author_client_id IS NOT DISTINCT FROM app_client_id()
$$;
REVOKE ALL ON FUNCTION app_own_report(bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_own_report(bigint, bigint, text) TO teilhabe_app;

-- Progress reports. Returns {"doc": …, "created": true|false}: a repeat
-- with the same Idempotency-Key by the same author on the same measure
-- gives the first report.
CREATE FUNCTION api_progress_report_create(p_ags text, p_measure bigint, p jsonb,
                                           p_key text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_officer boolean := app_in(v_mid, '{officer}');
  v_involved boolean := app_reports_on_measure(v_mid, p_measure);
  v_id bigint;
  v_doc json;
BEGIN
  PERFORM app_assert(v_involved OR EXISTS (SELECT FROM measure
                                            WHERE municipality_id = v_mid
                                              AND id = p_measure),
                     'TH404', 'There is no such measure.');
  IF p_key IS NOT NULL THEN
    -- requests with one key wait for each other here: the first records,
    -- the others then find its report (and never race in the index)
    PERFORM pg_advisory_xact_lock(44, hashtext(p_measure || ':' || p_key));
    v_doc := app_own_report(p_measure, NULL, p_key);
    IF v_doc IS NOT NULL THEN
      RETURN json_build_object('doc', v_doc, 'created', false);
    END IF;
  END IF;
  PERFORM app_assert(v_officer OR v_involved, 'TH403',
                     'Your organisation neither leads nor supports this measure.');
  PERFORM app_assert_at(coalesce((p ->> 'reported_on')::date, current_date) <= current_date,
                        'TH422', 'A progress report cannot be dated in the future.',
                        '/reported_on');
  INSERT INTO progress_report (municipality_id, measure_id, reported_on, status,
                               progress, text, organisation_id, author_account_id,
                               author_client_id, idempotency_key)
  VALUES (v_mid, p_measure, coalesce((p ->> 'reported_on')::date, current_date),
          p ->> 'status', (p ->> 'progress')::smallint, btrim(p ->> 'text'),
          CASE WHEN v_officer THEN NULL ELSE app_org(v_mid) END,
          app_account_id(), app_client_id(), p_key)
  ON CONFLICT (measure_id, coalesce(author_account_id, 0),
               coalesce(author_client_id, 0), idempotency_key)
     WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    -- the same key arrived twice at once; the other one won
    RETURN json_build_object('doc', app_own_report(p_measure, NULL, p_key),
                             'created', false);
  END IF;
  RETURN json_build_object('doc', app_own_report(p_measure, v_id, NULL),
                           'created', true);
END
$$;

-- Indicators and observations

CREATE FUNCTION api_indicator_create(p_ags text, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
  v_doc json;
BEGIN
  INSERT INTO indicator (municipality_id, name, unit, direction, numerator,
                         denominator, source_set, definition, baseline_value,
                         baseline_date, target_value, target_date, goal_ids,
                         measure_ids, visibility, created_by)
  VALUES (v_mid, btrim(p ->> 'name'), btrim(p ->> 'unit'), p ->> 'direction',
          p ->> 'numerator', p ->> 'denominator', p ->> 'source_set',
          p ->> 'definition', (p ->> 'baseline_value')::numeric,
          (p ->> 'baseline_date')::date, (p ->> 'target_value')::numeric,
          (p ->> 'target_date')::date, app_ids(coalesce(p -> 'goal_ids', '[]')),
          app_ids(coalesce(p -> 'measure_ids', '[]')),
          coalesce(p ->> 'visibility', 'internal'), app_account_id())
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM indicator_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_indicator_update(p_ags text, p_id bigint, p jsonb,
                                     p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_doc json;
BEGIN
  PERFORM 1 FROM indicator WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM indicator_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such indicator.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  UPDATE indicator SET
    name = CASE WHEN p ? 'name' THEN btrim(p ->> 'name') ELSE name END,
    unit = CASE WHEN p ? 'unit' THEN btrim(p ->> 'unit') ELSE unit END,
    direction = CASE WHEN p ? 'direction' THEN p ->> 'direction' ELSE direction END,
    numerator = CASE WHEN p ? 'numerator' THEN p ->> 'numerator' ELSE numerator END,
    denominator = CASE WHEN p ? 'denominator' THEN p ->> 'denominator' ELSE denominator END,
    source_set = CASE WHEN p ? 'source_set' THEN p ->> 'source_set' ELSE source_set END,
    definition = CASE WHEN p ? 'definition' THEN p ->> 'definition' ELSE definition END,
    baseline_value = CASE WHEN p ? 'baseline_value' THEN (p ->> 'baseline_value')::numeric
                          ELSE baseline_value END,
    baseline_date = CASE WHEN p ? 'baseline_date' THEN (p ->> 'baseline_date')::date
                         ELSE baseline_date END,
    target_value = CASE WHEN p ? 'target_value' THEN (p ->> 'target_value')::numeric
                        ELSE target_value END,
    target_date = CASE WHEN p ? 'target_date' THEN (p ->> 'target_date')::date
                       ELSE target_date END,
    goal_ids = CASE WHEN p ? 'goal_ids' THEN app_ids(p -> 'goal_ids') ELSE goal_ids END,
    measure_ids = CASE WHEN p ? 'measure_ids' THEN app_ids(p -> 'measure_ids')
                       ELSE measure_ids END,
    visibility = CASE WHEN p ? 'visibility' THEN p ->> 'visibility' ELSE visibility END
  WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM indicator_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

CREATE FUNCTION api_observation_create(p_ags text, p_indicator bigint, p jsonb)
RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_officer boolean := app_in(v_mid, '{officer}');
  v_id bigint;
  v_doc json;
BEGIN
  PERFORM app_assert(EXISTS (SELECT FROM indicator WHERE municipality_id = v_mid
                                AND id = p_indicator),
                     'TH404', 'There is no such indicator.');
  PERFORM app_assert(v_officer OR app_reports_on(p_indicator), 'TH403',
                     'Your organisation leads or supports no measure of this indicator.');
  PERFORM app_assert_at(NOT EXISTS (
                          SELECT FROM observation
                           WHERE indicator_id = p_indicator
                             AND period_end = (p ->> 'period_end')::date
                             AND age_group IS NOT DISTINCT FROM p ->> 'age_group'
                             AND sex IS NOT DISTINCT FROM p ->> 'sex'
                             AND citizenship_group IS NOT DISTINCT FROM p ->> 'citizenship_group'),
                        'TH409', 'This indicator already has a value for this period '
                                 'and group.', '/period_end');
  INSERT INTO observation (municipality_id, indicator_id, period_start, period_end,
                           value, source, series_break, age_group, sex,
                           citizenship_group, organisation_id, created_by)
  VALUES (v_mid, p_indicator, (p ->> 'period_start')::date, (p ->> 'period_end')::date,
          (p ->> 'value')::numeric, p ->> 'source',
          coalesce((p ->> 'series_break')::boolean, false),
          nullif(btrim(p ->> 'age_group'), ''), p ->> 'sex',
          nullif(btrim(p ->> 'citizenship_group'), ''),
          CASE WHEN v_officer THEN NULL ELSE app_org(v_mid) END, app_account_id())
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM observation_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;
