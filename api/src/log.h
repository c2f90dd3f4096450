/*
 * log.h: the JSON access log (one line per request on stdout) and error
 * lines on stderr.
 */
#ifndef TEILHABE_LOG_H
#define TEILHABE_LOG_H

#include <stddef.h>

struct access_entry {
	const char *request_id;
	const char *method;
	const char *route; /* the route template, never the raw path */
	int status;
	long long duration_us;
	long long bytes; /* -1: unknown */
};

void log_access(const struct access_entry *e);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
