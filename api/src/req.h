/*
 * req.h: the request context every handler receives: the request, its
 * parameters, its body and the caller. Replies are in reply.h.
 */
#ifndef TEILHABE_REQ_H
#define TEILHABE_REQ_H

#include <jansson.h>
#include <stddef.h>

#include "caller.h"
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
	const char *cors_origins; /* the configured ones (cors.h), or NULL */
	struct route_match match;
	char request_id[REQ_ID_MAX + 1];
	char *query_buf;
	struct query_param query[REQ_MAX_QUERY];
	int nquery;
	char *body;
	size_t body_len;
	json_t *json;	      /* the parsed body of a JSON request */
	char *claims;	      /* JSON for app.claims; NULL: anonymous */
	unsigned role;	      /* the ROLE_* bits the caller holds anywhere */
	struct caller caller; /* who the token names */
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

#endif
