/* tenant.c: the first step of a tenant list (tenant.h). */
#include "tenant.h"

#include "db.h"

struct db_stmt tenant_exists = DB_QUERY(
	"SELECT app_assert(EXISTS (SELECT FROM municipality WHERE ags = $1"
	" AND id = ANY (app_mids('{officer,steering,partner}'))), 'TH404',"
	" 'There is no such resource in a municipality you work for.')");
