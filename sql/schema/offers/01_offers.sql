-- Angebote (offers): the slots check, the stored document, bookkeeping
-- triggers and who sees and writes what (row-level security, the second
-- line behind the route table).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- Whether a slots value is a JSON array of at most 30 weekly times
-- {weekday, starts, ends} ("HH:MM", starts before ends), nothing else
-- (the CHECK offer_slots_valid of migration 012).
CREATE OR REPLACE FUNCTION offer_slots_valid(p jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_typeof(p) = 'array' AND jsonb_array_length(p) <= 30
         AND coalesce((SELECT bool_and(
                         jsonb_typeof(s) = 'object'
                         AND (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(s) k)
                             = '{ends,starts,weekday}'
                         AND s ->> 'weekday' IN ('mon', 'tue', 'wed', 'thu', 'fri',
                                                 'sat', 'sun')
                         AND jsonb_typeof(s -> 'starts') = 'string'
                         AND jsonb_typeof(s -> 'ends') = 'string'
                         AND s ->> 'starts' ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
                         AND s ->> 'ends' ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
                         AND s ->> 'starts' < s ->> 'ends')
                         FROM jsonb_array_elements(p) s), true)
$$;

-- Today in the district (Europe/Berlin): the directory shows offers valid
-- today or later.
CREATE OR REPLACE FUNCTION offer_today() RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT (now() AT TIME ZONE 'Europe/Berlin')::date
$$;

-- The offer's document (GET …/offers/{id}, the lists' items, the public
-- directory): kept with the row, built as the owner (the organisation's
-- name is read whoever writes).
CREATE OR REPLACE FUNCTION offer_build_doc(o offer) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object(
           'id', o.id::text,
           'title', o.title,
           'kind', o.kind,
           'description', o.description,
           'organisation', (SELECT json_build_object('id', g.id::text, 'name', g.name)
                              FROM organisation g WHERE g.id = o.organisation_id),
           'municipality', (SELECT json_build_object('ags', mu.ags, 'name', mu.name)
                              FROM municipality mu WHERE mu.id = o.municipality_id),
           'target_groups', o.target_groups,
           'languages', o.languages,
           'street', o.street,
           'postcode', o.postcode,
           'city', o.city,
           'latitude', o.latitude::float8,
           'longitude', o.longitude::float8,
           'slots', o.slots,
           'times_text', o.times_text,
           'cost', o.cost,
           'cost_text', o.cost_text,
           'accessibility', o.accessibility,
           'registration_required', o.registration_required,
           'registration_text', o.registration_text,
           'contact_email', o.contact_email,
           'phone', o.phone,
           'website', o.website,
           'valid_from', o.valid_from,
           'valid_until', o.valid_until,
           'visibility', o.visibility,
           'version', o.version,
           'created_at', o.created_at,
           'updated_at', o.updated_at)
$$;

-- (named to run after offer_updated_at)
CREATE OR REPLACE FUNCTION offer_zz_doc() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.doc := offer_build_doc(NEW);
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS offer_updated_at ON offer;
CREATE TRIGGER offer_updated_at BEFORE UPDATE ON offer
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
DROP TRIGGER IF EXISTS offer_zz_doc ON offer;
CREATE TRIGGER offer_zz_doc BEFORE INSERT OR UPDATE ON offer
  FOR EACH ROW EXECUTE FUNCTION offer_zz_doc();
DROP TRIGGER IF EXISTS audit ON offer;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON offer
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'search', 'doc',
                                          '~version');

-- Renaming an organisation or a municipality rebuilds the documents that
-- name it.
CREATE OR REPLACE FUNCTION organisation_offer_docs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE offer SET doc = NULL WHERE organisation_id = NEW.id;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS organisation_offer_docs ON organisation;
CREATE TRIGGER organisation_offer_docs AFTER UPDATE OF name ON organisation
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION organisation_offer_docs();

CREATE OR REPLACE FUNCTION municipality_offer_docs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE offer SET doc = NULL WHERE municipality_id = NEW.id;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS municipality_offer_docs ON municipality;
CREATE TRIGGER municipality_offer_docs AFTER UPDATE OF name ON municipality
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION municipality_offer_docs();

-- Who may write an offer of organisation p_org in municipality p_mid:
-- its officers (and district admins) any; a partner (or an API client
-- with offers:write) only those of the organisation it acts for.
CREATE OR REPLACE FUNCTION offer_writable(p_mid bigint, p_org bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p_mid = ANY ((SELECT app_mids('{officer}'))::bigint[])
         OR (p_mid = ANY ((SELECT app_mids('{partner}'))::bigint[])
             AND p_org = app_org(p_mid)
             AND app_scope('offers:write'))
$$;

DROP POLICY IF EXISTS offer_owner ON offer;
CREATE POLICY offer_owner ON offer TO teilhabe_owner USING (true) WITH CHECK (true);

-- Officers and the steering group (and district admins) read all offers
-- of their municipality; partners (and API clients with catalogue:read)
-- those shared with partners or the public and all of their
-- organisation's (an API client with offers:write alone those); everyone
-- the public ones (the public directory, read as nobody).
DROP POLICY IF EXISTS offer_app_staff ON offer;
CREATE POLICY offer_app_staff ON offer FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS offer_app_partner ON offer;
CREATE POLICY offer_app_partner ON offer FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND ((visibility IN ('partners', 'public') AND (SELECT app_scope('catalogue:read')))
              OR (organisation_id = app_org(municipality_id)
                  AND ((SELECT app_scope('catalogue:read'))
                       OR (SELECT app_scope('offers:write'))))));

DROP POLICY IF EXISTS offer_app_public ON offer;
CREATE POLICY offer_app_public ON offer FOR SELECT TO teilhabe_app
  USING (visibility = 'public');

DROP POLICY IF EXISTS offer_app_insert ON offer;
CREATE POLICY offer_app_insert ON offer FOR INSERT TO teilhabe_app
  WITH CHECK (offer_writable(municipality_id, organisation_id));

DROP POLICY IF EXISTS offer_app_update ON offer;
CREATE POLICY offer_app_update ON offer FOR UPDATE TO teilhabe_app
  USING (offer_writable(municipality_id, organisation_id))
  WITH CHECK (offer_writable(municipality_id, organisation_id));

DROP POLICY IF EXISTS offer_app_delete ON offer;
CREATE POLICY offer_app_delete ON offer FOR DELETE TO teilhabe_app
  USING (offer_writable(municipality_id, organisation_id));

REVOKE ALL ON FUNCTION offer_build_doc(offer), offer_zz_doc(), organisation_offer_docs(),
  municipality_offer_docs() FROM PUBLIC;
