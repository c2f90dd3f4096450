-- Bench data: a generated Maßnahmenkatalog (`make bench`, bench/run.sh).
-- Run as the schema owner (teilhabe_owner) against the bench database,
-- never the demo database:
--
--   psql -X -q -v ON_ERROR_STOP=1 -v first=1 -v last=20 -v measures=2000 \
--        -f bench/catalogue.sql "$TEILHABE_OWNER_DATABASE_URL"
--
-- creates the municipalities number :first to :last of the invented
-- district 05990 "Landkreis Lastprobe" (AGS 05990001, 05990002, ...), each
-- with its action fields (the municipality trigger copies the district's
-- defaults), one adopted concept with 6 guiding goals and :measures
-- measures with dense ranks 1..:measures, and one progress report for each
-- measure that is under way, done or suspended. Run it again with a later
-- range to grow the table; a range that exists already is an error.
--
-- Every INSERT is one set-based INSERT ... SELECT over generate_series. On
-- 2 cores 40,000 measures take some 13 s, 200,000 some 85 s: most of it
-- is what every insert costs, the trigger that stores the measure's
-- document (measure_build_doc, ~110 us a row), the German tsvector and
-- its GIN index. The pseudo-random choices come from random() after
-- setseed(), so a run with the same ranges gives the same data.
\set ON_ERROR_STOP 1

BEGIN;
SELECT setseed(0.4711 + :first / 100000.0) AS seed \gset

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

-- Municipalities: names from prefix and stem (unique up to number 96).
INSERT INTO municipality (district_id, ags, name, population, population_date,
                          foreign_share, migration_background_share, area_km2)
SELECT d.id, '05990' || lpad(i::text, 3, '0'),
       (ARRAY['Ober', 'Nieder', 'Alt', 'Neu', 'Groß', 'Klein', 'Hohen', 'Bad '])
         [1 + (i - 1) % 8]
       || (ARRAY['linden', 'bach', 'feld', 'hausen', 'dorf', 'heim', 'berg',
                 'au', 'rode', 'stedt', 'kirchen', 'burg'])[1 + ((i - 1) / 8) % 12]
       || CASE WHEN i > 96 THEN ' ' || i ELSE '' END,
       2000 + (random() * 60000)::int, date '2024-12-31',
       round((3 + random() * 15)::numeric, 2),
       CASE WHEN random() < 0.6 THEN round((10 + random() * 25)::numeric, 2) END,
       round((20 + random() * 120)::numeric, 2)
  FROM district d, generate_series(:first, :last) i
 WHERE d.code = '05990';

-- Each municipality is served by 5 of the 12 organisations.
INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT mu.id, o.id
  FROM municipality mu
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
          FROM organisation
         WHERE district_id = (SELECT id FROM district WHERE code = '05990')) o
    ON (o.n - right(mu.ags, 3)::int + 120) % 12 < 5
 WHERE mu.ags LIKE '05990%' AND right(mu.ags, 3)::int BETWEEN :first AND :last;

-- One adopted concept each (version 1, with its council resolution).
INSERT INTO concept (municipality_id, version, title, summary, status,
                     resolution_date, resolution_reference, adopted_at)
SELECT mu.id, 1, 'Integrationskonzept ' || mu.name || ' 2020–2030',
       'Das Integrationskonzept beschreibt Leitziele und Maßnahmen für das '
       || 'Zusammenleben in ' || mu.name || '. Es wurde unter Beteiligung von '
       || 'Verwaltung, Wohlfahrtsverbänden, Migrantenorganisationen und '
       || 'Ehrenamtlichen erarbeitet und wird jährlich fortgeschrieben.',
       'adopted', date '2020-03-12' + (right(mu.ags, 3)::int % 300),
       'Drucksache ' || lpad((10 + right(mu.ags, 3)::int % 90)::text, 3, '0')
       || '/2020',
       timestamptz '2020-03-12 18:00+01' + (right(mu.ags, 3)::int % 300) * interval '1 day'
  FROM municipality mu
 WHERE mu.ags LIKE '05990%' AND right(mu.ags, 3)::int BETWEEN :first AND :last;

INSERT INTO guiding_goal (municipality_id, concept_id, position, title, description)
SELECT c.municipality_id, c.id, g.position, g.title, g.description
  FROM concept c
  JOIN municipality mu ON mu.id = c.municipality_id
 CROSS JOIN (VALUES
   (1, 'Deutschkenntnisse von Anfang an fördern',
    'Alle Zugewanderten erhalten früh Zugang zu Sprachkursen und Sprachpraxis im Alltag.'),
   (2, 'Gleiche Bildungschancen für alle Kinder und Jugendlichen',
    'Bildungsübergänge werden begleitet, Eltern werden einbezogen.'),
   (3, 'Zugang zu Ausbildung und Arbeit verbessern',
    'Anerkennung, Qualifizierung und Vermittlung greifen ineinander.'),
   (4, 'Eine Verwaltung für alle',
    'Die Verwaltung öffnet sich interkulturell und ist für alle verständlich.'),
   (5, 'Begegnung und Teilhabe im Gemeinwesen',
    'Vereine, Nachbarschaften und Ehrenamt stehen allen offen.'),
   (6, 'Gesund leben und gut wohnen',
    'Gesundheitsangebote und Wohnraum sind für Zugewanderte erreichbar.')
 ) AS g (position, title, description)
 WHERE mu.ags LIKE '05990%' AND right(mu.ags, 3)::int BETWEEN :first AND :last;

-- The measures. The guard and audit triggers would run once per row, and
-- the rollup, report and parent-document triggers would update rows again.
-- The owner switches those triggers of measure and progress_report off
-- for this transaction's bulk inserts (by name, those that exist; any
-- other trigger, such as the one that builds a measure's stored document,
-- keeps running), does itself what they would have derived (parents'
-- progress and documents, last report), switches them on again before
-- COMMIT and then checks what the guard checks (goals of the concept,
-- organisations serving the municipality, parents one level deep, reasons
-- for suspended and dropped measures). CHECK, NOT NULL, unique and
-- foreign-key constraints stay enforced throughout.
CREATE TEMP TABLE bench_disabled (tab regclass, name name) ON COMMIT DROP;
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT tg.tgrelid::regclass AS tab, tg.tgname
      FROM pg_trigger tg
      JOIN pg_class c ON c.oid = tg.tgrelid
      JOIN (VALUES ('measure', 'measure_guard'), ('measure', 'audit'),
                   ('measure', 'measure_progress_rollup'),
                   ('measure', 'measure_parent_doc'),
                   ('measure', 'measure_updated_at'),
                   ('progress_report', 'audit'),
                   ('progress_report', 'progress_report_apply')) v (rel, name)
        ON c.relname = v.rel AND tg.tgname = v.name
     WHERE c.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal
       AND tg.tgenabled <> 'D'
  LOOP
    EXECUTE format('ALTER TABLE %s DISABLE TRIGGER %I', t.tab, t.tgname);
    INSERT INTO bench_disabled VALUES (t.tab, t.tgname);
  END LOOP;
END
$$;

CREATE TEMP TABLE bench_scope ON COMMIT DROP AS
SELECT mu.id AS municipality_id, c.id AS concept_id,
       (SELECT array_agg(af.id ORDER BY af.position) FROM action_field af
         WHERE af.municipality_id = mu.id) AS fields,
       (SELECT array_agg(g.id ORDER BY g.position) FROM guiding_goal g
         WHERE g.concept_id = c.id) AS goals,
       (SELECT array_agg(om.organisation_id ORDER BY om.organisation_id)
          FROM organisation_municipality om
         WHERE om.municipality_id = mu.id) AS orgs
  FROM municipality mu
  JOIN concept c ON c.municipality_id = mu.id AND c.status = 'adopted'
 WHERE mu.ags LIKE '05990%' AND right(mu.ags, 3)::int BETWEEN :first AND :last;

-- Every tenth rank (1, 11, 21, ...) is a top-level measure with two
-- Teilmaßnahmen (ranks 2-3, 12-13, ...): 20 % of the measures are children.
-- The ids are drawn from the identity's sequence up front, so that parents
-- and children go in with one INSERT (no second pass over the rows).
SET LOCAL work_mem = '64MB';
CREATE TEMP TABLE bench_measure ON COMMIT DROP AS
SELECT x.*, st.status,
       CASE st.status
         WHEN 'completed' THEN 100
         WHEN 'in_progress' THEN 5 + floor(u_progress * 90)::int
         WHEN 'suspended' THEN 10 + floor(u_progress * 50)::int
         WHEN 'dropped' THEN floor(u_progress * 30)::int
         ELSE 0 END AS progress,
       (NOT is_parent AND st.status IN ('in_progress', 'completed', 'suspended')
        AND u_report < 0.9) AS reported,
       least(current_date,
             x.planned_start + x.start_delay + 30
             + floor(u_report * 600)::int) AS report_on,
       CASE st.status
         WHEN 'completed' THEN 'completed'
         WHEN 'suspended' THEN 'at_risk'
         ELSE (ARRAY['on_track', 'on_track', 'on_track', 'delayed', 'at_risk'])
                [1 + floor(u_progress * 5)::int] END AS report_status
  FROM (
SELECT nextval(pg_get_serial_sequence('measure', 'id')) AS id,
       s.municipality_id, s.concept_id, r AS rank,
       (r % 10 = 1 AND r + 1 <= :measures) AS is_parent,
       (r % 10 IN (2, 3)) AS is_child,
       1 + floor(random() * 8)::int AS field_no,
       s.fields, s.goals, s.orgs,
       random() AS u_status, random() AS u_horizon, random() AS u_visibility,
       random() AS u_progress, random() AS u_lead, random() AS u_partners,
       random() AS u_goals, random() AS u_budget, random() AS u_groups,
       random() AS u_report,
       date '2019-01-01' + floor(random() * 1800)::int AS planned_start,
       90 + floor(random() * 1400)::int AS planned_days,
       floor(random() * 60)::int AS start_delay,
       30 + floor(random() * 700)::int AS actual_days,
       (ARRAY['Ausbau', 'Einrichtung', 'Förderung', 'Weiterentwicklung',
              'Verstetigung', 'Qualifizierung', 'Erweiterung', 'Durchführung',
              'Aufbau', 'Stärkung', 'Vernetzung', 'Evaluation'])
         [1 + floor(random() * 12)::int]
       || ' '
       || (ARRAY['der Sprachkurse', 'eines Sprachcafés', 'der Elternbegleitung',
                 'des Patenschaftsprogramms', 'der Ausbildungslotsen',
                 'interkultureller Schulungen', 'der Migrationsberatung',
                 'der Wohnraumvermittlung', 'des Gesundheitslotsendienstes',
                 'der Hausaufgabenhilfe', 'des Integrationsbeirats',
                 'der Willkommensmappe', 'der Anerkennungsberatung',
                 'der Jobbörse', 'mehrsprachiger Informationsangebote',
                 'der Begegnungsfeste', 'der Frauentreffs',
                 'der Sportangebote', 'der Kita-Einstiegsprojekte',
                 'der Dolmetscherpools'])[1 + floor(random() * 20)::int]
       || ' '
       || (ARRAY['für neu Zugewanderte', 'für geflüchtete Familien',
                 'für Jugendliche ohne Ausbildungsplatz',
                 'für Seniorinnen und Senioren', 'für Frauen und Mütter',
                 'für Mitarbeitende der Verwaltung', 'im Stadtteil',
                 'in den Ortsteilen', 'an den Grundschulen',
                 'mit den Vereinen vor Ort', 'im ländlichen Raum',
                 'für EU-Bürgerinnen und -Bürger'])[1 + floor(random() * 12)::int]
       AS title,
       -- 4 or 5 sentences, some 400 characters (a correlated subquery:
       -- drawn anew for every row)
       (SELECT string_agg(
                 (ARRAY[
                   'Die Maßnahme richtet sich an Menschen, die in den letzten Jahren zugewandert sind.',
                   'Träger und Verwaltung stimmen die Angebote in einem gemeinsamen Arbeitskreis ab.',
                   'Die Teilnahme ist kostenlos; Kinderbetreuung wird während der Termine angeboten.',
                   'Ehrenamtliche Lotsinnen und Lotsen begleiten die Teilnehmenden zu Behörden und Beratungsstellen.',
                   'Die Informationen werden in leichter Sprache und in den häufigsten Herkunftssprachen bereitgestellt.',
                   'Einmal im Jahr berichtet die Integrationsbeauftragte im Ausschuss über den Stand der Umsetzung.',
                   'Die Kosten werden aus Landesmitteln und einem Eigenanteil der Gemeinde getragen.',
                   'Schulen, Kitas und Jugendhilfe werden frühzeitig in die Planung einbezogen.',
                   'Die Wirkung wird anhand der Teilnehmendenzahlen und einer kurzen Befragung überprüft.',
                   'Ein fester Ansprechpartner im Rathaus koordiniert die beteiligten Stellen.',
                   'Die Räume des Bürgerhauses stehen an zwei Nachmittagen in der Woche zur Verfügung.',
                   'Migrantenorganisationen wirken bei der Ansprache der Zielgruppen mit.',
                   'Das Angebot wird nach einer Erprobungsphase von zwölf Monaten ausgewertet und angepasst.',
                   'Die Mitarbeitenden werden in interkultureller Kommunikation geschult.',
                   'Für die Umsetzung ist eine halbe Stelle in der Integrationsarbeit vorgesehen.',
                   'Die Termine werden über Aushänge, die Gemeindezeitung und soziale Medien bekannt gemacht.',
                   'Arbeitgeber aus der Region stellen Praktikumsplätze und Ansprechpersonen bereit.',
                   'Das Jobcenter und die Agentur für Arbeit beteiligen sich an den Beratungstagen.',
                   'Sprachmittlerinnen und Sprachmittler unterstützen bei Elterngesprächen und Arztbesuchen.',
                   'Die Nachfrage übersteigt das Angebot; eine zweite Gruppe ist in Planung.'
                 ])[1 + floor(random() * 20)::int], ' ')
          FROM generate_series(1, 4 + (r % 3 <> 0)::int) k) AS description
  FROM bench_scope s, generate_series(1, :measures) r) x,
       LATERAL (SELECT CASE WHEN u_status < 0.15 THEN 'proposed'
                            WHEN u_status < 0.40 THEN 'planned'
                            WHEN u_status < 0.75 THEN 'in_progress'
                            WHEN u_status < 0.90 THEN 'completed'
                            WHEN u_status < 0.95 THEN 'suspended'
                            ELSE 'dropped' END AS status) st;

-- What the rollup trigger would do: a parent's progress is the weighted
-- mean of its children's.
UPDATE bench_measure p
   SET progress = c.mean
  FROM (SELECT concept_id, rank - rank % 10 + 1 AS parent_rank,
               round(sum(progress * (1 + rank % 3))::numeric
                     / sum(1 + rank % 3))::int AS mean
          FROM bench_measure WHERE is_child
         GROUP BY 1, 2) c
 WHERE p.is_parent AND p.concept_id = c.concept_id AND p.rank = c.parent_rank;

INSERT INTO measure (id, municipality_id, concept_id, code, title, description,
                     action_field_id, goal_ids, horizon, rank, status,
                     status_reason, progress, progress_from_children, weight,
                     planned_start, planned_end, actual_start, actual_end,
                     lead_organisation_id, partner_organisation_ids,
                     target_groups, budget, visibility, parent_id,
                     last_report_on, last_report_status, created_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT b.id, b.municipality_id, b.concept_id,
       (ARRAY['SP', 'BI', 'AR', 'AS', 'IO', 'TE', 'WO', 'GE'])[b.field_no]
         || '-' || lpad(b.rank::text, 5, '0'),
       b.title, b.description, b.fields[b.field_no],
       CASE WHEN b.u_goals < 0.6 THEN ARRAY[b.goals[1 + (b.rank % 6)]]
            ELSE ARRAY[b.goals[1 + (b.rank % 6)], b.goals[1 + ((b.rank + 2) % 6)]] END,
       CASE WHEN b.u_horizon < 0.4 THEN 'short' WHEN b.u_horizon < 0.8 THEN 'medium'
            ELSE 'long' END,
       b.rank, b.status,
       CASE b.status
         WHEN 'suspended' THEN 'Die zuständige Stelle ist derzeit nicht besetzt; '
                               || 'die Maßnahme ruht bis zur Nachbesetzung.'
         WHEN 'dropped' THEN 'Der Ausschuss hat die Maßnahme zugunsten eines '
                             || 'kreisweiten Angebots aufgegeben.' END,
       b.progress, NOT b.reported, 1 + (b.rank % 3),
       b.planned_start, b.planned_start + b.planned_days,
       CASE WHEN b.status IN ('in_progress', 'completed', 'suspended')
            THEN b.planned_start + b.start_delay END,
       CASE WHEN b.status = 'completed'
            THEN greatest(b.planned_start + b.start_delay,
                          least(b.planned_start + b.start_delay + b.actual_days,
                                current_date)) END,
       CASE WHEN b.u_lead < 0.7 THEN b.orgs[1 + (b.rank % 5)] END,
       CASE WHEN b.u_partners < 0.4 THEN '{}'::bigint[]
            WHEN b.u_partners < 0.8 THEN ARRAY[b.orgs[1 + ((b.rank + 1) % 5)]]
            ELSE ARRAY[b.orgs[1 + ((b.rank + 1) % 5)], b.orgs[1 + ((b.rank + 3) % 5)]] END,
       (ARRAY['{}', '{refugees}', '{children,families}', '{youth}',
              '{women_and_mothers}', '{seniors,newcomers}', '{general_public}',
              '{staff}', '{newcomers,eu_citizens}', '{volunteers,general_public}'])
         [1 + floor(b.u_groups * 10)::int]::text[],
       CASE WHEN b.u_budget < 0.35 THEN NULL
            ELSE round((500 + b.u_budget * b.u_budget * 250000)::numeric, 2) END,
       CASE WHEN b.u_visibility < 0.4 THEN 'internal'
            WHEN b.u_visibility < 0.6 THEN 'partners' ELSE 'public' END,
       p.id,
       CASE WHEN b.reported THEN b.report_on END,
       CASE WHEN b.reported THEN b.report_status END,
       timestamptz '2020-06-01 09:00+02' + b.rank * interval '1 minute',
       timestamptz '2024-01-01 09:00+01' + b.u_report * interval '700 days'
  FROM bench_measure b
  LEFT JOIN bench_measure p
    ON b.is_child AND p.concept_id = b.concept_id
   AND p.rank = b.rank - b.rank % 10 + 1
 ORDER BY b.id;

-- The newest progress report of each measure under way (the one the
-- measure's last_report_* and progress came from).
INSERT INTO progress_report (municipality_id, measure_id, reported_on, status,
                             progress, text, organisation_id, created_at)
SELECT m.municipality_id, m.id, m.last_report_on, m.last_report_status,
       m.progress,
       CASE m.last_report_status
         WHEN 'on_track' THEN 'Die Maßnahme läuft wie geplant. Die Termine sind gut besucht, '
                              || 'die Rückmeldungen der Teilnehmenden sind überwiegend positiv.'
         WHEN 'delayed' THEN 'Der Start hat sich verzögert, weil die Räume erst später frei wurden. '
                             || 'Die ausgefallenen Termine werden im nächsten Quartal nachgeholt.'
         WHEN 'at_risk' THEN 'Die Finanzierung für das kommende Jahr ist noch nicht gesichert; '
                             || 'ohne Landesmittel kann das Angebot nur eingeschränkt weiterlaufen.'
         ELSE 'Die Maßnahme ist abgeschlossen. Die Ergebnisse wurden im Ausschuss vorgestellt '
              || 'und fließen in die Fortschreibung des Konzepts ein.' END,
       m.lead_organisation_id,
       m.last_report_on + time '10:30'
  FROM measure m JOIN bench_scope s ON s.concept_id = m.concept_id
 WHERE m.last_report_on IS NOT NULL;

-- Parents went in before their Teilmaßnahmen: their stored documents (if
-- the schema keeps them) are rebuilt now, as measure_parent_doc would do.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_attribute
              WHERE attrelid = 'measure'::regclass AND attname = 'doc'
                AND NOT attisdropped) THEN
    UPDATE measure p SET doc = NULL
      FROM bench_measure b
     WHERE b.is_parent AND p.id = b.id;
  END IF;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM bench_disabled LOOP
    EXECUTE format('ALTER TABLE %s ENABLE TRIGGER %I', t.tab, t.name);
  END LOOP;
END
$$;

-- What the guard would have refused, checked for the whole new range.
DO $$
DECLARE
  v_bad bigint;
BEGIN
  SELECT count(*) INTO v_bad
    FROM measure m JOIN bench_scope s ON s.concept_id = m.concept_id
   WHERE NOT m.goal_ids <@ s.goals
      OR cardinality(m.goal_ids) <> (SELECT count(DISTINCT g) FROM unnest(m.goal_ids) g)
      OR NOT coalesce(m.lead_organisation_id = ANY (s.orgs), true)
      OR NOT m.partner_organisation_ids <@ s.orgs
      OR m.lead_organisation_id = ANY (m.partner_organisation_ids)
      OR cardinality(m.partner_organisation_ids)
         <> (SELECT count(DISTINCT p) FROM unnest(m.partner_organisation_ids) p)
      OR (m.status IN ('suspended', 'dropped')) <> (m.status_reason IS NOT NULL)
      OR EXISTS (SELECT FROM measure p WHERE p.id = m.parent_id
                                          AND p.parent_id IS NOT NULL);
  IF v_bad > 0 THEN
    RAISE EXCEPTION 'bench catalogue: % generated measures break a guard rule', v_bad;
  END IF;
  SELECT count(*) INTO v_bad
    FROM (SELECT m.concept_id FROM measure m JOIN bench_scope s USING (concept_id)
           GROUP BY m.concept_id HAVING max(m.rank) <> count(*)) d;
  IF v_bad > 0 THEN
    RAISE EXCEPTION 'bench catalogue: ranks not dense in % concepts', v_bad;
  END IF;
  IF EXISTS (SELECT FROM pg_attribute
              WHERE attrelid = 'measure'::regclass AND attname = 'doc'
                AND NOT attisdropped) THEN
    SELECT count(*) INTO v_bad
      FROM measure m JOIN bench_scope s USING (concept_id) WHERE m.doc IS NULL;
    IF v_bad > 0 THEN
      RAISE EXCEPTION 'bench catalogue: % measures without their document', v_bad;
    END IF;
  END IF;
END
$$;

COMMIT;

-- Vacuumed and analysed now, so that autovacuum does not set in during
-- the measurements (and the visibility map is set, as in a settled
-- database).
VACUUM (ANALYZE) municipality, organisation, organisation_municipality,
  action_field, concept, guiding_goal, measure, progress_report;
