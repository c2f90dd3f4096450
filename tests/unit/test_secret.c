/*
 * test_secret.c: random secrets, their SHA-256 as bytea text, and the
 * shape check for presented secrets (secret.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "b64.h"
#include "secret.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void assert_bytea_hex(const char *hex)
{
	assert_int_equal(strlen(hex), SECRET_HEX_LEN);
	assert_int_equal(hex[0], '\\');
	assert_int_equal(hex[1], 'x');
	for (size_t i = 2; i < SECRET_HEX_LEN; i++)
		assert_true((hex[i] >= '0' && hex[i] <= '9') ||
			    (hex[i] >= 'a' && hex[i] <= 'f'));
}

/* secret_hash */

static void test_secret__hash_is_sha256_as_bytea(void **state)
{
	char hex[SECRET_HEX_LEN + 1];

	(void)state;
	secret_hash("abc", hex);
	assert_string_equal(hex, "\\xba7816bf8f01cfea414140de5dae2223b00361a3"
				 "96177a9cb410ff61f20015ad");
	secret_hash("", hex);
	assert_string_equal(hex, "\\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4"
				 "649b934ca495991b7852b855");
	secret_hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    hex);
	assert_string_equal(hex, "\\x248d6a61d20638b8e5c026930c3e6039a33ce459"
				 "64ff2167f6ecedd419db06c1");
	assert_bytea_hex(hex);
}

static void test_secret__hash_writes_exactly_67_bytes(void **state)
{
	char hex[SECRET_HEX_LEN + 8];

	(void)state;
	memset(hex, '#', sizeof(hex));
	secret_hash("abc", hex);
	assert_int_equal(hex[SECRET_HEX_LEN], '\0');
	for (size_t i = SECRET_HEX_LEN + 1; i < sizeof(hex); i++)
		assert_int_equal(hex[i], '#');
}

/* secret_new */

static void test_secret__new_is_43_base64url_chars_of_32_bytes(void **state)
{
	char s[SECRET_LEN + 1], hex[SECRET_HEX_LEN + 1];
	unsigned char *raw;
	size_t n = 0;

	(void)state;
	assert_int_equal(secret_new(s, hex), 0);
	assert_int_equal(strlen(s), SECRET_LEN);
	assert_true(secret_valid(s));
	raw = b64url_decode(s, &n);
	assert_non_null(raw);
	assert_int_equal(n, 32);
	free(raw);
}

static void test_secret__new_hash_is_hash_of_secret(void **state)
{
	char s[SECRET_LEN + 1], hex[SECRET_HEX_LEN + 1];
	char again[SECRET_HEX_LEN + 1];

	(void)state;
	assert_int_equal(secret_new(s, hex), 0);
	assert_bytea_hex(hex);
	secret_hash(s, again);
	assert_string_equal(hex, again);
}

static void test_secret__new_secrets_differ(void **state)
{
	char a[SECRET_LEN + 1], ha[SECRET_HEX_LEN + 1];
	char b[SECRET_LEN + 1], hb[SECRET_HEX_LEN + 1];

	(void)state;
	assert_int_equal(secret_new(a, ha), 0);
	assert_int_equal(secret_new(b, hb), 0);
	assert_string_not_equal(a, b);
	assert_string_not_equal(ha, hb);
}

/* secret_valid */

static void test_secret__valid_accepts_43_alphabet_chars(void **state)
{
	char s[SECRET_LEN + 1];

	(void)state;
	memset(s, 'A', SECRET_LEN);
	s[SECRET_LEN] = '\0';
	assert_true(secret_valid(s));
	assert_true(
		secret_valid("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_9"));
	assert_true(
		secret_valid("-------------------------------------------"));
	assert_true(
		secret_valid("___________________________________________"));
	assert_true(
		secret_valid("zZ09zZ09zZ09zZ09zZ09zZ09zZ09zZ09zZ09zZ09zZ0"));
}

static void test_secret__valid_rejects_other_lengths(void **state)
{
	char s[SECRET_LEN + 2];

	(void)state;
	assert_false(secret_valid(NULL));
	assert_false(secret_valid(""));
	memset(s, 'A', sizeof(s));
	s[SECRET_LEN - 1] = '\0'; /* 42 */
	assert_false(secret_valid(s));
	s[SECRET_LEN - 1] = 'A';
	s[SECRET_LEN + 1] = '\0'; /* 44 */
	assert_false(secret_valid(s));
	s[SECRET_LEN] = '\0'; /* 43 */
	assert_true(secret_valid(s));
}

static void test_secret__valid_rejects_other_characters(void **state)
{
	/* each 43 bytes, one of them outside [A-Za-z0-9_-] */
	static const char *const bad[] = {
		"+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAAA",
		"\xc3\xa4"
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\x7f",
	};

	(void)state;
	for (size_t i = 0; i < N(bad); i++) {
		assert_int_equal(strlen(bad[i]), SECRET_LEN);
		assert_false(secret_valid(bad[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret__hash_is_sha256_as_bytea),
		cmocka_unit_test(test_secret__hash_writes_exactly_67_bytes),
		cmocka_unit_test(
			test_secret__new_is_43_base64url_chars_of_32_bytes),
		cmocka_unit_test(test_secret__new_hash_is_hash_of_secret),
		cmocka_unit_test(test_secret__new_secrets_differ),
		cmocka_unit_test(test_secret__valid_accepts_43_alphabet_chars),
		cmocka_unit_test(test_secret__valid_rejects_other_lengths),
		cmocka_unit_test(test_secret__valid_rejects_other_characters),
	};

	return cmocka_run_group_tests_name("test_secret", tests, NULL, NULL);
}
