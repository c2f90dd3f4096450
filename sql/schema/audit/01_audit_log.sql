-- The audit log: the trigger function every tenant table's `audit`
-- trigger calls (the triggers live with their tables), who made a change,
-- and who reads the log.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  o jsonb;
  n jsonb;
  r jsonb;
  arg text;
  quiet text[] := '{updated_at,last_login_at,last_used_at}';
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  r := coalesce(n, o);
  FOREACH arg IN ARRAY TG_ARGV[2:] LOOP
    IF left(arg, 1) = '~' THEN
      quiet := quiet || substr(arg, 2);
    ELSE
      o := o - arg;
      n := n - arg;
    END IF;
  END LOOP;
  IF TG_OP = 'UPDATE' THEN
    IF (o - '{updated_at,last_login_at,last_used_at}'::text[])
       = (n - '{updated_at,last_login_at,last_used_at}'::text[]) THEN
      RETURN NULL;
    END IF;
    IF (o - quiet) = (n - quiet)
       AND r ->> TG_ARGV[1] IS DISTINCT FROM current_setting('app.audit_focus', true) THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO audit_event (municipality_id, actor_account_id, actor_client_id,
                           table_name, row_id, action, old_values, new_values)
  VALUES (CASE WHEN TG_ARGV[0] = '' THEN NULL ELSE (r ->> TG_ARGV[0])::bigint END,
          app_account_id(), app_client_id(), TG_TABLE_NAME, r ->> TG_ARGV[1],
          lower(TG_OP), o, n);
  RETURN NULL;
END
$$;

-- Who made a change, for the log's readers: the account's or client's
-- name, for an event the caller may read (the same rule as the policy
-- below), else NULL.
CREATE OR REPLACE FUNCTION audit_actor(p_event_id bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN e.actor_account_id IS NOT NULL THEN
      (SELECT json_build_object('kind', 'account', 'id', a.id::text,
                                'display_name', a.display_name)
         FROM account a WHERE a.id = e.actor_account_id)
    WHEN e.actor_client_id IS NOT NULL THEN
      (SELECT json_build_object('kind', 'api_client', 'id', c.id::text,
                                'display_name', c.name)
         FROM api_client c WHERE c.id = e.actor_client_id)
    ELSE json_build_object('kind', 'system', 'id', NULL,
                           'display_name', 'System')
  END
    FROM audit_event e
   WHERE e.id = p_event_id
     AND app_account_id() IS NOT NULL
     AND (e.municipality_id = ANY (app_mids('{officer,steering}'))
          OR (e.municipality_id IS NULL AND app_is_district_admin()))
$$;

DROP POLICY IF EXISTS audit_event_owner ON audit_event;
CREATE POLICY audit_event_owner ON audit_event TO teilhabe_owner USING (true) WITH CHECK (true);

-- Officers and the steering group read their municipality's log; district
-- admins also the district-wide records (accounts, organisations).
DROP POLICY IF EXISTS audit_event_app_read ON audit_event;
CREATE POLICY audit_event_app_read ON audit_event FOR SELECT TO teilhabe_app
  USING (app_account_id() IS NOT NULL
         AND (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
              OR (municipality_id IS NULL AND app_is_district_admin())));

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION audit_row(), audit_actor(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_actor(bigint) TO teilhabe_app;
