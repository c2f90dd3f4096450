/*
 * ical.c: the iCalendar writer (see ical.h). Folding counts octets, as
 * RFC 5545 3.1 does, and breaks only before a byte that starts a UTF-8
 * sequence, so a line is at most 75 octets and every part is valid UTF-8.
 */
#include "ical.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

#define ICAL_LINE_MAX 75

/* Whether byte c continues a UTF-8 sequence (10xxxxxx). */
static int utf8_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Appends the len bytes at s as one folded content line ending in CRLF. */
static void fold(struct sbuf *b, const char *s, size_t len)
{
	size_t room = ICAL_LINE_MAX; /* the first line: 75, the others 74 */

	while (len > room) {
		size_t cut = room;

		while (cut > 0 && utf8_continuation((unsigned char)s[cut]))
			cut--;
		if (cut == 0) /* not UTF-8: cut anyway rather than loop */
			cut = room;
		sbuf_add(b, s, cut);
		sbuf_add(b, "\r\n ", 3);
		s += cut;
		len -= cut;
		room = ICAL_LINE_MAX - 1;
	}
	sbuf_add(b, s, len);
	sbuf_add(b, "\r\n", 2);
}

void ical_line(struct sbuf *b, const char *name, const char *value)
{
	struct sbuf l = { 0 };

	sbuf_adds(&l, name);
	sbuf_add(&l, ":", 1);
	sbuf_adds(&l, value ? value : "");
	fold(b, l.p ? l.p : "", l.len);
	sbuf_free(&l);
}

void ical_escape(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\\':
			sbuf_add(b, "\\\\", 2);
			break;
		case ';':
			sbuf_add(b, "\\;", 2);
			break;
		case ',':
			sbuf_add(b, "\\,", 2);
			break;
		case '\n':
			sbuf_add(b, "\\n", 2);
			break;
		case '\r': /* CRLF and CR are one line break */
			if (s[1] != '\n')
				sbuf_add(b, "\\n", 2);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				sbuf_add(b, s, 1);
			/* other controls are not allowed in TEXT */
		}
	}
}

/* A TEXT property: name:escaped(value), when value is not empty. */
static void text_line(struct sbuf *b, const char *name, const char *value)
{
	struct sbuf v = { 0 };

	if (!value || !*value)
		return;
	ical_escape(&v, value);
	ical_line(b, name, v.p ? v.p : "");
	sbuf_free(&v);
}

void ical_begin(struct sbuf *b, const char *name)
{
	static const char *const head[][2] = {
		{ "BEGIN", "VCALENDAR" },
		{ "PRODID", "-//Teilhabe//Veranstaltungen//DE" },
		{ "VERSION", "2.0" },
		{ "CALSCALE", "GREGORIAN" },
		{ "METHOD", "PUBLISH" },
	};
	/* Central European Time since 1996: the last Sunday of March and of
	 * October, at 02:00 and 03:00 local time */
	static const char *const tz[][2] = {
		{ "BEGIN", "VTIMEZONE" },
		{ "TZID", "Europe/Berlin" },
		{ "BEGIN", "DAYLIGHT" },
		{ "TZOFFSETFROM", "+0100" },
		{ "TZOFFSETTO", "+0200" },
		{ "TZNAME", "CEST" },
		{ "DTSTART", "19700329T020000" },
		{ "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" },
		{ "END", "DAYLIGHT" },
		{ "BEGIN", "STANDARD" },
		{ "TZOFFSETFROM", "+0200" },
		{ "TZOFFSETTO", "+0100" },
		{ "TZNAME", "CET" },
		{ "DTSTART", "19701025T030000" },
		{ "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" },
		{ "END", "STANDARD" },
		{ "END", "VTIMEZONE" },
	};

	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		ical_line(b, head[i][0], head[i][1]);
	text_line(b, "X-WR-CALNAME", name);
	ical_line(b, "X-WR-TIMEZONE", "Europe/Berlin");
	for (size_t i = 0; i < sizeof(tz) / sizeof(tz[0]); i++)
		ical_line(b, tz[i][0], tz[i][1]);
}

void ical_event(struct sbuf *b, const struct ical_event *e)
{
	const char *when = e->all_day ? ";VALUE=DATE" : ";TZID=Europe/Berlin";
	char name[40];

	ical_line(b, "BEGIN", "VEVENT");
	ical_line(b, "UID", e->uid);
	ical_line(b, "DTSTAMP", e->stamp);
	snprintf(name, sizeof(name), "DTSTART%s", when);
	ical_line(b, name, e->start);
	if (e->end && *e->end) {
		snprintf(name, sizeof(name), "DTEND%s", when);
		ical_line(b, name, e->end);
	}
	text_line(b, "SUMMARY", e->title);
	text_line(b, "DESCRIPTION", e->description);
	text_line(b, "LOCATION", e->location);
	if (e->url && *e->url)
		ical_line(b, "URL", e->url);
	snprintf(name, sizeof(name), "%d", e->sequence);
	ical_line(b, "SEQUENCE", name);
	ical_line(b, "STATUS", e->cancelled ? "CANCELLED" : "CONFIRMED");
	if (e->last_modified && *e->last_modified)
		ical_line(b, "LAST-MODIFIED", e->last_modified);
	ical_line(b, "END", "VEVENT");
}

void ical_end(struct sbuf *b)
{
	ical_line(b, "END", "VCALENDAR");
}
