-- Demo data: Veranstaltungen, from the seeds (shared/seeds/): Musterstadt's
-- Fest der Kulturen (held, participants counted), the Oasentag für
-- Ehrenamtliche the integration officers of Musterstadt and of the district
-- hold together (several organisers, several municipalities), an
-- Interkulturelles Frauenfrühstück (Laatzen's "Integrationsangebote für
-- Frauen und Mütter"), an Infoveranstaltung "Gelingende Integration durch
-- Vereine" in the coming weeks, a cancelled Sprachcafé, the Interkulturelle
-- Woche as an all-day event, and one internal and one partners-only event
-- that no public list or feed shows. Upcoming events are placed relative to
-- today, past ones are in 2026.
--
-- Safe to run again: written only while there is no event at all (nothing
-- made through the API is touched).

INSERT INTO organisation (district_id, name, kind, contact_email)
SELECT d.id, v.name, 'administration', v.email
  FROM district d,
       (VALUES
         ('Stadt Musterstadt, Integrationsbeauftragte', 'integration@musterstadt.example'),
         ('Landkreis Musterkreis, Integrationsbeauftragte', 'integration@musterkreis.example')
       ) AS v (name, email)
 WHERE d.code = '05999'
ON CONFLICT (district_id, name) DO NOTHING;

INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT mu.id, o.id
  FROM municipality mu
  JOIN organisation o ON o.name = 'Landkreis Musterkreis, Integrationsbeauftragte'
                      OR (o.name = 'Stadt Musterstadt, Integrationsbeauftragte'
                          AND mu.ags = '05999004')
ON CONFLICT (municipality_id, organisation_id) DO NOTHING;

DO $events$
DECLARE
  v_today date := (now() AT TIME ZONE 'Europe/Berlin')::date;
  r record;
  v_id bigint;
BEGIN
  IF EXISTS (SELECT FROM event) THEN
    RETURN;
  END IF;
  FOR r IN
    SELECT * FROM (VALUES
      -- ags, title, description, start (Berlin), end, all-day from/to,
      -- place, street, postcode, city, organisers, municipalities,
      -- target groups, measure code, visibility, status, participants
      ('05999004', 'Fest der Kulturen',
       E'Einheimische und zugewanderte Kulturen stellen sich vor: Musik, Tanz, '
       'Informationsstände der Vereine und Beratungsstellen, kulinarische '
       'Köstlichkeiten aus aller Welt.\nEintritt frei, barrierefrei.',
       '2026-09-19 11:00', '2026-09-19 18:00', NULL, NULL,
       'Marktplatz Musterstadt', 'Marktplatz 1', '59999', 'Musterstadt',
       ARRAY['Stadt Musterstadt, Integrationsbeauftragte',
             'Deutsch-Türkischer Kulturverein Musterstadt e.V.',
             'Islamische Gemeinde Musterstadt e.V.'],
       ARRAY['05999004'], ARRAY['general_public', 'families'], 'GT-01',
       'public', 'held', 1850),
      ('05999004', 'Oasentag für Ehrenamtliche',
       E'Ein Tag für die Ehrenamtlichen in der Flüchtlings- und Integrationsarbeit: '
       'am Vormittag eine Schulung, nach dem Mittagessen ein geführter '
       'Erfahrungsaustausch und ein Spaziergang zur Peterkapelle mit Führung.',
       '2026-02-21 09:30', '2026-02-21 16:00', NULL, NULL,
       'Gemeindehaus St. Martin', 'Kirchplatz 3', '59999', 'Musterstadt',
       ARRAY['Stadt Musterstadt, Integrationsbeauftragte',
             'Landkreis Musterkreis, Integrationsbeauftragte'],
       ARRAY['05999004', '05999008', '05999012'], ARRAY['volunteers'], 'AF-01',
       'public', 'held', 42),
      ('05999008', 'Interkulturelles Frauenfrühstück',
       E'Frauen und Mütter aus aller Welt frühstücken zusammen, lernen sich kennen '
       'und erfahren von den Angeboten vor Ort (Sprache, Bildung, Sport). '
       'Kinderbetreuung ist eingerichtet; Anmeldung nicht erforderlich.',
       (v_today + 10)::text || ' 09:30', (v_today + 10)::text || ' 11:30', NULL, NULL,
       'Familienzentrum Musterlingen', 'Lindenstraße 12', '59998', 'Musterlingen',
       ARRAY['Caritasverband für den Musterkreis e.V.'],
       ARRAY['05999008'], ARRAY['women_and_mothers'], NULL,
       'public', 'planned', NULL),
      ('05999004', 'Infoveranstaltung „Gelingende Integration durch Vereine“',
       E'Vereine und Vereinsarbeit sind wesentliche Pfeiler unserer Gesellschaft. '
       'In Zusammenarbeit mit dem Kreisjugendring zeigen wir, wie Vereine '
       'Zugewanderte gewinnen, und stellen Fördermöglichkeiten vor.',
       (v_today + 21)::text || ' 18:00', (v_today + 21)::text || ' 20:00', NULL, NULL,
       'Rathaus Musterstadt, Ratssaal', 'Rathausplatz 1', '59999', 'Musterstadt',
       ARRAY['Stadt Musterstadt, Integrationsbeauftragte', 'TSV Musterstadt 1898 e.V.'],
       ARRAY['05999004'], ARRAY['general_public', 'volunteers'], 'GT-02',
       'public', 'planned', NULL),
      ('05999004', 'Sprachcafé im Stadtteiltreff',
       'Deutsch sprechen bei Kaffee und Kuchen, mit den Integrationslotsen.',
       (v_today + 5)::text || ' 15:00', (v_today + 5)::text || ' 17:00', NULL, NULL,
       'Stadtteiltreff Nord', 'Birkenweg 4', '59999', 'Musterstadt',
       ARRAY['Integrationslotsen Musterstadt'],
       ARRAY['05999004'], ARRAY['newcomers', 'refugees'], 'SP-01',
       'public', 'cancelled', NULL),
      ('05999004', 'Interkulturelle Woche',
       'Eine Woche mit Lesungen, Filmabenden und offenen Türen in Moscheen, '
       'Kirchen und Vereinen.',
       NULL, NULL, '2026-09-20', '2026-09-27',
       NULL, NULL, NULL, 'Musterstadt',
       ARRAY['Stadt Musterstadt, Integrationsbeauftragte',
             'Evangelische Kirchengemeinde Musterstadt',
             'Katholische Kirchengemeinde St. Martin Musterstadt'],
       ARRAY['05999004'], ARRAY['general_public'], NULL,
       'public', 'held', 640),
      ('05999004', 'Vorbereitungstreffen Fest der Kulturen',
       'Absprachen der Verwaltung zum Ablauf und zur Standvergabe.',
       '2026-08-20 10:00', '2026-08-20 11:30', NULL, NULL,
       'Rathaus Musterstadt, Raum 204', NULL, NULL, NULL,
       ARRAY['Stadt Musterstadt, Integrationsbeauftragte'],
       ARRAY['05999004'], ARRAY['staff'], 'GT-01',
       'internal', 'held', 9),
      ('05999004', 'Trägertreffen Integrationskurse',
       'Abstimmung der Kursträger über Kursplätze und Wartelisten.',
       (v_today + 14)::text || ' 14:00', (v_today + 14)::text || ' 16:00', NULL, NULL,
       'Volkshochschule Musterkreis', NULL, NULL, 'Musterstadt',
       ARRAY['Volkshochschule Musterkreis', 'Caritasverband für den Musterkreis e.V.'],
       ARRAY['05999004', '05999008'], ARRAY['staff'], NULL,
       'partners', 'planned', NULL)
    ) AS v (ags, title, description, starts, ends, first_day, last_day, place, street,
            postcode, city, organisers, shown_in, target_groups, measure_code,
            visibility, status, participants)
  LOOP
    INSERT INTO event (municipality_id, title, description, starts_at, ends_at, all_day,
                       starts_on, ends_on, place, street, postcode, city, target_groups,
                       measure_id, visibility, status, participant_count)
    SELECT mu.id, r.title, r.description,
           coalesce(r.starts::timestamp AT TIME ZONE 'Europe/Berlin',
                    event_berlin_midnight(r.first_day::date)),
           coalesce(r.ends::timestamp AT TIME ZONE 'Europe/Berlin',
                    event_berlin_midnight(r.last_day::date + 1)),
           r.first_day IS NOT NULL, r.first_day::date, r.last_day::date,
           r.place, r.street, r.postcode, r.city, r.target_groups,
           (SELECT max(x.id) FROM measure x
             WHERE x.municipality_id = mu.id AND x.code = r.measure_code),
           r.visibility, r.status, r.participants
      FROM municipality mu WHERE mu.ags = r.ags
    RETURNING id INTO v_id;
    INSERT INTO event_organiser (municipality_id, event_id, organisation_id)
    SELECT e.municipality_id, e.id, o.id
      FROM event e, organisation o WHERE e.id = v_id AND o.name = ANY (r.organisers);
    INSERT INTO event_municipality (municipality_id, event_id, shown_in)
    SELECT e.municipality_id, e.id, mu.id
      FROM event e, municipality mu WHERE e.id = v_id AND mu.ags = ANY (r.shown_in);
  END LOOP;
END
$events$;
