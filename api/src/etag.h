/* etag.h: entity tags and the If-None-Match / If-Match comparisons. */
#ifndef TEILHABE_ETAG_H
#define TEILHABE_ETAG_H

/*
 * Whether header (a list of entity tags, or "*") names etag (a quoted
 * tag). weak selects the weak comparison of RFC 9110 (If-None-Match),
 * which ignores W/ prefixes; the strong one (If-Match) does not.
 */
int etag_matches(const char *header, const char *etag, int weak);

#endif
