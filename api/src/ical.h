/*
 * ical.h: an iCalendar (RFC 5545) writer for the public event feeds. It
 * writes content lines into an sbuf: values escaped (3.3.11), lines folded
 * at 75 octets without splitting a UTF-8 sequence (3.1), each ended by
 * CRLF. The calendar carries a VTIMEZONE for Europe/Berlin, and each event
 * its local times against it (or dates, for an all-day event).
 */
#ifndef TEILHABE_ICAL_H
#define TEILHABE_ICAL_H

#include <stddef.h>

struct sbuf;

/* One event of a feed; every string is UTF-8, NULL or "" when absent. */
struct ical_event {
	const char *uid;	   /* stable: event-{id}@… */
	const char *title;	   /* SUMMARY */
	const char *description;   /* DESCRIPTION */
	const char *location;	   /* LOCATION */
	const char *url;	   /* URL */
	int all_day;		   /* dates instead of times */
	const char *start;	   /* YYYYMMDDTHHMMSS in Berlin, or YYYYMMDD */
	const char *end;	   /* the same; an all-day end is exclusive */
	const char *stamp;	   /* DTSTAMP: YYYYMMDDTHHMMSSZ (UTC) */
	const char *last_modified; /* YYYYMMDDTHHMMSSZ (UTC) */
	int sequence;
	int cancelled; /* STATUS:CANCELLED, else CONFIRMED */
};

/*
 * Appends one content line "name:value" (name may carry parameters) to b,
 * folded and ended by CRLF; value is written as it is (escape text first).
 */
void ical_line(struct sbuf *b, const char *name, const char *value);

/* Appends s escaped as an iCalendar TEXT value (\\ \; \, \n) to b. */
void ical_escape(struct sbuf *b, const char *s);

/*
 * Begins a calendar: VCALENDAR with PRODID, VERSION, CALSCALE, METHOD,
 * X-WR-CALNAME (name), X-WR-TIMEZONE, and the VTIMEZONE of Europe/Berlin.
 */
void ical_begin(struct sbuf *b, const char *name);

/* Appends one VEVENT. */
void ical_event(struct sbuf *b, const struct ical_event *e);

/* Ends the calendar. */
void ical_end(struct sbuf *b);

#endif
