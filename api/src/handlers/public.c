/*
 * public.c: what a municipality publishes, for everyone without a token
 * (citizens, press, the council): the adopted concept with its guiding
 * goals, the action fields, the public measures of the adopted concept
 * with their progress, and the public indicators with their values.
 * Internal fields (budget, reasons, visibility, weights) never appear.
 */
#include "../db.h"
#include "../enums.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

static struct db_stmt q_concept =
	DB_QUERY("SELECT doc, md5(doc::text) FROM concept_public_doc"
		 " WHERE municipality_id = " MUNICIPALITY_SQL);
static struct db_stmt q_fields = DB_QUERY(
	"SELECT d.public_doc, d.position, d.id FROM action_field_doc d"
	" WHERE d.municipality_id = " MUNICIPALITY_SQL
	" AND ($2::int IS NULL OR (d.position, d.id) > ($2::int, $3::bigint))"
	" ORDER BY d.position, d.id LIMIT $4::int + 1");
static struct db_stmt q_measures = DB_QUERY(
	"SELECT d.doc, d.rank, d.id FROM measure_public_doc d"
	" WHERE d.municipality_id = " MUNICIPALITY_SQL
	" AND ($2::bigint IS NULL OR d.action_field_id = $2::bigint)"
	" AND ($3::text[] IS NULL OR d.status = ANY ($3::text[]))"
	" AND ($4::text IS NULL OR d.horizon = $4)"
	" AND ($5::text IS NULL OR d.target_groups @> ARRAY[$5::text])"
	" AND ($6::bigint IS NULL OR d.goal_ids @> ARRAY[$6::bigint])"
	" AND ($7::text IS NULL"
	" OR d.search @@ app_search_query($7))"
	" AND ($8::int IS NULL OR (d.rank, d.id) > ($8::int, $9::bigint))"
	" ORDER BY d.rank, d.id LIMIT $10::int + 1");
static struct db_stmt q_measure = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM measure_public_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");
static struct db_stmt q_indicators =
	DB_QUERY("SELECT d.doc, d.id FROM indicator_public_doc d"
		 " WHERE d.municipality_id = " MUNICIPALITY_SQL
		 " AND ($2::bigint IS NULL OR d.id > $2::bigint)"
		 " ORDER BY d.id LIMIT $3::int + 1");
static struct db_stmt q_indicator = DB_QUERY(
	"SELECT doc, md5(doc::text) FROM indicator_public_doc"
	" WHERE municipality_id = " MUNICIPALITY_SQL " AND id = $2::bigint");

static const struct filter measure_filters[] = {
	{ .name = "action_field_id", .kind = FILTER_ID },
	{ .name = "status",
	  .kind = FILTER_ENUMS,
	  .values = enum_measure_status },
	{ .name = "horizon",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_horizon },
	{ .name = "target_group",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_target_group },
	{ .name = "goal_id", .kind = FILTER_ID },
	{ .name = "q", .kind = FILTER_TEXT },
};
static const enum key_kind two_keys[] = { KEY_INT32, KEY_INT };
static const enum key_kind one_key[] = { KEY_INT };

int public_concept_get(struct req *r)
{
	struct db_result *res = NULL;
	int status, err;

	const char *p[] = { req_param(r, "ags") };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_concept, p)) < 0)
		status = reply_db_error(r, err, res);
	else
		status = reply_resource(r, 200, res, NULL, NULL,
					"This municipality has no adopted "
					"integration concept.");
	db_result_free(res);
	return status;
}

int public_action_field_list(struct req *r)
{
	static const struct list_spec s = { .list = &q_fields,
					    .keys = two_keys,
					    .nkeys = ARRAY_SIZE(two_keys) };
	return list_run(r, &s);
}

int public_measure_list(struct req *r)
{
	static const struct list_spec s = { .filters = measure_filters,
					    .nfilters =
						    ARRAY_SIZE(measure_filters),
					    .list = &q_measures,
					    .keys = two_keys,
					    .nkeys = ARRAY_SIZE(two_keys) };
	return list_run(r, &s);
}

int public_measure_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_measure,
					   .not_found =
						   "There is no such published "
						   "measure." };
	return get_run(r, &s);
}

int public_indicator_list(struct req *r)
{
	static const struct list_spec s = { .list = &q_indicators,
					    .keys = one_key,
					    .nkeys = ARRAY_SIZE(one_key) };
	return list_run(r, &s);
}

int public_indicator_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_indicator,
					   .not_found =
						   "There is no such published "
						   "indicator." };
	return get_run(r, &s);
}
