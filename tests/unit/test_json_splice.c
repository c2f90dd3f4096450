/*
 * test_json_splice.c: two JSON objects spliced into one (json_splice.c):
 * the members of both in order, parsed back by Jansson; an empty object
 * adds nothing; anything not brace-delimited is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "json_splice.h"

static char *splice(const char *a, const char *b, size_t *len)
{
	return json_splice(a, a ? strlen(a) : 0, b, b ? strlen(b) : 0, len);
}

static void test_json_splice__members_of_both_in_order(void **state)
{
	size_t len = 0;
	char *s = splice("{\"a\": 1, \"m\": {\"x\": \"}\"}}",
			 "{\"b\": [1, 2], \"c\": \"Übersicht\"}", &len);
	json_t *j;

	(void)state;
	assert_non_null(s);
	assert_int_equal(len, strlen(s));
	assert_string_equal(s, "{\"a\": 1, \"m\": {\"x\": \"}\"}, \"b\": [1, "
			       "2], \"c\": \"Übersicht\"}");
	assert_non_null(j = json_loads(s, 0, NULL));
	assert_int_equal(json_object_size(j), 4);
	assert_int_equal(json_integer_value(json_object_get(j, "a")), 1);
	assert_string_equal(json_string_value(json_object_get(j, "c")),
			    "Übersicht");
	json_decref(j);
	free(s);
}

static void test_json_splice__an_empty_object_adds_nothing(void **state)
{
	size_t len = 0;
	char *s;

	(void)state;
	assert_non_null(s = splice("{\"a\":1}", "{}", &len));
	assert_string_equal(s, "{\"a\":1}");
	assert_int_equal(len, 7);
	free(s);
	assert_non_null(s = splice("{}", "{\"b\":2}", &len));
	assert_string_equal(s, "{\"b\":2}");
	free(s);
	assert_non_null(s = splice("{}", "{}", &len));
	assert_string_equal(s, "{}");
	free(s);
}

static void test_json_splice__refuses_what_is_not_an_object(void **state)
{
	static const char *const bad[] = { "",	       "{",	   "}", "[1]",
					   "{\"a\":1", "\"a\":1}", "1", "x{}" };
	size_t len = 0;

	(void)state;
	assert_null(splice(NULL, "{}", &len));
	assert_null(splice("{}", NULL, &len));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (splice(bad[i], "{\"b\":2}", &len))
			fail_msg("accepted \"%s\" first", bad[i]);
		if (splice("{\"a\":1}", bad[i], &len))
			fail_msg("accepted \"%s\" second", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_splice__members_of_both_in_order),
		cmocka_unit_test(
			test_json_splice__an_empty_object_adds_nothing),
		cmocka_unit_test(
			test_json_splice__refuses_what_is_not_an_object),
	};

	return cmocka_run_group_tests_name("test_json_splice", tests, NULL,
					   NULL);
}
