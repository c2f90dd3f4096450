/*
 * resource.h: the requests the catalogue's resources share. A resource of
 * a municipality is read, listed or changed in one round trip: the
 * handler checks the caller's role in the path's municipality and the
 * body's fields, a statement of the database does the rest as the caller
 * (row-level security applies) and returns the document with its ETag.
 */
#ifndef TEILHABE_RESOURCE_H
#define TEILHABE_RESOURCE_H

#include <stddef.h>

struct db_stmt;
struct field;
struct req;

/* A query parameter that filters a list, passed to its statement as text. */
enum filter_kind {
	FILTER_ID,    /* an id */
	FILTER_ENUM,  /* one of values */
	FILTER_ENUMS, /* one or more of values, comma-separated: a text[] */
	FILTER_TIME,  /* a date or a date-time with zone */
	FILTER_TEXT,  /* 1 to 200 characters */
	FILTER_BOOL,  /* true or false */
	FILTER_DATE,  /* a calendar date YYYY-MM-DD */
};

struct filter {
	const char *name;
	enum filter_kind kind;
	const char *const *values; /* NULL-terminated, for the enum kinds */
};

/*
 * What the keys of a list's cursor are: each is checked against its
 * column's type before the statement runs, so a forged cursor is a 400,
 * never a failed cast in the database.
 */
enum key_kind {
	KEY_INT,   /* a bigint: an id */
	KEY_INT32, /* an int: a rank, a position, a version */
	KEY_TIME,  /* a date or a date-time */
};

/* Whether s is a cursor key of kind k. */
int resource_key_valid(enum key_kind k, const char *s);

struct list_spec {
	/*
	 * The first step, of parameters (ags) or (ags, parent), failing with
	 * 404 when the parent is not there; NULL: the municipality must be
	 * known to the caller (public routes: must exist).
	 */
	struct db_stmt *check;
	const char *parent; /* path parameter of the parent id, or NULL */
	const struct filter *filters;
	int nfilters;
	/*
	 * Parameters: ags, [parent,] the filters, the cursor's keys (NULL
	 * on the first page), the limit. Rows: (doc, key1..keyN), one more
	 * than the limit.
	 */
	struct db_stmt *list;
	const enum key_kind *keys;
	int nkeys;
};

int list_run(struct req *r, const struct list_spec *s);

/*
 * A figure over a filtered list, not a page of it: one statement of
 * parameters (ags, the filters) that returns one row with one JSON
 * document, answered 200 as it is. The municipality must be known to the
 * caller (404 otherwise); row-level security decides what is counted.
 */
struct summary_spec {
	const struct filter *filters;
	int nfilters;
	struct db_stmt *st;
};

int summary_run(struct req *r, const struct summary_spec *s);

struct get_spec {
	struct db_stmt *get; /* (ags, id) -> (doc, etag) */
	const char *not_found;
};

int get_run(struct req *r, const struct get_spec *s);

struct change_spec {
	const struct field *fields;
	size_t nfields;
	int creating; /* the required fields must be there */
	struct db_stmt
		*st; /* (ags, [id,] body, [If-Match]) -> (doc, etag, id) */
	int with_id; /* the path's {id} is the second parameter */
	int with_if_match;    /* the If-Match header is the last parameter */
	const char *location; /* for 201: a format of ags and the new id */
	const char *not_found;
};

int change_run(struct req *r, const struct change_spec *s);

/*
 * The reply for a failed change: a constraint's violation names the field
 * at fault. Returns the status.
 */
struct db_result;
int resource_db_error(struct req *r, int err, const struct db_result *res);

/* The municipality must exist (public requests); params: (ags). */
extern struct db_stmt resource_public_municipality;

#endif
