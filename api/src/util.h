/*
 * util.h: allocation that aborts on exhaustion, a growable string buffer,
 * and small string helpers shared by every file.
 */
#ifndef TEILHABE_UTIL_H
#define TEILHABE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct sbuf {
	char *p;
	size_t len;
	size_t cap;
};

void sbuf_grow(struct sbuf *b, size_t extra);
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void sbuf_add_json_str(struct sbuf *b, const char *s);
void sbuf_reset(struct sbuf *b);
void sbuf_free(struct sbuf *b);
/* Hands the buffer to the caller (free() it); the sbuf is empty afterwards. */
char *sbuf_take(struct sbuf *b);

/* Microseconds of CLOCK_MONOTONIC. */
long long now_us(void);

/* Case-insensitive ASCII comparison of the first n bytes of a and b. */
int ascii_ncasecmp(const char *a, const char *b, size_t n);

/*
 * Parses a decimal integer in [min, max] that fills all of s. Returns 0, or
 * -1 for anything else (empty, junk, overflow, out of range).
 */
int parse_long(const char *s, long min, long max, long *out);

/* Whether s is a resource id as the API writes them: 1 to 18 digits. */
int id_valid(const char *s);

/* The characters of a UTF-8 string; -1 when it is not valid UTF-8. */
long utf8_length(const char *s);

/* Whether s is 1 to max characters of valid UTF-8 (a search text). */
int text_valid(const char *s, long max);

/* The whole file at path (NUL-terminated; free() it), or NULL. */
char *file_read(const char *path, size_t *len);

#endif
