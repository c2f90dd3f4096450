/*
 * event.c: the events (Veranstaltungen) of a municipality: list, create,
 * read, change and delete one, the events of a measure, and the public
 * calendar (lists and the event page). The iCalendar feeds are in
 * event_feed.c. The rules live in the database (api_event_*, the event
 * guard: participants and "held" only once an event has started);
 * dispatch checks the roles (routes.c), this file the fields.
 */
#include <stdio.h>
#include <string.h>

#include "../ags.h"
#include "../api.h"
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "../util.h"
#include "event_feed.h"
#include "handlers.h"
#include "meeting.h"

#define SHOWN_IN_SQL(p)                                                        \
	"e.id IN (SELECT l.event_id FROM event_municipality l"                 \
	" WHERE l.shown_in = (SELECT id FROM municipality WHERE ags = " p "))"

/* from ($a) and to ($b): a date-time, or a date (a whole day in Berlin) */
#define WINDOW_SQL(a, b)                                                       \
	" AND (" a "::text IS NULL OR coalesce(e.ends_at, e.starts_at)"        \
	" >= event_instant(" a ", false))"                                     \
	" AND (" b "::text IS NULL OR e.starts_at < event_instant(" b          \
	", true))"
#define ORGANISER_SQL(p)                                                       \
	" AND (" p "::bigint IS NULL OR e.id IN (SELECT o.event_id"            \
	" FROM event_organiser o WHERE o.organisation_id = " p "::bigint))"
/* the page: after the cursor (start, id), by start */
#define PAGE_SQL(t, i, lim)                                                    \
	" AND (" t "::timestamptz IS NULL OR (e.starts_at, e.id) > (" t        \
	"::timestamptz, " i "::bigint))"                                       \
	" ORDER BY e.starts_at, e.id LIMIT " lim "::int + 1"

/* $2 from, $3 to, $4 status, $5 organisation, $6 measure, $7-$8 cursor */
static struct db_stmt q_list = DB_QUERY(
	"SELECT event_doc(e), e.starts_at::text, e.id FROM event e"
	" WHERE " SHOWN_IN_SQL("$1") WINDOW_SQL(
		"$2", "$3") " AND ($4::text IS NULL OR e.status = "
			    "$4)" ORGANISER_SQL("$5") " AND "
						      "($6::bigint "
						      "IS NULL OR "
						      "e.measure_id "
						      "= "
						      "$6::"
						      "bigint"
						      ")" PAGE_SQL("$7", "$8",
								   "$9"));
/* the events of measure $2 */
static struct db_stmt q_measure_list = DB_QUERY(
	"SELECT event_doc(e), e.starts_at::text, e.id FROM event e"
	" WHERE e.municipality_id = (SELECT id FROM municipality WHERE ags = "
	"$1) AND e.measure_id = $2::bigint" PAGE_SQL("$3", "$4", "$5"));
static struct db_stmt q_get =
	DB_QUERY("SELECT event_doc(e), e.version::text FROM event e"
		 " WHERE " SHOWN_IN_SQL("$1") " AND e.id = $2::bigint");
static struct db_stmt q_create =
	DB_STMT("SELECT doc, etag, ref FROM api_event_create($1, $2::jsonb)");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_event_update($1, $2::bigint,"
		" $3::jsonb, $4)");
static struct db_stmt q_delete =
	DB_STMT("SELECT api_event_delete($1, $2::bigint, $3)");

/* public: $2 from, $3 to, $4 target group, $5 organisation */
static struct db_stmt q_public_list = DB_QUERY(
	"SELECT event_doc(e, true), e.starts_at::text, e.id FROM event e"
	" WHERE e.visibility = 'public' AND " SHOWN_IN_SQL("$1")
		WINDOW_SQL("$2", "$3") " AND ($4::text IS NULL OR $4 = ANY "
				       "(e.target_groups))" ORGANISER_SQL("$5")
					       PAGE_SQL("$6", "$7", "$8"));
/* the district: $1 municipality, then as above */
static struct db_stmt q_public_district_list = DB_QUERY(
	"SELECT event_doc(e, true), e.starts_at::text, e.id FROM event e"
	" WHERE e.visibility = 'public'"
	" AND ($1::text IS NULL OR " SHOWN_IN_SQL("$1") ")" WINDOW_SQL(
		"$2", "$3") " AND ($4::text IS NULL OR $4 = ANY "
			    "(e.target_groups))" ORGANISER_SQL("$5")
				    PAGE_SQL("$6", "$7", "$8"));
static struct db_stmt q_public_get = DB_QUERY(
	"SELECT event_doc(e, true), md5(event_doc(e, true)::text) FROM event e"
	" WHERE e.visibility = 'public' AND e.id = $1::bigint");

static const struct filter filters[] = {
	{ .name = "from", .kind = FILTER_TIME },
	{ .name = "to", .kind = FILTER_TIME },
	{ .name = "status", .kind = FILTER_ENUM, .values = enum_event_status },
	{ .name = "organisation_id", .kind = FILTER_ID },
	{ .name = "measure_id", .kind = FILTER_ID },
};
static const struct filter public_filters[] = {
	{ .name = "from", .kind = FILTER_TIME },
	{ .name = "to", .kind = FILTER_TIME },
	{ .name = "target_group",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_target_group },
	{ .name = "organisation_id", .kind = FILTER_ID },
};
static const struct filter public_district_filters[] = {
	{ .name = "municipality", .kind = FILTER_AGS },
	{ .name = "from", .kind = FILTER_TIME },
	{ .name = "to", .kind = FILTER_TIME },
	{ .name = "target_group",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_target_group },
	{ .name = "organisation_id", .kind = FILTER_ID },
};
static const enum key_kind keys[] = { KEY_TIME, KEY_INT };

#define EVENT_FIELDS(req)                                                      \
	{ "title", FIELD_STRING, req, 1, 200, NULL }, { "description",         \
							FIELD_STRING,          \
							FIELD_NULLABLE,        \
							0,                     \
							10000,                 \
							NULL },                \
		{ "starts_at", FIELD_STRING, 0, 10, 40, NULL },                \
		{ "ends_at", FIELD_STRING, FIELD_NULLABLE, 10, 40, NULL },     \
		{ "all_day", FIELD_BOOL, 0, 0, 0, NULL },                      \
		{ "starts_on", FIELD_DATE, 0, 0, 0, NULL },                    \
		{ "ends_on", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },         \
		{ "place", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },       \
		{ "street", FIELD_STRING, FIELD_NULLABLE, 0, 200, NULL },      \
		{ "postcode", FIELD_STRING, FIELD_NULLABLE, 5, 5, NULL },      \
		{ "city", FIELD_STRING, FIELD_NULLABLE, 0, 100, NULL },        \
		{ "organiser_ids", FIELD_IDS, 0, 0, 20, NULL },                \
		{ "municipality_ags", FIELD_ARRAY, 0, 0, 50, NULL },           \
		{ "target_groups",	    FIELD_ENUMS, 0, 0, 12,             \
		  enum_measure_target_group },                                 \
		{ "measure_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },        \
		{ "visibility", FIELD_ENUM, 0, 0, 0, enum_visibility },        \
		{ "status", FIELD_ENUM, 0, 0, 0, enum_event_status },          \
	{                                                                      \
		"participant_count", FIELD_INT, FIELD_NULLABLE, 0, 1000000,    \
			NULL                                                   \
	}

static const struct field create_fields[] = { EVENT_FIELDS(FIELD_REQUIRED) };
static const struct field update_fields[] = { EVENT_FIELDS(0) };

static const char not_found[] = "There is no such event.";

static int check(struct req *r, int creating);

static int create_valid(struct req *r)
{
	return check(r, 1);
}

static int update_valid(struct req *r)
{
	return check(r, 0);
}

/*
 * The checks the field table cannot make: times with their zone, a
 * postcode of five digits, the municipalities as AGS.
 */
static int check(struct req *r, int creating)
{
	static const char *const times[] = { "starts_at", "ends_at" };
	struct sbuf errs = { 0 };
	json_t *v, *item;
	size_t i;
	int status = 0;

	for (i = 0; i < ARRAY_SIZE(times); i++) {
		v = json_object_get(r->json, times[i]);
		if (v && json_is_string(v) &&
		    !meeting_instant_valid(json_string_value(v))) {
			char pointer[32];

			snprintf(pointer, sizeof(pointer), "/%s", times[i]);
			fields_add_error(&errs, pointer,
					 "must be a date-time with its zone "
					 "(RFC 3339)");
		}
	}
	v = json_object_get(r->json, "postcode");
	if (v && json_is_string(v) &&
	    strspn(json_string_value(v), "0123456789") != 5)
		fields_add_error(&errs, "/postcode", "must be five digits");
	json_array_foreach(json_object_get(r->json, "municipality_ags"), i,
			   item)
	{
		if (!json_is_string(item) ||
		    !ags_valid(json_string_value(item))) {
			char pointer[40];

			snprintf(pointer, sizeof(pointer),
				 "/municipality_ags/%zu", i);
			fields_add_error(&errs, pointer,
					 "must be an AGS of 8 digits");
		}
	}
	/* a new timed event has its start, a new all-day event its day */
	if (creating) {
		json_t *all_day = json_object_get(r->json, "all_day");
		const char *need =
			json_is_true(all_day) ? "starts_on" : "starts_at";

		if (!json_object_get(r->json, need)) {
			char pointer[32];

			snprintf(pointer, sizeof(pointer), "/%s", need);
			fields_add_error(&errs, pointer, "is required");
		}
	}
	if (errs.len)
		status = fields_reply(r, &errs);
	sbuf_free(&errs);
	return status;
}

int event_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int event_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/events/%s",
		.not_found = not_found,
		.valid = create_valid,
	};
	int status = change_run(r, &s);

	if (status < 300)
		event_feed_changed();
	return status;
}

int event_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int event_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = update_fields,
		.nfields = ARRAY_SIZE(update_fields),
		.st = &q_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = not_found,
		.valid = update_valid,
	};
	int status = change_run(r, &s);

	if (status < 300)
		event_feed_changed();
	return status;
}

int event_delete(struct req *r)
{
	const char *id = req_param(r, "id");
	struct db_result *res = NULL;
	int status, err;

	if (!id_valid(id))
		return reply_problem(r, 404, not_found, NULL, NULL);
	const char *p[] = { req_param(r, "ags"), id,
			    req_header(r, "If-Match") };
	if ((err = db_exec(&res, r->srv->pool, r->claims, &q_delete, p)) < 0)
		status = resource_db_error(r, err, res);
	else {
		event_feed_changed();
		status = reply(r, 204, NULL, NULL, NULL, 0);
	}
	db_result_free(res);
	return status;
}

extern struct db_stmt measure_visible;

int measure_event_list(struct req *r)
{
	static const struct list_spec s = { .check = &measure_visible,
					    .parent = "id",
					    .list = &q_measure_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_event_list(struct req *r)
{
	static const struct list_spec s = { .filters = public_filters,
					    .nfilters =
						    ARRAY_SIZE(public_filters),
					    .list = &q_public_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_district_event_list(struct req *r)
{
	static const struct list_spec s = { .filters = public_district_filters,
					    .nfilters = ARRAY_SIZE(
						    public_district_filters),
					    .list = &q_public_district_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_event_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_public_get,
					   .not_found = not_found };
	return get_run(r, &s);
}
