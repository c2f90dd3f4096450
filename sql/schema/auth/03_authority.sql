-- Authority from the database: account_authz, kept current by
-- triggers, is what app_begin() checks a token's claims against.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP POLICY IF EXISTS account_authz_owner ON account_authz;
CREATE POLICY account_authz_owner ON account_authz TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- Recomputes an account's row. The account row is locked first, so that
-- changes to one account's memberships in concurrent transactions are
-- computed one after the other: the statement after the lock takes a new
-- snapshot (READ COMMITTED) and sees what the one before committed. Without
-- the lock each would compute from its own snapshot, and the later writer
-- could store a list that misses the other's change, a removal included.
CREATE OR REPLACE FUNCTION account_authz_refresh(p_account_id bigint) RETURNS void
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

CREATE OR REPLACE FUNCTION membership_authz() RETURNS trigger
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

DROP TRIGGER IF EXISTS membership_authz ON membership;
CREATE TRIGGER membership_authz AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_authz();

CREATE OR REPLACE FUNCTION municipality_authz() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM account_authz_refresh(account_id)
     FROM membership WHERE municipality_id = NEW.id;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS municipality_authz ON municipality;
CREATE TRIGGER municipality_authz AFTER UPDATE OF ags ON municipality
  FOR EACH ROW WHEN (NEW.ags IS DISTINCT FROM OLD.ags)
  EXECUTE FUNCTION municipality_authz();

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION account_authz_refresh(bigint), membership_authz(),
  municipality_authz() FROM PUBLIC;
