/*
 * Progress reports (Sachstand): POST/GET
 * /api/v1/municipalities/{ags}/measures/{id}/progress-reports and GET
 * /api/v1/municipalities/{ags}/progress-reports/{id}, for every role:
 * officers report on any measure, partners (and their API clients with
 * progress:write) on the measures their organisation leads or supports,
 * the steering group reads. A report sets the measure's progress and
 * last_report when it is the newest; Idempotency-Key makes a retry safe.
 *
 * Every concept and measure here is created by this file, so it does not
 * depend on the demo catalogue and runs again on the same database.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, me, organisationId, requestToken, signInPersonas,
} from './lib/auth.mjs';
import { addDays, base, createMeasure as postMeasure, getMeasure as readMeasure } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt, assertEtag, assertUnauthorized as assert401 } from './lib/checks.mjs';

const TAG = `P${process.pid}${randomBytes(3).toString('hex')}`;
const DTK = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';

const measurePath = (id, ags = MUSTERSTADT) => `${base(ags)}/measures/${id}`;
const reportsPath = (id, ags = MUSTERSTADT) => `${measurePath(id, ags)}/progress-reports`;
const reportPath = (id, ags = MUSTERSTADT) => `${base(ags)}/progress-reports/${id}`;

const t = {}; /* tokens by role */
const who = {}; /* /me documents by role */
const org = {};
const clients = {}; /* API client documents by role */
let fieldStadt;
let fieldLingen;
let today; /* the server's date */

const assertUnauthorized = (res) => assert401(res, /^Bearer/);

let seq = 0;
let concept;

function createMeasure(changes = {}, { token = t.officer, ags = MUSTERSTADT, conceptId = concept.id, fieldId = fieldStadt } = {}) {
	++seq;
	return postMeasure(token, { concept_id: conceptId, code: `PR-${seq}`, title: `Maßnahme ${seq}`, action_field_id: fieldId, horizon: 'short', ...changes }, ags);
}

const getMeasure = (id, token = t.officer) => readMeasure(id, token);

const body = (changes = {}) => ({ status: 'on_track', progress: 25, text: `Sachstand ${TAG}`, ...changes });

function report(measureId, token, changes = {}, { key, ags } = {}) {
	return api('POST', reportsPath(measureId, ags), token, { body: body(changes), headers: key === undefined ? {} : { 'Idempotency-Key': key } });
}

async function reportOk(measureId, token, changes = {}, opts = {}) {
	const res = await report(measureId, token, changes, opts);
	assert.equal(res.status, 201, `reporting: ${res.text.slice(0, 400)}`);
	return res.json;
}

/* Every report of a measure, newest first, following next_cursor. */
const reportsOf = (measureId, token = t.officer) => everyItem(reportsPath(measureId), token);

const ids = (items) => items.map((x) => x.id);

async function newClient(scopes) {
	const res = await api('POST', `${base()}/api-clients`, t.officer, {
		body: { name: `Fallverwaltung ${TAG} ${scopes.join(' ')}`, organisation_id: org.caritas, scopes },
	});
	assert.equal(res.status, 201, `creating an API client: ${res.text.slice(0, 400)}`);
	const tok = await requestToken({ grant_type: 'client_credentials', client_id: res.json.client_id, client_secret: res.json.client_secret });
	assert.equal(tok.status, 200, tok.text);
	return { doc: res.json, token: tok.json.access_token };
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL');
	for (const role of Object.keys(t)) {
		const res = await me(t[role]);
		assert.equal(res.status, 200, res.text);
		who[role] = res.json;
	}
	org.caritas = await organisationId(t.officer, CARITAS);
	org.dtk = await organisationId(t.officer, DTK);
	const fields = await api('GET', `${base()}/action-fields?limit=200`, t.officer);
	fieldStadt = fields.json.items[0].id;
	fieldLingen = (await api('GET', `${base(MUSTERLINGEN)}/action-fields?limit=200`, t.officerL)).json.items[0].id;
	const c = await api('POST', `${base()}/concepts`, t.officer, { body: { title: `Sachstand ${TAG}` } });
	assert.equal(c.status, 201, c.text);
	/* in consultation: partners see no draft concepts and their measures */
	const cons = await api('PATCH', `${base()}/concepts/${c.json.id}`, t.officer, { body: { status: 'consultation' } });
	assert.equal(cons.status, 200, cons.text);
	concept = cons.json;
	today = concept.created_at.slice(0, 10);
	for (const [role, scopes] of [['clientRW', ['catalogue:read', 'progress:write']], ['clientRead', ['catalogue:read']], ['clientNone', ['events:write']]]) {
		const made = await newClient(scopes);
		clients[role] = made.doc;
		t[role] = made.token;
	}
});

describe('who reports', () => {
	const m = {};
	before(async () => {
		m.lead = await createMeasure({ title: 'Caritas leitet', lead_organisation_id: org.caritas });
		m.supports = await createMeasure({ title: 'Caritas unterstützt', lead_organisation_id: org.dtk, partner_organisation_ids: [org.caritas] });
		m.shared = await createMeasure({ title: 'Für Partner sichtbar, ohne Caritas', lead_organisation_id: org.dtk, visibility: 'partners' });
		m.internal = await createMeasure({ title: 'Intern, ohne Caritas', lead_organisation_id: org.dtk });
	});

	test('the officer reports on any measure: 201, Location, ETag, the document; the measure takes its progress', async () => {
		const res = await report(m.shared.id, t.officer, { progress: 35, text: 'Erste Treffen haben stattgefunden.' });
		assert.equal(res.status, 201, res.text);
		const r = res.json;
		assert.match(r.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, reportPath(r.id));
		const etag = assertEtag(res);
		assert.equal(r.measure_id, m.shared.id);
		assert.equal(r.reported_on, today, 'reported_on defaults to today');
		assert.equal(r.status, 'on_track');
		assert.equal(r.progress, 35);
		assert.equal(r.text, 'Erste Treffen haben stattgefunden.');
		assert.equal(r.organisation, null, 'an officer reports for no organisation');
		assert.deepEqual(r.author, { kind: 'account', id: who.officer.id, display_name: who.officer.display_name });
		assert.ok(Math.abs(Date.parse(r.created_at) - Date.now()) < 120_000, r.created_at);

		const got = await api('GET', reportPath(r.id), t.officer);
		assert.equal(got.status, 200, got.text);
		assert.deepEqual(got.json, r);
		assert.equal(got.headers.etag, etag);
		const again = await api('GET', reportPath(r.id), t.officer, { headers: { 'If-None-Match': etag } });
		assert.equal(again.status, 304);
		assert.equal(again.text, '');

		const measure = await getMeasure(m.shared.id);
		assert.equal(measure.progress, 35);
		assert.equal(measure.progress_from_children, false);
		assert.deepEqual(measure.last_report, { reported_on: today, status: 'on_track' });

		const internal = await reportOk(m.internal.id, t.officer, { status: 'delayed', progress: 5 });
		assert.equal(internal.status, 'delayed');
		assert.deepEqual((await getMeasure(m.internal.id)).last_report, { reported_on: today, status: 'delayed' });
	});

	test('the district admin reports too', async () => {
		const r = await reportOk(m.internal.id, t.dadm, { progress: 7 });
		assert.deepEqual(r.author, { kind: 'account', id: who.dadm.id, display_name: who.dadm.display_name });
		assert.equal(r.organisation, null);
	});

	test('the Caritas partner reports on a measure Caritas leads and one it supports: its organisation and author', async () => {
		for (const [measure, progress] of [[m.lead, 40], [m.supports, 60]]) {
			const r = await reportOk(measure.id, t.partner, { status: 'delayed', progress, text: 'Wartezeiten bei der Raumvergabe.' });
			assert.deepEqual(r.organisation, { id: org.caritas, name: CARITAS });
			assert.deepEqual(r.author, { kind: 'account', id: who.partner.id, display_name: who.partner.display_name });
			const doc = await getMeasure(measure.id);
			assert.equal(doc.progress, progress);
			assert.deepEqual(doc.last_report, { reported_on: today, status: 'delayed' });
			const listed = await reportsOf(measure.id, t.steering);
			assert.equal(listed[0].id, r.id);
			assert.deepEqual(listed[0].organisation, { id: org.caritas, name: CARITAS });
			/* the partner reads its own report */
			const own = await api('GET', reportPath(r.id), t.partner);
			assert.equal(own.status, 200, own.text);
		}
	});

	test('the partner on a measure Caritas neither leads nor supports: 403 (visible) or 404 (not visible); nothing recorded', async () => {
		const before = (await reportsOf(m.shared.id)).length;
		assertAt(await report(m.shared.id, t.partner), 403);
		assert.equal((await reportsOf(m.shared.id)).length, before);
		assertAt(await report(m.internal.id, t.partner), 404);
		assert.equal((await getMeasure(m.shared.id)).progress, 35, 'the measure is unchanged');
	});

	test('when Caritas becomes a partner of the measure, its partner may report', async () => {
		const x = await createMeasure({ visibility: 'partners' });
		assertAt(await report(x.id, t.partner), 403);
		const patched = await api('PATCH', measurePath(x.id), t.officer, { body: { partner_organisation_ids: [org.caritas] } });
		assert.equal(patched.status, 200, patched.text);
		const r = await reportOk(x.id, t.partner);
		assert.deepEqual(r.organisation, { id: org.caritas, name: CARITAS });
	});

	test('the steering group cannot report: 403 (but reads the reports)', async () => {
		const before = (await reportsOf(m.lead.id)).length;
		assertAt(await report(m.lead.id, t.steering), 403);
		assert.equal((await reportsOf(m.lead.id, t.steering)).length, before);
	});

	test('an API client with progress:write reports for Caritas, named as author', async () => {
		const c = clients.clientRW;
		const r = await reportOk(m.lead.id, t.clientRW, { status: 'at_risk', progress: 45, text: 'Aus der Fallverwaltung übermittelt.' });
		assert.deepEqual(r.organisation, { id: org.caritas, name: CARITAS });
		assert.deepEqual(r.author, { kind: 'api_client', id: c.id, display_name: c.name });
		const doc = await getMeasure(m.lead.id);
		assert.equal(doc.progress, 45);
		assert.deepEqual(doc.last_report, { reported_on: today, status: 'at_risk' });
		/* but only where Caritas is involved */
		assertAt(await report(m.shared.id, t.clientRW), 403);
		assertAt(await report(m.internal.id, t.clientRW), 404);
	});

	test('an API client with only catalogue:read: 403, nothing recorded; it still reads the list', async () => {
		const before = (await reportsOf(m.lead.id)).length;
		assertAt(await report(m.lead.id, t.clientRead), 403);
		assertAt(await report(m.lead.id, t.clientRead, {}, { key: randomUUID() }), 403);
		assert.equal((await reportsOf(m.lead.id)).length, before);
		assert.equal((await reportsOf(m.lead.id, t.clientRead)).length, before);
	});

	test('an API client without catalogue:read cannot read or write reports: 403', async () => {
		assertAt(await report(m.lead.id, t.clientNone), 403);
		assertAt(await api('GET', reportsPath(m.lead.id), t.clientNone), 403);
		const any = (await reportsOf(m.lead.id))[0];
		assertAt(await api('GET', reportPath(any.id), t.clientNone), 403);
	});

	test('anonymous callers: 401', async () => {
		assertUnauthorized(await report(m.lead.id, null));
		assertUnauthorized(await api('GET', reportsPath(m.lead.id)));
		const any = (await reportsOf(m.lead.id))[0];
		assertUnauthorized(await api('GET', reportPath(any.id)));
	});

	test('a caller from another municipality: 404, for writing and reading', async () => {
		const before = (await reportsOf(m.lead.id)).length;
		assertAt(await report(m.lead.id, t.officerL), 404);
		assertAt(await api('GET', reportsPath(m.lead.id), t.officerL), 404);
		const any = (await reportsOf(m.lead.id))[0];
		assertAt(await api('GET', reportPath(any.id), t.officerL), 404);
		assert.equal((await reportsOf(m.lead.id)).length, before);
	});

	test('a measure that does not exist or is no id: 404', async () => {
		assertAt(await report('999999999', t.officer), 404);
		assertAt(await report('abc', t.officer), 404);
		assertAt(await report(m.lead.id, t.dadm, {}, { ags: '05999999' }), 404);
		assertAt(await api('GET', reportsPath('999999999'), t.officer), 404);
		assertAt(await api('GET', reportPath('999999999'), t.officer), 404);
		assertAt(await api('GET', reportPath('abc'), t.officer), 404);
	});

	test('a report is a record: PATCH and DELETE answer 405', async () => {
		const r = (await reportsOf(m.lead.id))[0];
		assertProblem(await api('PATCH', reportPath(r.id), t.officer, { body: { text: 'geändert' } }), 405);
		assertProblem(await api('DELETE', reportPath(r.id), t.officer), 405);
		const still = await api('GET', reportPath(r.id), t.officer);
		assert.deepEqual(still.json, r);
	});
});

describe('which report sets the progress', () => {
	test('an older reported_on does not overwrite a newer one; on the same day the later report wins', async () => {
		const m = await createMeasure();
		const a = await reportOk(m.id, t.officer, { reported_on: addDays(today, -1), status: 'at_risk', progress: 60 });
		let doc = await getMeasure(m.id);
		assert.equal(doc.progress, 60);
		assert.deepEqual(doc.last_report, { reported_on: addDays(today, -1), status: 'at_risk' });

		const b = await reportOk(m.id, t.officer, { reported_on: addDays(today, -10), status: 'on_track', progress: 20 });
		assert.equal(b.reported_on, addDays(today, -10));
		doc = await getMeasure(m.id);
		assert.equal(doc.progress, 60, 'the older report does not set the progress');
		assert.deepEqual(doc.last_report, { reported_on: addDays(today, -1), status: 'at_risk' });

		const c = await reportOk(m.id, t.officer, { reported_on: addDays(today, -1), status: 'delayed', progress: 65 });
		doc = await getMeasure(m.id);
		assert.equal(doc.progress, 65, 'the same day: the later report wins');
		assert.deepEqual(doc.last_report, { reported_on: addDays(today, -1), status: 'delayed' });

		const d = await reportOk(m.id, t.officer, { reported_on: today, status: 'completed', progress: 100 });
		doc = await getMeasure(m.id);
		assert.equal(doc.progress, 100);
		assert.deepEqual(doc.last_report, { reported_on: today, status: 'completed' });

		/* newest reported_on first, then newest id */
		assert.deepEqual(ids(await reportsOf(m.id)), [d.id, c.id, a.id, b.id]);
	});

	test('a report on a parent sets its progress by hand: the children no longer roll up', async () => {
		const parent = await createMeasure();
		const child = await createMeasure({ parent_id: parent.id, progress: 80 });
		assert.equal((await getMeasure(parent.id)).progress, 80);
		await reportOk(parent.id, t.officer, { progress: 30 });
		let doc = await getMeasure(parent.id);
		assert.equal(doc.progress, 30);
		assert.equal(doc.progress_from_children, false);
		const patched = await api('PATCH', measurePath(child.id), t.officer, { body: { progress: 90 } });
		assert.equal(patched.status, 200, patched.text);
		doc = await getMeasure(parent.id);
		assert.equal(doc.progress, 30, 'a child change does not touch it');
	});

	test('reported_on in the future: 422 at /reported_on, nothing recorded; today and the past are fine', async () => {
		const m = await createMeasure();
		assertAt(await report(m.id, t.officer, { reported_on: addDays(today, 1) }), 422, '/reported_on');
		assertAt(await report(m.id, t.officer, { reported_on: '2999-01-01' }), 422, '/reported_on');
		assert.deepEqual(await reportsOf(m.id), []);
		assert.equal((await getMeasure(m.id)).last_report, null);
		assert.equal((await reportOk(m.id, t.officer, { reported_on: today })).reported_on, today);
		assert.equal((await reportOk(m.id, t.officer, { reported_on: '2020-02-29' })).reported_on, '2020-02-29');
	});

	test('the partner\'s future report is refused the same way', async () => {
		const m = await createMeasure({ lead_organisation_id: org.caritas });
		assertAt(await report(m.id, t.partner, { reported_on: addDays(today, 3) }), 422, '/reported_on');
		assert.deepEqual(await reportsOf(m.id), []);
	});

	const long = (n) => 'x'.repeat(n);
	const invalid = [
		['no status', { status: undefined }, '/status'],
		['an unknown status', { status: 'fine' }, '/status'],
		['a measure status', { status: 'in_progress' }, '/status'],
		['no progress', { progress: undefined }, '/progress'],
		['progress 101', { progress: 101 }, '/progress'],
		['progress -1', { progress: -1 }, '/progress'],
		['progress 12.5', { progress: 12.5 }, '/progress'],
		['progress as a string', { progress: '50' }, '/progress'],
		['progress null', { progress: null }, '/progress'],
		['no text', { text: undefined }, '/text'],
		['an empty text', { text: '' }, '/text'],
		['a blank text', { text: '   ' }, '/text'],
		['a text of 10001 characters', { text: long(10001) }, '/text'],
		['a text as a number', { text: 42 }, '/text'],
		['a date that does not exist', { reported_on: '2026-02-30' }, '/reported_on'],
		['a German date', { reported_on: '01.03.2026' }, '/reported_on'],
		['a timestamp', { reported_on: '2026-03-01T10:00:00Z' }, '/reported_on'],
		['reported_on null', { reported_on: null }, '/reported_on'],
		['an unknown member', { organisation_id: '1' }, '/organisation_id'],
		['a measure_id member', { measure_id: '1' }, '/measure_id'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what}: 422 at ${pointer}`, async () => {
			const m = await createMeasure();
			const b = body(change);
			for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
			assertAt(await api('POST', reportsPath(m.id), t.officer, { body: b }), 422, pointer);
			assert.deepEqual(await reportsOf(m.id), []);
		});
	}

	test('a text of 10000 characters is accepted', async () => {
		const m = await createMeasure();
		const r = await reportOk(m.id, t.officer, { text: long(10000) });
		assert.equal(r.text.length, 10000);
	});
});

describe('Idempotency-Key', () => {
	let m;
	before(async () => {
		m = await createMeasure({ lead_organisation_id: org.caritas });
	});

	test('a repeat with the same key answers 200 with the first report and records nothing', async () => {
		const key = randomUUID();
		const first = await report(m.id, t.officer, { progress: 10, text: 'Erster Versuch' }, { key });
		assert.equal(first.status, 201, first.text);
		const count = (await reportsOf(m.id)).length;
		const repeat = await report(m.id, t.officer, { progress: 90, text: 'Wiederholung mit anderem Inhalt' }, { key });
		assert.equal(repeat.status, 200, repeat.text);
		assert.deepEqual(repeat.json, first.json, 'the first report, unchanged');
		assert.equal(repeat.headers.location, undefined, 'no Location: nothing was created');
		assert.equal(assertEtag(repeat), first.headers.etag);
		assert.equal((await reportsOf(m.id)).length, count, 'no second row');
		assert.equal((await getMeasure(m.id)).progress, 10, 'the repeat did not set the progress');
	});

	test('different keys record two reports', async () => {
		const before = (await reportsOf(m.id)).length;
		const a = await report(m.id, t.officer, { progress: 11 }, { key: randomUUID() });
		const b = await report(m.id, t.officer, { progress: 11 }, { key: randomUUID() });
		assert.equal(a.status, 201, a.text);
		assert.equal(b.status, 201, b.text);
		assert.notEqual(a.json.id, b.json.id);
		const list = await reportsOf(m.id);
		assert.equal(list.length, before + 2);
		assert.ok(ids(list).includes(a.json.id) && ids(list).includes(b.json.id));
	});

	test('without a key every POST records a report', async () => {
		const before = (await reportsOf(m.id)).length;
		await reportOk(m.id, t.officer);
		await reportOk(m.id, t.officer);
		assert.equal((await reportsOf(m.id)).length, before + 2);
	});

	test('the same key on another measure records a new report there', async () => {
		const other = await createMeasure();
		const key = randomUUID();
		const a = await report(m.id, t.officer, {}, { key });
		const b = await report(other.id, t.officer, {}, { key });
		assert.equal(a.status, 201);
		assert.equal(b.status, 201, b.text);
		assert.notEqual(a.json.id, b.json.id);
		assert.equal(b.json.measure_id, other.id);
	});

	test('the partner\'s retry with its key gets its own first report back', async () => {
		const key = `caritas-${randomUUID()}`;
		const first = await report(m.id, t.partner, { progress: 33 }, { key });
		assert.equal(first.status, 201, first.text);
		const count = (await reportsOf(m.id)).length;
		const again = await report(m.id, t.partner, { progress: 34 }, { key });
		assert.equal(again.status, 200, again.text);
		assert.equal(again.json.id, first.json.id);
		assert.equal(again.json.progress, 33);
		assert.equal((await reportsOf(m.id)).length, count);
	});

	test('an API client\'s retry is answered the same way', async () => {
		const key = randomUUID();
		const first = await report(m.id, t.clientRW, { progress: 50 }, { key });
		assert.equal(first.status, 201, first.text);
		const again = await report(m.id, t.clientRW, { progress: 50 }, { key });
		assert.equal(again.status, 200, again.text);
		assert.deepEqual(again.json, first.json);
	});

	test('six concurrent requests with one key record one report: one 201, five 200 with it', async () => {
		const key = randomUUID();
		const before = (await reportsOf(m.id)).length;
		const results = await Promise.all(Array.from({ length: 6 }, (_, i) => report(m.id, t.partner, { progress: 70 + i }, { key })));
		const created = results.filter((r) => r.status === 201);
		assert.equal(created.length, 1, `statuses ${results.map((r) => r.status)}: ${results.map((r) => r.text.slice(0, 200)).join(' | ')}`);
		for (const r of results) {
			assert.ok(r.status === 200 || r.status === 201, r.text);
			assert.equal(r.json.id, created[0].json.id);
		}
		assert.equal((await reportsOf(m.id)).length, before + 1);
	});

	test('a key used by the officer does not let an uninvolved partner past the 403', async () => {
		const shared = await createMeasure({ visibility: 'partners', lead_organisation_id: org.dtk });
		const key = randomUUID();
		assert.equal((await report(shared.id, t.officer, {}, { key })).status, 201);
		assertAt(await report(shared.id, t.partner, {}, { key }), 403);
		assertAt(await report(shared.id, t.steering, {}, { key }), 403);
	});

	for (const [what, key] of [['201 characters', 'k'.repeat(201)], ['a space', 'mein schlüssel'], ['an empty key', '']]) {
		test(`a key with ${what}: 400, nothing recorded`, async () => {
			const before = (await reportsOf(m.id)).length;
			assertProblem(await report(m.id, t.officer, {}, { key }), 400);
			assert.equal((await reportsOf(m.id)).length, before);
		});
	}

	test('a key of 200 characters is fine', async () => {
		const key = `${randomUUID()}${'k'.repeat(164)}`;
		assert.equal(key.length, 200);
		assert.equal((await report(m.id, t.officer, {}, { key })).status, 201);
		assert.equal((await report(m.id, t.officer, {}, { key })).status, 200);
	});
});

describe('the list of reports', () => {
	let m;
	let made;
	before(async () => {
		m = await createMeasure({ visibility: 'partners' });
		made = [];
		for (let i = 0; i < 5; i++) made.push(await reportOk(m.id, t.officer, { reported_on: addDays(today, -i * 7), progress: 50 - i * 5 }));
		/* two on one day */
		made.push(await reportOk(m.id, t.officer, { reported_on: addDays(today, -7), progress: 41 }));
	});

	test('newest reported_on first, then newest id', async () => {
		const items = await reportsOf(m.id);
		assert.deepEqual(ids(items), [made[0], made[5], made[1], made[2], made[3], made[4]].map((r) => r.id));
		for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].reported_on >= items[i].reported_on);
	});

	test('pages of 2: every report once, no gaps, next_cursor null at the end', async () => {
		const whole = await reportsOf(m.id);
		const seen = [];
		let cursor = null;
		let pages = 0;
		do {
			const res = await api('GET', `${reportsPath(m.id)}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, t.steering);
			assert.equal(res.status, 200, res.text);
			assert.ok(res.json.items.length <= 2);
			seen.push(...ids(res.json.items));
			cursor = res.json.next_cursor;
			pages++;
			assert.ok(pages <= 4, 'too many pages');
		} while (cursor !== null);
		assert.equal(pages, 3);
		assert.deepEqual(seen, ids(whole));
	});

	test('a tampered cursor or a bad limit: 400', async () => {
		const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
		for (const [query, parameter] of [
			['cursor=x', 'cursor'], [`cursor=${b64(['1'])}`, 'cursor'], [`cursor=${b64(['heute', '1'])}`, 'cursor'],
			[`cursor=${b64(['2026-02-30', '1'])}`, 'cursor'], [`cursor=${b64(['2026-01-01', 'x'])}`, 'cursor'],
			[`cursor=${b64(['2026-01-01T99:00:00', '1'])}`, 'cursor'],
			['limit=0', 'limit'], ['limit=201', 'limit'],
		]) {
			assertProblem(await api('GET', `${reportsPath(m.id)}?${query}`, t.officer), 400, { parameter });
		}
	});

	test('partners and API clients read the reports of measures they see; not of others (404)', async () => {
		assert.deepEqual(ids(await reportsOf(m.id, t.partner)), ids(await reportsOf(m.id)));
		assert.deepEqual(ids(await reportsOf(m.id, t.clientRead)), ids(await reportsOf(m.id)));
		const one = await api('GET', reportPath(made[0].id), t.partner);
		assert.equal(one.status, 200, one.text);
		assert.deepEqual(one.json, made[0]);
		const hidden = await createMeasure({ visibility: 'internal', lead_organisation_id: org.dtk });
		const r = await reportOk(hidden.id, t.officer);
		assertAt(await api('GET', reportsPath(hidden.id), t.partner), 404);
		assertAt(await api('GET', reportPath(r.id), t.partner), 404);
		assertAt(await api('GET', reportPath(r.id), t.clientRead), 404);
		assert.equal((await api('GET', reportPath(r.id), t.steering)).status, 200);
	});
});

describe('another municipality', () => {
	let lm;
	let lr;
	before(async () => {
		const c = await api('POST', `${base(MUSTERLINGEN)}/concepts`, t.officerL, { body: { title: `Sachstand Lingen ${TAG}` } });
		assert.equal(c.status, 201, c.text);
		const cons = await api('PATCH', `${base(MUSTERLINGEN)}/concepts/${c.json.id}`, t.officerL, { body: { status: 'consultation' } });
		assert.equal(cons.status, 200, cons.text);
		lm = await createMeasure({ lead_organisation_id: org.caritas }, { token: t.officerL, ags: MUSTERLINGEN, conceptId: c.json.id, fieldId: fieldLingen });
		const res = await report(lm.id, t.officerL, { progress: 12 }, { ags: MUSTERLINGEN });
		assert.equal(res.status, 201, res.text);
		lr = res.json;
	});

	test('its measure and report under Musterstadt\'s path: 404', async () => {
		assertAt(await report(lm.id, t.officer), 404);
		assertAt(await api('GET', reportsPath(lm.id), t.officer), 404);
		assertAt(await api('GET', reportPath(lr.id), t.officer), 404);
		assertAt(await api('GET', reportPath(lr.id), t.dadm), 404);
	});

	test('the Musterstadt officer on Musterlingen\'s path: 404', async () => {
		assertAt(await report(lm.id, t.officer, {}, { ags: MUSTERLINGEN }), 404);
		assertAt(await api('GET', reportsPath(lm.id, MUSTERLINGEN), t.officer), 404);
		assertAt(await api('GET', reportPath(lr.id, MUSTERLINGEN), t.steering), 404);
	});

	test('the allowed cases: Musterlingen\'s officer, the district admin, and Caritas (a partner there too)', async () => {
		const got = await api('GET', reportPath(lr.id, MUSTERLINGEN), t.officerL);
		assert.equal(got.status, 200, got.text);
		assert.deepEqual(got.json, lr);
		assert.equal((await api('GET', reportPath(lr.id, MUSTERLINGEN), t.dadm)).status, 200);
		const res = await report(lm.id, t.partner, { progress: 20 }, { ags: MUSTERLINGEN });
		assert.equal(res.status, 201, res.text);
		assert.deepEqual(res.json.organisation, { id: org.caritas, name: CARITAS });
		assert.equal(res.headers.location, reportPath(res.json.id, MUSTERLINGEN));
		/* Musterstadt's API client of Caritas has no role in Musterlingen */
		assertAt(await report(lm.id, t.clientRW, {}, { ags: MUSTERLINGEN }), 404);
	});
});
