-- Building blocks every family uses: assertions that raise the
-- service's error codes, If-Match, JSON arrays as SQL arrays, search
-- queries, updated_at.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

-- Raises SQLSTATE code (class TH: the service shows the message to the
-- caller) unless ok.
CREATE OR REPLACE FUNCTION app_assert(p_ok boolean, p_code text, p_message text)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF p_ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', p_message USING ERRCODE = p_code;
  END IF;
  RETURN true;
END
$$;

-- The same, naming the request field at fault (a JSON pointer, carried in
-- the error's DETAIL to the problem's errors[].pointer).
CREATE OR REPLACE FUNCTION app_assert_at(p_ok boolean, p_code text, p_message text,
                              p_pointer text)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF p_ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', p_message USING ERRCODE = p_code, DETAIL = p_pointer;
  END IF;
  RETURN true;
END
$$;

-- If-Match: p_expected is the header as sent (NULL when absent), p_actual
-- the current entity tag without quotes. Raises TH412 on a mismatch.
CREATE OR REPLACE FUNCTION app_if_match(p_actual text, p_expected text) RETURNS boolean
LANGUAGE sql AS $$
  SELECT app_assert(p_expected IS NULL OR btrim(p_expected) = '*'
                    OR position('"' || p_actual || '"' IN p_expected) > 0,
                    'TH412', 'The resource was changed since you read it; '
                             'reload it and apply your change again.')
$$;

-- The full-text query for a search box, in web-search syntax (words,
-- "phrases", or, -word) with German stems, each stem matched as the start
-- of a word ("Sprachkurs" finds "Sprachkurse", whose stems differ).
CREATE OR REPLACE FUNCTION app_search_query(p text) RETURNS tsquery
LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(websearch_to_tsquery('german'::regconfig, p)::text,
                        '(''(?:[^'']|'''')+'')', '\1:*', 'g')::tsquery
$$;

-- A bigint[] from a JSON array of id strings.
CREATE OR REPLACE FUNCTION app_ids(p jsonb) RETURNS bigint[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x::bigint ORDER BY n), '{}')
    FROM jsonb_array_elements_text(p) WITH ORDINALITY AS a (x, n)
$$;

CREATE OR REPLACE FUNCTION app_texts(p jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x ORDER BY n), '{}')
    FROM jsonb_array_elements_text(p) WITH ORDINALITY AS a (x, n)
$$;
