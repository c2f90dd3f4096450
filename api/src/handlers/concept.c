/*
 * concept.c: the Integrationskonzept, in versions, and its guiding goals
 * (Leitziele). Officers write drafts and put them to consultation; the
 * steering group adopts one, recording the council resolution, which
 * archives the one adopted before.
 */
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

static struct db_stmt q_list =
	DB_QUERY("SELECT d.doc, d.version FROM concept_doc d"
		 " WHERE d.municipality_id = " MUNICIPALITY_SQL
		 " AND ($2::text[] IS NULL OR d.status = ANY ($2::text[]))"
		 " AND ($3::int IS NULL OR d.version < $3::int)"
		 " ORDER BY d.version DESC LIMIT $4::int + 1");
static struct db_stmt q_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM concept_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");
static struct db_stmt q_create =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_concept_create($1, $2::jsonb) d");
static struct db_stmt q_update =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_concept_update($1, $2::bigint, $3::jsonb, $4) d");
static struct db_stmt q_adopt =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_concept_adopt($1, $2::bigint, $3::jsonb, $4) d");

static struct db_stmt q_concept_visible = DB_QUERY(
	"SELECT app_assert(EXISTS (SELECT FROM concept"
	" WHERE municipality_id = " MUNICIPALITY_SQL
	" AND id = $2::bigint), 'TH404', 'There is no such concept.')");
static struct db_stmt q_goal_list =
	DB_QUERY("SELECT d.doc, d.position FROM goal_doc d"
		 " WHERE d.municipality_id = " MUNICIPALITY_SQL
		 " AND d.concept_id = $2::bigint"
		 " AND ($3::int IS NULL OR d.position > $3::int)"
		 " ORDER BY d.position LIMIT $4::int + 1");
static struct db_stmt q_goal_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM goal_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");
static struct db_stmt q_goal_create =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_goal_create($1, $2::bigint, $3::jsonb) d");
static struct db_stmt q_goal_update =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_goal_update($1, $2::bigint, $3::jsonb, $4) d");
static struct db_stmt q_goal_delete =
	DB_STMT("SELECT api_goal_delete($1, $2::bigint, $3)");

static const struct filter filters[] = {
	{ .name = "status",
	  .kind = FILTER_ENUMS,
	  .values = enum_concept_status },
};
static const struct field create_fields[] = {
	{ "title", FIELD_STRING, FIELD_REQUIRED, 1, 200, NULL },
	{ "summary", FIELD_STRING, FIELD_NULLABLE, 0, 10000, NULL },
	{ "copy_from", FIELD_ID, 0, 0, 0, NULL },
};
static const struct field update_fields[] = {
	{ "title", FIELD_STRING, 0, 1, 200, NULL },
	{ "summary", FIELD_STRING, FIELD_NULLABLE, 0, 10000, NULL },
	{ "status", FIELD_ENUM, 0, 0, 0, enum_concept_status },
};
static const struct field adopt_fields[] = {
	{ "resolution_date", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL },
	{ "resolution_reference", FIELD_STRING, FIELD_REQUIRED, 1, 100, NULL },
};
static const struct field goal_fields[] = {
	{ "title", FIELD_STRING, FIELD_REQUIRED, 1, 300, NULL },
	{ "description", FIELD_STRING, FIELD_NULLABLE, 0, 5000, NULL },
	{ "position", FIELD_INT, 0, 1, 2147483647, NULL },
};

static const char no_concept[] = "There is no such concept.";
static const char no_goal[] = "There is no such guiding goal.";
static const enum key_kind one_key[] = { KEY_INT32 }; /* version, position */

#define NFIELDS(f) (sizeof(f) / sizeof((f)[0]))

int concept_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = one_key,
					    .nkeys = ARRAY_SIZE(one_key) };
	return list_run(r, &s);
}

int concept_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = no_concept };
	return get_run(r, &s);
}

int concept_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = NFIELDS(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/concepts/%s",
		.not_found = no_concept,
	};
	return change_run(r, &s);
}

int concept_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = update_fields,
		.nfields = NFIELDS(update_fields),
		.st = &q_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = no_concept,
	};
	return change_run(r, &s);
}

/* adopting archives the concept adopted before (api_concept_adopt) */
int concept_adopt(struct req *r)
{
	static const struct change_spec s = {
		.fields = adopt_fields,
		.nfields = NFIELDS(adopt_fields),
		.creating = 1,
		.st = &q_adopt,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = no_concept,
	};
	return change_run(r, &s);
}

int guiding_goal_list(struct req *r)
{
	static const struct list_spec s = { .check = &q_concept_visible,
					    .parent = "id",
					    .list = &q_goal_list,
					    .keys = one_key,
					    .nkeys = ARRAY_SIZE(one_key) };
	return list_run(r, &s);
}

int guiding_goal_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_goal_get,
					   .not_found = no_goal };
	return get_run(r, &s);
}

int guiding_goal_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = goal_fields,
		.nfields = NFIELDS(goal_fields),
		.creating = 1,
		.st = &q_goal_create,
		.with_id = 1,
		.location = "/api/v1/municipalities/%s/goals/%s",
		.not_found = no_concept,
	};
	return change_run(r, &s);
}

int guiding_goal_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = goal_fields,
		.nfields = NFIELDS(goal_fields),
		.st = &q_goal_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = no_goal,
	};
	return change_run(r, &s);
}

int guiding_goal_delete(struct req *r)
{
	const char *id = req_param(r, "id");
	struct db_result *res = NULL;
	int status, err;

	if (!id_valid(id))
		return reply_problem(r, 404, no_goal, NULL, NULL);
	const char *p[] = { req_param(r, "ags"), id,
			    req_header(r, "If-Match") };
	if ((err = db_exec(&res, r->srv->pool, r->claims, &q_goal_delete, p)) <
	    0)
		status = resource_db_error(r, err, res);
	else
		status = reply(r, 204, NULL, NULL, NULL, 0);
	db_result_free(res);
	return status;
}
