/* test_cursor.c: encoding and strict decoding of keyset cursors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "b64.h"
#include "cursor.h"

/* A cursor made of raw bytes, as a forger would make one. */
static char *forge(const char *json, size_t n)
{
	return b64url_encode((const unsigned char *)json, n);
}

static void assert_keys_null(char **keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_null(keys[i]);
}

/* Decodes a forged cursor expecting rejection and all keys NULL. */
static void assert_forged_rejected(const char *json, size_t len, size_t n)
{
	char *keys[CURSOR_MAX_KEYS];
	char *c = forge(json, len);

	for (size_t i = 0; i < CURSOR_MAX_KEYS; i++)
		keys[i] = (char *)(uintptr_t)0x1; /* must be overwritten */
	assert_int_equal(cursor_decode(c, keys, n), API_EINVAL);
	assert_keys_null(keys, n);
	free(c);
}

static void test_cursor__round_trips_keys(void **state)
{
	const char *in[] = { "2024-05-01T10:00:00Z", "42" };
	char *keys[2];
	char *c;

	(void)state;
	c = cursor_encode(in, 2);
	assert_non_null(c);
	assert_int_equal(cursor_decode(c, keys, 2), 0);
	assert_string_equal(keys[0], in[0]);
	assert_string_equal(keys[1], in[1]);
	cursor_keys_free(keys, 2);
	assert_null(keys[0]);
	assert_null(keys[1]);
	free(c);
}

static void test_cursor__round_trips_unicode_and_quotes(void **state)
{
	const char *in[] = { "\xc3\x96lsdorf", "say \"hi\"\\ \t\n", "" };
	char *keys[3];
	char *c;

	(void)state;
	c = cursor_encode(in, 3);
	assert_int_equal(cursor_decode(c, keys, 3), 0);
	assert_string_equal(keys[0], "\xc3\x96lsdorf");
	assert_string_equal(keys[1], "say \"hi\"\\ \t\n");
	assert_string_equal(keys[2], "");
	cursor_keys_free(keys, 3);
	free(c);
}

static void test_cursor__is_url_safe_without_padding(void **state)
{
	const char *in[] = { "\xff\xfe?>~~", "\"" };
	char *c;

	(void)state;
	c = cursor_encode(in, 2);
	assert_null(strpbrk(c, "+/=%&?# "));
	free(c);
}

static void test_cursor__encodes_as_base64url_json_array(void **state)
{
	const char *in[] = { "a", "b" };
	char *c;
	unsigned char *raw;
	size_t n;

	(void)state;
	c = cursor_encode(in, 2);
	raw = b64url_decode(c, &n);
	assert_non_null(raw);
	assert_int_equal(n, 9);
	assert_string_equal((char *)raw, "[\"a\",\"b\"]");
	free(raw);
	free(c);
}

static void test_cursor__rejects_null_and_empty(void **state)
{
	char *keys[1] = { NULL };

	(void)state;
	assert_int_equal(cursor_decode(NULL, keys, 1), API_EINVAL);
	assert_null(keys[0]);
	assert_int_equal(cursor_decode("", keys, 1), API_EINVAL);
	assert_null(keys[0]);
}

static void test_cursor__rejects_garbage(void **state)
{
	char *keys[1];

	(void)state;
	assert_int_equal(cursor_decode("not a cursor!", keys, 1), API_EINVAL);
	assert_null(keys[0]);
	assert_int_equal(cursor_decode("WyJhIl0=", keys, 1), API_EINVAL);
	assert_int_equal(cursor_decode("W", keys, 1), API_EINVAL);
}

static void test_cursor__rejects_valid_base64_of_non_json(void **state)
{
	(void)state;
	assert_forged_rejected("hello world", 11, 1);
	assert_forged_rejected("[\"a\"", 4, 1);
	assert_forged_rejected("[\"a\"] x", 7, 1);
}

static void test_cursor__rejects_json_that_is_not_an_array(void **state)
{
	(void)state;
	assert_forged_rejected("{\"a\":\"b\"}", 9, 1);
	assert_forged_rejected("\"a\"", 3, 1);
	assert_forged_rejected("{}", 2, 0);
}

static void test_cursor__rejects_wrong_key_count(void **state)
{
	const char *in[] = { "a", "b" };
	char *keys[3];
	char *c;

	(void)state;
	c = cursor_encode(in, 2);
	assert_int_equal(cursor_decode(c, keys, 1), API_EINVAL);
	assert_keys_null(keys, 1);
	assert_int_equal(cursor_decode(c, keys, 3), API_EINVAL);
	assert_keys_null(keys, 3);
	free(c);
}

static void test_cursor__rejects_non_string_keys(void **state)
{
	(void)state;
	assert_forged_rejected("[1]", 3, 1);
	assert_forged_rejected("[null]", 6, 1);
	assert_forged_rejected("[true]", 6, 1);
	assert_forged_rejected("[[\"a\"]]", 7, 1);
	assert_forged_rejected("[{\"a\":\"b\"}]", 11, 1);
	/* the bad key comes last: the good one must not leak or survive */
	assert_forged_rejected("[\"a\",2]", 7, 2);
}

static void test_cursor__rejects_embedded_nul_in_key(void **state)
{
	static const char json[] = "[\"a\\u0000b\"]";

	(void)state;
	assert_forged_rejected(json, sizeof(json) - 1, 1);
}

static void test_cursor__rejects_invalid_utf8_key(void **state)
{
	static const char json[] = "[\"\xc3\"]";

	(void)state;
	assert_forged_rejected(json, sizeof(json) - 1, 1);
}

static void test_cursor__accepts_length_of_exactly_max(void **state)
{
	/* 764 key bytes + [""] = 768 JSON bytes = 1024 base64 chars */
	char key[765];
	const char *in[] = { key };
	char *keys[1];
	char *c;

	(void)state;
	memset(key, 'k', 764);
	key[764] = '\0';
	c = cursor_encode(in, 1);
	assert_int_equal(strlen(c), CURSOR_MAX_LEN);
	assert_int_equal(cursor_decode(c, keys, 1), 0);
	assert_string_equal(keys[0], key);
	cursor_keys_free(keys, 1);
	free(c);
}

static void test_cursor__rejects_length_over_max(void **state)
{
	char key[766];
	const char *in[] = { key };
	char *keys[1];
	char *c;

	(void)state;
	memset(key, 'k', 765);
	key[765] = '\0';
	c = cursor_encode(in, 1);
	assert_true(strlen(c) > CURSOR_MAX_LEN);
	assert_int_equal(cursor_decode(c, keys, 1), API_EINVAL);
	assert_null(keys[0]);
	free(c);
}

static void test_cursor__zero_keys_round_trip(void **state)
{
	char *c;
	char *keys[1] = { NULL };

	(void)state;
	c = cursor_encode(NULL, 0);
	assert_string_equal(c, "W10"); /* "[]" */
	assert_int_equal(cursor_decode(c, keys, 0), 0);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor__round_trips_keys),
		cmocka_unit_test(test_cursor__round_trips_unicode_and_quotes),
		cmocka_unit_test(test_cursor__is_url_safe_without_padding),
		cmocka_unit_test(test_cursor__encodes_as_base64url_json_array),
		cmocka_unit_test(test_cursor__rejects_null_and_empty),
		cmocka_unit_test(test_cursor__rejects_garbage),
		cmocka_unit_test(test_cursor__rejects_valid_base64_of_non_json),
		cmocka_unit_test(
			test_cursor__rejects_json_that_is_not_an_array),
		cmocka_unit_test(test_cursor__rejects_wrong_key_count),
		cmocka_unit_test(test_cursor__rejects_non_string_keys),
		cmocka_unit_test(test_cursor__rejects_embedded_nul_in_key),
		cmocka_unit_test(test_cursor__rejects_invalid_utf8_key),
		cmocka_unit_test(test_cursor__accepts_length_of_exactly_max),
		cmocka_unit_test(test_cursor__rejects_length_over_max),
		cmocka_unit_test(test_cursor__zero_keys_round_trip),
	};

	return cmocka_run_group_tests_name("test_cursor", tests, NULL, NULL);
}
