-- Bench data: an officer of one bench municipality (bench/run.sh). Run as
-- the schema owner against the bench database, after bench/catalogue.sql:
--
--   psql -X -q -v ON_ERROR_STOP=1 -v email=... -v ags=05990001 \
--        -v hash="$(printf %s "$password" | teilhabe hash-password)" \
--        -f bench/officer.sql "$TEILHABE_OWNER_DATABASE_URL"
--
-- Safe to run again (the password is set anew).
\set ON_ERROR_STOP 1

INSERT INTO account (district_id, email, display_name, password_hash)
SELECT d.id, :'email', 'Lastprobe ' || :'ags' || ' (Integrationsbeauftragte)', :'hash'
  FROM district d WHERE d.code = '05990'
ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash;

INSERT INTO membership (municipality_id, account_id, role)
SELECT mu.id, a.id, 'officer'
  FROM municipality mu, account a
 WHERE mu.ags = :'ags' AND lower(a.email) = lower(:'email')
ON CONFLICT (municipality_id, account_id) DO UPDATE SET role = 'officer';

SELECT set_config('bench.email', :'email', false) AS bench_email,
       set_config('bench.ags', :'ags', false) AS bench_ags \gset
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM membership ms JOIN account a ON a.id = ms.account_id
                  JOIN municipality mu ON mu.id = ms.municipality_id
                 WHERE ms.role = 'officer'
                   AND lower(a.email) = lower(current_setting('bench.email'))
                   AND mu.ags = current_setting('bench.ags')) THEN
    RAISE EXCEPTION 'bench officer: no membership (is the municipality there?)';
  END IF;
END
$$;
