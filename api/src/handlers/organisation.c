/*
 * organisation.c: the Akteure and Träger of the district, the basic record
 * (name, kind, contact, the municipalities served) and the profile
 * (description, address, website, phone, languages). Everybody signed in
 * reads them; officers and district admins add them; partners edit their
 * own, officers those serving their municipalities, the district admin
 * all (api_organisation_update holds the rule).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ags.h"
#include "../api.h"
#include "../caller.h"
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "handlers.h"

static struct db_stmt q_list = DB_QUERY(
	"SELECT d.doc, d.name, d.id FROM organisation_doc d"
	" WHERE ($1::text IS NULL OR EXISTS (SELECT FROM"
	"   organisation_municipality om JOIN municipality mu"
	"   ON mu.id = om.municipality_id"
	"  WHERE om.organisation_id = d.id AND mu.ags = $1))"
	" AND ($2::text IS NULL OR d.kind = $2)"
	" AND ($3::text IS NULL OR strpos(lower(d.name), lower($3)) > 0)"
	" AND ($4::text IS NULL OR (d.name COLLATE \"de-x-icu\", d.id)"
	"   > ($4 COLLATE \"de-x-icu\", $5::bigint))"
	" ORDER BY d.name COLLATE \"de-x-icu\", d.id LIMIT $6::int + 1");
static struct db_stmt q_get = DB_QUERY(
	"SELECT organisation_profile_doc(o), md5(organisation_profile_doc(o)"
	"::text) FROM organisation o WHERE o.id = $1::bigint");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_organisation_update("
		"$1::bigint, $2::jsonb, $3)");
static struct db_stmt q_check = DB_STMT(
	"SELECT app_assert((SELECT count(*) FROM json_array_elements_text("
	"$1::json) AS a (ags) JOIN municipality mu ON mu.ags = a.ags"
	" AND mu.id = ANY (app_mids('{officer}')))"
	" = json_array_length($1::json), 'TH422',"
	" 'The organisation names a municipality you do not manage.')");
static struct db_stmt q_insert = DB_STMT(
	"INSERT INTO organisation (district_id, name, kind, contact_email,"
	" created_by) VALUES (app_district_id(), btrim($1), $2, $3,"
	" app_account_id())");
static struct db_stmt q_serve =
	DB_STMT("INSERT INTO organisation_municipality (municipality_id,"
		" organisation_id) SELECT mu.id, currval('organisation_id_seq')"
		" FROM json_array_elements_text($1::json) AS a (ags)"
		" JOIN municipality mu ON mu.ags = a.ags");
static struct db_stmt q_doc_new = DB_STMT(
	"SELECT organisation_profile_doc(o), md5(organisation_profile_doc(o)"
	"::text), o.id FROM organisation o"
	" WHERE o.id = currval('organisation_id_seq')");

static const struct field create_fields[] = {
	{ "name", FIELD_STRING, FIELD_REQUIRED, 1, 200, NULL },
	{ "kind", FIELD_ENUM, FIELD_REQUIRED, 0, 0, enum_organisation_kind },
	{ "contact_email", FIELD_EMAIL, FIELD_NULLABLE, 0, 0, NULL },
	{ "municipalities", FIELD_ARRAY, 0, 0, 100, NULL },
};

static const struct field update_fields[] = {
	{ "name", FIELD_STRING, 0, 1, 200, NULL },
	{ "kind", FIELD_ENUM, 0, 0, 0, enum_organisation_kind },
	{ "contact_email", FIELD_EMAIL, FIELD_NULLABLE, 0, 0, NULL },
	{ "description", FIELD_STRING, FIELD_NULLABLE, 0, 5000, NULL },
	{ "street", FIELD_STRING, FIELD_NULLABLE, 0, 200, NULL },
	{ "postcode", FIELD_STRING, FIELD_NULLABLE, 0, 5, NULL },
	{ "city", FIELD_STRING, FIELD_NULLABLE, 0, 100, NULL },
	{ "website", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },
	{ "phone", FIELD_STRING, FIELD_NULLABLE, 0, 40, NULL },
	{ "languages", FIELD_ENUMS, 0, 0, 24, enum_language },
	{ "municipalities", FIELD_ARRAY, 0, 0, 100, NULL },
};

static const struct filter filters[] = {
	{ .name = "municipality", .kind = FILTER_AGS },
	{ .name = "kind",
	  .kind = FILTER_ENUM,
	  .values = enum_organisation_kind,
	  .message = "is not a kind of organisation" },
	{ .name = "q", .kind = FILTER_TEXT },
};
static const enum key_kind keys[] = { KEY_TEXT, KEY_ID };
static const char not_found[] = "There is no such organisation.";

int organisation_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys),
					    .page_first = 1 };
	return list_run(r, &s);
}

int organisation_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int organisation_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = update_fields,
		.nfields = ARRAY_SIZE(update_fields),
		.st = &q_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int organisation_create(struct req *r)
{
	struct db_result *res = NULL;
	struct sbuf errs = { 0 };
	json_t *served, *v;
	char *sjson = NULL, loc[96];
	size_t i;
	int status, err;

	if ((status = fields_check(r, create_fields, ARRAY_SIZE(create_fields),
				   1)) != 0)
		return status;
	served = json_object_get(r->json, "municipalities");
	json_array_foreach(served, i, v)
	{
		const char *ags = json_string_value(v);
		char p[48];

		snprintf(p, sizeof(p), "/municipalities/%zu", i);
		if (!ags_valid(ags))
			fields_add_error(&errs, p, "must be an 8-digit AGS");
		else if (!r->caller.district_admin &&
			 !(caller_role_in(&r->caller, ags, NULL) &
			   ROLE_OFFICER))
			fields_add_error(&errs, p,
					 "is not a municipality you manage");
		else
			for (size_t j = 0; j < i; j++)
				if (json_equal(v, json_array_get(served, j))) {
					fields_add_error(&errs, p,
							 "is listed twice");
					break;
				}
	}
	if (!r->caller.district_admin && json_array_size(served) == 0 &&
	    !errs.len)
		fields_add_error(&errs, "/municipalities",
				 "needs a municipality you manage");
	if (errs.len) {
		status = fields_reply(r, &errs);
		goto out;
	}
	sjson = json_dumps(served ? served : json_array(), JSON_COMPACT);
	const char *p1[] = {
		json_string_value(json_object_get(r->json, "name")),
		json_string_value(json_object_get(r->json, "kind")),
		json_string_value(json_object_get(r->json, "contact_email")),
	};
	const char *p2[] = { sjson };
	struct db_step steps[] = {
		{ &q_check, p2 },
		{ &q_insert, p1 },
		{ &q_serve, p2 },
		{ &q_doc_new, NULL },
	};
	err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
			    DB_NSTEPS(steps));
	if (err == API_ECONFLICT)
		status = reply_problem(r, 409,
				       "An organisation of this name exists "
				       "already.",
				       NULL, NULL);
	else if (err < 0)
		status = resource_db_error(r, err, res);
	else if (db_nrows(res) != 1)
		status = reply_error(r, API_EINTERNAL);
	else {
		snprintf(loc, sizeof(loc),
			 "Location: /api/v1/organisations/%s\r\n",
			 db_value(res, 0, 2));
		status = reply_resource(r, 201, res, NULL, loc, not_found);
	}
out:
	free(sjson);
	sbuf_free(&errs);
	db_result_free(res);
	return status;
}
