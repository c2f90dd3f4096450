-- Demo data: organisation profiles and networks. The Trägerverbund of
-- Musterlingen's Integrationszentrum follows the Weingarten model
-- (shared/seeds/004_*: "Ein starker Trägerverbund aus Stadt, Caritas,
-- Diözese, den Franziskanerinnen von Reute, der Katholischen
-- Gesamtkirchengemeinde, der Evangelischen Kirchengemeinde sowie
-- weiterer Partner"); the district-wide Arbeitskreis Integration im
-- Musterkreis is coordinated by the Caritas' Fachdienst. Addresses are
-- the organisations' own (invented), never private persons'.
--
-- Safe to run again: new rows are matched by their keys (ON CONFLICT DO
-- NOTHING), profiles are filled only where they are still empty.

INSERT INTO organisation (district_id, name, kind, contact_email)
SELECT d.id, v.name, v.kind, v.email
  FROM district d,
       (VALUES
         ('Stadt Musterlingen, Fachstelle Migration und Integration', 'administration',
          'integration@musterlingen.example'),
         ('Diözese Musterburg, Fachbereich Migration', 'church',
          'migration@dioezese-musterburg.example'),
         ('Franziskanerinnen von Reute, Konvent Musterlingen', 'church',
          'konvent-musterlingen@franziskanerinnen.example'),
         ('Katholische Gesamtkirchengemeinde Musterlingen', 'church',
          'pfarramt@kath-musterlingen.example'),
         ('Evangelische Kirchengemeinde Musterlingen', 'church',
          'gemeindebuero@ev-musterlingen.example'),
         ('Freundeskreis Asyl Musterlingen', 'volunteer_initiative',
          'kontakt@freundeskreis-asyl-musterlingen.example')
       ) AS v (name, kind, email)
 WHERE d.code = '05999'
ON CONFLICT (district_id, name) DO NOTHING;

INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT mu.id, o.id
  FROM (VALUES
         ('05999008', 'Stadt Musterlingen, Fachstelle Migration und Integration'),
         ('05999008', 'Diözese Musterburg, Fachbereich Migration'),
         ('05999012', 'Diözese Musterburg, Fachbereich Migration'),
         ('05999008', 'Franziskanerinnen von Reute, Konvent Musterlingen'),
         ('05999008', 'Katholische Gesamtkirchengemeinde Musterlingen'),
         ('05999008', 'Evangelische Kirchengemeinde Musterlingen'),
         ('05999008', 'Freundeskreis Asyl Musterlingen')
       ) AS v (ags, org)
  JOIN municipality mu ON mu.ags = v.ags
  JOIN organisation o ON o.name = v.org
ON CONFLICT (municipality_id, organisation_id) DO NOTHING;

-- Profiles: the organisations' addresses, websites, phones and the
-- languages they counsel in; only while a profile is still empty.
UPDATE organisation o
   SET description = v.description, street = v.street, postcode = v.postcode,
       city = v.city, website = v.website, phone = v.phone, languages = v.languages
  FROM (VALUES
         ('Caritasverband für den Musterkreis e.V.',
          'Fachdienst Integration und Migration: Migrationsberatung für Erwachsene, '
          'Flüchtlingssozialarbeit, Begleitung Ehrenamtlicher. Koordiniert den '
          'Arbeitskreis Integration im Musterkreis.',
          'Kirchplatz 3', '59990', 'Musterstadt', 'https://www.caritas-musterkreis.example',
          '+49 5999 4410-0', '{de,en,ar,fa,tr,ru,uk}'::text[]),
         ('Deutsch-Türkischer Kulturverein Musterstadt e.V.',
          'Begegnung, Hausaufgabenhilfe und Elterncafé; Dolmetschen bei Elterngesprächen '
          'auf Anfrage.',
          'Bahnhofstraße 41', '59990', 'Musterstadt', 'https://www.dtkv-musterstadt.example',
          '+49 5999 3381', '{de,tr,ku}'::text[]),
         ('Volkshochschule Musterkreis',
          'Integrations- und Berufssprachkurse, Alphabetisierung, Deutsch für Eltern.',
          'Schulstraße 12', '59990', 'Musterstadt', 'https://www.vhs-musterkreis.example',
          '+49 5999 2200', '{de,en,ar,uk}'::text[]),
         ('Gesamtschule Musterstadt',
          'Gesamtschule mit Internationaler Förderklasse und Sprachförderung.',
          'Am Schulzentrum 1', '59990', 'Musterstadt', NULL, '+49 5999 1870', '{de}'::text[]),
         ('Arbeiterwohlfahrt Kreisverband Musterkreis e.V.',
          'Jugendmigrationsdienst und Migrationsberatung.',
          'Lindenstraße 8', '59990', 'Musterstadt', 'https://www.awo-musterkreis.example',
          '+49 5999 5120', '{de,ar,ti,so,ru}'::text[]),
         ('Stadt Musterlingen, Fachstelle Migration und Integration',
          'Koordiniert die Integrationsarbeit der Stadt bereichsübergreifend und das '
          'Integrationszentrum.',
          'Marktplatz 1', '59992', 'Musterlingen', 'https://www.musterlingen.example/integration',
          '+49 5998 401-230', '{de,en}'::text[]),
         ('Diözese Musterburg, Fachbereich Migration',
          'Fördert die Flüchtlings- und Integrationsarbeit der Kirchengemeinden.',
          'Domplatz 5', '59980', 'Musterburg', 'https://www.dioezese-musterburg.example',
          '+49 5980 170-0', '{de,en,fr}'::text[]),
         ('Franziskanerinnen von Reute, Konvent Musterlingen',
          'Begleitung geflüchteter Frauen und Familien, Oasentage für Ehrenamtliche.',
          'Klosterweg 2', '59992', 'Musterlingen', NULL, '+49 5998 2291', '{de,en}'::text[]),
         ('Katholische Gesamtkirchengemeinde Musterlingen',
          'Stellt Räume im Integrationszentrum und trägt die Begegnungsarbeit mit.',
          'Kirchstraße 10', '59992', 'Musterlingen', 'https://www.kath-musterlingen.example',
          '+49 5998 3310', '{de}'::text[]),
         ('Evangelische Kirchengemeinde Musterlingen',
          'Sprachcafé und Patenschaften für neu Zugewanderte.',
          'Lutherplatz 4', '59992', 'Musterlingen', 'https://www.ev-musterlingen.example',
          '+49 5998 3420', '{de,en,fa}'::text[]),
         ('Freundeskreis Asyl Musterlingen',
          'Ehrenamtliche Begleitung, Fahrradwerkstatt und Deutschtreff.',
          'Integrationszentrum, Kasernenstraße 7', '59992', 'Musterlingen', NULL, NULL,
          '{de,en,ar,fa,ps}'::text[])
       ) AS v (name, description, street, postcode, city, website, phone, languages)
 WHERE o.name = v.name AND o.description IS NULL AND o.street IS NULL
   AND o.district_id = (SELECT id FROM district WHERE code = '05999');

INSERT INTO network (district_id, municipality_id, name, kind, purpose, visibility,
                     coordinator_organisation_id, created_by)
SELECT d.id, mu.id, v.name, v.kind, v.purpose, v.visibility, o.id, a.id
  FROM district d
  JOIN (VALUES
         ('05999008', 'Trägerverbund Integrationszentrum Musterlingen', 'provider_association',
          'Trägerübergreifendes Dach der Flüchtlings- und Integrationsarbeit: bündelt die '
          'Beratungsangebote für Migranten und Geflüchtete, unterstützt ehrenamtliche '
          'Gruppen und fördert die interkulturelle Begegnung. Eröffnet am 3. Februar 2018.',
          'public', 'Stadt Musterlingen, Fachstelle Migration und Integration',
          'integration@musterlingen.example'),
         ('05999004', 'Arbeitskreis Integration im Musterkreis', 'working_group',
          'Austausch der haupt- und ehrenamtlichen Akteure der Integrationsarbeit im '
          'Landkreis; tagt viermal im Jahr reihum in den Städten und Gemeinden.',
          'partners', 'Caritasverband für den Musterkreis e.V.', 'kreis@musterkreis.example'),
         ('05999004', 'Netzwerk Sprachförderung Musterstadt', 'network',
          'Abstimmung der Sprachkurse und der Kinderbetreuung während der Kurse.',
          'internal', 'Volkshochschule Musterkreis', 'integration@musterstadt.example')
       ) AS v (ags, name, kind, purpose, visibility, coordinator, email) ON true
  JOIN municipality mu ON mu.ags = v.ags
  JOIN organisation o ON o.name = v.coordinator AND o.district_id = d.id
  JOIN account a ON lower(a.email) = v.email
 WHERE d.code = '05999'
ON CONFLICT (municipality_id, name) DO NOTHING;

INSERT INTO network_municipality (network_id, municipality_id)
SELECT n.id, mu.id
  FROM (VALUES
         ('Trägerverbund Integrationszentrum Musterlingen', '05999008'),
         ('Arbeitskreis Integration im Musterkreis', '05999004'),
         ('Arbeitskreis Integration im Musterkreis', '05999008'),
         ('Arbeitskreis Integration im Musterkreis', '05999012'),
         ('Arbeitskreis Integration im Musterkreis', '05999016'),
         ('Netzwerk Sprachförderung Musterstadt', '05999004')
       ) AS v (network, ags)
  JOIN network n ON n.name = v.network
  JOIN municipality mu ON mu.ags = v.ags
ON CONFLICT DO NOTHING;

INSERT INTO network_member (network_id, organisation_id, role, since)
SELECT n.id, o.id, v.role, v.since::date
  FROM (VALUES
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Stadt Musterlingen, Fachstelle Migration und Integration', 'provider', '2018-02-03'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Caritasverband für den Musterkreis e.V.', 'provider', '2018-02-03'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Diözese Musterburg, Fachbereich Migration', 'provider', '2018-02-03'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Franziskanerinnen von Reute, Konvent Musterlingen', 'provider', '2018-02-03'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Katholische Gesamtkirchengemeinde Musterlingen', 'provider', '2018-02-03'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Evangelische Kirchengemeinde Musterlingen', 'provider', '2018-02-03'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Freundeskreis Asyl Musterlingen', 'cooperation_partner', '2019-05-01'),
         ('Trägerverbund Integrationszentrum Musterlingen',
          'Volkshochschule Musterkreis', 'cooperation_partner', '2020-09-01'),
         ('Arbeitskreis Integration im Musterkreis',
          'Caritasverband für den Musterkreis e.V.', 'member', '2016-03-01'),
         ('Arbeitskreis Integration im Musterkreis',
          'Arbeiterwohlfahrt Kreisverband Musterkreis e.V.', 'member', '2016-03-01'),
         ('Arbeitskreis Integration im Musterkreis',
          'Deutsch-Türkischer Kulturverein Musterstadt e.V.', 'member', '2017-01-15'),
         ('Arbeitskreis Integration im Musterkreis',
          'Volkshochschule Musterkreis', 'member', '2016-03-01'),
         ('Arbeitskreis Integration im Musterkreis', 'Jobcenter Musterkreis', 'member', NULL),
         ('Arbeitskreis Integration im Musterkreis',
          'Stadt Musterlingen, Fachstelle Migration und Integration', 'member', '2018-02-03'),
         ('Arbeitskreis Integration im Musterkreis',
          'Gesundheitsamt des Landkreises Musterkreis', 'cooperation_partner', NULL),
         ('Netzwerk Sprachförderung Musterstadt', 'Volkshochschule Musterkreis', 'provider', NULL),
         ('Netzwerk Sprachförderung Musterstadt',
          'Städtische Kita Regenbogen Musterstadt', 'cooperation_partner', NULL),
         ('Netzwerk Sprachförderung Musterstadt', 'Integrationslotsen Musterstadt', 'member', NULL)
       ) AS v (network, org, role, since)
  JOIN network n ON n.name = v.network
  JOIN organisation o ON o.name = v.org AND o.district_id = n.district_id
ON CONFLICT DO NOTHING;

-- The Trägerverbund carries Musterlingen's measures on the
-- Integrationszentrum and the Oasentag.
INSERT INTO network_measure (network_id, municipality_id, measure_id)
SELECT n.id, me.municipality_id, me.id
  FROM network n
  JOIN measure me ON me.municipality_id = n.municipality_id
 WHERE n.name = 'Trägerverbund Integrationszentrum Musterlingen'
   AND me.code IN ('AF-01', 'AF-02')
ON CONFLICT DO NOTHING;
