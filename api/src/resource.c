/* resource.c: reading, listing and changing a resource of a municipality. */
#include "resource.h"

#include <assert.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "ags.h"
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

struct db_stmt resource_public_municipality = DB_QUERY(
	"SELECT app_assert(EXISTS (SELECT FROM municipality"
	" WHERE ags = $1), 'TH404', 'There is no such municipality.')");

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

/* The message of a bad value of f: the filter's own, else its kind's. */
static const char *bad(const struct filter *f, const char *kind_message)
{
	return f->message ? f->message : kind_message;
}

const char *resource_filter_error(const struct filter *f, const char *v,
				  struct sbuf *conv)
{
	const char *p, *e;
	size_t start = conv->len;

	switch (f->kind) {
	case FILTER_ID:
		return id_valid(v) ? NULL : bad(f, "must be an id");
	case FILTER_ENUM:
		return in_values(f->values, v, strlen(v))
			       ? NULL
			       : bad(f, "is not one of the values documented");
	case FILTER_ENUMS:
		sbuf_adds(conv, "{");
		for (p = v;; p = e + 1) {
			e = strchr(p, ',');
			if (!e)
				e = p + strlen(p);
			if (!in_values(f->values, p, (size_t)(e - p))) {
				conv->len = start; /* nothing half-built */
				conv->p[start] = '\0';
				return bad(f, "holds a value that is not "
					      "documented");
			}
			if (p != v)
				sbuf_adds(conv, ",");
			sbuf_add(conv, p, (size_t)(e - p));
			if (!*e)
				break;
		}
		sbuf_adds(conv, "}");
		return NULL;
	case FILTER_TIME:
		return datetime_valid(v) ? NULL
					 : bad(f, "must be a date or date-time "
						  "(ISO 8601)");
	case FILTER_TEXT:
		return text_valid(v, f->max ? f->max : 200)
			       ? NULL
			       : bad(f, "must be 1 to 200 characters of UTF-8");
	case FILTER_BOOL:
		return !strcmp(v, "true") || !strcmp(v, "false")
			       ? NULL
			       : bad(f, "must be true or false");
	case FILTER_DATE:
		return date_valid(v) ? NULL
				     : bad(f, "must be a date YYYY-MM-DD");
	case FILTER_AGS:
		return ags_valid(v) ? NULL : bad(f, "must be an 8-digit AGS");
	case FILTER_BYTES:
		return *v && strlen(v) <= (size_t)f->max
			       ? NULL
			       : bad(f, "is empty or too long");
	}
	return bad(f, "is not valid");
}

/*
 * The filter's value as a statement parameter into *out (NULL when the
 * query does not have it); conv receives converted text. Replies 400 and
 * returns its status when the value is bad; else 0.
 */
static int filter_param(struct req *r, const struct filter *f, const char **out,
			struct sbuf *conv)
{
	const char *v = req_query(r, f->name), *m;

	*out = NULL;
	if (!v)
		return 0;
	if ((m = resource_filter_error(f, v, conv)) != NULL)
		return reply_bad_param(r, f->name, m);
	*out = f->kind == FILTER_ENUMS ? conv->p : v;
	return 0;
}

int resource_key_valid(enum key_kind k, const char *s)
{
	long v;

	switch (k) {
	case KEY_INT:
		return id_valid(s) || (s[0] == '-' && id_valid(s + 1));
	case KEY_INT32:
		return parse_long(s, INT32_MIN, INT32_MAX, &v) == 0;
	case KEY_TIME:
		return datetime_valid(s);
	case KEY_ID:
		return id_valid(s);
	case KEY_TEXT:
		return 1;
	}
	return 0;
}

int resource_binds(struct db_stmt *st, int n)
{
	assert(n == db_stmt_nparams(st));
	return n == db_stmt_nparams(st);
}

/*
 * Whether the request reads as nobody, without the caller's claims: on a
 * public route, and on a route open to anyone (the list of municipalities),
 * whose data is the same for every caller.
 */
static int as_nobody(const struct req *r)
{
	return access_public(r) ||
	       (r->match.route && (r->match.route->roles & ROLE_ANON));
}

/* Limit and cursor into *limit, lim, keys, each key checked; 0 or status. */
static int page_keys(struct req *r, const struct list_spec *s, long *limit,
		     char lim[24], char **keys)
{
	int status;

	if ((status = page_params(r, limit, lim, keys, s->nkeys)) != 0)
		return status;
	for (int k = 0; k < s->nkeys; k++)
		if (keys[k] && !resource_key_valid(s->keys[k], keys[k]))
			return reply_bad_param(r, "cursor",
					       "is not a cursor this list "
					       "gave out");
	return 0;
}

int list_run(struct req *r, const struct list_spec *s)
{
	struct sbuf conv[MAX_PARAMS] = { { 0 } };
	struct db_result *res = NULL;
	const char *ags = req_param(r, "ags"), *p[MAX_PARAMS], *cp[2];
	char *keys[CURSOR_MAX_KEYS] = { 0 };
	char lim[24];
	long limit;
	int n = 0, status, err, anon = as_nobody(r);

	assert(s->nfilters + s->nkeys + 3 <= MAX_PARAMS);
	if (ags)
		p[n++] = cp[0] = ags;
	if (s->parent) {
		p[n++] = cp[1] = req_param(r, s->parent);
		if (!id_valid(cp[1]))
			return reply_problem(r, 404,
					     "There is no such resource.", NULL,
					     NULL);
	}
	if (s->page_first && (status = page_keys(r, s, &limit, lim, keys)) != 0)
		goto out;
	for (int i = 0; i < s->nfilters; i++)
		if ((status = filter_param(r, &s->filters[i], &p[n++],
					   &conv[i])) != 0)
			goto out;
	if (!s->page_first &&
	    (status = page_keys(r, s, &limit, lim, keys)) != 0)
		goto out;
	for (int k = 0; k < s->nkeys; k++)
		p[n++] = keys[k];
	p[n++] = lim;
	struct db_stmt *check = s->check ? s->check
				: access_public(r)
					? &resource_public_municipality
					: &tenant_exists;
	struct db_step steps[] = { { check, cp }, { s->list, p } };
	/* a list of the district has no municipality to check first */
	int first = ags ? 0 : 1;
	if (!resource_binds(s->list, n) ||
	    (ags && !resource_binds(check, s->parent ? 2 : 1))) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	if ((err = db_exec_steps(&res, r->srv->pool, anon ? NULL : r->claims,
				 steps + first, DB_NSTEPS(steps) - first)) < 0)
		status = err == API_EUNPROCESSABLE && s->refused &&
					 !db_error_message(res)
				 ? reply_problem(r, 400, s->refused, NULL, NULL)
				 : resource_db_error(r, err, res);
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
	if (!resource_binds(s->st, n)) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	struct db_step steps[] = { { &tenant_exists, p }, { s->st, p } };
	if ((err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
				 DB_NSTEPS(steps))) < 0)
		status = resource_db_error(r, err, res);
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
	const char *ags = req_param(r, "ags"), *id = req_param(r, "id");
	const char *p[2];
	struct db_result *res = NULL;
	int n = 0, status, err;

	if (id && !id_valid(id))
		return reply_problem(r, 404, s->not_found, NULL, NULL);
	if (ags)
		p[n++] = ags;
	if (id)
		p[n++] = id;
	if (!resource_binds(s->get, n))
		return reply_error(r, API_EINTERNAL);
	if ((err = db_exec(&res, r->srv->pool, as_nobody(r) ? NULL : r->claims,
			   s->get, p)) < 0)
		status = resource_db_error(r, err, res);
	else
		status = reply_resource(r, 200, res, NULL, NULL, s->not_found);
	db_result_free(res);
	return status;
}

int change_run(struct req *r, const struct change_spec *s)
{
	const char *ags = req_param(r, "ags"), *id = req_param(r, "id");
	const char *sub = s->sub ? req_param(r, s->sub) : NULL;
	const char *p[5], *cp[3], *dp[1] = { id };
	struct db_result *res = NULL;
	struct db_step steps[3];
	char *body = NULL;
	char hdr[256];
	int n = 0, nc = 0, nsteps = 0, status, err;

	if ((s->with_id && !id_valid(id)) || (s->sub && !id_valid(sub)))
		return reply_problem(r, 404, s->not_found, NULL, NULL);
	if (s->fields &&
	    (status = fields_check(r, s->fields, s->nfields, s->creating)) != 0)
		return status;
	if (s->valid && (status = s->valid(r)) != 0)
		return status;
	if (ags)
		p[n++] = cp[nc++] = ags;
	if (s->with_id)
		p[n++] = cp[nc++] = id;
	if (s->sub)
		p[n++] = cp[nc++] = sub;
	if (s->fields || s->raw_body)
		p[n++] = body = json_dumps(r->json, JSON_COMPACT);
	if (s->with_if_match)
		p[n++] = req_header(r, "If-Match");
	if (s->check)
		steps[nsteps++] = (struct db_step){ s->check, cp };
	steps[nsteps++] = (struct db_step){ s->st, p };
	if (s->doc)
		steps[nsteps++] = (struct db_step){ s->doc, dp };
	if (!resource_binds(s->st, n) ||
	    (s->check && !resource_binds(s->check, nc)) ||
	    (s->doc && !resource_binds(s->doc, id ? 1 : 0))) {
		status = reply_error(r, API_EINTERNAL);
		goto out;
	}
	if ((err = db_exec_steps(&res, r->srv->pool, r->claims, steps,
				 nsteps)) < 0) {
		status = resource_db_error(r, err, res);
		goto out;
	}
	if (s->no_content) {
		status = reply(r, 204, NULL, NULL, NULL, 0);
	} else if (s->location && db_nrows(res) == 1) {
		char loc[200];

		snprintf(loc, sizeof(loc), s->location, ags,
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
