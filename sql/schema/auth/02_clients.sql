-- Client credentials: the tokens of API clients.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- Client credentials, step one: the client's secret hash.
CREATE OR REPLACE FUNCTION auth_client_lookup(p_client_id text)
RETURNS TABLE (id bigint, secret_hash bytea, status text, scopes text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, secret_hash, status, scopes FROM api_client WHERE client_id = p_client_id
$$;

-- Client credentials, step two: the claims of an API client's token with
-- the granted scopes.
CREATE OR REPLACE FUNCTION auth_client_session(p_id bigint, p_scopes text[]) RETURNS json
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

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION auth_client_lookup(text),
  auth_client_session(bigint,text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_client_lookup(text),
  auth_client_session(bigint,text[]) TO teilhabe_app;
