/*
 * page.h: keyset-paginated lists. A list statement returns rows of
 * (doc, key1, ..., keyN) in order, one more than the page, so the reply
 * knows whether another page follows; the last row's keys become the
 * opaque cursor.
 */
#ifndef TEILHABE_PAGE_H
#define TEILHABE_PAGE_H

#define PAGE_LIMIT_DEFAULT 50
#define PAGE_LIMIT_MAX	   200

struct req;
struct db_result;

/*
 * Reads ?limit= and ?cursor= (nkeys keys, each a new string or NULL into
 * keys; free with cursor_keys_free). lim receives the limit as text.
 * Replies 400 itself and returns its status when either is bad; else 0.
 */
int page_params(struct req *r, long *limit, char lim[24], char **keys,
		int nkeys);

/* Replies 200 with {"items": [...], "next_cursor": ...}. */
int page_reply(struct req *r, const struct db_result *res, long limit,
	       int nkeys);

#endif
