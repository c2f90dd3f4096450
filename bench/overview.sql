-- Bench data for the overview (issue #12; `make bench`, bench/catalogue.sh):
-- what the overview reads besides the measures, for the municipalities
-- :first to :last that bench/catalogue.sql made. Run as the schema owner
-- against the bench database, after bench/catalogue.sql:
--
--   psql -X -q -v ON_ERROR_STOP=1 -v first=1 -v last=20 \
--        -f bench/overview.sql "$TEILHABE_OWNER_DATABASE_URL"
--
-- bench/catalogue.sql switches the audit triggers off for its bulk
-- inserts, so this writes the history the triggers would have recorded,
-- as audit_row() writes it (the row as JSON without doc and search):
--  - each measure's insert, at its created_at (2020);
--  - a status change for each measure no longer proposed, at a random
--    time in the last two years (some 5 % of them in the last 30 days);
--  - a rank move for one measure in ten, at a random time likewise;
--  - each progress report's insert, at its created_at;
--  - 8 indicators per municipality with baseline, target and six yearly
--    observations (each insert recorded);
--  - a steering-group meeting held 30 days ago and one planned in 20 days
--    (so "since" is the last meeting's day).
-- Some 5,500 audit events per municipality. setseed() makes runs repeat.
\set ON_ERROR_STOP 1

BEGIN;
SELECT setseed(0.0815 + :first / 100000.0) AS seed \gset

CREATE TEMP TABLE bench_mu ON COMMIT DROP AS
SELECT mu.id, mu.ags FROM municipality mu
 WHERE mu.ags LIKE '05990%' AND right(mu.ags, 3)::int BETWEEN :first AND :last;

-- measures: inserted
INSERT INTO audit_event (municipality_id, at, table_name, row_id, action, new_values)
SELECT m.municipality_id, m.created_at, 'measure', m.id::text, 'insert',
       jsonb_set(jsonb_set(to_jsonb(m) - '{doc,search}'::text[], '{status}', '"proposed"'),
                 '{last_report_on}', 'null')
  FROM measure m JOIN bench_mu b ON b.id = m.municipality_id;

-- measures: the status change that brought each to its status
INSERT INTO audit_event (municipality_id, at, table_name, row_id, action, old_values,
                         new_values)
SELECT m.municipality_id, now() - random() * interval '730 days', 'measure', m.id::text,
       'update', jsonb_set(to_jsonb(m) - '{doc,search}'::text[], '{status}', '"proposed"'),
       to_jsonb(m) - '{doc,search}'::text[]
  FROM measure m JOIN bench_mu b ON b.id = m.municipality_id
 WHERE m.status <> 'proposed';

-- measures: rank moves
INSERT INTO audit_event (municipality_id, at, table_name, row_id, action, old_values,
                         new_values)
SELECT m.municipality_id, now() - random() * interval '730 days', 'measure', m.id::text,
       'update',
       jsonb_set(to_jsonb(m) - '{doc,search}'::text[], '{rank}',
                 to_jsonb(m.rank + 1 + floor(random() * 20)::int)),
       to_jsonb(m) - '{doc,search}'::text[]
  FROM measure m JOIN bench_mu b ON b.id = m.municipality_id
 WHERE m.rank % 10 = 5;

-- progress reports: inserted
INSERT INTO audit_event (municipality_id, at, table_name, row_id, action, new_values)
SELECT p.municipality_id, p.created_at, 'progress_report', p.id::text, 'insert',
       to_jsonb(p)
  FROM progress_report p JOIN bench_mu b ON b.id = p.municipality_id;

-- indicators and their observations (their audit triggers switched off
-- for the bulk insert: the events are written below, with past times)
ALTER TABLE indicator DISABLE TRIGGER audit;
ALTER TABLE observation DISABLE TRIGGER audit;
INSERT INTO indicator (municipality_id, name, unit, direction, source_set, baseline_value,
                       baseline_date, target_value, target_date, visibility)
SELECT b.id, v.name || ' (' || b.ags || ')', v.unit, v.direction, 'local', v.base,
       date '2020-12-31', v.target, date '2030-12-31',
       (ARRAY['internal', 'partners', 'public'])[1 + n % 3]
  FROM bench_mu b,
       (VALUES (1, 'Teilnehmende an Integrationskursen', 'Personen', 'higher_is_better', 200, 400),
               (2, 'Einbürgerungsquote', '%', 'higher_is_better', 1.2, 2.5),
               (3, 'Anteil der Kinder mit Sprachförderbedarf', '%', 'lower_is_better', 32, 20),
               (4, 'Beschäftigungsquote von Ausländerinnen und Ausländern', '%',
                'higher_is_better', 44, 55),
               (5, 'Aktive Integrationslotsinnen und -lotsen', 'Personen', 'higher_is_better', 10, 30),
               (6, 'Ausbildungsverträge mit Zugewanderten', 'Verträge', 'higher_is_better', 15, 40),
               (7, 'Wartezeit auf einen Integrationskurs', 'Wochen', 'lower_is_better', 20, 8),
               (8, 'Anteil mehrsprachiger Verwaltungsinformationen', '%', 'higher_is_better', 5, 60))
         AS v (n, name, unit, direction, base, target);

INSERT INTO observation (municipality_id, indicator_id, period_end, value, source)
SELECT i.municipality_id, i.id, make_date(y, 12, 31),
       round((i.baseline_value + (i.target_value - i.baseline_value) * (y - 2020) / 10.0
              * (0.6 + random() * 0.6))::numeric, 1),
       'Bench'
  FROM indicator i JOIN bench_mu b ON b.id = i.municipality_id,
       generate_series(2020, 2025) y;

INSERT INTO audit_event (municipality_id, at, table_name, row_id, action, new_values)
SELECT i.municipality_id, i.created_at, 'indicator', i.id::text, 'insert', to_jsonb(i)
  FROM indicator i JOIN bench_mu b ON b.id = i.municipality_id;
INSERT INTO audit_event (municipality_id, at, table_name, row_id, action, new_values)
SELECT o.municipality_id,
       least(now() - interval '1 day', o.period_end + interval '40 days'),
       'observation', o.id::text, 'insert', to_jsonb(o)
  FROM observation o JOIN bench_mu b ON b.id = o.municipality_id;

ALTER TABLE indicator ENABLE TRIGGER audit;
ALTER TABLE observation ENABLE TRIGGER audit;

-- the steering group's meetings
INSERT INTO meeting (municipality_id, kind, title, starts_at, place, status)
SELECT b.id, 'steering_group', 'Sitzung der Steuerungsgruppe ' || x.label,
       date_trunc('hour', now()) + x.shift, 'Rathaus, Sitzungssaal', x.status
  FROM bench_mu b,
       (VALUES ('(gehalten)', interval '-30 days', 'held'),
               ('(geplant)', interval '20 days', 'planned')) AS x (label, shift, status);

COMMIT;

VACUUM (ANALYZE) audit_event, indicator, observation, meeting;
