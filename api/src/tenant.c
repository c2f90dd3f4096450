/* tenant.c: may this caller act in this municipality? */
#include "tenant.h"

#include "access.h"
#include "caller.h"
#include "db.h"
#include "req.h"

struct db_stmt tenant_exists = DB_QUERY(
	"SELECT app_assert(EXISTS (SELECT FROM municipality WHERE ags = $1"
	" AND id = ANY (app_mids('{officer,steering,partner}'))), 'TH404',"
	" 'There is no such resource in a municipality you work for.')",
	1);

int tenant_check(struct req *r, unsigned roles)
{
	enum access_verdict v =
		access_in_municipality(&r->caller, req_param(r, "ags"), roles);

	return v == ACCESS_OK ? 0 : access_reply(r, v);
}
