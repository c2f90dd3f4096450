/*
 * The integration concept (Integrationskonzept) in versions, under
 * /api/v1/municipalities/{ags}/concepts, its adoption (Ratsbeschluss), its
 * guiding goals (Leitziele) under …/concepts/{id}/goals and …/goals/{id},
 * copying a version with copy_from, and the public adopted concept under
 * /api/v1/public/municipalities/{ags}/concept.
 *
 * Officers (and district admins) write drafts and move them to
 * consultation and back, or archive them; only the steering group (and
 * district admins) adopt, from consultation, recording the resolution;
 * adopting one archives the one adopted before. Partners do not see
 * drafts. Everything here is created by this file; other files adopt
 * concepts in Musterstadt too, so each test adopts its own before it
 * asserts anything about the adopted one.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, bearer, organisationId, signInPersonas, tag } from './lib/auth.mjs';
import {
	base, clientToken as newClientToken, createMeasure as postMeasure, getMeasure as readMeasure,
} from './lib/catalogue.mjs';
import { pointers, recent } from './lib/checks.mjs';

const KULTURVEREIN = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';
const conceptsPath = (ags) => `${base(ags)}/concepts`;
const conceptPath = (ags, id) => `${conceptsPath(ags)}/${id}`;
const adoptionPath = (ags, id) => `${conceptPath(ags, id)}/adoption`;
const goalsPath = (ags, cid) => `${conceptPath(ags, cid)}/goals`;
const goalPath = (ags, id) => `${base(ags)}/goals/${id}`;
const measuresPath = (ags) => `${base(ags)}/measures`;
const measurePath = (ags, id) => `${measuresPath(ags)}/${id}`;
const publicConceptPath = (ags) => `/api/v1/public/municipalities/${ags}/concept`;
const ETAG = /^"[0-9a-f]{32}"$/;

let officer; /* Musterstadt officer */
let steering; /* Musterstadt steering group */
let partner; /* Caritas, partner in 004, 008, 012 */
let officerL; /* Musterlingen officer */
let steeringL; /* Musterlingen steering group */
let dadm; /* district admin */
let clientRead; /* API client of Caritas in Musterstadt: catalogue:read */
let clientNoRead; /* API client of Caritas in Musterstadt: progress:write only */
let caritasId;
let kulturId;
let fieldLanguage; /* Musterstadt's action field "Sprache" (default_key language) */
let fieldWork;

const clientToken = (scopes) => newClientToken(officer, caritasId, `t4c concepts ${tag()}`, scopes);

async function createConcept(token = officer, ags = MUSTERSTADT, body = {}) {
	const res = await call('POST', conceptsPath(ags), {
		headers: bearer(token), body: { title: `Integrationskonzept ${tag()}`, ...body },
	});
	assert.equal(res.status, 201, `creating a concept: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

async function getConcept(token, ags, id) {
	return call('GET', conceptPath(ags, id), { headers: bearer(token) });
}

async function patchConcept(token, ags, id, body, headers = {}) {
	return call('PATCH', conceptPath(ags, id), { headers: { ...bearer(token), ...headers }, body });
}

/* Moves a concept to status by the officer of ags; fails unless 200. */
async function setStatus(ags, id, status, token = ags === MUSTERSTADT ? officer : officerL) {
	const res = await patchConcept(token, ags, id, { status });
	assert.equal(res.status, 200, `${id} to ${status}: ${res.status} ${res.text.slice(0, 300)}`);
	assert.equal(res.json.status, status);
	return res.json;
}

const resolution = (n = randomBytes(2).readUInt16BE(0) % 1000) => ({
	resolution_date: '2026-02-26', resolution_reference: `Drucksache ${String(n).padStart(3, '0')}/2026`,
});

function adopt(token, ags, id, body = resolution(), headers = {}) {
	return call('POST', adoptionPath(ags, id), { headers: { ...bearer(token), ...headers }, body });
}

/* A new concept of ags, put to consultation and adopted by token. */
async function adoptedConcept(ags = MUSTERSTADT, token = ags === MUSTERSTADT ? steering : steeringL, body = {}) {
	const c = await createConcept(ags === MUSTERSTADT ? officer : officerL, ags, body);
	await setStatus(ags, c.id, 'consultation');
	const res = await adopt(token, ags, c.id);
	assert.equal(res.status, 200, `adopting ${c.id}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

/* Every concept the caller sees, walking all pages. */
async function allConcepts(token, ags, query = '') {
	const items = [];
	let cursor = null;
	for (let i = 0; i < 100; i++) {
		const q = `?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const res = await call('GET', conceptsPath(ags) + q, { headers: bearer(token) });
		assert.equal(res.status, 200, res.text);
		items.push(...res.json.items);
		cursor = res.json.next_cursor;
		if (cursor === null) return items;
	}
	assert.fail('the list does not end');
}

async function addGoal(cid, body = {}, token = officer, ags = MUSTERSTADT) {
	const res = await call('POST', goalsPath(ags, cid), { headers: bearer(token), body: { title: `Leitziel ${tag()}`, ...body } });
	assert.equal(res.status, 201, `adding a goal: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

async function goals(cid, token = officer, ags = MUSTERSTADT) {
	const res = await call('GET', `${goalsPath(ags, cid)}?limit=200`, { headers: bearer(token) });
	assert.equal(res.status, 200, res.text);
	return res.json.items;
}

const createMeasure = (body, token = officer, ags = MUSTERSTADT) => postMeasure(token, {
	code: `M-${randomBytes(3).toString('hex')}`, title: `Maßnahme ${tag()}`, action_field_id: fieldLanguage, horizon: 'short', ...body,
}, ags);

const getMeasure = (id, token = officer) => readMeasure(id, token);

before(async () => {
	[officer, steering, partner, officerL, steeringL, dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'steeringL', 'dadm');
	caritasId = await organisationId(officer, CARITAS);
	kulturId = await organisationId(officer, KULTURVEREIN);
	clientRead = await clientToken(['catalogue:read']);
	clientNoRead = await clientToken(['progress:write']);
	const fields = await call('GET', `${base(MUSTERSTADT)}/action-fields?limit=200`, { headers: bearer(officer) });
	assert.equal(fields.status, 200, fields.text);
	fieldLanguage = fields.json.items.find((f) => f.default_key === 'language').id;
	fieldWork = fields.json.items.find((f) => f.default_key === 'work').id;
});

describe('creating a concept', () => {
	test('the officer creates a draft: 201, Location, ETag, version one more than the highest', async () => {
		const existing = await allConcepts(officer, MUSTERSTADT);
		const highest = Math.max(0, ...existing.map((c) => c.version));
		const title = `Integrationskonzept der Stadt Musterstadt 2030 ${tag()}`;
		const res = await call('POST', conceptsPath(MUSTERSTADT), {
			headers: bearer(officer), body: { title, summary: 'Fortschreibung.' },
		});
		assert.equal(res.status, 201, res.text);
		const c = res.json;
		assert.match(c.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, conceptPath(MUSTERSTADT, c.id));
		assert.match(res.headers.etag ?? '', ETAG);
		assert.equal(c.municipality, MUSTERSTADT);
		assert.equal(c.version, highest + 1);
		assert.equal(c.title, title);
		assert.equal(c.summary, 'Fortschreibung.');
		assert.equal(c.status, 'draft');
		assert.equal(c.resolution_date, null);
		assert.equal(c.resolution_reference, null);
		assert.equal(c.adopted_at, null);
		assert.equal(c.goal_count, 0);
		assert.equal(c.measure_count, 0);
		assert.ok(recent(c.created_at), c.created_at);
		assert.equal(c.created_at, c.updated_at);
		const got = await getConcept(steering, MUSTERSTADT, c.id);
		assert.deepEqual(got.json, c);
		assert.equal(got.headers.etag, res.headers.etag);
	});

	test('versions count up by one per municipality; Musterlingen numbers its own', async () => {
		const a = await createConcept();
		const b = await createConcept(dadm);
		assert.equal(b.version, a.version + 1);
		const lingen = await allConcepts(officerL, MUSTERLINGEN);
		const highestL = Math.max(0, ...lingen.map((c) => c.version));
		const l = await createConcept(officerL, MUSTERLINGEN);
		assert.equal(l.version, highestL + 1);
		assert.equal(l.municipality, MUSTERLINGEN);
		const c = await createConcept();
		assert.equal(c.version, b.version + 1, 'Musterlingen\'s concept does not take a Musterstadt version');
	});

	test('concepts created at the same time get consecutive versions, each once', async () => {
		const made = await Promise.all(Array.from({ length: 6 }, (_, n) => createConcept(n % 2 ? dadm : officer)));
		const versions = made.map((c) => c.version).sort((a, b) => a - b);
		assert.deepEqual(versions, Array.from({ length: 6 }, (_, n) => versions[0] + n), `versions ${JSON.stringify(versions)}`);
	});

	test('the title is trimmed; summary absent is null', async () => {
		const t = `Konzept ${tag()}`;
		const c = await createConcept(officer, MUSTERSTADT, { title: `  ${t}  ` });
		assert.equal(c.title, t);
		assert.equal(c.summary, null);
	});

	test('the district admin creates one in any municipality of the district', async () => {
		const c = await createConcept(dadm, MUSTERLINGEN);
		assert.equal(c.municipality, MUSTERLINGEN);
		assert.equal(c.status, 'draft');
	});

	const invalid = [
		['no title', { title: undefined }, '/title'],
		['an empty title', { title: '' }, '/title'],
		['a blank title', { title: '   ' }, '/title'],
		['a title of 201 characters', { title: 't'.repeat(201) }, '/title'],
		['a title that is no string', { title: 2030 }, '/title'],
		['a summary of 10001 characters', { summary: 's'.repeat(10001) }, '/summary'],
		['a copy_from that is no id', { copy_from: 'v1' }, '/copy_from'],
		['a copy_from as a number', { copy_from: 1 }, '/copy_from'],
		['a copy_from of no concept', { copy_from: '999999999' }, '/copy_from'],
		['a status (a new concept is a draft)', { status: 'adopted' }, '/status'],
		['an unknown member', { version: 7 }, '/version'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what} answers 422 pointing at ${pointer}`, async () => {
			const body = { title: `Ungültig ${tag()}`, ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const before_ = await allConcepts(officer, MUSTERSTADT);
			const res = await call('POST', conceptsPath(MUSTERSTADT), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
			assert.equal((await allConcepts(officer, MUSTERSTADT)).length, before_.length, 'no concept was created');
		});
	}

	test('a title of 200 characters and a summary of 10000 are accepted', async () => {
		const title = `${tag()}-`.padEnd(200, 'x');
		const c = await createConcept(officer, MUSTERSTADT, { title, summary: 's'.repeat(10000) });
		assert.equal(c.title, title);
		assert.equal(c.summary.length, 10000);
	});

	test('copy_from a concept of another municipality answers 422 at /copy_from', async () => {
		const l = await createConcept(officerL, MUSTERLINGEN);
		const res = await call('POST', conceptsPath(MUSTERSTADT), { headers: bearer(officer), body: { title: `Kopie ${tag()}`, copy_from: l.id } });
		assertProblem(res, 422);
		assert.deepEqual(pointers(res), ['/copy_from']);
		/* the allowed case: Musterlingen copies its own */
		const own = await createConcept(officerL, MUSTERLINGEN, { copy_from: l.id });
		assert.equal(own.version, l.version + 1);
	});

	test('the steering group, partners and API clients cannot create one: 403', async () => {
		for (const [who, token] of [['steering', steering], ['partner', partner], ['client', clientRead], ['client without read', clientNoRead]]) {
			const title = `Verboten ${tag()}`;
			const res = await call('POST', conceptsPath(MUSTERSTADT), { headers: bearer(token), body: { title } });
			assertProblem(res, 403);
			assert.ok(!(await allConcepts(officer, MUSTERSTADT)).some((c) => c.title === title), `${who}: nothing was created`);
		}
	});

	test('anonymous callers get 401', async () => {
		for (const res of [
			await call('GET', conceptsPath(MUSTERSTADT)),
			await call('POST', conceptsPath(MUSTERSTADT), { body: { title: 'Anonym' } }),
			await call('GET', conceptPath(MUSTERSTADT, '1')),
			await call('PATCH', conceptPath(MUSTERSTADT, '1'), { body: { title: 'Anonym' } }),
			await call('POST', adoptionPath(MUSTERSTADT, '1'), { body: resolution() }),
			await call('GET', goalsPath(MUSTERSTADT, '1')),
			await call('POST', goalsPath(MUSTERSTADT, '1'), { body: { title: 'Anonym' } }),
			await call('GET', goalPath(MUSTERSTADT, '1')),
			await call('DELETE', goalPath(MUSTERSTADT, '1')),
		]) {
			assertProblem(res, 401);
			assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
		}
	});

	test('another municipality\'s path answers 404: Musterstadt\'s officer in Musterlingen and back', async () => {
		assertProblem(await call('POST', conceptsPath(MUSTERLINGEN), { headers: bearer(officer), body: { title: `Fremd ${tag()}` } }), 404);
		assertProblem(await call('GET', conceptsPath(MUSTERLINGEN), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', conceptsPath(MUSTERLINGEN), { headers: bearer(steering) }), 404);
		assertProblem(await call('GET', conceptsPath(MUSTERSTADT), { headers: bearer(officerL) }), 404);
		assertProblem(await call('POST', conceptsPath(MUSTERSTADT), { headers: bearer(officerL), body: { title: `Fremd ${tag()}` } }), 404);
		assertProblem(await call('GET', conceptsPath('05999999'), { headers: bearer(dadm) }), 404);
		assertProblem(await call('GET', conceptsPath('0599900'), { headers: bearer(officer) }), 400);
		/* the allowed case */
		assert.equal((await call('GET', conceptsPath(MUSTERLINGEN), { headers: bearer(officerL) })).status, 200);
	});
});

describe('reading concepts', () => {
	let draft;
	let consultation;
	let archived;
	before(async () => {
		draft = await createConcept();
		consultation = await createConcept();
		await setStatus(MUSTERSTADT, consultation.id, 'consultation');
		archived = await createConcept();
		await setStatus(MUSTERSTADT, archived.id, 'archived');
	});

	test('officer, steering group and district admin read every version, with an ETag that answers 304', async () => {
		for (const token of [officer, steering, dadm]) {
			for (const c of [draft, consultation, archived]) {
				const res = await getConcept(token, MUSTERSTADT, c.id);
				assert.equal(res.status, 200, res.text);
				assert.equal(res.json.id, c.id);
				assert.match(res.headers.etag ?? '', ETAG);
				const again = await call('GET', conceptPath(MUSTERSTADT, c.id), { headers: { ...bearer(token), 'If-None-Match': res.headers.etag } });
				assert.equal(again.status, 304);
				assert.equal(again.text, '');
			}
			const ids = (await allConcepts(token, MUSTERSTADT)).map((c) => c.id);
			for (const c of [draft, consultation, archived]) assert.ok(ids.includes(c.id));
		}
	});

	test('the list is newest version first, and pages with next_cursor', async () => {
		const all = await allConcepts(officer, MUSTERSTADT);
		const versions = all.map((c) => c.version);
		assert.deepEqual(versions, [...versions].sort((a, b) => b - a));
		assert.equal(new Set(versions).size, versions.length, 'versions are unique');
		const seen = [];
		let cursor = null;
		for (let i = 0; i < all.length + 2; i++) {
			const res = await call('GET', `${conceptsPath(MUSTERSTADT)}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: bearer(steering) });
			assert.equal(res.status, 200, res.text);
			assert.ok(res.json.items.length <= 2);
			seen.push(...res.json.items.map((c) => c.id));
			cursor = res.json.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen, all.map((c) => c.id));
	});

	test('?status= filters, also by a comma list; an undocumented status answers 400', async () => {
		const drafts = await allConcepts(officer, MUSTERSTADT, '&status=draft');
		assert.ok(drafts.length > 0 && drafts.every((c) => c.status === 'draft'));
		assert.ok(drafts.some((c) => c.id === draft.id));
		assert.ok(!drafts.some((c) => c.id === consultation.id));
		const two = await allConcepts(officer, MUSTERSTADT, '&status=consultation,archived');
		assert.ok(two.every((c) => ['consultation', 'archived'].includes(c.status)));
		assert.ok(two.some((c) => c.id === consultation.id) && two.some((c) => c.id === archived.id));
		assert.ok(!two.some((c) => c.id === draft.id));
		const res = await call('GET', `${conceptsPath(MUSTERSTADT)}?status=published`, { headers: bearer(officer) });
		assertProblem(res, 400);
	});

	test('partners do not see drafts: 404 and not listed; they see consultation and archived ones', async () => {
		assertProblem(await getConcept(partner, MUSTERSTADT, draft.id), 404);
		const ids = (await allConcepts(partner, MUSTERSTADT)).map((c) => c.id);
		assert.ok(!ids.includes(draft.id), 'a draft is not listed for partners');
		assert.ok((await allConcepts(partner, MUSTERSTADT)).every((c) => c.status !== 'draft'));
		assert.equal((await allConcepts(partner, MUSTERSTADT, '&status=draft')).length, 0);
		assert.ok(ids.includes(consultation.id));
		assert.ok(ids.includes(archived.id));
		const c = await getConcept(partner, MUSTERSTADT, consultation.id);
		assert.equal(c.status, 200, c.text);
		assert.equal(c.json.status, 'consultation');
		assert.equal((await getConcept(partner, MUSTERSTADT, archived.id)).status, 200);
		/* the draft's goals are hidden too */
		assertProblem(await call('GET', goalsPath(MUSTERSTADT, draft.id), { headers: bearer(partner) }), 404);
		assert.equal((await call('GET', goalsPath(MUSTERSTADT, consultation.id), { headers: bearer(partner) })).status, 200);
	});

	test('once in consultation, the former draft is visible to partners; back to draft, hidden again', async () => {
		const c = await createConcept();
		assertProblem(await getConcept(partner, MUSTERSTADT, c.id), 404);
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		assert.equal((await getConcept(partner, MUSTERSTADT, c.id)).status, 200);
		await setStatus(MUSTERSTADT, c.id, 'draft');
		assertProblem(await getConcept(partner, MUSTERSTADT, c.id), 404);
		assert.ok(!(await allConcepts(partner, MUSTERSTADT)).some((x) => x.id === c.id));
	});

	test('an API client with catalogue:read reads like a partner; without it, 403', async () => {
		assert.equal((await getConcept(clientRead, MUSTERSTADT, consultation.id)).status, 200);
		assertProblem(await getConcept(clientRead, MUSTERSTADT, draft.id), 404);
		const ids = (await allConcepts(clientRead, MUSTERSTADT)).map((c) => c.id);
		assert.ok(ids.includes(consultation.id) && !ids.includes(draft.id));
		assertProblem(await call('GET', conceptsPath(MUSTERSTADT), { headers: bearer(clientNoRead) }), 403);
		assertProblem(await getConcept(clientNoRead, MUSTERSTADT, consultation.id), 403);
		assertProblem(await call('GET', goalsPath(MUSTERSTADT, consultation.id), { headers: bearer(clientNoRead) }), 403);
	});

	test('a concept of another municipality answers 404 under this one\'s path', async () => {
		const l = await createConcept(officerL, MUSTERLINGEN);
		await setStatus(MUSTERLINGEN, l.id, 'consultation');
		for (const token of [officer, steering, partner, dadm]) {
			assertProblem(await getConcept(token, MUSTERSTADT, l.id), 404);
		}
		assertProblem(await patchConcept(officer, MUSTERSTADT, l.id, { title: 'Fremd' }), 404);
		assertProblem(await adopt(steering, MUSTERSTADT, l.id), 404);
		assertProblem(await call('GET', goalsPath(MUSTERSTADT, l.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('POST', goalsPath(MUSTERSTADT, l.id), { headers: bearer(officer), body: { title: 'Fremd' } }), 404);
		/* Musterstadt's people on Musterlingen's path */
		assertProblem(await getConcept(officer, MUSTERLINGEN, l.id), 404);
		assertProblem(await adopt(steering, MUSTERLINGEN, l.id), 404);
		assertProblem(await getConcept(officerL, MUSTERSTADT, draft.id), 404);
		assertProblem(await getConcept(officer, MUSTERSTADT, '999999999'), 404);
		assertProblem(await getConcept(officer, MUSTERSTADT, 'abc'), 404);
		/* still in consultation: nothing happened to it */
		const still = await getConcept(officerL, MUSTERLINGEN, l.id);
		assert.equal(still.json.status, 'consultation');
		assert.equal(still.json.title, l.title);
		/* the partner reads it on Musterlingen's path, where Caritas is partner too */
		assert.equal((await getConcept(partner, MUSTERLINGEN, l.id)).status, 200);
	});
});

describe('changing a concept', () => {
	test('the officer changes title and summary with If-Match; a stale ETag answers 412', async () => {
		const c = await createConcept();
		const got = await getConcept(officer, MUSTERSTADT, c.id);
		const title = `Neuer Titel ${tag()}`;
		const res = await patchConcept(officer, MUSTERSTADT, c.id, { title, summary: 'Kurzfassung' }, { 'If-Match': got.headers.etag });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.title, title);
		assert.equal(res.json.summary, 'Kurzfassung');
		assert.equal(res.json.status, 'draft');
		assert.equal(res.json.version, c.version);
		assert.notEqual(res.headers.etag, got.headers.etag);
		const stale = await patchConcept(officer, MUSTERSTADT, c.id, { title: 'Veraltet' }, { 'If-Match': got.headers.etag });
		assertProblem(stale, 412);
		const now_ = await getConcept(officer, MUSTERSTADT, c.id);
		assert.equal(now_.json.title, title, 'the stale change was not made');
		assert.equal(now_.headers.etag, res.headers.etag);
		const cleared = await patchConcept(dadm, MUSTERSTADT, c.id, { summary: null }, { 'If-Match': '*' });
		assert.equal(cleared.status, 200, cleared.text);
		assert.equal(cleared.json.summary, null);
		assert.equal(cleared.json.title, title, 'absent members stay');
	});

	test('draft → consultation → draft → consultation → archived; draft → archived', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		await setStatus(MUSTERSTADT, c.id, 'draft');
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		const archived = await setStatus(MUSTERSTADT, c.id, 'archived', dadm);
		assert.equal(archived.adopted_at, null);
		const d = await createConcept();
		await setStatus(MUSTERSTADT, d.id, 'archived');
	});

	test('refused transitions answer 409 and change nothing', async () => {
		const archived = await createConcept();
		await setStatus(MUSTERSTADT, archived.id, 'archived');
		const draft = await createConcept();
		const consultation = await createConcept();
		await setStatus(MUSTERSTADT, consultation.id, 'consultation');
		for (const [c, status] of [
			[archived, 'draft'], [archived, 'consultation'], [archived, 'adopted'],
			[draft, 'adopted'], [consultation, 'adopted'],
		]) {
			const before_ = await getConcept(officer, MUSTERSTADT, c.id);
			const res = await patchConcept(officer, MUSTERSTADT, c.id, { status });
			assertProblem(res, 409);
			const after_ = await getConcept(officer, MUSTERSTADT, c.id);
			assert.deepEqual(after_.json, before_.json, `${before_.json.status} → ${status} changed nothing`);
		}
	});

	test('an archived concept\'s text cannot be edited: 409', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'archived');
		assertProblem(await patchConcept(officer, MUSTERSTADT, c.id, { title: `Archiv ${tag()}` }), 409);
		assertProblem(await patchConcept(officer, MUSTERSTADT, c.id, { summary: 'Archiv' }), 409);
		assert.equal((await getConcept(officer, MUSTERSTADT, c.id)).json.title, c.title);
	});

	test('an invalid change answers 422 at its pointer', async () => {
		const c = await createConcept();
		for (const [body, pointer] of [
			[{ status: 'published' }, '/status'], [{ status: null }, '/status'], [{ title: '' }, '/title'], [{ title: '  ' }, '/title'],
			[{ title: null }, '/title'], [{ title: 'x'.repeat(201) }, '/title'], [{ summary: 's'.repeat(10001) }, '/summary'],
			[{ version: 9 }, '/version'], [{ resolution_reference: 'Drucksache 1/2026' }, '/resolution_reference'],
		]) {
			const res = await patchConcept(officer, MUSTERSTADT, c.id, body);
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)}: pointers ${JSON.stringify(pointers(res))}`);
		}
		assert.deepEqual((await getConcept(officer, MUSTERSTADT, c.id)).json, c);
	});

	test('the steering group, partners and API clients cannot change a concept: 403', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		for (const token of [steering, partner, clientRead]) {
			assertProblem(await patchConcept(token, MUSTERSTADT, c.id, { title: `Nein ${tag()}` }), 403);
			assertProblem(await patchConcept(token, MUSTERSTADT, c.id, { status: 'draft' }), 403);
		}
		const still = await getConcept(officer, MUSTERSTADT, c.id);
		assert.equal(still.json.title, c.title);
		assert.equal(still.json.status, 'consultation');
	});

	test('a refused transition answers 409 pointing at /status', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'archived');
		const back = await patchConcept(officer, MUSTERSTADT, c.id, { status: 'draft' });
		assertProblem(back, 409);
		assert.deepEqual(pointers(back), ['/status'], `archived → draft: ${back.text}`);
		const d = await createConcept();
		const adopted = await patchConcept(officer, MUSTERSTADT, d.id, { status: 'adopted' });
		assertProblem(adopted, 409);
		assert.deepEqual(pointers(adopted), ['/status'], `PATCH status adopted: ${adopted.text}`);
	});
});

describe('adopting a concept', () => {
	test('the steering group adopts a concept in consultation: 200, resolution recorded, adopted_at set', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		const got = await getConcept(steering, MUSTERSTADT, c.id);
		const res = await adopt(steering, MUSTERSTADT, c.id, { resolution_date: '2026-02-26', resolution_reference: '  Drucksache 047/2026  ' }, { 'If-Match': got.headers.etag });
		assert.equal(res.status, 200, res.text);
		assert.match(res.headers.etag ?? '', ETAG);
		const a = res.json;
		assert.equal(a.id, c.id);
		assert.equal(a.status, 'adopted');
		assert.equal(a.resolution_date, '2026-02-26');
		assert.equal(a.resolution_reference, 'Drucksache 047/2026');
		assert.ok(recent(a.adopted_at), a.adopted_at);
		assert.equal(a.title, c.title);
		assert.equal(a.version, c.version);
		const again = await getConcept(officer, MUSTERSTADT, c.id);
		assert.deepEqual(again.json, a);
		assert.equal(again.headers.etag, res.headers.etag);
		const adopted = await allConcepts(steering, MUSTERSTADT, '&status=adopted');
		assert.deepEqual(adopted.map((x) => x.id), [c.id], 'it is the one adopted concept');
	});

	test('a stale If-Match answers 412 and adopts nothing', async () => {
		const c = await createConcept();
		const draftTag = (await getConcept(steering, MUSTERSTADT, c.id)).headers.etag;
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		assertProblem(await adopt(steering, MUSTERSTADT, c.id, resolution(), { 'If-Match': draftTag }), 412);
		assert.equal((await getConcept(officer, MUSTERSTADT, c.id)).json.status, 'consultation');
	});

	test('officers, partners and API clients cannot adopt: 403, the concept stays in consultation', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		for (const token of [officer, partner, clientRead, clientNoRead]) {
			assertProblem(await adopt(token, MUSTERSTADT, c.id), 403);
		}
		const still = await getConcept(officer, MUSTERSTADT, c.id);
		assert.equal(still.json.status, 'consultation');
		assert.equal(still.json.adopted_at, null);
		/* the allowed case: the district admin */
		const res = await adopt(dadm, MUSTERSTADT, c.id);
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.status, 'adopted');
	});

	test('only a concept in consultation is adopted: from draft, archived or adopted 409', async () => {
		const draft = await createConcept();
		const r1 = await adopt(steering, MUSTERSTADT, draft.id);
		assertProblem(r1, 409);
		assert.equal((await getConcept(officer, MUSTERSTADT, draft.id)).json.status, 'draft');
		const archived = await createConcept();
		await setStatus(MUSTERSTADT, archived.id, 'archived');
		assertProblem(await adopt(steering, MUSTERSTADT, archived.id), 409);
		assert.equal((await getConcept(officer, MUSTERSTADT, archived.id)).json.status, 'archived');
		const adopted = await adoptedConcept();
		const again = await adopt(dadm, MUSTERSTADT, adopted.id, resolution(999));
		assertProblem(again, 409);
		const now_ = await getConcept(officer, MUSTERSTADT, adopted.id);
		assert.equal(now_.json.resolution_reference, adopted.resolution_reference, 'the resolution stays');
		assert.equal(now_.json.status, 'adopted');
	});

	test('adoption from draft answers 409 pointing at /status', async () => {
		const draft = await createConcept();
		const res = await adopt(steering, MUSTERSTADT, draft.id);
		assertProblem(res, 409);
		assert.deepEqual(pointers(res), ['/status'], res.text);
	});

	const invalid = [
		['no resolution_date', { resolution_date: undefined }, '/resolution_date'],
		['a resolution_date that is no date', { resolution_date: '26.02.2026' }, '/resolution_date'],
		['a resolution_date that does not exist', { resolution_date: '2026-02-30' }, '/resolution_date'],
		['a resolution_date as a number', { resolution_date: 20260226 }, '/resolution_date'],
		['no resolution_reference', { resolution_reference: undefined }, '/resolution_reference'],
		['an empty resolution_reference', { resolution_reference: '' }, '/resolution_reference'],
		['a blank resolution_reference', { resolution_reference: '   ' }, '/resolution_reference'],
		['a resolution_reference of 101 characters', { resolution_reference: 'D'.repeat(101) }, '/resolution_reference'],
		['an unknown member', { adopted_at: '2026-02-27T10:00:00Z' }, '/adopted_at'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what} answers 422 pointing at ${pointer}, and nothing is adopted`, async () => {
			const c = await createConcept();
			await setStatus(MUSTERSTADT, c.id, 'consultation');
			const body = { ...resolution(), ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const res = await adopt(steering, MUSTERSTADT, c.id, body);
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
			assert.equal((await getConcept(officer, MUSTERSTADT, c.id)).json.status, 'consultation');
		});
	}

	test('a resolution_reference of 100 characters is accepted', async () => {
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		const ref = 'D'.repeat(100);
		const res = await adopt(steering, MUSTERSTADT, c.id, { resolution_date: '2026-03-01', resolution_reference: ref });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.resolution_reference, ref);
	});

	test('adopting a second concept archives the first: exactly one adopted concept per municipality', async () => {
		const first = await adoptedConcept(MUSTERSTADT, steering);
		const second = await createConcept();
		await setStatus(MUSTERSTADT, second.id, 'consultation');
		const res = await adopt(dadm, MUSTERSTADT, second.id, { resolution_date: '2026-06-30', resolution_reference: 'Drucksache 112/2026' });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.status, 'adopted');
		const old = await getConcept(officer, MUSTERSTADT, first.id);
		assert.equal(old.json.status, 'archived', 'the one adopted before is archived');
		assert.equal(old.json.resolution_reference, first.resolution_reference, 'it keeps its resolution');
		const adopted = await allConcepts(steering, MUSTERSTADT, '&status=adopted');
		assert.deepEqual(adopted.map((c) => c.id), [second.id]);
		const listed = await allConcepts(officer, MUSTERSTADT);
		assert.equal(listed.filter((c) => c.status === 'adopted').length, 1);
		/* another municipality's adoption leaves Musterstadt's alone */
		const l = await adoptedConcept(MUSTERLINGEN, steeringL);
		assert.deepEqual((await allConcepts(steeringL, MUSTERLINGEN, '&status=adopted')).map((c) => c.id), [l.id]);
		assert.deepEqual((await allConcepts(steering, MUSTERSTADT, '&status=adopted')).map((c) => c.id), [second.id]);
	});

	test('two adoptions at the same time: both succeed one after the other, one concept stays adopted', async () => {
		const a = await createConcept();
		const b = await createConcept();
		await setStatus(MUSTERSTADT, a.id, 'consultation');
		await setStatus(MUSTERSTADT, b.id, 'consultation');
		const [ra, rb] = await Promise.all([adopt(steering, MUSTERSTADT, a.id), adopt(dadm, MUSTERSTADT, b.id)]);
		assert.equal(ra.status, 200, ra.text);
		assert.equal(rb.status, 200, rb.text);
		const adopted = await allConcepts(steering, MUSTERSTADT, '&status=adopted');
		assert.equal(adopted.length, 1, JSON.stringify(adopted.map((c) => c.id)));
		assert.ok([a.id, b.id].includes(adopted[0].id));
		const other = adopted[0].id === a.id ? b.id : a.id;
		assert.equal((await getConcept(officer, MUSTERSTADT, other)).json.status, 'archived');
	});

	test('an adopted concept\'s text cannot be changed (409); the steering group cannot archive it (403); the officer can', async () => {
		const a = await adoptedConcept();
		const t = await patchConcept(officer, MUSTERSTADT, a.id, { title: `Geändert ${tag()}` });
		assertProblem(t, 409);
		assertProblem(await patchConcept(officer, MUSTERSTADT, a.id, { summary: 'Geändert' }), 409);
		assertProblem(await patchConcept(officer, MUSTERSTADT, a.id, { status: 'draft' }), 409);
		assertProblem(await patchConcept(officer, MUSTERSTADT, a.id, { status: 'consultation' }), 409);
		assertProblem(await patchConcept(steering, MUSTERSTADT, a.id, { status: 'archived' }), 403);
		const still = await getConcept(officer, MUSTERSTADT, a.id);
		assert.deepEqual(still.json, a, 'nothing changed');
		const archived = await patchConcept(officer, MUSTERSTADT, a.id, { status: 'archived' });
		assert.equal(archived.status, 200, archived.text);
		assert.equal(archived.json.status, 'archived');
		assert.equal(archived.json.resolution_date, a.resolution_date);
		assert.ok(!(await allConcepts(officer, MUSTERSTADT, '&status=adopted')).some((c) => c.id === a.id));
	});

	test('partners see the adopted concept and the archived ones', async () => {
		const first = await adoptedConcept();
		const second = await adoptedConcept(MUSTERSTADT, dadm);
		const listed = await allConcepts(partner, MUSTERSTADT);
		assert.equal(listed.find((c) => c.id === second.id)?.status, 'adopted');
		assert.equal(listed.find((c) => c.id === first.id)?.status, 'archived');
		const got = await getConcept(partner, MUSTERSTADT, second.id);
		assert.equal(got.status, 200, got.text);
		assert.equal(got.json.resolution_reference, second.resolution_reference);
	});
});

describe('the public concept', () => {
	test('anyone reads the adopted concept with its goals in order, and no internal fields', async () => {
		const c = await createConcept(officer, MUSTERSTADT, { summary: 'Für alle.' });
		const g2 = await addGoal(c.id, { title: `Bildung ${tag()}`, description: 'Gleiche Chancen.' });
		const g1 = await addGoal(c.id, { title: `Vielfalt ${tag()}`, position: 1 });
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		const adopted = (await adopt(steering, MUSTERSTADT, c.id, { resolution_date: '2026-02-26', resolution_reference: 'Drucksache 047/2026' })).json;
		const res = await call('GET', publicConceptPath(MUSTERSTADT));
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.json, {
			id: c.id, version: c.version, title: c.title, summary: 'Für alle.',
			resolution_date: '2026-02-26', resolution_reference: 'Drucksache 047/2026', adopted_at: adopted.adopted_at,
			goals: [
				{ id: g1.id, position: 1, title: g1.title, description: null },
				{ id: g2.id, position: 2, title: g2.title, description: 'Gleiche Chancen.' },
			],
		});
		assert.match(res.headers.etag ?? '', ETAG);
		const again = await call('GET', publicConceptPath(MUSTERSTADT), { headers: { 'If-None-Match': res.headers.etag } });
		assert.equal(again.status, 304);
		/* a signed-in caller reads it too */
		assert.equal((await call('GET', publicConceptPath(MUSTERSTADT), { headers: bearer(partner) })).json.id, c.id);
	});

	test('goals added to the adopted concept show, and the ETag changes', async () => {
		const a = await adoptedConcept();
		const first = await call('GET', publicConceptPath(MUSTERSTADT));
		assert.equal(first.json.id, a.id);
		assert.deepEqual(first.json.goals, []);
		const g = await addGoal(a.id, { description: 'Neu.' });
		const res = await call('GET', publicConceptPath(MUSTERSTADT), { headers: { 'If-None-Match': first.headers.etag } });
		assert.equal(res.status, 200, 'the old ETag no longer matches');
		assert.deepEqual(res.json.goals, [{ id: g.id, position: 1, title: g.title, description: 'Neu.' }]);
	});

	test('drafts and concepts in consultation are not public; a newly adopted one replaces the old', async () => {
		const a = await adoptedConcept();
		const c = await createConcept();
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		assert.equal((await call('GET', publicConceptPath(MUSTERSTADT))).json.id, a.id);
		assert.equal((await adopt(steering, MUSTERSTADT, c.id)).status, 200);
		assert.equal((await call('GET', publicConceptPath(MUSTERSTADT))).json.id, c.id);
	});

	test('a municipality without an adopted concept answers 404', async () => {
		const municipalities = (await call('GET', '/api/v1/municipalities?limit=200')).json.items.map((m) => m.ags).filter((a) => a.startsWith('05999'));
		const order = ['05999012', ...municipalities.filter((a) => a !== '05999012')];
		let none;
		for (const ags of order) {
			if ((await allConcepts(dadm, ags, '&status=adopted')).length === 0) {
				none = ags;
				break;
			}
		}
		assert.ok(none, 'some municipality of the district has no adopted concept');
		const res = await call('GET', publicConceptPath(none));
		assertProblem(res, 404);
		/* the allowed case: Musterlingen once it has adopted one */
		const l = await adoptedConcept(MUSTERLINGEN, steeringL);
		assert.equal((await call('GET', publicConceptPath(MUSTERLINGEN))).json.id, l.id);
	});

	test('after the officer archives the adopted concept, there is none: 404', async () => {
		const a = await adoptedConcept();
		assert.equal((await call('GET', publicConceptPath(MUSTERSTADT))).status, 200);
		await setStatus(MUSTERSTADT, a.id, 'archived');
		assertProblem(await call('GET', publicConceptPath(MUSTERSTADT)), 404);
		await adoptedConcept();
		assert.equal((await call('GET', publicConceptPath(MUSTERSTADT))).status, 200);
	});

	test('an unknown AGS answers 404, a malformed one 400, a bad token 401', async () => {
		assertProblem(await call('GET', publicConceptPath('05999999')), 404);
		for (const ags of ['5999004', 'abcdefgh', '059990041']) assertProblem(await call('GET', publicConceptPath(ags)), 400);
		assertProblem(await call('GET', publicConceptPath(MUSTERSTADT), { headers: { Authorization: 'Bearer nope' } }), 401);
	});
});

describe('guiding goals', () => {
	test('a goal goes last by default; position 1 puts it first and moves the others down', async () => {
		const c = await createConcept();
		const a = await addGoal(c.id, { title: `A ${tag()}`, description: 'Erstes.' });
		const b = await addGoal(c.id, { title: `B ${tag()}` });
		assert.equal(a.position, 1);
		assert.equal(b.position, 2);
		assert.equal(a.concept_id, c.id);
		assert.equal(a.description, 'Erstes.');
		assert.equal(b.description, null);
		assert.ok(recent(a.created_at));
		const top = await call('POST', goalsPath(MUSTERSTADT, c.id), { headers: bearer(officer), body: { title: `Top ${tag()}`, position: 1 } });
		assert.equal(top.status, 201, top.text);
		assert.equal(top.headers.location, goalPath(MUSTERSTADT, top.json.id));
		assert.match(top.headers.etag ?? '', ETAG);
		assert.equal(top.json.position, 1);
		assert.deepEqual((await goals(c.id)).map((g) => [g.id, g.position]), [[top.json.id, 1], [a.id, 2], [b.id, 3]]);
		const mid = await addGoal(c.id, { position: 3 }, dadm);
		const far = await addGoal(c.id, { position: 99 });
		assert.equal(far.position, 5, 'a position past the end puts it last');
		assert.deepEqual((await goals(c.id)).map((g) => g.id), [top.json.id, a.id, mid.id, b.id, far.id]);
		assert.deepEqual((await goals(c.id)).map((g) => g.position), [1, 2, 3, 4, 5]);
		assert.equal((await getConcept(officer, MUSTERSTADT, c.id)).json.goal_count, 5);
	});

	test('goals added at the same time get positions 1..n, each once', async () => {
		const c = await createConcept();
		await Promise.all(Array.from({ length: 8 }, (_, n) => addGoal(c.id, n % 3 === 0 ? { position: 1 } : {}, n % 2 ? dadm : officer)));
		assert.deepEqual((await goals(c.id)).map((g) => g.position), [1, 2, 3, 4, 5, 6, 7, 8]);
	});

	test('a position past the end, however large, puts the goal last (the contract sets no maximum)', async () => {
		const c = await createConcept();
		const a = await addGoal(c.id);
		const b = await addGoal(c.id, { position: 5000 });
		assert.equal(b.position, 2);
		const moved = await call('PATCH', goalPath(MUSTERSTADT, a.id), { headers: bearer(officer), body: { position: 100000 } });
		assert.equal(moved.status, 200, moved.text);
		assert.equal(moved.json.position, 2);
		assert.deepEqual((await goals(c.id)).map((g) => g.id), [b.id, a.id]);
	});

	test('one goal by id with an ETag that answers 304; the list pages', async () => {
		const c = await createConcept();
		const made = [];
		for (let i = 0; i < 3; i++) made.push(await addGoal(c.id));
		for (const token of [officer, steering, dadm]) {
			const res = await call('GET', goalPath(MUSTERSTADT, made[1].id), { headers: bearer(token) });
			assert.equal(res.status, 200, res.text);
			assert.deepEqual(res.json, made[1]);
			assert.match(res.headers.etag ?? '', ETAG);
			const again = await call('GET', goalPath(MUSTERSTADT, made[1].id), { headers: { ...bearer(token), 'If-None-Match': res.headers.etag } });
			assert.equal(again.status, 304);
		}
		const seen = [];
		let cursor = null;
		for (let i = 0; i < 5; i++) {
			const res = await call('GET', `${goalsPath(MUSTERSTADT, c.id)}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: bearer(steering) });
			assert.equal(res.status, 200, res.text);
			seen.push(...res.json.items.map((g) => g.id));
			cursor = res.json.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen, made.map((g) => g.id));
	});

	test('PATCH position moves a goal; positions stay 1..n', async () => {
		const c = await createConcept();
		const [g1, g2, g3, g4] = [await addGoal(c.id), await addGoal(c.id), await addGoal(c.id), await addGoal(c.id)];
		const got = await call('GET', goalPath(MUSTERSTADT, g4.id), { headers: bearer(officer) });
		const up = await call('PATCH', goalPath(MUSTERSTADT, g4.id), { headers: { ...bearer(officer), 'If-Match': got.headers.etag }, body: { position: 2 } });
		assert.equal(up.status, 200, up.text);
		assert.equal(up.json.position, 2);
		assert.equal(up.json.title, g4.title);
		assert.deepEqual((await goals(c.id)).map((g) => [g.id, g.position]), [[g1.id, 1], [g4.id, 2], [g2.id, 3], [g3.id, 4]]);
		const down = await call('PATCH', goalPath(MUSTERSTADT, g1.id), { headers: bearer(officer), body: { position: 3 } });
		assert.equal(down.status, 200, down.text);
		assert.deepEqual((await goals(c.id)).map((g) => g.id), [g4.id, g2.id, g1.id, g3.id]);
		const last = await call('PATCH', goalPath(MUSTERSTADT, g4.id), { headers: bearer(dadm), body: { position: 50 } });
		assert.equal(last.status, 200, last.text);
		assert.equal(last.json.position, 4, 'past the end: last');
		assert.deepEqual((await goals(c.id)).map((g) => [g.id, g.position]), [[g2.id, 1], [g1.id, 2], [g3.id, 3], [g4.id, 4]]);
		const text = await call('PATCH', goalPath(MUSTERSTADT, g3.id), { headers: bearer(officer), body: { title: 'Neu formuliert', description: 'Mit Beschreibung' } });
		assert.equal(text.status, 200, text.text);
		assert.equal(text.json.title, 'Neu formuliert');
		assert.equal(text.json.description, 'Mit Beschreibung');
		assert.equal(text.json.position, 3, 'position stays when not sent');
	});

	test('a stale If-Match on PATCH and DELETE answers 412', async () => {
		const c = await createConcept();
		const g = await addGoal(c.id);
		await addGoal(c.id);
		const etag = (await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer) })).headers.etag;
		const changed = await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: { ...bearer(officer), 'If-Match': etag }, body: { title: `Neu ${tag()}` } });
		assert.equal(changed.status, 200, changed.text);
		assertProblem(await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: { ...bearer(officer), 'If-Match': etag }, body: { position: 2 } }), 412);
		assertProblem(await call('DELETE', goalPath(MUSTERSTADT, g.id), { headers: { ...bearer(officer), 'If-Match': etag } }), 412);
		const still = await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer) });
		assert.equal(still.status, 200);
		assert.equal(still.json.position, 1);
		assert.equal(still.json.title, changed.json.title);
		const del = await call('DELETE', goalPath(MUSTERSTADT, g.id), { headers: { ...bearer(officer), 'If-Match': still.headers.etag } });
		assert.equal(del.status, 204, del.text);
	});

	test('DELETE answers 204; the positions close up and the goal leaves its measures\' goal_ids', async () => {
		const c = await createConcept();
		const [g1, g2, g3] = [await addGoal(c.id), await addGoal(c.id), await addGoal(c.id)];
		const m = await createMeasure({ concept_id: c.id, goal_ids: [g1.id, g2.id, g3.id] });
		const n = await createMeasure({ concept_id: c.id, goal_ids: [g2.id] });
		assert.deepEqual(m.goal_ids, [g1.id, g2.id, g3.id]);
		const res = await call('DELETE', goalPath(MUSTERSTADT, g2.id), { headers: bearer(officer) });
		assert.equal(res.status, 204, res.text);
		assert.equal(res.text, '');
		assertProblem(await call('GET', goalPath(MUSTERSTADT, g2.id), { headers: bearer(officer) }), 404);
		assert.deepEqual((await goals(c.id)).map((g) => [g.id, g.position]), [[g1.id, 1], [g3.id, 2]]);
		assert.deepEqual((await getMeasure(m.id)).goal_ids, [g1.id, g3.id]);
		assert.deepEqual((await getMeasure(n.id)).goal_ids, []);
		assert.equal((await getConcept(officer, MUSTERSTADT, c.id)).json.goal_count, 2);
		assertProblem(await call('DELETE', goalPath(MUSTERSTADT, g2.id), { headers: bearer(officer) }), 404); /* deleted once */
		const first = await call('DELETE', goalPath(MUSTERSTADT, g1.id), { headers: bearer(dadm) });
		assert.equal(first.status, 204, first.text);
		assert.deepEqual((await goals(c.id)).map((g) => [g.id, g.position]), [[g3.id, 1]]);
	});

	test('the goals of an archived concept cannot change: 409', async () => {
		const c = await createConcept();
		const g = await addGoal(c.id);
		await setStatus(MUSTERSTADT, c.id, 'archived');
		const add = await call('POST', goalsPath(MUSTERSTADT, c.id), { headers: bearer(officer), body: { title: `Zu spät ${tag()}` } });
		assertProblem(add, 409);
		assertProblem(await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer), body: { title: 'Zu spät' } }), 409);
		assertProblem(await call('DELETE', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer) }), 409);
		assert.deepEqual(await goals(c.id), [g]);
	});

	test('the goals of an adopted concept may still change (only archived ones are closed)', async () => {
		const a = await adoptedConcept();
		const g = await addGoal(a.id);
		const res = await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer), body: { description: 'Ergänzt' } });
		assert.equal(res.status, 200, res.text);
	});

	test('the steering group, partners and API clients cannot write goals: 403', async () => {
		const c = await createConcept();
		const g = await addGoal(c.id);
		await setStatus(MUSTERSTADT, c.id, 'consultation');
		for (const token of [steering, partner, clientRead]) {
			assertProblem(await call('POST', goalsPath(MUSTERSTADT, c.id), { headers: bearer(token), body: { title: 'Nein' } }), 403);
			assertProblem(await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: bearer(token), body: { title: 'Nein' } }), 403);
			assertProblem(await call('DELETE', goalPath(MUSTERSTADT, g.id), { headers: bearer(token) }), 403);
		}
		assert.deepEqual(await goals(c.id), [g]);
		/* they read them: the concept is in consultation */
		for (const token of [steering, partner, clientRead]) {
			assert.deepEqual(await goals(c.id, token), [g]);
			assert.equal((await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(token) })).status, 200);
		}
	});

	test('partners do not read the goals of a draft: 404', async () => {
		const c = await createConcept();
		const g = await addGoal(c.id);
		assertProblem(await call('GET', goalsPath(MUSTERSTADT, c.id), { headers: bearer(partner) }), 404);
		assertProblem(await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(partner) }), 404);
		assertProblem(await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(clientRead) }), 404);
		assert.equal((await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(steering) })).status, 200);
	});

	const invalid = [
		['no title', { title: undefined }, '/title'],
		['an empty title', { title: '' }, '/title'],
		['a blank title', { title: '  ' }, '/title'],
		['a title of 301 characters', { title: 't'.repeat(301) }, '/title'],
		['a description of 5001 characters', { description: 'd'.repeat(5001) }, '/description'],
		['position 0', { position: 0 }, '/position'],
		['a position that is no integer', { position: '1' }, '/position'],
		['a fractional position', { position: 1.5 }, '/position'],
		['an unknown member', { concept_id: '1' }, '/concept_id'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`a goal with ${what} answers 422 pointing at ${pointer}`, async () => {
			const c = await createConcept();
			const body = { title: `Ziel ${tag()}`, ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const res = await call('POST', goalsPath(MUSTERSTADT, c.id), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
			assert.deepEqual(await goals(c.id), []);
		});
	}

	test('an invalid change of a goal answers 422 at its pointer and changes nothing', async () => {
		const c = await createConcept();
		const g = await addGoal(c.id);
		for (const [body, pointer] of [
			[{ title: '' }, '/title'], [{ title: null }, '/title'], [{ title: 't'.repeat(301) }, '/title'],
			[{ description: 'd'.repeat(5001) }, '/description'], [{ position: 0 }, '/position'], [{ position: null }, '/position'],
			[{ concept_id: c.id }, '/concept_id'],
		]) {
			const res = await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)}: pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
		}
		assert.deepEqual(await goals(c.id), [g]);
	});

	test('goals of another municipality are 404 under this one\'s path', async () => {
		const l = await createConcept(officerL, MUSTERLINGEN);
		const g = await addGoal(l.id, {}, officerL, MUSTERLINGEN);
		assertProblem(await call('GET', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('PATCH', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer), body: { title: 'Fremd' } }), 404);
		assertProblem(await call('DELETE', goalPath(MUSTERSTADT, g.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', goalPath(MUSTERLINGEN, g.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('DELETE', goalPath(MUSTERLINGEN, g.id), { headers: bearer(officer) }), 404);
		const still = await call('GET', goalPath(MUSTERLINGEN, g.id), { headers: bearer(officerL) });
		assert.deepEqual(still.json, g);
	});

	test('goal_ids of a measure must be goals of its concept', async () => {
		const c = await createConcept();
		const other = await createConcept();
		const g = await addGoal(other.id);
		const res = await call('POST', measuresPath(MUSTERSTADT), {
			headers: bearer(officer),
			body: { concept_id: c.id, code: 'X-01', title: 'Falsches Ziel', action_field_id: fieldLanguage, horizon: 'short', goal_ids: [g.id] },
		});
		assertProblem(res, 422);
		assert.deepEqual(pointers(res), ['/goal_ids']);
	});
});

describe('a new version with copy_from', () => {
	let source;
	let sg; /* the source's goals by position */
	let m1;
	let m2;
	let m3;
	let copy;
	before(async () => {
		source = await createConcept(officer, MUSTERSTADT, { summary: 'Quelle' });
		sg = [
			await addGoal(source.id, { title: `Sprache ${tag()}`, description: 'Ziel eins' }),
			await addGoal(source.id, { title: `Arbeit ${tag()}` }),
			await addGoal(source.id, { title: `Teilhabe ${tag()}`, description: 'Ziel drei' }),
		];
		m1 = await createMeasure({
			concept_id: source.id, code: 'SP-01', title: 'Sprachcafé', description: 'Wöchentlich im Stadtteilzentrum',
			goal_ids: [sg[0].id, sg[2].id], horizon: 'short', weight: 3, planned_start: '2026-01-01', planned_end: '2026-12-31',
			lead_organisation_id: caritasId, partner_organisation_ids: [kulturId], target_groups: ['newcomers', 'families'],
			budget: 12500.5, visibility: 'public',
		});
		m2 = await createMeasure({ concept_id: source.id, code: 'SP-01.1', title: 'Sprachcafé für Eltern', parent_id: m1.id, goal_ids: [sg[1].id], horizon: 'medium', weight: 2 });
		m3 = await createMeasure({ concept_id: source.id, code: 'AR-01', title: 'Jobbörse', action_field_id: fieldWork, horizon: 'long', visibility: 'partners' });
		/* give the source some history that the copy must not keep */
		let r = await call('PUT', `${measurePath(MUSTERSTADT, m3.id)}/rank`, { headers: bearer(officer), body: { rank: 1 } });
		assert.equal(r.status, 200, r.text);
		r = await call('PATCH', measurePath(MUSTERSTADT, m1.id), { headers: bearer(steering), body: { status: 'planned' } });
		assert.equal(r.status, 200, r.text);
		r = await call('POST', `${measurePath(MUSTERSTADT, m2.id)}/progress-reports`, {
			headers: bearer(officer), body: { status: 'on_track', progress: 60, text: 'Gut angelaufen.' },
		});
		assert.equal(r.status, 201, r.text);
		r = await call('PATCH', measurePath(MUSTERSTADT, m3.id), { headers: bearer(officer), body: { status: 'dropped', status_reason: 'Keine Mittel' } });
		assert.equal(r.status, 200, r.text);
		[m1, m2, m3] = [await getMeasure(m1.id), await getMeasure(m2.id), await getMeasure(m3.id)];
		assert.deepEqual([m3.rank, m1.rank, m2.rank], [1, 2, 3]);
		assert.equal(m2.progress, 60);
		assert.ok(m2.last_report);
		assert.equal(m1.progress, 60, 'the parent\'s progress comes from its Teilmaßnahme');
		assert.equal(m1.status, 'planned');

		const res = await call('POST', conceptsPath(MUSTERSTADT), { headers: bearer(officer), body: { title: `Fortschreibung ${tag()}`, copy_from: source.id } });
		assert.equal(res.status, 201, res.text);
		copy = res.json;
	});

	async function copiedMeasures() {
		const res = await call('GET', `${measuresPath(MUSTERSTADT)}?concept_id=${copy.id}&limit=200`, { headers: bearer(officer) });
		assert.equal(res.status, 200, res.text);
		return Object.fromEntries(res.json.items.map((m) => [m.code, m]));
	}

	test('the copy is a new draft version with the goals and measures counted', async () => {
		assert.equal(copy.status, 'draft');
		assert.ok(copy.version > source.version);
		assert.notEqual(copy.id, source.id);
		assert.equal(copy.summary, null, 'the summary is the new one\'s (none given)');
		assert.equal(copy.goal_count, 3);
		assert.equal(copy.measure_count, 3);
		assert.equal(copy.resolution_date, null);
	});

	test('the goals are copied in order, with new ids', async () => {
		const cg = await goals(copy.id);
		assert.deepEqual(cg.map((g) => [g.position, g.title, g.description]), sg.map((g) => [g.position, g.title, g.description]));
		for (const g of cg) {
			assert.equal(g.concept_id, copy.id);
			assert.ok(!sg.some((s) => s.id === g.id), 'new ids');
		}
		assert.deepEqual((await goals(source.id)).map((g) => g.id), sg.map((g) => g.id), 'the source keeps its goals');
	});

	test('the measures are copied: fields, ranks, goal links to the new goals, parent links to the new parents', async () => {
		const cg = await goals(copy.id);
		const byOld = Object.fromEntries(sg.map((g, i) => [g.id, cg[i].id]));
		const cm = await copiedMeasures();
		assert.deepEqual(Object.keys(cm).sort(), ['AR-01', 'SP-01', 'SP-01.1']);
		for (const [src, c] of [[m1, cm['SP-01']], [m2, cm['SP-01.1']], [m3, cm['AR-01']]]) {
			assert.notEqual(c.id, src.id);
			assert.equal(c.concept_id, copy.id);
			for (const k of ['code', 'title', 'description', 'horizon', 'rank', 'weight', 'planned_start', 'planned_end',
				'lead_organisation', 'partner_organisations', 'target_groups', 'budget', 'visibility']) {
				assert.deepEqual(c[k], src[k], `${src.code}: ${k} is copied`);
			}
			assert.deepEqual(c.action_field, src.action_field);
			assert.deepEqual(c.goal_ids, src.goal_ids.map((id) => byOld[id]), `${src.code}: goal links point at the new goals`);
		}
		assert.equal(cm['SP-01.1'].parent_id, cm['SP-01'].id, 'the Teilmaßnahme hangs under the copied parent');
		assert.equal(cm['SP-01'].parent_id, null);
		assert.equal(cm['SP-01'].child_count, 1);
		assert.deepEqual([cm['AR-01'].rank, cm['SP-01'].rank, cm['SP-01.1'].rank], [1, 2, 3], 'ranks are kept');
	});

	test('the copied measures start over: status proposed, progress 0, no reason, no actual dates, no report', async () => {
		const cm = await copiedMeasures();
		for (const m of Object.values(cm)) {
			assert.equal(m.status, 'proposed', m.code);
			assert.equal(m.progress, 0, m.code);
			assert.equal(m.status_reason, null, m.code);
			assert.equal(m.actual_start, null, m.code);
			assert.equal(m.actual_end, null, m.code);
			assert.equal(m.last_report, null, m.code);
		}
		/* the source is untouched */
		assert.equal((await getMeasure(m1.id)).status, 'planned');
		assert.equal((await getMeasure(m3.id)).status, 'dropped');
		assert.equal((await getMeasure(m2.id)).progress, 60);
		assert.equal((await getConcept(officer, MUSTERSTADT, source.id)).json.status, 'draft');
	});

	test('an adopted concept can be the source; the copy can be adopted and the source is archived', async () => {
		const a = await adoptedConcept();
		await addGoal(a.id);
		const next = await createConcept(officer, MUSTERSTADT, { copy_from: a.id });
		assert.equal(next.goal_count, 1);
		await setStatus(MUSTERSTADT, next.id, 'consultation');
		assert.equal((await adopt(steering, MUSTERSTADT, next.id)).status, 200);
		assert.equal((await getConcept(officer, MUSTERSTADT, a.id)).json.status, 'archived');
		/* an archived concept is a source too */
		const again = await createConcept(officer, MUSTERSTADT, { copy_from: a.id });
		assert.equal(again.goal_count, 1);
	});

	test('partners cannot copy (403); a draft copy is hidden from them', async () => {
		assertProblem(await call('POST', conceptsPath(MUSTERSTADT), { headers: bearer(partner), body: { title: 'Kopie', copy_from: source.id } }), 403);
		assertProblem(await getConcept(partner, MUSTERSTADT, copy.id), 404);
	});
});
