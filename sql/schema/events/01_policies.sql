-- Events (Veranstaltungen): bookkeeping triggers and who sees and writes
-- what (row-level security, the second line behind the route table).
--
-- Staff (officers, the steering group, district admins) see every event of
-- their municipalities; partners (and API clients with catalogue:read)
-- those shared with partners or the public and all their organisation
-- organises; everyone the public ones. Officers (district admins) change
-- the events of their municipalities; partners and API clients with
-- events:write those their organisation organises.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS event_updated_at ON event;
CREATE TRIGGER event_updated_at BEFORE UPDATE ON event
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- SEQUENCE (RFC 5545 3.8.7.4) rises with every change a calendar shows.
CREATE OR REPLACE FUNCTION event_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.title, NEW.description, NEW.starts_at, NEW.ends_at, NEW.all_day,
      NEW.starts_on, NEW.ends_on, NEW.place, NEW.street, NEW.postcode, NEW.city,
      NEW.status)
     IS DISTINCT FROM
     (OLD.title, OLD.description, OLD.starts_at, OLD.ends_at, OLD.all_day,
      OLD.starts_on, OLD.ends_on, OLD.place, OLD.street, OLD.postcode, OLD.city,
      OLD.status) THEN
    NEW.sequence := OLD.sequence + 1;
  ELSE
    NEW.sequence := OLD.sequence;
  END IF;
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS event_sequence ON event;
CREATE TRIGGER event_sequence BEFORE UPDATE ON event
  FOR EACH ROW EXECUTE FUNCTION event_sequence();

DROP TRIGGER IF EXISTS audit ON event;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version', '~sequence');
DROP TRIGGER IF EXISTS audit ON event_organiser;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON event_organiser
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'event_id');
DROP TRIGGER IF EXISTS audit ON event_municipality;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON event_municipality
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'event_id');

DROP POLICY IF EXISTS event_owner ON event;
CREATE POLICY event_owner ON event TO teilhabe_owner USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS event_organiser_owner ON event_organiser;
CREATE POLICY event_organiser_owner ON event_organiser TO teilhabe_owner
  USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS event_municipality_owner ON event_municipality;
CREATE POLICY event_municipality_owner ON event_municipality TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- The organisations the caller acts for as a partner (an API client's
-- too), from the claims.
CREATE OR REPLACE FUNCTION event_caller_orgs() RETURNS bigint[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT (m ->> 'org')::bigint), '{}')
    FROM jsonb_array_elements(coalesce(app_claims() -> 'mem', '[]')) AS m
   WHERE m ->> 'role' = 'partner' AND (m ->> 'org') IS NOT NULL
$$;

-- The events shown in any of the municipalities p_mids (read as the
-- owner: a policy of event cannot read its link tables under their own
-- policies, which read event). Set-returning and uncorrelated, so a
-- policy evaluates it once per statement.
CREATE OR REPLACE FUNCTION event_ids_in(p_mids bigint[]) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT event_id FROM event_municipality WHERE shown_in = ANY (p_mids)
$$;

-- The events any of the organisations p_orgs organises.
CREATE OR REPLACE FUNCTION event_ids_of(p_orgs bigint[]) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT event_id FROM event_organiser WHERE organisation_id = ANY (p_orgs)
$$;

DROP POLICY IF EXISTS event_app_public ON event;
CREATE POLICY event_app_public ON event FOR SELECT TO teilhabe_app
  USING (visibility = 'public');

DROP POLICY IF EXISTS event_app_staff ON event;
CREATE POLICY event_app_staff ON event FOR SELECT TO teilhabe_app
  USING (id IN (SELECT event_ids_in((SELECT app_mids('{officer,steering}')))));

DROP POLICY IF EXISTS event_app_partner ON event;
CREATE POLICY event_app_partner ON event FOR SELECT TO teilhabe_app
  USING ((visibility = 'partners' AND (SELECT app_scope('catalogue:read'))
          AND id IN (SELECT event_ids_in((SELECT app_mids('{partner}')))))
         OR id IN (SELECT event_ids_of((SELECT event_caller_orgs()))));

-- A new event has no links yet: the insert is checked against the
-- creating municipality; api_event_create checks the organisers.
DROP POLICY IF EXISTS event_app_insert ON event;
CREATE POLICY event_app_insert ON event FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              OR (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
                  AND app_scope('events:write')));

DROP POLICY IF EXISTS event_app_update ON event;
CREATE POLICY event_app_update ON event FOR UPDATE TO teilhabe_app
  USING (id IN (SELECT event_ids_in((SELECT app_mids('{officer}'))))
         OR ((SELECT app_scope('events:write'))
             AND id IN (SELECT event_ids_of((SELECT event_caller_orgs())))))
  WITH CHECK (true);

DROP POLICY IF EXISTS event_app_delete ON event;
CREATE POLICY event_app_delete ON event FOR DELETE TO teilhabe_app
  USING (id IN (SELECT event_ids_in((SELECT app_mids('{officer}'))))
         OR ((SELECT app_scope('events:write'))
             AND id IN (SELECT event_ids_of((SELECT event_caller_orgs())))));

-- The links are read with the event (the subquery applies its policies);
-- they are written by event_set_links (sql/schema/events/04_api.sql) only.
DROP POLICY IF EXISTS event_organiser_app_read ON event_organiser;
CREATE POLICY event_organiser_app_read ON event_organiser FOR SELECT TO teilhabe_app
  USING (event_id IN (SELECT id FROM event));
DROP POLICY IF EXISTS event_municipality_app_read ON event_municipality;
CREATE POLICY event_municipality_app_read ON event_municipality FOR SELECT TO teilhabe_app
  USING (event_id IN (SELECT id FROM event));

REVOKE ALL ON FUNCTION event_ids_in(bigint[]), event_ids_of(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_ids_in(bigint[]), event_ids_of(bigint[]) TO teilhabe_app;
