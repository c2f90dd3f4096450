/*
 * recommendation.c: the recommendations (Handlungsempfehlungen) of the
 * consultations: list, create, read and change one, the response of the
 * steering group (Stellungnahme), the measures that carry it out, and the
 * public transparency list. The rules live in the database
 * (api_recommendation_*, the guard that an accepted recommendation has a
 * measure); dispatch checks the roles (routes.c), this file the fields.
 */
#include <string.h>

#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

/* the filters of both lists: $2 response, $3 action field, $4
 * consultation, $5 open; then the cursor ($6) and the limit ($7) */
#define FILTER_SQL                                                             \
	" AND ($2::text IS NULL OR r.response_kind = $2)"                      \
	" AND ($3::bigint IS NULL OR r.action_field_id = $3::bigint)"          \
	" AND ($4::bigint IS NULL OR EXISTS (SELECT FROM"                      \
	" recommendation_consultation l WHERE l.recommendation_id = r.id"      \
	" AND l.consultation_id = $4::bigint))"                                \
	" AND ($5::boolean IS NULL OR (r.response_kind IS NULL) = "            \
	"$5::boolean)"                                                         \
	" AND ($6::bigint IS NULL OR r.id < $6::bigint)"                       \
	" ORDER BY r.id DESC LIMIT $7::int + 1"

static struct db_stmt q_list =
	DB_QUERY("SELECT recommendation_doc(r), r.id FROM recommendation r"
		 " WHERE r.municipality_id = " MUNICIPALITY_SQL FILTER_SQL);
static struct db_stmt q_get =
	DB_QUERY("SELECT recommendation_doc(r), r.version::text"
		 " FROM recommendation r"
		 " WHERE r.municipality_id = " MUNICIPALITY_SQL
		 " AND r.id = $2::bigint");
static struct db_stmt q_create = DB_STMT(
	"SELECT doc, etag, ref FROM api_recommendation_create($1, $2::jsonb)");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_recommendation_update($1,"
		" $2::bigint, $3::jsonb, $4)");
static struct db_stmt q_respond =
	DB_STMT("SELECT doc, etag, ref FROM api_recommendation_respond($1,"
		" $2::bigint, $3::jsonb)");
static struct db_stmt q_measures =
	DB_STMT("SELECT doc, etag, ref FROM api_recommendation_measures_put("
		"$1, $2::bigint, $3::jsonb)");
static struct db_stmt q_public_list = DB_QUERY(
	"SELECT recommendation_public_doc(r), r.id FROM recommendation r"
	" WHERE r.municipality_id = " MUNICIPALITY_SQL
	" AND recommendation_sharing(r.id) = 'public'" FILTER_SQL);

static const struct filter filters[] = {
	{ .name = "response",
	  .kind = FILTER_ENUM,
	  .values = enum_recommendation_response },
	{ .name = "action_field_id", .kind = FILTER_ID },
	{ .name = "consultation_id", .kind = FILTER_ID },
	{ .name = "open", .kind = FILTER_BOOL },
};
static const enum key_kind keys[] = { KEY_INT };

static const struct field create_fields[] = {
	{ "title", FIELD_STRING, FIELD_REQUIRED, 1, 300, NULL },
	{ "text", FIELD_STRING, FIELD_NULLABLE, 0, 20000, NULL },
	{ "action_field_id", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL },
	{ "consultation_ids", FIELD_IDS, 0, 0, 50, NULL },
	{ "contribution_ids", FIELD_IDS, 0, 0, 500, NULL },
};
static const struct field update_fields[] = {
	{ "title", FIELD_STRING, 0, 1, 300, NULL },
	{ "text", FIELD_STRING, FIELD_NULLABLE, 0, 20000, NULL },
	{ "action_field_id", FIELD_ID, 0, 0, 0, NULL },
	{ "consultation_ids", FIELD_IDS, 0, 0, 50, NULL },
	{ "contribution_ids", FIELD_IDS, 0, 0, 500, NULL },
};
static const struct field response_fields[] = {
	{ "kind", FIELD_ENUM, FIELD_REQUIRED, 0, 0,
	  enum_recommendation_response },
	{ "reason", FIELD_STRING, FIELD_REQUIRED, 1, 5000, NULL },
	{ "decided_on", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL },
	{ "meeting_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
	{ "measure_ids", FIELD_IDS, 0, 0, 50, NULL },
};
static const struct field measures_fields[] = {
	{ "measure_ids", FIELD_IDS, FIELD_REQUIRED, 0, 50, NULL },
};

static const char not_found[] = "There is no such recommendation.";

int recommendation_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int recommendation_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/recommendations/%s",
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int recommendation_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int recommendation_update(struct req *r)
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

int recommendation_respond(struct req *r)
{
	static const struct change_spec s = {
		.fields = response_fields,
		.nfields = ARRAY_SIZE(response_fields),
		.creating = 1,
		.st = &q_respond,
		.with_id = 1,
		.not_found = not_found,
	};
	return change_run(r, &s);
}

int recommendation_measures_put(struct req *r)
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

int public_recommendation_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_public_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}
