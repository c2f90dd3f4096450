/*
 * cors.h: cross-origin requests from the configured origins
 * (TEILHABE_CORS_ORIGINS, comma-separated; none by default).
 */
#ifndef TEILHABE_CORS_H
#define TEILHABE_CORS_H

struct sbuf;

/* Whether origin is one of allowed (a comma-separated list, or NULL). */
int cors_origin_allowed(const char *allowed, const char *origin);

/*
 * Adds the CORS headers of a reply to b when origin (NULL: the request
 * named none) is allowed; nothing otherwise.
 */
void cors_add_headers(struct sbuf *b, const char *allowed, const char *origin);

/*
 * Adds the headers of an allowed preflight's answer for the methods in
 * allow (as in the Allow header) to b; nothing when origin is not allowed.
 */
void cors_add_preflight(struct sbuf *b, const char *allowed, const char *origin,
			const char *allow);

#endif
