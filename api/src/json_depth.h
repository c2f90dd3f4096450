/*
 * json_depth.h: a bound on JSON nesting, checked before any recursive
 * parse. Jansson's parser (and libjwt's, which is Jansson) recurses once
 * per level of [ and {, and CivetWeb's worker threads run on small stacks
 * (Debian's libcivetweb: 100 KiB): a body of 2 KB nested 1,000 deep
 * overflowed the stack and ended the process. Every text from outside
 * (request bodies, token segments, cursors) is scanned here first.
 */
#ifndef TEILHABE_JSON_DEPTH_H
#define TEILHABE_JSON_DEPTH_H

#include <stddef.h>

/*
 * The deepest nesting accepted anywhere: our documents nest 3 levels, and
 * 32 levels cost the parser a few KiB of stack.
 */
#define JSON_MAX_DEPTH 32

/*
 * Whether the n bytes at s nest arrays and objects at most max levels
 * deep. Brackets inside strings (escapes included) do not count; the text
 * need not be valid JSON (the parser judges that), and an unmatched
 * closing bracket never lowers the count below zero. Stops at the first
 * bracket past max, so the cost is at most one pass over s.
 */
int json_depth_ok(const char *s, size_t n, int max);

#endif
