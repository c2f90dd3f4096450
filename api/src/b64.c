/* b64.c: base64url without padding. */
#include "b64.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *b64url_encode(const unsigned char *in, size_t n)
{
	char *out = xmalloc(n / 3 * 4 + 5);
	char *o = out;
	size_t i = 0;

	for (; i + 2 < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 |
			     in[i + 2];
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
		*o++ = alphabet[(v >> 6) & 63];
		*o++ = alphabet[v & 63];
	}
	if (n - i == 1) {
		unsigned v = (unsigned)in[i] << 16;
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
	} else if (n - i == 2) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
		*o++ = alphabet[(v >> 6) & 63];
	}
	*o = '\0';
	return out;
}

static int sextet(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

unsigned char *b64url_decode(const char *s, size_t *n)
{
	size_t len = strlen(s);
	unsigned char *out;
	size_t o = 0;
	unsigned v = 0;
	int bits = 0;

	if (len % 4 == 1)
		return NULL;
	out = xmalloc(len / 4 * 3 + 3);
	for (size_t i = 0; i < len; i++) {
		int x = sextet(s[i]);

		if (x < 0) {
			free(out);
			return NULL;
		}
		v = (v << 6) | (unsigned)x;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits);
			v &= (1u << bits) - 1;
		}
	}
	/* leftover bits must be zero, or the encoding is not canonical */
	if (v) {
		free(out);
		return NULL;
	}
	out[o] = '\0';
	*n = o;
	return out;
}
