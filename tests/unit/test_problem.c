/*
 * test_problem.c: RFC 9457 problem documents, reason phrases and the
 * API_E* to HTTP status table (reply.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "api.h"
#include "reply.h"
#include "req.h"
#include "util.h"

/* Builds a problem and parses it back; the document must be valid JSON. */
static json_t *build(int status, const char *detail, const char *request_id,
		     const char *errors)
{
	struct sbuf b = { 0 };
	json_error_t e;
	json_t *doc;

	problem_build(&b, status, detail, request_id, errors);
	doc = json_loadb(b.p, b.len, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		fail_msg("not JSON: %s in %s", e.text, b.p);
	sbuf_free(&b);
	return doc;
}

static const char *str(json_t *doc, const char *key)
{
	return json_string_value(json_object_get(doc, key));
}

static void test_problem__minimal_has_type_title_status_only(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	problem_build(&b, 404, NULL, NULL, NULL);
	assert_string_equal(b.p, "{\"type\":\"/problems/not-found\","
				 "\"title\":\"Not Found\",\"status\":404}");
	sbuf_free(&b);
}

static void test_problem__includes_detail_request_id_and_errors(void **state)
{
	json_t *doc;
	json_t *errors;

	(void)state;
	doc = build(422, "Check the fields.", "abc-123",
		    "[{\"field\":\"title\",\"message\":\"required\"}]");
	assert_string_equal(str(doc, "type"),
			    "/problems/unprocessable-content");
	assert_string_equal(str(doc, "title"), "Unprocessable Content");
	assert_int_equal(json_integer_value(json_object_get(doc, "status")),
			 422);
	assert_string_equal(str(doc, "detail"), "Check the fields.");
	assert_string_equal(str(doc, "request_id"), "abc-123");
	errors = json_object_get(doc, "errors");
	assert_true(json_is_array(errors));
	assert_int_equal(json_array_size(errors), 1);
	assert_string_equal(str(json_array_get(errors, 0), "field"), "title");
	assert_int_equal(json_object_size(doc), 6);
	json_decref(doc);
}

static void test_problem__escapes_detail(void **state)
{
	json_t *doc;

	(void)state;
	doc = build(400, "bad \"x\"\\\n\x01 \xc3\x96", "id", NULL);
	assert_string_equal(str(doc, "detail"), "bad \"x\"\\\n\x01 \xc3\x96");
	assert_null(json_object_get(doc, "errors"));
	json_decref(doc);
}

static void test_problem__unknown_status_is_about_blank(void **state)
{
	json_t *doc;

	(void)state;
	doc = build(418, NULL, NULL, NULL);
	assert_string_equal(str(doc, "type"), "about:blank");
	assert_string_equal(str(doc, "title"), "Client Error");
	assert_int_equal(json_integer_value(json_object_get(doc, "status")),
			 418);
	json_decref(doc);
	doc = build(599, NULL, NULL, NULL);
	assert_string_equal(str(doc, "type"), "about:blank");
	assert_string_equal(str(doc, "title"), "Server Error");
	json_decref(doc);
}

static void test_problem__status_without_slug_is_about_blank(void **state)
{
	json_t *doc;

	(void)state;
	doc = build(200, NULL, NULL, NULL);
	assert_string_equal(str(doc, "type"), "about:blank");
	assert_string_equal(str(doc, "title"), "OK");
	json_decref(doc);
}

static void test_problem__appends_to_existing_buffer(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	sbuf_adds(&b, "x");
	problem_build(&b, 503, NULL, NULL, NULL);
	assert_string_equal(b.p, "x{\"type\":\"/problems/service-unavailable\","
				 "\"title\":\"Service Unavailable\","
				 "\"status\":503}");
	sbuf_free(&b);
}

static void test_problem__http_reason_knows_common_statuses(void **state)
{
	static const struct {
		int status;
		const char *reason;
	} cases[] = {
		{ 200, "OK" },
		{ 201, "Created" },
		{ 204, "No Content" },
		{ 304, "Not Modified" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 409, "Conflict" },
		{ 412, "Precondition Failed" },
		{ 413, "Content Too Large" },
		{ 415, "Unsupported Media Type" },
		{ 422, "Unprocessable Content" },
		{ 428, "Precondition Required" },
		{ 500, "Internal Server Error" },
		{ 503, "Service Unavailable" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(http_reason(cases[i].status),
				    cases[i].reason);
}

static void test_problem__http_reason_falls_back_by_class(void **state)
{
	(void)state;
	assert_string_equal(http_reason(499), "Client Error");
	assert_string_equal(http_reason(500), "Internal Server Error");
	assert_string_equal(http_reason(502), "Server Error");
	assert_string_equal(http_reason(999), "Server Error");
	assert_string_equal(http_reason(202), "Unknown");
}

static void test_problem__api_err_status_maps_each_code(void **state)
{
	static const struct {
		int err, status;
	} cases[] = {
		{ API_EINVAL, 400 },	    { API_ENOTFOUND, 404 },
		{ API_ECONFLICT, 409 },	    { API_EUNPROCESSABLE, 422 },
		{ API_EUNAVAILABLE, 503 },  { API_EBUSY, 503 },
		{ API_ERETRY, 503 },	    { API_EINTERNAL, 500 },
		{ API_ETOOLARGE, 413 },	    { API_EMEDIATYPE, 415 },
		{ API_EPRECONDITION, 412 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(api_err_status(cases[i].err), cases[i].status);
}

static void test_problem__api_err_status_unknown_code_is_500(void **state)
{
	(void)state;
	assert_int_equal(api_err_status(-99), 500);
	assert_int_equal(api_err_status(1), 500);
	assert_int_equal(api_err_status(API_OK), 500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_problem__minimal_has_type_title_status_only),
		cmocka_unit_test(
			test_problem__includes_detail_request_id_and_errors),
		cmocka_unit_test(test_problem__escapes_detail),
		cmocka_unit_test(test_problem__unknown_status_is_about_blank),
		cmocka_unit_test(
			test_problem__status_without_slug_is_about_blank),
		cmocka_unit_test(test_problem__appends_to_existing_buffer),
		cmocka_unit_test(
			test_problem__http_reason_knows_common_statuses),
		cmocka_unit_test(test_problem__http_reason_falls_back_by_class),
		cmocka_unit_test(test_problem__api_err_status_maps_each_code),
		cmocka_unit_test(
			test_problem__api_err_status_unknown_code_is_500),
	};

	return cmocka_run_group_tests_name("test_problem", tests, NULL, NULL);
}
