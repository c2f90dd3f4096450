/* me.c: GET /api/v1/me, the signed-in account and its memberships. */
#include "../api.h"
#include "../db.h"
#include "../req.h"
#include "../server.h"
#include "handlers.h"

static struct db_stmt q_me = DB_QUERY("SELECT me_doc()::text", 0);

int me_get(struct req *r)
{
	struct db_result *res = NULL;
	int status, err;

	if ((err = db_exec(&res, r->srv->pool, r->claims, &q_me, NULL)) < 0)
		status = reply_error(r, err);
	else if (db_nrows(res) != 1 || db_isnull(res, 0, 0))
		status = reply_error(r, API_EUNAUTHORIZED);
	else
		status = reply_json(r, 200, db_value(res, 0, 0),
				    db_length(res, 0, 0), NULL);
	db_result_free(res);
	return status;
}
