-- Access control: who may see and change accounts, memberships and
-- organisations; sessions with rotating refresh tokens; API clients of
-- partner systems; login throttling; and the audit log that triggers write
-- for every change of every tenant table.
--
-- Claims (set by app_begin from the access token) look like
--   {"sub":"12","did":1,"dadm":false,"sid":"40",
--    "mem":[{"mid":3,"ags":"05999004","role":"officer","org":null}]}
-- and for an API client
--   {"sub":"client:7","cid":7,"did":1,"dadm":false,"scope":"catalogue:read",
--    "mem":[{"mid":3,"ags":"05999004","role":"partner","org":2}]}.
-- Row-level security reads them through the app_* functions. The handlers
-- check the same rules first; these policies are the second line.

-- ---------------------------------------------------------------------------
-- Claims

CREATE OR REPLACE FUNCTION app_account_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_claims() ? 'cid' THEN NULL
              ELSE (app_claims() ->> 'sub')::bigint END
$$;

CREATE FUNCTION app_client_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (app_claims() ->> 'cid')::bigint
$$;

CREATE FUNCTION app_district_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (app_claims() ->> 'did')::bigint
$$;

-- The municipalities in which the caller holds one of roles; a district
-- admin holds every municipality of the district. Policies use it as
--   municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
-- so that it runs once per statement, not once per row.
CREATE FUNCTION app_mids(p_roles text[]) RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN app_is_district_admin() AND app_client_id() IS NULL THEN
      (SELECT coalesce(array_agg(id), '{}') FROM municipality
        WHERE district_id = app_district_id())
    ELSE
      (SELECT coalesce(array_agg((m ->> 'mid')::bigint), '{}')
         FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
        WHERE m ->> 'role' = ANY (p_roles))
  END
$$;

-- The caller's organisation in a municipality (partners and API clients).
CREATE FUNCTION app_org(p_municipality_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (m ->> 'org')::bigint
    FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
   WHERE (m ->> 'mid')::bigint = p_municipality_id
$$;

-- Raises SQLSTATE code (class TH: the service shows the message to the
-- caller) unless ok.
CREATE FUNCTION app_assert(p_ok boolean, p_code text, p_message text)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF p_ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', p_message USING ERRCODE = p_code;
  END IF;
  RETURN true;
END
$$;

-- The same, naming the request field at fault (a JSON pointer, carried in
-- the error's DETAIL to the problem's errors[].pointer).
CREATE FUNCTION app_assert_at(p_ok boolean, p_code text, p_message text,
                              p_pointer text)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF p_ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', p_message USING ERRCODE = p_code, DETAIL = p_pointer;
  END IF;
  RETURN true;
END
$$;

-- If-Match: p_expected is the header as sent (NULL when absent), p_actual
-- the current entity tag without quotes. Raises TH412 on a mismatch.
CREATE FUNCTION app_if_match(p_actual text, p_expected text) RETURNS boolean
LANGUAGE sql AS $$
  SELECT app_assert(p_expected IS NULL OR btrim(p_expected) = '*'
                    OR position('"' || p_actual || '"' IN p_expected) > 0,
                    'TH412', 'The resource was changed since you read it; '
                             'reload it and apply your change again.')
$$;

-- ---------------------------------------------------------------------------
-- Accounts: invitations, who created them

ALTER TABLE account
  ADD COLUMN created_by bigint REFERENCES account (id),
  ADD COLUMN invitation_hash bytea UNIQUE,
  ADD COLUMN invitation_expires_at timestamptz,
  ADD CONSTRAINT account_invitation_pair
    CHECK ((invitation_hash IS NULL) = (invitation_expires_at IS NULL));

-- Whether the caller may manage (change, disable, invite, give
-- memberships to) an account. District admins manage every account of
-- their district. An officer manages an account that is no district admin,
-- holds no officer membership anywhere, and whose memberships all lie in
-- municipalities where the caller is officer.
CREATE FUNCTION app_may_manage(p_account_id bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN app_account_id() IS NULL THEN false
    WHEN app_is_district_admin() THEN
      EXISTS (SELECT FROM account a WHERE a.id = p_account_id
                 AND a.district_id = app_district_id())
    ELSE EXISTS (
      SELECT FROM account a
       WHERE a.id = p_account_id AND a.id <> app_account_id()
         AND NOT a.district_admin AND a.district_id = app_district_id()
         AND NOT EXISTS (
           SELECT FROM membership m
            WHERE m.account_id = a.id
              AND (m.role = 'officer'
                   OR m.municipality_id <> ALL (app_mids('{officer}'))))
         AND EXISTS (SELECT FROM membership m WHERE m.account_id = a.id))
  END
$$;

-- What the service may not change about an account, whatever the policy
-- lets it touch: only managers change email, status and invitations; only
-- district admins make district admins; only the account itself sets its
-- password; nobody disables or demotes themselves.
CREATE FUNCTION account_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  manager boolean;
  self boolean;
BEGIN
  IF current_user <> 'teilhabe_app' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.district_admin AND NOT app_is_district_admin() THEN
      RAISE EXCEPTION 'Only district admins create district admins.'
        USING ERRCODE = 'TH403';
    END IF;
    NEW.password_hash := NULL;
    NEW.status := 'active';
    RETURN NEW;
  END IF;
  manager := app_may_manage(OLD.id);
  self := OLD.id = app_account_id();
  IF NEW.id <> OLD.id OR NEW.district_id <> OLD.district_id
     OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR NEW.created_at <> OLD.created_at
     OR NEW.last_login_at IS DISTINCT FROM OLD.last_login_at THEN
    RAISE EXCEPTION 'These fields cannot be changed.' USING ERRCODE = 'TH403';
  END IF;
  IF NOT manager AND (NEW.email <> OLD.email OR NEW.status <> OLD.status
      OR NEW.invitation_hash IS DISTINCT FROM OLD.invitation_hash
      OR NEW.district_admin <> OLD.district_admin) THEN
    RAISE EXCEPTION 'You may not manage this account.' USING ERRCODE = 'TH403';
  END IF;
  IF NEW.district_admin <> OLD.district_admin
     AND (NOT app_is_district_admin() OR self) THEN
    RAISE EXCEPTION 'Only another district admin changes this.' USING ERRCODE = 'TH403';
  END IF;
  IF self AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'Nobody disables their own account.' USING ERRCODE = 'TH403';
  END IF;
  IF NOT self AND NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    RAISE EXCEPTION 'Only the account itself sets its password.' USING ERRCODE = 'TH403';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER account_guard BEFORE INSERT OR UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION account_guard();

-- Whether an officer may give an account a membership: an ordinary
-- account (no district admin) of the caller's district that already has a
-- membership where the caller is officer, or one the caller created that
-- has none yet (its first membership follows in the same request). Other
-- accounts are out of reach, visible or not.
CREATE FUNCTION app_account_reachable(p_account_id bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT FROM account a
     WHERE a.id = p_account_id AND a.district_id = app_district_id()
       AND NOT a.district_admin
       AND (EXISTS (SELECT FROM membership m
                     WHERE m.account_id = a.id
                       AND m.municipality_id = ANY (app_mids('{officer}')))
            OR (a.created_by = app_account_id()
                AND NOT EXISTS (SELECT FROM membership m
                                 WHERE m.account_id = a.id))))
$$;

-- Disabling an account ends its sessions for good: enabling it again later
-- does not bring old refresh or access tokens back.
CREATE FUNCTION account_end_sessions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE auth_session SET revoked_at = now(), revoked_why = 'account disabled'
   WHERE account_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END
$$;

-- Memberships: officers give and take only partner and steering roles, in
-- their own municipality (the policies), to accounts within their reach
-- other than their own; district admins any.
CREATE FUNCTION membership_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> 'teilhabe_app'
     OR (app_is_district_admin() AND app_client_id() IS NULL) THEN
    RETURN coalesce(NEW, OLD);
  END IF;
  IF TG_OP <> 'INSERT' AND (OLD.role = 'officer'
                            OR OLD.account_id = app_account_id()) THEN
    RAISE EXCEPTION 'Only district admins change this membership.'
      USING ERRCODE = 'TH403';
  END IF;
  IF TG_OP <> 'DELETE' AND (NEW.role = 'officer'
                            OR NEW.account_id = app_account_id()
                            OR NOT app_account_reachable(NEW.account_id)) THEN
    RAISE EXCEPTION 'Only district admins give this membership.'
      USING ERRCODE = 'TH403';
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
CREATE TRIGGER membership_guard BEFORE INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_guard();

ALTER TABLE membership ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE TRIGGER membership_updated_at BEFORE UPDATE ON membership
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Organisations: the municipalities each one serves.
CREATE TABLE organisation_municipality (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, organisation_id)
);
CREATE INDEX organisation_municipality_org ON organisation_municipality (organisation_id);
ALTER TABLE organisation ADD COLUMN created_by bigint REFERENCES account (id);

-- A partner acts for an organisation that serves the municipality.
CREATE FUNCTION membership_check_organisation() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.organisation_id IS NOT NULL AND NOT EXISTS (
       SELECT FROM organisation_municipality
        WHERE municipality_id = NEW.municipality_id
          AND organisation_id = NEW.organisation_id) THEN
    RAISE EXCEPTION 'The organisation does not serve this municipality.'
      USING ERRCODE = 'TH422', DETAIL = '/organisation_id';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER membership_check_organisation
  BEFORE INSERT OR UPDATE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_check_organisation();

-- ---------------------------------------------------------------------------
-- The API's representations (security_invoker: the caller's policies apply)

CREATE VIEW account_doc WITH (security_invoker = true) AS
SELECT a.id, a.district_id, a.email, a.display_name, a.status,
       a.district_admin, a.updated_at,
       json_build_object(
         'id', a.id::text,
         'email', a.email,
         'display_name', a.display_name,
         'status', a.status,
         'district_admin', a.district_admin,
         'invitation_pending', a.invitation_expires_at IS NOT NULL,
         'invitation_expires_at', a.invitation_expires_at,
         'last_login_at', a.last_login_at,
         'created_at', a.created_at,
         'updated_at', a.updated_at,
         'memberships', coalesce((
           SELECT json_agg(json_build_object(
                    'municipality', json_build_object('ags', mu.ags, 'name', mu.name),
                    'role', ms.role,
                    'organisation', CASE WHEN o.id IS NULL THEN NULL ELSE
                      json_build_object('id', o.id::text, 'name', o.name) END)
                  ORDER BY mu.name)
             FROM membership ms
             JOIN municipality mu ON mu.id = ms.municipality_id
             LEFT JOIN organisation o ON o.id = ms.organisation_id
            WHERE ms.account_id = a.id), '[]'::json)) AS doc
  FROM account a;

CREATE VIEW organisation_doc WITH (security_invoker = true) AS
SELECT o.id, o.district_id, o.name, o.kind,
       json_build_object(
         'id', o.id::text,
         'name', o.name,
         'kind', o.kind,
         'contact_email', o.contact_email,
         'municipalities', coalesce((
           SELECT json_agg(mu.ags ORDER BY mu.ags)
             FROM organisation_municipality om
             JOIN municipality mu ON mu.id = om.municipality_id
            WHERE om.organisation_id = o.id), '[]'::json),
         'created_at', o.created_at,
         'updated_at', o.updated_at) AS doc
  FROM organisation o;

-- ---------------------------------------------------------------------------
-- Policies for the service

-- Accounts: yourself; a district admin the district; officers and the
-- steering group the accounts with a membership in their municipality.
CREATE POLICY account_app_read ON account FOR SELECT TO teilhabe_app USING (
  id = app_account_id()
  OR (app_is_district_admin() AND app_client_id() IS NULL
      AND district_id = app_district_id())
  OR EXISTS (SELECT FROM membership m
              WHERE m.account_id = account.id
                AND m.municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])));
CREATE POLICY account_app_insert ON account FOR INSERT TO teilhabe_app WITH CHECK (
  district_id = app_district_id() AND created_by = app_account_id()
  AND (app_is_district_admin()
       OR (cardinality(app_mids('{officer}')) > 0 AND NOT district_admin)));
CREATE POLICY account_app_update ON account FOR UPDATE TO teilhabe_app
  USING (id = app_account_id() OR app_may_manage(id))
  WITH CHECK (id = app_account_id() OR app_may_manage(id));

-- Memberships: your own; those of municipalities where you are officer or
-- steering group. Changes: officers in their municipalities (the guard
-- trigger limits roles and accounts), district admins everywhere.
CREATE POLICY membership_app_read ON membership FOR SELECT TO teilhabe_app USING (
  account_id = app_account_id()
  OR municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));
CREATE POLICY membership_app_insert ON membership FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY membership_app_update ON membership FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]))
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY membership_app_delete ON membership FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

-- Organisations are district-wide: every signed-in caller of the district
-- reads them (partners pick partners); officers and district admins add
-- them and change them.
CREATE POLICY organisation_app_read ON organisation FOR SELECT TO teilhabe_app
  USING (district_id = app_district_id());
CREATE POLICY organisation_app_insert ON organisation FOR INSERT TO teilhabe_app
  WITH CHECK (district_id = app_district_id()
              AND created_by = app_account_id()
              AND cardinality(app_mids('{officer}')) > 0);
CREATE POLICY organisation_app_update ON organisation FOR UPDATE TO teilhabe_app
  USING (district_id = app_district_id() AND app_account_id() IS NOT NULL
         AND cardinality(app_mids('{officer}')) > 0)
  WITH CHECK (district_id = app_district_id());
ALTER TABLE organisation_municipality ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisation_municipality FORCE ROW LEVEL SECURITY;
CREATE POLICY organisation_municipality_owner ON organisation_municipality
  TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY organisation_municipality_app_read ON organisation_municipality
  FOR SELECT TO teilhabe_app
  USING (EXISTS (SELECT FROM municipality mu WHERE mu.id = municipality_id
                    AND mu.district_id = app_district_id()));
CREATE POLICY organisation_municipality_app_insert ON organisation_municipality
  FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY organisation_municipality_app_delete ON organisation_municipality
  FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

-- The service never reads password hashes, invitation hashes or secrets:
-- column privileges, so no policy mistake can leak them.
GRANT SELECT (id, district_id, email, display_name, status, district_admin,
              last_login_at, created_by, created_at, updated_at,
              invitation_expires_at) ON account TO teilhabe_app;
GRANT INSERT (district_id, email, display_name, district_admin, created_by,
              invitation_hash, invitation_expires_at) ON account TO teilhabe_app;
GRANT UPDATE (email, display_name, status, district_admin, password_hash,
              invitation_hash, invitation_expires_at) ON account TO teilhabe_app;
GRANT USAGE ON SEQUENCE account_id_seq TO teilhabe_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON membership TO teilhabe_app;
GRANT SELECT, INSERT, UPDATE ON organisation TO teilhabe_app;
GRANT USAGE ON SEQUENCE organisation_id_seq TO teilhabe_app;
GRANT SELECT, INSERT, DELETE ON organisation_municipality TO teilhabe_app;
GRANT SELECT ON account_doc, organisation_doc TO teilhabe_app;

-- ---------------------------------------------------------------------------
-- Sessions and refresh tokens. The service never reads these tables: it
-- goes through the SECURITY DEFINER functions below. A refresh token is
-- stored as its SHA-256; each use replaces it with a new one, and using a
-- replaced token again revokes the whole session (its family).

CREATE TABLE auth_session (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES account (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  revoked_why text
);
CREATE INDEX auth_session_account ON auth_session (account_id);

CREATE TRIGGER account_end_sessions AFTER UPDATE OF status ON account
  FOR EACH ROW WHEN (NEW.status = 'disabled' AND OLD.status <> 'disabled')
  EXECUTE FUNCTION account_end_sessions();

CREATE TABLE refresh_token (
  hash       bytea PRIMARY KEY,
  session_id bigint NOT NULL REFERENCES auth_session (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at    timestamptz
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);

CREATE TABLE login_throttle (
  key          text PRIMARY KEY, -- 'email:…' or 'addr:…'
  failures     int NOT NULL,
  first_at     timestamptz NOT NULL,
  locked_until timestamptz
);

ALTER TABLE auth_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth_session FORCE ROW LEVEL SECURITY;
ALTER TABLE refresh_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_token FORCE ROW LEVEL SECURITY;
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
CREATE POLICY auth_session_owner ON auth_session TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY refresh_token_owner ON refresh_token TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY login_throttle_owner ON login_throttle TO teilhabe_owner USING (true) WITH CHECK (true);

-- API clients of partner systems: one per (municipality, organisation)
-- use; the secret is 32 random bytes, stored as its SHA-256.
CREATE TABLE api_client (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  client_id       text NOT NULL UNIQUE,
  secret_hash     bytea NOT NULL,
  name            text NOT NULL CONSTRAINT api_client_name_length
                  CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  organisation_id bigint NOT NULL REFERENCES organisation (id),
  scopes          text[] NOT NULL CONSTRAINT api_client_scopes_valid
                  CHECK (scopes <@ ARRAY['catalogue:read', 'progress:write',
                                         'events:write', 'offers:write']
                         AND cardinality(scopes) >= 1),
  status          text NOT NULL DEFAULT 'active'
                  CONSTRAINT api_client_status_valid
                  CHECK (status IN ('active', 'revoked')),
  created_by      bigint REFERENCES account (id),
  last_used_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id)
);
CREATE TRIGGER api_client_updated_at BEFORE UPDATE ON api_client
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
ALTER TABLE api_client ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_client FORCE ROW LEVEL SECURITY;
CREATE POLICY api_client_owner ON api_client TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY api_client_app_read ON api_client FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL);
CREATE POLICY api_client_app_insert ON api_client FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL
              AND created_by = app_account_id());
CREATE POLICY api_client_app_update ON api_client FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));
GRANT SELECT (municipality_id, id, client_id, name, organisation_id, scopes,
              status, created_by, last_used_at, created_at, updated_at)
  ON api_client TO teilhabe_app;
GRANT INSERT (municipality_id, client_id, secret_hash, name, organisation_id,
              scopes, created_by) ON api_client TO teilhabe_app;
GRANT UPDATE (status, name) ON api_client TO teilhabe_app;
GRANT USAGE ON SEQUENCE api_client_id_seq TO teilhabe_app;

CREATE VIEW api_client_doc WITH (security_invoker = true) AS
SELECT c.municipality_id, c.id, c.status,
       json_build_object(
         'id', c.id::text,
         'client_id', c.client_id,
         'name', c.name,
         'municipality', mu.ags,
         'organisation', json_build_object('id', o.id::text, 'name', o.name),
         'scopes', to_json(c.scopes),
         'status', c.status,
         'last_used_at', c.last_used_at,
         'created_at', c.created_at,
         'updated_at', c.updated_at) AS doc
  FROM api_client c
  JOIN municipality mu ON mu.id = c.municipality_id
  JOIN organisation o ON o.id = c.organisation_id;
GRANT SELECT ON api_client_doc TO teilhabe_app;

-- ---------------------------------------------------------------------------
-- Signing in

-- The claims of an account for a session (NULL when it is not active).
CREATE FUNCTION auth_claims(p_account_id bigint, p_session_id bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object(
           'sub', a.id::text,
           'did', a.district_id,
           'dadm', a.district_admin,
           'sid', p_session_id::text,
           'mem', coalesce((
             SELECT json_agg(json_build_object(
                      'mid', ms.municipality_id, 'ags', mu.ags,
                      'role', ms.role, 'org', ms.organisation_id)
                    ORDER BY mu.ags)
               FROM membership ms JOIN municipality mu ON mu.id = ms.municipality_id
              WHERE ms.account_id = a.id), '[]'::json))
    FROM account a
   WHERE a.id = p_account_id AND a.status = 'active'
$$;

-- Seconds until a throttled key may try again (0: not throttled).
CREATE FUNCTION auth_retry_after(p_keys text[]) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(ceil(extract(epoch FROM max(locked_until) - now()))::int, 0)
    FROM login_throttle
   WHERE key = ANY (p_keys) AND locked_until > now()
$$;

DROP FUNCTION auth_password_lookup(text);
-- Sign-in, step one: the stored hash for an email (the service verifies
-- it), and whether the email or the address is throttled. No hash for
-- unknown emails; the throttle does not depend on the account existing.
CREATE FUNCTION auth_password_lookup(p_email text, p_addr text)
RETURNS TABLE (account_id bigint, password_hash text, status text, retry_after int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, a.password_hash, a.status,
         auth_retry_after(ARRAY['email:' || lower(p_email), 'addr:' || p_addr])
    FROM (SELECT 1) AS one
    LEFT JOIN account a ON lower(a.email) = lower(p_email)
$$;

-- Records a failed sign-in for the email and the address. After
-- p_email_limit (p_addr_limit) failures within 15 minutes the key is locked,
-- for 30 s doubling with every further failure, at most 15 minutes.
CREATE FUNCTION auth_login_failed(p_email text, p_addr text,
                                  p_email_limit int, p_addr_limit int)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k record;
BEGIN
  FOR k IN SELECT * FROM (VALUES ('email:' || lower(p_email), p_email_limit),
                                 ('addr:' || p_addr, p_addr_limit)) AS v (key, lim)
  LOOP
    INSERT INTO login_throttle AS t (key, failures, first_at)
    VALUES (k.key, 1, now())
    ON CONFLICT (key) DO UPDATE
      SET failures = CASE WHEN t.first_at < now() - interval '15 minutes'
                               AND (t.locked_until IS NULL OR t.locked_until < now())
                          THEN 1 ELSE t.failures + 1 END,
          first_at = CASE WHEN t.first_at < now() - interval '15 minutes'
                               AND (t.locked_until IS NULL OR t.locked_until < now())
                          THEN now() ELSE t.first_at END;
    UPDATE login_throttle
       SET locked_until = now() + least(interval '15 minutes',
             interval '30 seconds' * power(2, least(failures - k.lim, 10)))
     WHERE key = k.key AND failures >= k.lim;
  END LOOP;
  DELETE FROM login_throttle
   WHERE first_at < now() - interval '1 day'
     AND (locked_until IS NULL OR locked_until < now());
END
$$;

DROP FUNCTION auth_session(bigint);
-- Sign-in, step two: records the login, clears the email's failures,
-- opens a session with its first refresh token (p_refresh: its SHA-256)
-- and returns the access token's claims.
CREATE FUNCTION auth_session(p_account_id bigint, p_email text, p_refresh bytea)
RETURNS json
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  sid bigint;
BEGIN
  UPDATE account SET last_login_at = now()
   WHERE id = p_account_id AND status = 'active';
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  DELETE FROM login_throttle WHERE key = 'email:' || lower(p_email);
  INSERT INTO auth_session (account_id, expires_at)
  VALUES (p_account_id, now() + interval '30 days') RETURNING id INTO sid;
  INSERT INTO refresh_token (hash, session_id) VALUES (p_refresh, sid);
  RETURN auth_claims(p_account_id, sid);
END
$$;

-- Rotates a refresh token: p_old is replaced by p_new and the claims are
-- returned. A token used before revokes its whole session; an unknown,
-- expired or revoked one returns NULL. Either way nothing else is told.
CREATE FUNCTION auth_refresh(p_old bytea, p_new bytea) RETURNS json
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t refresh_token;
  s auth_session;
BEGIN
  SELECT * INTO t FROM refresh_token WHERE hash = p_old FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT * INTO s FROM auth_session WHERE id = t.session_id FOR UPDATE;
  IF t.used_at IS NOT NULL THEN
    UPDATE auth_session SET revoked_at = coalesce(revoked_at, now()),
                            revoked_why = coalesce(revoked_why, 'refresh token reused')
     WHERE id = s.id;
    RETURN NULL;
  END IF;
  IF s.revoked_at IS NOT NULL OR s.expires_at < now() THEN
    RETURN NULL;
  END IF;
  UPDATE refresh_token SET used_at = now() WHERE hash = p_old;
  INSERT INTO refresh_token (hash, session_id) VALUES (p_new, s.id);
  UPDATE auth_session SET last_used_at = now() WHERE id = s.id;
  RETURN auth_claims(s.account_id, s.id);
END
$$;

-- Logging out (RFC 7009): revokes the session of a refresh token, or the
-- session p_sid of the calling account. Unknown tokens are no error.
CREATE FUNCTION auth_revoke(p_refresh bytea, p_sid bigint, p_account_id bigint)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE auth_session SET revoked_at = now(), revoked_why = 'logged out'
   WHERE revoked_at IS NULL
     AND (id = (SELECT session_id FROM refresh_token WHERE hash = p_refresh)
          OR (id = p_sid AND account_id = p_account_id));
$$;

-- After a password change: every other session of the account ends.
CREATE FUNCTION auth_end_other_sessions(p_keep bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE auth_session SET revoked_at = now(), revoked_why = 'password changed'
   WHERE account_id = app_account_id() AND revoked_at IS NULL
     AND id IS DISTINCT FROM p_keep;
$$;

-- The caller's own password hash, to check the current password before a
-- change, with the email (the throttle's key) and its throttle.
CREATE FUNCTION auth_own_password_hash(p_addr text)
RETURNS TABLE (password_hash text, email text, retry_after int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT password_hash, email,
         auth_retry_after(ARRAY['email:' || lower(email), 'addr:' || p_addr])
    FROM account WHERE id = app_account_id()
$$;

-- Accepting an invitation sets the first password (p_password_hash, made
-- by the service) and returns the account's email; NULL for an unknown or
-- expired invitation.
CREATE FUNCTION auth_accept_invitation(p_invitation bytea, p_password_hash text)
RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE account SET password_hash = p_password_hash,
                     invitation_hash = NULL, invitation_expires_at = NULL
   WHERE invitation_hash = p_invitation AND invitation_expires_at > now()
     AND status = 'active'
  RETURNING email
$$;

-- Client credentials, step one: the client's secret hash.
CREATE FUNCTION auth_client_lookup(p_client_id text)
RETURNS TABLE (id bigint, secret_hash bytea, status text, scopes text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, secret_hash, status, scopes FROM api_client WHERE client_id = p_client_id
$$;

-- Client credentials, step two: the claims of an API client's token with
-- the granted scopes.
CREATE FUNCTION auth_client_session(p_id bigint, p_scopes text[]) RETURNS json
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE api_client SET last_used_at = now() WHERE id = p_id;
  SELECT json_build_object(
           'sub', 'client:' || c.id,
           'cid', c.id,
           'did', mu.district_id,
           'dadm', false,
           'scope', array_to_string(p_scopes, ' '),
           'mem', json_build_array(json_build_object(
                    'mid', c.municipality_id, 'ags', mu.ags,
                    'role', 'partner', 'org', c.organisation_id)))
    FROM api_client c JOIN municipality mu ON mu.id = c.municipality_id
   WHERE c.id = p_id AND c.status = 'active'
$$;

-- Every request of a signed-in caller starts here: the claims go into the
-- transaction, and the account (or API client) must still be active and
-- its session not revoked (SQLSTATE 28000 otherwise).
CREATE OR REPLACE FUNCTION app_begin(p_claims text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  c jsonb := p_claims::jsonb;
BEGIN
  PERFORM set_config('app.claims', p_claims, true);
  IF c ? 'cid' THEN
    IF NOT EXISTS (SELECT FROM api_client
                    WHERE id = (c ->> 'cid')::bigint AND status = 'active') THEN
      RAISE EXCEPTION 'client is not active' USING ERRCODE = '28000';
    END IF;
  ELSIF NOT EXISTS (SELECT FROM account
                     WHERE id = (c ->> 'sub')::bigint AND status = 'active')
        OR EXISTS (SELECT FROM auth_session
                    WHERE id = (c ->> 'sid')::bigint AND revoked_at IS NOT NULL) THEN
    RAISE EXCEPTION 'account is not active' USING ERRCODE = '28000';
  END IF;
END
$$;

-- GET /api/v1/me: the signed-in account, or the API client. PL/pgSQL with
-- generic plans: this runs on every GET /me, and planning its joins anew
-- each time cost more than running them (primary-key lookups, no tenant
-- index to miss).
CREATE OR REPLACE FUNCTION me_doc() RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_account bigint := app_account_id();
  v_client bigint := app_client_id();
  doc json;
BEGIN
  IF v_account IS NOT NULL THEN
    SELECT json_build_object(
             'kind', 'account',
             'id', a.id::text,
             'email', a.email,
             'display_name', a.display_name,
             'status', a.status,
             'district_admin', a.district_admin,
             'last_login_at', a.last_login_at,
             'memberships', coalesce((
               SELECT json_agg(json_build_object(
                        'municipality', json_build_object('ags', mu.ags, 'name', mu.name),
                        'role', ms.role,
                        'organisation', CASE WHEN o.id IS NULL THEN NULL ELSE
                          json_build_object('id', o.id::text, 'name', o.name) END)
                      ORDER BY mu.name)
                 FROM membership ms
                 JOIN municipality mu ON mu.id = ms.municipality_id
                 LEFT JOIN organisation o ON o.id = ms.organisation_id
                WHERE ms.account_id = a.id), '[]'::json))
      INTO doc
      FROM account a
     WHERE a.id = v_account;
  ELSIF v_client IS NOT NULL THEN
    SELECT json_build_object(
             'kind', 'api_client',
             'id', c.id::text,
             'client_id', c.client_id,
             'display_name', c.name,
             'status', c.status,
             'scopes', to_json(string_to_array(app_claims() ->> 'scope', ' ')),
             'memberships', json_build_array(json_build_object(
               'municipality', json_build_object('ags', mu.ags, 'name', mu.name),
               'role', 'partner',
               'organisation', json_build_object('id', o.id::text, 'name', o.name))))
      INTO doc
      FROM api_client c
      JOIN municipality mu ON mu.id = c.municipality_id
      JOIN organisation o ON o.id = c.organisation_id
     WHERE c.id = v_client;
  END IF;
  RETURN doc;
END
$$;

-- ---------------------------------------------------------------------------
-- Audit: a trigger on every tenant table writes who changed what. The
-- arguments name the column holding the municipality ('' for district-wide
-- records), the column identifying the row, and columns never to record.

CREATE TABLE audit_event (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id  bigint REFERENCES municipality (id),
  at               timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_account_id bigint,
  actor_client_id  bigint,
  table_name       text NOT NULL,
  row_id           text NOT NULL,
  action           text NOT NULL CONSTRAINT audit_event_action_valid
                   CHECK (action IN ('insert', 'update', 'delete')),
  old_values       jsonb,
  new_values       jsonb
);
CREATE INDEX audit_event_municipality ON audit_event (municipality_id, id);
CREATE INDEX audit_event_row ON audit_event (municipality_id, table_name, row_id, id);

CREATE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  o jsonb;
  n jsonb;
  r jsonb;
  secret text;
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  r := coalesce(n, o);
  FOREACH secret IN ARRAY TG_ARGV[2:] LOOP
    o := o - secret;
    n := n - secret;
  END LOOP;
  -- bookkeeping alone (timestamps of use) is no change worth a record
  IF TG_OP = 'UPDATE' AND (o - '{updated_at,last_login_at,last_used_at}'::text[])
                        = (n - '{updated_at,last_login_at,last_used_at}'::text[]) THEN
    RETURN NULL;
  END IF;
  INSERT INTO audit_event (municipality_id, actor_account_id, actor_client_id,
                           table_name, row_id, action, old_values, new_values)
  VALUES (CASE WHEN TG_ARGV[0] = '' THEN NULL ELSE (r ->> TG_ARGV[0])::bigint END,
          app_account_id(), app_client_id(), TG_TABLE_NAME, r ->> TG_ARGV[1],
          lower(TG_OP), o, n);
  RETURN NULL;
END
$$;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON municipality
  FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'ags');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON organisation
  FOR EACH ROW EXECUTE FUNCTION audit_row('', 'id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON organisation_municipality
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'organisation_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION audit_row('', 'id', 'password_hash', 'invitation_hash');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'account_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON api_client
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'secret_hash');

-- Who made a change, for the log's readers: the account's or client's
-- name, for an event the caller may read (the same rule as the policy
-- below), else NULL.
CREATE FUNCTION audit_actor(p_event_id bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN e.actor_account_id IS NOT NULL THEN
      (SELECT json_build_object('kind', 'account', 'id', a.id::text,
                                'display_name', a.display_name)
         FROM account a WHERE a.id = e.actor_account_id)
    WHEN e.actor_client_id IS NOT NULL THEN
      (SELECT json_build_object('kind', 'api_client', 'id', c.id::text,
                                'display_name', c.name)
         FROM api_client c WHERE c.id = e.actor_client_id)
    ELSE json_build_object('kind', 'system', 'id', NULL,
                           'display_name', 'System')
  END
    FROM audit_event e
   WHERE e.id = p_event_id
     AND app_account_id() IS NOT NULL
     AND (e.municipality_id = ANY (app_mids('{officer,steering}'))
          OR (e.municipality_id IS NULL AND app_is_district_admin()))
$$;

ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_event_owner ON audit_event TO teilhabe_owner USING (true) WITH CHECK (true);
-- Officers and the steering group read their municipality's log; district
-- admins also the district-wide records (accounts, organisations).
CREATE POLICY audit_event_app_read ON audit_event FOR SELECT TO teilhabe_app
  USING (app_account_id() IS NOT NULL
         AND (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
              OR (municipality_id IS NULL AND app_is_district_admin())));
GRANT SELECT ON audit_event TO teilhabe_app;

REVOKE ALL ON FUNCTION app_mids(text[]), app_may_manage(bigint),
  app_account_reachable(bigint),
  auth_claims(bigint, bigint), auth_retry_after(text[]),
  auth_password_lookup(text, text), auth_login_failed(text, text, int, int),
  auth_session(bigint, text, bytea), auth_refresh(bytea, bytea),
  auth_revoke(bytea, bigint, bigint), auth_end_other_sessions(bigint),
  auth_own_password_hash(text), auth_accept_invitation(bytea, text),
  auth_client_lookup(text), auth_client_session(bigint, text[]),
  audit_row(), audit_actor(bigint), account_end_sessions(),
  membership_check_organisation() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_mids(text[]), app_may_manage(bigint),
  app_account_reachable(bigint),
  auth_password_lookup(text, text), auth_login_failed(text, text, int, int),
  auth_session(bigint, text, bytea), auth_refresh(bytea, bytea),
  auth_revoke(bytea, bigint, bigint), auth_end_other_sessions(bigint),
  auth_own_password_hash(text), auth_accept_invitation(bytea, text),
  auth_client_lookup(text), auth_client_session(bigint, text[]),
  audit_actor(bigint)
  TO teilhabe_app;
