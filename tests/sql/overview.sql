-- pgTAP, overview (sql/schema/overview/; the index of migration 008): who
-- gets the overview (api_overview) and its meeting tile
-- (overview_meetings), what a persona of another municipality or a
-- partner sees of it, and the cells of the CSV exports.
--
-- Runs as the cluster's superuser inside a transaction that is rolled back,
-- with the personas and helpers of lib/personas.sql, against the demo data
-- (its adopted concept of Musterstadt) and one meeting made here.
BEGIN;
SELECT plan(40);
\ir lib/personas.sql

-- a steering-group meeting held in Musterstadt, newer than any other
INSERT INTO meeting (municipality_id, kind, title, starts_at, status)
VALUES (pg_temp.mid('05999004'), 'steering_group', 'pgTAP-Sitzung', now() - interval '1 second', 'held');
CREATE TEMP TABLE fixture AS
SELECT currval('meeting_id_seq')::bigint AS meeting,
       (SELECT id FROM concept WHERE municipality_id = pg_temp.mid('05999004')
           AND status = 'adopted') AS concept,
       (SELECT id FROM concept WHERE municipality_id = pg_temp.mid('05999008')
         ORDER BY version LIMIT 1) AS concept_lingen;
GRANT SELECT ON fixture TO teilhabe_app;
CREATE TEMP TABLE truth AS
SELECT count(*)::int AS measures,
       count(*) FILTER (WHERE status = 'proposed')::int AS proposed,
       count(*) FILTER (WHERE visibility = 'public')::int AS public
  FROM measure WHERE concept_id = (SELECT concept FROM fixture);
GRANT SELECT ON truth TO teilhabe_app;

SELECT isnt((SELECT concept FROM fixture), NULL, 'Musterstadt has an adopted concept');
SELECT ok((SELECT measures FROM truth) >= 43, 'with the demo''s measures');
SELECT has_index('audit_event', 'audit_event_recent', ARRAY['municipality_id', 'at'],
                 'the audit log is indexed for a time window per municipality');

SET LOCAL ROLE teilhabe_app;

-- ---------------------------------------------------------------------------
-- Staff of the municipality

SELECT pg_temp.act_as('officer_stadt');
SELECT is((api_overview('05999004', NULL, NULL)::json -> 'totals' ->> 'measures')::int,
          (SELECT measures FROM truth), 'the officer: every measure of the adopted concept');
SELECT is((api_overview('05999004', NULL, NULL)::json -> 'to_decide_total' ->> 'proposed')::int,
          (SELECT proposed FROM truth), 'and every proposed one to decide');
SELECT is(api_overview('05999004', NULL, NULL)::json -> 'meetings' -> 'last' ->> 'id',
          (SELECT meeting FROM fixture)::text, 'the last meeting held');
SELECT is(api_overview('05999004', NULL, NULL)::json ->> 'since_source', 'last_meeting',
          'since the last meeting');
SELECT is(api_overview('05999004', NULL, NULL)::json ->> 'since',
          ((now() - interval '1 second') AT TIME ZONE 'Europe/Berlin')::date::text,
          'from its day');
SELECT is(api_overview('05999004', '2026-01-01', NULL)::json ->> 'since_source', 'query',
          'a date given wins');
SELECT throws_ok(format('SELECT api_overview(%L, NULL, %s)', '05999004',
                        (SELECT concept_lingen FROM fixture)),
                 'TH404', NULL, 'a concept of another municipality is not found');

SELECT is((SELECT count(*)::int FROM overview_cache
            WHERE concept_id = (SELECT concept FROM fixture)),
          1, 'the default view is kept in the cache');
-- a change (an audit event) makes the next overview count anew
RESET ROLE;
INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id, horizon, rank)
SELECT municipality_id, id, 'TAP-OV-1', 'pgTAP-Maßnahme', (SELECT min(id) FROM action_field
                                                         WHERE municipality_id = c.municipality_id),
       'short', 9999
  FROM concept c WHERE id = (SELECT concept FROM fixture);
UPDATE truth SET measures = measures + 1;
SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('officer_stadt');
SELECT is((api_overview('05999004', NULL, NULL)::json -> 'totals' ->> 'measures')::int,
          (SELECT measures FROM truth), 'a new measure counts at once, cache or not');

-- a minute old: computed anew by the next request
RESET ROLE;
UPDATE overview_cache SET computed_at = now() - interval '2 minutes', doc = '{"totals": null}'
 WHERE concept_id = (SELECT concept FROM fixture);
SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('officer_stadt');
SELECT is((api_overview('05999004', NULL, NULL)::json -> 'totals' ->> 'measures')::int,
          (SELECT measures FROM truth), 'a cached overview a minute old is computed anew');
SELECT is((SELECT computed_at FROM overview_cache WHERE concept_id = (SELECT concept FROM fixture)),
          now(), 'and kept again');

SELECT pg_temp.act_as('steering_stadt');
SELECT is((api_overview('05999004', NULL, NULL)::json -> 'totals' ->> 'measures')::int,
          (SELECT measures FROM truth), 'the steering group too');

SELECT pg_temp.act_as('dadm');
SELECT is((api_overview('05999004', NULL, NULL)::json -> 'totals' ->> 'measures')::int,
          (SELECT measures FROM truth), 'and the district admin');

-- ---------------------------------------------------------------------------
-- Another municipality's personas see nothing

SELECT pg_temp.act_as('officer_lingen');
SELECT throws_ok($$SELECT api_overview('05999004', NULL, NULL)$$, 'TH404', NULL,
                 'the officer of Musterlingen: no overview of Musterstadt');
SELECT ok(overview_meetings(pg_temp.mid('05999004')) IS NULL, 'nor its meetings');
SELECT is((SELECT count(*)::int FROM measure_csv WHERE municipality_id = pg_temp.mid('05999004')),
          (SELECT public FROM truth),
          'of its measures as CSV only the published ones, as anyone (measure_app_public)');
SELECT is((SELECT count(*)::int FROM audit_event WHERE municipality_id = pg_temp.mid('05999004')),
          0, 'nor its audit events');
SELECT is((SELECT count(*)::int FROM overview_cache WHERE municipality_id = pg_temp.mid('05999004')),
          0, 'nor its cached overview');
SELECT ok(api_overview('05999008', NULL, NULL)::json IS NOT NULL, 'but the overview of Musterlingen');

SELECT pg_temp.act_as('steering_lingen');
SELECT throws_ok($$SELECT api_overview('05999004', NULL, NULL)$$, 'TH404', NULL,
                 'nor the steering group of Musterlingen');

-- ---------------------------------------------------------------------------
-- Partners and nobody: refused

SELECT pg_temp.act_as('partner');
SELECT throws_ok($$SELECT api_overview('05999004', NULL, NULL)$$, 'TH403', NULL,
                 'a partner of Musterstadt: refused');
SELECT ok(overview_meetings(pg_temp.mid('05999004')) IS NULL, 'no meetings for a partner');
SELECT is((SELECT count(*)::int FROM overview_cache), 0, 'and no cached overview');
SELECT throws_ok($$INSERT INTO overview_cache (municipality_id, concept_id, since, computed_on, doc)
                   SELECT municipality_id, id, current_date, current_date, '{}'
                     FROM concept WHERE id = (SELECT concept FROM fixture)$$,
                 '42501', NULL, 'nor may a partner write one');

SELECT pg_temp.act_as(NULL);
SELECT throws_ok($$SELECT api_overview('05999004', NULL, NULL)$$, 'TH404', NULL,
                 'without claims: not found');
SELECT ok(overview_meetings(pg_temp.mid('05999004')) IS NULL, 'and no meetings');

-- ---------------------------------------------------------------------------
-- The cells of the CSV

RESET ROLE;
SELECT is(csv_text('=SUMME(A1:A9)'), '''=SUMME(A1:A9)', 'a formula gets a leading quote');
SELECT is(csv_text('+49 5999 1234'), '''+49 5999 1234', 'so does a leading +');
SELECT is(csv_text('-5'), '''-5', 'a leading - (text, not a number of ours)');
SELECT is(csv_text('@A1'), '''@A1', 'a leading @');
SELECT is(csv_text('Sprache; Bildung'), '"Sprache; Bildung"', 'a ; is quoted');
SELECT is(csv_text('das „Café“ "Mittendrin"'), '"das „Café“ ""Mittendrin"""',
          'a " is doubled inside quotes');
SELECT is(csv_text(E'=1\n2'), E'"''=1\n2"', 'neutralised and quoted at once');
SELECT is(csv_text(NULL), '', 'NULL is an empty cell');
SELECT is(csv_number(1234.50), '1234,50', 'a decimal comma, no thousands separator');
SELECT is(csv_date('2026-03-01'), '01.03.2026', 'dates as TT.MM.JJJJ');
SELECT is((SELECT array_agg(v ORDER BY v)
             FROM (SELECT (regexp_matches(pg_get_constraintdef(oid), '''([a-z_]+)''', 'g'))[1] AS v
                     FROM pg_constraint WHERE conname = 'measure_status_valid') s
            WHERE csv_term('measure_status', v) = v),
          NULL, 'every measure status of the CHECK has a German term');

SELECT * FROM finish();
ROLLBACK;
