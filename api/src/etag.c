/* etag.c: comparing entity tags per RFC 9110 §8.8.3. */
#include "etag.h"

#include <string.h>

int etag_matches(const char *header, const char *etag, int weak)
{
	size_t n = strlen(etag);
	const char *p = header;

	if (!header)
		return 0;
	while (*p) {
		int is_weak = 0;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/') {
			is_weak = 1;
			p += 2;
		}
		if (*p != '"')
			return 0; /* malformed list: no match */
		const char *end = strchr(p + 1, '"');
		if (!end)
			return 0;
		size_t len = (size_t)(end - p) + 1;
		if (len == n && !memcmp(p, etag, n) && (weak || !is_weak))
			return 1;
		p = end + 1;
	}
	return 0;
}
