/*
 * api_client.c: the API clients of partner systems in a municipality. A
 * client acts as a partner of its organisation there, limited to its
 * scopes; its secret is shown once and stored as a hash. Officers and
 * district admins manage them; the steering group reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

#include "../api.h"
#include "../caller.h"
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../router.h"
#include "../secret.h"
#include "../server.h"
#include "handlers.h"

#define FROM_SQL                                                               \
	" FROM api_client_doc d JOIN municipality mu"                          \
	" ON mu.id = d.municipality_id WHERE mu.ags = $1"

static struct db_stmt q_list =
	DB_QUERY("SELECT d.doc, d.id" FROM_SQL
		 " AND ($2::bigint IS NULL OR d.id > $2::bigint)"
		 " ORDER BY d.id LIMIT $3::int + 1");
static struct db_stmt q_get = DB_QUERY("SELECT d.doc, md5(d.doc::text)" FROM_SQL
				       " AND d.id = $2::bigint");
static struct db_stmt q_check = DB_STMT(
	"SELECT app_assert(EXISTS (SELECT FROM municipality WHERE ags = $1"
	" AND id = ANY (app_mids('{officer}'))), 'TH404',"
	" 'There is no such municipality.'),"
	" app_assert(EXISTS (SELECT FROM organisation_municipality om"
	" JOIN municipality mu ON mu.id = om.municipality_id"
	" WHERE mu.ags = $1 AND om.organisation_id = $2::bigint), 'TH422',"
	" 'The organisation does not serve this municipality.')");
static struct db_stmt q_insert = DB_STMT(
	"INSERT INTO api_client (municipality_id, client_id, secret_hash,"
	" name, organisation_id, scopes, created_by)"
	" SELECT mu.id, $2, $3::bytea, btrim($4), $5::bigint,"
	" ARRAY(SELECT json_array_elements_text($6::json)), app_account_id()"
	" FROM municipality mu WHERE mu.ags = $1");
static struct db_stmt q_doc_new =
	DB_STMT("SELECT doc, md5(doc::text), id FROM api_client_doc"
		" WHERE id = currval('api_client_id_seq')");
static struct db_stmt q_revoke =
	DB_STMT("WITH u AS (UPDATE api_client c SET status = 'revoked'"
		" FROM municipality mu WHERE mu.id = c.municipality_id"
		" AND mu.ags = $1 AND c.id = $2::bigint RETURNING 1)"
		" SELECT app_assert(EXISTS (SELECT FROM u), 'TH404',"
		" 'There is no such API client.')");

static const struct field create_fields[] = {
	{ "name", FIELD_STRING, FIELD_REQUIRED, 1, 200, NULL },
	{ "organisation_id", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL },
	{ "scopes", FIELD_ENUMS, FIELD_REQUIRED, 1, 4, enum_api_client_scope },
};

static const enum key_kind id_key[] = { KEY_ID };
static const char not_found[] = "There is no such API client.";

int api_client_list(struct req *r)
{
	static const struct list_spec s = { .list = &q_list,
					    .keys = id_key,
					    .nkeys = ARRAY_SIZE(id_key) };
	return list_run(r, &s);
}

int api_client_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int api_client_create(struct req *r)
{
	const char *ags = req_param(r, "ags");
	struct db_result *res = NULL;
	struct sbuf body = { 0 };
	unsigned char raw[12];
	char client_id[40], secret[SECRET_LEN + 1], hex[SECRET_HEX_LEN + 1],
		hdr[256];
	char *sc = NULL;
	int status, err;

	if ((status = fields_check(r, create_fields, ARRAY_SIZE(create_fields),
				   1)) != 0)
		return status;
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw) ||
	    secret_new(secret, hex) < 0)
		return reply_error(r, API_EINTERNAL);
	strcpy(client_id, "tc_");
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(client_id + 3 + 2 * i, 3, "%02x", raw[i]);
	sc = json_dumps(json_object_get(r->json, "scopes"), JSON_COMPACT);
	const char *org =
		json_string_value(json_object_get(r->json, "organisation_id"));
	const char *p1[] = { ags, org };
	const char *p2[] = {
		ags, client_id,
		hex, json_string_value(json_object_get(r->json, "name")),
		org, sc
	};
	struct db_step steps[] = {
		{ &q_check, p1 },
		{ &q_insert, p2 },
		{ &q_doc_new, NULL },
	};
	err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
			    DB_NSTEPS(steps));
	if (err == API_EUNPROCESSABLE && db_error_message(res)) {
		status = reply_problem(r, 422, db_error_message(res),
				       "[{\"pointer\":\"/organisation_id\","
				       "\"message\":\"does not serve this "
				       "municipality\"}]",
				       NULL);
		goto out;
	}
	if (err < 0) {
		status = resource_db_error(r, err, res);
		goto out;
	}
	if (db_nrows(res) != 1) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	sbuf_adds(&body, "\"client_secret\":");
	sbuf_add_json_str(&body, secret);
	snprintf(hdr, sizeof(hdr),
		 "Location: /api/v1/municipalities/%s/api-clients/%s\r\n"
		 "Cache-Control: no-store\r\n",
		 ags, db_value(res, 0, 2));
	status = reply_resource(r, 201, res, body.p, hdr, not_found);
out:
	free(sc);
	sbuf_free(&body);
	db_result_free(res);
	return status;
}

int api_client_revoke(struct req *r)
{
	static const struct change_spec s = { .st = &q_revoke,
					      .with_id = 1,
					      .not_found = not_found,
					      .no_content = 1 };
	return change_run(r, &s);
}
