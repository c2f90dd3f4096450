-- The rules of events no policy can express, for every writer (the demo
-- data too): participants are counted, and an event is held, only once
-- it has started.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION event_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.participant_count IS NOT NULL AND NEW.starts_at > now()
     AND (TG_OP = 'INSERT'
          OR (NEW.participant_count, NEW.starts_at)
             IS DISTINCT FROM (OLD.participant_count, OLD.starts_at)) THEN
    RAISE EXCEPTION 'Participants are counted once the event has started.'
      USING ERRCODE = 'TH422', DETAIL = '/participant_count';
  END IF;
  IF NEW.status = 'held' AND NEW.starts_at > now()
     AND (TG_OP = 'INSERT'
          OR (NEW.status, NEW.starts_at) IS DISTINCT FROM (OLD.status, OLD.starts_at)) THEN
    RAISE EXCEPTION 'An event is held once it has started.'
      USING ERRCODE = 'TH422', DETAIL = '/status';
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS event_guard ON event;
CREATE TRIGGER event_guard BEFORE INSERT OR UPDATE ON event
  FOR EACH ROW EXECUTE FUNCTION event_guard();
