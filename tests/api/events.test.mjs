/*
 * Events (Veranstaltungen) under /api/v1/municipalities/{ags}/events, the
 * events of a measure, and the public lists and event page: who sees and
 * writes what (officer, steering group, partner, district admin, an
 * officer of another municipality, anonymous callers, API clients with
 * and without events:write, forged tokens), the partner's rule (only
 * events its own organisation organises), participants and "held" only
 * after the start, SEQUENCE, If-Match, mass assignment and bad input.
 *
 * The events here are made by this file (titles carry a per-run tag);
 * what a role should see is counted with SQL through TEST_PSQL_CMD, not
 * copied from the answers. The iCalendar feeds are in ical.test.mjs.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, claimsOf, forge, lit, organisationId, psql, signInPersonas,
} from './lib/auth.mjs';
import { base, clientToken } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt, assertEtag, assertUnauthorized } from './lib/checks.mjs';

const TAG = `V${process.pid}${randomBytes(3).toString('hex')}`;
const VERSION = /^"[1-9][0-9]*"$/;
const DTKV = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';

const eventsPath = (ags = MUSTERSTADT) => `${base(ags)}/events`;
const eventPath = (id, ags = MUSTERSTADT) => `${eventsPath(ags)}/${id}`;
const publicPath = (ags = MUSTERSTADT) => `/api/v1/public/municipalities/${ags}/events`;

const t = {}; /* tokens by role */
const org = {}; /* organisation ids */

const sqlIds = (sql) => psql(sql).split('\n').filter(Boolean).sort();
const at = (days, hour = 10) => {
	const d = new Date(Date.now() + days * 86400_000);
	d.setUTCHours(hour, 0, 0, 0);
	return d.toISOString().replace(/\.\d+Z$/, 'Z');
};

async function newEvent(changes = {}, token = t.officer, ags = MUSTERSTADT) {
	const body = { title: `Veranstaltung ${TAG}`, starts_at: at(7), organiser_ids: [org.caritas], ...changes };
	const res = await api('POST', eventsPath(ags), token, { body });
	assert.equal(res.status, 201, `creating an event: ${res.text.slice(0, 400)}`);
	return res;
}

async function getEvent(id, token = t.officer, ags = MUSTERSTADT) {
	const res = await api('GET', eventPath(id, ags), token);
	assert.equal(res.status, 200, `GET event ${id}: ${res.text.slice(0, 400)}`);
	return res;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.officerL, t.dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'dadm');
	org.caritas = await organisationId(t.officer, CARITAS);
	org.dtkv = await organisationId(t.officer, DTKV);
	t.clientWrite = await clientToken(t.officer, org.caritas, `Kalender ${TAG}`, ['events:write']);
	t.clientRead = await clientToken(t.officer, org.caritas, `Leser ${TAG}`, ['catalogue:read']);
});

describe('creating and reading', () => {
	test('an officer creates a timed event shown in two municipalities; its document and ETag', async () => {
		const res = await newEvent({
			description: 'Frühstück, Austausch, Kinderbetreuung', place: 'Familienzentrum', street: 'Lindenstraße 12',
			postcode: '59998', city: 'Musterlingen', municipality_ags: [MUSTERLINGEN],
			target_groups: ['women_and_mothers'], visibility: 'public', ends_at: at(7, 12),
		});
		const e = res.json;
		assert.match(res.headers.etag, VERSION);
		assert.equal(res.headers.location, eventPath(e.id));
		assert.deepEqual(e.municipalities.map((m) => m.ags).sort(), [MUSTERSTADT, MUSTERLINGEN]);
		assert.deepEqual(e.organisers, [{ id: org.caritas, name: CARITAS }]);
		assert.equal(e.status, 'planned');
		assert.equal(e.sequence, 0);
		assert.equal(e.all_day, false);
		assert.equal(e.starts_on, null);
		assert.equal(Date.parse(e.starts_at), Date.parse(at(7)), 'the same instant, shown in Berlin');
		assert.match(e.starts_at, /\+0[12]:00$/);
		assert.equal(e.participant_count, null);
		/* the officer of the other municipality sees it there */
		const there = await getEvent(e.id, t.officerL, MUSTERLINGEN);
		assert.equal(there.json.title, e.title);
	});

	test('an all-day event has its dates, and midnight in Berlin as its times', async () => {
		const e = (await newEvent({ all_day: true, starts_on: '2027-07-10', ends_on: '2027-07-11', starts_at: undefined })).json;
		assert.equal(e.all_day, true);
		assert.equal(e.starts_on, '2027-07-10');
		assert.equal(e.ends_on, '2027-07-11');
		assert.equal(e.starts_at, '2027-07-10T00:00:00+02:00');
		assert.equal(e.ends_at, '2027-07-12T00:00:00+02:00');
	});

	test('GET answers 304 for its ETag', async () => {
		const e = (await newEvent()).json;
		const first = await getEvent(e.id);
		assertEtag(first, VERSION);
		const again = await api('GET', eventPath(e.id), t.officer, { headers: { 'If-None-Match': first.headers.etag } });
		assert.equal(again.status, 304);
	});

	test('the steering group reads but does not write', async () => {
		const e = (await newEvent()).json;
		await getEvent(e.id, t.steering);
		const res = await api('POST', eventsPath(), t.steering, { body: { title: 'x', starts_at: at(3) } });
		assert.equal(res.status, 403);
		assert.equal((await api('PATCH', eventPath(e.id), t.steering, { body: { title: 'y' } })).status, 403);
		assert.equal((await api('DELETE', eventPath(e.id), t.steering)).status, 403);
	});

	test('an event only of Musterstadt is not found in Musterlingen, nor by its officer (cross-tenant)', async () => {
		const e = (await newEvent({ visibility: 'internal' })).json;
		assert.equal((await api('GET', eventPath(e.id, MUSTERLINGEN), t.officerL)).status, 404);
		assert.equal((await api('GET', eventPath(e.id), t.officerL)).status, 404);
		assert.equal((await api('PATCH', eventPath(e.id, MUSTERLINGEN), t.officerL, { body: { title: 'x' } })).status, 404);
		assert.equal((await api('DELETE', eventPath(e.id, MUSTERLINGEN), t.officerL)).status, 404);
		/* the district admin may */
		await getEvent(e.id, t.dadm);
	});

	test('anonymous callers and forged tokens are refused', async () => {
		assertUnauthorized(await api('GET', eventsPath(), ''));
		assertUnauthorized(await api('POST', eventsPath(), '', { body: { title: 'x', starts_at: at(2) } }));
		const forged = forge(claimsOf(t.partner), { secret: randomBytes(32) });
		assertUnauthorized(await api('POST', eventsPath(), forged, { body: { title: 'x', starts_at: at(2), organiser_ids: [org.dtkv] } }));
		/* a partner's token re-signed with the server's key claiming to be an officer: the database refuses it */
		const c = claimsOf(t.partner);
		c.mem = c.mem.map((m) => ({ ...m, role: 'officer', org: null }));
		const res = await api('POST', eventsPath(), forge(c), { body: { title: `Gefälscht ${TAG}`, starts_at: at(2), organiser_ids: [org.dtkv] } });
		assert.ok([401, 403].includes(res.status), `a forged role: ${res.status}`);
		assert.equal(psql(`SELECT count(*) FROM event WHERE title = ${lit(`Gefälscht ${TAG}`)}`), '0');
	});
});

describe('partners and API clients', () => {
	test('a partner creates events its organisation organises, and no others', async () => {
		const own = await newEvent({ organiser_ids: [org.caritas, org.dtkv], visibility: 'internal' }, t.partner);
		assert.deepEqual(own.json.organisers.map((o) => o.id).sort(), [org.caritas, org.dtkv].sort());
		const other = await api('POST', eventsPath(), t.partner, { body: { title: `Fremd ${TAG}`, starts_at: at(5), organiser_ids: [org.dtkv] } });
		assert.equal(other.status, 403);
		const none = await api('POST', eventsPath(), t.partner, { body: { title: `Ohne ${TAG}`, starts_at: at(5) } });
		assert.equal(none.status, 403);
		assert.equal(psql(`SELECT count(*) FROM event WHERE title IN (${lit(`Fremd ${TAG}`)}, ${lit(`Ohne ${TAG}`)})`), '0');
	});

	test('a partner changes and deletes its organisation\'s events, not others\' (403, or 404 when hidden)', async () => {
		const own = (await newEvent({ organiser_ids: [org.caritas] }, t.partner)).json;
		const changed = await api('PATCH', eventPath(own.id), t.partner, { body: { place: 'Pfarrheim' } });
		assert.equal(changed.status, 200, changed.text);
		/* it may not drop its own organisation */
		assert.equal((await api('PATCH', eventPath(own.id), t.partner, { body: { organiser_ids: [org.dtkv] } })).status, 403);
		const theirs = (await newEvent({ organiser_ids: [org.dtkv], visibility: 'partners' })).json;
		assert.equal((await api('PATCH', eventPath(theirs.id), t.partner, { body: { title: 'x' } })).status, 403);
		assert.equal((await api('DELETE', eventPath(theirs.id), t.partner)).status, 403);
		const hidden = (await newEvent({ organiser_ids: [org.dtkv], visibility: 'internal' })).json;
		assert.equal((await api('GET', eventPath(hidden.id), t.partner)).status, 404);
		assert.equal((await api('PATCH', eventPath(hidden.id), t.partner, { body: { title: 'x' } })).status, 404);
		assert.equal((await api('DELETE', eventPath(own.id), t.partner)).status, 204);
		assert.equal(psql(`SELECT count(*) FROM event WHERE id = ${own.id}`), '0');
		assert.equal(psql(`SELECT title FROM event WHERE id = ${theirs.id}`), theirs.title);
	});

	test('a partner sees partners and public events and its own internal ones (counted with SQL)', async () => {
		await newEvent({ organiser_ids: [org.dtkv], visibility: 'internal' });
		await newEvent({ organiser_ids: [org.caritas], visibility: 'internal' });
		await newEvent({ organiser_ids: [org.dtkv], visibility: 'partners' });
		const seen = (await everyItem(eventsPath(), t.partner)).map((e) => e.id).sort();
		const expected = sqlIds(`SELECT e.id FROM event e JOIN event_municipality l ON l.event_id = e.id
			WHERE l.shown_in = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')
			  AND (e.visibility IN ('partners', 'public')
			       OR e.id IN (SELECT event_id FROM event_organiser WHERE organisation_id = ${org.caritas}))`);
		assert.deepEqual(seen, expected);
		const all = (await everyItem(eventsPath(), t.officer)).map((e) => e.id).sort();
		assert.deepEqual(all, sqlIds(`SELECT event_id FROM event_municipality WHERE shown_in = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')`));
		assert.ok(all.length > seen.length, 'the officer sees more than the partner');
	});

	test('an API client with events:write enters its organisation\'s events; without the scope it may not', async () => {
		const res = await newEvent({ organiser_ids: [org.caritas], visibility: 'public' }, t.clientWrite);
		assert.equal(res.json.organisers[0].id, org.caritas);
		assert.equal(psql(`SELECT actor_client_id IS NOT NULL FROM audit_event WHERE table_name = 'event' AND row_id = '${res.json.id}' AND action = 'insert'`), 't');
		assert.equal((await api('POST', eventsPath(), t.clientWrite, { body: { title: 'x', starts_at: at(4), organiser_ids: [org.dtkv] } })).status, 403);
		const theirs = (await newEvent({ organiser_ids: [org.dtkv], visibility: 'public' })).json;
		assert.equal((await api('PATCH', eventPath(theirs.id), t.clientWrite, { body: { title: 'x' } })).status, 403);
		const read = await api('POST', eventsPath(), t.clientRead, { body: { title: 'x', starts_at: at(4), organiser_ids: [org.caritas] } });
		assert.equal(read.status, 403, 'catalogue:read does not write events');
		assert.equal((await api('PATCH', eventPath(res.json.id), t.clientRead, { body: { title: 'x' } })).status, 403);
	});
});

describe('rules of the fields', () => {
	test('participants and "held" only once the event has started', async () => {
		const future = (await newEvent()).json;
		assertAt(await api('PATCH', eventPath(future.id), t.officer, { body: { participant_count: 20 } }), 422, '/participant_count');
		assertAt(await api('PATCH', eventPath(future.id), t.officer, { body: { status: 'held' } }), 422, '/status');
		assertAt(await api('POST', eventsPath(), t.officer, {
			body: { title: 'x', starts_at: at(3), participant_count: 3, organiser_ids: [org.caritas] },
		}), 422, '/participant_count');
		const past = (await newEvent({ starts_at: at(-3), ends_at: at(-3, 14) })).json;
		const held = await api('PATCH', eventPath(past.id), t.officer, { body: { status: 'held', participant_count: 57 } });
		assert.equal(held.status, 200, held.text);
		assert.equal(held.json.participant_count, 57);
		assert.equal(held.json.status, 'held');
		assert.equal(psql(`SELECT participant_count FROM event WHERE id = ${past.id}`), '57');
	});

	test('a change a calendar shows raises sequence; others do not', async () => {
		const e = (await newEvent({ visibility: 'partners' })).json;
		let res = await api('PATCH', eventPath(e.id), t.officer, { body: { title: `Neu ${TAG}` } });
		assert.equal(res.json.sequence, 1);
		res = await api('PATCH', eventPath(e.id), t.officer, { body: { starts_at: at(8) } });
		assert.equal(res.json.sequence, 2);
		res = await api('PATCH', eventPath(e.id), t.officer, { body: { visibility: 'public', target_groups: ['youth'] } });
		assert.equal(res.json.sequence, 2, 'visibility and target groups are not in the calendar entry');
		res = await api('PATCH', eventPath(e.id), t.officer, { body: { status: 'cancelled' } });
		assert.equal(res.json.sequence, 3);
		assert.equal(psql(`SELECT sequence FROM event WHERE id = ${e.id}`), '3');
	});

	test('mass assignment: id, sequence, version and unknown members answer 422 and change nothing', async () => {
		const e = (await newEvent()).json;
		for (const body of [{ sequence: 9 }, { id: '1' }, { version: 7 }, { updated_at: '2020-01-01T00:00:00Z' }, { municipality_id: '1' }]) {
			const res = await api('PATCH', eventPath(e.id), t.officer, { body: { title: 'x', ...body } });
			assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.status}`);
			const post = await api('POST', eventsPath(), t.officer, { body: { title: `Zuweisung ${TAG}`, starts_at: at(3), ...body } });
			assert.equal(post.status, 422, `POST ${JSON.stringify(body)}: ${post.status}`);
		}
		assert.equal(psql(`SELECT title || '/' || sequence FROM event WHERE id = ${e.id}`), `${e.title}/0`);
		assert.equal(psql(`SELECT count(*) FROM event WHERE title = ${lit(`Zuweisung ${TAG}`)}`), '0');
	});

	test('bad input: times, dates, postcode, references, ends before start (422 naming the field)', async () => {
		const cases = [
			[{ starts_at: '2027-01-01T10:00:00' }, 422, '/starts_at'],
			[{ starts_at: 'morgen' }, 422, '/starts_at'],
			[{ ends_at: at(1), starts_at: at(2) }, 422, '/ends_at'],
			[{ postcode: '5999' }, 422, '/postcode'],
			[{ postcode: 'abcde' }, 422, '/postcode'],
			[{ municipality_ags: ['123'] }, 422, '/municipality_ags/0'],
			[{ municipality_ags: ['09999999'] }, 422, '/municipality_ags/0'],
			[{ organiser_ids: ['999999999'] }, 422, '/organiser_ids/0'],
			[{ measure_id: '999999999' }, 422, '/measure_id'],
			[{ target_groups: ['aliens'] }, 422, '/target_groups'],
			[{ status: 'postponed' }, 422, '/status'],
			[{ all_day: true, starts_at: undefined }, 422, '/starts_on'],
			[{ all_day: true, starts_on: '2027-05-02', ends_on: '2027-05-01', starts_at: undefined }, 422, '/ends_on'],
			[{ starts_on: '2027-05-02' }, 422, '/starts_on'],
			[{ starts_at: undefined }, 422, '/starts_at'],
			[{ title: '   ' }, 422, '/title'],
		];
		for (const [changes, status, pointer] of cases) {
			const body = { title: `Fehler ${TAG}`, starts_at: at(3), organiser_ids: [org.caritas], ...changes };
			const res = await api('POST', eventsPath(), t.officer, { body });
			assert.equal(res.status, status, `${JSON.stringify(changes)}: ${res.status} ${res.text.slice(0, 200)}`);
			assert.ok((res.json.errors ?? []).some((e) => e.pointer === pointer), `${JSON.stringify(changes)}: ${res.text.slice(0, 300)}`);
		}
		assert.equal(psql(`SELECT count(*) FROM event WHERE title = ${lit(`Fehler ${TAG}`)}`), '0');
	});

	test('If-Match: a stale ETag answers 412 and changes nothing; delete too', async () => {
		const e = await newEvent();
		const stale = e.headers.etag;
		assert.equal((await api('PATCH', eventPath(e.json.id), t.officer, { body: { place: 'A' }, headers: { 'If-Match': stale } })).status, 200);
		assert.equal((await api('PATCH', eventPath(e.json.id), t.officer, { body: { place: 'B' }, headers: { 'If-Match': stale } })).status, 412);
		assert.equal((await api('DELETE', eventPath(e.json.id), t.officer, { headers: { 'If-Match': stale } })).status, 412);
		assert.equal(psql(`SELECT place FROM event WHERE id = ${e.json.id}`), 'A');
		assert.equal((await api('DELETE', eventPath(e.json.id), t.officer)).status, 204);
		assert.equal((await api('GET', eventPath(e.json.id), t.officer)).status, 404);
		assert.equal(psql(`SELECT count(*) FROM audit_event WHERE table_name = 'event' AND row_id = '${e.json.id}' AND action = 'delete'`), '1');
	});
});

describe('filters and the events of a measure', () => {
	test('from, to, status, organisation_id and measure_id (counted with SQL)', async () => {
		const measureId = psql(`SELECT max(id) FROM measure WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}') AND visibility = 'internal'`)
			|| psql(`SELECT max(id) FROM measure WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')`);
		await newEvent({ starts_at: at(40), measure_id: measureId, organiser_ids: [org.dtkv] });
		await newEvent({ starts_at: at(-40), ends_at: at(-40, 12), status: 'held' });
		const shown = `e.id IN (SELECT event_id FROM event_municipality WHERE shown_in = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}'))`;
		const from = at(30).slice(0, 10);
		const to = at(-30).slice(0, 10);
		const cases = [
			[`from=${from}`, `coalesce(e.ends_at, e.starts_at) >= ('${from}'::date)::timestamp AT TIME ZONE 'Europe/Berlin'`],
			[`to=${to}`, `e.starts_at < ('${to}'::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'`],
			['status=held', `e.status = 'held'`],
			[`organisation_id=${org.dtkv}`, `e.id IN (SELECT event_id FROM event_organiser WHERE organisation_id = ${org.dtkv})`],
			[`measure_id=${measureId}`, `e.measure_id = ${measureId}`],
		];
		for (const [query, where] of cases) {
			const got = (await everyItem(eventsPath(), t.officer, query)).map((e) => e.id).sort();
			const want = sqlIds(`SELECT e.id FROM event e WHERE ${shown} AND ${where}`);
			assert.deepEqual(got, want, query);
			assert.ok(want.length > 0, `${query} finds something`);
		}
		const byMeasure = (await everyItem(`${base()}/measures/${measureId}/events`, t.officer)).map((e) => e.id).sort();
		assert.deepEqual(byMeasure, sqlIds(`SELECT id FROM event WHERE measure_id = ${measureId}`));
		assert.equal((await api('GET', `${eventsPath()}?status=postponed`, t.officer)).status, 400);
		assert.equal((await api('GET', `${eventsPath()}?from=gestern`, t.officer)).status, 400);
		assert.equal((await api('GET', `${eventsPath()}?cursor=xyz`, t.officer)).status, 400);
		for (const keys of [['gestern', '1'], ['2026-01-01T00:00:00Z', 'x1'], ['2026-01-01T00:00:00Z', '99999999999999999999']]) {
			const forged = Buffer.from(JSON.stringify(keys)).toString('base64url');
			for (const path of [eventsPath(), publicPath(), '/api/v1/public/events']) {
				const res = await api('GET', `${path}?cursor=${forged}`, path.includes('public') ? '' : t.officer);
				assert.equal(res.status, 400, `${path} with the cursor ${JSON.stringify(keys)}: ${res.status}`);
			}
		}
	});

	test('the list is ordered by start and pages', async () => {
		const page = await api('GET', `${eventsPath()}?limit=2`, t.officer);
		assert.equal(page.status, 200);
		assert.equal(page.json.items.length, 2);
		const all = await everyItem(eventsPath(), t.officer);
		const starts = all.map((e) => Date.parse(e.starts_at));
		assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
	});

	test('a measure of another municipality is refused (422), an unknown measure\'s events 404', async () => {
		const lingen = psql(`SELECT max(id) FROM measure WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERLINGEN}')`);
		assertAt(await api('POST', eventsPath(), t.officer, { body: { title: 'x', starts_at: at(3), measure_id: lingen } }), 422, '/measure_id');
		assert.equal((await api('GET', `${base()}/measures/${lingen}/events`, t.officer)).status, 404);
		assert.equal((await api('GET', `${base()}/measures/999999999/events`, t.officer)).status, 404);
	});
});

describe('the public lists and event page', () => {
	test('only public events; internal and partners ones never', async () => {
		const pub = (await newEvent({ visibility: 'public' })).json;
		const internal = (await newEvent({ visibility: 'internal' })).json;
		const partners = (await newEvent({ visibility: 'partners' })).json;
		const list = (await everyItem(publicPath(), '')).map((e) => e.id).sort();
		assert.deepEqual(list, sqlIds(`SELECT e.id FROM event e JOIN event_municipality l ON l.event_id = e.id
			WHERE l.shown_in = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}') AND e.visibility = 'public'`));
		assert.ok(list.includes(pub.id));
		assert.ok(!list.includes(internal.id) && !list.includes(partners.id));
		const district = (await everyItem('/api/v1/public/events', '')).map((e) => e.id).sort();
		assert.deepEqual(district, sqlIds(`SELECT id FROM event WHERE visibility = 'public'`));
		const lingen = (await everyItem('/api/v1/public/events', '', `municipality=${MUSTERLINGEN}`)).map((e) => e.id).sort();
		assert.deepEqual(lingen, sqlIds(`SELECT e.id FROM event e JOIN event_municipality l ON l.event_id = e.id
			WHERE l.shown_in = (SELECT id FROM municipality WHERE ags = '${MUSTERLINGEN}') AND e.visibility = 'public'`));
		const youth = (await everyItem('/api/v1/public/events', '', 'target_group=volunteers')).map((e) => e.id).sort();
		assert.deepEqual(youth, sqlIds(`SELECT id FROM event WHERE visibility = 'public' AND 'volunteers' = ANY (target_groups)`));
		const page = await api('GET', `/api/v1/public/events/${pub.id}`, '');
		assert.equal(page.status, 200);
		assert.equal(page.json.title, pub.title);
		for (const hidden of [internal, partners]) assert.equal((await api('GET', `/api/v1/public/events/${hidden.id}`, '')).status, 404);
		assert.equal((await api('GET', '/api/v1/public/events/999999999', '')).status, 404);
		assert.equal((await api('GET', '/api/v1/public/events/abc', '')).status, 404);
		assert.equal((await api('GET', '/api/v1/public/municipalities/09999999/events', '')).status, 404);
		assert.equal((await api('GET', '/api/v1/public/events?municipality=123', '')).status, 400);
	});

	test('the public page shows a measure only when the measure is public', async () => {
		const internalMeasure = psql(`SELECT max(id) FROM measure WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}') AND visibility <> 'public'`);
		// public: shared with the public and in the adopted concept, made
		// here (other suites adopt new versions and add public measures to
		// drafts, which stay hidden)
		const adopted = psql(`SELECT id FROM concept WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}') AND status = 'adopted'`);
		const field = psql(`SELECT min(id) FROM action_field WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')`);
		assert.ok(adopted && field, 'Musterstadt has an adopted concept and Handlungsfelder');
		const made = await api('POST', `${base()}/measures`, t.officer, {
			body: { concept_id: adopted, code: `EV-${TAG}`.slice(0, 20), title: `Öffentliche Maßnahme ${TAG}`, action_field_id: field,
				horizon: 'short', visibility: 'public' },
		});
		assert.equal(made.status, 201, made.text);
		const publicMeasure = made.json.id;
		assert.equal((await api('GET', `/api/v1/public/municipalities/${MUSTERSTADT}/measures/${publicMeasure}`, '')).status, 200, 'it is public');
		assert.ok(internalMeasure && publicMeasure, 'the demo has both kinds of measures');
		const a = (await newEvent({ visibility: 'public', measure_id: internalMeasure })).json;
		const b = (await newEvent({ visibility: 'public', measure_id: publicMeasure })).json;
		assert.equal(a.measure.id, internalMeasure, 'the officer sees the measure');
		assert.equal((await api('GET', `/api/v1/public/events/${a.id}`, '')).json.measure, null);
		assert.equal((await api('GET', `/api/v1/public/events/${b.id}`, '')).json.measure.id, publicMeasure);
	});

	test('the demo data: Fest der Kulturen held with participants, the Oasentag of several organisers and municipalities', async () => {
		const fest = psql(`SELECT id FROM event WHERE title = 'Fest der Kulturen'`);
		const res = await api('GET', `/api/v1/public/events/${fest}`, '');
		assert.equal(res.json.status, 'held');
		assert.ok(res.json.participant_count > 0);
		const oase = psql(`SELECT id FROM event WHERE title = 'Oasentag für Ehrenamtliche'`);
		const o = (await api('GET', `/api/v1/public/events/${oase}`, '')).json;
		assert.ok(o.organisers.length >= 2 && o.municipalities.length >= 2);
	});
});
