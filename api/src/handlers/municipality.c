/*
 * municipality.c: the Kommunen of the district, the tenants of the system.
 * Their names and figures are public, so these reads run without the
 * caller's claims (one statement less per request). JSON is built in
 * PostgreSQL and passed through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api.h"
#include "../cursor.h"
#include "../db.h"
#include "../etag.h"
#include "../req.h"
#include "../server.h"
#include "../tenant.h"
#include "handlers.h"

#define LIMIT_DEFAULT 50
#define LIMIT_MAX     200

/*
 * $1, $2: the cursor's (name, ags) or NULL; $3: the page size. One row more
 * than the page is read to learn whether another page follows.
 */
static struct db_stmt q_list =
	DB_QUERY("SELECT doc, name, ags FROM municipality_doc"
		 " WHERE $1::text IS NULL OR (name, ags) > ($1, $2)"
		 " ORDER BY name, ags LIMIT $3::int + 1",
		 3);

static struct db_stmt q_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM municipality_doc WHERE ags = $1", 1);

/* Reads ?limit= into *limit; replies 400 itself and returns -1 when bad. */
static int page_limit(struct req *r, long *limit)
{
	const char *s = req_query(r, "limit");

	*limit = LIMIT_DEFAULT;
	if (s && parse_long(s, 1, LIMIT_MAX, limit) < 0) {
		reply_bad_param(r, "limit",
				"must be a whole number from 1 to 200");
		return -1;
	}
	return 0;
}

int municipality_list(struct req *r)
{
	struct db_result *res = NULL;
	char *keys[2] = { NULL, NULL }, *next = NULL;
	const char *cursor = req_query(r, "cursor");
	char lim[24];
	long limit;
	struct sbuf body = { 0 };
	int status, err, n;

	if (page_limit(r, &limit) < 0)
		return 400;
	if (cursor && cursor_decode(cursor, keys, 2) < 0)
		return reply_bad_param(r, "cursor",
				       "is not a cursor this list gave out");
	snprintf(lim, sizeof(lim), "%ld", limit);
	const char *params[] = { keys[0], keys[1], lim };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_list, params)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	n = db_nrows(res);
	sbuf_adds(&body, "{\"items\":[");
	for (int i = 0; i < n && i < limit; i++) {
		if (i)
			sbuf_adds(&body, ",");
		sbuf_add(&body, db_value(res, i, 0), db_length(res, i, 0));
	}
	sbuf_adds(&body, "],\"next_cursor\":");
	if (n > limit) {
		const char *last[] = { db_value(res, (int)limit - 1, 1),
				       db_value(res, (int)limit - 1, 2) };

		next = cursor_encode(last, 2);
		sbuf_add_json_str(&body, next);
	} else {
		sbuf_adds(&body, "null");
	}
	sbuf_adds(&body, "}");
	status = reply_json(r, 200, body.p, body.len, NULL);
out:
	cursor_keys_free(keys, 2);
	free(next);
	sbuf_free(&body);
	db_result_free(res);
	return status;
}

int municipality_get(struct req *r)
{
	struct db_result *res = NULL;
	const char *ags = req_param(r, "ags");
	char etag[64], hdr[96];
	int status, err;

	if (!ags_valid(ags))
		return reply_bad_param(r, "ags",
				       "must be the 8-digit Amtlicher "
				       "Gemeindeschlüssel");
	const char *params[] = { ags };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_get, params)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(res) == 0) {
		status = reply_problem(r, 404,
				       "There is no municipality with "
				       "this AGS.",
				       NULL, NULL);
		goto out;
	}
	snprintf(etag, sizeof(etag), "\"%s\"", db_value(res, 0, 1));
	snprintf(hdr, sizeof(hdr), "ETag: %s\r\n", etag);
	if (etag_matches(req_header(r, "If-None-Match"), etag, 1))
		status = reply(r, 304, NULL, hdr, NULL, 0);
	else
		status = reply_json(r, 200, db_value(res, 0, 0),
				    db_length(res, 0, 0), hdr);
out:
	db_result_free(res);
	return status;
}
