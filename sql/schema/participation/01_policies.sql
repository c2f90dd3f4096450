-- Beteiligung: who sees and writes consultations and contributions
-- (row-level security, the second line behind the route table).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- the version is bookkeeping, not a change worth an audit record; what
-- authors gave is not copied into the audit log
DROP TRIGGER IF EXISTS audit ON consultation;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON consultation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version');
DROP TRIGGER IF EXISTS audit ON contribution;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contribution
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'author_name',
                                          'author_contact');

DROP POLICY IF EXISTS consultation_owner ON consultation;
CREATE POLICY consultation_owner ON consultation TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS contribution_owner ON contribution;
CREATE POLICY contribution_owner ON contribution TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS contribution_throttle_owner ON contribution_throttle;
CREATE POLICY contribution_throttle_owner ON contribution_throttle TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- Whether the caller's organisation organises a consultation.
CREATE OR REPLACE FUNCTION consultation_organiser(p_mid bigint, p_orgs bigint[])
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(app_org(p_mid) = ANY (p_orgs), false)
$$;

-- Consultations: the staff (officers, the steering group, district
-- admins) read all of their municipality's; partners (and API clients
-- with catalogue:read) those shared with partners or the public and
-- those their organisation organises; everyone the public ones.
-- Officers create and change them.
DROP POLICY IF EXISTS consultation_app_staff ON consultation;
CREATE POLICY consultation_app_staff ON consultation FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS consultation_app_partner ON consultation;
CREATE POLICY consultation_app_partner ON consultation FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND (visibility IN ('partners', 'public')
              OR consultation_organiser(municipality_id, organiser_organisation_ids)));

DROP POLICY IF EXISTS consultation_app_public ON consultation;
CREATE POLICY consultation_app_public ON consultation FOR SELECT TO teilhabe_app
  USING (visibility = 'public');

DROP POLICY IF EXISTS consultation_app_insert ON consultation;
CREATE POLICY consultation_app_insert ON consultation FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS consultation_app_update ON consultation;
CREATE POLICY consultation_app_update ON consultation FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

-- Contributions: the staff read all; a partner whose organisation
-- organises the consultation all of it, other partners the approved
-- ones of the consultations they see; everyone the approved ones of
-- public consultations. Officers enter and moderate them; a partner
-- organising the consultation enters pending ones. The online form
-- writes through public_contribution_submit (definer), never directly.
DROP POLICY IF EXISTS contribution_app_staff ON contribution;
CREATE POLICY contribution_app_staff ON contribution FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS contribution_app_partner ON contribution;
CREATE POLICY contribution_app_partner ON contribution FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND consultation_id IN (
           SELECT c.id FROM consultation c
            WHERE moderation = 'approved'
               OR consultation_organiser(c.municipality_id, c.organiser_organisation_ids)));

DROP POLICY IF EXISTS contribution_app_public ON contribution;
CREATE POLICY contribution_app_public ON contribution FOR SELECT TO teilhabe_app
  USING (moderation = 'approved'
         AND consultation_id IN (SELECT c.id FROM consultation c
                                  WHERE c.visibility = 'public'));

DROP POLICY IF EXISTS contribution_app_insert ON contribution;
CREATE POLICY contribution_app_insert ON contribution FOR INSERT TO teilhabe_app
  WITH CHECK (app_account_id() IS NOT NULL AND origin = 'entered'
              AND (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
                   OR (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
                       AND moderation = 'pending'
                       AND organisation_id = app_org(municipality_id)
                       AND consultation_id IN (
                         SELECT c.id FROM consultation c
                          WHERE consultation_organiser(c.municipality_id,
                                                       c.organiser_organisation_ids)))));

DROP POLICY IF EXISTS contribution_app_update ON contribution;
CREATE POLICY contribution_app_update ON contribution FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));
