/*
 * test_fields.c: request bodies against field tables (fields.c): each field
 * type, required and nullable members, unknown members, several errors at
 * once, pointers under a prefix, and members as statement parameters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "fields.h"
#include "req.h"
#include "util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const colours[] = { "red", "green", "blue", NULL };

/*
 * Checks body (JSON text) against f[0..n) and returns the errors as a JSON
 * array (json_decref it); *count receives fields_check_object's result,
 * which must equal the number of errors.
 */
static json_t *check(const char *body, const char *prefix,
		     const struct field *f, size_t n, int creating, int *count)
{
	struct sbuf errs = { 0 };
	struct sbuf text = { 0 };
	json_error_t jerr;
	json_t *obj = json_loads(body, JSON_DECODE_ANY, &jerr), *arr;
	int c;

	assert_non_null(obj);
	c = fields_check_object(obj, prefix, f, n, creating, &errs);
	json_decref(obj);
	sbuf_adds(&text, "[");
	if (errs.len)
		sbuf_add(&text, errs.p, errs.len);
	sbuf_adds(&text, "]");
	arr = json_loads(text.p, 0, &jerr);
	if (!arr)
		fail_msg("errors are not JSON: %s (%s)", text.p, jerr.text);
	assert_true(json_is_array(arr));
	assert_int_equal(json_array_size(arr), (size_t)c);
	sbuf_free(&text);
	sbuf_free(&errs);
	if (count)
		*count = c;
	return arr;
}

/* The message for pointer in errs, or NULL (copied into a static buffer). */
static const char *message_at(json_t *errs, const char *pointer)
{
	static char msg[512];
	size_t i;
	json_t *e;

	json_array_foreach(errs, i, e)
	{
		const char *p =
			json_string_value(json_object_get(e, "pointer"));
		const char *m =
			json_string_value(json_object_get(e, "message"));

		assert_non_null(p);
		assert_non_null(m);
		assert_int_equal(json_object_size(e), 2);
		if (!strcmp(p, pointer)) {
			snprintf(msg, sizeof(msg), "%s", m);
			return msg;
		}
	}
	return NULL;
}

/*
 * Checks {"v": value} against the one field f (named "v"), not creating.
 * Returns NULL when accepted, else the message.
 */
static const char *one(const struct field *f, const char *value)
{
	static char msg[512];
	char body[1024];
	const char *m;
	json_t *errs;
	int count;

	assert_string_equal(f->name, "v");
	snprintf(body, sizeof(body), "{\"v\":%s}", value);
	errs = check(body, "", f, 1, 0, &count);
	if (count == 0) {
		json_decref(errs);
		return NULL;
	}
	assert_int_equal(count, 1);
	m = message_at(errs, "/v");
	assert_non_null(m);
	snprintf(msg, sizeof(msg), "%s", m);
	json_decref(errs);
	return msg;
}

/* Asserts that every value of ok is accepted and every one of bad is not. */
static void accepts_rejects(const struct field *f, const char *const *ok,
			    size_t nok, const char *const *bad, size_t nbad)
{
	for (size_t i = 0; i < nok; i++) {
		const char *m = one(f, ok[i]);

		if (m)
			fail_msg("%s rejected: %s", ok[i], m);
	}
	for (size_t i = 0; i < nbad; i++)
		if (!one(f, bad[i]))
			fail_msg("%s accepted", bad[i]);
}

/* FIELD_STRING */

static void test_fields__string_length_in_range(void **state)
{
	static const struct field f = { "v", FIELD_STRING, 0, 3, 10, NULL };
	static const char *const ok[] = { "\"abc\"", "\"abcdefghij\"",
					  "\"a c\"" };
	static const char *const bad[] = { "\"ab\"", "\"\"",
					   "\"abcdefghijk\"" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "\"ab\""), "must have 3 to 10 characters");
	assert_string_equal(one(&f, "\"abcdefghijk\""),
			    "must have 3 to 10 characters");
}

static void test_fields__string_counts_characters_not_bytes(void **state)
{
	/* "Ölsdorf": 7 characters, 8 bytes */
	static const struct field f7 = { "v", FIELD_STRING, 0, 1, 7, NULL };
	static const struct field f1 = { "v", FIELD_STRING, 0, 1, 1, NULL };
	static const struct field f3 = { "v", FIELD_STRING, 0, 3, 3, NULL };

	(void)state;
	assert_null(one(&f7, "\"\xc3\x96lsdorf\""));
	assert_null(one(&f7, "\"\\u00d6lsdorf\"")); /* the same, escaped */
	assert_non_null(one(&f7, "\"\xc3\x96lsdorfe\""));
	assert_null(one(&f1, "\"\xc3\xa4\""));	       /* ä: 2 bytes */
	assert_null(one(&f1, "\"\xe2\x82\xac\""));     /* €: 3 bytes */
	assert_null(one(&f1, "\"\xf0\x9f\x98\x80\"")); /* 😀: 4 bytes */
	assert_non_null(one(&f1, "\"\xc3\xa4\xc3\xa4\""));
	/* ää is 4 bytes but only 2 characters: under a minimum of 3 */
	assert_non_null(one(&f3, "\"\xc3\xa4\xc3\xa4\""));
	assert_null(one(&f3, "\"\xc3\xa4\xc3\xa4\xc3\xa4\""));
}

static void test_fields__string_minimum_is_trimmed(void **state)
{
	static const struct field f = { "v", FIELD_STRING, 0, 3, 10, NULL };
	static const struct field req1 = { "v", FIELD_STRING, 0, 1, 10, NULL };

	(void)state;
	assert_non_null(one(&f, "\"  ab  \""));
	assert_non_null(one(&f, "\"\\t\\n\\r a\""));
	assert_null(one(&f, "\" abc \""));
	assert_null(one(&f, "\"a b\"")); /* inner space counts */
	assert_non_null(one(&req1, "\"   \""));
	assert_non_null(one(&req1, "\" \\t\\r\\n \""));
	assert_null(one(&req1, "\" x \""));
}

static void test_fields__string_rejects_other_types(void **state)
{
	static const struct field f = { "v", FIELD_STRING, 0, 0, 10, NULL };
	static const char *const bad[] = { "5",	 "true", "false",
					   "[]", "{}",	 "1.5" };

	(void)state;
	for (size_t i = 0; i < N(bad); i++)
		assert_string_equal(one(&f, bad[i]), "must be a string");
	assert_null(one(&f, "\"\"")); /* min 0 allows the empty string */
}

/* FIELD_BOOL */

static void test_fields__bool_accepts_only_booleans(void **state)
{
	static const struct field f = { "v", FIELD_BOOL, 0, 0, 0, NULL };
	static const char *const ok[] = { "true", "false" };
	static const char *const bad[] = { "0",		"1",  "\"true\"",
					   "\"false\"", "[]", "{}" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "1"), "must be true or false");
}

/* FIELD_INT */

static void test_fields__int_in_range(void **state)
{
	static const struct field f = { "v", FIELD_INT, 0, -5, 100, NULL };
	static const char *const ok[] = { "-5", "0", "100", "42" };
	static const char *const bad[] = { "-6",
					   "101",
					   "1.0",
					   "1.5",
					   "\"5\"",
					   "true",
					   "[1]",
					   "9223372036854775807",
					   "-9223372036854775808" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "101"),
			    "must be a whole number from -5 to 100");
	assert_string_equal(one(&f, "\"5\""),
			    "must be a whole number from -5 to 100");
}

/* FIELD_ID */

static void test_fields__id_is_1_to_18_digits(void **state)
{
	static const struct field f = { "v", FIELD_ID, 0, 0, 0, NULL };
	static const char *const ok[] = { "\"1\"", "\"42\"",
					  "\"123456789012345678\"" };
	static const char *const bad[] = {
		"\"\"",	   "\"1234567890123456789\"",
		"\"12a\"", "\"-1\"",
		"\" 1\"",  "\"1 \"",
		"\"+1\"",  "\"1.0\"",
		"1",	   "true",
		"[\"1\"]", "\"\xd9\xa1\"", /* Arabic-Indic digit one */
	};

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "1"), "must be an id (a string of digits)");
}

/* FIELD_EMAIL */

static void test_fields__email_needs_local_at_domain(void **state)
{
	static const struct field f = { "v", FIELD_EMAIL, 0, 0, 0, NULL };
	static const char *const ok[] = {
		"\"a@b\"",
		"\"anna.schmidt@musterstadt.example\"",
		"\"j\xc3\xb6rg@m\xc3\xbcnchen.example\"",
	};
	static const char *const bad[] = {
		"\"\"",	      "\"ab\"",	    "\"@b\"",	 "\"a@\"",
		"\"a@b@c\"",  "\"a b@c\"",  "\"a@b c\"", "\"a@b\\n\"",
		"\"a@b\\t\"", "\"\\ra@b\"", "\"@\"",	 "5",
		"true",	      "[\"a@b\"]",
	};

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "\"ab\""), "must be an email address");
}

static void test_fields__email_at_most_254_bytes(void **state)
{
	static const struct field f = { "v", FIELD_EMAIL, 0, 0, 0, NULL };
	char body[300];

	(void)state;
	/* "a@" + 252 x "d": 254 bytes */
	memset(body, 'd', sizeof(body));
	memcpy(body, "\"a@", 3);
	memcpy(body + 1 + 254, "\"", 2);
	assert_int_equal(strlen(body), 256);
	assert_null(one(&f, body));
	memcpy(body + 1 + 254, "d\"", 3);
	assert_non_null(one(&f, body));
}

/* FIELD_AGS */

static void test_fields__ags_is_8_digits(void **state)
{
	static const struct field f = { "v", FIELD_AGS, 0, 0, 0, NULL };
	static const char *const ok[] = { "\"09162000\"", "\"05999004\"",
					  "\"00000000\"" };
	static const char *const bad[] = {
		"\"0916200\"",	"\"091620000\"",  "\"0916200a\"",
		"\" 9162000\"", "\"\"",		  "9162000",
		"true",		"[\"09162000\"]",
	};
	const char *m;

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	m = one(&f, "\"0916200\"");
	assert_non_null(strstr(m, "8-digit"));
}

/* FIELD_ENUM */

static void test_fields__enum_one_of_values(void **state)
{
	static const struct field f = { "v", FIELD_ENUM, 0, 0, 0, colours };
	static const char *const ok[] = { "\"red\"", "\"green\"", "\"blue\"" };
	static const char *const bad[] = { "\"Red\"",  "\"\"", "\"purple\"",
					   "\"red \"", "1",    "true",
					   "[\"red\"]" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "\"purple\""),
			    "must be one of red, green, blue");
	assert_string_equal(one(&f, "1"), "must be one of red, green, blue");
}

static void test_fields__enum_message_of_many_values_is_cut_safely(void **state)
{
	static char names[40][32];
	static const char *values[41];
	struct field f = { "v", FIELD_ENUM, 0, 0, 0, values };
	const char *m;

	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(names[i], sizeof(names[i]), "value-number-%02d", i);
		values[i] = names[i];
	}
	values[40] = NULL;
	assert_null(one(&f, "\"value-number-39\""));
	m = one(&f, "\"nope\"");
	assert_non_null(m);
	assert_true(strncmp(m, "must be one of value-number-00, ", 32) == 0);
	assert_true(strlen(m) < 256);
}

/* FIELD_ENUMS */

static void test_fields__enums_distinct_values_in_range(void **state)
{
	static const struct field f = { "v", FIELD_ENUMS, 0, 1, 2, colours };
	static const char *const ok[] = { "[\"red\"]", "[\"red\",\"blue\"]",
					  "[\"blue\",\"red\"]" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), NULL, 0);
	assert_string_equal(one(&f, "[]"), "must be a list of 1 to 2 values");
	assert_string_equal(one(&f, "[\"red\",\"green\",\"blue\"]"),
			    "must be a list of 1 to 2 values");
	assert_string_equal(one(&f, "\"red\""),
			    "must be a list of 1 to 2 values");
	assert_string_equal(one(&f, "{}"), "must be a list of 1 to 2 values");
	assert_string_equal(one(&f, "[\"red\",\"red\"]"),
			    "must not repeat a value");
	assert_string_equal(one(&f, "[\"red\",\"purple\"]"),
			    "must be one of red, green, blue");
	assert_string_equal(one(&f, "[\"red\",1]"),
			    "must be one of red, green, blue");
	assert_string_equal(one(&f, "[null]"),
			    "must be one of red, green, blue");
}

static void test_fields__enums_repeat_found_beyond_neighbours(void **state)
{
	static const struct field f = { "v", FIELD_ENUMS, 0, 0, 3, colours };

	(void)state;
	assert_string_equal(one(&f, "[\"red\",\"green\",\"red\"]"),
			    "must not repeat a value");
	assert_null(one(&f, "[]")); /* min 0 */
}

/* FIELD_ARRAY */

static void test_fields__array_item_count_in_range(void **state)
{
	static const struct field f = { "v", FIELD_ARRAY, 0, 1, 3, NULL };
	static const char *const ok[] = { "[1]", "[1,\"a\",{}]",
					  "[null,null]" };
	static const char *const bad[] = { "[]", "[1,2,3,4]", "{}", "\"x\"",
					   "1" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "[]"), "must be a list of 1 to 3 items");
}

/* required, nullable, unknown */

static const struct field resource[] = {
	{ "title", FIELD_STRING, FIELD_REQUIRED, 3, 10, NULL },
	{ "note", FIELD_STRING, FIELD_NULLABLE, 0, 5, NULL },
	{ "active", FIELD_BOOL, 0, 0, 0, NULL },
	{ "count", FIELD_INT, 0, 0, 10, NULL },
	{ "parent_id", FIELD_ID, FIELD_REQUIRED | FIELD_NULLABLE, 0, 0, NULL },
	{ "colour", FIELD_ENUM, 0, 0, 0, colours },
};

static void test_fields__required_only_when_creating(void **state)
{
	json_t *errs;
	int count;

	(void)state;
	errs = check("{}", "", resource, N(resource), 1, &count);
	assert_int_equal(count, 2);
	assert_string_equal(message_at(errs, "/title"), "is required");
	assert_string_equal(message_at(errs, "/parent_id"), "is required");
	json_decref(errs);

	errs = check("{}", "", resource, N(resource), 0, &count);
	assert_int_equal(count, 0);
	json_decref(errs);

	errs = check("{\"title\":\"abc\",\"parent_id\":\"7\"}", "", resource,
		     N(resource), 1, &count);
	assert_int_equal(count, 0);
	json_decref(errs);
}

static void test_fields__null_only_where_nullable(void **state)
{
	json_t *errs;
	int count;

	(void)state;
	errs = check("{\"title\":\"abc\",\"note\":null,\"parent_id\":null}", "",
		     resource, N(resource), 1, &count);
	assert_int_equal(count, 0); /* present as null satisfies required */
	json_decref(errs);

	errs = check("{\"title\":null,\"active\":null,\"count\":null}", "",
		     resource, N(resource), 0, &count);
	assert_int_equal(count, 3);
	assert_string_equal(message_at(errs, "/title"), "must not be null");
	assert_string_equal(message_at(errs, "/active"), "must not be null");
	assert_string_equal(message_at(errs, "/count"), "must not be null");
	json_decref(errs);
}

static void test_fields__unknown_member_reported_with_pointer(void **state)
{
	json_t *errs;
	int count;

	(void)state;
	errs = check("{\"title\":\"abc\",\"colour_x\":\"red\",\"Title\":1}", "",
		     resource, N(resource), 0, &count);
	assert_int_equal(count, 2);
	assert_string_equal(message_at(errs, "/colour_x"),
			    "is not a field of this resource");
	assert_string_equal(message_at(errs, "/Title"),
			    "is not a field of this resource");
	json_decref(errs);

	/* a name needing JSON escapes stays valid JSON */
	errs = check("{\"a\\\"b\\\\c\":1}", "", resource, N(resource), 0,
		     &count);
	assert_int_equal(count, 1);
	assert_string_equal(message_at(errs, "/a\"b\\c"),
			    "is not a field of this resource");
	json_decref(errs);

	/* RFC 6901: "~" and "/" in a name are escaped as ~0 and ~1 */
	errs = check("{\"a/b\":1,\"c~d\":2}", "", resource, N(resource), 0,
		     &count);
	assert_int_equal(count, 2);
	assert_non_null(message_at(errs, "/a~1b"));
	assert_non_null(message_at(errs, "/c~0d"));
	json_decref(errs);
}

static void test_fields__several_errors_at_once(void **state)
{
	json_t *errs;
	int count;

	(void)state;
	errs = check("{\"title\":\"a\",\"note\":\"toolong\",\"active\":\"yes\","
		     "\"count\":11,\"colour\":\"pink\",\"extra\":true}",
		     "", resource, N(resource), 1, &count);
	assert_int_equal(count, 7);
	assert_string_equal(message_at(errs, "/title"),
			    "must have 3 to 10 characters");
	assert_string_equal(message_at(errs, "/note"),
			    "must have 0 to 5 characters");
	assert_string_equal(message_at(errs, "/active"),
			    "must be true or false");
	assert_string_equal(message_at(errs, "/count"),
			    "must be a whole number from 0 to 10");
	assert_string_equal(message_at(errs, "/colour"),
			    "must be one of red, green, blue");
	assert_string_equal(message_at(errs, "/extra"),
			    "is not a field of this resource");
	assert_string_equal(message_at(errs, "/parent_id"), "is required");
	json_decref(errs);
}

static void test_fields__valid_body_has_no_errors(void **state)
{
	struct sbuf errs = { 0 };
	json_t *obj = json_loads("{\"title\":\"Ölsdorf\",\"note\":\"n\","
				 "\"active\":false,\"count\":0,"
				 "\"parent_id\":\"1\",\"colour\":\"blue\"}",
				 0, NULL);

	(void)state;
	assert_non_null(obj);
	assert_int_equal(
		fields_check_object(obj, "", resource, N(resource), 1, &errs),
		0);
	assert_int_equal(errs.len, 0);
	json_decref(obj);
	sbuf_free(&errs);
}

/* nesting */

static void test_fields__nested_pointers_carry_prefix(void **state)
{
	json_t *errs;
	int count;

	(void)state;
	errs = check("{\"title\":\"a\",\"x\":1}", "/memberships/0", resource,
		     N(resource), 1, &count);
	assert_int_equal(count, 3);
	assert_string_equal(message_at(errs, "/memberships/0/title"),
			    "must have 3 to 10 characters");
	assert_string_equal(message_at(errs, "/memberships/0/x"),
			    "is not a field of this resource");
	assert_string_equal(message_at(errs, "/memberships/0/parent_id"),
			    "is required");
	assert_null(message_at(errs, "/title"));
	json_decref(errs);
}

static void test_fields__errors_of_several_objects_append(void **state)
{
	struct sbuf errs = { 0 };
	json_t *a = json_loads("{\"title\":1}", 0, NULL);
	json_t *b = json_loads("{\"count\":-1}", 0, NULL);
	json_t *arr;
	char *text;

	(void)state;
	assert_int_equal(fields_check_object(a, "/items/0", resource,
					     N(resource), 0, &errs),
			 1);
	assert_int_equal(fields_check_object(b, "/items/1", resource,
					     N(resource), 0, &errs),
			 1);
	assert_true(asprintf(&text, "[%s]", errs.p) > 0);
	arr = json_loads(text, 0, NULL);
	assert_non_null(arr);
	assert_int_equal(json_array_size(arr), 2);
	assert_string_equal(message_at(arr, "/items/0/title"),
			    "must be a string");
	assert_string_equal(message_at(arr, "/items/1/count"),
			    "must be a whole number from 0 to 10");
	json_decref(arr);
	free(text);
	json_decref(a);
	json_decref(b);
	sbuf_free(&errs);
}

static void test_fields__non_object_is_one_error(void **state)
{
	static const char *const bodies[] = { "[]", "[{}]", "\"x\"",
					      "1",  "true", "null" };
	json_t *errs;
	int count;

	(void)state;
	for (size_t i = 0; i < N(bodies); i++) {
		errs = check(bodies[i], "", resource, N(resource), 1, &count);
		assert_int_equal(count, 1);
		assert_string_equal(message_at(errs, ""), "must be an object");
		json_decref(errs);
	}
	errs = check("[]", "/memberships/2", resource, N(resource), 1, &count);
	assert_int_equal(count, 1);
	assert_string_equal(message_at(errs, "/memberships/2"),
			    "must be an object");
	json_decref(errs);
}

static void test_fields__missing_object_is_one_error(void **state)
{
	struct sbuf errs = { 0 };

	(void)state;
	assert_int_equal(fields_check_object(NULL, "/x", resource, N(resource),
					     1, &errs),
			 1);
	assert_string_equal(errs.p,
			    "{\"pointer\":\"/x\",\"message\":\"must be an "
			    "object\"}");
	sbuf_free(&errs);
}

/* fields_add_error */

static void test_fields__add_error_joins_with_commas_and_escapes(void **state)
{
	struct sbuf errs = { 0 };

	(void)state;
	fields_add_error(&errs, "/a", "m");
	assert_string_equal(errs.p, "{\"pointer\":\"/a\",\"message\":\"m\"}");
	fields_add_error(&errs, "/b\"", "say \"no\"\n");
	assert_string_equal(errs.p, "{\"pointer\":\"/a\",\"message\":\"m\"},"
				    "{\"pointer\":\"/b\\\"\",\"message\":\"say "
				    "\\\"no\\\"\\n\"}");
	sbuf_free(&errs);
}

/* fields_check without errors sends nothing */

static void test_fields__check_returns_0_for_valid_body(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.json = json_loads("{\"title\":\"abc\",\"parent_id\":\"9\"}", 0, NULL);
	assert_int_equal(fields_check(&r, resource, N(resource), 1), 0);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.sent, 0);
	json_decref(r.json);
}

/* field_param, field_present */

static void test_fields__param_renders_each_type(void **state)
{
	struct req r;
	char buf[64];

	(void)state;
	memset(&r, 0, sizeof(r));
	r.json = json_loads("{\"s\":\"Ölsdorf\",\"t\":true,\"f\":false,"
			    "\"i\":42,\"n\":-7,\"a\":[\"x\",1],\"o\":{\"k\":"
			    "null},\"z\":null,\"e\":\"\"}",
			    0, NULL);
	assert_non_null(r.json);
	assert_string_equal(field_param(&r, "s", buf, sizeof(buf)),
			    "\xc3\x96lsdorf");
	assert_string_equal(field_param(&r, "t", buf, sizeof(buf)), "true");
	assert_string_equal(field_param(&r, "f", buf, sizeof(buf)), "false");
	assert_string_equal(field_param(&r, "i", buf, sizeof(buf)), "42");
	assert_string_equal(field_param(&r, "n", buf, sizeof(buf)), "-7");
	assert_string_equal(field_param(&r, "a", buf, sizeof(buf)),
			    "[\"x\",1]");
	assert_string_equal(field_param(&r, "o", buf, sizeof(buf)),
			    "{\"k\":null}");
	assert_string_equal(field_param(&r, "e", buf, sizeof(buf)), "");
	assert_null(field_param(&r, "z", buf, sizeof(buf)));
	assert_null(field_param(&r, "missing", buf, sizeof(buf)));
	/* strings and booleans need no buffer */
	assert_string_equal(field_param(&r, "s", NULL, 0), "\xc3\x96lsdorf");
	assert_string_equal(field_param(&r, "t", NULL, 0), "true");
	json_decref(r.json);
}

static void test_fields__present_even_as_null(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.json = json_loads("{\"z\":null,\"a\":1}", 0, NULL);
	assert_true(field_present(&r, "z"));
	assert_true(field_present(&r, "a"));
	assert_false(field_present(&r, "b"));
	json_decref(r.json);
}

/* FIELD_DATE */

static void test_fields__date_is_a_calendar_date(void **state)
{
	static const struct field f = { "v", FIELD_DATE, 0, 0, 0, NULL };
	static const char *const ok[] = { "\"2026-11-21\"", "\"2024-02-29\"",
					  "\"2000-02-29\"", "\"1999-12-31\"" };
	static const char *const bad[] = { "\"2026-02-29\"",
					   "\"1900-02-29\"",
					   "\"2026-13-01\"",
					   "\"2026-04-31\"",
					   "\"2026-00-10\"",
					   "\"2026-1-01\"",
					   "\"2026-11-21T10:00:00Z\"",
					   "\"21.11.2026\"",
					   "20261121",
					   "\"\"",
					   "\"0999-01-01\"" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "\"2026-02-30\""),
			    "must be a date (YYYY-MM-DD)");
}

static void test_fields__date_prefix_allows_a_time(void **state)
{
	(void)state;
	assert_true(date_valid_prefix("2026-11-21T10:00:00+01:00"));
	assert_true(date_valid_prefix("2026-11-21 10:00:00.5+01"));
	assert_false(date_valid_prefix("2026-11-31T10:00:00+01:00"));
	assert_false(date_valid_prefix("2026-11"));
	assert_false(date_valid("2026-11-21T10:00:00Z"));
}

static void test_fields__datetime_checks_each_part(void **state)
{
	static const char *const ok[] = {
		"2026-11-21",
		"2026-11-21T10:00",
		"2026-11-21T10:00:59Z",
		"2026-11-21 18:54:51.843747+01",
		"2026-11-21T23:59:60.5-05:30",
		"2026-11-21T00:00:00+0100",
	};
	static const char *const bad[] = {
		"2026-01-01T25:61:00Z",
		"2026-01-01T99:99:99Z",
		"2026-01-01T10:60",
		"2026-02-30T10:00",
		"2026-01-01T10",
		"2026-01-01T10:00:00X",
		"2026-01-01T10:00:00.",
		"2026-01-01T10:00:00+1",
		"2026-01-01T10:00:00+01:0",
		"2026-01-01T10:00:00Zx",
		"2026-01-01X10:00",
		"",
	};

	(void)state;
	for (size_t i = 0; i < N(ok); i++)
		if (!datetime_valid(ok[i]))
			fail_msg("%s rejected", ok[i]);
	for (size_t i = 0; i < N(bad); i++)
		if (datetime_valid(bad[i]))
			fail_msg("%s accepted", bad[i]);
}

/* FIELD_NUMBER */

static void test_fields__number_in_range(void **state)
{
	static const struct field f = { "v", FIELD_NUMBER, 0, -5, 1000, NULL };
	static const char *const ok[] = { "0", "999.99", "-5", "-4.5", "1e2" };
	static const char *const bad[] = { "1000", "1000.01", "-5.5", "\"12\"",
					   "true", "[1]",     "1e4" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "\"1\""),
			    "must be a number from -5 to less than 1000");
}

/* FIELD_IDS */

static void test_fields__ids_distinct_digits_in_range(void **state)
{
	static const struct field f = { "v", FIELD_IDS, 0, 0, 2, NULL };
	static const char *const ok[] = { "[]", "[\"1\"]", "[\"1\",\"22\"]" };
	static const char *const bad[] = { "[\"1\",\"1\"]",
					   "[1]",
					   "[\"x\"]",
					   "[\"\"]",
					   "[\"1\",\"2\",\"3\"]",
					   "\"1\"",
					   "[\"1234567890123456789\"]" };

	(void)state;
	accepts_rejects(&f, ok, N(ok), bad, N(bad));
	assert_string_equal(one(&f, "[\"1\",\"1\"]"), "must not repeat an id");
	assert_string_equal(one(&f, "[\"1\",\"2\",\"3\"]"),
			    "must be a list of 0 to 2 ids");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields__string_length_in_range),
		cmocka_unit_test(
			test_fields__string_counts_characters_not_bytes),
		cmocka_unit_test(test_fields__string_minimum_is_trimmed),
		cmocka_unit_test(test_fields__string_rejects_other_types),
		cmocka_unit_test(test_fields__bool_accepts_only_booleans),
		cmocka_unit_test(test_fields__int_in_range),
		cmocka_unit_test(test_fields__id_is_1_to_18_digits),
		cmocka_unit_test(test_fields__email_needs_local_at_domain),
		cmocka_unit_test(test_fields__email_at_most_254_bytes),
		cmocka_unit_test(test_fields__ags_is_8_digits),
		cmocka_unit_test(test_fields__enum_one_of_values),
		cmocka_unit_test(
			test_fields__enum_message_of_many_values_is_cut_safely),
		cmocka_unit_test(test_fields__enums_distinct_values_in_range),
		cmocka_unit_test(
			test_fields__enums_repeat_found_beyond_neighbours),
		cmocka_unit_test(test_fields__array_item_count_in_range),
		cmocka_unit_test(test_fields__required_only_when_creating),
		cmocka_unit_test(test_fields__null_only_where_nullable),
		cmocka_unit_test(
			test_fields__unknown_member_reported_with_pointer),
		cmocka_unit_test(test_fields__several_errors_at_once),
		cmocka_unit_test(test_fields__valid_body_has_no_errors),
		cmocka_unit_test(test_fields__nested_pointers_carry_prefix),
		cmocka_unit_test(test_fields__errors_of_several_objects_append),
		cmocka_unit_test(test_fields__non_object_is_one_error),
		cmocka_unit_test(test_fields__missing_object_is_one_error),
		cmocka_unit_test(
			test_fields__add_error_joins_with_commas_and_escapes),
		cmocka_unit_test(test_fields__check_returns_0_for_valid_body),
		cmocka_unit_test(test_fields__param_renders_each_type),
		cmocka_unit_test(test_fields__present_even_as_null),
		cmocka_unit_test(test_fields__date_is_a_calendar_date),
		cmocka_unit_test(test_fields__date_prefix_allows_a_time),
		cmocka_unit_test(test_fields__datetime_checks_each_part),
		cmocka_unit_test(test_fields__number_in_range),
		cmocka_unit_test(test_fields__ids_distinct_digits_in_range),
	};

	return cmocka_run_group_tests_name("test_fields", tests, NULL, NULL);
}
