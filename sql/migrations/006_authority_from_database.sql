-- The database is the authority on who may do what (issue #9).
--
-- Until now app_begin() checked that the account (or API client) was active
-- and its session not revoked, and then row-level security read the roles
-- and memberships from the token's claims: a demoted officer kept writing,
-- a removed membership kept reading, for as long as the token lived, and a
-- token made with the signing key could claim any role.
--
-- Now app_begin() reads what is stored for the account or API client in
-- the same statement that checks it is active, still in the request's one
-- round trip, and puts the stored district, district-admin flag and
-- memberships into app.claims, which every policy reads. The token names
-- the caller (sub or cid) and the session (sid); nothing else in it is
-- believed.
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
-- whichever way: more rights wait for a refresh, fewer never do.
--
-- Cost: two primary-key lookups and one index scan of the account's
-- memberships, planned once (PL/pgSQL, generic plans); see the README for
-- the figures.

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
    v_stale := NOT (string_to_array(coalesce(c ->> 'scope', ''), ' ')
                    <@ v_scopes);
  ELSE
    -- a person: the memberships in the order auth_claims() gives them
    SELECT a.district_id, a.district_admin,
           coalesce((SELECT jsonb_agg(jsonb_build_object(
                              'mid', ms.municipality_id, 'ags', mu.ags,
                              'role', ms.role, 'org', ms.organisation_id)
                            ORDER BY mu.ags)
                       FROM membership ms
                       JOIN municipality mu ON mu.id = ms.municipality_id
                      WHERE ms.account_id = a.id), '[]')
      INTO v_did, v_dadm, v_mem
      FROM account a
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
  IF v_stale OR c -> 'did' IS DISTINCT FROM to_jsonb(v_did)
     OR coalesce(c -> 'dadm', 'false') IS DISTINCT FROM to_jsonb(v_dadm)
     OR c -> 'mem' IS DISTINCT FROM v_mem THEN
    RAISE EXCEPTION 'Your roles have changed; sign in again or refresh the token.'
      USING ERRCODE = 'TH401';
  END IF;
  -- what the policies read: the stored authorisation, whatever the token says
  PERFORM set_config('app.claims',
                     (c || jsonb_build_object('did', v_did, 'dadm', v_dadm,
                                              'mem', v_mem))::text,
                     true);
END
$$;

-- ---------------------------------------------------------------------------
-- POST /api/v1/auth/invitation: the invitation is looked up before the
-- service hashes a password (Argon2id, ~45 ms of a core), and failures are
-- throttled per client address, as sign-ins are.

-- Records one failure for a throttle key. After p_limit failures within 15
-- minutes the key is locked for 30 s, doubling with every further failure,
-- at most 15 minutes (the rule of auth_login_failed in 003).
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
