/* json_splice.c: one JSON object from two (json_splice.h). */
#include "json_splice.h"

#include <stdlib.h>
#include <string.h>

static int braced(const char *s, size_t n)
{
	return s && n >= 2 && s[0] == '{' && s[n - 1] == '}';
}

char *json_splice(const char *a, size_t an, const char *b, size_t bn,
		  size_t *len)
{
	char *out;

	if (!braced(a, an) || !braced(b, bn) || !(out = malloc(an + bn + 1)))
		return NULL;
	if (an == 2 || bn == 2) { /* an empty object: the other alone */
		const char *one = bn == 2 ? a : b;
		size_t n = bn == 2 ? an : bn;

		memcpy(out, one, n);
		*len = n;
	} else {
		memcpy(out, a, an - 1);
		memcpy(out + an - 1, ", ", 2);
		memcpy(out + an + 1, b + 1, bn - 1);
		*len = an + bn;
	}
	out[*len] = '\0';
	return out;
}
