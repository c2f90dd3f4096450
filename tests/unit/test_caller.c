/*
 * test_caller.c: token claims into the caller and role bits, roles per
 * municipality, and API client scopes (caller.c; no connection needed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "caller.h"
#include "router.h"
#include "util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* As app_begin's claims for a person (see 003_access_control.sql). */
#define PERSON                                                                 \
	"{\"sub\":\"12\",\"did\":1,\"dadm\":false,\"sid\":\"40\","             \
	"\"mem\":[{\"mid\":3,\"ags\":\"05999004\",\"role\":\"officer\","       \
	"\"org\":null},"                                                       \
	"{\"mid\":\"5\",\"ags\":\"05999005\",\"role\":\"partner\","            \
	"\"org\":\"2\"}]}"

#define CLIENT                                                                 \
	"{\"sub\":\"client:7\",\"cid\":7,\"did\":1,\"dadm\":true,"             \
	"\"scope\":\"catalogue:read progress:write\","                         \
	"\"mem\":[{\"mid\":3,\"ags\":\"05999004\",\"role\":\"partner\","       \
	"\"org\":2}]}"

/* caller_parse_claims */

static void test_caller__person_claims_give_roles_and_fields(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(caller_parse_claims(PERSON, &c),
			 ROLE_OFFICER | ROLE_PARTNER);
	assert_true(c.account_id == 12);
	assert_true(c.client_id == 0);
	assert_true(c.session_id == 40);
	assert_true(c.district_id == 1);
	assert_int_equal(c.district_admin, 0);
	assert_string_equal(c.scope, "");
	assert_int_equal(c.nmem, 2);
	assert_true(c.mem[0].mid == 3);
	assert_string_equal(c.mem[0].ags, "05999004");
	assert_int_equal(c.mem[0].role, ROLE_OFFICER);
	assert_true(c.mem[0].org == 0);
	assert_true(c.mem[1].mid == 5);
	assert_string_equal(c.mem[1].ags, "05999005");
	assert_int_equal(c.mem[1].role, ROLE_PARTNER);
	assert_true(c.mem[1].org == 2);
}

static void test_caller__each_role_name_has_its_bit(void **state)
{
	static const struct {
		const char *name;
		unsigned bit;
	} roles[] = {
		{ "officer", ROLE_OFFICER },
		{ "steering", ROLE_STEERING },
		{ "partner", ROLE_PARTNER },
	};
	struct caller c;
	char claims[256];

	(void)state;
	for (size_t i = 0; i < N(roles); i++) {
		snprintf(claims, sizeof(claims),
			 "{\"sub\":\"1\",\"mem\":[{\"mid\":1,\"ags\":"
			 "\"05999004\",\"role\":\"%s\"}]}",
			 roles[i].name);
		assert_int_equal(caller_parse_claims(claims, &c),
				 (int)roles[i].bit);
		assert_int_equal(c.nmem, 1);
		assert_int_equal(c.mem[0].role, roles[i].bit);
	}
}

static void test_caller__person_without_memberships_has_no_roles(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(caller_parse_claims("{\"sub\":\"12\"}", &c), 0);
	assert_true(c.account_id == 12);
	assert_int_equal(c.nmem, 0);
	assert_int_equal(caller_parse_claims("{\"sub\":12,\"mem\":[]}", &c), 0);
	assert_true(c.account_id == 12);
	assert_int_equal(caller_parse_claims("{\"sub\":12,\"mem\":{}}", &c), 0);
	assert_int_equal(c.nmem, 0);
}

static void test_caller__district_admin_bit(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"dadm\":true}", &c),
		ROLE_DISTRICT_ADMIN);
	assert_int_equal(c.district_admin, 1);
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"dadm\":true,\"mem\":[{"
				    "\"mid\":1,\"ags\":\"05999004\",\"role\":"
				    "\"steering\"}]}",
				    &c),
		ROLE_DISTRICT_ADMIN | ROLE_STEERING);
	/* only JSON true makes one */
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"dadm\":false}", &c), 0);
	assert_int_equal(c.district_admin, 0);
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"dadm\":\"true\"}", &c),
		0);
	assert_int_equal(caller_parse_claims("{\"sub\":\"1\",\"dadm\":1}", &c),
			 0);
	assert_int_equal(c.district_admin, 0);
}

static void test_caller__client_claims_name_a_client(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(caller_parse_claims(CLIENT, &c), ROLE_PARTNER);
	assert_true(c.client_id == 7);
	assert_true(c.account_id == 0);
	assert_int_equal(c.district_admin, 0); /* dadm is ignored */
	assert_string_equal(c.scope, "catalogue:read progress:write");
	assert_true(c.district_id == 1);
	assert_int_equal(c.nmem, 1);
	assert_true(c.mem[0].org == 2);
}

static void test_caller__client_is_never_district_admin(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(caller_parse_claims(
				 "{\"cid\":\"9\",\"sub\":\"12\",\"dadm\":true,"
				 "\"scope\":\"catalogue:read\"}",
				 &c),
			 0);
	assert_true(c.client_id == 9);
	assert_true(c.account_id == 0); /* even with a numeric sub */
	assert_int_equal(c.district_admin, 0);
	assert_int_equal(caller_role_in(&c, "05999004", NULL), 0);
}

static void test_caller__scope_longer_than_buffer_is_cut_safely(void **state)
{
	struct caller c;
	char claims[512];
	char scope[300];

	(void)state;
	memset(scope, 'a', sizeof(scope) - 1);
	scope[sizeof(scope) - 1] = '\0';
	snprintf(claims, sizeof(claims), "{\"cid\":1,\"scope\":\"%s\"}", scope);
	assert_int_equal(caller_parse_claims(claims, &c), 0);
	assert_int_equal(strlen(c.scope), sizeof(c.scope) - 1);
}

static void test_caller__malformed_claims_are_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"{",
		"not json",
		"[]",
		"null",
		"42",
		"\"sub\"",
		"{}",
		"{\"sid\":\"1\",\"did\":1}",
		"{\"sub\":null}",
		"{\"sub\":0}",
		"{\"sub\":-3}",
		"{\"sub\":\"0\"}",
		"{\"sub\":\"-3\"}",
		"{\"sub\":\"abc\"}",
		"{\"sub\":true}",
		"{\"sub\":[12]}",
		"{\"cid\":0}",
		"{\"cid\":\"x\",\"scope\":\"catalogue:read\"}",
		"{\"sub\":\"12\"} trailing",
	};
	struct caller c;

	(void)state;
	for (size_t i = 0; i < N(bad); i++) {
		if (caller_parse_claims(bad[i], &c) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_true(c.account_id == 0);
		assert_true(c.client_id == 0);
		assert_int_equal(c.nmem, 0);
	}
}

static void test_caller__parse_clears_previous_caller(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(caller_parse_claims(PERSON, &c),
			 ROLE_OFFICER | ROLE_PARTNER);
	assert_int_equal(caller_parse_claims("{\"sub\":\"3\"}", &c), 0);
	assert_int_equal(c.nmem, 0);
	assert_true(c.session_id == 0);
	assert_int_equal(caller_role_in(&c, "05999004", NULL), 0);
}

static void test_caller__unknown_roles_and_bad_ags_skipped(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(
		caller_parse_claims(
			"{\"sub\":\"1\",\"mem\":["
			"{\"mid\":1,\"ags\":\"05999001\",\"role\":\"admin\"},"
			"{\"mid\":2,\"ags\":\"05999002\",\"role\":\"Officer\"},"
			"{\"mid\":3,\"ags\":\"05999003\"},"
			"{\"mid\":4,\"ags\":\"05999004\",\"role\":4},"
			"{\"mid\":5,\"ags\":\"0599900\",\"role\":\"officer\"},"
			"{\"mid\":6,\"ags\":\"059990060\",\"role\":\"officer\"}"
			","
			"{\"mid\":7,\"ags\":5999007,\"role\":\"officer\"},"
			"{\"mid\":8,\"role\":\"steering\"},"
			"{\"mid\":9,\"ags\":\"\",\"role\":\"steering\"},"
			"\"05999010\",null,[],"
			"{\"mid\":11,\"ags\":\"05999011\",\"role\":"
			"\"steering\"}"
			"]}",
			&c),
		ROLE_STEERING);
	assert_int_equal(c.nmem, 1);
	assert_true(c.mem[0].mid == 11);
	assert_string_equal(c.mem[0].ags, "05999011");
	assert_int_equal(caller_role_in(&c, "05999001", NULL), 0);
	assert_int_equal(caller_role_in(&c, "05999002", NULL), 0);
	assert_int_equal(caller_role_in(&c, "0599900", NULL), 0);
}

static void test_caller__memberships_capped(void **state)
{
	struct sbuf b = { 0 };
	struct caller c;
	int n = CALLER_MAX_MEMBERSHIPS + 6;

	(void)state;
	sbuf_adds(&b, "{\"sub\":\"1\",\"mem\":[");
	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s{\"mid\":%d,\"ags\":\"%08d\",\"role\":\"%s\"}",
			  i ? "," : "", i + 1, i + 1,
			  i < CALLER_MAX_MEMBERSHIPS ? "officer" : "steering");
	sbuf_adds(&b, "]}");
	/* the roles are those of the memberships kept */
	assert_int_equal(caller_parse_claims(b.p, &c), ROLE_OFFICER);
	assert_int_equal(c.nmem, CALLER_MAX_MEMBERSHIPS);
	assert_true(c.mem[CALLER_MAX_MEMBERSHIPS - 1].mid ==
		    CALLER_MAX_MEMBERSHIPS);
	assert_int_equal(caller_role_in(&c, "00000064", NULL), ROLE_OFFICER);
	assert_int_equal(caller_role_in(&c, "00000065", NULL), 0);
	sbuf_free(&b);
}

/* caller_role_in */

static void test_caller__role_in_member_municipality(void **state)
{
	struct caller c;
	long long mid = -1;

	(void)state;
	assert_true(caller_parse_claims(PERSON, &c) > 0);
	assert_int_equal(caller_role_in(&c, "05999004", &mid), ROLE_OFFICER);
	assert_true(mid == 3);
	assert_int_equal(caller_role_in(&c, "05999005", &mid), ROLE_PARTNER);
	assert_true(mid == 5);
	assert_int_equal(caller_role_in(&c, "05999004", NULL), ROLE_OFFICER);
}

static void test_caller__role_in_foreign_municipality_is_none(void **state)
{
	struct caller c;
	long long mid = -1;

	(void)state;
	assert_true(caller_parse_claims(PERSON, &c) > 0);
	assert_int_equal(caller_role_in(&c, "05999006", &mid), 0);
	assert_true(mid == 0);
	assert_int_equal(caller_role_in(&c, "0599900", &mid), 0);
	assert_int_equal(caller_role_in(&c, "059990040", &mid), 0);
	assert_int_equal(caller_role_in(&c, "", &mid), 0);
}

static void test_caller__role_in_combines_memberships_of_one_ags(void **state)
{
	struct caller c;
	long long mid = 0;

	(void)state;
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"mem\":["
				    "{\"mid\":3,\"ags\":\"05999004\",\"role\":"
				    "\"officer\"},"
				    "{\"mid\":3,\"ags\":\"05999004\",\"role\":"
				    "\"partner\",\"org\":8}]}",
				    &c),
		ROLE_OFFICER | ROLE_PARTNER);
	assert_int_equal(caller_role_in(&c, "05999004", &mid),
			 ROLE_OFFICER | ROLE_PARTNER);
	assert_true(mid == 3);
}

static void test_caller__district_admin_holds_role_everywhere(void **state)
{
	struct caller c;
	long long mid = -1;

	(void)state;
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"dadm\":true,\"mem\":[{"
				    "\"mid\":3,\"ags\":\"05999004\",\"role\":"
				    "\"officer\"}]}",
				    &c),
		ROLE_DISTRICT_ADMIN | ROLE_OFFICER);
	assert_int_equal(caller_role_in(&c, "05999099", &mid),
			 ROLE_DISTRICT_ADMIN);
	assert_true(mid == 0); /* the token names no such municipality */
	assert_int_equal(caller_role_in(&c, "05999004", &mid),
			 ROLE_DISTRICT_ADMIN | ROLE_OFFICER);
	assert_true(mid == 3);
}

/* caller_has_scope */

static void test_caller__person_has_every_scope(void **state)
{
	struct caller c;

	(void)state;
	assert_true(caller_parse_claims(PERSON, &c) > 0);
	assert_true(caller_has_scope(&c, "catalogue:read"));
	assert_true(caller_has_scope(&c, "offers:write"));
}

static void test_caller__client_scope_matches_whole_words(void **state)
{
	static const struct {
		const char *granted, *asked;
		int has;
	} cases[] = {
		{ "catalogue:read progress:write", "catalogue:read", 1 },
		{ "catalogue:read progress:write", "progress:write", 1 },
		{ "catalogue:read", "catalogue:read", 1 },
		{ "catalogue:read progress:write", "events:write", 0 },
		{ "catalogue:read progress:write", "catalogue", 0 },
		{ "catalogue:read progress:write", "read", 0 },
		{ "catalogue:read progress:write", "catalogue:rea", 0 },
		{ "catalogue:read progress:write", "read progress", 0 },
		{ "catalogue:reader", "catalogue:read", 0 },
		{ "x catalogue:rea", "catalogue:read", 0 },
		{ "xcatalogue:read", "catalogue:read", 0 },
		{ "catalogue:read:x", "catalogue:read", 0 },
		{ "Catalogue:read", "catalogue:read", 0 },
		{ "catalogue:reader catalogue:read", "catalogue:read", 1 },
		{ "xcatalogue:read catalogue:read", "catalogue:read", 1 },
		{ "", "catalogue:read", 0 },
	};
	struct caller c;

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		memset(&c, 0, sizeof(c));
		c.client_id = 7;
		snprintf(c.scope, sizeof(c.scope), "%s", cases[i].granted);
		if (caller_has_scope(&c, cases[i].asked) != cases[i].has)
			fail_msg("granted \"%s\", asked \"%s\": expected %d",
				 cases[i].granted, cases[i].asked,
				 cases[i].has);
	}
}

static void test_caller__client_without_scope_claim_has_none(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(caller_parse_claims("{\"cid\":7}", &c), 0);
	assert_false(caller_has_scope(&c, "catalogue:read"));
	assert_int_equal(
		caller_parse_claims("{\"cid\":7,\"scope\":[\"catalogue:"
				    "read\"]}",
				    &c),
		0);
	assert_false(caller_has_scope(&c, "catalogue:read"));
}

static void test_caller__empty_scope_is_never_held(void **state)
{
	struct caller c;

	(void)state;
	caller_parse_claims(CLIENT, &c);
	assert_int_equal(caller_has_scope(&c, ""), 0);
}

static void test_caller__ids_are_plain_digits(void **state)
{
	static const char *const bad[] = {
		"12abc", " 12", "+12", "1e3", "1234567890123456789", ""
	};
	char json[128];
	struct caller c;

	(void)state;
	for (size_t i = 0; i < N(bad); i++) {
		snprintf(json, sizeof(json), "{\"sub\":\"%s\",\"mem\":[]}",
			 bad[i]);
		assert_int_equal(caller_parse_claims(json, &c), -1);
	}
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"123456789012345678\"}", &c), 0);
	assert_true(c.account_id == 123456789012345678LL);
}

static void test_caller__membership_ags_must_be_digits(void **state)
{
	struct caller c;

	(void)state;
	assert_int_equal(
		caller_parse_claims("{\"sub\":\"1\",\"mem\":[{\"mid\":1,"
				    "\"ags\":\"abcdefgh\",\"role\":"
				    "\"officer\"}]}",
				    &c),
		0);
	assert_int_equal(c.nmem, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_caller__person_claims_give_roles_and_fields),
		cmocka_unit_test(test_caller__each_role_name_has_its_bit),
		cmocka_unit_test(
			test_caller__person_without_memberships_has_no_roles),
		cmocka_unit_test(test_caller__district_admin_bit),
		cmocka_unit_test(test_caller__client_claims_name_a_client),
		cmocka_unit_test(test_caller__client_is_never_district_admin),
		cmocka_unit_test(
			test_caller__scope_longer_than_buffer_is_cut_safely),
		cmocka_unit_test(test_caller__malformed_claims_are_refused),
		cmocka_unit_test(test_caller__parse_clears_previous_caller),
		cmocka_unit_test(
			test_caller__unknown_roles_and_bad_ags_skipped),
		cmocka_unit_test(test_caller__memberships_capped),
		cmocka_unit_test(test_caller__role_in_member_municipality),
		cmocka_unit_test(
			test_caller__role_in_foreign_municipality_is_none),
		cmocka_unit_test(
			test_caller__role_in_combines_memberships_of_one_ags),
		cmocka_unit_test(
			test_caller__district_admin_holds_role_everywhere),
		cmocka_unit_test(test_caller__person_has_every_scope),
		cmocka_unit_test(test_caller__client_scope_matches_whole_words),
		cmocka_unit_test(test_caller__empty_scope_is_never_held),
		cmocka_unit_test(test_caller__ids_are_plain_digits),
		cmocka_unit_test(test_caller__membership_ags_must_be_digits),
		cmocka_unit_test(
			test_caller__client_without_scope_claim_has_none),
	};

	return cmocka_run_group_tests_name("test_auth", tests, NULL, NULL);
}
