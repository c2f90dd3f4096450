-- Accounts: who may manage whom, the account guard, the API's
-- representation, GET /api/v1/me and the policies.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS account_updated_at ON account;
CREATE TRIGGER account_updated_at BEFORE UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

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

DROP POLICY IF EXISTS account_owner ON account;
CREATE POLICY account_owner ON account TO teilhabe_owner USING (true) WITH CHECK (true);

-- Whether the caller may manage (change, disable, invite, give
-- memberships to) an account. District admins manage every account of
-- their district. An officer manages an account that is no district admin,
-- holds no officer membership anywhere, and whose memberships all lie in
-- municipalities where the caller is officer.
CREATE OR REPLACE FUNCTION app_may_manage(p_account_id bigint) RETURNS boolean
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
CREATE OR REPLACE FUNCTION account_guard() RETURNS trigger
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

DROP TRIGGER IF EXISTS account_guard ON account;
CREATE TRIGGER account_guard BEFORE INSERT OR UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION account_guard();

-- Whether an officer may give an account a membership: an ordinary
-- account (no district admin) of the caller's district that already has a
-- membership where the caller is officer, or one the caller created that
-- has none yet (its first membership follows in the same request). Other
-- accounts are out of reach, visible or not.
CREATE OR REPLACE FUNCTION app_account_reachable(p_account_id bigint) RETURNS boolean
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

CREATE OR REPLACE VIEW account_doc WITH (security_invoker = true) AS
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

-- Accounts: yourself; a district admin the district; officers and the
-- steering group the accounts with a membership in their municipality.
DROP POLICY IF EXISTS account_app_read ON account;
CREATE POLICY account_app_read ON account FOR SELECT TO teilhabe_app USING (
  id = app_account_id()
  OR (app_is_district_admin() AND app_client_id() IS NULL
      AND district_id = app_district_id())
  OR EXISTS (SELECT FROM membership m
              WHERE m.account_id = account.id
                AND m.municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])));

DROP POLICY IF EXISTS account_app_insert ON account;
CREATE POLICY account_app_insert ON account FOR INSERT TO teilhabe_app WITH CHECK (
  district_id = app_district_id() AND created_by = app_account_id()
  AND (app_is_district_admin()
       OR (cardinality(app_mids('{officer}')) > 0 AND NOT district_admin)));

DROP POLICY IF EXISTS account_app_update ON account;
CREATE POLICY account_app_update ON account FOR UPDATE TO teilhabe_app
  USING (id = app_account_id() OR app_may_manage(id))
  WITH CHECK (id = app_account_id() OR app_may_manage(id));

DROP TRIGGER IF EXISTS audit ON account;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION audit_row('', 'id', 'password_hash', 'invitation_hash');

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION me_doc(), app_may_manage(bigint),
  app_account_reachable(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION me_doc(), app_may_manage(bigint),
  app_account_reachable(bigint) TO teilhabe_app;
GRANT SELECT ON account_doc TO teilhabe_app;
