-- The api_* functions of networks and organisation profiles (called by
-- api/src/handlers/network.c, organisation.c): each a change in one
-- transaction, as the caller, answering (doc, etag, ref).
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- Whether partners of an organisation work in a municipality other than
-- p_mids (they must keep being served there).
CREATE OR REPLACE FUNCTION org_partners_outside(p_org bigint, p_mids bigint[])
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM membership WHERE organisation_id = p_org
                    AND NOT municipality_id = ANY (p_mids))
      OR EXISTS (SELECT FROM api_client WHERE organisation_id = p_org
                    AND status = 'active' AND NOT municipality_id = ANY (p_mids))
$$;
REVOKE ALL ON FUNCTION org_partners_outside(bigint, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION org_partners_outside(bigint, bigint[]) TO teilhabe_app;

CREATE OR REPLACE FUNCTION network_reply(p_id bigint)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE sql STABLE AS $$
  SELECT network_doc(n), n.version::text, n.id::text FROM network n WHERE n.id = p_id
$$;

-- The network p_id as seen in the municipality p_mid, locked for a
-- change; TH404 when it does not work there or the caller may not see it.
CREATE OR REPLACE FUNCTION network_lock(p_mid bigint, p_id bigint, p_if_match text)
RETURNS network
LANGUAGE plpgsql AS $$
DECLARE
  n network;
BEGIN
  SELECT * INTO n FROM network
   WHERE id = p_id AND (municipality_id = p_mid OR p_mid = ANY (network_mids(id)))
   FOR UPDATE;
  PERFORM app_assert(n.id IS NOT NULL, 'TH404', 'There is no such network.');
  PERFORM app_assert(network_managed(n.id), 'TH403',
                     'Networks are changed by the integration offices of the '
                     'municipalities they work in.');
  PERFORM app_if_match(n.version::text, p_if_match);
  RETURN n;
END
$$;

-- The references of a network's fields: the coordinator is an
-- organisation of the district, the municipalities are the district's.
CREATE OR REPLACE FUNCTION network_refs(p jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_bad bigint;
BEGIN
  PERFORM app_assert_at(coalesce(p ->> 'coordinator_organisation_id', '') = ''
                        OR EXISTS (SELECT FROM organisation
                                    WHERE id = (p ->> 'coordinator_organisation_id')::bigint
                                      AND district_id = app_district_id()),
                        'TH422', 'There is no such organisation in the district.',
                        '/coordinator_organisation_id');
  IF p ? 'municipality_ags' THEN
    SELECT a.n - 1 INTO v_bad
      FROM jsonb_array_elements(p -> 'municipality_ags') WITH ORDINALITY AS a (v, n)
     WHERE jsonb_typeof(a.v) <> 'string'
        OR NOT EXISTS (SELECT FROM municipality mu WHERE mu.ags = a.v #>> '{}'
                          AND mu.district_id = app_district_id())
     ORDER BY a.n LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          'There is no such municipality in the district.',
                          '/municipality_ags/' || v_bad);
  END IF;
END
$$;

-- The municipalities a network spans: its home, the one of the path and
-- those listed.
CREATE OR REPLACE FUNCTION network_set_municipalities(p_id bigint, p_home bigint,
                                                      p_mid bigint, p jsonb)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_want bigint[];
BEGIN
  SELECT array_agg(DISTINCT x) INTO v_want
    FROM (SELECT p_home UNION SELECT p_mid
          UNION SELECT mu.id FROM jsonb_array_elements_text(coalesce(p -> 'municipality_ags',
                                                                     '[]')) AS a (ags)
                JOIN municipality mu ON mu.ags = a.ags) s (x);
  DELETE FROM network_municipality
   WHERE network_id = p_id AND NOT municipality_id = ANY (v_want);
  INSERT INTO network_municipality (network_id, municipality_id)
  SELECT p_id, x FROM unnest(v_want) AS x
  ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION api_network_create(p_ags text, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  v_id bigint;
BEGIN
  PERFORM network_refs(p);
  INSERT INTO network (district_id, municipality_id, name, kind, purpose, visibility,
                       coordinator_organisation_id, created_by)
  VALUES (app_district_id(), v_mid, btrim(p ->> 'name'), p ->> 'kind',
          nullif(btrim(p ->> 'purpose'), ''), coalesce(p ->> 'visibility', 'internal'),
          (p ->> 'coordinator_organisation_id')::bigint, app_account_id())
  RETURNING id INTO v_id;
  PERFORM network_set_municipalities(v_id, v_mid, v_mid, p);
  RETURN QUERY SELECT * FROM network_reply(v_id);
END
$$;

CREATE OR REPLACE FUNCTION api_network_update(p_ags text, p_id bigint, p jsonb,
                                              p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  n network := network_lock(v_mid, p_id, p_if_match);
BEGIN
  PERFORM network_refs(p);
  UPDATE network SET
    name = CASE WHEN p ? 'name' THEN btrim(p ->> 'name') ELSE name END,
    kind = CASE WHEN p ? 'kind' THEN p ->> 'kind' ELSE kind END,
    purpose = CASE WHEN p ? 'purpose' THEN nullif(btrim(p ->> 'purpose'), '')
                   ELSE purpose END,
    visibility = CASE WHEN p ? 'visibility' THEN p ->> 'visibility' ELSE visibility END,
    coordinator_organisation_id = CASE WHEN p ? 'coordinator_organisation_id'
                                       THEN (p ->> 'coordinator_organisation_id')::bigint
                                       ELSE coordinator_organisation_id END,
    version = version + 1
  WHERE id = p_id;
  IF p ? 'municipality_ags' THEN
    PERFORM network_set_municipalities(p_id, n.municipality_id, v_mid, p);
  END IF;
  RETURN QUERY SELECT * FROM network_reply(p_id);
END
$$;

CREATE OR REPLACE FUNCTION api_network_delete(p_ags text, p_id bigint, p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  n network := network_lock(v_mid, p_id, p_if_match);
BEGIN
  PERFORM app_assert(n.municipality_id = ANY (app_mids('{officer}')), 'TH403',
                     'A network is deleted by the integration office of the '
                     'municipality that made it.');
  DELETE FROM network WHERE id = p_id;
  RETURN QUERY SELECT NULL::json, NULL::text, p_id::text;
END
$$;

-- Adds an organisation to a network or changes its role.
CREATE OR REPLACE FUNCTION api_network_member_put(p_ags text, p_id bigint, p_org bigint,
                                                  p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  n network := network_lock(v_mid, p_id, NULL);
BEGIN
  PERFORM app_assert(EXISTS (SELECT FROM organisation WHERE id = p_org
                                AND district_id = app_district_id()),
                     'TH404', 'There is no such organisation.');
  INSERT INTO network_member (network_id, organisation_id, role, since)
  VALUES (n.id, p_org, p ->> 'role', (p ->> 'since')::date)
  ON CONFLICT (network_id, organisation_id) DO UPDATE
    SET role = EXCLUDED.role,
        since = CASE WHEN p ? 'since' THEN EXCLUDED.since ELSE network_member.since END;
  UPDATE network SET version = version + 1 WHERE id = n.id;
  RETURN QUERY SELECT * FROM network_reply(n.id);
END
$$;

CREATE OR REPLACE FUNCTION api_network_member_delete(p_ags text, p_id bigint, p_org bigint)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  n network := network_lock(v_mid, p_id, NULL);
BEGIN
  DELETE FROM network_member WHERE network_id = n.id AND organisation_id = p_org;
  PERFORM app_assert(FOUND, 'TH404', 'The organisation is not a member of this network.');
  UPDATE network SET version = version + 1 WHERE id = n.id;
  RETURN QUERY SELECT NULL::json, NULL::text, n.id::text;
END
$$;

-- The measures of the path's municipality a network carries, replaced
-- as a whole (those of other municipalities stay).
CREATE OR REPLACE FUNCTION api_network_measures_put(p_ags text, p_id bigint, p jsonb)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  v_mid bigint := app_tenant(p_ags);
  n network := network_lock(v_mid, p_id, NULL);
  v_bad bigint;
BEGIN
  PERFORM app_assert(app_in(v_mid, '{officer}'), 'TH403',
                     'Measures are linked by the integration office of their municipality.');
  SELECT a.n - 1 INTO v_bad
    FROM jsonb_array_elements_text(p -> 'measure_ids') WITH ORDINALITY AS a (x, n)
   WHERE NOT EXISTS (SELECT FROM measure WHERE municipality_id = v_mid
                        AND id = a.x::bigint)
   ORDER BY a.n LIMIT 1;
  PERFORM app_assert_at(v_bad IS NULL, 'TH422', 'There is no such measure in this municipality.',
                        '/measure_ids/' || v_bad);
  DELETE FROM network_measure WHERE network_id = n.id AND municipality_id = v_mid;
  INSERT INTO network_measure (network_id, municipality_id, measure_id)
  SELECT n.id, v_mid, x FROM unnest(app_ids(p -> 'measure_ids')) AS x;
  UPDATE network SET version = version + 1 WHERE id = n.id;
  RETURN QUERY SELECT * FROM network_reply(n.id);
END
$$;

-- An organisation's record and profile. The district admin changes every
-- one, officers those serving one of their municipalities, partners
-- their own; the municipalities served only the district admin and
-- officers (adding and removing their own municipalities only).
CREATE OR REPLACE FUNCTION api_organisation_update(p_id bigint, p jsonb, p_if_match text)
RETURNS TABLE (doc json, etag text, ref text)
LANGUAGE plpgsql AS $$
DECLARE
  o organisation;
  v_dadm boolean := app_is_district_admin() AND app_account_id() IS NOT NULL;
  v_officer boolean;
  v_partner boolean;
  v_old bigint[];
  v_new bigint[];
  v_bad bigint;
BEGIN
  -- read first, lock after the check: a row the caller may not change is
  -- not locked (row-level security hides it from FOR UPDATE), and that
  -- is a 403, not a 404
  SELECT * INTO o FROM organisation WHERE id = p_id;
  PERFORM app_assert(o.id IS NOT NULL, 'TH404', 'There is no such organisation.');
  v_officer := app_account_id() IS NOT NULL AND org_serves_any(o.id, app_mids('{officer}'));
  v_partner := app_account_id() IS NOT NULL AND o.id = ANY (app_partner_orgs());
  PERFORM app_assert(v_dadm OR v_officer OR v_partner, 'TH403',
                     'You may edit only your own organisation or those serving '
                     'your municipalities.');
  SELECT * INTO o FROM organisation WHERE id = p_id FOR UPDATE;
  PERFORM app_if_match(md5(organisation_profile_doc(o)::text), p_if_match);
  PERFORM app_assert_at(coalesce(p ->> 'postcode', '') = ''
                        OR p ->> 'postcode' ~ '^[0-9]{5}$', 'TH422',
                        'A postcode has five digits.', '/postcode');
  PERFORM app_assert_at(coalesce(p ->> 'website', '') = ''
                        OR p ->> 'website' ~ '^https?://[^[:space:]]+$', 'TH422',
                        'A website is an address beginning with https:// or http://.',
                        '/website');
  PERFORM app_assert_at(coalesce(p ->> 'phone', '') = ''
                        OR p ->> 'phone' ~ '^\+?[0-9][0-9 ()/-]{2,38}$', 'TH422',
                        'A phone number has digits, spaces, +, (, ), / and - only.',
                        '/phone');
  PERFORM app_assert_at(NOT p ? 'municipalities' OR v_dadm OR v_officer, 'TH403',
                        'The municipalities an organisation serves are set by the '
                        'integration offices.', '/municipalities');
  -- the fields first: an officer removing the last of its municipalities
  -- may no longer change the organisation afterwards
  UPDATE organisation SET
    name = CASE WHEN p ? 'name' THEN btrim(p ->> 'name') ELSE name END,
    kind = CASE WHEN p ? 'kind' THEN p ->> 'kind' ELSE kind END,
    contact_email = CASE WHEN p ? 'contact_email' THEN nullif(btrim(p ->> 'contact_email'), '')
                         ELSE contact_email END,
    description = CASE WHEN p ? 'description' THEN nullif(btrim(p ->> 'description'), '')
                       ELSE description END,
    street = CASE WHEN p ? 'street' THEN nullif(btrim(p ->> 'street'), '') ELSE street END,
    postcode = CASE WHEN p ? 'postcode' THEN nullif(btrim(p ->> 'postcode'), '')
                    ELSE postcode END,
    city = CASE WHEN p ? 'city' THEN nullif(btrim(p ->> 'city'), '') ELSE city END,
    website = CASE WHEN p ? 'website' THEN nullif(btrim(p ->> 'website'), '') ELSE website END,
    phone = CASE WHEN p ? 'phone' THEN nullif(btrim(p ->> 'phone'), '') ELSE phone END,
    languages = CASE WHEN p ? 'languages' THEN app_texts(p -> 'languages') ELSE languages END
  WHERE id = o.id;
  IF p ? 'municipalities' THEN
    SELECT a.n - 1 INTO v_bad
      FROM jsonb_array_elements(p -> 'municipalities') WITH ORDINALITY AS a (v, n)
     WHERE jsonb_typeof(a.v) <> 'string'
        OR NOT EXISTS (SELECT FROM municipality mu WHERE mu.ags = a.v #>> '{}'
                          AND mu.district_id = app_district_id())
     ORDER BY a.n LIMIT 1;
    PERFORM app_assert_at(v_bad IS NULL, 'TH422',
                          'There is no such municipality in the district.',
                          '/municipalities/' || v_bad);
    SELECT coalesce(array_agg(municipality_id), '{}') INTO v_old
      FROM organisation_municipality WHERE organisation_id = o.id;
    SELECT coalesce(array_agg(DISTINCT mu.id), '{}') INTO v_new
      FROM jsonb_array_elements_text(p -> 'municipalities') AS a (ags)
      JOIN municipality mu ON mu.ags = a.ags;
    PERFORM app_assert_at(v_dadm OR NOT EXISTS (
                            SELECT FROM ((SELECT unnest(v_old) EXCEPT SELECT unnest(v_new))
                                         UNION ALL
                                         (SELECT unnest(v_new) EXCEPT SELECT unnest(v_old))) d (x)
                             WHERE NOT d.x = ANY (app_mids('{officer}'))),
                          'TH422', 'You may add and remove only the municipalities you '
                                   'manage.', '/municipalities');
    PERFORM app_assert_at(NOT org_partners_outside(o.id, v_new),
                          'TH409', 'Partners of this organisation still work in a '
                                   'municipality you remove.', '/municipalities');
    DELETE FROM organisation_municipality
     WHERE organisation_id = o.id AND NOT municipality_id = ANY (v_new);
    -- only the new ones: the policy checks every row an INSERT proposes,
    -- those ON CONFLICT would skip too
    INSERT INTO organisation_municipality (municipality_id, organisation_id)
    SELECT x, o.id FROM unnest(v_new) AS x WHERE NOT x = ANY (v_old);
  END IF;
  RETURN QUERY SELECT organisation_profile_doc(x), md5(organisation_profile_doc(x)::text),
                      x.id::text
                 FROM organisation x WHERE x.id = o.id;
END
$$;
