-- pgTAP, recommendations (sql/schema/recommendations/; tables of
-- migration 010), proved in SQL: who reads which recommendations and
-- their links (officer, steering group, district admin, partner, another
-- municipality's officer, nobody); who writes; the composite keys across
-- municipalities; a response is whole; and the rule that an accepted
-- recommendation has at least one measure, at the end of every statement,
-- for every writer (the superuser too).
--
-- Runs as the cluster's superuser inside a transaction that is rolled
-- back, with the personas and helpers of lib/personas.sql. Reads are
-- compared on the fixtures only.
BEGIN;
SELECT plan(29);
\ir lib/personas.sql

CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint NOT NULL);
GRANT SELECT ON fx TO teilhabe_app;
CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fx WHERE name = p_name $$;

-- Which fixture recommendations (by name, sorted) a query of ids yields
-- as the current role.
CREATE FUNCTION pg_temp.seen(p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(f.name ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fx f ON f.id = q.id
                   WHERE f.name LIKE ''r\_%%''', p_sql) INTO r;
  RETURN r;
END
$$;

-- The fixtures: consultations of Musterstadt (internal, partners, public)
-- and of Musterlingen (internal); a recommendation from each, and one of
-- Musterstadt without a consultation; measures of both.
INSERT INTO consultation (municipality_id, kind, title, visibility, status)
SELECT pg_temp.mid(v.ags), 'integration_dialogue', 'pgTAP ' || v.name, v.visibility, 'open'
  FROM (VALUES ('c_stadt_internal', '05999004', 'internal'),
               ('c_stadt_partners', '05999004', 'partners'),
               ('c_stadt_public',   '05999004', 'public'),
               ('c_lingen',         '05999008', 'internal')) AS v (name, ags, visibility);
INSERT INTO fx SELECT substr(title, 7), id FROM consultation WHERE title LIKE 'pgTAP c\_%';
INSERT INTO contribution (municipality_id, consultation_id, text, moderation)
SELECT municipality_id, id, 'pgTAP Beitrag', 'approved' FROM consultation
 WHERE id = pg_temp.fx('c_lingen');
INSERT INTO fx SELECT 'k_lingen', id FROM contribution WHERE consultation_id = pg_temp.fx('c_lingen');

INSERT INTO recommendation (municipality_id, title, action_field_id)
SELECT pg_temp.mid(v.ags), 'pgTAP ' || v.name,
       (SELECT min(id) FROM action_field WHERE municipality_id = pg_temp.mid(v.ags))
  FROM (VALUES ('r_internal', '05999004'), ('r_partners', '05999004'),
               ('r_public', '05999004'), ('r_none', '05999004'),
               ('r_lingen', '05999008')) AS v (name, ags);
INSERT INTO fx SELECT substr(title, 7), id FROM recommendation WHERE title LIKE 'pgTAP r\_%';
INSERT INTO recommendation_consultation (municipality_id, recommendation_id, consultation_id)
VALUES (pg_temp.mid('05999004'), pg_temp.fx('r_internal'), pg_temp.fx('c_stadt_internal')),
       (pg_temp.mid('05999004'), pg_temp.fx('r_partners'), pg_temp.fx('c_stadt_partners')),
       (pg_temp.mid('05999004'), pg_temp.fx('r_public'), pg_temp.fx('c_stadt_public')),
       (pg_temp.mid('05999008'), pg_temp.fx('r_lingen'), pg_temp.fx('c_lingen'));
INSERT INTO fx
SELECT 'measure_stadt', m.id FROM measure m JOIN concept c ON c.id = m.concept_id
 WHERE c.municipality_id = pg_temp.mid('05999004') AND c.status = 'adopted'
 ORDER BY m.rank LIMIT 1;
INSERT INTO fx
SELECT 'measure_stadt2', m.id FROM measure m JOIN concept c ON c.id = m.concept_id
 WHERE c.municipality_id = pg_temp.mid('05999004') AND c.status = 'adopted'
 ORDER BY m.rank OFFSET 1 LIMIT 1;
INSERT INTO fx
SELECT 'measure_lingen', id FROM measure WHERE municipality_id = pg_temp.mid('05999008') LIMIT 1;

-- ---------------------------------------------------------------------
-- Reads
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('SELECT id FROM recommendation'),
          '{r_internal,r_none,r_partners,r_public}',
          'the officer reads every recommendation of Musterstadt, none of Musterlingen''s internal ones');
SELECT is(pg_temp.seen('SELECT recommendation_id FROM recommendation_consultation'),
          '{r_internal,r_partners,r_public}', 'and their consultation links');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('SELECT id FROM recommendation'),
          '{r_internal,r_none,r_partners,r_public}', 'the steering group reads them all');

SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.seen('SELECT id FROM recommendation'),
          '{r_internal,r_lingen,r_none,r_partners,r_public}',
          'the district admin reads those of every municipality of the district');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('SELECT id FROM recommendation'),
          '{r_none,r_partners,r_public}',
          'the partner reads those of consultations shared with partners or the public, and those without one');
SELECT is(pg_temp.seen('SELECT recommendation_id FROM recommendation_consultation'),
          '{r_partners,r_public}', 'and only their links');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('SELECT id FROM recommendation'),
          '{r_lingen,r_none,r_public}',
          'another municipality''s officer reads its own and Musterstadt''s public ones only');

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('SELECT id FROM recommendation'), '{r_none,r_public}',
          'nobody reads the public ones (public consultations, or none)');
SELECT is(pg_temp.seen('SELECT recommendation_id FROM recommendation_consultation'), '{r_public}',
          'and their links');

-- ---------------------------------------------------------------------
-- Writes
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate($$INSERT INTO recommendation (municipality_id, title, action_field_id)
                             VALUES (pg_temp.mid('05999004'), 'x',
                                     (SELECT min(id) FROM action_field
                                       WHERE municipality_id = pg_temp.mid('05999004')))$$),
          '42501', 'the steering group does not create recommendations');
SELECT is(pg_temp.changed(format('UPDATE recommendation SET response_kind = ''deferred'',
                                   response_reason = ''später'', decided_on = current_date
                                   WHERE id = %s', pg_temp.fx('r_public'))),
          1, 'the steering group responds');

SELECT is(pg_temp.sqlstate(format('UPDATE recommendation SET title = ''x'' WHERE id = %s',
                                  pg_temp.fx('r_public'))),
          'TH403', 'but does not rewrite one (the guard)');

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate(format('UPDATE recommendation SET response_kind = ''rejected'',
                                   response_reason = ''nein'', decided_on = current_date
                                   WHERE id = %s', pg_temp.fx('r_partners'))),
          'TH403', 'an officer records no response without the meeting that decided it');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.changed(format('UPDATE recommendation SET title = ''x'' WHERE id = %s',
                                 pg_temp.fx('r_partners'))),
          0, 'a partner changes nothing');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed(format('UPDATE recommendation SET title = ''x'' WHERE id = %s',
                                 pg_temp.fx('r_public'))),
          0, 'another municipality''s officer changes nothing');
SELECT is(pg_temp.sqlstate(format('INSERT INTO recommendation_measure
                                     (municipality_id, recommendation_id, measure_id)
                                   VALUES (%s, %s, %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('r_none'), pg_temp.fx('measure_stadt'))),
          '42501', 'nor links its measures');

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate(format('INSERT INTO recommendation_measure
                                     (municipality_id, recommendation_id, measure_id)
                                   VALUES (%s, %s, %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('r_none'), pg_temp.fx('measure_lingen'))),
          '23503', 'a measure of another municipality is refused by the composite key');
SELECT is(pg_temp.sqlstate(format('INSERT INTO recommendation_consultation
                                     (municipality_id, recommendation_id, consultation_id)
                                   VALUES (%s, %s, %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('r_none'), pg_temp.fx('c_lingen'))),
          '23503', 'so is a consultation of another municipality');
SELECT is(pg_temp.sqlstate(format('INSERT INTO recommendation_contribution
                                     (municipality_id, recommendation_id, contribution_id)
                                   VALUES (%s, %s, %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('r_none'), pg_temp.fx('k_lingen'))),
          '23503', 'and a contribution of another municipality');
RESET ROLE;
SELECT is(pg_temp.sqlstate(format('UPDATE meeting_item SET recommendation_id = %s
                                    WHERE id = (SELECT min(i.id) FROM meeting_item i
                                                  JOIN meeting m ON m.id = i.meeting_id
                                                 WHERE i.municipality_id = %s
                                                   AND m.minutes_status = ''draft'')',
                                  pg_temp.fx('r_lingen'), pg_temp.mid('05999004'))),
          '23503', 'an agenda item links no recommendation of another municipality');

-- ---------------------------------------------------------------------
-- A response is whole; accepted needs a measure
SELECT is(pg_temp.sqlstate(format('UPDATE recommendation SET response_kind = ''rejected''
                                    WHERE id = %s', pg_temp.fx('r_none'))),
          '23514', 'a response without reason and date is refused');

SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate(format('UPDATE recommendation SET response_kind = ''accepted'',
                                   response_reason = ''ja'', decided_on = current_date
                                   WHERE id = %s', pg_temp.fx('r_none'))),
          'TH422', 'accepting without a measure is refused for the service');
RESET ROLE;
SELECT is(pg_temp.sqlstate(format('UPDATE recommendation SET response_kind = ''accepted'',
                                   response_reason = ''ja'', decided_on = current_date
                                   WHERE id = %s', pg_temp.fx('r_none'))),
          'TH422', 'and for the superuser');
SELECT is((SELECT response_kind FROM recommendation WHERE id = pg_temp.fx('r_none')), NULL,
          'nothing was written');

SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate(format('INSERT INTO recommendation_measure
                                     (municipality_id, recommendation_id, measure_id)
                                   VALUES (%s, %s, %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('r_none'), pg_temp.fx('measure_stadt'))),
          'none', 'the steering group links a measure');
SELECT is(pg_temp.sqlstate(format('UPDATE recommendation SET response_kind = ''accepted'',
                                   response_reason = ''ja'', decided_on = current_date
                                   WHERE id = %s', pg_temp.fx('r_none'))),
          'none', 'then accepts');
SELECT is(pg_temp.sqlstate(format('DELETE FROM recommendation_measure WHERE recommendation_id = %s',
                                  pg_temp.fx('r_none'))),
          'TH422', 'the last measure of an accepted recommendation stays');
SELECT is(pg_temp.sqlstate(format('INSERT INTO recommendation_measure
                                     (municipality_id, recommendation_id, measure_id)
                                   VALUES (%s, %s, %s)', pg_temp.mid('05999004'),
                                  pg_temp.fx('r_none'), pg_temp.fx('measure_stadt2'))),
          'none', 'another measure is linked');
SELECT is(pg_temp.sqlstate(format('DELETE FROM recommendation_measure
                                    WHERE recommendation_id = %s AND measure_id = %s',
                                  pg_temp.fx('r_none'), pg_temp.fx('measure_stadt'))),
          'none', 'then the first may go');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
