-- Bench data: a generated offers directory (`make bench`, bench/offers.sh).
-- Run as the schema owner (teilhabe_owner) against a bench database,
-- never the demo database:
--
--   psql -X -q -v ON_ERROR_STOP=1 -v first=1 -v last=20 -v offers=200 \
--        -f bench/offers.sql "$TEILHABE_OWNER_DATABASE_URL"
--
-- creates (when missing) the invented district 05990 "Landkreis
-- Lastprobe", its municipalities number :first to :last (AGS 05990001,
-- 05990002, ...) and 12 organisations, and :offers offers in each
-- municipality: about 70 % public (some ended, some valid until a later
-- date), the rest shared with partners or internal; kinds, languages,
-- target groups and one to three weekly slots from random() after
-- setseed(), so the same ranges give the same data. The trigger builds
-- each offer's stored document, as for offers made through the API.
\set ON_ERROR_STOP 1

BEGIN;
SELECT setseed(0.0815 + :first / 100000.0) AS seed \gset

INSERT INTO district (code, name) VALUES ('05990', 'Landkreis Lastprobe')
ON CONFLICT (code) DO NOTHING;

INSERT INTO organisation (district_id, name, kind, contact_email)
SELECT d.id, v.name, v.kind, v.email
  FROM district d,
       (VALUES
         ('Caritasverband Lastprobe e.V.', 'welfare_association', 'info@caritas-lastprobe.example'),
         ('Diakonisches Werk Lastprobe', 'welfare_association', 'info@diakonie-lastprobe.example'),
         ('AWO Kreisverband Lastprobe e.V.', 'welfare_association', 'info@awo-lastprobe.example'),
         ('DRK Kreisverband Lastprobe e.V.', 'welfare_association', 'info@drk-lastprobe.example'),
         ('Jobcenter Landkreis Lastprobe', 'job_centre', 'jobcenter@lastprobe.example'),
         ('Volkshochschule Lastprobe', 'administration', 'vhs@lastprobe.example'),
         ('Deutsch-Syrischer Verein Lastprobe e.V.', 'migrant_organisation', 'vorstand@dsv-lastprobe.example'),
         ('Polnische Katholische Mission Lastprobe', 'church', 'mission@pkm-lastprobe.example'),
         ('Kreissportbund Lastprobe e.V.', 'club', 'info@ksb-lastprobe.example'),
         ('Ehrenamtsagentur Lastprobe', 'volunteer_initiative', 'kontakt@ehrenamt-lastprobe.example'),
         ('Familienzentrum Regenbogen', 'kita', 'leitung@regenbogen-lastprobe.example'),
         ('Berufskolleg Lastprobe', 'school', 'sekretariat@bk-lastprobe.example')
       ) AS v (name, kind, email)
 WHERE d.code = '05990'
ON CONFLICT (district_id, name) DO NOTHING;

INSERT INTO municipality (district_id, ags, name, population, population_date)
SELECT d.id, '05990' || lpad(i::text, 3, '0'),
       (ARRAY['Ober', 'Nieder', 'Alt', 'Neu', 'Groß', 'Klein', 'Hohen', 'Bad '])
         [1 + (i - 1) % 8]
       || (ARRAY['linden', 'bach', 'feld', 'hausen', 'dorf', 'heim', 'berg',
                 'au', 'rode', 'stedt', 'kirchen', 'burg'])[1 + ((i - 1) / 8) % 12]
       || CASE WHEN i > 96 THEN ' ' || i ELSE '' END,
       2000 + (random() * 60000)::int, date '2024-12-31'
  FROM district d, generate_series(:first, :last) i
 WHERE d.code = '05990'
ON CONFLICT (ags) DO NOTHING;

CREATE TEMP TABLE o_words (n int, title text, kind text, description text);
INSERT INTO o_words VALUES
  (0, 'Migrationsberatung für Erwachsene', 'counselling', 'Beratung für Zugewanderte: Aufenthalt, Arbeit, Wohnung, Familie.'),
  (1, 'Flüchtlingssozialarbeit', 'counselling', 'Beratung und Begleitung geflüchteter Menschen.'),
  (2, 'Sprachcafé', 'meeting_place', 'Deutsch sprechen üben bei Kaffee und Tee, mit Ehrenamtlichen.'),
  (3, 'Hausaufgabenhilfe', 'homework_help', 'Hilfe bei den Hausaufgaben für die Klassen 1 bis 7.'),
  (4, 'Frauenfrühstück', 'womens_group', 'Frauen und Mütter frühstücken gemeinsam und tauschen sich aus.'),
  (5, 'Integrationskurs', 'language_course', 'Deutsch und Orientierung, mit Abschlussprüfung.'),
  (6, 'Elterncafé', 'parents_group', 'Eltern treffen sich zu Schule, Ausbildung und Erziehung.'),
  (7, 'Fußball für alle', 'sport', 'Offenes Training für Jugendliche.'),
  (8, 'Bewerbungstraining', 'work', 'Lebenslauf, Anschreiben und Vorstellungsgespräch.'),
  (9, 'Gesundheitssprechstunde', 'health', 'Fragen zu Arzt, Krankenkasse und Vorsorge.'),
  (10, 'Nähcafé', 'leisure', 'Gemeinsam nähen und reparieren.'),
  (11, 'Computerkurs', 'education', 'Erste Schritte am Computer und im Internet.');

INSERT INTO offer (municipality_id, organisation_id, title, kind, description,
                   target_groups, languages, street, postcode, city, slots,
                   cost, registration_required, contact_email, valid_from,
                   valid_until, visibility)
SELECT mu.id, o.id, w.title || ' ' || mu.name || ' ' || g.k, w.kind, w.description,
       ((ARRAY['{newcomers,refugees}', '{women_and_mothers}', '{children,youth}',
               '{families}', '{general_public}', '{seniors}'])[1 + g.k % 6])::text[],
       ((ARRAY['{de}', '{de,ar}', '{de,tr,ar}', '{de,uk,ru}', '{de,fa,ps}',
               '{de,en,fr}', '{de,pl,ro}'])[1 + (g.k * 7 + g.r1) % 7])::text[],
       'Marktstraße ' || (1 + g.k % 40), '31' || lpad((g.i * 10)::text, 3, '0'), mu.name,
       (SELECT jsonb_agg(jsonb_build_object(
                 'weekday', (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat'])[1 + (g.k + s) % 6],
                 'starts', lpad((8 + (g.k + s) % 9)::text, 2, '0') || ':00',
                 'ends', lpad((10 + (g.k + s) % 9)::text, 2, '0') || ':30'))
          FROM generate_series(0, g.k % 3) s),
       CASE WHEN g.k % 5 = 0 THEN 'fee' ELSE 'free' END, g.k % 4 = 0,
       'kontakt@' || lower(replace(mu.ags, ' ', '')) || '.example',
       date '2025-01-01',
       CASE WHEN g.r2 < 0.05 THEN date '2025-12-31'
            WHEN g.r2 < 0.30 THEN date '2028-12-31' END,
       CASE WHEN g.r1 < 7 THEN 'public' WHEN g.r1 < 9 THEN 'partners' ELSE 'internal' END
  FROM municipality mu
  CROSS JOIN LATERAL (
    SELECT k, right(mu.ags, 3)::int AS i, (random() * 10)::int % 10 AS r1, random() AS r2
      FROM generate_series(1, :offers) k) g
  JOIN o_words w ON w.n = g.k % 12
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organisation
         WHERE district_id = (SELECT id FROM district WHERE code = '05990')) o
    ON o.n = (g.k + g.i) % 12
 WHERE mu.ags LIKE '05990%' AND right(mu.ags, 3)::int BETWEEN :first AND :last;
COMMIT;
ANALYZE offer;
