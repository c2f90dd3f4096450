-- Integration concepts and their guiding goals.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

DROP TRIGGER IF EXISTS concept_updated_at ON concept;
CREATE TRIGGER concept_updated_at BEFORE UPDATE ON concept
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Transitions: draft <-> consultation; consultation -> adopted (the
-- steering group, with the council resolution); draft, consultation,
-- adopted -> archived. Only officers change the text; the steering group
-- adopts.
CREATE OR REPLACE FUNCTION concept_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT app_is_service() THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM app_assert_at(NEW.status = 'draft', 'TH422',
                          'A new concept starts as a draft.', '/status');
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM app_assert_at(
      (OLD.status, NEW.status) IN (('draft', 'consultation'),
                                   ('consultation', 'draft'),
                                   ('consultation', 'adopted'),
                                   ('draft', 'archived'),
                                   ('consultation', 'archived'),
                                   ('adopted', 'archived')),
      'TH409', format('A concept cannot go from %s to %s.', OLD.status, NEW.status),
      '/status');
    IF NEW.status = 'adopted' THEN
      PERFORM app_assert(app_in(NEW.municipality_id, '{steering}'), 'TH403',
                         'Only the steering group adopts the concept.');
    END IF;
  END IF;
  PERFORM app_assert(
    (NEW.resolution_date, NEW.resolution_reference, NEW.adopted_at, NEW.adopted_by)
      IS NOT DISTINCT FROM
    (OLD.resolution_date, OLD.resolution_reference, OLD.adopted_at, OLD.adopted_by)
    OR (NEW.status = 'adopted' AND OLD.status <> 'adopted'),
    'TH409', 'The council resolution is recorded when the concept is adopted '
             'and not changed afterwards.');
  IF (NEW.title, NEW.summary) IS DISTINCT FROM (OLD.title, OLD.summary) THEN
    PERFORM app_assert(app_in(NEW.municipality_id, '{officer}'), 'TH403',
                       'Only the integration office edits the concept.');
    PERFORM app_assert(OLD.status NOT IN ('adopted', 'archived'), 'TH409',
                       'An adopted or archived concept is not edited; '
                       'start a new version.');
  END IF;
  IF NEW.status IN ('draft', 'consultation', 'archived')
     AND NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM app_assert(app_in(NEW.municipality_id, '{officer}')
                       OR (OLD.status = 'adopted'
                           AND app_in(NEW.municipality_id, '{steering}')),
                       'TH403', 'Your role does not allow this change of status.');
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS concept_guard ON concept;
CREATE TRIGGER concept_guard BEFORE INSERT OR UPDATE ON concept
  FOR EACH ROW EXECUTE FUNCTION concept_guard();

DROP TRIGGER IF EXISTS guiding_goal_updated_at ON guiding_goal;
CREATE TRIGGER guiding_goal_updated_at BEFORE UPDATE ON guiding_goal
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Deleting a goal removes it from the measures that named it.
CREATE OR REPLACE FUNCTION guiding_goal_unlink() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE measure SET goal_ids = array_remove(goal_ids, OLD.id)
   WHERE municipality_id = OLD.municipality_id AND concept_id = OLD.concept_id
     AND goal_ids @> ARRAY[OLD.id];
  UPDATE indicator SET goal_ids = array_remove(goal_ids, OLD.id)
   WHERE municipality_id = OLD.municipality_id AND goal_ids @> ARRAY[OLD.id];
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS guiding_goal_unlink ON guiding_goal;
CREATE TRIGGER guiding_goal_unlink AFTER DELETE ON guiding_goal
  FOR EACH ROW EXECUTE FUNCTION guiding_goal_unlink();

DROP POLICY IF EXISTS concept_owner ON concept;
CREATE POLICY concept_owner ON concept TO teilhabe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS guiding_goal_owner ON guiding_goal;
CREATE POLICY guiding_goal_owner ON guiding_goal TO teilhabe_owner USING (true) WITH CHECK (true);

-- Concepts: officers and the steering group read all of theirs; partners
-- those past the draft; everyone the adopted one. Officers write; the
-- steering group updates too (adoption; the guard limits it to that).
DROP POLICY IF EXISTS concept_app_staff ON concept;
CREATE POLICY concept_app_staff ON concept FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

DROP POLICY IF EXISTS concept_app_partner ON concept;
CREATE POLICY concept_app_partner ON concept FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND status <> 'draft' AND (SELECT app_scope('catalogue:read')));

DROP POLICY IF EXISTS concept_app_public ON concept;
CREATE POLICY concept_app_public ON concept FOR SELECT TO teilhabe_app
  USING (status = 'adopted');

DROP POLICY IF EXISTS concept_app_insert ON concept;
CREATE POLICY concept_app_insert ON concept FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS concept_app_update ON concept;
CREATE POLICY concept_app_update ON concept FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

-- Guiding goals: whoever reads the concept reads its goals.
DROP POLICY IF EXISTS guiding_goal_app_read ON guiding_goal;
CREATE POLICY guiding_goal_app_read ON guiding_goal FOR SELECT TO teilhabe_app
  USING (EXISTS (SELECT FROM concept c WHERE c.id = concept_id));

DROP POLICY IF EXISTS guiding_goal_app_insert ON guiding_goal;
CREATE POLICY guiding_goal_app_insert ON guiding_goal FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);

DROP POLICY IF EXISTS guiding_goal_app_update ON guiding_goal;
CREATE POLICY guiding_goal_app_update ON guiding_goal FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

DROP POLICY IF EXISTS guiding_goal_app_delete ON guiding_goal;
CREATE POLICY guiding_goal_app_delete ON guiding_goal FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

DROP TRIGGER IF EXISTS audit ON concept;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON concept
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

DROP TRIGGER IF EXISTS audit ON guiding_goal;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON guiding_goal
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~position');

CREATE OR REPLACE VIEW concept_doc WITH (security_invoker = true) AS
SELECT c.municipality_id, c.id, c.status, c.version,
       json_build_object(
         'id', c.id::text,
         'municipality', mu.ags,
         'version', c.version,
         'title', c.title,
         'summary', c.summary,
         'status', c.status,
         'resolution_date', c.resolution_date,
         'resolution_reference', c.resolution_reference,
         'adopted_at', c.adopted_at,
         'goal_count', (SELECT count(*) FROM guiding_goal g WHERE g.concept_id = c.id),
         'measure_count', (SELECT count(*) FROM measure m WHERE m.concept_id = c.id),
         'created_at', c.created_at,
         'updated_at', c.updated_at) AS doc
  FROM concept c
  JOIN municipality mu ON mu.id = c.municipality_id;

CREATE OR REPLACE VIEW goal_doc WITH (security_invoker = true) AS
SELECT g.municipality_id, g.id, g.concept_id, g.position,
       json_build_object(
         'id', g.id::text,
         'concept_id', g.concept_id::text,
         'position', g.position,
         'title', g.title,
         'description', g.description,
         'created_at', g.created_at,
         'updated_at', g.updated_at) AS doc
  FROM guiding_goal g;

-- The adopted concept as the public sees it, with its goals.
CREATE OR REPLACE VIEW concept_public_doc WITH (security_invoker = true) AS
SELECT c.municipality_id, c.id,
       json_build_object(
         'id', c.id::text,
         'version', c.version,
         'title', c.title,
         'summary', c.summary,
         'resolution_date', c.resolution_date,
         'resolution_reference', c.resolution_reference,
         'adopted_at', c.adopted_at,
         'goals', coalesce((
           SELECT json_agg(json_build_object('id', g.id::text,
                                             'position', g.position,
                                             'title', g.title,
                                             'description', g.description)
                           ORDER BY g.position)
             FROM guiding_goal g WHERE g.concept_id = c.id), '[]'::json)) AS doc
  FROM concept c
 WHERE c.status = 'adopted';

CREATE OR REPLACE FUNCTION api_concept_create(p_ags text, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_src bigint;
  v_id bigint;
  v_doc json;
BEGIN
  IF p ? 'copy_from' AND jsonb_typeof(p -> 'copy_from') = 'string' THEN
    SELECT id INTO v_src FROM concept
     WHERE municipality_id = v_mid AND id = (p ->> 'copy_from')::bigint;
    PERFORM app_assert_at(v_src IS NOT NULL, 'TH422',
                          'There is no such concept to copy.', '/copy_from');
  END IF;
  -- versions are numbered one after another per municipality
  PERFORM pg_advisory_xact_lock(41, v_mid::int);
  INSERT INTO concept (municipality_id, version, title, summary, created_by)
  SELECT v_mid, coalesce(max(version), 0) + 1, btrim(p ->> 'title'),
         p ->> 'summary', app_account_id()
    FROM concept WHERE municipality_id = v_mid
  RETURNING id INTO v_id;
  IF v_src IS NOT NULL THEN
    INSERT INTO guiding_goal (municipality_id, concept_id, position, title, description)
    SELECT v_mid, v_id, position, title, description
      FROM guiding_goal WHERE concept_id = v_src ORDER BY position;
    -- measures keep code, rank and links; the new version starts proposed
    INSERT INTO measure (municipality_id, concept_id, code, title, description,
                         action_field_id, goal_ids, horizon, rank, weight,
                         planned_start, planned_end, lead_organisation_id,
                         partner_organisation_ids, target_groups, budget,
                         visibility, created_by)
    SELECT v_mid, v_id, m.code, m.title, m.description, m.action_field_id,
           ARRAY(SELECT ng.id FROM unnest(m.goal_ids) WITH ORDINALITY u (g, n)
                   JOIN guiding_goal og ON og.id = u.g
                   JOIN guiding_goal ng ON ng.concept_id = v_id
                                       AND ng.position = og.position
                  ORDER BY u.n),
           m.horizon, m.rank, m.weight, m.planned_start, m.planned_end,
           m.lead_organisation_id, m.partner_organisation_ids, m.target_groups,
           m.budget, m.visibility, app_account_id()
      FROM measure m WHERE m.concept_id = v_src ORDER BY m.rank;
    UPDATE measure n SET parent_id = np.id
      FROM measure o
      JOIN measure op ON op.id = o.parent_id
      JOIN measure np ON np.concept_id = v_id AND np.code = op.code
     WHERE o.concept_id = v_src AND n.concept_id = v_id AND n.code = o.code;
  END IF;
  SELECT doc INTO v_doc FROM concept_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE OR REPLACE FUNCTION api_concept_update(p_ags text, p_id bigint, p jsonb,
                                   p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_doc json;
BEGIN
  PERFORM 1 FROM concept WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM concept_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such concept.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  PERFORM app_assert_at(NOT (p ? 'status') OR p ->> 'status' <> 'adopted', 'TH409',
                        'A concept is adopted through its adoption, with the '
                        'council resolution.', '/status');
  UPDATE concept
     SET title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
         summary = CASE WHEN p ? 'summary' THEN p ->> 'summary' ELSE summary END,
         status = CASE WHEN p ? 'status' THEN p ->> 'status' ELSE status END
   WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM concept_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

-- Adoption by the steering group: the council resolution is recorded, the
-- concept adopted before is archived.
CREATE OR REPLACE FUNCTION api_concept_adopt(p_ags text, p_id bigint, p jsonb,
                                  p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_status text;
  v_doc json;
BEGIN
  PERFORM pg_advisory_xact_lock(41, v_mid::int);
  SELECT status INTO v_status FROM concept
   WHERE municipality_id = v_mid AND id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM concept_doc WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_doc IS NOT NULL, 'TH404', 'There is no such concept.');
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  PERFORM app_assert(app_in(v_mid, '{steering}'), 'TH403',
                     'Only the steering group adopts the concept.');
  PERFORM app_assert_at(v_status = 'consultation', 'TH409',
                        format('Only a concept in consultation is adopted; this one is %s.',
                               v_status), '/status');
  UPDATE concept SET status = 'archived'
   WHERE municipality_id = v_mid AND status = 'adopted';
  UPDATE concept
     SET status = 'adopted', resolution_date = (p ->> 'resolution_date')::date,
         resolution_reference = btrim(p ->> 'resolution_reference'),
         adopted_at = now(), adopted_by = app_account_id()
   WHERE municipality_id = v_mid AND id = p_id;
  SELECT doc INTO v_doc FROM concept_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

CREATE OR REPLACE FUNCTION app_concept_open(p_mid bigint, p_concept bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
BEGIN
  SELECT status INTO v_status FROM concept WHERE municipality_id = p_mid AND id = p_concept;
  PERFORM app_assert(v_status IS NOT NULL, 'TH404', 'There is no such concept.');
  PERFORM app_assert(v_status <> 'archived', 'TH409',
                     'An archived concept is not changed.');
END
$$;

CREATE OR REPLACE FUNCTION api_goal_create(p_ags text, p_concept bigint, p jsonb) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_n int;
  v_pos int;
  v_id bigint;
  v_doc json;
BEGIN
  PERFORM app_concept_open(v_mid, p_concept);
  PERFORM pg_advisory_xact_lock(42, p_concept::int);
  SELECT count(*) INTO v_n FROM guiding_goal WHERE concept_id = p_concept;
  v_pos := least(coalesce((p ->> 'position')::int, v_n + 1), v_n + 1);
  UPDATE guiding_goal SET position = position + 1
   WHERE concept_id = p_concept AND position >= v_pos;
  INSERT INTO guiding_goal (municipality_id, concept_id, position, title, description)
  VALUES (v_mid, p_concept, v_pos, btrim(p ->> 'title'), p ->> 'description')
  RETURNING id INTO v_id;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = v_id;
  RETURN v_doc;
END
$$;

CREATE OR REPLACE FUNCTION api_goal_update(p_ags text, p_id bigint, p jsonb,
                                p_if_match text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_concept bigint;
  v_old int;
  v_new int;
  v_n int;
  v_doc json;
BEGIN
  SELECT concept_id INTO v_concept FROM guiding_goal
   WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_concept IS NOT NULL, 'TH404', 'There is no such guiding goal.');
  PERFORM app_concept_open(v_mid, v_concept);
  PERFORM pg_advisory_xact_lock(42, v_concept::int);
  SELECT position INTO v_old FROM guiding_goal WHERE id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = p_id;
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  UPDATE guiding_goal
     SET title = CASE WHEN p ? 'title' THEN btrim(p ->> 'title') ELSE title END,
         description = CASE WHEN p ? 'description' THEN p ->> 'description'
                            ELSE description END
   WHERE id = p_id;
  IF p ? 'position' THEN
    SELECT count(*) INTO v_n FROM guiding_goal WHERE concept_id = v_concept;
    v_new := least((p ->> 'position')::int, v_n);
    PERFORM set_config('app.audit_focus', p_id::text, true);
    UPDATE guiding_goal
       SET position = CASE WHEN id = p_id THEN v_new
                           WHEN v_old < v_new THEN position - 1
                           ELSE position + 1 END
     WHERE concept_id = v_concept
       AND (id = p_id OR position BETWEEN least(v_old, v_new) AND greatest(v_old, v_new))
       AND v_old <> v_new;
  END IF;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = p_id;
  RETURN v_doc;
END
$$;

CREATE OR REPLACE FUNCTION api_goal_delete(p_ags text, p_id bigint, p_if_match text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_concept bigint;
  v_pos int;
  v_doc json;
BEGIN
  SELECT concept_id INTO v_concept FROM guiding_goal
   WHERE municipality_id = v_mid AND id = p_id;
  PERFORM app_assert(v_concept IS NOT NULL, 'TH404', 'There is no such guiding goal.');
  PERFORM app_concept_open(v_mid, v_concept);
  PERFORM pg_advisory_xact_lock(42, v_concept::int);
  SELECT position INTO v_pos FROM guiding_goal WHERE id = p_id FOR UPDATE;
  SELECT doc INTO v_doc FROM goal_doc WHERE id = p_id;
  PERFORM app_if_match(md5(v_doc::text), p_if_match);
  DELETE FROM guiding_goal WHERE id = p_id;
  UPDATE guiding_goal SET position = position - 1
   WHERE concept_id = v_concept AND position > v_pos;
END
$$;

-- Privileges: the service role calls only what it is granted.
GRANT SELECT ON concept_doc, goal_doc, concept_public_doc TO teilhabe_app;
