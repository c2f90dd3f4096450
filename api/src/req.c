/*
 * req.c: the request context: request ids, query parameters, headers and
 * the request body, read within a limit and parsed by content type.
 */
#include "req.h"

#include <civetweb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "api.h"
#include "b64.h"
#include "json_depth.h"
#include "server.h"

int req_id_valid(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (; s[n]; n++) {
		char c = s[n];

		if (n >= REQ_ID_MAX ||
		    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return 0;
	}
	return n > 0;
}

void req_id_generate(char *buf)
{
	unsigned char raw[15];
	char *s;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		/* the kernel's pool never fails after boot; be safe anyway */
		static unsigned long long fallback;
		unsigned long long v =
			__atomic_add_fetch(&fallback, 1, __ATOMIC_RELAXED);
		memset(raw, 0, sizeof(raw));
		memcpy(raw, &v, sizeof(v));
	}
	s = b64url_encode(raw, sizeof(raw));
	snprintf(buf, REQ_ID_MAX + 1, "%s", s);
	free(s);
}

void req_init(struct req *r, struct mg_connection *conn, struct server *srv)
{
	const char *id;

	memset(r, 0, sizeof(*r));
	r->conn = conn;
	r->ri = conn ? mg_get_request_info(conn) : NULL;
	r->srv = srv;
	r->cors_origins = srv && srv->cfg ? srv->cfg->cors_origins : NULL;
	r->role = ROLE_ANON;
	id = conn ? mg_get_header(conn, "X-Request-Id") : NULL;
	if (req_id_valid(id))
		snprintf(r->request_id, sizeof(r->request_id), "%s", id);
	else
		req_id_generate(r->request_id);
}

void req_free(struct req *r)
{
	free(r->query_buf);
	free(r->body);
	free(r->claims);
	json_decref(r->json);
	r->query_buf = r->body = r->claims = NULL;
	r->json = NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int url_decode(char *s, int plus)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '%') {
			int hi = hexval(s[1]), lo = hi < 0 ? -1 : hexval(s[2]);

			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return -1;
			*o++ = (char)(hi << 4 | lo);
			s += 2;
		} else if (*s == '+' && plus) {
			*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return 0;
}

int req_parse_query(struct req *r, const char *qs)
{
	char *p, *save = NULL;

	r->nquery = 0;
	if (!qs || !*qs)
		return 0;
	free(r->query_buf);
	r->query_buf = xstrdup(qs);
	for (p = strtok_r(r->query_buf, "&", &save); p;
	     p = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(p, '=');

		if (r->nquery == REQ_MAX_QUERY) {
			snprintf(r->detail, sizeof(r->detail),
				 "More than %d query parameters.",
				 REQ_MAX_QUERY);
			return API_EINVAL;
		}
		if (eq)
			*eq = '\0';
		if (url_decode(p, 1) < 0 || (eq && url_decode(eq + 1, 1) < 0)) {
			snprintf(r->detail, sizeof(r->detail),
				 "The query string has a malformed "
				 "percent-encoding.");
			return API_EINVAL;
		}
		r->query[r->nquery].name = p;
		r->query[r->nquery].value = eq ? eq + 1 : p + strlen(p);
		r->nquery++;
	}
	return 0;
}

const char *req_query(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nquery; i++)
		if (!strcmp(r->query[i].name, name))
			return r->query[i].value;
	return NULL;
}

const char *req_header(const struct req *r, const char *name)
{
	return r->conn ? mg_get_header(r->conn, name) : NULL;
}

const char *req_param(const struct req *r, const char *name)
{
	return route_param(&r->match, name);
}

/* Whether the media type in a Content-Type value is type (parameters
 * such as charset are ignored; case-insensitive). */
static int media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	while (*ct == ' ')
		ct++;
	return !ascii_ncasecmp(ct, type, n) &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int parse_json(struct req *r)
{
	json_error_t e;

	if (!json_depth_ok(r->body, r->body_len, JSON_MAX_DEPTH)) {
		snprintf(r->detail, sizeof(r->detail),
			 "The JSON is nested deeper than %d levels.",
			 JSON_MAX_DEPTH);
		return API_EINVAL;
	}
	r->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!r->json) {
		snprintf(r->detail, sizeof(r->detail),
			 "The body is not valid JSON: %s (line %d, column %d).",
			 e.text, e.line, e.column);
		return API_EINVAL;
	}
	return 0;
}

/* Turns a form body into a JSON object of strings. */
static int parse_form(struct req *r)
{
	char *copy = xstrndup(r->body, r->body_len), *p, *save = NULL;
	int err = 0;

	if (strlen(copy) != r->body_len) {
		snprintf(r->detail, sizeof(r->detail),
			 "The form body contains a NUL byte.");
		free(copy);
		return API_EINVAL;
	}
	r->json = json_object();
	for (p = strtok_r(copy, "&", &save); p;
	     p = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(p, '=');

		if (eq)
			*eq = '\0';
		if (url_decode(p, 1) < 0 || (eq && url_decode(eq + 1, 1) < 0)) {
			snprintf(r->detail, sizeof(r->detail),
				 "The form body has a malformed "
				 "percent-encoding.");
			err = API_EINVAL;
			break;
		}
		if (!json_object_get(r->json, p))
			json_object_set_new(r->json, p,
					    json_string(eq ? eq + 1 : ""));
	}
	free(copy);
	return err;
}

int body_read(struct sbuf *out, long limit, long long declared,
	      int (*read_fn)(void *ctx, char *buf, size_t n), void *ctx)
{
	char chunk[8192];
	int n;

	if (declared > limit)
		return API_ETOOLARGE;
	while ((n = read_fn(ctx, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)n > (size_t)limit) {
			sbuf_free(out);
			return API_ETOOLARGE;
		}
		sbuf_add(out, chunk, (size_t)n);
	}
	/* a broken or short upload is never taken for a whole body */
	if (n < 0 || (declared >= 0 && out->len != (size_t)declared)) {
		sbuf_free(out);
		return API_EINVAL;
	}
	return 0;
}

static int conn_read(void *ctx, char *buf, size_t n)
{
	return mg_read(ctx, buf, n);
}

int req_read_body(struct req *r, long limit, unsigned route_flags)
{
	long long declared = r->ri ? r->ri->content_length : 0;
	const char *ct = req_header(r, "Content-Type");
	struct sbuf b = { 0 };

	int err = body_read(&b, limit, declared, conn_read, r->conn);

	if (err == API_ETOOLARGE) {
		snprintf(r->detail, sizeof(r->detail),
			 "The body is larger than %ld bytes.", limit);
		return err;
	}
	if (err < 0) {
		snprintf(r->detail, sizeof(r->detail),
			 "The body ended before its declared length.");
		return err;
	}
	r->body_len = b.len;
	r->body = sbuf_take(&b);
	return req_parse_body(r, ct, route_flags);
}

int req_parse_body(struct req *r, const char *ct, unsigned route_flags)
{
	if (r->body_len == 0 && !ct) {
		snprintf(r->detail, sizeof(r->detail),
			 "This request needs a body.");
		return API_EINVAL;
	}
	if (ct && (route_flags & ROUTE_BODY_JSON) &&
	    media_is(ct, "application/json"))
		return parse_json(r);
	if (ct && (route_flags & ROUTE_BODY_FORM) &&
	    media_is(ct, "application/x-www-form-urlencoded"))
		return parse_form(r);
	snprintf(r->detail, sizeof(r->detail), "Send the body as %s.",
		 (route_flags & ROUTE_BODY_FORM)
			 ? "application/json or "
			   "application/x-www-form-urlencoded"
			 : "application/json");
	return API_EMEDIATYPE;
}

/* Whether addr is one of the comma-separated list. */
static int in_list(const char *list, const char *addr)
{
	size_t n = strlen(addr);

	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len == n && !memcmp(p, addr, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

const char *req_client_addr(const struct req *r, const char *trusted, char *buf,
			    size_t len)
{
	const char *peer = r->ri->remote_addr, *xff, *last;

	snprintf(buf, len, "%s", peer);
	if (!trusted || !*trusted || !in_list(trusted, peer))
		return buf;
	if (!(xff = req_header(r, "X-Forwarded-For")))
		return buf;
	/* the proxy appends the address it saw: the last entry */
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	if (*last && strlen(last) < 64 && !strpbrk(last, " \t;\"'\\"))
		snprintf(buf, len, "%s", last);
	return buf;
}
