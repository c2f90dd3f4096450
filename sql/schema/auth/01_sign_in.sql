-- Signing in, sessions with rotating refresh tokens, throttling,
-- logging out, password changes and invitations.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- Disabling an account ends its sessions for good: enabling it again later
-- does not bring old refresh or access tokens back.
CREATE OR REPLACE FUNCTION account_end_sessions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE auth_session SET revoked_at = now(), revoked_why = 'account disabled'
   WHERE account_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS account_end_sessions ON account;
CREATE TRIGGER account_end_sessions AFTER UPDATE OF status ON account
  FOR EACH ROW WHEN (NEW.status = 'disabled' AND OLD.status <> 'disabled')
  EXECUTE FUNCTION account_end_sessions();

DROP POLICY IF EXISTS auth_session_owner ON auth_session;
CREATE POLICY auth_session_owner ON auth_session TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS refresh_token_owner ON refresh_token;
CREATE POLICY refresh_token_owner ON refresh_token TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS login_throttle_owner ON login_throttle;
CREATE POLICY login_throttle_owner ON login_throttle TO teilhabe_owner USING (true) WITH CHECK (true);

-- The claims of an account for a session (NULL when it is not active).
CREATE OR REPLACE FUNCTION auth_claims(p_account_id bigint, p_session_id bigint) RETURNS json
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
CREATE OR REPLACE FUNCTION auth_retry_after(p_keys text[]) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(ceil(extract(epoch FROM max(locked_until) - now()))::int, 0)
    FROM login_throttle
   WHERE key = ANY (p_keys) AND locked_until > now()
$$;

-- Sign-in, step one: the stored hash for an email (the service verifies
-- it), and whether the email or the address is throttled. No hash for
-- unknown emails; the throttle does not depend on the account existing.
CREATE OR REPLACE FUNCTION auth_password_lookup(p_email text, p_addr text)
RETURNS TABLE (account_id bigint, password_hash text, status text, retry_after int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.id, a.password_hash, a.status,
         auth_retry_after(ARRAY['email:' || lower(p_email), 'addr:' || p_addr])
    FROM (SELECT 1) AS one
    LEFT JOIN account a ON lower(a.email) = lower(p_email)
$$;

-- A failed sign-in counts for the email and the address through the one
-- counter, auth_count_failure().
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

-- Sign-in, step two: records the login, clears the email's failures,
-- opens a session with its first refresh token (p_refresh: its SHA-256)
-- and returns the access token's claims.
CREATE OR REPLACE FUNCTION auth_session(p_account_id bigint, p_email text, p_refresh bytea)
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
CREATE OR REPLACE FUNCTION auth_refresh(p_old bytea, p_new bytea) RETURNS json
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
CREATE OR REPLACE FUNCTION auth_revoke(p_refresh bytea, p_sid bigint, p_account_id bigint)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE auth_session SET revoked_at = now(), revoked_why = 'logged out'
   WHERE revoked_at IS NULL
     AND (id = (SELECT session_id FROM refresh_token WHERE hash = p_refresh)
          OR (id = p_sid AND account_id = p_account_id));
$$;

-- After a password change: every other session of the account ends.
CREATE OR REPLACE FUNCTION auth_end_other_sessions(p_keep bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE auth_session SET revoked_at = now(), revoked_why = 'password changed'
   WHERE account_id = app_account_id() AND revoked_at IS NULL
     AND id IS DISTINCT FROM p_keep;
$$;

-- The caller's own password hash, to check the current password before a
-- change, with the email (the throttle's key) and its throttle.
CREATE OR REPLACE FUNCTION auth_own_password_hash(p_addr text)
RETURNS TABLE (password_hash text, email text, retry_after int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT password_hash, email,
         auth_retry_after(ARRAY['email:' || lower(email), 'addr:' || p_addr])
    FROM account WHERE id = app_account_id()
$$;

-- Accepting an invitation sets the first password (p_password_hash, made
-- by the service) and returns the account's email; NULL for an unknown or
-- expired invitation.
CREATE OR REPLACE FUNCTION auth_accept_invitation(p_invitation bytea, p_password_hash text)
RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE account SET password_hash = p_password_hash,
                     invitation_hash = NULL, invitation_expires_at = NULL
   WHERE invitation_hash = p_invitation AND invitation_expires_at > now()
     AND status = 'active'
  RETURNING email
$$;

-- Records one failure for a throttle key. After p_limit failures within 15
-- minutes the key is locked for 30 s, doubling with every further failure,
-- at most 15 minutes.
CREATE OR REPLACE FUNCTION auth_count_failure(p_key text, p_limit int) RETURNS void
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
CREATE OR REPLACE FUNCTION auth_invitation_check(p_invitation bytea, p_addr text,
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

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION account_end_sessions(), auth_claims(bigint,bigint),
  auth_retry_after(text[]), auth_password_lookup(text,text),
  auth_login_failed(text,text,integer,integer),
  auth_session(bigint,text,bytea), auth_refresh(bytea,bytea),
  auth_revoke(bytea,bigint,bigint), auth_end_other_sessions(bigint),
  auth_own_password_hash(text), auth_accept_invitation(bytea,text),
  auth_count_failure(text,integer), auth_invitation_check(bytea,text,integer)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_password_lookup(text,text),
  auth_login_failed(text,text,integer,integer),
  auth_session(bigint,text,bytea), auth_refresh(bytea,bytea),
  auth_revoke(bytea,bigint,bigint), auth_end_other_sessions(bigint),
  auth_own_password_hash(text), auth_accept_invitation(bytea,text),
  auth_invitation_check(bytea,text,integer) TO teilhabe_app;
