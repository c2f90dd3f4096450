/*
 * oauth.c: POST /api/v1/auth/token, as OAuth 2 clients send it (JSON or a
 * form): grant_type=password signs people in, refresh_token rotates a
 * session's refresh token, client_credentials signs partner systems in.
 * POST /api/v1/auth/revoke ends a session; POST /api/v1/auth/invitation
 * sets an invited account's first password.
 *
 * Every refusal of a sign-in looks and takes the same whether or not the
 * account exists; throttling keys on the email as typed and the address.
 */
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../api.h"
#include "../b64.h"
#include "../caller.h"
#include "../db.h"
#include "../json_depth.h"
#include "../password.h"
#include "../reply.h"
#include "../req.h"
#include "../secret.h"
#include "../server.h"
#include "../throttle.h"
#include "../token.h"
#include "handlers.h"

static struct db_stmt q_lookup =
	DB_QUERY("SELECT account_id, password_hash, status, retry_after FROM "
		 "auth_password_lookup($1, $2)");
static struct db_stmt q_session =
	DB_STMT("SELECT auth_session($1::bigint, $2, $3::bytea)::text");
static struct db_stmt q_refresh =
	DB_STMT("SELECT auth_refresh($1::bytea, $2::bytea)::text");
static struct db_stmt q_revoke =
	DB_STMT("SELECT auth_revoke($1::bytea, $2::bigint, $3::bigint)");
static struct db_stmt q_client =
	DB_QUERY("SELECT id, encode(secret_hash, 'hex'), status, "
		 "array_to_string(scopes, ' ') FROM auth_client_lookup($1)");
static struct db_stmt q_client_session =
	DB_STMT("SELECT auth_client_session($1::bigint, "
		"string_to_array($2, ' '))::text");
static struct db_stmt q_invitation =
	DB_STMT("SELECT valid, retry_after FROM "
		"auth_invitation_check($1::bytea, $2, $3::int)");
static struct db_stmt q_accept =
	DB_STMT("SELECT auth_accept_invitation($1::bytea, $2)");

#define WRONG_CREDENTIALS "The email address or the password is wrong."

/* A refusal in OAuth's terms: error is the RFC 6749 code. */
static int oauth_reply(struct req *r, int status, const char *error,
		       const char *detail, const char *pointer,
		       const char *headers)
{
	struct sbuf e = { 0 };
	int sent;

	if (pointer) {
		sbuf_adds(&e, "[{\"pointer\":");
		sbuf_add_json_str(&e, pointer);
		sbuf_adds(&e, ",\"message\":");
		sbuf_add_json_str(&e, detail);
		sbuf_adds(&e, "}]");
	}
	snprintf(r->detail, sizeof(r->detail), "%s", detail);
	sent = reply_problem_oauth(r, status, error, e.p, headers);
	sbuf_free(&e);
	return sent;
}

static int oauth_error(struct req *r, const char *error, const char *detail,
		       const char *pointer)
{
	return oauth_reply(r, 400, error, detail, pointer, NULL);
}

static int throttled(struct req *r, const char *seconds)
{
	char hdr[64];

	snprintf(hdr, sizeof(hdr), "Retry-After: %s\r\n", seconds);
	return oauth_reply(r, 429, "slow_down",
			   "Too many failed sign-ins; wait before trying "
			   "again.",
			   NULL, hdr);
}

static const char *field(struct req *r, const char *name)
{
	return json_string_value(json_object_get(r->json, name));
}

static const char *client_addr(struct req *r, char *buf, size_t len)
{
	return req_client_addr(r, r->srv->cfg->trusted_proxies, buf, len);
}

/*
 * Replies 200 with an access token for claims, the refresh token when
 * there is one, and the granted scope for API clients.
 */
static int token_reply(struct req *r, const char *claims, const char *refresh,
		       const char *scope)
{
	struct sbuf body = { 0 };
	char *token = token_issue(&r->srv->keys, claims, (long)time(NULL));
	int status;

	if (!token)
		return reply_error(r, API_EINTERNAL);
	sbuf_adds(&body, "{\"access_token\":");
	sbuf_add_json_str(&body, token);
	sbuf_addf(&body, ",\"token_type\":\"Bearer\",\"expires_in\":%d",
		  TOKEN_TTL_SECONDS);
	if (refresh) {
		sbuf_adds(&body, ",\"refresh_token\":");
		sbuf_add_json_str(&body, refresh);
	}
	if (scope) {
		sbuf_adds(&body, ",\"scope\":");
		sbuf_add_json_str(&body, scope);
	}
	sbuf_adds(&body, "}");
	status = reply_json(r, 200, body.p, body.len,
			    "Cache-Control: no-store\r\nPragma: no-cache\r\n");
	free(token);
	sbuf_free(&body);
	return status;
}

static int password_grant(struct req *r)
{
	const char *user = field(r, "username"), *pw = field(r, "password");
	struct db_result *res = NULL, *ses = NULL;
	const char *hash = NULL;
	char addr[64], refresh[SECRET_LEN + 1], rhash[SECRET_HEX_LEN + 1];
	int status, err;

	if (!user || !*user)
		return oauth_error(r, "invalid_request", "username is required",
				   "/username");
	if (!pw || !*pw)
		return oauth_error(r, "invalid_request", "password is required",
				   "/password");
	if (strlen(user) > 254 || strlen(pw) > PASSWORD_MAX_LEN)
		return oauth_error(r, "invalid_grant", WRONG_CREDENTIALS, NULL);
	client_addr(r, addr, sizeof(addr));
	const char *p1[] = { user, addr };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_lookup, p1)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(res) != 1) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	if (strcmp(db_value(res, 0, 3), "0")) {
		status = throttled(r, db_value(res, 0, 3));
		goto out;
	}
	if (!db_isnull(res, 0, 1) && !strcmp(db_value(res, 0, 2), "active"))
		hash = db_value(res, 0, 1);
	/* unknown accounts are checked against a dummy hash: same time */
	if (password_verify(hash, pw) < 0) {
		throttle_failure(r, user, addr);
		status = oauth_error(r, "invalid_grant", WRONG_CREDENTIALS,
				     NULL);
		goto out;
	}
	if (secret_new(refresh, rhash) < 0) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	const char *p2[] = { db_value(res, 0, 0), user, rhash };
	if ((err = db_exec(&ses, r->srv->pool, NULL, &q_session, p2)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(ses) != 1 || db_isnull(ses, 0, 0)) {
		/* disabled between the two steps */
		status = oauth_error(r, "invalid_grant", WRONG_CREDENTIALS,
				     NULL);
		goto out;
	}
	status = token_reply(r, db_value(ses, 0, 0), refresh, NULL);
out:
	db_result_free(res);
	db_result_free(ses);
	return status;
}

static int refresh_grant(struct req *r)
{
	const char *old = field(r, "refresh_token");
	struct db_result *res = NULL;
	char ohash[SECRET_HEX_LEN + 1], refresh[SECRET_LEN + 1],
		nhash[SECRET_HEX_LEN + 1];
	int status, err;

	if (!old || !*old)
		return oauth_error(r, "invalid_request",
				   "refresh_token is required",
				   "/refresh_token");
	if (!secret_valid(old))
		return oauth_error(r, "invalid_grant",
				   "The refresh token is invalid, used or "
				   "expired; sign in again.",
				   NULL);
	secret_hash(old, ohash);
	if (secret_new(refresh, nhash) < 0)
		return reply_error(r, API_EINTERNAL);
	const char *p[] = { ohash, nhash };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_refresh, p)) < 0)
		status = reply_error(r, err);
	else if (db_nrows(res) != 1 || db_isnull(res, 0, 0))
		status = oauth_error(r, "invalid_grant",
				     "The refresh token is invalid, used or "
				     "expired; sign in again.",
				     NULL);
	else
		status = token_reply(r, db_value(res, 0, 0), refresh, NULL);
	db_result_free(res);
	return status;
}

/*
 * The client's id and secret: from HTTP Basic (RFC 6749 §2.3.1) or the
 * body. Returns 0, or -1 when Basic credentials are malformed. The strings
 * live in buf or the body.
 */
static int client_credentials(struct req *r, const char **id,
			      const char **secret, char *buf, size_t len)
{
	const char *h = req_header(r, "Authorization");
	unsigned char *raw;
	size_t n;
	char *colon;

	*id = field(r, "client_id");
	*secret = field(r, "client_secret");
	if (!h || ascii_ncasecmp(h, "Basic ", 6))
		return 0;
	h += 6;
	while (*h == ' ')
		h++;
	/* standard base64: map to base64url and drop padding */
	char tmp[512];
	size_t i;
	for (i = 0; h[i] && h[i] != '=' && i < sizeof(tmp) - 1; i++)
		tmp[i] = h[i] == '+' ? '-' : h[i] == '/' ? '_' : h[i];
	tmp[i] = '\0';
	if (!(raw = b64url_decode(tmp, &n)))
		return -1;
	if (n >= len || memchr(raw, '\0', n)) {
		free(raw);
		return -1;
	}
	memcpy(buf, raw, n);
	buf[n] = '\0';
	free(raw);
	if (!(colon = strchr(buf, ':')))
		return -1;
	*colon = '\0';
	/* RFC 6749 §2.3.1: both are form-urlencoded before Basic */
	if (url_decode(buf, 1) < 0 || url_decode(colon + 1, 1) < 0)
		return -1;
	*id = buf;
	*secret = colon + 1;
	return 0;
}

/* Whether every scope in want (space-separated) is in have. */
static int scopes_subset(const char *want, const char *have)
{
	char w[256];

	snprintf(w, sizeof(w), "%s", want);
	for (char *save = NULL, *s = strtok_r(w, " ", &save); s;
	     s = strtok_r(NULL, " ", &save)) {
		size_t n = strlen(s);
		const char *p = have;
		int found = 0;

		while ((p = strstr(p, s)) != NULL) {
			if ((p == have || p[-1] == ' ') &&
			    (p[n] == ' ' || p[n] == '\0')) {
				found = 1;
				break;
			}
			p += n;
		}
		if (!found)
			return 0;
	}
	return 1;
}

static int client_grant(struct req *r)
{
	const char *id, *secret, *scope = field(r, "scope");
	struct db_result *res = NULL, *ses = NULL;
	char buf[512], hex[SECRET_HEX_LEN + 1];
	int status, err;

	if (client_credentials(r, &id, &secret, buf, sizeof(buf)) < 0)
		return oauth_reply(r, 401, "invalid_client",
				   "The Basic credentials are malformed.", NULL,
				   "WWW-Authenticate: Basic "
				   "realm=\"teilhabe\"\r\n");
	if (!id || !*id)
		return oauth_error(r, "invalid_request",
				   "client_id is required", "/client_id");
	if (!secret || !*secret)
		return oauth_error(r, "invalid_request",
				   "client_secret is required",
				   "/client_secret");
	if (scope && strlen(scope) > 200)
		return oauth_error(r, "invalid_scope",
				   "This client may not ask for that scope.",
				   "/scope");
	const char *p1[] = { id };
	if (strlen(id) > 64) {
		res = NULL;
	} else if ((err = db_exec(&res, r->srv->pool, NULL, &q_client, p1)) <
		   0) {
		status = reply_error(r, err);
		goto out;
	}
	secret_hash(secret, hex);
	/* hex + 2 skips "\x"; both are 64 hex digits */
	if (db_nrows(res) != 1 || strcmp(db_value(res, 0, 2), "active") ||
	    db_length(res, 0, 1) != 64 ||
	    CRYPTO_memcmp(db_value(res, 0, 1), hex + 2, 64)) {
		status = oauth_reply(r, 401, "invalid_client",
				     "The client is unknown, revoked, or the "
				     "secret is wrong.",
				     NULL,
				     "WWW-Authenticate: Basic "
				     "realm=\"teilhabe\"\r\n");
		goto out;
	}
	if (!scope || !*scope)
		scope = db_value(res, 0, 3);
	else if (!scopes_subset(scope, db_value(res, 0, 3))) {
		status = oauth_error(r, "invalid_scope",
				     "This client may not ask for that scope.",
				     "/scope");
		goto out;
	}
	const char *p2[] = { db_value(res, 0, 0), scope };
	if ((err = db_exec(&ses, r->srv->pool, NULL, &q_client_session, p2)) <
	    0)
		status = reply_error(r, err);
	else if (db_nrows(ses) != 1 || db_isnull(ses, 0, 0))
		status = oauth_reply(r, 401, "invalid_client",
				     "The client is unknown, revoked, or the "
				     "secret is wrong.",
				     NULL, NULL);
	else
		status = token_reply(r, db_value(ses, 0, 0), NULL, scope);
out:
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
	if (!strcmp(grant, "refresh_token"))
		return refresh_grant(r);
	if (!strcmp(grant, "client_credentials"))
		return client_grant(r);
	return oauth_error(r, "unsupported_grant_type",
			   "This grant_type is not supported.", "/grant_type");
}

int auth_revoke(struct req *r)
{
	const char *token;
	struct db_result *res = NULL;
	char hex[SECRET_HEX_LEN + 1], sid[24] = "", sub[24] = "", why[128];
	char *claims = NULL;
	int status, err;

	if (!json_is_object(r->json) || !(token = field(r, "token")) || !*token)
		return oauth_error(r, "invalid_request", "token is required",
				   "/token");
	if (token_too_deep(token)) {
		char detail[96];

		snprintf(detail, sizeof(detail),
			 "The token's JSON is nested deeper than %d levels.",
			 JSON_MAX_DEPTH);
		return oauth_error(r, "invalid_request", detail, "/token");
	}
	/* a refresh token, or an access token whose session ends */
	secret_hash(token, hex);
	if (!secret_valid(token) &&
	    token_verify(&r->srv->keys, token, (long)time(NULL), &claims, why,
			 sizeof(why)) == 0) {
		struct caller c;

		if (caller_parse_claims(claims, &c) >= 0 && c.session_id &&
		    c.account_id) {
			snprintf(sid, sizeof(sid), "%lld", c.session_id);
			snprintf(sub, sizeof(sub), "%lld", c.account_id);
		}
		free(claims);
	}
	const char *p[] = { hex, *sid ? sid : NULL, *sub ? sub : NULL };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_revoke, p)) < 0)
		status = reply_error(r, err);
	else
		status = reply(r, 200, NULL, "Cache-Control: no-store\r\n",
			       NULL, 0);
	db_result_free(res);
	return status;
}

/*
 * The invitation is looked up before the password is hashed: Argon2id
 * costs ~45 ms of a core, and only a person holding a valid invitation may
 * spend that. Failures count against the client address (429 with
 * Retry-After at the sign-in address limit, auth_invitation_check).
 */
int auth_invitation_accept(struct req *r)
{
	const char *token = field(r, "token"), *pw = field(r, "password");
	struct db_result *res = NULL;
	struct sbuf body = { 0 };
	char hex[SECRET_HEX_LEN + 1], addr[64], lim[24], wait[64];
	char *hash;
	int status, err;

	if (!json_is_object(r->json))
		return reply_problem(r, 422, "The body must be an object.",
				     "[{\"pointer\":\"\",\"message\":\"must be "
				     "an object\"}]",
				     NULL);
	if (!pw || password_policy_check(pw) < 0)
		return reply_problem(r, 422, "Some fields are invalid.",
				     "[{\"pointer\":\"/password\",\"message\":"
				     "\"must have 12 to 256 characters\"}]",
				     NULL);
	if (secret_valid(token))
		secret_hash(token, hex);
	client_addr(r, addr, sizeof(addr));
	snprintf(lim, sizeof(lim), "%ld", r->srv->cfg->login_addr_limit);
	/* a malformed token (NULL: matches none) counts like an unknown one */
	const char *p1[] = { secret_valid(token) ? hex : NULL, addr, lim };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_invitation, p1)) < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(res) != 1) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	if (strcmp(db_value(res, 0, 1), "0")) {
		snprintf(wait, sizeof(wait), "Retry-After: %s\r\n",
			 db_value(res, 0, 1));
		status = reply_problem(r, 429,
				       "Too many unknown invitations from your "
				       "address; wait before trying again.",
				       NULL, wait);
		goto out;
	}
	if (strcmp(db_value(res, 0, 0), "t")) {
		db_result_free(res);
		goto unknown;
	}
	db_result_free(res);
	res = NULL;
	if (!(hash = password_hash(pw)))
		return reply_error(r, API_EINTERNAL);
	const char *p[] = { hex, hash };
	err = db_exec(&res, r->srv->pool, NULL, &q_accept, p);
	free(hash);
	if (err < 0) {
		status = reply_error(r, err);
		goto out;
	}
	if (db_nrows(res) != 1 || db_isnull(res, 0, 0)) {
		db_result_free(res);
		goto unknown;
	}
	sbuf_adds(&body, "{\"email\":");
	sbuf_add_json_str(&body, db_value(res, 0, 0));
	sbuf_adds(&body, "}");
	status = reply_json(r, 200, body.p, body.len,
			    "Cache-Control: no-store\r\n");
out:
	sbuf_free(&body);
	db_result_free(res);
	return status;
unknown:
	return reply_problem(r, 422,
			     "This invitation is unknown, used or expired; "
			     "ask for a new one.",
			     "[{\"pointer\":\"/token\",\"message\":\"is "
			     "unknown, used or expired\"}]",
			     NULL);
}
