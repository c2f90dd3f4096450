/*
 * test_csv.c: which Accept headers ask for CSV (csv.c): text/csv named,
 * with a q above 0; wildcards and q=0 keep the JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_csv__accepts_text_csv_named(void **state)
{
	static const char *const yes[] = {
		"text/csv",
		"TEXT/CSV",
		"text/csv; charset=utf-8",
		"text/csv;q=0.5",
		"text/csv; q=1",
		"application/json, text/csv",
		"application/json,text/csv;q=0.1",
		"  text/csv  ",
		"text/csv;q=0.001",
	};

	(void)state;
	for (size_t i = 0; i < N(yes); i++)
		if (!csv_accepts(yes[i]))
			fail_msg("refused \"%s\"", yes[i]);
}

static void test_csv__keeps_json_otherwise(void **state)
{
	static const char *const no[] = {
		"",
		"application/json",
		"*/*",
		"text/*",
		"text/csvx",
		"text/cs",
		"text/csv-schema",
		"application/text/csv",
		"text/csv;q=0",
		"text/csv; q=0.0, application/json",
		"text/html, application/xhtml+xml",
		",,,",
	};

	(void)state;
	assert_false(csv_accepts(NULL));
	for (size_t i = 0; i < N(no); i++)
		if (csv_accepts(no[i]))
			fail_msg("accepted \"%s\"", no[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv__accepts_text_csv_named),
		cmocka_unit_test(test_csv__keeps_json_otherwise),
	};

	return cmocka_run_group_tests_name("test_csv", tests, NULL, NULL);
}
