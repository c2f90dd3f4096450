-- Demo data: Angebote (offers) in Musterlingen and Musterstadt, after the
-- Weingarten Integrationszentrum of the seeds (shared/seeds: a
-- Trägerverbund of town, Caritas and churches that bundles the counselling
-- offers for migrants and refugees under one roof) and Laatzen's wish for
-- offers for women and mothers: Migrationsberatung, Flüchtlingssozial-
-- arbeit, Sprachcafé, Hausaufgabenhilfe, Frauenfrühstück and Frauentreff,
-- the VHS Integrationskurs, with weekly times, places and languages. One
-- public offer has ended (the directory does not show it), some are shared
-- with partners only or internal.
--
-- The Integrationszentrum's organisation is created here and by the
-- networks' demo file alike (same name, ON CONFLICT DO NOTHING).
-- Safe to run again: the offers are written only while neither
-- municipality has an offer (nothing made through the API is touched).

INSERT INTO organisation (district_id, name, kind, contact_email)
SELECT d.id, 'Integrationszentrum Musterlingen', 'other',
       'kontakt@integrationszentrum-musterlingen.example'
  FROM district d WHERE d.code = '05999'
ON CONFLICT (district_id, name) DO NOTHING;

INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT mu.id, o.id
  FROM municipality mu, organisation o
 WHERE mu.ags = '05999008' AND o.name = 'Integrationszentrum Musterlingen'
ON CONFLICT (municipality_id, organisation_id) DO NOTHING;

DO $offers$
DECLARE
  v_lingen bigint := (SELECT id FROM municipality WHERE ags = '05999008');
  v_stadt  bigint := (SELECT id FROM municipality WHERE ags = '05999004');
BEGIN
  IF v_lingen IS NULL OR v_stadt IS NULL THEN
    RAISE EXCEPTION '080_offers: the municipalities of 010 are missing';
  END IF;
  IF EXISTS (SELECT FROM offer WHERE municipality_id IN (v_lingen, v_stadt)) THEN
    RETURN;
  END IF;
  INSERT INTO offer (municipality_id, organisation_id, title, kind, description,
                     target_groups, languages, street, postcode, city, latitude,
                     longitude, slots, times_text, cost, cost_text, accessibility,
                     registration_required, registration_text, contact_email, phone,
                     website, valid_from, valid_until, visibility)
  SELECT mu.id, o.id, v.title, v.kind, v.description, v.target_groups::text[],
         v.languages::text[], v.street, v.postcode, v.city, v.lat, v.lon,
         v.slots::jsonb, v.times_text, v.cost, v.cost_text, v.accessibility,
         v.registration_required, v.registration_text, v.email, v.phone, v.website,
         v.valid_from::date, v.valid_until::date, v.visibility
    FROM (VALUES
      ('05999008', 'Caritasverband für den Musterkreis e.V.',
       'Migrationsberatung für Erwachsene (MBE)', 'counselling',
       'Beratung für Zugewanderte ab 27 Jahren in den ersten drei Jahren: Aufenthalt, Integrationskurs, Anerkennung von Berufsabschlüssen, Arbeit, Wohnung und Familie. Vertraulich und kostenlos, auf Wunsch mit Dolmetscherin.',
       '{newcomers,refugees,eu_citizens}', '{de,ar,fa,tr,ru}',
       'Marktplatz 3', '31999', 'Musterlingen', 52.318200, 9.812400,
       '[{"weekday":"mon","starts":"09:00","ends":"12:00"},{"weekday":"thu","starts":"14:00","ends":"17:00"}]',
       'Offene Sprechstunde montags, donnerstags nach Vereinbarung', 'free', NULL,
       'Barrierefrei: Erdgeschoss, Aufzug, barrierefreie Toilette', true,
       'Termine telefonisch oder per E-Mail; montags ohne Anmeldung',
       'mbe@caritas-musterkreis.example', '05199 1234-10', 'https://caritas-musterkreis.example/mbe',
       '2026-01-01', NULL, 'public'),
      ('05999008', 'Caritasverband für den Musterkreis e.V.',
       'Flüchtlingssozialarbeit', 'counselling',
       'Beratung und Begleitung geflüchteter Menschen in den Unterkünften und im Integrationszentrum: Asylverfahren, Leistungen, Schule und Kita, Gesundheit.',
       '{refugees,families}', '{de,ar,fa,ti,ps,uk}',
       'Marktplatz 3', '31999', 'Musterlingen', 52.318200, 9.812400,
       '[{"weekday":"tue","starts":"09:00","ends":"12:00"},{"weekday":"wed","starts":"13:00","ends":"16:00"}]',
       NULL, 'free', NULL, 'Barrierefrei', false, NULL,
       'fsa@caritas-musterkreis.example', '05199 1234-20', NULL,
       '2026-01-01', NULL, 'public'),
      ('05999008', 'Integrationszentrum Musterlingen',
       'Sprachcafé', 'meeting_place',
       'Deutsch sprechen üben bei Kaffee und Tee, mit Ehrenamtlichen aus Musterlingen. Alle Niveaus, ohne Anmeldung; Kinder dürfen mitkommen.',
       '{newcomers,refugees,general_public,volunteers}', '{de,en,ar,uk}',
       'Marktplatz 3', '31999', 'Musterlingen', 52.318200, 9.812400,
       '[{"weekday":"wed","starts":"16:00","ends":"18:00"}]',
       'Nicht in den Schulferien', 'free', NULL, 'Barrierefrei', false, NULL,
       'kontakt@integrationszentrum-musterlingen.example', NULL, NULL,
       '2026-01-01', NULL, 'public'),
      ('05999008', 'Integrationszentrum Musterlingen',
       'Hausaufgabenhilfe', 'homework_help',
       'Ehrenamtliche helfen Schülerinnen und Schülern der Klassen 1 bis 7 bei den Hausaufgaben und beim Lesen.',
       '{children,youth}', '{de,ar,tr}',
       'Schulstraße 12', '31999', 'Musterlingen', 52.320100, 9.808700,
       '[{"weekday":"mon","starts":"14:30","ends":"16:00"},{"weekday":"tue","starts":"14:30","ends":"16:00"},{"weekday":"thu","starts":"14:30","ends":"16:00"}]',
       'In der Schulzeit', 'free', NULL, NULL, true,
       'Anmeldung durch die Eltern im Integrationszentrum',
       'kontakt@integrationszentrum-musterlingen.example', NULL, NULL,
       '2026-01-01', NULL, 'public'),
      ('05999008', 'Integrationszentrum Musterlingen',
       'Frauenfrühstück', 'womens_group',
       'Frauen und Mütter aus aller Welt frühstücken gemeinsam und tauschen sich aus; einmal im Monat mit einem Gast (Beratung, Gesundheit, Schule). Kinderbetreuung im Nebenraum.',
       '{women_and_mothers}', '{de,ar,fa,tr,ku}',
       'Marktplatz 3', '31999', 'Musterlingen', 52.318200, 9.812400,
       '[{"weekday":"fri","starts":"09:30","ends":"11:30"}]',
       NULL, 'free', NULL, 'Barrierefrei; Kinderbetreuung', false, NULL,
       'kontakt@integrationszentrum-musterlingen.example', NULL, NULL,
       '2026-01-01', NULL, 'public'),
      ('05999008', 'Caritasverband für den Musterkreis e.V.',
       'Frauentreff „Mütter im Gespräch“', 'womens_group',
       'Gesprächskreis für Mütter mit kleinen Kindern: Erziehung, Kita und Schule, Gesundheit. Geleitet von einer Sozialpädagogin.',
       '{women_and_mothers,families}', '{de,ru,uk,pl}',
       'Kirchweg 5', '31999', 'Musterlingen', NULL, NULL,
       '[{"weekday":"thu","starts":"15:00","ends":"17:00"}]',
       NULL, 'free', NULL, NULL, true, 'Anmeldung bei der Caritas',
       'mbe@caritas-musterkreis.example', NULL, NULL,
       '2026-03-01', '2027-06-30', 'partners'),
      ('05999008', 'Integrationszentrum Musterlingen',
       'Integrationskurs der Volkshochschule', 'language_course',
       'Allgemeiner Integrationskurs (600 Unterrichtsstunden Deutsch, 100 Stunden Orientierungskurs) mit Abschlussprüfung Deutsch-Test für Zuwanderer, im Integrationszentrum.',
       '{newcomers,refugees,eu_citizens}', '{de}',
       'Marktplatz 3', '31999', 'Musterlingen', 52.318200, 9.812400,
       '[{"weekday":"mon","starts":"08:30","ends":"12:45"},{"weekday":"tue","starts":"08:30","ends":"12:45"},{"weekday":"wed","starts":"08:30","ends":"12:45"},{"weekday":"thu","starts":"08:30","ends":"12:45"}]',
       'Neue Kurse beginnen alle zwei Monate', 'fee',
       'Kostenbeitrag 2,29 € je Unterrichtsstunde; Befreiung über das BAMF möglich',
       'Barrierefrei', true, 'Einstufungstest und Anmeldung im Integrationszentrum',
       'kontakt@integrationszentrum-musterlingen.example', NULL, NULL,
       '2026-01-01', NULL, 'public'),
      ('05999008', 'Integrationszentrum Musterlingen',
       'Sprachcamp in den Sommerferien 2025', 'language_course',
       'Zwei Wochen Deutsch mit Spiel und Ausflügen für Kinder, die neu in Musterlingen sind.',
       '{children}', '{de}',
       'Schulstraße 12', '31999', 'Musterlingen', NULL, NULL,
       '[{"weekday":"mon","starts":"09:00","ends":"13:00"}]',
       NULL, 'free', NULL, NULL, true, NULL,
       'kontakt@integrationszentrum-musterlingen.example', NULL, NULL,
       '2025-07-07', '2025-08-15', 'public'),
      ('05999008', 'Caritasverband für den Musterkreis e.V.',
       'Sprechstunde für Ehrenamtliche in der Flüchtlingshilfe', 'counselling',
       'Austausch und Beratung für die ehrenamtlichen Begleiterinnen und Begleiter (intern, bis das Programm steht).',
       '{volunteers}', '{de}',
       NULL, NULL, NULL, NULL, NULL, '[]',
       'Nach Vereinbarung', 'free', NULL, NULL, false, NULL,
       NULL, NULL, NULL, NULL, NULL, 'internal'),
      ('05999004', 'Caritasverband für den Musterkreis e.V.',
       'Migrationsberatung Musterstadt', 'counselling',
       'Beratung für Zugewanderte: Aufenthalt, Sprache, Arbeit, Wohnen, Familie. Vertraulich und kostenlos.',
       '{newcomers,refugees,eu_citizens}', '{de,ar,tr,ru,pl,ro}',
       'Lindenallee 7', '31990', 'Musterstadt', 52.370500, 9.735200,
       '[{"weekday":"tue","starts":"09:00","ends":"12:00"},{"weekday":"thu","starts":"13:00","ends":"16:00"}]',
       NULL, 'free', NULL, 'Barrierefrei', false, NULL,
       'integration@caritas-musterkreis.example', '05190 555-0', NULL,
       '2026-01-01', NULL, 'public'),
      ('05999004', 'Gesamtschule Musterstadt',
       'Hausaufgabenbetreuung mit Sprachförderung', 'homework_help',
       'Für Schülerinnen und Schüler der Sprachlernklassen: Hausaufgaben, Lesen und Wortschatz, mit Lehramtsstudierenden.',
       '{children,youth,newcomers}', '{de,uk,ar}',
       'Am Schulzentrum 1', '31990', 'Musterstadt', 52.372000, 9.741000,
       '[{"weekday":"mon","starts":"13:30","ends":"15:00"},{"weekday":"wed","starts":"13:30","ends":"15:00"}]',
       NULL, 'free', NULL, NULL, true, 'Über die Klassenleitung',
       'sekretariat@gesamtschule-musterstadt.example', NULL, NULL,
       '2026-08-01', '2027-07-31', 'public'),
      ('05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.',
       'Elterncafé', 'parents_group',
       'Eltern treffen sich zu Schule, Ausbildung und Erziehung; mit Gästen aus Schule, Jugendamt und Jobcenter.',
       '{families,women_and_mothers,men}', '{de,tr}',
       'Bahnhofstraße 21', '31990', 'Musterstadt', NULL, NULL,
       '[{"weekday":"sat","starts":"10:00","ends":"12:00"}]',
       'Jeden ersten Samstag im Monat', 'free', NULL, NULL, false, NULL,
       'vorstand@dtkv-musterstadt.example', NULL, NULL,
       '2026-01-01', NULL, 'public'),
      ('05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.',
       'Fußball für alle', 'sport',
       'Offenes Training für Jugendliche, ob neu in Musterstadt oder schon lange hier.',
       '{youth}', '{de,tr,ar}',
       'Sportplatz Am Stadion', '31990', 'Musterstadt', NULL, NULL,
       '[{"weekday":"fri","starts":"17:00","ends":"18:30"}]',
       NULL, 'fee', 'Vereinsbeitrag 3 € im Monat', NULL, false, NULL,
       'vorstand@dtkv-musterstadt.example', NULL, NULL,
       '2026-04-01', NULL, 'partners')
    ) AS v (ags, org, title, kind, description, target_groups, languages, street,
            postcode, city, lat, lon, slots, times_text, cost, cost_text,
            accessibility, registration_required, registration_text, email, phone,
            website, valid_from, valid_until, visibility)
    JOIN municipality mu ON mu.ags = v.ags
    JOIN organisation o ON o.name = v.org
                       AND o.district_id = mu.district_id;
END
$offers$;
