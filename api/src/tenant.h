/*
 * tenant.h: the path's municipality against the caller's memberships.
 * Dispatch checks the caller's role there for every ROUTE_TENANT route
 * (access.h, access_in_municipality); row-level security is the second
 * line. A caller who holds nothing in the municipality gets 404, exactly
 * as for a municipality that does not exist, so ids cannot be probed.
 */
#ifndef TEILHABE_TENANT_H
#define TEILHABE_TENANT_H

struct db_stmt;

/*
 * A statement of one parameter, the AGS, that fails with 404 unless the
 * municipality exists and the caller holds a role there (district admins:
 * in its district): the first step of a tenant list, for which an empty
 * page would wrongly say the municipality exists.
 */
extern struct db_stmt tenant_exists;

#endif
