-- The public event feeds (iCalendar, api/src/handlers/event_feed.c): their
-- ETag, cheap enough for a conditional request, and their rows.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP POLICY IF EXISTS event_feed_state_owner ON event_feed_state;
CREATE POLICY event_feed_state_owner ON event_feed_state TO teilhabe_owner
  USING (true) WITH CHECK (true);

-- Raises the feeds' version after any statement that changed events or
-- their links (as the owner: the service cannot write the row).
CREATE OR REPLACE FUNCTION event_feed_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE event_feed_state SET version = version + 1, changed_at = now();
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS event_feed_changed ON event;
CREATE TRIGGER event_feed_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event
  FOR EACH STATEMENT EXECUTE FUNCTION event_feed_changed();
DROP TRIGGER IF EXISTS event_feed_changed ON event_organiser;
CREATE TRIGGER event_feed_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON event_organiser FOR EACH STATEMENT EXECUTE FUNCTION event_feed_changed();
DROP TRIGGER IF EXISTS event_feed_changed ON event_municipality;
CREATE TRIGGER event_feed_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON event_municipality FOR EACH STATEMENT EXECUTE FUNCTION event_feed_changed();

-- The ETag and calendar name of a feed: p_kind 'district', 'municipality'
-- (p_key an AGS) or 'organisation' (p_key an id); p_filters the feed's
-- query, normalised by the handler. No row when the municipality or the
-- organisation does not exist. Reads one row per table by key, as the
-- owner: names are public, the version says only that something changed.
CREATE OR REPLACE FUNCTION event_feed_tag(p_kind text, p_key text, p_filters text)
RETURNS TABLE (etag text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT md5(concat_ws('|', 'ical-1', s.version, p_kind, p_key, p_filters, n.name)), n.name
    FROM event_feed_state s,
         (SELECT d.name FROM district d
           WHERE p_kind = 'district' AND d.id = (SELECT min(id) FROM district)
          UNION ALL
          SELECT m.name FROM municipality m WHERE p_kind = 'municipality' AND m.ags = p_key
          UNION ALL
          SELECT o.name FROM organisation o
           WHERE p_kind = 'organisation' AND p_key ~ '^[0-9]{1,18}$'
             AND o.id = p_key::bigint) n
$$;

-- The events of a feed, as the caller (public ones only): those shown in
-- the municipality p_ags, organised by p_org (NULL: any), from, to (date or date-time; a date includes that day in
-- Berlin), a target group. Columns in the order of the handler's reader.
CREATE OR REPLACE FUNCTION event_feed(p_ags text, p_org bigint, p_from text,
                                      p_to text, p_target_group text)
RETURNS TABLE (id text, title text, description text, starts text, ends text,
               all_day boolean, modified text, sequence int, cancelled boolean,
               location text)
LANGUAGE sql STABLE AS $$
  SELECT e.id::text, e.title, e.description,
         CASE WHEN e.all_day THEN to_char(e.starts_on, 'YYYYMMDD')
              ELSE to_char(e.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYYMMDD"T"HH24MISS') END,
         CASE WHEN e.all_day THEN to_char(e.ends_on + 1, 'YYYYMMDD')
              ELSE to_char(e.ends_at AT TIME ZONE 'Europe/Berlin', 'YYYYMMDD"T"HH24MISS') END,
         e.all_day,
         to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"'),
         e.sequence, e.status = 'cancelled',
         nullif(concat_ws(', ', e.place, e.street,
                          nullif(concat_ws(' ', e.postcode, e.city), '')), '')
    FROM event e
   WHERE e.visibility = 'public'
     AND (p_ags IS NULL OR e.id IN (SELECT l.event_id FROM event_municipality l
                                     WHERE l.shown_in = (SELECT m.id FROM municipality m
                                                          WHERE m.ags = p_ags)))
     AND (p_org IS NULL OR e.id IN (SELECT l.event_id FROM event_organiser l
                                     WHERE l.organisation_id = p_org))
     AND (p_from IS NULL OR coalesce(e.ends_at, e.starts_at) >= event_instant(p_from, false))
     AND (p_to IS NULL OR e.starts_at < event_instant(p_to, true))
     AND (p_target_group IS NULL OR p_target_group = ANY (e.target_groups))
   ORDER BY e.starts_at, e.id
$$;

REVOKE ALL ON FUNCTION event_feed_changed(), event_feed_tag(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_feed_tag(text, text, text) TO teilhabe_app;
