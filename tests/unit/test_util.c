/*
 * test_util.c: parse_long, JSON string escaping and the string buffer
 * (util.c), and sha256_hex (migrate.c).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "migrate.h"
#include "util.h"

/* utf8_length */

static void test_util__utf8_length_counts_characters(void **state)
{
	(void)state;
	assert_int_equal(utf8_length(""), 0);
	assert_int_equal(utf8_length("abc"), 3);
	assert_int_equal(utf8_length("Gr\xc3\xbc\xc3\x9f"), 4); /* Grüß */
	assert_int_equal(utf8_length("\xe2\x82\xac"), 1);	/* € */
	assert_int_equal(utf8_length("\xf0\x9f\x98\x80"), 1);	/* U+1F600 */
}

static void test_util__text_valid_counts_characters(void **state)
{
	(void)state;
	assert_true(text_valid("a", 3));
	/* Grüß: 4 characters in 6 bytes; Grüße: 5 */
	assert_true(text_valid("Gr\xc3\xbc\xc3\x9f", 4));
	assert_false(text_valid("Gr\xc3\xbc\xc3\x9f"
				"e",
				4));
	assert_false(text_valid("", 3));
	assert_false(text_valid("\xff", 3));
}

static void test_util__utf8_length_refuses_invalid(void **state)
{
	static const char *const bad[] = {
		"\x80",		    /* a continuation byte alone */
		"\xc3",		    /* cut short */
		"\xc3\x28",	    /* not a continuation */
		"\xc0\xaf",	    /* overlong '/' */
		"\xe0\x80\xaf",	    /* overlong, three bytes */
		"\xed\xa0\x80",	    /* a surrogate */
		"\xf4\x90\x80\x80", /* past U+10FFFF */
		"\xff",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (utf8_length(bad[i]) != -1)
			fail_msg("invalid UTF-8 #%zu accepted", i);
}

/* parse_long */

static void test_util__parse_long_accepts_in_range(void **state)
{
	long v = -7;

	(void)state;
	assert_int_equal(parse_long("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_long("10", 0, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_long("-5", -5, 5, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(parse_long("007", 0, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(parse_long("9223372036854775807", 0, LONG_MAX, &v), 0);
	assert_true(v == LONG_MAX);
}

static void test_util__parse_long_rejects_out_of_range(void **state)
{
	long v = 42;

	(void)state;
	assert_int_equal(parse_long("11", 0, 10, &v), -1);
	assert_int_equal(parse_long("-1", 0, 10, &v), -1);
	assert_int_equal(parse_long("0", 1, 10, &v), -1);
	assert_int_equal(v, 42); /* untouched on failure */
}

static void test_util__parse_long_rejects_overflow(void **state)
{
	long v = 42;

	(void)state;
	assert_int_equal(
		parse_long("9223372036854775808", LONG_MIN, LONG_MAX, &v), -1);
	assert_int_equal(
		parse_long("-9223372036854775809", LONG_MIN, LONG_MAX, &v), -1);
	assert_int_equal(
		parse_long("99999999999999999999999", LONG_MIN, LONG_MAX, &v),
		-1);
	assert_int_equal(v, 42);
}

static void test_util__parse_long_rejects_junk(void **state)
{
	static const char *const bad[] = {
		"",    " 1",  "1 ",   "+1",  "1x",  "x1",  "-",
		"1.0", "1e3", "0x10", "\t1", "--1", "1\n",
	};
	long v = 42;

	(void)state;
	assert_int_equal(parse_long(NULL, 0, 10, &v), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse_long(bad[i], LONG_MIN, LONG_MAX, &v),
				 -1);
	assert_int_equal(v, 42);
}

/* sbuf_add_json_str */

static char *json_str(const char *s)
{
	struct sbuf b = { 0 };

	sbuf_add_json_str(&b, s);
	return sbuf_take(&b);
}

static void assert_json_str(const char *in, const char *want)
{
	char *got = json_str(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_util__json_str_quotes_plain_text(void **state)
{
	(void)state;
	assert_json_str("", "\"\"");
	assert_json_str("abc", "\"abc\"");
	assert_json_str("\xc3\x96lsdorf", "\"\xc3\x96lsdorf\"");
}

static void test_util__json_str_escapes_quotes_and_backslash(void **state)
{
	(void)state;
	assert_json_str("a\"b", "\"a\\\"b\"");
	assert_json_str("a\\b", "\"a\\\\b\"");
	assert_json_str("\\\"", "\"\\\\\\\"\"");
	assert_json_str("/", "\"/\"");
}

static void test_util__json_str_escapes_control_chars(void **state)
{
	(void)state;
	assert_json_str("\n\r\t", "\"\\n\\r\\t\"");
	assert_json_str("\x01", "\"\\u0001\"");
	assert_json_str("\x08\x0c", "\"\\u0008\\u000c\"");
	assert_json_str("\x1f", "\"\\u001f\"");
	assert_json_str("\x7f", "\"\\u007f\"");
	assert_json_str(" ~", "\" ~\"");
}

static void test_util__json_str_output_parses_back(void **state)
{
	char in[128];
	char *out;
	json_t *j;

	(void)state;
	for (int i = 1; i < 128; i++)
		in[i - 1] = (char)i;
	in[127] = '\0';
	out = json_str(in);
	j = json_loads(out, JSON_DECODE_ANY, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(j), in);
	json_decref(j);
	free(out);
}

static void test_util__json_str_appends(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	sbuf_adds(&b, "[");
	sbuf_add_json_str(&b, "a");
	sbuf_adds(&b, ",");
	sbuf_add_json_str(&b, "b");
	sbuf_adds(&b, "]");
	assert_string_equal(b.p, "[\"a\",\"b\"]");
	assert_int_equal(b.len, 9);
	sbuf_free(&b);
}

/* sbuf */

static void test_util__sbuf_grows_past_initial_capacity(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	for (int i = 0; i < 1000; i++)
		sbuf_addf(&b, "%03d", i);
	assert_int_equal(b.len, 3000);
	assert_int_equal(strlen(b.p), 3000);
	assert_true(b.cap > 3000);
	assert_memory_equal(b.p + 2997, "999", 3);
	sbuf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	sbuf_free(&b);
	assert_null(b.p);
}

static void test_util__sbuf_take_of_empty_is_empty_string(void **state)
{
	struct sbuf b = { 0 };
	char *s;

	(void)state;
	s = sbuf_take(&b);
	assert_string_equal(s, "");
	free(s);
}

/* sha256_hex */

static void test_util__sha256_hex_of_abc(void **state)
{
	char out[65];

	(void)state;
	sha256_hex("abc", 3, out);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
}

static void test_util__sha256_hex_of_empty(void **state)
{
	char out[65];

	(void)state;
	sha256_hex("", 0, out);
	assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb924"
				 "27ae41e4649b934ca495991b7852b855");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__parse_long_accepts_in_range),
		cmocka_unit_test(test_util__parse_long_rejects_out_of_range),
		cmocka_unit_test(test_util__parse_long_rejects_overflow),
		cmocka_unit_test(test_util__parse_long_rejects_junk),
		cmocka_unit_test(test_util__json_str_quotes_plain_text),
		cmocka_unit_test(
			test_util__json_str_escapes_quotes_and_backslash),
		cmocka_unit_test(test_util__json_str_escapes_control_chars),
		cmocka_unit_test(test_util__json_str_output_parses_back),
		cmocka_unit_test(test_util__json_str_appends),
		cmocka_unit_test(test_util__sbuf_grows_past_initial_capacity),
		cmocka_unit_test(test_util__sbuf_take_of_empty_is_empty_string),
		cmocka_unit_test(test_util__sha256_hex_of_abc),
		cmocka_unit_test(test_util__sha256_hex_of_empty),
		cmocka_unit_test(test_util__utf8_length_counts_characters),
		cmocka_unit_test(test_util__utf8_length_refuses_invalid),
		cmocka_unit_test(test_util__text_valid_counts_characters),
	};

	return cmocka_run_group_tests_name("test_util", tests, NULL, NULL);
}
