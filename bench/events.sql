-- Bench data: public events for the iCalendar feeds (`make bench`,
-- bench/events.sh). Run as the schema owner (teilhabe_owner) against the
-- events bench database, never the demo database:
--
--   psql -X -q -v ON_ERROR_STOP=1 -v municipalities=20 -v events=500 \
--        -f bench/events.sql "$TEILHABE_OWNER_DATABASE_URL"
--
-- creates the district 05990 "Landkreis Lastprobe" with :municipalities
-- municipalities (AGS 05990001, ...) and 4 organisations, and :events
-- events in each municipality over the coming and the past year: 9 of 10
-- public, one in 20 cancelled, one in 10 all-day, one in 5 shown in a
-- second municipality too, each with one or two organisers and a German
-- description long enough to be folded. Set-based, one INSERT per table;
-- the same arguments give the same data (setseed).
\set ON_ERROR_STOP 1

BEGIN;
SELECT setseed(0.2026) AS seed \gset

INSERT INTO district (code, name) VALUES ('05990', 'Landkreis Lastprobe')
ON CONFLICT (code) DO NOTHING;

INSERT INTO municipality (district_id, ags, name, population, population_date)
SELECT d.id, '05990' || lpad(i::text, 3, '0'), 'Lastprobe ' || i, 10000 + i, date '2024-12-31'
  FROM district d, generate_series(1, :municipalities) AS i
 WHERE d.code = '05990';

INSERT INTO organisation (district_id, name, kind)
SELECT d.id, v.name, v.kind
  FROM district d,
       (VALUES ('Caritasverband Lastprobe e.V.', 'welfare_association'),
               ('Deutsch-Syrischer Verein Lastprobe e.V.', 'migrant_organisation'),
               ('Volkshochschule Lastprobe', 'administration'),
               ('Kreissportbund Lastprobe e.V.', 'club')) AS v (name, kind)
 WHERE d.code = '05990'
ON CONFLICT (district_id, name) DO NOTHING;

CREATE TEMP TABLE bench_event AS
SELECT m.id AS mid, n,
       date_trunc('hour', now()) + ((random() * 730 - 365) * interval '1 day')
         + (8 + (random() * 10)::int) * interval '1 hour' AS starts_at,
       n % 10 = 0 AS all_day
  FROM municipality m, generate_series(1, :events) AS n
 WHERE m.ags LIKE '05990%';

INSERT INTO event (municipality_id, title, description, starts_at, ends_at, all_day,
                   starts_on, ends_on, place, street, postcode, city, target_groups,
                   visibility, status)
SELECT b.mid,
       (ARRAY['Sprachcafé', 'Interkulturelles Frauenfrühstück', 'Infoveranstaltung',
              'Fest der Kulturen', 'Oasentag für Ehrenamtliche', 'Elterncafé'])[1 + b.n % 6]
         || ' Nr. ' || b.n,
       'Herzliche Einladung: Begegnung, Austausch und Information; mit Übersetzung ins '
         || 'Arabische, Türkische und Ukrainische, Kinderbetreuung, barrierefrei. '
         || 'Anmeldung nicht erforderlich, Eintritt frei.',
       CASE WHEN b.all_day THEN (b.starts_at AT TIME ZONE 'Europe/Berlin')::date::timestamp
                                  AT TIME ZONE 'Europe/Berlin'
            ELSE b.starts_at END,
       CASE WHEN b.all_day THEN ((b.starts_at AT TIME ZONE 'Europe/Berlin')::date + 2)::timestamp
                                  AT TIME ZONE 'Europe/Berlin'
            ELSE b.starts_at + interval '2 hours' END,
       b.all_day,
       CASE WHEN b.all_day THEN (b.starts_at AT TIME ZONE 'Europe/Berlin')::date END,
       CASE WHEN b.all_day THEN (b.starts_at AT TIME ZONE 'Europe/Berlin')::date + 1 END,
       'Bürgerhaus, großer Saal', 'Hauptstraße ' || (1 + b.n % 90), '59990', 'Lastprobe',
       (ARRAY['{general_public}', '{families}', '{women_and_mothers}', '{volunteers}',
              '{youth,children}'])[1 + b.n % 5]::text[],
       CASE WHEN b.n % 10 = 3 THEN 'internal' ELSE 'public' END,
       CASE WHEN b.n % 20 = 7 THEN 'cancelled' ELSE 'planned' END
  FROM bench_event b;

INSERT INTO event_municipality (municipality_id, event_id, shown_in)
SELECT e.municipality_id, e.id, e.municipality_id FROM event e
UNION ALL
SELECT e.municipality_id, e.id, m.id
  FROM event e JOIN municipality m
    ON m.ags = '05990' || lpad((1 + (substr((SELECT ags FROM municipality
                                                WHERE id = e.municipality_id), 6)::int
                                     % :municipalities))::text, 3, '0')
 WHERE e.id % 5 = 0 AND m.id <> e.municipality_id;

INSERT INTO event_organiser (municipality_id, event_id, organisation_id)
SELECT e.municipality_id, e.id, o.id
  FROM event e
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM organisation) o
    ON o.k = e.id % 4 OR (e.id % 3 = 0 AND o.k = (e.id + 1) % 4);

COMMIT;
ANALYZE event;
ANALYZE event_municipality;
ANALYZE event_organiser;
