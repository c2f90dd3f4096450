-- The api_event_* functions the handlers call (api/src/handlers/event.c):
-- each a change of one event in one transaction, as the caller, answering
-- (doc, etag, ref) with the event's new version. Who may change which
-- event is checked here to answer 403 with a reason (the policies of
-- 01_policies.sql hold it anyway); references are checked to name the
-- field at fault.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION event_reply(p_id bigint)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE sql STABLE AS $$
  SELECT event_doc(e), e.version::text, e.id::text FROM event e WHERE e.id = p_id
$$;

-- Whether the caller may change event p_id: an officer (district admin)
-- of a municipality it is shown in, or a partner (API client with
-- events:write) of an organisation that organises it.
CREATE OR REPLACE FUNCTION event_may_write(p_id bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p_id IN (SELECT event_ids_in(app_mids('{officer}')))
      OR (app_scope('events:write')
          AND p_id IN (SELECT event_ids_of(event_caller_orgs())))
$$;

-- The event to change, locked, with If-Match checked: 404 when the caller
-- cannot see it in the municipality, 403 when it may not change it.
CREATE OR REPLACE FUNCTION event_lock(p_mid bigint, p_id bigint, p_if_match text)
RETURNS event
LANGUAGE plpgsql AS $$
DECLARE
  e event;
BEGIN
  SELECT * INTO e FROM event
   WHERE id = p_id AND id IN (SELECT event_id FROM event_municipality WHERE shown_in = p_mid);
  PERFORM app_assert(e.id IS NOT NULL, 'TH404', 'There is no such event.');
  PERFORM app_assert(event_may_write(p_id), 'TH403',
                     'Only the integration office and the organisers change an event.');
  SELECT * INTO e FROM event WHERE id = p_id FOR UPDATE;
  PERFORM app_if_match(e.version::text, p_if_match);
  RETURN e;
END
$$;

-- Checks the references of p: the organisers exist, the municipalities
-- are of the caller's district, the measure is one of p_mid the caller
-- sees; a partner (not an officer of p_mid) names its own organisation
-- among the organisers (403 otherwise).
CREATE OR REPLACE FUNCTION event_check_refs(p_mid bigint, p jsonb, p_creating boolean)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_bad bigint;
  v_orgs bigint[];
BEGIN
  IF p ? 'organiser_ids' THEN
    SELECT n - 1 INTO v_bad
      FROM jsonb_array_elements_text(p -> 'organiser_ids') WITH ORDINALITY AS a (x, n)
     WHERE org_ref(x::bigint) IS NULL ORDER BY n LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422', 'There is no such organisation.',
                          format('/organiser_ids/%s', v_bad));
  END IF;
  IF NOT app_in(p_mid, '{officer}') AND (p_creating OR p ? 'organiser_ids') THEN
    v_orgs := ARRAY(SELECT jsonb_array_elements_text(coalesce(p -> 'organiser_ids', '[]'))::bigint);
    PERFORM app_assert_at(app_org(p_mid) IS NOT NULL AND app_org(p_mid) = ANY (v_orgs),
                          'TH403', 'A partner enters the events its own organisation organises.',
                          '/organiser_ids');
  END IF;
  IF p ? 'municipality_ags' THEN
    SELECT n - 1 INTO v_bad
      FROM jsonb_array_elements_text(p -> 'municipality_ags') WITH ORDINALITY AS a (x, n)
     WHERE NOT EXISTS (SELECT FROM municipality m WHERE m.ags = a.x
                                                   AND m.district_id = app_district_id())
     ORDER BY n LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422', 'There is no such municipality in the district.',
                          format('/municipality_ags/%s', v_bad));
  END IF;
  IF coalesce(p ->> 'measure_id', '') <> '' THEN
    PERFORM app_assert_at(EXISTS (SELECT FROM measure WHERE municipality_id = p_mid
                                     AND id = (p ->> 'measure_id')::bigint),
                          'TH422', 'There is no such measure in this municipality.',
                          '/measure_id');
  END IF;
END
$$;

-- Replaces the organisers and municipalities of an event by those p names
-- (each only when given; the creating municipality always stays). Writes
-- as the owner, for a caller who may change the event (the policies'
-- rule, event_may_write) or who inserted it in this very transaction and
-- gives it its first organisers; else TH403.
CREATE OR REPLACE FUNCTION event_set_links(p_id bigint, p jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_mid bigint;
  v_new boolean;
BEGIN
  SELECT municipality_id, xmin = pg_current_xact_id()::xid INTO v_mid, v_new
    FROM event WHERE id = p_id;
  PERFORM app_assert(v_mid IS NOT NULL, 'TH404', 'There is no such event.');
  PERFORM app_assert((v_new AND NOT EXISTS (SELECT FROM event_organiser WHERE event_id = p_id))
                     OR event_may_write(p_id), 'TH403',
                     'Only the integration office and the organisers change an event.');
  IF p ? 'organiser_ids' THEN
    DELETE FROM event_organiser
     WHERE event_id = p_id
       AND organisation_id::text NOT IN (SELECT jsonb_array_elements_text(p -> 'organiser_ids'));
    INSERT INTO event_organiser (municipality_id, event_id, organisation_id)
    SELECT v_mid, p_id, x::bigint FROM jsonb_array_elements_text(p -> 'organiser_ids') x
    ON CONFLICT DO NOTHING;
  END IF;
  IF p ? 'municipality_ags' OR NOT EXISTS (SELECT FROM event_municipality
                                            WHERE event_id = p_id AND shown_in = v_mid) THEN
    DELETE FROM event_municipality l
     WHERE l.event_id = p_id AND l.shown_in <> v_mid
       AND NOT EXISTS (SELECT FROM municipality m
                        WHERE m.id = l.shown_in
                          AND m.ags IN (SELECT jsonb_array_elements_text(
                                               coalesce(p -> 'municipality_ags', '[]'))));
    INSERT INTO event_municipality (municipality_id, event_id, shown_in)
    SELECT v_mid, p_id, v_mid
    UNION
    SELECT v_mid, p_id, m.id FROM municipality m
     WHERE m.ags IN (SELECT jsonb_array_elements_text(coalesce(p -> 'municipality_ags', '[]')))
    ON CONFLICT DO NOTHING;
  END IF;
END
$$;

-- The times of an event from p over what it was (e, or NULL when new):
-- (all_day, starts_at, ends_at, starts_on, ends_on), checked.
CREATE OR REPLACE FUNCTION event_times(p jsonb, e event,
  OUT all_day boolean, OUT starts_at timestamptz, OUT ends_at timestamptz,
  OUT starts_on date, OUT ends_on date)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  all_day := coalesce((p ->> 'all_day')::boolean, e.all_day, false);
  IF all_day THEN
    starts_on := coalesce((p ->> 'starts_on')::date, e.starts_on,
                          (e.starts_at AT TIME ZONE 'Europe/Berlin')::date);
    PERFORM app_assert_at(starts_on IS NOT NULL, 'TH422',
                          'An all-day event has its first day.', '/starts_on');
    ends_on := CASE WHEN p ? 'ends_on' THEN coalesce((p ->> 'ends_on')::date, starts_on)
                    WHEN p ? 'starts_on' AND e.ends_on IS NOT NULL
                      THEN greatest(e.ends_on, starts_on)
                    ELSE coalesce(e.ends_on, starts_on) END;
    PERFORM app_assert_at(ends_on >= starts_on, 'TH422',
                          'An event ends after it starts.', '/ends_on');
    starts_at := event_berlin_midnight(starts_on);
    ends_at := event_berlin_midnight(ends_on + 1);
  ELSE
    PERFORM app_assert_at(NOT (p ? 'starts_on' OR p ? 'ends_on'), 'TH422',
                          'Only an all-day event has dates; this one has times.',
                          CASE WHEN p ? 'starts_on' THEN '/starts_on' ELSE '/ends_on' END);
    starts_at := CASE WHEN p ? 'starts_at' THEN (p ->> 'starts_at')::timestamptz
                      ELSE e.starts_at END;
    PERFORM app_assert_at(starts_at IS NOT NULL, 'TH422',
                          'An event has its start.', '/starts_at');
    ends_at := CASE WHEN p ? 'ends_at' THEN (p ->> 'ends_at')::timestamptz
                    WHEN e.all_day THEN NULL ELSE e.ends_at END;
    PERFORM app_assert_at(ends_at IS NULL OR ends_at >= starts_at, 'TH422',
                          'An event ends after it starts.',
                          CASE WHEN p ? 'ends_at' THEN '/ends_at' ELSE '/starts_at' END);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION api_event_create(p_ags text, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint := nextval(pg_get_serial_sequence('event', 'id'));
  t record;
BEGIN
  PERFORM event_check_refs(v_mid, p, true);
  SELECT * INTO t FROM event_times(p, NULL::event);
  -- no RETURNING: the new event is not visible to its partner before its
  -- organisers are linked
  INSERT INTO event (municipality_id, id, title, description, starts_at, ends_at, all_day,
                     starts_on, ends_on, place, street, postcode, city, target_groups,
                     measure_id, visibility, status, participant_count, created_by)
  VALUES (v_mid, v_id, btrim(p ->> 'title'), p ->> 'description', t.starts_at, t.ends_at,
          t.all_day, t.starts_on, t.ends_on, nullif(btrim(p ->> 'place'), ''),
          nullif(btrim(p ->> 'street'), ''), p ->> 'postcode', nullif(btrim(p ->> 'city'), ''),
          coalesce(app_texts(p -> 'target_groups'), '{}'), (p ->> 'measure_id')::bigint,
          coalesce(p ->> 'visibility', 'internal'), coalesce(p ->> 'status', 'planned'),
          (p ->> 'participant_count')::int, app_account_id());
  PERFORM event_set_links(v_id, p);
  RETURN QUERY SELECT * FROM event_reply(v_id);
END
$$;

CREATE OR REPLACE FUNCTION api_event_update(p_ags text, p_id bigint, p jsonb,
                                            p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  e event := event_lock(v_mid, p_id, p_if_match);
  t record;
BEGIN
  PERFORM event_check_refs(v_mid, p, false);
  SELECT * INTO t FROM event_times(p, e);
  UPDATE event SET
    title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
    description = CASE WHEN p ? 'description' THEN p ->> 'description' ELSE description END,
    all_day = t.all_day, starts_at = t.starts_at, ends_at = t.ends_at,
    starts_on = t.starts_on, ends_on = t.ends_on,
    place = CASE WHEN p ? 'place' THEN nullif(btrim(p ->> 'place'), '') ELSE place END,
    street = CASE WHEN p ? 'street' THEN nullif(btrim(p ->> 'street'), '') ELSE street END,
    postcode = CASE WHEN p ? 'postcode' THEN p ->> 'postcode' ELSE postcode END,
    city = CASE WHEN p ? 'city' THEN nullif(btrim(p ->> 'city'), '') ELSE city END,
    target_groups = CASE WHEN p ? 'target_groups'
                         THEN coalesce(app_texts(p -> 'target_groups'), '{}')
                         ELSE target_groups END,
    measure_id = CASE WHEN p ? 'measure_id' THEN (p ->> 'measure_id')::bigint
                      ELSE measure_id END,
    visibility = CASE WHEN p ? 'visibility' THEN p ->> 'visibility' ELSE visibility END,
    status = CASE WHEN p ? 'status' THEN p ->> 'status' ELSE status END,
    participant_count = CASE WHEN p ? 'participant_count'
                             THEN (p ->> 'participant_count')::int
                             ELSE participant_count END,
    version = version + 1
  WHERE id = p_id;
  PERFORM event_set_links(p_id, p);
  RETURN QUERY SELECT * FROM event_reply(p_id);
END
$$;

CREATE OR REPLACE FUNCTION api_event_delete(p_ags text, p_id bigint, p_if_match text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  e event := event_lock(app_tenant(p_ags), p_id, p_if_match);
BEGIN
  DELETE FROM event WHERE id = e.id;
END
$$;

REVOKE ALL ON FUNCTION event_set_links(bigint, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_set_links(bigint, jsonb) TO teilhabe_app;
