/* fields.c: checking request bodies against field tables. */
#include "fields.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "req.h"
#include "util.h"

void fields_add_error(struct sbuf *errs, const char *pointer,
		      const char *message)
{
	if (errs->len)
		sbuf_adds(errs, ",");
	sbuf_adds(errs, "{\"pointer\":");
	sbuf_add_json_str(errs, pointer);
	sbuf_adds(errs, ",\"message\":");
	sbuf_add_json_str(errs, message);
	sbuf_adds(errs, "}");
}

/* prefix + "/" + name, with name escaped as RFC 6901 asks (~0, ~1) */
static void add_error(struct sbuf *errs, const char *prefix, const char *name,
		      const char *message)
{
	struct sbuf pointer = { 0 };

	sbuf_adds(&pointer, prefix);
	if (name) {
		sbuf_adds(&pointer, "/");
		for (const char *c = name; *c; c++) {
			if (*c == '~')
				sbuf_adds(&pointer, "~0");
			else if (*c == '/')
				sbuf_adds(&pointer, "~1");
			else
				sbuf_add(&pointer, c, 1);
		}
	}
	sbuf_adds(&pointer, "");
	fields_add_error(errs, pointer.p, message);
	sbuf_free(&pointer);
}

static long trimmed_chars(const char *s)
{
	const char *e = s + strlen(s);

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		e--;
	long n = 0;
	for (; s < e; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int all_digits(const char *s, size_t lo, size_t hi)
{
	size_t n = strlen(s);

	if (n < lo || n > hi)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int in_values(const char *const *values, const char *s)
{
	for (; values && *values; values++)
		if (!strcmp(*values, s))
			return 1;
	return 0;
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || !at[1] || strchr(at + 1, '@') || strlen(s) > 254)
		return 0;
	for (; *s; s++)
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			return 0;
	return 1;
}

int date_valid(const char *s)
{
	return s && strlen(s) == 10 && date_valid_prefix(s);
}

int date_valid_prefix(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
	    strspn(s + 8, "0123456789") != 2)
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 || y % 400 == 0));
}

/* Two digits at s into *v. */
static int two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return 0;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 1;
}

int datetime_valid(const char *s)
{
	int h, m, sec = 0;

	if (!date_valid_prefix(s))
		return 0;
	s += 10;
	if (!*s)
		return 1;
	if (*s != 'T' && *s != ' ')
		return 0;
	s++;
	if (!two_digits(s, &h) || s[2] != ':' || !two_digits(s + 3, &m))
		return 0;
	s += 5;
	if (*s == ':') {
		if (!two_digits(s + 1, &sec))
			return 0;
		s += 3;
		if (*s == '.') {
			if (*++s < '0' || *s > '9')
				return 0;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	if (h > 23 || m > 59 || sec > 60)
		return 0;
	if (!*s)
		return 1;
	if (*s == 'Z')
		return !s[1];
	if ((*s != '+' && *s != '-') || !two_digits(s + 1, &h) || h > 15)
		return 0;
	s += 3;
	if (!*s)
		return 1;
	if (*s == ':')
		s++;
	return two_digits(s, &m) && m <= 59 && !s[2];
}

/* Checks one value; returns NULL or what is wrong. */
static const char *check_value(const struct field *f, json_t *v, char *msg,
			       size_t len)
{
	const char *s = json_string_value(v);

	switch (f->type) {
	case FIELD_STRING:
		if (!s)
			return "must be a string";
		if (trimmed_chars(s) < f->min || utf8_length(s) > f->max) {
			snprintf(msg, len, "must have %ld to %ld characters",
				 f->min, f->max);
			return msg;
		}
		return NULL;
	case FIELD_BOOL:
		return json_is_boolean(v) ? NULL : "must be true or false";
	case FIELD_INT:
		if (!json_is_integer(v) || json_integer_value(v) < f->min ||
		    json_integer_value(v) > f->max) {
			snprintf(msg, len,
				 "must be a whole number from %ld to %ld",
				 f->min, f->max);
			return msg;
		}
		return NULL;
	case FIELD_ID:
		return s && all_digits(s, 1, 18) ? NULL
						 : "must be an id (a string "
						   "of digits)";
	case FIELD_EMAIL:
		return s && email_ok(s) ? NULL : "must be an email address";
	case FIELD_AGS:
		return s && all_digits(s, 8, 8) ? NULL
						: "must be an 8-digit "
						  "Amtlicher Gemeindeschlüssel";
	case FIELD_ENUM:
		if (s && in_values(f->values, s))
			return NULL;
		break;
	case FIELD_ENUMS: {
		size_t i, j;
		json_t *item;

		if (!json_is_array(v) || (long)json_array_size(v) < f->min ||
		    (long)json_array_size(v) > f->max) {
			snprintf(msg, len,
				 "must be a list of %ld to %ld values", f->min,
				 f->max);
			return msg;
		}
		json_array_foreach(v, i, item)
		{
			s = json_string_value(item);
			if (!s || !in_values(f->values, s))
				goto values;
			for (j = 0; j < i; j++)
				if (json_equal(item, json_array_get(v, j)))
					return "must not repeat a value";
		}
		return NULL;
	}
	case FIELD_ARRAY:
		if (!json_is_array(v) || (long)json_array_size(v) < f->min ||
		    (long)json_array_size(v) > f->max) {
			snprintf(msg, len, "must be a list of %ld to %ld items",
				 f->min, f->max);
			return msg;
		}
		return NULL;
	case FIELD_DATE:
		return date_valid(s) ? NULL : "must be a date (YYYY-MM-DD)";
	case FIELD_NUMBER:
		if (!json_is_number(v) ||
		    json_number_value(v) < (double)f->min ||
		    json_number_value(v) >= (double)f->max) {
			snprintf(msg, len,
				 "must be a number from %ld to less than %ld",
				 f->min, f->max);
			return msg;
		}
		return NULL;
	case FIELD_IDS: {
		size_t i, j;
		json_t *item;

		if (!json_is_array(v) || (long)json_array_size(v) < f->min ||
		    (long)json_array_size(v) > f->max) {
			snprintf(msg, len, "must be a list of %ld to %ld ids",
				 f->min, f->max);
			return msg;
		}
		json_array_foreach(v, i, item)
		{
			s = json_string_value(item);
			if (!s || !all_digits(s, 1, 18))
				return "must hold ids (strings of digits)";
			for (j = 0; j < i; j++)
				if (json_equal(item, json_array_get(v, j)))
					return "must not repeat an id";
		}
		return NULL;
	}
	}
values : {
	size_t used = (size_t)snprintf(msg, len, "must be one of");
	for (const char *const *p = f->values; p && *p && used < len; p++)
		used += (size_t)snprintf(msg + used, len - used, "%s %s",
					 p == f->values ? "" : ",", *p);
	return msg;
}
}

int fields_check_object(json_t *obj, const char *prefix, const struct field *f,
			size_t n, int creating, struct sbuf *errs)
{
	json_t *v;
	const char *key;
	char msg[256];
	int count = 0;

	if (!json_is_object(obj)) {
		add_error(errs, prefix, NULL, "must be an object");
		return 1;
	}
	json_object_foreach(obj, key, v)
	{
		size_t i;

		for (i = 0; i < n && strcmp(f[i].name, key); i++)
			;
		if (i == n) {
			add_error(errs, prefix, key,
				  "is not a field of this "
				  "resource");
			count++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const char *why;

		v = json_object_get(obj, f[i].name);
		if (!v) {
			if (creating && (f[i].flags & FIELD_REQUIRED)) {
				add_error(errs, prefix, f[i].name,
					  "is required");
				count++;
			}
			continue;
		}
		if (json_is_null(v)) {
			if (!(f[i].flags & FIELD_NULLABLE)) {
				add_error(errs, prefix, f[i].name,
					  "must not be null");
				count++;
			}
			continue;
		}
		if ((why = check_value(&f[i], v, msg, sizeof(msg))) != NULL) {
			add_error(errs, prefix, f[i].name, why);
			count++;
		}
	}
	return count;
}

int fields_reply(struct req *r, const struct sbuf *errs)
{
	struct sbuf e = { 0 };
	int status;

	sbuf_adds(&e, "[");
	sbuf_add(&e, errs->p, errs->len);
	sbuf_adds(&e, "]");
	status = reply_problem(r, 422, "Some fields are invalid.", e.p, NULL);
	sbuf_free(&e);
	return status;
}

int fields_check(struct req *r, const struct field *f, size_t n, int creating)
{
	struct sbuf errs = { 0 };
	int status = 0;

	if (fields_check_object(r->json, "", f, n, creating, &errs))
		status = fields_reply(r, &errs);
	sbuf_free(&errs);
	return status;
}

const char *field_param(const struct req *r, const char *name, char *buf,
			size_t len)
{
	json_t *v = json_object_get(r->json, name);

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	if (json_is_integer(v)) {
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		return buf;
	}
	char *s = json_dumps(v, JSON_COMPACT);
	snprintf(buf, len, "%s", s ? s : "null");
	free(s);
	return buf;
}

int field_present(const struct req *r, const char *name)
{
	return json_object_get(r->json, name) != NULL;
}
