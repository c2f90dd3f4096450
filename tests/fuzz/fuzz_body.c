/*
 * fuzz_body.c: a request body as a handler receives it: parsed by its
 * content type (req_parse_body: the nesting bound, Jansson, the form
 * decoder), then checked against the measure's field tables for a create
 * and an update (fields_check, which replies 422 into a request without a
 * connection), each member read as a statement parameter (field_param)
 * and the body dumped as change_run sends it. The errors of a check must
 * form a JSON array. Input: the first byte picks the content type and the
 * route's body flags, the rest is the body.
 */
#include <assert.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "handlers/handlers.h"
#include "json_depth.h"
#include "req.h"
#include "router.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char *ct;
	unsigned flags;
} kinds[] = {
	{ "application/json", ROUTE_BODY_JSON },
	{ "application/x-www-form-urlencoded",
	  ROUTE_BODY_JSON | ROUTE_BODY_FORM },
	{ "application/json; charset=utf-8",
	  ROUTE_BODY_JSON | ROUTE_BODY_FORM },
	{ "text/plain", ROUTE_BODY_JSON },
	{ NULL, ROUTE_BODY_JSON },
};

/* How deep v nests (a scalar: 0). Bounded by the parse: no deeper than 32. */
static int depth(json_t *v)
{
	int d = 0, c;
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, k, x)
		{
			if ((c = depth(x)) > d)
				d = c;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
		{
			if ((c = depth(x)) > d)
				d = c;
		}
	} else {
		return 0;
	}
	return d + 1;
}

static void check_table(struct req *r, const struct field *f, size_t n,
			int creating)
{
	struct sbuf errs = { 0 }, text = { 0 };
	json_t *arr;
	char buf[64];
	int count;

	(void)fields_check(r, f, n, creating);
	if (!json_is_object(r->json))
		return;
	count = fields_check_object(r->json, "/x", f, n, creating, &errs);
	sbuf_adds(&text, "[");
	if (errs.len)
		sbuf_add(&text, errs.p, errs.len);
	sbuf_adds(&text, "]");
	arr = json_loads(text.p, 0, NULL);
	assert(json_is_array(arr) && json_array_size(arr) == (size_t)count);
	json_decref(arr);
	sbuf_free(&text);
	sbuf_free(&errs);
	for (size_t i = 0; i < n; i++)
		(void)field_param(r, f[i].name, buf, sizeof(buf));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	size_t k;

	if (size == 0)
		return 0;
	k = data[0] % (sizeof(kinds) / sizeof(kinds[0]));
	memset(&r, 0, sizeof(r));
	strcpy(r.request_id, "fuzz");
	r.body_len = size - 1;
	r.body = xmalloc(size);
	memcpy(r.body, data + 1, size - 1);
	r.body[size - 1] = '\0';
	if (req_parse_body(&r, kinds[k].ct, kinds[k].flags) == 0) {
		char *dump;

		assert(r.json && depth(r.json) <= JSON_MAX_DEPTH);
		check_table(&r, measure_create_fields, measure_create_nfields,
			    1);
		check_table(&r, measure_update_fields, measure_update_nfields,
			    0);
		dump = json_dumps(r.json, JSON_COMPACT | JSON_ENCODE_ANY);
		assert(dump);
		free(dump);
	} else {
		assert(r.detail[0]);
	}
	req_free(&r);
	return 0;
}
