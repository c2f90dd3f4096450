-- The api_offer_* functions the handlers call (api/src/handlers/offer.c):
-- each a change of one offer in one transaction, as the caller, answering
-- (doc, etag, ref). The ETag is the MD5 of the stored document, so it
-- changes with everything the document shows (a renamed organisation too). Who may write which
-- offer is checked here first, to answer 403 with a reason (the policies
-- of 01_offers.sql hold it anyway).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION offer_reply(p_id bigint)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE sql STABLE AS $$
  SELECT o.doc, md5(o.doc::text), o.id::text FROM offer o WHERE o.id = p_id
$$;

-- The organisation an offer is to belong to: one of the district (422),
-- and one the caller may write offers for (403).
CREATE OR REPLACE FUNCTION offer_check(p_mid bigint, p_org bigint, v offer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_assert_at(EXISTS (SELECT FROM organisation g JOIN municipality mu
                                    ON mu.district_id = g.district_id
                                 WHERE g.id = p_org AND mu.id = p_mid),
                        'TH422', 'There is no such organisation in this district.',
                        '/organisation_id');
  PERFORM app_assert(offer_writable(p_mid, p_org), 'TH403',
                     'Partners enter and change the offers of their own organisation only.');
  PERFORM app_assert_at(v.valid_until IS NULL OR v.valid_from IS NULL
                        OR v.valid_until >= v.valid_from,
                        'TH422', 'An offer cannot end before it begins.', '/valid_until');
END
$$;

-- The offer to change, locked, with If-Match checked (404 when the caller
-- cannot see it, 403 when it may not change it).
CREATE OR REPLACE FUNCTION offer_lock(p_mid bigint, p_id bigint, p_if_match text)
RETURNS offer
LANGUAGE plpgsql AS $$
DECLARE
  r offer;
BEGIN
  SELECT * INTO r FROM offer WHERE municipality_id = p_mid AND id = p_id;
  PERFORM app_assert(r.id IS NOT NULL, 'TH404', 'There is no such offer.');
  PERFORM app_assert(offer_writable(p_mid, r.organisation_id), 'TH403',
                     'Partners enter and change the offers of their own organisation only.');
  SELECT * INTO r FROM offer WHERE municipality_id = p_mid AND id = p_id FOR UPDATE;
  PERFORM app_if_match(md5(r.doc::text), p_if_match);
  RETURN r;
END
$$;

-- Blank texts are no texts.
CREATE OR REPLACE FUNCTION offer_text(p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(btrim(p), '')
$$;

CREATE OR REPLACE FUNCTION api_offer_create(p_ags text, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v offer := jsonb_populate_record(NULL::offer, p - '{municipality_id,id,search,doc,version,created_by,created_by_client,created_at,updated_at}'::text[]);
  v_id bigint;
BEGIN
  PERFORM offer_check(v_mid, v.organisation_id, v);
  INSERT INTO offer (municipality_id, organisation_id, title, kind, description,
                     target_groups, languages, street, postcode, city, latitude,
                     longitude, slots, times_text, cost, cost_text, accessibility,
                     registration_required, registration_text, contact_email, phone,
                     website, valid_from, valid_until, visibility, created_by,
                     created_by_client)
  VALUES (v_mid, v.organisation_id, btrim(v.title), v.kind, offer_text(v.description),
          coalesce(v.target_groups, '{}'), coalesce(v.languages, '{}'),
          offer_text(v.street), offer_text(v.postcode), offer_text(v.city),
          v.latitude, v.longitude, coalesce(v.slots, '[]'), offer_text(v.times_text),
          coalesce(v.cost, 'free'), offer_text(v.cost_text), offer_text(v.accessibility),
          coalesce(v.registration_required, false), offer_text(v.registration_text),
          offer_text(v.contact_email), offer_text(v.phone), offer_text(v.website),
          v.valid_from, v.valid_until, coalesce(v.visibility, 'internal'),
          app_account_id(), app_client_id())
  RETURNING id INTO v_id;
  RETURN QUERY SELECT * FROM offer_reply(v_id);
END
$$;

CREATE OR REPLACE FUNCTION api_offer_update(p_ags text, p_id bigint, p jsonb,
                                            p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  r offer := offer_lock(v_mid, p_id, p_if_match);
  v offer := jsonb_populate_record(r, p - '{municipality_id,id,search,doc,version,created_by,created_by_client,created_at,updated_at}'::text[]);
BEGIN
  IF v.organisation_id IS DISTINCT FROM r.organisation_id THEN
    PERFORM offer_check(v_mid, v.organisation_id, v);
  ELSE
    PERFORM offer_check(v_mid, r.organisation_id, v);
  END IF;
  UPDATE offer SET
    organisation_id = v.organisation_id, title = btrim(v.title), kind = v.kind,
    description = offer_text(v.description),
    target_groups = coalesce(v.target_groups, '{}'), languages = coalesce(v.languages, '{}'),
    street = offer_text(v.street), postcode = offer_text(v.postcode),
    city = offer_text(v.city), latitude = v.latitude, longitude = v.longitude,
    slots = coalesce(v.slots, '[]'), times_text = offer_text(v.times_text),
    cost = v.cost, cost_text = offer_text(v.cost_text),
    accessibility = offer_text(v.accessibility),
    registration_required = v.registration_required,
    registration_text = offer_text(v.registration_text),
    contact_email = offer_text(v.contact_email), phone = offer_text(v.phone),
    website = offer_text(v.website), valid_from = v.valid_from,
    valid_until = v.valid_until, visibility = v.visibility,
    version = version + 1
  WHERE municipality_id = v_mid AND id = p_id;
  RETURN QUERY SELECT * FROM offer_reply(p_id);
END
$$;

CREATE OR REPLACE FUNCTION api_offer_delete(p_ags text, p_id bigint, p_if_match text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  r offer := offer_lock(v_mid, p_id, p_if_match);
BEGIN
  DELETE FROM offer WHERE municipality_id = v_mid AND id = p_id;
END
$$;
