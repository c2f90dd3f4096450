-- The district (Landkreis) of a deployment and its municipalities
-- (Kommunen), the tenants. Every later tenant table carries
-- municipality_id, which leads its primary key and every foreign key, so a
-- state-wide deployment can distribute by it.
--
-- Two roles: teilhabe_owner runs this file and owns everything;
-- teilhabe_app, the service's login role, owns nothing, has no BYPASSRLS,
-- and gets only the privileges granted here. Row-level security is forced
-- on every table the service may touch.

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TABLE district (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Kreisschlüssel: the first five digits of its municipalities' AGS
  code       text NOT NULL UNIQUE CONSTRAINT district_code_format
             CHECK (code ~ '^[0-9]{5}$'),
  name       text NOT NULL CONSTRAINT district_name_length
             CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE municipality (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id bigint NOT NULL REFERENCES district (id),
  -- Amtlicher Gemeindeschlüssel, the public key
  ags         text NOT NULL UNIQUE CONSTRAINT municipality_ags_format
              CHECK (ags ~ '^[0-9]{8}$'),
  name        text COLLATE "de-x-icu" NOT NULL
              CONSTRAINT municipality_name_length
              CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  population  integer CONSTRAINT municipality_population_range
              CHECK (population >= 0),
  -- the reference date of the population figures (Stichtag)
  population_date date,
  -- percent of inhabitants with a foreign nationality
  foreign_share numeric(5, 2) CONSTRAINT municipality_foreign_share_range
              CHECK (foreign_share BETWEEN 0 AND 100),
  -- percent of inhabitants with a migration background (Mikrozensus
  -- definition); often unknown to a municipality
  migration_background_share numeric(5, 2)
              CONSTRAINT municipality_migration_background_share_range
              CHECK (migration_background_share BETWEEN 0 AND 100),
  area_km2    numeric(9, 2) CONSTRAINT municipality_area_positive
              CHECK (area_km2 > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- the list's keyset order
CREATE INDEX municipality_name_ags ON municipality (name, ags);
CREATE INDEX municipality_district ON municipality (district_id);

-- A municipality's AGS begins with its district's code.
CREATE FUNCTION municipality_check_district() RETURNS trigger
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

CREATE TRIGGER municipality_check_district
  BEFORE INSERT OR UPDATE OF ags, district_id ON municipality
  FOR EACH ROW EXECUTE FUNCTION municipality_check_district();
CREATE TRIGGER district_updated_at BEFORE UPDATE ON district
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER municipality_updated_at BEFORE UPDATE ON municipality
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The API's representation, built in SQL and passed through by the service.
-- security_invoker: row-level security applies to the caller, not the owner.
CREATE VIEW municipality_doc WITH (security_invoker = true) AS
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

-- Names and figures of districts and municipalities are public.
ALTER TABLE district ENABLE ROW LEVEL SECURITY;
ALTER TABLE district FORCE ROW LEVEL SECURITY;
ALTER TABLE municipality ENABLE ROW LEVEL SECURITY;
ALTER TABLE municipality FORCE ROW LEVEL SECURITY;
CREATE POLICY district_read ON district FOR SELECT TO teilhabe_app USING (true);
CREATE POLICY municipality_read ON municipality FOR SELECT TO teilhabe_app
  USING (true);
-- The owner loads data (migrations, demo data); it is not the service.
CREATE POLICY district_owner ON district TO teilhabe_owner
  USING (true) WITH CHECK (true);
CREATE POLICY municipality_owner ON municipality TO teilhabe_owner
  USING (true) WITH CHECK (true);

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO teilhabe_app;
GRANT SELECT ON district, municipality, municipality_doc TO teilhabe_app;
