/*
 * offer.c: Angebote, the standing offers of the organisations working in
 * a municipality (Beratung, Sprachkurse, Hausaufgabenhilfe, Frauentreff
 * …): the internal list, create, read, change and delete one, the offers
 * of a measure's organisations, and the public offers directory
 * (Angebotsverzeichnis) per municipality and district-wide. The rules live
 * in the database (api_offer_*, the policies of sql/schema/offers/);
 * dispatch checks the roles (routes.c), this file the fields.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../util.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

/*
 * The filters every list has, from parameter $N on: kind, language,
 * target group, organisation, q; then the cursor (title, id) and the
 * limit. Ordered by title, then id. Written for a generic plan: the
 * cursor is always an index condition (the first page starts after
 * ('', 0): every title has a character) and the search query is built
 * once per statement, not once per row.
 */
#define FILTER_SQL(a, b, c, d, e, f, g, h)                                     \
	" AND ($" a "::text IS NULL OR o.kind = $" a ")"                       \
	" AND ($" b "::text IS NULL OR o.languages @> ARRAY[$" b "::text])"    \
	" AND ($" c "::text IS NULL OR o.target_groups @> ARRAY[$" c           \
	"::text])"                                                             \
	" AND ($" d "::bigint IS NULL OR o.organisation_id = $" d "::bigint)"  \
	" AND ($" e "::text IS NULL"                                           \
	" OR o.search @@ (SELECT app_search_query($" e ")))"                   \
	" AND (o.title, o.id) > (coalesce($" f "::text, ''),"                  \
	" coalesce($" g "::bigint, 0))"                                        \
	" ORDER BY o.title, o.id LIMIT $" h "::int + 1"

/* what the public sees: public offers valid today or later */
#define PUBLIC_SQL                                                             \
	" AND o.visibility = 'public'"                                         \
	" AND (o.valid_until IS NULL OR o.valid_until >= offer_today())"

static struct db_stmt q_list =
	DB_QUERY("SELECT o.doc, o.title, o.id FROM offer o"
		 " WHERE o.municipality_id = " MUNICIPALITY_SQL FILTER_SQL(
			 "2", "3", "4", "5", "6", "7", "8", "9"));
static struct db_stmt q_measure_list =
	DB_QUERY("SELECT o.doc, o.title, o.id FROM measure m JOIN offer o"
		 " ON o.municipality_id = m.municipality_id"
		 " AND (o.organisation_id = m.lead_organisation_id"
		 " OR o.organisation_id = ANY (m.partner_organisation_ids))"
		 " WHERE m.municipality_id = " MUNICIPALITY_SQL
		 " AND m.id = $2::bigint" FILTER_SQL("3", "4", "5", "6", "7",
						     "8", "9", "10"));
static struct db_stmt q_get =
	DB_QUERY("SELECT o.doc, md5(o.doc::text) FROM offer o"
		 " WHERE o.municipality_id = " MUNICIPALITY_SQL
		 " AND o.id = $2::bigint");
static struct db_stmt q_create =
	DB_STMT("SELECT doc, etag, ref FROM api_offer_create($1, $2::jsonb)");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_offer_update($1, $2::bigint,"
		" $3::jsonb, $4)");
static struct db_stmt q_delete =
	DB_STMT("SELECT api_offer_delete($1, $2::bigint, $3)");
/*
 * The directory's first step: the municipality must exist, and the page
 * runs with its generic plan (planning it anew cost more than running
 * it).
 */
static struct db_stmt q_public_check =
	DB_QUERY("SELECT app_assert(EXISTS (SELECT FROM municipality"
		 " WHERE ags = $1), 'TH404', 'There is no such municipality.'),"
		 " set_config('plan_cache_mode', 'force_generic_plan', true)");
static struct db_stmt q_public_list = DB_QUERY(
	"SELECT o.doc, o.title, o.id FROM offer o"
	" WHERE o.municipality_id = " MUNICIPALITY_SQL PUBLIC_SQL FILTER_SQL(
		"2", "3", "4", "5", "6", "7", "8", "9"));
static struct db_stmt q_public_district = DB_QUERY(
	"SELECT o.doc, o.title, o.id FROM offer o"
	" WHERE ($1::text IS NULL OR o.municipality_id ="
	" (SELECT id FROM municipality WHERE ags = $1))" PUBLIC_SQL FILTER_SQL(
		"2", "3", "4", "5", "6", "7", "8", "9"));
static struct db_stmt q_public_get =
	DB_QUERY("SELECT o.doc, md5(o.doc::text) FROM offer o"
		 " WHERE o.id = $1::bigint" PUBLIC_SQL);

#define COMMON_FILTERS                                                         \
	{ .name = "kind", .kind = FILTER_ENUM, .values = enum_offer_kind },    \
		{ .name = "language",                                          \
		  .kind = FILTER_ENUM,                                         \
		  .values = enum_language },                                   \
		{ .name = "target_group",                                      \
		  .kind = FILTER_ENUM,                                         \
		  .values = enum_measure_target_group },                       \
		{ .name = "organisation_id", .kind = FILTER_ID },              \
	{                                                                      \
		.name = "q", .kind = FILTER_TEXT                               \
	}

static const struct filter filters[] = { COMMON_FILTERS };
static const struct filter district_filters[] = {
	{ .name = "municipality", .kind = FILTER_AGS },
	COMMON_FILTERS,
};
static const enum key_kind keys[] = { KEY_TEXT, KEY_INT };

#define OFFER_FIELDS(req)                                                         \
	{ "organisation_id", FIELD_ID, req, 0, 0, NULL },                         \
		{ "title", FIELD_STRING, req, 1, 200, NULL },                     \
		{ "kind", FIELD_ENUM, req, 0, 0, enum_offer_kind },               \
		{ "description", FIELD_STRING, FIELD_NULLABLE, 0, 5000, NULL },   \
		{ "target_groups",	    FIELD_ENUMS, 0, 0, 12,                \
		  enum_measure_target_group },                                    \
		{ "languages", FIELD_ENUMS, 0, 0, 24, enum_language },            \
		{ "street", FIELD_STRING, FIELD_NULLABLE, 0, 200, NULL },         \
		{ "postcode", FIELD_STRING, FIELD_NULLABLE, 0, 5, NULL },         \
		{ "city", FIELD_STRING, FIELD_NULLABLE, 0, 100, NULL },           \
		{ "latitude", FIELD_NUMBER, FIELD_NULLABLE, -90, 91, NULL },      \
		{ "longitude", FIELD_NUMBER, FIELD_NULLABLE, -180, 181, NULL },   \
		{ "slots", FIELD_ARRAY, 0, 0, 30, NULL },                         \
		{ "times_text", FIELD_STRING, FIELD_NULLABLE, 0, 500, NULL },     \
		{ "cost", FIELD_ENUM, 0, 0, 0, enum_offer_cost },                 \
		{ "cost_text", FIELD_STRING, FIELD_NULLABLE, 0, 500, NULL },      \
		{ "accessibility", FIELD_STRING, FIELD_NULLABLE, 0, 1000, NULL }, \
		{ "registration_required", FIELD_BOOL, 0, 0, 0, NULL },           \
		{ "registration_text",                                            \
		  FIELD_STRING,                                                   \
		  FIELD_NULLABLE,                                                 \
		  0,                                                              \
		  1000,                                                           \
		  NULL },                                                         \
		{ "contact_email", FIELD_EMAIL, FIELD_NULLABLE, 0, 0, NULL },     \
		{ "phone", FIELD_STRING, FIELD_NULLABLE, 0, 40, NULL },           \
		{ "website", FIELD_STRING, FIELD_NULLABLE, 0, 500, NULL },        \
		{ "valid_from", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },         \
		{ "valid_until", FIELD_DATE, FIELD_NULLABLE, 0, 0, NULL },        \
	{                                                                         \
		"visibility", FIELD_ENUM, 0, 0, 0, enum_visibility                \
	}

static const struct field create_fields[] = { OFFER_FIELDS(FIELD_REQUIRED) };
static const struct field update_fields[] = { OFFER_FIELDS(0) };

static const char not_found[] = "There is no such offer.";
static const char not_published[] = "There is no such published offer.";

/* "HH:MM", 00:00 to 23:59 */
static int hhmm_valid(const char *s)
{
	return strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
	       s[1] <= '9' && (s[0] < '2' || s[1] <= '3') && s[2] == ':' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9';
}

static void slot_check(json_t *slot, size_t i, struct sbuf *errs)
{
	char pointer[64];
	const char *key;
	json_t *v;

	snprintf(pointer, sizeof(pointer), "/slots/%zu", i);
	if (!json_is_object(slot)) {
		fields_add_error(errs, pointer,
				 "must be an object {weekday, starts, ends}");
		return;
	}
	json_object_foreach(slot, key, v)
	{
		if (strcmp(key, "weekday") && strcmp(key, "starts") &&
		    strcmp(key, "ends")) {
			snprintf(pointer, sizeof(pointer), "/slots/%zu", i);
			fields_add_error(errs, pointer,
					 "has only weekday, starts and ends");
			return;
		}
	}
	v = json_object_get(slot, "weekday");
	if (!json_is_string(v) ||
	    !enum_has(enum_weekday, json_string_value(v))) {
		snprintf(pointer, sizeof(pointer), "/slots/%zu/weekday", i);
		fields_add_error(errs, pointer, "must be one of mon … sun");
	}
	json_t *st = json_object_get(slot, "starts");
	json_t *en = json_object_get(slot, "ends");
	int ok_st = json_is_string(st) && hhmm_valid(json_string_value(st));
	int ok_en = json_is_string(en) && hhmm_valid(json_string_value(en));
	if (!ok_st) {
		snprintf(pointer, sizeof(pointer), "/slots/%zu/starts", i);
		fields_add_error(errs, pointer, "must be a time HH:MM");
	}
	if (!ok_en) {
		snprintf(pointer, sizeof(pointer), "/slots/%zu/ends", i);
		fields_add_error(errs, pointer, "must be a time HH:MM");
	}
	if (ok_st && ok_en &&
	    strcmp(json_string_value(st), json_string_value(en)) >= 0) {
		snprintf(pointer, sizeof(pointer), "/slots/%zu/ends", i);
		fields_add_error(errs, pointer, "must be after starts");
	}
}

/* a string member that is there must match ok() */
static void text_check(struct req *r, const char *name, int (*ok)(const char *),
		       const char *message, struct sbuf *errs)
{
	json_t *v = json_object_get(r->json, name);
	char pointer[40];

	if (v && json_is_string(v) && json_string_length(v) > 0 &&
	    !ok(json_string_value(v))) {
		snprintf(pointer, sizeof(pointer), "/%s", name);
		fields_add_error(errs, pointer, message);
	}
}

static int postcode_ok(const char *s)
{
	if (strlen(s) != 5)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int phone_ok(const char *s)
{
	if (*s == '+')
		s++;
	size_t n = strlen(s);

	if (n < 3 || n > 40)
		return 0;
	for (; *s; s++)
		if (!strchr("0123456789 ()/-", *s))
			return 0;
	return 1;
}

static int website_ok(const char *s)
{
	const char *rest = !strncmp(s, "https://", 8)  ? s + 8
			   : !strncmp(s, "http://", 7) ? s + 7
						       : NULL;
	if (!rest || !*rest)
		return 0;
	for (; *rest; rest++)
		if (strchr(" \t\r\n", *rest))
			return 0;
	return 1;
}

/* latitude and longitude within their ranges, inclusive */
static void degree_check(struct req *r, const char *name, double max,
			 struct sbuf *errs)
{
	json_t *v = json_object_get(r->json, name);
	char pointer[40];

	if (v && json_is_number(v) &&
	    (json_number_value(v) < -max || json_number_value(v) > max)) {
		snprintf(pointer, sizeof(pointer), "/%s", name);
		fields_add_error(errs, pointer,
				 max == 90 ? "must be from -90 to 90"
					   : "must be from -180 to 180");
	}
}

static int offer_valid(struct req *r)
{
	struct sbuf errs = { 0 };
	json_t *slots = json_object_get(r->json, "slots");
	int status = 0;

	if (json_is_array(slots)) {
		size_t i;
		json_t *slot;

		json_array_foreach(slots, i, slot) slot_check(slot, i, &errs);
	}
	text_check(r, "postcode", postcode_ok, "must be a postcode of 5 digits",
		   &errs);
	text_check(r, "phone", phone_ok,
		   "must be a phone number (digits, spaces, +, (), /, -)",
		   &errs);
	text_check(r, "website", website_ok,
		   "must be an address beginning with https:// or http://",
		   &errs);
	degree_check(r, "latitude", 90, &errs);
	degree_check(r, "longitude", 180, &errs);
	if (errs.len)
		status = fields_reply(r, &errs);
	sbuf_free(&errs);
	return status;
}

int offer_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int offer_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/offers/%s",
		.not_found = not_found,
		.valid = offer_valid,
	};
	return change_run(r, &s);
}

int offer_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = not_found };
	return get_run(r, &s);
}

int offer_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = update_fields,
		.nfields = ARRAY_SIZE(update_fields),
		.st = &q_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = not_found,
		.valid = offer_valid,
	};
	return change_run(r, &s);
}

int offer_delete(struct req *r)
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

extern struct db_stmt measure_visible;

int measure_offer_list(struct req *r)
{
	static const struct list_spec s = { .check = &measure_visible,
					    .parent = "id",
					    .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_measure_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_offer_list(struct req *r)
{
	static const struct list_spec s = { .check = &q_public_check,
					    .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_public_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_offer_district_list(struct req *r)
{
	static const struct list_spec s = { .filters = district_filters,
					    .nfilters = ARRAY_SIZE(
						    district_filters),
					    .list = &q_public_district,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_offer_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_public_get,
					   .not_found = not_published };
	return get_run(r, &s);
}
