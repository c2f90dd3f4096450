/*
 * util.c: allocation, string buffers and parsing helpers. Running out of
 * memory aborts here, so callers never check for NULL.
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void oom(void)
{
	fputs("teilhabe: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sbuf_grow(struct sbuf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_add_json_str(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;

	sbuf_grow(b, strlen(s) + 2);
	sbuf_add(b, "\"", 1);
	for (; *u; u++) {
		char esc[6] = { '\\', 'u', '0', '0', 0, 0 };

		switch (*u) {
		case '"':
			sbuf_add(b, "\\\"", 2);
			break;
		case '\\':
			sbuf_add(b, "\\\\", 2);
			break;
		case '\n':
			sbuf_add(b, "\\n", 2);
			break;
		case '\r':
			sbuf_add(b, "\\r", 2);
			break;
		case '\t':
			sbuf_add(b, "\\t", 2);
			break;
		default:
			if (*u < 0x20 || *u == 0x7f) {
				esc[4] = hex[*u >> 4];
				esc[5] = hex[*u & 15];
				sbuf_add(b, esc, 6);
			} else {
				sbuf_add(b, (const char *)u, 1);
			}
		}
	}
	sbuf_add(b, "\"", 1);
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void sbuf_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *sbuf_take(struct sbuf *b)
{
	char *p = b->p ? b->p : xstrdup("");

	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = tolower((unsigned char)a[i]);
		int cb = tolower((unsigned char)b[i]);

		if (ca != cb)
			return ca - cb;
		if (!ca)
			return 0;
	}
	return 0;
}

int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s || !(isdigit((unsigned char)*s) || *s == '-'))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = { 0 };
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	*len = b.len;
	return sbuf_take(&b);
}

int id_valid(const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	return n >= 1 && n <= 18 && strspn(s, "0123456789") == n;
}

long utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		int more = *p < 0x80		 ? 0
			   : (*p & 0xE0) == 0xC0 ? 1
			   : (*p & 0xF0) == 0xE0 ? 2
			   : (*p & 0xF8) == 0xF0 ? 3
						 : -1;

		/* no overlong forms, surrogates or code points past U+10FFFF */
		if (more < 0 || (more == 1 && *p < 0xC2) ||
		    (more == 2 && *p == 0xE0 && p[1] < 0xA0) ||
		    (more == 2 && *p == 0xED && p[1] >= 0xA0) ||
		    (more == 3 && (*p > 0xF4 || (*p == 0xF0 && p[1] < 0x90) ||
				   (*p == 0xF4 && p[1] >= 0x90))))
			return -1;
		p++;
		for (int i = 0; i < more; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return -1;
		n++;
	}
	return n;
}

int text_valid(const char *s, long max)
{
	long n = utf8_length(s);

	return n >= 1 && n <= max;
}
