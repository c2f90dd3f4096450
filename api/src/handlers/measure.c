/*
 * measure.c: the Maßnahmenkatalog. Officers write measures; the steering
 * group decides their status and priority; partners read what is shared
 * with them and what their organisation leads or supports. The rules live
 * in the database (api_measure_* and the measure guard); dispatch checks
 * the roles (routes.c), this file the fields, and passes the request on.
 */
#include "../cursor.h"
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../page.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "handlers.h"

#include <string.h>

#define WHERE_SQL                                                              \
	" WHERE d.municipality_id = (SELECT id FROM municipality"              \
	" WHERE ags = $1)"                                                     \
	" AND ($2::bigint IS NULL OR d.concept_id = $2::bigint)"               \
	" AND ($3::text[] IS NULL OR d.status = ANY ($3::text[]))"             \
	" AND ($4::bigint IS NULL OR d.action_field_id = $4::bigint)"          \
	" AND ($5::text IS NULL OR d.horizon = $5)"                            \
	" AND ($6::bigint IS NULL OR d.goal_ids @> ARRAY[$6::bigint])"         \
	" AND ($7::bigint IS NULL OR d.lead_organisation_id = $7::bigint)"     \
	" AND ($8::text IS NULL OR d.target_groups @> ARRAY[$8::text])"        \
	" AND ($9::text IS NULL OR d.visibility = $9)"                         \
	" AND ($10::bigint IS NULL OR d.parent_id = $10::bigint)"              \
	" AND ($11::timestamptz IS NULL OR d.updated_at >= $11::timestamptz)"  \
	" AND ($12::text IS NULL"                                              \
	" OR d.search @@ app_search_query($12))" SIGNAL_SQL

/*
 * The filters of the catalogue's signals (issue #11): the status of the
 * latest Sachstand ('none': no Sachstand), no Sachstand since a date,
 * overdue (measure_overdue: today in Europe/Berlin), and an organisation
 * that leads or supports the measure.
 */
#define SIGNAL_SQL                                                             \
	" AND ($13::text[] IS NULL OR d.report_status = ANY ($13::text[]))"    \
	" AND ($14::date IS NULL OR d.last_report_on IS NULL"                  \
	" OR d.last_report_on < $14::date)"                                    \
	" AND ($15::boolean IS NULL OR d.overdue = $15::boolean)"              \
	" AND ($16::bigint IS NULL OR d.lead_organisation_id = $16::bigint"    \
	" OR d.partner_organisation_ids @> ARRAY[$16::bigint])"

static struct db_stmt q_list_priority = DB_QUERY(
	"SELECT d.doc, d.concept_id, d.rank, d.id FROM measure_doc d" WHERE_SQL
	" AND ($17::bigint IS NULL OR (d.concept_id, d.rank, d.id)"
	" > ($17::bigint, $18::int, $19::bigint))"
	" ORDER BY d.concept_id, d.rank, d.id LIMIT $20::int + 1");
static struct db_stmt q_list_changed = DB_QUERY(
	"SELECT d.doc, d.updated_at::text, d.id FROM measure_doc d" WHERE_SQL
	" AND ($17::timestamptz IS NULL OR (d.updated_at, d.id)"
	" < ($17::timestamptz, $18::bigint))"
	" ORDER BY d.updated_at DESC, d.id DESC LIMIT $19::int + 1");
/*
 * The catalogue in priority order, perhaps of one concept, without other
 * filters: what the catalogue's readers open most. Every condition is an
 * index condition, so this runs with its generic plan (no planning per
 * request), and the index gives the order (no sort of the municipality's
 * measures for one page).
 */
static struct db_stmt q_known_generic = DB_QUERY(
	"SELECT app_assert(EXISTS (SELECT FROM municipality WHERE ags = $1"
	" AND id = ANY (app_mids('{officer,steering,partner}'))), 'TH404',"
	" 'There is no such resource in a municipality you work for.'),"
	" set_config('plan_cache_mode', 'force_generic_plan', true),"
	" set_config('enable_sort', 'off', true)");
static struct db_stmt q_list_plain = DB_QUERY(
	"SELECT d.doc, d.concept_id, d.rank, d.id FROM measure_doc d"
	" WHERE d.municipality_id = (SELECT id FROM municipality"
	" WHERE ags = $1)"
	" AND d.concept_id BETWEEN $2::bigint AND $3::bigint"
	" AND (d.concept_id, d.rank, d.id) > ($4::bigint, $5::int, $6::bigint)"
	" ORDER BY d.concept_id, d.rank, d.id LIMIT $7::int");

/* the document with the meetings' decisions about the measure (the ETag
 * stays the stored document's: If-Match of the changes compares it) */
static struct db_stmt q_get =
	DB_QUERY("SELECT measure_doc_with_decisions(doc, municipality_id, id),"
		 " md5(doc::text) FROM measure_doc"
		 " WHERE municipality_id = (SELECT id FROM municipality"
		 " WHERE ags = $1) AND id = $2::bigint");
/* the answers to changes carry the decisions too, as the GET does */
#define DECISIONS_SQL                                                          \
	"SELECT measure_doc_with_decisions(d, (SELECT id FROM municipality"    \
	" WHERE ags = $1), (d->>'id')::bigint), md5(d::text), d->>'id'"
static struct db_stmt q_create =
	DB_STMT(DECISIONS_SQL " FROM api_measure_create($1, $2::jsonb) d");
static struct db_stmt q_update =
	DB_STMT(DECISIONS_SQL
		" FROM api_measure_update($1, $2::bigint, $3::jsonb, $4) d");
static struct db_stmt q_move =
	DB_STMT(DECISIONS_SQL " FROM api_measure_move($1, $2::bigint,"
			      " ($3::jsonb ->> 'rank')::int, $4) d");
struct db_stmt measure_visible =
	DB_QUERY("SELECT app_assert(EXISTS (SELECT FROM measure"
		 " WHERE municipality_id = (SELECT id FROM municipality"
		 " WHERE ags = $1) AND id = $2::bigint), 'TH404',"
		 " 'There is no such measure.')");
static struct db_stmt q_history = DB_QUERY(
	"SELECT h.doc, h.id FROM measure_history h"
	" WHERE h.municipality_id = (SELECT id FROM municipality"
	" WHERE ags = $1) AND h.table_name = 'measure' AND h.row_id = $2"
	" AND ($3::bigint IS NULL OR h.id < $3::bigint)"
	" ORDER BY h.id DESC LIMIT $4::int + 1");

static const struct filter filters[] = {
	{ .name = "concept_id", .kind = FILTER_ID },
	{ .name = "status",
	  .kind = FILTER_ENUMS,
	  .values = enum_measure_status },
	{ .name = "action_field_id", .kind = FILTER_ID },
	{ .name = "horizon",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_horizon },
	{ .name = "goal_id", .kind = FILTER_ID },
	{ .name = "lead_organisation_id", .kind = FILTER_ID },
	{ .name = "target_group",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_target_group },
	{ .name = "visibility",
	  .kind = FILTER_ENUM,
	  .values = enum_visibility },
	{ .name = "parent_id", .kind = FILTER_ID },
	{ .name = "updated_since", .kind = FILTER_TIME },
	{ .name = "q", .kind = FILTER_TEXT },
	{ .name = "report_status",
	  .kind = FILTER_ENUMS,
	  .values = enum_measure_report_status },
	{ .name = "no_report_since", .kind = FILTER_DATE },
	{ .name = "overdue", .kind = FILTER_BOOL },
	{ .name = "organisation_id", .kind = FILTER_ID },
};

/*
 * The summary of the catalogue (GET …/measure-summary): the measures the
 * list would give for the same filters, counted per action field by
 * measure_summary(); one statement of (ags, the filters).
 */
static struct db_stmt q_summary =
	DB_QUERY("SELECT measure_summary(array_agg(d.action_field_id),"
		 " array_agg(d.progress::int), array_agg(d.report_status),"
		 " array_agg(d.overdue)) FROM measure_doc d" WHERE_SQL);

#define MEASURE_FIELDS(req)                                                       \
	{ "code", FIELD_STRING, req, 1, 20, NULL },                               \
		{ "title", FIELD_STRING, req, 1, 300, NULL }, { "description",    \
								FIELD_STRING,     \
								FIELD_NULLABLE,   \
								0,                \
								20000,            \
								NULL },           \
		{ "action_field_id", FIELD_ID, req, 0, 0, NULL },                 \
		{ "goal_ids", FIELD_IDS, 0, 0, 50, NULL },                        \
		{ "horizon", FIELD_ENUM, req, 0, 0, enum_measure_horizon },       \
		{ "status", FIELD_ENUM, 0, 0, 0, enum_measure_status },           \
		{ "status_reason", FIELD_STRING, FIELD_NULLABLE, 1, 2000, NULL }, \
		{ "progress", FIELD_INT, 0, 0, 100, NULL },                       \
		{ "progress_from_children", FIELD_BOOL, 0, 0, 0, NULL },          \
		{ "weight", FIELD_INT, 0, 1, 100, NULL },                         \
		{ "planned_start", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },      \
		{ "planned_end", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },        \
		{ "actual_start", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },       \
		{ "actual_end", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },         \
		{ "lead_organisation_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL }, \
		{ "partner_organisation_ids", FIELD_IDS, 0, 0, 50, NULL },        \
		{ "target_groups",	    FIELD_ENUMS, 0, 0, 12,                \
		  enum_measure_target_group },                                    \
		{ "budget", FIELD_NUMBER, FIELD_NULLABLE, 0, 1000000000, NULL },  \
		{ "visibility", FIELD_ENUM, 0, 0, 0, enum_visibility },           \
	{                                                                         \
		"parent_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL                 \
	}

static const struct field create_fields[] = {
	{ "concept_id", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL },
	MEASURE_FIELDS(FIELD_REQUIRED),
};
static const struct field update_fields[] = { MEASURE_FIELDS(0) };
const struct field *const measure_create_fields = create_fields;
const size_t measure_create_nfields =
	sizeof(create_fields) / sizeof(create_fields[0]);
const struct field *const measure_update_fields = update_fields;
const size_t measure_update_nfields =
	sizeof(update_fields) / sizeof(update_fields[0]);
static const struct field move_fields[] = {
	{ "rank", FIELD_INT, FIELD_REQUIRED, 1, 1000000, NULL },
};

static const char not_found[] = "There is no such measure.";
static const enum key_kind priority_keys[] = { KEY_INT, KEY_INT32, KEY_INT };
static const enum key_kind changed_keys[] = { KEY_TIME, KEY_INT };
static const enum key_kind id_key[] = { KEY_INT };

/* Whether the query has a filter other than concept_id. */
static int filtered(struct req *r)
{
	for (size_t i = 1; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (req_query(r, filters[i].name))
			return 1;
	return 0;
}

static int list_plain(struct req *r)
{
	const char *concept = req_query(r, "concept_id");
	struct db_result *res = NULL;
	char *keys[3] = { 0 };
	char lim[24], more[24];
	long limit;
	int status, err;

	if (concept && !id_valid(concept))
		return reply_bad_param(r, "concept_id", "must be an id");
	if ((status = page_params(r, &limit, lim, keys, 3)) != 0)
		return status;
	for (int k = 0; k < 3; k++)
		if (keys[k] && !resource_key_valid(priority_keys[k], keys[k])) {
			status = reply_bad_param(r, "cursor",
						 "is not a cursor this list "
						 "gave out");
			goto out;
		}
	snprintf(more, sizeof(more), "%ld", limit + 1);
	const char *p0[] = { req_param(r, "ags") };
	const char *p[] = { req_param(r, "ags"),
			    concept ? concept : "0",
			    concept ? concept : "9223372036854775807",
			    keys[0] ? keys[0] : "0",
			    keys[1] ? keys[1] : "0",
			    keys[2] ? keys[2] : "0",
			    more };
	struct db_step steps[] = { { &q_known_generic, p0 },
				   { &q_list_plain, p } };
	if ((err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
				 DB_NSTEPS(steps))) < 0)
		status = reply_db_error(r, err, res);
	else
		status = page_reply(r, res, limit, 3);
out:
	cursor_keys_free(keys, 3);
	db_result_free(res);
	return status;
}

int measure_list(struct req *r)
{
	const char *sort = req_query(r, "sort");
	struct list_spec s = { .filters = filters,
			       .nfilters = ARRAY_SIZE(filters),
			       .list = &q_list_priority,
			       .keys = priority_keys,
			       .nkeys = ARRAY_SIZE(priority_keys) };

	if (sort && !strcmp(sort, "-updated_at")) {
		s.list = &q_list_changed;
		s.keys = changed_keys;
		s.nkeys = 2;
	} else if (sort && strcmp(sort, "priority")) {
		return reply_bad_param(r, "sort",
				       "must be priority or -updated_at");
	} else if (!filtered(r)) {
		return list_plain(r);
	}
	return list_run(r, &s);
}

int measure_summary(struct req *r)
{
	static const struct summary_spec s = { .filters = filters,
					       .nfilters = ARRAY_SIZE(filters),
					       .st = &q_summary };
	return summary_run(r, &s);
}

int measure_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int measure_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/measures/%s",
		.not_found = not_found
	};
	return change_run(r, &s);
}

/* the steering group may change only status and rank: the measure guard
 * in the database says so */
int measure_update(struct req *r)
{
	static const struct change_spec s = { .fields = update_fields,
					      .nfields =
						      ARRAY_SIZE(update_fields),
					      .st = &q_update,
					      .with_id = 1,
					      .with_if_match = 1,
					      .not_found = not_found };
	return change_run(r, &s);
}

int measure_rank_put(struct req *r)
{
	static const struct change_spec s = { .fields = move_fields,
					      .nfields =
						      ARRAY_SIZE(move_fields),
					      .creating = 1,
					      .st = &q_move,
					      .with_id = 1,
					      .with_if_match = 1,
					      .not_found = not_found };
	return change_run(r, &s);
}

int measure_history(struct req *r)
{
	static const struct list_spec s = { .check = &measure_visible,
					    .parent = "id",
					    .list = &q_history,
					    .keys = id_key,
					    .nkeys = ARRAY_SIZE(id_key) };
	return list_run(r, &s);
}
