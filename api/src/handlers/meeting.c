/*
 * meeting.c: the meetings (Sitzungen) of the Steuerungsgruppe and other
 * groups: list, create, read and change a meeting, and what the public
 * sees of the public ones. Its parts (attendees, agenda, decisions, the
 * approval of the minutes, corrections) are in meeting_part.c. The rules
 * live in the database (api_meeting_*, the meeting guards); dispatch
 * checks the roles (routes.c), this file the fields.
 */
#include "meeting.h"

#include <string.h>

#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

/* to: a date-time, or a date, which includes that whole day (Berlin) */
#define TO_SQL                                                                 \
	" AND ($5::text IS NULL OR m.starts_at < CASE WHEN length($5) = 10"    \
	" THEN (($5::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin')"       \
	" ELSE $5::timestamptz + interval '1 microsecond' END)"

static struct db_stmt q_list = DB_QUERY(
	"SELECT meeting_list_doc(m), m.starts_at::text, m.id FROM meeting m"
	" WHERE m.municipality_id = " MUNICIPALITY_SQL
	" AND ($2::text IS NULL OR m.status = $2)"
	" AND ($3::text IS NULL OR m.kind = $3)"
	" AND ($4::text IS NULL OR m.starts_at >= $4::timestamptz)" TO_SQL
	" AND ($6::timestamptz IS NULL OR (m.starts_at, m.id)"
	" < ($6::timestamptz, $7::bigint))"
	" ORDER BY m.starts_at DESC, m.id DESC LIMIT $8::int + 1");
static struct db_stmt q_get =
	DB_QUERY("SELECT meeting_doc(m), m.version::text FROM meeting m"
		 " WHERE m.municipality_id = " MUNICIPALITY_SQL
		 " AND m.id = $2::bigint");
static struct db_stmt q_create =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_create($1, $2::jsonb)");
static struct db_stmt q_update =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_update($1,"
		" $2::bigint, $3::jsonb, $4)");

static struct db_stmt q_public_list = DB_QUERY(
	"SELECT meeting_public_list_doc(m), m.starts_at::text, m.id"
	" FROM meeting m WHERE m.municipality_id = " MUNICIPALITY_SQL
	" AND m.visibility = 'public'"
	" AND ($2::text IS NULL OR m.status = $2)"
	" AND ($3::text IS NULL OR m.kind = $3)"
	" AND ($4::text IS NULL OR m.starts_at >= $4::timestamptz)" TO_SQL
	" AND ($6::timestamptz IS NULL OR (m.starts_at, m.id)"
	" < ($6::timestamptz, $7::bigint))"
	" ORDER BY m.starts_at DESC, m.id DESC LIMIT $8::int + 1");
static struct db_stmt q_public_get = DB_QUERY(
	"SELECT meeting_public_doc(m), md5(meeting_public_doc(m)::text)"
	" FROM meeting m WHERE m.municipality_id = " MUNICIPALITY_SQL
	" AND m.visibility = 'public' AND m.id = $2::bigint");

static const struct filter filters[] = {
	{ .name = "status",
	  .kind = FILTER_ENUM,
	  .values = enum_meeting_status },
	{ .name = "kind", .kind = FILTER_ENUM, .values = enum_meeting_kind },
	{ .name = "from", .kind = FILTER_TIME },
	{ .name = "to", .kind = FILTER_TIME },
};
static const enum key_kind keys[] = { KEY_TIME, KEY_INT };

static const struct field create_fields[] = {
	{ "kind", FIELD_ENUM, FIELD_REQUIRED, 0, 0, enum_meeting_kind },
	{ "title", FIELD_STRING, FIELD_REQUIRED, 1, 200, NULL },
	{ "starts_at", FIELD_STRING, FIELD_REQUIRED, 10, 40, NULL },
	{ "ends_at", FIELD_STRING, FIELD_NULLABLE, 10, 40, NULL },
	{ "place", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },
	{ "visibility", FIELD_ENUM, 0, 0, 0, enum_visibility },
};
static const struct field update_fields[] = {
	{ "kind", FIELD_ENUM, 0, 0, 0, enum_meeting_kind },
	{ "title", FIELD_STRING, 0, 1, 200, NULL },
	{ "starts_at", FIELD_STRING, 0, 10, 40, NULL },
	{ "ends_at", FIELD_STRING, FIELD_NULLABLE, 10, 40, NULL },
	{ "place", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },
	{ "status", FIELD_ENUM, 0, 0, 0, enum_meeting_status },
	{ "visibility", FIELD_ENUM, 0, 0, 0, enum_visibility },
};

const char meeting_not_found[] = "There is no such meeting.";

int meeting_instant_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	/* a date-time with its zone: Z or an offset after the time */
	return n > 10 && datetime_valid(s) &&
	       (s[n - 1] == 'Z' || strchr(s + 10, '+') || strchr(s + 10, '-'));
}

/* starts_at and ends_at, when given, are date-times with a zone */
static int times_valid(struct req *r)
{
	static const char *const names[] = { "starts_at", "ends_at" };
	struct sbuf errs = { 0 };
	int status = 0;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		json_t *v = json_object_get(r->json, names[i]);

		if (v && json_is_string(v) &&
		    !meeting_instant_valid(json_string_value(v))) {
			char pointer[32];

			snprintf(pointer, sizeof(pointer), "/%s", names[i]);
			fields_add_error(&errs, pointer,
					 "must be a date-time with its zone "
					 "(RFC 3339)");
		}
	}
	if (errs.len)
		status = fields_reply(r, &errs);
	sbuf_free(&errs);
	return status;
}

int meeting_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int meeting_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.location = "/api/v1/municipalities/%s/meetings/%s",
		.not_found = meeting_not_found,
		.valid = times_valid,
	};
	return change_run(r, &s);
}

int meeting_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = meeting_not_found };
	return get_run(r, &s);
}

int meeting_update(struct req *r)
{
	static const struct change_spec s = {
		.fields = update_fields,
		.nfields = ARRAY_SIZE(update_fields),
		.st = &q_update,
		.with_id = 1,
		.with_if_match = 1,
		.not_found = meeting_not_found,
		.valid = times_valid,
	};
	return change_run(r, &s);
}

int public_meeting_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_public_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int public_meeting_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_public_get,
					   .not_found = meeting_not_found };
	return get_run(r, &s);
}
