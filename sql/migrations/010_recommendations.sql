-- Handlungsempfehlungen: the recommendations a consultation (009) gave,
-- built from its contributions, and the response (Stellungnahme) of the
-- steering group: accepted, partly accepted, deferred or rejected, with a
-- reason, a date and perhaps the meeting that decided it. Accepted ones
-- are carried out by measures of the catalogue (at least one; the guard
-- in sql/schema/recommendations/02_guards.sql holds that). Every link is
-- keyed by (municipality_id, ...): nothing links across municipalities.
-- Policies, guards and api_* functions live in sql/schema/recommendations/.

CREATE TABLE recommendation (
  municipality_id  bigint NOT NULL REFERENCES municipality (id),
  id               bigint GENERATED ALWAYS AS IDENTITY,
  title            text NOT NULL CONSTRAINT recommendation_title_length
                   CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  text             text CONSTRAINT recommendation_text_length
                   CHECK (length(text) <= 20000),
  action_field_id  bigint NOT NULL,
  -- the response (Stellungnahme); a new one replaces the old, the audit
  -- log keeps the history
  response_kind    text CONSTRAINT recommendation_response_kind_valid
                   CHECK (response_kind IN ('accepted', 'partly_accepted',
                                            'deferred', 'rejected')),
  response_reason  text CONSTRAINT recommendation_response_reason_length
                   CHECK (length(btrim(response_reason)) BETWEEN 1 AND 5000),
  decided_on       date,
  meeting_id       bigint,
  responded_by     bigint REFERENCES account (id),
  responded_at     timestamptz,
  version          int NOT NULL DEFAULT 1,
  created_by       bigint REFERENCES account (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, action_field_id)
    REFERENCES action_field (municipality_id, id),
  CONSTRAINT recommendation_meeting FOREIGN KEY (municipality_id, meeting_id)
    REFERENCES meeting (municipality_id, id) ON DELETE SET NULL (meeting_id),
  -- a response has its kind, reason and date together; none without a kind
  CONSTRAINT recommendation_response_complete
    CHECK ((response_kind IS NULL
            AND response_reason IS NULL AND decided_on IS NULL
            AND meeting_id IS NULL AND responded_at IS NULL)
           OR (response_kind IS NOT NULL
               AND response_reason IS NOT NULL AND decided_on IS NOT NULL))
);
CREATE INDEX recommendation_list ON recommendation (municipality_id, id DESC);
CREATE INDEX recommendation_open ON recommendation (municipality_id, id)
  WHERE response_kind IS NULL;
CREATE TRIGGER recommendation_updated_at BEFORE UPDATE ON recommendation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- from which consultations a recommendation came
CREATE TABLE recommendation_consultation (
  municipality_id   bigint NOT NULL,
  recommendation_id bigint NOT NULL,
  consultation_id   bigint NOT NULL,
  PRIMARY KEY (recommendation_id, consultation_id),
  FOREIGN KEY (municipality_id, recommendation_id)
    REFERENCES recommendation (municipality_id, id) ON DELETE CASCADE,
  FOREIGN KEY (municipality_id, consultation_id)
    REFERENCES consultation (municipality_id, id) ON DELETE CASCADE
);
CREATE INDEX recommendation_consultation_consultation
  ON recommendation_consultation (consultation_id);

-- on which contributions it builds
CREATE TABLE recommendation_contribution (
  municipality_id   bigint NOT NULL,
  recommendation_id bigint NOT NULL,
  contribution_id   bigint NOT NULL,
  PRIMARY KEY (recommendation_id, contribution_id),
  FOREIGN KEY (municipality_id, recommendation_id)
    REFERENCES recommendation (municipality_id, id) ON DELETE CASCADE,
  FOREIGN KEY (municipality_id, contribution_id)
    REFERENCES contribution (municipality_id, id) ON DELETE CASCADE
);
CREATE INDEX recommendation_contribution_contribution
  ON recommendation_contribution (contribution_id);

-- which measures carry it out
CREATE TABLE recommendation_measure (
  municipality_id   bigint NOT NULL,
  recommendation_id bigint NOT NULL,
  measure_id        bigint NOT NULL,
  PRIMARY KEY (recommendation_id, measure_id),
  FOREIGN KEY (municipality_id, recommendation_id)
    REFERENCES recommendation (municipality_id, id) ON DELETE CASCADE,
  FOREIGN KEY (municipality_id, measure_id)
    REFERENCES measure (municipality_id, id) ON DELETE CASCADE
);
CREATE INDEX recommendation_measure_measure
  ON recommendation_measure (municipality_id, measure_id);

-- an agenda item may be about a recommendation
ALTER TABLE meeting_item
  ADD COLUMN recommendation_id bigint,
  ADD CONSTRAINT meeting_item_recommendation
      FOREIGN KEY (municipality_id, recommendation_id)
      REFERENCES recommendation (municipality_id, id)
      ON DELETE SET NULL (recommendation_id);
CREATE INDEX meeting_item_recommendation ON meeting_item (municipality_id, recommendation_id)
  WHERE recommendation_id IS NOT NULL;

ALTER TABLE recommendation ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation FORCE ROW LEVEL SECURITY;
ALTER TABLE recommendation_consultation ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_consultation FORCE ROW LEVEL SECURITY;
ALTER TABLE recommendation_contribution ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_contribution FORCE ROW LEVEL SECURITY;
ALTER TABLE recommendation_measure ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_measure FORCE ROW LEVEL SECURITY;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~version');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_consultation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'recommendation_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_contribution
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'recommendation_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON recommendation_measure
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'recommendation_id');

GRANT SELECT, INSERT (municipality_id, title, text, action_field_id, created_by),
  UPDATE (title, text, action_field_id, response_kind, response_reason,
          decided_on, meeting_id, responded_by, responded_at, version)
  ON recommendation TO teilhabe_app;
GRANT SELECT, INSERT, DELETE ON recommendation_consultation TO teilhabe_app;
GRANT SELECT, INSERT, DELETE ON recommendation_contribution TO teilhabe_app;
GRANT SELECT, INSERT, DELETE ON recommendation_measure TO teilhabe_app;
GRANT INSERT (recommendation_id), UPDATE (recommendation_id)
  ON meeting_item TO teilhabe_app;
GRANT USAGE ON SEQUENCE recommendation_id_seq TO teilhabe_app;
