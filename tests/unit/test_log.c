/* test_log.c: error lines of log.c: the request id, rate limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

/* Runs fn with stderr going to a buffer; returns what it wrote. */
static char *capture_stderr(void (*fn)(struct log_limit *), struct log_limit *l)
{
	static char buf[8192];
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	assert_non_null(tmp);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	fn(l);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	return buf;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void hundred(struct log_limit *l)
{
	for (int i = 0; i < 100; i++)
		log_limited(l, "database connection failed: %d", i);
}

static void one(struct log_limit *l)
{
	log_limited(l, "database connection failed: again");
}

static void test_log__limited_logs_the_first_of_a_burst_only(void **state)
{
	struct log_limit l = LOG_LIMIT(3600);
	char *out;

	(void)state;
	out = capture_stderr(hundred, &l);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(
		strstr(out, "teilhabe: database connection failed: 0\n"));
}

static void test_log__limited_counts_what_it_left_out(void **state)
{
	struct log_limit l = LOG_LIMIT(3600);
	char *out;

	(void)state;
	capture_stderr(hundred, &l);
	l.last_us -= 3601 * 1000000LL; /* the interval is over */
	out = capture_stderr(one, &l);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(strstr(out, "again (and 99 more like it since the "
				    "last such line)"));
}

static void in_request(struct log_limit *l)
{
	(void)l;
	log_set_request("req-42");
	log_error("database error %s: %s", "XX000", "boom");
	log_set_request(NULL);
	log_error("after the reply");
}

static void test_log__error_names_the_request_while_one_is_served(void **state)
{
	char *out;

	(void)state;
	out = capture_stderr(in_request, NULL);
	assert_int_equal(count_lines(out), 2);
	assert_non_null(strstr(
		out,
		"Z teilhabe: database error XX000: boom (request req-42)\n"));
	assert_non_null(strstr(out, "Z teilhabe: after the reply\n"));
	assert_null(strstr(out, "after the reply (request"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_log__limited_logs_the_first_of_a_burst_only),
		cmocka_unit_test(test_log__limited_counts_what_it_left_out),
		cmocka_unit_test(
			test_log__error_names_the_request_while_one_is_served),
	};

	return cmocka_run_group_tests_name("test_log", tests, NULL, NULL);
}
