-- Memberships: the guards and the policies.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP POLICY IF EXISTS membership_owner ON membership;
CREATE POLICY membership_owner ON membership TO teilhabe_owner USING (true) WITH CHECK (true);

-- Memberships: officers give and take only partner and steering roles, in
-- their own municipality (the policies), to accounts within their reach
-- other than their own; district admins any.
CREATE OR REPLACE FUNCTION membership_guard() RETURNS trigger
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

DROP TRIGGER IF EXISTS membership_guard ON membership;
CREATE TRIGGER membership_guard BEFORE INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_guard();

DROP TRIGGER IF EXISTS membership_updated_at ON membership;
CREATE TRIGGER membership_updated_at BEFORE UPDATE ON membership
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- A partner acts for an organisation that serves the municipality.
CREATE OR REPLACE FUNCTION membership_check_organisation() RETURNS trigger
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

DROP TRIGGER IF EXISTS membership_check_organisation ON membership;
CREATE TRIGGER membership_check_organisation
  BEFORE INSERT OR UPDATE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_check_organisation();

-- Memberships: your own; those of municipalities where you are officer or
-- steering group. Changes: officers in their municipalities (the guard
-- trigger limits roles and accounts), district admins everywhere.
DROP POLICY IF EXISTS membership_app_read ON membership;
CREATE POLICY membership_app_read ON membership FOR SELECT TO teilhabe_app USING (
  account_id = app_account_id()
  OR municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS membership_app_insert ON membership;
CREATE POLICY membership_app_insert ON membership FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS membership_app_update ON membership;
CREATE POLICY membership_app_update ON membership FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]))
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS membership_app_delete ON membership;
CREATE POLICY membership_app_delete ON membership FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

DROP TRIGGER IF EXISTS audit ON membership;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'account_id');

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION membership_check_organisation() FROM PUBLIC;
