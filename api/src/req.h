/*
 * req.h: the request context every handler receives, and the replies it can
 * send. A reply is written with one mg_write: status line, headers and body
 * in one buffer.
 */
#ifndef TEILHABE_REQ_H
#define TEILHABE_REQ_H

#include <jansson.h>
#include <stddef.h>

#include "auth.h"
#include "router.h"
#include "util.h"

struct mg_connection;
struct mg_request_info;
struct server;

#define REQ_ID_MAX    64
#define REQ_MAX_QUERY 16

struct query_param {
	char *name;
	char *value;
};

struct req {
	struct mg_connection *conn;
	const struct mg_request_info *ri;
	struct server *srv;
	struct route_match match;
	char request_id[REQ_ID_MAX + 1];
	char *query_buf;
	struct query_param query[REQ_MAX_QUERY];
	int nquery;
	char *body;
	size_t body_len;
	json_t *json;  /* the parsed body of a JSON request */
	char *claims;  /* JSON for app.claims; NULL: anonymous */
	unsigned role; /* the ROLE_* bits the caller holds anywhere */
	struct auth_caller caller; /* who the token names */
	char detail[256]; /* why input was rejected, for the problem reply */
	int status;	  /* what was sent */
	size_t sent;	  /* bytes written */
};

/* Sets up r for conn; takes or makes the request id. */
void req_init(struct req *r, struct mg_connection *conn, struct server *srv);
void req_free(struct req *r);

/* Whether s is an acceptable client request id: 1..64 of [A-Za-z0-9._-]. */
int req_id_valid(const char *s);
/* Writes a fresh random request id into buf (REQ_ID_MAX + 1 bytes). */
void req_id_generate(char *buf);

/*
 * Splits and percent-decodes a query string into r->query. Returns 0, or
 * API_EINVAL (detail set) for bad percent-encoding or too many parameters.
 */
int req_parse_query(struct req *r, const char *qs);
/* The first value of query parameter name, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* A request header, or NULL. */
const char *req_header(const struct req *r, const char *name);
/*
 * The client's address: the connection's peer, or the last X-Forwarded-For
 * entry when the peer is one of the trusted proxies (comma-separated).
 */
const char *req_client_addr(const struct req *r, const char *trusted, char *buf,
			    size_t len);
/* A path parameter of the matched route, or NULL. */
const char *req_param(const struct req *r, const char *name);

/*
 * Reads the body up to limit bytes (chunked bodies included) and parses it
 * by its content type as the route allows. Returns 0, API_ETOOLARGE,
 * API_EMEDIATYPE, or API_EINVAL with r->detail naming line and column.
 */
int req_read_body(struct req *r, long limit, unsigned route_flags);

/*
 * Parses r->body (r->body_len bytes) of content type ct (NULL: none) into
 * r->json as the route allows: the second half of req_read_body, with the
 * same returns. JSON nested deeper than JSON_MAX_DEPTH is refused before
 * it is parsed.
 */
int req_parse_body(struct req *r, const char *ct, unsigned route_flags);

/*
 * Reads a body of declared length (-1: unknown, as for chunked bodies)
 * through read_fn into out, refusing more than limit bytes. read_fn returns
 * the bytes read, 0 at the end, negative on error. Returns 0,
 * API_ETOOLARGE, or API_EINVAL for a read error or a body shorter than
 * declared (out is emptied on any error).
 */
int body_read(struct sbuf *out, long limit, long long declared,
	      int (*read_fn)(void *ctx, char *buf, size_t n), void *ctx);

/*
 * Percent-decodes s in place ('+' becomes a space when plus is set).
 * Returns 0, or -1 for a malformed escape or an embedded NUL.
 */
int url_decode(char *s, int plus);

/* Replies. Each returns the HTTP status it sent. */
int reply(struct req *r, int status, const char *content_type,
	  const char *headers, const char *body, size_t len);
int reply_json(struct req *r, int status, const char *body, size_t len,
	       const char *headers);
/* A problem+json reply; errors is a JSON array text or NULL. */
int reply_problem(struct req *r, int status, const char *detail,
		  const char *errors, const char *headers);
/* A problem reply that also carries OAuth's "error" code (RFC 6749). */
int reply_problem_oauth(struct req *r, int status, const char *error,
			const char *errors, const char *headers);
/* The problem reply for an API_E* code. */
int reply_error(struct req *r, int err);
/*
 * The problem reply for a failed statement: err's status, with the
 * database's own message where our SQL raised one (SQLSTATE class TH).
 */
struct db_result;
int reply_db_error(struct req *r, int err, const struct db_result *res);
/* The same; a 422 names pointer as the field at fault. */
int reply_db_error_at(struct req *r, int err, const struct db_result *res,
		      const char *pointer);
/*
 * Replies with the one resource in res, whose columns are (doc, etag):
 * the ETag header, 304 when a GET's If-None-Match matches, else status
 * with the document; extra_json (object members without braces) is added
 * to it. 404 with the detail not_found when res holds no row.
 */
int reply_resource(struct req *r, int status, const struct db_result *res,
		   const char *extra_json, const char *headers,
		   const char *not_found);
/* 400 naming one invalid query or path parameter. */
int reply_bad_param(struct req *r, const char *param, const char *message);

/* Reason phrase for a status ("Not Found"). */
const char *http_reason(int status);

/*
 * Builds an RFC 9457 problem document into b: type and title follow from
 * status; detail, request_id and errors (a JSON array text) are optional.
 */
void problem_build(struct sbuf *b, int status, const char *detail,
		   const char *request_id, const char *errors);

#endif
