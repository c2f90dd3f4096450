/*
 * meeting_part.c: the parts of a meeting: who came (attendees), the
 * agenda with its minutes (items), the decisions, the approval of the
 * minutes and the corrections after it. Each change answers the whole
 * meeting with its new version (ETag) and honours If-Match with it.
 * Once the minutes are approved the database refuses changes of the
 * agenda, minutes, attendees and decisions (409); a decision about a
 * measure changes the measure by the measure's own rules (sql/schema/
 * meetings/04_api.sql).
 */
#include <jansson.h>
#include <stdio.h>

#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../req.h"
#include "../resource.h"
#include "../util.h"
#include "handlers.h"
#include "meeting.h"

#define LOCATION "/api/v1/municipalities/%s/meetings/%s"

static struct db_stmt q_attendees =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_attendees_put($1,"
		" $2::bigint, $3::jsonb, $4)");
static struct db_stmt q_item_create =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_item_create($1,"
		" $2::bigint, $3::jsonb, $4)");
static struct db_stmt q_item_update =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_item_update($1,"
		" $2::bigint, $3::bigint, $4::jsonb, $5)");
static struct db_stmt q_item_delete =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_item_delete($1,"
		" $2::bigint, $3::bigint, $4)");
static struct db_stmt q_decide =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_decide($1,"
		" $2::bigint, $3::jsonb, $4)");
static struct db_stmt q_approve =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_approve($1,"
		" $2::bigint, $3)");
static struct db_stmt q_correct =
	DB_STMT("SELECT doc, etag, ref FROM api_meeting_correct($1,"
		" $2::bigint, $3::jsonb, $4)");

static const struct field attendee_fields[] = {
	{ "account_id", FIELD_ID, 0, 0, 0, NULL },
	{ "name", FIELD_STRING, 0, 1, 200, NULL },
	{ "function", FIELD_STRING, FIELD_NULLABLE, 1, 200, NULL },
	{ "organisation", FIELD_STRING, FIELD_NULLABLE, 1, 200, NULL },
};

#define ITEM_FIELDS(req)                                                       \
	{ "title", FIELD_STRING, req, 1, 300, NULL }, { "description",         \
							FIELD_STRING,          \
							FIELD_NULLABLE,        \
							0,                     \
							20000,                 \
							NULL },                \
		{ "minutes", FIELD_STRING, FIELD_NULLABLE, 0, 50000, NULL },   \
		{ "measure_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },        \
		{ "indicator_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },      \
		{ "concept_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },        \
		{ "recommendation_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL }, \
	{                                                                      \
		"position", FIELD_INT, 0, 1, 1000, NULL                        \
	}

static const struct field item_create_fields[] = { ITEM_FIELDS(
	FIELD_REQUIRED) };
static const struct field item_update_fields[] = { ITEM_FIELDS(0) };

static const struct field decision_fields[] = {
	{ "item_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
	{ "text", FIELD_STRING, FIELD_REQUIRED, 1, 5000, NULL },
	{ "measure_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
	{ "measure_status", FIELD_ENUM, FIELD_NULLABLE, 0, 0,
	  enum_measure_status },
	{ "measure_rank", FIELD_INT, FIELD_NULLABLE, 1, 1000000, NULL },
};

static const struct field correction_fields[] = {
	{ "item_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
	{ "text", FIELD_STRING, FIELD_REQUIRED, 1, 5000, NULL },
};

static const char item_not_found[] = "There is no such agenda item.";

/* The attendee list: an array of {account_id} or {name}, each perhaps
 * with function and organisation. */
static int attendees_valid(struct req *r)
{
	struct sbuf errs = { 0 };
	json_t *a;
	size_t i;
	int status = 0;

	if (!json_is_array(r->json) || json_array_size(r->json) > 200) {
		fields_add_error(&errs, "",
				 "must be a list of at most 200 attendees");
		goto out;
	}
	json_array_foreach(r->json, i, a)
	{
		char prefix[32];

		snprintf(prefix, sizeof(prefix), "/%zu", i);
		if (fields_check_object(a, prefix, attendee_fields,
					ARRAY_SIZE(attendee_fields), 0,
					&errs) ||
		    !json_is_object(a))
			continue;
		if (!json_object_get(a, "account_id") ==
		    !json_object_get(a, "name"))
			fields_add_error(&errs, prefix,
					 "names either an account (account_id) "
					 "or a guest (name)");
	}
out:
	if (errs.len)
		status = fields_reply(r, &errs);
	sbuf_free(&errs);
	return status;
}

int meeting_attendees_put(struct req *r)
{
	static const struct change_spec s = { .raw_body = 1,
					      .st = &q_attendees,
					      .with_id = 1,
					      .with_if_match = 1,
					      .not_found = meeting_not_found,
					      .valid = attendees_valid };
	return change_run(r, &s);
}

int meeting_item_create(struct req *r)
{
	static const struct change_spec s = { .fields = item_create_fields,
					      .nfields = ARRAY_SIZE(
						      item_create_fields),
					      .creating = 1,
					      .st = &q_item_create,
					      .with_id = 1,
					      .with_if_match = 1,
					      .location = LOCATION,
					      .not_found = meeting_not_found };
	return change_run(r, &s);
}

int meeting_item_update(struct req *r)
{
	static const struct change_spec s = { .fields = item_update_fields,
					      .nfields = ARRAY_SIZE(
						      item_update_fields),
					      .st = &q_item_update,
					      .with_id = 1,
					      .sub = "item_id",
					      .with_if_match = 1,
					      .not_found = item_not_found };
	return change_run(r, &s);
}

int meeting_item_delete(struct req *r)
{
	static const struct change_spec s = { .st = &q_item_delete,
					      .with_id = 1,
					      .sub = "item_id",
					      .with_if_match = 1,
					      .not_found = item_not_found };
	return change_run(r, &s);
}

int meeting_decision_create(struct req *r)
{
	static const struct change_spec s = { .fields = decision_fields,
					      .nfields = ARRAY_SIZE(
						      decision_fields),
					      .creating = 1,
					      .st = &q_decide,
					      .with_id = 1,
					      .with_if_match = 1,
					      .location = LOCATION,
					      .not_found = meeting_not_found };
	return change_run(r, &s);
}

int meeting_minutes_approve(struct req *r)
{
	static const struct change_spec s = { .st = &q_approve,
					      .with_id = 1,
					      .with_if_match = 1,
					      .not_found = meeting_not_found };
	return change_run(r, &s);
}

int meeting_correction_create(struct req *r)
{
	static const struct change_spec s = { .fields = correction_fields,
					      .nfields = ARRAY_SIZE(
						      correction_fields),
					      .creating = 1,
					      .st = &q_correct,
					      .with_id = 1,
					      .with_if_match = 1,
					      .location = LOCATION,
					      .not_found = meeting_not_found };
	return change_run(r, &s);
}
