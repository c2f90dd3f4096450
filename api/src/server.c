/*
 * server.c: CivetWeb set-up and the dispatcher. One handler receives every
 * /api/, /health/ and /openapi.yaml request and routes it through the
 * route table; everything else is a static file of the web client. Errors
 * CivetWeb raises itself also leave as problem+json.
 */
#include "server.h"

#include <civetweb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "auth.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "routes.h"
#include "util.h"

/* What the access log needs of the request a worker is serving now. */
struct req_log {
	long long start_us;
	char request_id[REQ_ID_MAX + 1];
	const char *route;
	long long bytes;
};

static _Thread_local struct req_log current;

#define PREFLIGHT_HEADERS                                                      \
	"Access-Control-Allow-Headers: Authorization, Content-Type, "          \
	"If-Match, If-None-Match, X-Request-Id, Idempotency-Key\r\n"           \
	"Access-Control-Max-Age: 600\r\n"

int server_origin_allowed(const struct server *s, const char *origin)
{
	const char *list = s->cfg->cors_origins;
	size_t n = strlen(origin);

	while (list && *list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		while (len && *list == ' ') {
			list++;
			len--;
		}
		while (len && list[len - 1] == ' ')
			len--;
		if (len == n && !memcmp(list, origin, n))
			return 1;
		list = end ? end + 1 : NULL;
	}
	return 0;
}

static int preflight(struct req *r, const char *allow)
{
	struct sbuf h = { 0 };
	const char *origin = req_header(r, "Origin");
	int status;

	sbuf_addf(&h, "Allow: %s, OPTIONS\r\n", allow);
	if (origin && server_origin_allowed(r->srv, origin))
		sbuf_addf(&h,
			  "Access-Control-Allow-Methods: "
			  "%s\r\n" PREFLIGHT_HEADERS,
			  allow);
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
	char allow[128];
	int rc, status;

	req_init(&r, conn, srv);
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
	rc = auth_request(&r, &srv->keys, (long)time(NULL));
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
	if (!(rt->roles & r.role)) {
		const char *ags = req_param(&r, "ags");

		if (r.role == ROLE_ANON)
			status = reply_problem(
				&r, 401, "Sign in to use this resource.", NULL,
				"WWW-Authenticate: Bearer "
				"realm=\"teilhabe\"\r\n");
		else if (ags && !auth_role_in(&r.caller, ags, NULL))
			/* another municipality: as if it did not exist */
			status = reply_problem(&r, 404,
					       "There is no such resource in a "
					       "municipality you work for.",
					       NULL, NULL);
		else
			status = reply_problem(&r, 403,
					       "Your role does not allow this.",
					       NULL, NULL);
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
	status = rt->handler(&r);
out:
	snprintf(current.request_id, sizeof(current.request_id), "%s",
		 r.request_id);
	current.bytes = (long long)r.sent;
	req_free(&r);
	return status;
}

/* CivetWeb's own errors (static 404, bad request lines, ...) */
static int on_http_error(struct mg_connection *conn, int status,
			 const char *msg)
{
	struct req r;
	const char *detail = status == 404 ? "There is no such resource." : msg;

	req_init(&r, conn, mg_get_user_data(mg_get_context(conn)));
	if (!r.ri || !r.ri->request_method) {
		req_free(&r);
		return 1; /* no request line: let CivetWeb answer */
	}
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
	(void)conn;
	current.start_us = now_us();
	current.request_id[0] = '\0';
	current.route = NULL;
	current.bytes = -1;
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
	opts[n++] = "X-Content-Type-Options: nosniff";
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
	fprintf(stderr, "Teilhabe serves on http://%s/\n", cfg->listen);
	fflush(stderr);

	sigwait(&set, &sig);
	fprintf(stderr, "teilhabe: %s received, finishing requests\n",
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	mg_stop(srv.ctx); /* waits for the workers' requests in flight */
	mg_exit_library();
	db_pool_free(srv.pool);
	free(srv.openapi);
	fflush(stdout);
	return 0;
}
