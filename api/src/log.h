/*
 * log.h: the JSON access log (one line per request on stdout) and error
 * lines on stderr. Every line the server writes goes through here, with
 * the time, and with the request id while a worker serves a request.
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
/*
 * "TIME teilhabe: MESSAGE", and " (request ID)" at the end while this
 * thread serves a request (log_set_request).
 */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Names the request this thread serves from now on (copied; at most 64
 * characters are kept); NULL: none, once it is answered.
 */
void log_set_request(const char *request_id);

/*
 * A message that can come once per request (a database outage: hundreds a
 * second). One struct per kind of message, static and zero-initialised
 * but for the interval: the first is logged, then at most one per
 * interval, which says how many were left out since the last one.
 */
struct log_limit {
	long long interval_us;
	_Atomic long long last_us; /* 0: never logged */
	_Atomic long suppressed;
};

#define LOG_LIMIT(seconds)                                                     \
	{                                                                      \
		.interval_us = (seconds)*1000000LL                             \
	}

void log_limited(struct log_limit *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
