/*
 * resource.h: the runners every resource's handlers share. A resource is
 * read, listed or changed in one round trip: dispatch has checked the
 * caller's access from the route table (access.h); the runner checks the
 * query or body, a statement of the database does the rest as the caller
 * (row-level security applies) and returns the document with its ETag.
 * Public routes and routes open to anyone are read as nobody. A handler
 * is a spec; what is particular to it stays in it, small.
 *
 * The statements' parameters follow the path: {ags} first when the route
 * has it, then {id} (or a list's parent) when it has one. The runners
 * check that they bind as many parameters as a statement takes.
 */
#ifndef TEILHABE_RESOURCE_H
#define TEILHABE_RESOURCE_H

#include <stddef.h>

struct db_stmt;
struct field;
struct req;

/* The number of elements of an array, for a spec's counts. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* A query parameter that filters a list, passed to its statement as text. */
enum filter_kind {
	FILTER_ID,    /* an id */
	FILTER_ENUM,  /* one of values */
	FILTER_ENUMS, /* one or more of values, comma-separated: a text[] */
	FILTER_TIME,  /* a date or a date-time with zone */
	FILTER_TEXT,  /* 1 to max (default 200) characters of UTF-8 */
	FILTER_BOOL,  /* true or false */
	FILTER_AGS,   /* an Amtlicher Gemeindeschlüssel */
	FILTER_BYTES, /* 1 to max bytes */
	FILTER_DATE,  /* a calendar date YYYY-MM-DD */
};

struct filter {
	const char *name;
	enum filter_kind kind;
	const char *const *values; /* NULL-terminated, for the enum kinds */
	long max;		   /* FILTER_TEXT, FILTER_BYTES */
	const char *message;	   /* the 400's message; NULL: the kind's own */
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
	KEY_ID,	   /* a positive id */
	KEY_TEXT,  /* any text: a name the list is sorted by */
};

/* Whether s is a cursor key of kind k. */
int resource_key_valid(enum key_kind k, const char *s);

struct list_spec {
	/*
	 * The first step, of parameters (ags) or (ags, parent), failing with
	 * 404 when the parent is not there; NULL: the municipality must be
	 * known to the caller (public routes: must exist). A list whose path
	 * has no {ags} (one of the district) has no first step.
	 */
	struct db_stmt *check;
	const char *parent; /* path parameter of the parent id, or NULL */
	const struct filter *filters;
	int nfilters;
	/*
	 * Parameters: [ags,] [parent,] the filters, the cursor's keys (NULL
	 * on the first page), the limit. Rows: (doc, key1..keyN), one more
	 * than the limit.
	 */
	struct db_stmt *list;
	const enum key_kind *keys;
	int nkeys;
	/*
	 * Read limit and cursor (and check its keys) before the filters: a
	 * request bad in both is refused for the former, as the lists of
	 * accounts, organisations and the audit always did.
	 */
	int page_first;
	/*
	 * The detail of a 400 when the database refuses a parameter's value
	 * (a data exception: what the filters' checks let through); NULL:
	 * the usual 422.
	 */
	const char *refused;
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
	struct db_stmt *get; /* ([ags,] [id]) -> (doc, etag) */
	const char *not_found;
};

int get_run(struct req *r, const struct get_spec *s);

struct change_spec {
	const struct field *fields;
	size_t nfields;
	int creating; /* the required fields must be there */
	/*
	 * (ags, [id,] [sub,] [body,] [If-Match]) -> (doc, etag, id); without
	 * fields the request has no body and the statement no body parameter.
	 */
	struct db_stmt *st;
	int with_id; /* the path's {id} is the second parameter */
	/*
	 * A path parameter naming a part of {id} (an agenda item of a
	 * meeting), bound right after {id}; NULL: none.
	 */
	const char *sub;
	/*
	 * Without a field table, the body as it is (an array the handler's
	 * valid() checked) is the parameter after the path's.
	 */
	int raw_body;
	int with_if_match;    /* the If-Match header is the last parameter */
	const char *location; /* for 201: a format of ags and the new id */
	const char *not_found;
	int no_content; /* reply 204 without a body (a delete) */
	/*
	 * A first step of the path's parameters ([ags,] [id]) that fails
	 * when they name nothing the caller may change; NULL: none.
	 */
	struct db_stmt *check;
	/*
	 * A last step of the path's {id} that reads the document the change
	 * left, (doc, etag), for a statement that cannot return it (a
	 * statement does not see its own changes); NULL: st returns it.
	 */
	struct db_stmt *doc;
	/*
	 * The handler's own checks of the body, after the field table's:
	 * returns 0 or the status it replied with; NULL: none.
	 */
	int (*valid)(struct req *r);
};

int change_run(struct req *r, const struct change_spec *s);

/*
 * The reply for a failed change: a constraint's violation names the field
 * at fault. Returns the status.
 */
struct db_result;
int resource_db_error(struct req *r, int err, const struct db_result *res);

/*
 * Whether the n parameters a runner binds are the ones st takes. A spec
 * that disagrees with its statement is a bug: an assert, and where
 * asserts are compiled out, false (the runner then answers 500).
 */
int resource_binds(struct db_stmt *st, int n);

/*
 * A filter's message when value is bad for it, or NULL when it is good;
 * *conv receives the value converted for the statement (FILTER_ENUMS:
 * a text[] literal), else stays untouched.
 */
struct sbuf;
const char *resource_filter_error(const struct filter *f, const char *value,
				  struct sbuf *conv);

/* The municipality must exist (public requests); params: (ags). */
extern struct db_stmt resource_public_municipality;

#endif
