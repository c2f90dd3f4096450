-- The api_meeting_* functions the handlers call (api/src/handlers/
-- meeting*.c): each a change of one meeting in one transaction, as the
-- caller. Every change of a meeting or its parts honours If-Match with
-- the meeting's version and answers the whole meeting with its new
-- version: (doc, etag, ref), ref being the path of what was made below
-- /meetings/.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION meeting_reply(p_id bigint, p_ref text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE sql STABLE AS $$
  SELECT meeting_doc(m), m.version::text, coalesce(p_ref, m.id::text)
    FROM meeting m WHERE m.id = p_id
$$;

-- The meeting to change, locked, with If-Match checked (404 when the
-- caller cannot see it).
CREATE OR REPLACE FUNCTION meeting_lock(p_mid bigint, p_id bigint, p_if_match text)
RETURNS meeting
LANGUAGE plpgsql AS $$
DECLARE
  m meeting;
BEGIN
  SELECT * INTO m FROM meeting WHERE municipality_id = p_mid AND id = p_id FOR UPDATE;
  PERFORM app_assert(m.id IS NOT NULL, 'TH404', 'There is no such meeting.');
  PERFORM app_if_match(m.version::text, p_if_match);
  RETURN m;
END
$$;

CREATE OR REPLACE FUNCTION meeting_assert_draft(m meeting) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_assert(m.minutes_status = 'draft', 'TH409',
                     'The minutes of this meeting are approved: its agenda, minutes, '
                     'attendees and decisions no longer change. Add a correction instead.');
END
$$;

-- The references of an agenda item: a measure, an indicator, a concept
-- of the same municipality (the composite keys say so too; this names
-- the field).
CREATE OR REPLACE FUNCTION meeting_item_refs(p_mid bigint, p jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_assert_at(coalesce(p ->> 'measure_id', '') = ''
                        OR EXISTS (SELECT FROM measure WHERE municipality_id = p_mid
                                      AND id = (p ->> 'measure_id')::bigint),
                        'TH422', 'There is no such measure in this municipality.',
                        '/measure_id');
  PERFORM app_assert_at(coalesce(p ->> 'indicator_id', '') = ''
                        OR EXISTS (SELECT FROM indicator WHERE municipality_id = p_mid
                                      AND id = (p ->> 'indicator_id')::bigint),
                        'TH422', 'There is no such indicator in this municipality.',
                        '/indicator_id');
  PERFORM app_assert_at(coalesce(p ->> 'concept_id', '') = ''
                        OR EXISTS (SELECT FROM concept WHERE municipality_id = p_mid
                                      AND id = (p ->> 'concept_id')::bigint),
                        'TH422', 'There is no such concept in this municipality.',
                        '/concept_id');
  PERFORM app_assert_at(coalesce(p ->> 'recommendation_id', '') = ''
                        OR EXISTS (SELECT FROM recommendation WHERE municipality_id = p_mid
                                      AND id = (p ->> 'recommendation_id')::bigint),
                        'TH422', 'There is no such recommendation in this municipality.',
                        '/recommendation_id');
END
$$;

CREATE OR REPLACE FUNCTION api_meeting_create(p_ags text, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
BEGIN
  PERFORM app_assert_at(coalesce(p ->> 'ends_at', '') = ''
                        OR (p ->> 'ends_at')::timestamptz >= (p ->> 'starts_at')::timestamptz,
                        'TH422', 'A meeting ends after it starts.', '/ends_at');
  INSERT INTO meeting (municipality_id, kind, title, starts_at, ends_at, place,
                       visibility, created_by)
  VALUES (v_mid, p ->> 'kind', btrim(p ->> 'title'), (p ->> 'starts_at')::timestamptz,
          (p ->> 'ends_at')::timestamptz, nullif(btrim(p ->> 'place'), ''),
          coalesce(p ->> 'visibility', 'internal'), app_account_id())
  RETURNING id INTO v_id;
  RETURN QUERY SELECT * FROM meeting_reply(v_id, NULL);
END
$$;

CREATE OR REPLACE FUNCTION api_meeting_update(p_ags text, p_id bigint, p jsonb,
                                              p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_starts timestamptz;
  v_ends timestamptz;
BEGIN
  v_starts := CASE WHEN p ? 'starts_at' THEN (p ->> 'starts_at')::timestamptz
                   ELSE m.starts_at END;
  v_ends := CASE WHEN p ? 'ends_at' THEN (p ->> 'ends_at')::timestamptz ELSE m.ends_at END;
  PERFORM app_assert_at(v_ends IS NULL OR v_ends >= v_starts, 'TH422',
                        'A meeting ends after it starts.',
                        CASE WHEN p ? 'ends_at' THEN '/ends_at' ELSE '/starts_at' END);
  UPDATE meeting SET
    kind = CASE WHEN p ? 'kind' THEN p ->> 'kind' ELSE kind END,
    title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
    starts_at = v_starts,
    ends_at = v_ends,
    place = CASE WHEN p ? 'place' THEN nullif(btrim(p ->> 'place'), '') ELSE place END,
    status = CASE WHEN p ? 'status' THEN p ->> 'status' ELSE status END,
    visibility = CASE WHEN p ? 'visibility' THEN p ->> 'visibility' ELSE visibility END
  WHERE municipality_id = v_mid AND id = p_id;
  RETURN QUERY SELECT * FROM meeting_reply(p_id, NULL);
END
$$;

-- Replaces the attendees by p, an array of {account_id} or {name}, each
-- perhaps with function and organisation, in their order.
CREATE OR REPLACE FUNCTION api_meeting_attendees_put(p_ags text, p_id bigint, p jsonb,
                                                     p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_bad bigint;
BEGIN
  PERFORM meeting_assert_draft(m);
  SELECT n - 1 INTO v_bad
    FROM jsonb_array_elements(p) WITH ORDINALITY AS a (x, n)
   WHERE x ? 'account_id' AND NOT meeting_account_serves((x ->> 'account_id')::bigint, v_mid)
   ORDER BY n LIMIT 1;
  PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                        'This account has no role in this municipality.',
                        format('/%s/account_id', v_bad));
  SELECT n - 1 INTO v_bad
    FROM (SELECT n, count(*) OVER (PARTITION BY x ->> 'account_id' ORDER BY n) AS k
            FROM jsonb_array_elements(p) WITH ORDINALITY AS a (x, n)
           WHERE x ? 'account_id') s
   WHERE k > 1 ORDER BY n LIMIT 1;
  PERFORM app_assert_at(v_bad IS NULL, 'TH422', 'An account is named twice.',
                        format('/%s/account_id', v_bad));
  DELETE FROM meeting_attendee WHERE municipality_id = v_mid AND meeting_id = p_id;
  INSERT INTO meeting_attendee (municipality_id, meeting_id, position, account_id, name,
                                function, organisation)
  SELECT v_mid, p_id, n, (x ->> 'account_id')::bigint, nullif(btrim(x ->> 'name'), ''),
         nullif(btrim(x ->> 'function'), ''), nullif(btrim(x ->> 'organisation'), '')
    FROM jsonb_array_elements(p) WITH ORDINALITY AS a (x, n);
  RETURN QUERY SELECT * FROM meeting_reply(p_id, NULL);
END
$$;

CREATE OR REPLACE FUNCTION api_meeting_item_create(p_ags text, p_id bigint, p jsonb,
                                                   p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_n int;
  v_pos int;
  v_item bigint;
BEGIN
  PERFORM meeting_assert_draft(m);
  PERFORM meeting_item_refs(v_mid, p);
  SELECT count(*) INTO v_n FROM meeting_item WHERE meeting_id = p_id;
  v_pos := least(coalesce((p ->> 'position')::int, v_n + 1), v_n + 1);
  UPDATE meeting_item SET position = position + 1
   WHERE meeting_id = p_id AND position >= v_pos;
  INSERT INTO meeting_item (municipality_id, meeting_id, position, title, description,
                            minutes, measure_id, indicator_id, concept_id,
                            recommendation_id)
  VALUES (v_mid, p_id, v_pos, btrim(p ->> 'title'), p ->> 'description', p ->> 'minutes',
          (p ->> 'measure_id')::bigint, (p ->> 'indicator_id')::bigint,
          (p ->> 'concept_id')::bigint, (p ->> 'recommendation_id')::bigint)
  RETURNING id INTO v_item;
  RETURN QUERY SELECT * FROM meeting_reply(p_id, p_id || '/items/' || v_item);
END
$$;

CREATE OR REPLACE FUNCTION api_meeting_item_update(p_ags text, p_id bigint, p_item bigint,
                                                   p jsonb, p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_old int;
  v_new int;
BEGIN
  SELECT position INTO v_old FROM meeting_item
   WHERE municipality_id = v_mid AND meeting_id = p_id AND id = p_item;
  PERFORM app_assert(v_old IS NOT NULL, 'TH404', 'There is no such agenda item.');
  PERFORM meeting_assert_draft(m);
  PERFORM meeting_item_refs(v_mid, p);
  UPDATE meeting_item SET
    title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
    description = CASE WHEN p ? 'description' THEN p ->> 'description' ELSE description END,
    minutes = CASE WHEN p ? 'minutes' THEN p ->> 'minutes' ELSE minutes END,
    measure_id = CASE WHEN p ? 'measure_id' THEN (p ->> 'measure_id')::bigint
                      ELSE measure_id END,
    indicator_id = CASE WHEN p ? 'indicator_id' THEN (p ->> 'indicator_id')::bigint
                        ELSE indicator_id END,
    concept_id = CASE WHEN p ? 'concept_id' THEN (p ->> 'concept_id')::bigint
                      ELSE concept_id END,
    recommendation_id = CASE WHEN p ? 'recommendation_id'
                             THEN (p ->> 'recommendation_id')::bigint
                             ELSE recommendation_id END
  WHERE id = p_item;
  IF p ? 'position' THEN
    v_new := least((p ->> 'position')::int,
                   (SELECT count(*) FROM meeting_item WHERE meeting_id = p_id)::int);
    IF v_new <> v_old THEN
      UPDATE meeting_item
         SET position = CASE WHEN id = p_item THEN v_new
                             WHEN v_old < v_new THEN position - 1
                             ELSE position + 1 END
       WHERE meeting_id = p_id
         AND (id = p_item OR position BETWEEN least(v_old, v_new) AND greatest(v_old, v_new));
    END IF;
  END IF;
  RETURN QUERY SELECT * FROM meeting_reply(p_id, p_id || '/items/' || p_item);
END
$$;

CREATE OR REPLACE FUNCTION api_meeting_item_delete(p_ags text, p_id bigint, p_item bigint,
                                                   p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_old int;
BEGIN
  SELECT position INTO v_old FROM meeting_item
   WHERE municipality_id = v_mid AND meeting_id = p_id AND id = p_item;
  PERFORM app_assert(v_old IS NOT NULL, 'TH404', 'There is no such agenda item.');
  PERFORM meeting_assert_draft(m);
  DELETE FROM meeting_item WHERE id = p_item;
  UPDATE meeting_item SET position = position - 1
   WHERE meeting_id = p_id AND position > v_old;
  RETURN QUERY SELECT * FROM meeting_reply(p_id, NULL);
END
$$;

-- A decision (Beschluss). One about a measure may set its status and its
-- rank: through api_measure_update and api_measure_move, the measure
-- page's own functions, so the same rules hold (transitions, who decides,
-- a reason to suspend or drop: the decision's text). A refused change
-- refuses the decision; nothing is written. While it runs, app.meeting_id
-- names the meeting, so the audit events it causes (the measure's
-- history) carry it.
CREATE OR REPLACE FUNCTION api_meeting_decide(p_ags text, p_id bigint, p jsonb,
                                              p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_measure bigint := nullif(p ->> 'measure_id', '')::bigint;
  v_status text := p ->> 'measure_status';
  v_rank int := (p ->> 'measure_rank')::int;
  v_current text;
  v_id bigint;
  v_state text;
  v_message text;
  v_pointer text;
BEGIN
  PERFORM meeting_assert_draft(m);
  PERFORM app_assert_at(coalesce(p ->> 'item_id', '') = ''
                        OR EXISTS (SELECT FROM meeting_item WHERE municipality_id = v_mid
                                      AND meeting_id = p_id
                                      AND id = (p ->> 'item_id')::bigint),
                        'TH422', 'There is no such agenda item in this meeting.',
                        '/item_id');
  PERFORM app_assert_at(v_measure IS NOT NULL OR (v_status IS NULL AND v_rank IS NULL),
                        'TH422', 'A status or rank is decided for a measure: name it.',
                        '/measure_id');
  IF v_measure IS NOT NULL THEN
    SELECT status INTO v_current FROM measure
     WHERE municipality_id = v_mid AND id = v_measure;
    PERFORM app_assert_at(v_current IS NOT NULL, 'TH422',
                          'There is no such measure in this municipality.', '/measure_id');
  END IF;
  PERFORM set_config('app.meeting_id', p_id::text, true);
  BEGIN
    IF v_status IS NOT NULL AND v_status <> v_current THEN
      PERFORM api_measure_update(p_ags, v_measure,
                jsonb_build_object('status', v_status)
                || CASE WHEN v_status IN ('suspended', 'dropped')
                        THEN jsonb_build_object('status_reason', btrim(p ->> 'text'))
                        ELSE '{}' END, NULL);
    END IF;
    IF v_rank IS NOT NULL THEN
      PERFORM api_measure_move(p_ags, v_measure, v_rank, NULL);
    END IF;
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
                            v_pointer = PG_EXCEPTION_DETAIL;
    IF left(v_state, 2) <> 'TH' THEN
      RAISE;
    END IF;
    -- the measure's rules name the measure's fields; here they are the
    -- decision's
    v_pointer := CASE v_pointer WHEN '/status' THEN '/measure_status'
                                WHEN '/status_reason' THEN '/text'
                                WHEN '/rank' THEN '/measure_rank'
                                ELSE coalesce(nullif(v_pointer, ''), '/measure_id') END;
    RAISE EXCEPTION '%', v_message USING ERRCODE = v_state, DETAIL = v_pointer;
  END;
  INSERT INTO meeting_decision (municipality_id, meeting_id, item_id, text, measure_id,
                                measure_status, measure_rank, decided_by)
  VALUES (v_mid, p_id, nullif(p ->> 'item_id', '')::bigint, btrim(p ->> 'text'), v_measure,
          v_status, v_rank, app_account_id())
  RETURNING id INTO v_id;
  PERFORM set_config('app.meeting_id', '', true);
  RETURN QUERY SELECT * FROM meeting_reply(p_id, p_id || '/decisions/' || v_id);
END
$$;

-- The steering group approves the minutes of a held meeting; from then
-- on they are final (the guards).
CREATE OR REPLACE FUNCTION api_meeting_approve(p_ags text, p_id bigint, p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
BEGIN
  PERFORM app_assert(m.minutes_status = 'draft', 'TH409',
                     'The minutes of this meeting are already approved.');
  PERFORM app_assert_at(m.status = 'held', 'TH409',
                        format('Only the minutes of a held meeting are approved; '
                               'this one is %s.', m.status), '/status');
  UPDATE meeting SET minutes_status = 'approved', minutes_approved_at = now(),
                     minutes_approved_by = app_account_id()
   WHERE id = p_id;
  RETURN QUERY SELECT * FROM meeting_reply(p_id, NULL);
END
$$;

CREATE OR REPLACE FUNCTION api_meeting_correct(p_ags text, p_id bigint, p jsonb,
                                               p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  m meeting := meeting_lock(v_mid, p_id, p_if_match);
  v_id bigint;
BEGIN
  PERFORM app_assert(m.minutes_status = 'approved', 'TH409',
                     'Corrections are added to approved minutes; until the minutes '
                     'are approved, change them instead.');
  PERFORM app_assert_at(coalesce(p ->> 'item_id', '') = ''
                        OR EXISTS (SELECT FROM meeting_item WHERE municipality_id = v_mid
                                      AND meeting_id = p_id
                                      AND id = (p ->> 'item_id')::bigint),
                        'TH422', 'There is no such agenda item in this meeting.',
                        '/item_id');
  INSERT INTO meeting_correction (municipality_id, meeting_id, item_id, text, created_by)
  VALUES (v_mid, p_id, nullif(p ->> 'item_id', '')::bigint, btrim(p ->> 'text'),
          app_account_id())
  RETURNING id INTO v_id;
  RETURN QUERY SELECT * FROM meeting_reply(p_id, p_id || '/corrections/' || v_id);
END
$$;
