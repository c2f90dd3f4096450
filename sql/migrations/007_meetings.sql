-- Meetings (Sitzungen) of the Steuerungsgruppe and, later, of working
-- groups: when and where, who came, the agenda with its minutes, and the
-- decisions (Beschlüsse). This file starts with the meeting itself; the
-- agenda, attendees, decisions and minutes follow below. Policies, guards
-- and api_* functions live in sql/schema/meetings/.

CREATE TABLE meeting (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  kind            text NOT NULL DEFAULT 'steering_group'
                  CONSTRAINT meeting_kind_valid
                  CHECK (kind IN ('steering_group', 'working_group', 'other')),
  title           text NOT NULL CONSTRAINT meeting_title_length
                  CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz,
  place           text CONSTRAINT meeting_place_length
                  CHECK (length(place) <= 300),
  status          text NOT NULL DEFAULT 'planned'
                  CONSTRAINT meeting_status_valid
                  CHECK (status IN ('planned', 'held', 'cancelled')),
  visibility      text NOT NULL DEFAULT 'internal'
                  CONSTRAINT meeting_visibility_valid
                  CHECK (visibility IN ('internal', 'partners', 'public')),
  created_by      bigint REFERENCES account (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  CONSTRAINT meeting_time_order CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
-- the overview's "since the last meeting" and the meeting list
CREATE INDEX meeting_recent ON meeting (municipality_id, kind, starts_at DESC);
CREATE TRIGGER meeting_updated_at BEFORE UPDATE ON meeting
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
ALTER TABLE meeting ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting FORCE ROW LEVEL SECURITY;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

-- ---------------------------------------------------------------------------
-- Minutes (Protokoll): draft until the steering group approves them; then
-- the agenda, the minutes, the attendees and the decisions are frozen
-- (sql/schema/meetings/02_guards.sql) and only corrections are added.
-- version counts every change of the meeting or its parts: the ETag.

ALTER TABLE meeting
  ADD COLUMN minutes_status      text NOT NULL DEFAULT 'draft'
             CONSTRAINT meeting_minutes_status_valid
             CHECK (minutes_status IN ('draft', 'approved')),
  ADD COLUMN minutes_approved_at timestamptz,
  ADD COLUMN minutes_approved_by bigint REFERENCES account (id),
  ADD COLUMN version             int NOT NULL DEFAULT 1,
  ADD CONSTRAINT meeting_minutes_approval
      CHECK ((minutes_status = 'approved') = (minutes_approved_at IS NOT NULL));

-- Who came (Teilnehmende): an account of the system, or a guest by name;
-- either with a function (Bürgermeisterin) and an organisation.
CREATE TABLE meeting_attendee (
  municipality_id bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id      bigint NOT NULL,
  position        int NOT NULL CONSTRAINT meeting_attendee_position_positive
                  CHECK (position >= 1),
  account_id      bigint REFERENCES account (id),
  name            text CONSTRAINT meeting_attendee_name_length
                  CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  function        text CONSTRAINT meeting_attendee_function_length
                  CHECK (length(btrim(function)) BETWEEN 1 AND 200),
  organisation    text CONSTRAINT meeting_attendee_organisation_length
                  CHECK (length(btrim(organisation)) BETWEEN 1 AND 200),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, meeting_id)
    REFERENCES meeting (municipality_id, id) ON DELETE CASCADE,
  CONSTRAINT meeting_attendee_who
    CHECK ((account_id IS NULL) <> (name IS NULL)),
  CONSTRAINT meeting_attendee_account_once UNIQUE (meeting_id, account_id)
);
CREATE INDEX meeting_attendee_meeting ON meeting_attendee (meeting_id, position);

-- The agenda (Tagesordnung): its items (TOP) in order, each with its text
-- in the minutes, and perhaps about a measure, an indicator or a concept
-- of the same municipality (the composite keys hold that). Later issues
-- link recommendations to items through a table of their own keyed by
-- (municipality_id, item id).
CREATE TABLE meeting_item (
  municipality_id bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id      bigint NOT NULL,
  position        int NOT NULL CONSTRAINT meeting_item_position_positive
                  CHECK (position >= 1),
  title           text NOT NULL CONSTRAINT meeting_item_title_length
                  CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  description     text CONSTRAINT meeting_item_description_length
                  CHECK (length(description) <= 20000),
  minutes         text CONSTRAINT meeting_item_minutes_length
                  CHECK (length(minutes) <= 50000),
  measure_id      bigint,
  indicator_id    bigint,
  concept_id      bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  UNIQUE (municipality_id, meeting_id, id),
  FOREIGN KEY (municipality_id, meeting_id)
    REFERENCES meeting (municipality_id, id) ON DELETE CASCADE,
  CONSTRAINT meeting_item_measure FOREIGN KEY (municipality_id, measure_id)
    REFERENCES measure (municipality_id, id),
  CONSTRAINT meeting_item_indicator FOREIGN KEY (municipality_id, indicator_id)
    REFERENCES indicator (municipality_id, id),
  CONSTRAINT meeting_item_concept FOREIGN KEY (municipality_id, concept_id)
    REFERENCES concept (municipality_id, id),
  CONSTRAINT meeting_item_position_unique UNIQUE (meeting_id, position)
    DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX meeting_item_measure ON meeting_item (municipality_id, measure_id)
  WHERE measure_id IS NOT NULL;

-- Decisions (Beschlüsse) of a meeting, perhaps under an item; one about a
-- measure may set its status and its rank (the measure's own rules apply,
-- sql/schema/meetings/04_decisions.sql).
CREATE TABLE meeting_decision (
  municipality_id bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id      bigint NOT NULL,
  item_id         bigint,
  text            text NOT NULL CONSTRAINT meeting_decision_text_length
                  CHECK (length(btrim(text)) BETWEEN 1 AND 5000),
  measure_id      bigint,
  measure_status  text CONSTRAINT meeting_decision_measure_status_valid
                  CHECK (measure_status IN ('proposed', 'planned', 'in_progress',
                                            'completed', 'suspended', 'dropped')),
  measure_rank    int CONSTRAINT meeting_decision_measure_rank_positive
                  CHECK (measure_rank >= 1),
  decided_at      timestamptz NOT NULL DEFAULT now(),
  decided_by      bigint REFERENCES account (id),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, meeting_id)
    REFERENCES meeting (municipality_id, id) ON DELETE CASCADE,
  CONSTRAINT meeting_decision_item FOREIGN KEY (municipality_id, meeting_id, item_id)
    REFERENCES meeting_item (municipality_id, meeting_id, id) ON DELETE SET NULL (item_id),
  CONSTRAINT meeting_decision_measure FOREIGN KEY (municipality_id, measure_id)
    REFERENCES measure (municipality_id, id),
  CONSTRAINT meeting_decision_measure_change
    CHECK (measure_id IS NOT NULL OR (measure_status IS NULL AND measure_rank IS NULL))
);
CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id, id);
CREATE INDEX meeting_decision_measure ON meeting_decision (municipality_id, measure_id)
  WHERE measure_id IS NOT NULL;

-- Corrections (Berichtigungen) of approved minutes: new entries, linked to
-- the meeting and perhaps an item; never changed.
CREATE TABLE meeting_correction (
  municipality_id bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id      bigint NOT NULL,
  item_id         bigint,
  text            text NOT NULL CONSTRAINT meeting_correction_text_length
                  CHECK (length(btrim(text)) BETWEEN 1 AND 5000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      bigint REFERENCES account (id),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, meeting_id)
    REFERENCES meeting (municipality_id, id) ON DELETE CASCADE,
  CONSTRAINT meeting_correction_item FOREIGN KEY (municipality_id, meeting_id, item_id)
    REFERENCES meeting_item (municipality_id, meeting_id, id)
);
CREATE INDEX meeting_correction_meeting ON meeting_correction (meeting_id, id);
-- the meeting list: a municipality's meetings, newest first
CREATE INDEX meeting_list ON meeting (municipality_id, starts_at DESC, id DESC);

ALTER TABLE meeting_attendee ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_attendee FORCE ROW LEVEL SECURITY;
ALTER TABLE meeting_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_item FORCE ROW LEVEL SECURITY;
ALTER TABLE meeting_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_decision FORCE ROW LEVEL SECURITY;
ALTER TABLE meeting_correction ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_correction FORCE ROW LEVEL SECURITY;

-- Which meeting caused a change: a decision sets app.meeting_id for its
-- transaction, so the measure's audit events it causes name the meeting
-- (the measure history shows it).
ALTER TABLE audit_event
  ADD COLUMN meeting_id bigint
  DEFAULT nullif(current_setting('app.meeting_id', true), '')::bigint;

GRANT SELECT, INSERT (municipality_id, kind, title, starts_at, ends_at, place,
                      status, visibility, created_by),
  UPDATE (kind, title, starts_at, ends_at, place, status, visibility,
          minutes_status, minutes_approved_at, minutes_approved_by)
  ON meeting TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, meeting_id, position, account_id, name,
                      function, organisation),
  DELETE ON meeting_attendee TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, meeting_id, position, title, description,
                      minutes, measure_id, indicator_id, concept_id),
  UPDATE (position, title, description, minutes, measure_id, indicator_id,
          concept_id),
  DELETE ON meeting_item TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, meeting_id, item_id, text, measure_id,
                      measure_status, measure_rank, decided_by)
  ON meeting_decision TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, meeting_id, item_id, text, created_by)
  ON meeting_correction TO teilhabe_app;
GRANT USAGE ON SEQUENCE meeting_id_seq, meeting_attendee_id_seq,
  meeting_item_id_seq, meeting_decision_id_seq, meeting_correction_id_seq
  TO teilhabe_app;
