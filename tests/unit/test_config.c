/* test_config.c: defaults, TEILHABE_* variables and flags of config.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"

/* The fake environment the current test sees (name=value pairs). */
static const char *const *fake_env;

static const char *env_get(const char *name)
{
	size_t n = strlen(name);

	for (const char *const *e = fake_env; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static int setup(void **state)
{
	(void)state;
	fake_env = NULL;
	return 0;
}

static void test_config__defaults_without_env_or_flags(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", NULL };
	int argc = 1;
	char err[256] = "";

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_string_equal(c.database_url,
			    "postgresql:///teilhabe?user=teilhabe_app");
	assert_string_equal(c.owner_database_url,
			    "postgresql:///teilhabe?user=teilhabe_owner");
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_string_equal(c.web_root, "web");
	assert_string_equal(c.sql_dir, "sql");
	assert_string_equal(c.openapi_path, "openapi.yaml");
	assert_string_equal(c.cors_origins, "");
	assert_int_equal(c.body_limit, 1048576);
	assert_int_equal(c.pool_size, 4);
	assert_int_equal(c.pool_timeout_ms, 2000);
	assert_int_equal(c.threads, 512);
	assert_int_equal(c.request_timeout_ms, 10000);
	assert_int_equal(c.shutdown_grace_ms, 10000);
	assert_int_equal(argc, 1);
	assert_string_equal(err, "");
	config_free(&c);
	assert_null(c.database_url);
}

static void test_config__null_getenv_gives_defaults(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", NULL };
	int argc = 1;
	char err[256];

	(void)state;
	assert_int_equal(config_load(&c, &argc, argv, NULL, err, sizeof(err)),
			 0);
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_int_equal(c.pool_size, 4);
	config_free(&c);
}

static void test_config__env_overrides_defaults(void **state)
{
	static const char *const env[] = {
		"TEILHABE_DATABASE_URL=postgresql://db/x",
		"TEILHABE_LISTEN=0.0.0.0:9000",
		"TEILHABE_WEB_ROOT=",
		"TEILHABE_DB_POOL_SIZE=16",
		"TEILHABE_BODY_LIMIT=1",
		"TEILHABE_CORS_ORIGINS=https://a.example,https://b.example",
		"TEILHABE_SHUTDOWN_GRACE_MS=0",
		NULL,
	};
	struct config c;
	char *argv[] = { "teilhabe", NULL };
	int argc = 1;
	char err[256];

	(void)state;
	fake_env = env;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_string_equal(c.database_url, "postgresql://db/x");
	assert_string_equal(c.listen, "0.0.0.0:9000");
	assert_string_equal(c.web_root, "");
	assert_int_equal(c.pool_size, 16);
	assert_int_equal(c.body_limit, 1);
	assert_string_equal(c.cors_origins,
			    "https://a.example,https://b.example");
	assert_int_equal(c.shutdown_grace_ms, 0);
	assert_string_equal(c.sql_dir, "sql"); /* untouched */
	config_free(&c);
}

static void test_config__flag_with_equals_overrides_env(void **state)
{
	static const char *const env[] = {
		"TEILHABE_LISTEN=0.0.0.0:9000",
		"TEILHABE_THREADS=8",
		NULL,
	};
	struct config c;
	char *argv[] = { "teilhabe", "--listen=[::1]:81", "--threads=3",
			 "--web-root=", NULL };
	int argc = 4;
	char err[256];

	(void)state;
	fake_env = env;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_string_equal(c.listen, "[::1]:81");
	assert_int_equal(c.threads, 3);
	assert_string_equal(c.web_root, "");
	assert_int_equal(argc, 1);
	assert_null(argv[1]);
	config_free(&c);
}

static void test_config__flag_with_separate_value(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe",	"--sql-dir", "/srv/sql",
			 "--pool-size", "256",	     NULL };
	int argc = 5;
	char err[256];

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_string_equal(c.sql_dir, "/srv/sql");
	assert_int_equal(c.pool_size, 256);
	assert_int_equal(argc, 1);
	config_free(&c);
}

static void test_config__last_flag_wins(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", "--listen=a:1", "--listen", "b:2", NULL };
	int argc = 4;
	char err[256];

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_string_equal(c.listen, "b:2");
	config_free(&c);
}

static void test_config__positional_args_left_in_argv(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe",	 "migrate", "--threads", "2", "extra",
			 "--listen=x:1", "-v",	    "--",	 NULL };
	int argc = 8;
	char err[256];

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_int_equal(argc, 5);
	assert_string_equal(argv[0], "teilhabe");
	assert_string_equal(argv[1], "migrate");
	assert_string_equal(argv[2], "extra");
	assert_string_equal(argv[3], "-v");
	assert_string_equal(argv[4], "--");
	assert_null(argv[5]);
	assert_int_equal(c.threads, 2);
	assert_string_equal(c.listen, "x:1");
	config_free(&c);
}

static void test_config__unknown_flag_is_an_error(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", "--listen=x", "--no-such=1", NULL };
	int argc = 3;
	char err[256] = "";

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown option --no-such"));
	config_free(&c);
}

static void test_config__flag_prefix_is_not_accepted(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", "--pool=3", NULL };
	int argc = 2;
	char err[256] = "";

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown"));
	config_free(&c);
}

static void test_config__flag_without_value_is_an_error(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", "--listen", NULL };
	int argc = 2;
	char err[256] = "";

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--listen"));
	config_free(&c);
}

static void test_config__out_of_range_flag_is_an_error(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", "--pool-size=257", NULL };
	int argc = 2;
	char err[256] = "";

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "257"));
	assert_non_null(strstr(err, "1 to 256"));
	config_free(&c);
}

static void test_config__zero_and_junk_numbers_are_errors(void **state)
{
	static const char *const bad[] = { "--threads=0",
					   "--threads=",
					   "--threads=12x",
					   "--threads= 2",
					   "--body-limit=1073741825",
					   "--request-timeout-ms=99" };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct config c;
		char *argv[] = { "teilhabe", (char *)(uintptr_t)bad[i], NULL };
		int argc = 2;
		char err[256] = "";

		assert_int_equal(
			config_load(&c, &argc, argv, env_get, err, sizeof(err)),
			-1);
		assert_true(err[0] != '\0');
		config_free(&c);
	}
}

static void test_config__out_of_range_env_is_an_error(void **state)
{
	static const char *const env[] = {
		"TEILHABE_DB_POOL_TIMEOUT_MS=600001",
		NULL,
	};
	struct config c;
	char *argv[] = { "teilhabe", NULL };
	int argc = 1;
	char err[256] = "";

	(void)state;
	fake_env = env;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "TEILHABE_DB_POOL_TIMEOUT_MS"));
	assert_non_null(strstr(err, "600001"));
	config_free(&c);
}

static void test_config__range_bounds_are_inclusive(void **state)
{
	struct config c;
	char *argv[] = { "teilhabe", "--body-limit=1073741824",
			 "--request-timeout-ms=100", "--threads=4096", NULL };
	int argc = 4;
	char err[256];

	(void)state;
	assert_int_equal(
		config_load(&c, &argc, argv, env_get, err, sizeof(err)), 0);
	assert_int_equal(c.body_limit, 1073741824L);
	assert_int_equal(c.request_timeout_ms, 100);
	assert_int_equal(c.threads, 4096);
	config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(
			test_config__defaults_without_env_or_flags, setup),
		cmocka_unit_test_setup(test_config__null_getenv_gives_defaults,
				       setup),
		cmocka_unit_test_setup(test_config__env_overrides_defaults,
				       setup),
		cmocka_unit_test_setup(
			test_config__flag_with_equals_overrides_env, setup),
		cmocka_unit_test_setup(test_config__flag_with_separate_value,
				       setup),
		cmocka_unit_test_setup(test_config__last_flag_wins, setup),
		cmocka_unit_test_setup(
			test_config__positional_args_left_in_argv, setup),
		cmocka_unit_test_setup(test_config__unknown_flag_is_an_error,
				       setup),
		cmocka_unit_test_setup(test_config__flag_prefix_is_not_accepted,
				       setup),
		cmocka_unit_test_setup(
			test_config__flag_without_value_is_an_error, setup),
		cmocka_unit_test_setup(
			test_config__out_of_range_flag_is_an_error, setup),
		cmocka_unit_test_setup(
			test_config__zero_and_junk_numbers_are_errors, setup),
		cmocka_unit_test_setup(
			test_config__out_of_range_env_is_an_error, setup),
		cmocka_unit_test_setup(test_config__range_bounds_are_inclusive,
				       setup),
	};

	return cmocka_run_group_tests_name("test_config", tests, NULL, NULL);
}
