/*
 * router.h: the route table's shape and the matcher that finds a route for
 * a method and a path. Path templates are literal segments and "{name}"
 * parameters, each of which matches one non-empty segment; matching is
 * exact and case-sensitive (unlike CivetWeb's own handler patterns).
 */
#ifndef TEILHABE_ROUTER_H
#define TEILHABE_ROUTER_H

#include <stddef.h>

struct req;
typedef int (*handler_fn)(struct req *r);

/* Who may call a route: any combination of these bits. */
enum role_bits {
	ROLE_ANON = 1 << 0,
	ROLE_PARTNER = 1 << 1,
	ROLE_OFFICER = 1 << 2,
	ROLE_STEERING = 1 << 3,
	ROLE_DISTRICT_ADMIN = 1 << 4,
	ROLE_MEMBERLESS = 1 << 5, /* signed in, without any membership yet */
};
#define ROLE_SIGNED_IN                                                         \
	(ROLE_PARTNER | ROLE_OFFICER | ROLE_STEERING | ROLE_DISTRICT_ADMIN |   \
	 ROLE_MEMBERLESS)
#define ROLE_ANYONE (ROLE_ANON | ROLE_SIGNED_IN)

/* What a route accepts as a request body, and how its access is checked. */
enum route_flags {
	ROUTE_BODY_JSON = 1 << 0,
	ROUTE_BODY_FORM = 1 << 1,
	/* of the municipality {ags}: the caller's role there is checked */
	ROUTE_TENANT = 1 << 2,
	/* what the municipality {ags} publishes: no token needed, read as
	 * nobody; the municipality must exist */
	ROUTE_PUBLIC = 1 << 3,
	/* a POST that honours an Idempotency-Key header */
	ROUTE_IDEMPOTENT = 1 << 4,
};

/* One entry of the route table, with who may call it (access.h). */
struct route {
	const char *method;
	const char *path;
	handler_fn handler;
	const char *name;  /* the handler's name: openapi.yaml's operationId */
	unsigned roles;	   /* ROLE_* bits that may call it */
	const char *scope; /* the scope an API client needs; NULL: none */
	unsigned flags;	   /* ROUTE_* */
};

/* A route table entry; the handler's name comes along as a string. */
#define ROUTE(m, p, h, r, s, f)                                                \
	{                                                                      \
		.method = (m), .path = (p), .handler = (h), .name = #h,        \
		.roles = (r), .scope = (s), .flags = (f)                       \
	}

#define ROUTE_MAX_PARAMS 4
#define ROUTE_MAX_VALUE	 128

struct route_param {
	const char *name; /* points into the template, name_len bytes */
	size_t name_len;
	char value[ROUTE_MAX_VALUE];
};

struct route_match {
	const struct route *route;
	struct route_param params[ROUTE_MAX_PARAMS];
	int nparams;
	char allow[96]; /* for 405: the methods the path does have */
};

enum { ROUTER_NOT_FOUND = -1, ROUTER_METHOD_NOT_ALLOWED = -2 };

/*
 * Matches method and path (without query) against routes[0..n). Returns 0
 * and fills m; ROUTER_METHOD_NOT_ALLOWED with m->allow set ("GET, POST")
 * when the path exists for other methods only; ROUTER_NOT_FOUND otherwise.
 */
int router_match(const struct route *routes, size_t n, const char *method,
		 const char *path, struct route_match *m);

/* The value of path parameter name, or NULL. */
const char *route_param(const struct route_match *m, const char *name);

#endif
