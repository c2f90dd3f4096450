-- Demo data: the meetings (Sitzungen) of Musterstadt's Steuerungsgruppe
-- Integration. The seeds (shared/seeds) name its members: Bürgermeisterin
-- Diana Stöcker, Cornelia Rösner, head of the Amt für Familie, Jugend und
-- Senioren, and the Integrations- und Flüchtlingsbeauftragte Jacqueline
-- Zeng; Bianca Schnober of the consultancy that develops the concept
-- reports to it. Three past meetings (the two older with approved
-- minutes, one of them public; the latest shared with partners, its
-- minutes still a draft) and the next one, planned. The latest meeting
-- decided to plan SP-06 (proposed until then): the measure's history
-- names the meeting. Musterlingen has one planned meeting.
--
-- Dates are relative to the day the demo is loaded, so the overview's
-- "since the last meeting" is recent.
--
-- Safe to run again: written only while Musterstadt has no meeting at
-- all (nothing made through the API is touched).

DO $meetings$
DECLARE
  v_stadt   bigint := (SELECT id FROM municipality WHERE ags = '05999004');
  v_lingen  bigint := (SELECT id FROM municipality WHERE ags = '05999008');
  v_officer bigint := (SELECT id FROM account WHERE lower(email) = 'integration@musterstadt.example');
  v_mayor   bigint := (SELECT id FROM account WHERE lower(email) = 'buergermeisterin@musterstadt.example');
  v_caritas bigint := (SELECT id FROM account
                        WHERE lower(email) = 'migrationsdienst@caritas-musterkreis.example');
  v_lofficer bigint := (SELECT id FROM account WHERE lower(email) = 'integration@musterlingen.example');
  v_concept bigint;
  v_a bigint;
  v_b bigint;
  v_c bigint;
  v_d bigint;
  v_item bigint;
  v_sp06 bigint;
BEGIN
  IF v_stadt IS NULL OR v_officer IS NULL OR v_mayor IS NULL OR v_caritas IS NULL THEN
    RAISE EXCEPTION '040_meetings: the municipalities and accounts of 010 and 020 are missing';
  END IF;
  IF EXISTS (SELECT FROM meeting WHERE municipality_id = v_stadt) THEN
    RETURN;
  END IF;
  SELECT id INTO v_concept FROM concept
   WHERE municipality_id = v_stadt AND status = 'adopted';
  IF v_concept IS NULL THEN
    RAISE EXCEPTION '040_meetings: Musterstadt''s adopted concept (030) is missing';
  END IF;

  CREATE TEMP TABLE demo_code (code text PRIMARY KEY, id bigint) ON COMMIT DROP;
  INSERT INTO demo_code SELECT code, id FROM measure WHERE concept_id = v_concept;

  -- A: five months ago, internal, minutes approved (and corrected)
  INSERT INTO meeting (municipality_id, kind, title, starts_at, ends_at, place, status,
                       visibility, created_by, created_at)
  VALUES (v_stadt, 'steering_group', '9. Sitzung der Steuerungsgruppe Integration',
          (current_date - 150 + time '16:00') AT TIME ZONE 'Europe/Berlin',
          (current_date - 150 + time '18:00') AT TIME ZONE 'Europe/Berlin',
          'Rathaus, Sitzungssaal 2', 'held', 'internal', v_officer,
          (current_date - 170)::timestamptz)
  RETURNING id INTO v_a;
  INSERT INTO meeting_attendee (municipality_id, meeting_id, position, account_id, name,
                                function, organisation)
  VALUES (v_stadt, v_a, 1, v_mayor, NULL, 'Bürgermeisterin', 'Stadt Musterstadt'),
         (v_stadt, v_a, 2, NULL, 'Cornelia Rösner',
          'Leiterin des Amts für Familie, Jugend und Senioren', 'Stadt Musterstadt'),
         (v_stadt, v_a, 3, v_officer, NULL, 'Integrations- und Flüchtlingsbeauftragte',
          'Stadt Musterstadt'),
         (v_stadt, v_a, 4, NULL, 'Bianca Schnober', 'Beraterin',
          'Organisationsberatung Imap change and culture');
  INSERT INTO meeting_item (municipality_id, meeting_id, position, title, description,
                            minutes, measure_id, concept_id)
  VALUES (v_stadt, v_a, 1, 'Begrüßung und Genehmigung der Tagesordnung', NULL,
          'Frau Stöcker begrüßt die Anwesenden. Die Tagesordnung wird ohne Änderungen '
          'genehmigt.', NULL, NULL),
         (v_stadt, v_a, 2, 'Bericht zur Umsetzung des Integrationskonzepts',
          'Stand der Umsetzung des Maßnahmenkatalogs, vorgestellt von Frau Schnober.',
          'Frau Schnober stellt den Stand der Umsetzung vor. Die Mehrzahl der Maßnahmen '
          'ist in Umsetzung; bei der Wohnraumvermittlung gibt es Verzögerungen.',
          NULL, v_concept),
         (v_stadt, v_a, 3, 'Sachstand Integrationskurse',
          'Wartezeiten auf einen Platz im Integrationskurs.',
          'Frau Zeng berichtet: Die Wartezeit ist auf etwa sechs Wochen gesunken. Die '
          'Volkshochschule plant einen weiteren Abendkurs für Berufstätige.',
          (SELECT id FROM demo_code WHERE code = 'SP-01'), NULL),
         (v_stadt, v_a, 4, 'Verschiedenes', NULL, 'Keine Wortmeldungen.', NULL, NULL);
  SELECT id INTO v_item FROM meeting_item WHERE meeting_id = v_a AND position = 3;
  INSERT INTO meeting_decision (municipality_id, meeting_id, item_id, text, measure_id,
                                decided_at, decided_by)
  VALUES (v_stadt, v_a, v_item,
          'Die Steuerungsgruppe nimmt den Sachstand zur Kenntnis und bittet die '
          'Volkshochschule, den zusätzlichen Abendkurs im Herbst anzubieten.',
          (SELECT id FROM demo_code WHERE code = 'SP-01'),
          (current_date - 150 + time '17:30') AT TIME ZONE 'Europe/Berlin', v_mayor);
  UPDATE meeting SET minutes_status = 'approved',
                     minutes_approved_at = (current_date - 120 + time '10:00')
                                           AT TIME ZONE 'Europe/Berlin',
                     minutes_approved_by = v_mayor
   WHERE id = v_a;
  INSERT INTO meeting_correction (municipality_id, meeting_id, item_id, text, created_at,
                                  created_by)
  VALUES (v_stadt, v_a, v_item,
          'Berichtigung zu TOP 3: Die Wartezeit beträgt etwa acht, nicht sechs Wochen.',
          (current_date - 100 + time '09:00') AT TIME ZONE 'Europe/Berlin', v_officer);

  -- B: three months ago, public, minutes approved
  INSERT INTO meeting (municipality_id, kind, title, starts_at, ends_at, place, status,
                       visibility, created_by, created_at)
  VALUES (v_stadt, 'steering_group', '10. Sitzung der Steuerungsgruppe Integration',
          (current_date - 90 + time '16:00') AT TIME ZONE 'Europe/Berlin',
          (current_date - 90 + time '18:00') AT TIME ZONE 'Europe/Berlin',
          'Jugendhaus Musterstadt', 'held', 'public', v_officer,
          (current_date - 110)::timestamptz)
  RETURNING id INTO v_b;
  INSERT INTO meeting_attendee (municipality_id, meeting_id, position, account_id, name,
                                function, organisation)
  VALUES (v_stadt, v_b, 1, v_mayor, NULL, 'Bürgermeisterin', 'Stadt Musterstadt'),
         (v_stadt, v_b, 2, NULL, 'Cornelia Rösner',
          'Leiterin des Amts für Familie, Jugend und Senioren', 'Stadt Musterstadt'),
         (v_stadt, v_b, 3, v_officer, NULL, 'Integrations- und Flüchtlingsbeauftragte',
          'Stadt Musterstadt');
  INSERT INTO meeting_item (municipality_id, meeting_id, position, title, description,
                            minutes, measure_id, indicator_id)
  VALUES (v_stadt, v_b, 1, 'Begrüßung und Genehmigung der Tagesordnung', NULL,
          'Die Tagesordnung wird genehmigt.', NULL, NULL),
         (v_stadt, v_b, 2, 'Vorbereitung der Integrationskonferenz',
          'Ablauf, Einladung per Zufallsauswahl, Ort.',
          'Die Integrationskonferenz findet im Jugendhaus statt. Neben den Akteuren '
          'werden per Zufall ausgewählte Bürgerinnen und Bürger eingeladen.',
          (SELECT id FROM demo_code WHERE code = 'GT-04'), NULL),
         (v_stadt, v_b, 3, 'Kennzahl Sprachförderbedarf bei der Einschulung',
          NULL,
          'Der Anteil der Kinder mit Sprachförderbedarf ist leicht gesunken.',
          NULL, (SELECT id FROM indicator WHERE municipality_id = v_stadt
                  AND name LIKE 'Anteil der Kinder mit Sprachförderbedarf%' LIMIT 1));
  SELECT id INTO v_item FROM meeting_item WHERE meeting_id = v_b AND position = 2;
  INSERT INTO meeting_decision (municipality_id, meeting_id, item_id, text, measure_id,
                                decided_at, decided_by)
  VALUES (v_stadt, v_b, v_item,
          'Die Steuerungsgruppe beschließt, die Integrationskonferenz als halbtägige '
          'Veranstaltung im Jugendhaus durchzuführen.',
          (SELECT id FROM demo_code WHERE code = 'GT-04'),
          (current_date - 90 + time '17:15') AT TIME ZONE 'Europe/Berlin', v_mayor);
  UPDATE meeting SET minutes_status = 'approved',
                     minutes_approved_at = (current_date - 60 + time '10:00')
                                           AT TIME ZONE 'Europe/Berlin',
                     minutes_approved_by = v_mayor
   WHERE id = v_b;

  -- C: three weeks ago, shared with partners, minutes a draft; it planned
  -- SP-06 (the measure's history names the meeting)
  INSERT INTO meeting (municipality_id, kind, title, starts_at, ends_at, place, status,
                       visibility, created_by, created_at)
  VALUES (v_stadt, 'steering_group', '11. Sitzung der Steuerungsgruppe Integration',
          (current_date - 21 + time '16:00') AT TIME ZONE 'Europe/Berlin',
          (current_date - 21 + time '18:30') AT TIME ZONE 'Europe/Berlin',
          'Rathaus, Sitzungssaal 2', 'held', 'partners', v_officer,
          (current_date - 40)::timestamptz)
  RETURNING id INTO v_c;
  INSERT INTO meeting_attendee (municipality_id, meeting_id, position, account_id, name,
                                function, organisation)
  VALUES (v_stadt, v_c, 1, v_mayor, NULL, 'Bürgermeisterin', 'Stadt Musterstadt'),
         (v_stadt, v_c, 2, NULL, 'Cornelia Rösner',
          'Leiterin des Amts für Familie, Jugend und Senioren', 'Stadt Musterstadt'),
         (v_stadt, v_c, 3, v_officer, NULL, 'Integrations- und Flüchtlingsbeauftragte',
          'Stadt Musterstadt'),
         (v_stadt, v_c, 4, v_caritas, NULL, 'Fachdienst Integration und Migration',
          'Caritasverband für den Musterkreis e.V.');
  SELECT id INTO v_sp06 FROM demo_code WHERE code = 'SP-06';
  INSERT INTO meeting_item (municipality_id, meeting_id, position, title, description,
                            minutes, measure_id)
  VALUES (v_stadt, v_c, 1, 'Begrüßung und Genehmigung der Tagesordnung', NULL,
          'Die Tagesordnung wird genehmigt.', NULL),
         (v_stadt, v_c, 2, 'Vorschläge aus dem Themenforum Arbeit',
          'Berufsbezogene Deutschkurse im Betrieb (SP-06).',
          'Herr Demir stellt den Vorschlag vor. Jobcenter und Volkshochschule haben '
          'ihre Mitwirkung zugesagt.', v_sp06),
         (v_stadt, v_c, 3, 'Sachstand Sozialberatung in der Gemeinschaftsunterkunft',
          NULL, NULL, (SELECT id FROM demo_code WHERE code = 'AF-04'));
  SELECT id INTO v_item FROM meeting_item WHERE meeting_id = v_c AND position = 2;
  -- the decision changes the measure as the mayor, naming the meeting
  PERFORM set_config('app.claims', json_build_object('sub', v_mayor::text)::text, true);
  PERFORM set_config('app.meeting_id', v_c::text, true);
  UPDATE measure SET status = 'planned' WHERE id = v_sp06 AND status = 'proposed';
  INSERT INTO meeting_decision (municipality_id, meeting_id, item_id, text, measure_id,
                                measure_status, decided_at, decided_by)
  VALUES (v_stadt, v_c, v_item,
          'Die Steuerungsgruppe beschließt, die berufsbezogenen Deutschkurse im Betrieb '
          'in die Planung aufzunehmen.', v_sp06, 'planned',
          (current_date - 21 + time '17:00') AT TIME ZONE 'Europe/Berlin', v_mayor);
  PERFORM set_config('app.meeting_id', '', true);
  PERFORM set_config('app.claims', '', true);

  -- D: the next meeting, planned, with its agenda
  INSERT INTO meeting (municipality_id, kind, title, starts_at, ends_at, place, status,
                       visibility, created_by)
  VALUES (v_stadt, 'steering_group', '12. Sitzung der Steuerungsgruppe Integration',
          (current_date + 35 + time '16:00') AT TIME ZONE 'Europe/Berlin',
          (current_date + 35 + time '18:00') AT TIME ZONE 'Europe/Berlin',
          'Rathaus, Sitzungssaal 2', 'planned', 'internal', v_officer)
  RETURNING id INTO v_d;
  INSERT INTO meeting_item (municipality_id, meeting_id, position, title, description,
                            measure_id)
  VALUES (v_stadt, v_d, 1, 'Genehmigung des Protokolls der 11. Sitzung', NULL, NULL),
         (v_stadt, v_d, 2, 'Wahl eines Integrationsrates prüfen',
          'Vorschlag zur Entscheidung (GT-07).',
          (SELECT id FROM demo_code WHERE code = 'GT-07')),
         (v_stadt, v_d, 3, 'Verschiedenes', NULL, NULL);

  -- Musterlingen: its first meeting, planned
  IF v_lingen IS NOT NULL AND NOT EXISTS (SELECT FROM meeting WHERE municipality_id = v_lingen) THEN
    INSERT INTO meeting (municipality_id, kind, title, starts_at, place, status, visibility,
                         created_by)
    VALUES (v_lingen, 'working_group', 'Arbeitskreis Integrationskonzept, Auftakt',
            (current_date + 14 + time '15:00') AT TIME ZONE 'Europe/Berlin',
            'Bürgerhaus Musterlingen', 'planned', 'internal', v_lofficer);
  END IF;
END
$meetings$;
