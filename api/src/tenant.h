/*
 * tenant.h: the path's municipality against the caller's memberships.
 * Dispatch checks it for every ROUTE_TENANT route (access.h); row-level
 * security is the second line. A caller who holds nothing in the
 * municipality gets 404, exactly as for a municipality that does not
 * exist, so ids cannot be probed.
 */
#ifndef TEILHABE_TENANT_H
#define TEILHABE_TENANT_H

struct db_stmt;
struct req;

/*
 * Checks the {ags} path parameter: 400 when malformed, 404 when the caller
 * holds no role there, 403 when their role there is not one of roles.
 * Returns 0 when allowed, else the status it replied with. Dispatch has
 * done this for ROUTE_TENANT routes already; for handlers that still
 * repeat it (with the same outcome).
 */
int tenant_check(struct req *r, unsigned roles);

/*
 * A statement of one parameter, the AGS, that fails with 404 unless the
 * municipality exists and the caller holds a role there (district admins:
 * in its district): the first step of a tenant list,
 * for which an empty page would wrongly say the municipality exists.
 */
extern struct db_stmt tenant_exists;

#endif
