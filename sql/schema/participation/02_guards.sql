-- What a policy cannot say about consultations and contributions: the
-- status only moves forward (planned, open, closed, evaluated);
-- contributions are taken while their consultation is open, online ones
-- only for the online kinds; those entered by the staff (from the event
-- itself: the Dialog's tables, the workshop's cards) also after it closed,
-- until it is evaluated; a contribution's text is not edited
-- after the fact; evaluating a consultation deletes the authors' names
-- and contacts of its contributions (DSGVO: kept no longer than needed
-- for a reply). The guards hold for every role, the owner's too.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS consultation_updated_at ON consultation;
CREATE TRIGGER consultation_updated_at BEFORE UPDATE ON consultation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE OR REPLACE FUNCTION consultation_status_rank(p text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT array_position(ARRAY['planned', 'open', 'closed', 'evaluated'], p)
$$;

-- The kinds that take contributions online while open.
CREATE OR REPLACE FUNCTION consultation_online(p_kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_kind IN ('online_survey', 'citizen_dialogue')
$$;

CREATE OR REPLACE FUNCTION consultation_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_bad bigint;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM app_assert_at(consultation_status_rank(NEW.status)
                          >= consultation_status_rank(OLD.status), 'TH409',
                          format('The status of a consultation only moves forward '
                                 '(planned, open, closed, evaluated); this one is %s.',
                                 OLD.status), '/status');
    PERFORM app_assert_at(OLD.status <> 'evaluated' OR NEW.kind = OLD.kind, 'TH409',
                          'An evaluated consultation keeps its kind.', '/kind');
  END IF;
  IF TG_OP = 'INSERT'
     OR NEW.organiser_organisation_ids IS DISTINCT FROM OLD.organiser_organisation_ids THEN
    SELECT o INTO v_bad FROM unnest(NEW.organiser_organisation_ids) o
     WHERE NOT org_serves(o, NEW.municipality_id) LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          'The organisation does not serve this municipality.',
                          '/organiser_organisation_ids');
    PERFORM app_assert_at(cardinality(NEW.organiser_organisation_ids)
                          = (SELECT count(DISTINCT o)
                               FROM unnest(NEW.organiser_organisation_ids) o),
                          'TH422', 'An organisation is named twice.',
                          '/organiser_organisation_ids');
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.version := 1;
  ELSIF (to_jsonb(NEW) - '{version,updated_at}'::text[])
        IS DISTINCT FROM (to_jsonb(OLD) - '{version,updated_at}'::text[]) THEN
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := OLD.version;
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS consultation_guard ON consultation;
CREATE TRIGGER consultation_guard BEFORE INSERT OR UPDATE ON consultation
  FOR EACH ROW EXECUTE FUNCTION consultation_guard();

-- Evaluated: what the authors gave for a reply is deleted, whoever
-- evaluates (a definer: the caller may not see every contribution).
CREATE OR REPLACE FUNCTION consultation_wipe_authors() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.status = 'evaluated' THEN
    UPDATE contribution SET author_name = NULL, author_contact = NULL
     WHERE consultation_id = NEW.id
       AND (author_name IS NOT NULL OR author_contact IS NOT NULL);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS consultation_wipe_authors ON consultation;
CREATE TRIGGER consultation_wipe_authors AFTER INSERT OR UPDATE OF status ON consultation
  FOR EACH ROW EXECUTE FUNCTION consultation_wipe_authors();

-- The consultation a contribution belongs to, whoever asks (the guard
-- must see it even where a policy hides it).
CREATE OR REPLACE FUNCTION consultation_state(p_id bigint,
                                              OUT status text, OUT kind text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT status, kind FROM consultation WHERE id = p_id
$$;

CREATE OR REPLACE FUNCTION contribution_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    s := consultation_state(NEW.consultation_id);
    PERFORM app_assert(s.status = 'open' OR (s.status = 'closed' AND NEW.origin = 'entered'),
                       'TH409', 'Contributions are taken while the consultation is open; '
                                'those from the event itself are entered until it is evaluated.');
    PERFORM app_assert(NEW.origin <> 'online' OR consultation_online(s.kind), 'TH409',
                       'This consultation takes no contributions online.');
    PERFORM app_assert_at(NEW.moderation <> 'rejected', 'TH422',
                          'A new contribution is not rejected.', '/moderation');
    IF app_is_service() THEN
      -- the service enters contributions; online ones come through the
      -- public form's definer function only
      PERFORM app_assert(NEW.origin = 'entered', 'TH403',
                         'Online contributions come through the public form.');
      NEW.created_by := app_account_id();
      NEW.author_name := NULL;
      NEW.author_contact := NULL;
    END IF;
    IF NEW.moderation = 'approved' THEN
      NEW.moderated_at := coalesce(NEW.moderated_at, now());
    END IF;
    RETURN NEW;
  END IF;
  PERFORM app_assert(NEW.text = OLD.text AND NEW.origin = OLD.origin
                     AND NEW.consultation_id = OLD.consultation_id
                     AND NEW.action_field_id IS NOT DISTINCT FROM OLD.action_field_id
                     AND NEW.source IS NOT DISTINCT FROM OLD.source
                     AND NEW.created_at = OLD.created_at,
                     'TH409', 'A contribution stays as it was made; moderate it instead.');
  PERFORM app_assert((NEW.author_name IS NULL OR NEW.author_name = OLD.author_name)
                     AND (NEW.author_contact IS NULL
                          OR NEW.author_contact = OLD.author_contact),
                     'TH409', 'The author''s details are only ever deleted.');
  IF NEW.moderation IS DISTINCT FROM OLD.moderation
     OR NEW.rejection_reason IS DISTINCT FROM OLD.rejection_reason THEN
    PERFORM app_assert_at(NEW.moderation <> 'pending', 'TH422',
                          'A moderated contribution is approved or rejected.',
                          '/moderation');
    IF NEW.moderation = 'approved' THEN
      NEW.rejection_reason := NULL;
    END IF;
    NEW.moderated_at := now();
    IF app_is_service() THEN
      NEW.moderated_by := app_account_id();
    END IF;
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS contribution_guard ON contribution;
CREATE TRIGGER contribution_guard BEFORE INSERT OR UPDATE ON contribution
  FOR EACH ROW EXECUTE FUNCTION contribution_guard();

REVOKE ALL ON FUNCTION consultation_wipe_authors(), consultation_state(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION consultation_state(bigint) TO teilhabe_app;
