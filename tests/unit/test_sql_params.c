/*
 * test_sql_params.c: counting a statement's parameters from its SQL
 * (sql_params.c), which DB_STMT and DB_QUERY rely on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sql_params.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *sql;
	int n;
} cases[] = {
	{ "SELECT 1", 0 },
	{ "", 0 },
	{ "SELECT $1", 1 },
	{ "SELECT $1, $2::int, $3", 3 },
	/* the highest counts, not how many appear */
	{ "SELECT $2 WHERE $1 IS NULL OR $2 > $1", 2 },
	{ "SELECT $10 WHERE $9 = $1", 10 },
	{ "LIMIT $7::int + 1", 7 },
	{ "(d.position, d.id) > ($2::int,$3::bigint)", 3 },
	/* what only looks like a parameter */
	{ "SELECT '$5' || $1", 1 },
	{ "SELECT 'it''s $9', $2", 2 },
	{ "SELECT E'\\' $9', $1", 1 },
	{ "SELECT \"a$9\" FROM t WHERE x = $1", 1 },
	{ "SELECT \"q\"\"$9\" , $1", 1 },
	{ "SELECT $1 -- and $9\n , $2", 2 },
	{ "SELECT /* $9 /* $8 */ $7 */ $1", 1 },
	{ "SELECT $$ $9 $$ || $2", 2 },
	{ "SELECT $fn$ body $9 $x$ $fn$, $3", 3 },
	{ "SELECT a$1 FROM t", 0 },
	{ "SELECT price$2, $1", 1 },
	{ "COLLATE \"de-x-icu\", $6::bigint", 6 },
	{ "SELECT app_assert(x, 'TH404', 'There is no $1.') WHERE ags = $1",
	  1 },
	{ "SELECT d, md5(d::text), d->>'id' FROM api_x($1, $2::jsonb) d", 2 },
};

static void test_sql_params__highest_dollar_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(cases); i++)
		if (sql_params(cases[i].sql) != cases[i].n)
			fail_msg("\"%s\": %d, not %d", cases[i].sql,
				 sql_params(cases[i].sql), cases[i].n);
}

static void test_sql_params__unterminated_text_ends_the_count(void **state)
{
	(void)state;
	assert_int_equal(sql_params("SELECT $2, 'open $9"), 2);
	assert_int_equal(sql_params("SELECT $2, /* open $9"), 2);
	assert_int_equal(sql_params("SELECT $2, $$ open $9"), 2);
	assert_int_equal(sql_params("SELECT $"), 0);
}

static void test_sql_params__too_large_is_an_error(void **state)
{
	(void)state;
	assert_int_equal(sql_params("SELECT $99999999999"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_params__highest_dollar_number),
		cmocka_unit_test(
			test_sql_params__unterminated_text_ends_the_count),
		cmocka_unit_test(test_sql_params__too_large_is_an_error),
	};

	return cmocka_run_group_tests_name("test_sql_params", tests, NULL,
					   NULL);
}
