/* sql_params.c: counting a statement's parameters from its SQL. */
#include "sql_params.h"

#include <limits.h>
#include <string.h>

static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Past the quoted text that starts at s (at the opening quote q). */
static const char *skip_quoted(const char *s, char q, int backslash)
{
	for (s++; *s; s++) {
		if (backslash && *s == '\\' && s[1])
			s++;
		else if (*s == q) {
			if (s[1] != q)
				return s + 1;
			s++; /* a doubled quote stands for itself */
		}
	}
	return s;
}

/* Past the block comment at s; PostgreSQL's nest. */
static const char *skip_comment(const char *s)
{
	int depth = 0;

	while (*s) {
		if (s[0] == '/' && s[1] == '*') {
			depth++;
			s += 2;
		} else if (s[0] == '*' && s[1] == '/') {
			s += 2;
			if (--depth == 0)
				return s;
		} else {
			s++;
		}
	}
	return s;
}

/*
 * When s starts a dollar quote ($$ or $tag$), the end of its body; else
 * NULL.
 */
static const char *skip_dollar(const char *s)
{
	const char *t = s + 1, *end;
	size_t len;

	if (is_digit(*t))
		return NULL;
	while (*t && *t != '$' && is_ident(*t))
		t++;
	if (*t != '$')
		return NULL;
	len = (size_t)(t - s) + 1; /* the tag with both dollars */
	for (end = t + 1; *end; end++)
		if (*end == '$' && !strncmp(end, s, len))
			return end + len;
	return end;
}

int sql_params(const char *sql)
{
	const char *s = sql, *e;
	int max = 0;

	while (*s) {
		char c = *s;

		if (c == '\'') {
			int esc = s > sql && (s[-1] == 'E' || s[-1] == 'e') &&
				  (s - 1 == sql || !is_ident(s[-2]));
			s = skip_quoted(s, '\'', esc);
		} else if (c == '"') {
			s = skip_quoted(s, '"', 0);
		} else if (c == '-' && s[1] == '-') {
			s += strcspn(s, "\n");
		} else if (c == '/' && s[1] == '*') {
			s = skip_comment(s);
		} else if (c == '$' && s > sql && is_ident(s[-1])) {
			s++; /* part of an identifier */
		} else if (c == '$' && is_digit(s[1])) {
			long n = 0;

			for (s++; is_digit(*s); s++)
				if ((n = n * 10 + (*s - '0')) > INT_MAX)
					return -1;
			if (n > max)
				max = (int)n;
		} else if (c == '$' && (e = skip_dollar(s)) != NULL) {
			s = e;
		} else {
			s++;
		}
	}
	return max;
}
