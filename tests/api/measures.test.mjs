/*
 * The Maßnahmenkatalog: measures under /api/v1/municipalities/{ags}/measures
 * (create, read, change, status transitions, priority ranks, Teilmaßnahmen,
 * history) and the public catalogue under
 * /api/v1/public/municipalities/{ags}/measures, for every role: officer,
 * steering group, partner (Caritas), district admin, API clients with and
 * without scopes, anonymous callers and a caller from another municipality.
 *
 * Every concept, goal and measure here is created by this file (concepts
 * carry a per-run tag), so the file does not depend on the demo catalogue
 * and runs again on the same database. Lists are always narrowed to one of
 * this file's concepts. Other files may adopt concepts in Musterstadt too,
 * so the public tests adopt their own concept right before they look.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, me, organisationId, requestToken, signInPersonas,
} from './lib/auth.mjs';
import { base, createMeasure as postMeasure, getMeasure as readMeasure } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt, assertEtag, assertUnauthorized as assert401 } from './lib/checks.mjs';

const TAG = `M${process.pid}${randomBytes(3).toString('hex')}`;
const DTK = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';
const SCHOOL = 'Gesamtschule Musterstadt'; /* serves Musterstadt only */
const NOWHERE = '05999999'; /* a municipality that does not exist */

const measuresPath = (ags = MUSTERSTADT) => `${base(ags)}/measures`;
const measurePath = (id, ags = MUSTERSTADT) => `${measuresPath(ags)}/${id}`;
const publicPath = (ags = MUSTERSTADT) => `/api/v1/public/municipalities/${ags}`;

const assertUnauthorized = (res) => assert401(res, /^Bearer/);

const t = {}; /* tokens by role */
const who = {}; /* /me documents by role */
const org = {}; /* organisation ids */
const field = {}; /* Musterstadt's action field ids by name */
let fieldLingen; /* an action field of Musterlingen */

/* The day of a timestamp as the server wrote it (its own time zone). */
const dayOf = (ts) => ts.slice(0, 10);

let seq = 0;
const code = (prefix = 'M') => `${prefix}-${++seq}`;

/*
 * A new concept (a draft; with open, in consultation, so that partners see
 * it: partners see no drafts).
 */
async function newConcept(title = 'Konzept', token = t.officer, ags = MUSTERSTADT, { open = false } = {}) {
	const res = await api('POST', `${base(ags)}/concepts`, token, { body: { title: `${title} ${TAG}` } });
	assert.equal(res.status, 201, `creating a concept: ${res.text.slice(0, 400)}`);
	if (!open) return res.json;
	const cons = await api('PATCH', `${base(ags)}/concepts/${res.json.id}`, token, { body: { status: 'consultation' } });
	assert.equal(cons.status, 200, `concept to consultation: ${cons.text.slice(0, 400)}`);
	return cons.json;
}

async function newGoal(conceptId, title = 'Leitziel', token = t.officer, ags = MUSTERSTADT) {
	const res = await api('POST', `${base(ags)}/concepts/${conceptId}/goals`, token, { body: { title: `${title} ${TAG}` } });
	assert.equal(res.status, 201, `creating a goal: ${res.text.slice(0, 400)}`);
	return res.json;
}

/* The body of a valid new measure of concept c, with changes. */
function measureBody(c, changes = {}) {
	const body = { concept_id: c.id ?? c, code: code(), title: 'Sprachcafé', action_field_id: field.Sprache, horizon: 'short', ...changes };
	for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
	return body;
}

const createMeasure = (c, changes = {}, token = t.officer) => postMeasure(token, measureBody(c, changes));
const getMeasure = (id, token = t.officer) => readMeasure(id, token);

function patch(id, body, token = t.officer, headers = {}) {
	return api('PATCH', measurePath(id), token, { body, headers });
}

async function patchOk(id, body, token = t.officer) {
	const res = await patch(id, body, token);
	assert.equal(res.status, 200, `PATCH ${JSON.stringify(body)}: ${res.text.slice(0, 500)}`);
	return res.json;
}

function move(id, rank, token = t.officer, headers = {}) {
	return api('PUT', `${measurePath(id)}/rank`, token, { body: { rank }, headers });
}

/* Every item of a list, following next_cursor with pages of 200. */
const all = (path, token = t.officer) => everyItem(path, token);

const ofConcept = (c, query = '', token = t.officer) =>
	all(`${measuresPath()}?concept_id=${c.id ?? c}${query ? `&${query}` : ''}`, token);
const ids = (items) => items.map((m) => m.id);
const sortedIds = (items) => ids(items).sort();

/* Ranks of a concept's measures are exactly 1..n, each once. */
async function assertDense(c) {
	const items = await ofConcept(c);
	assert.deepEqual(items.map((m) => m.rank), items.map((_, i) => i + 1), `ranks ${JSON.stringify(items.map((m) => [m.code, m.rank]))}`);
	return items;
}

/* An API client of Caritas in Musterstadt with scopes, and its token. */
async function clientWith(scopes) {
	const res = await api('POST', `${base()}/api-clients`, t.officer, {
		body: { name: `Katalog ${TAG} ${scopes.join(' ') || 'none'}`, organisation_id: org.caritas, scopes },
	});
	assert.equal(res.status, 201, `creating an API client: ${res.text.slice(0, 400)}`);
	const tok = await requestToken({ grant_type: 'client_credentials', client_id: res.json.client_id, client_secret: res.json.client_secret });
	assert.equal(tok.status, 200, tok.text);
	return tok.json.access_token;
}

/* Moves a fresh proposed measure into status via allowed transitions. */
async function bringTo(m, status) {
	const steps = {
		proposed: [],
		planned: [['planned', t.steering]],
		in_progress: [['planned', t.steering], ['in_progress', t.officer]],
		completed: [['planned', t.steering], ['in_progress', t.officer], ['completed', t.officer]],
		suspended: [['planned', t.steering], ['suspended', t.officer, 'Keine Räume']],
		dropped: [['dropped', t.officer, 'Kein Bedarf mehr']],
	}[status];
	let doc = m;
	for (const [s, token, reason] of steps) {
		doc = await patchOk(m.id, reason ? { status: s, status_reason: reason } : { status: s }, token);
		assert.equal(doc.status, s);
	}
	return doc;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL, t.steeringL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL', 'steeringL');
	for (const role of ['officer', 'steering', 'partner', 'dadm', 'officerL']) {
		const res = await me(t[role]);
		assert.equal(res.status, 200, res.text);
		who[role] = res.json;
	}
	org.caritas = await organisationId(t.officer, CARITAS);
	org.dtk = await organisationId(t.officer, DTK);
	org.school = await organisationId(t.officer, SCHOOL);
	/* an organisation that serves Musterlingen only */
	const lingenOrg = await api('POST', '/api/v1/organisations', t.officerL, {
		body: { name: `Lingener Verein ${TAG}`, kind: 'club', municipalities: [MUSTERLINGEN] },
	});
	assert.equal(lingenOrg.status, 201, lingenOrg.text);
	org.lingen = lingenOrg.json.id;
	for (const f of await all(`${base()}/action-fields`)) field[f.name] = f.id;
	for (const name of ['Sprache', 'Bildung und Ausbildung', 'Arbeit']) assert.ok(field[name], `action field ${name}`);
	fieldLingen = (await all(`${base(MUSTERLINGEN)}/action-fields`, t.officerL))[0].id;
	t.clientRW = await clientWith(['catalogue:read', 'progress:write']);
	t.clientRead = await clientWith(['catalogue:read']);
	t.clientNone = await clientWith(['events:write']);
});

describe('creating a measure', () => {
	let c;
	let g1;
	let g2;
	before(async () => {
		c = await newConcept('Anlegen');
		g1 = await newGoal(c.id, 'Sprache fördern');
		g2 = await newGoal(c.id, 'Teilhabe stärken');
	});

	test('the officer creates one: 201, Location, ETag, every field as sent, ranked last', async () => {
		const first = await createMeasure(c);
		assert.equal(first.rank, 1, 'the first measure of a concept has rank 1');
		const body = {
			concept_id: c.id, code: '  SP-01 ', title: ' Sprachkurse für Eltern ', description: 'Abendkurse in der Grundschule.',
			action_field_id: field.Sprache, goal_ids: [g2.id, g1.id], horizon: 'medium', weight: 3,
			planned_start: '2027-03-01', planned_end: '2027-12-31', lead_organisation_id: org.caritas,
			partner_organisation_ids: [org.dtk, org.school], target_groups: ['families', 'women_and_mothers'],
			budget: 2500.5, visibility: 'partners',
		};
		const res = await api('POST', measuresPath(), t.officer, { body });
		assert.equal(res.status, 201, res.text);
		const m = res.json;
		assert.match(m.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, measurePath(m.id));
		const etag = assertEtag(res);
		assert.equal(m.concept_id, c.id);
		assert.equal(m.code, 'SP-01', 'code is trimmed');
		assert.equal(m.title, 'Sprachkurse für Eltern', 'title is trimmed');
		assert.equal(m.description, 'Abendkurse in der Grundschule.');
		assert.deepEqual(m.action_field, { id: field.Sprache, name: 'Sprache' });
		assert.deepEqual(m.goal_ids, [g2.id, g1.id]);
		assert.equal(m.horizon, 'medium');
		assert.equal(m.rank, 2, 'ranked last in its concept');
		assert.equal(m.weight, 3);
		assert.equal(m.planned_start, '2027-03-01');
		assert.equal(m.planned_end, '2027-12-31');
		assert.deepEqual(m.lead_organisation, { id: org.caritas, name: CARITAS });
		assert.deepEqual(m.partner_organisations, [{ id: org.dtk, name: DTK }, { id: org.school, name: SCHOOL }]);
		assert.deepEqual(m.target_groups, ['families', 'women_and_mothers']);
		assert.equal(m.budget, 2500.5);
		assert.equal(m.visibility, 'partners');
		/* the GET answers the same document with the same ETag */
		const again = await api('GET', measurePath(m.id), t.officer);
		assert.equal(again.status, 200);
		assert.deepEqual(again.json, m);
		assert.equal(again.headers.etag, etag);
		/* the concept counts it */
		const concept = await api('GET', `${base()}/concepts/${c.id}`, t.officer);
		assert.equal(concept.json.measure_count, 2);
	});

	test('defaults: proposed, progress 0, weight 1, internal, no links, no report', async () => {
		const m = await createMeasure(c, { description: undefined });
		assert.equal(m.status, 'proposed');
		assert.equal(m.status_reason, null);
		assert.equal(m.progress, 0);
		assert.equal(m.weight, 1);
		assert.equal(m.visibility, 'internal');
		assert.equal(m.description, null);
		assert.deepEqual(m.goal_ids, []);
		assert.deepEqual(m.partner_organisations, []);
		assert.deepEqual(m.target_groups, []);
		assert.equal(m.lead_organisation, null);
		assert.equal(m.budget, null);
		assert.equal(m.parent_id, null);
		assert.equal(m.child_count, 0);
		assert.equal(m.last_report, null);
		for (const d of ['planned_start', 'planned_end', 'actual_start', 'actual_end']) assert.equal(m[d], null, d);
		assert.ok(Math.abs(Date.parse(m.created_at) - Date.now()) < 120_000, m.created_at);
	});

	test('each new measure is ranked last: ranks 1..n in order of creation', async () => {
		const c2 = await newConcept('Reihenfolge');
		const made = [];
		for (let i = 0; i < 4; i++) made.push(await createMeasure(c2));
		assert.deepEqual(made.map((m) => m.rank), [1, 2, 3, 4]);
		assert.deepEqual(ids(await assertDense(c2)), ids(made));
	});

	test('the district admin creates one, also with a status the steering group decides', async () => {
		const m = await createMeasure(c, { status: 'planned' }, t.dadm);
		assert.equal(m.status, 'planned');
		const p = await createMeasure(c, {}, t.dadm);
		assert.equal(p.status, 'proposed');
	});

	test('an officer cannot create one that is already planned: 403 (proposed is fine)', async () => {
		const before = (await ofConcept(c)).length;
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { status: 'planned' }) }), 403);
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { status: 'in_progress' }) }), 403);
		assert.equal((await ofConcept(c)).length, before, 'nothing was created');
		const ok = await createMeasure(c, { status: 'proposed' });
		assert.equal(ok.status, 'proposed');
	});

	test('the steering group, partners and API clients cannot create: 403', async () => {
		const before = (await ofConcept(c)).length;
		for (const role of ['steering', 'partner', 'clientRW', 'clientRead', 'clientNone']) {
			assertAt(await api('POST', measuresPath(), t[role], { body: measureBody(c) }), 403);
		}
		assert.equal((await ofConcept(c)).length, before, 'nothing was created');
	});

	test('anonymous callers get 401', async () => {
		assertUnauthorized(await api('POST', measuresPath(), undefined, { body: measureBody(c) }));
		assertUnauthorized(await api('POST', measuresPath(), 'not-a-token', { body: measureBody(c) }));
	});

	test('a caller from another municipality gets 404; so does a municipality that does not exist', async () => {
		assertAt(await api('POST', measuresPath(), t.officerL, { body: measureBody(c) }), 404);
		assertAt(await api('POST', measuresPath(), t.steeringL, { body: measureBody(c) }), 404);
		assertAt(await api('POST', measuresPath(NOWHERE), t.officer, { body: measureBody(c) }), 404);
		assertAt(await api('POST', measuresPath(NOWHERE), t.dadm, { body: measureBody(c) }), 404);
	});

	const long = (n) => 'x'.repeat(n);
	const invalid = [
		['no concept_id', { concept_id: undefined }, '/concept_id'],
		['no code', { code: undefined }, '/code'],
		['no title', { title: undefined }, '/title'],
		['no action_field_id', { action_field_id: undefined }, '/action_field_id'],
		['no horizon', { horizon: undefined }, '/horizon'],
		['an empty code', { code: '' }, '/code'],
		['a blank code', { code: '   ' }, '/code'],
		['a code of 21 characters', { code: long(21) }, '/code'],
		['a code as a number', { code: 17 }, '/code'],
		['an empty title', { title: '' }, '/title'],
		['a title of 301 characters', { title: long(301) }, '/title'],
		['a description of 20001 characters', { description: long(20001) }, '/description'],
		['a description as a number', { description: 5 }, '/description'],
		['a concept_id that is no id', { concept_id: 'abc' }, '/concept_id'],
		['a concept_id as a number', { concept_id: 1 }, '/concept_id'],
		['an action_field_id that is no id', { action_field_id: 'Sprache' }, '/action_field_id'],
		['an unknown horizon', { horizon: 'soon' }, '/horizon'],
		['an unknown status', { status: 'active' }, '/status'],
		['a status_reason of 2001 characters', { status_reason: long(2001) }, '/status_reason'],
		['a blank status_reason', { status_reason: '  ' }, '/status_reason'],
		['progress 101', { progress: 101 }, '/progress'],
		['progress -1', { progress: -1 }, '/progress'],
		['progress 50.5', { progress: 50.5 }, '/progress'],
		['progress as a string', { progress: '50' }, '/progress'],
		['progress_from_children as a string', { progress_from_children: 'true' }, '/progress_from_children'],
		['weight 0', { weight: 0 }, '/weight'],
		['weight 101', { weight: 101 }, '/weight'],
		['goal_ids as a string', { goal_ids: '1' }, '/goal_ids'],
		['goal_ids holding a number', { goal_ids: [1] }, '/goal_ids'],
		['goal_ids holding no id', { goal_ids: ['eins'] }, '/goal_ids'],
		['a goal named twice', { goal_ids: ['1', '1'] }, '/goal_ids'],
		['51 goal_ids', { goal_ids: Array.from({ length: 51 }, (_, i) => String(i + 1)) }, '/goal_ids'],
		['partner_organisation_ids holding no id', { partner_organisation_ids: ['caritas'] }, '/partner_organisation_ids'],
		['lead_organisation_id as a number', { lead_organisation_id: 1 }, '/lead_organisation_id'],
		['an unknown target group', { target_groups: ['everyone'] }, '/target_groups'],
		['a target group twice', { target_groups: ['youth', 'youth'] }, '/target_groups'],
		['target_groups as a string', { target_groups: 'youth' }, '/target_groups'],
		['a negative budget', { budget: -1 }, '/budget'],
		['a budget as a string', { budget: '2500' }, '/budget'],
		['a budget above 999999999.99', { budget: 1000000000 }, '/budget'],
		['an unknown visibility', { visibility: 'secret' }, '/visibility'],
		['a parent_id that is no id', { parent_id: 'oben' }, '/parent_id'],
		['a date that does not exist', { planned_start: '2027-02-30' }, '/planned_start'],
		['a German date', { planned_end: '31.12.2027' }, '/planned_end'],
		['a timestamp for a date', { actual_start: '2027-01-01T00:00:00Z' }, '/actual_start'],
		['a date as a number', { actual_end: 20270101 }, '/actual_end'],
		['an unknown member', { priority: 1 }, '/priority'],
		['a rank (ranks are given, not sent)', { rank: 1 }, '/rank'],
		['a null title', { title: null }, '/title'],
		['a null horizon', { horizon: null }, '/horizon'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what}: 422 at ${pointer}`, async () => {
			assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, change) }), 422, pointer);
		});
	}

	test('several invalid fields are all named', async () => {
		const res = await api('POST', measuresPath(), t.officer, { body: measureBody(c, { title: '', horizon: 'soon', progress: 200 }) });
		assertAt(res, 422);
		const ptrs = res.json.errors.map((e) => e.pointer).sort();
		assert.deepEqual(ptrs, ['/horizon', '/progress', '/title']);
	});

	test('a budget with cents up to 999999999.99 is accepted', async () => {
		const m = await createMeasure(c, { budget: 999999999.99 });
		assert.equal(m.budget, 999999999.99);
		const z = await createMeasure(c, { budget: 0 });
		assert.equal(z.budget, 0);
	});

	test('planned_end before planned_start: 422 at /planned_end; the same day is fine', async () => {
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { planned_start: '2027-05-01', planned_end: '2027-04-30' }) }), 422, '/planned_end');
		const ok = await createMeasure(c, { planned_start: '2027-05-01', planned_end: '2027-05-01' });
		assert.equal(ok.planned_end, '2027-05-01');
	});

	test('actual_end before actual_start: 422 at /actual_end', async () => {
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { actual_start: '2026-05-01', actual_end: '2026-04-01' }) }), 422, '/actual_end');
	});

	test('a concept of another municipality or none: 422 at /concept_id', async () => {
		const lingen = await newConcept('Lingen', t.officerL, MUSTERLINGEN);
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(lingen) }), 422, '/concept_id');
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody('999999999') }), 422, '/concept_id');
	});

	test('an archived concept takes no new measures: 409', async () => {
		const old = await newConcept('Archiv');
		const archived = await api('PATCH', `${base()}/concepts/${old.id}`, t.officer, { body: { status: 'archived' } });
		assert.equal(archived.status, 200, archived.text);
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(old) }), 409);
		assert.deepEqual(await ofConcept(old), []);
	});

	test('an action field of another municipality or none: 422 at /action_field_id', async () => {
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { action_field_id: fieldLingen }) }), 422, '/action_field_id');
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { action_field_id: '999999999' }) }), 422, '/action_field_id');
	});

	test('a goal of another concept: 422 at /goal_ids; goals of its own concept are fine', async () => {
		const other = await newConcept('Andere Ziele');
		const foreign = await newGoal(other.id);
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { goal_ids: [g1.id, foreign.id] }) }), 422, '/goal_ids');
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { goal_ids: ['999999999'] }) }), 422, '/goal_ids');
		const ok = await createMeasure(c, { goal_ids: [g1.id] });
		assert.deepEqual(ok.goal_ids, [g1.id]);
	});

	test('a lead organisation that does not serve the municipality: 422 at /lead_organisation_id', async () => {
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { lead_organisation_id: org.lingen }) }), 422, '/lead_organisation_id');
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { lead_organisation_id: '999999999' }) }), 422, '/lead_organisation_id');
	});

	test('a partner organisation that does not serve the municipality: 422 at /partner_organisation_ids', async () => {
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { partner_organisation_ids: [org.dtk, org.lingen] }) }), 422, '/partner_organisation_ids');
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { partner_organisation_ids: [org.dtk, org.dtk] }) }), 422, '/partner_organisation_ids');
	});

	test('the lead also named as partner: 422 at /partner_organisation_ids', async () => {
		assertAt(await api('POST', measuresPath(), t.officer, {
			body: measureBody(c, { lead_organisation_id: org.caritas, partner_organisation_ids: [org.dtk, org.caritas] }),
		}), 422, '/partner_organisation_ids');
	});

	test('a code the concept has already: 409 at /code; another concept may use it', async () => {
		const m = await createMeasure(c, { code: `DUP-${seq}` });
		const before = (await ofConcept(c)).length;
		const res = await api('POST', measuresPath(), t.officer, { body: measureBody(c, { code: m.code }) });
		assertAt(res, 409, '/code');
		assert.equal((await ofConcept(c)).length, before);
		const other = await newConcept('Gleicher Code');
		const ok = await createMeasure(other, { code: m.code });
		assert.equal(ok.code, m.code);
	});

	test('a parent in another concept: 422 at /parent_id', async () => {
		const other = await newConcept('Fremde Eltern');
		const foreignParent = await createMeasure(other);
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { parent_id: foreignParent.id }) }), 422, '/parent_id');
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { parent_id: '999999999' }) }), 422, '/parent_id');
	});

	test('no grandchildren: a Teilmaßnahme cannot be a parent (422 at /parent_id)', async () => {
		const parent = await createMeasure(c);
		const child = await createMeasure(c, { parent_id: parent.id });
		assert.equal(child.parent_id, parent.id);
		assertAt(await api('POST', measuresPath(), t.officer, { body: measureBody(c, { parent_id: child.id }) }), 422, '/parent_id');
	});
});

describe('reading a measure', () => {
	let c;
	let m;
	before(async () => {
		c = await newConcept('Lesen', t.officer, MUSTERSTADT, { open: true });
		m = await createMeasure(c, { visibility: 'partners' });
	});

	test('every staff role reads it with an ETag; If-None-Match answers 304', async () => {
		for (const role of ['officer', 'steering', 'dadm', 'partner', 'clientRead', 'clientRW']) {
			const res = await api('GET', measurePath(m.id), t[role]);
			assert.equal(res.status, 200, `${role}: ${res.text}`);
			assert.equal(res.json.id, m.id);
			const etag = assertEtag(res);
			const again = await api('GET', measurePath(m.id), t[role], { headers: { 'If-None-Match': etag } });
			assert.equal(again.status, 304, role);
			assert.equal(again.text, '');
			const other = await api('GET', measurePath(m.id), t[role], { headers: { 'If-None-Match': '"0123456789abcdef0123456789abcdef"' } });
			assert.equal(other.status, 200, 'another ETag answers the document');
		}
	});

	test('after a change the old ETag no longer answers 304', async () => {
		const before = await api('GET', measurePath(m.id), t.officer);
		const etag = assertEtag(before);
		await patchOk(m.id, { title: 'Sprachcafé (neu)' });
		const after = await api('GET', measurePath(m.id), t.officer, { headers: { 'If-None-Match': etag } });
		assert.equal(after.status, 200);
		assert.notEqual(after.headers.etag, etag);
		assert.equal(after.json.title, 'Sprachcafé (neu)');
	});

	test('an API client without catalogue:read gets 403, for the list too', async () => {
		assertAt(await api('GET', measurePath(m.id), t.clientNone), 403);
		assertAt(await api('GET', `${measuresPath()}?concept_id=${c.id}`, t.clientNone), 403);
	});

	test('anonymous callers get 401', async () => {
		assertUnauthorized(await api('GET', measurePath(m.id)));
		assertUnauthorized(await api('GET', measuresPath()));
	});

	test('an id that does not exist or is no id answers 404', async () => {
		assertAt(await api('GET', measurePath('999999999'), t.officer), 404);
		assertAt(await api('GET', measurePath('abc'), t.officer), 404);
		assertAt(await api('GET', measurePath('0'), t.officer), 404);
	});

	test('a caller from another municipality gets 404 for the measure and the list', async () => {
		assertAt(await api('GET', measurePath(m.id), t.officerL), 404);
		assertAt(await api('GET', measurePath(m.id), t.steeringL), 404);
		assertAt(await api('GET', measuresPath(), t.officerL), 404);
		assertAt(await api('GET', measuresPath(NOWHERE), t.officer), 404);
		assertAt(await api('GET', measuresPath(NOWHERE), t.dadm), 404);
		assertAt(await api('GET', measurePath(m.id, NOWHERE), t.dadm), 404);
	});
});

describe('changing a measure', () => {
	let c;
	before(async () => {
		c = await newConcept('Ändern', t.officer, MUSTERSTADT, { open: true });
	});

	test('a PATCH of one member alone (no status) changes just that member', async () => {
		const m = await createMeasure(c, { title: 'Nur der Titel' });
		for (const body of [{ title: 'Nur der Titel, geändert' }, { description: 'Neu' }, { weight: 2 }]) {
			const res = await patch(m.id, body);
			assert.equal(res.status, 200, `PATCH ${JSON.stringify(body)}: ${res.text.slice(0, 300)}`);
		}
		const doc = await getMeasure(m.id);
		assert.equal(doc.title, 'Nur der Titel, geändert');
		assert.equal(doc.description, 'Neu');
		assert.equal(doc.weight, 2);
		assert.equal(doc.status, 'proposed');
	});

	test('If-Match: a stale ETag answers 412 and changes nothing; the current one succeeds', async () => {
		const m = await createMeasure(c, { title: 'Alt' });
		const first = await api('GET', measurePath(m.id), t.officer);
		const stale = assertEtag(first);
		await patchOk(m.id, { description: 'Zwischendurch geändert' });
		const refused = await patch(m.id, { title: 'Neu' }, t.officer, { 'If-Match': stale });
		assertAt(refused, 412);
		assert.equal((await getMeasure(m.id)).title, 'Alt');
		const current = await api('GET', measurePath(m.id), t.officer);
		const ok = await patch(m.id, { title: 'Neu' }, t.officer, { 'If-Match': current.headers.etag });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.title, 'Neu');
		assert.equal(ok.json.description, 'Zwischendurch geändert', 'members not sent stay as they are');
		const etag = assertEtag(ok);
		assert.notEqual(etag, current.headers.etag);
		const got = await api('GET', measurePath(m.id), t.officer);
		assert.equal(got.headers.etag, etag, 'the PATCH answers the new ETag');
		const star = await patch(m.id, { title: 'Neuer' }, t.officer, { 'If-Match': '*' });
		assert.equal(star.status, 200, star.text);
	});

	test('the officer changes every member', async () => {
		const m = await createMeasure(c);
		const g = await newGoal(c.id);
		const doc = await patchOk(m.id, {
			code: `${m.code}x`, title: 'Elterncafé', description: null, action_field_id: field.Arbeit, goal_ids: [g.id],
			horizon: 'long', weight: 7, planned_start: '2027-01-01', planned_end: '2027-06-30', lead_organisation_id: org.dtk,
			partner_organisation_ids: [org.caritas], target_groups: ['seniors'], budget: 99.99, visibility: 'public',
		});
		assert.equal(doc.code, `${m.code}x`);
		assert.equal(doc.title, 'Elterncafé');
		assert.equal(doc.description, null);
		assert.deepEqual(doc.action_field, { id: field.Arbeit, name: 'Arbeit' });
		assert.deepEqual(doc.goal_ids, [g.id]);
		assert.equal(doc.horizon, 'long');
		assert.equal(doc.weight, 7);
		assert.equal(doc.planned_end, '2027-06-30');
		assert.deepEqual(doc.lead_organisation, { id: org.dtk, name: DTK });
		assert.deepEqual(doc.partner_organisations, [{ id: org.caritas, name: CARITAS }]);
		assert.deepEqual(doc.target_groups, ['seniors']);
		assert.equal(doc.budget, 99.99);
		assert.equal(doc.visibility, 'public');
		assert.equal(doc.rank, m.rank);
		const cleared = await patchOk(m.id, { lead_organisation_id: null, budget: null, partner_organisation_ids: [], planned_start: null });
		assert.equal(cleared.lead_organisation, null);
		assert.equal(cleared.budget, null);
		assert.deepEqual(cleared.partner_organisations, []);
		assert.equal(cleared.planned_start, null);
	});

	test('the district admin changes members too', async () => {
		const m = await createMeasure(c);
		const doc = await patchOk(m.id, { title: 'Vom Kreis geändert' }, t.dadm);
		assert.equal(doc.title, 'Vom Kreis geändert');
	});

	test('concept_id cannot be changed: 422 at /concept_id', async () => {
		const m = await createMeasure(c);
		const other = await newConcept('Ziel');
		assertAt(await patch(m.id, { concept_id: other.id }), 422, '/concept_id');
		assert.equal((await getMeasure(m.id)).concept_id, c.id);
	});

	const invalid = [
		[{ title: '' }, '/title'],
		[{ code: null }, '/code'],
		[{ horizon: 'bald' }, '/horizon'],
		[{ progress: 101 }, '/progress'],
		[{ weight: 0 }, '/weight'],
		[{ visibility: 'everyone' }, '/visibility'],
		[{ planned_start: '2027-13-01' }, '/planned_start'],
		[{ target_groups: ['kids'] }, '/target_groups'],
		[{ rank: 1 }, '/rank'],
		[{ id: '1' }, '/id'],
	];
	for (const [body, pointer] of invalid) {
		test(`PATCH ${JSON.stringify(body)}: 422 at ${pointer}`, async () => {
			const m = await createMeasure(c);
			assertAt(await patch(m.id, body), 422, pointer);
		});
	}

	test('planned_end before the stored planned_start: 422 at /planned_end', async () => {
		const m = await createMeasure(c, { planned_start: '2027-05-01' });
		assertAt(await patch(m.id, { planned_end: '2027-04-01' }), 422, '/planned_end');
		assertAt(await patch(m.id, { actual_start: '2026-05-01', actual_end: '2026-04-01' }), 422, '/actual_end');
	});

	test('references are checked as on create', async () => {
		const m = await createMeasure(c);
		const other = await newConcept('Fremd');
		const foreignGoal = await newGoal(other.id);
		assertAt(await patch(m.id, { goal_ids: [foreignGoal.id] }), 422, '/goal_ids');
		assertAt(await patch(m.id, { lead_organisation_id: org.lingen }), 422, '/lead_organisation_id');
		assertAt(await patch(m.id, { partner_organisation_ids: [org.lingen] }), 422, '/partner_organisation_ids');
		assertAt(await patch(m.id, { action_field_id: fieldLingen }), 422, '/action_field_id');
		await patchOk(m.id, { partner_organisation_ids: [org.caritas] });
		assertAt(await patch(m.id, { lead_organisation_id: org.caritas }), 422, '/partner_organisation_ids');
		const doc = await getMeasure(m.id);
		assert.equal(doc.lead_organisation, null, 'the refused lead was not stored');
	});

	test('a code another measure of the concept has: 409 at /code', async () => {
		const a = await createMeasure(c);
		const b = await createMeasure(c);
		assertAt(await patch(b.id, { code: a.code }), 409, '/code');
		assert.equal((await getMeasure(b.id)).code, b.code);
		const same = await patchOk(b.id, { code: b.code });
		assert.equal(same.code, b.code, 'its own code again is fine');
	});

	test('parents: own parent, parent in another concept, a parent for a measure with children: 422 at /parent_id', async () => {
		const parent = await createMeasure(c);
		const child = await createMeasure(c, { parent_id: parent.id });
		const top = await createMeasure(c);
		const other = await newConcept('Anderes Elternteil');
		const foreign = await createMeasure(other);
		assertAt(await patch(top.id, { parent_id: top.id }), 422, '/parent_id');
		assertAt(await patch(top.id, { parent_id: foreign.id }), 422, '/parent_id');
		assertAt(await patch(parent.id, { parent_id: top.id }), 422, '/parent_id');
		assertAt(await patch(top.id, { parent_id: child.id }), 422, '/parent_id');
		assert.equal((await getMeasure(parent.id)).parent_id, null);
		/* the allowed case: a top-level measure without children becomes a Teilmaßnahme */
		const doc = await patchOk(top.id, { parent_id: parent.id });
		assert.equal(doc.parent_id, parent.id);
		assert.equal((await getMeasure(parent.id)).child_count, 2);
	});

	test('the steering group may change only status and status_reason: 403 otherwise, nothing changed', async () => {
		const m = await createMeasure(c, { title: 'Unverändert' });
		for (const body of [{ title: 'Von der Steuerungsgruppe' }, { status: 'planned', title: 'Mit Status' }, { progress: 50 },
			{ budget: 1 }, { visibility: 'public' }, { status_reason: 'x', weight: 2 }]) {
			assertAt(await patch(m.id, body, t.steering), 403);
		}
		const doc = await getMeasure(m.id);
		assert.equal(doc.title, 'Unverändert');
		assert.equal(doc.status, 'proposed');
		const ok = await patchOk(m.id, { status: 'planned' }, t.steering);
		assert.equal(ok.status, 'planned');
		const reason = await patchOk(m.id, { status: 'suspended', status_reason: 'Haushaltssperre' }, t.steering);
		assert.equal(reason.status_reason, 'Haushaltssperre');
	});

	test('partners and API clients cannot PATCH: 403, even a measure their organisation leads', async () => {
		const m = await createMeasure(c, { lead_organisation_id: org.caritas, visibility: 'partners', title: 'Caritas leitet' });
		for (const role of ['partner', 'clientRW', 'clientRead', 'clientNone']) {
			assertAt(await patch(m.id, { title: 'Vom Partner' }, t[role]), 403);
			assertAt(await patch(m.id, { status: 'dropped', status_reason: 'Partner' }, t[role]), 403);
		}
		const doc = await getMeasure(m.id);
		assert.equal(doc.title, 'Caritas leitet');
		assert.equal(doc.status, 'proposed');
	});

	test('anonymous: 401; another municipality: 404', async () => {
		const m = await createMeasure(c, { title: 'Bleibt' });
		assertUnauthorized(await patch(m.id, { title: 'Anonym' }, null));
		assertAt(await patch(m.id, { title: 'Lingen' }, t.officerL), 404);
		assertAt(await patch('999999999', { title: 'Niemand' }), 404);
		assert.equal((await getMeasure(m.id)).title, 'Bleibt');
	});
});

describe('status transitions', () => {
	let c;
	before(async () => {
		c = await newConcept('Status');
	});

	/* [from, to, role] for every allowed move */
	const allowed = [
		['proposed', 'planned', 'steering'],
		['proposed', 'dropped', 'officer'],
		['planned', 'in_progress', 'officer'],
		['planned', 'suspended', 'officer'],
		['planned', 'dropped', 'steering'],
		['in_progress', 'completed', 'steering'],
		['in_progress', 'suspended', 'steering'],
		['in_progress', 'dropped', 'officer'],
		['suspended', 'planned', 'officer'],
		['suspended', 'in_progress', 'steering'],
		['suspended', 'dropped', 'officer'],
		['completed', 'in_progress', 'officer'],
		['dropped', 'proposed', 'officer'],
	];
	const needsReason = (s) => s === 'suspended' || s === 'dropped';
	for (const [from, to, role] of allowed) {
		test(`${from} → ${to} (${role}): 200`, async () => {
			const m = await bringTo(await createMeasure(c), from);
			const body = needsReason(to) ? { status: to, status_reason: `Grund für ${to}` } : { status: to };
			const doc = await patchOk(m.id, body, t[role]);
			assert.equal(doc.status, to);
			assert.equal(doc.status_reason, needsReason(to) ? `Grund für ${to}` : null, 'a reason only for suspended and dropped');
			assert.equal((await getMeasure(m.id)).status, to);
		});
	}

	const refused = [
		['proposed', 'in_progress'], ['proposed', 'completed'], ['proposed', 'suspended'],
		['planned', 'proposed'], ['planned', 'completed'],
		['in_progress', 'proposed'], ['in_progress', 'planned'],
		['completed', 'planned'], ['completed', 'dropped'], ['completed', 'suspended'], ['completed', 'proposed'],
		['suspended', 'completed'], ['suspended', 'proposed'],
		['dropped', 'planned'], ['dropped', 'in_progress'], ['dropped', 'completed'],
	];
	for (const [from, to] of refused) {
		test(`${from} → ${to}: 409 at /status, unchanged`, async () => {
			const m = await bringTo(await createMeasure(c), from);
			const body = needsReason(to) ? { status: to, status_reason: 'Grund' } : { status: to };
			assertAt(await patch(m.id, body, t.officer), 409, '/status');
			assertAt(await patch(m.id, body, t.steering), 409, '/status');
			assert.equal((await getMeasure(m.id)).status, from);
		});
	}

	test('proposed → planned is the steering group\'s decision: the officer gets 403, the district admin may', async () => {
		const m = await createMeasure(c);
		assertAt(await patch(m.id, { status: 'planned' }, t.officer), 403);
		assert.equal((await getMeasure(m.id)).status, 'proposed');
		const doc = await patchOk(m.id, { status: 'planned' }, t.dadm);
		assert.equal(doc.status, 'planned');
		/* once planned, the officer moves it on */
		assert.equal((await patchOk(m.id, { status: 'in_progress' })).status, 'in_progress');
	});

	for (const to of ['suspended', 'dropped']) {
		test(`to ${to} needs a status_reason: 422 at /status_reason (missing, null, blank)`, async () => {
			const m = await bringTo(await createMeasure(c), 'planned');
			for (const role of ['officer', 'steering']) {
				assertAt(await patch(m.id, { status: to }, t[role]), 422, '/status_reason');
				assertAt(await patch(m.id, { status: to, status_reason: null }, t[role]), 422, '/status_reason');
				assertAt(await patch(m.id, { status: to, status_reason: '   ' }, t[role]), 422, '/status_reason');
			}
			assert.equal((await getMeasure(m.id)).status, 'planned');
			const doc = await patchOk(m.id, { status: to, status_reason: 'Träger fehlt' }, t.steering);
			assert.equal(doc.status_reason, 'Träger fehlt');
		});
	}

	test('leaving suspended clears the reason unless one is sent', async () => {
		const m = await bringTo(await createMeasure(c), 'suspended');
		assert.equal(m.status_reason, 'Keine Räume');
		const back = await patchOk(m.id, { status: 'planned' }, t.steering);
		assert.equal(back.status_reason, null);
	});

	test('in_progress sets an empty actual_start to today and keeps one that is set', async () => {
		const m = await bringTo(await createMeasure(c), 'planned');
		assert.equal(m.actual_start, null);
		const doc = await patchOk(m.id, { status: 'in_progress' }, t.steering);
		assert.equal(doc.actual_start, dayOf(doc.updated_at), 'actual_start is the day of the change');
		const set = await bringTo(await createMeasure(c, { actual_start: '2026-01-15' }), 'planned');
		const kept = await patchOk(set.id, { status: 'in_progress' });
		assert.equal(kept.actual_start, '2026-01-15');
	});

	test('completed sets an empty actual_end', async () => {
		const m = await bringTo(await createMeasure(c), 'in_progress');
		const doc = await patchOk(m.id, { status: 'completed' });
		assert.equal(doc.actual_end, dayOf(doc.updated_at));
	});
});

describe('priority ranks', () => {
	let c;
	let made;
	before(async () => {
		c = await newConcept('Rang');
		made = [];
		for (let i = 0; i < 6; i++) made.push(await createMeasure(c, { title: `Rang ${i + 1}` }));
	});

	test('to the top: the moved one is 1, the ones above shift down by one', async () => {
		const before = await assertDense(c);
		const last = before[before.length - 1];
		const res = await move(last.id, 1);
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.rank, 1);
		assertEtag(res);
		const after = await assertDense(c);
		assert.deepEqual(ids(after), [last.id, ...ids(before).slice(0, -1)]);
	});

	test('to the bottom, and beyond the end (→ last)', async () => {
		const before = await assertDense(c);
		const first = before[0];
		const res = await move(first.id, before.length);
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.rank, before.length);
		let after = await assertDense(c);
		assert.deepEqual(ids(after), [...ids(before).slice(1), first.id]);
		const second = after[1];
		const beyond = await move(second.id, 999);
		assert.equal(beyond.status, 200, beyond.text);
		assert.equal(beyond.json.rank, after.length, 'a rank past the end puts it last');
		after = await assertDense(c);
		assert.equal(after[after.length - 1].id, second.id);
	});

	test('into the middle, and onto its own place (no change)', async () => {
		const before = await assertDense(c);
		const m = before[4];
		assert.equal((await move(m.id, 2)).json.rank, 2);
		const after = await assertDense(c);
		const expect = ids(before);
		expect.splice(4, 1);
		expect.splice(1, 0, m.id);
		assert.deepEqual(ids(after), expect);
		const same = await move(m.id, 2);
		assert.equal(same.status, 200);
		assert.deepEqual(ids(await assertDense(c)), expect);
	});

	test('If-Match: a stale ETag answers 412 and nothing moves; the current one moves', async () => {
		const before = await assertDense(c);
		const m = before[3];
		const stale = (await api('GET', measurePath(m.id), t.officer)).headers.etag;
		await patchOk(m.id, { description: 'geändert' });
		assertAt(await move(m.id, 1, t.officer, { 'If-Match': stale }), 412);
		assert.deepEqual(ids(await assertDense(c)), ids(before));
		const current = (await api('GET', measurePath(m.id), t.officer)).headers.etag;
		const ok = await move(m.id, 1, t.officer, { 'If-Match': current });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.rank, 1);
	});

	test('the steering group and the district admin move ranks', async () => {
		const before = await assertDense(c);
		assert.equal((await move(before[2].id, 1, t.steering)).json.rank, 1);
		assert.equal((await move(before[5].id, 2, t.dadm)).json.rank, 2);
		await assertDense(c);
	});

	test('partners and API clients: 403; anonymous: 401; another municipality: 404 — nothing moves', async () => {
		const before = await assertDense(c);
		const m = before[before.length - 1];
		for (const role of ['partner', 'clientRW', 'clientRead']) assertAt(await move(m.id, 1, t[role]), 403);
		assertUnauthorized(await move(m.id, 1, null));
		assertAt(await move(m.id, 1, t.officerL), 404);
		assertAt(await move('999999999', 1), 404);
		assert.deepEqual(ids(await assertDense(c)), ids(before));
	});

	for (const [what, body, pointer] of [
		['rank 0', { rank: 0 }, '/rank'], ['rank -1', { rank: -1 }, '/rank'], ['rank as a string', { rank: '1' }, '/rank'],
		['rank 1.5', { rank: 1.5 }, '/rank'], ['no rank', {}, '/rank'], ['another member', { rank: 1, position: 1 }, '/position'],
	]) {
		test(`${what}: 422 at ${pointer}`, async () => {
			const m = (await assertDense(c))[2];
			assertAt(await api('PUT', `${measurePath(m.id)}/rank`, t.officer, { body }), 422, pointer);
		});
	}

	test('20 concurrent moves by officer and steering group (and 2 new measures) leave ranks 1..n, unique', async () => {
		const cc = await newConcept('Gleichzeitig');
		const ms = [];
		for (let i = 0; i < 8; i++) ms.push(await createMeasure(cc));
		const jobs = [];
		for (let i = 0; i < 20; i++) {
			const m = ms[(i * 3) % ms.length];
			const rank = 1 + ((i * 7) % 10); /* some past the end */
			jobs.push(move(m.id, rank, i % 2 ? t.steering : t.officer));
		}
		jobs.push(api('POST', measuresPath(), t.officer, { body: measureBody(cc) }));
		jobs.push(api('POST', measuresPath(), t.dadm, { body: measureBody(cc) }));
		const results = await Promise.all(jobs);
		results.slice(0, 20).forEach((r, i) => assert.equal(r.status, 200, `move ${i}: ${r.text.slice(0, 300)}`));
		results.slice(20).forEach((r) => assert.equal(r.status, 201, r.text.slice(0, 300)));
		const after = await assertDense(cc);
		assert.equal(after.length, 10);
		assert.equal(new Set(ids(after)).size, 10, 'each measure once');
		assert.equal(new Set(after.map((m) => m.rank)).size, 10, 'no rank twice');
	});

	test('another round of 30 concurrent moves to the top keeps ranks dense', async () => {
		const before = await assertDense(c);
		const results = await Promise.all(Array.from({ length: 30 }, (_, i) =>
			move(before[i % before.length].id, 1 + (i % 3), [t.officer, t.steering, t.dadm][i % 3])));
		results.forEach((r, i) => assert.equal(r.status, 200, `move ${i}: ${r.text.slice(0, 300)}`));
		const after = await assertDense(c);
		assert.deepEqual(sortedIds(after), sortedIds(before));
	});
});

describe('Teilmaßnahmen and progress', () => {
	let c;
	before(async () => {
		c = await newConcept('Teilmaßnahmen');
	});

	test('a parent\'s progress is the weighted mean of its children, rounded; by hand it stops; true recomputes', async () => {
		const parent = await createMeasure(c);
		assert.equal(parent.progress_from_children, true);
		const c1 = await createMeasure(c, { parent_id: parent.id, progress: 10, weight: 1 });
		const c2 = await createMeasure(c, { parent_id: parent.id, progress: 50, weight: 3 });
		let p = await getMeasure(parent.id);
		assert.equal(p.progress, 40, '(10·1 + 50·3) / 4');
		assert.equal(p.child_count, 2);
		assert.equal(p.progress_from_children, true);
		const c3 = await createMeasure(c, { parent_id: parent.id, progress: 33, weight: 2 });
		assert.equal((await getMeasure(parent.id)).progress, 38, '(10 + 150 + 66) / 6 = 37.67');
		await patchOk(c2.id, { weight: 1 });
		assert.equal((await getMeasure(parent.id)).progress, 32, '(10 + 50 + 66) / 4 = 31.5, rounded up');
		await patchOk(c1.id, { progress: 90 });
		assert.equal((await getMeasure(parent.id)).progress, 52, '(90 + 50 + 66) / 4 = 51.5');

		/* by hand: the rollup stops */
		p = await patchOk(parent.id, { progress: 5 });
		assert.equal(p.progress, 5);
		assert.equal(p.progress_from_children, false);
		await patchOk(c1.id, { progress: 100 });
		assert.equal((await getMeasure(parent.id)).progress, 5, 'a child change does not touch a parent set by hand');

		/* progress_from_children: true recomputes at once */
		p = await patchOk(parent.id, { progress_from_children: true });
		assert.equal(p.progress_from_children, true);
		assert.equal(p.progress, 54, '(100 + 50 + 66) / 4 = 54');

		/* a child leaving the parent is no longer counted */
		await patchOk(c3.id, { parent_id: null });
		p = await getMeasure(parent.id);
		assert.equal(p.progress, 75, '(100 + 50) / 2');
		assert.equal(p.child_count, 2);
		const children = await ofConcept(c, `parent_id=${parent.id}`);
		assert.deepEqual(sortedIds(children), [c1.id, c2.id].sort());
	});

	test('children of a parent set by hand at creation are not rolled up until asked', async () => {
		const parent = await createMeasure(c, { progress: 20 });
		assert.equal(parent.progress_from_children, false);
		await createMeasure(c, { parent_id: parent.id, progress: 80 });
		assert.equal((await getMeasure(parent.id)).progress, 20);
		const p = await patchOk(parent.id, { progress_from_children: true });
		assert.equal(p.progress, 80);
	});

	test('the steering group cannot set progress (403); the district admin can', async () => {
		const m = await createMeasure(c);
		assertAt(await patch(m.id, { progress: 30 }, t.steering), 403);
		assert.equal((await patchOk(m.id, { progress: 30 }, t.dadm)).progress, 30);
	});
});

describe('lists: filters, order, pages, search', () => {
	let c;
	let g1;
	let g2;
	let f1;
	let f2;
	let f3;
	let f4;
	before(async () => {
		c = await newConcept('Filter', t.officer, MUSTERSTADT, { open: true });
		g1 = await newGoal(c.id, 'Ziel eins');
		g2 = await newGoal(c.id, 'Ziel zwei');
		f1 = await createMeasure(c, {
			action_field_id: field.Sprache, horizon: 'short', goal_ids: [g1.id], lead_organisation_id: org.caritas,
			target_groups: ['families'], visibility: 'public',
		});
		f2 = await createMeasure(c, {
			action_field_id: field['Bildung und Ausbildung'], horizon: 'medium', goal_ids: [g2.id], lead_organisation_id: org.dtk,
			target_groups: ['youth'], visibility: 'partners',
		});
		f3 = await createMeasure(c, {
			action_field_id: field.Sprache, horizon: 'long', goal_ids: [g1.id, g2.id], partner_organisation_ids: [org.caritas],
			target_groups: ['families', 'refugees'],
		});
		f4 = await createMeasure(c, { action_field_id: field.Arbeit, horizon: 'short', parent_id: f1.id });
		await bringTo(f3, 'in_progress');
		await bringTo(f4, 'dropped');
		f2 = await bringTo(f2, 'planned'); /* the last change of this concept */
	});

	const q = (query) => ofConcept(c, query);

	test('concept_id: exactly the concept\'s measures, by rank', async () => {
		const items = await q('');
		assert.deepEqual(ids(items), [f1.id, f2.id, f3.id, f4.id]);
		assert.ok(items.every((m) => m.concept_id === c.id));
	});

	for (const [query, expect] of [
		['status=planned', () => [f2]],
		['status=planned,in_progress', () => [f2, f3]],
		['status=dropped,proposed', () => [f1, f4]],
		['status=completed', () => []],
		['action_field_id=SPRACHE', () => [f1, f3]],
		['horizon=short', () => [f1, f4]],
		['horizon=long', () => [f3]],
		['goal_id=G2', () => [f2, f3]],
		['lead_organisation_id=CARITAS', () => [f1]],
		['target_group=families', () => [f1, f3]],
		['target_group=refugees', () => [f3]],
		['visibility=partners', () => [f2]],
		['visibility=internal', () => [f3, f4]],
		['parent_id=F1', () => [f4]],
		['horizon=short&status=dropped', () => [f4]],
		['updated_since=2000-01-01', () => [f1, f2, f3, f4]],
		['updated_since=2999-01-01T00:00:00Z', () => []],
	]) {
		test(`filter ${query}`, async () => {
			const real = query.replace('SPRACHE', field.Sprache).replace('G2', g2.id).replace('CARITAS', org.caritas).replace('F1', f1.id);
			assert.deepEqual(ids(await q(real)), ids(expect()));
		});
	}

	test('updated_since: only measures changed at or after that time', async () => {
		const since = f2.updated_at;
		const items = await q(`updated_since=${encodeURIComponent(since)}`);
		assert.deepEqual(ids(items), [f2.id]);
	});

	test('the filters narrow what a partner sees, too', async () => {
		assert.deepEqual(ids(await ofConcept(c, 'target_group=families', t.partner)), [f1.id, f3.id]);
		assert.deepEqual(ids(await ofConcept(c, 'visibility=internal', t.partner)), [f3.id]);
	});

	for (const [query, parameter] of [
		['concept_id=abc', 'concept_id'], ['concept_id=-1', 'concept_id'], ['status=active', 'status'],
		['status=planned,', 'status'], ['status=planned,,dropped', 'status'], ['status=', 'status'],
		['action_field_id=Sprache', 'action_field_id'], ['horizon=soon', 'horizon'], ['horizon=short,long', 'horizon'],
		['goal_id=1.5', 'goal_id'], ['lead_organisation_id=caritas', 'lead_organisation_id'],
		['target_group=everyone', 'target_group'], ['visibility=secret', 'visibility'], ['parent_id=x', 'parent_id'],
		['updated_since=yesterday', 'updated_since'], ['updated_since=2026-13-01', 'updated_since'],
		['updated_since=2026-02-30T10:00:00Z', 'updated_since'], ['updated_since=2026-01-01T25:61:00Z', 'updated_since'],
		['sort=rank', 'sort'], ['sort=updated_at', 'sort'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=x', 'limit'],
		['q=', 'q'],
	]) {
		test(`bad filter ${query}: 400 naming ${parameter}`, async () => {
			assertProblem(await api('GET', `${measuresPath()}?${query}`, t.officer), 400, { parameter });
		});
	}

	test('sort=priority is the default: by concept, then rank', async () => {
		const def = await q('');
		const prio = await q('sort=priority');
		assert.deepEqual(ids(prio), ids(def));
		assert.deepEqual(def.map((m) => m.rank), [1, 2, 3, 4]);
		/* across concepts: concept ids ascending, ranks ascending within */
		const every = await all(`${measuresPath()}?sort=priority`);
		for (let i = 1; i < every.length; i++) {
			const a = every[i - 1];
			const b = every[i];
			const ca = BigInt(a.concept_id);
			const cb = BigInt(b.concept_id);
			assert.ok(ca < cb || (ca === cb && a.rank < b.rank), `order at ${i}: ${a.concept_id}/${a.rank} then ${b.concept_id}/${b.rank}`);
		}
	});

	test('sort=-updated_at: newest change first', async () => {
		const items = await q('sort=-updated_at');
		assert.equal(items[0].id, f2.id, 'the last changed first');
		assert.deepEqual(sortedIds(items), sortedIds(await q('')));
		for (let i = 1; i < items.length; i++) {
			assert.ok(Date.parse(items[i - 1].updated_at) >= Date.parse(items[i].updated_at));
		}
		await patchOk(f3.id, { description: 'jetzt zuletzt geändert' });
		assert.equal((await q('sort=-updated_at'))[0].id, f3.id);
	});

	for (const sort of ['priority', '-updated_at']) {
		test(`keyset pages (sort=${sort}, limit 2): every measure once, no gaps, next_cursor null at the end`, async () => {
			const pc = await newConcept(`Seiten ${sort}`);
			for (let i = 0; i < 7; i++) await createMeasure(pc);
			const whole = await ofConcept(pc, `sort=${sort}`);
			assert.equal(whole.length, 7);
			const seen = [];
			let cursor = null;
			let pages = 0;
			do {
				const res = await api('GET', `${measuresPath()}?concept_id=${pc.id}&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, t.officer);
				assert.equal(res.status, 200, res.text);
				assert.ok(res.json.items.length <= 2);
				seen.push(...ids(res.json.items));
				cursor = res.json.next_cursor;
				pages++;
				assert.ok(pages <= 5, 'too many pages');
			} while (cursor !== null);
			assert.equal(pages, 4);
			assert.deepEqual(seen, ids(whole));
		});
	}

	test('a page exactly as long as the rest answers next_cursor null', async () => {
		const res = await api('GET', `${measuresPath()}?concept_id=${c.id}&limit=4`, t.officer);
		assert.equal(res.json.items.length, 4);
		assert.equal(res.json.next_cursor, null);
		const short = await api('GET', `${measuresPath()}?concept_id=${c.id}&limit=3`, t.officer);
		assert.equal(short.json.items.length, 3);
		assert.equal(typeof short.json.next_cursor, 'string');
	});

	test('a tampered cursor answers 400', async () => {
		const first = await api('GET', `${measuresPath()}?concept_id=${c.id}&limit=1`, t.officer);
		const cursor = first.json.next_cursor;
		assert.equal(typeof cursor, 'string');
		const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
		const changed = await api('GET', `${measuresPath()}?concept_id=${c.id}&limit=1&sort=-updated_at`, t.officer);
		for (const bad of [
			'x', `${cursor}!`, cursor.slice(0, -3), b64(['a', 'b', 'c']), b64(['1']), b64([1, 2, 3]), b64({ c: '1' }),
			b64(['1', '1', '1', '1']), changed.json.next_cursor,
		]) {
			assertProblem(await api('GET', `${measuresPath()}?concept_id=${c.id}&limit=1&cursor=${encodeURIComponent(bad)}`, t.officer), 400, { parameter: 'cursor' });
		}
		for (const bad of [b64(['2026-01-01T99:99:99Z', '1']), b64(['2026-02-30', '1']), b64(['x', '1']), cursor]) {
			assertProblem(await api('GET', `${measuresPath()}?concept_id=${c.id}&limit=1&sort=-updated_at&cursor=${encodeURIComponent(bad)}`, t.officer), 400, { parameter: 'cursor' });
		}
	});

	describe('full-text search q', () => {
		let sc;
		let s1;
		let s2;
		let s3;
		before(async () => {
			sc = await newConcept('Suche');
			s1 = await createMeasure(sc, { code: 'SP-01', title: 'Sprachkurse für Eltern', description: 'Abendkurse in der Grundschule am Lindenplatz.' });
			s2 = await createMeasure(sc, { code: 'SP-02', title: 'Sprachcafé in der Stadtbücherei', description: 'Offener Treff mit Ehrenamtlichen.' });
			s3 = await createMeasure(sc, { code: 'VW-07', title: 'Interkulturelle Schulungen der Verwaltung', description: null });
		});
		const search = (text, extra = '') => ofConcept(sc, `q=${encodeURIComponent(text)}${extra}`);

		for (const [text, expect] of [
			['Sprachkurs', () => [s1]],
			['Sprachkurse', () => [s1]],
			['sprachkurse eltern', () => [s1]],
			['Eltern', () => [s1]],
			['Grundschule', () => [s1]],
			['Stadtbücherei', () => [s2]],
			['Ehrenamtliche', () => [s2]],
			['Schulung', () => [s3]],
			['Fahrradwerkstatt', () => []],
			['Sprachkurs Fahrradwerkstatt', () => []],
		]) {
			test(`q=${text}`, async () => {
				assert.deepEqual(ids(await search(text)), ids(expect()));
			});
		}

		test('q combines with the other filters and sort', async () => {
			assert.deepEqual(ids(await search('Sprachcafé', '&horizon=long')), []);
			assert.deepEqual(ids(await search('Sprachcafé', '&horizon=short&sort=-updated_at')), [s2.id]);
		});

		test('q in web search syntax: or, -word, "a phrase"', async () => {
			assert.deepEqual(ids(await search('Fahrradwerkstatt or Stadtbücherei')), [s2.id], 'or');
			assert.deepEqual(ids(await search('Sprachkurse -Eltern')), [], '-word excludes');
			assert.deepEqual(ids(await search('Sprachcafé -Eltern')), [s2.id], '-word keeps the others');
			assert.deepEqual(ids(await search('"Sprachkurse für Eltern"')), [s1.id], 'phrase');
		});

		test('q over the code', async () => {
			assert.deepEqual(ids(await search('VW-07')), [s3.id]);
		});

		test('q of stop words only finds nothing and does not fail', async () => {
			const res = await api('GET', `${measuresPath()}?concept_id=${sc.id}&q=${encodeURIComponent('und der die')}`, t.officer);
			assert.equal(res.status, 200, res.text);
		});
	});
});

describe('what partners and API clients see', () => {
	let c;
	const v = {};
	before(async () => {
		c = await newConcept('Sichtbarkeit', t.officer, MUSTERSTADT, { open: true });
		v.internal = await createMeasure(c, { title: 'Intern, ohne Caritas', lead_organisation_id: org.dtk });
		v.internalLead = await createMeasure(c, { title: 'Intern, Caritas leitet', lead_organisation_id: org.caritas });
		v.internalPartner = await createMeasure(c, { title: 'Intern, Caritas unterstützt', lead_organisation_id: org.dtk, partner_organisation_ids: [org.school, org.caritas] });
		v.partners = await createMeasure(c, { title: 'Für Partner', visibility: 'partners' });
		v.public = await createMeasure(c, { title: 'Öffentlich', visibility: 'public' });
	});

	test('staff see every measure', async () => {
		for (const role of ['officer', 'steering', 'dadm']) {
			assert.deepEqual(sortedIds(await ofConcept(c, '', t[role])), sortedIds(Object.values(v)), role);
		}
	});

	test('the partner sees partners/public measures and the internal ones Caritas leads or supports', async () => {
		const expect = [v.internalLead, v.internalPartner, v.partners, v.public];
		for (const role of ['partner', 'clientRead', 'clientRW']) {
			assert.deepEqual(sortedIds(await ofConcept(c, '', t[role])), sortedIds(expect), role);
			for (const m of expect) {
				const res = await api('GET', measurePath(m.id), t[role]);
				assert.equal(res.status, 200, `${role} ${m.title}: ${res.text}`);
			}
			assertAt(await api('GET', measurePath(v.internal.id), t[role]), 404);
		}
	});

	test('when Caritas is taken off an internal measure, the partner no longer sees it', async () => {
		const m = await createMeasure(c, { title: 'Bald ohne Caritas', partner_organisation_ids: [org.caritas] });
		assert.equal((await api('GET', measurePath(m.id), t.partner)).status, 200);
		await patchOk(m.id, { partner_organisation_ids: [] });
		assertAt(await api('GET', measurePath(m.id), t.partner), 404);
		await patchOk(m.id, { visibility: 'partners' });
		assert.equal((await api('GET', measurePath(m.id), t.partner)).status, 200);
	});
});

describe('the public catalogue', () => {
	let pc;
	let goal;
	const p = {};
	let draftPublic;
	const PUBLIC_KEYS = ['action_field', 'actual_end', 'actual_start', 'code', 'description', 'goal_ids', 'horizon', 'id',
		'last_report', 'lead_organisation', 'parent_id', 'partner_organisations', 'planned_end', 'planned_start', 'progress',
		'rank', 'status', 'target_groups', 'title', 'updated_at'];

	before(async () => {
		pc = await newConcept('Öffentlich');
		goal = await newGoal(pc.id, 'Öffentliches Ziel');
		p.pub = await createMeasure(pc, {
			title: 'Sprachkurse für Eltern im Quartier', visibility: 'public', budget: 1234.5, weight: 4, goal_ids: [goal.id],
			lead_organisation_id: org.caritas, partner_organisation_ids: [org.dtk], target_groups: ['families'],
			planned_start: '2027-01-01', planned_end: '2027-12-31',
		});
		p.suspended = await bringTo(await createMeasure(pc, { title: 'Ausgesetzt, aber öffentlich', visibility: 'public', budget: 10 }), 'suspended');
		p.child = await createMeasure(pc, { title: 'Öffentliche Teilmaßnahme', visibility: 'public', parent_id: p.pub.id, progress: 40 });
		p.partners = await createMeasure(pc, { title: 'Nur für Partner', visibility: 'partners' });
		p.internal = await createMeasure(pc, { title: 'Nur intern', visibility: 'internal' });
		const draft = await newConcept('Entwurf öffentlich');
		draftPublic = await createMeasure(draft, { title: 'Öffentlich im Entwurf', visibility: 'public' });
	});

	/* Adopt pc right before looking: other files may adopt their own concepts. */
	async function adopt() {
		const cons = await api('PATCH', `${base()}/concepts/${pc.id}`, t.officer, { body: { status: 'consultation' } });
		assert.equal(cons.status, 200, cons.text);
		const res = await api('POST', `${base()}/concepts/${pc.id}/adoption`, t.steering, {
			body: { resolution_date: '2026-06-30', resolution_reference: `Drucksache ${TAG}` },
		});
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.status, 'adopted');
		const concept = await api('GET', `${publicPath()}/concept`);
		assert.equal(concept.status, 200, concept.text);
		assert.equal(concept.json.id, pc.id, 'our concept is the adopted one');
	}

	test('anonymous callers see the public measures of the adopted concept only, without internal fields', async () => {
		await adopt();
		const items = await all(`${publicPath()}/measures`, null);
		const mine = items.filter((m) => [p.pub.id, p.suspended.id, p.child.id, p.partners.id, p.internal.id, draftPublic.id].includes(m.id));
		assert.deepEqual(ids(mine), [p.pub.id, p.suspended.id, p.child.id], 'public measures of the adopted concept, by rank');
		for (const m of items) {
			assert.deepEqual(Object.keys(m).sort(), PUBLIC_KEYS, `public document of ${m.id}`);
			for (const k of ['budget', 'status_reason', 'visibility', 'weight', 'progress_from_children', 'concept_id', 'child_count', 'created_at']) {
				assert.ok(!(k in m), `${k} is not public`);
			}
		}
		const pub = mine[0];
		assert.equal(pub.title, 'Sprachkurse für Eltern im Quartier');
		assert.deepEqual(pub.goal_ids, [goal.id]);
		assert.deepEqual(pub.lead_organisation, { id: org.caritas, name: CARITAS });
		assert.deepEqual(pub.partner_organisations, [{ id: org.dtk, name: DTK }]);
		assert.deepEqual(pub.action_field, { id: field.Sprache, name: 'Sprache' });
		assert.equal(pub.progress, 40, 'the progress of its one child');
		assert.equal(mine[1].status, 'suspended');
		assert.equal(mine[2].parent_id, p.pub.id);
		assert.ok(!JSON.stringify(items).includes('Keine Räume'), 'no status_reason anywhere');
	});

	test('a public measure alone: 200, ETag, 304; partners/internal/draft-concept ones: 404', async () => {
		const res = await api('GET', `${publicPath()}/measures/${p.pub.id}`);
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(Object.keys(res.json).sort(), PUBLIC_KEYS);
		assert.ok(!('budget' in res.json) && !('weight' in res.json) && !('visibility' in res.json) && !('status_reason' in res.json));
		const etag = assertEtag(res);
		const again = await api('GET', `${publicPath()}/measures/${p.pub.id}`, undefined, { headers: { 'If-None-Match': etag } });
		assert.equal(again.status, 304);
		const susp = await api('GET', `${publicPath()}/measures/${p.suspended.id}`);
		assert.equal(susp.status, 200);
		assert.ok(!('status_reason' in susp.json));
		for (const m of [p.partners, p.internal, draftPublic]) {
			assertAt(await api('GET', `${publicPath()}/measures/${m.id}`), 404);
		}
		assertAt(await api('GET', `${publicPath()}/measures/999999999`), 404);
		assertAt(await api('GET', `${publicPath()}/measures/abc`), 404);
		/* under another municipality's public path */
		assertAt(await api('GET', `${publicPath(MUSTERLINGEN)}/measures/${p.pub.id}`), 404);
	});

	test('a measure made internal disappears from the public catalogue', async () => {
		const m = await createMeasure(pc, { title: 'Kurz öffentlich', visibility: 'public' });
		assert.equal((await api('GET', `${publicPath()}/measures/${m.id}`)).status, 200);
		await patchOk(m.id, { visibility: 'internal' });
		assertAt(await api('GET', `${publicPath()}/measures/${m.id}`), 404);
		assert.ok(!ids(await all(`${publicPath()}/measures`, null)).includes(m.id));
	});

	test('public filters: q, status, horizon, goal_id, target_group; bad values 400', async () => {
		const ours = (items) => ids(items).filter((id) => [p.pub.id, p.suspended.id, p.child.id].includes(id));
		assert.deepEqual(ours(await all(`${publicPath()}/measures?q=Sprachkurs`, null)), [p.pub.id]);
		assert.deepEqual(ours(await all(`${publicPath()}/measures?status=suspended`, null)), [p.suspended.id]);
		assert.deepEqual(ours(await all(`${publicPath()}/measures?status=proposed,suspended`, null)), [p.pub.id, p.suspended.id, p.child.id]);
		assert.deepEqual(ours(await all(`${publicPath()}/measures?goal_id=${goal.id}`, null)), [p.pub.id]);
		assert.deepEqual(ours(await all(`${publicPath()}/measures?target_group=families`, null)), [p.pub.id]);
		assert.deepEqual(ours(await all(`${publicPath()}/measures?horizon=long`, null)), []);
		for (const [query, parameter] of [['status=secret', 'status'], ['horizon=x', 'horizon'], ['goal_id=x', 'goal_id'],
			['target_group=x', 'target_group'], ['action_field_id=x', 'action_field_id'], ['limit=0', 'limit'], ['cursor=x', 'cursor']]) {
			assertProblem(await api('GET', `${publicPath()}/measures?${query}`), 400, { parameter });
		}
	});

	test('public pages: limit 1 walks the list without duplicates', async () => {
		const whole = await all(`${publicPath()}/measures`, null);
		const seen = [];
		let cursor = null;
		do {
			const res = await api('GET', `${publicPath()}/measures?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			assert.equal(res.status, 200, res.text);
			seen.push(...ids(res.json.items));
			cursor = res.json.next_cursor;
		} while (cursor !== null && seen.length <= whole.length);
		assert.deepEqual(seen, ids(whole));
	});

	test('an unknown municipality: 404; a malformed AGS: 400', async () => {
		assertAt(await api('GET', `${publicPath(NOWHERE)}/measures`), 404);
		assertAt(await api('GET', `${publicPath(NOWHERE)}/measures/${p.pub.id}`), 404);
		for (const ags of ['5999004', '059990044', 'abcdefgh']) {
			assertProblem(await api('GET', `${publicPath(ags)}/measures`), 400, { parameter: 'ags' });
			assertProblem(await api('GET', `${publicPath(ags)}/measures/${p.pub.id}`), 400, { parameter: 'ags' });
		}
	});

	test('a token is not needed, and a signed-in caller sees the same public document', async () => {
		const anon = await api('GET', `${publicPath()}/measures/${p.pub.id}`);
		const signed = await api('GET', `${publicPath()}/measures/${p.pub.id}`, t.partner);
		assert.equal(signed.status, 200);
		assert.deepEqual(signed.json, anon.json);
	});
});

describe('history', () => {
	let c;
	before(async () => {
		c = await newConcept('Verlauf');
	});

	const history = (id, token = t.officer, query = '') => api('GET', `${measurePath(id)}/history${query}`, token);

	test('newest first, with actor and changed fields', async () => {
		const m = await createMeasure(c, { title: 'Vorher' });
		await patchOk(m.id, { status: 'planned' }, t.steering);
		await patchOk(m.id, { title: 'Nachher' }, t.officer);
		const res = await history(m.id);
		assert.equal(res.status, 200, res.text);
		const items = res.json.items;
		assert.equal(items.length, 3);
		assert.equal(res.json.next_cursor, null);
		const [title, status, insert] = items;
		assert.equal(title.action, 'update');
		assert.equal(title.table, 'measure');
		assert.deepEqual(title.changes, { title: { old: 'Vorher', new: 'Nachher' } });
		assert.deepEqual(title.actor, { kind: 'account', id: who.officer.id, display_name: who.officer.display_name });
		assert.equal(status.action, 'update');
		assert.deepEqual(status.changes.status, { old: 'proposed', new: 'planned' });
		assert.deepEqual(Object.keys(status.changes), ['status']);
		assert.deepEqual(status.actor, { kind: 'account', id: who.steering.id, display_name: who.steering.display_name });
		assert.equal(insert.action, 'insert');
		assert.equal(insert.changes.title.new, 'Vorher');
		assert.equal(insert.changes.title.old, null);
		assert.ok(Date.parse(items[0].at) >= Date.parse(items[1].at) && Date.parse(items[1].at) >= Date.parse(items[2].at));
		assert.ok(BigInt(items[0].id) > BigInt(items[1].id) && BigInt(items[1].id) > BigInt(items[2].id));
	});

	test('a status change with reason shows both fields', async () => {
		const m = await bringTo(await createMeasure(c), 'planned');
		await patchOk(m.id, { status: 'suspended', status_reason: 'Personalmangel' }, t.steering);
		const top = (await history(m.id)).json.items[0];
		assert.deepEqual(top.changes.status, { old: 'planned', new: 'suspended' });
		assert.deepEqual(top.changes.status_reason, { old: null, new: 'Personalmangel' });
	});

	test('a move shows in the moved measure\'s history, not in the history of those it shifted', async () => {
		const cc = await newConcept('Verlauf Rang');
		const ms = [];
		for (let i = 0; i < 4; i++) ms.push(await createMeasure(cc));
		const before = await Promise.all(ms.map(async (m) => (await history(m.id)).json.items.length));
		const res = await move(ms[3].id, 1, t.steering);
		assert.equal(res.status, 200, res.text);
		const after = await Promise.all(ms.map(async (m) => (await history(m.id)).json.items));
		for (let i = 0; i < 3; i++) {
			assert.equal(after[i].length, before[i], `the shifted measure ${i + 1} has no new entry`);
			assert.equal((await getMeasure(ms[i].id)).rank, i + 2, 'but it did shift');
		}
		assert.equal(after[3].length, before[3] + 1);
		assert.deepEqual(after[3][0].changes, { rank: { old: 4, new: 1 } });
		assert.equal(after[3][0].actor.id, who.steering.id);
	});

	test('history pages with limit and cursor', async () => {
		const m = await createMeasure(c);
		for (const title of ['a', 'b', 'c', 'd']) await patchOk(m.id, { title });
		const whole = (await history(m.id)).json.items;
		assert.equal(whole.length, 5);
		const seen = [];
		let cursor = null;
		do {
			const res = await history(m.id, t.officer, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			assert.equal(res.status, 200, res.text);
			seen.push(...ids(res.json.items));
			cursor = res.json.next_cursor;
		} while (cursor !== null && seen.length <= 5);
		assert.deepEqual(seen, ids(whole));
		assertProblem(await history(m.id, t.officer, '?cursor=abc'), 400, { parameter: 'cursor' });
	});

	test('the steering group and district admin read it; partners and API clients: 403; anonymous: 401; another municipality: 404', async () => {
		const m = await createMeasure(c, { visibility: 'public', lead_organisation_id: org.caritas });
		for (const role of ['steering', 'dadm']) assert.equal((await history(m.id, t[role])).status, 200, role);
		for (const role of ['partner', 'clientRW', 'clientRead']) assertAt(await history(m.id, t[role]), 403);
		assertUnauthorized(await history(m.id, null));
		assertAt(await history(m.id, t.officerL), 404);
		assertAt(await history('999999999'), 404);
	});
});

describe('another municipality\'s measures', () => {
	let lm; /* a Musterlingen measure */
	before(async () => {
		const lc = await newConcept('Musterlingen', t.officerL, MUSTERLINGEN, { open: true });
		const res = await api('POST', measuresPath(MUSTERLINGEN), t.officerL, {
			body: { concept_id: lc.id, code: 'ML-01', title: 'Sprachpaten Musterlingen', action_field_id: fieldLingen, horizon: 'short', visibility: 'public' },
		});
		assert.equal(res.status, 201, res.text);
		lm = res.json;
	});

	test('its id under Musterstadt\'s path answers 404 for every method', async () => {
		assertAt(await api('GET', measurePath(lm.id), t.officer), 404);
		assertAt(await api('GET', measurePath(lm.id), t.dadm), 404);
		assertAt(await patch(lm.id, { title: 'Übernommen' }), 404);
		assertAt(await move(lm.id, 1), 404);
		assertAt(await api('GET', `${measurePath(lm.id)}/history`, t.officer), 404);
		assertAt(await api('GET', `${measurePath(lm.id)}/progress-reports`, t.officer), 404);
		assertAt(await api('GET', `${measurePath(lm.id)}`, t.officerL), 404);
		assert.ok(!ids(await all(measuresPath())).includes(lm.id), 'not in Musterstadt\'s list');
	});

	test('the Musterstadt officer on Musterlingen\'s path: 404', async () => {
		assertAt(await api('GET', measurePath(lm.id, MUSTERLINGEN), t.officer), 404);
		assertAt(await api('GET', measuresPath(MUSTERLINGEN), t.officer), 404);
		assertAt(await api('PATCH', measurePath(lm.id, MUSTERLINGEN), t.officer, { body: { title: 'x' } }), 404);
		assertAt(await api('PUT', `${measurePath(lm.id, MUSTERLINGEN)}/rank`, t.officer, { body: { rank: 1 } }), 404);
		assertAt(await api('GET', `${measurePath(lm.id, MUSTERLINGEN)}/history`, t.steering), 404);
	});

	test('the allowed cases: Musterlingen\'s officer and the district admin', async () => {
		const own = await api('GET', measurePath(lm.id, MUSTERLINGEN), t.officerL);
		assert.equal(own.status, 200, own.text);
		assert.equal(own.json.title, 'Sprachpaten Musterlingen');
		assert.equal((await api('GET', measurePath(lm.id, MUSTERLINGEN), t.dadm)).status, 200);
		/* the Caritas partner works in Musterlingen too */
		assert.equal((await api('GET', measurePath(lm.id, MUSTERLINGEN), t.partner)).status, 200);
		/* in Musterlingen, the school does not serve: 422 */
		assertAt(await api('PATCH', measurePath(lm.id, MUSTERLINGEN), t.officerL, { body: { lead_organisation_id: org.school } }), 422, '/lead_organisation_id');
	});
});
