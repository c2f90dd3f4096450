-- The documents of events: the one staff and partners read, the public
-- one, and the rows of the iCalendar feeds. Read as the caller, so the
-- policies decide which events, measures and organisations appear.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- An instant as RFC 3339 in Europe/Berlin, with its offset
-- (2026-03-28T10:00:00+01:00).
CREATE OR REPLACE FUNCTION event_berlin(p timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p IS NOT NULL THEN
    to_char(p AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI:SS')
    || CASE WHEN (p AT TIME ZONE 'Europe/Berlin') - (p AT TIME ZONE 'UTC')
                 = interval '2 hours' THEN '+02:00' ELSE '+01:00' END END
$$;

-- Midnight in Berlin of a day, the start of an all-day event.
CREATE OR REPLACE FUNCTION event_berlin_midnight(p date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT p::timestamp AT TIME ZONE 'Europe/Berlin'
$$;

-- A filter's bound as an instant: a date-time as it is; a date is its
-- midnight in Berlin, or (p_end) the midnight after it, so `to` includes
-- that day.
CREATE OR REPLACE FUNCTION event_instant(p text, p_end boolean) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN length(p) = 10
              THEN event_berlin_midnight(p::date + CASE WHEN p_end THEN 1 ELSE 0 END)
              ELSE p::timestamptz + CASE WHEN p_end THEN interval '1 microsecond'
                                         ELSE interval '0' END END
$$;

-- The organisers of an event the caller sees, {id, name} by name (org_ref
-- reads names as the owner: the public sees who holds a public event).
CREATE OR REPLACE FUNCTION event_organisers_doc(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(o.ref ORDER BY o.ref ->> 'name', l.organisation_id), '[]')
    FROM event_organiser l, LATERAL (SELECT org_ref(l.organisation_id) AS ref) o
   WHERE l.event_id = p_id
$$;

CREATE OR REPLACE FUNCTION event_municipalities_doc(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object('ags', m.ags, 'name', m.name)
                           ORDER BY m.name, m.ags), '[]')
    FROM event_municipality l JOIN municipality m ON m.id = l.shown_in
   WHERE l.event_id = p_id
$$;

-- The event (GET …/events/{id} and the lists' items); its ETag is the
-- version. p_public: what the public sees (the measure only when public).
CREATE OR REPLACE FUNCTION event_doc(e event, p_public boolean DEFAULT false) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', e.id::text, 'title', e.title, 'description', e.description,
           'starts_at', event_berlin(e.starts_at), 'ends_at', event_berlin(e.ends_at),
           'all_day', e.all_day, 'starts_on', e.starts_on, 'ends_on', e.ends_on,
           'place', e.place, 'street', e.street, 'postcode', e.postcode, 'city', e.city,
           'organisers', event_organisers_doc(e.id),
           'municipalities', event_municipalities_doc(e.id),
           'target_groups', to_json(e.target_groups),
           'measure', (SELECT json_build_object('id', x.id::text, 'code', x.code,
                                                'title', x.title)
                         FROM measure x
                        WHERE x.municipality_id = e.municipality_id AND x.id = e.measure_id
                          AND (NOT p_public OR x.visibility = 'public')),
           'visibility', e.visibility, 'status', e.status,
           'participant_count', e.participant_count, 'sequence', e.sequence,
           'updated_at', e.updated_at)
$$;
