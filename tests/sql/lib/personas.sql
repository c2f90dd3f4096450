-- pgTAP helpers shared by the files of tests/sql/ (loaded with
-- `\ir lib/personas.sql` after BEGIN and plan()): the demo personas and the
-- claims their tokens would carry, and the functions that act as one of
-- them and observe what happened. Everything is temporary (pg_temp), gone
-- with the test's transaction.
--
-- The files run as the cluster's superuser inside a transaction that is
-- rolled back, against the demo data (sql/demo). The service's view is
-- taken with SET LOCAL ROLE teilhabe_app plus a token's claims, put into
-- the transaction by app_begin() as the service does (pg_temp.act_as).
-- The superuser (who bypasses row-level security) sets up and checks what
-- really happened (pg_temp.truth).

-- The claims a token of the account would carry now (the shape
-- auth_claims() gives them, without "sid"), as the superuser builds them.
CREATE FUNCTION pg_temp.claims_of(p_email text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'sub', a.id::text, 'did', a.district_id, 'dadm', a.district_admin,
           'mem', coalesce((
             SELECT json_agg(json_build_object('mid', m.municipality_id, 'ags', mu.ags,
                                               'role', m.role, 'org', m.organisation_id)
                             ORDER BY mu.ags)
               FROM membership m JOIN municipality mu ON mu.id = m.municipality_id
              WHERE m.account_id = a.id), '[]'))::text
    FROM account a WHERE lower(a.email) = p_email
$$;

-- Who is who: the demo accounts and their claims as the tests begin. A
-- file may add personas of its own (an account it creates, a session).
CREATE TEMP TABLE persona (
  name         text PRIMARY KEY,
  id           bigint,
  email        text,
  display_name text,
  claims       text
);
INSERT INTO persona (name, id, email, display_name, claims)
SELECT v.name, a.id, a.email, a.display_name, pg_temp.claims_of(v.email)
  FROM (VALUES
         ('dadm', 'kreis@musterkreis.example'),
         ('steering_stadt', 'buergermeisterin@musterstadt.example'),
         ('officer_stadt', 'integration@musterstadt.example'),
         ('officer_lingen', 'integration@musterlingen.example'),
         ('steering_lingen', 'familienamt@musterlingen.example'),
         ('partner', 'migrationsdienst@caritas-musterkreis.example')
       ) AS v (name, email)
  JOIN account a ON lower(a.email) = v.email;
GRANT SELECT, INSERT, UPDATE ON persona TO teilhabe_app;

-- an account's id by persona
CREATE FUNCTION pg_temp.aid(p_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pg_temp.persona WHERE name = p_name $$;

-- a municipality's id by AGS (municipalities are public)
CREATE FUNCTION pg_temp.mid(p_ags text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM municipality WHERE ags = p_ags $$;

-- Starts acting as a persona, the way every request starts: app_begin()
-- with the token's claims. NULL: no claims (anonymous, or signing in).
-- Should app_begin refuse, the claims stay empty and the tests that
-- follow fail (rather than the whole file stopping).
CREATE FUNCTION pg_temp.act_as(p_name text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.claims', '', true);
  IF p_name IS NOT NULL THEN
    BEGIN
      PERFORM app_begin((SELECT claims FROM pg_temp.persona WHERE name = p_name));
    EXCEPTION WHEN OTHERS THEN
      RETURN diag('could not act as ' || p_name || ': ' || SQLSTATE || ' ' || SQLERRM);
    END;
  END IF;
  RETURN diag('acting as ' || coalesce(p_name, 'nobody') || ' (' || current_user || ')');
END
$$;

-- The number of rows a statement changed, as the current role; -1 (and a
-- warning) when it raised an error.
CREATE FUNCTION pg_temp.changed(p_sql text) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  EXECUTE p_sql;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'changed(): % %', SQLSTATE, SQLERRM;
  RETURN -1;
END
$$;

-- The SQLSTATE a statement raised as the current role ('none' when it
-- went through; then its effect stays).
CREATE FUNCTION pg_temp.sqlstate(p_sql text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE p_sql;
  RETURN 'none';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END
$$;

-- The truth, as the superuser sees it: the ids a query returns, sorted.
CREATE FUNCTION pg_temp.truth(p_sql text) RETURNS bigint[]
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  r bigint[];
BEGIN
  EXECUTE 'SELECT coalesce(array_agg(x ORDER BY x), ''{}'') FROM (' || p_sql || ') AS q (x)'
    INTO r;
  RETURN r;
END
$$;
