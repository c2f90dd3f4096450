/*
 * action_field.c: the Handlungsfelder of a municipality, copied from the
 * district's defaults when it was created; officers rename them and add
 * their own. A vocabulary, not catalogue content: every API client of the
 * municipality reads it, whatever its scopes.
 */
#include "../db.h"
#include "../fields.h"
#include "../req.h"
#include "../resource.h"
#include "handlers.h"

static struct db_stmt q_list = DB_QUERY(
	"SELECT d.doc, d.position, d.id FROM action_field_doc d"
	" WHERE d.municipality_id = (SELECT id FROM municipality"
	" WHERE ags = $1)"
	" AND ($2::int IS NULL OR (d.position, d.id) > ($2::int, $3::bigint))"
	" ORDER BY d.position, d.id LIMIT $4::int + 1");
static struct db_stmt q_get =
	DB_QUERY("SELECT doc, md5(doc::text) FROM action_field_doc"
		 " WHERE municipality_id = (SELECT id FROM municipality"
		 " WHERE ags = $1) AND id = $2::bigint");
static struct db_stmt q_create =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_action_field_create($1, $2::jsonb) d");
static struct db_stmt q_update = DB_STMT(
	"SELECT d, md5(d::text), d->>'id'"
	" FROM api_action_field_update($1, $2::bigint, $3::jsonb, $4) d");

static const struct field fields[] = {
	{ "name", FIELD_STRING, FIELD_REQUIRED, 1, 120, NULL },
	{ "description", FIELD_STRING, FIELD_NULLABLE, 0, 2000, NULL },
};
static const enum key_kind keys[] = { KEY_INT32, KEY_INT };
static const char not_found[] = "There is no such action field.";

int action_field_list(struct req *r)
{
	static const struct list_spec s = { .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int action_field_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int action_field_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = fields,
		.nfields = ARRAY_SIZE(fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/action-fields/%s",
		.not_found = not_found
	};
	return change_run(r, &s);
}

int action_field_update(struct req *r)
{
	static const struct change_spec s = { .fields = fields,
					      .nfields = ARRAY_SIZE(fields),
					      .st = &q_update,
					      .with_id = 1,
					      .with_if_match = 1,
					      .not_found = not_found };
	return change_run(r, &s);
}
