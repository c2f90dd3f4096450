/*
 * audit.c: GET /api/v1/municipalities/{ags}/audit, the Änderungsprotokoll.
 * Triggers write it for every change of every tenant table; officers, the
 * steering group and district admins read their municipality's, newest
 * first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api.h"
#include "../cursor.h"
#include "../db.h"
#include "../fields.h"
#include "../page.h"
#include "../reply.h"
#include "../req.h"
#include "../server.h"
#include "../tenant.h"
#include "handlers.h"

static struct db_stmt q_list = DB_QUERY(
	"SELECT json_build_object('id', e.id::text, 'at', e.at,"
	" 'actor', audit_actor(e.id),"
	" 'table', e.table_name, 'row_id', e.row_id, 'action', e.action,"
	" 'old', e.old_values, 'new', e.new_values)::text, e.id"
	" FROM audit_event e"
	" WHERE e.municipality_id = (SELECT id FROM municipality WHERE ags = "
	"$1)"
	" AND ($2::text IS NULL OR e.table_name = $2)"
	" AND ($3::text IS NULL OR e.row_id = $3)"
	" AND ($4::text IS NULL OR e.action = $4)"
	" AND ($5::bigint IS NULL OR e.actor_account_id = $5::bigint)"
	" AND ($6::timestamptz IS NULL OR e.at >= $6::timestamptz)"
	" AND ($7::timestamptz IS NULL OR e.at < $7::timestamptz)"
	" AND ($8::bigint IS NULL OR e.id < $8::bigint)"
	" ORDER BY e.id DESC LIMIT $9::int + 1");

int audit_list(struct req *r)
{
	const char *table = req_query(r, "table"),
		   *row = req_query(r, "row_id"),
		   *action = req_query(r, "action"),
		   *actor = req_query(r, "actor"),
		   *since = req_query(r, "since"),
		   *until = req_query(r, "until");
	struct db_result *res = NULL;
	char *keys[1];
	char lim[24];
	long limit;
	int status, err;

	if ((status = tenant_check(r, ROLE_OFFICER | ROLE_STEERING |
					      ROLE_DISTRICT_ADMIN)) != 0)
		return status;
	if ((status = page_params(r, &limit, lim, keys, 1)) != 0)
		return status;
	if (keys[0] && !id_valid(keys[0]))
		status = reply_bad_param(r, "cursor",
					 "is not a cursor this list gave out");
	else if (table && (!*table || strlen(table) > 63))
		status = reply_bad_param(r, "table", "is not a table name");
	else if (row && (!*row || strlen(row) > 100))
		status = reply_bad_param(r, "row_id",
					 "must have 1 to 100 bytes");
	else if (action && strcmp(action, "insert") &&
		 strcmp(action, "update") && strcmp(action, "delete"))
		status = reply_bad_param(r, "action",
					 "must be insert, update or delete");
	else if (actor && !id_valid(actor))
		status = reply_bad_param(r, "actor", "must be an account id");
	else if (since && !datetime_valid(since))
		status = reply_bad_param(r, "since",
					 "must be an ISO 8601 date-time");
	else if (until && !datetime_valid(until))
		status = reply_bad_param(r, "until",
					 "must be an ISO 8601 date-time");
	if (status)
		goto out;
	const char *p[] = { req_param(r, "ags"),
			    table,
			    row,
			    action,
			    actor,
			    since,
			    until,
			    keys[0],
			    lim };
	const char *p0[] = { req_param(r, "ags") };
	struct db_step steps[] = { { &tenant_exists, p0 }, { &q_list, p } };
	err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
			    DB_NSTEPS(steps));
	if (err == API_EUNPROCESSABLE && !db_error_message(res))
		status = reply_problem(r, 400,
				       "A date-time parameter is not a valid "
				       "date-time.",
				       NULL, NULL);
	else if (err < 0)
		status = reply_db_error(r, err, res);
	else
		status = page_reply(r, res, limit, 1);
out:
	cursor_keys_free(keys, 1);
	db_result_free(res);
	return status;
}
