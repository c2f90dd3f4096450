/*
 * test_json_depth.c: the nesting bound checked before JSON is parsed
 * (json_depth.c): the edge at the limit, strings and escapes that hide
 * brackets, unmatched closers, and texts far too deep for a worker's stack;
 * and the bound where tokens are read (token.c), whose header and payload
 * are parsed by us and by libjwt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <openssl/hmac.h>

#include "api.h"
#include "b64.h"
#include "json_depth.h"
#include "req.h"
#include "router.h"
#include "token.h"
#include "util.h"

/* open repeated depth times, then close as often. */
static char *nested(const char *open, const char *close, int depth)
{
	size_t lo = strlen(open), lc = strlen(close);
	char *s = malloc((lo + lc) * (size_t)depth + 1), *p = s;

	for (int i = 0; i < depth; i++, p += lo)
		memcpy(p, open, lo);
	for (int i = 0; i < depth; i++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

static int ok(const char *s)
{
	return json_depth_ok(s, strlen(s), JSON_MAX_DEPTH);
}

static void test_json_depth__flat_texts_pass(void **state)
{
	(void)state;
	assert_true(ok(""));
	assert_true(ok("1"));
	assert_true(ok("\"x\""));
	assert_true(ok("{\"a\":[1,2,{\"b\":null}]}"));
}

static void
test_json_depth__arrays_at_the_limit_pass_one_more_fails(void **state)
{
	char *at = nested("[", "]", JSON_MAX_DEPTH);
	char *over = nested("[", "]", JSON_MAX_DEPTH + 1);

	(void)state;
	assert_int_equal(JSON_MAX_DEPTH, 32);
	assert_true(ok(at));
	assert_false(ok(over));
	free(at);
	free(over);
}

static void test_json_depth__objects_and_mixed_count_alike(void **state)
{
	char *at = nested("{\"a\":", "}", JSON_MAX_DEPTH);
	char *over = nested("{\"a\":[", "]}", JSON_MAX_DEPTH / 2 + 1);

	(void)state;
	assert_true(ok(at));
	assert_false(ok(over));
	free(at);
	free(over);
}

static void test_json_depth__siblings_do_not_add_up(void **state)
{
	char *one = nested("[", "]", JSON_MAX_DEPTH - 1);
	size_t n = strlen(one);
	char *many = malloc(n * 100 + 103), *p = many;

	(void)state;
	*p++ = '[';
	for (int i = 0; i < 100; i++, p += n + 1) {
		memcpy(p, one, n);
		p[n] = ',';
	}
	p[-1] = ']';
	*p = '\0';
	assert_true(ok(many));
	free(one);
	free(many);
}

static void test_json_depth__brackets_in_strings_do_not_count(void **state)
{
	char *deep = nested("[", "]", 100);
	size_t n = strlen(deep);
	char *s = malloc(n + 3);

	(void)state;
	s[0] = '"';
	memcpy(s + 1, deep, n);
	s[n + 1] = '"';
	s[n + 2] = '\0';
	assert_true(ok(s));
	assert_true(ok("{\"k[{\":\"[[[{{{\"}"));
	free(deep);
	free(s);
}

static void test_json_depth__escaped_quote_keeps_the_string_open(void **state)
{
	char *deep = nested("[", "]", 40);
	char *s = malloc(strlen(deep) + 8);

	(void)state;
	/* "\"[[[...]]]" : the escaped quote does not end the string */
	strcpy(s, "\"\\\"");
	strcat(s, deep);
	strcat(s, "\"");
	assert_true(ok(s));
	/* "\\" ends with an escaped backslash: what follows is outside */
	strcpy(s, "[\"\\\\\",");
	strcat(s, deep);
	strcat(s, "]");
	assert_false(ok(s));
	free(deep);
	free(s);
}

static void test_json_depth__unmatched_closers_do_not_buy_depth(void **state)
{
	char *deep = nested("[", "", JSON_MAX_DEPTH + 1);
	char *s = malloc(strlen(deep) + 64);

	(void)state;
	strcpy(s, "]]]]]]]]]]]]]]]]]]]]}}}}}}}}}}");
	strcat(s, deep);
	assert_false(ok(s));
	free(deep);
	free(s);
}

static void
test_json_depth__unterminated_string_is_left_to_the_parser(void **state)
{
	(void)state;
	assert_true(ok("\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["));
	assert_true(ok("\"\\"));
}

static void test_json_depth__counts_only_n_bytes(void **state)
{
	char *deep = nested("[", "]", 1000);

	(void)state;
	assert_true(json_depth_ok(deep, JSON_MAX_DEPTH, JSON_MAX_DEPTH));
	assert_false(json_depth_ok(deep, JSON_MAX_DEPTH + 1, JSON_MAX_DEPTH));
	free(deep);
}

static void test_json_depth__the_reported_attacks_fail(void **state)
{
	char *arrays = nested("[", "]", 1000);
	char *objects = nested("{\"a\":", "}", 2000);
	char *deep = nested("[", "]", 10000);

	(void)state;
	assert_false(ok(arrays));
	assert_false(ok(objects));
	assert_false(ok(deep));
	free(arrays);
	free(objects);
	free(deep);
}

static const struct token_keys keys = {
	.keys = { { .kid = "k1",
		    .secret = "0123456789abcdef0123456789abcdef",
		    .len = 32 } },
	.n = 1,
};

/* header.payload.signature, signed with keys' k1. */
static char *signed_token(const char *header, const char *payload)
{
	char *h = b64url_encode((const unsigned char *)header, strlen(header));
	char *p =
		b64url_encode((const unsigned char *)payload, strlen(payload));
	struct sbuf t = { 0 };
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	char *sig;

	sbuf_addf(&t, "%s.%s", h, p);
	assert_non_null(HMAC(EVP_sha256(), keys.keys[0].secret,
			     (int)keys.keys[0].len, (const unsigned char *)t.p,
			     t.len, mac, &maclen));
	sig = b64url_encode(mac, maclen);
	sbuf_addf(&t, ".%s", sig);
	free(h);
	free(p);
	free(sig);
	return sbuf_take(&t);
}

/* A header of ours with a member nested depth levels (the object: one). */
static char *header_nested(int depth)
{
	char *inner = nested("[", "]", depth - 1);
	struct sbuf b = { 0 };

	sbuf_addf(&b, "{\"alg\":\"HS256\",\"kid\":\"k1\",\"x\":%s}", inner);
	free(inner);
	return sbuf_take(&b);
}

static void test_json_depth__token_header_or_payload_too_deep(void **state)
{
	char *deep = nested("[", "]", 1000);
	char *h = b64url_encode((const unsigned char *)deep, strlen(deep));
	struct sbuf t = { 0 };

	(void)state;
	sbuf_addf(&t, "%s.e30.x", h);
	assert_true(token_too_deep(t.p));
	sbuf_free(&t);
	sbuf_addf(&t, "e30.%s.x", h);
	assert_true(token_too_deep(t.p));
	sbuf_free(&t);
	sbuf_addf(&t, "e30.%s", h); /* two parts: still read */
	assert_true(token_too_deep(t.p));
	sbuf_free(&t);
	free(h);
	free(deep);
}

static void
test_json_depth__token_within_the_limit_is_not_too_deep(void **state)
{
	char *hdr = header_nested(JSON_MAX_DEPTH);
	char *tok = signed_token(hdr, "{}");

	(void)state;
	assert_false(token_too_deep(tok));
	assert_false(token_too_deep("e30.e30.x"));
	assert_false(token_too_deep("not base64!.e30.x"));
	assert_false(token_too_deep("no-dots"));
	assert_false(token_too_deep(NULL));
	free(hdr);
	free(tok);
}

static void test_json_depth__oversized_token_is_not_decoded(void **state)
{
	char *deep = nested("[", "]", 2000);
	char *h = b64url_encode((const unsigned char *)deep, strlen(deep));
	struct sbuf t = { 0 };

	(void)state;
	assert_true(strlen(h) > TOKEN_MAX_LEN);
	sbuf_addf(&t, "%s.e30.x", h);
	assert_false(token_too_deep(t.p)); /* refused for its length instead */
	sbuf_free(&t);
	free(h);
	free(deep);
}

static void test_json_depth__verify_refuses_signed_token_too_deep(void **state)
{
	char *ok_hdr = header_nested(JSON_MAX_DEPTH);
	char *deep_hdr = header_nested(JSON_MAX_DEPTH + 1);
	char *deep_payload = nested("{\"a\":", "}", JSON_MAX_DEPTH + 1);
	char *t1 = signed_token(deep_hdr, "{}");
	char *t2 = signed_token(ok_hdr, deep_payload);
	char *claims = NULL, why[128];

	(void)state;
	assert_int_equal(
		token_verify(&keys, t1, 1000, &claims, why, sizeof(why)), -1);
	assert_null(claims);
	assert_non_null(strstr(why, "nested"));
	assert_int_equal(
		token_verify(&keys, t2, 1000, &claims, why, sizeof(why)), -1);
	assert_null(claims);
	assert_non_null(strstr(why, "nested"));
	free(ok_hdr);
	free(deep_hdr);
	free(deep_payload);
	free(t1);
	free(t2);
}

/* Debian's libcivetweb runs each worker thread on a stack of this size. */
#define WORKER_STACK (100 * 1024)

struct parse_job {
	const char *body;
	int err;
	int dumped; /* the parsed body was serialised again, as handlers do */
};

static void *parse_on_thread(void *arg)
{
	struct parse_job *job = arg;
	struct req r;

	memset(&r, 0, sizeof(r));
	r.body_len = strlen(job->body);
	r.body = xstrndup(job->body, r.body_len);
	job->err = req_parse_body(&r, "application/json", ROUTE_BODY_JSON);
	if (job->err == 0) {
		char *s = json_dumps(r.json, JSON_COMPACT);

		job->dumped = s != NULL;
		free(s);
	}
	req_free(&r);
	return NULL;
}

/* Parses body as a request's on a thread with a worker's stack. */
static void parse_like_a_worker(struct parse_job *job)
{
	pthread_attr_t attr;
	pthread_t t;

	assert_int_equal(pthread_attr_init(&attr), 0);
	assert_int_equal(pthread_attr_setstacksize(&attr, WORKER_STACK), 0);
	assert_int_equal(pthread_create(&t, &attr, parse_on_thread, job), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	pthread_attr_destroy(&attr);
}

static void test_json_depth__bodies_on_a_worker_sized_stack(void **state)
{
	char *inner = nested("[", "]", JSON_MAX_DEPTH - 1);
	char *at = malloc(strlen(inner) + 16);
	char *deep = nested("[", "]", 1000);
	struct parse_job ok = { at, -100, 0 }, refused = { deep, -100, 0 };

	(void)state;
	sprintf(at, "{\"a\":%s}", inner);
	parse_like_a_worker(&ok);
	assert_int_equal(ok.err, 0);
	assert_true(ok.dumped);
	/* before the bound, this overflowed the stack and ended the process */
	parse_like_a_worker(&refused);
	assert_int_equal(refused.err, API_EINVAL);
	free(inner);
	free(at);
	free(deep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_depth__flat_texts_pass),
		cmocka_unit_test(
			test_json_depth__arrays_at_the_limit_pass_one_more_fails),
		cmocka_unit_test(
			test_json_depth__objects_and_mixed_count_alike),
		cmocka_unit_test(test_json_depth__siblings_do_not_add_up),
		cmocka_unit_test(
			test_json_depth__brackets_in_strings_do_not_count),
		cmocka_unit_test(
			test_json_depth__escaped_quote_keeps_the_string_open),
		cmocka_unit_test(
			test_json_depth__unmatched_closers_do_not_buy_depth),
		cmocka_unit_test(
			test_json_depth__unterminated_string_is_left_to_the_parser),
		cmocka_unit_test(test_json_depth__counts_only_n_bytes),
		cmocka_unit_test(test_json_depth__the_reported_attacks_fail),
		cmocka_unit_test(
			test_json_depth__token_header_or_payload_too_deep),
		cmocka_unit_test(
			test_json_depth__token_within_the_limit_is_not_too_deep),
		cmocka_unit_test(
			test_json_depth__oversized_token_is_not_decoded),
		cmocka_unit_test(
			test_json_depth__verify_refuses_signed_token_too_deep),
		cmocka_unit_test(
			test_json_depth__bodies_on_a_worker_sized_stack),
	};

	return cmocka_run_group_tests_name("test_json_depth", tests, NULL,
					   NULL);
}
