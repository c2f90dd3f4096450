/*
 * consultation.c: the consultations (Beteiligungsformate: Integrations-
 * Dialoge, the Integrationskonvent, online surveys, ...) of a
 * municipality: list, create, read and change one, and what the public
 * sees of the public ones. Contributions are in contribution.c. The
 * rules live in the database (api_consultation_*, the consultation
 * guard); dispatch checks the roles (routes.c), this file the fields.
 */
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../req.h"
#include "../resource.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

static struct db_stmt q_list = DB_QUERY(
	"SELECT consultation_list_doc(c), coalesce(c.starts_on, "
	"'9999-12-31')::text,"
	" c.id FROM consultation c"
	" WHERE c.municipality_id = " MUNICIPALITY_SQL
	" AND ($2::text IS NULL OR c.status = $2)"
	" AND ($3::text IS NULL OR c.kind = $3)"
	" AND ($4::date IS NULL OR (coalesce(c.starts_on, '9999-12-31'), c.id)"
	" < ($4::date, $5::bigint))"
	" ORDER BY coalesce(c.starts_on, '9999-12-31') DESC, c.id DESC"
	" LIMIT $6::int + 1");
static struct db_stmt q_get = DB_QUERY(
	"SELECT consultation_doc(c), c.version::text FROM consultation c"
	" WHERE c.municipality_id = " MUNICIPALITY_SQL
	" AND c.id = $2::bigint");
static struct db_stmt q_create = DB_STMT(
	"SELECT doc, etag, ref FROM api_consultation_create($1, $2::jsonb)");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_consultation_update($1,"
		" $2::bigint, $3::jsonb, $4)");

static struct db_stmt q_public_list = DB_QUERY(
	"SELECT consultation_public_list_doc(c),"
	" coalesce(c.starts_on, '9999-12-31')::text, c.id FROM consultation c"
	" WHERE c.municipality_id = " MUNICIPALITY_SQL
	" AND c.visibility = 'public'"
	" AND ($2::text IS NULL OR c.status = $2)"
	" AND ($3::text IS NULL OR c.kind = $3)"
	" AND ($4::date IS NULL OR (coalesce(c.starts_on, '9999-12-31'), c.id)"
	" < ($4::date, $5::bigint))"
	" ORDER BY coalesce(c.starts_on, '9999-12-31') DESC, c.id DESC"
	" LIMIT $6::int + 1");
static struct db_stmt q_public_get =
	DB_QUERY("SELECT consultation_public_doc(c),"
		 " md5(consultation_public_doc(c)::text) FROM consultation c"
		 " WHERE c.municipality_id = " MUNICIPALITY_SQL
		 " AND c.visibility = 'public' AND c.id = $2::bigint");

static const struct filter filters[] = {
	{ .name = "status",
	  .kind = FILTER_ENUM,
	  .values = enum_consultation_status },
	{ .name = "kind",
	  .kind = FILTER_ENUM,
	  .values = enum_consultation_kind },
};
static const enum key_kind keys[] = { KEY_TIME, KEY_INT };

#define COMMON_FIELDS(req)                                                         \
	{ "kind", FIELD_ENUM, req, 0, 0, enum_consultation_kind },                 \
		{ "title", FIELD_STRING, req, 1, 200, NULL }, { "description",     \
								FIELD_STRING,      \
								FIELD_NULLABLE,    \
								0,                 \
								10000,             \
								NULL },            \
		{ "target_group", FIELD_STRING, FIELD_NULLABLE, 0, 200, NULL },    \
		{ "starts_on", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },           \
		{ "ends_on", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },             \
		{ "place", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },           \
		{ "organiser_organisation_ids", FIELD_IDS, 0, 0, 50, NULL },       \
		{ "organisers_text", FIELD_STRING, FIELD_NULLABLE, 0, 500, NULL }, \
		{ "participant_count",                                             \
		  FIELD_INT,                                                       \
		  FIELD_NULLABLE,                                                  \
		  0,                                                               \
		  1000000,                                                         \
		  NULL },                                                          \
		{ "concept_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },            \
		{ "status", FIELD_ENUM, 0, 0, 0, enum_consultation_status },       \
		{ "findings", FIELD_STRING, FIELD_NULLABLE, 0, 20000, NULL },      \
	{                                                                          \
		"visibility", FIELD_ENUM, 0, 0, 0, enum_visibility                 \
	}

static const struct field create_fields[] = { COMMON_FIELDS(FIELD_REQUIRED) };
static const struct field update_fields[] = { COMMON_FIELDS(0) };

static const char not_found[] = "There is no such consultation.";

int consultation_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int consultation_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/consultations/%s",
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int consultation_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int consultation_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = update_fields,
		.nfields = ARRAY_SIZE(update_fields),
		.st = &q_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int public_consultation_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_public_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_consultation_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_public_get,
					   .not_found =
						   "There is no such "
						   "published consultation." };
	return get_run(r, &s);
}
