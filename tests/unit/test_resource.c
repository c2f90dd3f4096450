/*
 * test_resource.c: what the runners of resource.c decide without a
 * request: a filter's verdict on a value, a cursor key's, and how many
 * parameters a statement takes (db_stmt_nparams, which the runners check
 * what they bind against).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db.h"
#include "resource.h"
#include "util.h"

static const char *const colours[] = { "red", "green", NULL };

/* The verdict of f on v: NULL when good, else the message. */
static const char *verdict(const struct filter *f, const char *v)
{
	struct sbuf conv = { 0 };
	const char *m = resource_filter_error(f, v, &conv);

	sbuf_free(&conv);
	return m;
}

/* n copies of the two-byte "ä". */
static char *umlauts(size_t n)
{
	char *s = calloc(2 * n + 1, 1);

	for (size_t i = 0; i < n; i++)
		memcpy(s + 2 * i, "\xc3\xa4", 2);
	return s;
}

static void test_resource__text_filter_counts_characters(void **state)
{
	const struct filter q = { .name = "q", .kind = FILTER_TEXT };
	char *ok = umlauts(200), *long_ = umlauts(201);

	(void)state;
	assert_null(verdict(&q, ok)); /* 400 bytes, 200 characters */
	assert_string_equal(verdict(&q, long_),
			    "must be 1 to 200 characters of UTF-8");
	assert_non_null(verdict(&q, ""));
	assert_non_null(verdict(&q, "\xff"));
	free(ok);
	free(long_);
}

static void test_resource__bytes_filter_counts_bytes(void **state)
{
	const struct filter t = { .name = "table",
				  .kind = FILTER_BYTES,
				  .max = 63,
				  .message = "is not a table name" };
	char *u31 = umlauts(31), *u32 = umlauts(32);

	(void)state;
	assert_null(verdict(&t, "membership"));
	assert_null(verdict(&t, u31)); /* 62 bytes */
	assert_string_equal(verdict(&t, u32), "is not a table name");
	assert_string_equal(verdict(&t, ""), "is not a table name");
	free(u31);
	free(u32);
}

static void test_resource__filter_message_overrides_the_kinds(void **state)
{
	const struct filter plain = { .name = "c",
				      .kind = FILTER_ENUM,
				      .values = colours };
	const struct filter own = { .name = "c",
				    .kind = FILTER_ENUM,
				    .values = colours,
				    .message = "must be red or green" };

	(void)state;
	assert_null(verdict(&own, "red"));
	assert_null(verdict(&plain, "green"));
	assert_string_equal(verdict(&plain, "re"),
			    "is not one of the values documented");
	assert_string_equal(verdict(&own, "redd"), "must be red or green");
}

static void test_resource__ags_filter(void **state)
{
	const struct filter m = { .name = "municipality", .kind = FILTER_AGS };

	(void)state;
	assert_null(verdict(&m, "09162000"));
	assert_string_equal(verdict(&m, "0916200"), "must be an 8-digit AGS");
	assert_non_null(verdict(&m, "0916200a"));
}

static void test_resource__enums_filter_converts_to_an_array(void **state)
{
	const struct filter f = { .name = "c",
				  .kind = FILTER_ENUMS,
				  .values = colours };
	struct sbuf conv = { 0 };

	(void)state;
	assert_null(resource_filter_error(&f, "red,green", &conv));
	assert_string_equal(conv.p, "{red,green}");
	sbuf_free(&conv);
	assert_non_null(resource_filter_error(&f, "red,blue", &conv));
	assert_int_equal(conv.len, 0);
	sbuf_free(&conv);
}

static void test_resource__cursor_keys(void **state)
{
	(void)state;
	assert_true(resource_key_valid(KEY_ID, "42"));
	assert_false(resource_key_valid(KEY_ID, "-42"));
	assert_false(resource_key_valid(KEY_ID, "x"));
	assert_true(resource_key_valid(KEY_INT, "-42"));
	assert_true(resource_key_valid(KEY_TEXT, "Müller, Anna"));
	assert_true(resource_key_valid(KEY_TIME, "2026-02-28"));
	assert_false(resource_key_valid(KEY_TIME, "2026-02-30"));
	assert_false(resource_key_valid(KEY_INT32, "2147483648"));
}

static void test_resource__statement_counts_its_parameters(void **state)
{
	struct db_stmt none = DB_QUERY("SELECT 1");
	struct db_stmt some =
		DB_STMT("SELECT $2 WHERE $1 = 'not $9' LIMIT $3::int + 1");

	(void)state;
	assert_int_equal(some.nparams, -1); /* counted on first use */
	assert_int_equal(db_stmt_nparams(&some), 3);
	assert_int_equal(some.nparams, 3);
	assert_int_equal(db_stmt_nparams(&none), 0);
	assert_true(resource_binds(&some, 3));
	assert_true(some.readonly == 0 && none.readonly == 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resource__text_filter_counts_characters),
		cmocka_unit_test(test_resource__bytes_filter_counts_bytes),
		cmocka_unit_test(
			test_resource__filter_message_overrides_the_kinds),
		cmocka_unit_test(test_resource__ags_filter),
		cmocka_unit_test(
			test_resource__enums_filter_converts_to_an_array),
		cmocka_unit_test(test_resource__cursor_keys),
		cmocka_unit_test(
			test_resource__statement_counts_its_parameters),
	};

	return cmocka_run_group_tests_name("test_resource", tests, NULL, NULL);
}
