-- Networks: who sees and writes them (row-level security, the second
-- line behind the route table). A network is seen in the municipalities
-- it spans: by the staff (officers, the steering group, district
-- admins) always; by partners (and API clients with catalogue:read) when
-- it is shared with partners or the public or their organisation is a
-- member or coordinates it; by everyone when public. Officers of a
-- municipality it spans change it; officers of its home municipality
-- delete it.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS network_updated_at ON network;
CREATE TRIGGER network_updated_at BEFORE UPDATE ON network
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- the version is bookkeeping, not a change worth an audit record
DROP TRIGGER IF EXISTS audit ON network;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON network
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version');
DROP TRIGGER IF EXISTS audit ON network_municipality;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON network_municipality
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'network_id');
DROP TRIGGER IF EXISTS audit ON network_member;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON network_member
  FOR EACH ROW EXECUTE FUNCTION audit_row('', 'network_id');
DROP TRIGGER IF EXISTS audit ON network_measure;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON network_measure
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'network_id');

DROP POLICY IF EXISTS network_owner ON network;
CREATE POLICY network_owner ON network TO teilhabe_owner USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS network_municipality_owner ON network_municipality;
CREATE POLICY network_municipality_owner ON network_municipality TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS network_member_owner ON network_member;
CREATE POLICY network_member_owner ON network_member TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS network_measure_owner ON network_measure;
CREATE POLICY network_measure_owner ON network_measure TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- The municipalities a network spans (definer: the policies of network
-- and network_municipality would otherwise call each other).
CREATE OR REPLACE FUNCTION network_mids(p_network bigint) RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(municipality_id), '{}')
    FROM network_municipality WHERE network_id = p_network
$$;

-- Whether one of the caller's organisations (as a partner or API
-- client) is a member of the network.
CREATE OR REPLACE FUNCTION network_involves_caller(p_network bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM network_member
                  WHERE network_id = p_network
                    AND organisation_id = ANY (app_partner_orgs()))
$$;

-- Whether the caller (a person) is an officer of a municipality the
-- network spans or of its home: who changes it, its members and measures.
CREATE OR REPLACE FUNCTION network_managed(p_network bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_account_id() IS NOT NULL
         AND EXISTS (SELECT FROM network n WHERE n.id = p_network
                        AND (n.municipality_id = ANY (app_mids('{officer}'))
                             OR network_mids(n.id) && app_mids('{officer}')))
$$;

DROP POLICY IF EXISTS network_app_staff ON network;
CREATE POLICY network_app_staff ON network FOR SELECT TO teilhabe_app
  USING (district_id = app_district_id()
         AND (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
              OR network_mids(id) && (SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS network_app_partner ON network;
CREATE POLICY network_app_partner ON network FOR SELECT TO teilhabe_app
  USING (network_mids(id) && (SELECT app_mids('{partner}'))::bigint[]
         AND (SELECT app_scope('catalogue:read'))
         AND (visibility IN ('partners', 'public')
              OR coordinator_organisation_id = ANY ((SELECT app_partner_orgs())::bigint[])
              OR network_involves_caller(id)));

DROP POLICY IF EXISTS network_app_public ON network;
CREATE POLICY network_app_public ON network FOR SELECT TO teilhabe_app
  USING (visibility = 'public');

DROP POLICY IF EXISTS network_app_insert ON network;
CREATE POLICY network_app_insert ON network FOR INSERT TO teilhabe_app
  WITH CHECK (district_id = app_district_id()
              AND municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL AND created_by = app_account_id());

DROP POLICY IF EXISTS network_app_update ON network;
CREATE POLICY network_app_update ON network FOR UPDATE TO teilhabe_app
  USING (network_managed(id))
  WITH CHECK (district_id = app_district_id());

DROP POLICY IF EXISTS network_app_delete ON network;
CREATE POLICY network_app_delete ON network FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

-- The parts of a network: seen with the network, written by who manages
-- it (a network's measures only of the caller's own municipalities).
DROP POLICY IF EXISTS network_municipality_app_read ON network_municipality;
CREATE POLICY network_municipality_app_read ON network_municipality FOR SELECT
  TO teilhabe_app USING (network_id IN (SELECT n.id FROM network n));
DROP POLICY IF EXISTS network_municipality_app_insert ON network_municipality;
CREATE POLICY network_municipality_app_insert ON network_municipality FOR INSERT
  TO teilhabe_app WITH CHECK (network_managed(network_id));
DROP POLICY IF EXISTS network_municipality_app_delete ON network_municipality;
CREATE POLICY network_municipality_app_delete ON network_municipality FOR DELETE
  TO teilhabe_app USING (network_managed(network_id));

DROP POLICY IF EXISTS network_member_app_read ON network_member;
CREATE POLICY network_member_app_read ON network_member FOR SELECT
  TO teilhabe_app USING (network_id IN (SELECT n.id FROM network n));
DROP POLICY IF EXISTS network_member_app_insert ON network_member;
CREATE POLICY network_member_app_insert ON network_member FOR INSERT
  TO teilhabe_app WITH CHECK (network_managed(network_id));
DROP POLICY IF EXISTS network_member_app_update ON network_member;
CREATE POLICY network_member_app_update ON network_member FOR UPDATE
  TO teilhabe_app USING (network_managed(network_id))
  WITH CHECK (network_managed(network_id));
DROP POLICY IF EXISTS network_member_app_delete ON network_member;
CREATE POLICY network_member_app_delete ON network_member FOR DELETE
  TO teilhabe_app USING (network_managed(network_id));

DROP POLICY IF EXISTS network_measure_app_read ON network_measure;
CREATE POLICY network_measure_app_read ON network_measure FOR SELECT
  TO teilhabe_app USING (network_id IN (SELECT n.id FROM network n));
DROP POLICY IF EXISTS network_measure_app_insert ON network_measure;
CREATE POLICY network_measure_app_insert ON network_measure FOR INSERT
  TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND network_managed(network_id));
DROP POLICY IF EXISTS network_measure_app_delete ON network_measure;
CREATE POLICY network_measure_app_delete ON network_measure FOR DELETE
  TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND network_managed(network_id));

REVOKE ALL ON FUNCTION network_mids(bigint), network_involves_caller(bigint),
  network_managed(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION network_mids(bigint), network_involves_caller(bigint),
  network_managed(bigint) TO teilhabe_app;
