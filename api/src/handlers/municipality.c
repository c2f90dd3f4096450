/*
 * municipality.c: the Kommunen of the district, the tenants of the system.
 * Their names and figures are public, so these reads run without the
 * caller's claims (one statement less per request). JSON is built in
 * PostgreSQL and passed through.
 */
#include "../db.h"
#include "../resource.h"
#include "handlers.h"

/*
 * $1, $2: the cursor's (name, ags) or NULL; $3: the page size. One row more
 * than the page is read to learn whether another page follows.
 */
static struct db_stmt q_list =
	DB_QUERY("SELECT doc, name, ags FROM municipality_doc"
		 " WHERE $1::text IS NULL OR (name, ags) > ($1, $2)"
		 " ORDER BY name, ags LIMIT $3::int + 1");

static struct db_stmt q_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM municipality_doc WHERE ags = $1");

static const enum key_kind keys[] = { KEY_TEXT, KEY_TEXT };

int municipality_list(struct req *r)
{
	static const struct list_spec s = { .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int municipality_get(struct req *r)
{
	static const struct get_spec s = {
		.get = &q_get,
		.not_found = "There is no municipality with this AGS."
	};
	return get_run(r, &s);
}
