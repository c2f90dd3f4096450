/*
 * reply.c: writing responses. Status line, headers and body go out in one
 * buffer and one mg_write (CivetWeb's header helpers send a line each).
 * Every error is an RFC 9457 problem document. Reads the request (req.h),
 * CORS (cors.h) and the shutdown flag (drain.h), never the server itself.
 */
#include "reply.h"

#include <civetweb.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "cors.h"
#include "db.h"
#include "drain.h"
#include "etag.h"
#include "req.h"

struct status_text {
	int status;
	const char *reason;
	const char *slug; /* problem type */
};

static const struct status_text statuses[] = {
	{ 200, "OK", NULL },
	{ 201, "Created", NULL },
	{ 204, "No Content", NULL },
	{ 304, "Not Modified", NULL },
	{ 400, "Bad Request", "bad-request" },
	{ 401, "Unauthorized", "unauthorized" },
	{ 403, "Forbidden", "forbidden" },
	{ 404, "Not Found", "not-found" },
	{ 405, "Method Not Allowed", "method-not-allowed" },
	{ 406, "Not Acceptable", "not-acceptable" },
	{ 408, "Request Timeout", "request-timeout" },
	{ 409, "Conflict", "conflict" },
	{ 411, "Length Required", "length-required" },
	{ 412, "Precondition Failed", "precondition-failed" },
	{ 413, "Content Too Large", "content-too-large" },
	{ 414, "URI Too Long", "uri-too-long" },
	{ 415, "Unsupported Media Type", "unsupported-media-type" },
	{ 422, "Unprocessable Content", "unprocessable-content" },
	{ 428, "Precondition Required", "precondition-required" },
	{ 429, "Too Many Requests", "too-many-requests" },
	{ 431, "Request Header Fields Too Large", "headers-too-large" },
	{ 500, "Internal Server Error", "internal-error" },
	{ 501, "Not Implemented", "not-implemented" },
	{ 503, "Service Unavailable", "service-unavailable" },
};

static const struct status_text *find_status(int status)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].status == status)
			return &statuses[i];
	return NULL;
}

const char *http_reason(int status)
{
	const struct status_text *s = find_status(status);

	if (s)
		return s->reason;
	return status >= 500   ? "Server Error"
	       : status >= 400 ? "Client Error"
			       : "Unknown";
}

void problem_build(struct sbuf *b, int status, const char *detail,
		   const char *request_id, const char *errors)
{
	const struct status_text *s = find_status(status);

	sbuf_adds(b, "{\"type\":");
	if (s && s->slug) {
		sbuf_addf(b, "\"/problems/%s\"", s->slug);
	} else {
		sbuf_adds(b, "\"about:blank\"");
	}
	sbuf_adds(b, ",\"title\":");
	sbuf_add_json_str(b, http_reason(status));
	sbuf_addf(b, ",\"status\":%d", status);
	if (detail) {
		sbuf_adds(b, ",\"detail\":");
		sbuf_add_json_str(b, detail);
	}
	if (request_id) {
		sbuf_adds(b, ",\"request_id\":");
		sbuf_add_json_str(b, request_id);
	}
	if (errors) {
		sbuf_adds(b, ",\"errors\":");
		sbuf_adds(b, errors);
	}
	sbuf_adds(b, "}");
}

/*
 * The status line and headers of a reply into b: Content-Length len, or
 * Transfer-Encoding chunked when len is negative.
 */
static void head_build(struct sbuf *b, struct req *r, int status,
		       const char *content_type, const char *headers,
		       long long len)
{
	sbuf_addf(b, "HTTP/1.1 %d %s\r\n", status, http_reason(status));
	if (content_type && status != 304)
		sbuf_addf(b, "Content-Type: %s\r\n", content_type);
	if (status != 304 && len >= 0)
		sbuf_addf(b, "Content-Length: %lld\r\n", len);
	else if (status != 304)
		sbuf_adds(b, "Transfer-Encoding: chunked\r\n");
	sbuf_addf(b, "X-Request-Id: %s\r\n", r->request_id);
	/* what a request with credentials gets may be personal: never stored;
	 * public answers are cached but revalidated (ETag) */
	if (!headers || !strstr(headers, "Cache-Control:"))
		sbuf_adds(b, req_header(r, "Authorization")
				     ? "Cache-Control: no-store\r\n"
				     : "Cache-Control: no-cache\r\n");
	sbuf_adds(b, "X-Content-Type-Options: nosniff\r\n");
	if (drain_active())
		sbuf_adds(b, "Connection: close\r\n");
	cors_add_headers(b, r->cors_origins, req_header(r, "Origin"));
	if (headers)
		sbuf_adds(b, headers);
	sbuf_adds(b, "\r\n");
}

int reply(struct req *r, int status, const char *content_type,
	  const char *headers, const char *body, size_t len)
{
	struct sbuf b = { 0 };
	int head = r->ri && !strcmp(r->ri->request_method, "HEAD");

	sbuf_grow(&b, len + 512);
	head_build(&b, r, status, content_type, headers, (long long)len);
	if (status != 304 && !head && len)
		sbuf_add(&b, body, len);
	if (r->conn && mg_write(r->conn, b.p, b.len) > 0)
		r->sent = b.len;
	r->status = status;
	sbuf_free(&b);
	return status;
}

int reply_stream_start(struct req *r, int status, const char *content_type,
		       const char *headers)
{
	struct sbuf b = { 0 };
	int ok;

	head_build(&b, r, status, content_type, headers, -1);
	ok = r->conn && mg_write(r->conn, b.p, b.len) > 0;
	if (ok)
		r->sent = b.len;
	r->status = status;
	sbuf_free(&b);
	return ok ? 0 : -1;
}

int reply_stream_chunk(struct req *r, const char *p, size_t len)
{
	char size[24];
	int n;

	if (!len)
		return 0;
	n = snprintf(size, sizeof(size), "%zx\r\n", len);
	if (!r->conn || mg_write(r->conn, size, (size_t)n) <= 0 ||
	    mg_write(r->conn, p, len) <= 0 || mg_write(r->conn, "\r\n", 2) <= 0)
		return -1;
	r->sent += (size_t)n + len + 2;
	return 0;
}

int reply_stream_end(struct req *r, int failed)
{
	/* a failed stream ends with a chunk size no client accepts, so the
	 * download is broken off and never taken for complete */
	const char *end = failed ? "fail\r\n\r\n" : "0\r\n\r\n";

	if (!r->conn || mg_write(r->conn, end, strlen(end)) <= 0)
		return -1;
	r->sent += strlen(end);
	return 0;
}

int reply_json(struct req *r, int status, const char *body, size_t len,
	       const char *headers)
{
	return reply(r, status, "application/json", headers, body, len);
}

int reply_problem(struct req *r, int status, const char *detail,
		  const char *errors, const char *headers)
{
	struct sbuf b = { 0 };

	problem_build(&b, status, detail, r->request_id, errors);
	reply(r, status, "application/problem+json", headers, b.p, b.len);
	sbuf_free(&b);
	return status;
}

int reply_problem_oauth(struct req *r, int status, const char *error,
			const char *errors, const char *headers)
{
	struct sbuf b = { 0 }, h = { 0 };

	problem_build(&b, status, r->detail, r->request_id, errors);
	b.len--; /* reopen the object for the OAuth member */
	sbuf_adds(&b, ",\"error\":");
	sbuf_add_json_str(&b, error);
	sbuf_adds(&b, "}");
	sbuf_adds(&h, "Cache-Control: no-store\r\n");
	if (headers)
		sbuf_adds(&h, headers);
	reply(r, status, "application/problem+json", h.p, b.p, b.len);
	sbuf_free(&b);
	sbuf_free(&h);
	return status;
}

int api_err_status(int err)
{
	switch (err) {
	case API_EINVAL:
		return 400;
	case API_ENOTFOUND:
		return 404;
	case API_ECONFLICT:
		return 409;
	case API_EPRECONDITION:
		return 412;
	case API_EUNAUTHORIZED:
	case API_EROLES:
		return 401;
	case API_EFORBIDDEN:
		return 403;
	case API_ETHROTTLED:
		return 429;
	case API_ETOOLARGE:
		return 413;
	case API_EMEDIATYPE:
		return 415;
	case API_EUNPROCESSABLE:
		return 422;
	case API_EUNAVAILABLE:
	case API_EBUSY:
	case API_ERETRY:
		return 503;
	default:
		return 500;
	}
}

int reply_error(struct req *r, int err)
{
	int status = api_err_status(err);
	const char *detail = r->detail[0] ? r->detail : NULL;

	switch (err) {
	case API_ENOTFOUND:
		if (!detail)
			detail = "There is no such resource.";
		break;
	case API_ECONFLICT:
		if (!detail)
			detail = "This conflicts with an existing record.";
		break;
	case API_EPRECONDITION:
		if (!detail)
			detail = "The resource was changed since you read it; "
				 "reload it and apply your change again.";
		break;
	case API_EUNAVAILABLE:
	case API_ERETRY:
		return reply_problem(r, status,
				     "The database is not reachable at the "
				     "moment; try again shortly.",
				     NULL, "Retry-After: 5\r\n");
	case API_EUNAUTHORIZED:
		return reply_problem(
			r, status,
			"This session has ended or the account cannot sign in "
			"any more; sign in again.",
			NULL,
			"WWW-Authenticate: Bearer realm=\"teilhabe\", "
			"error=\"invalid_token\"\r\n");
	case API_EROLES:
		/* app_begin refused: a refresh gives a token with the stored
		 * roles (the web client refreshes once after any 401) */
		return reply_problem(
			r, status,
			"Your roles have changed; sign in again or refresh the "
			"token.",
			NULL,
			"WWW-Authenticate: Bearer realm=\"teilhabe\", "
			"error=\"invalid_token\"\r\n");
	case API_EFORBIDDEN:
		if (!detail)
			detail = "Your role does not allow this change.";
		break;
	case API_EBUSY:
		return reply_problem(r, status,
				     "The service is busy; try again shortly.",
				     NULL, "Retry-After: 1\r\n");
	case API_EINTERNAL:
	default:
		/* internals never reach the client */
		detail = "Something went wrong on our side. The request id "
			 "helps the operators find out what.";
		break;
	}
	return reply_problem(r, status, detail, NULL, NULL);
}

int reply_db_error(struct req *r, int err, const struct db_result *res)
{
	return reply_db_error_at(r, err, res, "");
}

int reply_db_error_at(struct req *r, int err, const struct db_result *res,
		      const char *pointer)
{
	const char *m = db_error_message(res);
	struct sbuf e = { 0 };
	int status;

	if (m && !r->detail[0])
		snprintf(r->detail, sizeof(r->detail), "%s", m);
	if (err != API_EUNPROCESSABLE)
		return reply_error(r, err);
	/* a 422 always names the field it is about */
	if (!r->detail[0])
		snprintf(r->detail, sizeof(r->detail),
			 "A value refers to something that does not exist "
			 "or is not allowed here.");
	sbuf_adds(&e, "[{\"pointer\":");
	sbuf_add_json_str(&e, db_error_pointer(res) ? db_error_pointer(res)
						    : pointer);
	sbuf_adds(&e, ",\"message\":");
	sbuf_add_json_str(&e, r->detail);
	sbuf_adds(&e, "}]");
	status = reply_problem(r, 422, r->detail, e.p, NULL);
	sbuf_free(&e);
	return status;
}

int reply_bad_param(struct req *r, const char *param, const char *message)
{
	struct sbuf e = { 0 };
	char detail[256];
	int status;

	sbuf_adds(&e, "[{\"parameter\":");
	sbuf_add_json_str(&e, param);
	sbuf_adds(&e, ",\"message\":");
	sbuf_add_json_str(&e, message);
	sbuf_adds(&e, "}]");
	snprintf(detail, sizeof(detail), "The parameter \"%s\" is invalid.",
		 param);
	status = reply_problem(r, 400, detail, e.p, NULL);
	sbuf_free(&e);
	return status;
}

int reply_resource(struct req *r, int status, const struct db_result *res,
		   const char *extra_json, const char *headers,
		   const char *not_found)
{
	struct sbuf h = { 0 }, b = { 0 };
	char etag[48];
	int sent;

	if (db_nrows(res) != 1)
		return reply_problem(r, 404, not_found, NULL, NULL);
	snprintf(etag, sizeof(etag), "\"%s\"", db_value(res, 0, 1));
	sbuf_addf(&h, "ETag: %s\r\n", etag);
	if (status == 200 && !strcmp(r->ri->request_method, "GET") &&
	    etag_matches(req_header(r, "If-None-Match"), etag, 1)) {
		sent = reply(r, 304, NULL, h.p, NULL, 0);
		goto out;
	}
	if (headers)
		sbuf_adds(&h, headers);
	sbuf_add(&b, db_value(res, 0, 0), db_length(res, 0, 0));
	if (extra_json && b.len && b.p[b.len - 1] == '}') {
		b.len--;
		sbuf_adds(&b, ",");
		sbuf_adds(&b, extra_json);
		sbuf_adds(&b, "}");
	}
	sent = reply_json(r, status, b.p, b.len, h.p);
out:
	sbuf_free(&h);
	sbuf_free(&b);
	return sent;
}
