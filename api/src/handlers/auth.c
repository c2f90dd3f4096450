/*
 * auth.c: POST /api/v1/auth/token, as OAuth 2 clients send it (JSON or a
 * form). grant_type=password signs people in. Every refusal looks and
 * takes the same whether or not the account exists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../api.h"
#include "../db.h"
#include "../password.h"
#include "../req.h"
#include "../server.h"
#include "../token.h"
#include "handlers.h"

static struct db_stmt q_lookup =
	DB_QUERY("SELECT account_id, password_hash, status FROM "
		 "auth_password_lookup($1)",
		 1);
static struct db_stmt q_session =
	DB_STMT("SELECT auth_session($1::bigint)::text", 1);

/* A 400 in OAuth's terms: error is the RFC 6749 code. */
static int oauth_error(struct req *r, const char *error, const char *detail,
		       const char *pointer)
{
	struct sbuf e = { 0 };
	int status;

	if (pointer) {
		sbuf_adds(&e, "[{\"pointer\":");
		sbuf_add_json_str(&e, pointer);
		sbuf_adds(&e, ",\"message\":");
		sbuf_add_json_str(&e, detail);
		sbuf_adds(&e, "}]");
	}
	snprintf(r->detail, sizeof(r->detail), "%s", detail);
	status = reply_problem_oauth(r, 400, error, e.p);
	sbuf_free(&e);
	return status;
}

static const char *field(struct req *r, const char *name)
{
	return json_string_value(json_object_get(r->json, name));
}

static int password_grant(struct req *r)
{
	const char *user = field(r, "username"), *pw = field(r, "password");
	struct db_result *res = NULL, *ses = NULL;
	const char *hash = NULL;
	char *token = NULL;
	struct sbuf body = { 0 };
	int status, err;

	if (!user || !*user)
		return oauth_error(r, "invalid_request", "username is required",
				   "/username");
	if (!pw || !*pw)
		return oauth_error(r, "invalid_request", "password is required",
				   "/password");
	if (strlen(user) > 254 || strlen(pw) > PASSWORD_MAX_LEN)
		return oauth_error(
			r, "invalid_grant",
			"The email address or the password is wrong.", NULL);
	const char *p1[] = { user };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_lookup, p1)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(res) == 1 && !db_isnull(res, 0, 1) &&
	    !strcmp(db_value(res, 0, 2), "active"))
		hash = db_value(res, 0, 1);
	/* unknown accounts are checked against a dummy hash: same time */
	if (password_verify(hash, pw) < 0) {
		status = oauth_error(r, "invalid_grant",
				     "The email address or the password is "
				     "wrong.",
				     NULL);
		goto out;
	}
	const char *p2[] = { db_value(res, 0, 0) };
	if ((err = db_exec(&ses, r->srv->pool, NULL, &q_session, p2)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(ses) != 1 || db_isnull(ses, 0, 0) ||
	    !(token = token_issue(&r->srv->keys, db_value(ses, 0, 0),
				  (long)time(NULL)))) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	sbuf_adds(&body, "{\"access_token\":");
	sbuf_add_json_str(&body, token);
	sbuf_addf(&body, ",\"token_type\":\"Bearer\",\"expires_in\":%d}",
		  TOKEN_TTL_SECONDS);
	status = reply_json(r, 200, body.p, body.len,
			    "Cache-Control: no-store\r\nPragma: no-cache\r\n");
out:
	free(token);
	sbuf_free(&body);
	db_result_free(res);
	db_result_free(ses);
	return status;
}

int auth_token(struct req *r)
{
	const char *grant;

	if (!json_is_object(r->json))
		return oauth_error(r, "invalid_request",
				   "The body must be an object.", "");
	grant = field(r, "grant_type");
	if (!grant)
		return oauth_error(r, "invalid_request",
				   "grant_type is required", "/grant_type");
	if (!strcmp(grant, "password"))
		return password_grant(r);
	return oauth_error(r, "unsupported_grant_type",
			   "This grant_type is not supported.", "/grant_type");
}
