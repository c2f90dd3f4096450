-- pgTAP, networks and organisation profiles (sql/schema/networks/, the
-- organisation policy of sql/schema/accounts/; tables of migration 011),
-- proved in SQL: who reads which networks and their members (officers
-- and steering group of a municipality a network spans, district admin,
-- a partner whose organisation is a member and not, another
-- municipality's officer, nobody); who changes, deletes and fills them;
-- who edits an organisation (its partners, officers of a municipality it
-- serves, never its district or creator); the language CHECK; the audit.
--
-- Runs as the cluster's superuser inside a transaction that is rolled
-- back, with the personas and helpers of lib/personas.sql.
BEGIN;
SELECT plan(29);
\ir lib/personas.sql

CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint NOT NULL);
GRANT SELECT ON fx TO teilhabe_app;
CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fx WHERE name = p_name $$;
CREATE FUNCTION pg_temp.org(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM organisation WHERE name = p_name $$;

-- Which fixture networks (by name, sorted) a query of network ids yields
-- as the current role.
CREATE FUNCTION pg_temp.seen(p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(DISTINCT f.name COLLATE "C" ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fx f ON f.id = q.id', p_sql) INTO r;
  RETURN r;
END
$$;

-- Fixtures: networks of Musterstadt (internal, partners, one internal
-- with the Caritas as member, one internal also spanning Musterlingen)
-- and a public one of Musterlingen.
INSERT INTO network (district_id, municipality_id, name, kind, visibility)
SELECT mu.district_id, mu.id, 'pgTAP ' || v.name, 'network', v.visibility
  FROM (VALUES
    ('n_stadt_internal', '05999004', 'internal'),
    ('n_stadt_partners', '05999004', 'partners'),
    ('n_stadt_member',   '05999004', 'internal'),
    ('n_shared',         '05999004', 'internal'),
    ('n_lingen_public',  '05999008', 'public')) AS v (name, ags, visibility)
  JOIN municipality mu ON mu.ags = v.ags;
INSERT INTO fx SELECT substr(name, 7), id FROM network WHERE name LIKE 'pgTAP n\_%';
INSERT INTO network_municipality (network_id, municipality_id)
SELECT n.id, n.municipality_id FROM network n WHERE n.id IN (SELECT id FROM pg_temp.fx)
UNION ALL SELECT pg_temp.fx('n_shared'), pg_temp.mid('05999008');
INSERT INTO network_member (network_id, organisation_id, role)
SELECT pg_temp.fx(v.n), pg_temp.org(v.o), 'member'
  FROM (VALUES ('n_stadt_member', 'Caritasverband für den Musterkreis e.V.'),
               ('n_stadt_internal', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.'),
               ('n_lingen_public', 'Volkshochschule Musterkreis')) AS v (n, o);

-- ---------------------------------------------------------------------
-- Reads
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('SELECT id FROM network'),
          '{n_lingen_public,n_shared,n_stadt_internal,n_stadt_member,n_stadt_partners}',
          'the officer reads every network of Musterstadt, and public ones');
SELECT is((SELECT count(*) FROM network_member WHERE network_id = pg_temp.fx('n_stadt_internal')),
          1::bigint, 'and their members');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('SELECT id FROM network'),
          '{n_lingen_public,n_shared,n_stadt_internal,n_stadt_member,n_stadt_partners}',
          'the steering group reads the same');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('SELECT id FROM network'), '{n_lingen_public,n_shared}',
          'Musterlingen''s officer reads those spanning Musterlingen only');
SELECT is((SELECT count(*) FROM network_member WHERE network_id = pg_temp.fx('n_stadt_internal')),
          0::bigint, 'and no member of the others');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('SELECT id FROM network'), '{n_lingen_public,n_stadt_member,n_stadt_partners}',
          'a partner reads those shared with partners or the public and those its organisation belongs to');
SELECT is((SELECT count(*) FROM network_member WHERE network_id = pg_temp.fx('n_stadt_internal')),
          0::bigint, 'not the members of an internal network it is not in');
SELECT is((SELECT count(*) FROM network_municipality WHERE network_id = pg_temp.fx('n_shared')),
          0::bigint, 'nor where such a network works');

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('SELECT id FROM network'), '{n_lingen_public}', 'nobody reads the public ones only');
SELECT is((SELECT count(*) FROM network_member WHERE network_id = pg_temp.fx('n_lingen_public')),
          1::bigint, 'with their members');

SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.seen('SELECT id FROM network'),
          '{n_lingen_public,n_shared,n_stadt_internal,n_stadt_member,n_stadt_partners}',
          'the district admin reads all');

-- ---------------------------------------------------------------------
-- Writes
SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed(format('UPDATE network SET purpose = %L WHERE id = %s', 'x', pg_temp.fx('n_stadt_internal'))),
          0, 'another municipality''s officer changes nothing of a network not working there');
SELECT is(pg_temp.changed(format('UPDATE network SET purpose = %L WHERE id = %s', 'gemeinsam', pg_temp.fx('n_shared'))),
          1, 'an officer of a municipality the network spans changes it');
SELECT is(pg_temp.changed(format('DELETE FROM network WHERE id = %s', pg_temp.fx('n_shared'))),
          0, 'but only the home municipality''s officers delete it');
SELECT is(pg_temp.sqlstate(format('INSERT INTO network_member (network_id, organisation_id, role) VALUES (%s, %s, ''member'')',
                                  pg_temp.fx('n_stadt_internal'), pg_temp.org('Volkshochschule Musterkreis'))),
          '42501', 'nor adds members to a network not working there');
SELECT is(pg_temp.sqlstate(format('INSERT INTO network_measure (network_id, municipality_id, measure_id)
                                   SELECT %s, municipality_id, id FROM measure WHERE municipality_id = %s LIMIT 1',
                                  pg_temp.fx('n_shared'), pg_temp.mid('05999004'))),
          '42501', 'nor links another municipality''s measure');

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate(format('INSERT INTO network (district_id, municipality_id, name, kind, created_by)
                                   VALUES (%s, %s, ''pgTAP fremd'', ''other'', %s)',
                                  (SELECT district_id FROM municipality WHERE ags = '05999004'),
                                  pg_temp.mid('05999008'), pg_temp.aid('officer_stadt'))),
          '42501', 'an officer makes no network at home in another municipality');
SELECT is(pg_temp.changed(format('DELETE FROM network WHERE id = %s', pg_temp.fx('n_stadt_partners'))),
          1, 'the home''s officer deletes one');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.changed(format('UPDATE network SET purpose = %L WHERE id = %s', 'x', pg_temp.fx('n_stadt_internal'))),
          0, 'the steering group changes no network');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.changed(format('UPDATE network SET purpose = %L WHERE id = %s', 'x', pg_temp.fx('n_stadt_member'))),
          0, 'a partner changes no network, not even one its organisation belongs to');
SELECT is(pg_temp.sqlstate(format('INSERT INTO network_member (network_id, organisation_id, role) VALUES (%s, %s, ''provider'')',
                                  pg_temp.fx('n_stadt_member'), pg_temp.org('Volkshochschule Musterkreis'))),
          '42501', 'nor adds members');

-- ---------------------------------------------------------------------
-- Organisation profiles
SELECT is(pg_temp.changed(format('UPDATE organisation SET description = %L WHERE id = %s', 'Fachdienst',
                                 pg_temp.org('Caritasverband für den Musterkreis e.V.'))),
          1, 'a partner edits its own organisation');
SELECT is(pg_temp.changed(format('UPDATE organisation SET description = %L WHERE id = %s', 'gekapert',
                                 pg_temp.org('Deutsch-Türkischer Kulturverein Musterstadt e.V.'))),
          0, 'and no other');
SELECT is(pg_temp.sqlstate(format('UPDATE organisation SET district_id = district_id WHERE id = %s',
                                  pg_temp.org('Caritasverband für den Musterkreis e.V.'))),
          '42501', 'never its district');
SELECT is(pg_temp.sqlstate(format('UPDATE organisation SET created_by = NULL WHERE id = %s',
                                  pg_temp.org('Caritasverband für den Musterkreis e.V.'))),
          '42501', 'nor who made it');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed(format('UPDATE organisation SET phone = %L WHERE id = %s', '+49 1',
                                 pg_temp.org('Deutsch-Türkischer Kulturverein Musterstadt e.V.'))),
          0, 'an officer edits no organisation that serves none of its municipalities');
SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.changed(format('UPDATE organisation SET phone = %L WHERE id = %s', '+49 1',
                                 pg_temp.org('Deutsch-Türkischer Kulturverein Musterstadt e.V.'))),
          1, 'but one serving its municipality');

RESET ROLE;
SELECT throws_ok(format('UPDATE organisation SET languages = ''{de,xx}'' WHERE id = %s',
                        pg_temp.org('Volkshochschule Musterkreis')),
                 '23514', NULL, 'languages are ISO 639-1 codes of the list, for the owner too');
SELECT ok(EXISTS (SELECT FROM audit_event WHERE table_name = 'network' AND row_id = pg_temp.fx('n_shared')::text
                     AND action = 'update' AND actor_account_id = pg_temp.aid('officer_lingen')),
          'changes of networks are audited with who made them');

SELECT * FROM finish();
ROLLBACK;
