-- The integration concept and its Maßnahmenkatalog: versioned concepts,
-- guiding goals (Leitziele), action fields (Handlungsfelder), measures with
-- their priority rank, status and progress, progress reports (Sachstand),
-- indicators (Umsetzungsmarker) and their observations (Messwerte).
--
-- Every table leads with municipality_id. Row-level security decides who
-- sees what; guard triggers hold the rules no policy can express (status
-- transitions, who decides what). The api_* functions carry out one
-- request each, as the caller (SECURITY INVOKER), so the policies apply.

-- ---------------------------------------------------------------------------
-- Audit: a column may be marked as a side effect ('~rank'): an update that
-- changes only such columns is recorded only for the row the request is
-- about (app.audit_focus). Moving one measure shifts the ranks of others;
-- their history should not fill up with that.

CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  o jsonb;
  n jsonb;
  r jsonb;
  arg text;
  quiet text[] := '{updated_at,last_login_at,last_used_at}';
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  r := coalesce(n, o);
  FOREACH arg IN ARRAY TG_ARGV[2:] LOOP
    IF left(arg, 1) = '~' THEN
      quiet := quiet || substr(arg, 2);
    ELSE
      o := o - arg;
      n := n - arg;
    END IF;
  END LOOP;
  IF TG_OP = 'UPDATE' THEN
    IF (o - '{updated_at,last_login_at,last_used_at}'::text[])
       = (n - '{updated_at,last_login_at,last_used_at}'::text[]) THEN
      RETURN NULL;
    END IF;
    IF (o - quiet) = (n - quiet)
       AND r ->> TG_ARGV[1] IS DISTINCT FROM current_setting('app.audit_focus', true) THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO audit_event (municipality_id, actor_account_id, actor_client_id,
                           table_name, row_id, action, old_values, new_values)
  VALUES (CASE WHEN TG_ARGV[0] = '' THEN NULL ELSE (r ->> TG_ARGV[0])::bigint END,
          app_account_id(), app_client_id(), TG_TABLE_NAME, r ->> TG_ARGV[1],
          lower(TG_OP), o, n);
  RETURN NULL;
END
$$;

-- The caller's municipalities by role (see 003), now in PL/pgSQL with a
-- generic plan: as a SQL function its query was planned anew in every
-- statement whose policies call it, which cost more than the rest of a
-- catalogue page together.
CREATE OR REPLACE FUNCTION app_mids(p_roles text[]) RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  c jsonb := app_claims();
  r bigint[];
BEGIN
  IF coalesce((c ->> 'dadm')::boolean, false) AND (c ->> 'cid') IS NULL THEN
    SELECT coalesce(array_agg(id), '{}') INTO r FROM municipality
     WHERE district_id = (c ->> 'did')::bigint;
  ELSE
    SELECT coalesce(array_agg((m ->> 'mid')::bigint), '{}') INTO r
      FROM jsonb_array_elements(coalesce(c -> 'mem', '[]')) AS m
     WHERE m ->> 'role' = ANY (p_roles);
  END IF;
  RETURN r;
END
$$;

-- Whether the caller may use a scope: people always; API clients when
-- their token carries it.
CREATE FUNCTION app_scope(p_scope text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT app_client_id() IS NULL
      OR p_scope = ANY (string_to_array(app_claims() ->> 'scope', ' '))
$$;

-- {id, name} of an organisation, for documents anyone may read (the
-- public catalogue names its lead organisations): names only.
CREATE FUNCTION org_ref(p_id bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT json_build_object('id', o.id::text, 'name', o.name)
    FROM organisation o WHERE o.id = p_id
$$;

-- Whether an organisation serves a municipality (checks of references).
CREATE FUNCTION org_serves(p_org bigint, p_municipality_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM organisation_municipality
                  WHERE organisation_id = p_org
                    AND municipality_id = p_municipality_id)
$$;

-- The municipality of an AGS (NULL when there is none).
CREATE FUNCTION app_municipality(p_ags text) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT id FROM municipality WHERE ags = p_ags
$$;

-- Whether the caller works in the municipality with one of roles
-- (district admins in all of their district).
CREATE FUNCTION app_in(p_municipality_id bigint, p_roles text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p_municipality_id = ANY (app_mids(p_roles))
$$;

-- Whether the request runs as the service (and not as the owner, as the
-- demo data and the definer functions below do): guards apply then.
CREATE FUNCTION app_is_service() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_user = 'teilhabe_app'
$$;

-- ---------------------------------------------------------------------------
-- Action fields: the district's default vocabulary, copied to each of its
-- municipalities, which may rename and extend theirs.

CREATE TABLE district_action_field (
  district_id bigint NOT NULL REFERENCES district (id),
  key         text NOT NULL CONSTRAINT district_action_field_key_format
              CHECK (key ~ '^[a-z_]{1,40}$'),
  name        text NOT NULL CONSTRAINT district_action_field_name_length
              CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  position    int NOT NULL,
  PRIMARY KEY (district_id, key)
);

CREATE TABLE action_field (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  default_key     text,
  name            text COLLATE "de-x-icu" NOT NULL
                  CONSTRAINT action_field_name_length
                  CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  description     text CONSTRAINT action_field_description_length
                  CHECK (length(description) <= 2000),
  position        int NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id)
);
CREATE UNIQUE INDEX action_field_name_unique
  ON action_field (municipality_id, lower(name));
CREATE TRIGGER action_field_updated_at BEFORE UPDATE ON action_field
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The Handlungsfelder every district starts with.
CREATE FUNCTION action_field_defaults()
RETURNS TABLE (key text, name text, ord int)
LANGUAGE sql IMMUTABLE AS $$
  VALUES ('language', 'Sprache', 1),
         ('education', 'Bildung und Ausbildung', 2),
         ('work', 'Arbeit', 3),
         ('asylum', 'Asyl und Flüchtlinge', 4),
         ('intercultural_administration',
          'Interkulturelle Öffnung der Verwaltung', 5),
         ('participation',
          'Gesellschaftliche Teilhabe und interkultureller Dialog', 6),
         ('housing', 'Wohnen', 7),
         ('health', 'Gesundheit', 8)
$$;

CREATE FUNCTION district_default_action_fields() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO district_action_field (district_id, key, name, position)
  SELECT NEW.id, d.key, d.name, d.ord FROM action_field_defaults() d
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER district_default_action_fields AFTER INSERT ON district
  FOR EACH ROW EXECUTE FUNCTION district_default_action_fields();

CREATE FUNCTION municipality_action_fields() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO action_field (municipality_id, default_key, name, position)
  SELECT NEW.id, d.key, d.name, d.position
    FROM district_action_field d WHERE d.district_id = NEW.district_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER municipality_action_fields AFTER INSERT ON municipality
  FOR EACH ROW EXECUTE FUNCTION municipality_action_fields();

-- the districts and municipalities that exist already
INSERT INTO district_action_field (district_id, key, name, position)
SELECT di.id, d.key, d.name, d.ord
  FROM district di, action_field_defaults() d;
INSERT INTO action_field (municipality_id, default_key, name, position)
SELECT mu.id, d.key, d.name, d.position
  FROM municipality mu
  JOIN district_action_field d ON d.district_id = mu.district_id;

-- ---------------------------------------------------------------------------
-- Concepts

CREATE TABLE concept (
  municipality_id      bigint NOT NULL REFERENCES municipality (id),
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  version              int NOT NULL CONSTRAINT concept_version_positive
                       CHECK (version >= 1),
  title                text NOT NULL CONSTRAINT concept_title_length
                       CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  summary              text CONSTRAINT concept_summary_length
                       CHECK (length(summary) <= 10000),
  status               text NOT NULL DEFAULT 'draft'
                       CONSTRAINT concept_status_valid
                       CHECK (status IN ('draft', 'consultation', 'adopted',
                                         'archived')),
  resolution_date      date,
  resolution_reference text CONSTRAINT concept_resolution_reference_length
                       CHECK (length(btrim(resolution_reference)) BETWEEN 1 AND 100),
  adopted_at           timestamptz,
  adopted_by           bigint REFERENCES account (id),
  created_by           bigint REFERENCES account (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  CONSTRAINT concept_version_unique UNIQUE (municipality_id, version),
  CONSTRAINT concept_adoption_recorded
    CHECK (status <> 'adopted' OR (resolution_date IS NOT NULL
                                   AND resolution_reference IS NOT NULL
                                   AND adopted_at IS NOT NULL))
);
-- at most one adopted concept per municipality
CREATE UNIQUE INDEX concept_one_adopted ON concept (municipality_id)
  WHERE status = 'adopted';
CREATE TRIGGER concept_updated_at BEFORE UPDATE ON concept
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Transitions: draft <-> consultation; consultation -> adopted (the
-- steering group, with the council resolution); draft, consultation,
-- adopted -> archived. Only officers change the text; the steering group
-- adopts.
CREATE FUNCTION concept_guard() RETURNS trigger
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
CREATE TRIGGER concept_guard BEFORE INSERT OR UPDATE ON concept
  FOR EACH ROW EXECUTE FUNCTION concept_guard();

-- ---------------------------------------------------------------------------
-- Guiding goals (Leitziele), ordered within their concept

CREATE TABLE guiding_goal (
  municipality_id bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  concept_id      bigint NOT NULL,
  position        int NOT NULL CONSTRAINT guiding_goal_position_positive
                  CHECK (position >= 1),
  title           text NOT NULL CONSTRAINT guiding_goal_title_length
                  CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  description     text CONSTRAINT guiding_goal_description_length
                  CHECK (length(description) <= 5000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, concept_id)
    REFERENCES concept (municipality_id, id) ON DELETE CASCADE,
  CONSTRAINT guiding_goal_position_unique UNIQUE (concept_id, position)
    DEFERRABLE INITIALLY IMMEDIATE
);
CREATE TRIGGER guiding_goal_updated_at BEFORE UPDATE ON guiding_goal
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- Measures

CREATE TABLE measure (
  municipality_id          bigint NOT NULL,
  id                       bigint GENERATED ALWAYS AS IDENTITY,
  concept_id               bigint NOT NULL,
  code                     text NOT NULL CONSTRAINT measure_code_length
                           CHECK (length(btrim(code)) BETWEEN 1 AND 20),
  title                    text NOT NULL CONSTRAINT measure_title_length
                           CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  description              text CONSTRAINT measure_description_length
                           CHECK (length(description) <= 20000),
  action_field_id          bigint NOT NULL,
  goal_ids                 bigint[] NOT NULL DEFAULT '{}',
  horizon                  text NOT NULL CONSTRAINT measure_horizon_valid
                           CHECK (horizon IN ('short', 'medium', 'long')),
  rank                     int NOT NULL CONSTRAINT measure_rank_positive
                           CHECK (rank >= 1),
  status                   text NOT NULL DEFAULT 'proposed'
                           CONSTRAINT measure_status_valid
                           CHECK (status IN ('proposed', 'planned', 'in_progress',
                                             'completed', 'suspended', 'dropped')),
  status_reason            text CONSTRAINT measure_status_reason_length
                           CHECK (length(btrim(status_reason)) BETWEEN 1 AND 2000),
  progress                 smallint NOT NULL DEFAULT 0
                           CONSTRAINT measure_progress_range
                           CHECK (progress BETWEEN 0 AND 100),
  progress_from_children   boolean NOT NULL DEFAULT true,
  weight                   smallint NOT NULL DEFAULT 1
                           CONSTRAINT measure_weight_range
                           CHECK (weight BETWEEN 1 AND 100),
  planned_start            date,
  planned_end              date,
  actual_start             date,
  actual_end               date,
  lead_organisation_id     bigint REFERENCES organisation (id),
  partner_organisation_ids bigint[] NOT NULL DEFAULT '{}',
  target_groups            text[] NOT NULL DEFAULT '{}'
                           CONSTRAINT measure_target_groups_valid
                           CHECK (target_groups <@ ARRAY[
                             'children', 'youth', 'families', 'seniors',
                             'women_and_mothers', 'men', 'refugees',
                             'newcomers', 'eu_citizens', 'volunteers', 'staff',
                             'general_public']),
  budget                   numeric(11, 2) CONSTRAINT measure_budget_range
                           CHECK (budget >= 0),
  visibility               text NOT NULL DEFAULT 'internal'
                           CONSTRAINT measure_visibility_valid
                           CHECK (visibility IN ('internal', 'partners', 'public')),
  parent_id                bigint,
  last_report_on           date,
  last_report_status       text,
  search                   tsvector GENERATED ALWAYS AS (
                             to_tsvector('german'::regconfig,
                               code || ' ' || title || ' '
                               || coalesce(description, ''))) STORED,
  created_by               bigint REFERENCES account (id),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  UNIQUE (municipality_id, concept_id, id),
  FOREIGN KEY (municipality_id, concept_id)
    REFERENCES concept (municipality_id, id),
  FOREIGN KEY (municipality_id, action_field_id)
    REFERENCES action_field (municipality_id, id),
  -- a Teilmaßnahme belongs to a measure of the same concept
  CONSTRAINT measure_parent_same_concept
    FOREIGN KEY (municipality_id, concept_id, parent_id)
    REFERENCES measure (municipality_id, concept_id, id),
  CONSTRAINT measure_code_unique UNIQUE (concept_id, code),
  CONSTRAINT measure_rank_unique UNIQUE (concept_id, rank)
    DEFERRABLE INITIALLY IMMEDIATE,
  CONSTRAINT measure_not_own_parent CHECK (parent_id <> id),
  CONSTRAINT measure_planned_order CHECK (planned_end >= planned_start),
  CONSTRAINT measure_actual_order CHECK (actual_end >= actual_start)
);
CREATE INDEX measure_priority ON measure (municipality_id, concept_id, rank, id);
CREATE INDEX measure_changed ON measure (municipality_id, updated_at DESC, id DESC);
CREATE INDEX measure_parent ON measure (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX measure_lead ON measure (lead_organisation_id)
  WHERE lead_organisation_id IS NOT NULL;
CREATE INDEX measure_search ON measure USING gin (search);
CREATE TRIGGER measure_updated_at BEFORE UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- What a policy cannot say about a measure: references within the
-- municipality and concept, status transitions and who decides them, and
-- that the steering group changes only status and priority.
CREATE FUNCTION measure_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_officer boolean;
  v_bad bigint;
BEGIN
  -- references (for everyone, the demo data too)
  IF TG_OP = 'INSERT' OR NEW.goal_ids IS DISTINCT FROM OLD.goal_ids THEN
    SELECT g INTO v_bad FROM unnest(NEW.goal_ids) g
     WHERE NOT EXISTS (SELECT FROM guiding_goal gg
                        WHERE gg.id = g AND gg.concept_id = NEW.concept_id)
     LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('Goal %s is not a guiding goal of this concept.', v_bad),
                          '/goal_ids');
    PERFORM app_assert_at(cardinality(NEW.goal_ids)
                          = (SELECT count(DISTINCT g) FROM unnest(NEW.goal_ids) g),
                          'TH422', 'A goal is named twice.', '/goal_ids');
  END IF;
  IF NEW.lead_organisation_id IS NOT NULL
     AND (TG_OP = 'INSERT'
          OR NEW.lead_organisation_id IS DISTINCT FROM OLD.lead_organisation_id) THEN
    PERFORM app_assert_at(org_serves(NEW.lead_organisation_id, NEW.municipality_id),
                          'TH422', 'The organisation does not serve this municipality.',
                          '/lead_organisation_id');
  END IF;
  IF TG_OP = 'INSERT'
     OR NEW.partner_organisation_ids IS DISTINCT FROM OLD.partner_organisation_ids THEN
    SELECT p INTO v_bad FROM unnest(NEW.partner_organisation_ids) p
     WHERE NOT org_serves(p, NEW.municipality_id) LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('Organisation %s does not serve this municipality.', v_bad),
                          '/partner_organisation_ids');
    PERFORM app_assert_at(cardinality(NEW.partner_organisation_ids)
                          = (SELECT count(DISTINCT p)
                               FROM unnest(NEW.partner_organisation_ids) p),
                          'TH422', 'An organisation is named twice.',
                          '/partner_organisation_ids');
  END IF;
  PERFORM app_assert_at(NEW.lead_organisation_id IS NULL
                        OR NOT NEW.lead_organisation_id = ANY (NEW.partner_organisation_ids),
                        'TH422', 'The lead organisation is not also a partner.',
                        '/partner_organisation_ids');
  IF NEW.parent_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.parent_id IS DISTINCT FROM OLD.parent_id) THEN
    PERFORM app_assert_at(NOT EXISTS (SELECT FROM measure p
                                       WHERE p.id = NEW.parent_id
                                         AND p.parent_id IS NOT NULL),
                          'TH422', 'A Teilmaßnahme cannot have Teilmaßnahmen of its own.',
                          '/parent_id');
    PERFORM app_assert_at(TG_OP = 'INSERT'
                          OR NOT EXISTS (SELECT FROM measure c
                                          WHERE c.parent_id = NEW.id),
                          'TH422', 'A measure with Teilmaßnahmen cannot become one.',
                          '/parent_id');
  END IF;
  IF NEW.status NOT IN ('suspended', 'dropped') THEN
    NEW.status_reason := CASE WHEN TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status
                                   AND NEW.status_reason IS NOT DISTINCT FROM OLD.status_reason
                              THEN NULL ELSE NEW.status_reason END;
  ELSE
    PERFORM app_assert_at(NEW.status_reason IS NOT NULL, 'TH422',
                          'Suspending or dropping a measure needs a reason.',
                          '/status_reason');
  END IF;

  IF NOT app_is_service() THEN
    RETURN NEW;
  END IF;
  v_officer := app_in(NEW.municipality_id, '{officer}');
  IF TG_OP = 'INSERT' THEN
    PERFORM app_assert_at(NEW.status = 'proposed'
                          OR app_in(NEW.municipality_id, '{steering}'),
                          'TH403', 'A new measure is proposed; the steering group '
                                   'decides when it is planned.', '/status');
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM app_assert_at(
      (OLD.status, NEW.status) IN (
        ('proposed', 'planned'), ('proposed', 'dropped'),
        ('planned', 'in_progress'), ('planned', 'suspended'), ('planned', 'dropped'),
        ('in_progress', 'completed'), ('in_progress', 'suspended'),
        ('in_progress', 'dropped'),
        ('suspended', 'planned'), ('suspended', 'in_progress'),
        ('suspended', 'dropped'),
        ('completed', 'in_progress'), ('dropped', 'proposed')),
      'TH409', format('A measure cannot go from %s to %s.', OLD.status, NEW.status),
      '/status');
    IF OLD.status = 'proposed' AND NEW.status = 'planned' THEN
      PERFORM app_assert_at(app_in(NEW.municipality_id, '{steering}'), 'TH403',
                            'Planning a proposed measure is a decision of the '
                            'steering group.', '/status');
    END IF;
    IF NEW.status = 'in_progress' AND NEW.actual_start IS NULL THEN
      NEW.actual_start := current_date;
    END IF;
    IF NEW.status = 'completed' AND NEW.actual_end IS NULL THEN
      NEW.actual_end := greatest(current_date, NEW.actual_start);
    END IF;
  END IF;
  IF NOT v_officer THEN
    -- the steering group: status and priority only
    -- (the dates the guard itself sets when the status changes)
    PERFORM app_assert(
      (to_jsonb(NEW) - '{status,status_reason,rank,updated_at,search,doc}'::text[]
                     - CASE WHEN NEW.status IS DISTINCT FROM OLD.status
                            THEN '{actual_start,actual_end}'::text[] ELSE '{}' END)
      = (to_jsonb(OLD) - '{status,status_reason,rank,updated_at,search,doc}'::text[]
                       - CASE WHEN NEW.status IS DISTINCT FROM OLD.status
                              THEN '{actual_start,actual_end}'::text[] ELSE '{}' END),
      'TH403', 'The steering group decides status and priority; the integration '
               'office changes the rest.');
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER measure_guard BEFORE INSERT OR UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION measure_guard();

-- A parent's progress is the weighted mean of its Teilmaßnahmen unless it
-- was set by hand (progress_from_children = false).
CREATE FUNCTION measure_parent_progress(p_parent bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE measure p
     SET progress = c.mean
    FROM (SELECT round(sum(progress * weight)::numeric / sum(weight))::smallint AS mean
            FROM measure WHERE parent_id = p_parent) c
   WHERE p.id = p_parent AND p.progress_from_children AND c.mean IS NOT NULL
     AND p.progress IS DISTINCT FROM c.mean
$$;

CREATE FUNCTION measure_progress_rollup() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.parent_id IS DISTINCT FROM NEW.parent_id
     AND OLD.parent_id IS NOT NULL THEN
    PERFORM measure_parent_progress(OLD.parent_id);
  END IF;
  IF NEW.parent_id IS NOT NULL THEN
    PERFORM measure_parent_progress(NEW.parent_id);
  END IF;
  -- a parent switched back to its children's mean
  IF TG_OP = 'UPDATE' AND NEW.progress_from_children AND NOT OLD.progress_from_children THEN
    PERFORM measure_parent_progress(NEW.id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER measure_progress_rollup
  AFTER INSERT OR UPDATE OF progress, weight, parent_id, progress_from_children
  ON measure FOR EACH ROW EXECUTE FUNCTION measure_progress_rollup();

-- Deleting a goal removes it from the measures that named it.
CREATE FUNCTION guiding_goal_unlink() RETURNS trigger
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

-- ---------------------------------------------------------------------------
-- Progress reports (Sachstand)

CREATE TABLE progress_report (
  municipality_id   bigint NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  measure_id        bigint NOT NULL,
  reported_on       date NOT NULL DEFAULT current_date,
  status            text NOT NULL CONSTRAINT progress_report_status_valid
                    CHECK (status IN ('on_track', 'delayed', 'at_risk', 'completed')),
  progress          smallint NOT NULL CONSTRAINT progress_report_progress_range
                    CHECK (progress BETWEEN 0 AND 100),
  text              text NOT NULL CONSTRAINT progress_report_text_length
                    CHECK (length(btrim(text)) BETWEEN 1 AND 10000),
  organisation_id   bigint REFERENCES organisation (id),
  author_account_id bigint REFERENCES account (id),
  author_client_id  bigint,
  idempotency_key   text CONSTRAINT progress_report_idempotency_key_length
                    CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, measure_id) REFERENCES measure (municipality_id, id),
  CONSTRAINT progress_report_author CHECK (author_account_id IS NULL
                                           OR author_client_id IS NULL)
);
-- an Idempotency-Key counts per measure and author
CREATE UNIQUE INDEX progress_report_idempotency
  ON progress_report (measure_id, coalesce(author_account_id, 0),
                      coalesce(author_client_id, 0), idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX progress_report_measure
  ON progress_report (measure_id, reported_on DESC, id DESC);

-- The newest report sets the measure's progress.
CREATE FUNCTION progress_report_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE measure
     SET progress = NEW.progress, progress_from_children = false,
         last_report_on = NEW.reported_on, last_report_status = NEW.status
   WHERE municipality_id = NEW.municipality_id AND id = NEW.measure_id
     AND (last_report_on IS NULL OR last_report_on <= NEW.reported_on);
  RETURN NULL;
END
$$;
CREATE TRIGGER progress_report_apply AFTER INSERT ON progress_report
  FOR EACH ROW EXECUTE FUNCTION progress_report_apply();

-- Whether the caller's organisation leads or supports a measure.
CREATE FUNCTION app_involved(p_municipality_id bigint, p_lead bigint,
                             p_partners bigint[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(app_org(p_municipality_id) = p_lead
                  OR app_org(p_municipality_id) = ANY (p_partners), false)
$$;

-- Whether the caller's organisation leads or supports a measure, whether
-- or not it may read the measure (an API client may hold progress:write
-- without catalogue:read).
CREATE FUNCTION app_reports_on_measure(p_municipality_id bigint, p_measure bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM measure m
                  WHERE m.municipality_id = p_municipality_id AND m.id = p_measure
                    AND app_involved(m.municipality_id, m.lead_organisation_id,
                                     m.partner_organisation_ids))
$$;

-- ---------------------------------------------------------------------------
-- Indicators and observations

CREATE TABLE indicator (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  name            text NOT NULL CONSTRAINT indicator_name_length
                  CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  unit            text NOT NULL CONSTRAINT indicator_unit_length
                  CHECK (length(btrim(unit)) BETWEEN 1 AND 50),
  direction       text NOT NULL CONSTRAINT indicator_direction_valid
                  CHECK (direction IN ('higher_is_better', 'lower_is_better')),
  numerator       text CONSTRAINT indicator_numerator_length
                  CHECK (length(numerator) <= 500),
  denominator     text CONSTRAINT indicator_denominator_length
                  CHECK (length(denominator) <= 500),
  source_set      text NOT NULL CONSTRAINT indicator_source_set_valid
                  CHECK (source_set IN ('local', 'integration_monitoring',
                                        'kgst', 'sdg')),
  definition      text CONSTRAINT indicator_definition_length
                  CHECK (length(definition) <= 5000),
  baseline_value  numeric,
  baseline_date   date,
  target_value    numeric,
  target_date     date,
  goal_ids        bigint[] NOT NULL DEFAULT '{}',
  measure_ids     bigint[] NOT NULL DEFAULT '{}',
  visibility      text NOT NULL DEFAULT 'internal'
                  CONSTRAINT indicator_visibility_valid
                  CHECK (visibility IN ('internal', 'partners', 'public')),
  created_by      bigint REFERENCES account (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  CONSTRAINT indicator_target_after_baseline
    CHECK (target_date > baseline_date)
);
CREATE TRIGGER indicator_updated_at BEFORE UPDATE ON indicator
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER guiding_goal_unlink AFTER DELETE ON guiding_goal
  FOR EACH ROW EXECUTE FUNCTION guiding_goal_unlink();

CREATE FUNCTION indicator_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_bad bigint;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.goal_ids IS DISTINCT FROM OLD.goal_ids THEN
    SELECT g INTO v_bad FROM unnest(NEW.goal_ids) g
     WHERE NOT EXISTS (SELECT FROM guiding_goal gg
                        WHERE gg.id = g AND gg.municipality_id = NEW.municipality_id)
     LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('There is no guiding goal %s here.', v_bad), '/goal_ids');
    PERFORM app_assert_at(cardinality(NEW.goal_ids)
                          = (SELECT count(DISTINCT g) FROM unnest(NEW.goal_ids) g),
                          'TH422', 'A goal is named twice.', '/goal_ids');
  END IF;
  IF TG_OP = 'INSERT' OR NEW.measure_ids IS DISTINCT FROM OLD.measure_ids THEN
    SELECT g INTO v_bad FROM unnest(NEW.measure_ids) g
     WHERE NOT EXISTS (SELECT FROM measure m
                        WHERE m.id = g AND m.municipality_id = NEW.municipality_id)
     LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          format('There is no measure %s here.', v_bad), '/measure_ids');
    PERFORM app_assert_at(cardinality(NEW.measure_ids)
                          = (SELECT count(DISTINCT g) FROM unnest(NEW.measure_ids) g),
                          'TH422', 'A measure is named twice.', '/measure_ids');
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER indicator_guard BEFORE INSERT OR UPDATE ON indicator
  FOR EACH ROW EXECUTE FUNCTION indicator_guard();

CREATE TABLE observation (
  municipality_id   bigint NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  indicator_id      bigint NOT NULL,
  period_start      date,
  period_end        date NOT NULL,
  value             numeric NOT NULL,
  source            text CONSTRAINT observation_source_length
                    CHECK (length(source) <= 300),
  series_break      boolean NOT NULL DEFAULT false,
  age_group         text CONSTRAINT observation_age_group_length
                    CHECK (length(btrim(age_group)) BETWEEN 1 AND 40),
  sex               text CONSTRAINT observation_sex_valid
                    CHECK (sex IN ('female', 'male', 'diverse')),
  citizenship_group text CONSTRAINT observation_citizenship_group_length
                    CHECK (length(btrim(citizenship_group)) BETWEEN 1 AND 60),
  organisation_id   bigint REFERENCES organisation (id),
  created_by        bigint REFERENCES account (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (id),
  FOREIGN KEY (municipality_id, indicator_id)
    REFERENCES indicator (municipality_id, id) ON DELETE CASCADE,
  CONSTRAINT observation_period_order CHECK (period_end >= period_start),
  CONSTRAINT observation_unique UNIQUE NULLS NOT DISTINCT
    (indicator_id, period_end, age_group, sex, citizenship_group)
);
CREATE INDEX observation_total ON observation (indicator_id, period_end DESC)
  WHERE age_group IS NULL AND sex IS NULL AND citizenship_group IS NULL;

-- An indicator's latest total value, its trend against the one before and
-- its status against the straight line from baseline to target (the
-- thresholds are documented in openapi.yaml: IndicatorStatus).
CREATE FUNCTION indicator_state(p_id bigint, p_direction text,
                                p_baseline_value numeric, p_baseline_date date,
                                p_target_value numeric, p_target_date date)
RETURNS json
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_last observation;
  v_prev observation;
  v_sign int := CASE WHEN p_direction = 'lower_is_better' THEN -1 ELSE 1 END;
  v_trend text;
  v_status text := 'no_data';
  v_expected numeric;
  v_achieved numeric;
BEGIN
  SELECT * INTO v_last FROM observation
   WHERE indicator_id = p_id AND age_group IS NULL AND sex IS NULL
     AND citizenship_group IS NULL
   ORDER BY period_end DESC LIMIT 1;
  IF v_last.id IS NULL THEN
    RETURN json_build_object('latest', NULL, 'trend', NULL, 'status', 'no_data');
  END IF;
  SELECT * INTO v_prev FROM observation
   WHERE indicator_id = p_id AND age_group IS NULL AND sex IS NULL
     AND citizenship_group IS NULL AND period_end < v_last.period_end
   ORDER BY period_end DESC LIMIT 1;
  IF v_prev.id IS NOT NULL AND NOT v_last.series_break THEN
    v_trend := CASE
      WHEN abs(v_last.value - v_prev.value) <= abs(v_prev.value) * 0.01 THEN 'steady'
      WHEN sign(v_last.value - v_prev.value) = v_sign THEN 'improving'
      ELSE 'worsening' END;
  END IF;
  IF p_baseline_value IS NOT NULL AND p_baseline_date IS NOT NULL
     AND p_target_value IS NOT NULL AND p_target_date IS NOT NULL THEN
    IF (v_last.value - p_target_value) * v_sign >= 0 THEN
      v_status := 'target_reached';
    ELSIF p_target_value = p_baseline_value THEN
      v_status := 'off_track';
    ELSE
      v_expected := least(1, greatest(0,
        (v_last.period_end - p_baseline_date)::numeric
        / (p_target_date - p_baseline_date)));
      v_achieved := (v_last.value - p_baseline_value)
                    / (p_target_value - p_baseline_value);
      v_status := CASE WHEN v_achieved >= v_expected - 0.10 THEN 'on_track'
                       WHEN v_achieved >= v_expected - 0.25 THEN 'at_risk'
                       ELSE 'off_track' END;
    END IF;
  END IF;
  RETURN json_build_object(
    'latest', json_build_object('value', v_last.value,
                                'period_end', v_last.period_end,
                                'source', v_last.source),
    'trend', v_trend, 'status', v_status);
END
$$;

-- ---------------------------------------------------------------------------
-- Row-level security. The owner (migrations, demo data, definer functions)
-- sees everything; the service sees what the caller may.

ALTER TABLE district_action_field ENABLE ROW LEVEL SECURITY;
ALTER TABLE district_action_field FORCE ROW LEVEL SECURITY;
ALTER TABLE action_field ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_field FORCE ROW LEVEL SECURITY;
ALTER TABLE concept ENABLE ROW LEVEL SECURITY;
ALTER TABLE concept FORCE ROW LEVEL SECURITY;
ALTER TABLE guiding_goal ENABLE ROW LEVEL SECURITY;
ALTER TABLE guiding_goal FORCE ROW LEVEL SECURITY;
ALTER TABLE measure ENABLE ROW LEVEL SECURITY;
ALTER TABLE measure FORCE ROW LEVEL SECURITY;
ALTER TABLE progress_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE progress_report FORCE ROW LEVEL SECURITY;
ALTER TABLE indicator ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicator FORCE ROW LEVEL SECURITY;
ALTER TABLE observation ENABLE ROW LEVEL SECURITY;
ALTER TABLE observation FORCE ROW LEVEL SECURITY;

CREATE POLICY district_action_field_owner ON district_action_field TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY action_field_owner ON action_field TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY concept_owner ON concept TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY guiding_goal_owner ON guiding_goal TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY measure_owner ON measure TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY progress_report_owner ON progress_report TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY indicator_owner ON indicator TO teilhabe_owner USING (true) WITH CHECK (true);
CREATE POLICY observation_owner ON observation TO teilhabe_owner USING (true) WITH CHECK (true);

-- District defaults: the district's own people read them.
CREATE POLICY district_action_field_app_read ON district_action_field
  FOR SELECT TO teilhabe_app USING (district_id = app_district_id());

-- Action fields: a vocabulary, public (the public catalogue names them);
-- officers add and rename.
CREATE POLICY action_field_app_read ON action_field FOR SELECT TO teilhabe_app
  USING (true);
CREATE POLICY action_field_app_insert ON action_field FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY action_field_app_update ON action_field FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

-- Concepts: officers and the steering group read all of theirs; partners
-- those past the draft; everyone the adopted one. Officers write; the
-- steering group updates too (adoption; the guard limits it to that).
CREATE POLICY concept_app_staff ON concept FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));
CREATE POLICY concept_app_partner ON concept FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND status <> 'draft' AND (SELECT app_scope('catalogue:read')));
CREATE POLICY concept_app_public ON concept FOR SELECT TO teilhabe_app
  USING (status = 'adopted');
CREATE POLICY concept_app_insert ON concept FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY concept_app_update ON concept FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

-- Guiding goals: whoever reads the concept reads its goals.
CREATE POLICY guiding_goal_app_read ON guiding_goal FOR SELECT TO teilhabe_app
  USING (EXISTS (SELECT FROM concept c WHERE c.id = concept_id));
CREATE POLICY guiding_goal_app_insert ON guiding_goal FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY guiding_goal_app_update ON guiding_goal FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));
CREATE POLICY guiding_goal_app_delete ON guiding_goal FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

-- Measures: officers and the steering group read all; partners what is
-- shared with partners or the public, and what their organisation leads
-- or supports; everyone the public measures of an adopted concept.
-- Officers create; officers and the steering group update (the guard
-- limits the steering group to status and priority).
CREATE POLICY measure_app_staff ON measure FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));
CREATE POLICY measure_app_partner ON measure FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND (visibility <> 'internal'
              OR app_involved(municipality_id, lead_organisation_id,
                              partner_organisation_ids))
         AND concept_id IN (SELECT c.id FROM concept c WHERE c.status <> 'draft'));
CREATE POLICY measure_app_public ON measure FOR SELECT TO teilhabe_app
  USING (visibility = 'public'
         AND concept_id IN (SELECT c.id FROM concept c WHERE c.status = 'adopted'));
CREATE POLICY measure_app_insert ON measure FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY measure_app_update ON measure FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));

-- Progress reports: signed-in readers of the measure read its reports;
-- officers write them, and partners whose organisation leads or supports
-- the measure (API clients with progress:write).
CREATE POLICY progress_report_app_read ON progress_report FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         OR (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
             AND (SELECT app_scope('catalogue:read'))
             AND EXISTS (SELECT FROM measure m WHERE m.id = measure_id)));
CREATE POLICY progress_report_app_officer ON progress_report FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL
              AND author_account_id = app_account_id());
CREATE POLICY progress_report_app_partner ON progress_report FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
              AND app_scope('progress:write')
              AND organisation_id = app_org(municipality_id)
              AND author_account_id IS NOT DISTINCT FROM app_account_id()
              AND author_client_id IS NOT DISTINCT FROM app_client_id()
              AND app_reports_on_measure(municipality_id, measure_id));

-- Indicators: staff read all; partners those shared with them; everyone
-- the public ones. Officers write.
CREATE POLICY indicator_app_staff ON indicator FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[]));
CREATE POLICY indicator_app_partner ON indicator FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
         AND (SELECT app_scope('catalogue:read'))
         AND visibility <> 'internal');
CREATE POLICY indicator_app_public ON indicator FOR SELECT TO teilhabe_app
  USING (visibility = 'public');
CREATE POLICY indicator_app_insert ON indicator FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY indicator_app_update ON indicator FOR UPDATE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL)
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[]));

-- Whether the caller's organisation leads or supports a measure linked to
-- an indicator (partners then record its observations).
CREATE FUNCTION app_reports_on(p_indicator bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT FROM indicator i JOIN measure m
      ON m.municipality_id = i.municipality_id AND m.id = ANY (i.measure_ids)
     WHERE i.id = p_indicator
       AND app_involved(m.municipality_id, m.lead_organisation_id,
                        m.partner_organisation_ids))
$$;

-- Observations: whoever reads the indicator reads its values; officers
-- record and delete them, partners record them for indicators of the
-- measures their organisation leads or supports.
CREATE POLICY observation_app_read ON observation FOR SELECT TO teilhabe_app
  USING (EXISTS (SELECT FROM indicator i WHERE i.id = indicator_id));
CREATE POLICY observation_app_officer ON observation FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL);
CREATE POLICY observation_app_partner ON observation FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
              AND app_scope('progress:write')
              AND organisation_id = app_org(municipality_id)
              AND app_reports_on(indicator_id));
CREATE POLICY observation_app_delete ON observation FOR DELETE TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
         AND app_account_id() IS NOT NULL);

GRANT SELECT ON district_action_field TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, default_key, name, description, position),
  UPDATE (name, description, position) ON action_field TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, version, title, summary, status, created_by),
  UPDATE (title, summary, status, resolution_date, resolution_reference,
          adopted_at, adopted_by) ON concept TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, concept_id, position, title, description),
  UPDATE (position, title, description), DELETE ON guiding_goal TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, concept_id, code, title, description,
                      action_field_id, goal_ids, horizon, rank, status,
                      status_reason, progress, progress_from_children, weight,
                      planned_start, planned_end, actual_start, actual_end,
                      lead_organisation_id, partner_organisation_ids,
                      target_groups, budget, visibility, parent_id, created_by),
  UPDATE (code, title, description, action_field_id, goal_ids, horizon, rank,
          status, status_reason, progress, progress_from_children, weight,
          planned_start, planned_end, actual_start, actual_end,
          lead_organisation_id, partner_organisation_ids, target_groups,
          budget, visibility, parent_id)
  ON measure TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, measure_id, reported_on, status, progress,
                      text, organisation_id, author_account_id,
                      author_client_id, idempotency_key)
  ON progress_report TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, name, unit, direction, numerator,
                      denominator, source_set, definition, baseline_value,
                      baseline_date, target_value, target_date, goal_ids,
                      measure_ids, visibility, created_by),
  UPDATE (name, unit, direction, numerator, denominator, source_set,
          definition, baseline_value, baseline_date, target_value,
          target_date, goal_ids, measure_ids, visibility)
  ON indicator TO teilhabe_app;
GRANT SELECT, INSERT (municipality_id, indicator_id, period_start, period_end,
                      value, source, series_break, age_group, sex,
                      citizenship_group, organisation_id, created_by),
  DELETE ON observation TO teilhabe_app;
GRANT USAGE ON SEQUENCE action_field_id_seq, concept_id_seq,
  guiding_goal_id_seq, measure_id_seq, progress_report_id_seq,
  indicator_id_seq, observation_id_seq TO teilhabe_app;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON action_field
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON concept
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON guiding_goal
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', '~position');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON measure
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id', 'search', 'doc', '~rank');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON progress_report
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON indicator
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON observation
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

REVOKE ALL ON FUNCTION org_ref(bigint), org_serves(bigint, bigint),
  measure_parent_progress(bigint), measure_progress_rollup(),
  progress_report_apply(), app_reports_on(bigint),
  app_reports_on_measure(bigint, bigint),
  district_default_action_fields(), municipality_action_fields() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION org_ref(bigint), org_serves(bigint, bigint),
  app_reports_on(bigint), app_reports_on_measure(bigint, bigint) TO teilhabe_app;
