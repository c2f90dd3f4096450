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
