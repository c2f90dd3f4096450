/* ags.c: the syntax of an Amtlicher Gemeindeschlüssel. */
#include "ags.h"

#include <stddef.h>

int ags_valid(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (; s[n]; n++)
		if (s[n] < '0' || s[n] > '9')
			return 0;
	return n == 8;
}
