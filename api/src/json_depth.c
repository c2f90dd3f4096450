/* json_depth.c: counting JSON nesting without parsing (see json_depth.h). */
#include "json_depth.h"

int json_depth_ok(const char *s, size_t n, int max)
{
	int depth = 0, in_string = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (in_string) {
			if (c == '\\')
				i++; /* the escaped character is never a quote
				      */
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				return 0;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return 1;
}
