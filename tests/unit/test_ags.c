/*
 * test_ags.c: the Amtlicher Gemeindeschlüssel check of ags.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ags.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_ags__ags_accepts_eight_digits(void **state)
{
	(void)state;
	assert_true(ags_valid("09162000"));
	assert_true(ags_valid("05999004"));
	assert_true(ags_valid("00000000"));
	assert_true(ags_valid("99999999"));
}

static void test_ags__ags_rejects_everything_else(void **state)
{
	static const char *const bad[] = {
		"",
		"0916200",
		"091620000",
		"0916200a",
		"a9162000",
		" 9162000",
		"9162000 ",
		"09162000\n",
		"0916-200",
		"0916200/",
		"0916200:",
		"+9162000",
		"\xef\xbc\x90\xef\xbc\x99\xef\xbc\x91\xef\xbc\x96", /* fullwidth
								     */
		"\xd9\xa0\xd9\xa9\xd9\xa1\xd9\xa6", /* Arabic-Indic, 8 bytes */
	};

	(void)state;
	assert_false(ags_valid(NULL));
	for (size_t i = 0; i < N(bad); i++)
		if (ags_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ags__ags_accepts_eight_digits),
		cmocka_unit_test(test_ags__ags_rejects_everything_else),
	};

	return cmocka_run_group_tests_name("test_tenant", tests, NULL, NULL);
}
