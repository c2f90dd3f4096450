/*
 * municipality.c: the Kommunen of the district, the tenants of the system.
 * Their names and figures are public, so these reads run without the
 * caller's claims (one statement less per request). JSON is built in
 * PostgreSQL and passed through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ags.h"
#include "../api.h"
#include "../cursor.h"
#include "../db.h"
#include "../page.h"
#include "../reply.h"
#include "../req.h"
#include "../server.h"
#include "handlers.h"

/*
 * $1, $2: the cursor's (name, ags) or NULL; $3: the page size. One row more
 * than the page is read to learn whether another page follows.
 */
static struct db_stmt q_list =
	DB_QUERY("SELECT doc, name, ags FROM municipality_doc"
		 " WHERE $1::text IS NULL OR (name, ags) > ($1, $2)"
		 " ORDER BY name, ags LIMIT $3::int + 1");

static struct db_stmt q_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM municipality_doc WHERE ags = $1");

int municipality_list(struct req *r)
{
	struct db_result *res = NULL;
	char *keys[2];
	char lim[24];
	long limit;
	int status, err;

	if ((status = page_params(r, &limit, lim, keys, 2)) != 0)
		return status;
	const char *params[] = { keys[0], keys[1], lim };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_list, params)) < 0)
		status = reply_error(r, err);
	else
		status = page_reply(r, res, limit, 2);
	cursor_keys_free(keys, 2);
	db_result_free(res);
	return status;
}

int municipality_get(struct req *r)
{
	struct db_result *res = NULL;
	const char *ags = req_param(r, "ags");
	int status, err;

	if (!ags_valid(ags))
		return reply_bad_param(r, "ags",
				       "must be the 8-digit Amtlicher "
				       "Gemeindeschlüssel");
	const char *params[] = { ags };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_get, params)) < 0)
		status = reply_error(r, err);
	else
		status = reply_resource(r, 200, res, NULL, NULL,
					"There is no municipality with this "
					"AGS.");
	db_result_free(res);
	return status;
}
