/*
 * Meetings (Sitzungen) under /api/v1/municipalities/{ags}/meetings and the
 * public ones under /api/v1/public/municipalities/{ags}/meetings: who sees
 * and writes what (officer, steering group, partner, district admin, an
 * officer of another municipality, anonymous callers, API clients with and
 * without catalogue:read), If-Match, bad and readonly fields, links across
 * municipalities, the approval of the minutes and what it freezes,
 * corrections, and decisions that change a measure (its status, rank,
 * history and document) or are refused as a whole.
 *
 * The meetings, concepts and measures here are made by this file (titles
 * carry a per-run tag); what a role should see is counted with SQL
 * through TEST_PSQL_CMD, not copied from the answers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, lit, me, organisationId, psql, requestToken, signInPersonas } from './lib/auth.mjs';
import { base } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt, assertEtag, assertUnauthorized } from './lib/checks.mjs';

const TAG = `S${process.pid}${randomBytes(3).toString('hex')}`;
const VERSION = /^"[1-9][0-9]*"$/;

const meetingsPath = (ags = MUSTERSTADT) => `${base(ags)}/meetings`;
const meetingPath = (id, ags = MUSTERSTADT) => `${meetingsPath(ags)}/${id}`;
const publicPath = (ags = MUSTERSTADT) => `/api/v1/public/municipalities/${ags}/meetings`;

const t = {}; /* tokens by role */
const who = {}; /* /me documents */
let measureSeq = 0;
let conceptS; /* a concept of this file in Musterstadt */
let fieldS; /* an action field of Musterstadt */
let lingen = {}; /* a concept, measure and indicator of Musterlingen */

/* SQL: the ids a query returns, as sorted strings. */
const sqlIds = (sql) => psql(sql).split('\n').filter(Boolean).sort();
const count = (sql) => Number(psql(sql));
const mid = (ags) => `(SELECT id FROM municipality WHERE ags = ${lit(ags)})`;

const starts = (days) => new Date(Date.now() + days * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');

async function newMeeting(changes = {}, token = t.officer, ags = MUSTERSTADT) {
	const body = { kind: 'steering_group', title: `Sitzung ${TAG}`, starts_at: starts(-7), ...changes };
	const res = await api('POST', meetingsPath(ags), token, { body });
	assert.equal(res.status, 201, `creating a meeting: ${res.text.slice(0, 400)}`);
	return res.json;
}

async function getMeeting(id, token = t.officer) {
	const res = await api('GET', meetingPath(id), token);
	assert.equal(res.status, 200, `GET meeting ${id}: ${res.text.slice(0, 400)}`);
	return res;
}

async function okPost(path, body, token = t.officer, status = 201) {
	const res = await api('POST', path, token, { body });
	assert.equal(res.status, status, `POST ${path}: ${res.text.slice(0, 500)}`);
	return res.json;
}

async function newMeasure(token = t.officer) {
	const res = await api('POST', `${base()}/measures`, token, {
		body: { concept_id: conceptS.id, code: `T-${++measureSeq}`, title: `Maßnahme ${TAG}`, action_field_id: fieldS, horizon: 'short' },
	});
	assert.equal(res.status, 201, res.text);
	return res.json;
}

async function measure(id, token = t.officer) {
	const res = await api('GET', `${base()}/measures/${id}`, token);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

/* A held meeting with its minutes approved by the steering group. */
async function approvedMeeting(changes = {}) {
	const m = await newMeeting({ ...changes });
	const item = await okPost(`${meetingPath(m.id)}/items`, { title: 'Bericht', minutes: 'Bericht zur Kenntnis genommen.' });
	assert.equal((await api('PATCH', meetingPath(m.id), t.officer, { body: { status: 'held' } })).status, 200);
	const res = await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.steering);
	assert.equal(res.status, 200, res.text);
	return { meeting: res.json, item: item.items[0] };
}

async function clientWith(organisation, scopes) {
	const res = await api('POST', `${base()}/api-clients`, t.officer, {
		body: { name: `Sitzungen ${TAG} ${scopes.join(' ')}`, organisation_id: organisation, scopes },
	});
	assert.equal(res.status, 201, res.text);
	const tok = await requestToken({ grant_type: 'client_credentials', client_id: res.json.client_id, client_secret: res.json.client_secret });
	assert.equal(tok.status, 200, tok.text);
	return tok.json.access_token;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL');
	for (const role of ['officer', 'steering', 'officerL']) who[role] = (await me(t[role])).json;
	const caritas = await organisationId(t.officer, CARITAS);
	t.clientRead = await clientWith(caritas, ['catalogue:read']);
	t.clientNone = await clientWith(caritas, ['progress:write']);
	conceptS = await okPost(`${base()}/concepts`, { title: `Sitzungskonzept ${TAG}` });
	fieldS = (await everyItem(`${base()}/action-fields`, t.officer))[0].id;
	lingen.concept = await okPost(`${base(MUSTERLINGEN)}/concepts`, { title: `Lingen ${TAG}` }, t.officerL);
	const fieldL = (await everyItem(`${base(MUSTERLINGEN)}/action-fields`, t.officerL))[0].id;
	lingen.measure = await okPost(`${base(MUSTERLINGEN)}/measures`, {
		concept_id: lingen.concept.id, code: 'L-1', title: `Lingen ${TAG}`, action_field_id: fieldL, horizon: 'short',
	}, t.officerL);
	lingen.indicator = await okPost(`${base(MUSTERLINGEN)}/indicators`, {
		name: `Kennzahl ${TAG}`, unit: '%', direction: 'higher_is_better', source_set: 'local',
	}, t.officerL);
});

describe('who sees which meeting', () => {
	const m = {};
	before(async () => {
		for (const v of ['internal', 'partners', 'public']) m[v] = await newMeeting({ visibility: v, title: `Sichtbar ${v} ${TAG}` });
	});

	test('officer, steering group and district admin see every meeting of the municipality', async () => {
		const truth = sqlIds(`SELECT id FROM meeting WHERE municipality_id = ${mid(MUSTERSTADT)}`);
		for (const role of ['officer', 'steering', 'dadm']) {
			const items = await everyItem(meetingsPath(), t[role]);
			assert.deepEqual(items.map((x) => x.id).sort(), truth, role);
			for (const v of ['internal', 'partners', 'public']) assert.equal((await getMeeting(m[v].id, t[role])).json.visibility, v);
		}
	});

	test('a partner (and an API client with catalogue:read) sees only meetings shared with partners or the public', async () => {
		const truth = sqlIds(`SELECT id FROM meeting WHERE municipality_id = ${mid(MUSTERSTADT)} AND visibility IN ('partners', 'public')`);
		assert.ok(truth.includes(m.partners.id) && truth.includes(m.public.id) && !truth.includes(m.internal.id));
		for (const role of ['partner', 'clientRead']) {
			const items = await everyItem(meetingsPath(), t[role]);
			assert.deepEqual(items.map((x) => x.id).sort(), truth, role);
			assertAt(await api('GET', meetingPath(m.internal.id), t[role]), 404);
			assert.equal((await getMeeting(m.partners.id, t[role])).json.id, m.partners.id);
		}
	});

	test('an API client without catalogue:read gets 403; the other municipality\'s officer 404; anonymous 401', async () => {
		assertAt(await api('GET', meetingsPath(), t.clientNone), 403);
		assertAt(await api('GET', meetingPath(m.public.id), t.clientNone), 403);
		assertAt(await api('GET', meetingsPath(), t.officerL), 404);
		assertAt(await api('GET', meetingPath(m.public.id), t.officerL), 404);
		assertUnauthorized(await api('GET', meetingsPath(), null), /^Bearer/);
		assertUnauthorized(await api('GET', meetingPath(m.public.id), null), /^Bearer/);
		/* Musterlingen's officer does not see Musterstadt's meetings through Musterlingen either */
		const theirs = await everyItem(meetingsPath(MUSTERLINGEN), t.officerL);
		assert.ok(!theirs.some((x) => [m.internal.id, m.partners.id, m.public.id].includes(x.id)));
	});

	test('anonymous callers see the public meetings on the public routes, and only those', async () => {
		const truth = sqlIds(`SELECT id FROM meeting WHERE municipality_id = ${mid(MUSTERSTADT)} AND visibility = 'public'`);
		const items = await everyItem(publicPath(), null);
		assert.deepEqual(items.map((x) => x.id).sort(), truth);
		assert.ok(items.every((x) => !('visibility' in x)));
		assert.equal((await api('GET', `${publicPath()}/${m.public.id}`, null)).status, 200);
		assertAt(await api('GET', `${publicPath()}/${m.partners.id}`, null), 404);
		assertAt(await api('GET', `${publicPath()}/${m.internal.id}`, null), 404);
		assertAt(await api('GET', publicPath('05999999'), null), 404);
	});

	test('the list: newest first, filters, pages by cursor', async () => {
		const items = await everyItem(meetingsPath(), t.officer);
		const times = items.map((x) => Date.parse(x.starts_at));
		assert.deepEqual(times, [...times].sort((a, b) => b - a));
		const planned = await everyItem(meetingsPath(), t.officer, 'status=planned&kind=steering_group');
		assert.deepEqual(planned.map((x) => x.id).sort(),
			sqlIds(`SELECT id FROM meeting WHERE municipality_id = ${mid(MUSTERSTADT)} AND status = 'planned' AND kind = 'steering_group'`));
		const page = await api('GET', `${meetingsPath()}?limit=1`, t.officer);
		assert.equal(page.json.items.length, 1);
		assert.ok(page.json.next_cursor);
		const next = await api('GET', `${meetingsPath()}?limit=1&cursor=${encodeURIComponent(page.json.next_cursor)}`, t.officer);
		assert.equal(next.json.items[0].id, items[1].id);
		/* from and to bound starts_at; a date as to includes its whole day (Berlin) */
		const evening = await newMeeting({ title: `Abend ${TAG}`, starts_at: '2031-04-10T21:30:00+02:00' });
		const within = async (q) => (await everyItem(meetingsPath(), t.officer, q)).map((x) => x.id).includes(evening.id);
		assert.equal(await within('from=2031-04-10&to=2031-04-10'), true);
		assert.equal(await within('to=2031-04-09'), false);
		assert.equal(await within('from=2031-04-11'), false);
		assert.equal(await within('to=2031-04-10T21:30:00%2B02:00'), true, 'a date-time bound is inclusive');
		assert.equal(await within('to=2031-04-10T21:29:59%2B02:00'), false);
		assert.equal(await within('from=2031-04-10T19:30:00Z'), true);
		assertAt(await api('GET', `${meetingsPath()}?status=done`, t.officer), 400);
		assertAt(await api('GET', `${meetingsPath()}?from=gestern`, t.officer), 400);
		assertAt(await api('GET', `${meetingsPath()}?cursor=xyz`, t.officer), 400);
	});
});

describe('creating and changing a meeting', () => {
	test('the officer and the district admin create; steering group, partner and API clients may not', async () => {
		const res = await api('POST', meetingsPath(), t.officer, {
			body: { kind: 'working_group', title: `  AK Sprache ${TAG} `, starts_at: '2027-03-01T15:00:00+01:00', ends_at: '2027-03-01T17:00:00+01:00', place: 'VHS' },
		});
		assert.equal(res.status, 201, res.text);
		assertEtag(res, /^"1"$/);
		assert.equal(res.headers.location, `/api/v1/municipalities/${MUSTERSTADT}/meetings/${res.json.id}`);
		assert.equal(res.json.title, `AK Sprache ${TAG}`);
		assert.equal(res.json.status, 'planned');
		assert.equal(res.json.visibility, 'internal');
		assert.equal(res.json.minutes_status, 'draft');
		assert.equal(Date.parse(res.json.starts_at), Date.parse('2027-03-01T14:00:00Z'));
		assert.deepEqual([res.json.attendees, res.json.items, res.json.decisions, res.json.corrections], [[], [], [], []]);
		await newMeeting({}, t.dadm);
		const body = { kind: 'steering_group', title: 'Nein', starts_at: starts(1) };
		const before = count(`SELECT count(*) FROM meeting WHERE title = 'Nein'`);
		for (const role of ['steering', 'partner', 'clientRead']) assertAt(await api('POST', meetingsPath(), t[role], { body }), 403);
		assertAt(await api('POST', meetingsPath(MUSTERLINGEN), t.officer, { body }), 404);
		assertUnauthorized(await api('POST', meetingsPath(), null, { body }), /^Bearer/);
		assert.equal(count(`SELECT count(*) FROM meeting WHERE title = 'Nein'`), before, 'nothing was written');
	});

	test('unknown, readonly and bad fields answer 422 naming them, and nothing is written', async () => {
		const ok = { kind: 'steering_group', title: `Feld ${TAG}`, starts_at: starts(3) };
		const n = () => count(`SELECT count(*) FROM meeting WHERE title = ${lit(`Feld ${TAG}`)}`);
		for (const [extra, pointer] of [
			[{ status: 'held' }, '/status'], [{ minutes_status: 'approved' }, '/minutes_status'],
			[{ version: 7 }, '/version'], [{ id: '1' }, '/id'], [{ municipality_id: '2' }, '/municipality_id'],
			[{ kind: 'council' }, '/kind'], [{ starts_at: '2027-01-01T10:00:00' }, '/starts_at'],
			[{ starts_at: 'morgen' }, '/starts_at'], [{ title: '  ' }, '/title'], [{ visibility: 'secret' }, '/visibility'],
			[{ ends_at: starts(2) }, '/ends_at'],
		]) assertAt(await api('POST', meetingsPath(), t.officer, { body: { ...ok, ...extra } }), 422, pointer);
		assertAt(await api('POST', meetingsPath(), t.officer, { body: { title: 'x' } }), 422, '/kind');
		assert.equal(n(), 0);
		const m = await newMeeting();
		for (const [body, pointer] of [[{ minutes_status: 'approved' }, '/minutes_status'], [{ version: 9 }, '/version'],
			[{ minutes_approved_by: who.officer.id }, '/minutes_approved_by'], [{ items: [] }, '/items'], [{ status: 'over' }, '/status'],
			[{ ends_at: '2000-01-01T00:00:00Z' }, '/ends_at']]) {
			assertAt(await api('PATCH', meetingPath(m.id), t.officer, { body }), 422, pointer);
		}
		assert.equal((await getMeeting(m.id)).json.version, 1, 'refused changes leave the version');
	});

	test('PATCH honours If-Match: a stale ETag is 412, the current one changes and raises the version', async () => {
		const m = await newMeeting();
		const first = await getMeeting(m.id);
		const etag = assertEtag(first, VERSION);
		const ok = await api('PATCH', meetingPath(m.id), t.officer, { body: { place: 'Rathaus', visibility: 'partners' }, headers: { 'If-Match': etag } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.version, first.json.version + 1);
		assert.equal(assertEtag(ok, VERSION), `"${ok.json.version}"`);
		assert.equal(ok.json.place, 'Rathaus');
		assertAt(await api('PATCH', meetingPath(m.id), t.officer, { body: { place: 'Anderswo' }, headers: { 'If-Match': etag } }), 412);
		assert.equal((await getMeeting(m.id)).json.place, 'Rathaus');
		const again = await api('GET', meetingPath(m.id), t.officer, { headers: { 'If-None-Match': ok.headers.etag } });
		assert.equal(again.status, 304);
	});

	test('the steering group, partners and other municipalities cannot change a meeting', async () => {
		const m = await newMeeting({ visibility: 'partners' });
		for (const role of ['steering', 'partner', 'clientRead']) assertAt(await api('PATCH', meetingPath(m.id), t[role], { body: { title: 'x' } }), 403);
		assertAt(await api('PATCH', meetingPath(m.id), t.officerL, { body: { title: 'x' } }), 404);
		assertAt(await api('PATCH', meetingPath(m.id, MUSTERLINGEN), t.officerL, { body: { title: 'x' } }), 404);
		assertAt(await api('PATCH', meetingPath('abc'), t.officer, { body: { title: 'x' } }), 404);
		assert.equal((await getMeeting(m.id)).json.title, `Sitzung ${TAG}`);
	});
});

describe('attendees and agenda', () => {
	test('attendees: accounts of the municipality and guests, in order; strangers and bad entries 422', async () => {
		const m = await newMeeting();
		const list = [
			{ account_id: who.steering.id, function: 'Bürgermeisterin' },
			{ name: 'Cornelia Rösner', function: 'Leiterin des Amts für Familie, Jugend und Senioren', organisation: 'Stadt Musterstadt' },
		];
		const res = await api('PUT', `${meetingPath(m.id)}/attendees`, t.officer, { body: list });
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.json.attendees.map((a) => [a.account?.id ?? null, a.name, a.function]),
			[[who.steering.id, null, 'Bürgermeisterin'], [null, 'Cornelia Rösner', list[1].function]]);
		assert.equal(res.json.attendees[0].account.name, who.steering.display_name);
		for (const [body, pointer] of [
			[[{ account_id: who.officerL.id }], '/0/account_id'],
			[[{ name: 'A' }, { account_id: who.steering.id }, { account_id: who.steering.id }], '/2/account_id'],
			[[{ account_id: who.steering.id, name: 'Beides' }], '/0'],
			[[{}], '/0'],
			[[{ name: 'X', role: 'chair' }], '/0/role'],
			[{ name: 'kein Array' }, ''],
		]) assertAt(await api('PUT', `${meetingPath(m.id)}/attendees`, t.officer, { body }), 422, pointer);
		assert.equal(count(`SELECT count(*) FROM meeting_attendee WHERE meeting_id = ${m.id}`), 2, 'refused lists change nothing');
		for (const role of ['steering', 'partner']) assertAt(await api('PUT', `${meetingPath(m.id)}/attendees`, t[role], { body: [] }), 403);
		const empty = await api('PUT', `${meetingPath(m.id)}/attendees`, t.officer, { body: [] });
		assert.deepEqual(empty.json.attendees, []);
	});

	test('items: added last or at a position, changed with their minutes, moved and removed', async () => {
		const m = await newMeeting();
		const meas = await newMeasure();
		const a = await api('POST', `${meetingPath(m.id)}/items`, t.officer, { body: { title: 'Begrüßung' } });
		assert.equal(a.status, 201, a.text);
		const itemA = a.json.items[0];
		assert.equal(a.headers.location, `/api/v1/municipalities/${MUSTERSTADT}/meetings/${m.id}/items/${itemA.id}`);
		const b = await okPost(`${meetingPath(m.id)}/items`, { title: 'Sachstand', measure_id: meas.id, concept_id: conceptS.id });
		const c = await okPost(`${meetingPath(m.id)}/items`, { title: 'Vorab', position: 1 });
		assert.deepEqual(c.items.map((i) => [i.title, i.position]), [['Vorab', 1], ['Begrüßung', 2], ['Sachstand', 3]]);
		const sach = b.items.find((i) => i.title === 'Sachstand');
		assert.deepEqual(sach.measure, { id: meas.id, code: meas.code, title: meas.title, status: 'proposed' });
		assert.equal(sach.concept.id, conceptS.id);
		const p = await api('PATCH', `${meetingPath(m.id)}/items/${sach.id}`, t.officer, { body: { minutes: 'Zur Kenntnis genommen.', position: 1 } });
		assert.equal(p.status, 200, p.text);
		assert.deepEqual(p.json.items.map((i) => i.title), ['Sachstand', 'Vorab', 'Begrüßung']);
		assert.equal(p.json.items[0].minutes, 'Zur Kenntnis genommen.');
		const d = await api('DELETE', `${meetingPath(m.id)}/items/${c.items[0].id}`, t.officer);
		assert.equal(d.status, 200, d.text);
		assert.deepEqual(d.json.items.map((i) => [i.title, i.position]), [['Sachstand', 1], ['Begrüßung', 2]]);
		assertAt(await api('DELETE', `${meetingPath(m.id)}/items/${c.items[0].id}`, t.officer), 404);
		assertAt(await api('PATCH', `${meetingPath(m.id)}/items/999999999`, t.officer, { body: { title: 'x' } }), 404);
		for (const role of ['steering', 'partner']) {
			assertAt(await api('POST', `${meetingPath(m.id)}/items`, t[role], { body: { title: 'x' } }), 403);
			assertAt(await api('DELETE', `${meetingPath(m.id)}/items/${sach.id}`, t[role]), 403);
		}
	});

	test('an item links only what belongs to the municipality: 422 at the field, nothing written', async () => {
		const m = await newMeeting();
		const n = () => count(`SELECT count(*) FROM meeting_item WHERE meeting_id = ${m.id}`);
		for (const [body, pointer] of [
			[{ title: 'x', measure_id: lingen.measure.id }, '/measure_id'],
			[{ title: 'x', indicator_id: lingen.indicator.id }, '/indicator_id'],
			[{ title: 'x', concept_id: lingen.concept.id }, '/concept_id'],
			[{ title: 'x', measure_id: '999999999' }, '/measure_id'],
			[{ title: 'x', measure_id: 5 }, '/measure_id'],
			[{ title: 'x', minutes_status: 'approved' }, '/minutes_status'],
			[{ title: 'x', meeting_id: '1' }, '/meeting_id'],
			[{ description: 'ohne Titel' }, '/title'],
		]) assertAt(await api('POST', `${meetingPath(m.id)}/items`, t.officer, { body }), 422, pointer);
		assert.equal(n(), 0);
		const ok = await okPost(`${meetingPath(m.id)}/items`, { title: 'ok' });
		assertAt(await api('PATCH', `${meetingPath(m.id)}/items/${ok.items[0].id}`, t.officer, { body: { measure_id: lingen.measure.id } }), 422, '/measure_id');
		assert.equal(psql(`SELECT measure_id IS NULL FROM meeting_item WHERE id = ${ok.items[0].id}`), 't');
	});

	test('every change of a part raises the version; a stale If-Match is 412 for the parts too', async () => {
		const m = await newMeeting();
		const before = assertEtag(await getMeeting(m.id), VERSION);
		const added = await api('POST', `${meetingPath(m.id)}/items`, t.officer, { body: { title: 'x' }, headers: { 'If-Match': before } });
		assert.equal(added.status, 201, added.text);
		assert.ok(added.json.version > 1);
		assertAt(await api('POST', `${meetingPath(m.id)}/items`, t.officer, { body: { title: 'y' }, headers: { 'If-Match': before } }), 412);
		assertAt(await api('PUT', `${meetingPath(m.id)}/attendees`, t.officer, { body: [], headers: { 'If-Match': before } }), 412);
		assertAt(await api('POST', `${meetingPath(m.id)}/decisions`, t.steering, { body: { text: 'x' }, headers: { 'If-Match': before } }), 412);
		assert.equal(count(`SELECT count(*) FROM meeting_item WHERE meeting_id = ${m.id}`), 1);
	});
});

describe('decisions and the measures they change', () => {
	test('the steering group plans a proposed measure and moves its rank: one transaction, history and document name the meeting', async () => {
		const m = await newMeeting({ title: `Beschluss ${TAG}` });
		await newMeasure();
		const meas = await newMeasure();
		assert.ok(meas.rank > 1);
		const withItem = await okPost(`${meetingPath(m.id)}/items`, { title: 'Vorschlag', measure_id: meas.id });
		const res = await api('POST', `${meetingPath(m.id)}/decisions`, t.steering, {
			body: { item_id: withItem.items[0].id, text: 'Die Steuerungsgruppe nimmt die Maßnahme in die Planung auf.', measure_id: meas.id, measure_status: 'planned', measure_rank: 1 },
		});
		assert.equal(res.status, 201, res.text);
		const dec = res.json.decisions.at(-1);
		assert.deepEqual([dec.item_id, dec.measure.id, dec.measure_status, dec.measure_rank], [withItem.items[0].id, meas.id, 'planned', 1]);
		assert.match(res.headers.location, new RegExp(`/meetings/${m.id}/decisions/${dec.id}$`));
		const after = await measure(meas.id);
		assert.equal(after.status, 'planned');
		assert.equal(after.rank, 1);
		assert.deepEqual(after.decisions.map((d) => [d.meeting.id, d.meeting.title, d.text]), [[m.id, m.title, dec.text]]);
		assert.equal(Date.parse(after.decisions[0].meeting.starts_at), Date.parse(m.starts_at));
		const hist = await everyItem(`${base()}/measures/${meas.id}/history`, t.steering);
		const byDecision = hist.filter((h) => h.meeting);
		assert.deepEqual(byDecision.map((h) => Object.keys(h.changes).sort().join()).sort(), ['rank', 'status']);
		for (const h of byDecision) {
			assert.deepEqual([h.meeting.id, h.meeting.title], [m.id, m.title]);
			assert.equal(h.actor.id, who.steering.id);
		}
		assert.ok(hist.filter((h) => !h.meeting).every((h) => h.action === 'insert'), 'only the decision changed the measure');
		assert.equal(psql(`SELECT count(*) FROM audit_event WHERE table_name = 'measure' AND row_id = '${meas.id}' AND meeting_id = ${m.id}`), '2');
		/* the partner sees no decision of a meeting it cannot see */
		const forPartner = await api('GET', `${base()}/measures/${meas.id}`, t.partner);
		if (forPartner.status === 200) assert.deepEqual(forPartner.json.decisions, []);
	});

	test('a status change the measure does not allow refuses the decision as a whole', async () => {
		const m = await newMeeting();
		const meas = await newMeasure();
		const n = () => count(`SELECT count(*) FROM meeting_decision WHERE meeting_id = ${m.id}`);
		const events = () => count(`SELECT count(*) FROM audit_event WHERE table_name = 'measure' AND row_id = '${meas.id}'`);
		const e0 = events();
		/* proposed -> completed is no transition: 409 at measure_status, even with a good rank */
		assertAt(await api('POST', `${meetingPath(m.id)}/decisions`, t.steering, {
			body: { text: 'Abgeschlossen', measure_id: meas.id, measure_rank: 1, measure_status: 'completed' },
		}), 409, '/measure_status');
		/* planning a proposed measure is the steering group's: an officer gets 403 */
		assertAt(await api('POST', `${meetingPath(m.id)}/decisions`, t.officer, {
			body: { text: 'Geplant', measure_id: meas.id, measure_status: 'planned' },
		}), 403);
		assert.equal(n(), 0, 'no decision was written');
		assert.equal(events(), e0, 'the measure was not changed');
		const after = await measure(meas.id);
		assert.equal(after.status, 'proposed');
		assert.equal(after.rank, meas.rank);
		assert.deepEqual(after.decisions, []);
		/* dropping takes the decision's text as the reason */
		const drop = await api('POST', `${meetingPath(m.id)}/decisions`, t.officer, {
			body: { text: 'Kein Bedarf mehr.', measure_id: meas.id, measure_status: 'dropped' },
		});
		assert.equal(drop.status, 201, drop.text);
		const dropped = await measure(meas.id);
		assert.deepEqual([dropped.status, dropped.status_reason], ['dropped', 'Kein Bedarf mehr.']);
	});

	test('a measure, item or status that is not the municipality\'s or not valid: 422, nothing written', async () => {
		const m = await newMeeting();
		const other = await newMeeting();
		const otherItem = (await okPost(`${meetingPath(other.id)}/items`, { title: 'fremd' })).items[0];
		const n = () => count(`SELECT count(*) FROM meeting_decision WHERE meeting_id = ${m.id}`);
		const lingenBefore = psql(`SELECT status || rank FROM measure WHERE id = ${lingen.measure.id}`);
		for (const [body, pointer] of [
			[{ text: 'x', measure_id: lingen.measure.id, measure_status: 'dropped' }, '/measure_id'],
			[{ text: 'x', measure_id: lingen.measure.id }, '/measure_id'],
			[{ text: 'x', item_id: otherItem.id }, '/item_id'],
			[{ text: 'x', measure_status: 'planned' }, '/measure_id'],
			[{ text: 'x', measure_id: '1', measure_status: 'finished' }, '/measure_status'],
			[{ text: 'x', measure_rank: 0, measure_id: '1' }, '/measure_rank'],
			[{ text: 'x', decided_by: who.steering.id }, '/decided_by'],
			[{ text: 'x', meeting_id: other.id }, '/meeting_id'],
			[{ measure_id: '1' }, '/text'],
		]) assertAt(await api('POST', `${meetingPath(m.id)}/decisions`, t.steering, { body }), 422, pointer);
		assert.equal(n(), 0);
		assert.equal(psql(`SELECT status || rank FROM measure WHERE id = ${lingen.measure.id}`), lingenBefore);
		for (const role of ['partner', 'clientRead']) assertAt(await api('POST', `${meetingPath(m.id)}/decisions`, t[role], { body: { text: 'x' } }), 403);
		assertAt(await api('POST', `${meetingPath(m.id)}/decisions`, t.officerL, { body: { text: 'x' } }), 404);
	});
});

describe('approving the minutes', () => {
	test('only the steering group (or district admin) approves, only a held meeting, only once', async () => {
		const m = await newMeeting();
		assertAt(await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.officer), 403);
		assertAt(await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.partner), 403);
		assertAt(await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.steering), 409, '/status');
		const held = await api('PATCH', meetingPath(m.id), t.officer, { body: { status: 'held' } });
		const stale = `"${held.json.version - 1}"`;
		assertAt(await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.steering, { headers: { 'If-Match': stale } }), 412);
		const ok = await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.steering, { headers: { 'If-Match': held.headers.etag } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.minutes_status, 'approved');
		assert.equal(ok.json.minutes_approved_by, who.steering.display_name);
		assert.ok(Math.abs(Date.parse(ok.json.minutes_approved_at) - Date.now()) < 120_000);
		assertAt(await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.steering), 409);
		const byDadm = await newMeeting();
		await api('PATCH', meetingPath(byDadm.id), t.officer, { body: { status: 'held' } });
		assert.equal((await api('POST', `${meetingPath(byDadm.id)}/minutes-approval`, t.dadm)).status, 200);
	});

	test('approved minutes are final: items, minutes, attendees and decisions answer 409 and stay', async () => {
		const meas = await newMeasure();
		const { meeting: m, item } = await approvedMeeting();
		const snapshot = JSON.stringify((await getMeeting(m.id)).json);
		const tries = [
			['POST', `${meetingPath(m.id)}/items`, t.officer, { title: 'Nachtrag' }],
			['PATCH', `${meetingPath(m.id)}/items/${item.id}`, t.officer, { minutes: 'Geändert' }],
			['DELETE', `${meetingPath(m.id)}/items/${item.id}`, t.officer, undefined],
			['PUT', `${meetingPath(m.id)}/attendees`, t.officer, [{ name: 'Nachträglich' }]],
			['POST', `${meetingPath(m.id)}/decisions`, t.steering, { text: 'Nachträglich', measure_id: meas.id, measure_status: 'planned' }],
		];
		for (const [method, path, token, body] of tries) {
			const res = await api(method, path, token, { body });
			assertAt(res, 409);
			assert.match(res.json.detail, /approved/);
		}
		assert.equal(JSON.stringify((await getMeeting(m.id)).json), snapshot, 'nothing changed');
		assert.equal((await measure(meas.id)).status, 'proposed', 'the refused decision did not plan the measure');
		/* the meeting itself may still be published */
		const pub = await api('PATCH', meetingPath(m.id), t.officer, { body: { visibility: 'public' } });
		assert.equal(pub.status, 200, pub.text);
		assert.equal(pub.json.minutes_status, 'approved');
	});

	test('corrections: only after the approval, as new linked entries', async () => {
		const draft = await newMeeting();
		assertAt(await api('POST', `${meetingPath(draft.id)}/corrections`, t.officer, { body: { text: 'zu früh' } }), 409);
		const { meeting: m, item } = await approvedMeeting();
		const res = await api('POST', `${meetingPath(m.id)}/corrections`, t.officer, { body: { item_id: item.id, text: 'Berichtigung zu TOP 1.' } });
		assert.equal(res.status, 201, res.text);
		const corr = res.json.corrections.at(-1);
		assert.deepEqual([corr.item_id, corr.text, corr.created_by], [item.id, 'Berichtigung zu TOP 1.', who.officer.display_name]);
		assert.equal(res.json.items[0].minutes, 'Bericht zur Kenntnis genommen.', 'the minutes stay as approved');
		assertAt(await api('POST', `${meetingPath(m.id)}/corrections`, t.officer, { body: { text: 'x', item_id: '999999999' } }), 422, '/item_id');
		assertAt(await api('POST', `${meetingPath(m.id)}/corrections`, t.officer, { body: { text: 'x', created_by: '1' } }), 422, '/created_by');
		assertAt(await api('POST', `${meetingPath(m.id)}/corrections`, t.steering, { body: { text: 'x' } }), 403);
		assert.equal(count(`SELECT count(*) FROM meeting_correction WHERE meeting_id = ${m.id}`), 1);
		assert.equal(count(`SELECT count(*) FROM meeting_correction WHERE meeting_id = ${draft.id}`), 0);
	});
});

describe('the public meeting', () => {
	test('shows the agenda, and minutes and decisions only once approved; never attendees or internal links', async () => {
		const meas = await newMeasure(); /* internal, of a draft concept: not published */
		const m = await newMeeting({ visibility: 'public', title: `Öffentlich ${TAG}` });
		await api('PUT', `${meetingPath(m.id)}/attendees`, t.officer, { body: [{ name: 'Gast' }] });
		await okPost(`${meetingPath(m.id)}/items`, { title: 'Sachstand', minutes: 'Entwurf des Protokolls', measure_id: meas.id });
		await okPost(`${meetingPath(m.id)}/decisions`, { text: 'Beschluss im Entwurf' }, t.steering);
		const draft = await api('GET', `${publicPath()}/${m.id}`, null);
		assert.equal(draft.status, 200, draft.text);
		assert.ok(!('attendees' in draft.json) && !('visibility' in draft.json));
		assert.equal(draft.json.items[0].title, 'Sachstand');
		assert.equal(draft.json.items[0].minutes, null);
		assert.equal(draft.json.items[0].measure, null, 'an unpublished measure is not linked');
		assert.deepEqual(draft.json.decisions, []);
		await api('PATCH', meetingPath(m.id), t.officer, { body: { status: 'held' } });
		assert.equal((await api('POST', `${meetingPath(m.id)}/minutes-approval`, t.steering)).status, 200);
		const final = await api('GET', `${publicPath()}/${m.id}`, null);
		assert.equal(final.json.items[0].minutes, 'Entwurf des Protokolls');
		assert.deepEqual(final.json.decisions.map((d) => d.text), ['Beschluss im Entwurf']);
		assert.notEqual(final.headers.etag, draft.headers.etag);
		const cached = await api('GET', `${publicPath()}/${m.id}`, null, { headers: { 'If-None-Match': final.headers.etag } });
		assert.equal(cached.status, 304);
	});
});

describe('the demo data', () => {
	test('Musterstadt\'s Steuerungsgruppe: approved, public and partner meetings, and the decision that planned SP-06', async () => {
		const meetings = await everyItem(meetingsPath(), t.officer);
		const demo = meetings.filter((x) => /Sitzung der Steuerungsgruppe Integration$/.test(x.title));
		assert.ok(demo.length >= 4, 'the demo meetings are there');
		assert.ok(demo.some((x) => x.visibility === 'public' && x.minutes_status === 'approved'));
		assert.ok(demo.some((x) => x.visibility === 'partners'));
		assert.ok(demo.some((x) => x.status === 'planned' && Date.parse(x.starts_at) > Date.now()));
		const sp06 = psql(`SELECT m.id FROM measure m JOIN concept c ON c.id = m.concept_id WHERE c.municipality_id = ${mid(MUSTERSTADT)} AND c.title = 'Integrationskonzept der Stadt Musterstadt 2024–2030' AND m.code = 'SP-06'`);
		const hist = await everyItem(`${base()}/measures/${sp06}/history`, t.officer);
		const planned = hist.find((h) => h.changes.status?.new === 'planned');
		assert.ok(planned?.meeting, 'SP-06 was planned by a meeting');
		assert.match(planned.meeting.title, /Sitzung der Steuerungsgruppe/);
	});
});
