/*
 * csv.h: text/csv replies for German spreadsheets (issue #12): UTF-8 with
 * a byte order mark, CRLF line ends, a file name to save as. The cells
 * and lines are formatted in SQL (sql/schema/overview/01_csv.sql: ';',
 * RFC 4180 quoting, decimal comma, TT.MM.JJJJ, formulas neutralised);
 * this file frames the lines and sends them.
 */
#ifndef TEILHABE_CSV_H
#define TEILHABE_CSV_H

#include <stddef.h>

#include "util.h"

struct req;

/*
 * Whether the request's Accept header names text/csv (with a q other
 * than 0). Wildcards do not count: without text/csv the answer is JSON.
 */
int csv_accepted(const struct req *r);
/* The same for an Accept header's value (NULL: none). */
int csv_accepts(const char *accept);

/*
 * A CSV reply under way. Lines are sent in parts of about 64 KiB as they
 * come (HTTP/1.1: chunked), so memory stays bounded however many lines
 * there are; for HTTP/1.0 and HEAD the reply is sent whole at the end.
 */
struct csv_out {
	struct req *r;
	struct sbuf buf;
	char headers[200];
	int chunked; /* the head is sent; buf holds the part to come */
	int failed;  /* the connection is gone */
};

/* Starts the 200 reply, saved as filename, with header as its first line. */
void csv_begin(struct csv_out *o, struct req *r, const char *filename,
	       const char *header);
/* Adds a line (without its CRLF). */
void csv_line(struct csv_out *o, const char *line, size_t len);
/* Sends what is left and ends the reply; returns its status (200). */
int csv_end(struct csv_out *o);
/*
 * Ends a reply that cannot be completed (the database failed after the
 * first part went out): the client sees the download broken off. Returns
 * the status for the access log.
 */
int csv_fail(struct csv_out *o);

#endif
