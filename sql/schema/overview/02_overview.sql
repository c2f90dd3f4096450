-- The overview (Übersicht, issue #12): what the steering group opens
-- before and during a meeting, in one document built in one statement
-- (GET …/overview). It reads as the caller (SECURITY INVOKER), so
-- row-level security decides what counts; the meeting tile reads through
-- overview_meetings(), see there.
--
-- Each family adds its tile as one more key of the document (meetings
-- here; later events, funding, recommendations) without touching the
-- rest.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- The last steering-group meeting that was held (starts_at ≤ now) and the
-- next one planned, of a municipality where the caller is an officer or in
-- the steering group (district admins: of their district); NULL for
-- anyone else. A definer function: the meeting's own policies belong to
-- the meetings family (sql/schema/meetings/), and the overview's staff
-- see every meeting of their municipality there too.
-- Meetings at the same time are ordered by id, so "the last" is one
-- meeting, the same on every request.
CREATE OR REPLACE FUNCTION overview_meetings(p_mid bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object(
    'last', (SELECT json_build_object('id', g.id::text, 'title', g.title,
                                      'starts_at', g.starts_at, 'place', g.place)
               FROM meeting g
              WHERE g.municipality_id = p_mid AND g.kind = 'steering_group'
                AND g.status = 'held' AND g.starts_at <= now()
              ORDER BY g.starts_at DESC, g.id DESC LIMIT 1),
    'next', (SELECT json_build_object('id', g.id::text, 'title', g.title,
                                      'starts_at', g.starts_at, 'place', g.place)
               FROM meeting g
              WHERE g.municipality_id = p_mid AND g.kind = 'steering_group'
                AND g.status = 'planned' AND g.starts_at > now()
              ORDER BY g.starts_at, g.id LIMIT 1))
   WHERE app_account_id() IS NOT NULL AND app_in(p_mid, '{officer,steering}')
$$;

-- overview_meetings() reads table meeting as the schema owner through
-- the policy meeting_owner of the meetings family (sql/schema/meetings/).

-- The overview's cache (migration 008): the staff of the municipality
-- read and write it (api_overview), nobody else.
DROP POLICY IF EXISTS overview_cache_owner ON overview_cache;
CREATE POLICY overview_cache_owner ON overview_cache TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS overview_cache_app_staff ON overview_cache;
CREATE POLICY overview_cache_app_staff ON overview_cache TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
              AND app_account_id() IS NOT NULL);

-- {id, code, title} of a measure for the overview's lists.
CREATE OR REPLACE FUNCTION overview_measure_ref(p_id bigint, p_code text, p_title text)
RETURNS json
LANGUAGE sql IMMUTABLE AS $$
  SELECT json_build_object('id', p_id::text, 'code', p_code, 'title', p_title)
$$;

-- Who made the changes of audit events of a municipality where the caller
-- is an officer or in the steering group (district admins: of their
-- district), for the overview's lists: (event id, the person's or API
-- client's name); none for changes made outside the API (the system). One
-- call for all the events of the overview (audit_actor() per event cost
-- some 0.3 ms each, as much as the rest of the overview).
CREATE OR REPLACE FUNCTION overview_actors(p_mid bigint, p_events bigint[])
RETURNS TABLE (event_id bigint, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, coalesce(a.display_name, c.name)
    FROM audit_event e
    LEFT JOIN account a ON a.id = e.actor_account_id
    LEFT JOIN api_client c ON c.id = e.actor_client_id
   WHERE e.municipality_id = p_mid AND e.id = ANY (p_events)
     AND (e.actor_account_id IS NOT NULL OR e.actor_client_id IS NOT NULL)
     AND app_account_id() IS NOT NULL AND app_in(p_mid, '{officer,steering}')
$$;

-- The overview document (JSON, as text) of a municipality (p_ags) where the caller is an
-- officer or in the steering group (or a district admin of its district):
--  - p_concept: the concept (TH404 when it is not the municipality's);
--    NULL: the adopted one, else the newest version;
--  - p_since: the start of "Seit der letzten Sitzung"; NULL: the day of
--    the last steering-group meeting held, else 90 days ago.
-- The counts per action field and in all: by status, mean progress (one
-- decimal, as the catalogue's summary; null without measures), delayed
-- and at risk by the latest Sachstand, stale (planned or in progress and
-- no Sachstand for six months or none), overdue (measure_overdue).
-- Partners and API clients: TH403. Another municipality: TH404.
--
-- In two parts, spliced by the caller: head, the small object of the
-- municipality, concept, since and meetings; figures, the object of the
-- counts and lists (some 40 kB at 2,000 measures, as the cache stores it).
-- The document is head without its closing brace, ", " and figures without
-- its opening one. The service splices them in C (GET …/overview):
-- substr() of 40 kB of UTF-8 counts characters and cost some 130 µs a
-- request here, a fifth of the statement; api_overview() below splices
-- them in SQL for the CSV and the tests.
CREATE OR REPLACE FUNCTION api_overview_parts(p_ags text, p_since date, p_concept bigint,
                                   OUT head text, OUT figures text)
LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_mu municipality;
  v_mid bigint;
  v_today date := (now() AT TIME ZONE 'Europe/Berlin')::date;
  v_concept concept;
  v_meetings json;
  v_since date := p_since;
  v_source text := 'query';
  v_from timestamptz;
  v_max bigint;
  v_doc json;
  v_fresh boolean;
BEGIN
  SELECT * INTO v_mu FROM municipality WHERE ags = p_ags;
  v_mid := v_mu.id;
  PERFORM app_assert(v_mid IS NOT NULL
                     AND v_mid = ANY (app_mids('{officer,steering,partner}')),
                     'TH404', 'There is no such resource in a municipality you work for.'),
          app_assert(app_account_id() IS NOT NULL AND app_in(v_mid, '{officer,steering}'),
                     'TH403', 'The overview is for the integration office and the '
                              'steering group.');
  IF p_concept IS NOT NULL THEN
    SELECT * INTO v_concept FROM concept
     WHERE municipality_id = v_mid AND id = p_concept;
    PERFORM app_assert(v_concept.id IS NOT NULL, 'TH404',
                       'There is no such concept in this municipality.');
  ELSE
    SELECT * INTO v_concept FROM concept
     WHERE municipality_id = v_mid
     ORDER BY status = 'adopted' DESC, version DESC LIMIT 1;
  END IF;

  v_meetings := overview_meetings(v_mid);
  IF v_since IS NULL THEN
    v_since := ((v_meetings -> 'last' ->> 'starts_at')::timestamptz
                AT TIME ZONE 'Europe/Berlin')::date;
    v_source := CASE WHEN v_since IS NULL THEN 'default' ELSE 'last_meeting' END;
    v_since := coalesce(v_since, v_today - 90);
  END IF;
  v_from := v_since::timestamp AT TIME ZONE 'Europe/Berlin';

  -- the default view as computed before, while nothing has changed
  -- (overview_cache, migration 008)
  IF p_since IS NULL AND v_concept.id IS NOT NULL THEN
    SELECT c.doc, c.computed_at > now() - interval '1 minute' INTO v_doc, v_fresh
      FROM overview_cache c
     WHERE c.municipality_id = v_mid AND c.concept_id = v_concept.id
       AND c.since = v_since AND c.computed_on = v_today
       AND c.audit_max IS NOT DISTINCT FROM (SELECT max(e.id) FROM audit_event e
                                              WHERE e.municipality_id = v_mid);
    -- a minute old: one request computes it anew, the others answer with
    -- it meanwhile (not all at once every minute)
    IF v_doc IS NOT NULL AND NOT v_fresh
       AND pg_try_advisory_xact_lock(45, v_concept.id::int) THEN
      v_doc := NULL;
    END IF;
  END IF;
  IF v_doc IS NULL THEN
    -- the newest event before the figures are read (an event after it
    -- makes the next request compute them again)
    v_max := (SELECT max(e.id) FROM audit_event e WHERE e.municipality_id = v_mid);
    v_doc := overview_figures(v_mid, v_concept.id, v_today, v_from);
    -- one writer at a time: the others answer with what they computed
    -- rather than wait for the row
    IF p_since IS NULL AND v_concept.id IS NOT NULL
       AND pg_try_advisory_xact_lock(45, v_concept.id::int) THEN
      INSERT INTO overview_cache AS c (municipality_id, concept_id, since, audit_max,
                                       computed_on, doc)
      VALUES (v_mid, v_concept.id, v_since, v_max, v_today, v_doc)
      ON CONFLICT (municipality_id, concept_id) DO UPDATE
        SET since = EXCLUDED.since, audit_max = EXCLUDED.audit_max,
            computed_on = EXCLUDED.computed_on, computed_at = now(), doc = EXCLUDED.doc;
    END IF;
  END IF;

  -- the figures as they are stored, never parsed again
  head := json_build_object(
    'municipality', json_build_object('ags', v_mu.ags, 'name', v_mu.name),
    'generated_at', date_trunc('second', now()),
    'concept', CASE WHEN v_concept.id IS NOT NULL THEN
      json_build_object('id', v_concept.id::text, 'title', v_concept.title,
                        'version', v_concept.version, 'status', v_concept.status) END,
    'since', v_since,
    'since_source', v_source,
    'meetings', coalesce(v_meetings, json_build_object('last', NULL, 'next', NULL)))::text;
  figures := v_doc::text;
END
$$;

-- The overview document as text (the CSV and the tests; the service
-- splices the parts itself).
CREATE OR REPLACE FUNCTION api_overview(p_ags text, p_since date, p_concept bigint)
RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT left(p.head, -1) || ', ' || substr(p.figures, 2)
    FROM api_overview_parts(p_ags, p_since, p_concept) p
$$;

-- The figures of the overview (api_overview computes them when its cache
-- holds none): the measures of a concept (p_concept) counted in all and
-- per action field, the indicators, the measures to decide, and the
-- changes since p_from; read as the caller.
CREATE OR REPLACE FUNCTION overview_figures(p_mid bigint, p_concept bigint, p_today date,
                                            p_from timestamptz)
RETURNS json
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_mid bigint := p_mid;
  v_today date := p_today;
  v_from timestamptz := p_from;
  v_concept_id bigint := p_concept;
  v_measures json;
  v_indicators json;
  v_changes json;
BEGIN

  -- the measures of the concept: the counts from one index-only scan of
  -- measure_overview (migration 008: every column the counts and the
  -- policies read), the decisions due by rank (50 rows read each)
  WITH m AS MATERIALIZED (
    SELECT m.action_field_id, m.status, m.progress,
           coalesce(m.last_report_status, 'none') AS report_status,
           (m.status IN ('planned', 'in_progress')
            AND (m.last_report_on IS NULL
                 OR m.last_report_on < (v_today - interval '6 months')::date)) AS stale,
           measure_overdue(m.planned_end, m.status) AS overdue
      FROM measure m
     WHERE m.municipality_id = v_mid AND m.concept_id = v_concept_id
  ), g AS (
    SELECT grouping(m.action_field_id) AS total, m.action_field_id AS field,
           json_build_object(
             'measures', count(*),
             'by_status', json_build_object(
               'proposed', count(*) FILTER (WHERE m.status = 'proposed'),
               'planned', count(*) FILTER (WHERE m.status = 'planned'),
               'in_progress', count(*) FILTER (WHERE m.status = 'in_progress'),
               'completed', count(*) FILTER (WHERE m.status = 'completed'),
               'suspended', count(*) FILTER (WHERE m.status = 'suspended'),
               'dropped', count(*) FILTER (WHERE m.status = 'dropped')),
             'mean_progress', round(avg(m.progress), 1),
             'delayed', count(*) FILTER (WHERE m.report_status = 'delayed'),
             'at_risk', count(*) FILTER (WHERE m.report_status = 'at_risk'),
             'stale', count(*) FILTER (WHERE m.stale),
             'overdue', count(*) FILTER (WHERE m.overdue)) AS counts
      FROM m
     GROUP BY GROUPING SETS ((m.action_field_id), ())
  ), d AS (
    SELECT s.status,
           (SELECT json_agg(json_build_object(
                      'id', x.id::text, 'code', x.code, 'title', x.title, 'rank', x.rank,
                      'action_field', json_build_object('id', f.id::text, 'name', f.name),
                      'report_status', coalesce(x.last_report_status, 'none'))
                    ORDER BY x.rank)
              FROM (SELECT m.id, m.code, m.title, m.rank, m.action_field_id,
                           m.last_report_status
                      FROM measure m
                     WHERE m.municipality_id = v_mid AND m.concept_id = v_concept_id
                       AND m.status = s.status
                     ORDER BY m.rank LIMIT 50) x
              JOIN action_field f ON f.municipality_id = v_mid
                                 AND f.id = x.action_field_id) AS items
      FROM unnest('{proposed,suspended}'::text[]) AS s (status)
  ), t AS (
    SELECT coalesce((SELECT g.counts FROM g WHERE g.total = 1),
                    json_build_object(
                      'measures', 0,
                      'by_status', json_build_object('proposed', 0, 'planned', 0,
                                                     'in_progress', 0, 'completed', 0,
                                                     'suspended', 0, 'dropped', 0),
                      'mean_progress', NULL, 'delayed', 0, 'at_risk', 0,
                      'stale', 0, 'overdue', 0)) AS counts
  )
  SELECT json_build_object(
    'totals', (SELECT t.counts FROM t),
    'action_fields', coalesce((
      SELECT json_agg(json_build_object('id', f.id::text, 'name', f.name)::jsonb
                      || coalesce(g.counts::jsonb, jsonb_build_object(
                           'measures', 0,
                           'by_status', jsonb_build_object('proposed', 0, 'planned', 0,
                                                           'in_progress', 0, 'completed', 0,
                                                           'suspended', 0, 'dropped', 0),
                           'mean_progress', NULL, 'delayed', 0, 'at_risk', 0,
                           'stale', 0, 'overdue', 0))
                      ORDER BY f.position, f.name, f.id)
        FROM action_field f
        LEFT JOIN g ON g.total = 0 AND g.field = f.id
       WHERE f.municipality_id = v_mid), '[]'),
    'to_decide', json_build_object(
      'proposed', coalesce((SELECT d.items FROM d WHERE d.status = 'proposed'), '[]'),
      'suspended', coalesce((SELECT d.items FROM d WHERE d.status = 'suspended'), '[]'),
      -- recommendations without a response (Handlungsempfehlungen, 010)
      'recommendations', coalesce((
        SELECT json_agg(json_build_object(
                 'id', r.id::text, 'title', r.title,
                 'action_field', json_build_object('id', f.id::text, 'name', f.name),
                 'consultations', (SELECT coalesce(json_agg(json_build_object(
                                            'id', c ->> 'id', 'title', c ->> 'title')), '[]')
                                     FROM json_array_elements(
                                            recommendation_consultations(r.id, 'staff')) c))
                 ORDER BY r.id)
          FROM recommendation r
          JOIN action_field f ON f.municipality_id = r.municipality_id
                             AND f.id = r.action_field_id
         WHERE r.municipality_id = v_mid AND r.response_kind IS NULL), '[]')),
    'to_decide_total', (SELECT json_build_object(
                                 'proposed', t.counts -> 'by_status' -> 'proposed',
                                 'suspended', t.counts -> 'by_status' -> 'suspended')
                          FROM t))
    INTO v_measures;

  SELECT coalesce(json_agg(json_build_object(
           'id', i.id::text, 'name', i.name, 'unit', i.unit,
           'direction', i.direction, 'visibility', i.visibility,
           'latest', CASE WHEN s.state -> 'latest' IS NOT NULL
                           AND json_typeof(s.state -> 'latest') = 'object' THEN
             json_build_object('value', s.state -> 'latest' -> 'value',
                               'period_end', s.state -> 'latest' -> 'period_end') END,
           'baseline', CASE WHEN i.baseline_value IS NOT NULL THEN
             json_build_object('value', i.baseline_value, 'date', i.baseline_date) END,
           'target', CASE WHEN i.target_value IS NOT NULL THEN
             json_build_object('value', i.target_value, 'date', i.target_date) END,
           'status', s.state -> 'status',
           'trend', s.state -> 'trend')
         ORDER BY i.name, i.id), '[]')
    INTO v_indicators
    FROM indicator i
   CROSS JOIN LATERAL (
     SELECT indicator_state(i.id, i.direction, i.baseline_value, i.baseline_date,
                            i.target_value, i.target_date) AS state) s
   WHERE i.municipality_id = v_mid;

  -- "Seit der letzten Sitzung": the audit events since v_from, as the
  -- groups people read (a change of status and rank at once is in both)
  WITH e AS MATERIALIZED (
    SELECT e.id, e.at, e.table_name, e.action, e.row_id, e.old_values AS o,
           e.new_values AS n
      FROM audit_event e
     WHERE e.municipality_id = v_mid AND e.at >= v_from
       AND e.table_name IN ('measure', 'progress_report', 'observation')
       AND e.action IN ('insert', 'update')
  ), c AS (
    SELECT 'status_changes' AS grp, e.*, (e.n ->> 'id')::bigint AS measure_id
      FROM e
     WHERE e.table_name = 'measure' AND e.action = 'update'
       AND e.o ->> 'status' IS DISTINCT FROM e.n ->> 'status'
       AND (e.n ->> 'concept_id')::bigint = v_concept_id
    UNION ALL
    SELECT 'rank_moves', e.*, (e.n ->> 'id')::bigint
      FROM e
     WHERE e.table_name = 'measure' AND e.action = 'update'
       AND e.o ->> 'rank' IS DISTINCT FROM e.n ->> 'rank'
       AND (e.n ->> 'concept_id')::bigint = v_concept_id
    UNION ALL
    SELECT 'new_measures', e.*, (e.n ->> 'id')::bigint
      FROM e
     WHERE e.table_name = 'measure' AND e.action = 'insert'
       AND (e.n ->> 'concept_id')::bigint = v_concept_id
    UNION ALL
    SELECT 'progress_reports', e.*, (e.n ->> 'measure_id')::bigint
      FROM e
     WHERE e.table_name = 'progress_report' AND e.action = 'insert'
       -- the measure's concept by its id (as a join, the generic plan
       -- read all the concept's measures for each report)
       AND (SELECT m.concept_id FROM measure m
             WHERE m.id = (e.n ->> 'measure_id')::bigint) = v_concept_id
    UNION ALL
    SELECT 'observations', e.*, NULL
      FROM e
     WHERE e.table_name = 'observation' AND e.action = 'insert'
  ), r AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.grp ORDER BY c.at DESC, c.id DESC) AS nth,
           count(*) OVER (PARTITION BY c.grp) AS total
      FROM c
  ), items AS (
    SELECT r.grp, r.total,
           json_agg(CASE r.grp
             WHEN 'status_changes' THEN json_build_object(
               'measure', overview_measure_ref(r.measure_id,
                                               coalesce(m.code, r.n ->> 'code'),
                                               coalesce(m.title, r.n ->> 'title')),
               'from', r.o ->> 'status', 'to', r.n ->> 'status', 'at', r.at,
               'by', n.name)
             WHEN 'rank_moves' THEN json_build_object(
               'measure', overview_measure_ref(r.measure_id,
                                               coalesce(m.code, r.n ->> 'code'),
                                               coalesce(m.title, r.n ->> 'title')),
               'from', (r.o ->> 'rank')::int, 'to', (r.n ->> 'rank')::int, 'at', r.at,
               'by', n.name)
             WHEN 'new_measures' THEN json_build_object(
               'measure', overview_measure_ref(r.measure_id,
                                               coalesce(m.code, r.n ->> 'code'),
                                               coalesce(m.title, r.n ->> 'title')),
               'status', r.n ->> 'status', 'at', r.at,
               'by', n.name)
             WHEN 'progress_reports' THEN json_build_object(
               'measure', overview_measure_ref(r.measure_id, m.code, m.title),
               'status', r.n ->> 'status', 'progress', (r.n ->> 'progress')::int,
               'reported_on', r.n ->> 'reported_on',
               'organisation', org_ref((r.n ->> 'organisation_id')::bigint) ->> 'name',
               'at', r.at)
             ELSE json_build_object(
               'indicator', json_build_object('id', i.id::text, 'name', i.name),
               'value', (r.n ->> 'value')::numeric, 'period_end', r.n ->> 'period_end',
               'at', r.at)
             END ORDER BY r.at DESC, r.id DESC) AS items
      FROM r
      LEFT JOIN overview_actors(v_mid, ARRAY(SELECT r.id FROM r WHERE r.nth <= 50)) n
        ON n.event_id = r.id
      LEFT JOIN measure m ON m.municipality_id = v_mid AND m.id = r.measure_id
      LEFT JOIN indicator i ON r.grp = 'observations' AND i.municipality_id = v_mid
                           AND i.id = (r.n ->> 'indicator_id')::bigint
     WHERE r.nth <= 50 AND (r.grp <> 'observations' OR i.id IS NOT NULL)
     GROUP BY r.grp, r.total
  )
  SELECT json_build_object(
    'changes', json_build_object(
      'status_changes', coalesce((SELECT items FROM items WHERE grp = 'status_changes'), '[]'),
      'progress_reports', coalesce((SELECT items FROM items WHERE grp = 'progress_reports'), '[]'),
      'rank_moves', coalesce((SELECT items FROM items WHERE grp = 'rank_moves'), '[]'),
      'new_measures', coalesce((SELECT items FROM items WHERE grp = 'new_measures'), '[]'),
      'observations', coalesce((SELECT items FROM items WHERE grp = 'observations'), '[]')),
    'changes_total', json_build_object(
      'status_changes', coalesce((SELECT total FROM items WHERE grp = 'status_changes'), 0),
      'progress_reports', coalesce((SELECT total FROM items WHERE grp = 'progress_reports'), 0),
      'rank_moves', coalesce((SELECT total FROM items WHERE grp = 'rank_moves'), 0),
      'new_measures', coalesce((SELECT total FROM items WHERE grp = 'new_measures'), 0),
      'observations', coalesce((SELECT total FROM items WHERE grp = 'observations'), 0)))
    INTO v_changes;

  RETURN json_build_object(
    'totals', v_measures -> 'totals',
    'action_fields', v_measures -> 'action_fields',
    'indicators', v_indicators,
    'to_decide', v_measures -> 'to_decide',
    'to_decide_total', v_measures -> 'to_decide_total',
    'changes', v_changes -> 'changes',
    'changes_total', v_changes -> 'changes_total');
END
$$;

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION overview_meetings(bigint), overview_actors(bigint, bigint[])
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION overview_meetings(bigint), overview_actors(bigint, bigint[])
  TO teilhabe_app;
