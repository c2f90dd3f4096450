-- pgTAP: 006_authority_from_database.sql. app_begin() takes roles and
-- memberships from the database, not from the token: it refuses (TH401)
-- claims that are not the stored ones and puts the stored ones into
-- app.claims; and auth_invitation_check() looks an invitation up and
-- throttles unknown ones per address.
--
-- Runs as the cluster's superuser inside a transaction that is rolled back,
-- against the demo data; the service's view is taken with SET LOCAL ROLE
-- teilhabe_app, as in 003_access_control.sql.
BEGIN;
SELECT plan(36);

-- The claims a token of the account would carry now (auth_claims' shape,
-- without sid), as the superuser builds them.
CREATE FUNCTION pg_temp.claims_of(p_email text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'sub', a.id::text, 'did', a.district_id, 'dadm', a.district_admin,
           'mem', coalesce((
             SELECT json_agg(json_build_object('mid', m.municipality_id, 'ags', mu.ags,
                                               'role', m.role, 'org', m.organisation_id)
                             ORDER BY mu.ags)
               FROM membership m JOIN municipality mu ON mu.id = m.municipality_id
              WHERE m.account_id = a.id), '[]'))::text
    FROM account a WHERE lower(a.email) = p_email
$$;

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

CREATE FUNCTION pg_temp.mid(p_ags text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM municipality WHERE ags = p_ags $$;

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
