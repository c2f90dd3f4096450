/*
 * json_splice.h: one JSON object from two, without parsing either: the
 * members of a followed by those of b. The overview (handlers/overview.c)
 * answers with its small head object and the stored figures spliced so.
 */
#ifndef TEILHABE_JSON_SPLICE_H
#define TEILHABE_JSON_SPLICE_H

#include <stddef.h>

/*
 * a (an bytes) without its closing brace, ", ", and b (bn bytes) without
 * its opening one; the other alone when one is "{}". A new NUL-terminated
 * string of *len bytes, which the caller frees; NULL when either is not
 * brace-delimited (neither is parsed: both come from the database's JSON
 * functions) or memory runs out.
 */
char *json_splice(const char *a, size_t an, const char *b, size_t bn,
		  size_t *len);

#endif
