/*
 * test_req.c: request ids, percent-decoding, query strings and the body
 * limit of req.c (no connection needed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "req.h"

/* req_id_valid */

static void test_req__id_accepts_token_characters(void **state)
{
	(void)state;
	assert_true(req_id_valid("a"));
	assert_true(req_id_valid("AZaz09._-"));
	assert_true(req_id_valid("3f2c9a1e-7b4d-4c1a-9e8f-0a1b2c3d4e5f"));
}

static void test_req__id_rejects_empty_and_null(void **state)
{
	(void)state;
	assert_false(req_id_valid(NULL));
	assert_false(req_id_valid(""));
}

static void test_req__id_rejects_other_characters(void **state)
{
	static const char *const bad[] = {
		"a b",	"a/b",	"a\r\nX-Evil: 1", "a\"b",
		"a%20", "a+b",	"\xc3\x96",	  "a=",
		"a:b",	"a\tb",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(req_id_valid(bad[i]));
}

static void test_req__id_accepts_64_chars_rejects_65(void **state)
{
	char id[REQ_ID_MAX + 2];

	(void)state;
	memset(id, 'x', REQ_ID_MAX);
	id[REQ_ID_MAX] = '\0';
	assert_true(req_id_valid(id));
	id[REQ_ID_MAX] = 'x';
	id[REQ_ID_MAX + 1] = '\0';
	assert_false(req_id_valid(id));
}

static void test_req__generated_id_is_valid_and_fresh(void **state)
{
	char a[REQ_ID_MAX + 1], b[REQ_ID_MAX + 1];

	(void)state;
	req_id_generate(a);
	req_id_generate(b);
	assert_true(req_id_valid(a));
	assert_true(req_id_valid(b));
	assert_int_equal(strlen(a), 20);
	assert_string_not_equal(a, b);
}

/* url_decode */

static void assert_decodes(const char *in, int plus, const char *want)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s", in);
	assert_int_equal(url_decode(buf, plus), 0);
	assert_string_equal(buf, want);
}

static void assert_decode_fails(const char *in)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s", in);
	assert_int_equal(url_decode(buf, 1), -1);
}

static void test_req__url_decode_decodes_escapes(void **state)
{
	(void)state;
	assert_decodes("", 1, "");
	assert_decodes("plain", 1, "plain");
	assert_decodes("a%20b", 1, "a b");
	assert_decodes("%C3%96lsdorf", 1, "\xc3\x96lsdorf");
	assert_decodes("%c3%b6", 1, "\xc3\xb6");
	assert_decodes("%26%3D%25", 1, "&=%");
	assert_decodes("%2B", 1, "+");
}

static void test_req__url_decode_plus_only_when_asked(void **state)
{
	(void)state;
	assert_decodes("a+b+", 1, "a b ");
	assert_decodes("a+b+", 0, "a+b+");
}

static void test_req__url_decode_rejects_malformed_escapes(void **state)
{
	(void)state;
	assert_decode_fails("%");
	assert_decode_fails("abc%");
	assert_decode_fails("%2");
	assert_decode_fails("%2g");
	assert_decode_fails("%g2");
	assert_decode_fails("%%41");
	assert_decode_fails("% 41");
}

static void test_req__url_decode_rejects_embedded_nul(void **state)
{
	(void)state;
	assert_decode_fails("a%00b");
	assert_decode_fails("%00");
}

/* req_parse_query / req_query */

static void test_req__query_splits_and_decodes(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(
		req_parse_query(&r,
				"name=%C3%96lsdorf&q=a+b&empty=&flag&x=1%3D2"),
		0);
	assert_int_equal(r.nquery, 5);
	assert_string_equal(req_query(&r, "name"), "\xc3\x96lsdorf");
	assert_string_equal(req_query(&r, "q"), "a b");
	assert_string_equal(req_query(&r, "empty"), "");
	assert_string_equal(req_query(&r, "flag"), "");
	assert_string_equal(req_query(&r, "x"), "1=2");
	assert_null(req_query(&r, "missing"));
	assert_null(req_query(&r, "Name")); /* names are case-sensitive */
	req_free(&r);
}

static void test_req__query_first_value_wins(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_query(&r, "a=1&a=2"), 0);
	assert_string_equal(req_query(&r, "a"), "1");
	req_free(&r);
}

static void test_req__query_decodes_names(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_query(&r, "a%5Bb%5D=1&c+d=2"), 0);
	assert_string_equal(req_query(&r, "a[b]"), "1");
	assert_string_equal(req_query(&r, "c d"), "2");
	req_free(&r);
}

static void test_req__query_empty_or_null_has_no_params(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_query(&r, NULL), 0);
	assert_int_equal(r.nquery, 0);
	assert_int_equal(req_parse_query(&r, ""), 0);
	assert_int_equal(r.nquery, 0);
	assert_null(req_query(&r, ""));
	assert_int_equal(req_parse_query(&r, "&&"), 0);
	assert_int_equal(r.nquery, 0);
	req_free(&r);
}

static void test_req__query_rejects_bad_percent_encoding(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_query(&r, "a=1&b=%zz"), API_EINVAL);
	assert_non_null(strstr(r.detail, "percent-encoding"));
	memset(r.detail, 0, sizeof(r.detail));
	assert_int_equal(req_parse_query(&r, "a%0=1"), API_EINVAL);
	assert_non_null(strstr(r.detail, "percent-encoding"));
	memset(r.detail, 0, sizeof(r.detail));
	assert_int_equal(req_parse_query(&r, "a=%00"), API_EINVAL);
	assert_non_null(strstr(r.detail, "percent-encoding"));
	req_free(&r);
}

static void test_req__query_accepts_16_params_rejects_17(void **state)
{
	struct req r;
	char qs[256] = "";

	(void)state;
	memset(&r, 0, sizeof(r));
	for (int i = 0; i < REQ_MAX_QUERY; i++) {
		size_t len = strlen(qs);

		snprintf(qs + len, sizeof(qs) - len, "%sp%d=%d", i ? "&" : "",
			 i, i);
	}
	assert_int_equal(req_parse_query(&r, qs), 0);
	assert_int_equal(r.nquery, REQ_MAX_QUERY);
	assert_string_equal(req_query(&r, "p15"), "15");
	strcat(qs, "&one=more");
	assert_int_equal(req_parse_query(&r, qs), API_EINVAL);
	assert_non_null(strstr(r.detail, "16"));
	req_free(&r);
}

static void test_req__query_reparse_replaces_previous(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_query(&r, "a=1"), 0);
	assert_int_equal(req_parse_query(&r, "b=2"), 0);
	assert_int_equal(r.nquery, 1);
	assert_null(req_query(&r, "a"));
	assert_string_equal(req_query(&r, "b"), "2");
	req_free(&r);
	assert_null(r.query_buf);
}

/* body_read */

/* Feeds the chunks of a fake request body, one per call. */
struct feed {
	const char *const *chunks;
	size_t next;
	int calls;
};

static int feed_read(void *ctx, char *buf, size_t n)
{
	struct feed *f = ctx;
	const char *c;
	size_t len;

	f->calls++;
	c = f->chunks[f->next];
	if (!c)
		return 0;
	if (!strcmp(c, "<error>"))
		return -1;
	f->next++;
	len = strlen(c);
	assert_true(len <= n);
	memcpy(buf, c, len);
	return (int)len;
}

static void test_req__body_reads_all_chunks(void **state)
{
	static const char *const chunks[] = { "{\"a\":", "1", "}", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 100, 7, feed_read, &f), 0);
	assert_int_equal(b.len, 7);
	assert_string_equal(b.p, "{\"a\":1}");
	assert_int_equal(f.calls, 4); /* three chunks and the end */
	sbuf_free(&b);
}

static void test_req__body_exactly_at_limit_passes(void **state)
{
	static const char *const chunks[] = { "12345", "67890", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 10, 10, feed_read, &f), 0);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.p, "1234567890");
	sbuf_free(&b);
}

static void test_req__body_one_byte_over_limit_is_too_large(void **state)
{
	static const char *const chunks[] = { "12345", "678901", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 10, -1, feed_read, &f), API_ETOOLARGE);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(f.calls, 2); /* stops at the chunk that overflows */
}

static void test_req__body_declared_over_limit_refused_before_read(void **state)
{
	static const char *const chunks[] = { "x", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 10, 11, feed_read, &f), API_ETOOLARGE);
	assert_int_equal(f.calls, 0);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

static void test_req__body_chunked_over_limit_is_too_large(void **state)
{
	static const char *const chunks[] = { "aaaa", "bbbb", "cccc", "dddd",
					      NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	/* declared -1: the length is unknown until the chunks run out */
	assert_int_equal(body_read(&b, 12, -1, feed_read, &f), API_ETOOLARGE);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(f.calls, 4);
}

static void test_req__body_chunked_within_limit_passes(void **state)
{
	static const char *const chunks[] = { "aaaa", "bbbb", "cccc", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 12, -1, feed_read, &f), 0);
	assert_string_equal(b.p, "aaaabbbbcccc");
	sbuf_free(&b);
}

static void test_req__body_read_error_is_not_a_body(void **state)
{
	static const char *const chunks[] = { "a=1&b", "<error>", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 100, -1, feed_read, &f), API_EINVAL);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

static void test_req__body_shorter_than_declared_is_refused(void **state)
{
	static const char *const chunks[] = { "a=1&b", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 100, 10, feed_read, &f), API_EINVAL);
	assert_null(b.p);
}

static void test_req__body_declared_over_limit_lies_still_capped(void **state)
{
	static const char *const chunks[] = { "0123456789", "abc", NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	/* a client declaring 5 bytes and sending 13 is still cut off */
	assert_int_equal(body_read(&b, 10, 5, feed_read, &f), API_ETOOLARGE);
	assert_null(b.p);
}

static void test_req__body_empty_is_ok(void **state)
{
	static const char *const chunks[] = { NULL };
	struct feed f = { chunks, 0, 0 };
	struct sbuf b = { 0 };

	(void)state;
	assert_int_equal(body_read(&b, 10, 0, feed_read, &f), 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(f.calls, 1);
	sbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_req__id_accepts_token_characters),
		cmocka_unit_test(test_req__id_rejects_empty_and_null),
		cmocka_unit_test(test_req__id_rejects_other_characters),
		cmocka_unit_test(test_req__id_accepts_64_chars_rejects_65),
		cmocka_unit_test(test_req__generated_id_is_valid_and_fresh),
		cmocka_unit_test(test_req__url_decode_decodes_escapes),
		cmocka_unit_test(test_req__url_decode_plus_only_when_asked),
		cmocka_unit_test(
			test_req__url_decode_rejects_malformed_escapes),
		cmocka_unit_test(test_req__url_decode_rejects_embedded_nul),
		cmocka_unit_test(test_req__query_splits_and_decodes),
		cmocka_unit_test(test_req__query_first_value_wins),
		cmocka_unit_test(test_req__query_decodes_names),
		cmocka_unit_test(test_req__query_empty_or_null_has_no_params),
		cmocka_unit_test(test_req__query_rejects_bad_percent_encoding),
		cmocka_unit_test(test_req__query_accepts_16_params_rejects_17),
		cmocka_unit_test(test_req__query_reparse_replaces_previous),
		cmocka_unit_test(test_req__body_reads_all_chunks),
		cmocka_unit_test(test_req__body_exactly_at_limit_passes),
		cmocka_unit_test(
			test_req__body_one_byte_over_limit_is_too_large),
		cmocka_unit_test(
			test_req__body_declared_over_limit_refused_before_read),
		cmocka_unit_test(
			test_req__body_chunked_over_limit_is_too_large),
		cmocka_unit_test(test_req__body_chunked_within_limit_passes),
		cmocka_unit_test(test_req__body_read_error_is_not_a_body),
		cmocka_unit_test(
			test_req__body_shorter_than_declared_is_refused),
		cmocka_unit_test(
			test_req__body_declared_over_limit_lies_still_capped),
		cmocka_unit_test(test_req__body_empty_is_ok),
	};

	return cmocka_run_group_tests_name("test_req", tests, NULL, NULL);
}
