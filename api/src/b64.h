/*
 * b64.h: base64url without padding (RFC 4648 §5), for opaque cursors and
 * request ids.
 */
#ifndef TEILHABE_B64_H
#define TEILHABE_B64_H

#include <stddef.h>

/* Returns a new NUL-terminated string; free() it. */
char *b64url_encode(const unsigned char *in, size_t n);
/*
 * Decodes s into a new buffer (NUL-terminated for convenience) and sets
 * *n. Returns NULL for characters outside the alphabet, padding, or an
 * impossible length.
 */
unsigned char *b64url_decode(const char *s, size_t *n);

#endif
