-- pgTAP, Beteiligung (sql/schema/participation/; tables of migration
-- 009), proved in SQL: who reads which consultations and contributions
-- (officer, steering group, district admin, partner organising one and
-- not, another municipality's officer, nobody); who writes what; the
-- guards (the status only moves forward; contributions only while open,
-- online ones only for the online kinds and only through the public
-- form; a contribution's text stays; evaluating deletes the authors'
-- details, also for the owner); the public form's definer function and
-- its throttle.
--
-- Runs as the cluster's superuser inside a transaction that is rolled
-- back, with the personas and helpers of lib/personas.sql.
BEGIN;
SELECT plan(33);
\ir lib/personas.sql

CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint NOT NULL);
GRANT SELECT ON fx TO teilhabe_app;
CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fx WHERE name = p_name $$;

-- Which fixture consultations (by name, sorted) a query of consultation
-- ids yields as the current role.
CREATE FUNCTION pg_temp.seen(p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(DISTINCT f.name COLLATE "C" ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fx f ON f.id = q.id
                   WHERE f.name LIKE ''c\_%%''', p_sql) INTO r;
  RETURN r;
END
$$;

-- Fixtures: consultations of Musterstadt (internal, partners, public, one
-- internal organised by the Caritas) and of Musterlingen, all open, each
-- with an approved and a pending contribution.
INSERT INTO consultation (municipality_id, kind, title, status, visibility,
                          organiser_organisation_ids)
SELECT pg_temp.mid(v.ags), v.kind, 'pgTAP ' || v.name, 'open', v.visibility,
       CASE WHEN v.name = 'c_stadt_caritas'
            THEN ARRAY[(SELECT id FROM organisation
                         WHERE name = 'Caritasverband für den Musterkreis e.V.')]
            ELSE '{}' END
  FROM (VALUES
    ('c_stadt_internal', '05999004', 'internal', 'integration_dialogue'),
    ('c_stadt_partners', '05999004', 'partners', 'integration_dialogue'),
    ('c_stadt_public',   '05999004', 'public', 'citizen_dialogue'),
    ('c_stadt_caritas',  '05999004', 'internal', 'theme_forum'),
    ('c_lingen',         '05999008', 'public', 'online_survey')) AS v (name, ags, visibility, kind);
INSERT INTO fx SELECT substr(title, 7), id FROM consultation WHERE title LIKE 'pgTAP c\_%';
INSERT INTO contribution (municipality_id, consultation_id, text, origin, moderation,
                          author_name, author_contact)
SELECT c.municipality_id, c.id, 'pgTAP ' || m,
       CASE WHEN consultation_online(c.kind) THEN 'online' ELSE 'entered' END, m,
       'Autorin', 'autorin@example.org'
  FROM consultation c, (VALUES ('approved'), ('pending')) AS v (m)
 WHERE c.id IN (SELECT id FROM pg_temp.fx);

-- ---------------------------------------------------------------------
-- Reads
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('SELECT id FROM consultation'),
          '{c_lingen,c_stadt_caritas,c_stadt_internal,c_stadt_partners,c_stadt_public}',
          'the officer reads every consultation of Musterstadt, and public ones (as everyone does)');
SELECT is((SELECT count(*) FROM contribution WHERE consultation_id = pg_temp.fx('c_stadt_internal')),
          2::bigint, 'and every contribution, pending ones too');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('SELECT id FROM consultation WHERE visibility <> ''public'''),
          '{c_stadt_caritas,c_stadt_internal,c_stadt_partners}',
          'the steering group reads the internal ones too');
SELECT is((SELECT count(*) FROM contribution WHERE consultation_id = pg_temp.fx('c_stadt_partners')),
          2::bigint, 'and all their contributions');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('SELECT id FROM consultation'),
          '{c_lingen,c_stadt_caritas,c_stadt_partners,c_stadt_public}',
          'the partner reads shared and public ones and the internal one its organisation organises');
SELECT is((SELECT array_agg(moderation ORDER BY moderation) FROM contribution
            WHERE consultation_id = pg_temp.fx('c_stadt_caritas')),
          '{approved,pending}', 'all contributions of the one it organises');
SELECT is((SELECT array_agg(moderation) FROM contribution
            WHERE consultation_id = pg_temp.fx('c_stadt_partners')),
          '{approved}', 'the approved ones of the others');
SELECT is((SELECT count(*) FROM contribution WHERE consultation_id = pg_temp.fx('c_stadt_internal')),
          0::bigint, 'none of a consultation it cannot see');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('SELECT id FROM consultation WHERE visibility <> ''public'''),
          '{}', 'another municipality''s officer reads none of Musterstadt''s internal ones');

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('SELECT id FROM consultation'), '{c_lingen,c_stadt_public}',
          'nobody reads the public ones only');
SELECT is((SELECT array_agg(moderation) FROM contribution
            WHERE consultation_id = pg_temp.fx('c_stadt_public')),
          '{approved}', 'and their approved contributions only');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text)
                                   VALUES (%s, %s, ''x'')',
                                  pg_temp.mid('05999004'), pg_temp.fx('c_stadt_public'))),
          '42501', 'nobody inserts directly');

-- ---------------------------------------------------------------------
-- Writes
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.changed(format('UPDATE consultation SET title = ''x'' WHERE id = %s',
                                 pg_temp.fx('c_stadt_internal'))),
          0, 'the steering group changes no consultation');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text)
                                   VALUES (%s, %s, ''x'')', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_internal'))),
          '42501', 'nor enters contributions');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text,
                                     moderation, organisation_id)
                                   VALUES (%s, %s, ''x'', ''pending'', %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_partners'),
                                  app_org(pg_temp.mid('05999004')))),
          '42501', 'a partner enters none to a consultation it does not organise');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text,
                                     moderation, organisation_id)
                                   VALUES (%s, %s, ''x'', ''approved'', %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_caritas'),
                                  app_org(pg_temp.mid('05999004')))),
          '42501', 'nor an approved one to its own');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text,
                                     moderation, organisation_id)
                                   VALUES (%s, %s, ''Partner'', ''pending'', %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_caritas'),
                                  app_org(pg_temp.mid('05999004')))),
          'none', 'but a pending one to the consultation its organisation organises');
SELECT is(pg_temp.changed(format('UPDATE contribution SET moderation = ''approved''
                                   WHERE consultation_id = %s', pg_temp.fx('c_stadt_caritas'))),
          0, 'it moderates nothing');

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text, origin)
                                   VALUES (%s, %s, ''x'', ''online'')', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_public'))),
          'TH403', 'the service enters no online contributions: those come through the form');
SELECT is(pg_temp.sqlstate(format('UPDATE contribution SET text = ''anders'' WHERE consultation_id = %s',
                                  pg_temp.fx('c_stadt_internal'))),
          '42501', 'the text of a contribution is not changed (no grant)');
SELECT is(pg_temp.sqlstate(format('UPDATE contribution SET moderation = ''rejected'' WHERE consultation_id = %s',
                                  pg_temp.fx('c_stadt_internal'))),
          '23514', 'a rejection needs a reason');
SELECT is(pg_temp.sqlstate(format('UPDATE consultation SET status = ''planned'' WHERE id = %s',
                                  pg_temp.fx('c_stadt_internal'))),
          'TH409', 'the status does not move back');
SELECT is(pg_temp.sqlstate(format('UPDATE consultation SET status = ''closed'' WHERE id = %s',
                                  pg_temp.fx('c_stadt_internal'))),
          'none', 'it moves forward');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text, moderation)
                                   VALUES (%s, %s, ''nachgetragen'', ''approved'')', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_internal'))),
          'none', 'a closed consultation still takes what the staff enter from the event');
SELECT is(pg_temp.sqlstate(format('UPDATE consultation SET status = ''evaluated'' WHERE id = %s',
                                  pg_temp.fx('c_stadt_internal'))),
          'none', 'evaluating');
SELECT is(pg_temp.sqlstate(format('INSERT INTO contribution (municipality_id, consultation_id, text, moderation)
                                   VALUES (%s, %s, ''spät'', ''approved'')', pg_temp.mid('05999004'),
                                  pg_temp.fx('c_stadt_internal'))),
          'TH409', 'an evaluated consultation takes no contributions');
RESET ROLE;
SELECT is((SELECT count(*) FROM contribution WHERE consultation_id = pg_temp.fx('c_stadt_internal')
             AND (author_name IS NOT NULL OR author_contact IS NOT NULL)),
          0::bigint, 'deletes the authors'' names and contacts of all its contributions');
SELECT is((SELECT count(*) FROM contribution WHERE consultation_id = pg_temp.fx('c_stadt_partners')
             AND author_name IS NOT NULL), 2::bigint, 'and of no other consultation');
SELECT is(pg_temp.sqlstate(format('UPDATE contribution SET author_name = ''neu'' WHERE consultation_id = %s',
                                  pg_temp.fx('c_stadt_partners'))),
          'TH409', 'the authors'' details are only ever deleted, even by the owner');

-- ---------------------------------------------------------------------
-- The public form (as nobody, through the definer function)
SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.sqlstate(format('SELECT * FROM public_contribution_submit(''05999004'', %s,
                                     ''{"text": "x"}'')', pg_temp.fx('c_stadt_partners'))),
          'TH404', 'the form does not reach a consultation that is not public');
SELECT is(pg_temp.sqlstate(format('SELECT * FROM public_contribution_submit(''05999008'', %s,
                                     ''{"text": "Online", "author_name": "A"}'')',
                                  pg_temp.fx('c_lingen'))),
          'none', 'it takes one for an open public online survey');
RESET ROLE;
SELECT is((SELECT origin || ',' || moderation || ',' || author_name FROM contribution
            WHERE consultation_id = pg_temp.fx('c_lingen') AND text = 'Online'),
          'online,pending,A', 'stored online and pending, with what the author gave');
SET LOCAL ROLE teilhabe_app;
SELECT is((SELECT array_agg(public_contribution_throttle('192.0.2.77', 2, 600) > 0 ORDER BY n)
             FROM generate_series(1, 3) n),
          '{f,f,t}', 'the throttle lets the limit through, then asks to wait');

SELECT * FROM finish();
ROLLBACK;
