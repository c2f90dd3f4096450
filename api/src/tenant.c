/* tenant.c: may this caller act in this municipality? */
#include "tenant.h"

#include "ags.h"
#include "caller.h"
#include "db.h"
#include "reply.h"
#include "req.h"

struct db_stmt tenant_exists = DB_QUERY(
	"SELECT app_assert(EXISTS (SELECT FROM municipality WHERE ags = $1"
	" AND id = ANY (app_mids('{officer,steering,partner}'))), 'TH404',"
	" 'There is no such resource in a municipality you work for.')");

int tenant_check(struct req *r, unsigned roles)
{
	const char *ags = req_param(r, "ags");
	unsigned held;

	if (!ags_valid(ags))
		return reply_bad_param(r, "ags",
				       "must be the 8-digit Amtlicher "
				       "Gemeindeschlüssel");
	held = caller_role_in(&r->caller, ags, NULL);
	if (!held)
		return reply_problem(r, 404,
				     "There is no such resource in a "
				     "municipality you work for.",
				     NULL, NULL);
	if (!(held & roles))
		return reply_problem(r, 403,
				     "Your role in this municipality does not "
				     "allow this.",
				     NULL, NULL);
	return 0;
}
