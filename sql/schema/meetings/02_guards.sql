-- What a policy cannot say about meetings: approved minutes are final
-- (the agenda, the minutes, the attendees and the decisions no longer
-- change; corrections are added, and only then), the steering group
-- approves but changes nothing else, and the version that is the
-- meeting's ETag counts every change of the meeting and its parts.
-- The guards hold for every role, the owner's too: no code path and no
-- direct statement changes approved minutes.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION meeting_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM app_assert_at(NEW.minutes_status = 'draft', 'TH422',
                          'A new meeting has draft minutes.', '/minutes_status');
    NEW.version := 1;
    RETURN NEW;
  END IF;
  IF OLD.minutes_status = 'approved' THEN
    PERFORM app_assert(NEW.minutes_status = 'approved'
                       AND NEW.minutes_approved_at = OLD.minutes_approved_at
                       AND NEW.minutes_approved_by IS NOT DISTINCT FROM OLD.minutes_approved_by,
                       'TH409', 'The minutes of this meeting are approved and stay '
                                'as approved; add a correction instead.');
  ELSIF NEW.minutes_status = 'approved' THEN
    NEW.minutes_approved_at := coalesce(NEW.minutes_approved_at, now());
    IF app_is_service() THEN
      PERFORM app_assert(app_in(NEW.municipality_id, '{steering}'), 'TH403',
                         'The steering group approves the minutes.');
      NEW.minutes_approved_at := now();
      NEW.minutes_approved_by := app_account_id();
    END IF;
  ELSE
    PERFORM app_assert(NEW.minutes_approved_at IS NULL AND NEW.minutes_approved_by IS NULL,
                       'TH422', 'Draft minutes have no approval.');
  END IF;
  IF app_is_service() AND NOT app_in(NEW.municipality_id, '{officer}') THEN
    -- the steering group: the approval only
    PERFORM app_assert(
      (to_jsonb(NEW) - '{minutes_status,minutes_approved_at,minutes_approved_by,version,updated_at}'::text[])
      = (to_jsonb(OLD) - '{minutes_status,minutes_approved_at,minutes_approved_by,version,updated_at}'::text[]),
      'TH403', 'The steering group approves the minutes; the integration office '
               'changes the meeting.');
  END IF;
  IF (to_jsonb(NEW) - '{version,updated_at}'::text[])
     IS DISTINCT FROM (to_jsonb(OLD) - '{version,updated_at}'::text[])
     OR NEW.version <> OLD.version THEN
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := OLD.version;
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS meeting_guard ON meeting;
CREATE TRIGGER meeting_guard BEFORE INSERT OR UPDATE ON meeting
  FOR EACH ROW EXECUTE FUNCTION meeting_guard();

-- Whether a meeting's minutes are approved, whoever asks (the guards must
-- see the meeting even where a policy would hide it).
CREATE OR REPLACE FUNCTION meeting_minutes_approved(p_meeting_id bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce((SELECT minutes_status = 'approved' FROM meeting WHERE id = p_meeting_id),
                  false)
$$;

-- Agenda items, minutes, attendees and decisions: only while the minutes
-- are draft.
CREATE OR REPLACE FUNCTION meeting_part_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM app_assert(NOT meeting_minutes_approved(OLD.meeting_id), 'TH409',
                       'The minutes of this meeting are approved: its agenda, minutes, '
                       'attendees and decisions no longer change. Add a correction instead.');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM app_assert(NOT meeting_minutes_approved(NEW.meeting_id), 'TH409',
                       'The minutes of this meeting are approved: its agenda, minutes, '
                       'attendees and decisions no longer change. Add a correction instead.');
    RETURN NEW;
  END IF;
  RETURN OLD;
END
$$;

DROP TRIGGER IF EXISTS meeting_part_guard ON meeting_attendee;
CREATE TRIGGER meeting_part_guard BEFORE INSERT OR UPDATE OR DELETE ON meeting_attendee
  FOR EACH ROW EXECUTE FUNCTION meeting_part_guard();
DROP TRIGGER IF EXISTS meeting_part_guard ON meeting_item;
CREATE TRIGGER meeting_part_guard BEFORE INSERT OR UPDATE OR DELETE ON meeting_item
  FOR EACH ROW EXECUTE FUNCTION meeting_part_guard();
DROP TRIGGER IF EXISTS meeting_part_guard ON meeting_decision;
CREATE TRIGGER meeting_part_guard BEFORE INSERT OR UPDATE OR DELETE ON meeting_decision
  FOR EACH ROW EXECUTE FUNCTION meeting_part_guard();

-- Corrections: added to approved minutes only, and never changed.
CREATE OR REPLACE FUNCTION meeting_correction_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_assert(TG_OP = 'INSERT', 'TH409',
                     'A correction is not changed or removed; add another one.');
  PERFORM app_assert(meeting_minutes_approved(NEW.meeting_id), 'TH409',
                     'Corrections are added to approved minutes; until the minutes '
                     'are approved, change them instead.');
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS meeting_correction_guard ON meeting_correction;
CREATE TRIGGER meeting_correction_guard BEFORE INSERT OR UPDATE OR DELETE ON meeting_correction
  FOR EACH ROW EXECUTE FUNCTION meeting_correction_guard();

-- Every change of a part is a new version of the meeting (its ETag).
CREATE OR REPLACE FUNCTION meeting_part_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE meeting SET version = version + 1
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS meeting_part_version ON meeting_attendee;
CREATE TRIGGER meeting_part_version AFTER INSERT OR UPDATE OR DELETE ON meeting_attendee
  FOR EACH ROW EXECUTE FUNCTION meeting_part_version();
DROP TRIGGER IF EXISTS meeting_part_version ON meeting_item;
CREATE TRIGGER meeting_part_version AFTER INSERT OR UPDATE OR DELETE ON meeting_item
  FOR EACH ROW EXECUTE FUNCTION meeting_part_version();
DROP TRIGGER IF EXISTS meeting_part_version ON meeting_decision;
CREATE TRIGGER meeting_part_version AFTER INSERT OR UPDATE OR DELETE ON meeting_decision
  FOR EACH ROW EXECUTE FUNCTION meeting_part_version();
DROP TRIGGER IF EXISTS meeting_part_version ON meeting_correction;
CREATE TRIGGER meeting_part_version AFTER INSERT ON meeting_correction
  FOR EACH ROW EXECUTE FUNCTION meeting_part_version();

REVOKE ALL ON FUNCTION meeting_minutes_approved(bigint), meeting_part_version()
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION meeting_minutes_approved(bigint) TO teilhabe_app;
