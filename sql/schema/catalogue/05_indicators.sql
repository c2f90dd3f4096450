-- Indicators and their observations.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS indicator_updated_at ON indicator;
CREATE TRIGGER indicator_updated_at BEFORE UPDATE ON indicator
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE OR REPLACE FUNCTION indicator_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_bad bigint;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.goal_ids IS DISTINCT FROM OLD.goal_ids THEN
    SELECT g INTO v_bad FROM unnest(NEW.goal_ids) g
     WHERE NOT EXISTS (SELECT FROM guiding_goal gg
                        WHERE gg.id = g AND gg.municipality_id = NEW.municipality_id)
     LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('There is no guiding goal %s here.', v_bad), '/goal_ids');
    PERFORM app_assert_at(cardinality(NEW.goal_ids)
                          = (SELECT count(DISTINCT g) FROM unnest(NEW.goal_ids) g),
                          'TH422', 'A goal is named twice.', '/goal_ids');
  END IF;
  IF TG_OP = 'INSERT' OR NEW.measure_ids IS DISTINCT FROM OLD.measure_ids THEN
    SELECT g INTO v_bad FROM unnest(NEW.measure_ids) g
     WHERE NOT EXISTS (SELECT FROM measure m
                        WHERE m.id = g AND m.municipality_id = NEW.municipality_id)
     LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('There is no measure %s here.', v_bad), '/measure_ids');
    PERFORM app_assert_at(cardinality(NEW.measure_ids)
                          = (SELECT count(DISTINCT g) FROM unnest(NEW.measure_ids) g),
                          'TH422', 'A measure is named twice.', '/measure_ids');
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS indicator_guard ON indicator;
CREATE TRIGGER indicator_guard BEFORE INSERT OR UPDATE ON indicator
  FOR EACH ROW EXECUTE FUNCTION indicator_guard();

-- An indicator's latest total value, its trend against the one before and
-- its status against the straight line from baseline to target (the
-- thresholds are documented in openapi.yaml: IndicatorStatus).
CREATE OR REPLACE FUNCTION indicator_state(p_id bigint, p_direction text,
                                p_baseline_value numeric, p_baseline_date date,
                                p_target_value numeric, p_target_date date)
RETURNS json
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_last observation;
  v_prev observation;
  v_sign int := CASE WHEN p_direction = 'lower_is_better' THEN -1 ELSE 1 END;
  v_trend text;
  v_status text := 'no_data';
  v_expected numeric;
  v_achieved numeric;
BEGIN
  SELECT * INTO v_last FROM observation
   WHERE indicator_id = p_id AND age_group IS NULL AND sex IS NULL
     AND citizenship_group IS NULL
   ORDER BY period_end DESC LIMIT 1;
  IF v_last.id IS NULL THEN
    RETURN json_build_object('latest', NULL, 'trend', NULL, 'status', 'no_data');
  END IF;
  SELECT * INTO v_prev FROM observation
   WHERE indicator_id = p_id AND age_group IS NULL AND sex IS NULL
     AND citizenship_group IS NULL AND period_end < v_last.period_end
   ORDER BY period_end DESC LIMIT 1;
  IF v_prev.id IS NOT NULL AND NOT v_last.series_break THEN
    v_trend := CASE
      WHEN abs(v_last.value - v_prev.value) <= abs(v_prev.value) * 0.01 THEN 'steady'
      WHEN sign(v_last.value - v_prev.value) = v_sign THEN 'improving'
      ELSE 'worsening' END;
  END IF;
  IF p_baseline_value IS NOT NULL AND p_baseline_date IS NOT NULL
     AND p_target_value IS NOT NULL AND p_target_date IS NOT NULL THEN
    IF (v_last.value - p_target_value) * v_sign >= 0 THEN
      v_status := 'target_reached';
    ELSIF p_target_value = p_baseline_value THEN
      v_status := 'off_track';
    ELSE
      v_expected := least(1, greatest(0,
        (v_last.period_end - p_baseline_date)::numeric
        / (p_target_date - p_baseline_date)));
      v_achieved := (v_last.value - p_baseline_value)
                    / (p_target_value - p_baseline_value);
      v_status := CASE WHEN v_achieved >= v_expected - 0.10 THEN 'on_track'
                       WHEN v_achieved >= v_expected - 0.25 THEN 'at_risk'
                       ELSE 'off_track' END;
    END IF;
  END IF;
  RETURN json_build_object(
    'latest', json_build_object('value', v_last.value,
                                'period_end', v_last.period_end,
                                'source', v_last.source),
    'trend', v_trend, 'status', v_status);
END
$$;

DROP POLICY IF EXISTS indicator_owner ON indicator;
CREATE POLICY indicator_owner ON indicator TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS observation_owner ON observation;
CREATE POLICY observation_owner ON observation TO teilhabe_owner USING (true) WITH CHECK (true);

-- Indicators: staff read all; partners those shared with them; everyone
-- the public ones. Officers write.
DROP POLICY IF EXISTS indicator_app_staff ON indicator;
CREATE POLICY indicator_app_staff ON indicator FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS indicator_app_partner ON indicator;
CREATE POLICY indicator_app_partner ON indicator FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND visibility <> 'internal');

DROP POLICY IF EXISTS indicator_app_public ON indicator;
CREATE POLICY indicator_app_public ON indicator FOR SELECT TO teilhabe_app
  USING (visibility = 'public');

DROP POLICY IF EXISTS indicator_app_insert ON indicator;
CREATE POLICY indicator_app_insert ON indicator FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS indicator_app_update ON indicator;
CREATE POLICY indicator_app_update ON indicator FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

-- Whether the caller's organisation leads or supports a measure linked to
-- an indicator (partners then record its observations).
CREATE OR REPLACE FUNCTION app_reports_on(p_indicator bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT FROM indicator i JOIN measure m
      ON m.municipality_id = i.municipality_id AND m.id = ANY (i.measure_ids)
     WHERE i.id = p_indicator
       AND app_involved(m.municipality_id, m.lead_organisation_id,
                        m.partner_organisation_ids))
$$;

-- Observations: whoever reads the indicator reads its values; officers
-- record and delete them, partners record them for indicators of the
-- measures their organisation leads or supports.
DROP POLICY IF EXISTS observation_app_read ON observation;
CREATE POLICY observation_app_read ON observation FOR SELECT TO teilhabe_app
  USING (EXISTS (SELECT FROM indicator i WHERE i.id = indicator_id));

DROP POLICY IF EXISTS observation_app_officer ON observation;
CREATE POLICY observation_app_officer ON observation FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS observation_app_partner ON observation;
CREATE POLICY observation_app_partner ON observation FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
              AND app_scope('progress:write')
              AND organisation_id = app_org(municipality_id)
              AND app_reports_on(indicator_id));

DROP POLICY IF EXISTS observation_app_delete ON observation;
CREATE POLICY observation_app_delete ON observation FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

DROP TRIGGER IF EXISTS audit ON indicator;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON indicator
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

DROP TRIGGER IF EXISTS audit ON observation;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON observation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

CREATE OR REPLACE VIEW indicator_doc WITH (security_invoker = true) AS
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

CREATE OR REPLACE VIEW indicator_public_doc WITH (security_invoker = true) AS
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

CREATE OR REPLACE VIEW observation_doc WITH (security_invoker = true) AS
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

CREATE OR REPLACE FUNCTION api_indicator_create(p_ags text, p jsonb) RETURNS json
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

CREATE OR REPLACE FUNCTION api_indicator_update(p_ags text, p_id bigint, p jsonb,
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

CREATE OR REPLACE FUNCTION api_observation_create(p_ags text, p_indicator bigint, p jsonb)
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

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION app_reports_on(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_reports_on(bigint) TO teilhabe_app;
GRANT SELECT ON indicator_doc, indicator_public_doc, observation_doc
  TO teilhabe_app;
