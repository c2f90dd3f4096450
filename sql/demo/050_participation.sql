-- Demo data: Beteiligung. Musterstadt repeats the Konsultationsprozess
-- zur Integrationsarbeit of the Stadt Laatzen (Mitteilung 144/2009,
-- shared/seeds/003): a project group held three Integrations-Dialoge, on
-- 13.11.2008 for everyone, on 25.03.2009 for young people and on
-- 02.06.2009 for seniors, and prepared an Integrationskonvent of the
-- organisations doing integration work. The dates, formats and findings
-- follow the seed; the seed gives no participant counts and no date for
-- the Konvent, so the counts here are illustrative and the Konvent is
-- undated. The contributions are the seed's points, each under its
-- Handlungsfeld, entered by the integration office and approved.
--
-- Beside them, one open online consultation (a Bürgerdialog, public)
-- with online contributions: pending, approved and rejected (with a
-- reason); the pending ones carry the author's optional name and contact.
-- Recommendations (Handlungsempfehlungen) are 060's.
--
-- Safe to run again: written only while Musterstadt has no consultation
-- at all (nothing made through the API is touched).

DO $participation$
DECLARE
  v_stadt   bigint := (SELECT id FROM municipality WHERE ags = '05999004');
  v_officer bigint := (SELECT id FROM account WHERE lower(email) = 'integration@musterstadt.example');
  v_caritas bigint := (SELECT id FROM organisation
                        WHERE name = 'Caritasverband für den Musterkreis e.V.');
  v_dtkv    bigint := (SELECT id FROM organisation
                        WHERE name = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.');
  v_concept bigint;
  v_c bigint;
  r record;
BEGIN
  IF v_stadt IS NULL OR v_officer IS NULL OR v_caritas IS NULL OR v_dtkv IS NULL THEN
    RAISE EXCEPTION '050_participation: the municipalities, accounts and organisations of 010 and 020 are missing';
  END IF;
  IF EXISTS (SELECT FROM consultation WHERE municipality_id = v_stadt) THEN
    RETURN;
  END IF;
  SELECT id INTO v_concept FROM concept WHERE municipality_id = v_stadt AND status = 'adopted';

  CREATE TEMP TABLE demo_field (key text PRIMARY KEY, id bigint) ON COMMIT DROP;
  INSERT INTO demo_field
  SELECT default_key, id FROM action_field
   WHERE municipality_id = v_stadt AND default_key IS NOT NULL;

  -- The three Integrations-Dialoge and the Konvent: entered while open,
  -- then evaluated (contributions are taken only while open).
  FOR r IN SELECT * FROM (VALUES
      (1, 'integration_dialogue', '1. Integrations-Dialog', 'Allgemeinheit',
       date '2008-11-13', 64, 'public',
       'Integration gelingt nur als Aufgabe aller kommunalen Akteure. Am häufigsten genannt: '
       'Sprachförderung von der Kita an, Information über demokratische Werte und Rechte, '
       'preiswerter Wohnraum in allen Ortsteilen und interkulturelle Veranstaltungen.'),
      (2, 'integration_dialogue', '2. Integrations-Dialog: Jugendliche', 'Jugendliche',
       date '2009-03-25', 38, 'public',
       'Die Jugendlichen wünschen Sprach- und Bildungsförderung an Grund- und weiterführenden '
       'Schulen, Integrationsberatung an den Schulen und Wege in die berufliche Qualifikation '
       'gemeinsam mit Arbeitsverwaltung, Stadt und Unternehmen.'),
      (3, 'integration_dialogue', '3. Integrations-Dialog: Seniorinnen und Senioren',
       'Seniorinnen und Senioren', date '2009-06-02', 27, 'public',
       'Die Seniorinnen und Senioren betonen Raum für eigene Traditionen und Kulturen, '
       'interkulturelle und interreligiöse Dialoge und Besuchs- und Beratungsangebote in '
       'ihrer Sprache.'),
      (4, 'integration_conference', 'Integrationskonvent',
       'Träger der Integrationsarbeit', NULL::date, NULL::int, 'partners',
       'Der Konvent bringt die Träger der Integrationsarbeit zusammen und formuliert aus den '
       'Ergebnissen der drei Integrations-Dialoge Empfehlungen für die zukünftige '
       'Integrationsarbeit: eine Fachkraft für Integrationsfragen, einen Leitfaden zur '
       'Aufnahme neuer Flüchtlinge und Migranten und die interkulturelle Ausrichtung der '
       'Verwaltung.')
    ) AS v (n, kind, title, target_group, starts_on, participants, visibility, findings)
    ORDER BY n
  LOOP
    INSERT INTO consultation (municipality_id, kind, title, description, target_group,
                              starts_on, ends_on, place, organiser_organisation_ids,
                              organisers_text, participant_count, concept_id, status,
                              visibility, created_by)
    VALUES (v_stadt, r.kind, r.title,
            'Teil des Konsultationsprozesses zur strategischen Weiterentwicklung der '
            'Integrationsarbeit (Ratsbeschluss auf Antrag der SPD-Fraktion).',
            r.target_group, r.starts_on, r.starts_on,
            CASE WHEN r.n < 4 THEN 'Rathaus, Ratssaal' END,
            CASE WHEN r.n = 4 THEN ARRAY[v_caritas, v_dtkv] ELSE '{}' END,
            'Projektgruppe „Integration“ der Verwaltung', r.participants, v_concept, 'open',
            r.visibility, v_officer)
    RETURNING id INTO v_c;

    INSERT INTO contribution (municipality_id, consultation_id, text, action_field_id, source,
                              origin, moderation, created_by, moderated_by, moderated_at,
                              created_at)
    SELECT v_stadt, v_c, x.text, (SELECT id FROM demo_field WHERE key = x.field), x.source,
           'entered', 'approved', v_officer, v_officer, now(), now()
      FROM (VALUES
        (1, 'Information der Migrantinnen und Migranten über die demokratischen Werte in '
            'Deutschland (Menschenrechte, einschlägige Gesetze).', 'participation', 'Tisch 1'),
        (1, 'Sprachförderung in den Kindertagesstätten.', 'language', 'Tisch 2'),
        (1, 'Verpflichtender Besuch der Kindertagesstätten.', 'education', 'Tisch 2'),
        (1, 'Zugang zu preiswerten Wohnungen in allen Ortsteilen.', 'housing', 'Tisch 3'),
        (1, 'Interkulturelle Veranstaltungen.', 'participation', 'Tisch 4'),
        (1, 'Besondere Integrationsangebote für Frauen und Mütter (Sprache, Bildung, Sport).',
            'language', 'Tisch 2'),
        (2, 'Sprach- und Bildungsförderung an den Grund- und weiterführenden Schulen.',
            'education', 'Themenwand Schule'),
        (2, 'Integrationsberatung an den Schulen, zum Beispiel eine mehrsprachige Einschulung.',
            'education', 'Themenwand Schule'),
        (2, 'Berufliche Qualifikation in Zusammenarbeit mit Arbeitsverwaltung, '
            'Stadtverwaltung und Unternehmen.', 'work', 'Themenwand Beruf'),
        (3, 'Raum für eigene Traditionen und Kulturen.', 'participation', 'Gesprächsrunde'),
        (3, 'Interkulturelle und interreligiöse Dialoge.', 'participation', 'Gesprächsrunde'),
        (4, 'Eine Fachkraft für Integrationsfragen im Team für Kinder, Jugend, Familie, '
            'Senioren und Soziale Sicherung als Motor der kommunalen Bemühungen.',
            'intercultural_administration', 'Arbeitsgruppe Verwaltung'),
        (4, 'Erarbeitung eines Leitfadens zur Aufnahme neuer Flüchtlinge und Migranten.',
            'asylum', 'Arbeitsgruppe Verwaltung'),
        (4, 'Interkulturelle Ausrichtung: Leitbild, Fortbildungen in allen Bereichen, '
            'Einstellung mehrsprachiger Mitarbeiterinnen und Mitarbeiter.',
            'intercultural_administration', 'Arbeitsgruppe Verwaltung'),
        (4, 'Öffentlichkeitsarbeit zu Migrationsthemen (Befragungen, Pressearbeit).',
            'participation', 'Arbeitsgruppe Öffentlichkeit'),
        (4, 'Sofortige Reaktion auf ausländerfeindliche Aktivitäten.', 'participation',
            'Arbeitsgruppe Öffentlichkeit')
      ) AS x (n, text, field, source)
     WHERE x.n = r.n;

    UPDATE consultation SET status = 'evaluated', findings = r.findings WHERE id = v_c;
  END LOOP;

  -- The open online consultation: a Bürgerdialog, public, for four weeks.
  INSERT INTO consultation (municipality_id, kind, title, description, target_group,
                            starts_on, ends_on, organisers_text, concept_id, status,
                            visibility, created_by)
  VALUES (v_stadt, 'citizen_dialogue', 'Bürgerdialog: Zusammenleben in Musterstadt',
          'Was hilft beim Ankommen, was fehlt? Schreiben Sie uns Ihre Vorschläge zur '
          'Integrationsarbeit. Namen und Kontaktangaben sind freiwillig und werden nach der '
          'Auswertung gelöscht.',
          'Alle Einwohnerinnen und Einwohner', current_date - 7, current_date + 21,
          'Integrationsbüro der Stadt Musterstadt', v_concept, 'open', 'public', v_officer)
  RETURNING id INTO v_c;

  INSERT INTO contribution (municipality_id, consultation_id, text, action_field_id, origin,
                            moderation, author_name, author_contact, created_at)
  SELECT v_stadt, v_c, x.text, (SELECT id FROM demo_field WHERE key = x.field), 'online',
         'pending', x.author, x.contact, now() - x.age
    FROM (VALUES
      ('Ein Sprachcafé in der Stadtbibliothek am Samstagvormittag wäre toll.', 'language',
       NULL, NULL, interval '6 days'),
      ('Die Ausländerbehörde sollte Termine auch online vergeben.', 'intercultural_administration',
       'Aylin K.', 'aylin.k@example.org', interval '5 days'),
      ('Mehr Patenschaften für neu zugezogene Familien.', 'participation', NULL, NULL,
       interval '4 days'),
      ('Das ist doch alles Geldverschwendung!!!', NULL, NULL, NULL, interval '3 days'),
      ('Praktikumsbörse für Geflüchtete mit den Betrieben im Gewerbegebiet.', 'work',
       'M. Schulte', '0151 0000000', interval '2 days'),
      ('Kostenloser Schwimmkurs für Frauen mit Kinderbetreuung.', 'health', NULL, NULL,
       interval '1 day')
    ) AS x (text, field, author, contact, age);

  UPDATE contribution SET moderation = 'approved', moderated_by = v_officer
   WHERE consultation_id = v_c
     AND text IN ('Ein Sprachcafé in der Stadtbibliothek am Samstagvormittag wäre toll.',
                  'Mehr Patenschaften für neu zugezogene Familien.');
  UPDATE contribution SET moderation = 'rejected', moderated_by = v_officer,
         rejection_reason = 'Kein Vorschlag zur Integrationsarbeit.'
   WHERE consultation_id = v_c AND text = 'Das ist doch alles Geldverschwendung!!!';
END
$participation$;
