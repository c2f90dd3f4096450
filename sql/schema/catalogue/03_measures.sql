-- Measures: guards, the progress roll-up, the stored document and
-- what rebuilds it, the representations and the api_* functions.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS measure_updated_at ON measure;
CREATE TRIGGER measure_updated_at BEFORE UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- What a policy cannot say about a measure: references within the
-- municipality and concept, status transitions and who decides them, and
-- that the steering group changes only status and priority.
CREATE OR REPLACE FUNCTION measure_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_officer boolean;
  v_bad bigint;
BEGIN
  -- references (for everyone, the demo data too)
  IF TG_OP = 'INSERT' OR NEW.goal_ids IS DISTINCT FROM OLD.goal_ids THEN
    SELECT g INTO v_bad FROM unnest(NEW.goal_ids) g
     WHERE NOT EXISTS (SELECT FROM guiding_goal gg
                        WHERE gg.id = g AND gg.concept_id = NEW.concept_id)
     LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('Goal %s is not a guiding goal of this concept.', v_bad),
                          '/goal_ids');
    PERFORM app_assert_at(cardinality(NEW.goal_ids)
                          = (SELECT count(DISTINCT g) FROM unnest(NEW.goal_ids) g),
                          'TH422', 'A goal is named twice.', '/goal_ids');
  END IF;
  IF NEW.lead_organisation_id IS NOT NULL
     AND (TG_OP = 'INSERT'
          OR NEW.lead_organisation_id IS DISTINCT FROM OLD.lead_organisation_id) THEN
    PERFORM app_assert_at(org_serves(NEW.lead_organisation_id, NEW.municipality_id),
                          'TH422', 'The organisation does not serve this municipality.',
                          '/lead_organisation_id');
  END IF;
  IF TG_OP = 'INSERT'
     OR NEW.partner_organisation_ids IS DISTINCT FROM OLD.partner_organisation_ids THEN
    SELECT p INTO v_bad FROM unnest(NEW.partner_organisation_ids) p
     WHERE NOT org_serves(p, NEW.municipality_id) LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('Organisation %s does not serve this municipality.', v_bad),
                          '/partner_organisation_ids');
    PERFORM app_assert_at(cardinality(NEW.partner_organisation_ids)
                          = (SELECT count(DISTINCT p)
                               FROM unnest(NEW.partner_organisation_ids) p),
                          'TH422', 'An organisation is named twice.',
                          '/partner_organisation_ids');
  END IF;
  PERFORM app_assert_at(NEW.lead_organisation_id IS NULL
                        OR NOT NEW.lead_organisation_id = ANY (NEW.partner_organisation_ids),
                        'TH422', 'The lead organisation is not also a partner.',
                        '/partner_organisation_ids');
  IF NEW.parent_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.parent_id IS DISTINCT FROM OLD.parent_id) THEN
    PERFORM app_assert_at(NOT EXISTS (SELECT FROM measure p
                                       WHERE p.id = NEW.parent_id
                                         AND p.parent_id IS NOT NULL),
                          'TH422', 'A Teilmaßnahme cannot have Teilmaßnahmen of its own.',
                          '/parent_id');
    PERFORM app_assert_at(TG_OP = 'INSERT'
                          OR NOT EXISTS (SELECT FROM measure c
                                          WHERE c.parent_id = NEW.id),
                          'TH422', 'A measure with Teilmaßnahmen cannot become one.',
                          '/parent_id');
  END IF;
  IF NEW.status NOT IN ('suspended', 'dropped') THEN
    NEW.status_reason := CASE WHEN TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status
                                   AND NEW.status_reason IS NOT DISTINCT FROM OLD.status_reason
                              THEN NULL ELSE NEW.status_reason END;
  ELSE
    PERFORM app_assert_at(NEW.status_reason IS NOT NULL, 'TH422',
                          'Suspending or dropping a measure needs a reason.',
                          '/status_reason');
  END IF;

  IF NOT app_is_service() THEN
    RETURN NEW;
  END IF;
  v_officer := app_in(NEW.municipality_id, '{officer}');
  IF TG_OP = 'INSERT' THEN
    PERFORM app_assert_at(NEW.status = 'proposed'
                          OR app_in(NEW.municipality_id, '{steering}'),
                          'TH403', 'A new measure is proposed; the steering group '
                                   'decides when it is planned.', '/status');
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM app_assert_at(
      (OLD.status, NEW.status) IN (
        ('proposed', 'planned'), ('proposed', 'dropped'),
        ('planned', 'in_progress'), ('planned', 'suspended'), ('planned', 'dropped'),
        ('in_progress', 'completed'), ('in_progress', 'suspended'),
        ('in_progress', 'dropped'),
        ('suspended', 'planned'), ('suspended', 'in_progress'),
        ('suspended', 'dropped'),
        ('completed', 'in_progress'), ('dropped', 'proposed')),
      'TH409', format('A measure cannot go from %s to %s.', OLD.status, NEW.status),
      '/status');
    IF OLD.status = 'proposed' AND NEW.status = 'planned' THEN
      PERFORM app_assert_at(app_in(NEW.municipality_id, '{steering}'), 'TH403',
                            'Planning a proposed measure is a decision of the '
                            'steering group.', '/status');
    END IF;
    IF NEW.status = 'in_progress' AND NEW.actual_start IS NULL THEN
      NEW.actual_start := current_date;
    END IF;
    IF NEW.status = 'completed' AND NEW.actual_end IS NULL THEN
      NEW.actual_end := greatest(current_date, NEW.actual_start);
    END IF;
  END IF;
  IF NOT v_officer THEN
    -- the steering group: status and priority only
    -- (the dates the guard itself sets when the status changes)
    PERFORM app_assert(
      (to_jsonb(NEW) - '{status,status_reason,rank,updated_at,search,doc}'::text[]
                     - CASE WHEN NEW.status IS DISTINCT FROM OLD.status
                            THEN '{actual_start,actual_end}'::text[] ELSE '{}' END)
      = (to_jsonb(OLD) - '{status,status_reason,rank,updated_at,search,doc}'::text[]
                       - CASE WHEN NEW.status IS DISTINCT FROM OLD.status
                              THEN '{actual_start,actual_end}'::text[] ELSE '{}' END),
      'TH403', 'The steering group decides status and priority; the integration '
               'office changes the rest.');
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS measure_guard ON measure;
CREATE TRIGGER measure_guard BEFORE INSERT OR UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION measure_guard();

-- A parent's progress is the weighted mean of its Teilmaßnahmen unless it
-- was set by hand (progress_from_children = false).
CREATE OR REPLACE FUNCTION measure_parent_progress(p_parent bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE measure p
     SET progress = c.mean
    FROM (SELECT round(sum(progress * weight)::numeric / sum(weight))::smallint AS mean
            FROM measure WHERE parent_id = p_parent) c
   WHERE p.id = p_parent AND p.progress_from_children AND c.mean IS NOT NULL
     AND p.progress IS DISTINCT FROM c.mean
$$;

CREATE OR REPLACE FUNCTION measure_progress_rollup() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.parent_id IS DISTINCT FROM NEW.parent_id
     AND OLD.parent_id IS NOT NULL THEN
    PERFORM measure_parent_progress(OLD.parent_id);
  END IF;
  IF NEW.parent_id IS NOT NULL THEN
    PERFORM measure_parent_progress(NEW.parent_id);
  END IF;
  -- a parent switched back to its children's mean
  IF TG_OP = 'UPDATE' AND NEW.progress_from_children AND NOT OLD.progress_from_children THEN
    PERFORM measure_parent_progress(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS measure_progress_rollup ON measure;
CREATE TRIGGER measure_progress_rollup
  AFTER INSERT OR UPDATE OF progress, weight, parent_id, progress_from_children
  ON measure FOR EACH ROW EXECUTE FUNCTION measure_progress_rollup();

-- Whether the caller's organisation leads or supports a measure.
CREATE OR REPLACE FUNCTION app_involved(p_municipality_id bigint, p_lead bigint,
                             p_partners bigint[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(app_org(p_municipality_id) = p_lead
                  OR app_org(p_municipality_id) = ANY (p_partners), false)
$$;

DROP POLICY IF EXISTS measure_owner ON measure;
CREATE POLICY measure_owner ON measure TO teilhabe_owner USING (true) WITH CHECK (true);

-- Measures: officers and the steering group read all; partners what is
-- shared with partners or the public, and what their organisation leads
-- or supports; everyone the public measures of an adopted concept.
-- Officers create; officers and the steering group update (the guard
-- limits the steering group to status and priority).
DROP POLICY IF EXISTS measure_app_staff ON measure;
CREATE POLICY measure_app_staff ON measure FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS measure_app_partner ON measure;
CREATE POLICY measure_app_partner ON measure FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND (visibility <> 'internal'
              OR app_involved(municipality_id, lead_organisation_id,
                              partner_organisation_ids))
         AND concept_id IN (SELECT c.id FROM concept c WHERE c.status <> 'draft'));

DROP POLICY IF EXISTS measure_app_public ON measure;
CREATE POLICY measure_app_public ON measure FOR SELECT TO teilhabe_app
  USING (visibility = 'public'
         AND concept_id IN (SELECT c.id FROM concept c WHERE c.status = 'adopted'));

DROP POLICY IF EXISTS measure_app_insert ON measure;
CREATE POLICY measure_app_insert ON measure FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS measure_app_update ON measure;
CREATE POLICY measure_app_update ON measure FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP TRIGGER IF EXISTS audit ON measure;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON measure
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'search', 'doc', '~rank');

CREATE OR REPLACE FUNCTION measure_build_doc(m measure) RETURNS json
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
CREATE OR REPLACE FUNCTION measure_zz_doc() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.doc := measure_build_doc(NEW);
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS measure_zz_doc ON measure;
CREATE TRIGGER measure_zz_doc BEFORE INSERT OR UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION measure_zz_doc();

-- A parent's document counts its Teilmaßnahmen.
CREATE OR REPLACE FUNCTION measure_parent_doc() RETURNS trigger
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

DROP TRIGGER IF EXISTS measure_parent_doc ON measure;
CREATE TRIGGER measure_parent_doc AFTER INSERT OR DELETE OR UPDATE OF parent_id
  ON measure FOR EACH ROW EXECUTE FUNCTION measure_parent_doc();

CREATE OR REPLACE FUNCTION action_field_measure_docs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE measure SET doc = NULL
   WHERE municipality_id = NEW.municipality_id AND action_field_id = NEW.id;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS action_field_measure_docs ON action_field;
CREATE TRIGGER action_field_measure_docs AFTER UPDATE OF name ON action_field
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION action_field_measure_docs();

CREATE OR REPLACE FUNCTION organisation_measure_docs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE measure SET doc = NULL
   WHERE lead_organisation_id = NEW.id OR partner_organisation_ids @> ARRAY[NEW.id];
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS organisation_measure_docs ON organisation;
CREATE TRIGGER organisation_measure_docs AFTER UPDATE OF name ON organisation
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION organisation_measure_docs();

-- Whether a measure is overdue: its planned end lies before today in
-- Europe/Berlin (the municipalities' day, whatever the server's zone) and
-- it is neither completed nor dropped.
CREATE OR REPLACE FUNCTION measure_overdue(p_planned_end date, p_status text)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(p_planned_end < (now() AT TIME ZONE 'Europe/Berlin')::date, false)
         AND p_status NOT IN ('completed', 'dropped')
$$;

-- The stored documents with the columns the list filters on. The columns
-- after doc came with the catalogue's signals (issue #11): the status of
-- the latest Sachstand ('none' without one), its date, and whether the
-- measure is overdue.
CREATE OR REPLACE VIEW measure_doc WITH (security_invoker = true) AS
SELECT m.municipality_id, m.id, m.concept_id, m.rank, m.status, m.horizon,
       m.action_field_id, m.goal_ids, m.lead_organisation_id, m.target_groups,
       m.visibility, m.parent_id, m.updated_at, m.search, m.doc,
       m.partner_organisation_ids, m.progress, m.last_report_on,
       coalesce(m.last_report_status, 'none') AS report_status,
       measure_overdue(m.planned_end, m.status) AS overdue
  FROM measure m;

-- The catalogue's summary (GET …/measure-summary) of the measures whose
-- columns the arrays hold, one element per measure: per action field and
-- in all, the count, the mean progress (one decimal; null without
-- measures), the count per status of the latest Sachstand and the count
-- overdue. Groups only for action fields with measures, by position and
-- name, one without an action field last. The caller passes the rows it
-- read from measure_doc, so row-level security has decided what counts.
CREATE OR REPLACE FUNCTION measure_summary(p_fields bigint[], p_progress int[],
                                           p_report_status text[], p_overdue boolean[])
RETURNS json
LANGUAGE sql STABLE AS $$
  WITH m AS (
    SELECT * FROM unnest(coalesce(p_fields, '{}'), coalesce(p_progress, '{}'),
                         coalesce(p_report_status, '{}'), coalesce(p_overdue, '{}'))
             AS u (field, progress, report_status, overdue)
  ), g AS (
    SELECT grouping(m.field) AS total, m.field, count(*) AS n,
           round(avg(m.progress), 1) AS mean,
           json_build_object(
             'on_track', count(*) FILTER (WHERE m.report_status = 'on_track'),
             'delayed', count(*) FILTER (WHERE m.report_status = 'delayed'),
             'at_risk', count(*) FILTER (WHERE m.report_status = 'at_risk'),
             'completed', count(*) FILTER (WHERE m.report_status = 'completed'),
             'none', count(*) FILTER (WHERE m.report_status = 'none')) AS statuses,
           count(*) FILTER (WHERE m.overdue) AS overdue
      FROM m
     GROUP BY GROUPING SETS ((m.field), ())
  )
  SELECT json_build_object(
           'groups', coalesce((
             SELECT json_agg(json_build_object(
                      'action_field', CASE WHEN g.field IS NOT NULL THEN
                        json_build_object('id', g.field::text, 'name', f.name) END,
                      'count', g.n, 'mean_progress', g.mean,
                      'report_status', g.statuses, 'overdue', g.overdue)
                      ORDER BY g.field IS NULL, f.position, f.name, g.field)
               FROM g LEFT JOIN action_field f ON f.id = g.field
              WHERE g.total = 0), '[]'),
           'total', (SELECT json_build_object('count', g.n, 'mean_progress', g.mean,
                                              'report_status', g.statuses,
                                              'overdue', g.overdue)
                       FROM g WHERE g.total = 1))
$$;

-- Public measures: those of the adopted concept shared with the public;
-- their document is the stored one without the internal fields.
CREATE OR REPLACE VIEW measure_public_doc WITH (security_invoker = true) AS
SELECT m.municipality_id, m.id, m.concept_id, m.rank, m.status, m.horizon,
       m.action_field_id, m.goal_ids, m.target_groups, m.search,
       (m.doc::jsonb - '{concept_id,status_reason,progress_from_children,weight,budget,visibility,child_count,created_at}'::text[])::json AS doc
  FROM measure m
  JOIN concept c ON c.id = m.concept_id AND c.status = 'adopted'
 WHERE m.visibility = 'public';

-- A measure's history: its audit events, newest first, with the fields
-- that changed and, for a change a meeting's decision made, the meeting
-- (audit_event.meeting_id, migration 007).
CREATE OR REPLACE VIEW measure_history WITH (security_invoker = true) AS
SELECT e.municipality_id, e.table_name, e.row_id, e.id,
       json_build_object(
         'id', e.id::text,
         'at', e.at,
         'actor', audit_actor(e.id),
         'action', e.action,
         'table', e.table_name,
         'meeting', (SELECT json_build_object('id', mt.id::text, 'title', mt.title,
                                              'starts_at', mt.starts_at)
                       FROM meeting mt WHERE mt.id = e.meeting_id),
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

CREATE OR REPLACE FUNCTION api_measure_create(p_ags text, p jsonb) RETURNS json
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

CREATE OR REPLACE FUNCTION api_measure_update(p_ags text, p_id bigint, p jsonb,
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
CREATE OR REPLACE FUNCTION api_measure_move(p_ags text, p_id bigint, p_rank int,
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

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION measure_parent_progress(bigint),
  measure_progress_rollup(), measure_build_doc(measure), measure_zz_doc(),
  measure_parent_doc(), action_field_measure_docs(),
  organisation_measure_docs() FROM PUBLIC;
GRANT SELECT ON measure_doc, measure_public_doc, measure_history
  TO teilhabe_app;
