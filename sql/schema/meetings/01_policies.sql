-- Meetings (Sitzungen): the tables' bookkeeping triggers and who sees and
-- writes what (row-level security, the second line behind the route
-- table).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS meeting_updated_at ON meeting;
CREATE TRIGGER meeting_updated_at BEFORE UPDATE ON meeting
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
DROP TRIGGER IF EXISTS meeting_item_updated_at ON meeting_item;
CREATE TRIGGER meeting_item_updated_at BEFORE UPDATE ON meeting_item
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- the version counts changes of the meeting's parts too: they are
-- bookkeeping, not a change worth an audit record of the meeting
DROP TRIGGER IF EXISTS audit ON meeting;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version');
DROP TRIGGER IF EXISTS audit ON meeting_attendee;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting_attendee
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
DROP TRIGGER IF EXISTS audit ON meeting_item;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting_item
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
DROP TRIGGER IF EXISTS audit ON meeting_decision;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting_decision
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
DROP TRIGGER IF EXISTS audit ON meeting_correction;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting_correction
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

DROP POLICY IF EXISTS meeting_owner ON meeting;
CREATE POLICY meeting_owner ON meeting TO teilhabe_owner USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS meeting_attendee_owner ON meeting_attendee;
CREATE POLICY meeting_attendee_owner ON meeting_attendee TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS meeting_item_owner ON meeting_item;
CREATE POLICY meeting_item_owner ON meeting_item TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS meeting_decision_owner ON meeting_decision;
CREATE POLICY meeting_decision_owner ON meeting_decision TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS meeting_correction_owner ON meeting_correction;
CREATE POLICY meeting_correction_owner ON meeting_correction TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- Meetings: the staff (officers, the steering group, district admins)
-- read all of their municipality's; partners (and API clients with
-- catalogue:read) those shared with partners or the public; everyone,
-- the anonymous too, the public ones. Officers create and change them;
-- the steering group approves the minutes (the meeting guard limits it
-- to that).
DROP POLICY IF EXISTS meeting_app_staff ON meeting;
CREATE POLICY meeting_app_staff ON meeting FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS meeting_app_partner ON meeting;
CREATE POLICY meeting_app_partner ON meeting FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND visibility IN ('partners', 'public'));

DROP POLICY IF EXISTS meeting_app_public ON meeting;
CREATE POLICY meeting_app_public ON meeting FOR SELECT TO teilhabe_app
  USING (visibility = 'public');

DROP POLICY IF EXISTS meeting_app_insert ON meeting;
CREATE POLICY meeting_app_insert ON meeting FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS meeting_app_update ON meeting;
CREATE POLICY meeting_app_update ON meeting FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

-- The parts of a meeting are read with the meeting (the subquery applies
-- the meeting's policies); attendees, who are people, only by the
-- signed-in. Officers write them; the steering group also records
-- decisions.
DROP POLICY IF EXISTS meeting_attendee_app_read ON meeting_attendee;
CREATE POLICY meeting_attendee_app_read ON meeting_attendee FOR SELECT TO teilhabe_app
  USING (app_claims() IS NOT NULL AND meeting_id IN (SELECT id FROM meeting));

DROP POLICY IF EXISTS meeting_item_app_read ON meeting_item;
CREATE POLICY meeting_item_app_read ON meeting_item FOR SELECT TO teilhabe_app
  USING (meeting_id IN (SELECT id FROM meeting));

DROP POLICY IF EXISTS meeting_decision_app_read ON meeting_decision;
CREATE POLICY meeting_decision_app_read ON meeting_decision FOR SELECT TO teilhabe_app
  USING (meeting_id IN (SELECT id FROM meeting));

DROP POLICY IF EXISTS meeting_correction_app_read ON meeting_correction;
CREATE POLICY meeting_correction_app_read ON meeting_correction FOR SELECT TO teilhabe_app
  USING (meeting_id IN (SELECT id FROM meeting));

DROP POLICY IF EXISTS meeting_attendee_app_write ON meeting_attendee;
CREATE POLICY meeting_attendee_app_write ON meeting_attendee FOR ALL TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS meeting_item_app_write ON meeting_item;
CREATE POLICY meeting_item_app_write ON meeting_item FOR ALL TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS meeting_decision_app_insert ON meeting_decision;
CREATE POLICY meeting_decision_app_insert ON meeting_decision FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS meeting_correction_app_insert ON meeting_correction;
CREATE POLICY meeting_correction_app_insert ON meeting_correction FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
