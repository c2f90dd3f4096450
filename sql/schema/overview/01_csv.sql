-- CSV for German spreadsheets (issue #12): the cells and lines of the
-- exports of the catalogue (GET …/measures) and the overview (GET
-- …/overview) with `Accept: text/csv`. The service adds the byte order
-- mark and joins the lines with CRLF; everything about a cell is here.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- A text cell: RFC 4180 quoting with ';' as the separator (a cell holding
-- ';', '"', CR or LF is quoted, '"' doubled), and formula injection
-- neutralised: a cell starting with '=', '+', '-', '@' (or a tab or CR,
-- which spreadsheets skip before such a character) gets a leading "'", so
-- a spreadsheet shows it as text and never runs it. NULL is an empty cell.
CREATE OR REPLACE FUNCTION csv_text(p text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN v IS NULL THEN ''
    WHEN v ~ '[;"\r\n]' THEN '"' || replace(v, '"', '""') || '"'
    ELSE v END
    FROM (SELECT CASE WHEN p ~ '^[=+\-@\t\r]' THEN '''' || p ELSE p END AS v) x
$$;

-- A number cell with a decimal comma (no thousands separator); NULL is
-- an empty cell. Numbers are never quoted, so spreadsheets read them as
-- numbers.
CREATE OR REPLACE FUNCTION csv_number(p numeric) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(replace(p::text, '.', ','), '')
$$;

-- A date cell, TT.MM.JJJJ; NULL is an empty cell.
CREATE OR REPLACE FUNCTION csv_date(p date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(to_char(p, 'DD.MM.YYYY'), '')
$$;

-- A yes/no cell.
CREATE OR REPLACE FUNCTION csv_bool(p boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN p THEN 'ja' WHEN NOT p THEN 'nein' ELSE '' END
$$;

-- The German term of a code in the exports: the words of the web client
-- (web/js/catalogue/terms.js; tests/api/csv.test.mjs compares them). A
-- code without a term is shown as it is.
CREATE OR REPLACE FUNCTION csv_term(p_set text, p_code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(CASE p_set
    WHEN 'measure_status' THEN CASE p_code
      WHEN 'proposed' THEN 'vorgeschlagen' WHEN 'planned' THEN 'geplant'
      WHEN 'in_progress' THEN 'in Umsetzung' WHEN 'completed' THEN 'abgeschlossen'
      WHEN 'suspended' THEN 'ausgesetzt' WHEN 'dropped' THEN 'verworfen' END
    WHEN 'report_status' THEN CASE p_code
      WHEN 'on_track' THEN 'im Plan' WHEN 'delayed' THEN 'verzögert'
      WHEN 'at_risk' THEN 'gefährdet' WHEN 'completed' THEN 'abgeschlossen'
      WHEN 'none' THEN 'kein Sachstand' END
    WHEN 'horizon' THEN CASE p_code
      WHEN 'short' THEN 'kurzfristig' WHEN 'medium' THEN 'mittelfristig'
      WHEN 'long' THEN 'langfristig' END
    WHEN 'visibility' THEN CASE p_code
      WHEN 'internal' THEN 'intern (Verwaltung und Steuerungsgruppe)'
      WHEN 'partners' THEN 'für Partner sichtbar' WHEN 'public' THEN 'öffentlich' END
    END, p_code)
$$;

-- The names of organisations, comma-separated, in the order given (the
-- catalogue names its partner organisations to whoever reads the measure).
CREATE OR REPLACE FUNCTION org_names(p_ids bigint[]) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT string_agg(o.name, ', ' ORDER BY u.n)
    FROM unnest(p_ids) WITH ORDINALITY AS u (id, n)
    JOIN organisation o ON o.id = u.id
$$;

-- The header of the catalogue's CSV; measure_csv.line has these columns.
CREATE OR REPLACE FUNCTION measure_csv_header() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'ID;Rang;Code;Titel;Handlungsfeld;Status;Begründung;Fortschritt (%);'
         'Zeithorizont;Geplanter Beginn;Geplantes Ende;Tatsächlicher Beginn;'
         'Tatsächliches Ende;Überfällig;Letzter Sachstand vom;'
         'Stand des letzten Sachstands;Federführung;Beteiligte Träger;'
         'Budget (EUR);Sichtbarkeit;Übergeordnete Maßnahme (ID)'
$$;

-- The measures with the columns the catalogue's filters use (those of
-- measure_doc, read as the caller: row-level security applies) and each
-- measure's CSV line.
CREATE OR REPLACE VIEW measure_csv WITH (security_invoker = true) AS
SELECT m.municipality_id, m.id, m.concept_id, m.rank, m.status, m.horizon,
       m.action_field_id, m.goal_ids, m.lead_organisation_id, m.target_groups,
       m.visibility, m.parent_id, m.updated_at, m.search,
       m.partner_organisation_ids, m.progress, m.last_report_on,
       coalesce(m.last_report_status, 'none') AS report_status,
       measure_overdue(m.planned_end, m.status) AS overdue,
       concat_ws(';', m.id::text, m.rank::text, csv_text(m.code), csv_text(m.title),
                 csv_text(f.name), csv_term('measure_status', m.status),
                 csv_text(m.status_reason), m.progress::text,
                 csv_term('horizon', m.horizon), csv_date(m.planned_start),
                 csv_date(m.planned_end), csv_date(m.actual_start),
                 csv_date(m.actual_end),
                 csv_bool(measure_overdue(m.planned_end, m.status)),
                 csv_date(m.last_report_on),
                 csv_term('report_status', coalesce(m.last_report_status, 'none')),
                 csv_text(org_ref(m.lead_organisation_id) ->> 'name'),
                 csv_text(CASE WHEN m.partner_organisation_ids <> '{}'
                               THEN org_names(m.partner_organisation_ids) END),
                 csv_number(m.budget), csv_term('visibility', m.visibility),
                 coalesce(m.parent_id::text, '')) AS line
  FROM measure m
  JOIN action_field f ON f.municipality_id = m.municipality_id
                     AND f.id = m.action_field_id;

-- The header of the overview's CSV: the Handlungsfeld table, one row per
-- action field and a last row „Gesamt“ (overview_csv gives the rows).
CREATE OR REPLACE FUNCTION overview_csv_header() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'Handlungsfeld;Maßnahmen;vorgeschlagen;geplant;in Umsetzung;'
         'abgeschlossen;ausgesetzt;verworfen;Mittlerer Fortschritt (%);'
         'verzögert;gefährdet;ohne Sachstand seit sechs Monaten;überfällig'
$$;

-- The rows of the overview's CSV from its JSON document (api_overview).
CREATE OR REPLACE FUNCTION overview_csv(p json) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(';', csv_text(r.name), r.g ->> 'measures',
                   r.g -> 'by_status' ->> 'proposed', r.g -> 'by_status' ->> 'planned',
                   r.g -> 'by_status' ->> 'in_progress',
                   r.g -> 'by_status' ->> 'completed',
                   r.g -> 'by_status' ->> 'suspended', r.g -> 'by_status' ->> 'dropped',
                   csv_number((r.g ->> 'mean_progress')::numeric),
                   r.g ->> 'delayed', r.g ->> 'at_risk', r.g ->> 'stale',
                   r.g ->> 'overdue')
    FROM (SELECT f ->> 'name' AS name, f AS g, n
            FROM json_array_elements(p -> 'action_fields') WITH ORDINALITY AS a (f, n)
          UNION ALL
          SELECT 'Gesamt', p -> 'totals', 2147483647) r
   ORDER BY r.n
$$;

REVOKE ALL ON FUNCTION org_names(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION org_names(bigint[]) TO teilhabe_app;
GRANT SELECT ON measure_csv TO teilhabe_app;
