/* test_cors.c: the configured origins and the headers of cors.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cors.h"
#include "util.h"

static const char list[] =
	"https://a.example, https://b.example:8443 ,http://c";

static void test_cors__listed_origins_match_whole_entries(void **state)
{
	(void)state;
	assert_true(cors_origin_allowed(list, "https://a.example"));
	assert_true(cors_origin_allowed(list, "https://b.example:8443"));
	assert_true(cors_origin_allowed(list, "http://c"));
	assert_false(cors_origin_allowed(list, "https://a.example.evil"));
	assert_false(cors_origin_allowed(list, "https://a"));
	assert_false(cors_origin_allowed(list, "http://c:80"));
	assert_false(cors_origin_allowed(list, ""));
}

static void test_cors__no_list_allows_nothing(void **state)
{
	(void)state;
	assert_false(cors_origin_allowed(NULL, "https://a.example"));
	assert_false(cors_origin_allowed("", "https://a.example"));
}

static void test_cors__headers_only_for_an_allowed_origin(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	cors_add_headers(&b, list, NULL);
	cors_add_headers(&b, list, "https://evil.example");
	cors_add_preflight(&b, list, "https://evil.example", "GET, POST");
	assert_int_equal(b.len, 0);
	cors_add_headers(&b, list, "http://c");
	assert_non_null(b.p);
	assert_non_null(
		strstr(b.p, "Access-Control-Allow-Origin: http://c\r\n"));
	assert_non_null(strstr(b.p, "Vary: Origin\r\n"));
	sbuf_free(&b);
}

static void test_cors__preflight_names_the_methods(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	cors_add_preflight(&b, list, "https://a.example", "GET, POST");
	assert_non_null(b.p);
	assert_non_null(
		strstr(b.p, "Access-Control-Allow-Methods: GET, POST\r\n"));
	assert_non_null(strstr(b.p, "Access-Control-Max-Age: 600\r\n"));
	sbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cors__listed_origins_match_whole_entries),
		cmocka_unit_test(test_cors__no_list_allows_nothing),
		cmocka_unit_test(test_cors__headers_only_for_an_allowed_origin),
		cmocka_unit_test(test_cors__preflight_names_the_methods),
	};

	return cmocka_run_group_tests_name("test_cors", tests, NULL, NULL);
}
