/*
 * fuzz_router.c: the route table (routes.c) matched against any method and
 * path (router.c), and the percent-decoding of paths, path parameters and
 * query strings (url_decode). Input: the first byte picks the method, the
 * rest is the path as it comes off the request line.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "req.h"
#include "router.h"
#include "routes.h"
#include "util.h"

static const char *const methods[] = { "GET",	"HEAD",	  "POST",    "PUT",
				       "PATCH", "DELETE", "OPTIONS", "TRACE",
				       "get",	"" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes a copy of s; a decoded text is never longer than its source. */
static void decode(const char *s, int plus)
{
	char *d = xstrdup(s);

	if (url_decode(d, plus) == 0)
		assert(strlen(d) <= strlen(s));
	free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *method;
	struct route_match m;
	char *path;
	int rc;

	if (size == 0)
		return 0;
	method = methods[data[0] % (sizeof(methods) / sizeof(methods[0]))];
	path = xstrndup((const char *)data + 1, size - 1);
	rc = router_match(routes, route_count, method, path, &m);
	if (rc == 0) {
		assert(m.route && !strcmp(m.route->method, method));
		assert(m.nparams >= 0 && m.nparams <= ROUTE_MAX_PARAMS);
		for (int i = 0; i < m.nparams; i++) {
			const char *v = m.params[i].value;
			char name[64];

			assert(*v && strlen(v) < ROUTE_MAX_VALUE);
			assert(!strchr(v, '/'));
			assert(m.params[i].name_len < sizeof(name));
			memcpy(name, m.params[i].name, m.params[i].name_len);
			name[m.params[i].name_len] = '\0';
			assert(route_param(&m, name) != NULL);
			decode(v, 0);
		}
	} else if (rc == ROUTER_METHOD_NOT_ALLOWED) {
		assert(!m.route && m.allow[0]);
	} else {
		assert(rc == ROUTER_NOT_FOUND && !m.route);
	}
	decode(path, 0);
	decode(path, 1);
	free(path);
	return 0;
}
