-- Demo organisations and accounts: one person for every role, in at least
-- two municipalities. Every demo account's password is Teilhabe-Demo-2026
-- (README, and printed by `make run`). Safe to run again.

INSERT INTO organisation (district_id, name, kind, contact_email)
SELECT d.id, v.name, v.kind, v.email
  FROM district d,
       (VALUES
         ('Caritasverband für den Musterkreis e.V.', 'welfare_association', 'integration@caritas-musterkreis.example'),
         ('Deutsch-Türkischer Kulturverein Musterstadt e.V.', 'migrant_organisation', 'vorstand@dtkv-musterstadt.example'),
         ('Gesamtschule Musterstadt', 'school', 'sekretariat@gesamtschule-musterstadt.example')
       ) AS v (name, kind, email)
 WHERE d.code = '05999'
ON CONFLICT (district_id, name) DO NOTHING;

INSERT INTO account (district_id, email, display_name, password_hash, district_admin)
SELECT d.id, v.email, v.display_name, '$argon2id$v=19$m=19456,t=2,p=1$NRsqq/IQSduo0Bvtvyjo0w$8NtrmpOmwVnj+5rSvIP00zghN7qO9y4/OBzata6noek', v.dadm
  FROM district d,
       (VALUES
         ('kreis@musterkreis.example', 'Petra Albers (Kreiskoordination)', true),
         ('buergermeisterin@musterstadt.example', 'Diana Stöcker (Bürgermeisterin)', false),
         ('integration@musterstadt.example', 'Jacqueline Zeng (Integrationsbeauftragte)', false),
         ('integration@musterlingen.example', 'Franziska Wieland (Integrationsbeauftragte)', false),
         ('familienamt@musterlingen.example', 'Cornelia Rösner (Amt für Familie, Jugend und Senioren)', false),
         ('migrationsdienst@caritas-musterkreis.example', 'Yusuf Demir (Caritas, Fachdienst Integration und Migration)', false)
       ) AS v (email, display_name, dadm)
 WHERE d.code = '05999'
ON CONFLICT ((lower(email))) DO NOTHING;

-- The municipalities the organisations serve.
INSERT INTO organisation_municipality (municipality_id, organisation_id)
SELECT mu.id, o.id
  FROM (VALUES
         ('05999004', 'Caritasverband für den Musterkreis e.V.'),
         ('05999008', 'Caritasverband für den Musterkreis e.V.'),
         ('05999012', 'Caritasverband für den Musterkreis e.V.'),
         ('05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.'),
         ('05999004', 'Gesamtschule Musterstadt')
       ) AS v (ags, org)
  JOIN municipality mu ON mu.ags = v.ags
  JOIN organisation o ON o.name = v.org
ON CONFLICT (municipality_id, organisation_id) DO NOTHING;

INSERT INTO membership (municipality_id, account_id, role, organisation_id)
SELECT mu.id, a.id, v.role, o.id
  FROM (VALUES
         ('05999004', 'buergermeisterin@musterstadt.example', 'steering', NULL),
         ('05999004', 'integration@musterstadt.example', 'officer', NULL),
         ('05999008', 'integration@musterlingen.example', 'officer', NULL),
         ('05999008', 'familienamt@musterlingen.example', 'steering', NULL),
         ('05999004', 'migrationsdienst@caritas-musterkreis.example', 'partner', 'Caritasverband für den Musterkreis e.V.'),
         ('05999008', 'migrationsdienst@caritas-musterkreis.example', 'partner', 'Caritasverband für den Musterkreis e.V.'),
         ('05999012', 'migrationsdienst@caritas-musterkreis.example', 'partner', 'Caritasverband für den Musterkreis e.V.')
       ) AS v (ags, email, role, org)
  JOIN municipality mu ON mu.ags = v.ags
  JOIN account a ON lower(a.email) = lower(v.email)
  LEFT JOIN organisation o ON o.name = v.org
ON CONFLICT (municipality_id, account_id) DO NOTHING;
