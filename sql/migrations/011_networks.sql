-- Organisation profiles and networks (Netzwerke, Trägerverbünde,
-- Arbeitskreise). An organisation gains the profile partners keep up
-- themselves: a description, the address of the organisation (never of
-- private persons), website, phone and the languages it works in. A
-- network belongs to the municipality whose officer made it (its home)
-- and spans that and other municipalities of the district; organisations
-- are its members (Träger, Kooperationspartner, Mitglied), one of them
-- may coordinate it, and it may carry measures of its home municipality.
-- Policies, guards and api_* functions live in sql/schema/networks/.

ALTER TABLE organisation
  ADD COLUMN description text CONSTRAINT organisation_description_length
    CHECK (length(description) <= 5000),
  ADD COLUMN street text CONSTRAINT organisation_street_length
    CHECK (length(btrim(street)) BETWEEN 1 AND 200),
  ADD COLUMN postcode text CONSTRAINT organisation_postcode_format
    CHECK (postcode ~ '^[0-9]{5}$'),
  ADD COLUMN city text CONSTRAINT organisation_city_length
    CHECK (length(btrim(city)) BETWEEN 1 AND 100),
  ADD COLUMN website text CONSTRAINT organisation_website_format
    CHECK (website ~ '^https?://[^[:space:]]+$' AND length(website) <= 300),
  ADD COLUMN phone text CONSTRAINT organisation_phone_format
    CHECK (phone ~ '^\+?[0-9][0-9 ()/-]{2,38}$'),
  ADD COLUMN languages text[] NOT NULL DEFAULT '{}'
    CONSTRAINT organisation_languages_valid
    CHECK (languages <@ ARRAY['de', 'en', 'ar', 'tr', 'fa', 'ru', 'uk', 'fr', 'ku',
                              'ti', 'so', 'ps', 'pl', 'ro', 'es', 'it', 'sq', 'sr',
                              'hr', 'bs', 'el', 'bg', 'ur', 'am']);

-- What the service may change of an organisation: never its district,
-- its id or who made it.
REVOKE UPDATE ON organisation FROM teilhabe_app;
GRANT UPDATE (name, kind, contact_email, description, street, postcode, city, website,
              phone, languages)
  ON organisation TO teilhabe_app;

CREATE TABLE network (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id      bigint NOT NULL REFERENCES district (id),
  municipality_id  bigint NOT NULL REFERENCES municipality (id),
  name             text NOT NULL CONSTRAINT network_name_length
                   CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind             text NOT NULL CONSTRAINT network_kind_valid
                   CHECK (kind IN ('network', 'provider_association', 'working_group',
                                   'other')),
  purpose          text CONSTRAINT network_purpose_length
                   CHECK (length(purpose) <= 5000),
  visibility       text NOT NULL DEFAULT 'internal'
                   CONSTRAINT network_visibility_valid
                   CHECK (visibility IN ('internal', 'partners', 'public')),
  coordinator_organisation_id bigint REFERENCES organisation (id),
  version          int NOT NULL DEFAULT 1,
  created_by       bigint REFERENCES account (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT network_name_unique UNIQUE (municipality_id, name)
);
CREATE INDEX network_coordinator ON network (coordinator_organisation_id);

-- The municipalities a network works in; its home is always one.
CREATE TABLE network_municipality (
  network_id       bigint NOT NULL REFERENCES network (id) ON DELETE CASCADE,
  municipality_id  bigint NOT NULL REFERENCES municipality (id),
  PRIMARY KEY (network_id, municipality_id)
);
CREATE INDEX network_municipality_municipality ON network_municipality (municipality_id);

CREATE TABLE network_member (
  network_id       bigint NOT NULL REFERENCES network (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisation (id),
  role             text NOT NULL CONSTRAINT network_member_role_valid
                   CHECK (role IN ('provider', 'cooperation_partner', 'member')),
  since            date,
  PRIMARY KEY (network_id, organisation_id)
);
CREATE INDEX network_member_organisation ON network_member (organisation_id);

-- The measures of the home municipality's catalogue a network carries.
CREATE TABLE network_measure (
  network_id       bigint NOT NULL REFERENCES network (id) ON DELETE CASCADE,
  municipality_id  bigint NOT NULL,
  measure_id       bigint NOT NULL,
  PRIMARY KEY (network_id, measure_id),
  FOREIGN KEY (municipality_id, measure_id) REFERENCES measure (municipality_id, id)
    ON DELETE CASCADE
);
CREATE INDEX network_measure_measure ON network_measure (measure_id);

CREATE TRIGGER network_updated_at BEFORE UPDATE ON network
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE network ENABLE ROW LEVEL SECURITY;
ALTER TABLE network FORCE ROW LEVEL SECURITY;
ALTER TABLE network_municipality ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_municipality FORCE ROW LEVEL SECURITY;
ALTER TABLE network_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_member FORCE ROW LEVEL SECURITY;
ALTER TABLE network_measure ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_measure FORCE ROW LEVEL SECURITY;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON network
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version');

GRANT SELECT,
  INSERT (district_id, municipality_id, name, kind, purpose, visibility,
          coordinator_organisation_id, created_by),
  UPDATE (name, kind, purpose, visibility, coordinator_organisation_id, version),
  DELETE
  ON network TO teilhabe_app;
GRANT SELECT, INSERT, DELETE ON network_municipality TO teilhabe_app;
GRANT SELECT, INSERT, DELETE, UPDATE (role, since) ON network_member TO teilhabe_app;
GRANT SELECT, INSERT, DELETE ON network_measure TO teilhabe_app;
GRANT USAGE ON SEQUENCE network_id_seq TO teilhabe_app;
