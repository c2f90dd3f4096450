/*
 * access.h: who may call a route, decided once, in dispatch, from the
 * route table's entry (roles, scope, flags) and the caller; row-level
 * security in the database is the second, independent check. The
 * decisions are pure functions of route, caller and path AGS, so they are
 * unit-tested without a server; access_reply turns a verdict into its
 * problem reply.
 */
#ifndef TEILHABE_ACCESS_H
#define TEILHABE_ACCESS_H

#include "router.h"

struct caller;
struct req;

/* The role sets of the route table, each named once. */
#define ROLES_MANAGERS (ROLE_OFFICER | ROLE_DISTRICT_ADMIN) /* write */
#define ROLES_STAFF    (ROLE_OFFICER | ROLE_STEERING | ROLE_DISTRICT_ADMIN)
#define ROLES_READERS  (ROLES_STAFF | ROLE_PARTNER) /* read the catalogue */
#define ROLES_ADOPTERS (ROLE_STEERING | ROLE_DISTRICT_ADMIN)
#define ROLES_REPORTERS                                                        \
	(ROLE_OFFICER | ROLE_PARTNER | ROLE_DISTRICT_ADMIN) /* progress */
#define ROLES_CONTRIBUTORS                                                     \
	(ROLE_OFFICER | ROLE_PARTNER | ROLE_DISTRICT_ADMIN) /* Beiträge */
#define ROLES_PROVIDERS                                                        \
	(ROLE_OFFICER | ROLE_PARTNER | ROLE_DISTRICT_ADMIN) /* Angebote */
/* events: partners only those their organisation organises (database) */
#define ROLES_EVENT_WRITERS (ROLE_OFFICER | ROLE_PARTNER | ROLE_DISTRICT_ADMIN)
#define ROLES_ORG_EDITORS                                                      \
	(ROLE_OFFICER | ROLE_PARTNER |                                         \
	 ROLE_DISTRICT_ADMIN) /* organisation profiles */

/* The outcome of a check; each has its status and problem text. */
enum access_verdict {
	ACCESS_OK = 0,
	ACCESS_SIGN_IN,	  /* 401: anonymous on a route for the signed-in */
	ACCESS_ELSEWHERE, /* 404: no role in the path's municipality */
	ACCESS_ROLE,	  /* 403: no role anywhere that the route allows */
	ACCESS_BAD_AGS,	  /* 400: the path's {ags} is malformed */
	ACCESS_ROLE_HERE, /* 403: the role in the municipality is not enough */
	ACCESS_SCOPE,	  /* 403: an API client without the route's scope */
};

/*
 * The first check, right after the token is read (before the query and
 * the body): do the roles the caller holds anywhere (held, ROLE_* bits;
 * ROLE_ANON for no token) include one of the route's? ags is the path's
 * {ags} or NULL.
 */
enum access_verdict access_route(const struct route *rt, unsigned held,
				 const struct caller *c, const char *ags);

/*
 * The second check, after the query and the body are read, just before
 * the handler: for ROUTE_TENANT and ROUTE_PUBLIC routes the form of
 * {ags}; for ROUTE_TENANT the caller's role in that municipality; for a
 * route with a scope, the API client's scopes (people have every scope).
 */
enum access_verdict access_tenant(const struct route *rt,
				  const struct caller *c, const char *ags);

/*
 * The caller's role in the municipality ags against roles: ACCESS_BAD_AGS,
 * ACCESS_ELSEWHERE, ACCESS_ROLE_HERE or ACCESS_OK (the rule of ROUTE_TENANT
 * routes).
 */
enum access_verdict access_in_municipality(const struct caller *c,
					   const char *ags, unsigned roles);

/* The HTTP status of a verdict (0 for ACCESS_OK). */
int access_status(enum access_verdict v);

/* Sends the problem reply of a verdict other than ACCESS_OK. */
int access_reply(struct req *r, enum access_verdict v);

/* Whether the request's route is ROUTE_PUBLIC: read as nobody. */
int access_public(const struct req *r);

/*
 * The route's roles as the names openapi.yaml's x-roles uses, into buf as
 * a JSON array ("anyone", "signed_in", or officer, steering, partner,
 * district_admin, anonymous, memberless). Returns buf.
 */
const char *access_role_names(unsigned roles, char *buf, size_t size);

#endif
