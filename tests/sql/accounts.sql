-- pgTAP, accounts (sql/schema/accounts/, with the audit trigger of
-- sql/schema/audit/): accounts, memberships, organisations and API
-- clients, proved in SQL: the row-level security policies, the guard
-- triggers, app_begin refusing disabled accounts and revoked sessions, and
-- what the audit log records of these changes.
--
-- Runs as the cluster's superuser inside a transaction that is rolled back,
-- against the demo data, with the personas and helpers of
-- lib/personas.sql.
BEGIN;
SELECT plan(109);
\ir lib/personas.sql

-- ===========================================================================
-- A partner (Caritas worker, partner in Musterstadt, Musterlingen, Lindenau)

SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('partner');

SELECT is(ARRAY(SELECT id FROM account ORDER BY id), ARRAY[pg_temp.aid('partner')],
          'a partner sees only their own account');
SELECT is(ARRAY(SELECT DISTINCT account_id FROM membership), ARRAY[pg_temp.aid('partner')],
          'a partner sees only their own memberships');
SELECT is((SELECT count(*)::int FROM membership),
          cardinality(pg_temp.truth($$SELECT municipality_id FROM membership
                                       WHERE account_id = pg_temp.aid('partner')$$)),
          'a partner sees all of their own memberships');
SELECT is((SELECT count(*)::int FROM membership
            WHERE municipality_id = pg_temp.mid('05999004')
              AND role IN ('officer', 'steering')),
          0, 'a partner asking for the officers of a municipality gets nothing');
SELECT is((SELECT count(*)::int FROM account_doc), 1,
          'a partner finds only themselves in the account documents');
SELECT is(pg_temp.changed($$UPDATE account SET display_name = 'Übernommen'
                             WHERE id <> pg_temp.aid('partner')$$),
          0, 'a partner changes no other account');
SELECT ok(pg_temp.sqlstate($$INSERT INTO membership (municipality_id, account_id, role)
                   VALUES (pg_temp.mid('05999004'), pg_temp.aid('steering_lingen'), 'steering')$$)
            IN ('42501', 'TH403'),
          'a partner cannot give memberships');
SELECT is(pg_temp.changed($$DELETE FROM membership WHERE account_id = pg_temp.aid('partner')$$),
          0, 'a partner cannot remove memberships, not even their own');
SELECT throws_ok($$UPDATE account SET email = 'y.demir@caritas-musterkreis.example'
                    WHERE id = pg_temp.aid('partner')$$,
                 'TH403', NULL, 'a partner cannot change their own email');
SELECT throws_ok($$INSERT INTO account (district_id, email, display_name, created_by)
                   VALUES ((SELECT id FROM district WHERE code = '05999'),
                           'kollege@caritas-musterkreis.example', 'Kollege',
                           pg_temp.aid('partner'))$$,
                 '42501', NULL, 'a partner cannot create accounts');
SELECT ok((SELECT count(*) FROM organisation) > 0,
          'a partner reads the district''s organisations');
SELECT throws_ok($$INSERT INTO organisation (district_id, name, kind, created_by)
                   VALUES ((SELECT id FROM district WHERE code = '05999'),
                           'Neuer Verein', 'club', pg_temp.aid('partner'))$$,
                 '42501', NULL, 'a partner cannot add organisations');
SELECT is((SELECT count(*)::int FROM audit_event), 0, 'a partner reads no audit events');

-- ===========================================================================
-- The officer of Musterstadt (05999004)

SELECT pg_temp.act_as('officer_stadt');

SELECT is(ARRAY(SELECT id FROM account ORDER BY id),
          pg_temp.truth($$SELECT DISTINCT account_id FROM membership
                           WHERE municipality_id = pg_temp.mid('05999004')$$),
          'an officer sees the accounts with a membership in their municipality');
SELECT is((SELECT count(*)::int FROM account WHERE id = pg_temp.aid('officer_lingen')), 0,
          'an officer does not see the officer of another municipality');
SELECT is((SELECT count(*)::int FROM membership WHERE municipality_id = pg_temp.mid('05999008')), 0,
          'an officer sees no membership of another municipality');
SELECT is((SELECT count(*)::int FROM membership WHERE municipality_id <> pg_temp.mid('05999004')), 0,
          'an officer sees no membership outside their municipality at all');
SELECT is((SELECT json_array_length(doc -> 'memberships') FROM account_doc
            WHERE id = pg_temp.aid('partner')),
          1, 'an account document shows an officer only their municipality''s membership');
SELECT throws_ok($$SELECT password_hash FROM account WHERE id = pg_temp.aid('officer_stadt')$$,
                 '42501', NULL, 'the service cannot read password hashes, not even the caller''s');
SELECT throws_ok($$SELECT invitation_hash FROM account$$,
                 '42501', NULL, 'the service cannot read invitation hashes');
SELECT throws_ok($$SELECT id FROM account WHERE password_hash IS NULL$$,
                 '42501', NULL, 'nor filter by a password hash');

-- a new steering member, created in one transaction as the service does it
SELECT lives_ok($$INSERT INTO account (district_id, email, display_name, created_by,
                                      invitation_hash, invitation_expires_at)
                  VALUES ((SELECT id FROM district WHERE code = '05999'),
                          'kaemmerer@musterstadt.example', 'Karl Kämmerer',
                          pg_temp.aid('officer_stadt'),
                          sha256('invitation-1'::bytea), now() + interval '14 days')$$,
                'an officer creates an account');
SELECT lives_ok($$INSERT INTO membership (municipality_id, account_id, role)
                  VALUES (pg_temp.mid('05999004'), currval('account_id_seq'), 'steering')$$,
                'and gives it a steering membership in their municipality');
INSERT INTO pg_temp.persona (name, id, email)
SELECT 'fresh', currval('account_id_seq'), 'kaemmerer@musterstadt.example';
SELECT is((SELECT status FROM account WHERE id = pg_temp.aid('fresh')), 'active',
          'the new account is visible to the officer');
SELECT is(pg_temp.changed($$UPDATE account SET display_name = 'Karl Kämmerer (Kämmerei)'
                             WHERE id = pg_temp.aid('fresh')$$),
          1, 'an officer changes an account they manage');
SELECT is(pg_temp.changed($$UPDATE account SET display_name = 'Diana Stöcker (Bürgermeisterin der Stadt Musterstadt)'
                             WHERE id = pg_temp.aid('steering_stadt')$$),
          1, 'an officer manages a steering member of their municipality');
SELECT is(pg_temp.changed($$UPDATE account SET invitation_hash = sha256('invitation-2'::bytea),
                                               invitation_expires_at = now() + interval '15 days'
                             WHERE id = pg_temp.aid('fresh')$$),
          1, 'an officer invites an account they manage again');

-- roles an officer may not give
SELECT throws_ok($$INSERT INTO membership (municipality_id, account_id, role)
                   VALUES (pg_temp.mid('05999004'), pg_temp.aid('steering_lingen'), 'officer')$$,
                 'TH403', NULL, 'an officer cannot appoint officers');
SELECT throws_ok($$UPDATE membership SET role = 'officer' WHERE account_id = pg_temp.aid('fresh')$$,
                 'TH403', NULL, 'nor promote a steering member to officer');
SELECT throws_ok($$INSERT INTO membership (municipality_id, account_id, role)
                   VALUES (pg_temp.mid('05999008'), pg_temp.aid('fresh'), 'steering')$$,
                 '42501', NULL, 'an officer gives no membership in another municipality');
SELECT throws_ok($$INSERT INTO membership (municipality_id, account_id, role)
                   VALUES (pg_temp.mid('05999004'), pg_temp.aid('dadm'), 'steering')$$,
                 'TH403', NULL, 'nor a membership to a district admin');
SELECT throws_ok($$DELETE FROM membership WHERE account_id = pg_temp.aid('officer_stadt')$$,
                 'TH403', NULL, 'an officer cannot remove their own membership');
SELECT throws_ok($$UPDATE membership SET role = 'partner',
                          organisation_id = (SELECT id FROM organisation ORDER BY id LIMIT 1)
                    WHERE account_id = pg_temp.aid('officer_stadt')$$,
                 'TH403', NULL, 'nor demote themselves');

-- accounts an officer may not manage
SELECT is(pg_temp.changed($$UPDATE account SET status = 'disabled'
                             WHERE email = 'integration@musterlingen.example'$$),
          0, 'an officer cannot disable another municipality''s officer');
SELECT throws_ok($$UPDATE account SET status = 'disabled' WHERE id = pg_temp.aid('officer_stadt')$$,
                 'TH403', NULL, 'an officer cannot disable themselves');
SELECT throws_ok($$UPDATE account SET district_admin = true WHERE id = pg_temp.aid('officer_stadt')$$,
                 'TH403', NULL, 'an officer cannot make themselves district admin');
SELECT throws_ok($$UPDATE account SET district_admin = true WHERE id = pg_temp.aid('fresh')$$,
                 'TH403', NULL, 'nor an account they manage');
SELECT throws_ok($$INSERT INTO account (district_id, email, display_name, created_by, district_admin)
                   VALUES ((SELECT id FROM district WHERE code = '05999'),
                           'chefin@musterstadt.example', 'Chefin', pg_temp.aid('officer_stadt'), true)$$,
                 'TH403', NULL, 'nor create a district admin');
SELECT is(pg_temp.changed($$UPDATE account SET email = 'y.demir@caritas-musterkreis.example'
                             WHERE id = pg_temp.aid('partner')$$),
          0, 'an officer cannot change the email of a partner who also serves other municipalities');
SELECT throws_ok($$UPDATE account SET password_hash = '$argon2id$v=19$m=19456,t=2,p=1$x$y'
                    WHERE id = pg_temp.aid('fresh')$$,
                 'TH403', NULL, 'an officer cannot set another account''s password');
SELECT is(pg_temp.changed($$UPDATE account SET password_hash = '$argon2id$v=19$m=19456,t=2,p=1$bmV1$bmV1'
                             WHERE id = pg_temp.aid('officer_stadt')$$),
          1, 'the caller sets their own password');
SELECT throws_ok($$UPDATE account SET email = 'zeng@musterstadt.example'
                    WHERE id = pg_temp.aid('officer_stadt')$$,
                 'TH403', NULL, 'an officer cannot change their own email');
SELECT is(pg_temp.changed($$UPDATE account SET status = 'disabled' WHERE id = pg_temp.aid('fresh')$$),
          1, 'an officer disables an account they manage');

-- ===========================================================================
-- The steering group of Musterstadt

SELECT pg_temp.act_as('steering_stadt');

SELECT is(ARRAY(SELECT id FROM account ORDER BY id),
          pg_temp.truth($$SELECT DISTINCT account_id FROM membership
                           WHERE municipality_id = pg_temp.mid('05999004')$$),
          'the steering group reads the accounts of its municipality');
SELECT is((SELECT count(*)::int FROM membership WHERE municipality_id <> pg_temp.mid('05999004')), 0,
          'but no membership elsewhere');
SELECT is(pg_temp.changed($$UPDATE account SET display_name = 'Geändert'
                             WHERE id <> pg_temp.aid('steering_stadt')$$),
          0, 'the steering group changes no other account');
SELECT ok(pg_temp.sqlstate($$INSERT INTO membership (municipality_id, account_id, role)
                   VALUES (pg_temp.mid('05999004'), pg_temp.aid('steering_lingen'), 'steering')$$)
            IN ('42501', 'TH403'),
          'the steering group gives no memberships');
SELECT is(pg_temp.changed($$DELETE FROM membership WHERE account_id <> pg_temp.aid('steering_stadt')$$),
          0, 'the steering group removes no memberships');
SELECT throws_ok($$INSERT INTO account (district_id, email, display_name, created_by)
                   VALUES ((SELECT id FROM district WHERE code = '05999'),
                           'referent@musterstadt.example', 'Referent', pg_temp.aid('steering_stadt'))$$,
                 '42501', NULL, 'the steering group creates no accounts');

-- ===========================================================================
-- The district admin

SELECT pg_temp.act_as('dadm');

SELECT is(ARRAY(SELECT id FROM account ORDER BY id),
          pg_temp.truth($$SELECT id FROM account
                           WHERE district_id = (SELECT id FROM district WHERE code = '05999')$$),
          'a district admin sees every account of the district');
SELECT is((SELECT count(*)::int FROM membership),
          cardinality(pg_temp.truth($$SELECT account_id FROM membership$$)),
          'and every membership');
SELECT lives_ok($$INSERT INTO membership (municipality_id, account_id, role)
                  VALUES (pg_temp.mid('05999012'), pg_temp.aid('steering_lingen'), 'officer')$$,
                'a district admin appoints an officer');
SELECT is((SELECT role FROM membership WHERE account_id = pg_temp.aid('steering_lingen')
              AND municipality_id = pg_temp.mid('05999012')),
          'officer', 'the new officer''s membership is there');
SELECT throws_ok($$UPDATE account SET status = 'disabled' WHERE id = pg_temp.aid('dadm')$$,
                 'TH403', NULL, 'a district admin cannot disable themselves');
SELECT throws_ok($$UPDATE account SET district_admin = false WHERE id = pg_temp.aid('dadm')$$,
                 'TH403', NULL, 'nor give up their own district admin role');
SELECT ok((SELECT count(*) FROM audit_event WHERE municipality_id IS NULL) > 0,
          'a district admin reads the district-wide audit records');

-- an account without memberships, e.g. one the district admin has not placed yet
SELECT lives_ok($$INSERT INTO account (district_id, email, display_name, created_by)
                  VALUES ((SELECT id FROM district WHERE code = '05999'),
                          'ohne-kommune@musterkreis.example', 'Noch ohne Kommune',
                          pg_temp.aid('dadm'))$$,
                'a district admin creates an account without memberships');
INSERT INTO pg_temp.persona (name, id, email)
SELECT 'memberless', currval('account_id_seq'), 'ohne-kommune@musterkreis.example';

-- Only the district admin and the account itself see it: an officer must
-- not be able to pull it into their municipality and so take it over
-- (spec: PUT memberships, "account not visible -> 404").
SELECT pg_temp.act_as('officer_stadt');
SELECT is((SELECT count(*)::int FROM account WHERE id = pg_temp.aid('memberless')), 0,
          'an officer does not see an account without memberships');
SELECT ok(pg_temp.sqlstate($$INSERT INTO membership (municipality_id, account_id, role)
                             VALUES (pg_temp.mid('05999004'), pg_temp.aid('memberless'), 'steering')$$)
            IN ('42501', 'TH403'),
          'an officer cannot give a membership to an account they cannot see');
SELECT is(pg_temp.changed($$UPDATE account SET email = 'uebernommen@musterstadt.example',
                                               invitation_hash = sha256('invitation-3'::bytea),
                                               invitation_expires_at = now() + interval '14 days'
                             WHERE id = pg_temp.aid('memberless')$$),
          0, 'so an officer cannot take over an account they could not see');

-- ===========================================================================
-- API clients

RESET ROLE;
INSERT INTO api_client (municipality_id, client_id, secret_hash, name, organisation_id,
                        scopes, status)
SELECT pg_temp.mid(v.ags), v.client_id, sha256(v.client_id::bytea), v.name, o.id,
       v.scopes::text[], v.status
  FROM (VALUES
         ('05999008', 'tap-lingen', 'Caritas Musterlingen', '{catalogue:read}', 'active'),
         ('05999004', 'tap-revoked', 'Altes System', '{progress:write}', 'revoked')
       ) AS v (ags, client_id, name, scopes, status),
       organisation o
 WHERE o.name = 'Caritasverband für den Musterkreis e.V.';
INSERT INTO persona (name, id, claims)
SELECT c.client_id, c.id,
       json_build_object(
         'sub', 'client:' || c.id, 'cid', c.id, 'did', mu.district_id, 'dadm', false,
         'scope', array_to_string(c.scopes, ' '),
         'mem', json_build_array(json_build_object(
                  'mid', c.municipality_id, 'ags', mu.ags,
                  'role', 'partner', 'org', c.organisation_id)))::text
  FROM api_client c JOIN municipality mu ON mu.id = c.municipality_id
 WHERE c.client_id IN ('tap-lingen', 'tap-revoked');
SET LOCAL ROLE teilhabe_app;

SELECT pg_temp.act_as('officer_stadt');
SELECT lives_ok($$INSERT INTO api_client (municipality_id, client_id, secret_hash, name,
                                         organisation_id, scopes, created_by)
                  SELECT pg_temp.mid('05999004'), 'tap-stadt', sha256('tap-stadt'::bytea),
                         'Caritas Musterstadt', id, '{catalogue:read,progress:write}',
                         pg_temp.aid('officer_stadt')
                    FROM organisation WHERE name = 'Caritasverband für den Musterkreis e.V.'$$,
                'an officer registers an API client for their municipality');
SELECT throws_ok($$INSERT INTO api_client (municipality_id, client_id, secret_hash, name,
                                          organisation_id, scopes, created_by)
                   SELECT pg_temp.mid('05999008'), 'tap-fremd', sha256('tap-fremd'::bytea),
                          'Fremd', id, '{catalogue:read}', pg_temp.aid('officer_stadt')
                     FROM organisation WHERE name = 'Caritasverband für den Musterkreis e.V.'$$,
                 '42501', NULL, 'but not for another municipality');
SELECT is(ARRAY(SELECT client_id FROM api_client ORDER BY client_id),
          ARRAY['tap-revoked', 'tap-stadt'],
          'an officer sees only their municipality''s API clients');
SELECT throws_ok($$SELECT secret_hash FROM api_client$$,
                 '42501', NULL, 'the service cannot read client secrets');
SELECT is(pg_temp.changed($$UPDATE api_client SET status = 'revoked' WHERE client_id = 'tap-lingen'$$),
          0, 'an officer cannot revoke another municipality''s client');

SELECT pg_temp.act_as('steering_stadt');
SELECT is((SELECT count(*)::int FROM api_client), 2,
          'the steering group reads its municipality''s API clients');
SELECT is(pg_temp.changed($$UPDATE api_client SET name = 'Umbenannt'$$),
          0, 'but changes none');

SELECT pg_temp.act_as('partner');
SELECT is((SELECT count(*)::int FROM api_client), 0, 'a partner sees no API clients');

SELECT throws_ok($$SELECT app_begin(claims) FROM pg_temp.persona WHERE name = 'tap-revoked'$$,
                 '28000', NULL, 'a revoked client''s token is refused');
SELECT lives_ok($$SELECT app_begin(claims) FROM pg_temp.persona WHERE name = 'tap-lingen'$$,
                'an active client''s token is accepted');
SELECT pg_temp.act_as('tap-lingen');
SELECT is((SELECT count(*)::int FROM account), 0, 'an API client sees no accounts');
SELECT is((SELECT count(*)::int FROM audit_event), 0, 'an API client reads no audit events');
SELECT is((SELECT count(*)::int FROM api_client), 0, 'an API client sees no API clients');
SELECT ok(pg_temp.sqlstate($$INSERT INTO membership (municipality_id, account_id, role)
                   VALUES (pg_temp.mid('05999008'), pg_temp.aid('officer_stadt'), 'steering')$$)
            IN ('42501', 'TH403'),
          'an API client gives no memberships');

-- ===========================================================================
-- app_begin: disabled accounts and revoked sessions

RESET ROLE;
UPDATE persona
   SET claims = json_build_object(
         'sub', id::text, 'did', (SELECT id FROM district WHERE code = '05999'), 'dadm', false,
         'mem', json_build_array(json_build_object('mid', pg_temp.mid('05999004'),
                                                   'ags', '05999004', 'role', 'steering',
                                                   'org', NULL)))::text
 WHERE name = 'fresh';
WITH s AS (
  INSERT INTO auth_session (account_id, expires_at, revoked_at, revoked_why)
  SELECT pg_temp.aid('officer_stadt'), now() + interval '30 days', v.revoked, v.why
    FROM (VALUES (now(), 'logged out'), (NULL, NULL)) AS v (revoked, why)
  RETURNING id, revoked_at
)
INSERT INTO persona (name, id, claims)
SELECT CASE WHEN s.revoked_at IS NULL THEN 'live_session' ELSE 'revoked_session' END,
       p.id, (p.claims::jsonb || jsonb_build_object('sid', s.id::text))::text
  FROM s, persona p
 WHERE p.name = 'officer_stadt';
SET LOCAL ROLE teilhabe_app;

SELECT throws_ok($$SELECT app_begin(claims) FROM pg_temp.persona WHERE name = 'fresh'$$,
                 '28000', NULL, 'a disabled account''s token is refused');
SELECT throws_ok($$SELECT app_begin(claims) FROM pg_temp.persona WHERE name = 'revoked_session'$$,
                 '28000', NULL, 'a token of a revoked session is refused');
SELECT lives_ok($$SELECT app_begin(claims) FROM pg_temp.persona WHERE name = 'live_session'$$,
                'a token of a live session is accepted');
SELECT throws_ok($$SELECT app_begin('{"sub":"999999999","did":1,"dadm":true,"mem":[]}')$$,
                 '28000', NULL, 'a token of an unknown account is refused');

-- ===========================================================================
-- Without claims (anonymous, or before sign-in)

SELECT pg_temp.act_as(NULL);
SELECT is((SELECT count(*)::int FROM account), 0, 'without claims the service sees no account');
SELECT is((SELECT count(*)::int FROM account_doc), 0, 'nor an account document');
SELECT is((SELECT count(*)::int FROM membership), 0, 'nor a membership');
SELECT is((SELECT count(*)::int FROM audit_event), 0, 'nor an audit event');
SELECT is((SELECT count(*)::int FROM api_client), 0, 'nor an API client');
SELECT is((SELECT count(*)::int FROM organisation), 0, 'nor an organisation');
SELECT is(pg_temp.changed($$UPDATE account SET display_name = 'Anonym'$$), 0,
          'without claims the service changes no account');
SELECT throws_ok($$INSERT INTO account (district_id, email, display_name)
                   VALUES ((SELECT id FROM district WHERE code = '05999'),
                           'anonym@example.org', 'Anonym')$$,
                 '42501', NULL, 'nor creates one');
SELECT ok(pg_temp.sqlstate($$INSERT INTO membership (municipality_id, account_id, role)
                             VALUES (pg_temp.mid('05999004'), pg_temp.aid('steering_lingen'),
                                     'steering')$$)
            IN ('42501', 'TH403'),
          'nor gives a membership');
SELECT is(me_doc()::text, NULL, 'without claims there is no "me"');
-- audit_actor() reads accounts past row-level security; it must not tell
-- who made a change to a caller who cannot read the change (the demo data's
-- first events exist in every test database).
SELECT is(audit_actor(1)::text || audit_actor(2)::text, NULL,
          'audit_actor() names nobody to a caller who cannot read the event');

-- ===========================================================================
-- The audit log

RESET ROLE;
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'account' AND action = 'insert'
                     AND row_id = pg_temp.aid('fresh')::text
                     AND actor_account_id = pg_temp.aid('officer_stadt')
                     AND old_values IS NULL
                     AND new_values ->> 'email' = 'kaemmerer@musterstadt.example'),
          'creating an account is recorded with its actor and new values');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'account' AND action = 'update'
                     AND row_id = pg_temp.aid('steering_stadt')::text
                     AND municipality_id IS NULL
                     AND actor_account_id = pg_temp.aid('officer_stadt')
                     AND old_values ->> 'display_name' = 'Diana Stöcker (Bürgermeisterin)'
                     AND new_values ->> 'display_name'
                         = 'Diana Stöcker (Bürgermeisterin der Stadt Musterstadt)'),
          'a change is recorded with actor, old and new values');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'membership' AND action = 'insert'
                     AND municipality_id = pg_temp.mid('05999004')
                     AND row_id = pg_temp.aid('fresh')::text
                     AND actor_account_id = pg_temp.aid('officer_stadt')
                     AND new_values ->> 'role' = 'steering'),
          'a new membership is recorded in its municipality''s log');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'account' AND action = 'update'
                     AND row_id = pg_temp.aid('fresh')::text
                     AND old_values ->> 'invitation_expires_at'
                         IS DISTINCT FROM new_values ->> 'invitation_expires_at'),
          'a new invitation is recorded');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'account' AND action = 'update'
                     AND row_id = pg_temp.aid('fresh')::text
                     AND old_values ->> 'status' = 'active'
                     AND new_values ->> 'status' = 'disabled'),
          'disabling an account is recorded');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'membership' AND action = 'insert'
                     AND municipality_id = pg_temp.mid('05999012')
                     AND actor_account_id = pg_temp.aid('dadm')
                     AND new_values ->> 'role' = 'officer'),
          'the district admin''s appointment is recorded');
SELECT ok(EXISTS (SELECT FROM audit_event
                   WHERE table_name = 'api_client' AND action = 'insert'
                     AND municipality_id = pg_temp.mid('05999004')
                     AND actor_account_id = pg_temp.aid('officer_stadt')
                     AND new_values ->> 'client_id' = 'tap-stadt'),
          'a new API client is recorded');
SELECT is((SELECT count(*)::int FROM audit_event
            WHERE table_name = 'account' AND row_id = pg_temp.aid('officer_stadt')::text
              AND actor_account_id = pg_temp.aid('officer_stadt')),
          0, 'a change of nothing but a password leaves no record');
SELECT ok(EXISTS (SELECT FROM audit_event WHERE municipality_id = pg_temp.mid('05999008')),
          'Musterlingen has audit events (so the next tests mean something)');

SET LOCAL ROLE teilhabe_app;
SELECT pg_temp.act_as('officer_stadt');
SELECT ok((SELECT count(*) FROM audit_event WHERE municipality_id = pg_temp.mid('05999004')) > 0,
          'an officer reads their municipality''s log');
SELECT is((SELECT count(*)::int FROM audit_event WHERE municipality_id = pg_temp.mid('05999008')),
          0, 'but nothing of Musterlingen''s');
SELECT is((SELECT count(*)::int FROM audit_event
            WHERE municipality_id IS DISTINCT FROM pg_temp.mid('05999004')),
          0, 'nor of any other municipality or the district-wide records');
SELECT throws_ok($$INSERT INTO audit_event (table_name, row_id, action)
                   VALUES ('account', '1', 'delete')$$,
                 '42501', NULL, 'the service cannot write to the log');
SELECT throws_ok($$UPDATE audit_event SET action = 'delete'$$,
                 '42501', NULL, 'nor change it');
SELECT throws_ok($$DELETE FROM audit_event$$,
                 '42501', NULL, 'nor delete from it');
SELECT pg_temp.act_as('steering_stadt');
SELECT ok((SELECT count(*) FROM audit_event WHERE municipality_id = pg_temp.mid('05999004')) > 0,
          'the steering group reads its municipality''s log');
SELECT is((SELECT count(*)::int FROM audit_event
            WHERE municipality_id IS DISTINCT FROM pg_temp.mid('05999004')),
          0, 'and nothing else');
SELECT pg_temp.act_as('partner');
SELECT is((SELECT count(*)::int FROM audit_event), 0,
          'a partner reads no audit events, not even of their own changes');

-- ===========================================================================
-- Secrets never reach the log, whoever made the change

RESET ROLE;
SELECT is((SELECT count(*)::int FROM audit_event
            WHERE old_values ?| ARRAY['password_hash', 'invitation_hash', 'secret_hash']
               OR new_values ?| ARRAY['password_hash', 'invitation_hash', 'secret_hash']),
          0, 'no password, invitation or client secret hash is recorded');
SELECT is((SELECT count(*)::int FROM audit_event e WHERE e::text LIKE '%argon2%'),
          0, 'no password hash appears anywhere in the log');

SELECT * FROM finish();
ROLLBACK;
