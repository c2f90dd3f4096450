-- The caller's claims, as app_begin() puts them into a request's
-- transaction, and what row-level security and the api_* functions ask of
-- them.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- The caller's claims, as app_begin() put them into the transaction.
CREATE OR REPLACE FUNCTION app_claims() RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.claims', true), '')::jsonb
$$;

CREATE OR REPLACE FUNCTION app_account_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_claims() ? 'cid' THEN NULL
              ELSE (app_claims() ->> 'sub')::bigint END
$$;

CREATE OR REPLACE FUNCTION app_is_district_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((app_claims() ->> 'dadm')::boolean, false)
$$;

-- The caller's role in a municipality, or NULL.
CREATE OR REPLACE FUNCTION app_role(p_municipality_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT m ->> 'role'
    FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
   WHERE (m ->> 'mid')::bigint = p_municipality_id
$$;

-- Every request of a signed-in caller starts here. The account (or API
-- client) must still be active and its session not ended (SQLSTATE 28000
-- otherwise), and the token's authorisation claims (did, dadm, mem, scope)
-- count only when they are the stored ones (account_authz, the client's
-- scopes; TH401 otherwise, migration 006 says why). Then the claims go
-- into the transaction, where row-level security reads them.
CREATE OR REPLACE FUNCTION app_begin(p_claims text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  c jsonb := p_claims::jsonb;
  v_did bigint;
  v_dadm boolean;
  v_mem jsonb;
  v_scopes text[];
  v_stale boolean;
BEGIN
  IF c ? 'cid' THEN
    -- an API client: partner in one municipality for one organisation
    SELECT mu.district_id, false,
           jsonb_build_array(jsonb_build_object(
             'mid', cl.municipality_id, 'ags', mu.ags,
             'role', 'partner', 'org', cl.organisation_id)),
           cl.scopes
      INTO v_did, v_dadm, v_mem, v_scopes
      FROM api_client cl JOIN municipality mu ON mu.id = cl.municipality_id
     WHERE cl.id = (c ->> 'cid')::bigint AND cl.status = 'active';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'client is not active' USING ERRCODE = '28000';
    END IF;
    -- a client may have asked for fewer scopes than it holds
    v_stale := NOT (string_to_array(coalesce(c ->> 'scope', ''), ' ')
                    <@ v_scopes);
  ELSE
    SELECT a.district_id, a.district_admin, coalesce(z.mem, '[]')
      INTO v_did, v_dadm, v_mem
      FROM account a LEFT JOIN account_authz z ON z.account_id = a.id
     WHERE a.id = (c ->> 'sub')::bigint AND a.status = 'active';
    -- the session the token names must be the account's and not ended
    IF NOT FOUND OR (c ->> 'sid' IS NOT NULL AND NOT EXISTS (
                       SELECT FROM auth_session s
                        WHERE s.id = (c ->> 'sid')::bigint
                          AND s.account_id = (c ->> 'sub')::bigint
                          AND s.revoked_at IS NULL)) THEN
      RAISE EXCEPTION 'account is not active' USING ERRCODE = '28000';
    END IF;
    v_stale := false;
  END IF;
  -- exactly the stored ones (jsonb equality: same values, same order)
  IF v_stale OR c -> 'did' IS DISTINCT FROM to_jsonb(v_did)
     OR coalesce(c -> 'dadm', 'false') IS DISTINCT FROM to_jsonb(v_dadm)
     OR c -> 'mem' IS DISTINCT FROM v_mem THEN
    RAISE EXCEPTION 'Your roles have changed; sign in again or refresh the token.'
      USING ERRCODE = 'TH401';
  END IF;
  -- What the policies read. Every claim they use (sub or cid, did, dadm,
  -- mem, scope) is now the stored one or, for scope, a part of it, so the
  -- token's text goes in as it is (rebuilding it from the stored values
  -- cost ~10 us more and would say the same).
  PERFORM set_config('app.claims', p_claims, true);
END
$$;

CREATE OR REPLACE FUNCTION app_client_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (app_claims() ->> 'cid')::bigint
$$;

CREATE OR REPLACE FUNCTION app_district_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (app_claims() ->> 'did')::bigint
$$;

-- The municipalities in which the caller holds one of roles; a district
-- admin holds every municipality of the district. Policies use it as
--   municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
-- so that it runs once per statement, not once per row. PL/pgSQL with a
-- generic plan: as a SQL function its query was planned anew in every
-- statement whose policies call it, which cost more than the rest of a
-- catalogue page together.
CREATE OR REPLACE FUNCTION app_mids(p_roles text[]) RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  c jsonb := app_claims();
  r bigint[];
BEGIN
  IF coalesce((c ->> 'dadm')::boolean, false) AND (c ->> 'cid') IS NULL THEN
    SELECT coalesce(array_agg(id), '{}') INTO r FROM municipality
     WHERE district_id = (c ->> 'did')::bigint;
  ELSE
    SELECT coalesce(array_agg((m ->> 'mid')::bigint), '{}') INTO r
      FROM jsonb_array_elements(coalesce(c -> 'mem', '[]')) AS m
     WHERE m ->> 'role' = ANY (p_roles);
  END IF;
  RETURN r;
END
$$;

-- The caller's organisation in a municipality (partners and API clients).
CREATE OR REPLACE FUNCTION app_org(p_municipality_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (m ->> 'org')::bigint
    FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
   WHERE (m ->> 'mid')::bigint = p_municipality_id
$$;

-- Whether the caller may use a scope: people always; API clients when
-- their token carries it.
CREATE OR REPLACE FUNCTION app_scope(p_scope text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT app_client_id() IS NULL
      OR p_scope = ANY (string_to_array(app_claims() ->> 'scope', ' '))
$$;

-- The municipality of an AGS (NULL when there is none).
CREATE OR REPLACE FUNCTION app_municipality(p_ags text) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT id FROM municipality WHERE ags = p_ags
$$;

-- Whether the caller works in the municipality with one of roles
-- (district admins in all of their district).
CREATE OR REPLACE FUNCTION app_in(p_municipality_id bigint, p_roles text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p_municipality_id = ANY (app_mids(p_roles))
$$;

-- Whether the request runs as the service (and not as the owner, as the
-- demo data and the definer functions below do): guards apply then.
CREATE OR REPLACE FUNCTION app_is_service() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_user = 'teilhabe_app'
$$;

-- The municipality of an AGS for a change; TH404 when there is none (a
-- district admin may name any AGS of the district).
CREATE OR REPLACE FUNCTION app_tenant(p_ags text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_mid bigint := app_municipality(p_ags);
BEGIN
  PERFORM app_assert(v_mid IS NOT NULL, 'TH404', 'There is no such municipality.');
  RETURN v_mid;
END
$$;

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION app_begin(text), app_mids(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_begin(text), app_mids(text[]) TO teilhabe_app;
