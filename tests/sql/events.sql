-- pgTAP, events (sql/schema/events/; tables of migration 013), proved in
-- SQL: who reads which events and their links (officer, steering group,
-- district admin, partner, another municipality's officer, nobody); who
-- writes (officers of a municipality the event is shown in, partners only
-- for events their organisation organises); the guards (participants and
-- "held" only once started, for every writer); SEQUENCE rises with what
-- a calendar shows and nothing else; the feed version rises with every
-- change; the CHECKs (end before start, all-day dates).
--
-- Runs as the cluster's superuser inside a transaction that is rolled
-- back, with the personas and helpers of lib/personas.sql. Reads are
-- compared on the fixtures only.
BEGIN;
SELECT plan(32);
\ir lib/personas.sql

CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint NOT NULL);
GRANT SELECT ON fx TO teilhabe_app;
CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fx WHERE name = p_name $$;

-- Which fixture events (by name, sorted) a query of ids yields as the
-- current role.
CREATE FUNCTION pg_temp.seen(p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(DISTINCT f.name COLLATE "C" ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fx f ON f.id = q.id
                   WHERE f.name LIKE ''e\_%%''', p_sql) INTO r;
  RETURN r;
END
$$;

-- The fixtures: events of Musterstadt (internal by the DTKV, internal by
-- the Caritas, partners, public, public shown in Musterlingen too) and of
-- Musterlingen (internal).
INSERT INTO fx SELECT 'caritas', id FROM organisation WHERE name = 'Caritasverband für den Musterkreis e.V.';
INSERT INTO fx SELECT 'dtkv', id FROM organisation WHERE name = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';
INSERT INTO event (municipality_id, title, starts_at, ends_at, visibility)
SELECT pg_temp.mid(v.ags), 'pgTAP ' || v.name, now() + interval '7 days',
       now() + interval '7 days 2 hours', v.visibility
  FROM (VALUES ('e_internal_dtkv', '05999004', 'internal'),
               ('e_internal_caritas', '05999004', 'internal'),
               ('e_partners', '05999004', 'partners'),
               ('e_public', '05999004', 'public'),
               ('e_shared', '05999004', 'public'),
               ('e_lingen', '05999008', 'internal')) AS v (name, ags, visibility);
INSERT INTO fx SELECT substr(title, 7), id FROM event WHERE title LIKE 'pgTAP e\_%';
INSERT INTO event_municipality (municipality_id, event_id, shown_in)
SELECT municipality_id, id, municipality_id FROM event WHERE title LIKE 'pgTAP e\_%';
INSERT INTO event_municipality (municipality_id, event_id, shown_in)
VALUES (pg_temp.mid('05999004'), pg_temp.fx('e_shared'), pg_temp.mid('05999008'));
INSERT INTO event_organiser (municipality_id, event_id, organisation_id)
SELECT e.municipality_id, e.id, CASE WHEN f.name = 'e_internal_caritas' THEN pg_temp.fx('caritas')
                                     ELSE pg_temp.fx('dtkv') END
  FROM event e JOIN fx f ON f.id = e.id WHERE f.name LIKE 'e\_%';

-- ---------------------------------------------------------------------
-- Reads
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('SELECT id FROM event'),
          '{e_internal_caritas,e_internal_dtkv,e_partners,e_public,e_shared}',
          'the officer reads every event shown in Musterstadt, not Musterlingen''s internal one');
SELECT is(pg_temp.seen('SELECT event_id FROM event_organiser'),
          '{e_internal_caritas,e_internal_dtkv,e_partners,e_public,e_shared}', 'and their organisers');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('SELECT id FROM event'),
          '{e_internal_caritas,e_internal_dtkv,e_partners,e_public,e_shared}',
          'the steering group reads them all');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('SELECT id FROM event'), '{e_lingen,e_public,e_shared}',
          'Musterlingen''s officer reads its own, the one shown there, and public ones');

SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.seen('SELECT id FROM event'),
          '{e_internal_caritas,e_internal_dtkv,e_lingen,e_partners,e_public,e_shared}',
          'the district admin reads every event of the district');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('SELECT id FROM event'),
          '{e_internal_caritas,e_partners,e_public,e_shared}',
          'the partner reads partners and public events and its organisation''s internal one');
SELECT is(pg_temp.seen('SELECT event_id FROM event_municipality'),
          '{e_internal_caritas,e_partners,e_public,e_shared}', 'and only their links');

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('SELECT id FROM event'), '{e_public,e_shared}', 'nobody reads the public ones');
SELECT is(pg_temp.seen('SELECT event_id FROM event_organiser'), '{e_public,e_shared}', 'and their organisers');
SELECT is(pg_temp.seen('SELECT id::bigint FROM event_feed(NULL, NULL, NULL, NULL, NULL)'), '{e_public,e_shared}',
          'the district feed holds the public ones');
SELECT is(pg_temp.seen($$SELECT id::bigint FROM event_feed('05999008', NULL, NULL, NULL, NULL)$$), '{e_shared}',
          'Musterlingen''s feed the one shown there');

-- ---------------------------------------------------------------------
-- Writes
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.changed(format('UPDATE event SET title = ''x'' WHERE id = %s', pg_temp.fx('e_public'))),
          0, 'the steering group changes no event');
SELECT is(pg_temp.sqlstate($$INSERT INTO event (municipality_id, title, starts_at)
                             VALUES (pg_temp.mid('05999004'), 'x', now())$$),
          '42501', 'nor creates one');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.changed(format('UPDATE event SET place = ''Pfarrheim'' WHERE id = %s',
                                 pg_temp.fx('e_internal_caritas'))),
          1, 'a partner changes an event its organisation organises');
SELECT is(pg_temp.changed(format('UPDATE event SET place = ''x'' WHERE id = %s', pg_temp.fx('e_partners'))),
          0, 'not one of another organisation it may read');
SELECT is(pg_temp.changed(format('DELETE FROM event WHERE id = %s', pg_temp.fx('e_public'))),
          0, 'nor deletes one');
SELECT is(pg_temp.sqlstate(format('INSERT INTO event_organiser (municipality_id, event_id, organisation_id)
                                   VALUES (pg_temp.mid(''05999004''), %s, %s)',
                                  pg_temp.fx('e_partners'), pg_temp.fx('caritas'))),
          '42501', 'nor makes itself an organiser (links are written by event_set_links only)');
SELECT is(pg_temp.sqlstate(format($$SELECT event_set_links(%s, '{"organiser_ids": ["%s"]}')$$,
                                  pg_temp.fx('e_partners'), pg_temp.fx('caritas'))),
          'TH403', 'nor through event_set_links, for an event it may not change');
SELECT is(pg_temp.sqlstate(format($$SELECT event_set_links(%s, '{"organiser_ids": ["%s", "%s"]}')$$,
                                  pg_temp.fx('e_internal_caritas'), pg_temp.fx('caritas'), pg_temp.fx('dtkv'))),
          'none', 'but for its own organisation''s event');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed(format('UPDATE event SET place = ''Bürgerhaus'' WHERE id = %s', pg_temp.fx('e_shared'))),
          1, 'an officer changes an event shown in its municipality');
SELECT is(pg_temp.changed(format('UPDATE event SET place = ''x'' WHERE id = %s', pg_temp.fx('e_public'))),
          0, 'not one only of Musterstadt');
SELECT is(pg_temp.sqlstate($$INSERT INTO event (municipality_id, title, starts_at)
                             VALUES (pg_temp.mid('05999004'), 'x', now())$$),
          '42501', 'nor creates one in Musterstadt');

-- ---------------------------------------------------------------------
-- Guards, SEQUENCE, the feed version, the CHECKs
SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate(format('UPDATE event SET participant_count = 12 WHERE id = %s', pg_temp.fx('e_public'))),
          'TH422', 'no participants before the start');
SELECT is(pg_temp.sqlstate(format('UPDATE event SET status = ''held'' WHERE id = %s', pg_temp.fx('e_public'))),
          'TH422', 'not held before the start');
SELECT is(pg_temp.changed(format('UPDATE event SET starts_at = now() - interval ''2 hours'', ends_at = now() - interval ''1 hour'',
                                  status = ''held'', participant_count = 12 WHERE id = %s', pg_temp.fx('e_public'))),
          1, 'once started, both');
SELECT is((SELECT sequence FROM event WHERE id = pg_temp.fx('e_public')), 1,
          'a change of times and status raised SEQUENCE once');
SELECT is(pg_temp.changed(format('UPDATE event SET visibility = ''partners'', participant_count = 14,
                                  target_groups = ''{youth}'' WHERE id = %s', pg_temp.fx('e_public'))),
          1, 'a change a calendar does not show');
SELECT is((SELECT sequence FROM event WHERE id = pg_temp.fx('e_public')), 1, 'leaves SEQUENCE');

RESET ROLE;
SELECT is(pg_temp.sqlstate($$INSERT INTO event (municipality_id, title, starts_at, participant_count)
                             VALUES (pg_temp.mid('05999004'), 'x', now() + interval '1 day', 3)$$),
          'TH422', 'the guard holds for the owner too (demo data)');
SELECT is(pg_temp.sqlstate($$INSERT INTO event (municipality_id, title, starts_at, ends_at)
                             VALUES (pg_temp.mid('05999004'), 'x', now(), now() - interval '1 hour')$$),
          '23514', 'an event does not end before it starts');
SELECT is(pg_temp.sqlstate($$INSERT INTO event (municipality_id, title, starts_at, all_day)
                             VALUES (pg_temp.mid('05999004'), 'x', now(), true)$$),
          '23514', 'an all-day event has its dates');

CREATE TEMP TABLE v0 AS SELECT version FROM event_feed_state;
UPDATE event SET title = 'pgTAP geändert' WHERE id = pg_temp.fx('e_shared');
SELECT cmp_ok((SELECT version FROM event_feed_state), '>', (SELECT version FROM v0),
              'a change raises the feeds'' version');

SELECT * FROM finish();
ROLLBACK;
