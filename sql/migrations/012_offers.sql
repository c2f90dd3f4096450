-- Angebote: the standing offers of the organisations working in a
-- municipality (Beratungsangebote, Sprachkurse, Hausaufgabenhilfe,
-- Frauentreffs …), with their weekly times (slots), languages and target
-- groups, for the partners' network and the public offers directory
-- (Angebotsverzeichnis). Each offer belongs to one municipality and one
-- organisation of the district. The document the service returns is kept
-- with the row (column doc, built by a trigger, as the measure's), so a
-- page of the public directory is read without building fifty documents.
-- Functions, triggers, policies and the api_offer_* functions live in
-- sql/schema/offers/.

-- Whether a slots value is a JSON array of at most 30 weekly times
-- {weekday, starts, ends} ("HH:MM", starts before ends), nothing else.
CREATE FUNCTION offer_slots_valid(p jsonb) RETURNS boolean
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

CREATE TABLE offer (
  municipality_id       bigint NOT NULL REFERENCES municipality (id),
  id                    bigint GENERATED ALWAYS AS IDENTITY,
  organisation_id       bigint NOT NULL REFERENCES organisation (id),
  title                 text COLLATE "de-x-icu" NOT NULL CONSTRAINT offer_title_length
                        CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  kind                  text NOT NULL CONSTRAINT offer_kind_valid
                        CHECK (kind IN ('counselling', 'language_course',
                                        'homework_help', 'sport', 'womens_group',
                                        'parents_group', 'leisure', 'education',
                                        'work', 'health', 'meeting_place', 'other')),
  description           text CONSTRAINT offer_description_length
                        CHECK (length(description) <= 5000),
  target_groups         text[] NOT NULL DEFAULT '{}'
                        CONSTRAINT offer_target_groups_valid
                        CHECK (target_groups <@ ARRAY[
                          'children', 'youth', 'families', 'seniors',
                          'women_and_mothers', 'men', 'refugees',
                          'newcomers', 'eu_citizens', 'volunteers', 'staff',
                          'general_public']),
  languages             text[] NOT NULL DEFAULT '{}'
                        CONSTRAINT offer_languages_valid
                        CHECK (languages <@ ARRAY[
                          'de', 'en', 'ar', 'tr', 'fa', 'ru', 'uk', 'fr', 'ku',
                          'ti', 'so', 'ps', 'pl', 'ro', 'es', 'it', 'sq', 'sr',
                          'hr', 'bs', 'el', 'bg', 'ur', 'am']),
  street                text CONSTRAINT offer_street_length
                        CHECK (length(street) <= 200),
  postcode              text CONSTRAINT offer_postcode_format
                        CHECK (postcode ~ '^[0-9]{5}$'),
  city                  text CONSTRAINT offer_city_length
                        CHECK (length(city) <= 100),
  latitude              numeric(8, 6) CONSTRAINT offer_latitude_range
                        CHECK (latitude BETWEEN -90 AND 90),
  longitude             numeric(9, 6) CONSTRAINT offer_longitude_range
                        CHECK (longitude BETWEEN -180 AND 180),
  slots                 jsonb NOT NULL DEFAULT '[]' CONSTRAINT offer_slots_valid
                        CHECK (offer_slots_valid(slots)),
  times_text            text CONSTRAINT offer_times_text_length
                        CHECK (length(times_text) <= 500),
  cost                  text NOT NULL DEFAULT 'free' CONSTRAINT offer_cost_valid
                        CHECK (cost IN ('free', 'fee')),
  cost_text             text CONSTRAINT offer_cost_text_length
                        CHECK (length(cost_text) <= 500),
  accessibility         text CONSTRAINT offer_accessibility_length
                        CHECK (length(accessibility) <= 1000),
  registration_required boolean NOT NULL DEFAULT false,
  registration_text     text CONSTRAINT offer_registration_text_length
                        CHECK (length(registration_text) <= 1000),
  contact_email         text CONSTRAINT offer_contact_email_format
                        CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'
                               AND length(contact_email) <= 254),
  phone                 text CONSTRAINT offer_phone_format
                        CHECK (phone ~ '^\+?[0-9 ()/-]{3,40}$'),
  website               text CONSTRAINT offer_website_format
                        CHECK (website ~ '^https?://[^\s]+$' AND length(website) <= 500),
  valid_from            date,
  valid_until           date,
  visibility            text NOT NULL DEFAULT 'internal'
                        CONSTRAINT offer_visibility_valid
                        CHECK (visibility IN ('internal', 'partners', 'public')),
  -- German full text over the offer's own words (not the organisation's
  -- name, which may change without the offer)
  search                tsvector GENERATED ALWAYS AS (
                          to_tsvector('german'::regconfig,
                            title || ' ' || coalesce(description, '') || ' '
                            || coalesce(times_text, '') || ' '
                            || coalesce(cost_text, '') || ' '
                            || coalesce(accessibility, '') || ' '
                            || coalesce(registration_text, '') || ' '
                            || coalesce(city, ''))) STORED,
  doc                   json,
  version               int NOT NULL DEFAULT 1,
  created_by            bigint REFERENCES account (id),
  created_by_client     bigint REFERENCES api_client (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  CONSTRAINT offer_valid_order CHECK (valid_until >= valid_from)
);
-- the internal list and the directory, by title
CREATE INDEX offer_list ON offer (municipality_id, title, id);
-- the public directory's page: public offers of a municipality by title,
-- valid_until in the index so the "valid today or later" condition needs
-- no visit to the table
CREATE INDEX offer_public_page ON offer (municipality_id, title, id)
  INCLUDE (valid_until) WHERE visibility = 'public';
-- the district-wide directory
CREATE INDEX offer_public_district ON offer (title, id)
  INCLUDE (valid_until, municipality_id) WHERE visibility = 'public';
CREATE INDEX offer_organisation ON offer (organisation_id, municipality_id);
CREATE INDEX offer_kind ON offer (municipality_id, kind);
CREATE INDEX offer_languages ON offer USING gin (languages);
CREATE INDEX offer_target_groups ON offer USING gin (target_groups);
CREATE INDEX offer_search ON offer USING gin (search);

ALTER TABLE offer ENABLE ROW LEVEL SECURITY;
ALTER TABLE offer FORCE ROW LEVEL SECURITY;

GRANT SELECT, INSERT (municipality_id, organisation_id, title, kind, description,
                      target_groups, languages, street, postcode, city, latitude,
                      longitude, slots, times_text, cost, cost_text, accessibility,
                      registration_required, registration_text, contact_email,
                      phone, website, valid_from, valid_until, visibility,
                      created_by, created_by_client),
  UPDATE (organisation_id, title, kind, description, target_groups, languages,
          street, postcode, city, latitude, longitude, slots, times_text, cost,
          cost_text, accessibility, registration_required, registration_text,
          contact_email, phone, website, valid_from, valid_until, visibility,
          version),
  DELETE
  ON offer TO teilhabe_app;
GRANT USAGE ON SEQUENCE offer_id_seq TO teilhabe_app;
