/*
 * log.c: one JSON line per request on stdout, written with a single fwrite
 * so lines of concurrent workers never interleave; error lines on stderr,
 * rate-limited where one can come with every request.
 */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "util.h"

static void iso_time(char *buf, size_t n)
{
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	size_t len = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + len, n - len, ".%03ldZ", (long)(tv.tv_usec / 1000));
}

void log_access(const struct access_entry *e)
{
	struct sbuf b = { 0 };
	char t[40];

	iso_time(t, sizeof(t));
	sbuf_addf(&b, "{\"time\":\"%s\",\"request_id\":", t);
	sbuf_add_json_str(&b, e->request_id ? e->request_id : "");
	sbuf_adds(&b, ",\"method\":");
	sbuf_add_json_str(&b, e->method ? e->method : "");
	sbuf_adds(&b, ",\"route\":");
	sbuf_add_json_str(&b, e->route ? e->route : "");
	sbuf_addf(&b, ",\"status\":%d,\"duration_us\":%lld", e->status,
		  e->duration_us);
	if (e->bytes >= 0)
		sbuf_addf(&b, ",\"bytes\":%lld}\n", e->bytes);
	else
		sbuf_adds(&b, ",\"bytes\":null}\n");
	fwrite(b.p, 1, b.len, stdout);
	sbuf_free(&b);
}

/* the id of the request this worker thread serves; "": none */
static _Thread_local char request_id[65];

void log_set_request(const char *id)
{
	snprintf(request_id, sizeof(request_id), "%s", id ? id : "");
}

void log_error(const char *fmt, ...)
{
	char t[40], msg[1024];
	va_list ap;

	iso_time(t, sizeof(t));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (request_id[0])
		fprintf(stderr, "%s teilhabe: %s (request %s)\n", t, msg,
			request_id);
	else
		fprintf(stderr, "%s teilhabe: %s\n", t, msg);
}

void log_limited(struct log_limit *l, const char *fmt, ...)
{
	long long now = now_us(), last = atomic_load(&l->last_us);
	char msg[1024];
	va_list ap;
	long n;

	/* one thread wins the slot of an interval; the others count */
	if ((last && now - last < l->interval_us) ||
	    !atomic_compare_exchange_strong(&l->last_us, &last, now)) {
		atomic_fetch_add(&l->suppressed, 1);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = atomic_exchange(&l->suppressed, 0);
	if (n)
		log_error("%s (and %ld more like it since the last such line)",
			  msg, n);
	else
		log_error("%s", msg);
}
