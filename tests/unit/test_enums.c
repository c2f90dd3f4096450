/* test_enums.c: the value sets of enums.c and enum_has. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "enums.h"

static void test_enums__has_finds_exactly_the_members(void **state)
{
	(void)state;
	assert_true(enum_has(enum_measure_status, "proposed"));
	assert_true(enum_has(enum_measure_status, "dropped"));
	assert_false(enum_has(enum_measure_status, "Proposed"));
	assert_false(enum_has(enum_measure_status, "propose"));
	assert_false(enum_has(enum_measure_status, ""));
	assert_false(enum_has(enum_measure_status, NULL));
	assert_true(enum_has(enum_account_role_filter, "district_admin"));
	assert_false(enum_has(enum_membership_role, "district_admin"));
}

static void
test_enums__every_set_named_once_nonempty_no_duplicates(void **state)
{
	(void)state;
	assert_true(enum_nsets > 20);
	for (size_t i = 0; i < enum_nsets; i++) {
		const char *const *v = enum_sets[i].values;

		assert_non_null(enum_sets[i].name);
		assert_non_null(v);
		assert_non_null(v[0]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(enum_sets[i].name,
						enum_sets[j].name);
		for (size_t a = 0; v[a]; a++) {
			assert_true(v[a][0] != '\0');
			for (size_t b = 0; b < a; b++)
				assert_string_not_equal(v[a], v[b]);
		}
	}
}

static void test_enums__table_names_the_arrays(void **state)
{
	int found = 0;

	(void)state;
	for (size_t i = 0; i < enum_nsets; i++)
		if (!strcmp(enum_sets[i].name, "measure_target_group")) {
			assert_ptr_equal(enum_sets[i].values,
					 enum_measure_target_group);
			found = 1;
		}
	assert_true(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enums__has_finds_exactly_the_members),
		cmocka_unit_test(
			test_enums__every_set_named_once_nonempty_no_duplicates),
		cmocka_unit_test(test_enums__table_names_the_arrays),
	};

	return cmocka_run_group_tests_name("test_enums", tests, NULL, NULL);
}
