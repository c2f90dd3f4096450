-- The API's representations of networks and organisation profiles.
--
-- Re-applied by `teilhabe migrate` after the migrations, on every run:
-- every statement here must be re-runnable (README, "Migrations and
-- schema files").

-- {ags, name} of the municipalities a network spans, by AGS.
CREATE OR REPLACE FUNCTION network_municipalities(p_network bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object('ags', mu.ags, 'name', mu.name)
                           ORDER BY mu.ags), '[]'::json)
    FROM municipality mu WHERE mu.id = ANY (network_mids(p_network))
$$;

CREATE OR REPLACE FUNCTION network_list_doc(n network) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', n.id::text, 'name', n.name, 'kind', n.kind, 'purpose', n.purpose,
           'visibility', n.visibility,
           'coordinator', CASE WHEN n.coordinator_organisation_id IS NOT NULL
                               THEN org_ref(n.coordinator_organisation_id) END,
           'member_count', (SELECT count(*) FROM network_member m
                             WHERE m.network_id = n.id),
           'municipalities', network_municipalities(n.id))
$$;

-- A network with its members and the measures it carries (those the
-- caller may see).
CREATE OR REPLACE FUNCTION network_doc(n network) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT (network_list_doc(n)::jsonb || jsonb_build_object(
           'members', coalesce((
             SELECT jsonb_agg(jsonb_build_object(
                      'organisation', jsonb_build_object('id', o.id::text, 'name', o.name,
                                                         'kind', o.kind),
                      'role', m.role, 'since', m.since)
                    ORDER BY array_position(ARRAY['provider', 'cooperation_partner',
                                                  'member'], m.role),
                             o.name COLLATE "de-x-icu", o.id)
               FROM network_member m JOIN organisation o ON o.id = m.organisation_id
              WHERE m.network_id = n.id), '[]'::jsonb),
           'measures', coalesce((
             SELECT jsonb_agg(jsonb_build_object('id', me.id::text, 'code', me.code,
                                                 'title', me.title, 'status', me.status)
                              ORDER BY me.code, me.id)
               FROM network_measure nm JOIN measure me ON me.id = nm.measure_id
              WHERE nm.network_id = n.id), '[]'::jsonb),
           'created_at', n.created_at, 'updated_at', n.updated_at))::json
$$;

-- What the public sees of a public network: its members and coordinator
-- by name, never who made it.
CREATE OR REPLACE FUNCTION network_public_doc(n network) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', n.id::text, 'name', n.name, 'kind', n.kind, 'purpose', n.purpose,
           'coordinator', CASE WHEN n.coordinator_organisation_id IS NOT NULL
                               THEN org_ref(n.coordinator_organisation_id) END,
           'municipalities', network_municipalities(n.id),
           'members', coalesce((
             SELECT json_agg(json_build_object('organisation', org_ref(m.organisation_id),
                                               'role', m.role)
                             ORDER BY array_position(ARRAY['provider', 'cooperation_partner',
                                                           'member'], m.role),
                                      org_ref(m.organisation_id) ->> 'name' COLLATE "de-x-icu",
                                      m.organisation_id)
               FROM network_member m WHERE m.network_id = n.id), '[]'::json))
$$;

-- An organisation with its profile: the record, the address of the
-- organisation, the languages it works in and the municipalities it
-- serves with their names.
CREATE OR REPLACE FUNCTION organisation_profile_doc(o organisation) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
           'id', o.id::text, 'name', o.name, 'kind', o.kind,
           'contact_email', o.contact_email, 'description', o.description,
           'street', o.street, 'postcode', o.postcode, 'city', o.city,
           'website', o.website, 'phone', o.phone,
           'languages', to_json(o.languages),
           'municipalities', coalesce((
             SELECT json_agg(json_build_object('ags', mu.ags, 'name', mu.name)
                             ORDER BY mu.ags)
               FROM organisation_municipality om
               JOIN municipality mu ON mu.id = om.municipality_id
              WHERE om.organisation_id = o.id), '[]'::json),
           'created_at', o.created_at, 'updated_at', o.updated_at)
$$;
