-- Recommendations (Handlungsempfehlungen): bookkeeping triggers and who
-- sees and writes what (row-level security, the second line behind the
-- route table).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS recommendation_updated_at ON recommendation;
CREATE TRIGGER recommendation_updated_at BEFORE UPDATE ON recommendation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
DROP TRIGGER IF EXISTS audit ON recommendation;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version');
DROP TRIGGER IF EXISTS audit ON recommendation_consultation;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_consultation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'recommendation_id');
DROP TRIGGER IF EXISTS audit ON recommendation_contribution;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_contribution
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'recommendation_id');
DROP TRIGGER IF EXISTS audit ON recommendation_measure;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_measure
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'recommendation_id');

DROP POLICY IF EXISTS recommendation_owner ON recommendation;
CREATE POLICY recommendation_owner ON recommendation TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS recommendation_consultation_owner ON recommendation_consultation;
CREATE POLICY recommendation_consultation_owner ON recommendation_consultation
  TO teilhabe_owner USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS recommendation_contribution_owner ON recommendation_contribution;
CREATE POLICY recommendation_contribution_owner ON recommendation_contribution
  TO teilhabe_owner USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS recommendation_measure_owner ON recommendation_measure;
CREATE POLICY recommendation_measure_owner ON recommendation_measure
  TO teilhabe_owner USING (true) WITH CHECK (true);

-- The definer functions below read consultations as the owner; the
-- participation family (sql/schema/participation/) gives the owner its
-- policy there. Until it is applied (this branch alone), one of ours.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = 'consultation'
                    AND 'teilhabe_owner' = ANY (roles)
                    AND policyname <> 'consultation_owner_for_recommendations') THEN
    DROP POLICY IF EXISTS consultation_owner_for_recommendations ON consultation;
    CREATE POLICY consultation_owner_for_recommendations ON consultation
      TO teilhabe_owner USING (true) WITH CHECK (true);
  END IF;
  IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = 'contribution'
                    AND 'teilhabe_owner' = ANY (roles)
                    AND policyname <> 'contribution_owner_for_recommendations') THEN
    DROP POLICY IF EXISTS contribution_owner_for_recommendations ON contribution;
    CREATE POLICY contribution_owner_for_recommendations ON contribution
      TO teilhabe_owner USING (true) WITH CHECK (true);
  END IF;
END
$$;

-- How widely a recommendation is shared, from its consultations: public
-- when it has none or one of them is public, partners when one is shared
-- with partners, else internal. Read as the owner (a policy of
-- recommendation cannot read its link table under that table's own
-- policies, which read recommendation).
CREATE OR REPLACE FUNCTION recommendation_sharing(p_id bigint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
           WHEN count(c.id) = 0 OR bool_or(c.visibility = 'public') THEN 'public'
           WHEN bool_or(c.visibility = 'partners') THEN 'partners'
           ELSE 'internal' END
    FROM recommendation_consultation l
    JOIN consultation c ON c.municipality_id = l.municipality_id
                       AND c.id = l.consultation_id
   WHERE l.recommendation_id = p_id
$$;

-- Whether one of a recommendation's consultations is organised by an
-- organisation (a partner sees those of its own consultations).
CREATE OR REPLACE FUNCTION recommendation_organised_by(p_id bigint, p_org bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p_org IS NOT NULL AND EXISTS (
    SELECT FROM recommendation_consultation l
      JOIN consultation c ON c.municipality_id = l.municipality_id
                         AND c.id = l.consultation_id
     WHERE l.recommendation_id = p_id AND p_org = ANY (c.organiser_organisation_ids))
$$;

-- Recommendations: officers and the steering group (and district admins)
-- read all of their municipality's; partners (and API clients with
-- catalogue:read) those of consultations shared with partners or the
-- public or organised by their organisation; everyone the public ones (the public endpoint). Officers create
-- and change them; the steering group responds (api_recommendation_respond
-- holds who may give which response).
DROP POLICY IF EXISTS recommendation_app_staff ON recommendation;
CREATE POLICY recommendation_app_staff ON recommendation FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS recommendation_app_partner ON recommendation;
CREATE POLICY recommendation_app_partner ON recommendation FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND (recommendation_sharing(id) IN ('partners', 'public')
              OR recommendation_organised_by(id, app_org(municipality_id))));

DROP POLICY IF EXISTS recommendation_app_public ON recommendation;
CREATE POLICY recommendation_app_public ON recommendation FOR SELECT TO teilhabe_app
  USING (recommendation_sharing(id) = 'public');

DROP POLICY IF EXISTS recommendation_app_insert ON recommendation;
CREATE POLICY recommendation_app_insert ON recommendation FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS recommendation_app_update ON recommendation;
CREATE POLICY recommendation_app_update ON recommendation FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

-- The links are read with the recommendation (the subquery applies its
-- policies); officers write the consultations and contributions, officers
-- and the steering group the measures (a response names them).
DROP POLICY IF EXISTS recommendation_consultation_app_read ON recommendation_consultation;
CREATE POLICY recommendation_consultation_app_read ON recommendation_consultation
  FOR SELECT TO teilhabe_app
  USING (recommendation_id IN (SELECT id FROM recommendation));
DROP POLICY IF EXISTS recommendation_contribution_app_read ON recommendation_contribution;
CREATE POLICY recommendation_contribution_app_read ON recommendation_contribution
  FOR SELECT TO teilhabe_app
  USING (recommendation_id IN (SELECT id FROM recommendation));
DROP POLICY IF EXISTS recommendation_measure_app_read ON recommendation_measure;
CREATE POLICY recommendation_measure_app_read ON recommendation_measure
  FOR SELECT TO teilhabe_app
  USING (recommendation_id IN (SELECT id FROM recommendation));

DROP POLICY IF EXISTS recommendation_consultation_app_write ON recommendation_consultation;
CREATE POLICY recommendation_consultation_app_write ON recommendation_consultation
  FOR ALL TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
DROP POLICY IF EXISTS recommendation_contribution_app_write ON recommendation_contribution;
CREATE POLICY recommendation_contribution_app_write ON recommendation_contribution
  FOR ALL TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
DROP POLICY IF EXISTS recommendation_measure_app_write ON recommendation_measure;
CREATE POLICY recommendation_measure_app_write ON recommendation_measure
  FOR ALL TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
              AND app_account_id() IS NOT NULL);

REVOKE ALL ON FUNCTION recommendation_sharing(bigint),
  recommendation_organised_by(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION recommendation_sharing(bigint),
  recommendation_organised_by(bigint, bigint) TO teilhabe_app;
