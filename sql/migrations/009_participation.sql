-- Beteiligung: consultations (Beteiligungsformate) and the contributions
-- (Beiträge) made in them, entered by officers from offline formats or
-- submitted online by anyone while a consultation is open. Nothing
-- personal is needed to contribute; what an author gives for a reply is
-- deleted when the consultation is evaluated. Recommendations
-- (Handlungsempfehlungen) follow in 010. Policies, guards and api_*
-- functions live in sql/schema/participation/.

CREATE TABLE consultation (
  municipality_id      bigint NOT NULL REFERENCES municipality (id),
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  kind                 text NOT NULL CONSTRAINT consultation_kind_valid
                       CHECK (kind IN ('interview_series', 'online_survey',
                                       'integration_dialogue', 'integration_conference',
                                       'strategy_workshop', 'theme_forum',
                                       'citizen_dialogue', 'other')),
  title                text NOT NULL CONSTRAINT consultation_title_length
                       CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description          text CONSTRAINT consultation_description_length
                       CHECK (length(description) <= 10000),
  target_group         text CONSTRAINT consultation_target_group_length
                       CHECK (length(btrim(target_group)) BETWEEN 1 AND 200),
  starts_on            date,
  ends_on              date,
  place                text CONSTRAINT consultation_place_length
                       CHECK (length(place) <= 300),
  organiser_organisation_ids bigint[] NOT NULL DEFAULT '{}',
  organisers_text      text CONSTRAINT consultation_organisers_text_length
                       CHECK (length(organisers_text) <= 500),
  participant_count    int CONSTRAINT consultation_participants_positive
                       CHECK (participant_count >= 0),
  concept_id           bigint,
  status               text NOT NULL DEFAULT 'planned'
                       CONSTRAINT consultation_status_valid
                       CHECK (status IN ('planned', 'open', 'closed', 'evaluated')),
  findings             text CONSTRAINT consultation_findings_length
                       CHECK (length(findings) <= 20000),
  visibility           text NOT NULL DEFAULT 'internal'
                       CONSTRAINT consultation_visibility_valid
                       CHECK (visibility IN ('internal', 'partners', 'public')),
  version              int NOT NULL DEFAULT 1,
  created_by           bigint REFERENCES account (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, concept_id) REFERENCES concept (municipality_id, id),
  CONSTRAINT consultation_date_order CHECK (ends_on IS NULL OR starts_on IS NULL
                                            OR ends_on >= starts_on)
);
CREATE INDEX consultation_recent ON consultation (municipality_id, starts_on DESC NULLS LAST, id DESC);
CREATE TRIGGER consultation_updated_at BEFORE UPDATE ON consultation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE contribution (
  municipality_id   bigint NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  consultation_id   bigint NOT NULL,
  text              text NOT NULL CONSTRAINT contribution_text_length
                    CHECK (length(btrim(text)) BETWEEN 1 AND 5000),
  action_field_id   bigint,
  source            text CONSTRAINT contribution_source_length
                    CHECK (length(btrim(source)) BETWEEN 1 AND 200),
  origin            text NOT NULL DEFAULT 'entered'
                    CONSTRAINT contribution_origin_valid
                    CHECK (origin IN ('entered', 'online')),
  moderation        text NOT NULL DEFAULT 'pending'
                    CONSTRAINT contribution_moderation_valid
                    CHECK (moderation IN ('pending', 'approved', 'rejected')),
  rejection_reason  text CONSTRAINT contribution_rejection_reason_length
                    CHECK (length(btrim(rejection_reason)) BETWEEN 1 AND 1000),
  moderated_by      bigint REFERENCES account (id),
  moderated_at      timestamptz,
  -- given by the author only for a reply; deleted at evaluation
  author_name       text CONSTRAINT contribution_author_name_length
                    CHECK (length(author_name) <= 200),
  author_contact    text CONSTRAINT contribution_author_contact_length
                    CHECK (length(author_contact) <= 300),
  organisation_id   bigint REFERENCES organisation (id),
  created_by        bigint REFERENCES account (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, consultation_id)
    REFERENCES consultation (municipality_id, id) ON DELETE CASCADE,
  FOREIGN KEY (municipality_id, action_field_id)
    REFERENCES action_field (municipality_id, id),
  CONSTRAINT contribution_rejection_reasoned
    CHECK (moderation <> 'rejected' OR rejection_reason IS NOT NULL)
);
CREATE INDEX contribution_consultation ON contribution (consultation_id, id);

ALTER TABLE consultation ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation FORCE ROW LEVEL SECURITY;
ALTER TABLE contribution ENABLE ROW LEVEL SECURITY;
ALTER TABLE contribution FORCE ROW LEVEL SECURITY;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON consultation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contribution
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'author_name', 'author_contact');

-- Online submissions, counted per client address (the public form has
-- no account to count by): see public_contribution_submit in
-- sql/schema/participation/. Only the definer function reads and writes
-- it.
CREATE TABLE contribution_throttle (
  key       text PRIMARY KEY,
  count     int NOT NULL,
  first_at  timestamptz NOT NULL
);
ALTER TABLE contribution_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE contribution_throttle FORCE ROW LEVEL SECURITY;

GRANT SELECT,
  INSERT (municipality_id, kind, title, description, target_group, starts_on, ends_on,
          place, organiser_organisation_ids, organisers_text, participant_count,
          concept_id, status, findings, visibility, created_by),
  UPDATE (kind, title, description, target_group, starts_on, ends_on, place,
          organiser_organisation_ids, organisers_text, participant_count, concept_id,
          status, findings, visibility, version)
  ON consultation TO teilhabe_app;
GRANT SELECT,
  INSERT (municipality_id, consultation_id, text, action_field_id, source, origin,
          moderation, organisation_id, created_by, moderated_by, moderated_at),
  UPDATE (moderation, rejection_reason, moderated_by, moderated_at, author_name,
          author_contact)
  ON contribution TO teilhabe_app;
GRANT USAGE ON SEQUENCE consultation_id_seq, contribution_id_seq TO teilhabe_app;
