/* resource.c: reading, listing and changing a resource of a municipality. */
#include "resource.h"

#include <assert.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "api.h"
#include "cursor.h"
#include "db.h"
#include "fields.h"
#include "page.h"
#include "reply.h"
#include "req.h"
#include "router.h"
#include "server.h"
#include "tenant.h"
#include "util.h"

#define MAX_PARAMS 32

struct db_stmt resource_public_municipality =
	DB_QUERY("SELECT app_assert(EXISTS (SELECT FROM municipality"
		 " WHERE ags = $1), 'TH404', 'There is no such municipality.')",
		 1);

/* Which request fields the constraints of the catalogue are about. */
static const struct {
	const char *constraint, *pointer, *message;
} constraint_fields[] = {
	{ "measure_planned_order", "/planned_end",
	  "The planned end lies before the planned start." },
	{ "measure_actual_order", "/actual_end",
	  "The actual end lies before the actual start." },
	{ "measure_code_unique", "/code",
	  "Another measure of this concept has this code." },
	{ "measure_not_own_parent", "/parent_id",
	  "A measure cannot be its own parent." },
	{ "measure_parent_same_concept", "/parent_id",
	  "The parent measure belongs to another concept." },
	{ "action_field_name_unique", "/name",
	  "Another action field has this name." },
	{ "indicator_target_after_baseline", "/target_date",
	  "The target date must come after the baseline date." },
	{ "observation_period_order", "/period_end",
	  "The period ends before it starts." },
	{ "observation_unique", "/period_end",
	  "This indicator already has a value for this period and group." },
};

/* A 409 naming the field at fault. */
static int conflict_at(struct req *r, const char *detail, const char *pointer)
{
	struct sbuf e = { 0 };
	int status;

	sbuf_adds(&e, "[{\"pointer\":");
	sbuf_add_json_str(&e, pointer);
	sbuf_adds(&e, ",\"message\":");
	sbuf_add_json_str(&e, detail);
	sbuf_adds(&e, "}]");
	status = reply_problem(r, 409, detail, e.p, NULL);
	sbuf_free(&e);
	return status;
}

int resource_db_error(struct req *r, int err, const struct db_result *res)
{
	const char *c = db_error_constraint(res);

	if (err == API_ECONFLICT && db_error_message(res) &&
	    db_error_pointer(res))
		return conflict_at(r, db_error_message(res),
				   db_error_pointer(res));

	if (c && (err == API_EUNPROCESSABLE || err == API_ECONFLICT))
		for (size_t i = 0; i < sizeof(constraint_fields) /
					       sizeof(constraint_fields[0]);
		     i++)
			if (!strcmp(c, constraint_fields[i].constraint)) {
				if (err == API_ECONFLICT)
					return conflict_at(
						r, constraint_fields[i].message,
						constraint_fields[i].pointer);
				if (!db_error_message(res))
					snprintf(r->detail, sizeof(r->detail),
						 "%s",
						 constraint_fields[i].message);
				return reply_db_error_at(
					r, err, res,
					constraint_fields[i].pointer);
			}
	return reply_db_error(r, err, res);
}

static int in_values(const char *const *v, const char *s, size_t n)
{
	for (; v && *v; v++)
		if (strlen(*v) == n && !strncmp(*v, s, n))
			return 1;
	return 0;
}

/*
 * The filter's value as a statement parameter into *out (NULL when the
 * query does not have it); conv receives converted text. Replies 400 and
 * returns its status when the value is bad; else 0.
 */
static int filter_param(struct req *r, const struct filter *f, const char **out,
			struct sbuf *conv)
{
	const char *v = req_query(r, f->name);
	const char *p, *e;

	*out = NULL;
	if (!v)
		return 0;
	switch (f->kind) {
	case FILTER_ID:
		if (!id_valid(v))
			return reply_bad_param(r, f->name, "must be an id");
		break;
	case FILTER_ENUM:
		if (!in_values(f->values, v, strlen(v)))
			return reply_bad_param(r, f->name,
					       "is not one of the values "
					       "documented");
		break;
	case FILTER_ENUMS:
		sbuf_adds(conv, "{");
		for (p = v;; p = e + 1) {
			e = strchr(p, ',');
			if (!e)
				e = p + strlen(p);
			if (!in_values(f->values, p, (size_t)(e - p)))
				return reply_bad_param(r, f->name,
						       "holds a value that is "
						       "not documented");
			if (p != v)
				sbuf_adds(conv, ",");
			sbuf_add(conv, p, (size_t)(e - p));
			if (!*e)
				break;
		}
		sbuf_adds(conv, "}");
		*out = conv->p;
		return 0;
	case FILTER_TIME:
		if (!datetime_valid(v))
			return reply_bad_param(r, f->name,
					       "must be a date or date-time "
					       "(ISO 8601)");
		break;
	case FILTER_TEXT:
		if (!text_valid(v, 200))
			return reply_bad_param(
				r, f->name,
				"must be 1 to 200 characters of UTF-8");
		break;
	case FILTER_BOOL:
		if (strcmp(v, "true") && strcmp(v, "false"))
			return reply_bad_param(r, f->name,
					       "must be true or false");
		break;
	case FILTER_DATE:
		if (!date_valid(v))
			return reply_bad_param(r, f->name,
					       "must be a date YYYY-MM-DD");
		break;
	}
	*out = v;
	return 0;
}

int resource_key_valid(enum key_kind k, const char *s)
{
	long v;

	if (k == KEY_INT)
		return id_valid(s) || (s[0] == '-' && id_valid(s + 1));
	if (k == KEY_INT32)
		return parse_long(s, INT32_MIN, INT32_MAX, &v) == 0;
	return datetime_valid(s);
}

int list_run(struct req *r, const struct list_spec *s)
{
	struct sbuf conv[MAX_PARAMS] = { { 0 } };
	struct db_result *res = NULL;
	const char *p[MAX_PARAMS], *cp[2];
	char *keys[CURSOR_MAX_KEYS] = { 0 };
	char lim[24];
	long limit;
	int n = 0, status, err, pub = access_public(r);

	p[n++] = cp[0] = req_param(r, "ags");
	if (s->parent) {
		p[n++] = cp[1] = req_param(r, s->parent);
		if (!id_valid(cp[1]))
			return reply_problem(r, 404,
					     "There is no such resource.", NULL,
					     NULL);
	}
	for (int i = 0; i < s->nfilters; i++)
		if ((status = filter_param(r, &s->filters[i], &p[n++],
					   &conv[i])) != 0)
			goto out;
	if ((status = page_params(r, &limit, lim, keys, s->nkeys)) != 0)
		goto out;
	for (int k = 0; k < s->nkeys; k++) {
		if (keys[k] && !resource_key_valid(s->keys[k], keys[k])) {
			status = reply_bad_param(r, "cursor",
						 "is not a cursor this list "
						 "gave out");
			goto out;
		}
		p[n++] = keys[k];
	}
	p[n++] = lim;
	struct db_stmt *check = s->check ? s->check
				: pub	 ? &resource_public_municipality
					 : &tenant_exists;
	struct db_step steps[] = { { check, cp }, { s->list, p } };
	if ((err = db_exec_steps(&res, r->srv->pool, pub ? NULL : r->claims,
				 steps, DB_NSTEPS(steps))) < 0)
		status = reply_db_error(r, err, res);
	else
		status = page_reply(r, res, limit, s->nkeys);
out:
	for (int i = 0; i < MAX_PARAMS; i++)
		sbuf_free(&conv[i]);
	cursor_keys_free(keys, (size_t)s->nkeys);
	db_result_free(res);
	return status;
}

int summary_run(struct req *r, const struct summary_spec *s)
{
	struct sbuf conv[MAX_PARAMS] = { { 0 } };
	struct db_result *res = NULL;
	const char *p[MAX_PARAMS];
	int n = 0, status, err;

	assert(s->nfilters < MAX_PARAMS);
	p[n++] = req_param(r, "ags");
	for (int i = 0; i < s->nfilters; i++)
		if ((status = filter_param(r, &s->filters[i], &p[n++],
					   &conv[i])) != 0)
			goto out;
	struct db_step steps[] = { { &tenant_exists, p }, { s->st, p } };
	if ((err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
				 DB_NSTEPS(steps))) < 0)
		status = reply_db_error(r, err, res);
	else if (db_nrows(res) != 1 || db_isnull(res, 0, 0))
		status = reply_error(r, API_EINTERNAL);
	else
		status = reply_json(r, 200, db_value(res, 0, 0),
				    db_length(res, 0, 0), NULL);
out:
	for (int i = 0; i < MAX_PARAMS; i++)
		sbuf_free(&conv[i]);
	db_result_free(res);
	return status;
}

int get_run(struct req *r, const struct get_spec *s)
{
	const char *id = req_param(r, "id");
	struct db_result *res = NULL;
	int status, err;

	if (!id_valid(id))
		return reply_problem(r, 404, s->not_found, NULL, NULL);
	const char *p[] = { req_param(r, "ags"), id };
	if ((err = db_exec(&res, r->srv->pool,
			   access_public(r) ? NULL : r->claims, s->get, p)) < 0)
		status = reply_db_error(r, err, res);
	else
		status = reply_resource(r, 200, res, NULL, NULL, s->not_found);
	db_result_free(res);
	return status;
}

int change_run(struct req *r, const struct change_spec *s)
{
	struct db_result *res = NULL;
	const char *p[4];
	char *body = NULL;
	char hdr[256];
	int n = 0, status, err;

	if (s->with_id && !id_valid(req_param(r, "id")))
		return reply_problem(r, 404, s->not_found, NULL, NULL);
	if ((status = fields_check(r, s->fields, s->nfields, s->creating)) != 0)
		return status;
	body = json_dumps(r->json, JSON_COMPACT);
	p[n++] = req_param(r, "ags");
	if (s->with_id)
		p[n++] = req_param(r, "id");
	p[n++] = body;
	if (s->with_if_match)
		p[n++] = req_header(r, "If-Match");
	if ((err = db_exec(&res, r->srv->pool, r->claims, s->st, p)) < 0) {
		status = resource_db_error(r, err, res);
		goto out;
	}
	if (s->location && db_nrows(res) == 1) {
		char loc[200];

		snprintf(loc, sizeof(loc), s->location, req_param(r, "ags"),
			 db_value(res, 0, 2));
		snprintf(hdr, sizeof(hdr), "Location: %s\r\n", loc);
		status = reply_resource(r, 201, res, NULL, hdr, s->not_found);
	} else {
		status = reply_resource(r, 200, res, NULL, NULL, s->not_found);
	}
out:
	free(body);
	db_result_free(res);
	return status;
}
