/*
 * The iCalendar feeds (RFC 5545) of the public events: of a municipality
 * (/api/v1/public/municipalities/{ags}/events.ics), of the district
 * (/api/v1/public/events.ics) and of an organisation
 * (/api/v1/public/organisations/{id}/events.ics). Every feed is parsed
 * with ical.js (with the feed's own VTIMEZONE): times across the changes
 * to and from summer time, an all-day event, a cancelled one, SEQUENCE
 * and UID after a change, escaping and folding (75 octets, never inside a
 * UTF-8 sequence, CRLF), the filters, the ETag with If-None-Match (304, and
 * 200 after a change), and that internal and partners events never
 * appear.
 *
 * The events are made here, in Hohenfeld (no demo events) by the district
 * admin, organised by an organisation made for this run; which events a
 * feed should hold is computed with SQL, not copied from the answers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { bearer, psql, signInPersonas } from './lib/auth.mjs';
import { call } from './lib/contract.mjs';
import { api } from './lib/requests.mjs';

const TAG = `K${process.pid}${randomBytes(3).toString('hex')}`;
const HOHENFELD = '05999024';
const WEIDENBACH = '05999020';
const feedPath = (ags = HOHENFELD) => `/api/v1/public/municipalities/${ags}/events.ics`;
const DISTRICT = '/api/v1/public/events.ics';
const eventsPath = (ags = HOHENFELD) => `/api/v1/municipalities/${ags}/events`;

let dadm;
let orgId;
const ev = {}; /* the events made here, by name */

const YEAR = new Date().getUTCFullYear() + 1;
/* the last given weekday (0 Sunday … 6 Saturday) of a month (1-12) of YEAR, YYYY-MM-DD */
function lastWeekday(month, weekday) {
	const d = new Date(Date.UTC(YEAR, month, 0));
	while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}
const addDay = (day, n) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

const LONG = 'Herzliche Einladung zum Begegnungsfest: Grüße, Gespräche, Köstlichkeiten; Musik, Tanz, Spiele für Kinder, '
	+ 'Informationsstände der Träger (Caritas, AWO, Diakonie) und der Migrantenorganisationen.\n'
	+ 'Übersetzung ins Arabische, Türkische, Ukrainische; barrierefrei; Anmeldung nicht erforderlich. '
	+ 'Pfad: C:\\Veranstaltungen\\Fest – äöüÄÖÜß€ ✓ 🎉 zum Schluss.';

/* The feed as text, checked against the contract; fails unless 200. */
async function feed(path, headers = {}) {
	const res = await call('GET', path, { headers });
	assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.slice(0, 300)}`);
	assert.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
	assert.match(res.headers.etag, /^"[0-9a-f]{32}"$/);
	return res;
}

/* The calendar parsed: { cal, events: [ICAL.Event], byUid } */
function parse(text) {
	const cal = new ICAL.Component(ICAL.parse(text));
	const tz = cal.getFirstSubcomponent('vtimezone');
	assert.ok(tz, 'the calendar has a VTIMEZONE');
	ICAL.TimezoneService.register(tz);
	const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	return { cal, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

const uid = (id) => `event-${id}@teilhabe.events`;
const uids = (events) => events.map((e) => e.uid).sort();
const sqlUids = (sql) => psql(sql).split('\n').filter(Boolean).map(uid).sort();

async function create(body, ags = HOHENFELD) {
	const res = await api('POST', eventsPath(ags), dadm, {
		body: { visibility: 'public', organiser_ids: [orgId], ...body },
	});
	assert.equal(res.status, 201, `creating an event: ${res.text.slice(0, 400)}`);
	return res.json;
}

before(async () => {
	[dadm] = await signInPersonas('dadm');
	const o = await api('POST', '/api/v1/organisations', dadm, {
		body: { name: `Kulturverein ${TAG}`, kind: 'club', municipalities: [HOHENFELD, WEIDENBACH] },
	});
	assert.equal(o.status, 201, o.text);
	orgId = o.json.id;
	const march = lastWeekday(3, 6); /* the last Saturday of March: the clocks go forward that night */
	const october = lastWeekday(10, 0); /* the last Sunday of October: back at 03:00 */
	ev.march = await create({
		title: `Lange Nacht ${TAG}`, starts_at: `${march}T20:00:00+01:00`, ends_at: `${addDay(march, 1)}T12:00:00+02:00`,
		target_groups: ['youth'],
	});
	ev.october = await create({
		title: `Herbstnacht ${TAG}`, starts_at: `${october}T00:30:00+02:00`, ends_at: `${october}T10:00:00+01:00`,
		target_groups: ['families'],
	});
	ev.allDay = await create({ title: `Woche ${TAG}`, all_day: true, starts_on: `${YEAR}-06-01`, ends_on: `${YEAR}-06-07` });
	ev.cancelled = await create({ title: `Abgesagt ${TAG}`, starts_at: `${YEAR}-05-05T18:00:00+02:00`, status: 'cancelled' });
	ev.long = await create({
		title: `Begegnungsfest, Teil 1; mit Grüßen ${TAG}`, description: LONG, starts_at: `${YEAR}-07-04T14:00:00+02:00`,
		place: 'Dorfgemeinschaftshaus, großer Saal', street: 'Hauptstraße 1', postcode: '59990', city: 'Hohenfeld',
		municipality_ags: [WEIDENBACH],
	});
	ev.internal = await create({ title: `Intern ${TAG}`, starts_at: `${YEAR}-04-01T10:00:00+02:00`, visibility: 'internal' });
	ev.partners = await create({ title: `Träger ${TAG}`, starts_at: `${YEAR}-04-02T10:00:00+02:00`, visibility: 'partners' });
});

describe('the calendar', () => {
	test('is RFC 5545: CRLF, lines of at most 75 octets, folds never inside a UTF-8 sequence', async () => {
		const res = await feed(feedPath());
		const raw = Buffer.from(res.text, 'utf8');
		assert.ok(res.text.endsWith('END:VCALENDAR\r\n'));
		assert.ok(!/[^\r]\n/.test(res.text), 'every line ends with CRLF');
		let folded = 0;
		let start = 0;
		for (let i = raw.indexOf('\r\n'); i >= 0; start = i + 2, i = raw.indexOf('\r\n', start)) {
			const line = raw.subarray(start, i);
			assert.ok(line.length <= 75, `a line of ${line.length} octets: ${line.toString()}`);
			assert.ok(!line.toString('utf8').includes('\uFFFD'), `a line cut inside a UTF-8 sequence: ${line.toString()}`);
			if (line[0] === 0x20) folded++;
		}
		assert.ok(folded > 3, 'the long description is folded');
		for (const head of ['BEGIN:VCALENDAR', 'PRODID:', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
			'X-WR-CALNAME:Veranstaltungen – Hohenfeld', 'X-WR-TIMEZONE:Europe/Berlin', 'TZID:Europe/Berlin',
			'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU']) {
			assert.ok(res.text.includes(`${head}`), `the calendar has ${head}`);
		}
		assert.equal(res.headers['cache-control'], 'public, max-age=900');
	});

	test('times across the change to summer time and back have the right offsets', async () => {
		const { byUid } = parse((await feed(feedPath())).text);
		const m = byUid.get(uid(ev.march.id));
		assert.equal(m.startDate.utcOffset(), 3600, 'Saturday evening: +01:00');
		assert.equal(m.endDate.utcOffset(), 7200, 'Sunday noon: +02:00');
		assert.equal(m.startDate.toJSDate().getTime(), Date.parse(ev.march.starts_at));
		assert.equal(m.endDate.toJSDate().getTime(), Date.parse(ev.march.ends_at));
		assert.equal(m.endDate.toJSDate().getTime() - m.startDate.toJSDate().getTime(), 15 * 3600_000, 'the night is an hour shorter');
		const o = byUid.get(uid(ev.october.id));
		assert.equal(o.startDate.utcOffset(), 7200, 'half past midnight: +02:00');
		assert.equal(o.endDate.utcOffset(), 3600, 'ten in the morning: +01:00');
		assert.equal(o.endDate.toJSDate().getTime() - o.startDate.toJSDate().getTime(), 10.5 * 3600_000, 'the night is an hour longer');
		assert.match(m.component.getFirstProperty('dtstart').toICALString(), /^DTSTART;TZID=Europe\/Berlin:\d{8}T200000$/);
		assert.match(m.component.getFirstPropertyValue('dtstamp').toString(), /Z$|^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		assert.equal(m.component.getFirstPropertyValue('dtstamp').zone, ICAL.Timezone.utcTimezone);
	});

	test('an all-day event has dates, its end exclusive', async () => {
		const { byUid } = parse((await feed(feedPath())).text);
		const w = byUid.get(uid(ev.allDay.id));
		assert.equal(w.startDate.isDate, true);
		assert.equal(w.startDate.toString(), `${YEAR}-06-01`);
		assert.equal(w.endDate.toString(), `${YEAR}-06-08`);
	});

	test('a cancelled event is STATUS:CANCELLED, the others CONFIRMED', async () => {
		const { events, byUid } = parse((await feed(feedPath())).text);
		assert.equal(byUid.get(uid(ev.cancelled.id)).component.getFirstPropertyValue('status'), 'CANCELLED');
		const confirmed = events.filter((e) => e.component.getFirstPropertyValue('status') === 'CONFIRMED').map((e) => e.uid).sort();
		assert.deepEqual(confirmed, sqlUids(`SELECT e.id FROM event e JOIN event_municipality l ON l.event_id = e.id
			WHERE l.shown_in = (SELECT id FROM municipality WHERE ags = '${HOHENFELD}') AND e.visibility = 'public' AND e.status <> 'cancelled'`));
	});

	test('escaping: commas, semicolons, backslashes and line breaks come back as written', async () => {
		const res = await feed(feedPath());
		const { byUid } = parse(res.text);
		const l = byUid.get(uid(ev.long.id));
		assert.equal(l.description, LONG);
		assert.equal(l.summary, ev.long.title);
		assert.equal(l.location, 'Dorfgemeinschaftshaus, großer Saal, Hauptstraße 1, 59990 Hohenfeld');
		assert.ok(res.text.includes('Begegnungsfest\\, Teil 1\\; mit Grüßen'), 'the summary is escaped');
		assert.ok(res.text.includes('\\\\Veranstaltungen\\\\Fest'), 'backslashes are escaped');
		assert.match(l.component.getFirstPropertyValue('url'), new RegExp(`/#/oeffentlich/veranstaltungen/${ev.long.id}$`));
		assert.ok(l.component.getFirstPropertyValue('last-modified'), 'LAST-MODIFIED');
	});

	test('internal and partners events are in no feed', async () => {
		const hidden = [uid(ev.internal.id), uid(ev.partners.id)];
		for (const path of [feedPath(), DISTRICT, `/api/v1/public/organisations/${orgId}/events.ics`]) {
			const got = uids(parse((await feed(path)).text).events);
			for (const h of hidden) assert.ok(!got.includes(h), `${path} holds ${h}`);
		}
		const district = uids(parse((await feed(DISTRICT)).text).events);
		assert.deepEqual(district, sqlUids(`SELECT id FROM event WHERE visibility = 'public'`));
		const nonPublic = Number(psql(`SELECT count(*) FROM event WHERE visibility <> 'public'`));
		assert.ok(nonPublic >= 2, 'there are hidden events to leave out');
	});
});

describe('the feeds and their filters', () => {
	test('municipality, organisation and district feeds hold what SQL says', async () => {
		const shownIn = (ags) => `e.id IN (SELECT event_id FROM event_municipality WHERE shown_in = (SELECT id FROM municipality WHERE ags = '${ags}'))`;
		const cases = [
			[feedPath(), shownIn(HOHENFELD)],
			[feedPath(WEIDENBACH), shownIn(WEIDENBACH)],
			[`/api/v1/public/organisations/${orgId}/events.ics`, `e.id IN (SELECT event_id FROM event_organiser WHERE organisation_id = ${orgId})`],
			[`${DISTRICT}?municipality=${WEIDENBACH}`, shownIn(WEIDENBACH)],
			[`${DISTRICT}?organisation_id=${orgId}&target_group=youth`,
				`e.id IN (SELECT event_id FROM event_organiser WHERE organisation_id = ${orgId}) AND 'youth' = ANY (e.target_groups)`],
			[`${feedPath()}?from=${YEAR}-05-01&to=${YEAR}-06-30`,
				`${shownIn(HOHENFELD)} AND coalesce(e.ends_at, e.starts_at) >= '${YEAR}-05-01 00:00 Europe/Berlin'::timestamptz
				 AND e.starts_at < '${YEAR}-07-01 00:00 Europe/Berlin'::timestamptz`],
			[`${DISTRICT}?target_group=families`, `'families' = ANY (e.target_groups)`],
		];
		for (const [path, where] of cases) {
			const got = uids(parse((await feed(path)).text).events);
			const want = sqlUids(`SELECT e.id FROM event e WHERE e.visibility = 'public' AND ${where}`);
			assert.deepEqual(got, want, path);
			assert.ok(want.length > 0, `${path} holds something`);
		}
		const weidenbach = uids(parse((await feed(feedPath(WEIDENBACH))).text).events);
		assert.ok(weidenbach.includes(uid(ev.long.id)), 'Weidenbach shows the event shown there too');
		assert.ok(!weidenbach.includes(uid(ev.march.id)), 'and not those only of Hohenfeld');
	});

	test('bad filters answer 400, unknown municipalities and organisations 404', async () => {
		for (const q of ['from=gestern', 'to=2027-13-01', 'target_group=aliens', 'organisation_id=x', 'municipality=123']) {
			const res = await call('GET', `${DISTRICT}?${q}`);
			assert.equal(res.status, 400, `${q}: ${res.status}`);
		}
		assert.equal((await call('GET', feedPath('09999999'))).status, 404);
		assert.equal((await call('GET', '/api/v1/public/organisations/999999999/events.ics')).status, 404);
		assert.equal((await call('GET', '/api/v1/public/organisations/abc/events.ics')).status, 404);
		assert.equal((await call('GET', feedPath('123'))).status, 400);
	});
});

describe('change and revalidation', () => {
	test('If-None-Match answers 304 without a body; after a change 200 with a new ETag, SEQUENCE raised, UID kept', async () => {
		const first = await feed(feedPath());
		const etag = first.headers.etag;
		const before = parse(first.text).byUid.get(uid(ev.cancelled.id));
		const same = await call('GET', feedPath(), { headers: { 'If-None-Match': etag } });
		assert.equal(same.status, 304);
		assert.equal(same.text, '');
		assert.equal(same.headers.etag, etag);
		const district = await feed(DISTRICT);
		assert.equal((await call('GET', DISTRICT, { headers: { 'If-None-Match': district.headers.etag } })).status, 304);
		assert.notEqual(district.headers.etag, etag, 'each feed has its own ETag');
		assert.notEqual((await feed(`${feedPath()}?target_group=youth`)).headers.etag, etag, 'the filters are part of the ETag');

		const res = await api('PATCH', `${eventsPath()}/${ev.cancelled.id}`, dadm, { body: { status: 'planned', place: 'Turnhalle' } });
		assert.equal(res.status, 200, res.text);
		const after = await call('GET', feedPath(), { headers: { 'If-None-Match': etag } });
		assert.equal(after.status, 200, 'changed: the whole calendar again');
		assert.notEqual(after.headers.etag, etag);
		const now = parse(after.text).byUid.get(uid(ev.cancelled.id));
		assert.equal(now.uid, before.uid);
		assert.equal(now.sequence, before.sequence + 1);
		assert.equal(now.sequence, Number(psql(`SELECT sequence FROM event WHERE id = ${ev.cancelled.id}`)));
		assert.equal(now.component.getFirstPropertyValue('status'), 'CONFIRMED');
		assert.equal(now.location, 'Turnhalle');
		assert.equal((await call('GET', DISTRICT, { headers: { 'If-None-Match': district.headers.etag } })).status, 200);
	});

	test('a deleted event leaves the feed', async () => {
		const e = await create({ title: `Kurz ${TAG}`, starts_at: `${YEAR}-08-01T10:00:00+02:00` });
		const first = await feed(feedPath());
		assert.ok(uids(parse(first.text).events).includes(uid(e.id)));
		assert.equal((await api('DELETE', `${eventsPath()}/${e.id}`, dadm)).status, 204);
		const after = await call('GET', feedPath(), { headers: { 'If-None-Match': first.headers.etag } });
		assert.equal(after.status, 200);
		assert.ok(!uids(parse(after.text).events).includes(uid(e.id)));
	});

	test('with a token the feed is not stored (no-store), as every answer to a request with credentials', async () => {
		const res = await call('GET', feedPath(), { headers: bearer(dadm) });
		assert.equal(res.status, 200);
		assert.match(res.headers['cache-control'], /no-store/);
	});
});
