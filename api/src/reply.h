/*
 * reply.h: the replies a handler (or the dispatcher) sends. A reply is
 * written with one mg_write: status line, headers and body in one buffer;
 * every error is an RFC 9457 problem document. Each returns the HTTP
 * status it sent.
 */
#ifndef TEILHABE_REPLY_H
#define TEILHABE_REPLY_H

#include <stddef.h>

struct db_result;
struct req;
struct sbuf;

int reply(struct req *r, int status, const char *content_type,
	  const char *headers, const char *body, size_t len);
/*
 * A reply whose body is sent in parts (Transfer-Encoding: chunked, for
 * HTTP/1.1 requests only): the status line and headers, then each part,
 * then the end; failed ends it so that the client sees the body broken
 * off. Each returns 0, or -1 when the connection is gone.
 */
int reply_stream_start(struct req *r, int status, const char *content_type,
		       const char *headers);
int reply_stream_chunk(struct req *r, const char *p, size_t len);
int reply_stream_end(struct req *r, int failed);
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
