-- The rule of recommendations no policy can express: an accepted
-- recommendation is carried out by at least one measure. Checked at the
-- end of each statement (constraint triggers that are not deferred), so a
-- change links the measures first and records the response after, and a
-- relink adds the new measures before it removes the old. Holds for every
-- writer, the owner (demo data) too.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION recommendation_accepted_has_measure() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_id bigint;
BEGIN
  IF TG_TABLE_NAME = 'recommendation' THEN
    v_id := NEW.id;
  ELSE
    v_id := OLD.recommendation_id;
  END IF;
  IF EXISTS (SELECT FROM recommendation r
              WHERE r.id = v_id AND r.response_kind = 'accepted'
                AND NOT EXISTS (SELECT FROM recommendation_measure l
                                 WHERE l.recommendation_id = r.id)) THEN
    RAISE EXCEPTION 'An accepted recommendation is carried out by at least one measure.'
      USING ERRCODE = 'TH422', DETAIL = '/measure_ids';
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS recommendation_accepted_measure ON recommendation;
CREATE CONSTRAINT TRIGGER recommendation_accepted_measure
  AFTER INSERT OR UPDATE OF response_kind ON recommendation
  FOR EACH ROW EXECUTE FUNCTION recommendation_accepted_has_measure();

DROP TRIGGER IF EXISTS recommendation_accepted_measure ON recommendation_measure;
CREATE CONSTRAINT TRIGGER recommendation_accepted_measure
  AFTER DELETE ON recommendation_measure
  FOR EACH ROW EXECUTE FUNCTION recommendation_accepted_has_measure();

-- Who changes what, for the service: the steering group gives responses
-- and does not rewrite a recommendation; an officer records a response
-- only with the meeting that decided it (district admins may do both).
CREATE OR REPLACE FUNCTION recommendation_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT app_is_service() THEN
    RETURN NEW;
  END IF;
  IF (NEW.title, NEW.text, NEW.action_field_id)
     IS DISTINCT FROM (OLD.title, OLD.text, OLD.action_field_id) THEN
    PERFORM app_assert(app_in(NEW.municipality_id, '{officer}'), 'TH403',
                       'The integration office changes recommendations; the steering '
                       'group responds to them.');
  END IF;
  IF (NEW.response_kind, NEW.response_reason, NEW.decided_on, NEW.meeting_id)
     IS DISTINCT FROM (OLD.response_kind, OLD.response_reason, OLD.decided_on, OLD.meeting_id)
     AND NEW.response_kind IS NOT NULL THEN
    PERFORM app_assert(app_in(NEW.municipality_id, '{steering}')
                       OR NEW.meeting_id IS NOT NULL, 'TH403',
                       'The steering group responds to recommendations; the integration '
                       'office records a response with the meeting that decided it.');
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS recommendation_guard ON recommendation;
CREATE TRIGGER recommendation_guard BEFORE UPDATE ON recommendation
  FOR EACH ROW EXECUTE FUNCTION recommendation_guard();
