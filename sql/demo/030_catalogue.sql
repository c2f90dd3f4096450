-- Demo data: the Maßnahmenkatalog. Musterstadt has adopted its second
-- Integrationskonzept (2024–2030; the first, of 2017, is archived) with six
-- Leitziele, 43 measures (three of them Teilmaßnahmen) in all eight
-- Handlungsfelder, Sachstände of the last two years and seven indicators
-- with their Messwerte since 2019; Musterlingen is drafting its first
-- concept. The wording follows the documents in shared/seeds (Laatzen's
-- Handlungsempfehlungen, Weingarten's Integrationszentrum, the
-- Jahresbericht of the Integrationsbeauftragte).
--
-- Safe to run again: organisations are matched by name, and each
-- municipality's catalogue is written only while it has no concept at all
-- (so nothing is duplicated, and nothing made through the API is touched).
-- Rows refer to each other by natural keys: AGS, organisation name, account
-- e-mail, concept version, goal position, measure code, indicator name.

-- More organisations serving Musterstadt (the district-wide ones serve
-- Musterlingen too).
INSERT INTO organisation (district_id, name, kind, contact_email)
SELECT d.id, v.name, v.kind, v.email
  FROM district d,
       (VALUES
         ('Arbeiterwohlfahrt Kreisverband Musterkreis e.V.', 'welfare_association', 'migration@awo-musterkreis.example'),
         ('Grundschule am Lindenplatz Musterstadt', 'school', 'sekretariat@gs-lindenplatz-musterstadt.example'),
         ('Städtische Kita Regenbogen Musterstadt', 'kita', 'kita-regenbogen@musterstadt.example'),
         ('Jobcenter Musterkreis', 'job_centre', 'integration@jobcenter-musterkreis.example'),
         ('Katholische Kirchengemeinde St. Martin Musterstadt', 'church', 'pfarrbuero@st-martin-musterstadt.example'),
         ('Evangelische Kirchengemeinde Musterstadt', 'church', 'gemeindebuero@ev-kirche-musterstadt.example'),
         ('Islamische Gemeinde Musterstadt e.V.', 'migrant_organisation', 'vorstand@islamische-gemeinde-musterstadt.example'),
         ('TSV Musterstadt 1898 e.V.', 'club', 'geschaeftsstelle@tsv-musterstadt.example'),
         ('Volkshochschule Musterkreis', 'other', 'deutsch@vhs-musterkreis.example'),
         ('Integrationslotsen Musterstadt', 'volunteer_initiative', 'lotsen@musterstadt.example'),
         ('Stadt Musterstadt, Fachbereich Personal und Organisation', 'administration', 'personal@musterstadt.example'),
         ('Wohnungsbaugesellschaft Musterstadt mbH', 'other', 'vermietung@wbg-musterstadt.example'),
         ('Gesundheitsamt des Landkreises Musterkreis', 'administration', 'gesundheitsamt@musterkreis.example')
       ) AS v (name, kind, email)
 WHERE d.code = '05999'
ON CONFLICT (district_id, name) DO NOTHING;

INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT mu.id, o.id
  FROM (VALUES
         ('05999004', 'Arbeiterwohlfahrt Kreisverband Musterkreis e.V.'),
         ('05999008', 'Arbeiterwohlfahrt Kreisverband Musterkreis e.V.'),
         ('05999004', 'Grundschule am Lindenplatz Musterstadt'),
         ('05999004', 'Städtische Kita Regenbogen Musterstadt'),
         ('05999004', 'Jobcenter Musterkreis'),
         ('05999008', 'Jobcenter Musterkreis'),
         ('05999004', 'Katholische Kirchengemeinde St. Martin Musterstadt'),
         ('05999004', 'Evangelische Kirchengemeinde Musterstadt'),
         ('05999004', 'Islamische Gemeinde Musterstadt e.V.'),
         ('05999004', 'TSV Musterstadt 1898 e.V.'),
         ('05999004', 'Volkshochschule Musterkreis'),
         ('05999008', 'Volkshochschule Musterkreis'),
         ('05999004', 'Integrationslotsen Musterstadt'),
         ('05999004', 'Stadt Musterstadt, Fachbereich Personal und Organisation'),
         ('05999004', 'Wohnungsbaugesellschaft Musterstadt mbH'),
         ('05999004', 'Gesundheitsamt des Landkreises Musterkreis'),
         ('05999008', 'Gesundheitsamt des Landkreises Musterkreis')
       ) AS v (ags, org)
  JOIN municipality mu ON mu.ags = v.ags
  JOIN district d ON d.id = mu.district_id
  JOIN organisation o ON o.district_id = d.id AND o.name = v.org
ON CONFLICT (municipality_id, organisation_id) DO NOTHING;

DO $catalogue$
DECLARE
  v_stadt     bigint := (SELECT id FROM municipality WHERE ags = '05999004');
  v_lingen    bigint := (SELECT id FROM municipality WHERE ags = '05999008');
  v_district  bigint := (SELECT district_id FROM municipality WHERE ags = '05999004');
  v_officer   bigint := (SELECT id FROM account WHERE lower(email) = 'integration@musterstadt.example');
  v_mayor     bigint := (SELECT id FROM account WHERE lower(email) = 'buergermeisterin@musterstadt.example');
  v_lofficer  bigint := (SELECT id FROM account WHERE lower(email) = 'integration@musterlingen.example');
  v_caritas_account bigint := (SELECT id FROM account
                                WHERE lower(email) = 'migrationsdienst@caritas-musterkreis.example');
  v_caritas   bigint;
  v_do_stadt  boolean;
  v_do_lingen boolean;
  v_c         bigint;
  v_n         bigint;
BEGIN
  IF v_stadt IS NULL OR v_lingen IS NULL OR v_officer IS NULL OR v_mayor IS NULL
     OR v_lofficer IS NULL OR v_caritas_account IS NULL THEN
    RAISE EXCEPTION '030_catalogue: the municipalities and accounts of 010 and 020 are missing';
  END IF;
  v_do_stadt := NOT EXISTS (SELECT FROM concept WHERE municipality_id = v_stadt);
  v_do_lingen := NOT EXISTS (SELECT FROM concept WHERE municipality_id = v_lingen);
  IF NOT (v_do_stadt OR v_do_lingen) THEN
    RETURN;
  END IF;

  -- Short keys for the organisations named below.
  CREATE TEMP TABLE demo_org (key text PRIMARY KEY, id bigint) ON COMMIT DROP;
  INSERT INTO demo_org (key, id)
  SELECT v.key, o.id
    FROM (VALUES
           ('CAR',  'Caritasverband für den Musterkreis e.V.'),
           ('DTKV', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.'),
           ('GES',  'Gesamtschule Musterstadt'),
           ('AWO',  'Arbeiterwohlfahrt Kreisverband Musterkreis e.V.'),
           ('GS',   'Grundschule am Lindenplatz Musterstadt'),
           ('KITA', 'Städtische Kita Regenbogen Musterstadt'),
           ('JC',   'Jobcenter Musterkreis'),
           ('KIR',  'Katholische Kirchengemeinde St. Martin Musterstadt'),
           ('EVK',  'Evangelische Kirchengemeinde Musterstadt'),
           ('ISL',  'Islamische Gemeinde Musterstadt e.V.'),
           ('TSV',  'TSV Musterstadt 1898 e.V.'),
           ('VHS',  'Volkshochschule Musterkreis'),
           ('LOT',  'Integrationslotsen Musterstadt'),
           ('PERS', 'Stadt Musterstadt, Fachbereich Personal und Organisation'),
           ('WBG',  'Wohnungsbaugesellschaft Musterstadt mbH'),
           ('GA',   'Gesundheitsamt des Landkreises Musterkreis')
         ) AS v (key, name)
    LEFT JOIN organisation o ON o.district_id = v_district AND o.name = v.name;
  IF EXISTS (SELECT FROM demo_org WHERE id IS NULL) THEN
    RAISE EXCEPTION '030_catalogue: a demo organisation is missing';
  END IF;
  v_caritas := (SELECT id FROM demo_org WHERE key = 'CAR');

  -- The concepts, their goals and measures, one row per concept version.
  CREATE TEMP TABLE demo_concept (
    ags text, version int, title text, summary text, status text,
    resolution_date date, resolution_reference text, adopted_at timestamptz,
    adopted_by bigint, created_by bigint, created_at timestamptz,
    updated_at timestamptz
  ) ON COMMIT DROP;
  CREATE TEMP TABLE demo_goal (
    ags text, version int, position int, title text, description text
  ) ON COMMIT DROP;
  -- goals: positions of the concept's goals; lead, partners: demo_org keys;
  -- parent: the code of the parent measure
  CREATE TEMP TABLE demo_measure (
    ags text, version int, code text, rank int, field text, parent text,
    title text, description text, goals int[], horizon text, status text,
    status_reason text, progress int, weight int, planned_start date,
    planned_end date, actual_start date, actual_end date, lead text,
    partners text[], target_groups text[], budget numeric, visibility text
  ) ON COMMIT DROP;

  -- -------------------------------------------------------------------------
  -- Musterstadt
  INSERT INTO demo_concept VALUES
    ('05999004', 1, 'Integrationskonzept der Stadt Musterstadt 2017',
     'Vom Gemeinderat im April 2017 genehmigt. Ziel der Integrationsarbeit ist, '
     'die kulturelle Vielfalt und die Teilhabe aller am politischen und '
     'gesellschaftlichen Leben zu stärken. Die Integrationsbeauftragte pflegt '
     'und baut das Integrationsnetzwerk aus und koordiniert kurz-, mittel- und '
     'langfristige Maßnahmen. Abgelöst durch das Integrationskonzept 2024–2030.',
     'archived', '2017-04-25', 'Drucksache 038/2017', '2017-04-25 19:10+02',
     NULL, NULL, '2016-09-12 09:00+02', '2024-03-21 19:45+01'),
    ('05999004', 2, 'Integrationskonzept der Stadt Musterstadt 2024–2030',
     'Das Integrationskonzept gibt der kommunalen Integrationsarbeit einen '
     'strategischen Rahmen und wird an neue Gegebenheiten angepasst. Es wurde '
     'von der Steuerungsgruppe (Bürgermeisterin, Integrations- und '
     'Flüchtlingsbeauftragte, Leitungen der Fachämter) mit allen Akteuren der '
     'Flüchtlings- und Migrationsarbeit erarbeitet: Bestands- und '
     'Bedarfsanalyse mit 20 qualitativen Interviews und einer Online-Befragung '
     '(60 Teilnehmende), Integrationskonferenz am 14. Juli 2023 im Jugendhaus, '
     'Strategie-Workshop und Themenforen. Integration ist eine '
     'ressortübergreifende Querschnittsaufgabe; sie bezieht sich nicht nur auf '
     'Geflüchtete. Am Ende steht ein Maßnahmenkatalog, der mit Prioritäten die '
     'Reihenfolge des Handelns bestimmt, und Umsetzungsmarker, an denen sich '
     'alle Beteiligten orientieren können.',
     'adopted', '2024-03-21', 'Drucksache 047/2024', '2024-03-21 19:45+01',
     v_mayor, v_officer, '2023-05-08 09:00+02', '2024-03-21 19:45+01');

  INSERT INTO demo_goal VALUES
    ('05999004', 1, 1, 'Kulturelle Vielfalt und die Teilhabe aller stärken',
     'Die kulturelle Vielfalt und die Teilhabe aller am politischen und '
     'gesellschaftlichen Leben werden gestärkt.'),
    ('05999004', 1, 2, 'Integration ist Aufgabe der ganzen Stadt',
     'Verwaltung, Vereine, Kirchen, Schulen und Ehrenamt arbeiten im '
     'Integrationsnetzwerk zusammen.'),
    ('05999004', 1, 3, 'Geflüchtete gut aufnehmen und begleiten', NULL),

    ('05999004', 2, 1, 'Wir schätzen unsere Vielfalt und lernen voneinander',
     'Die kulturelle Vielfalt ist Ressource und Auftrag. Menschen mit und ohne '
     'Migrationsgeschichte begegnen sich, feiern miteinander und lernen '
     'voneinander.'),
    ('05999004', 2, 2, 'Unsere Stadtgemeinschaft integriert Lebensstile',
     'Integration ist mehr als die Aufnahme von Geflüchteten: Sie betrifft alle '
     'Lebensstile und Generationen, auch die Inklusion von Menschen mit '
     'Behinderung. Nachbarschaften, Vereine und Quartiere sind die Orte, an '
     'denen sie gelingt.'),
    ('05999004', 2, 3, 'Wir integrieren und betreuen alle Bevölkerungsgruppen',
     'Verwaltung und Träger richten ihre Dienstleistungen interkulturell aus, '
     'damit alle Bevölkerungsgruppen Beratung, Betreuung und Gesundheitsversorgung '
     'erreichen.'),
    ('05999004', 2, 4, 'Sprache und Bildung eröffnen Zukunftschancen',
     'Integration und Partizipation setzen Information und Sprachkenntnisse '
     'voraus. Insbesondere den Kindern ist die Möglichkeit zum Erwerb der '
     'deutschen Sprache einzuräumen.'),
    ('05999004', 2, 5, 'Gleiche Chancen in Ausbildung, Arbeit und Wohnen',
     'Rechtliche und faktische Chancengleichheit erleichtert das friedliche '
     'Zusammenleben: Zugang zu Ausbildung, Arbeit und preiswerten Wohnungen in '
     'allen Ortsteilen.'),
    ('05999004', 2, 6, 'Zugewanderte gestalten auf Augenhöhe mit',
     'Es wird nicht nur über Migrantinnen und Migranten gesprochen: Sie und ihre '
     'Organisationen sind auf Augenhöhe an der Umsetzung beteiligt.');

  -- The archived concept of 2017: what it held when it was replaced.
  INSERT INTO demo_measure VALUES
    ('05999004', 1, 'GT-01', 1, 'participation', NULL, 'Fest der Kulturen',
     'Einheimische und fremde Kulturen präsentieren sich mit künstlerischen '
     'Darbietungen, kulinarischen Köstlichkeiten und Informationsständen.',
     '{1,2}', 'short', 'completed', NULL, 100, 1, '2018-03-01', '2018-10-31',
     '2018-04-09', '2018-10-20', 'DTKV', '{CAR}', '{general_public}', 4500, 'public'),
    ('05999004', 1, 'AF-01', 2, 'asylum', NULL, 'Oasentag für Ehrenamtliche',
     'Zusammen mit den Integrationsbeauftragten des Landkreises: am Vormittag '
     'eine Schulung, nach dem Mittagessen ein geführter Erfahrungsaustausch.',
     '{3}', 'short', 'completed', NULL, 100, 1, '2018-11-01', '2019-02-28',
     '2018-11-12', '2019-02-16', 'CAR', '{}', '{volunteers}', 1200, 'public'),
    ('05999004', 1, 'GT-02', 3, 'participation', NULL,
     'Infoveranstaltung „Gelingende Integration durch Vereine“',
     'In Zusammenarbeit mit dem Kreisjugendring: Vereine und Vereinsarbeit '
     'bilden wesentliche Pfeiler unserer Gesellschaft.',
     '{1,2}', 'short', 'completed', NULL, 100, 1, '2019-01-01', '2019-03-31',
     '2019-01-14', '2019-03-20', NULL, '{}', '{volunteers}', NULL, 'public'),
    ('05999004', 1, 'GT-03', 4, 'participation', NULL,
     'Bürgerdialoge, Nachbarschaftsgespräche und Quartiersveranstaltungen',
     'Menschen mit und ohne Migrationshintergrund werden in das '
     'Integrationsgeschehen eingebunden. Fortgeführt im Konzept 2024–2030 (GT-04).',
     '{1}', 'medium', 'in_progress', NULL, 50, 1, '2019-04-01', '2023-12-31',
     '2019-05-06', NULL, NULL, '{}', '{general_public}', NULL, 'public'),
    ('05999004', 1, 'IO-01', 5, 'intercultural_administration', NULL,
     'Integrationsnetzwerk pflegen und ausbauen',
     'Ständiger Austausch der Integrationsbeauftragten mit der Verwaltung und '
     'den Akteuren der Flüchtlings- und Migrationsarbeit.',
     '{2}', 'long', 'in_progress', NULL, 80, 1, '2017-05-01', NULL,
     '2017-05-01', NULL, NULL, '{CAR,DTKV}', '{staff}', NULL, 'public'),
    ('05999004', 1, 'SP-01', 6, 'language', NULL,
     'Ehrenamtliche Deutschkurse für Geflüchtete',
     'Deutschkurse von Ehrenamtlichen für Geflüchtete ohne Anspruch auf einen '
     'Integrationskurs.',
     '{3}', 'short', 'completed', NULL, 100, 1, '2017-05-01', '2019-12-31',
     '2017-06-12', '2019-12-20', 'CAR', '{}', '{refugees}', NULL, 'public');

  -- The adopted concept 2024–2030. Ranks are the priority (the order of
  -- action), dense over all measures including the Teilmaßnahmen.
  INSERT INTO demo_measure VALUES
    -- Sprache
    ('05999004', 2, 'SP-01', 1, 'language', NULL,
     'Integrationskurse koordinieren und Wartezeiten verkürzen',
     'Die Volkshochschule stimmt mit dem Jobcenter und dem Fachdienst '
     'Integration und Migration der Caritas das Kursangebot ab, damit '
     'Zugewanderte ohne lange Wartezeit einen Platz in einem Integrationskurs '
     'finden. Kurse mit Kinderbetreuung und Abendkurse für Berufstätige werden '
     'ausgebaut; die Kursträger melden freie Plätze monatlich an die '
     'Integrationsbeauftragte.',
     '{4}', 'medium', 'in_progress', NULL, 60, 1, '2024-04-01', '2026-12-31',
     '2024-05-02', NULL, 'VHS', '{JC,CAR}', '{newcomers,refugees,eu_citizens}', NULL, 'public'),
    ('05999004', 2, 'SP-02', 3, 'language', NULL,
     'Niedrigschwellige Deutschangebote in den Stadtteilen',
     'Integration und Partizipation setzen Information und Sprachkenntnisse '
     'voraus. Ergänzend zu den Integrationskursen gibt es wohnortnahe, '
     'kostenfreie Deutschangebote für Menschen, die (noch) keinen Anspruch auf '
     'einen Integrationskurs haben oder ihn nicht wahrnehmen können. Die '
     'Maßnahme bündelt drei Teilmaßnahmen; ihr Fortschritt ist deren '
     'gewichtetes Mittel.',
     '{4,3}', 'medium', 'in_progress', NULL, 60, 1, '2024-06-01', '2027-12-31',
     '2024-09-02', NULL, 'CAR', '{AWO,DTKV}', '{newcomers,refugees,women_and_mothers}', 24000, 'public'),
    ('05999004', 2, 'SP-02.1', 4, 'language', 'SP-02',
     'Mütterkurs „Deutsch mit Kind“ mit Kinderbetreuung',
     'Deutschkurs am Vormittag für Mütter mit Kleinkindern, mit '
     'Kinderbetreuung im Nebenraum. Besondere Integrationsangebote für Frauen '
     'und Mütter (Sprache, Bildung, Sport) waren eine zentrale Empfehlung der '
     'Integrationskonferenz.',
     '{4}', 'medium', 'in_progress', NULL, 70, 2, '2024-09-01', '2027-07-31',
     '2024-09-02', NULL, 'CAR', '{KITA}', '{women_and_mothers,children}', 9500, 'public'),
    ('05999004', 2, 'SP-02.2', 5, 'language', 'SP-02',
     'Wöchentliches Sprachcafé aufbauen',
     'Offener Treff im Gemeindehaus der Evangelischen Kirchengemeinde, in dem '
     'Ehrenamtliche und Zugewanderte Deutsch im Alltag üben: Schulung der '
     'Ehrenamtlichen, Materialkiste, feste Öffnungszeiten.',
     '{4,1}', 'short', 'completed', NULL, 100, 1, '2024-10-01', '2025-09-30',
     '2024-10-10', '2025-11-28', 'LOT', '{CAR,EVK}', '{newcomers,volunteers}', NULL, 'public'),
    ('05999004', 2, 'SP-02.3', 6, 'language', 'SP-02',
     'Alphabetisierungskurs für Erwachsene',
     'Kurs in kleinen Gruppen für Erwachsene, die in keiner Sprache lesen und '
     'schreiben gelernt haben, mit Kinderbetreuung. Start nach Zusage der '
     'Landesförderung.',
     '{4}', 'medium', 'planned', NULL, 0, 1, '2027-01-11', '2027-12-17',
     NULL, NULL, 'VHS', '{CAR}', '{newcomers,refugees}', 11000, 'public'),
    ('05999004', 2, 'SP-03', 10, 'language', NULL,
     'Sprachförderung in den Kindertagesstätten',
     'Alltagsintegrierte Sprachbildung in allen städtischen Kitas: Fortbildung '
     'der Fachkräfte, zusätzliche Sprachförderkräfte für Gruppen mit hohem '
     'Förderbedarf und mehrsprachige Bilderbuchkisten zum Ausleihen für '
     'Familien. Ziel ist, dass weniger Kinder bei der Schuleingangsuntersuchung '
     'Sprachförderbedarf haben.',
     '{4}', 'long', 'in_progress', NULL, 45, 1, '2024-08-01', '2029-07-31',
     '2024-08-01', NULL, 'KITA', '{GS,GA}', '{children,families}', 38000, 'public'),
    ('05999004', 2, 'SP-04', 21, 'language', NULL,
     'Sprachmittlerpool für Verwaltung, Schulen, Kitas und Arztpraxen',
     'Ein Pool geschulter ehrenamtlicher Sprachmittlerinnen und Sprachmittler '
     '(u. a. Arabisch, Dari/Farsi, Türkisch, Ukrainisch, Tigrinya), den '
     'Verwaltung, Schulen, Kitas und Arztpraxen anfragen können. Schulung zu '
     'Rolle und Schweigepflicht, Vermittlung über die Caritas, '
     'Aufwandsentschädigung aus städtischen Mitteln.',
     '{3,6}', 'medium', 'planned', NULL, 0, 1, '2027-01-01', '2027-12-31',
     NULL, NULL, 'CAR', '{LOT,DTKV,ISL}', '{newcomers,refugees,volunteers}', 8000, 'public'),
    ('05999004', 2, 'SP-05', 33, 'language', NULL,
     'Mehrsprachige Willkommensmappe „Neu in Musterstadt“',
     'Wegweiser zu Beratungsstellen, Kitas, Schulen, Ärztinnen und Ärzten und '
     'Vereinen in Deutsch, Englisch, Arabisch, Türkisch, Ukrainisch und '
     'Leichter Sprache, mit Informationen über die demokratischen Werte und '
     'Rechte in Deutschland; gedruckt im Bürgerbüro und online.',
     '{3}', 'short', 'completed', NULL, 100, 1, '2024-05-01', '2024-12-31',
     '2024-05-06', '2025-01-31', NULL, '{CAR,AWO,VHS}', '{newcomers,refugees,eu_citizens}', 4200, 'public'),
    ('05999004', 2, 'SP-06', 39, 'language', NULL,
     'Berufsbezogene Deutschkurse im Betrieb',
     'Job-Deutsch direkt im Betrieb, mit dem Jobcenter und Unternehmen aus '
     'Handwerk und Pflege. Vorschlag aus dem Themenforum Arbeit 2025.',
     '{4,5}', 'long', 'proposed', NULL, 0, 1, NULL, NULL,
     NULL, NULL, 'JC', '{VHS}', '{newcomers,refugees}', NULL, 'public'),

    -- Bildung und Ausbildung
    ('05999004', 2, 'BI-01', 7, 'education', NULL,
     'Hausaufgabenhilfe und Lernpatenschaften',
     'Hausaufgabenhilfe an der Gesamtschule, getragen von Lernpatinnen und '
     'Lernpaten (Schülerinnen und Schüler der Oberstufe, Ehrenamtliche des '
     'Kulturvereins). Sprach- und Bildungsförderung an den Grund- und '
     'weiterführenden Schulen war eine Kernempfehlung der Beteiligung.',
     '{4}', 'short', 'in_progress', NULL, 55, 1, '2024-08-15', '2027-07-31',
     '2024-09-02', NULL, 'GES', '{LOT,DTKV}', '{children,youth}', 12000, 'public'),
    ('05999004', 2, 'BI-02', 11, 'education', NULL,
     'Elterncafés an Grundschule und Kita',
     'Monatliche Elterncafés an der Grundschule am Lindenplatz und in der Kita '
     'Regenbogen: Eltern erfahren, wie Schule und Kita funktionieren, lernen '
     'Lehrkräfte und Erzieherinnen kennen und bringen ihre Fragen mit. '
     'Mehrsprachige Einladungen, Sprachmittlung bei Bedarf.',
     '{4,6}', 'short', 'in_progress', NULL, 40, 1, '2024-09-01', '2027-07-31',
     '2024-10-08', NULL, 'GS', '{KITA,CAR}', '{families,women_and_mothers}', 3600, 'public'),
    ('05999004', 2, 'BI-03', 14, 'education', NULL,
     'Mehrsprachige Einschulungsberatung',
     'Integrationsberatung an den Schulen: Informationsabende zur Einschulung '
     'in mehreren Sprachen, Begleitung neu zugewanderter Familien bei der '
     'Anmeldung und ein mehrsprachiges Merkblatt für den ersten Schultag.',
     '{4}', 'short', 'completed', NULL, 100, 1, '2024-09-01', '2025-08-31',
     '2024-11-04', '2025-07-18', 'GS', '{CAR,LOT}', '{children,families,newcomers}', NULL, 'public'),
    ('05999004', 2, 'BI-04', 22, 'education', NULL,
     'Übergang Schule – Beruf: Ausbildungspatenschaften',
     'Ehrenamtliche Ausbildungspatinnen und -paten begleiten Jugendliche mit '
     'Migrationsgeschichte ab Klasse 8 bei Berufsorientierung, Bewerbung und in '
     'der Ausbildung; Praktikumsbörse mit örtlichen Betrieben und der '
     'Berufsberatung.',
     '{5,4}', 'medium', 'in_progress', NULL, 30, 1, '2025-02-01', '2028-07-31',
     '2025-03-03', NULL, 'GES', '{JC,AWO}', '{youth}', 5000, 'public'),
    ('05999004', 2, 'BI-05', 30, 'education', NULL,
     'Brückenangebote in die Kita für neu zugewanderte Familien',
     'Spielgruppen als Brücke in die Kita für Kinder, die noch keinen '
     'Kita-Platz haben; Eltern werden bei der Anmeldung begleitet. Ziel ist, '
     'dass alle Kinder mindestens zwei Jahre vor der Einschulung eine Kita '
     'besuchen.',
     '{4}', 'medium', 'planned', NULL, 0, 1, '2027-03-01', '2028-07-31',
     NULL, NULL, 'KITA', '{CAR,AWO}', '{children,families,refugees}', NULL, 'public'),
    ('05999004', 2, 'BI-06', 40, 'education', NULL,
     'Herkunftssprachlicher Unterricht an der Gesamtschule',
     'Prüfung eines Angebots in Türkisch und Arabisch zusammen mit dem '
     'Kulturverein: Mehrsprachigkeit als Ressource.',
     '{1,4}', 'long', 'proposed', NULL, 0, 1, NULL, NULL,
     NULL, NULL, 'GES', '{DTKV}', '{children,youth}', NULL, 'partners'),

    -- Arbeit
    ('05999004', 2, 'AR-01', 8, 'work', NULL,
     'Kooperation mit dem Jobcenter: gemeinsame Fallbesprechungen',
     'Kooperationsvereinbarung zwischen Stadt, Jobcenter und Caritas: feste '
     'Ansprechpersonen, gemeinsame Fallbesprechungen für Geflüchtete im '
     'Leistungsbezug und ein abgestimmter Übergang vom Integrationskurs in '
     'Arbeit oder Ausbildung – berufliche Qualifikation in Zusammenarbeit mit '
     'Arbeitsverwaltung, Stadtverwaltung und Unternehmen.',
     '{5}', 'medium', 'in_progress', NULL, 65, 1, '2024-06-01', '2026-12-31',
     '2024-07-01', NULL, 'JC', '{CAR}', '{refugees}', NULL, 'public'),
    ('05999004', 2, 'AR-02', 17, 'work', NULL,
     'Anerkennungsberatung für ausländische Abschlüsse',
     'Beratung zur Anerkennung ausländischer Berufs- und Studienabschlüsse '
     'zweimal im Monat im Integrationszentrum, mit Verweis auf '
     'Anpassungsqualifizierungen der Volkshochschule und Förderung durch das '
     'Jobcenter.',
     '{5}', 'medium', 'in_progress', NULL, 50, 1, '2024-10-01', '2027-12-31',
     '2024-11-05', NULL, 'CAR', '{JC,VHS}', '{newcomers,eu_citizens,refugees}', NULL, 'public'),
    ('05999004', 2, 'AR-03', 23, 'work', NULL,
     'Jobmesse „Vielfalt arbeitet“',
     'Jobmesse mit Betrieben aus Musterstadt und Umgebung in der Stadthalle, '
     'mit Bewerbungsmappen-Check und Sprachmittlung an den Ständen.',
     '{5}', 'short', 'completed', NULL, 100, 1, '2025-01-15', '2025-05-31',
     '2025-01-20', '2025-05-20', 'JC', '{GES,DTKV}', '{newcomers,refugees,youth}', 7500, 'public'),
    ('05999004', 2, 'AR-04', 34, 'work', NULL,
     'Berufliche Orientierung für zugewanderte Frauen',
     'Kurs zur beruflichen Orientierung mit Kinderbetreuung: '
     'Kompetenzfeststellung, Praktikum, Deutsch für den Beruf. Start nach '
     'Bewilligung der ESF-Plus-Förderung.',
     '{5}', 'medium', 'planned', NULL, 0, 1, '2027-02-01', '2028-01-31',
     NULL, NULL, 'AWO', '{JC,VHS}', '{women_and_mothers}', 25000, 'public'),
    ('05999004', 2, 'AR-05', 41, 'work', NULL,
     'Unternehmensnetzwerk Integration',
     'Netzwerk mit Handwerkerschaft, Händlerschaft und Gewerbeverein, um '
     'Praktikums-, Ausbildungs- und Arbeitsplätze für Zugewanderte zu '
     'erschließen, auch mit Blick auf den Zuzug von Arbeitskräften in das '
     'Gewerbegebiet auf dem Kasernengelände.',
     '{5}', 'long', 'proposed', NULL, 0, 1, NULL, NULL,
     NULL, NULL, NULL, '{JC}', '{newcomers,refugees}', NULL, 'public'),

    -- Asyl und Flüchtlinge
    ('05999004', 2, 'AF-01', 2, 'asylum', NULL,
     'Integrationslotsinnen und -lotsen gewinnen, schulen und begleiten',
     'Ehrenamtliche Integrationslotsinnen und -lotsen begleiten Neuzugewanderte '
     'in den ersten Monaten zu Behörden, Ärztinnen und Ärzten, Kita und Schule. '
     'Der Fachdienst Integration und Migration der Caritas gewinnt und schult '
     'neue Lotsinnen und Lotsen (Basisschulung in drei Modulen), vermittelt '
     'Tandems und bietet monatliche Praxisbegleitung.',
     '{3,6}', 'medium', 'in_progress', NULL, 75, 1, '2024-04-01', '2027-06-30',
     '2024-04-15', NULL, 'CAR', '{LOT}', '{refugees,newcomers,volunteers}', 15000, 'public'),
    ('05999004', 2, 'AF-02', 13, 'asylum', NULL,
     'Oasentag für Ehrenamtliche',
     'Einmal im Jahr ein Tag der Wertschätzung für alle, die sich ehrenamtlich '
     'in der Flüchtlings- und Integrationsarbeit engagieren: am Vormittag eine '
     'Schulung, nach dem Mittagessen ein geführter Erfahrungsaustausch, zum '
     'Abschluss ein Spaziergang zur Peterkapelle mit Führung.',
     '{3}', 'short', 'in_progress', NULL, 65, 1, '2025-01-01', '2027-12-31',
     '2025-02-22', NULL, 'CAR', '{KIR,LOT}', '{volunteers}', 2500, 'public'),
    ('05999004', 2, 'AF-03', 15, 'asylum', NULL,
     'Leitfaden zur Aufnahme neuer Geflüchteter und Zugewanderter',
     'Wer übernimmt in den ersten Wochen was (Ausländerbehörde, Sozialamt, '
     'Unterbringung, Caritas, AWO, Ehrenamt)? Leitfaden mit Checklisten und '
     'Kontakten für alle Beteiligten.',
     '{3}', 'short', 'completed', NULL, 100, 1, '2024-06-01', '2025-03-31',
     '2024-06-10', '2025-03-27', NULL, '{CAR,AWO}', '{refugees,newcomers,staff}', NULL, 'public'),
    ('05999004', 2, 'AF-04', 20, 'asylum', NULL,
     'Sozialberatung in der Gemeinschaftsunterkunft',
     'Sozialberatung an drei Tagen in der Woche in der Gemeinschaftsunterkunft '
     'Kasernenstraße; Hausversammlungen, Konfliktmoderation zwischen '
     'Bewohnerinnen und Bewohnern und mit der Nachbarschaft.',
     '{3}', 'short', 'in_progress', NULL, 50, 1, '2024-04-01', '2026-12-31',
     '2024-04-02', NULL, 'AWO', '{CAR,LOT}', '{refugees,families}', NULL, 'public'),
    ('05999004', 2, 'AF-05', 28, 'asylum', NULL,
     'Patenschaftsprogramm „Neu in Musterstadt“',
     'Familien und Einzelpersonen aus Musterstadt übernehmen für ein Jahr eine '
     'Patenschaft für eine neu zugewanderte Familie; Vermittlung, Auftakt- und '
     'Abschlusstreffen durch den Kulturverein.',
     '{1,3}', 'short', 'suspended',
     'Die Koordinationsstelle beim Kulturverein ist seit März 2026 unbesetzt. '
     'Bestehende Patenschaften laufen weiter; neue werden erst nach der '
     'Nachbesetzung vermittelt (Steuerungsgruppe, 25.03.2026).',
     35, 1, '2024-09-01', '2026-08-31',
     '2024-10-01', NULL, 'DTKV', '{LOT,KIR}', '{refugees,families,general_public}', NULL, 'public'),

    -- Interkulturelle Öffnung der Verwaltung
    ('05999004', 2, 'IO-01', 12, 'intercultural_administration', NULL,
     'Fortbildungsreihe interkulturelle Kompetenz',
     'Fortbildungen für alle Bereiche der Verwaltung mit Publikumsverkehr '
     '(Bürgerbüro, Ausländerbehörde, Sozialamt, Kita-Leitungen): '
     'interkulturelle Kommunikation, Einfache Sprache, Umgang mit '
     'Diskriminierung. Bis Ende 2027 sollen drei Viertel der Beschäftigten mit '
     'Publikumsverkehr teilgenommen haben.',
     '{3}', 'medium', 'in_progress', NULL, 60, 1, '2024-09-01', '2027-12-31',
     '2024-10-15', NULL, 'PERS', '{CAR,VHS}', '{staff}', 9500, 'public'),
    ('05999004', 2, 'IO-02', 19, 'intercultural_administration', NULL,
     'Interkulturelles Leitbild der Stadtverwaltung',
     'In Workshops mit Beschäftigten und Migrantenorganisationen entsteht ein '
     'interkulturelles Leitbild: Wie gehen wir mit einer vielfältigen '
     'Bürgerschaft um? Das Leitbild wird dem Rat zur Beschlussfassung '
     'vorgelegt.',
     '{1,3}', 'medium', 'in_progress', NULL, 80, 1, '2025-01-01', '2026-12-31',
     '2025-02-10', NULL, 'PERS', '{DTKV,ISL}', '{staff,general_public}', NULL, 'public'),
    ('05999004', 2, 'IO-03', 27, 'intercultural_administration', NULL,
     'Mehrsprachige Mitarbeiterinnen und Mitarbeiter gewinnen',
     'Stellenausschreibungen mit dem Hinweis, dass Mehrsprachigkeit und '
     'interkulturelle Kompetenz erwünscht sind; Ausbildungsmarketing an der '
     'Gesamtschule und über den Kulturverein; anonymisierte Vorauswahl in einem '
     'Pilotbereich.',
     '{5,3}', 'long', 'planned', NULL, 0, 1, '2027-01-01', '2029-12-31',
     NULL, NULL, 'PERS', '{GES,DTKV}', '{staff,youth}', NULL, 'partners'),
    ('05999004', 2, 'IO-04', 38, 'intercultural_administration', NULL,
     'Mehrsprachige Sprechstunde im Bürgerbüro',
     'Feste Sprechstunde mit Sprachmittlung im Bürgerbüro an zwei Vormittagen '
     'im Monat.',
     '{3}', 'short', 'dropped',
     'Nicht weiterverfolgt (Steuerungsgruppe, 12.06.2025): Die Anliegen deckt '
     'das Video-Dolmetschen des Landkreises ab, künftig auch der '
     'Sprachmittlerpool (SP-04); eine eigene Sprechstunde hätte zusätzliches '
     'Personal gebunden.',
     0, 1, '2025-01-01', '2025-12-31',
     NULL, NULL, 'PERS', '{}', '{newcomers,eu_citizens}', NULL, 'internal'),
    ('05999004', 2, 'IO-05', 35, 'intercultural_administration', NULL,
     'Handlungsleitfaden bei ausländerfeindlichen Vorfällen',
     'Interner Leitfaden für die sofortige Reaktion auf ausländerfeindliche '
     'Aktivitäten (Schmierereien, Anfeindungen, Vorfälle bei Veranstaltungen): '
     'Meldeweg, Zuständigkeiten, Kontakt zu Polizei und Betroffenenberatung, '
     'Stellungnahme der Stadtspitze.',
     '{1}', 'short', 'in_progress', NULL, 20, 1, '2026-03-01', '2026-12-31',
     '2026-04-13', NULL, 'PERS', '{}', '{staff}', NULL, 'internal'),

    -- Gesellschaftliche Teilhabe und interkultureller Dialog
    ('05999004', 2, 'GT-01', 16, 'participation', NULL, 'Fest der Kulturen',
     'Einheimische und zugewanderte Kulturen präsentieren sich mit '
     'künstlerischen Darbietungen, kulinarischen Köstlichkeiten und '
     'Informationsständen, jährlich im Oktober zusammen mit dem '
     'verkaufsoffenen Sonntag der Händlerschaft. Menschen unterschiedlicher '
     'Herkunft bereiten das Fest gemeinsam vor.',
     '{1,2}', 'short', 'in_progress', NULL, 85, 1, '2024-05-01', '2027-10-31',
     '2024-05-13', NULL, 'DTKV', '{CAR,ISL,KIR,TSV}', '{general_public}', 6500, 'public'),
    ('05999004', 2, 'GT-02', 24, 'participation', NULL,
     'Interreligiöser Dialog der Kirchen- und Moscheegemeinden',
     'Gesprächsreihe der katholischen und der evangelischen Kirchengemeinde und '
     'der Islamischen Gemeinde, viermal im Jahr an wechselnden Orten, mit '
     'gegenseitigen Besuchen in Kirche und Moschee.',
     '{1}', 'medium', 'in_progress', NULL, 40, 1, '2025-03-01', '2028-12-31',
     '2025-04-06', NULL, 'KIR', '{EVK,ISL}', '{general_public}', NULL, 'public'),
    ('05999004', 2, 'GT-03', 26, 'participation', NULL,
     'Integrationsdialoge für Jugendliche und für Seniorinnen und Senioren',
     'Je ein Integrationsdialog für Jugendliche (im Jugendhaus) und für '
     'Seniorinnen und Senioren (im Seniorentreff); die Ergebnisse gehen als '
     'Handlungsempfehlungen an die Steuerungsgruppe.',
     '{6}', 'short', 'completed', NULL, 100, 1, '2024-09-01', '2025-06-30',
     '2024-11-13', '2025-06-02', NULL, '{AWO,GES}', '{youth,seniors}', 1800, 'public'),
    ('05999004', 2, 'GT-04', 29, 'participation', NULL,
     'Bürgerdialoge und Nachbarschaftsgespräche in den Quartieren',
     'Bürgerdialoge, Nachbarschaftsgespräche und Quartiersveranstaltungen in '
     'den Stadtteilen mit hohem Zuzug, auch mit Bürgerinnen und Bürgern, die '
     'bisher nichts mit Integration zu tun hatten (Einladung nach '
     'Zufallsauswahl).',
     '{2,6}', 'medium', 'in_progress', NULL, 35, 1, '2025-04-01', '2028-12-31',
     '2025-05-15', NULL, 'AWO', '{LOT,ISL}', '{general_public}', NULL, 'public'),
    ('05999004', 2, 'GT-05', 32, 'participation', NULL,
     'Sport für Mädchen und Frauen',
     'Offene Sport- und Schwimmangebote für Mädchen und Frauen mit '
     'Trainerinnen in geschützten Räumen; Ausbildung zugewanderter Frauen zu '
     'Übungsleiterinnen.',
     '{2}', 'medium', 'in_progress', NULL, 50, 1, '2025-01-01', '2027-12-31',
     '2025-02-03', NULL, 'TSV', '{AWO}', '{women_and_mothers,youth}', NULL, 'public'),
    ('05999004', 2, 'GT-06', 37, 'participation', NULL,
     'Infoveranstaltung „Gelingende Integration durch Vereine“',
     'Mit dem Kreisjugendring: wie Vereine neue Mitglieder mit '
     'Migrationsgeschichte gewinnen, Vereinsarbeit als Pfeiler unserer '
     'Gesellschaft, Förder- und Versicherungsfragen.',
     '{2,6}', 'short', 'planned', NULL, 0, 1, '2027-03-01', '2027-03-31',
     NULL, NULL, NULL, '{TSV}', '{volunteers}', NULL, 'public'),
    ('05999004', 2, 'GT-07', 42, 'participation', NULL,
     'Wahl eines Integrationsrates prüfen',
     'Bedarfsprüfung und gegebenenfalls Vorbereitung der Wahl eines '
     'Integrationsrates nach § 27 Gemeindeordnung NRW, damit Zugewanderte auf '
     'Augenhöhe an Entscheidungen beteiligt sind und nicht nur über sie '
     'gesprochen wird.',
     '{6}', 'long', 'proposed', NULL, 0, 1, NULL, NULL,
     NULL, NULL, NULL, '{DTKV,ISL}', '{general_public}', NULL, 'partners'),

    -- Wohnen
    ('05999004', 2, 'WO-01', 9, 'housing', NULL,
     'Wohnraumvermittlung für Geflüchtete',
     'Die Caritas vermittelt Geflüchtete mit Bleibeperspektive aus der '
     'Gemeinschaftsunterkunft in Wohnungen: Kontakt zu Vermieterinnen und '
     'Vermietern, Besichtigungen mit Lotsinnen und Lotsen, Ansprechperson bei '
     'Problemen im Mietverhältnis. Die Wohnungsbaugesellschaft stellt jährlich '
     'ein Kontingent zur Verfügung.',
     '{5}', 'medium', 'in_progress', NULL, 40, 1, '2024-07-01', '2027-12-31',
     '2024-09-16', NULL, 'CAR', '{WBG,LOT}', '{refugees,families}', 18000, 'public'),
    ('05999004', 2, 'WO-02', 36, 'housing', NULL,
     'Preiswerte Wohnungen in allen Ortsteilen',
     'Belegungs- und Quartierskonzept der Wohnungsbaugesellschaft, das den '
     'Zugang zu preiswerten Wohnungen in allen Ortsteilen sichert und eine '
     'Konzentration in einzelnen Straßenzügen vermeidet; zu berücksichtigen '
     'bei der Entwicklung des Kasernengeländes.',
     '{5,2}', 'long', 'planned', NULL, 0, 1, '2027-01-01', '2030-12-31',
     NULL, NULL, 'WBG', '{}', '{general_public,families}', NULL, 'partners'),
    ('05999004', 2, 'WO-03', 25, 'housing', NULL,
     'Wohnführerschein für neue Mieterinnen und Mieter',
     'Kurs in sechs Einheiten: Mietvertrag, Nebenkosten, Mülltrennung, Lüften '
     'und Heizen, Hausordnung und Nachbarschaft; mit einer '
     'Teilnahmebescheinigung, die Vermietende anerkennen.',
     '{5}', 'short', 'in_progress', NULL, 60, 1, '2025-03-01', '2026-12-31',
     '2025-04-07', NULL, 'AWO', '{WBG,VHS}', '{newcomers,refugees}', 3000, 'public'),

    -- Gesundheit
    ('05999004', 2, 'GE-01', 18, 'health', NULL,
     'Gesundheitslotsinnen und -lotsen',
     'Nach dem Ansatz „Mit Migranten für Migranten“ werden mehrsprachige '
     'Gesundheitslotsinnen und -lotsen geschult, die in ihren Communities über '
     'Gesundheitssystem, Vorsorge, Impfungen und Kindergesundheit informieren.',
     '{3,6}', 'medium', 'in_progress', NULL, 30, 1, '2025-06-01', '2028-06-30',
     '2025-09-01', NULL, 'GA', '{CAR,ISL,DTKV}', '{newcomers,refugees,families}', 14000, 'public'),
    ('05999004', 2, 'GE-02', 31, 'health', NULL,
     'Mehrsprachige Gesundheitsinformationen und Impfberatung',
     'Mehrsprachige Informationen zur Gesundheitsversorgung und zu den '
     'Früherkennungsuntersuchungen für Kinder; Impfsprechstunde des '
     'Gesundheitsamts mit Sprachmittlung.',
     '{3}', 'short', 'planned', NULL, 0, 1, '2027-01-01', '2027-12-31',
     NULL, NULL, 'GA', '{CAR}', '{families,children,newcomers}', NULL, 'public'),
    ('05999004', 2, 'GE-03', 43, 'health', NULL,
     'Psychosoziale Erstberatung für Geflüchtete',
     'Psychosoziale Erstberatung für belastete und traumatisierte Geflüchtete, '
     'Vermittlung in Therapie; Qualifizierung von Ehrenamtlichen im Umgang mit '
     'belasteten Menschen.',
     '{3}', 'long', 'proposed', NULL, 0, 1, NULL, NULL,
     NULL, NULL, 'CAR', '{GA,AWO}', '{refugees}', NULL, 'internal');

  -- -------------------------------------------------------------------------
  -- Musterlingen: a first concept in the making
  INSERT INTO demo_concept VALUES
    ('05999008', 1, 'Integrationskonzept der Stadt Musterlingen',
     'Erster Entwurf der Fachstelle Integration. Er baut auf dem Jahresbericht '
     'der Integrationsbeauftragten und dem Trägerverbund des '
     'Integrationszentrums auf. Die Beteiligung (Integrationsdialog, '
     'Bürgerdialog, Integrationskonferenz) folgt im Frühjahr 2027; danach '
     'bestimmt die Steuerungsgruppe die Prioritäten.',
     'draft', NULL, NULL, NULL, NULL, v_lofficer,
     '2026-09-14 10:00+02', '2026-11-09 15:30+01');

  INSERT INTO demo_goal VALUES
    ('05999008', 1, 1, 'Musterlingen ist eine weltoffene Stadt, die Integration kann', NULL),
    ('05999008', 1, 2, 'Integration gelingt nur im Netzwerk von Haupt- und Ehrenamt',
     'Stadt, Caritas, Kirchengemeinden und weitere Partner bündeln ihre '
     'Angebote und schaffen kurze Wege.'),
    ('05999008', 1, 3, 'Wir stärken die Teilhabe aller am politischen und gesellschaftlichen Leben', NULL),
    ('05999008', 1, 4, 'Zugewanderte lernen die Sprache, finden Arbeit und gestalten die Stadtgesellschaft mit', NULL);

  INSERT INTO demo_measure VALUES
    ('05999008', 1, 'AF-01', 1, 'asylum', NULL,
     'Integrationszentrum als trägerübergreifendes Dach',
     'Ein Haus, das die Beratungsangebote für Migrantinnen, Migranten und '
     'Geflüchtete bündelt, das Wirken ehrenamtlicher Gruppen unterstützt und '
     'die interkulturelle Begegnung fördert; getragen von einem Trägerverbund '
     'aus Stadt, Caritas, AWO und Kirchengemeinden.',
     '{2}', 'long', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     'CAR', '{AWO}', '{refugees,newcomers,volunteers}', NULL, 'partners'),
    ('05999008', 1, 'SP-01', 2, 'language', NULL,
     'Sprachkursangebote mit der Volkshochschule abstimmen',
     'Integrationskurse, Kurse mit Kinderbetreuung und Abendkurse in '
     'Musterlingen selbst statt nur in der Kreisstadt.',
     '{4}', 'short', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     'VHS', '{JC}', '{newcomers,refugees}', NULL, 'internal'),
    ('05999008', 1, 'AR-01', 3, 'work', NULL,
     'Arbeitsmarktoffensive mit dem Jobcenter',
     'Knapp 600 Menschen müssen zusätzlich in Arbeit gebracht werden: '
     'gemeinsame Sprechtage von Jobcenter und Caritas, Kontakte zu Betrieben.',
     '{4}', 'medium', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     'JC', '{CAR}', '{refugees,newcomers}', NULL, 'internal'),
    ('05999008', 1, 'GT-01', 4, 'participation', NULL,
     'Fest der Kulturen mit dem verkaufsoffenen Sonntag',
     'Die Händlerschaft zeigt sich offen, die Zusammenarbeit auszuweiten: das '
     'Fest der Kulturen wieder zusammen mit dem verkaufsoffenen Sonntag.',
     '{1,3}', 'short', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     NULL, '{CAR}', '{general_public}', NULL, 'partners'),
    ('05999008', 1, 'GT-02', 5, 'participation', NULL,
     'Bürgerdialoge, Nachbarschaftsgespräche und Quartiersveranstaltungen', NULL,
     '{3}', 'short', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     NULL, '{}', '{general_public}', NULL, 'internal'),
    ('05999008', 1, 'AF-02', 6, 'asylum', NULL, 'Oasentag für Ehrenamtliche',
     'Gemeinsam mit den Integrationsbeauftragten des Landkreises: Schulung am '
     'Vormittag, Erfahrungsaustausch am Nachmittag.',
     '{2}', 'short', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     'CAR', '{}', '{volunteers}', NULL, 'internal'),
    ('05999008', 1, 'IO-01', 7, 'intercultural_administration', NULL,
     'Koordinierungsrunde „Migration & Integration“ in der Verwaltung',
     'Das Thema wird bereichsübergreifend bearbeitet (Ausländeramt, Stadtkasse, '
     'Gebäudemanagement, Schulen und Kindergärten); die Fachstelle Integration '
     'koordiniert eine vierteljährliche Runde.',
     '{2}', 'medium', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     NULL, '{}', '{staff}', NULL, 'internal'),
    ('05999008', 1, 'WO-01', 8, 'housing', NULL,
     'Kasernengelände: Wohnraum für den Zuzug von Arbeitskräften',
     'Bei der Entwicklung des Kasernengeländes den möglichen Zuzug von '
     'Arbeitskräften und preiswerten Wohnraum mitdenken.',
     '{1,4}', 'long', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     NULL, '{}', '{newcomers,families}', NULL, 'internal'),
    ('05999008', 1, 'GE-01', 9, 'health', NULL,
     'Gesundheitsinformationen in der Gemeinschaftsunterkunft',
     'Sprechstunden des Gesundheitsamts mit Sprachmittlung vor Ort.',
     '{3}', 'short', 'proposed', NULL, 0, 1, NULL, NULL, NULL, NULL,
     'GA', '{CAR}', '{refugees}', NULL, 'internal');

  DELETE FROM demo_concept WHERE ags = '05999004' AND NOT v_do_stadt;
  DELETE FROM demo_concept WHERE ags = '05999008' AND NOT v_do_lingen;

  -- -------------------------------------------------------------------------
  -- Write them.
  INSERT INTO concept (municipality_id, version, title, summary, status,
                       resolution_date, resolution_reference, adopted_at,
                       adopted_by, created_by, created_at, updated_at)
  SELECT mu.id, c.version, c.title, c.summary, c.status, c.resolution_date,
         c.resolution_reference, c.adopted_at, c.adopted_by, c.created_by,
         c.created_at, c.updated_at
    FROM demo_concept c JOIN municipality mu ON mu.ags = c.ags
   ORDER BY c.ags, c.version;

  INSERT INTO guiding_goal (municipality_id, concept_id, position, title,
                            description, created_at, updated_at)
  SELECT co.municipality_id, co.id, g.position, g.title, g.description,
         co.created_at + interval '3 months', co.created_at + interval '3 months'
    FROM demo_goal g
    JOIN demo_concept c USING (ags, version)
    JOIN municipality mu ON mu.ags = g.ags
    JOIN concept co ON co.municipality_id = mu.id AND co.version = g.version
   ORDER BY g.ags, g.version, g.position;

  -- top-level measures first, then the Teilmaßnahmen under them
  FOR v_pass IN 0 .. 1 LOOP
    INSERT INTO measure (municipality_id, concept_id, code, rank, action_field_id,
                         title, description, goal_ids, horizon, status,
                         status_reason, progress, progress_from_children,
                         weight, planned_start,
                         planned_end, actual_start, actual_end,
                         lead_organisation_id, partner_organisation_ids,
                         target_groups, budget, visibility, parent_id,
                         created_by, created_at, updated_at)
    SELECT co.municipality_id, co.id, m.code, m.rank, af.id, m.title,
           m.description,
           ARRAY(SELECT gg.id FROM unnest(m.goals) WITH ORDINALITY p (position, n)
                   JOIN guiding_goal gg ON gg.concept_id = co.id
                                       AND gg.position = p.position
                  ORDER BY p.n),
           m.horizon, m.status, m.status_reason, m.progress,
           -- progress given by hand, as through the API, except a parent's
           m.progress = 0 OR EXISTS (SELECT FROM demo_measure ch
                                      WHERE (ch.ags, ch.version, ch.parent)
                                            = (m.ags, m.version, m.code)),
           m.weight,
           m.planned_start, m.planned_end, m.actual_start, m.actual_end,
           (SELECT o.id FROM demo_org o WHERE o.key = m.lead),
           ARRAY(SELECT o.id FROM unnest(m.partners) WITH ORDINALITY p (key, n)
                   JOIN demo_org o ON o.key = p.key
                  ORDER BY p.n),
           m.target_groups, m.budget, m.visibility,
           (SELECT pm.id FROM measure pm
             WHERE pm.concept_id = co.id AND pm.code = m.parent),
           co.created_by,
           CASE WHEN co.status = 'adopted' AND m.status = 'proposed'
                THEN timestamptz '2025-11-20 11:00+01'
                ELSE co.created_at + interval '5 months' END,
           CASE WHEN co.status = 'adopted' AND m.status = 'proposed'
                THEN timestamptz '2025-11-20 11:00+01'
                ELSE co.created_at + interval '5 months' END
      FROM demo_measure m
      JOIN demo_concept c USING (ags, version)
      JOIN municipality mu ON mu.ags = m.ags
      JOIN concept co ON co.municipality_id = mu.id AND co.version = m.version
      JOIN action_field af ON af.municipality_id = mu.id AND af.default_key = m.field
     WHERE (m.parent IS NULL) = (v_pass = 0)
     ORDER BY m.ags, m.version, m.rank;
  END LOOP;

  -- every measure found its action field, goals, organisations and parent
  SELECT count(*) INTO v_n
    FROM demo_measure m
    JOIN demo_concept c USING (ags, version)
    JOIN municipality mu ON mu.ags = m.ags
    JOIN concept co ON co.municipality_id = mu.id AND co.version = m.version
    JOIN measure me ON me.concept_id = co.id AND me.code = m.code
   WHERE cardinality(me.goal_ids) = cardinality(m.goals)
     AND cardinality(me.partner_organisation_ids) = cardinality(m.partners)
     AND (me.lead_organisation_id IS NULL) = (m.lead IS NULL)
     AND (me.parent_id IS NULL) = (m.parent IS NULL);
  IF v_n <> (SELECT count(*) FROM demo_measure JOIN demo_concept USING (ags, version)) THEN
    RAISE EXCEPTION '030_catalogue: % of % measures written as meant', v_n,
      (SELECT count(*) FROM demo_measure JOIN demo_concept USING (ags, version));
  END IF;

  IF NOT v_do_stadt THEN
    RETURN;
  END IF;
  v_c := (SELECT id FROM concept WHERE municipality_id = v_stadt AND version = 2);

  -- -------------------------------------------------------------------------
  -- Sachstände (Musterstadt). Partners' reports name their organisation;
  -- the Caritas worker writes Caritas', the integration officer enters the
  -- others' and her own (no organisation). The newest report of a measure
  -- sets its progress (trigger progress_report_apply).
  INSERT INTO progress_report (municipality_id, measure_id, reported_on, status,
                               progress, text, organisation_id,
                               author_account_id, created_at)
  SELECT v_stadt, me.id, r.reported_on::date, r.status, r.progress, r.text,
         o.id, CASE WHEN o.id = v_caritas THEN v_caritas_account ELSE v_officer END,
         (r.reported_on::date + time '16:20') AT TIME ZONE 'Europe/Berlin'
    FROM (VALUES
      ('SP-01', '2025-01-20', 'on_track', 25, 'VHS',
       'Abstimmungsrunde von VHS, Jobcenter und Caritas eingerichtet (erstes '
       'Treffen am 09.12.2024). Zwei zusätzliche Integrationskurse ab Februar '
       '2025, davon einer mit Kinderbetreuung. Freie Plätze melden wir monatlich '
       'an die Integrationsbeauftragte.'),
      ('SP-01', '2025-09-15', 'on_track', 45, NULL,
       'Die Wartezeit auf einen Kursplatz ist von durchschnittlich fünf auf drei '
       'Monate gesunken. Der Abendkurs für Berufstätige läuft seit Juni mit 16 '
       'Teilnehmenden.'),
      ('SP-01', '2026-06-10', 'delayed', 60, 'VHS',
       'Der Kurs mit Kinderbetreuung pausiert, weil die Betreuungskraft '
       'ausgefallen ist; die Nachbesetzung ist ausgeschrieben. Für einen zweiten '
       'Abendkurs fehlen zwei Lehrkräfte, Start frühestens im Herbst.'),
      ('SP-02.1', '2025-03-03', 'on_track', 40, 'CAR',
       'Zwei Kursgruppen mit je 12 Müttern laufen vormittags im Familienzentrum; '
       'die Kinderbetreuung übernehmen zwei Honorarkräfte. Auf der Warteliste '
       'stehen 9 Anmeldungen.'),
      ('SP-02.1', '2026-02-16', 'on_track', 70, 'CAR',
       'Dritte Gruppe seit Januar 2026 in der Kita Regenbogen. 14 Teilnehmerinnen '
       'sind in einen Integrationskurs gewechselt, 6 haben die Prüfung A2 '
       'bestanden.'),
      ('SP-02.2', '2025-11-28', 'completed', 100, 'CAR',
       'Das Sprachcafé läuft seit Oktober 2024 jeden Donnerstag im Gemeindehaus, '
       'mit durchschnittlich 20 Gästen und 6 Ehrenamtlichen. Der Aufbau ist '
       'abgeschlossen; das Sprachcafé ist jetzt ein festes Angebot der '
       'Integrationslotsen.'),
      ('AF-01', '2024-12-09', 'on_track', 40, 'CAR',
       'Basisschulung für 9 neue Integrationslotsinnen und -lotsen abgeschlossen '
       '(Rolle und Grenzen, Behördenwege, interkulturelle Kommunikation). 22 '
       'Tandems sind aktiv.'),
      ('AF-01', '2025-06-23', 'on_track', 60, NULL,
       'Die Praxisbegleitung findet monatlich im Integrationszentrum statt. Die '
       'Lotsinnen und Lotsen wünschen sich eine Fortbildung zu Wohnungssuche und '
       'Mietrecht; sie ist für den Herbst geplant.'),
      ('AF-01', '2026-10-05', 'on_track', 75, 'CAR',
       '26 aktive Lotsinnen und Lotsen, davon 8 mit eigener Migrationsgeschichte '
       'und Sprachkenntnissen in Arabisch, Dari, Türkisch und Ukrainisch. Die '
       'nächste Basisschulung beginnt im Januar 2027.'),
      ('BI-01', '2025-07-10', 'on_track', 35, 'GES',
       'Hausaufgabenhilfe an drei Nachmittagen mit 11 Lernpatinnen und -paten aus '
       'der Oberstufe; im Schnitt kommen 25 Schülerinnen und Schüler der Klassen 5 '
       'bis 7.'),
      ('BI-01', '2026-09-28', 'on_track', 55, 'DTKV',
       'Seit dem neuen Schuljahr gibt es einen vierten Nachmittag; fünf '
       'Ehrenamtliche des Kulturvereins helfen in Mathematik und Deutsch. Die '
       'Nutzung der Mensa ist geklärt.'),
      ('AR-01', '2025-10-14', 'delayed', 50, NULL,
       'Die Kooperationsvereinbarung ist seit März 2025 unterschrieben. Wegen '
       'eines Personalwechsels im Jobcenter fanden die Fallbesprechungen nur '
       'zweimal statt statt monatlich.'),
      ('AR-01', '2026-08-20', 'on_track', 65, 'JC',
       'Seit Januar 2026 gibt es eine feste Ansprechperson für Musterstadt; die '
       'Fallbesprechungen finden wieder monatlich statt. 38 Personen aus '
       'Integrationskursen haben eine Arbeit oder Ausbildung aufgenommen.'),
      ('WO-01', '2025-04-07', 'at_risk', 20, 'CAR',
       'Im ersten Halbjahr konnten nur 4 Wohnungen vermittelt werden; das '
       'Kontingent der Wohnungsbaugesellschaft ist noch nicht vereinbart. 31 '
       'Haushalte in der Gemeinschaftsunterkunft suchen eine Wohnung.'),
      ('WO-01', '2026-07-01', 'delayed', 40, 'CAR',
       'Seit Januar 2026 gilt ein Kontingent von 10 Wohnungen im Jahr; seit '
       'Projektbeginn sind 13 Haushalte umgezogen. Private Vermieterinnen und '
       'Vermieter bleiben schwer zu gewinnen.'),
      ('BI-03', '2025-07-18', 'completed', 100, 'GS',
       'Informationsabende zur Einschulung auf Arabisch, Türkisch und Ukrainisch '
       'mit insgesamt 64 Eltern; das mehrsprachige Merkblatt liegt vor. Ab dem '
       'Schuljahr 2025/26 gehört die Beratung zur Schulanmeldung.'),
      ('AF-03', '2025-03-27', 'completed', 100, NULL,
       'Der Verwaltungsvorstand hat den Leitfaden am 25.03.2025 beschlossen. Er '
       'ist an alle beteiligten Stellen verteilt und liegt im Intranet und bei '
       'den Trägern.'),
      ('GT-01', '2024-11-25', 'on_track', 35, 'DTKV',
       'Fest der Kulturen am 20.10.2024 mit rund 3.000 Besucherinnen und '
       'Besuchern, 14 Vereinen und 22 Ständen. Die Händlerschaft möchte den '
       'verkaufsoffenen Sonntag wieder mit dem Fest verbinden.'),
      ('GT-01', '2025-10-20', 'on_track', 70, 'DTKV',
       'Zweites Fest am 19.10.2025, erstmals mit Bühnenprogramm des TSV und '
       'Führungen in Kirche und Moschee.'),
      ('GT-01', '2026-10-26', 'on_track', 85, 'ISL',
       'Drittes Fest am 18.10.2026 bei Regen, aber mit gut 2.500 Gästen. Die '
       'Islamische Gemeinde hat das Kulinarik-Zelt übernommen; die Planung für '
       '2027 beginnt im Februar.'),
      ('AF-05', '2025-05-12', 'on_track', 35, 'DTKV',
       '12 Patenschaften vermittelt; zum Auftakttreffen im März kamen 40 Gäste.'),
      ('AF-05', '2026-04-02', 'at_risk', 35, NULL,
       'Die Koordinatorin beim Kulturverein hat im März 2026 aufgehört; neue '
       'Patenschaften werden vorerst nicht vermittelt, bestehende laufen weiter. '
       'Die Steuerungsgruppe hat die Maßnahme bis zur Nachbesetzung ausgesetzt.'),
      ('GE-01', '2026-03-16', 'delayed', 30, 'GA',
       'Die erste Schulung mit 8 Gesundheitslotsinnen und -lotsen ist '
       'abgeschlossen. Die Informationsveranstaltungen in den Communities starten '
       'später als geplant, weil die Förderung erst im Februar bewilligt wurde.'),
      ('IO-01', '2025-12-01', 'on_track', 60, NULL,
       'Bisher 6 Fortbildungstermine mit 94 Teilnehmenden aus Bürgerbüro, '
       'Ausländerbehörde, Sozialamt und Kitas; die Rückmeldungen sind gut. 2026 '
       'folgt ein Modul zu Einfacher Sprache.'),
      ('AR-03', '2025-05-20', 'completed', 100, 'JC',
       'Jobmesse am 14.05.2025 mit 35 Betrieben und rund 420 Besucherinnen und '
       'Besuchern; 57 Vereinbarungen über Praktika oder Vorstellungsgespräche.')
    ) AS r (code, reported_on, status, progress, org, text)
    JOIN measure me ON me.concept_id = v_c AND me.code = r.code
    LEFT JOIN demo_org o ON o.key = r.org
   ORDER BY r.reported_on, r.code;

  -- -------------------------------------------------------------------------
  -- Indicators (Musterstadt). Their statuses, as indicator_state() computes
  -- them: on_track (Sprachförderbedarf, Lotsinnen und Lotsen,
  -- Einbürgerungen), at_risk (Beschäftigungsquote), off_track (Verwaltung),
  -- target_reached (Integrationskurse), no_data (Zusammenleben).
  INSERT INTO indicator (municipality_id, name, unit, direction, numerator,
                         denominator, source_set, definition, baseline_value,
                         baseline_date, target_value, target_date, goal_ids,
                         measure_ids, visibility, created_by, created_at,
                         updated_at)
  SELECT v_stadt, i.name, i.unit, i.direction, i.numerator, i.denominator,
         i.source_set, i.definition, i.baseline_value, i.baseline_date::date,
         i.target_value, i.target_date::date,
         ARRAY(SELECT gg.id FROM guiding_goal gg
                WHERE gg.concept_id = v_c AND gg.position = ANY (i.goals)
                ORDER BY gg.position),
         ARRAY(SELECT me.id FROM measure me
                WHERE me.concept_id = v_c AND me.code = ANY (i.measures)
                ORDER BY me.rank),
         i.visibility, v_officer, timestamptz '2024-04-15 10:00+02',
         timestamptz '2024-04-15 10:00+02'
    FROM (VALUES
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '%', 'lower_is_better',
       'Untersuchte Kinder mit festgestelltem Sprachförderbedarf im Deutschen',
       'Alle bei der Schuleingangsuntersuchung untersuchten Kinder',
       'integration_monitoring',
       'Aus der Schuleingangsuntersuchung des Gesundheitsamts, je Einschulungsjahrgang '
       '(Stichtag 31. Juli).',
       24.0, '2023-07-31', 16.0, '2030-07-31', '{4}'::int[],
       '{SP-03,BI-02,SP-02}'::text[], 'public'),
      ('Teilnehmende an Integrationskursen', 'Personen', 'higher_is_better',
       'Neue Teilnehmende an Integrationskursen bei Kursträgern in Musterstadt im Kalenderjahr',
       NULL, 'local',
       'Nach der Kursträgerstatistik des BAMF, von der Volkshochschule gemeldet.',
       310, '2023-12-31', 400, '2027-12-31', '{4}', '{SP-01}', 'public'),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', '%', 'higher_is_better',
       'Sozialversicherungspflichtig Beschäftigte mit ausländischer Staatsangehörigkeit am Wohnort (30.06.)',
       'Ausländische Bevölkerung im Alter von 15 bis unter 65 Jahren',
       'integration_monitoring',
       'Indikator des Integrationsmonitorings der Länder; Beschäftigtenstatistik der '
       'Bundesagentur für Arbeit. Ab 2024 auf Basis der Bevölkerung nach dem Zensus 2022.',
       48.0, '2023-06-30', 56.0, '2030-06-30', '{5}', '{AR-01,AR-02,AR-04}', 'public'),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', '%',
       'higher_is_better',
       'Beschäftigte der Stadtverwaltung mit Migrationshintergrund (freiwillige Angabe)',
       'Teilnehmende der Beschäftigtenbefragung', 'kgst',
       'Nach der jährlichen anonymen Beschäftigtenbefragung, Kennzahl nach KGSt.',
       8.5, '2022-12-31', 15.0, '2028-12-31', '{3,5}', '{IO-03,IO-01}', 'partners'),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', 'Personen',
       'higher_is_better', 'Ehrenamtliche mit mindestens einer Begleitung im Jahr',
       NULL, 'local', 'Von der Caritas zum Jahresende gemeldet.',
       18, '2023-12-31', 30, '2026-12-31', '{3,6}', '{AF-01}', 'public'),
      ('Anteil der Befragten, die das Zusammenleben in Musterstadt als gut bewerten',
       '%', 'higher_is_better',
       'Befragte, die das Zusammenleben von Menschen unterschiedlicher Herkunft als gut oder sehr gut bewerten',
       'Alle Befragten der Bürgerbefragung', 'local',
       'Aus der Bürgerbefragung, erstmals 2027. Ausgangswert aus der Online-Befragung zum '
       'Integrationskonzept 2023.',
       62, '2023-06-30', 75, '2029-12-31', '{1,2}', '{GT-01,GT-04}', 'public'),
      ('Einbürgerungsquote', '%', 'higher_is_better',
       'Einbürgerungen im Kalenderjahr',
       'Ausländische Bevölkerung am 31.12. des Vorjahres', 'sdg',
       'SDG-Indikatoren für Kommunen, SDG 10 (Weniger Ungleichheiten).',
       1.1, '2022-12-31', 2.0, '2030-12-31', '{6}', '{}', 'public')
    ) AS i (name, unit, direction, numerator, denominator, source_set, definition,
            baseline_value, baseline_date, target_value, target_date, goals,
            measures, visibility);

  -- Messwerte: totals each year, some by sex or age group. The Lotsen
  -- figures come from the Caritas.
  INSERT INTO observation (municipality_id, indicator_id, period_start, period_end,
                           value, source, series_break, age_group, sex,
                           organisation_id, created_by, created_at)
  SELECT v_stadt, i.id, o.period_start::date, o.period_end::date, o.value,
         o.source, o.series_break, o.age_group, o.sex,
         CASE WHEN o.by_caritas THEN v_caritas END,
         CASE WHEN o.by_caritas THEN v_caritas_account ELSE v_officer END,
         least(now(), o.period_end::date + interval '75 days 10 hours')
    FROM (VALUES
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2018-08-01', '2019-07-31', 22.5, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2019-08-01', '2020-07-31', 23.1, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2020-08-01', '2021-07-31', 25.8, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2021-08-01', '2022-07-31', 26.4, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2022-08-01', '2023-07-31', 24.0, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2023-08-01', '2024-07-31', 23.2, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2024-08-01', '2025-07-31', 22.1, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2024-08-01', '2025-07-31', 20.4, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, 'female', false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2024-08-01', '2025-07-31', 23.7, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, 'male', false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2025-08-01', '2026-07-31', 21.0, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, NULL, false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2025-08-01', '2026-07-31', 19.6, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, 'female', false),
      ('Anteil der Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung',
       '2025-08-01', '2026-07-31', 22.3, 'Gesundheitsamt, Schuleingangsuntersuchung', false, NULL, 'male', false),

      ('Teilnehmende an Integrationskursen', '2019-01-01', '2019-12-31', 265, 'VHS, Kursträgerstatistik', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2020-01-01', '2020-12-31', 148, 'VHS, Kursträgerstatistik (Pandemie)', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2021-01-01', '2021-12-31', 201, 'VHS, Kursträgerstatistik', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2022-01-01', '2022-12-31', 356, 'VHS, Kursträgerstatistik', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2023-01-01', '2023-12-31', 310, 'VHS, Kursträgerstatistik', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2024-01-01', '2024-12-31', 368, 'VHS, Kursträgerstatistik', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2025-01-01', '2025-12-31', 412, 'VHS, Kursträgerstatistik', false, NULL, NULL, false),
      ('Teilnehmende an Integrationskursen', '2025-01-01', '2025-12-31', 231, 'VHS, Kursträgerstatistik', false, NULL, 'female', false),
      ('Teilnehmende an Integrationskursen', '2025-01-01', '2025-12-31', 181, 'VHS, Kursträgerstatistik', false, NULL, 'male', false),

      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2019-06-30', 44.6, 'Bundesagentur für Arbeit', false, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2020-06-30', 43.9, 'Bundesagentur für Arbeit', false, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2021-06-30', 44.8, 'Bundesagentur für Arbeit', false, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2022-06-30', 46.5, 'Bundesagentur für Arbeit', false, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2023-06-30', 48.0, 'Bundesagentur für Arbeit', false, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2024-06-30', 47.9,
       'Bundesagentur für Arbeit; Nenner ab 2024 nach Zensus 2022', true, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2025-06-30', 48.8, 'Bundesagentur für Arbeit', false, NULL, NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2025-06-30', 41.2, 'Bundesagentur für Arbeit', false, NULL, 'female', false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2025-06-30', 55.9, 'Bundesagentur für Arbeit', false, NULL, 'male', false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2025-06-30', 36.5, 'Bundesagentur für Arbeit', false, '15 bis unter 25', NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2025-06-30', 53.2, 'Bundesagentur für Arbeit', false, '25 bis unter 55', NULL, false),
      ('Beschäftigungsquote von Ausländerinnen und Ausländern', NULL, '2025-06-30', 40.1, 'Bundesagentur für Arbeit', false, '55 bis unter 65', NULL, false),

      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2021-12-31', 8.1, 'Beschäftigtenbefragung', false, NULL, NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2022-12-31', 8.5, 'Beschäftigtenbefragung', false, NULL, NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2023-12-31', 8.6, 'Beschäftigtenbefragung', false, NULL, NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2024-12-31', 8.7, 'Beschäftigtenbefragung', false, NULL, NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2025-12-31', 8.9, 'Beschäftigtenbefragung', false, NULL, NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2025-12-31', 14.2, 'Beschäftigtenbefragung', false, 'unter 30', NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2025-12-31', 8.3, 'Beschäftigtenbefragung', false, '30 bis unter 50', NULL, false),
      ('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', NULL, '2025-12-31', 5.6, 'Beschäftigtenbefragung', false, '50 und älter', NULL, false),

      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2019-01-01', '2019-12-31', 12, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2020-01-01', '2020-12-31', 11, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2021-01-01', '2021-12-31', 14, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2022-01-01', '2022-12-31', 21, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2023-01-01', '2023-12-31', 18, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2024-01-01', '2024-12-31', 22, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2025-01-01', '2025-12-31', 26, 'Caritas, Jahresmeldung', false, NULL, NULL, true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2025-01-01', '2025-12-31', 17, 'Caritas, Jahresmeldung', false, NULL, 'female', true),
      ('Zahl der aktiven Integrationslotsinnen und -lotsen', '2025-01-01', '2025-12-31', 9, 'Caritas, Jahresmeldung', false, NULL, 'male', true),

      ('Einbürgerungsquote', '2019-01-01', '2019-12-31', 1.0, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false),
      ('Einbürgerungsquote', '2020-01-01', '2020-12-31', 0.8, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false),
      ('Einbürgerungsquote', '2021-01-01', '2021-12-31', 1.0, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false),
      ('Einbürgerungsquote', '2022-01-01', '2022-12-31', 1.1, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false),
      ('Einbürgerungsquote', '2023-01-01', '2023-12-31', 1.3, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false),
      ('Einbürgerungsquote', '2024-01-01', '2024-12-31', 1.5, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false),
      ('Einbürgerungsquote', '2025-01-01', '2025-12-31', 1.6, 'IT.NRW, Einbürgerungsstatistik', false, NULL, NULL, false)
    ) AS o (indicator, period_start, period_end, value, source, series_break,
            age_group, sex, by_caritas)
    JOIN indicator i ON i.municipality_id = v_stadt AND i.name = o.indicator
   ORDER BY i.id, o.period_end, o.sex NULLS FIRST, o.age_group NULLS FIRST;
END
$catalogue$;
