/*
 * cors.c: the CORS headers. Only configured origins get them; CivetWeb's
 * own CORS option stays off (server.c).
 */
#include "cors.h"

#include <string.h>

#include "util.h"

int cors_origin_allowed(const char *allowed, const char *origin)
{
	const char *list = allowed;
	size_t n = strlen(origin);

	while (list && *list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		while (len && *list == ' ') {
			list++;
			len--;
		}
		while (len && list[len - 1] == ' ')
			len--;
		if (len == n && !memcmp(list, origin, n))
			return 1;
		list = end ? end + 1 : NULL;
	}
	return 0;
}

void cors_add_headers(struct sbuf *b, const char *allowed, const char *origin)
{
	if (!origin || !cors_origin_allowed(allowed, origin))
		return;
	sbuf_adds(b, "Access-Control-Allow-Origin: ");
	sbuf_adds(b, origin);
	sbuf_adds(b, "\r\nAccess-Control-Expose-Headers: ETag, "
		     "X-Request-Id, Retry-After, Location\r\n"
		     "Vary: Origin\r\n");
}

void cors_add_preflight(struct sbuf *b, const char *allowed, const char *origin,
			const char *allow)
{
	if (!origin || !cors_origin_allowed(allowed, origin))
		return;
	sbuf_addf(b,
		  "Access-Control-Allow-Methods: %s\r\n"
		  "Access-Control-Allow-Headers: Authorization, Content-Type, "
		  "If-Match, If-None-Match, X-Request-Id, Idempotency-Key\r\n"
		  "Access-Control-Max-Age: 600\r\n",
		  allow);
}
