-- Organisations and the municipalities they serve: references, the
-- API's representation and the policies.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS organisation_updated_at ON organisation;
CREATE TRIGGER organisation_updated_at BEFORE UPDATE ON organisation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The owner loads data (migrations, demo data); it is not the service.
DROP POLICY IF EXISTS organisation_owner ON organisation;
CREATE POLICY organisation_owner ON organisation TO teilhabe_owner USING (true) WITH CHECK (true);

CREATE OR REPLACE VIEW organisation_doc WITH (security_invoker = true) AS
SELECT o.id, o.district_id, o.name, o.kind,
       json_build_object(
         'id', o.id::text,
         'name', o.name,
         'kind', o.kind,
         'contact_email', o.contact_email,
         'municipalities', coalesce((
           SELECT json_agg(mu.ags ORDER BY mu.ags)
             FROM organisation_municipality om
             JOIN municipality mu ON mu.id = om.municipality_id
            WHERE om.organisation_id = o.id), '[]'::json),
         'created_at', o.created_at,
         'updated_at', o.updated_at) AS doc
  FROM organisation o;

-- Organisations are district-wide: every signed-in caller of the district
-- reads them (partners pick partners); officers and district admins add
-- them and change them.
DROP POLICY IF EXISTS organisation_app_read ON organisation;
CREATE POLICY organisation_app_read ON organisation FOR SELECT TO teilhabe_app
  USING (district_id = app_district_id());

DROP POLICY IF EXISTS organisation_app_insert ON organisation;
CREATE POLICY organisation_app_insert ON organisation FOR INSERT TO teilhabe_app
  WITH CHECK (district_id = app_district_id()
              AND created_by = app_account_id()
              AND cardinality(app_mids('{officer}')) > 0);

-- The organisations the caller acts for as a partner (from the token's
-- memberships).
CREATE OR REPLACE FUNCTION app_partner_orgs() RETURNS bigint[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT (m ->> 'org')::bigint), '{}')
    FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
   WHERE m ->> 'role' = 'partner' AND m ->> 'org' IS NOT NULL
$$;

-- Whether an organisation serves one of the municipalities p_mids.
CREATE OR REPLACE FUNCTION org_serves_any(p_org bigint, p_mids bigint[])
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM organisation_municipality
                  WHERE organisation_id = p_org AND municipality_id = ANY (p_mids))
$$;

-- Who edits an organisation's record and profile: the district admin
-- every one of the district, officers those serving one of their
-- municipalities, partners (people, not API clients) their own.
DROP POLICY IF EXISTS organisation_app_update ON organisation;
CREATE POLICY organisation_app_update ON organisation FOR UPDATE TO teilhabe_app
  USING (district_id = app_district_id() AND app_account_id() IS NOT NULL
         AND (app_is_district_admin()
              OR id = ANY ((SELECT app_partner_orgs())::bigint[])
              OR org_serves_any(id, (SELECT app_mids('{officer}'))::bigint[])))
  WITH CHECK (district_id = app_district_id());

DROP POLICY IF EXISTS organisation_municipality_owner ON organisation_municipality;
CREATE POLICY organisation_municipality_owner ON organisation_municipality
  TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS organisation_municipality_app_read ON organisation_municipality;
CREATE POLICY organisation_municipality_app_read ON organisation_municipality
  FOR SELECT TO teilhabe_app
  USING (EXISTS (SELECT FROM municipality mu WHERE mu.id = municipality_id
                    AND mu.district_id = app_district_id()));

DROP POLICY IF EXISTS organisation_municipality_app_insert ON organisation_municipality;
CREATE POLICY organisation_municipality_app_insert ON organisation_municipality
  FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS organisation_municipality_app_delete ON organisation_municipality;
CREATE POLICY organisation_municipality_app_delete ON organisation_municipality
  FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

DROP TRIGGER IF EXISTS audit ON organisation;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON organisation
  FOR EACH ROW EXECUTE FUNCTION audit_row('', 'id');

DROP TRIGGER IF EXISTS audit ON organisation_municipality;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON organisation_municipality
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'organisation_id');

-- {id, name} of an organisation, for documents anyone may read (the
-- public catalogue names its lead organisations): names only.
CREATE OR REPLACE FUNCTION org_ref(p_id bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object('id', o.id::text, 'name', o.name)
    FROM organisation o WHERE o.id = p_id
$$;

-- Whether an organisation serves a municipality (checks of references).
CREATE OR REPLACE FUNCTION org_serves(p_org bigint, p_municipality_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM organisation_municipality
                  WHERE organisation_id = p_org
                    AND municipality_id = p_municipality_id)
$$;

CREATE OR REPLACE FUNCTION org_refs(p_ids bigint[]) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(json_agg(json_build_object('id', o.id::text, 'name', o.name)
                           ORDER BY u.n), '[]'::json)
    FROM unnest(p_ids) WITH ORDINALITY AS u (id, n)
    JOIN organisation o ON o.id = u.id
$$;

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION org_ref(bigint), org_serves(bigint,bigint),
  org_refs(bigint[]), org_serves_any(bigint,bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION org_ref(bigint), org_serves(bigint,bigint),
  org_refs(bigint[]), org_serves_any(bigint,bigint[]) TO teilhabe_app;
GRANT SELECT ON organisation_doc TO teilhabe_app;
