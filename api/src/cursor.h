/*
 * cursor.h: opaque keyset-pagination cursors. A cursor carries the sort key
 * of the last row of a page as a JSON array of strings, base64url-encoded;
 * clients must treat it as opaque.
 */
#ifndef TEILHABE_CURSOR_H
#define TEILHABE_CURSOR_H

#include <stddef.h>

#define CURSOR_MAX_KEYS 4
#define CURSOR_MAX_LEN	1024

/* Returns a new cursor string for the n keys; free() it. */
char *cursor_encode(const char *const *keys, size_t n);

/*
 * Decodes s, which must carry exactly n string keys, into keys[] (each a
 * new string; free them with cursor_keys_free). Returns 0 or API_EINVAL.
 */
int cursor_decode(const char *s, char **keys, size_t n);
void cursor_keys_free(char **keys, size_t n);

#endif
