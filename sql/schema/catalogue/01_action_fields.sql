-- Handlungsfelder: the district's defaults, each municipality's
-- copy, their representation and the api_* functions that change them.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS action_field_updated_at ON action_field;
CREATE TRIGGER action_field_updated_at BEFORE UPDATE ON action_field
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The Handlungsfelder every district starts with.
CREATE OR REPLACE FUNCTION action_field_defaults()
RETURNS TABLE (key text, name text, ord int)
LANGUAGE sql IMMUTABLE AS $$
  VALUES ('language', 'Sprache', 1),
         ('education', 'Bildung und Ausbildung', 2),
         ('work', 'Arbeit', 3),
         ('asylum', 'Asyl und Flüchtlinge', 4),
         ('intercultural_administration',
          'Interkulturelle Öffnung der Verwaltung', 5),
         ('participation',
          'Gesellschaftliche Teilhabe und interkultureller Dialog', 6),
         ('housing', 'Wohnen', 7),
         ('health', 'Gesundheit', 8)
$$;

CREATE OR REPLACE FUNCTION district_default_action_fields() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO district_action_field (district_id, key, name, position)
  SELECT NEW.id, d.key, d.name, d.ord FROM action_field_defaults() d
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS district_default_action_fields ON district;
CREATE TRIGGER district_default_action_fields AFTER INSERT ON district
  FOR EACH ROW EXECUTE FUNCTION district_default_action_fields();

CREATE OR REPLACE FUNCTION municipality_action_fields() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO action_field (municipality_id, default_key, name, position)
  SELECT NEW.id, d.key, d.name, d.position
    FROM district_action_field d WHERE d.district_id = NEW.district_id;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS municipality_action_fields ON municipality;
CREATE TRIGGER municipality_action_fields AFTER INSERT ON municipality
  FOR EACH ROW EXECUTE FUNCTION municipality_action_fields();

DROP POLICY IF EXISTS district_action_field_owner ON district_action_field;
CREATE POLICY district_action_field_owner ON district_action_field TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS action_field_owner ON action_field;
CREATE POLICY action_field_owner ON action_field TO teilhabe_owner USING (true) WITH CHECK (true);

-- District defaults: the district's own people read them.
DROP POLICY IF EXISTS district_action_field_app_read ON district_action_field;
CREATE POLICY district_action_field_app_read ON district_action_field
  FOR SELECT TO teilhabe_app USING (district_id = app_district_id());

-- Action fields: a vocabulary, public (the public catalogue names them);
-- officers add and rename.
DROP POLICY IF EXISTS action_field_app_read ON action_field;
CREATE POLICY action_field_app_read ON action_field FOR SELECT TO teilhabe_app
  USING (true);

DROP POLICY IF EXISTS action_field_app_insert ON action_field;
CREATE POLICY action_field_app_insert ON action_field FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS action_field_app_update ON action_field;
CREATE POLICY action_field_app_update ON action_field FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

DROP TRIGGER IF EXISTS audit ON action_field;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON action_field
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

CREATE OR REPLACE VIEW action_field_doc WITH (security_invoker = true) AS
SELECT f.municipality_id, f.id, f.position,
       json_build_object(
         'id', f.id::text,
         'municipality', mu.ags,
         'name', f.name,
         'description', f.description,
         'position', f.position,
         'default_key', f.default_key,
         'created_at', f.created_at,
         'updated_at', f.updated_at) AS doc,
       json_build_object('id', f.id::text, 'name', f.name,
                         'position', f.position) AS public_doc
  FROM action_field f
  JOIN municipality mu ON mu.id = f.municipality_id;

CREATE OR REPLACE FUNCTION api_action_field_create(p_ags text, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
  v_doc json;
BEGIN
  -- positions are handed out one after another per municipality
  PERFORM pg_advisory_xact_lock(43, v_mid::int);
  INSERT INTO action_field (municipality_id, name, description, position)
  SELECT v_mid, btrim(p ->> 'name'), p ->> 'description',
         coalesce(max(position), 0) + 1
    FROM action_field WHERE municipality_id = v_mid
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM action_field_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE OR REPLACE FUNCTION api_action_field_update(p_ags text, p_id bigint, p jsonb,
                                        p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_doc json;
BEGIN
  PERFORM 1 FROM action_field WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM action_field_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such action field.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  UPDATE action_field
     SET name = CASE WHEN p ? 'name' THEN btrim(p ->> 'name') ELSE name END,
         description = CASE WHEN p ? 'description' THEN p ->> 'description'
                            ELSE description END
   WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM action_field_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION district_default_action_fields(),
  municipality_action_fields() FROM PUBLIC;
GRANT SELECT ON action_field_doc TO teilhabe_app;
