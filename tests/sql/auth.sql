-- pgTAP, auth (sql/schema/auth/): signing in (the throttle), refresh
-- token rotation, and the database as the authority on roles: app_begin()
-- refuses (TH401) claims that are not the stored ones and puts the stored
-- ones into app.claims; auth_invitation_check() looks an invitation up and
-- throttles unknown ones per address.
--
-- Runs as the cluster's superuser inside a transaction that is rolled back,
-- against the demo data, with the personas and helpers of
-- lib/personas.sql.
BEGIN;
SELECT plan(58);
\ir lib/personas.sql

-- sessions opened by the sign-in tests
CREATE TEMP TABLE opened (name text PRIMARY KEY, claims json);
GRANT SELECT, INSERT ON opened TO teilhabe_app;

-- Accounts whose account_authz row is not what their memberships give.
CREATE FUNCTION pg_temp.authz_drift() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM account a
   WHERE coalesce((SELECT mem FROM account_authz WHERE account_id = a.id), '[]')
         IS DISTINCT FROM
         coalesce((SELECT jsonb_agg(jsonb_build_object('mid', m.municipality_id, 'ags', mu.ags,
                                                       'role', m.role, 'org', m.organisation_id)
                                    ORDER BY mu.ags)
                     FROM membership m JOIN municipality mu ON mu.id = m.municipality_id
                    WHERE m.account_id = a.id), '[]')
$$;

-- Runs app_begin with p_claims as the service; the SQLSTATE it raised, or
-- 'none'. The claims it stored stay for the transaction.
CREATE FUNCTION pg_temp.begin_as(p_claims text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.claims', '', true);
  PERFORM app_begin(p_claims);
  RETURN 'none';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END
$$;

-- tokens as issued before any change below
CREATE TEMP TABLE token (name text PRIMARY KEY, claims text);
INSERT INTO token VALUES
  ('officer', pg_temp.claims_of('integration@musterstadt.example')),
  ('steering', pg_temp.claims_of('buergermeisterin@musterstadt.example')),
  ('dadm', pg_temp.claims_of('kreis@musterkreis.example')),
  ('partner', pg_temp.claims_of('migrationsdienst@caritas-musterkreis.example'));
GRANT SELECT ON token TO teilhabe_app;
CREATE FUNCTION pg_temp.tok(p_name text) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT claims FROM pg_temp.token WHERE name = p_name $$;
CREATE FUNCTION pg_temp.tokj(p_name text) RETURNS jsonb
LANGUAGE sql STABLE AS $$ SELECT claims::jsonb FROM pg_temp.token WHERE name = p_name $$;

SET LOCAL ROLE teilhabe_app;
-- ===========================================================================
-- Signing in: the throttle (keys email:<lower(email)> and addr:<address>)

SELECT pg_temp.act_as(NULL);
SELECT lives_ok($$SELECT auth_login_failed('Buergermeisterin@Musterstadt.example',
                                           '192.0.2.1', 5, 30)
                    FROM generate_series(1, 4)$$,
                'four failed sign-ins are recorded');
SELECT is((SELECT retry_after FROM auth_password_lookup('buergermeisterin@musterstadt.example',
                                                        '192.0.2.2')),
          0, 'four failures do not lock an email');
SELECT lives_ok($$SELECT auth_login_failed('BUERGERMEISTERIN@musterstadt.example',
                                           '192.0.2.1', 5, 30)$$,
                'a fifth failure is recorded');
SELECT ok((SELECT retry_after BETWEEN 1 AND 30
             FROM auth_password_lookup('buergermeisterin@musterstadt.example', '192.0.2.2')),
          'the fifth failure locks the email for 30 seconds, from every address');
SELECT is((SELECT account_id FROM auth_password_lookup('buergermeisterin@musterstadt.example',
                                                       '192.0.2.2')),
          pg_temp.aid('steering_stadt'), 'the lookup still names the account');
SELECT lives_ok($$SELECT auth_login_failed('BUERGERMEISTERIN@musterstadt.example',
                                           '192.0.2.1', 5, 30)$$,
                'a sixth failure is recorded');
SELECT ok((SELECT retry_after BETWEEN 31 AND 60
             FROM auth_password_lookup('buergermeisterin@musterstadt.example', '192.0.2.2')),
          'each further failure doubles the lock');
SELECT lives_ok($$SELECT auth_login_failed('niemand@nirgendwo.example', '192.0.2.3', 5, 30)
                    FROM generate_series(1, 5)$$,
                'five failed sign-ins with an unknown email');
SELECT ok((SELECT account_id IS NULL AND password_hash IS NULL AND retry_after > 0
             FROM auth_password_lookup('Niemand@Nirgendwo.example', '192.0.2.4')),
          'lock an unknown email just the same');
SELECT lives_ok($$SELECT auth_login_failed('person' || g || '@example.org', '198.51.100.7', 5, 30)
                    FROM generate_series(1, 30) AS g$$,
                'thirty failed sign-ins from one address');
SELECT ok((SELECT retry_after > 0
             FROM auth_password_lookup('integration@musterstadt.example', '198.51.100.7')),
          'lock the address for every email');
SELECT is((SELECT retry_after
             FROM auth_password_lookup('integration@musterstadt.example', '198.51.100.8')),
          0, 'but not another address');
INSERT INTO pg_temp.opened (name, claims)
SELECT 'steering_stadt',
       auth_session(pg_temp.aid('steering_stadt'), 'Buergermeisterin@Musterstadt.example',
                    sha256('refresh-mayor'::bytea));
SELECT is((SELECT claims ->> 'sub' FROM pg_temp.opened WHERE name = 'steering_stadt'),
          pg_temp.aid('steering_stadt')::text, 'a successful sign-in returns the claims');
SELECT is((SELECT retry_after FROM auth_password_lookup('buergermeisterin@musterstadt.example',
                                                        '192.0.2.2')),
          0, 'and clears the email''s lock');

-- ===========================================================================
-- Refresh tokens: rotation, and reuse revokes the session (its family)

INSERT INTO pg_temp.opened (name, claims)
SELECT 'partner',
       auth_session(pg_temp.aid('partner'), 'migrationsdienst@caritas-musterkreis.example',
                    sha256('refresh-1'::bytea));
SELECT ok((SELECT claims ->> 'sub' = pg_temp.aid('partner')::text AND claims ->> 'sid' IS NOT NULL
             FROM pg_temp.opened WHERE name = 'partner'),
          'signing in opens a session and returns its claims with the session id');
SELECT lives_ok($$SELECT app_begin(claims::text) FROM pg_temp.opened WHERE name = 'partner'$$,
                'the session''s access token is accepted');
SELECT is(auth_refresh(sha256('refresh-1'::bytea), sha256('refresh-2'::bytea)) ->> 'sid',
          (SELECT claims ->> 'sid' FROM pg_temp.opened WHERE name = 'partner'),
          'a refresh token is exchanged for a new one in the same session');
SELECT ok(auth_refresh(sha256('refresh-1'::bytea), sha256('refresh-3'::bytea)) IS NULL,
          'a used refresh token is refused');
RESET ROLE;
SELECT ok((SELECT revoked_at IS NOT NULL FROM auth_session
            WHERE id = (SELECT (claims ->> 'sid')::bigint FROM opened WHERE name = 'partner')),
          'and its reuse revokes the session');
SET LOCAL ROLE teilhabe_app;
SELECT ok(auth_refresh(sha256('refresh-2'::bytea), sha256('refresh-4'::bytea)) IS NULL,
          'so the newest refresh token of the session is refused too');
SELECT throws_ok($$SELECT app_begin(claims::text) FROM pg_temp.opened WHERE name = 'partner'$$,
                 '28000', NULL, 'and so are the session''s access tokens');
SELECT ok(auth_refresh(sha256('no-such-token'::bytea), sha256('refresh-5'::bytea)) IS NULL,
          'an unknown refresh token is refused');

RESET ROLE;

-- ===========================================================================
-- account_authz: the memberships app_begin compares with

SELECT is(pg_temp.authz_drift(), 0::bigint,
          'account_authz holds every account''s memberships as tokens state them');

-- ===========================================================================
-- Claims as stored are accepted, and are what the policies read

SET LOCAL ROLE teilhabe_app;
SELECT throws_ok($$SELECT * FROM account_authz$$, '42501', NULL,
                 'the service cannot read account_authz');
SELECT is(pg_temp.begin_as(pg_temp.tok('officer')), 'none',
          'the stored claims of an officer are accepted');
SELECT is(app_mids('{officer}'), ARRAY[pg_temp.mid('05999004')],
          'the policies see the officer''s municipality');
SELECT is(app_claims() -> 'mem', pg_temp.tokj('officer') -> 'mem',
          'app.claims holds the stored memberships');
SELECT is(pg_temp.begin_as(pg_temp.tok('partner')), 'none',
          'a partner in three municipalities (several memberships) is accepted');
SELECT is(pg_temp.begin_as(pg_temp.tok('dadm')), 'none', 'a district admin is accepted');
SELECT ok(app_is_district_admin(), 'and is district admin');

-- ===========================================================================
-- Claims the database does not hold are refused

SELECT is(pg_temp.begin_as((pg_temp.tokj('steering') || '{"dadm": true}')::text), 'TH401',
          'a token claiming dadm: true is refused');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('steering'), '{mem,0,role}', '"officer"')::text),
          'TH401', 'a token claiming a higher role is refused');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('steering'), '{mem}',
            (pg_temp.tokj('steering') -> 'mem')
            || jsonb_build_object('mid', pg_temp.mid('05999008'), 'ags', '05999008',
                                  'role', 'steering', 'org', NULL))::text),
          'TH401', 'a token claiming an extra membership is refused');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('steering'), '{did}',
            to_jsonb((pg_temp.tokj('steering') ->> 'did')::bigint + 1))::text),
          'TH401', 'a token claiming another district is refused');
SELECT is(pg_temp.begin_as((pg_temp.tokj('steering') - 'did')::text),
          'TH401', 'a token without its district is refused');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('partner'), '{mem,0,org}', '999999')::text),
          'TH401', 'a partner''s token claiming another organisation is refused');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('steering'), '{mem}', '[]')::text),
          'TH401', 'a token with fewer memberships than stored is refused too (C must not disagree)');

-- ===========================================================================
-- A change of role or membership takes effect on the next request

RESET ROLE;
UPDATE membership SET role = 'steering'
 WHERE account_id = (pg_temp.tokj('officer') ->> 'sub')::bigint
   AND municipality_id = pg_temp.mid('05999004');
SET LOCAL ROLE teilhabe_app;
SELECT is(pg_temp.begin_as(pg_temp.tok('officer')), 'TH401',
          'after a demotion the officer''s token is refused');
SELECT throws_ok($$SELECT app_begin(pg_temp.tok('officer'))$$, 'TH401',
                 'Your roles have changed; sign in again or refresh the token.',
                 'with a message for people');
SELECT is(pg_temp.begin_as(pg_temp.claims_of('integration@musterstadt.example')), 'none',
          'a token with the new claims (as a refresh issues them) is accepted');
SELECT is(app_mids('{officer}'), '{}'::bigint[], 'and the policies see no officer role');
SELECT is(app_mids('{steering}'), ARRAY[pg_temp.mid('05999004')],
          'but the steering role');

RESET ROLE;
DELETE FROM membership
 WHERE account_id = (pg_temp.tokj('steering') ->> 'sub')::bigint
   AND municipality_id = pg_temp.mid('05999004');
SET LOCAL ROLE teilhabe_app;
SELECT is(pg_temp.begin_as(pg_temp.tok('steering')), 'TH401',
          'after its membership is removed the token is refused');
RESET ROLE;
SELECT is(pg_temp.authz_drift(), 0::bigint,
          'account_authz follows a changed and a removed membership');
SET LOCAL ROLE teilhabe_app;

-- ===========================================================================
-- Sessions and API clients

RESET ROLE;
CREATE TEMP TABLE ses (name text PRIMARY KEY, id bigint);
GRANT SELECT ON ses TO teilhabe_app;
WITH s AS (
  INSERT INTO auth_session (account_id, expires_at)
  SELECT (pg_temp.tokj('dadm') ->> 'sub')::bigint, now() + interval '1 day' RETURNING id)
INSERT INTO ses SELECT 'dadm', id FROM s;
INSERT INTO api_client (municipality_id, client_id, secret_hash, name, organisation_id, scopes)
SELECT pg_temp.mid('05999004'), 'tap6-client', sha256('x'::bytea), 'TAP 6', o.id,
       '{catalogue:read,progress:write}'
  FROM organisation o WHERE o.name = 'Caritasverband für den Musterkreis e.V.';
INSERT INTO token
SELECT 'client', json_build_object(
         'sub', 'client:' || c.id, 'cid', c.id, 'did', mu.district_id, 'dadm', false,
         'scope', 'catalogue:read',
         'mem', json_build_array(json_build_object('mid', c.municipality_id, 'ags', mu.ags,
                                                   'role', 'partner', 'org', c.organisation_id)))::text
  FROM api_client c JOIN municipality mu ON mu.id = c.municipality_id
 WHERE c.client_id = 'tap6-client';
SET LOCAL ROLE teilhabe_app;

SELECT is(pg_temp.begin_as((pg_temp.tokj('dadm')
                            || jsonb_build_object('sid', (SELECT id FROM pg_temp.ses)::text))::text),
          'none', 'a token naming the account''s live session is accepted');
SELECT is(pg_temp.begin_as((pg_temp.tokj('partner')
                            || jsonb_build_object('sid', (SELECT id FROM pg_temp.ses)::text))::text),
          '28000', 'a token naming another account''s session is refused');
SELECT is(pg_temp.begin_as(pg_temp.tok('client')), 'none',
          'a client asking for fewer scopes than it holds is accepted');
SELECT ok(app_scope('catalogue:read') AND NOT app_scope('progress:write'),
          'and has the scopes its token names');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('client'), '{scope}',
                                     '"catalogue:read events:write"')::text),
          'TH401', 'a client token claiming a scope the client was not given is refused');
SELECT is(pg_temp.begin_as(jsonb_set(pg_temp.tokj('client'), '{mem,0,role}', '"officer"')::text),
          'TH401', 'a client token claiming another role is refused');

-- ===========================================================================
-- Invitations: looked up first, unknown ones throttled per address

RESET ROLE;
UPDATE account SET invitation_hash = sha256('tap6-invitation'::bytea),
                   invitation_expires_at = now() + interval '1 day'
 WHERE lower(email) = 'familienamt@musterlingen.example';
SET LOCAL ROLE teilhabe_app;

SELECT is((SELECT row(valid, retry_after)::text
             FROM auth_invitation_check(sha256('tap6-invitation'::bytea), '192.0.2.6', 3)),
          '(t,0)', 'a pending invitation is found');
SELECT is((SELECT row(valid, retry_after)::text
             FROM auth_invitation_check(sha256('nobody''s'::bytea), '192.0.2.6', 3)),
          '(f,0)', 'an unknown one is not');
SELECT is((SELECT row(valid, retry_after)::text
             FROM auth_invitation_check(NULL, '192.0.2.6', 3)),
          '(f,0)', 'nor a malformed one (NULL)');
SELECT is((SELECT row(valid, retry_after)::text
             FROM auth_invitation_check(sha256('x'::bytea), '192.0.2.6', 3)),
          '(f,0)', 'the third failure is answered as the others');
SELECT ok((SELECT retry_after FROM auth_invitation_check(sha256('tap6-invitation'::bytea), '192.0.2.6', 3))
            BETWEEN 1 AND 30,
          'then the address is locked (30 s), even for a valid invitation');
SELECT is((SELECT row(valid, retry_after)::text
             FROM auth_invitation_check(sha256('tap6-invitation'::bytea), '192.0.2.7', 3)),
          '(t,0)', 'another address is not');

-- ===========================================================================
-- A municipality's new AGS reaches account_authz

RESET ROLE;
UPDATE municipality SET ags = '05999998' WHERE ags = '05999008';
SELECT is(pg_temp.authz_drift(), 0::bigint, 'account_authz follows a new AGS');
SELECT ok((SELECT mem FROM account_authz z JOIN account a ON a.id = z.account_id
            WHERE lower(a.email) = 'familienamt@musterlingen.example')
          @> '[{"ags": "05999998"}]', 'a member of that municipality has it');

SELECT * FROM finish();
ROLLBACK;
