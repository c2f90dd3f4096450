/*
 * fields.h: request bodies checked against a table of fields, one table per
 * resource. Every problem is reported at once as a 422 with a JSON pointer
 * per field, before anything reaches the database.
 */
#ifndef TEILHABE_FIELDS_H
#define TEILHABE_FIELDS_H

#include <jansson.h>
#include <stddef.h>

struct req;

enum field_type {
	FIELD_STRING, /* min..max characters, trimmed length at least min */
	FIELD_BOOL,
	FIELD_INT,    /* min..max */
	FIELD_ID,     /* a resource id: a string of 1 to 18 digits */
	FIELD_EMAIL,  /* local@domain, at most 254 bytes */
	FIELD_AGS,    /* 8 digits */
	FIELD_ENUM,   /* one of values */
	FIELD_ENUMS,  /* an array of distinct values, min..max of them */
	FIELD_ARRAY,  /* an array of min..max items; the handler checks them */
	FIELD_DATE,   /* a calendar date, YYYY-MM-DD */
	FIELD_NUMBER, /* a JSON number from min to less than max */
	FIELD_IDS,    /* an array of min..max distinct ids */
};

enum field_flags {
	FIELD_REQUIRED = 1 << 0, /* when creating */
	FIELD_NULLABLE = 1 << 1,
};

struct field {
	const char *name;
	enum field_type type;
	unsigned flags;
	long min, max;
	const char *const *values; /* NULL-terminated, for the enum types */
};

/*
 * Checks that r->json is an object holding only fields of f[0..n), each of
 * its type and in range; when creating, the required ones must be there.
 * Replies 422 itself and returns its status when anything is wrong; else
 * returns 0.
 */
int fields_check(struct req *r, const struct field *f, size_t n, int creating);

/*
 * The same check for an object nested in the body, with pointers under
 * prefix (e.g. "/memberships/0"): appends errors to errs (a JSON array
 * text without brackets, items joined by commas). Returns the number of
 * errors added.
 */
struct sbuf;
int fields_check_object(json_t *obj, const char *prefix, const struct field *f,
			size_t n, int creating, struct sbuf *errs);

/* Appends one error to errs. */
void fields_add_error(struct sbuf *errs, const char *pointer,
		      const char *message);

/* Replies 422 with errs (items without brackets). Returns the status. */
int fields_reply(struct req *r, const struct sbuf *errs);

/*
 * A member as a statement parameter: its text for strings, "true"/"false"
 * for booleans, digits for integers, a JSON text for arrays; NULL when it
 * is absent or null. Valid until the body is freed or buf is reused.
 */
const char *field_param(const struct req *r, const char *name, char *buf,
			size_t len);

/* Whether s is a calendar date YYYY-MM-DD. */
int date_valid(const char *s);
/* Whether s begins with one (a date-time may follow). */
int date_valid_prefix(const char *s);
/*
 * Whether s is a date, or a date-time: YYYY-MM-DD, then T or a space,
 * HH:MM[:SS[.fraction]] and an optional zone (Z, +HH, +HH:MM, +HHMM).
 */
int datetime_valid(const char *s);

/* Whether the body has name, even as null. */
int field_present(const struct req *r, const char *name);

#endif
