/*
 * progress_report.c: Sachstand of a measure. Officers write them, and
 * partners whose organisation leads or supports the measure (API clients
 * with progress:write). A report is a record: it is never changed. A
 * repeated POST with the same Idempotency-Key gives the first report.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <stdlib.h>

#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "handlers.h"

static const struct field fields[] = {
	{ "reported_on", FIELD_DATE, 0, 0, 0, NULL },
	{ "status", FIELD_ENUM, FIELD_REQUIRED, 0, 0, enum_progress_status },
	{ "progress", FIELD_INT, FIELD_REQUIRED, 0, 100, NULL },
	{ "text", FIELD_STRING, FIELD_REQUIRED, 1, 10000, NULL },
};

static struct db_stmt q_list = DB_QUERY(
	"SELECT d.doc, d.reported_on::text, d.id FROM progress_report_doc d"
	" WHERE d.municipality_id = (SELECT id FROM municipality"
	" WHERE ags = $1) AND d.measure_id = $2::bigint"
	" AND ($3::date IS NULL OR (d.reported_on, d.id) < ($3::date,"
	" $4::bigint))"
	" ORDER BY d.reported_on DESC, d.id DESC LIMIT $5::int + 1");
static struct db_stmt q_get =
	DB_QUERY("SELECT doc, md5(doc::text) FROM progress_report_doc"
		 " WHERE municipality_id = (SELECT id FROM municipality"
		 " WHERE ags = $1) AND id = $2::bigint");
static struct db_stmt q_create = DB_STMT(
	"SELECT x -> 'doc', md5((x -> 'doc')::text), x -> 'doc' ->> 'id',"
	" x ->> 'created'"
	" FROM api_progress_report_create($1, $2::bigint, $3::jsonb, $4) x");

extern struct db_stmt measure_visible;

static const enum key_kind keys[] = { KEY_TIME, KEY_INT };

int progress_report_list(struct req *r)
{
	static const struct list_spec s = { .check = &measure_visible,
					    .parent = "id",
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int progress_report_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found =
						   "There is no such progress "
						   "report." };
	return get_run(r, &s);
}

/* An Idempotency-Key: 1 to 200 visible ASCII characters. */
static int key_valid(const char *k)
{
	size_t n = strlen(k);

	if (n < 1 || n > 200)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (k[i] < 0x21 || k[i] > 0x7e)
			return 0;
	return 1;
}

int progress_report_create(struct req *r)
{
	const char *key = req_header(r, "Idempotency-Key");
	struct db_result *res = NULL;
	char *body = NULL;
	char hdr[256];
	int status, err, created;

	if (!id_valid(req_param(r, "id")))
		return reply_problem(r, 404, "There is no such measure.", NULL,
				     NULL);
	if (key && !key_valid(key))
		return reply_problem(r, 400,
				     "The Idempotency-Key header must have 1 "
				     "to 200 visible ASCII characters.",
				     NULL, NULL);
	if ((status = fields_check(r, fields, 4, 1)) != 0)
		return status;
	body = json_dumps(r->json, JSON_COMPACT);
	const char *p[] = { req_param(r, "ags"), req_param(r, "id"), body,
			    key };
	if ((err = db_exec(&res, r->srv->pool, r->claims, &q_create, p)) < 0) {
		status = resource_db_error(r, err, res);
		goto out;
	}
	created = db_nrows(res) == 1 && !strcmp(db_value(res, 0, 3), "true");
	if (created) {
		snprintf(hdr, sizeof(hdr),
			 "Location: /api/v1/municipalities/%s/"
			 "progress-reports/%s\r\n",
			 req_param(r, "ags"), db_value(res, 0, 2));
		status = reply_resource(r, 201, res, NULL, hdr,
					"There is no such measure.");
	} else {
		status = reply_resource(r, 200, res, NULL, NULL,
					"There is no such measure.");
	}
out:
	free(body);
	db_result_free(res);
	return status;
}
