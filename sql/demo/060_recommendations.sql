-- Demo data: the Handlungsempfehlungen of Musterstadt, taken from
-- Laatzen's Mitteilung 144/2009 "Konsultationsprozess zur
-- Integrationsarbeit" (shared/seeds/003_*): the project group's
-- recommendations, into which the three Integrations-Dialoge flowed.
-- Each is linked to the contributions of 050 on its theme and the
-- dialogues or the Konvent they came from, and most have the steering group's
-- response: accepted ones are carried out by the catalogue's measures
-- copied from Laatzen's list (030: linked, never duplicated), one was
-- decided in the 11. Sitzung (040), one is deferred, one rejected, some
-- are still open (the overview's to_decide).
--
-- Safe to run again: written only while Musterstadt has no
-- recommendation at all (nothing made through the API is touched).

DO $recommendations$
DECLARE
  v_stadt   bigint := (SELECT id FROM municipality WHERE ags = '05999004');
  v_mayor   bigint := (SELECT id FROM account WHERE lower(email) = 'buergermeisterin@musterstadt.example');
  v_officer bigint := (SELECT id FROM account WHERE lower(email) = 'integration@musterstadt.example');
  v_concept bigint;
  v_meeting bigint;
  v_id      bigint;
  r         record;
BEGIN
  IF v_stadt IS NULL OR v_mayor IS NULL OR v_officer IS NULL THEN
    RAISE EXCEPTION '060_recommendations: the municipalities and accounts of 010 and 020 are missing';
  END IF;
  IF EXISTS (SELECT FROM recommendation WHERE municipality_id = v_stadt) THEN
    RETURN;
  END IF;
  SELECT id INTO v_concept FROM concept WHERE municipality_id = v_stadt AND status = 'adopted';
  IF v_concept IS NULL THEN
    RAISE EXCEPTION '060_recommendations: Musterstadt''s adopted concept (030) is missing';
  END IF;
  SELECT id INTO v_meeting FROM meeting
   WHERE municipality_id = v_stadt AND title = '11. Sitzung der Steuerungsgruppe Integration';

  FOR r IN
    SELECT * FROM (VALUES
      (1, 'Sprachförderung in den Kindertagesstätten',
       'Insbesondere den Kindern ist die Möglichkeit zum Erwerb der deutschen Sprache '
       'einzuräumen: alltagsintegrierte Sprachförderung in allen Kindertagesstätten.',
       'language', '%sprachförderung in den kindertagesstätten%',
       'accepted', 'Die Sprachförderung in den Kitas wird als Maßnahme SP-03 umgesetzt.',
       '{SP-03}'::text[], true),
      (2, 'Integrationsberatung an den Schulen (mehrsprachige Einschulung)',
       'Integrationsberatung an den Grund- und weiterführenden Schulen, '
       'insbesondere eine mehrsprachige Einschulungsberatung.',
       'education', '%integrationsberatung an den schulen%|%bildungsförderung an den grund%', 'accepted',
       'Übernommen: die mehrsprachige Einschulungsberatung (BI-03) und der '
       'herkunftssprachliche Unterricht (BI-06).', '{BI-03,BI-06}', false),
      (3, 'Zugang zu preiswerten Wohnungen in allen Ortsteilen',
       'Chancengleichheit beim Wohnen: Zugang zu preiswerten Wohnungen in allen Ortsteilen.',
       'housing', '%preiswerten wohnungen%', 'partly_accepted',
       'Teilweise übernommen: die Stadt verhandelt mit den Wohnungsbaugesellschaften; '
       'eine Belegungsquote je Ortsteil ist nicht durchsetzbar.', '{WO-02}', false),
      (4, 'Interkulturelle und interreligiöse Dialoge',
       'Regelmäßige interkulturelle und interreligiöse Dialoge der Gemeinden und Vereine.',
       'participation', '%interreligiöse dialoge%|%interkulturelle veranstaltungen%', 'accepted',
       'Übernommen: der interreligiöse Dialog (GT-02) wird fortgeführt.', '{GT-02}', false),
      (5, 'Fachkraft für Integrationsfragen',
       'Eine Fachkraft für Integrationsfragen im Team für Kinder, Jugend, Familie, '
       'Senioren und Soziale Sicherung als Motor der kommunalen Bemühungen.',
       'intercultural_administration', '%fachkraft für integrationsfragen%', 'deferred',
       'Zurückgestellt bis zu den Haushaltsberatungen; Drittmittel werden beantragt.',
       '{}', false),
      (6, 'Leitfaden zur Aufnahme neuer Flüchtlinge und Migranten',
       'Erarbeitung eines Leitfadens zur Aufnahme neuer Flüchtlinge und Migranten.',
       'asylum', '%leitfaden%', 'accepted',
       'Übernommen als Maßnahme AF-03.', '{AF-03}', false),
      (7, 'Verpflichtender Besuch der Kindertagesstätten',
       'Ein verpflichtender Besuch der Kindertagesstätten für alle Kinder.',
       'education', '%verpflichtender besuch%', 'rejected',
       'Abgelehnt: eine Kita-Pflicht kann die Stadt nicht anordnen; stattdessen werben '
       'Brückenangebote (BI-05) für den Kita-Besuch.', '{}', false),
      (8, 'Sofortige Reaktion auf ausländerfeindliche Aktivitäten',
       'Die Stadt reagiert sofort und sichtbar auf ausländerfeindliche Aktivitäten.',
       'intercultural_administration', '%ausländerfeindliche%', 'accepted',
       'Übernommen: ein interner Handlungsleitfaden (IO-05) regelt die Abläufe.',
       '{IO-05}', false),
      (9, 'Besondere Integrationsangebote für Frauen und Mütter',
       'Besondere Integrationsangebote für Frauen und Mütter: Sprache, Bildung, Sport.',
       'language', '%frauen und mütter%|%schwimmkurs für frauen%', NULL, NULL, '{}', false),
      (10, 'Berufliche Qualifikation in Zusammenarbeit mit Arbeitsverwaltung, Stadtverwaltung und Unternehmen',
       'Berufliche Qualifikation gemeinsam mit Jobcenter, Stadtverwaltung und Unternehmen.',
       'work', '%berufliche qualifikation%', NULL, NULL, '{}', false),
      (11, 'Öffentlichkeitsarbeit zu Migrationsthemen',
       'Öffentlichkeitsarbeit zu Migrationsthemen: Befragungen, Pressearbeit.',
       'intercultural_administration', '%öffentlichkeitsarbeit%', NULL, NULL, '{}', false)
    ) AS x (n, title, text, field, pattern, kind, reason, codes, in_meeting)
    ORDER BY n
  LOOP
    INSERT INTO recommendation (municipality_id, title, text, action_field_id, created_by,
                                created_at)
    SELECT v_stadt, r.title, r.text, f.id, v_officer, now() - interval '60 days'
      FROM action_field f WHERE f.municipality_id = v_stadt AND f.default_key = r.field
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
      RAISE EXCEPTION '060_recommendations: action field % of Musterstadt is missing', r.field;
    END IF;
    -- the approved contributions on the theme (050), from the dialogues,
    -- the Konvent and the online Bürgerdialog, and the consultations they
    -- came from (all dialogues and conferences when none matches)
    INSERT INTO recommendation_contribution (municipality_id, recommendation_id, contribution_id)
    SELECT v_stadt, v_id, k.id FROM contribution k
     WHERE k.municipality_id = v_stadt AND k.moderation = 'approved'
       AND lower(k.text) LIKE ANY (string_to_array(r.pattern, '|'));
    INSERT INTO recommendation_consultation (municipality_id, recommendation_id, consultation_id)
    SELECT DISTINCT v_stadt, v_id, k.consultation_id
      FROM recommendation_contribution l JOIN contribution k ON k.id = l.contribution_id
     WHERE l.recommendation_id = v_id;
    IF NOT FOUND THEN
      INSERT INTO recommendation_consultation (municipality_id, recommendation_id, consultation_id)
      SELECT v_stadt, v_id, c.id FROM consultation c
       WHERE c.municipality_id = v_stadt
         AND c.kind IN ('integration_dialogue', 'integration_conference');
    END IF;
    -- the measures first: the guard wants one when the response is "accepted"
    INSERT INTO recommendation_measure (municipality_id, recommendation_id, measure_id)
    SELECT v_stadt, v_id, m.id FROM measure m
     WHERE m.concept_id = v_concept AND m.code = ANY (r.codes);
    IF r.kind IS NOT NULL THEN
      UPDATE recommendation
         SET response_kind = r.kind, response_reason = r.reason,
             decided_on = CASE WHEN r.in_meeting AND v_meeting IS NOT NULL
                               THEN (SELECT (starts_at AT TIME ZONE 'Europe/Berlin')::date
                                       FROM meeting WHERE id = v_meeting)
                               ELSE current_date - 45 END,
             meeting_id = CASE WHEN r.in_meeting THEN v_meeting END,
             responded_by = v_mayor, responded_at = now() - interval '45 days',
             version = version + 1
       WHERE id = v_id;
    END IF;
  END LOOP;
END
$recommendations$;
