/*
 * audit.c: GET /api/v1/municipalities/{ags}/audit, the Änderungsprotokoll.
 * Triggers write it for every change of every tenant table; officers, the
 * steering group and district admins read their municipality's, newest
 * first.
 */
#include "../db.h"
#include "../enums.h"
#include "../resource.h"
#include "handlers.h"

static struct db_stmt q_list = DB_QUERY(
	"SELECT json_build_object('id', e.id::text, 'at', e.at,"
	" 'actor', audit_actor(e.id),"
	" 'table', e.table_name, 'row_id', e.row_id, 'action', e.action,"
	" 'old', e.old_values, 'new', e.new_values)::text, e.id"
	" FROM audit_event e"
	" WHERE e.municipality_id = (SELECT id FROM municipality WHERE ags = "
	"$1)"
	" AND ($2::text IS NULL OR e.table_name = $2)"
	" AND ($3::text IS NULL OR e.row_id = $3)"
	" AND ($4::text IS NULL OR e.action = $4)"
	" AND ($5::bigint IS NULL OR e.actor_account_id = $5::bigint)"
	" AND ($6::timestamptz IS NULL OR e.at >= $6::timestamptz)"
	" AND ($7::timestamptz IS NULL OR e.at < $7::timestamptz)"
	" AND ($8::bigint IS NULL OR e.id < $8::bigint)"
	" ORDER BY e.id DESC LIMIT $9::int + 1");

static const struct filter filters[] = {
	{ .name = "table",
	  .kind = FILTER_BYTES,
	  .max = 63,
	  .message = "is not a table name" },
	{ .name = "row_id",
	  .kind = FILTER_BYTES,
	  .max = 100,
	  .message = "must have 1 to 100 bytes" },
	{ .name = "action",
	  .kind = FILTER_ENUM,
	  .values = enum_audit_action,
	  .message = "must be insert, update or delete" },
	{ .name = "actor",
	  .kind = FILTER_ID,
	  .message = "must be an account id" },
	{ .name = "since",
	  .kind = FILTER_TIME,
	  .message = "must be an ISO 8601 date-time" },
	{ .name = "until",
	  .kind = FILTER_TIME,
	  .message = "must be an ISO 8601 date-time" },
};
static const enum key_kind keys[] = { KEY_ID };

int audit_list(struct req *r)
{
	static const struct list_spec s = {
		.filters = filters,
		.nfilters = ARRAY_SIZE(filters),
		.list = &q_list,
		.keys = keys,
		.nkeys = ARRAY_SIZE(keys),
		.page_first = 1,
		/* the detail it always had; what reaches the database now
		 * is a table or row_id that is not UTF-8 */
		.refused = "A date-time parameter is not a valid date-time.",
	};
	return list_run(r, &s);
}
