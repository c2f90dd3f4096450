/* access.c: the route table's access, checked in dispatch (access.h). */
#include "access.h"

#include <stdio.h>
#include <string.h>

#include "ags.h"
#include "caller.h"
#include "reply.h"
#include "req.h"

enum access_verdict access_route(const struct route *rt, unsigned held,
				 const struct caller *c, const char *ags)
{
	if (rt->roles & held)
		return ACCESS_OK;
	if (held == ROLE_ANON)
		return ACCESS_SIGN_IN;
	/* another municipality: as if it did not exist */
	if (ags && !caller_role_in(c, ags, NULL))
		return ACCESS_ELSEWHERE;
	return ACCESS_ROLE;
}

enum access_verdict access_in_municipality(const struct caller *c,
					   const char *ags, unsigned roles)
{
	unsigned held;

	if (!ags_valid(ags))
		return ACCESS_BAD_AGS;
	held = caller_role_in(c, ags, NULL);
	if (!held)
		return ACCESS_ELSEWHERE;
	if (!(held & roles))
		return ACCESS_ROLE_HERE;
	return ACCESS_OK;
}

enum access_verdict access_tenant(const struct route *rt,
				  const struct caller *c, const char *ags)
{
	enum access_verdict v;

	if (rt->flags & ROUTE_TENANT) {
		if ((v = access_in_municipality(c, ags, rt->roles)) !=
		    ACCESS_OK)
			return v;
	} else if ((rt->flags & ROUTE_PUBLIC) && !ags_valid(ags)) {
		return ACCESS_BAD_AGS;
	}
	if (rt->scope && !caller_has_scope(c, rt->scope))
		return ACCESS_SCOPE;
	return ACCESS_OK;
}

int access_status(enum access_verdict v)
{
	switch (v) {
	case ACCESS_OK:
		return 0;
	case ACCESS_SIGN_IN:
		return 401;
	case ACCESS_ELSEWHERE:
		return 404;
	case ACCESS_BAD_AGS:
		return 400;
	case ACCESS_ROLE:
	case ACCESS_ROLE_HERE:
	case ACCESS_SCOPE:
		return 403;
	}
	return 500;
}

int access_reply(struct req *r, enum access_verdict v)
{
	switch (v) {
	case ACCESS_SIGN_IN:
		return reply_problem(r, 401, "Sign in to use this resource.",
				     NULL,
				     "WWW-Authenticate: Bearer "
				     "realm=\"teilhabe\"\r\n");
	case ACCESS_ELSEWHERE:
		return reply_problem(r, 404,
				     "There is no such resource in a "
				     "municipality you work for.",
				     NULL, NULL);
	case ACCESS_ROLE:
		return reply_problem(r, 403, "Your role does not allow this.",
				     NULL, NULL);
	case ACCESS_BAD_AGS:
		return reply_bad_param(r, "ags",
				       "must be the 8-digit Amtlicher "
				       "Gemeindeschlüssel");
	case ACCESS_ROLE_HERE:
		return reply_problem(r, 403,
				     "Your role in this municipality does not "
				     "allow this.",
				     NULL, NULL);
	case ACCESS_SCOPE:
		return reply_problem(r, 403,
				     "This API client lacks the scope for "
				     "this request.",
				     NULL, NULL);
	case ACCESS_OK:
		break;
	}
	return reply_problem(r, 500, "Access was not decided.", NULL, NULL);
}

int access_public(const struct req *r)
{
	return r->match.route && (r->match.route->flags & ROUTE_PUBLIC);
}

const char *access_role_names(unsigned roles, char *buf, size_t size)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ ROLE_OFFICER, "officer" },
		{ ROLE_STEERING, "steering" },
		{ ROLE_PARTNER, "partner" },
		{ ROLE_DISTRICT_ADMIN, "district_admin" },
		{ ROLE_ANON, "anonymous" },
		{ ROLE_MEMBERLESS, "memberless" },
	};
	size_t n;

	if (roles == ROLE_ANYONE) {
		snprintf(buf, size, "[\"anyone\"]");
		return buf;
	}
	if (roles == ROLE_SIGNED_IN) {
		snprintf(buf, size, "[\"signed_in\"]");
		return buf;
	}
	snprintf(buf, size, "[");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(roles & names[i].bit))
			continue;
		n = strlen(buf);
		snprintf(buf + n, size - n, "%s\"%s\"", n > 1 ? "," : "",
			 names[i].name);
	}
	n = strlen(buf);
	snprintf(buf + n, size - n, "]");
	return buf;
}
