/*
 * fuzz_query.c: a query string as every list reads it: split and decoded
 * (req_parse_query), limit and cursor read (page_params, for lists of one
 * to three keys), each cursor key checked as each kind of column
 * (resource_key_valid), the filters' checks (utf8_length, datetime_valid,
 * id_valid, ags_valid), and cursor_decode on its own, whose keys must
 * survive a round trip through cursor_encode. Input: a query string.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ags.h"
#include "cursor.h"
#include "fields.h"
#include "page.h"
#include "req.h"
#include "resource.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_keys(char **keys, int n)
{
	static const enum key_kind kinds[] = { KEY_INT, KEY_INT32, KEY_TIME };
	char *again[CURSOR_MAX_KEYS];
	char *c;

	for (int i = 0; i < n; i++) {
		assert(keys[i] && utf8_length(keys[i]) >= 0);
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			(void)resource_key_valid(kinds[k], keys[i]);
	}
	c = cursor_encode((const char *const *)keys, (size_t)n);
	if (strlen(c) <= CURSOR_MAX_LEN) {
		assert(cursor_decode(c, again, (size_t)n) == 0);
		for (int i = 0; i < n; i++)
			assert(!strcmp(keys[i], again[i]));
		cursor_keys_free(again, (size_t)n);
	}
	free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *qs = xstrndup((const char *)data, size);
	struct req r;
	char *keys[CURSOR_MAX_KEYS];
	char lim[24];
	long limit, v;

	memset(&r, 0, sizeof(r));
	strcpy(r.request_id, "fuzz");
	if (req_parse_query(&r, qs) == 0) {
		assert(r.nquery >= 0 && r.nquery <= REQ_MAX_QUERY);
		for (int i = 0; i < r.nquery; i++) {
			const char *val = r.query[i].value;

			(void)utf8_length(val);
			(void)datetime_valid(val);
			(void)date_valid(val);
			(void)id_valid(val);
			(void)ags_valid(val);
			(void)parse_long(val, 1, 200, &v);
		}
		for (int n = 0; n <= 3; n++) {
			if (page_params(&r, &limit, lim, keys, n) != 0)
				continue;
			assert(limit >= 1 && limit <= PAGE_LIMIT_MAX);
			if (req_query(&r, "cursor"))
				check_keys(keys, n);
			cursor_keys_free(keys, (size_t)n);
		}
	}
	for (size_t n = 0; n <= CURSOR_MAX_KEYS; n++)
		if (cursor_decode(qs, keys, n) == 0) {
			check_keys(keys, (int)n);
			cursor_keys_free(keys, n);
		}
	req_free(&r);
	free(qs);
	return 0;
}
