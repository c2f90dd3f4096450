/*
 * contribution.c: the contributions (Beiträge) to a consultation: the
 * list, entering one (officers: approved at once; a partner organising
 * the consultation: pending), moderating one, and the public form that
 * anyone may send while an online consultation is open. The rules live
 * in the database (api_contribution_*, public_contribution_submit, the
 * contribution guard); this file checks the fields, the size, the
 * honeypot, the privacy consent and the per-address limit.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api.h"
#include "../config.h"
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "../util.h"
#include "handlers.h"

#define MUNICIPALITY_SQL "(SELECT id FROM municipality WHERE ags = $1)"

/* The public form's largest body: 5,000 characters of text, up to four
 * bytes each, and the short fields (413 beyond). */
#define SUBMISSION_BODY_LIMIT 24576

static struct db_stmt q_consultation_visible =
	DB_QUERY("SELECT app_assert(EXISTS (SELECT FROM consultation"
		 " WHERE municipality_id = " MUNICIPALITY_SQL
		 " AND id = $2::bigint), 'TH404', 'There is no such "
		 "consultation.')");
static struct db_stmt q_list =
	DB_QUERY("SELECT contribution_doc(x), x.id FROM contribution x"
		 " WHERE x.municipality_id = " MUNICIPALITY_SQL
		 " AND x.consultation_id = $2::bigint"
		 " AND ($3::text IS NULL OR x.moderation = $3)"
		 " AND ($4::bigint IS NULL OR x.action_field_id = $4::bigint)"
		 " AND ($5::bigint IS NULL OR x.id > $5::bigint)"
		 " ORDER BY x.id LIMIT $6::int + 1");
static struct db_stmt q_create =
	DB_STMT("SELECT doc, etag, ref FROM api_contribution_create($1,"
		" $2::bigint, $3::jsonb)");
static struct db_stmt q_moderate =
	DB_STMT("SELECT doc, etag, ref FROM api_contribution_moderate($1,"
		" $2::bigint, $3::jsonb)");
static struct db_stmt q_throttle = DB_STMT(
	"SELECT public_contribution_throttle($1, $2::int, $3::int)::text");
static struct db_stmt q_submit =
	DB_STMT("SELECT doc FROM public_contribution_submit($1, $2::bigint,"
		" $3::jsonb)");

static const struct filter filters[] = {
	{ .name = "moderation",
	  .kind = FILTER_ENUM,
	  .values = enum_contribution_moderation },
	{ .name = "action_field_id", .kind = FILTER_ID },
};
static const enum key_kind keys[] = { KEY_INT };

static const struct field create_fields[] = {
	{ "text", FIELD_STRING, FIELD_REQUIRED, 1, 5000, NULL },
	{ "action_field_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
	{ "source", FIELD_STRING, FIELD_NULLABLE, 0, 200, NULL },
};

static const struct field moderation_fields[] = {
	{ "moderation", FIELD_ENUM, FIELD_REQUIRED, 0, 0,
	  enum_contribution_decision },
	{ "rejection_reason", FIELD_STRING, FIELD_NULLABLE, 0, 1000, NULL },
};

static const struct field submit_fields[] = {
	{ "text", FIELD_STRING, FIELD_REQUIRED, 1, 5000, NULL },
	{ "action_field_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
	{ "author_name", FIELD_STRING, FIELD_NULLABLE, 0, 200, NULL },
	{ "author_contact", FIELD_STRING, FIELD_NULLABLE, 0, 300, NULL },
	{ "privacy_accepted", FIELD_BOOL, FIELD_REQUIRED, 0, 0, NULL },
	{ "website", FIELD_STRING, FIELD_NULLABLE, 0, 1000, NULL },
};

static const char received[] =
	"{\"status\":\"pending\",\"message\":\"Vielen Dank f\\u00fcr Ihren "
	"Beitrag. Er wird gepr\\u00fcft und danach ver\\u00f6ffentlicht.\"}";

int contribution_list(struct req *r)
{
	static const struct list_spec s = { .check = &q_consultation_visible,
					    .parent = "id",
					    .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys) };
	return list_run(r, &s);
}

int contribution_create(struct req *r)
{
	static const struct change_spec s = {
		.fields = create_fields,
		.nfields = ARRAY_SIZE(create_fields),
		.creating = 1,
		.st = &q_create,
		.with_id = 1,
		.location = "/api/v1/municipalities/%s/contributions/%s",
		.not_found = "There is no such consultation.",
	};
	return change_run(r, &s);
}

int contribution_moderate(struct req *r)
{
	static const struct change_spec s = {
		.fields = moderation_fields,
		.nfields = ARRAY_SIZE(moderation_fields),
		.creating = 1,
		.st = &q_moderate,
		.with_id = 1,
		.not_found = "There is no such contribution.",
	};
	return change_run(r, &s);
}

/* Counts the submission from the client's address: 0 to go on, or the
 * status replied (429 with Retry-After, or the database's error). */
static int throttled(struct req *r)
{
	struct db_result *res = NULL;
	char addr[64], lim[24], win[24], hdr[64];
	int status = 0, err;

	snprintf(lim, sizeof(lim), "%ld", r->srv->cfg->contribution_limit);
	snprintf(win, sizeof(win), "%ld", r->srv->cfg->contribution_window);
	const char *p[] = { req_client_addr(r, r->srv->cfg->trusted_proxies,
					    addr, sizeof(addr)),
			    lim, win };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_throttle, p)) < 0) {
		status = reply_db_error(r, err, res);
	} else if (db_nrows(res) == 1 && strcmp(db_value(res, 0, 0), "0")) {
		snprintf(hdr, sizeof(hdr), "Retry-After: %s\r\n",
			 db_value(res, 0, 0));
		status = reply_problem(r, 429,
				       "Too many contributions from your "
				       "address; wait before sending another.",
				       NULL, hdr);
	}
	db_result_free(res);
	return status;
}

int public_contribution_create(struct req *r)
{
	struct db_result *res = NULL;
	const char *website;
	char *body;
	int status, err;

	if (!id_valid(req_param(r, "id")))
		return reply_problem(r, 404,
				     "There is no such published consultation.",
				     NULL, NULL);
	if (r->body_len > SUBMISSION_BODY_LIMIT)
		return reply_problem(r, 413,
				     "A contribution is at most 5,000 "
				     "characters long.",
				     NULL, NULL);
	if ((status = fields_check(r, submit_fields, ARRAY_SIZE(submit_fields),
				   1)) != 0)
		return status;
	if ((status = throttled(r)) != 0)
		return status;
	/* the honeypot: a person leaves it empty; a filled one is a robot,
	 * answered as if it had been taken */
	website = json_string_value(json_object_get(r->json, "website"));
	if (website && *website)
		return reply_json(r, 202, received, strlen(received), NULL);
	if (!json_is_true(json_object_get(r->json, "privacy_accepted"))) {
		struct sbuf errs = { 0 };

		fields_add_error(&errs, "/privacy_accepted",
				 "Accept the privacy notice to send a "
				 "contribution.");
		status = fields_reply(r, &errs);
		sbuf_free(&errs);
		return status;
	}
	body = json_dumps(r->json, JSON_COMPACT);
	const char *p[] = { req_param(r, "ags"), req_param(r, "id"), body };
	if ((err = db_exec(&res, r->srv->pool, NULL, &q_submit, p)) < 0)
		status = resource_db_error(r, err, res);
	else if (db_nrows(res) != 1)
		status = reply_error(r, API_EINTERNAL);
	else
		status = reply_json(r, 202, db_value(res, 0, 0),
				    strlen(db_value(res, 0, 0)), NULL);
	free(body);
	db_result_free(res);
	return status;
}
