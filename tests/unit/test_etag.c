/* test_etag.c: If-Match / If-None-Match comparisons of etag.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "etag.h"

#define STRONG 0
#define WEAK   1

static void test_etag__null_header_never_matches(void **state)
{
	(void)state;
	assert_false(etag_matches(NULL, "\"a\"", WEAK));
	assert_false(etag_matches(NULL, "\"a\"", STRONG));
}

static void test_etag__empty_header_never_matches(void **state)
{
	(void)state;
	assert_false(etag_matches("", "\"a\"", WEAK));
	assert_false(etag_matches("   ", "\"a\"", STRONG));
}

static void test_etag__star_matches_any(void **state)
{
	(void)state;
	assert_true(etag_matches("*", "\"a\"", WEAK));
	assert_true(etag_matches("*", "\"a\"", STRONG));
	assert_true(etag_matches("  *", "\"a\"", STRONG));
}

static void test_etag__single_tag_matches_exactly(void **state)
{
	(void)state;
	assert_true(etag_matches("\"v1\"", "\"v1\"", STRONG));
	assert_true(etag_matches("\"v1\"", "\"v1\"", WEAK));
	assert_false(etag_matches("\"v1\"", "\"v2\"", STRONG));
	assert_false(etag_matches("\"v1\"", "\"v10\"", STRONG));
	assert_false(etag_matches("\"v10\"", "\"v1\"", STRONG));
	assert_false(etag_matches("\"V1\"", "\"v1\"", WEAK));
}

static void test_etag__finds_tag_in_list(void **state)
{
	(void)state;
	assert_true(etag_matches("\"a\", \"b\", \"c\"", "\"c\"", STRONG));
	assert_true(etag_matches("\"a\",\"b\"", "\"b\"", STRONG));
	assert_true(etag_matches(" \t\"a\" ,\t\"b\" ", "\"b\"", STRONG));
	assert_false(etag_matches("\"a\", \"b\", \"c\"", "\"d\"", STRONG));
}

static void test_etag__weak_comparison_ignores_w_prefix(void **state)
{
	(void)state;
	assert_true(etag_matches("W/\"v1\"", "\"v1\"", WEAK));
	assert_true(etag_matches("\"x\", W/\"v1\"", "\"v1\"", WEAK));
}

static void test_etag__strong_comparison_rejects_weak_tags(void **state)
{
	(void)state;
	assert_false(etag_matches("W/\"v1\"", "\"v1\"", STRONG));
	assert_true(etag_matches("W/\"v1\", \"v1\"", "\"v1\"", STRONG));
}

static void test_etag__malformed_header_does_not_match(void **state)
{
	(void)state;
	assert_false(etag_matches("v1", "\"v1\"", WEAK));
	assert_false(etag_matches("\"v1", "\"v1\"", WEAK));
	assert_false(etag_matches("w/\"v1\"", "\"v1\"", WEAK));
	/* a bad element ends the list: nothing after it is considered */
	assert_false(etag_matches("junk, \"v1\"", "\"v1\"", WEAK));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_etag__null_header_never_matches),
		cmocka_unit_test(test_etag__empty_header_never_matches),
		cmocka_unit_test(test_etag__star_matches_any),
		cmocka_unit_test(test_etag__single_tag_matches_exactly),
		cmocka_unit_test(test_etag__finds_tag_in_list),
		cmocka_unit_test(test_etag__weak_comparison_ignores_w_prefix),
		cmocka_unit_test(
			test_etag__strong_comparison_rejects_weak_tags),
		cmocka_unit_test(test_etag__malformed_header_does_not_match),
	};

	return cmocka_run_group_tests_name("test_etag", tests, NULL, NULL);
}
