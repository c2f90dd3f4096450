-- Accounts, organisations and memberships, and what the service needs to
-- sign people in and to carry their claims into every transaction.
--
-- A membership is (account, municipality, role); a partner's membership
-- names the organisation they act for. District admins hold the whole
-- district (account.district_admin). Tokens carry the claims; each request
-- puts them into its transaction with app_begin(), which row-level
-- security reads through the app_* functions below.

CREATE TABLE organisation (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id bigint NOT NULL REFERENCES district (id),
  name       text NOT NULL CONSTRAINT organisation_name_length
             CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind       text NOT NULL CONSTRAINT organisation_kind_valid CHECK (kind IN (
               'administration', 'welfare_association', 'migrant_organisation',
               'school', 'kita', 'church', 'club', 'job_centre',
               'volunteer_initiative', 'other')),
  contact_email text CONSTRAINT organisation_contact_email_format
             CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, name)
);

CREATE TABLE account (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id   bigint NOT NULL REFERENCES district (id),
  email         text NOT NULL CONSTRAINT account_email_format
                CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
  display_name  text NOT NULL CONSTRAINT account_display_name_length
                CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  password_hash text, -- Argon2id PHC string; NULL until a password is set
  status        text NOT NULL DEFAULT 'active'
                CONSTRAINT account_status_valid
                CHECK (status IN ('active', 'disabled')),
  district_admin boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_email_unique ON account (lower(email));

CREATE TABLE membership (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  account_id      bigint NOT NULL REFERENCES account (id),
  role            text NOT NULL CONSTRAINT membership_role_valid
                  CHECK (role IN ('steering', 'officer', 'partner')),
  organisation_id bigint REFERENCES organisation (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, account_id),
  CONSTRAINT membership_partner_has_organisation
    CHECK ((role = 'partner') = (organisation_id IS NOT NULL))
);
CREATE INDEX membership_account ON membership (account_id);

CREATE TRIGGER organisation_updated_at BEFORE UPDATE ON organisation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER account_updated_at BEFORE UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The caller's claims, as app_begin() put them into the transaction.
CREATE FUNCTION app_claims() RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.claims', true), '')::jsonb
$$;

CREATE FUNCTION app_account_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (app_claims() ->> 'sub')::bigint
$$;

CREATE FUNCTION app_is_district_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((app_claims() ->> 'dadm')::boolean, false)
$$;

-- The caller's role in a municipality, or NULL.
CREATE FUNCTION app_role(p_municipality_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT m ->> 'role'
    FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
   WHERE (m ->> 'mid')::bigint = p_municipality_id
$$;

-- Starts a request's transaction for a signed-in caller: stores the token's
-- claims for row-level security, and refuses (SQLSTATE 28000) when the
-- account no longer exists or was disabled after the token was issued.
CREATE FUNCTION app_begin(p_claims text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM set_config('app.claims', p_claims, true);
  IF NOT EXISTS (SELECT FROM account
                  WHERE id = (p_claims::jsonb ->> 'sub')::bigint
                    AND status = 'active') THEN
    RAISE EXCEPTION 'account is not active' USING ERRCODE = '28000';
  END IF;
END
$$;

-- Sign-in, step one: the stored hash for an email (the service verifies
-- it). No row for unknown emails.
CREATE FUNCTION auth_password_lookup(p_email text)
RETURNS TABLE (account_id bigint, password_hash text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, password_hash, status FROM account WHERE lower(email) = lower(p_email)
$$;

-- Sign-in, step two: records the login and returns the token's claims.
CREATE FUNCTION auth_session(p_account_id bigint) RETURNS json
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE account SET last_login_at = now() WHERE id = p_account_id;
  SELECT json_build_object(
           'sub', a.id::text,
           'dadm', a.district_admin,
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

-- The signed-in account and its memberships (GET /api/v1/me).
CREATE FUNCTION me_doc() RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object(
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
    FROM account a
   WHERE a.id = app_account_id()
$$;

ALTER TABLE organisation ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisation FORCE ROW LEVEL SECURITY;
ALTER TABLE account ENABLE ROW LEVEL SECURITY;
ALTER TABLE account FORCE ROW LEVEL SECURITY;
ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;

-- The owner loads data; the service reaches these tables only through the
-- functions above until account management arrives.
CREATE POLICY organisation_owner ON organisation TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY account_owner ON account TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY membership_owner ON membership TO teilhabe_owner USING (true) WITH CHECK (true);

REVOKE ALL ON FUNCTION app_begin(text), auth_password_lookup(text),
  auth_session(bigint), me_doc() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin(text), auth_password_lookup(text),
  auth_session(bigint), me_doc() TO teilhabe_app;
