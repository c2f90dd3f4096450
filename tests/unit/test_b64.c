/* test_b64.c: base64url without padding (RFC 4648 §5) of b64.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "b64.h"

/* RFC 4648 §10 test vectors, padding stripped. */
static const struct {
	const char *plain;
	const char *encoded;
} vectors[] = {
	{ "", "" },
	{ "f", "Zg" },
	{ "fo", "Zm8" },
	{ "foo", "Zm9v" },
	{ "foob", "Zm9vYg" },
	{ "fooba", "Zm9vYmE" },
	{ "foobar", "Zm9vYmFy" },
};

#define NVECTORS (sizeof(vectors) / sizeof(vectors[0]))

static void test_b64__encodes_rfc4648_vectors_without_padding(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVECTORS; i++) {
		char *s = b64url_encode((const unsigned char *)vectors[i].plain,
					strlen(vectors[i].plain));

		assert_string_equal(s, vectors[i].encoded);
		free(s);
	}
}

static void test_b64__decodes_rfc4648_vectors_without_padding(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVECTORS; i++) {
		size_t n = 99;
		unsigned char *p = b64url_decode(vectors[i].encoded, &n);

		assert_non_null(p);
		assert_int_equal(n, strlen(vectors[i].plain));
		assert_memory_equal(p, vectors[i].plain, n);
		assert_int_equal(p[n], '\0');
		free(p);
	}
}

static void test_b64__uses_url_alphabet(void **state)
{
	static const unsigned char in[] = { 0xfb, 0xff, 0xbf };
	unsigned char *p;
	size_t n;
	char *s;

	(void)state;
	s = b64url_encode(in, sizeof(in));
	assert_string_equal(s, "-_-_");
	p = b64url_decode(s, &n);
	assert_non_null(p);
	assert_int_equal(n, 3);
	assert_memory_equal(p, in, 3);
	free(p);
	free(s);
}

static void test_b64__round_trips_all_byte_values(void **state)
{
	unsigned char in[256];

	(void)state;
	for (int i = 0; i < 256; i++)
		in[i] = (unsigned char)i;
	for (size_t len = 0; len <= sizeof(in); len += 37) {
		char *s = b64url_encode(in, len);
		size_t n = 0;
		unsigned char *p = b64url_decode(s, &n);

		assert_int_equal(strlen(s), (len * 4 + 2) / 3);
		assert_non_null(p);
		assert_int_equal(n, len);
		assert_memory_equal(p, in, len);
		free(p);
		free(s);
	}
}

static void assert_rejected(const char *s)
{
	size_t n = 12345;

	assert_null(b64url_decode(s, &n));
	assert_int_equal(n, 12345); /* untouched */
}

static void test_b64__rejects_padding(void **state)
{
	(void)state;
	assert_rejected("Zg==");
	assert_rejected("Zm8=");
	assert_rejected("====");
}

static void test_b64__rejects_standard_alphabet_plus_and_slash(void **state)
{
	(void)state;
	assert_rejected("+_-_");
	assert_rejected("-_-/");
}

static void test_b64__rejects_other_characters(void **state)
{
	(void)state;
	assert_rejected("Zm9v Yg");
	assert_rejected("Zm9v\nYg");
	assert_rejected("Zm9.");
	assert_rejected("Zm9\xc3\x96");
}

static void test_b64__rejects_impossible_length(void **state)
{
	(void)state;
	assert_rejected("Z");
	assert_rejected("Zm9vY");
	assert_rejected("Zm9vYmFyZ");
}

static void test_b64__rejects_non_canonical_trailing_bits(void **state)
{
	(void)state;
	/* "Zg" is canonical for "f"; Zh..Zv differ only in unused bits */
	assert_rejected("Zh");
	assert_rejected("Zv");
	/* "Zm8" is canonical for "fo"; "Zm9" sets an unused bit */
	assert_rejected("Zm9");
	assert_rejected("Zm9vYh");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_b64__encodes_rfc4648_vectors_without_padding),
		cmocka_unit_test(
			test_b64__decodes_rfc4648_vectors_without_padding),
		cmocka_unit_test(test_b64__uses_url_alphabet),
		cmocka_unit_test(test_b64__round_trips_all_byte_values),
		cmocka_unit_test(test_b64__rejects_padding),
		cmocka_unit_test(
			test_b64__rejects_standard_alphabet_plus_and_slash),
		cmocka_unit_test(test_b64__rejects_other_characters),
		cmocka_unit_test(test_b64__rejects_impossible_length),
		cmocka_unit_test(test_b64__rejects_non_canonical_trailing_bits),
	};

	return cmocka_run_group_tests_name("test_b64", tests, NULL, NULL);
}
