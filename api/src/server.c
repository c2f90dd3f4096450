/*
 * server.c: CivetWeb set-up and the dispatcher. One handler receives every
 * /api/, /health/ and /openapi.yaml request and routes it through the
 * route table; everything else is a static file of the web client. Errors
 * CivetWeb raises itself also leave as problem+json.
 */
#include "server.h"

#include <civetweb.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "api.h"
#include "caller.h"
#include "cors.h"
#include "db.h"
#include "drain.h"
#include "log.h"
#include "reply.h"
#include "req.h"
#include "routes.h"
#include "util.h"

/* What the access log needs of the request a worker is serving now. */
struct req_log {
	long long start_us;
	char request_id[REQ_ID_MAX + 1];
	const char *route;
	long long bytes;
	int dispatched; /* between begin_request and end_request */
};

static _Thread_local struct req_log current;

/*
 * Graceful shutdown. CivetWeb's mg_stop cuts replies short (its writes
 * give up once the stop flag is set), so on SIGTERM the server first
 * drains: requests already begun run to the end and their replies are
 * written, new ones are answered 503 with Connection: close, and only when
 * none is left in flight (or the grace period is over) mg_stop runs.
 * A request counts from begin_request to end_request, on the same worker
 * thread; counted marks the requests this thread added to in_flight.
 */
static atomic_int in_flight;
static _Thread_local int counted;

/* A request that came after the signal: refused, the client may retry. */
static int refuse_draining(struct mg_connection *conn)
{
	struct req r;
	int status;

	req_init(&r, conn, mg_get_user_data(mg_get_context(conn)));
	status = reply_problem(&r, 503,
			       "The service is shutting down; try again in a "
			       "moment.",
			       NULL, "Retry-After: 5\r\n");
	snprintf(current.request_id, sizeof(current.request_id), "%s",
		 r.request_id);
	current.bytes = (long long)r.sent;
	current.route = "(shutting down)";
	req_free(&r);
	return status;
}

/*
 * Waits until no request is in flight or grace_ms have passed; a second
 * signal ends the wait at once.
 */
static void drain(long grace_ms, const sigset_t *set)
{
	long long until = now_us() + grace_ms * 1000LL;
	const struct timespec tick = { 0, 10 * 1000000L };
	int left;

	drain_start();
	while ((left = atomic_load(&in_flight)) > 0 && now_us() < until) {
		if (sigtimedwait(set, NULL, &tick) > 0) {
			log_error("second signal: stopping with %d requests "
				  "in flight",
				  left);
			return;
		}
	}
	if (left > 0)
		log_error("grace period of %ld ms over: stopping with %d "
			  "requests in flight",
			  grace_ms, left);
}

/*
 * Sent with the web client's and /docs/' static files when the service
 * serves them itself; the same policy as web/nginx.conf's. No inline
 * script anywhere; Redoc (/docs/) injects <style> elements and runs its
 * search in a blob: worker, hence 'unsafe-inline' styles and blob: workers.
 */
#define STATIC_HEADERS                                                         \
	"X-Content-Type-Options: nosniff\r\n"                                  \
	"Content-Security-Policy: default-src 'self'; img-src 'self' data:; "  \
	"style-src 'self' 'unsafe-inline'; script-src 'self'; worker-src "     \
	"'self' blob:; connect-src 'self'; font-src 'self' data:; object-src " \
	"'none'; base-uri 'self'; form-action 'self'; frame-ancestors "        \
	"'none'\r\n"                                                           \
	"X-Frame-Options: DENY\r\n"                                            \
	"Referrer-Policy: same-origin\r\n"                                     \
	"Permissions-Policy: camera=(), microphone=(), geolocation=()"

static int preflight(struct req *r, const char *allow)
{
	struct sbuf h = { 0 };
	const char *origin = req_header(r, "Origin");
	int status;

	sbuf_addf(&h, "Allow: %s, OPTIONS\r\n", allow);
	cors_add_preflight(&h, r->srv->cfg->cors_origins, origin, allow);
	status = reply(r, 204, NULL, h.p, NULL, 0);
	sbuf_free(&h);
	return status;
}

static int dispatch(struct mg_connection *conn, void *cbdata)
{
	struct server *srv = cbdata;
	const struct route *rt;
	struct req r;
	const char *method;
	enum access_verdict v;
	char allow[128];
	int rc, status;

	req_init(&r, conn, srv);
	log_set_request(r.request_id);
	method = r.ri->request_method;
	rc = router_match(
		routes, route_count, strcmp(method, "HEAD") ? method : "GET",
		r.ri->local_uri_raw ? r.ri->local_uri_raw : "", &r.match);
	rt = r.match.route;
	current.route = rt ? rt->path : "(unmatched)";
	if (rc == ROUTER_NOT_FOUND) {
		status = reply_problem(&r, 404, "There is no such resource.",
				       NULL, NULL);
		goto out;
	}
	if (rc == ROUTER_METHOD_NOT_ALLOWED) {
		if (!strcmp(method, "OPTIONS")) {
			status = preflight(&r, r.match.allow);
			goto out;
		}
		snprintf(allow, sizeof(allow), "Allow: %s\r\n", r.match.allow);
		status = reply_problem(&r, 405,
				       "This resource does not support that "
				       "method.",
				       NULL, allow);
		goto out;
	}
	rc = caller_from_token(&r, &srv->keys, (long)time(NULL));
	if (rc == API_EINVAL) {
		status = reply_problem(&r, 400, r.detail, NULL, NULL);
		goto out;
	}
	if (rc < 0) {
		status = reply_problem(&r, 401, r.detail, NULL,
				       "WWW-Authenticate: Bearer "
				       "realm=\"teilhabe\", "
				       "error=\"invalid_token\"\r\n");
		goto out;
	}
	/* access, first step: a role anywhere that the route allows */
	if ((v = access_route(rt, r.role, &r.caller, req_param(&r, "ags"))) !=
	    ACCESS_OK) {
		status = access_reply(&r, v);
		goto out;
	}
	if (req_parse_query(&r, r.ri->query_string) < 0) {
		status = reply_problem(&r, 400, r.detail, NULL, NULL);
		goto out;
	}
	if (rt->flags & (ROUTE_BODY_JSON | ROUTE_BODY_FORM)) {
		int err = req_read_body(&r, srv->cfg->body_limit, rt->flags);

		if (err < 0) {
			status = reply_problem(&r, api_err_status(err),
					       r.detail, NULL, NULL);
			goto out;
		}
	}
	/* access, second step (after query and body, as before handlers
	 * had it): the role in the path's municipality, the client's scope */
	if ((v = access_tenant(rt, &r.caller, req_param(&r, "ags"))) !=
	    ACCESS_OK) {
		status = access_reply(&r, v);
		goto out;
	}
	status = rt->handler(&r);
out:
	snprintf(current.request_id, sizeof(current.request_id), "%s",
		 r.request_id);
	current.bytes = (long long)r.sent;
	log_set_request(NULL);
	req_free(&r);
	return status;
}

/*
 * Errors CivetWeb raises before a request is dispatched: the framing, header
 * limit and request target checks of the patches in api/civetweb/, and
 * malformed request lines. The request may not even have a method, so this
 * writes the problem itself instead of through reply(). CivetWeb closes the
 * connection after these and calls neither begin_request nor end_request: the
 * reply says "Connection: close" and the access line is written here.
 */
static void reply_rejected(struct mg_connection *conn, int status,
			   const char *detail)
{
	const struct mg_request_info *ri = mg_get_request_info(conn);
	const char *id = mg_get_header(conn, "X-Request-Id");
	const char *method = ri && ri->request_method ? ri->request_method : "";
	char request_id[REQ_ID_MAX + 1], method_buf[16];
	struct sbuf body = { 0 }, b = { 0 };
	long long sent = -1;

	if (req_id_valid(id))
		snprintf(request_id, sizeof(request_id), "%s", id);
	else
		req_id_generate(request_id);
	snprintf(method_buf, sizeof(method_buf), "%s", method);
	problem_build(&body, status, detail, request_id, NULL);
	sbuf_addf(&b,
		  "HTTP/1.1 %d %s\r\n"
		  "Content-Type: application/problem+json\r\n"
		  "Content-Length: %zu\r\n"
		  "X-Request-Id: %s\r\n"
		  "Cache-Control: no-store\r\n"
		  "X-Content-Type-Options: nosniff\r\n"
		  "Connection: close\r\n\r\n",
		  status, http_reason(status), body.len, request_id);
	if (strcmp(method, "HEAD"))
		sbuf_add(&b, body.p, body.len);
	if (mg_write(conn, b.p, b.len) > 0)
		sent = (long long)b.len;
	log_access(&(struct access_entry){
		.request_id = request_id,
		.method = method_buf,
		.route = "(rejected)",
		.status = status,
		.duration_us = 0, /* CivetWeb does not say when reading began */
		.bytes = sent,
	});
	sbuf_free(&body);
	sbuf_free(&b);
}

/* CivetWeb's own errors (static 404, bad request lines, ...) */
static int on_http_error(struct mg_connection *conn, int status,
			 const char *msg)
{
	struct req r;
	const char *detail = status == 404 ? "There is no such resource." : msg;

	if (!current.dispatched) {
		reply_rejected(conn, status, msg);
		return 0;
	}
	req_init(&r, conn, mg_get_user_data(mg_get_context(conn)));
	reply_problem(&r, status, detail, NULL,
		      status == 405 ? "Allow: GET, HEAD\r\n" : NULL);
	snprintf(current.request_id, sizeof(current.request_id), "%s",
		 r.request_id);
	current.bytes = (long long)r.sent;
	if (!current.route)
		current.route = "(static)";
	req_free(&r);
	return 0;
}

static int on_begin_request(struct mg_connection *conn)
{
	current.start_us = now_us();
	current.request_id[0] = '\0';
	current.route = NULL;
	current.bytes = -1;
	current.dispatched = 1;
	atomic_fetch_add(&in_flight, 1);
	counted = 1;
	if (drain_active())
		return refuse_draining(conn);
	return 0;
}

static void on_end_request(const struct mg_connection *conn, int status)
{
	const struct mg_request_info *ri = mg_get_request_info(conn);
	struct access_entry e = {
		.request_id = current.request_id,
		.method = ri ? ri->request_method : "",
		.route = current.route ? current.route : "(static)",
		.status = status,
		.duration_us = now_us() - current.start_us,
		.bytes = current.bytes,
	};

	if (!current.request_id[0])
		req_id_generate(current.request_id);
	log_access(&e);
	current.dispatched = 0;
	if (counted) {
		counted = 0;
		atomic_fetch_sub(&in_flight, 1);
	}
}

static int on_log_message(const struct mg_connection *conn, const char *msg)
{
	(void)conn;
	log_error("civetweb: %s", msg);
	return 1;
}

int server_run(const struct config *cfg)
{
	struct server srv = { .cfg = cfg };
	struct mg_callbacks cb;
	char threads[16], timeout[16];
	const char *opts[40];
	int n = 0, sig;
	sigset_t set;

	snprintf(threads, sizeof(threads), "%ld", cfg->threads);
	snprintf(timeout, sizeof(timeout), "%ld", cfg->request_timeout_ms);
	opts[n++] = "listening_ports";
	opts[n++] = cfg->listen;
	opts[n++] = "num_threads";
	opts[n++] = threads;
	opts[n++] = "request_timeout_ms";
	opts[n++] = timeout;
	opts[n++] = "keep_alive_timeout_ms";
	opts[n++] = "30000";
	opts[n++] = "enable_keep_alive";
	opts[n++] = "yes";
	opts[n++] = "tcp_nodelay";
	opts[n++] = "1";
	opts[n++] = "access_control_allow_origin";
	opts[n++] = "";
	opts[n++] = "enable_directory_listing";
	opts[n++] = "no";
	opts[n++] = "cgi_pattern";
	opts[n++] = "";
	opts[n++] = "hide_files_patterns";
	opts[n++] = "**/.*";
	opts[n++] = "static_file_max_age"; /* ES modules: revalidate */
	opts[n++] = "0";
	opts[n++] = "ssi_pattern";
	opts[n++] = "";
	opts[n++] = "additional_header";
	opts[n++] = STATIC_HEADERS;
	/* an absolute-form target (http://host:port/path) is served when its
	 * port is ours; the host name is not compared, as Host is not */
	opts[n++] = "enable_auth_domain_check";
	opts[n++] = "no";
	if (cfg->web_root && *cfg->web_root) {
		opts[n++] = "document_root";
		opts[n++] = cfg->web_root;
		opts[n++] = "index_files";
		opts[n++] = "index.html";
	}
	opts[n] = NULL;

	setvbuf(stdout, NULL, _IOLBF, 0); /* one access line, one write */
	{
		char err[512];

		if (token_keys_load(&srv.keys, cfg->token_keys, err,
				    sizeof(err)) < 0) {
			log_error("%s", err);
			return 1;
		}
	}
	srv.openapi = file_read(cfg->openapi_path, &srv.openapi_len);
	if (!srv.openapi)
		log_error("cannot read %s; /openapi.yaml will answer 404",
			  cfg->openapi_path);
	srv.pool = db_pool_new(cfg->database_url, (int)cfg->pool_size,
			       (int)cfg->pool_timeout_ms);

	/* workers inherit the mask: only this thread takes the signals */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&cb, 0, sizeof(cb));
	cb.begin_request = on_begin_request;
	cb.end_request = on_end_request;
	cb.http_error = on_http_error;
	cb.log_message = on_log_message;
	mg_init_library(0);
	srv.ctx = mg_start(&cb, &srv, opts);
	if (!srv.ctx) {
		log_error("cannot serve on %s (address in use, or invalid?)",
			  cfg->listen);
		db_pool_free(srv.pool);
		free(srv.openapi);
		mg_exit_library();
		return 1;
	}
	for (int i = 0; i < 5; i++) {
		static const char *const prefixes[] = { "/api/", "/health/",
							"/openapi.yaml$",
							"/api$", "/health$" };
		mg_set_request_handler(srv.ctx, prefixes[i], dispatch, &srv);
	}
	log_error("serving on http://%s/", cfg->listen);
	fflush(stderr);

	sigwait(&set, &sig);
	log_error("%s received: finishing the requests in flight (at most "
		  "%ld ms), refusing new ones",
		  sig == SIGINT ? "SIGINT" : "SIGTERM", cfg->shutdown_grace_ms);
	drain(cfg->shutdown_grace_ms, &set);
	mg_stop(srv.ctx);
	mg_exit_library();
	db_pool_free(srv.pool);
	free(srv.openapi);
	fflush(stdout);
	return 0;
}
