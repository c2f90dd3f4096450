/*
 * account.c: accounts and their memberships. District admins manage every
 * account of the district; officers the partner and steering accounts of
 * their municipality, and nothing at or above their own role. The handler
 * refuses what it can see is wrong; the policies and guard triggers in
 * PostgreSQL refuse the rest, with a message the caller sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api.h"
#include "../caller.h"
#include "../db.h"
#include "../enums.h"
#include "../fields.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../router.h"
#include "../secret.h"
#include "../server.h"
#include "handlers.h"

/* (doc, etag, id, the invitation's expiry as JSON) of one account */
#define DOC_SQL                                                                \
	"SELECT doc, md5(doc::text), id,"                                      \
	" (doc -> 'invitation_expires_at')::text FROM account_doc WHERE id = "

static struct db_stmt q_list = DB_QUERY(
	"SELECT d.doc, d.display_name, d.id FROM account_doc d"
	" WHERE ($1::text IS NULL OR EXISTS (SELECT FROM membership m"
	"   JOIN municipality mu ON mu.id = m.municipality_id"
	"  WHERE m.account_id = d.id AND mu.ags = $1))"
	" AND ($2::text IS NULL"
	"   OR ($2 = 'district_admin' AND d.district_admin)"
	"   OR EXISTS (SELECT FROM membership m"
	"   JOIN municipality mu ON mu.id = m.municipality_id"
	"  WHERE m.account_id = d.id AND m.role = $2"
	"    AND ($1::text IS NULL OR mu.ags = $1)))"
	" AND ($3::text IS NULL OR d.status = $3)"
	" AND ($4::text IS NULL OR strpos(lower(d.email), lower($4)) > 0"
	"   OR strpos(lower(d.display_name), lower($4)) > 0)"
	" AND ($5::text IS NULL OR (d.display_name COLLATE \"de-x-icu\", d.id)"
	"   > ($5 COLLATE \"de-x-icu\", $6::bigint))"
	" ORDER BY d.display_name COLLATE \"de-x-icu\", d.id"
	" LIMIT $7::int + 1");
static struct db_stmt q_get = DB_QUERY(DOC_SQL "$1::bigint");
static struct db_stmt q_doc_new = DB_STMT(DOC_SQL "currval('account_id_seq')");
static struct db_stmt q_doc = DB_STMT(DOC_SQL "$1::bigint");

static struct db_stmt q_insert = DB_STMT(
	"INSERT INTO account (district_id, email, display_name,"
	" district_admin, created_by, invitation_hash, invitation_expires_at)"
	" VALUES (app_district_id(), $1, btrim($2), $3::boolean,"
	" app_account_id(), $4::bytea, now() + interval '14 days')");
static struct db_stmt q_check_mids = DB_STMT(
	"SELECT app_assert((SELECT count(*) FROM json_to_recordset($1::json)"
	"   AS x (municipality text) JOIN municipality mu"
	"   ON mu.ags = x.municipality"
	"  AND mu.id = ANY (app_mids('{officer}')))"
	"  = json_array_length($1::json), 'TH422',"
	" 'A membership names a municipality you do not manage.')");
static struct db_stmt q_check_orgs = DB_STMT(
	"SELECT app_assert_at(false, 'TH422',"
	" 'The organisation does not serve this municipality.',"
	" '/memberships/' || (e.n - 1) || '/organisation_id')"
	" FROM json_array_elements($1::json) WITH ORDINALITY AS e (m, n)"
	" JOIN municipality mu ON mu.ags = e.m ->> 'municipality'"
	" WHERE e.m ->> 'organisation_id' IS NOT NULL"
	" AND NOT EXISTS (SELECT FROM organisation_municipality om"
	" WHERE om.municipality_id = mu.id"
	" AND om.organisation_id = (e.m ->> 'organisation_id')::bigint)"
	" ORDER BY e.n LIMIT 1");
static struct db_stmt q_insert_members =
	DB_STMT("INSERT INTO membership (municipality_id, account_id, role,"
		" organisation_id)"
		" SELECT mu.id, currval('account_id_seq'), x.role,"
		" x.organisation_id::bigint"
		" FROM json_to_recordset($1::json)"
		"   AS x (municipality text, role text, organisation_id text)"
		" JOIN municipality mu ON mu.ags = x.municipality");

static struct db_stmt q_lock =
	DB_STMT("SELECT FROM account WHERE id = $1::bigint FOR NO KEY UPDATE");
static struct db_stmt q_if_match =
	DB_STMT("SELECT app_if_match(md5(d.doc::text), $2) FROM account_doc d"
		" WHERE d.id = $1::bigint");
static struct db_stmt q_update =
	DB_STMT("WITH u AS (UPDATE account SET email = coalesce($2, email),"
		" display_name = coalesce(btrim($3), display_name),"
		" status = coalesce($4, status),"
		" district_admin = coalesce($5::boolean, district_admin)"
		" WHERE id = $1::bigint RETURNING 1)"
		" SELECT app_assert(EXISTS (SELECT FROM u) OR NOT EXISTS"
		" (SELECT FROM account WHERE id = $1::bigint), 'TH403',"
		" 'You may not manage this account.')");
static struct db_stmt q_invite =
	DB_STMT("WITH u AS (UPDATE account SET invitation_hash = $2::bytea,"
		" invitation_expires_at = now() + interval '14 days'"
		" WHERE id = $1::bigint AND app_may_manage(id) RETURNING 1)"
		" SELECT app_assert(EXISTS (SELECT FROM u) OR NOT EXISTS"
		" (SELECT FROM account WHERE id = $1::bigint), 'TH403',"
		" 'You may not manage this account.')");

static struct db_stmt q_member_check = DB_STMT(
	"SELECT app_assert(EXISTS (SELECT FROM account WHERE id = $2::bigint),"
	" 'TH404', 'There is no such account.'),"
	" app_assert(EXISTS (SELECT FROM municipality WHERE ags = $1"
	" AND id = ANY (app_mids('{officer}'))), 'TH404',"
	" 'There is no such municipality.')");
static struct db_stmt q_member_put = DB_STMT(
	"INSERT INTO membership (municipality_id, account_id, role,"
	" organisation_id)"
	" SELECT mu.id, $2::bigint, $3::jsonb ->> 'role',"
	" ($3::jsonb ->> 'organisation_id')::bigint FROM municipality mu"
	" WHERE mu.ags = $1"
	" ON CONFLICT (municipality_id, account_id) DO UPDATE"
	" SET role = EXCLUDED.role, organisation_id = "
	"EXCLUDED.organisation_id");
static struct db_stmt q_member_delete =
	DB_STMT("WITH d AS (DELETE FROM membership m USING municipality mu"
		" WHERE mu.id = m.municipality_id AND mu.ags = $1"
		" AND m.account_id = $2::bigint RETURNING 1)"
		" SELECT app_assert(EXISTS (SELECT FROM d), 'TH404',"
		" 'There is no such membership.')");

static const struct filter filters[] = {
	{ .name = "municipality", .kind = FILTER_AGS },
	{ .name = "role",
	  .kind = FILTER_ENUM,
	  .values = enum_account_role_filter,
	  .message = "must be steering, officer, partner or district_admin" },
	{ .name = "status",
	  .kind = FILTER_ENUM,
	  .values = enum_account_status,
	  .message = "must be active or disabled" },
	{ .name = "q", .kind = FILTER_TEXT },
};
static const enum key_kind keys[] = { KEY_TEXT, KEY_ID };
static const char no_account[] = "There is no such account.";

static const struct field create_fields[] = {
	{ "email", FIELD_EMAIL, FIELD_REQUIRED, 0, 0, NULL },
	{ "display_name", FIELD_STRING, FIELD_REQUIRED, 1, 200, NULL },
	{ "district_admin", FIELD_BOOL, 0, 0, 0, NULL },
	{ "memberships", FIELD_ARRAY, 0, 0, 64, NULL },
};

static const struct field membership_fields[] = {
	{ "municipality", FIELD_AGS, FIELD_REQUIRED, 0, 0, NULL },
	{ "role", FIELD_ENUM, FIELD_REQUIRED, 0, 0, enum_membership_role },
	{ "organisation_id", FIELD_ID, FIELD_NULLABLE, 0, 0, NULL },
};

static const struct field update_fields[] = {
	{ "email", FIELD_EMAIL, 0, 0, 0, NULL },
	{ "display_name", FIELD_STRING, 0, 1, 200, NULL },
	{ "status", FIELD_ENUM, 0, 0, 0, enum_account_status },
	{ "district_admin", FIELD_BOOL, 0, 0, 0, NULL },
};

static int not_found(struct req *r)
{
	return reply_problem(r, 404, no_account, NULL, NULL);
}

/* Replies status with the account in res (doc, etag), plus extra. */
static int reply_doc(struct req *r, int status, const struct db_result *res,
		     const char *extra_json, const char *headers)
{
	return reply_resource(r, status, res, extra_json, headers, no_account);
}

/*
 * The invitation added to an account document: its token, shown this once,
 * and its expiry (column 3 of res).
 */
static void invitation_json(struct sbuf *b, const char *secret,
			    const struct db_result *res)
{
	sbuf_adds(b, "\"invitation\":{\"token\":");
	sbuf_add_json_str(b, secret);
	sbuf_adds(b, ",\"expires_at\":");
	sbuf_adds(b, db_value(res, 0, 3));
	sbuf_adds(b, "}");
}

int account_list(struct req *r)
{
	static const struct list_spec s = { .filters = filters,
					    .nfilters = ARRAY_SIZE(filters),
					    .list = &q_list,
					    .keys = keys,
					    .nkeys = ARRAY_SIZE(keys),
					    .page_first = 1 };
	return list_run(r, &s);
}

/* Checks the memberships of a new account; appends errors to errs. */
static int check_memberships(struct req *r, json_t *list, struct sbuf *errs,
			     int *escalates)
{
	json_t *m;
	size_t i;
	int n = 0;

	json_array_foreach(list, i, m)
	{
		char prefix[48];
		const char *ags, *role;
		json_t *org;

		snprintf(prefix, sizeof(prefix), "/memberships/%zu", i);
		if (fields_check_object(m, prefix, membership_fields, 3, 1,
					errs)) {
			n++;
			continue;
		}
		ags = json_string_value(json_object_get(m, "municipality"));
		role = json_string_value(json_object_get(m, "role"));
		org = json_object_get(m, "organisation_id");
		if (!r->caller.district_admin &&
		    !(caller_role_in(&r->caller, ags, NULL) & ROLE_OFFICER)) {
			char p[64];

			snprintf(p, sizeof(p), "%s/municipality", prefix);
			fields_add_error(errs, p,
					 "is not a municipality you manage");
			n++;
		}
		if (!r->caller.district_admin && !strcmp(role, "officer"))
			*escalates = 1;
		if (!strcmp(role, "partner") != (org && !json_is_null(org))) {
			char p[64];

			snprintf(p, sizeof(p), "%s/organisation_id", prefix);
			fields_add_error(errs, p,
					 !strcmp(role, "partner")
						 ? "is required for partners"
						 : "is only for partners");
			n++;
		}
		for (size_t j = 0; j < i; j++) {
			const char *other = json_string_value(json_object_get(
				json_array_get(list, j), "municipality"));

			if (other && !strcmp(ags, other)) {
				char p[64];

				snprintf(p, sizeof(p), "%s/municipality",
					 prefix);
				fields_add_error(errs, p, "is listed twice");
				n++;
				break;
			}
		}
	}
	return n;
}

int account_create(struct req *r)
{
	struct db_result *res = NULL;
	struct sbuf errs = { 0 }, extra = { 0 }, loc = { 0 };
	json_t *members;
	char secret[SECRET_LEN + 1], hex[SECRET_HEX_LEN + 1];
	char *mjson = NULL;
	int status, err, escalates = 0;

	if ((status = fields_check(r, create_fields, 4, 1)) != 0)
		return status;
	members = json_object_get(r->json, "memberships");
	if (members)
		check_memberships(r, members, &errs, &escalates);
	if (!r->caller.district_admin &&
	    (!members || !json_array_size(members)) && !errs.len)
		fields_add_error(&errs, "/memberships",
				 "needs at least one membership in a "
				 "municipality you manage");
	if (!r->caller.district_admin &&
	    (json_is_true(json_object_get(r->json, "district_admin")) ||
	     escalates)) {
		status = reply_problem(r, 403,
				       "Only district admins appoint officers "
				       "and district admins.",
				       NULL, NULL);
		goto out;
	}
	if (errs.len) {
		status = fields_reply(r, &errs);
		goto out;
	}
	if (secret_new(secret, hex) < 0) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	mjson = json_dumps(members ? members : json_array(), JSON_COMPACT);
	const char *p1[] = {
		json_string_value(json_object_get(r->json, "email")),
		json_string_value(json_object_get(r->json, "display_name")),
		json_is_true(json_object_get(r->json, "district_admin"))
			? "true"
			: "false",
		hex
	};
	const char *p2[] = { mjson };
	struct db_step steps[] = {
		{ &q_check_mids, p2 }, { &q_check_orgs, p2 },
		{ &q_insert, p1 },     { &q_insert_members, p2 },
		{ &q_doc_new, NULL },
	};
	err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
			    DB_NSTEPS(steps));
	if (err == API_ECONFLICT) {
		status = reply_problem(r, 409,
				       "An account with this email address "
				       "exists already.",
				       NULL, NULL);
		goto out;
	}
	if (err < 0) {
		status = reply_db_error_at(r, err, res, "/memberships");
		goto out;
	}
	if (db_nrows(res) == 1) {
		invitation_json(&extra, secret, res);
		sbuf_addf(&loc, "Location: /api/v1/accounts/%s\r\n",
			  db_value(res, 0, 2));
	}
	status = reply_doc(r, 201, res, extra.p, loc.p);
out:
	free(mjson);
	sbuf_free(&errs);
	sbuf_free(&extra);
	sbuf_free(&loc);
	db_result_free(res);
	return status;
}

int account_get(struct req *r)
{
	static const struct get_spec s = { .get = &q_get,
					   .not_found = no_account };
	const char *id = req_param(r, "id");

	/* partners and API clients read their own account alone */
	if (id_valid(id) &&
	    !(r->role & (ROLE_OFFICER | ROLE_STEERING | ROLE_DISTRICT_ADMIN)) &&
	    (!r->caller.account_id ||
	     strtoll(id, NULL, 10) != r->caller.account_id))
		return reply_problem(r, 403,
				     "Partners see their own account only.",
				     NULL, NULL);
	return get_run(r, &s);
}

int account_update(struct req *r)
{
	const char *id = req_param(r, "id");
	struct db_result *res = NULL;
	char b1[32];
	int status, err;

	if (!id_valid(id))
		return not_found(r);
	if ((status = fields_check(r, update_fields, 4, 0)) != 0)
		return status;
	if (!r->caller.district_admin && field_present(r, "district_admin"))
		return reply_problem(r, 403,
				     "Only district admins change who is a "
				     "district admin.",
				     NULL, NULL);
	const char *p0[] = { id };
	const char *p1[] = { id, req_header(r, "If-Match") };
	const char *p2[] = { id, field_param(r, "email", NULL, 0),
			     field_param(r, "display_name", NULL, 0),
			     field_param(r, "status", NULL, 0),
			     field_param(r, "district_admin", b1, sizeof(b1)) };
	struct db_step steps[] = {
		{ &q_lock, p0 },
		{ &q_if_match, p1 },
		{ &q_update, p2 },
		{ &q_doc, p0 },
	};
	err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
			    DB_NSTEPS(steps));
	if (err == API_ECONFLICT)
		status = reply_problem(r, 409,
				       "An account with this email address "
				       "exists already.",
				       NULL, NULL);
	else if (err < 0)
		status = resource_db_error(r, err, res);
	else
		status = reply_doc(r, 200, res, NULL, NULL);
	db_result_free(res);
	return status;
}

int account_invite(struct req *r)
{
	const char *id = req_param(r, "id");
	struct db_result *res = NULL;
	struct sbuf extra = { 0 };
	char secret[SECRET_LEN + 1], hex[SECRET_HEX_LEN + 1];
	int status, err;

	if (!id_valid(id))
		return not_found(r);
	if (secret_new(secret, hex) < 0)
		return reply_error(r, API_EINTERNAL);
	const char *p0[] = { id };
	const char *p1[] = { id, hex };
	struct db_step steps[] = { { &q_invite, p1 }, { &q_doc, p0 } };
	err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
			    DB_NSTEPS(steps));
	if (err < 0) {
		status = resource_db_error(r, err, res);
	} else {
		if (db_nrows(res) == 1)
			invitation_json(&extra, secret, res);
		status = reply_doc(r, 200, res, extra.p, NULL);
	}
	sbuf_free(&extra);
	db_result_free(res);
	return status;
}

/* A membership's own rules, after its field table's. */
static int membership_valid(struct req *r)
{
	const char *role = json_string_value(json_object_get(r->json, "role"));
	json_t *org = json_object_get(r->json, "organisation_id");
	struct sbuf errs = { 0 };
	int status;

	if (!strcmp(role, "partner") != (org && !json_is_null(org))) {
		fields_add_error(&errs, "/organisation_id",
				 !strcmp(role, "partner")
					 ? "is required for partners"
					 : "is only for partners");
		status = fields_reply(r, &errs);
		sbuf_free(&errs);
		return status;
	}
	if (!r->caller.district_admin && !strcmp(role, "officer"))
		return reply_problem(r, 403,
				     "Only district admins appoint officers.",
				     NULL, NULL);
	return 0;
}

/*
 * The memberships' path names the account first: an id that cannot be
 * one is a 404 of the account, before the body is looked at.
 */
int membership_put(struct req *r)
{
	static const struct change_spec s = {
		.fields = membership_fields + 1, /* role, organisation_id */
		.nfields = ARRAY_SIZE(membership_fields) - 1,
		.creating = 1,
		.check = &q_member_check,
		.st = &q_member_put,
		.doc = &q_doc,
		.with_id = 1,
		.valid = membership_valid,
		.not_found = no_account,
	};

	if (!id_valid(req_param(r, "id")))
		return not_found(r);
	return change_run(r, &s);
}

int membership_delete(struct req *r)
{
	static const struct change_spec s = {
		.st = &q_member_delete,
		.with_id = 1,
		.not_found = no_account,
		.no_content = 1,
	};

	if (!id_valid(req_param(r, "id")))
		return not_found(r);
	return change_run(r, &s);
}
