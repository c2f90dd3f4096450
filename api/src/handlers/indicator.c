/*
 * indicator.c: Umsetzungsmarker and Kennzahlen, defined as data, and
 * their Messwerte. Officers define indicators and record values; partners
 * record values of the indicators of measures their organisation leads or
 * supports. Latest value, trend and status come from the database.
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

static struct db_stmt q_list = DB_QUERY(
	"SELECT d.doc, d.id FROM indicator_doc d"
	" WHERE d.municipality_id = " MUNICIPALITY_SQL
	" AND ($2::bigint IS NULL OR d.goal_ids @> ARRAY[$2::bigint])"
	" AND ($3::bigint IS NULL OR d.measure_ids @> ARRAY[$3::bigint])"
	" AND ($4::text IS NULL OR d.source_set = $4)"
	" AND ($5::text IS NULL OR d.visibility = $5)"
	" AND ($6::bigint IS NULL OR d.id > $6::bigint)"
	" ORDER BY d.id LIMIT $7::int + 1");
static struct db_stmt q_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM indicator_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");
static struct db_stmt q_create =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_indicator_create($1, $2::jsonb) d");
static struct db_stmt q_update =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_indicator_update($1, $2::bigint, $3::jsonb, $4) d");

static struct db_stmt q_indicator_visible =
	DB_QUERY("SELECT app_assert(EXISTS (SELECT FROM indicator"
		 " WHERE municipality_id = " MUNICIPALITY_SQL
		 " AND id = $2::bigint), 'TH404', 'There is no such "
		 "indicator.')");
static struct db_stmt q_obs_list =
	DB_QUERY("SELECT d.doc, d.period_end::text, d.id FROM observation_doc d"
		 " WHERE d.municipality_id = " MUNICIPALITY_SQL
		 " AND d.indicator_id = $2::bigint"
		 " AND ($3::boolean IS NULL OR d.disaggregated = $3::boolean)"
		 " AND ($4::date IS NULL OR (d.period_end, d.id) < ($4::date,"
		 " $5::bigint))"
		 " ORDER BY d.period_end DESC, d.id DESC LIMIT $6::int + 1");
static struct db_stmt q_obs_get = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM observation_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");
static struct db_stmt q_obs_create =
	DB_STMT("SELECT d, md5(d::text), d->>'id'"
		" FROM api_observation_create($1, $2::bigint, $3::jsonb) d");
static struct db_stmt q_obs_if_match = DB_STMT(
	"SELECT app_if_match(md5(doc::text), $3) FROM observation_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");
static struct db_stmt q_obs_delete = DB_STMT(
	"WITH d AS (DELETE FROM observation"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint"
	" RETURNING 1)"
	" SELECT app_assert(EXISTS (SELECT FROM d), 'TH404',"
	" 'There is no such observation.')");

static const struct filter filters[] = {
	{ .name = "goal_id", .kind = FILTER_ID },
	{ .name = "measure_id", .kind = FILTER_ID },
	{ .name = "source_set",
	  .kind = FILTER_ENUM,
	  .values = enum_indicator_source_set },
	{ .name = "visibility",
	  .kind = FILTER_ENUM,
	  .values = enum_visibility },
};
static const struct filter obs_filters[] = {
	{ .name = "disaggregated", .kind = FILTER_BOOL },
};

#define VALUE_MAX 1000000000000L

#define INDICATOR_FIELDS(req)                                                       \
	{ "name", FIELD_STRING, req, 1, 300, NULL },                                \
		{ "unit", FIELD_STRING, req, 1, 50, NULL },                         \
		{ "direction", FIELD_ENUM, req, 0, 0, enum_indicator_direction },   \
		{ "numerator", FIELD_STRING, FIELD_NULLABLE, 0, 500, NULL },        \
		{ "denominator", FIELD_STRING, FIELD_NULLABLE, 0, 500, NULL },      \
		{ "source_set", FIELD_ENUM, req, 0, 0, enum_indicator_source_set }, \
		{ "definition", FIELD_STRING, FIELD_NULLABLE, 0, 5000, NULL },      \
		{ "baseline_value", FIELD_NUMBER, FIELD_NULLABLE,                   \
		  -VALUE_MAX,	    VALUE_MAX,	  NULL },                           \
		{ "baseline_date", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },        \
		{ "target_value", FIELD_NUMBER, FIELD_NULLABLE,                     \
		  -VALUE_MAX,	  VALUE_MAX,	NULL },                             \
		{ "target_date", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },          \
		{ "goal_ids", FIELD_IDS, 0, 0, 50, NULL },                          \
		{ "measure_ids", FIELD_IDS, 0, 0, 50, NULL },                       \
	{                                                                           \
		"visibility", FIELD_ENUM, 0, 0, 0, enum_visibility                  \
	}

static const struct field create_fields[] = { INDICATOR_FIELDS(
	FIELD_REQUIRED) };
static const struct field update_fields[] = { INDICATOR_FIELDS(0) };
static const struct field obs_fields[] = {
	{ "period_start", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },
	{ "period_end", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL },
	{ "value", FIELD_NUMBER, FIELD_REQUIRED, -VALUE_MAX, VALUE_MAX, NULL },
	{ "source", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },
	{ "series_break", FIELD_BOOL, 0, 0, 0, NULL },
	{ "age_group", FIELD_STRING, FIELD_NULLABLE, 1, 40, NULL },
	{ "sex", FIELD_ENUM, FIELD_NULLABLE, 0, 0, enum_sex },
	{ "citizenship_group", FIELD_STRING, FIELD_NULLABLE, 1, 60, NULL },
};

#define NFIELDS(f) (sizeof(f) / sizeof((f)[0]))

static const char no_indicator[] = "There is no such indicator.";
static const char no_observation[] = "There is no such observation.";
static const enum key_kind id_key[] = { KEY_INT };
static const enum key_kind obs_keys[] = { KEY_TIME, KEY_INT };

int indicator_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = id_key,
					    .nkeys = ARRAY_SIZE(id_key) };
	return list_run(r, &s);
}

int indicator_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = no_indicator };
	return get_run(r, &s);
}

int indicator_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = NFIELDS(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/indicators/%s",
		.not_found = no_indicator
	};
	return change_run(r, &s);
}

int indicator_update(struct req *r)
{
	static const struct change_spec s = { .fields = update_fields,
					      .nfields = NFIELDS(update_fields),
					      .st = &q_update,
					      .with_id = 1,
					      .with_if_match = 1,
					      .not_found = no_indicator };
	return change_run(r, &s);
}

int observation_list(struct req *r)
{
	static const struct list_spec s = { .check = &q_indicator_visible,
					    .parent = "id",
					    .filters = obs_filters,
					    .nfilters = ARRAY_SIZE(obs_filters),
					    .list = &q_obs_list,
					    .keys = obs_keys,
					    .nkeys = ARRAY_SIZE(obs_keys) };
	return list_run(r, &s);
}

int observation_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_obs_get,
					   .not_found = no_observation };
	return get_run(r, &s);
}

int observation_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = obs_fields,
		.nfields = NFIELDS(obs_fields),
		.creating = 1,
		.st = &q_obs_create,
		.with_id = 1,
		.location = "/api/v1/municipalities/%s/observations/%s",
		.not_found = no_indicator
	};
	return change_run(r, &s);
}

int observation_delete(struct req *r)
{
	const char *id = req_param(r, "id");
	struct db_result *res = NULL;
	int status, err;

	if (!id_valid(id))
		return reply_problem(r, 404, no_observation, NULL, NULL);
	const char *p1[] = { req_param(r, "ags"), id,
			     req_header(r, "If-Match") };
	const char *p2[] = { req_param(r, "ags"), id };
	struct db_step steps[] = { { &q_obs_if_match, p1 },
				   { &q_obs_delete, p2 } };
	if ((err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
				 DB_NSTEPS(steps))) < 0)
		status = resource_db_error(r, err, res);
	else
		status = reply(r, 204, NULL, NULL, NULL, 0);
	db_result_free(res);
	return status;
}
