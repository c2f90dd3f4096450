-- pgTAP, offers (sql/schema/offers/; the table of migration 012), proved
-- in SQL: who reads which offers (officer, steering group, district
-- admin, partner, another municipality's officer, nobody); who writes
-- which (partners only their organisation's, and cannot hand one on);
-- the slots CHECK; the stored document follows renames; the audit; the
-- German full text; the api_offer_* functions' answers.
--
-- Runs as the cluster's superuser inside a transaction that is rolled
-- back, with the personas and helpers of lib/personas.sql. Reads are
-- compared on the fixtures only.
BEGIN;
SELECT plan(27);
\ir lib/personas.sql

CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint NOT NULL);
GRANT SELECT ON fx TO teilhabe_app;
CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fx WHERE name = p_name $$;
CREATE FUNCTION pg_temp.org(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM organisation WHERE name = p_name $$;

-- Which fixture offers (by name, sorted) a query of ids yields.
CREATE FUNCTION pg_temp.seen(p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(f.name ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fx f ON f.id = q.id', p_sql) INTO r;
  RETURN r;
END
$$;

INSERT INTO offer (municipality_id, organisation_id, title, kind, visibility, valid_until)
SELECT pg_temp.mid(v.ags), pg_temp.org(v.org), 'pgTAP ' || v.name, 'counselling', v.visibility,
       v.until::date
  FROM (VALUES
    ('o_dtk_internal', '05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.', 'internal', NULL),
    ('o_dtk_partners', '05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.', 'partners', NULL),
    ('o_dtk_public', '05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.', 'public', NULL),
    ('o_ended', '05999004', 'Deutsch-Türkischer Kulturverein Musterstadt e.V.', 'public', '2020-01-31'),
    ('o_caritas_internal', '05999004', 'Caritasverband für den Musterkreis e.V.', 'internal', NULL),
    ('o_lingen_internal', '05999008', 'Integrationszentrum Musterlingen', 'internal', NULL),
    ('o_lingen_public', '05999008', 'Integrationszentrum Musterlingen', 'public', NULL)
  ) AS v (name, ags, org, visibility, until);
INSERT INTO fx SELECT substr(title, 7), id FROM offer WHERE title LIKE 'pgTAP o\_%';

-- ---------------------------------------------------------------------
-- Reads
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('SELECT id FROM offer'),
          '{o_caritas_internal,o_dtk_internal,o_dtk_partners,o_dtk_public,o_ended,o_lingen_public}',
          'the officer reads every offer of Musterstadt, of Musterlingen the public one');
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('SELECT id FROM offer'),
          '{o_caritas_internal,o_dtk_internal,o_dtk_partners,o_dtk_public,o_ended,o_lingen_public}',
          'so does the steering group');
SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.seen('SELECT id FROM offer'),
          '{o_caritas_internal,o_dtk_internal,o_dtk_partners,o_dtk_public,o_ended,o_lingen_internal,o_lingen_public}',
          'the district admin reads every offer of the district');
SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('SELECT id FROM offer'),
          '{o_caritas_internal,o_dtk_partners,o_dtk_public,o_ended,o_lingen_public}',
          'the partner reads shared and public offers and its organisation''s internal one');
SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('SELECT id FROM offer'),
          '{o_dtk_public,o_ended,o_lingen_internal,o_lingen_public}',
          'another municipality''s officer reads its own and Musterstadt''s public ones');
SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('SELECT id FROM offer'), '{o_dtk_public,o_ended,o_lingen_public}',
          'nobody reads the public ones');
SELECT is(pg_temp.seen('SELECT id FROM offer o WHERE o.visibility = ''public''
                          AND (o.valid_until IS NULL OR o.valid_until >= offer_today())'),
          '{o_dtk_public,o_lingen_public}', 'the directory''s condition leaves the ended one out');

-- ---------------------------------------------------------------------
-- Writes
SELECT is(pg_temp.sqlstate($$INSERT INTO offer (municipality_id, organisation_id, title, kind)
                             VALUES (pg_temp.mid('05999004'), pg_temp.org('Caritasverband für den Musterkreis e.V.'), 'x', 'other')$$),
          '42501', 'nobody writes offers');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate($$INSERT INTO offer (municipality_id, organisation_id, title, kind)
                             VALUES (pg_temp.mid('05999004'), pg_temp.org('Caritasverband für den Musterkreis e.V.'), 'x', 'other')$$),
          '42501', 'the steering group creates no offer');
SELECT is(pg_temp.changed(format('UPDATE offer SET title = ''x'' WHERE id = %s', pg_temp.fx('o_dtk_public'))),
          0, 'nor changes one');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.sqlstate($$INSERT INTO offer (municipality_id, organisation_id, title, kind)
                             VALUES (pg_temp.mid('05999004'), pg_temp.org('Caritasverband für den Musterkreis e.V.'), 'pgTAP Caritas neu', 'other')$$),
          'none', 'the partner creates an offer of its organisation');
SELECT is(pg_temp.sqlstate($$INSERT INTO offer (municipality_id, organisation_id, title, kind)
                             VALUES (pg_temp.mid('05999004'), pg_temp.org('Deutsch-Türkischer Kulturverein Musterstadt e.V.'), 'x', 'other')$$),
          '42501', 'but none of another organisation');
SELECT is(pg_temp.changed(format('UPDATE offer SET title = ''x'' WHERE id IN (%s, %s)',
                                 pg_temp.fx('o_dtk_partners'), pg_temp.fx('o_dtk_public'))),
          0, 'it changes no other organisation''s offer it sees');
SELECT is(pg_temp.changed(format('DELETE FROM offer WHERE id = %s', pg_temp.fx('o_dtk_public'))),
          0, 'nor deletes one');
SELECT is(pg_temp.changed(format('UPDATE offer SET languages = ''{de,ar}'' WHERE id = %s',
                                 pg_temp.fx('o_caritas_internal'))),
          1, 'it changes its organisation''s offer');
SELECT is(pg_temp.sqlstate(format('UPDATE offer SET organisation_id = %s WHERE id = %s',
                                  pg_temp.org('Deutsch-Türkischer Kulturverein Musterstadt e.V.'),
                                  pg_temp.fx('o_caritas_internal'))),
          '42501', 'but does not hand it to another organisation');
SELECT is(pg_temp.sqlstate(format($$SELECT api_offer_create('05999004', '{"organisation_id": "%s", "title": "x", "kind": "other"}')$$,
                                  pg_temp.org('Deutsch-Türkischer Kulturverein Musterstadt e.V.'))),
          'TH403', 'api_offer_create answers TH403 for another organisation');
SELECT is(pg_temp.sqlstate($$SELECT api_offer_create('05999004', '{"organisation_id": "999999999", "title": "x", "kind": "other"}')$$),
          'TH422', 'and TH422 for an organisation that does not exist');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed(format('UPDATE offer SET title = ''x'' WHERE id = %s', pg_temp.fx('o_dtk_public'))),
          0, 'another municipality''s officer changes none of Musterstadt''s offers');

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.changed(format('UPDATE offer SET title = ''pgTAP Beratungsstunde'' WHERE id = %s',
                                 pg_temp.fx('o_dtk_internal'))),
          1, 'the officer changes any offer of the municipality');
SELECT is(pg_temp.changed(format('DELETE FROM offer WHERE id = %s', pg_temp.fx('o_dtk_partners'))),
          1, 'and deletes one');
RESET ROLE;

-- ---------------------------------------------------------------------
-- The table's own rules
SELECT throws_ok(format($$UPDATE offer SET slots = '[{"weekday": "mon", "starts": "12:00", "ends": "09:00"}]' WHERE id = %s$$,
                        pg_temp.fx('o_dtk_public')),
                 '23514', NULL, 'the CHECK refuses a slot that ends before it starts, for every writer');
SELECT ok(offer_slots_valid('[{"weekday": "sun", "starts": "00:00", "ends": "23:59"}]')
          AND NOT offer_slots_valid('[{"weekday": "sun", "starts": "00:00", "ends": "23:59", "x": 1}]')
          AND NOT offer_slots_valid('{"weekday": "sun"}')
          AND NOT offer_slots_valid('[{"weekday": "sonntag", "starts": "00:00", "ends": "01:00"}]')
          AND offer_slots_valid('[]'),
          'offer_slots_valid: a list of {weekday, starts, ends}, nothing else');
SELECT is((SELECT doc -> 'organisation' ->> 'name' FROM offer WHERE id = pg_temp.fx('o_lingen_public')),
          'Integrationszentrum Musterlingen', 'the stored document names the organisation');
UPDATE organisation SET name = 'Integrationszentrum Musterlingen (neu)'
 WHERE name = 'Integrationszentrum Musterlingen';
SELECT is((SELECT doc -> 'organisation' ->> 'name' FROM offer WHERE id = pg_temp.fx('o_lingen_public')),
          'Integrationszentrum Musterlingen (neu)', 'and follows its renaming');
SELECT is((SELECT string_agg(action, ',' ORDER BY id) FROM audit_event
            WHERE table_name = 'offer' AND row_id = pg_temp.fx('o_dtk_partners')::text),
          'insert,delete', 'the audit log keeps the offer''s insert and delete');
SELECT is(pg_temp.truth($$SELECT id FROM offer WHERE search @@ app_search_query('Beratungen')
                          AND title LIKE 'pgTAP%'$$),
          ARRAY[pg_temp.fx('o_dtk_internal')], 'German full text: "Beratungen" finds "Beratungsstunde"');

SELECT * FROM finish();
ROLLBACK;
