/* page.c: keyset-paginated list replies. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>

#include "cursor.h"
#include "db.h"
#include "reply.h"
#include "req.h"
#include "util.h"

int page_params(struct req *r, long *limit, char lim[24], char **keys,
		int nkeys)
{
	const char *s = req_query(r, "limit"), *cursor = req_query(r, "cursor");

	*limit = PAGE_LIMIT_DEFAULT;
	for (int i = 0; i < nkeys; i++)
		keys[i] = NULL;
	if (s && parse_long(s, 1, PAGE_LIMIT_MAX, limit) < 0)
		return reply_bad_param(r, "limit",
				       "must be a whole number from 1 to 200");
	if (cursor && cursor_decode(cursor, keys, nkeys) < 0)
		return reply_bad_param(r, "cursor",
				       "is not a cursor this list gave out");
	snprintf(lim, 24, "%ld", *limit);
	return 0;
}

int page_reply(struct req *r, const struct db_result *res, long limit,
	       int nkeys)
{
	struct sbuf body = { 0 };
	const char *last[8];
	char *next = NULL;
	int n = db_nrows(res), status;

	sbuf_adds(&body, "{\"items\":[");
	for (int i = 0; i < n && i < limit; i++) {
		if (i)
			sbuf_adds(&body, ",");
		sbuf_add(&body, db_value(res, i, 0), db_length(res, i, 0));
	}
	sbuf_adds(&body, "],\"next_cursor\":");
	if (n > limit && nkeys <= 8) {
		for (int k = 0; k < nkeys; k++)
			last[k] = db_value(res, (int)limit - 1, k + 1);
		next = cursor_encode(last, nkeys);
		sbuf_add_json_str(&body, next);
	} else {
		sbuf_adds(&body, "null");
	}
	sbuf_adds(&body, "}");
	status = reply_json(r, 200, body.p, body.len, NULL);
	free(next);
	sbuf_free(&body);
	return status;
}
