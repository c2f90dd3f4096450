/*
 * test_password.c: the policy for new passwords (password.c): at least
 * PASSWORD_MIN_CHARS characters, counted as characters, and at most
 * PASSWORD_MAX_LEN bytes. Hashing is left to the API tests (Argon2id with
 * 19 MiB per hash is slow under the sanitizers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "password.h"

/* n copies of s, NUL-terminated, into buf (which must be large enough). */
static const char *repeat(char *buf, const char *s, int n)
{
	size_t len = strlen(s);

	for (int i = 0; i < n; i++)
		memcpy(buf + (size_t)i * len, s, len);
	buf[(size_t)n * len] = '\0';
	return buf;
}

static void test_password__policy_needs_12_characters(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(PASSWORD_MIN_CHARS, 12);
	assert_int_equal(password_policy_check(repeat(buf, "a", 12)), 0);
	assert_int_equal(password_policy_check(repeat(buf, "a", 11)), -1);
	assert_int_equal(password_policy_check(""), -1);
	assert_int_equal(password_policy_check("Teilhabe-Demo-2026"), 0);
}

static void test_password__policy_counts_characters_not_bytes(void **state)
{
	char buf[64];

	(void)state;
	/* 12 x "ä" (24 bytes) passes; 11 x "ä" (22 bytes) does not */
	assert_int_equal(password_policy_check(repeat(buf, "\xc3\xa4", 12)), 0);
	assert_int_equal(password_policy_check(repeat(buf, "\xc3\xa4", 11)),
			 -1);
	/* 11 x "😀" is 44 bytes, still 11 characters */
	assert_int_equal(
		password_policy_check(repeat(buf, "\xf0\x9f\x98\x80", 11)), -1);
	assert_int_equal(
		password_policy_check(repeat(buf, "\xf0\x9f\x98\x80", 12)), 0);
}

static void test_password__policy_caps_bytes(void **state)
{
	char buf[PASSWORD_MAX_LEN * 2 + 8];

	(void)state;
	assert_int_equal(PASSWORD_MAX_LEN, 256);
	assert_int_equal(password_policy_check(repeat(buf, "a", 256)), 0);
	assert_int_equal(password_policy_check(repeat(buf, "a", 257)), -1);
	/* the cap is in bytes: 128 x "ä" is 256 bytes, 129 x is 258 */
	assert_int_equal(password_policy_check(repeat(buf, "\xc3\xa4", 128)),
			 0);
	assert_int_equal(password_policy_check(repeat(buf, "\xc3\xa4", 129)),
			 -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password__policy_needs_12_characters),
		cmocka_unit_test(
			test_password__policy_counts_characters_not_bytes),
		cmocka_unit_test(test_password__policy_caps_bytes),
	};

	return cmocka_run_group_tests_name("test_password", tests, NULL, NULL);
}
