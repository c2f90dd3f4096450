-- API clients of partner systems: the API's representation and the
-- policies.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS api_client_updated_at ON api_client;
CREATE TRIGGER api_client_updated_at BEFORE UPDATE ON api_client
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

DROP POLICY IF EXISTS api_client_owner ON api_client;
CREATE POLICY api_client_owner ON api_client TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS api_client_app_read ON api_client;
CREATE POLICY api_client_app_read ON api_client FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS api_client_app_insert ON api_client;
CREATE POLICY api_client_app_insert ON api_client FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL
              AND created_by = app_account_id());

DROP POLICY IF EXISTS api_client_app_update ON api_client;
CREATE POLICY api_client_app_update ON api_client FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

CREATE OR REPLACE VIEW api_client_doc WITH (security_invoker = true) AS
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

DROP TRIGGER IF EXISTS audit ON api_client;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON api_client
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'secret_hash');

-- Privileges: the service role calls only what it is granted.
GRANT SELECT ON api_client_doc TO teilhabe_app;
