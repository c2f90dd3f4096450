/*
 * test_ical.c: the iCalendar writer (ical.c): escaping of TEXT values,
 * folding at 75 octets without splitting a UTF-8 sequence, CRLF, and the
 * properties of a calendar and an event.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ical.h"
#include "util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Whether b holds line (with its CRLF) as one whole line. */
static int has_line(const struct sbuf *b, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = b->p; (p = strstr(p, line)) != NULL; p++)
		if ((p == b->p || p[-1] == '\n') && !strncmp(p + n, "\r\n", 2))
			return 1;
	return 0;
}

/* The unfolded text of b: every CRLF followed by a space removed. */
static char *unfold(const struct sbuf *b)
{
	char *out = malloc(b->len + 1), *o = out;

	for (size_t i = 0; i < b->len; i++) {
		if (b->p[i] == '\r' && i + 2 < b->len && b->p[i + 1] == '\n' &&
		    b->p[i + 2] == ' ') {
			i += 2;
			continue;
		}
		*o++ = b->p[i];
	}
	*o = '\0';
	return out;
}

static void test_ical__escapes_text_values(void **state)
{
	static const char *const cases[][2] = {
		{ "a,b", "a\\,b" },
		{ "a;b", "a\\;b" },
		{ "C:\\Pfad", "C:\\\\Pfad" },
		{ "eins\nzwei", "eins\\nzwei" },
		{ "eins\r\nzwei", "eins\\nzwei" },
		{ "eins\rzwei", "eins\\nzwei" },
		{ "Grüße: äöü", "Grüße: äöü" },
		{ "tab\there", "tab\there" },
		{ "bell\aring", "bellring" },
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		struct sbuf b = { 0 };

		ical_escape(&b, cases[i][0]);
		assert_string_equal(b.p ? b.p : "", cases[i][1]);
		sbuf_free(&b);
	}
}

static void test_ical__short_line_is_not_folded(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	ical_line(&b, "SUMMARY", "Fest der Kulturen");
	assert_string_equal(b.p, "SUMMARY:Fest der Kulturen\r\n");
	sbuf_free(&b);
}

static void test_ical__line_of_75_octets_is_not_folded(void **state)
{
	struct sbuf b = { 0 };
	char v[80];

	(void)state;
	memset(v, 'x', 67); /* "SUMMARY:" is 8 octets: 75 in all */
	v[67] = '\0';
	ical_line(&b, "SUMMARY", v);
	assert_int_equal(b.len, 77);
	assert_null(strstr(b.p, "\r\n "));
	sbuf_free(&b);
}

static void test_ical__folds_at_75_octets_never_inside_utf8(void **state)
{
	/* every offset of a two-, three- and four-octet character against
	 * the fold */
	static const char *const chars[] = { "ä", "€", "🎉" };

	(void)state;
	for (size_t c = 0; c < N(chars); c++) {
		for (size_t pad = 0; pad < 4; pad++) {
			struct sbuf b = { 0 }, v = { 0 };
			char *flat;

			for (size_t k = 0; k < pad; k++)
				sbuf_add(&v, "a", 1);
			for (int k = 0; k < 100; k++)
				sbuf_adds(&v, chars[c]);
			ical_line(&b, "DESCRIPTION", v.p);
			/* each physical line: at most 75 octets, starting on a
			 * character, ended by CRLF */
			for (const char *p = b.p; *p;) {
				const char *e = strstr(p, "\r\n");
				const unsigned char next =
					(unsigned char)(p == b.p ? p[0] : p[1]);

				assert_non_null(e);
				assert_true(e - p <= 75);
				assert_true((next & 0xC0) != 0x80);
				p = e + 2;
			}
			flat = unfold(&b);
			assert_int_equal(strlen(flat),
					 strlen("DESCRIPTION:") + v.len + 2);
			assert_memory_equal(flat + strlen("DESCRIPTION:"), v.p,
					    v.len);
			assert_string_equal(flat + strlen(flat) - 2, "\r\n");
			free(flat);
			sbuf_free(&v);
			sbuf_free(&b);
		}
	}
}

static void test_ical__continuation_lines_hold_74_octets(void **state)
{
	struct sbuf b = { 0 };
	char v[300], last[60];

	(void)state;
	memset(v, 'y', 200);
	v[200] = '\0';
	ical_line(&b, "X", v);
	/* "X:" and 200 octets: 75, then a space and 74, then a space and
	 * the last 53; two folds of CRLF and a space, a final CRLF */
	assert_int_equal(b.len, 202 + 2 * 3 + 2);
	last[0] = ' ';
	memset(last + 1, 'y', 53);
	last[54] = '\0';
	assert_true(has_line(&b, last));
	assert_int_equal(strstr(b.p, "\r\n") - b.p, 75);
	assert_int_equal(strstr(b.p + 77, "\r\n") - (b.p + 77), 75);
	sbuf_free(&b);
}

static void test_ical__calendar_and_event(void **state)
{
	struct sbuf b = { 0 };
	struct ical_event e = {
		.uid = "event-7@teilhabe.events",
		.title = "Fest, Kultur; mehr",
		.description = "Zeile 1\nZeile 2",
		.location = "Marktplatz",
		.url = "https://example.org/#/oeffentlich/veranstaltungen/7",
		.start = "20270327T200000",
		.end = "20270328T120000",
		.stamp = "20261206T120000Z",
		.last_modified = "20261206T120000Z",
		.sequence = 3,
		.cancelled = 1,
	};
	struct ical_event d = {
		.uid = "event-8@teilhabe.events",
		.title = "Woche",
		.all_day = 1,
		.start = "20270601",
		.end = "20270608",
		.stamp = "20261206T120000Z",
	};
	static const char *const lines[] = {
		"BEGIN:VCALENDAR",
		"PRODID:-//Teilhabe//Veranstaltungen//DE",
		"VERSION:2.0",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"X-WR-CALNAME:Veranstaltungen\\, Musterstadt",
		"X-WR-TIMEZONE:Europe/Berlin",
		"BEGIN:VTIMEZONE",
		"TZID:Europe/Berlin",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
		"UID:event-7@teilhabe.events",
		"DTSTART;TZID=Europe/Berlin:20270327T200000",
		"DTEND;TZID=Europe/Berlin:20270328T120000",
		"DTSTAMP:20261206T120000Z",
		"SUMMARY:Fest\\, Kultur\\; mehr",
		"DESCRIPTION:Zeile 1\\nZeile 2",
		"LOCATION:Marktplatz",
		"URL:https://example.org/#/oeffentlich/veranstaltungen/7",
		"SEQUENCE:3",
		"STATUS:CANCELLED",
		"LAST-MODIFIED:20261206T120000Z",
		"DTSTART;VALUE=DATE:20270601",
		"DTEND;VALUE=DATE:20270608",
		"STATUS:CONFIRMED",
		"SEQUENCE:0",
		"END:VCALENDAR",
	};

	(void)state;
	ical_begin(&b, "Veranstaltungen, Musterstadt");
	ical_event(&b, &e);
	ical_event(&b, &d);
	ical_end(&b);
	for (size_t i = 0; i < N(lines); i++)
		if (!has_line(&b, lines[i]))
			fail_msg("no line \"%s\" in:\n%s", lines[i], b.p);
	/* an event without a description has no DESCRIPTION line */
	assert_null(strstr(strstr(b.p, "UID:event-8"), "DESCRIPTION"));
	assert_string_equal(b.p + b.len - 15, "END:VCALENDAR\r\n");
	sbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ical__escapes_text_values),
		cmocka_unit_test(test_ical__short_line_is_not_folded),
		cmocka_unit_test(test_ical__line_of_75_octets_is_not_folded),
		cmocka_unit_test(
			test_ical__folds_at_75_octets_never_inside_utf8),
		cmocka_unit_test(test_ical__continuation_lines_hold_74_octets),
		cmocka_unit_test(test_ical__calendar_and_event),
	};

	return cmocka_run_group_tests_name("test_ical", tests, NULL, NULL);
}
