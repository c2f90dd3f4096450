-- docker-init.sql: first start of the `db` container in docker-compose.yml
-- (run once by the postgres image from /docker-entrypoint-initdb.d/, as the
-- superuser, on an empty data directory). The same roles and database as
-- sql/cluster.sh creates for `make run`:
--
--   teilhabe_owner  owns the database `teilhabe`; runs the migrations
--   teilhabe_app    the service's login role: owns nothing, not a superuser,
--                   cannot bypass row-level security; gets only what the
--                   migrations grant it
--
-- Passwords come from the container's environment (psql 15's \getenv), so
-- none is written in this file.

\set ON_ERROR_STOP on

\getenv owner_password TEILHABE_OWNER_PASSWORD
\getenv app_password TEILHABE_APP_PASSWORD

\if :{?owner_password}
\else
  \warn 'docker-init.sql: TEILHABE_OWNER_PASSWORD is not set'
  SELECT 1/0 AS teilhabe_owner_password_missing;
\endif
\if :{?app_password}
\else
  \warn 'docker-init.sql: TEILHABE_APP_PASSWORD is not set'
  SELECT 1/0 AS teilhabe_app_password_missing;
\endif

CREATE ROLE teilhabe_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_password';
CREATE ROLE teilhabe_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'app_password';
-- Generic plans ignore the tenant index under row-level security.
ALTER ROLE teilhabe_app SET plan_cache_mode = force_custom_plan;

CREATE DATABASE teilhabe OWNER teilhabe_owner
  ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0;

-- Only our two roles may connect.
REVOKE ALL ON DATABASE teilhabe FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE teilhabe TO teilhabe_app;

\connect teilhabe
-- PostgreSQL 15 already denies CREATE on public to PUBLIC; say so anyway.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER DATABASE teilhabe SET timezone = 'Europe/Berlin';
