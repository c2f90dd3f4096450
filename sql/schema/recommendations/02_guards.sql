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
