-- Progress reports on measures, by staff and by the partners involved.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- The newest report sets the measure's progress.
CREATE OR REPLACE FUNCTION progress_report_apply() RETURNS trigger
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

DROP TRIGGER IF EXISTS progress_report_apply ON progress_report;
CREATE TRIGGER progress_report_apply AFTER INSERT ON progress_report
  FOR EACH ROW EXECUTE FUNCTION progress_report_apply();

-- Whether the caller's organisation leads or supports a measure, whether
-- or not it may read the measure (an API client may hold progress:write
-- without catalogue:read).
CREATE OR REPLACE FUNCTION app_reports_on_measure(p_municipality_id bigint, p_measure bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM measure m
                  WHERE m.municipality_id = p_municipality_id AND m.id = p_measure
                    AND app_involved(m.municipality_id, m.lead_organisation_id,
                                     m.partner_organisation_ids))
$$;

DROP POLICY IF EXISTS progress_report_owner ON progress_report;
CREATE POLICY progress_report_owner ON progress_report TO teilhabe_owner USING (true) WITH CHECK (true);

-- Progress reports: signed-in readers of the measure read its reports;
-- officers write them, and partners whose organisation leads or supports
-- the measure (API clients with progress:write).
DROP POLICY IF EXISTS progress_report_app_read ON progress_report;
CREATE POLICY progress_report_app_read ON progress_report FOR SELECT TO teilhabe_app
  USING (municipality_id = ANY ((SELECT app_mids('{officer,steering}'))::bigint[])
         OR (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
             AND (SELECT app_scope('catalogue:read'))
             AND EXISTS (SELECT FROM measure m WHERE m.id = measure_id)));

DROP POLICY IF EXISTS progress_report_app_officer ON progress_report;
CREATE POLICY progress_report_app_officer ON progress_report FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{officer}'))::bigint[])
              AND app_account_id() IS NOT NULL
              AND author_account_id = app_account_id());

DROP POLICY IF EXISTS progress_report_app_partner ON progress_report;
CREATE POLICY progress_report_app_partner ON progress_report FOR INSERT TO teilhabe_app
  WITH CHECK (municipality_id = ANY ((SELECT app_mids('{partner}'))::bigint[])
              AND app_scope('progress:write')
              AND organisation_id = app_org(municipality_id)
              AND author_account_id IS NOT DISTINCT FROM app_account_id()
              AND author_client_id IS NOT DISTINCT FROM app_client_id()
              AND app_reports_on_measure(municipality_id, measure_id));

DROP TRIGGER IF EXISTS audit ON progress_report;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON progress_report
  FOR EACH ROW EXECUTE FUNCTION audit_row('municipality_id', 'id');

-- Who wrote something: the account's or client's name.
CREATE OR REPLACE FUNCTION author_ref(p_account bigint, p_client bigint) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN p_account IS NOT NULL THEN
      (SELECT json_build_object('kind', 'account', 'id', a.id::text,
                                'display_name', a.display_name)
         FROM account a WHERE a.id = p_account)
    WHEN p_client IS NOT NULL THEN
      (SELECT json_build_object('kind', 'api_client', 'id', c.id::text,
                                'display_name', c.name)
         FROM api_client c WHERE c.id = p_client)
    ELSE json_build_object('kind', 'system', 'id', NULL, 'display_name', 'System')
  END
$$;

CREATE OR REPLACE VIEW progress_report_doc WITH (security_invoker = true) AS
SELECT p.municipality_id, p.id, p.measure_id, p.reported_on, p.idempotency_key,
       json_build_object(
         'id', p.id::text,
         'measure_id', p.measure_id::text,
         'reported_on', p.reported_on,
         'status', p.status,
         'progress', p.progress,
         'text', p.text,
         'organisation', org_ref(p.organisation_id),
         'author', author_ref(p.author_account_id, p.author_client_id),
         'created_at', p.created_at) AS doc
  FROM progress_report p;

-- The document of a progress report its author wrote, whether or not the
-- author may read the measure (progress:write without catalogue:read).
CREATE OR REPLACE FUNCTION app_own_report(p_measure bigint, p_id bigint, p_key text)
RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.doc FROM progress_report_doc d JOIN progress_report p ON p.id = d.id
   WHERE p.measure_id = p_measure
     AND (p.id = p_id OR (p_id IS NULL AND p.idempotency_key = p_key))
     AND p.author_account_id IS NOT DISTINCT FROM app_account_id()
     AND p.author_client_id IS NOT DISTINCT FROM app_client_id()
$$;

-- Progress reports. Returns {"doc": …, "created": true|false}: a repeat
-- with the same Idempotency-Key by the same author on the same measure
-- gives the first report.
CREATE OR REPLACE FUNCTION api_progress_report_create(p_ags text, p_measure bigint, p jsonb,
                                           p_key text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_officer boolean := app_in(v_mid, '{officer}');
  v_involved boolean := app_reports_on_measure(v_mid, p_measure);
  v_id bigint;
  v_doc json;
BEGIN
  PERFORM app_assert(v_involved OR EXISTS (SELECT FROM measure
                                            WHERE municipality_id = v_mid
                                              AND id = p_measure),
                     'TH404', 'There is no such measure.');
  IF p_key IS NOT NULL THEN
    -- requests with one key wait for each other here: the first records,
    -- the others then find its report (and never race in the index)
    PERFORM pg_advisory_xact_lock(44, hashtext(p_measure || ':' || p_key));
    v_doc := app_own_report(p_measure, NULL, p_key);
    IF v_doc IS NOT NULL THEN
      RETURN json_build_object('doc', v_doc, 'created', false);
    END IF;
  END IF;
  PERFORM app_assert(v_officer OR v_involved, 'TH403',
                     'Your organisation neither leads nor supports this measure.');
  PERFORM app_assert_at(coalesce((p ->> 'reported_on')::date, current_date) <= current_date,
                        'TH422', 'A progress report cannot be dated in the future.',
                        '/reported_on');
  INSERT INTO progress_report (municipality_id, measure_id, reported_on, status,
                               progress, text, organisation_id, author_account_id,
                               author_client_id, idempotency_key)
  VALUES (v_mid, p_measure, coalesce((p ->> 'reported_on')::date, current_date),
          p ->> 'status', (p ->> 'progress')::smallint, btrim(p ->> 'text'),
          CASE WHEN v_officer THEN NULL ELSE app_org(v_mid) END,
          app_account_id(), app_client_id(), p_key)
  ON CONFLICT (measure_id, coalesce(author_account_id, 0),
               coalesce(author_client_id, 0), idempotency_key)
     WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    -- the same key arrived twice at once; the other one won
    RETURN json_build_object('doc', app_own_report(p_measure, NULL, p_key),
                             'created', false);
  END IF;
  RETURN json_build_object('doc', app_own_report(p_measure, v_id, NULL),
                           'created', true);
END
$$;

-- Privileges: the service role calls only what it is granted.
REVOKE ALL ON FUNCTION progress_report_apply(),
  app_reports_on_measure(bigint,bigint), author_ref(bigint,bigint),
  app_own_report(bigint,bigint,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_reports_on_measure(bigint,bigint),
  author_ref(bigint,bigint), app_own_report(bigint,bigint,text)
  TO teilhabe_app;
GRANT SELECT ON progress_report_doc TO teilhabe_app;
