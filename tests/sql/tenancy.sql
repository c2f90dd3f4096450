-- pgTAP, tenancy (sql/schema/tenancy/): the district's and the
-- municipalities' constraints, and the two roles' privileges.
-- Runs as the cluster's superuser inside a transaction that is rolled back.
BEGIN;
SELECT plan(22);

-- the service role is deliberately powerless
SELECT ok(NOT rolsuper, 'the service role is no superuser')
  FROM pg_roles WHERE rolname = 'teilhabe_app';
SELECT ok(NOT rolbypassrls, 'the service role cannot bypass row-level security')
  FROM pg_roles WHERE rolname = 'teilhabe_app';
SELECT is((SELECT count(*)::int FROM pg_class c
            WHERE c.relowner = 'teilhabe_app'::regrole),
          0, 'the service role owns no table, view or sequence');
SELECT is((SELECT count(*)::int FROM pg_proc p
            WHERE p.proowner = 'teilhabe_app'::regrole),
          0, 'the service role owns no function');
SELECT is(ARRAY(SELECT relname::text FROM pg_class
                 WHERE relnamespace = 'public'::regnamespace
                   AND relkind = 'r' AND relname <> 'schema_migration'
                   AND NOT (relrowsecurity AND relforcerowsecurity)
                 ORDER BY 1),
          '{}'::text[], 'every table forces row-level security');
SELECT ok(NOT has_table_privilege('teilhabe_app', 'schema_migration', 'SELECT'),
          'the service role cannot read the migration record');
SELECT ok(NOT has_schema_privilege('teilhabe_app', 'public', 'CREATE'),
          'the service role cannot create objects');
SELECT table_privs_are('public', 'municipality', 'teilhabe_app', ARRAY['SELECT'],
                       'the service role may only read municipalities');
SELECT table_privs_are('public', 'district', 'teilhabe_app', ARRAY['SELECT'],
                       'the service role may only read districts');

-- constraints
INSERT INTO district (code, name) VALUES ('09998', 'Testkreis');
SELECT throws_ok($$INSERT INTO district (code, name) VALUES ('1234', 'Kurz')$$,
                 '23514', NULL, 'a district code has five digits');
SELECT throws_ok($$INSERT INTO municipality (district_id, ags, name)
                   SELECT id, '0999800', 'Sieben' FROM district WHERE code = '09998'$$,
                 '23514', NULL, 'an AGS has eight digits');
SELECT throws_ok($$INSERT INTO municipality (district_id, ags, name)
                   SELECT id, '0999800A', 'Buchstabe' FROM district WHERE code = '09998'$$,
                 '23514', NULL, 'an AGS has digits only');
SELECT throws_ok($$INSERT INTO municipality (district_id, ags, name)
                   SELECT id, '06999004', 'Fremd' FROM district WHERE code = '09998'$$,
                 '23514', NULL, 'an AGS begins with its district''s code');
SELECT lives_ok($$INSERT INTO municipality (district_id, ags, name, population)
                  SELECT id, '09998001', 'Testdorf', 100 FROM district WHERE code = '09998'$$,
                'a valid municipality is accepted');
SELECT throws_ok($$INSERT INTO municipality (district_id, ags, name)
                   SELECT id, '09998001', 'Doppelt' FROM district WHERE code = '09998'$$,
                 '23505', NULL, 'an AGS is unique');
SELECT throws_ok($$UPDATE municipality SET population = -1 WHERE ags = '09998001'$$,
                 '23514', NULL, 'a population is not negative');
SELECT throws_ok($$UPDATE municipality SET foreign_share = 100.5 WHERE ags = '09998001'$$,
                 '23514', NULL, 'a share is a percentage');
SELECT throws_ok($$UPDATE municipality SET name = '  ' WHERE ags = '09998001'$$,
                 '23514', NULL, 'a municipality has a name');

-- the service role, from the inside
SET ROLE teilhabe_app;
SELECT ok((SELECT count(*) FROM municipality_doc WHERE ags = '09998001') = 1,
          'the service role reads municipalities through the API view');
SELECT throws_ok($$INSERT INTO district (code, name) VALUES ('09997', 'Neu')$$,
                 '42501', NULL, 'the service role cannot add districts');
SELECT throws_ok($$UPDATE municipality SET population = 1$$,
                 '42501', NULL, 'the service role cannot change municipalities');
SELECT throws_ok($$DELETE FROM municipality$$,
                 '42501', NULL, 'the service role cannot delete municipalities');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
