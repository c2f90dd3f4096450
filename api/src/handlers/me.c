/*
 * me.c: GET /api/v1/me, the signed-in account (or API client) and its
 * memberships; POST /api/v1/me/password, a person changing their own
 * password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api.h"
#include "../db.h"
#include "../fields.h"
#include "../password.h"
#include "../reply.h"
#include "../req.h"
#include "../server.h"
#include "../throttle.h"
#include "handlers.h"

static struct db_stmt q_me = DB_QUERY("SELECT me_doc()::text");
static struct db_stmt q_own =
	DB_QUERY("SELECT password_hash, email, retry_after FROM "
		 "auth_own_password_hash($1)");
static struct db_stmt q_set = DB_STMT(
	"UPDATE account SET password_hash = $1 WHERE id = app_account_id()");
static struct db_stmt q_end =
	DB_STMT("SELECT auth_end_other_sessions($1::bigint)");

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

static const struct field password_fields[] = {
	{ "current_password", FIELD_STRING, FIELD_REQUIRED, 1, 256, NULL },
	{ "new_password", FIELD_STRING, FIELD_REQUIRED, 1, 256, NULL },
};

static int invalid(struct req *r, const char *pointer, const char *message)
{
	struct sbuf e = { 0 };
	int status;

	sbuf_adds(&e, "[{\"pointer\":");
	sbuf_add_json_str(&e, pointer);
	sbuf_adds(&e, ",\"message\":");
	sbuf_add_json_str(&e, message);
	sbuf_adds(&e, "}]");
	status = reply_problem(r, 422, "Some fields are invalid.", e.p, NULL);
	sbuf_free(&e);
	return status;
}

int me_password(struct req *r)
{
	struct db_result *res = NULL, *done = NULL;
	const char *cur, *new;
	char addr[64], sid[24], hdr[64];
	char *hash = NULL;
	int status, err;

	if (r->caller.client_id)
		return reply_problem(r, 403,
				     "API clients have no password; their "
				     "secret is managed by an officer.",
				     NULL, NULL);
	if ((status = fields_check(r, password_fields, 2, 1)) != 0)
		return status;
	cur = json_string_value(json_object_get(r->json, "current_password"));
	new = json_string_value(json_object_get(r->json, "new_password"));
	if (password_policy_check(new) < 0)
		return invalid(r, "/new_password",
			       "must have 12 to 256 characters");
	if (!strcmp(cur, new))
		return invalid(r, "/new_password",
			       "must differ from the current password");
	req_client_addr(r, r->srv->cfg->trusted_proxies, addr, sizeof(addr));
	const char *p1[] = { addr };
	if ((err = db_exec(&res, r->srv->pool, r->claims, &q_own, p1)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(res) != 1) {
		status = reply_error(r, API_EUNAUTHORIZED);
		goto out;
	}
	if (strcmp(db_value(res, 0, 2), "0")) {
		snprintf(hdr, sizeof(hdr), "Retry-After: %s\r\n",
			 db_value(res, 0, 2));
		status = reply_problem(r, 429,
				       "Too many wrong passwords; wait before "
				       "trying again.",
				       NULL, hdr);
		goto out;
	}
	if (password_verify(db_isnull(res, 0, 0) ? NULL : db_value(res, 0, 0),
			    cur) < 0) {
		throttle_failure(r, db_value(res, 0, 1), addr);
		status = invalid(r, "/current_password", "is wrong");
		goto out;
	}
	if (!(hash = password_hash(new))) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	snprintf(sid, sizeof(sid), "%lld", r->caller.session_id);
	const char *p2[] = { hash };
	const char *p3[] = { r->caller.session_id ? sid : NULL };
	struct db_step steps[] = { { &q_set, p2 }, { &q_end, p3 } };
	if ((err = db_exec_steps(&done, r->srv->pool, r->claims, steps,
				 DB_NSTEPS(steps))) < 0)
		status = reply_db_error(r, err, done);
	else
		status = reply(r, 204, NULL, NULL, NULL, 0);
out:
	free(hash);
	db_result_free(res);
	db_result_free(done);
	return status;
}
