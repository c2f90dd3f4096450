-- The district and its municipalities: the AGS check, the API's
-- representation and the policies (names and figures are public).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- A municipality's AGS begins with its district's code.
CREATE OR REPLACE FUNCTION municipality_check_district() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM district d
                  WHERE d.id = NEW.district_id AND d.code = left(NEW.ags, 5)) THEN
    RAISE EXCEPTION 'AGS % does not belong to its district', NEW.ags
      USING ERRCODE = 'check_violation',
            CONSTRAINT = 'municipality_ags_in_district';
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS municipality_check_district ON municipality;
CREATE TRIGGER municipality_check_district
  BEFORE INSERT OR UPDATE OF ags, district_id ON municipality
  FOR EACH ROW EXECUTE FUNCTION municipality_check_district();

DROP TRIGGER IF EXISTS district_updated_at ON district;
CREATE TRIGGER district_updated_at BEFORE UPDATE ON district
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

DROP TRIGGER IF EXISTS municipality_updated_at ON municipality;
CREATE TRIGGER municipality_updated_at BEFORE UPDATE ON municipality
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The API's representation, built in SQL and passed through by the service.
-- security_invoker: row-level security applies to the caller, not the owner.
CREATE OR REPLACE VIEW municipality_doc WITH (security_invoker = true) AS
SELECT m.id, m.ags, m.name,
       json_build_object(
         'ags', m.ags,
         'name', m.name,
         'district', json_build_object('code', d.code, 'name', d.name),
         'population', m.population,
         'population_date', m.population_date,
         'foreign_share', m.foreign_share,
         'migration_background_share', m.migration_background_share,
         'area_km2', m.area_km2,
         'updated_at', m.updated_at) AS doc
  FROM municipality m
  JOIN district d ON d.id = m.district_id;

DROP POLICY IF EXISTS district_read ON district;
CREATE POLICY district_read ON district FOR SELECT TO teilhabe_app USING (true);

DROP POLICY IF EXISTS municipality_read ON municipality;
CREATE POLICY municipality_read ON municipality FOR SELECT TO teilhabe_app
  USING (true);

-- The owner loads data (migrations, demo data); it is not the service.
DROP POLICY IF EXISTS district_owner ON district;
CREATE POLICY district_owner ON district TO teilhabe_owner
  USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS municipality_owner ON municipality;
CREATE POLICY municipality_owner ON municipality TO teilhabe_owner
  USING (true) WITH CHECK (true);

DROP TRIGGER IF EXISTS audit ON municipality;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON municipality
  FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'ags');

-- Privileges: the service role calls only what it is granted.
GRANT SELECT ON municipality_doc TO teilhabe_app;
