/* test_router.c: path matching, parameters and 405s of router.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "router.h"

static int h_list(struct req *r)
{
	(void)r;
	return 200;
}

static int h_create(struct req *r)
{
	(void)r;
	return 201;
}

static int h_get(struct req *r)
{
	(void)r;
	return 200;
}

static const struct route routes[] = {
	ROUTE("GET", "/api/v1/municipalities", h_list, ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures", h_list,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("POST", "/api/v1/municipalities/{ags}/measures", h_create,
	      ROLE_OFFICER, NULL, ROUTE_BODY_JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures/{id}", h_get,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/measures/{id}", h_get,
	      ROLE_OFFICER, NULL, ROUTE_BODY_JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures/new", h_get,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/measures/{id}", h_get,
	      ROLE_OFFICER, NULL, 0),
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

static int match(const char *method, const char *path, struct route_match *m)
{
	return router_match(routes, NROUTES, method, path, m);
}

static void test_router__literal_path_matches(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("GET", "/api/v1/municipalities", &m), 0);
	assert_ptr_equal(m.route, &routes[0]);
	assert_int_equal(m.nparams, 0);
	assert_string_equal(m.allow, "");
}

static void test_router__captures_parameters_by_name(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(
		match("GET", "/api/v1/municipalities/09162000/measures/42", &m),
		0);
	assert_ptr_equal(m.route, &routes[3]);
	assert_int_equal(m.nparams, 2);
	assert_string_equal(route_param(&m, "ags"), "09162000");
	assert_string_equal(route_param(&m, "id"), "42");
	assert_null(route_param(&m, "i"));
	assert_null(route_param(&m, "idx"));
	assert_null(route_param(&m, "missing"));
}

static void test_router__picks_route_of_matching_method(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(
		match("POST", "/api/v1/municipalities/01001000/measures", &m),
		0);
	assert_ptr_equal(m.route, &routes[2]);
	assert_ptr_equal(m.route->handler, h_create);
	assert_string_equal(m.route->name, "h_create");
	assert_string_equal(route_param(&m, "ags"), "01001000");
}

static void test_router__first_matching_route_wins(void **state)
{
	struct route_match m;

	(void)state;
	/* "{id}" comes before the literal "new" in the table */
	assert_int_equal(
		match("GET", "/api/v1/municipalities/1/measures/new", &m), 0);
	assert_ptr_equal(m.route, &routes[3]);
	assert_string_equal(route_param(&m, "id"), "new");
}

static void test_router__trailing_slash_is_not_found(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("GET", "/api/v1/municipalities/", &m),
			 ROUTER_NOT_FOUND);
	assert_null(m.route);
	assert_int_equal(match("GET", "/api/v1/municipalities/1/measures/", &m),
			 ROUTER_NOT_FOUND);
}

static void test_router__extra_segment_is_not_found(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(
		match("GET", "/api/v1/municipalities/1/measures/2/x", &m),
		ROUTER_NOT_FOUND);
	assert_null(m.route);
	assert_string_equal(m.allow, "");
}

static void test_router__missing_segment_is_not_found(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("GET", "/api/v1/municipalities/1", &m),
			 ROUTER_NOT_FOUND);
	assert_int_equal(match("GET", "/api/v1", &m), ROUTER_NOT_FOUND);
	assert_int_equal(match("GET", "", &m), ROUTER_NOT_FOUND);
	assert_int_equal(match("GET", "api/v1/municipalities", &m),
			 ROUTER_NOT_FOUND);
}

static void test_router__literal_segments_are_case_sensitive(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("GET", "/api/v1/Municipalities", &m),
			 ROUTER_NOT_FOUND);
	assert_int_equal(match("GET", "/API/V1/MUNICIPALITIES", &m),
			 ROUTER_NOT_FOUND);
}

static void test_router__method_is_case_sensitive(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("get", "/api/v1/municipalities", &m),
			 ROUTER_METHOD_NOT_ALLOWED);
	assert_null(m.route);
	assert_string_equal(m.allow, "GET");
}

static void test_router__405_lists_allowed_methods(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("PUT", "/api/v1/municipalities/1/measures", &m),
			 ROUTER_METHOD_NOT_ALLOWED);
	assert_null(m.route);
	assert_string_equal(m.allow, "GET, POST");
}

static void test_router__405_lists_each_method_once(void **state)
{
	struct route_match m;

	(void)state;
	/* GET matches both ".../{id}" and ".../new" */
	assert_int_equal(
		match("POST", "/api/v1/municipalities/1/measures/new", &m),
		ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(m.allow, "GET, PATCH, DELETE");
}

static void test_router__405_when_only_other_method_matches(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("DELETE", "/api/v1/municipalities", &m),
			 ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(m.allow, "GET");
}

static void test_router__empty_parameter_segment_is_not_found(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(match("GET", "/api/v1/municipalities//measures", &m),
			 ROUTER_NOT_FOUND);
	assert_int_equal(match("GET", "/api/v1/municipalities/1/measures/", &m),
			 ROUTER_NOT_FOUND);
}

static void test_router__parameter_of_127_chars_matches(void **state)
{
	struct route_match m;
	char path[256];
	char value[ROUTE_MAX_VALUE];

	(void)state;
	memset(value, 'a', ROUTE_MAX_VALUE - 1);
	value[ROUTE_MAX_VALUE - 1] = '\0';
	snprintf(path, sizeof(path), "/api/v1/municipalities/%s/measures",
		 value);
	assert_int_equal(match("GET", path, &m), 0);
	assert_string_equal(route_param(&m, "ags"), value);
}

static void test_router__overlong_parameter_is_not_found(void **state)
{
	struct route_match m;
	char path[512];
	char value[ROUTE_MAX_VALUE + 1];

	(void)state;
	memset(value, 'a', ROUTE_MAX_VALUE);
	value[ROUTE_MAX_VALUE] = '\0';
	snprintf(path, sizeof(path), "/api/v1/municipalities/%s/measures",
		 value);
	assert_int_equal(match("GET", path, &m), ROUTER_NOT_FOUND);
	assert_null(m.route);
	assert_int_equal(match("POST", path, &m), ROUTER_NOT_FOUND);
}

static void test_router__empty_table_is_not_found(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(
		router_match(routes, 0, "GET", "/api/v1/municipalities", &m),
		ROUTER_NOT_FOUND);
}

static void test_router__root_template_matches_only_root(void **state)
{
	static const struct route root[] = {
		ROUTE("GET", "/", h_get, ROLE_ANYONE, NULL, 0),
	};
	struct route_match m;

	(void)state;
	assert_int_equal(router_match(root, 1, "GET", "/", &m), 0);
	assert_ptr_equal(m.route, &root[0]);
	assert_int_equal(router_match(root, 1, "GET", "/x", &m),
			 ROUTER_NOT_FOUND);
	assert_int_equal(router_match(root, 1, "GET", "//", &m),
			 ROUTER_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router__literal_path_matches),
		cmocka_unit_test(test_router__captures_parameters_by_name),
		cmocka_unit_test(test_router__picks_route_of_matching_method),
		cmocka_unit_test(test_router__first_matching_route_wins),
		cmocka_unit_test(test_router__trailing_slash_is_not_found),
		cmocka_unit_test(test_router__extra_segment_is_not_found),
		cmocka_unit_test(test_router__missing_segment_is_not_found),
		cmocka_unit_test(
			test_router__literal_segments_are_case_sensitive),
		cmocka_unit_test(test_router__method_is_case_sensitive),
		cmocka_unit_test(test_router__405_lists_allowed_methods),
		cmocka_unit_test(test_router__405_lists_each_method_once),
		cmocka_unit_test(
			test_router__405_when_only_other_method_matches),
		cmocka_unit_test(
			test_router__empty_parameter_segment_is_not_found),
		cmocka_unit_test(test_router__parameter_of_127_chars_matches),
		cmocka_unit_test(test_router__overlong_parameter_is_not_found),
		cmocka_unit_test(test_router__empty_table_is_not_found),
		cmocka_unit_test(test_router__root_template_matches_only_root),
	};

	return cmocka_run_group_tests_name("test_router", tests, NULL, NULL);
}
