-- pgTAP, catalogue (sql/schema/catalogue/; tables of migrations 004 and
-- 005), proved in SQL: who reads which concepts, guiding goals, measures,
-- progress reports, indicators and observations; who writes what; the guard triggers (measure and concept status,
-- references, the steering group's limits); the ranks; the progress
-- roll-ups; indicator_state(); and what the audit trigger records.
--
-- Runs as the cluster's superuser inside a transaction that is rolled back,
-- with the personas and helpers of lib/personas.sql. The fixtures
-- (concepts, goals, measures, reports, indicators, observations, API
-- clients) are made here, as the superuser, next to the demo data, whose
-- district, municipalities, organisations and accounts they use (looked up
-- by natural keys). Reads are compared on the fixtures only, so the demo
-- catalogue may change.
BEGIN;
SELECT plan(254);
\ir lib/personas.sql

-- The organisations the fixtures name, by a short alias (a temp table:
-- callers without claims cannot read organisations).
CREATE TEMP TABLE org (alias text PRIMARY KEY, id bigint NOT NULL);
INSERT INTO org (alias, id)
SELECT v.alias, o.id
  FROM (VALUES ('caritas', 'Caritasverband für den Musterkreis e.V.'),
               ('dtkv', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.'),
               ('schule', 'Gesamtschule Musterstadt')) AS v (alias, name)
  JOIN organisation o ON o.name = v.name
  JOIN district d ON d.id = o.district_id AND d.code = '05999';
-- one that serves neither Musterstadt nor Musterlingen, only Ölsdorf
INSERT INTO organisation (district_id, name, kind)
SELECT id, 'pgTAP-Verein Ölsdorf', 'club' FROM district WHERE code = '05999';
INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT pg_temp.mid('05999016'), currval('organisation_id_seq');
INSERT INTO org (alias, id) VALUES ('verein', currval('organisation_id_seq'));
GRANT SELECT ON org TO teilhabe_app;

CREATE FUNCTION pg_temp.af(p_ags text) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT id FROM action_field
   WHERE municipality_id = pg_temp.mid(p_ags) AND default_key = 'language'
$$;

CREATE FUNCTION pg_temp.org(p_alias text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.org WHERE alias = p_alias $$;

-- The fixtures by name (names are unique across kinds).
CREATE TEMP TABLE fixture (kind text, name text, id bigint, PRIMARY KEY (kind, id),
                           UNIQUE (name));
GRANT SELECT ON fixture TO teilhabe_app;

CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fixture WHERE name = p_name $$;

-- Which fixtures of a kind a query (returning ids) yields as the current
-- role, by name, sorted; other rows (the demo's) are ignored.
CREATE FUNCTION pg_temp.seen(p_kind text, p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(f.name ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fixture f
                      ON f.kind = %L AND f.id = q.id', p_sql, p_kind)
    INTO r;
  RETURN r;
END
$$;

CREATE FUNCTION pg_temp.sorted(p text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x ORDER BY x COLLATE "C"), '{}') FROM unnest(p) AS x
$$;

-- A measure's column as the superuser sees it.
CREATE FUNCTION pg_temp.m(p_name text) RETURNS measure
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT * FROM measure WHERE id = pg_temp.fx(p_name)
$$;

-- Audit events from here on: a mark of the log's last id, taken as the
-- superuser whoever is acting; it also ends any app.audit_focus.
CREATE TEMP TABLE mark (name text PRIMARY KEY, id bigint);
CREATE FUNCTION pg_temp.set_mark(p_name text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO pg_temp.mark (name, id)
  SELECT p_name, coalesce(max(id), 0) FROM audit_event;
  PERFORM set_config('app.audit_focus', '', true);
  RETURN diag('audit mark ' || p_name);
END
$$;
CREATE FUNCTION pg_temp.mark(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.mark WHERE name = p_name $$;

-- indicator_state() of a fixture indicator, tried with any direction,
-- baseline and target
CREATE FUNCTION pg_temp.state(p_name text, p_direction text, p_bv numeric, p_bd date,
                              p_tv numeric, p_td date) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT indicator_state(pg_temp.fx(p_name), p_direction, p_bv, p_bd, p_tv, p_td)
$$;

-- ---------------------------------------------------------------------------
-- Fixtures. Musterstadt (05999004): concept cA adopted (the demo's adopted
-- concept, if any, is archived first: at most one is), cB and cD in
-- consultation, cC a draft; Musterlingen (05999008): cL in consultation.

UPDATE concept SET status = 'archived'
 WHERE municipality_id = pg_temp.mid('05999004') AND status = 'adopted';

INSERT INTO concept (municipality_id, version, title, status, resolution_date,
                     resolution_reference, adopted_at, adopted_by)
SELECT pg_temp.mid(v.ags),
       (SELECT coalesce(max(version), 0) FROM concept
         WHERE municipality_id = pg_temp.mid(v.ags)) + v.n,
       'pgTAP ' || v.name, v.status,
       CASE WHEN v.status = 'adopted' THEN date '2025-06-26' END,
       CASE WHEN v.status = 'adopted' THEN 'DS 2025/117' END,
       CASE WHEN v.status = 'adopted' THEN now() END,
       CASE WHEN v.status = 'adopted' THEN pg_temp.aid('steering_stadt') END
  FROM (VALUES ('05999004', 1, 'cA', 'adopted'),
               ('05999004', 2, 'cB', 'consultation'),
               ('05999004', 3, 'cC', 'draft'),
               ('05999004', 4, 'cD', 'consultation'),
               ('05999008', 1, 'cL', 'consultation')) AS v (ags, n, name, status);
INSERT INTO fixture (kind, name, id)
SELECT 'concept', substr(title, 7), id FROM concept
 WHERE title IN ('pgTAP cA', 'pgTAP cB', 'pgTAP cC', 'pgTAP cD', 'pgTAP cL');

INSERT INTO guiding_goal (municipality_id, concept_id, position, title)
SELECT c.municipality_id, c.id, v.pos, 'pgTAP ' || v.name
  FROM (VALUES ('cA', 'gA1', 1), ('cA', 'gA2', 2), ('cB', 'gB1', 1),
               ('cC', 'gC1', 1), ('cL', 'gL1', 1)) AS v (concept, name, pos)
  JOIN concept c ON c.id = pg_temp.fx(v.concept);
INSERT INTO fixture (kind, name, id)
SELECT 'goal', substr(g.title, 7), g.id
  FROM guiding_goal g JOIN pg_temp.fixture f ON f.kind = 'concept' AND f.id = g.concept_id;

-- measures: visibility, lead and partner organisations decide who reads them
INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                     goal_ids, horizon, rank, status, progress, weight,
                     lead_organisation_id, partner_organisation_ids, visibility)
SELECT c.municipality_id, c.id, v.code, 'pgTAP ' || v.code, f.id,
       CASE WHEN v.goal IS NULL THEN '{}' ELSE ARRAY[pg_temp.fx(v.goal)] END,
       'short', v.rank, v.status, v.progress, 1, pg_temp.org(v.lead),
       ARRAY(SELECT pg_temp.org(p) FROM unnest(v.partners) AS p), v.visibility
  FROM (VALUES
         ('cA', 'mA_public',   1, 'in_progress', 'public',   'dtkv',   '{}'::text[], 'gA1', 10),
         ('cA', 'mA_partners', 2, 'planned',     'partners', NULL,     '{}',         'gA2', 0),
         ('cA', 'mA_lead',     3, 'in_progress', 'internal', 'caritas', '{}',        NULL,  5),
         ('cA', 'mA_support',  4, 'planned',     'internal', 'dtkv',   '{caritas}',  NULL,  0),
         ('cA', 'mA_internal', 5, 'proposed',    'internal', 'dtkv',   '{}',         NULL,  0),
         ('cA', 'mA_parent',   6, 'in_progress', 'public',   'schule', '{}',         NULL,  0),
         ('cB', 'mB_public',   1, 'proposed',    'public',   NULL,     '{}',         'gB1', 0),
         ('cB', 'mB_lead',     2, 'proposed',    'internal', 'caritas', '{}',        NULL,  0),
         ('cC', 'mC_partners', 1, 'proposed',    'partners', NULL,     '{}',         NULL,  0),
         ('cC', 'mC_lead',     2, 'proposed',    'internal', 'caritas', '{}',        NULL,  0),
         ('cL', 'mL_lead',     1, 'planned',     'internal', 'caritas', '{}',        NULL,  0),
         ('cL', 'mL_internal', 2, 'proposed',    'internal', NULL,     '{}',         NULL,  0)
       ) AS v (concept, code, rank, status, visibility, lead, partners, goal, progress)
  JOIN concept c ON c.id = pg_temp.fx(v.concept)
  JOIN action_field f ON f.municipality_id = c.municipality_id AND f.default_key = 'language';
-- two Teilmaßnahmen of mA_parent: weights 1 and 3, progress 20 and 60
INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                     horizon, rank, status, progress, weight, lead_organisation_id,
                     visibility, parent_id)
SELECT p.municipality_id, p.concept_id, v.code, 'pgTAP ' || v.code, p.action_field_id,
       'short', v.rank, 'in_progress', v.progress, v.weight, pg_temp.org(v.lead),
       'internal', p.id
  FROM (VALUES ('mA_child1', 7, 20, 1, 'caritas'),
               ('mA_child2', 8, 60, 3, 'dtkv')) AS v (code, rank, progress, weight, lead),
       measure p
 WHERE p.code = 'mA_parent' AND p.concept_id = pg_temp.fx('cA');
INSERT INTO fixture (kind, name, id)
SELECT 'measure', m.code, m.id
  FROM measure m JOIN pg_temp.fixture f ON f.kind = 'concept' AND f.id = m.concept_id;

-- progress reports, dated in the past
INSERT INTO progress_report (municipality_id, measure_id, reported_on, status, progress,
                             text, organisation_id, author_account_id)
SELECT m.municipality_id, m.id, date '2025-01-15', 'on_track', m.progress,
       'pgTAP ' || v.name, pg_temp.org(v.org), pg_temp.aid(v.author)
  FROM (VALUES ('rA_public', 'mA_public', NULL, 'officer_stadt'),
               ('rA_internal', 'mA_internal', NULL, 'officer_stadt'),
               ('rA_lead', 'mA_lead', 'caritas', 'partner'),
               ('rB_public', 'mB_public', NULL, 'officer_stadt'),
               ('rL_lead', 'mL_lead', 'caritas', 'partner')) AS v (name, measure, org, author)
  JOIN measure m ON m.id = pg_temp.fx(v.measure);
INSERT INTO fixture (kind, name, id)
SELECT 'report', substr(p.text, 7), p.id
  FROM progress_report p JOIN pg_temp.fixture f ON f.kind = 'measure' AND f.id = p.measure_id;

-- indicators read by visibility; the "state" ones (internal, Musterstadt)
-- carry the observations indicator_state() is tried on
INSERT INTO indicator (municipality_id, name, unit, direction, source_set,
                       baseline_value, baseline_date, target_value, target_date,
                       measure_ids, visibility)
SELECT pg_temp.mid(v.ags), 'pgTAP ' || v.name, '%', v.direction, 'local',
       v.bv, v.bd::date, v.tv, v.td::date,
       ARRAY(SELECT pg_temp.fx(x) FROM unnest(v.measures) AS x), v.visibility
  FROM (VALUES
         ('05999004', 'iPublic',     'public',   '{mA_lead}'::text[], 'higher_is_better', 40, '2024-12-31', 80, '2028-12-31'),
         ('05999004', 'iPartners',   'partners', '{mA_internal}',     'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999004', 'iInternal',   'internal', '{mA_lead}',         'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999008', 'iL',          'partners', '{mL_lead}',         'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999008', 'iL_internal', 'internal', '{}',                'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999004', 'sUp',         'internal', '{}',                'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999004', 'sDown',       'internal', '{}',                'lower_is_better',  NULL, NULL, NULL, NULL),
         ('05999004', 'sSteady',     'internal', '{}',                'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999004', 'sBreak',      'internal', '{}',                'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999004', 'sOne',        'internal', '{}',                'higher_is_better', NULL, NULL, NULL, NULL),
         ('05999004', 'sEmpty',      'internal', '{}',                'higher_is_better', NULL, NULL, NULL, NULL)
       ) AS v (ags, name, visibility, measures, direction, bv, bd, tv, td);
INSERT INTO fixture (kind, name, id)
SELECT CASE WHEN name LIKE 'pgTAP s%' THEN 'state' ELSE 'indicator' END, substr(name, 7), id
  FROM indicator WHERE name LIKE 'pgTAP %';

INSERT INTO observation (municipality_id, indicator_id, period_end, value, source,
                         series_break, sex)
SELECT i.municipality_id, i.id, v.period_end::date, v.value, 'pgTAP ' || v.name,
       v.brk, v.sex
  FROM (VALUES
         ('oPublic',     'iPublic',     '2025-12-31', 60,    false, NULL),
         ('oPartners',   'iPartners',   '2025-12-31', 1,     false, NULL),
         ('oInternal',   'iInternal',   '2025-12-31', 1,     false, NULL),
         ('oL',          'iL',          '2025-12-31', 1,     false, NULL),
         ('oL_internal', 'iL_internal', '2025-12-31', 1,     false, NULL),
         ('sUp1',        'sUp',         '2024-12-31', 50,    false, NULL),
         ('sUp2',        'sUp',         '2025-12-31', 60,    false, NULL),
         -- later, but disaggregated: neither latest nor trend
         ('sUp3',        'sUp',         '2026-06-30', 999,   false, 'female'),
         ('sDown1',      'sDown',       '2024-12-31', 30.5,  false, NULL),
         ('sDown2',      'sDown',       '2025-12-31', 29.8,  false, NULL),
         ('sSteady1',    'sSteady',     '2024-12-31', 100,   false, NULL),
         ('sSteady2',    'sSteady',     '2025-12-31', 101,   false, NULL),
         ('sBreak1',     'sBreak',      '2024-12-31', 100,   false, NULL),
         ('sBreak2',     'sBreak',      '2025-12-31', 120,   true,  NULL),
         ('sOne1',       'sOne',        '2025-12-31', 5,     false, NULL)
       ) AS v (name, indicator, period_end, value, brk, sex)
  JOIN indicator i ON i.id = pg_temp.fx(v.indicator);
INSERT INTO fixture (kind, name, id)
SELECT 'observation', substr(o.source, 7), o.id
  FROM observation o WHERE o.source LIKE 'pgTAP o%';

-- API clients of the Caritas in Musterstadt, with and without the scopes
INSERT INTO api_client (municipality_id, client_id, secret_hash, name, organisation_id, scopes)
SELECT pg_temp.mid('05999004'), v.client_id, sha256(v.client_id::bytea), v.client_id,
       pg_temp.org('caritas'), v.scopes::text[]
  FROM (VALUES ('tap4-read', '{catalogue:read}'),
               ('tap4-write', '{progress:write}'),
               ('tap4-both', '{catalogue:read,progress:write}')) AS v (client_id, scopes);
INSERT INTO persona (name, id, claims)
SELECT c.client_id, c.id,
       json_build_object(
         'sub', 'client:' || c.id, 'cid', c.id, 'did', mu.district_id, 'dadm', false,
         'scope', array_to_string(c.scopes, ' '),
         'mem', json_build_array(json_build_object(
                  'mid', c.municipality_id, 'ags', mu.ags,
                  'role', 'partner', 'org', c.organisation_id)))::text
  FROM api_client c JOIN municipality mu ON mu.id = c.municipality_id
 WHERE c.client_id LIKE 'tap4-%';

SELECT is((SELECT count(*)::int FROM pg_temp.fixture), 45, 'the fixtures are in place');
SELECT is((SELECT count(*)::int FROM persona), 9, 'and the personas');
SELECT is((pg_temp.m('mA_parent')).progress::int, 50,
          'a parent starts at the weighted mean of its Teilmaßnahmen ((20·1 + 60·3) / 4)');

-- ===========================================================================
-- Reading: each persona, each table

SET LOCAL ROLE teilhabe_app;

-- ---------------------------------------------------------------------------
-- The officer of Musterstadt

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'),
          pg_temp.sorted('{cA,cB,cC,cD}'),
          'an officer reads every concept of their municipality, drafts too, none of another''s but adopted ones');
SELECT is(pg_temp.seen('goal', 'SELECT id FROM guiding_goal'),
          pg_temp.sorted('{gA1,gA2,gB1,gC1}'), 'and their guiding goals');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'),
          pg_temp.sorted('{mA_public,mA_partners,mA_lead,mA_support,mA_internal,mA_parent,
                           mA_child1,mA_child2,mB_public,mB_lead,mC_partners,mC_lead}'),
          'every measure of their municipality, whatever its visibility');
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'),
          pg_temp.sorted('{rA_public,rA_internal,rA_lead,rB_public}'),
          'every progress report of their municipality');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'),
          pg_temp.sorted('{iPublic,iPartners,iInternal}'),
          'every indicator of their municipality, and no internal or partners'' one of another');
SELECT is(pg_temp.seen('observation', 'SELECT id FROM observation'),
          pg_temp.sorted('{oPublic,oPartners,oInternal}'), 'and their observations');

-- ---------------------------------------------------------------------------
-- The steering group of Musterstadt

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'),
          pg_temp.sorted('{cA,cB,cC,cD}'), 'the steering group reads every concept, drafts too');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'),
          pg_temp.sorted('{mA_public,mA_partners,mA_lead,mA_support,mA_internal,mA_parent,
                           mA_child1,mA_child2,mB_public,mB_lead,mC_partners,mC_lead}'),
          'and every measure');
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'),
          pg_temp.sorted('{rA_public,rA_internal,rA_lead,rB_public}'), 'and every progress report');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'),
          pg_temp.sorted('{iPublic,iPartners,iInternal}'), 'and every indicator');

-- ---------------------------------------------------------------------------
-- A partner (Caritas; partner in Musterstadt, Musterlingen, Lindenau)

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'),
          pg_temp.sorted('{cA,cB,cD,cL}'),
          'a partner reads the concepts past the draft, in each of their municipalities');
SELECT is(pg_temp.seen('goal', 'SELECT id FROM guiding_goal'),
          pg_temp.sorted('{gA1,gA2,gB1,gL1}'), 'and their goals, not a draft''s');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure WHERE concept_id <> ' || pg_temp.fx('cC')),
          pg_temp.sorted('{mA_public,mA_partners,mA_lead,mA_support,mA_parent,mA_child1,
                           mB_public,mB_lead,mL_lead}'),
          'a partner reads measures shared with partners or the public, and the internal ones their organisation leads or supports');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure WHERE id IN ('
                                  || pg_temp.fx('mA_internal') || ', ' || pg_temp.fx('mA_child2')
                                  || ', ' || pg_temp.fx('mL_internal') || ')'),
          '{}'::text[], 'but no other internal measure');
-- A draft is hidden from partners (ConceptStatus), its goals are; its
-- measures must be too (measure_app_partner does not look at the concept).
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure WHERE concept_id = ' || pg_temp.fx('cC')),
          '{}'::text[], 'nor any measure of a draft concept, which they cannot read');
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'),
          pg_temp.sorted('{rA_public,rA_lead,rB_public,rL_lead}'),
          'a partner reads the progress reports of the measures they read');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'),
          pg_temp.sorted('{iPublic,iPartners,iL}'),
          'a partner reads the indicators shared with partners or the public');
SELECT is(pg_temp.seen('observation', 'SELECT id FROM observation'),
          pg_temp.sorted('{oPublic,oPartners,oL}'), 'and their observations');
SELECT is((SELECT count(*)::int FROM measure_doc WHERE id = pg_temp.fx('mA_internal')), 0,
          'a partner does not find an internal measure in the measure documents either');

-- ---------------------------------------------------------------------------
-- API clients of the Caritas in Musterstadt

SELECT pg_temp.act_as('tap4-read');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'),
          pg_temp.sorted('{cA,cB,cD}'),
          'an API client with catalogue:read reads its municipality''s concepts past the draft');
SELECT is(pg_temp.seen('goal', 'SELECT id FROM guiding_goal'),
          pg_temp.sorted('{gA1,gA2,gB1}'), 'and their goals');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'),
          pg_temp.sorted('{mA_public,mA_partners,mA_lead,mA_support,mA_parent,mA_child1,
                           mB_public,mB_lead}'),
          'the measures a partner of its organisation reads there');
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'),
          pg_temp.sorted('{rA_public,rA_lead,rB_public}'), 'and their progress reports');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'),
          pg_temp.sorted('{iPublic,iPartners}'), 'and the indicators shared with partners');
SELECT is(pg_temp.seen('observation', 'SELECT id FROM observation'),
          pg_temp.sorted('{oPublic,oPartners}'), 'and their observations');

SELECT pg_temp.act_as('tap4-write');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'), '{cA}'::text[],
          'an API client without catalogue:read reads only what the public reads: the adopted concept');
SELECT is(pg_temp.seen('goal', 'SELECT id FROM guiding_goal'), pg_temp.sorted('{gA1,gA2}'),
          'its goals');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'), pg_temp.sorted('{mA_public,mA_parent}'),
          'its public measures, not even those its organisation leads');
-- progress_report_app_read admits any caller with claims who reads the
-- measure, also through measure_app_public; the reports need catalogue:read.
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'), '{}'::text[],
          'and no progress report (they need catalogue:read)');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'), '{iPublic}'::text[],
          'the public indicators');
SELECT is(pg_temp.seen('observation', 'SELECT id FROM observation'), '{oPublic}'::text[],
          'and their observations');

-- ---------------------------------------------------------------------------
-- The district admin

SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'),
          pg_temp.sorted('{cA,cB,cC,cD,cL}'), 'a district admin reads every concept of the district');
SELECT is((SELECT count(*)::int FROM pg_temp.fixture f
            WHERE f.kind = 'measure'
              AND NOT EXISTS (SELECT FROM measure m WHERE m.id = f.id)), 0,
          'and every measure');
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'),
          pg_temp.sorted('{rA_public,rA_internal,rA_lead,rB_public,rL_lead}'),
          'and every progress report');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'),
          pg_temp.sorted('{iPublic,iPartners,iInternal,iL,iL_internal}'), 'and every indicator');

-- ---------------------------------------------------------------------------
-- The officer of another municipality (Musterlingen)

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'), pg_temp.sorted('{cA,cL}'),
          'an officer of Musterlingen reads their own concepts and Musterstadt''s adopted one only');
SELECT is(pg_temp.seen('goal', 'SELECT id FROM guiding_goal'), pg_temp.sorted('{gA1,gA2,gL1}'),
          'the same goals');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'),
          pg_temp.sorted('{mA_public,mA_parent,mL_lead,mL_internal}'),
          'their own measures and Musterstadt''s public ones only');
-- Reports are read by the municipality's people (GET …/progress-reports:
-- roles "of that municipality"), not by everyone who reads a public measure.
SELECT is(pg_temp.seen('report', 'SELECT id FROM progress_report'), '{rL_lead}'::text[],
          'their own progress reports, none of Musterstadt''s (not even on a public measure)');
SELECT is(pg_temp.seen('indicator', 'SELECT id FROM indicator'),
          pg_temp.sorted('{iPublic,iL,iL_internal}'),
          'their own indicators and Musterstadt''s public ones');
SELECT is(pg_temp.seen('observation', 'SELECT id FROM observation'),
          pg_temp.sorted('{oPublic,oL,oL_internal}'), 'and their observations');

-- ---------------------------------------------------------------------------
-- Without claims (the public pages)

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'), '{cA}'::text[],
          'without claims the service reads the adopted concept');
SELECT is(ARRAY(SELECT id FROM concept ORDER BY id),
          pg_temp.truth($$SELECT id FROM concept WHERE status = 'adopted'$$),
          'and no other concept anywhere');
SELECT is(ARRAY(SELECT id FROM guiding_goal ORDER BY id),
          pg_temp.truth($$SELECT g.id FROM guiding_goal g JOIN concept c ON c.id = g.concept_id
                           WHERE c.status = 'adopted'$$),
          'the goals of adopted concepts only');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'), pg_temp.sorted('{mA_public,mA_parent}'),
          'the public measures of the adopted concept (not mB_public, in consultation)');
SELECT is(ARRAY(SELECT id FROM measure ORDER BY id),
          pg_temp.truth($$SELECT m.id FROM measure m JOIN concept c ON c.id = m.concept_id
                           WHERE m.visibility = 'public' AND c.status = 'adopted'$$),
          'and no other measure anywhere');
SELECT is(ARRAY(SELECT id FROM measure_public_doc ORDER BY id),
          pg_temp.truth($$SELECT m.id FROM measure m JOIN concept c ON c.id = m.concept_id
                           WHERE m.visibility = 'public' AND c.status = 'adopted'$$),
          'the public measure documents are the same');
SELECT is((SELECT count(*)::int FROM progress_report), 0, 'no progress report at all');
SELECT is((SELECT count(*)::int FROM progress_report_doc), 0, 'nor a progress report document');
SELECT is(ARRAY(SELECT id FROM indicator ORDER BY id),
          pg_temp.truth($$SELECT id FROM indicator WHERE visibility = 'public'$$),
          'the public indicators only');
SELECT is(pg_temp.seen('observation', 'SELECT id FROM observation'), '{oPublic}'::text[],
          'and the observations of public indicators only');
SELECT is((SELECT count(*)::int FROM action_field WHERE municipality_id = pg_temp.mid('05999004')),
          (SELECT cardinality(pg_temp.truth($$SELECT id FROM action_field
                                              WHERE municipality_id = pg_temp.mid('05999004')$$))),
          'action fields are public (the public catalogue names them)');

-- ===========================================================================
-- Writing: the officer of Musterstadt

SELECT pg_temp.act_as('officer_stadt');

-- concepts
SELECT lives_ok($$INSERT INTO concept (municipality_id, version, title, created_by)
                  SELECT pg_temp.mid('05999004'), max(version) + 1, 'pgTAP neu',
                         pg_temp.aid('officer_stadt')
                    FROM concept WHERE municipality_id = pg_temp.mid('05999004')$$,
                'an officer creates a concept in their municipality');
SELECT is((SELECT status FROM concept WHERE title = 'pgTAP neu'), 'draft',
          'it starts as a draft');
SELECT throws_ok($$INSERT INTO concept (municipality_id, version, title, status)
                   SELECT pg_temp.mid('05999004'), max(version) + 1, 'pgTAP gleich beteiligt',
                          'consultation'
                     FROM concept WHERE municipality_id = pg_temp.mid('05999004')$$,
                 'TH422', NULL, 'a new concept cannot start past the draft');
SELECT throws_ok($$INSERT INTO concept (municipality_id, version, title)
                   VALUES (pg_temp.mid('05999008'), 99, 'pgTAP fremd')$$,
                 '42501', NULL, 'an officer creates no concept in another municipality');
SELECT is(pg_temp.changed($$UPDATE concept SET title = 'pgTAP übernommen'
                             WHERE id = pg_temp.fx('cL')$$),
          0, 'nor changes one there');
SELECT is(pg_temp.changed($$UPDATE concept SET summary = 'Überarbeitet'
                             WHERE id = pg_temp.fx('cB')$$),
          1, 'an officer edits a concept in consultation');
SELECT throws_ok($$DELETE FROM concept WHERE id = pg_temp.fx('cC')$$,
                 '42501', NULL, 'concepts are never deleted');
SELECT is(pg_temp.changed($$UPDATE concept SET status = 'consultation' WHERE id = pg_temp.fx('cC')$$),
          1, 'an officer puts a draft into consultation');
SELECT is(pg_temp.changed($$UPDATE concept SET status = 'draft' WHERE id = pg_temp.fx('cC')$$),
          1, 'and back to draft');
SELECT throws_ok($$UPDATE concept SET status = 'adopted', resolution_date = current_date,
                          resolution_reference = 'DS 1', adopted_at = now()
                    WHERE id = pg_temp.fx('cC')$$,
                 'TH409', NULL, 'a draft is not adopted (draft -> adopted is no transition)');
SELECT throws_ok($$UPDATE concept SET status = 'adopted', resolution_date = current_date,
                          resolution_reference = 'DS 1', adopted_at = now()
                    WHERE id = pg_temp.fx('cD')$$,
                 'TH403', NULL, 'an officer does not adopt a concept in consultation');
SELECT throws_ok($$SELECT api_concept_adopt('05999004', pg_temp.fx('cB'),
                     '{"resolution_date":"2026-01-15","resolution_reference":"DS 2026/4"}', NULL)$$,
                 'TH403', NULL, 'nor through api_concept_adopt');
SELECT throws_ok($$UPDATE concept SET title = 'pgTAP umgeschrieben' WHERE id = pg_temp.fx('cA')$$,
                 'TH409', NULL, 'an adopted concept''s text is not edited');
SELECT throws_ok($$UPDATE concept SET status = 'consultation' WHERE id = pg_temp.fx('cA')$$,
                 'TH409', NULL, 'an adopted concept does not go back to consultation');
-- The adoption record is written by the adoption (api_concept_adopt), not
-- afterwards; concept_guard checks only title, summary and status.
SELECT ok(pg_temp.sqlstate($$UPDATE concept SET resolution_reference = 'DS 1999/1',
                                                adopted_by = pg_temp.aid('officer_stadt')
                             WHERE id = pg_temp.fx('cA')$$) IN ('TH403', 'TH409', '42501'),
          'an officer cannot rewrite the council resolution of the adopted concept');

-- guiding goals
SELECT lives_ok($$INSERT INTO guiding_goal (municipality_id, concept_id, position, title)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('cB'), 2, 'pgTAP Ziel neu')$$,
                'an officer adds a guiding goal');
SELECT throws_ok($$INSERT INTO guiding_goal (municipality_id, concept_id, position, title)
                   VALUES (pg_temp.mid('05999008'), pg_temp.fx('cL'), 2, 'pgTAP Ziel fremd')$$,
                 '42501', NULL, 'but not to a concept of another municipality');
SELECT throws_ok($$INSERT INTO guiding_goal (municipality_id, concept_id, position, title)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('cL'), 2, 'pgTAP Ziel fremd')$$,
                 '23503', NULL, 'not even by naming their own municipality');
SELECT is(pg_temp.changed($$UPDATE guiding_goal SET title = 'pgTAP übernommen'
                             WHERE id = pg_temp.fx('gL1')$$),
          0, 'nor changes one there');
SELECT is(pg_temp.changed($$DELETE FROM guiding_goal WHERE id = pg_temp.fx('gL1')$$),
          0, 'nor deletes one there');
SELECT is(pg_temp.changed($$DELETE FROM guiding_goal WHERE title = 'pgTAP Ziel neu'$$),
          1, 'an officer deletes a goal of their municipality');
SELECT is(pg_temp.changed($$DELETE FROM guiding_goal WHERE id = pg_temp.fx('gA2')$$),
          1, 'and one a measure names');
SELECT is((pg_temp.m('mA_partners')).goal_ids, '{}'::bigint[],
          'the measure no longer names it');

-- measures
SELECT lives_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                      horizon, rank, created_by)
                  SELECT pg_temp.mid('05999004'), pg_temp.fx('cB'), 'mB_new', 'pgTAP mB_new',
                         action_field_id, 'medium', 3, pg_temp.aid('officer_stadt')
                    FROM measure WHERE id = pg_temp.fx('mB_public')$$,
                'an officer creates a measure');
SELECT is((SELECT status FROM measure WHERE code = 'mB_new'), 'proposed', 'it is proposed');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank, status)
                   SELECT pg_temp.mid('05999004'), pg_temp.fx('cB'), 'mB_planned', 'pgTAP',
                          action_field_id, 'medium', 4, 'planned'
                     FROM measure WHERE id = pg_temp.fx('mB_public')$$,
                 'TH403', NULL, 'an officer cannot create a measure already planned');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank)
                   VALUES (pg_temp.mid('05999008'), pg_temp.fx('cL'), 'mL_fremd', 'pgTAP',
                           pg_temp.af('05999008'), 'medium', 9)$$,
                 '42501', NULL, 'an officer creates no measure in another municipality');
SELECT is(pg_temp.changed($$UPDATE measure SET title = 'pgTAP übernommen'
                             WHERE id = pg_temp.fx('mL_lead')$$),
          0, 'nor changes one there');
SELECT throws_ok($$DELETE FROM measure WHERE id = pg_temp.fx('mB_new')$$,
                 '42501', NULL, 'measures are never deleted (dropped instead)');

-- references
CREATE FUNCTION pg_temp.new_measure(p_set text) RETURNS text
LANGUAGE sql AS $$
  SELECT format('INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                      horizon, rank, goal_ids, lead_organisation_id,
                                      partner_organisation_ids, parent_id)
                 SELECT municipality_id, concept_id, ''x-'' || rank, ''pgTAP x'', action_field_id,
                        ''short'', 50, %s
                   FROM measure WHERE id = pg_temp.fx(''mA_public'')', p_set)
$$;
SELECT throws_ok(pg_temp.new_measure($$ARRAY[pg_temp.fx('gB1')], NULL, '{}', NULL$$),
                 'TH422', NULL, 'a measure names no guiding goal of another concept');
SELECT throws_ok(pg_temp.new_measure($$ARRAY[pg_temp.fx('gA1'), pg_temp.fx('gA1')], NULL, '{}', NULL$$),
                 'TH422', NULL, 'nor a goal twice');
SELECT throws_ok(pg_temp.new_measure($$'{}', pg_temp.org('verein'), '{}', NULL$$),
                 'TH422', NULL, 'its lead organisation serves the municipality');
SELECT throws_ok(pg_temp.new_measure($$'{}', NULL, ARRAY[pg_temp.org('verein')], NULL$$),
                 'TH422', NULL, 'and so do its partner organisations');
SELECT throws_ok(pg_temp.new_measure($$'{}', pg_temp.org('dtkv'), ARRAY[pg_temp.org('dtkv')], NULL$$),
                 'TH422', NULL, 'the lead organisation is not also a partner');
SELECT throws_ok(pg_temp.new_measure($$'{}', NULL, '{}', pg_temp.fx('mA_child1')$$),
                 'TH422', NULL, 'a Teilmaßnahme has no Teilmaßnahmen (no grandchildren)');
SELECT throws_ok($$UPDATE measure SET parent_id = pg_temp.fx('mA_public')
                    WHERE id = pg_temp.fx('mA_parent')$$,
                 'TH422', NULL, 'a measure with Teilmaßnahmen does not become one');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank, parent_id)
                   SELECT municipality_id, pg_temp.fx('cB'), 'x-parent', 'pgTAP', action_field_id,
                          'short', 50, pg_temp.fx('mA_public')
                     FROM measure WHERE id = pg_temp.fx('mB_public')$$,
                 '23503', NULL, 'a Teilmaßnahme belongs to a measure of the same concept');
SELECT throws_ok($$UPDATE measure SET goal_ids = ARRAY[pg_temp.fx('gB1')]
                    WHERE id = pg_temp.fx('mA_lead')$$,
                 'TH422', NULL, 'the goal check holds for changes too');

-- status transitions
SELECT throws_ok($$UPDATE measure SET status = 'planned' WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH403', NULL, 'planning a proposed measure is the steering group''s decision, not an officer''s');
SELECT throws_ok($$UPDATE measure SET status = 'completed' WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH409', NULL, 'proposed -> completed is no transition');
SELECT throws_ok($$UPDATE measure SET status = 'proposed' WHERE id = pg_temp.fx('mA_lead')$$,
                 'TH409', NULL, 'in_progress -> proposed is no transition');
SELECT throws_ok($$UPDATE measure SET status = 'suspended' WHERE id = pg_temp.fx('mA_partners')$$,
                 'TH422', NULL, 'suspending needs a reason');
SELECT throws_ok($$SELECT api_measure_update('05999004', pg_temp.fx('mA_partners'),
                                             '{"status":"dropped"}', NULL)$$,
                 'TH422', NULL, 'and so does dropping (through api_measure_update)');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'suspended',
                                               status_reason = 'Förderung fehlt'
                             WHERE id = pg_temp.fx('mA_partners')$$),
          1, 'planned -> suspended with a reason');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'in_progress'
                             WHERE id = pg_temp.fx('mA_partners')$$),
          1, 'suspended -> in_progress');
SELECT ok((pg_temp.m('mA_partners')).status_reason IS NULL
          AND (pg_temp.m('mA_partners')).actual_start = current_date,
          'resuming clears the reason and records the actual start');

-- progress reports
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_internal'), 'on_track', 5,
                          'Begonnen', pg_temp.aid('officer_stadt'))$$,
                'an officer reports progress on any measure of their municipality');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_internal'), 'on_track', 5,
                           'Im Namen der Bürgermeisterin', pg_temp.aid('steering_stadt'))$$,
                 '42501', NULL, 'but only as its author');
SELECT throws_ok($$UPDATE progress_report SET text = 'Geändert' WHERE id = pg_temp.fx('rA_public')$$,
                 '42501', NULL, 'a progress report is a record: never changed');
SELECT throws_ok($$DELETE FROM progress_report WHERE id = pg_temp.fx('rA_public')$$,
                 '42501', NULL, 'nor deleted');

-- indicators and observations
SELECT lives_ok($$INSERT INTO indicator (municipality_id, name, unit, direction, source_set)
                  VALUES (pg_temp.mid('05999004'), 'pgTAP iNeu', '%', 'higher_is_better', 'local')$$,
                'an officer creates an indicator');
SELECT throws_ok($$INSERT INTO indicator (municipality_id, name, unit, direction, source_set)
                   VALUES (pg_temp.mid('05999008'), 'pgTAP iFremd', '%', 'higher_is_better', 'local')$$,
                 '42501', NULL, 'but not in another municipality');
SELECT is(pg_temp.changed($$UPDATE indicator SET name = 'pgTAP übernommen'
                             WHERE id = pg_temp.fx('iL')$$),
          0, 'nor changes one there');
SELECT lives_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value, source)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('iInternal'), '2026-03-31', 2,
                          'pgTAP officer')$$,
                'an officer records an observation');
SELECT is(pg_temp.changed($$DELETE FROM observation WHERE source = 'pgTAP officer'$$),
          1, 'and deletes it');
SELECT is(pg_temp.changed($$DELETE FROM observation WHERE id = pg_temp.fx('oL')$$),
          0, 'but no observation of another municipality');

-- action fields
SELECT lives_ok($$INSERT INTO action_field (municipality_id, name, position)
                  VALUES (pg_temp.mid('05999004'), 'pgTAP Sport', 99)$$,
                'an officer adds an action field');
SELECT throws_ok($$INSERT INTO action_field (municipality_id, name, position)
                   VALUES (pg_temp.mid('05999008'), 'pgTAP Sport', 99)$$,
                 '42501', NULL, 'but not to another municipality');

-- ===========================================================================
-- Progress: the newest report sets a measure's progress; parents follow
-- their Teilmaßnahmen (weighted mean) unless set by hand

SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'delayed', 45,
                          'Heute', pg_temp.aid('officer_stadt'))$$,
                'a report of today');
SELECT ok((pg_temp.m('mA_lead')).progress = 45
          AND (pg_temp.m('mA_lead')).last_report_on = current_date
          AND (pg_temp.m('mA_lead')).last_report_status = 'delayed'
          AND NOT (pg_temp.m('mA_lead')).progress_from_children,
          'sets the measure''s progress and last report');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, reported_on, status,
                                              progress, text, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), current_date - 30,
                          'on_track', 10, 'Nachgetragen', pg_temp.aid('officer_stadt'))$$,
                'a report dated earlier, recorded later');
SELECT ok((pg_temp.m('mA_lead')).progress = 45
          AND (pg_temp.m('mA_lead')).last_report_status = 'delayed',
          'does not set the measure''s progress (it is not the newest)');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 50,
                          'Heute, später', pg_temp.aid('officer_stadt'))$$,
                'another report of today');
SELECT ok((pg_temp.m('mA_lead')).progress = 50
          AND (pg_temp.m('mA_lead')).last_report_status = 'on_track',
          'sets it again');

SELECT is(pg_temp.changed($$UPDATE measure SET progress = 100 WHERE id = pg_temp.fx('mA_child1')$$),
          1, 'an officer sets a Teilmaßnahme''s progress');
SELECT is((pg_temp.m('mA_parent')).progress::int, 70,
          'the parent follows: (100·1 + 60·3) / 4 = 70');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_child2'), 'at_risk', 0,
                          'Gestoppt', pg_temp.aid('officer_stadt'))$$,
                'a report on the other Teilmaßnahme');
SELECT is((pg_temp.m('mA_parent')).progress::int, 25,
          'the parent follows a report too: (100·1 + 0·3) / 4 = 25');
SELECT is(pg_temp.changed($$UPDATE measure SET weight = 2 WHERE id = pg_temp.fx('mA_child2')$$),
          1, 'a new weight');
SELECT is((pg_temp.m('mA_parent')).progress::int, 33,
          'the parent follows, rounded: 100 / 3 = 33');
SELECT is(pg_temp.changed($$UPDATE measure SET progress = 90, progress_from_children = false
                             WHERE id = pg_temp.fx('mA_parent')$$),
          1, 'an officer sets the parent''s progress by hand');
SELECT is(pg_temp.changed($$UPDATE measure SET progress = 40 WHERE id = pg_temp.fx('mA_child1')$$),
          1, 'a Teilmaßnahme changes');
SELECT is((pg_temp.m('mA_parent')).progress::int, 90, 'the parent set by hand stays');
SELECT is(pg_temp.changed($$UPDATE measure SET progress_from_children = true
                             WHERE id = pg_temp.fx('mA_parent')$$),
          1, 'the parent is switched back to its Teilmaßnahmen');
SELECT is((pg_temp.m('mA_parent')).progress::int, 13,
          'and follows them again: (40·1 + 0·2) / 3 = 13');

-- ===========================================================================
-- The steering group of Musterstadt

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'planned' WHERE id = pg_temp.fx('mA_internal')$$),
          1, 'the steering group plans a proposed measure');
SELECT is((pg_temp.m('mA_internal')).status, 'planned', 'it is planned');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'dropped', status_reason = 'Doppelt'
                             WHERE id = pg_temp.fx('mA_support')$$),
          1, 'the steering group drops a measure, with a reason');
SELECT throws_ok($$UPDATE measure SET status = 'suspended' WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH422', NULL, 'but not without one');
SELECT throws_ok($$UPDATE measure SET status = 'in_progress' WHERE id = pg_temp.fx('mA_support')$$,
                 'TH409', NULL, 'dropped -> in_progress is no transition, for the steering group too');
SELECT throws_ok($$UPDATE measure SET title = 'pgTAP Chefsache' WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH403', NULL, 'the steering group does not change a measure''s title');
SELECT throws_ok($$UPDATE measure SET visibility = 'public' WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH403', NULL, 'nor its visibility');
SELECT throws_ok($$UPDATE measure SET budget = 1000000 WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH403', NULL, 'nor its budget');
SELECT throws_ok($$UPDATE measure SET status = 'in_progress', progress = 80
                    WHERE id = pg_temp.fx('mA_internal')$$,
                 'TH403', NULL, 'nor its progress, not even along with a status');
-- measure_guard exempts actual_start/actual_end for the steering group
-- because it sets them itself on a status change; set alone they are data.
SELECT throws_ok($$UPDATE measure SET actual_start = date '2020-01-01'
                    WHERE id = pg_temp.fx('mA_public')$$,
                 'TH403', NULL, 'nor its actual start date on its own');
SELECT throws_ok($$SELECT api_measure_update('05999004', pg_temp.fx('mA_internal'),
                                             '{"title":"pgTAP Chefsache"}', NULL)$$,
                 'TH403', NULL, 'nor through api_measure_update');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('cA'), 'mA_steer', 'pgTAP',
                           pg_temp.af('05999004'), 'short', 60)$$,
                 '42501', NULL, 'the steering group creates no measure');
SELECT throws_ok($$INSERT INTO concept (municipality_id, version, title)
                   VALUES (pg_temp.mid('05999004'), 999, 'pgTAP Chefkonzept')$$,
                 '42501', NULL, 'nor a concept');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_public'), 'on_track', 5,
                           'Chefsache', pg_temp.aid('steering_stadt'))$$,
                 '42501', NULL, 'nor a progress report');
SELECT is(pg_temp.changed($$UPDATE indicator SET name = 'pgTAP Chefsache'
                             WHERE id = pg_temp.fx('iInternal')$$),
          0, 'nor changes an indicator');
SELECT is(pg_temp.changed($$DELETE FROM guiding_goal WHERE id = pg_temp.fx('gB1')$$),
          0, 'nor deletes a goal');
SELECT throws_ok($$UPDATE concept SET title = 'pgTAP Chefkonzept' WHERE id = pg_temp.fx('cB')$$,
                 'TH403', NULL, 'nor edits a concept''s text');
SELECT throws_ok($$UPDATE concept SET status = 'consultation' WHERE id = pg_temp.fx('cC')$$,
                 'TH403', NULL, 'nor puts a draft into consultation');

-- priority: api_measure_move keeps the ranks 1..n
SELECT pg_temp.set_mark('move1');
SELECT is(ARRAY(SELECT code FROM measure WHERE concept_id = pg_temp.fx('cA') ORDER BY rank),
          ARRAY['mA_public', 'mA_partners', 'mA_lead', 'mA_support', 'mA_internal',
                'mA_parent', 'mA_child1', 'mA_child2'],
          'concept cA''s measures in their order');
SELECT lives_ok($$SELECT api_measure_move('05999004', pg_temp.fx('mA_parent'), 2, NULL)$$,
                'the steering group moves a measure from rank 6 to 2');
SELECT pg_temp.set_mark('move2');
SELECT is(ARRAY(SELECT code FROM measure WHERE concept_id = pg_temp.fx('cA') ORDER BY rank),
          ARRAY['mA_public', 'mA_parent', 'mA_partners', 'mA_lead', 'mA_support',
                'mA_internal', 'mA_child1', 'mA_child2'],
          'the measures between move down one');
SELECT is(ARRAY(SELECT rank FROM measure WHERE concept_id = pg_temp.fx('cA') ORDER BY rank),
          ARRAY[1, 2, 3, 4, 5, 6, 7, 8], 'the ranks stay 1..n');
SELECT lives_ok($$SELECT api_measure_move('05999004', pg_temp.fx('mA_public'), 99, NULL)$$,
                'a move past the end');
SELECT is(ARRAY(SELECT code FROM measure WHERE concept_id = pg_temp.fx('cA') ORDER BY rank),
          ARRAY['mA_parent', 'mA_partners', 'mA_lead', 'mA_support', 'mA_internal',
                'mA_child1', 'mA_child2', 'mA_public'],
          'puts the measure last');
SELECT is(ARRAY(SELECT rank FROM measure WHERE concept_id = pg_temp.fx('cA') ORDER BY rank),
          ARRAY[1, 2, 3, 4, 5, 6, 7, 8], 'the ranks still 1..n');
SELECT pg_temp.set_mark('moved');

-- the unique rank: deferrable, so a swap is one statement or two deferred
SELECT is(pg_temp.sqlstate($$UPDATE measure SET rank = 1 WHERE id = pg_temp.fx('mA_partners')$$),
          '23505', 'two measures of a concept never share a rank');
SELECT lives_ok($$UPDATE measure SET rank = CASE id WHEN pg_temp.fx('mA_parent') THEN 2 ELSE 1 END
                   WHERE id IN (pg_temp.fx('mA_parent'), pg_temp.fx('mA_partners'))$$,
                'a swap in one statement passes (checked at its end)');
SELECT lives_ok($$SET CONSTRAINTS measure_rank_unique DEFERRED;
                  UPDATE measure SET rank = 2 WHERE id = pg_temp.fx('mA_partners');
                  UPDATE measure SET rank = 1 WHERE id = pg_temp.fx('mA_parent');
                  SET CONSTRAINTS measure_rank_unique IMMEDIATE$$,
                'and a swap in two statements, deferred');
SELECT throws_ok($$SET CONSTRAINTS measure_rank_unique DEFERRED;
                   UPDATE measure SET rank = 2 WHERE id = pg_temp.fx('mA_parent');
                   SET CONSTRAINTS measure_rank_unique IMMEDIATE$$,
                 '23505', NULL, 'a duplicate still fails when the check comes');
SELECT is(ARRAY(SELECT rank FROM measure WHERE concept_id = pg_temp.fx('cA') ORDER BY rank),
          ARRAY[1, 2, 3, 4, 5, 6, 7, 8], 'the ranks are 1..n after all that');

-- ===========================================================================
-- A partner (Caritas)

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.changed($$UPDATE measure SET title = 'pgTAP Caritas'
                             WHERE id = pg_temp.fx('mA_lead')$$),
          0, 'a partner does not change a measure, not even one their organisation leads');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'completed'
                             WHERE id = pg_temp.fx('mA_lead')$$),
          0, 'nor its status');
SELECT lives_ok($$SELECT api_measure_move('05999004', pg_temp.fx('mA_lead'), 1, NULL)$$,
                'a partner''s move');
SELECT is((pg_temp.m('mA_lead')).rank, 3, 'changes no rank');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('cA'), 'mA_caritas', 'pgTAP',
                           pg_temp.af('05999004'), 'short', 60)$$,
                 '42501', NULL, 'a partner creates no measure');
SELECT throws_ok($$INSERT INTO concept (municipality_id, version, title)
                   VALUES (pg_temp.mid('05999004'), 999, 'pgTAP Caritas')$$,
                 '42501', NULL, 'nor a concept');
SELECT is(pg_temp.changed($$UPDATE concept SET title = 'pgTAP Caritas' WHERE id = pg_temp.fx('cB')$$),
          0, 'nor changes one');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, organisation_id, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 55,
                          'Caritas berichtet', pg_temp.org('caritas'), pg_temp.aid('partner'))$$,
                'a partner reports on a measure their organisation leads');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, organisation_id, author_account_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_support'), 'on_track', 10,
                          'Caritas unterstützt', pg_temp.org('caritas'), pg_temp.aid('partner'))$$,
                'and on one it supports');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, organisation_id, author_account_id)
                  VALUES (pg_temp.mid('05999008'), pg_temp.fx('mL_lead'), 'on_track', 10,
                          'Caritas in Musterlingen', pg_temp.org('caritas'), pg_temp.aid('partner'))$$,
                'and in another of their municipalities');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_public'), 'on_track', 55,
                           'Fremd', pg_temp.org('caritas'), pg_temp.aid('partner'))$$,
                 '42501', NULL, 'but not on a measure their organisation has no part in, visible or not');
SELECT throws_ok($$SELECT api_progress_report_create('05999004', pg_temp.fx('mA_public'),
                     '{"status":"on_track","progress":55,"text":"Fremd"}', NULL)$$,
                 'TH403', NULL, 'nor through api_progress_report_create');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 55,
                           'Im Namen des DTKV', pg_temp.org('dtkv'), pg_temp.aid('partner'))$$,
                 '42501', NULL, 'a partner''s report names their own organisation');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 55,
                           'Ohne Organisation', NULL, pg_temp.aid('partner'))$$,
                 '42501', NULL, 'and no report of theirs goes without it');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 55,
                           'Im Namen der Beauftragten', pg_temp.org('caritas'),
                           pg_temp.aid('officer_stadt'))$$,
                 '42501', NULL, 'and names themselves as the author');
SELECT lives_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value,
                                          organisation_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('iPublic'), '2026-03-31', 61,
                          pg_temp.org('caritas'))$$,
                'a partner records an observation of an indicator of a measure their organisation leads');
SELECT throws_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value,
                                           organisation_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('iPartners'), '2026-03-31', 2,
                           pg_temp.org('caritas'))$$,
                 '42501', NULL, 'but not of another indicator');
SELECT is(pg_temp.changed($$DELETE FROM observation WHERE id = pg_temp.fx('oPublic')$$),
          0, 'a partner deletes no observation');
SELECT throws_ok($$INSERT INTO indicator (municipality_id, name, unit, direction, source_set)
                   VALUES (pg_temp.mid('05999004'), 'pgTAP Caritas', '%', 'higher_is_better', 'local')$$,
                 '42501', NULL, 'nor creates an indicator');
SELECT throws_ok($$INSERT INTO guiding_goal (municipality_id, concept_id, position, title)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('cB'), 9, 'pgTAP Caritas')$$,
                 '42501', NULL, 'nor a guiding goal');

-- ===========================================================================
-- API clients

SELECT pg_temp.act_as('tap4-both');
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, organisation_id, author_client_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 60,
                          'Aus dem Fachverfahren', pg_temp.org('caritas'), pg_temp.aid('tap4-both'))$$,
                'an API client with progress:write reports on a measure its organisation leads');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 60,
                           'Als Person', pg_temp.org('caritas'), pg_temp.aid('partner'))$$,
                 '42501', NULL, 'as itself, not as a person');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_client_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_public'), 'on_track', 60,
                           'Fremd', pg_temp.org('caritas'), pg_temp.aid('tap4-both'))$$,
                 '42501', NULL, 'and not on a measure its organisation has no part in');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'completed' WHERE id = pg_temp.fx('mA_lead')$$),
          0, 'an API client changes no measure');

SELECT pg_temp.act_as('tap4-read');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, organisation_id, author_client_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 60,
                           'Nur lesend', pg_temp.org('caritas'), pg_temp.aid('tap4-read'))$$,
                 '42501', NULL, 'an API client without progress:write reports nothing');
SELECT throws_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value,
                                           organisation_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('iPublic'), '2026-06-30', 62,
                           pg_temp.org('caritas'))$$,
                 '42501', NULL, 'nor records an observation');

SELECT pg_temp.act_as('tap4-write');
-- progress:write alone is enough (the scope's description, the handler);
-- progress_report_app_partner finds the measure only through the caller's
-- row-level security, which needs catalogue:read for an internal measure.
SELECT lives_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                              text, organisation_id, author_client_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_lead'), 'on_track', 65,
                          'Nur schreibend', pg_temp.org('caritas'), pg_temp.aid('tap4-write'))$$,
                'an API client with progress:write alone reports on a measure its organisation leads');
SELECT lives_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value,
                                          organisation_id)
                  VALUES (pg_temp.mid('05999004'), pg_temp.fx('iPublic'), '2026-06-30', 62,
                          pg_temp.org('caritas'))$$,
                'and records an observation of its indicator');

-- ===========================================================================
-- The district admin: officer and steering group everywhere

SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'planned' WHERE id = pg_temp.fx('mB_lead')$$),
          1, 'a district admin plans a proposed measure');
SELECT is(pg_temp.changed($$UPDATE measure SET title = 'pgTAP Kreis' WHERE id = pg_temp.fx('mL_lead')$$),
          1, 'and edits measures in every municipality');
SELECT lives_ok($$INSERT INTO concept (municipality_id, version, title)
                  SELECT pg_temp.mid('05999008'), max(version) + 1, 'pgTAP Kreis'
                    FROM concept WHERE municipality_id = pg_temp.mid('05999008')$$,
                'and creates concepts there');

-- ===========================================================================
-- People of another municipality (Musterlingen)

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed($$UPDATE measure SET title = 'pgTAP Lingen'
                             WHERE municipality_id = pg_temp.mid('05999004')$$),
          0, 'an officer of Musterlingen changes no measure of Musterstadt, not even a public one');
SELECT is(pg_temp.changed($$UPDATE concept SET status = 'archived' WHERE id = pg_temp.fx('cA')$$),
          0, 'nor archives its adopted concept');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('cA'), 'mA_lingen', 'pgTAP',
                           pg_temp.af('05999004'), 'short', 60)$$,
                 '42501', NULL, 'nor adds one to its concept');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress,
                                               text, author_account_id)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_parent'), 'on_track', 5,
                           'Aus Musterlingen', pg_temp.aid('officer_lingen'))$$,
                 '42501', NULL, 'nor reports on a public measure of Musterstadt');
SELECT throws_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('iPublic'), '2026-09-30', 1)$$,
                 '42501', NULL, 'nor records an observation there');
SELECT throws_ok($$INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id,
                                       horizon, rank, lead_organisation_id)
                   VALUES (pg_temp.mid('05999008'), pg_temp.fx('cL'), 'mL_schule', 'pgTAP',
                           pg_temp.af('05999008'), 'short', 60, pg_temp.org('schule'))$$,
                 'TH422', NULL, 'in Musterlingen, a measure is led by no organisation that serves only Musterstadt');
SELECT pg_temp.act_as('steering_lingen');
SELECT is(pg_temp.changed($$UPDATE measure SET status = 'completed'
                             WHERE municipality_id = pg_temp.mid('05999004')$$),
          0, 'the steering group of Musterlingen decides nothing in Musterstadt');

-- ===========================================================================
-- Without claims

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.changed($$UPDATE measure SET title = 'pgTAP anonym'$$), 0,
          'without claims the service changes no measure');
SELECT is(pg_temp.changed($$UPDATE concept SET title = 'pgTAP anonym'$$), 0, 'nor a concept');
SELECT throws_ok($$INSERT INTO concept (municipality_id, version, title)
                   VALUES (pg_temp.mid('05999004'), 999, 'pgTAP anonym')$$,
                 '42501', NULL, 'nor creates one');
SELECT throws_ok($$INSERT INTO progress_report (municipality_id, measure_id, status, progress, text)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('mA_parent'), 'on_track', 5,
                           'anonym')$$,
                 '42501', NULL, 'nor reports progress on a public measure');
SELECT throws_ok($$INSERT INTO observation (municipality_id, indicator_id, period_end, value)
                   VALUES (pg_temp.mid('05999004'), pg_temp.fx('iPublic'), '2026-09-30', 1)$$,
                 '42501', NULL, 'nor records an observation of a public indicator');

-- ===========================================================================
-- Adoption: only the steering group; at most one adopted concept

SELECT pg_temp.act_as('steering_stadt');
SELECT throws_ok($$UPDATE concept SET status = 'adopted', resolution_date = current_date,
                          resolution_reference = 'DS 2026/4', adopted_at = now(),
                          adopted_by = pg_temp.aid('steering_stadt')
                    WHERE id = pg_temp.fx('cD')$$,
                 '23505', NULL, 'a second adopted concept is refused (the unique index)');
SELECT lives_ok($$SELECT api_concept_adopt('05999004', pg_temp.fx('cD'),
                    '{"resolution_date":"2026-01-15","resolution_reference":"DS 2026/4"}', NULL)$$,
                'the steering group adopts a concept in consultation');
SELECT is(ARRAY(SELECT status FROM concept
                 WHERE id IN (pg_temp.fx('cA'), pg_temp.fx('cD')) ORDER BY title),
          ARRAY['archived', 'adopted'], 'the one adopted before is archived');
SELECT is((SELECT count(*)::int FROM concept
            WHERE municipality_id = pg_temp.mid('05999004') AND status = 'adopted'),
          1, 'one adopted concept');
SELECT throws_ok($$SELECT api_measure_move('05999004', pg_temp.fx('mA_lead'), 1, NULL)$$,
                 'TH409', NULL, 'an archived concept''s measures are not moved');
SELECT throws_ok($$SELECT api_concept_adopt('05999004', pg_temp.fx('cC'),
                     '{"resolution_date":"2026-01-15","resolution_reference":"DS 2026/5"}', NULL)$$,
                 'TH409', NULL, 'a draft is not adopted');
SELECT pg_temp.act_as('officer_stadt');
SELECT throws_ok($$UPDATE concept SET status = 'draft' WHERE id = pg_temp.fx('cA')$$,
                 'TH409', NULL, 'an archived concept stays archived');
SELECT throws_ok($$UPDATE concept SET title = 'pgTAP wiederbelebt' WHERE id = pg_temp.fx('cA')$$,
                 'TH409', NULL, 'and is not edited');
SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('concept', 'SELECT id FROM concept'), '{cD}'::text[],
          'the public now reads the newly adopted concept, not the archived one');
SELECT is(pg_temp.seen('measure', 'SELECT id FROM measure'), '{}'::text[],
          'nor the archived one''s public measures');

-- ===========================================================================
-- indicator_state(): the thresholds documented in openapi.yaml
-- (IndicatorStatus, IndicatorTrend)

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.state('sEmpty', 'higher_is_better', 0, '2024-12-31', 100, '2028-12-31')::jsonb,
          '{"latest": null, "trend": null, "status": "no_data"}'::jsonb,
          'no observation: no_data, no trend, no latest value');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2024-12-31', 100, NULL)::jsonb
            - 'latest',
          '{"trend": "improving", "status": "no_data"}'::jsonb,
          'an incomplete target: no_data, but a trend');
SELECT is(pg_temp.state('sUp', 'higher_is_better', NULL, NULL, NULL, NULL) -> 'latest' ->> 'value',
          '60', 'the latest value is the latest total, not a later disaggregated value');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 40, '2024-12-31', 60, '2028-12-31') ->> 'status',
          'target_reached', 'target_reached when the latest value reaches the target (higher is better)');
SELECT is(pg_temp.state('sDown', 'lower_is_better', 31.5, '2024-12-31', 29.8, '2028-12-31') ->> 'status',
          'target_reached', 'and when it gets down to it (lower is better)');
SELECT is(pg_temp.state('sDown', 'lower_is_better', 31.5, '2024-12-31', 25, '2028-12-31')::jsonb
            - 'latest',
          '{"trend": "improving", "status": "on_track"}'::jsonb,
          'the documented example: 31.5 -> 25, at 29.8 after a year: on_track, improving');
-- e = 0.5 (latest 2025-12-31 halfway between 2025-11-11 and 2026-02-19),
-- baseline 0, latest 60: a = 60 / target
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2025-11-11', 150, '2026-02-19') ->> 'status',
          'on_track', 'on_track when a >= e - 0.10 (a = 0.40, e = 0.50)');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2025-11-11', 151, '2026-02-19') ->> 'status',
          'at_risk', 'at_risk just below (a = 0.397)');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2025-11-11', 240, '2026-02-19') ->> 'status',
          'at_risk', 'at_risk when a >= e - 0.25 (a = 0.25)');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2025-11-11', 241, '2026-02-19') ->> 'status',
          'off_track', 'off_track just below (a = 0.249)');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2020-12-31', 100, '2024-12-31') ->> 'status',
          'off_track', 'past the target date e is 1 (a = 0.6 < 0.75)');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 0, '2026-06-30', 1000, '2030-06-30') ->> 'status',
          'on_track', 'before the baseline date e is 0 (a = 0.06)');
SELECT is(pg_temp.state('sUp', 'higher_is_better', 70, '2024-12-31', 70, '2028-12-31') ->> 'status',
          'off_track', 'a target equal to the baseline and not reached: off_track');
SELECT is(pg_temp.state('sUp', 'lower_is_better', NULL, NULL, NULL, NULL) ->> 'trend',
          'worsening', 'a rise is worsening when lower is better');
SELECT is(pg_temp.state('sSteady', 'higher_is_better', NULL, NULL, NULL, NULL) ->> 'trend',
          'steady', 'a change of at most 1 % is steady');
SELECT is(pg_temp.state('sBreak', 'higher_is_better', NULL, NULL, NULL, NULL) ->> 'trend',
          NULL, 'no trend across a series break');
SELECT is(pg_temp.state('sOne', 'higher_is_better', NULL, NULL, NULL, NULL) ->> 'trend',
          NULL, 'no trend from one value');
SELECT pg_temp.act_as(NULL);
SELECT is((SELECT doc ->> 'status' FROM indicator_public_doc WHERE id = pg_temp.fx('iPublic')),
          'on_track', 'the public indicator document shows the status (62 on 2026-06-30 of 40 -> 80)');

-- ===========================================================================
-- The audit log

RESET ROLE;
SELECT is(ARRAY(SELECT row_id FROM audit_event
                 WHERE table_name = 'measure'
                   AND id > pg_temp.mark('move1') AND id <= pg_temp.mark('move2')
                 ORDER BY id),
          ARRAY[pg_temp.fx('mA_parent')::text],
          'a move records the moved measure only, not the four it shifted');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'measure' AND action = 'update'
                     AND id > pg_temp.mark('move1') AND id <= pg_temp.mark('move2')
                     AND row_id = pg_temp.fx('mA_parent')::text
                     AND old_values ->> 'rank' = '6' AND new_values ->> 'rank' = '2'
                     AND actor_account_id = pg_temp.aid('steering_stadt')),
          'with its old and new rank and the steering group as actor');
SELECT is(ARRAY(SELECT row_id FROM audit_event
                 WHERE table_name = 'measure'
                   AND id > pg_temp.mark('move2') AND id <= pg_temp.mark('moved')
                 ORDER BY id),
          ARRAY[pg_temp.fx('mA_public')::text], 'the second move too');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'measure' AND action = 'update'
                     AND row_id = pg_temp.fx('mA_internal')::text
                     AND old_values ->> 'status' = 'proposed'
                     AND new_values ->> 'status' = 'planned'
                     AND actor_account_id = pg_temp.aid('steering_stadt')),
          'the steering group''s decision is recorded');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'progress_report' AND action = 'insert'
                     AND municipality_id = pg_temp.mid('05999004')
                     AND actor_client_id = pg_temp.aid('tap4-both')),
          'an API client''s report is recorded with the client as actor');
SELECT ok((SELECT count(*) FROM audit_event WHERE table_name = 'measure') > 0,
          'measures have audit events (so the next test means something)');
SELECT is((SELECT count(*)::int FROM audit_event
            WHERE table_name = 'measure'
              AND (old_values ? 'search' OR new_values ? 'search')),
          0, 'the measure''s tsvector column search never appears in the log');
SELECT is((SELECT count(*)::int FROM audit_event
            WHERE table_name = 'measure'
              AND (old_values ? 'doc' OR new_values ? 'doc')),
          0, 'nor does its cached document');

-- ===========================================================================
-- The catalogue's signals (issue #11): measure_overdue(), the columns
-- report_status and overdue of measure_doc, measure_summary()

RESET ROLE;
SELECT ok(measure_overdue(date '2020-12-31', 'in_progress'),
          'a measure whose planned end has passed is overdue');
SELECT ok(measure_overdue(date '2020-12-31', 'suspended'), 'a suspended one too');
SELECT ok(NOT measure_overdue(date '2020-12-31', 'completed'), 'a completed one is not');
SELECT ok(NOT measure_overdue(date '2020-12-31', 'dropped'), 'nor a dropped one');
SELECT ok(NOT measure_overdue((now() AT TIME ZONE 'Europe/Berlin')::date, 'planned'),
          'nor one that ends today (in Europe/Berlin)');
SELECT ok(NOT measure_overdue(NULL, 'planned'), 'nor one without a planned end');
SELECT is((SELECT report_status FROM measure_doc WHERE id = pg_temp.fx('mB_public')),
          'on_track', 'report_status is the status of the latest Sachstand');
SELECT is((SELECT report_status FROM measure_doc WHERE id = pg_temp.fx('mB_lead')),
          'none', 'and none without one');
UPDATE measure SET planned_end = date '2021-01-31' WHERE id = pg_temp.fx('mB_lead');
SELECT ok((SELECT overdue FROM measure_doc WHERE id = pg_temp.fx('mB_lead')),
          'measure_doc.overdue says whether the measure is overdue');

SELECT is(measure_summary(NULL, NULL, NULL, NULL)::jsonb,
          '{"groups": [], "total": {"count": 0, "mean_progress": null, "overdue": 0,
            "report_status": {"on_track": 0, "delayed": 0, "at_risk": 0, "completed": 0, "none": 0}}}'::jsonb,
          'the summary of no measures: no groups, zeros, mean_progress null');
SELECT is(measure_summary(ARRAY[pg_temp.af('05999004'), NULL, pg_temp.af('05999004')],
                          '{10,50,25}', '{delayed,none,delayed}', '{true,false,false}')::jsonb,
          json_build_object(
            'groups', json_build_array(
              json_build_object('action_field', json_build_object(
                                  'id', pg_temp.af('05999004')::text, 'name', 'Sprache'),
                                'count', 2, 'mean_progress', 17.5, 'overdue', 1,
                                'report_status', json_build_object('on_track', 0, 'delayed', 2,
                                  'at_risk', 0, 'completed', 0, 'none', 0)),
              json_build_object('action_field', NULL, 'count', 1, 'mean_progress', 50.0,
                                'overdue', 0,
                                'report_status', json_build_object('on_track', 0, 'delayed', 0,
                                  'at_risk', 0, 'completed', 0, 'none', 1))),
            'total', json_build_object('count', 3, 'mean_progress', 28.3, 'overdue', 1,
                                       'report_status', json_build_object('on_track', 0,
                                         'delayed', 2, 'at_risk', 0, 'completed', 0,
                                         'none', 1)))::jsonb,
          'the summary per action field (one without an action field last) and in all, the mean to one decimal');

-- what the summary counts is what the caller reads from measure_doc
CREATE TEMP TABLE summary_seen (persona text PRIMARY KEY, total int, visible int);
GRANT ALL ON summary_seen TO teilhabe_app;
SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('officer_stadt');
INSERT INTO summary_seen
SELECT 'officer',
       (measure_summary(array_agg(d.action_field_id), array_agg(d.progress::int),
                        array_agg(d.report_status), array_agg(d.overdue)) -> 'total' ->> 'count')::int,
       count(*)
  FROM measure_doc d WHERE d.concept_id = pg_temp.fx('cA');
SELECT pg_temp.act_as('partner');
INSERT INTO summary_seen
SELECT 'partner',
       (measure_summary(array_agg(d.action_field_id), array_agg(d.progress::int),
                        array_agg(d.report_status), array_agg(d.overdue)) -> 'total' ->> 'count')::int,
       count(*)
  FROM measure_doc d WHERE d.concept_id = pg_temp.fx('cA');
RESET ROLE;
SELECT is((SELECT total FROM summary_seen WHERE persona = 'officer'),
          (SELECT count(*)::int FROM measure WHERE concept_id = pg_temp.fx('cA')),
          'the officer''s summary counts every measure of the concept');
SELECT is((SELECT total FROM summary_seen WHERE persona = 'partner'),
          (SELECT visible FROM summary_seen WHERE persona = 'partner'),
          'the partner''s counts the measures the partner reads');
SELECT cmp_ok((SELECT total FROM summary_seen WHERE persona = 'partner'), '<',
              (SELECT total FROM summary_seen WHERE persona = 'officer'),
              'which are fewer (row-level security)');
SELECT ok(NOT EXISTS (SELECT FROM measure_doc
                       WHERE report_status NOT IN ('on_track', 'delayed', 'at_risk',
                                                   'completed', 'none')),
          'report_status holds only the values of the filter');

SELECT * FROM finish();
ROLLBACK;
