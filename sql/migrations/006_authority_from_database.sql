-- The database is the authority on who may do what (issue #9).
--
-- Until now app_begin() checked that the account (or API client) was active
-- and its session not revoked, and then row-level security read the roles
-- and memberships from the token's claims: a demoted officer kept writing,
-- a removed membership kept reading, for as long as the token lived, and a
-- token made with the signing key could claim any role.
--
-- Now app_begin() compares the token with what is stored for the account
-- or API client now, in the statement that checks it is active, still in
-- the request's one round trip: the token names the caller (sub or cid)
-- and the session (sid), and its authorisation claims (did, dadm, mem,
-- scope) count only when they are the stored ones. Only then do they go
-- into app.claims, which every policy reads.
--
-- The service's own route checks (the route table, tenant_check) decide
-- from the token's claims before the round trip, so C and the database
-- could disagree. To make sure they never disagree in the caller's favour,
-- app_begin refuses (SQLSTATE TH401: 401 invalid_token, "Your roles have
-- changed; ...") a token whose district, district-admin flag or
-- memberships are not exactly the stored ones, or whose scopes are not
-- among the client's stored scopes (a client may ask for fewer). Nothing
-- of such a request runs. A refresh (auth_refresh -> auth_claims) issues
-- the stored claims, and the web client refreshes once after a 401 and
-- repeats the request, so a person whose roles changed goes on with the
-- new ones; a partner system asks for a new token as after expiry. A
-- change of role or membership therefore takes effect on the next request,
-- whichever way (a token stating more or fewer rights than stored is
-- refused, so C never grants what the database would not).
--
-- Cost: app_begin ran in ~15 us; building the memberships from
-- membership and municipality on every request made it ~50 us (a join and
-- an aggregate per request, measured best-of-10 in a loop on 2 shared
-- cores). So the memberships as a token states them are kept, for every
-- account, in account_authz, written by triggers whenever a membership (or
-- a municipality's AGS) changes, in the same transaction; app_begin reads
-- them with the account in one primary-key lookup (~20 us).

-- The memberships of each account exactly as auth_claims() puts them into
-- a token ("mem"), kept by account_authz_refresh(); no row: none.
CREATE TABLE account_authz (
  account_id bigint PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  mem        jsonb NOT NULL
);
ALTER TABLE account_authz ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_authz FORCE ROW LEVEL SECURITY;
CREATE POLICY account_authz_owner ON account_authz TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- Recomputes an account's row. The account row is locked first, so that
-- changes to one account's memberships in concurrent transactions are
-- computed one after the other: the statement after the lock takes a new
-- snapshot (READ COMMITTED) and sees what the one before committed. Without
-- the lock each would compute from its own snapshot, and the later writer
-- could store a list that misses the other's change, a removal included.
CREATE FUNCTION account_authz_refresh(p_account_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM FROM account WHERE id = p_account_id FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN; -- the account is being deleted
  END IF;
  INSERT INTO account_authz AS z (account_id, mem)
  SELECT p_account_id,
         coalesce(jsonb_agg(jsonb_build_object(
                    'mid', ms.municipality_id, 'ags', mu.ags,
                    'role', ms.role, 'org', ms.organisation_id)
                  ORDER BY mu.ags), '[]')
    FROM membership ms JOIN municipality mu ON mu.id = ms.municipality_id
   WHERE ms.account_id = p_account_id
  ON CONFLICT (account_id) DO UPDATE SET mem = EXCLUDED.mem;
END
$$;

CREATE FUNCTION membership_authz() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM account_authz_refresh(OLD.account_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.account_id <> OLD.account_id) THEN
    PERFORM account_authz_refresh(NEW.account_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER membership_authz AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_authz();

CREATE FUNCTION municipality_authz() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM account_authz_refresh(account_id)
     FROM membership WHERE municipality_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER municipality_authz AFTER UPDATE OF ags ON municipality
  FOR EACH ROW WHEN (NEW.ags IS DISTINCT FROM OLD.ags)
  EXECUTE FUNCTION municipality_authz();

SELECT account_authz_refresh(account_id)
  FROM (SELECT DISTINCT account_id FROM membership) AS a;

REVOKE ALL ON FUNCTION account_authz_refresh(bigint), membership_authz(),
  municipality_authz() FROM PUBLIC;

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

-- ---------------------------------------------------------------------------
-- POST /api/v1/auth/invitation: the invitation is looked up before the
-- service hashes a password (Argon2id, ~45 ms of a core), and failures are
-- throttled per client address, as sign-ins are.

-- Records one failure for a throttle key. After p_limit failures within 15
-- minutes the key is locked for 30 s, doubling with every further failure,
-- at most 15 minutes (the rule auth_login_failed had in 003; it now
-- counts through this function, below).
CREATE FUNCTION auth_count_failure(p_key text, p_limit int) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO login_throttle AS t (key, failures, first_at)
  VALUES (p_key, 1, now())
  ON CONFLICT (key) DO UPDATE
    SET failures = CASE WHEN t.first_at < now() - interval '15 minutes'
                             AND (t.locked_until IS NULL OR t.locked_until < now())
                        THEN 1 ELSE t.failures + 1 END,
        first_at = CASE WHEN t.first_at < now() - interval '15 minutes'
                             AND (t.locked_until IS NULL OR t.locked_until < now())
                        THEN now() ELSE t.first_at END;
  UPDATE login_throttle
     SET locked_until = now() + least(interval '15 minutes',
           interval '30 seconds' * power(2, least(failures - p_limit, 10)))
   WHERE key = p_key AND failures >= p_limit;
$$;

-- Step one of accepting an invitation, before any password is hashed:
-- whether p_invitation (the SHA-256 of the token the person holds) names a
-- pending invitation, and how many seconds the address p_addr must wait
-- (0: it may try). While the address is locked nothing is looked up, valid
-- token or not. An unknown, used or expired invitation counts as a failure
-- of the address (key 'invitation:ADDR', limit p_limit; sign-in failures
-- are counted apart, so a mistyped link does not lock sign-ins).
--
-- The comparison is of SHA-256 hashes through the unique index: its timing
-- tells at most how a hash of the caller's own guess relates to a stored
-- hash, which gives nothing towards a token (finding one from a hash
-- prefix is a preimage attack).
CREATE FUNCTION auth_invitation_check(p_invitation bytea, p_addr text,
                                      p_limit int)
RETURNS TABLE (valid boolean, retry_after int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_key text := 'invitation:' || p_addr;
  v_wait int := auth_retry_after(ARRAY[v_key]);
BEGIN
  IF v_wait > 0 THEN
    RETURN QUERY SELECT false, v_wait;
    RETURN;
  END IF;
  IF EXISTS (SELECT FROM account
              WHERE invitation_hash = p_invitation
                AND invitation_expires_at > now() AND status = 'active') THEN
    RETURN QUERY SELECT true, 0;
    RETURN;
  END IF;
  PERFORM auth_count_failure(v_key, p_limit);
  RETURN QUERY SELECT false, 0;
END
$$;

REVOKE ALL ON FUNCTION auth_count_failure(text, int),
  auth_invitation_check(bytea, text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_invitation_check(bytea, text, int) TO teilhabe_app;

-- A failed sign-in counts for the email and the address through the one
-- counter above (003 wrote the same statements out in a loop of its own).
CREATE OR REPLACE FUNCTION auth_login_failed(p_email text, p_addr text,
                                             p_email_limit int, p_addr_limit int)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM auth_count_failure('email:' || lower(p_email), p_email_limit);
  PERFORM auth_count_failure('addr:' || p_addr, p_addr_limit);
  DELETE FROM login_throttle
   WHERE first_at < now() - interval '1 day'
     AND (locked_until IS NULL OR locked_until < now());
END
$$;
