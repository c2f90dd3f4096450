/* csv.c: framing and sending CSV replies (see csv.h). */
#include "csv.h"

#include <civetweb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reply.h"
#include "req.h"

#define CSV_TYPE "text/csv; charset=utf-8"
#define CSV_PART 65536

int csv_accepted(const struct req *r)
{
	return csv_accepts(req_header(r, "Accept"));
}

int csv_accepts(const char *a)
{
	const char *p, *e;
	char range[64], *q;
	size_t n;

	for (p = a; p && *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		p += strspn(p, " \t");
		n = (size_t)(e - p) < sizeof(range) ? (size_t)(e - p)
						    : sizeof(range) - 1;
		memcpy(range, p, n);
		range[n] = '\0';
		if (strncasecmp(range, "text/csv", 8) ||
		    (range[8] && !strchr("; \t", range[8])))
			continue;
		/* "text/csv;q=0" refuses CSV */
		if ((q = strstr(range, "q=")) != NULL &&
		    strtod(q + 2, NULL) <= 0)
			continue;
		return 1;
	}
	return 0;
}

static int streaming(const struct req *r)
{
	return r->ri && !strcmp(r->ri->http_version, "1.1") &&
	       strcmp(r->ri->request_method, "HEAD");
}

void csv_begin(struct csv_out *o, struct req *r, const char *filename,
	       const char *header)
{
	memset(o, 0, sizeof(*o));
	o->r = r;
	snprintf(o->headers, sizeof(o->headers),
		 "Content-Disposition: attachment; filename=\"%s\"\r\n",
		 filename);
	sbuf_adds(&o->buf,
		  "\xEF\xBB\xBF"); /* the BOM: spreadsheets read UTF-8 */
	csv_line(o, header, strlen(header));
}

/* Sends the part in buf once it is big enough (or at the end). */
static void flush(struct csv_out *o, int last)
{
	if (o->failed || !streaming(o->r) || (!last && o->buf.len < CSV_PART))
		return;
	if (!o->chunked) {
		if (reply_stream_start(o->r, 200, CSV_TYPE, o->headers) < 0) {
			o->failed = 1;
			return;
		}
		o->chunked = 1;
	}
	if (reply_stream_chunk(o->r, o->buf.p, o->buf.len) < 0)
		o->failed = 1;
	o->buf.len = 0;
	if (o->buf.p)
		o->buf.p[0] = '\0';
}

void csv_line(struct csv_out *o, const char *line, size_t len)
{
	sbuf_add(&o->buf, line, len);
	sbuf_adds(&o->buf, "\r\n");
	flush(o, 0);
}

int csv_end(struct csv_out *o)
{
	int status = 200;

	if (streaming(o->r)) {
		flush(o, 1);
		if (!o->failed)
			reply_stream_end(o->r, 0);
	} else {
		status = reply(o->r, 200, CSV_TYPE, o->headers, o->buf.p,
			       o->buf.len);
	}
	sbuf_free(&o->buf);
	return status;
}

int csv_fail(struct csv_out *o)
{
	if (o->chunked && !o->failed)
		reply_stream_end(o->r, 1);
	sbuf_free(&o->buf);
	o->r->status = 500;
	return 500;
}
