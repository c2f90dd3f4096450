-- pgTAP, meetings (sql/schema/meetings/; tables of migration 007), proved
-- in SQL: who reads which meetings and their parts (officer, steering
-- group, district admin, partner, another municipality's officer, nobody);
-- who writes what; the guards (approved minutes are final for items,
-- minutes, attendees and decisions, also for statements that bypass the
-- api functions and for the owner; corrections only after the approval;
-- the steering group only approves); the composite keys across
-- municipalities; the version; and the meeting a decision's audit events
-- name.
--
-- Runs as the cluster's superuser inside a transaction that is rolled
-- back, with the personas and helpers of lib/personas.sql. The fixtures
-- are made here as the superuser next to the demo data; reads are
-- compared on the fixtures only.
BEGIN;
SELECT plan(67);
\ir lib/personas.sql

CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint NOT NULL);
GRANT SELECT ON fx TO teilhabe_app;
CREATE FUNCTION pg_temp.fx(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.fx WHERE name = p_name $$;

-- Which fixture meetings (by name, sorted) a query of meeting ids yields
-- as the current role.
CREATE FUNCTION pg_temp.seen(p_sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  r text[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(f.name ORDER BY f.name COLLATE "C"), ''{}'')
                    FROM (%s) AS q (id) JOIN pg_temp.fx f ON f.id = q.id
                   WHERE f.name LIKE ''m\_%%''', p_sql) INTO r;
  RETURN r;
END
$$;

-- The fixtures: meetings of Musterstadt (internal, partners, public, one
-- with approved minutes) and of Musterlingen, each with an item, an
-- attendee and a decision.
INSERT INTO meeting (municipality_id, kind, title, starts_at, status, visibility)
SELECT pg_temp.mid(v.ags), 'steering_group', 'pgTAP ' || v.name, now() - interval '7 days',
       'held', v.visibility
  FROM (VALUES
    ('m_stadt_internal', '05999004', 'internal'),
    ('m_stadt_partners', '05999004', 'partners'),
    ('m_stadt_public',   '05999004', 'public'),
    ('m_stadt_approved', '05999004', 'internal'),
    ('m_lingen',         '05999008', 'internal'),
    ('m_lingen_partners', '05999008', 'partners')) AS v (name, ags, visibility);
INSERT INTO fx SELECT substr(title, 7), id FROM meeting WHERE title LIKE 'pgTAP m\_%';
INSERT INTO meeting_item (municipality_id, meeting_id, position, title, minutes)
SELECT municipality_id, id, 1, 'pgTAP i_' || substr(title, 9), 'Protokoll'
  FROM meeting WHERE id IN (SELECT id FROM pg_temp.fx WHERE name LIKE 'm\_%');
INSERT INTO fx SELECT substr(title, 7), id FROM meeting_item WHERE title LIKE 'pgTAP i\_%';
INSERT INTO meeting_attendee (municipality_id, meeting_id, position, name)
SELECT municipality_id, id, 1, 'Gast' FROM meeting WHERE id IN (SELECT id FROM pg_temp.fx WHERE name LIKE 'm\_%');
INSERT INTO meeting_decision (municipality_id, meeting_id, text)
SELECT municipality_id, id, 'Beschluss' FROM meeting WHERE id IN (SELECT id FROM pg_temp.fx WHERE name LIKE 'm\_%');
UPDATE meeting SET minutes_status = 'approved' WHERE id = pg_temp.fx('m_stadt_approved');
-- a proposed measure of Musterstadt's adopted concept, and one of Musterlingen
INSERT INTO fx
SELECT 'measure_stadt', m.id FROM measure m JOIN concept c ON c.id = m.concept_id
 WHERE c.municipality_id = pg_temp.mid('05999004') AND c.status = 'adopted'
   AND m.status = 'proposed' ORDER BY m.rank LIMIT 1;
INSERT INTO fx
SELECT 'measure_lingen', id FROM measure WHERE municipality_id = pg_temp.mid('05999008') LIMIT 1;

SELECT is((SELECT minutes_approved_at IS NOT NULL FROM meeting WHERE id = pg_temp.fx('m_stadt_approved')),
          true, 'approving sets minutes_approved_at');
SELECT cmp_ok((SELECT version FROM meeting WHERE id = pg_temp.fx('m_stadt_internal')), '>', 1,
              'adding parts raised the version');

-- ---------------------------------------------------------------------
-- Reads
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.seen('SELECT id FROM meeting'),
          '{m_stadt_approved,m_stadt_internal,m_stadt_partners,m_stadt_public}',
          'the officer reads every meeting of Musterstadt, none of Musterlingen');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_item'),
          '{m_stadt_approved,m_stadt_internal,m_stadt_partners,m_stadt_public}',
          'and their items');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_attendee'),
          '{m_stadt_approved,m_stadt_internal,m_stadt_partners,m_stadt_public}',
          'attendees');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_decision'),
          '{m_stadt_approved,m_stadt_internal,m_stadt_partners,m_stadt_public}',
          'and decisions');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.seen('SELECT id FROM meeting'),
          '{m_stadt_approved,m_stadt_internal,m_stadt_partners,m_stadt_public}',
          'the steering group reads every meeting of Musterstadt');

SELECT pg_temp.act_as('dadm');
SELECT is(pg_temp.seen('SELECT id FROM meeting'),
          '{m_lingen,m_lingen_partners,m_stadt_approved,m_stadt_internal,m_stadt_partners,m_stadt_public}',
          'the district admin reads the meetings of every municipality of the district');

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.seen('SELECT id FROM meeting'),
          '{m_lingen_partners,m_stadt_partners,m_stadt_public}',
          'the partner reads the meetings shared with partners or the public, where it is a partner');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_item'),
          '{m_lingen_partners,m_stadt_partners,m_stadt_public}', 'their items only');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_decision'),
          '{m_lingen_partners,m_stadt_partners,m_stadt_public}', 'their decisions only');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_attendee'),
          '{m_lingen_partners,m_stadt_partners,m_stadt_public}', 'their attendees only');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.seen('SELECT id FROM meeting'), '{m_lingen,m_lingen_partners,m_stadt_public}',
          'Musterlingen''s officer reads Musterlingen''s meetings and public ones only');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_item'), '{m_lingen,m_lingen_partners,m_stadt_public}',
          'and no item of Musterstadt''s other meetings');

SELECT pg_temp.act_as(NULL);
SELECT is(pg_temp.seen('SELECT id FROM meeting'), '{m_stadt_public}',
          'nobody reads only the public meetings');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_item'), '{m_stadt_public}',
          'and their agenda');
SELECT is(pg_temp.seen('SELECT meeting_id FROM meeting_attendee'), '{}',
          'but no attendees: people are not published');
SELECT is((SELECT meeting_public_doc(m) -> 'items' -> 0 ->> 'minutes' FROM meeting m
            WHERE id = pg_temp.fx('m_stadt_public')), NULL,
          'the public document hides draft minutes');

-- ---------------------------------------------------------------------
-- Writes through the policies
SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting (municipality_id, kind, title, starts_at)
                             VALUES (pg_temp.mid('05999004'), 'other', 'pgTAP neu', now())$$),
          'none', 'the officer creates a meeting');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting (municipality_id, kind, title, starts_at)
                             VALUES (pg_temp.mid('05999008'), 'other', 'pgTAP fremd', now())$$),
          '42501', 'but none in Musterlingen');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting (municipality_id, kind, title, starts_at, minutes_status)
                             VALUES (pg_temp.mid('05999004'), 'other', 'pgTAP x', now(), 'approved')$$),
          '42501', 'and cannot set the minutes status on creation (no privilege)');
SELECT is(pg_temp.sqlstate($$UPDATE meeting SET version = 99 WHERE id = pg_temp.fx('m_stadt_internal')$$),
          '42501', 'the version is not the service''s to set');
SELECT is(pg_temp.changed($$UPDATE meeting SET place = 'Rathaus' WHERE id = pg_temp.fx('m_stadt_internal')$$),
          1, 'the officer changes a meeting');
SELECT is(pg_temp.sqlstate($$UPDATE meeting SET minutes_status = 'approved'
                             WHERE id = pg_temp.fx('m_stadt_internal')$$),
          'TH403', 'but does not approve its minutes');
SELECT is(pg_temp.changed($$UPDATE meeting_item SET minutes = 'neu' WHERE id = pg_temp.fx('i_stadt_internal')$$),
          1, 'the officer writes the minutes of a draft');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_item (municipality_id, meeting_id, position, title, measure_id)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_internal'), 5, 'fremd',
                                     pg_temp.fx('measure_lingen'))$$),
          '23503', 'an item cannot link a measure of another municipality (composite key)');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_decision (municipality_id, meeting_id, item_id, text)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_internal'),
                                     pg_temp.fx('i_stadt_partners'), 'fremd')$$),
          '23503', 'a decision cannot hang under another meeting''s item');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_decision (municipality_id, meeting_id, text, measure_id)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_internal'), 'fremd',
                                     pg_temp.fx('measure_lingen'))$$),
          '23503', 'nor name a measure of another municipality');

SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting (municipality_id, kind, title, starts_at)
                             VALUES (pg_temp.mid('05999004'), 'other', 'pgTAP Bgm', now())$$),
          '42501', 'the steering group creates no meeting');
SELECT is(pg_temp.sqlstate($$UPDATE meeting SET title = 'anders' WHERE id = pg_temp.fx('m_stadt_internal')$$),
          'TH403', 'nor changes one');
SELECT is(pg_temp.changed($$UPDATE meeting_item SET minutes = 'Bgm' WHERE id = pg_temp.fx('i_stadt_internal')$$),
          0, 'nor the minutes (no policy lets it)');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_decision (municipality_id, meeting_id, text, decided_by)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_internal'), 'Bgm',
                                     app_account_id())$$),
          'none', 'it records decisions');
SELECT is(pg_temp.sqlstate($$UPDATE meeting SET minutes_status = 'approved'
                             WHERE id = pg_temp.fx('m_stadt_partners')$$),
          'none', 'and approves minutes');
RESET ROLE;
SELECT is((SELECT minutes_approved_by FROM meeting WHERE id = pg_temp.fx('m_stadt_partners')),
          pg_temp.aid('steering_stadt'), 'the approval names who approved');
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('partner');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting (municipality_id, kind, title, starts_at)
                             VALUES (pg_temp.mid('05999004'), 'other', 'pgTAP Partner', now())$$),
          '42501', 'a partner creates no meeting');
SELECT is(pg_temp.changed($$UPDATE meeting SET title = 'x' WHERE id = pg_temp.fx('m_stadt_public')$$),
          0, 'changes none');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_decision (municipality_id, meeting_id, text)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_public'), 'x')$$),
          '42501', 'records no decision');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_item (municipality_id, meeting_id, position, title)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_public'), 9, 'x')$$),
          '42501', 'and adds no item');

SELECT pg_temp.act_as('officer_lingen');
SELECT is(pg_temp.changed($$UPDATE meeting SET title = 'x' WHERE id = pg_temp.fx('m_stadt_internal')$$),
          0, 'another municipality''s officer changes nothing');
SELECT is(pg_temp.changed($$DELETE FROM meeting_item WHERE id = pg_temp.fx('i_stadt_internal')$$),
          0, 'and deletes nothing');

-- ---------------------------------------------------------------------
-- Approved minutes are final, whoever tries and however
SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate($$UPDATE meeting_item SET minutes = 'geändert' WHERE id = pg_temp.fx('i_stadt_approved')$$),
          'TH409', 'approved minutes: an item''s minutes do not change');
SELECT is(pg_temp.sqlstate($$DELETE FROM meeting_item WHERE id = pg_temp.fx('i_stadt_approved')$$),
          'TH409', 'an item is not removed');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_item (municipality_id, meeting_id, position, title)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_approved'), 2, 'Nachtrag')$$),
          'TH409', 'no item is added');
SELECT is(pg_temp.sqlstate($$DELETE FROM meeting_attendee WHERE meeting_id = pg_temp.fx('m_stadt_approved')$$),
          'TH409', 'attendees are not removed');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_attendee (municipality_id, meeting_id, position, name)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_approved'), 2, 'Nachzügler')$$),
          'TH409', 'nor added');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_decision (municipality_id, meeting_id, text)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_approved'), 'nachträglich')$$),
          'TH409', 'no decision is added');
SELECT is(pg_temp.sqlstate($$UPDATE meeting SET minutes_status = 'draft', minutes_approved_at = NULL
                             WHERE id = pg_temp.fx('m_stadt_approved')$$),
          'TH409', 'and the approval is not taken back');
SELECT is(pg_temp.changed($$UPDATE meeting SET visibility = 'public' WHERE id = pg_temp.fx('m_stadt_approved')$$),
          1, 'the meeting itself may still be published');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_correction (municipality_id, meeting_id, text, created_by)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_internal'), 'zu früh',
                                     app_account_id())$$),
          'TH409', 'no correction to draft minutes');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_correction (municipality_id, meeting_id, item_id, text, created_by)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_approved'),
                                     pg_temp.fx('i_stadt_approved'), 'Berichtigung', app_account_id())$$),
          'none', 'a correction to approved minutes');
SELECT is(pg_temp.sqlstate($$UPDATE meeting_correction SET text = 'x'
                             WHERE meeting_id = pg_temp.fx('m_stadt_approved')$$),
          '42501', 'a correction is not changed by the service (no privilege)');
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate($$INSERT INTO meeting_decision (municipality_id, meeting_id, text)
                             VALUES (pg_temp.mid('05999004'), pg_temp.fx('m_stadt_partners'), 'nach Genehmigung')$$),
          'TH409', 'the steering group adds no decision to minutes it approved');
RESET ROLE;

-- the owner (and the superuser) are held by the same guards
SELECT is(pg_temp.sqlstate($$UPDATE meeting_item SET minutes = 'Hintertür' WHERE id = pg_temp.fx('i_stadt_approved')$$),
          'TH409', 'not even the superuser changes approved minutes');
SELECT is(pg_temp.sqlstate($$UPDATE meeting_decision SET text = 'Hintertür'
                             WHERE meeting_id = pg_temp.fx('m_stadt_approved')$$),
          'TH409', 'nor an approved decision');
SELECT is(pg_temp.sqlstate($$DELETE FROM meeting_attendee WHERE meeting_id = pg_temp.fx('m_stadt_approved')$$),
          'TH409', 'nor removes attendees');
SELECT is(pg_temp.sqlstate($$UPDATE meeting SET minutes_status = 'draft', minutes_approved_at = NULL,
                             minutes_approved_by = NULL WHERE id = pg_temp.fx('m_stadt_approved')$$),
          'TH409', 'nor takes the approval back');
SELECT is(pg_temp.sqlstate($$DELETE FROM meeting_correction WHERE meeting_id = pg_temp.fx('m_stadt_approved')$$),
          'TH409', 'nor removes a correction');
SELECT is((SELECT minutes FROM meeting_item WHERE id = pg_temp.fx('i_stadt_approved')), 'Protokoll',
          'the approved minutes are as they were');
SET LOCAL ROLE teilhabe_app;

-- ---------------------------------------------------------------------
-- Decisions through the api function: the measure's rules, all or nothing
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate(format($$SELECT * FROM api_meeting_decide('05999004', %s,
                             '{"text": "abgeschlossen", "measure_id": "%s", "measure_status": "completed"}', NULL)$$,
                             pg_temp.fx('m_stadt_internal'), pg_temp.fx('measure_stadt'))),
          'TH409', 'a move the measure does not allow refuses the decision');
SELECT is(pg_temp.sqlstate(format($$SELECT * FROM api_meeting_decide('05999004', %s,
                             '{"text": "fremd", "measure_id": "%s", "measure_status": "dropped"}', NULL)$$,
                             pg_temp.fx('m_stadt_internal'), pg_temp.fx('measure_lingen'))),
          'TH422', 'so does a measure of another municipality');
SELECT pg_temp.act_as('officer_stadt');
SELECT is(pg_temp.sqlstate(format($$SELECT * FROM api_meeting_decide('05999004', %s,
                             '{"text": "geplant", "measure_id": "%s", "measure_status": "planned"}', NULL)$$,
                             pg_temp.fx('m_stadt_internal'), pg_temp.fx('measure_stadt'))),
          'TH403', 'and planning by an officer');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM meeting_decision WHERE meeting_id = pg_temp.fx('m_stadt_internal')
              AND measure_id IS NOT NULL), 0, 'none of them wrote a decision');
SELECT is((SELECT status FROM measure WHERE id = pg_temp.fx('measure_stadt')), 'proposed',
          'nor changed the measure');
SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('steering_stadt');
SELECT is(pg_temp.sqlstate(format($$SELECT * FROM api_meeting_decide('05999004', %s,
                             '{"text": "geplant", "measure_id": "%s", "measure_status": "planned"}', NULL)$$,
                             pg_temp.fx('m_stadt_internal'), pg_temp.fx('measure_stadt'))),
          'none', 'the steering group plans it by a decision');
RESET ROLE;
SELECT is((SELECT status FROM measure WHERE id = pg_temp.fx('measure_stadt')), 'planned',
          'the measure is planned');
SELECT is((SELECT meeting_id FROM audit_event WHERE table_name = 'measure'
              AND row_id = pg_temp.fx('measure_stadt')::text ORDER BY id DESC LIMIT 1),
          pg_temp.fx('m_stadt_internal'), 'its audit event names the meeting');
SELECT is(current_setting('app.meeting_id', true), '', 'and the setting is cleared after the decision');

SELECT * FROM finish();
ROLLBACK;
