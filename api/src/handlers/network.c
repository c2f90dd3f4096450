/*
 * network.c: the networks (Netzwerke, Trägerverbünde, Arbeitskreise) that
 * work in a municipality: list, create, read, change and delete one, its
 * members and the measures it carries, and what the public sees of the
 * public ones. The rules live in the database (api_network_*, the
 * policies of sql/schema/networks/); dispatch checks the roles
 * (routes.c), this file the fields.
 */
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../req.h"
#include "../resource.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"
/* the networks working in the municipality $1, by name */
#define LIST_SQL(doc, where)                                                   \
	"SELECT " doc "(n), n.name, n.id FROM network n"                       \
	" WHERE " MUNICIPALITY_SQL " = ANY (network_mids(n.id))" where         \
	" AND ($2::text IS NULL OR n.kind = $2)"                               \
	" AND ($3::bigint IS NULL OR EXISTS (SELECT FROM network_member m"     \
	"  WHERE m.network_id = n.id AND m.organisation_id = $3::bigint))"     \
	" AND ($4::text IS NULL OR (n.name COLLATE \"de-x-icu\", n.id)"        \
	"   > ($4 COLLATE \"de-x-icu\", $5::bigint))"                          \
	" ORDER BY n.name COLLATE \"de-x-icu\", n.id LIMIT $6::int + 1"

static struct db_stmt q_list = DB_QUERY(LIST_SQL("network_list_doc", ""));
static struct db_stmt q_public_list = DB_QUERY(
	LIST_SQL("network_public_doc", " AND n.visibility = 'public'"));
static struct db_stmt q_get =
	DB_QUERY("SELECT network_doc(n), n.version::text FROM network n"
		 " WHERE n.id = $2::bigint AND " MUNICIPALITY_SQL
		 " = ANY (network_mids(n.id))");
static struct db_stmt q_create =
	DB_STMT("SELECT doc, etag, ref FROM api_network_create($1, $2::jsonb)");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_network_update($1, $2::bigint,"
		" $3::jsonb, $4)");
static struct db_stmt q_delete =
	DB_STMT("SELECT doc, etag, ref FROM api_network_delete($1, $2::bigint,"
		" $3)");
static struct db_stmt q_member_put =
	DB_STMT("SELECT doc, etag, ref FROM api_network_member_put($1,"
		" $2::bigint, $3::bigint, $4::jsonb)");
static struct db_stmt q_member_delete =
	DB_STMT("SELECT doc, etag, ref FROM api_network_member_delete($1,"
		" $2::bigint, $3::bigint)");
static struct db_stmt q_measures =
	DB_STMT("SELECT doc, etag, ref FROM api_network_measures_put($1,"
		" $2::bigint, $3::jsonb)");

static const struct filter filters[] = {
	{ .name = "kind",
	  .kind = FILTER_ENUM,
	  .values = enum_network_kind,
	  .message = "is not a kind of network" },
	{ .name = "organisation_id", .kind = FILTER_ID },
};
static const enum key_kind keys[] = { KEY_TEXT, KEY_ID };

#define NETWORK_FIELDS(req)                                                    \
	{ "name", FIELD_STRING, req, 1, 200, NULL },                           \
		{ "kind", FIELD_ENUM, req, 0, 0, enum_network_kind },          \
		{ "purpose", FIELD_STRING, FIELD_NULLABLE, 0, 5000, NULL },    \
		{ "visibility", FIELD_ENUM, 0, 0, 0, enum_visibility },        \
		{ "coordinator_organisation_id",                               \
		  FIELD_ID,                                                    \
		  FIELD_NULLABLE,                                              \
		  0,                                                           \
		  0,                                                           \
		  NULL },                                                      \
	{                                                                      \
		"municipality_ags", FIELD_ARRAY, 0, 0, 50, NULL                \
	}

static const struct field create_fields[] = { NETWORK_FIELDS(FIELD_REQUIRED) };
static const struct field update_fields[] = { NETWORK_FIELDS(0) };
static const struct field member_fields[] = {
	{ "role", FIELD_ENUM, FIELD_REQUIRED, 0, 0, enum_network_member_role },
	{ "since", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },
};
static const struct field measures_fields[] = {
	{ "measure_ids", FIELD_IDS, FIELD_REQUIRED, 0, 200, NULL },
};

static const char not_found[] = "There is no such network.";

int network_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int network_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/networks/%s",
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int network_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int network_update(struct req *r)
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

int network_delete(struct req *r)
{
	static const struct change_spec s = {
		.st = &q_delete,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = not_found,
		.no_content = 1,
	};
	return change_run(r, &s);
}

int network_member_put(struct req *r)
{
	static const struct change_spec s = {
		.fields = member_fields,
		.nfields = ARRAY_SIZE(member_fields),
		.creating = 1,
		.st = &q_member_put,
		.with_id = 1,
		.sub = "organisation_id",
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int network_member_delete(struct req *r)
{
	static const struct change_spec s = {
		.st = &q_member_delete,
		.with_id = 1,
		.sub = "organisation_id",
		.not_found = not_found,
		.no_content = 1,
	};
	return change_run(r, &s);
}

int network_measures_put(struct req *r)
{
	static const struct change_spec s = {
		.fields = measures_fields,
		.nfields = ARRAY_SIZE(measures_fields),
		.creating = 1,
		.st = &q_measures,
		.with_id = 1,
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int public_network_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_public_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}
