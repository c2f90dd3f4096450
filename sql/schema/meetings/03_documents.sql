-- The documents of meetings: the list's items, the whole meeting, the
-- public one, and a measure's decisions. All read as the caller, so
-- row-level security decides what a document holds (a partner sees no
-- link to an internal measure; the public no draft minutes).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- An account as an attendee or approver is named: {id, name}. Accounts
-- are not readable by everyone, their names in meetings are.
CREATE OR REPLACE FUNCTION meeting_account_ref(p_id bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object('id', a.id::text, 'name', a.display_name)
    FROM account a WHERE a.id = p_id
$$;

-- Whether an account may attend as a member: it holds a role in the
-- municipality or is an admin of its district.
CREATE OR REPLACE FUNCTION meeting_account_serves(p_account bigint, p_mid bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM membership WHERE account_id = p_account
                                          AND municipality_id = p_mid)
      OR EXISTS (SELECT FROM account a JOIN municipality mu ON mu.district_id = a.district_id
                  WHERE a.id = p_account AND mu.id = p_mid AND a.district_admin
                    AND a.status = 'active')
$$;

CREATE OR REPLACE FUNCTION meeting_list_doc(m meeting) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', m.id::text, 'kind', m.kind, 'title', m.title,
           'starts_at', m.starts_at, 'ends_at', m.ends_at, 'place', m.place,
           'status', m.status, 'visibility', m.visibility,
           'minutes_status', m.minutes_status,
           'item_count', (SELECT count(*) FROM meeting_item i WHERE i.meeting_id = m.id),
           'decision_count', (SELECT count(*) FROM meeting_decision d
                               WHERE d.meeting_id = m.id))
$$;

-- A measure named in an agenda item or a decision, when the caller may
-- see it.
CREATE OR REPLACE FUNCTION meeting_measure_ref(p_mid bigint, p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', x.id::text, 'code', x.code, 'title', x.title,
                           'status', x.status)
    FROM measure x WHERE x.municipality_id = p_mid AND x.id = p_id
$$;

CREATE OR REPLACE FUNCTION meeting_items_doc(m meeting, p_public boolean) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object(
           'id', i.id::text, 'position', i.position, 'title', i.title,
           'description', i.description,
           'minutes', CASE WHEN NOT p_public OR m.minutes_status = 'approved'
                           THEN i.minutes END,
           'measure', meeting_measure_ref(i.municipality_id, i.measure_id),
           'indicator', (SELECT json_build_object('id', x.id::text, 'name', x.name)
                           FROM indicator x WHERE x.municipality_id = i.municipality_id
                                              AND x.id = i.indicator_id),
           'concept', (SELECT json_build_object('id', x.id::text, 'title', x.title)
                         FROM concept x WHERE x.municipality_id = i.municipality_id
                                          AND x.id = i.concept_id),
           -- both null when the caller may not see the recommendation
           'recommendation_id', (SELECT x.id::text FROM recommendation x
                                  WHERE x.municipality_id = i.municipality_id
                                    AND x.id = i.recommendation_id),
           'recommendation', (SELECT json_build_object('id', x.id::text, 'title', x.title)
                                FROM recommendation x
                               WHERE x.municipality_id = i.municipality_id
                                 AND x.id = i.recommendation_id))
           ORDER BY i.position), '[]')
    FROM meeting_item i WHERE i.meeting_id = m.id
$$;

CREATE OR REPLACE FUNCTION meeting_decisions_doc(m meeting) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object(
           'id', d.id::text, 'item_id', d.item_id::text, 'text', d.text,
           'measure', (SELECT json_build_object('id', x.id::text, 'code', x.code,
                                                'title', x.title)
                         FROM measure x WHERE x.municipality_id = d.municipality_id
                                          AND x.id = d.measure_id),
           'measure_status', d.measure_status, 'measure_rank', d.measure_rank,
           'decided_at', d.decided_at)
           ORDER BY d.id), '[]')
    FROM meeting_decision d WHERE d.meeting_id = m.id
$$;

CREATE OR REPLACE FUNCTION meeting_corrections_doc(m meeting) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object(
           'id', c.id::text, 'item_id', c.item_id::text, 'text', c.text,
           'created_at', c.created_at,
           'created_by', meeting_account_ref(c.created_by) ->> 'name')
           ORDER BY c.id), '[]')
    FROM meeting_correction c WHERE c.meeting_id = m.id
$$;

-- The whole meeting (GET …/meetings/{id}); its ETag is the version.
CREATE OR REPLACE FUNCTION meeting_doc(m meeting) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', m.id::text, 'kind', m.kind, 'title', m.title,
           'starts_at', m.starts_at, 'ends_at', m.ends_at, 'place', m.place,
           'status', m.status, 'visibility', m.visibility, 'version', m.version,
           'minutes_status', m.minutes_status,
           'minutes_approved_at', m.minutes_approved_at,
           'minutes_approved_by', meeting_account_ref(m.minutes_approved_by) ->> 'name',
           'attendees', (SELECT coalesce(json_agg(json_build_object(
                            'id', a.id::text,
                            'account', meeting_account_ref(a.account_id),
                            'name', a.name, 'function', a.function,
                            'organisation', a.organisation)
                            ORDER BY a.position), '[]')
                           FROM meeting_attendee a WHERE a.meeting_id = m.id),
           'items', meeting_items_doc(m, false),
           'decisions', meeting_decisions_doc(m),
           'corrections', meeting_corrections_doc(m),
           'created_at', m.created_at, 'updated_at', m.updated_at)
$$;

-- What the public sees of a public meeting: no attendees, and the
-- minutes, decisions and corrections once the minutes are approved.
CREATE OR REPLACE FUNCTION meeting_public_doc(m meeting) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', m.id::text, 'kind', m.kind, 'title', m.title,
           'starts_at', m.starts_at, 'ends_at', m.ends_at, 'place', m.place,
           'status', m.status, 'minutes_status', m.minutes_status,
           'minutes_approved_at', m.minutes_approved_at,
           'items', meeting_items_doc(m, true),
           'decisions', CASE WHEN m.minutes_status = 'approved'
                             THEN meeting_decisions_doc(m) ELSE '[]' END,
           'corrections', CASE WHEN m.minutes_status = 'approved'
                               THEN meeting_corrections_doc(m) ELSE '[]' END)
$$;

CREATE OR REPLACE FUNCTION meeting_public_list_doc(m meeting) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', m.id::text, 'kind', m.kind, 'title', m.title,
           'starts_at', m.starts_at, 'ends_at', m.ends_at, 'place', m.place,
           'status', m.status, 'minutes_status', m.minutes_status)
$$;

-- A measure's decisions, for its document: [{meeting, text, decided_at}]
-- of the meetings the caller may see, oldest first.
CREATE OR REPLACE FUNCTION measure_decisions(p_mid bigint, p_measure bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object(
           'meeting', json_build_object('id', m.id::text, 'title', m.title,
                                        'starts_at', m.starts_at),
           'text', d.text, 'decided_at', d.decided_at)
           ORDER BY d.decided_at, d.id), '[]')
    FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id
   WHERE d.municipality_id = p_mid AND d.measure_id = p_measure
$$;

-- A measure's recommendations (Handlungsempfehlungen, migration 010),
-- for its document: [{id, title, response_kind}] of those the caller may
-- see.
CREATE OR REPLACE FUNCTION measure_recommendations(p_mid bigint, p_measure bigint)
RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object(
           'id', r.id::text, 'title', r.title, 'response_kind', r.response_kind)
           ORDER BY r.id), '[]')
    FROM recommendation_measure l
    JOIN recommendation r ON r.id = l.recommendation_id
   WHERE l.municipality_id = p_mid AND l.measure_id = p_measure
$$;

-- The measure's stored document with its decisions and recommendations
-- appended (GET …/measures/{id}); the ETag stays the stored document's,
-- the one If-Match of the measure's changes compares.
CREATE OR REPLACE FUNCTION measure_doc_with_decisions(p_doc json, p_mid bigint,
                                                      p_measure bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p_doc IS NULL THEN NULL ELSE
    (left(p_doc::text, -1) || ',"decisions":'
     || measure_decisions(p_mid, p_measure)::text
     || ',"recommendations":'
     || measure_recommendations(p_mid, p_measure)::text || '}')::json END
$$;

REVOKE ALL ON FUNCTION meeting_account_ref(bigint), meeting_account_serves(bigint, bigint)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION meeting_account_ref(bigint), meeting_account_serves(bigint, bigint)
  TO teilhabe_app;
