/*
 * test_access.c: the access decision of dispatch (access.c) as a function
 * of route, caller and path AGS, its statuses, and the route table's
 * access entries (routes.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "access.h"
#include "caller.h"
#include "router.h"
#include "routes.h"

static int h(struct req *r)
{
	(void)r;
	return 200;
}

/* officer in 05999004, partner in 05999005 */
#define PERSON                                                                 \
	"{\"sub\":\"12\",\"did\":1,\"dadm\":false,"                            \
	"\"mem\":[{\"mid\":3,\"ags\":\"05999004\",\"role\":\"officer\"},"      \
	"{\"mid\":5,\"ags\":\"05999005\",\"role\":\"partner\",\"org\":2}]}"
/* an API client, partner in 05999004, with catalogue:read only */
#define CLIENT                                                                 \
	"{\"sub\":\"client:7\",\"cid\":7,\"did\":1,"                           \
	"\"scope\":\"catalogue:read\","                                        \
	"\"mem\":[{\"mid\":3,\"ags\":\"05999004\",\"role\":\"partner\","       \
	"\"org\":2}]}"
#define ADMIN "{\"sub\":\"1\",\"did\":1,\"dadm\":true,\"mem\":[]}"

static const struct route tenant_read = ROUTE(
	"GET", "/m/{ags}/x", h, ROLES_READERS, "catalogue:read", ROUTE_TENANT);
static const struct route tenant_write =
	ROUTE("POST", "/m/{ags}/x", h, ROLES_MANAGERS, NULL,
	      ROUTE_TENANT | ROUTE_BODY_JSON);
static const struct route tenant_report =
	ROUTE("POST", "/m/{ags}/r", h, ROLES_REPORTERS, "progress:write",
	      ROUTE_TENANT | ROUTE_BODY_JSON);
static const struct route public_read =
	ROUTE("GET", "/p/{ags}/x", h, ROLE_ANYONE, NULL, ROUTE_PUBLIC);
static const struct route signed_in =
	ROUTE("GET", "/me", h, ROLE_SIGNED_IN, NULL, 0);

static unsigned parse(const char *claims, struct caller *c)
{
	int roles = caller_parse_claims(claims, c);

	assert_true(roles >= 0);
	return roles ? (unsigned)roles : ROLE_MEMBERLESS;
}

static void test_access__anonymous_needs_to_sign_in(void **state)
{
	struct caller none;

	(void)state;
	memset(&none, 0, sizeof(none));
	assert_int_equal(
		access_route(&tenant_read, ROLE_ANON, &none, "05999004"),
		ACCESS_SIGN_IN);
	assert_int_equal(access_route(&signed_in, ROLE_ANON, &none, NULL),
			 ACCESS_SIGN_IN);
	assert_int_equal(
		access_route(&public_read, ROLE_ANON, &none, "05999004"),
		ACCESS_OK);
	assert_int_equal(access_status(ACCESS_SIGN_IN), 401);
}

static void test_access__no_role_anywhere_is_404_elsewhere_403(void **state)
{
	struct caller c;
	unsigned held = parse(CLIENT, &c); /* partner only */

	(void)state;
	/* a municipality the caller holds nothing in: as if not there */
	assert_int_equal(access_route(&tenant_write, held, &c, "05999005"),
			 ACCESS_ELSEWHERE);
	/* a malformed AGS is no municipality of the caller's either */
	assert_int_equal(access_route(&tenant_write, held, &c, "x"),
			 ACCESS_ELSEWHERE);
	/* its own: the role is what is missing */
	assert_int_equal(access_route(&tenant_write, held, &c, "05999004"),
			 ACCESS_ROLE);
	/* no {ags} in the path */
	assert_int_equal(access_route(&tenant_write, held, &c, NULL),
			 ACCESS_ROLE);
	assert_int_equal(access_status(ACCESS_ELSEWHERE), 404);
	assert_int_equal(access_status(ACCESS_ROLE), 403);
}

static void test_access__role_anywhere_passes_first_step(void **state)
{
	struct caller c;
	unsigned held = parse(PERSON, &c);

	(void)state;
	/* officer somewhere: the first step lets a write through anywhere */
	assert_int_equal(access_route(&tenant_write, held, &c, "05999005"),
			 ACCESS_OK);
	assert_int_equal(access_route(&signed_in, held, &c, NULL), ACCESS_OK);
	assert_int_equal(access_route(&signed_in, ROLE_MEMBERLESS, &c, NULL),
			 ACCESS_OK);
}

static void test_access__role_in_the_path_municipality(void **state)
{
	struct caller c;

	(void)state;
	parse(PERSON, &c);
	assert_int_equal(access_tenant(&tenant_write, &c, "05999004"),
			 ACCESS_OK);
	/* a partner there */
	assert_int_equal(access_tenant(&tenant_write, &c, "05999005"),
			 ACCESS_ROLE_HERE);
	assert_int_equal(access_tenant(&tenant_read, &c, "05999005"),
			 ACCESS_OK);
	/* nothing there */
	assert_int_equal(access_tenant(&tenant_read, &c, "05999006"),
			 ACCESS_ELSEWHERE);
	assert_int_equal(access_status(ACCESS_ROLE_HERE), 403);
}

static void test_access__malformed_ags_is_400_before_role(void **state)
{
	struct caller c;

	(void)state;
	parse(PERSON, &c);
	assert_int_equal(access_tenant(&tenant_read, &c, "0599900"),
			 ACCESS_BAD_AGS);
	assert_int_equal(access_tenant(&tenant_read, &c, NULL), ACCESS_BAD_AGS);
	assert_int_equal(access_tenant(&public_read, &c, "abcdefgh"),
			 ACCESS_BAD_AGS);
	assert_int_equal(access_status(ACCESS_BAD_AGS), 400);
	/* a route of neither kind does not look at {ags} */
	assert_int_equal(access_tenant(&signed_in, &c, "x"), ACCESS_OK);
}

static void test_access__public_needs_no_caller(void **state)
{
	struct caller none;

	(void)state;
	memset(&none, 0, sizeof(none));
	assert_int_equal(access_tenant(&public_read, &none, "05999004"),
			 ACCESS_OK);
}

static void test_access__client_scope_after_role(void **state)
{
	struct caller c;

	(void)state;
	parse(CLIENT, &c);
	assert_int_equal(access_tenant(&tenant_read, &c, "05999004"),
			 ACCESS_OK);
	assert_int_equal(access_tenant(&tenant_report, &c, "05999004"),
			 ACCESS_SCOPE);
	/* the role is checked first */
	assert_int_equal(access_tenant(&tenant_write, &c, "05999004"),
			 ACCESS_ROLE_HERE);
	assert_int_equal(access_tenant(&tenant_report, &c, "05999005"),
			 ACCESS_ELSEWHERE);
	assert_int_equal(access_status(ACCESS_SCOPE), 403);
	/* people have every scope */
	parse(PERSON, &c);
	assert_int_equal(access_tenant(&tenant_report, &c, "05999004"),
			 ACCESS_OK);
}

static void test_access__district_admin_everywhere(void **state)
{
	struct caller c;
	unsigned held = parse(ADMIN, &c);

	(void)state;
	assert_int_equal(access_route(&tenant_write, held, &c, "09999999"),
			 ACCESS_OK);
	assert_int_equal(access_tenant(&tenant_write, &c, "09999999"),
			 ACCESS_OK);
	assert_int_equal(access_in_municipality(&c, "09999999", ROLE_STEERING),
			 ACCESS_ROLE_HERE);
}

static void test_access__role_names(void **state)
{
	char b[160];

	(void)state;
	assert_string_equal(access_role_names(ROLE_ANYONE, b, sizeof(b)),
			    "[\"anyone\"]");
	assert_string_equal(access_role_names(ROLE_SIGNED_IN, b, sizeof(b)),
			    "[\"signed_in\"]");
	assert_string_equal(access_role_names(ROLES_READERS, b, sizeof(b)),
			    "[\"officer\",\"steering\",\"partner\","
			    "\"district_admin\"]");
	assert_string_equal(access_role_names(ROLES_ADOPTERS, b, sizeof(b)),
			    "[\"steering\",\"district_admin\"]");
}

static int has_ags(const struct route *rt)
{
	return strstr(rt->path, "/{ags}") != NULL;
}

/* The table's access entries are consistent with each other. */
static void test_access__route_table_is_consistent(void **state)
{
	(void)state;
	for (size_t i = 0; i < route_count; i++) {
		const struct route *rt = &routes[i];

		assert_non_null(rt->name);
		assert_true(rt->roles != 0);
		/* tenant and public need the {ags} they check */
		if (rt->flags & (ROUTE_TENANT | ROUTE_PUBLIC))
			assert_true(has_ags(rt));
		assert_false((rt->flags & ROUTE_TENANT) &&
			     (rt->flags & ROUTE_PUBLIC));
		/* a route of a municipality's is one or the other */
		if (has_ags(rt))
			assert_true(rt->flags & (ROUTE_TENANT | ROUTE_PUBLIC));
		/* tenant routes are not for the anonymous, public ones are */
		if (rt->flags & ROUTE_TENANT)
			assert_false(rt->roles & ROLE_ANON);
		if (rt->flags & ROUTE_PUBLIC)
			assert_int_equal(rt->roles, ROLE_ANYONE);
		/* a scope is checked against a municipality's client */
		if (rt->scope)
			assert_true(rt->flags & ROUTE_TENANT);
		if (rt->flags & ROUTE_IDEMPOTENT)
			assert_string_equal(rt->method, "POST");
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(rt->name, routes[j].name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_access__anonymous_needs_to_sign_in),
		cmocka_unit_test(
			test_access__no_role_anywhere_is_404_elsewhere_403),
		cmocka_unit_test(test_access__role_anywhere_passes_first_step),
		cmocka_unit_test(test_access__role_in_the_path_municipality),
		cmocka_unit_test(test_access__malformed_ags_is_400_before_role),
		cmocka_unit_test(test_access__public_needs_no_caller),
		cmocka_unit_test(test_access__client_scope_after_role),
		cmocka_unit_test(test_access__district_admin_everywhere),
		cmocka_unit_test(test_access__role_names),
		cmocka_unit_test(test_access__route_table_is_consistent),
	};

	return cmocka_run_group_tests_name("test_access", tests, NULL, NULL);
}
