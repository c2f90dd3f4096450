/*
 * Indicators (Umsetzungsmarker, Kennzahlen) under
 * /api/v1/municipalities/{ags}/indicators, their observations (Messwerte)
 * under …/indicators/{id}/observations and …/observations/{id}, and the
 * public indicators under /api/v1/public/municipalities/{ags}/indicators.
 *
 * Officers (and district admins) define indicators and record and delete
 * observations; partners record observations only for indicators linked
 * to a measure their organisation leads or supports. Partners see
 * indicators shared with partners or the public; everyone sees the public
 * ones. Each indicator's latest total value, trend and status are computed
 * as openapi.yaml documents (IndicatorStatus, IndicatorTrend); the tests
 * build indicators whose data give each status and trend, boundaries
 * included. Everything here is created by this file.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, bearer, organisationId, signInPersonas, tag } from './lib/auth.mjs';
import { addDays, base, clientToken as newClientToken } from './lib/catalogue.mjs';
import { everyItem } from './lib/requests.mjs';
import { pointers, recent } from './lib/checks.mjs';

const KULTURVEREIN = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';
const indicatorsPath = (ags) => `${base(ags)}/indicators`;
const indicatorPath = (ags, id) => `${indicatorsPath(ags)}/${id}`;
const observationsPath = (ags, id) => `${indicatorPath(ags, id)}/observations`;
const observationPath = (ags, id) => `${base(ags)}/observations/${id}`;
const publicIndicatorsPath = (ags) => `/api/v1/public/municipalities/${ags}/indicators`;
const publicIndicatorPath = (ags, id) => `${publicIndicatorsPath(ags)}/${id}`;
const ETAG = /^"[0-9a-f]{32}"$/;

/* Baseline and target 100 days apart: t = B + 50 is half-way (e = 0.5). */
const B = '2020-01-01';
const T = addDays(B, 100);
const HALF = addDays(B, 50);

let officer; /* Musterstadt officer */
let steering; /* Musterstadt steering group */
let partner; /* Caritas, partner in 004, 008, 012 */
let officerL; /* Musterlingen officer */
let dadm; /* district admin */
let clientRead; /* API client of Caritas in Musterstadt: catalogue:read */
let clientWrite; /* …: catalogue:read progress:write */
let clientNoRead; /* …: progress:write only */
let caritasId;
let kulturId;
let fieldLanguage;
let concept; /* this file's concept in Musterstadt */
let gA;
let gB;
let mCar; /* led by Caritas */
let mSup; /* led by the Kulturverein, supported by Caritas */
let mOther; /* led by the Kulturverein alone */
let mPub; /* public, no organisation */
let lingen; /* Musterlingen: { concept, goal, measure, indicator, observation } */

const clientToken = (scopes) => newClientToken(officer, caritasId, `t4c indicators ${tag()}`, scopes);

async function post(path, body, token = officer) {
	const res = await call('POST', path, { headers: bearer(token), body });
	assert.equal(res.status, 201, `POST ${path}: ${res.status} ${res.text.slice(0, 400)}`);
	return res.json;
}

const measure = (body, token = officer, ags = MUSTERSTADT) => post(`${base(ags)}/measures`, {
	code: `K-${randomBytes(3).toString('hex')}`, title: `Maßnahme ${tag()}`, action_field_id: fieldLanguage, horizon: 'short', ...body,
}, token);

const newIndicator = (body = {}, token = officer, ags = MUSTERSTADT) => post(indicatorsPath(ags), {
	name: `Kennzahl ${tag()}`, unit: '%', direction: 'higher_is_better', source_set: 'local', ...body,
}, token);

const observe = (id, body, token = officer, ags = MUSTERSTADT) => post(observationsPath(ags, id), body, token);

async function getIndicator(id, token = officer) {
	const res = await call('GET', indicatorPath(MUSTERSTADT, id), { headers: bearer(token) });
	assert.equal(res.status, 200, res.text);
	return res.json;
}

/* Every item of a list, walking all pages; query: "goal_id=…". */
const all = (path, token, query = '') => everyItem(path, token, query);

before(async () => {
	[officer, steering, partner, officerL, dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'dadm');
	caritasId = await organisationId(officer, CARITAS);
	kulturId = await organisationId(officer, KULTURVEREIN);
	[clientRead, clientWrite, clientNoRead] = [
		await clientToken(['catalogue:read']),
		await clientToken(['catalogue:read', 'progress:write']),
		await clientToken(['progress:write']),
	];
	const fields = await all(`${base(MUSTERSTADT)}/action-fields`, officer);
	fieldLanguage = fields.find((f) => f.default_key === 'language').id;
	concept = await post(`${base(MUSTERSTADT)}/concepts`, { title: `Kennzahlen-Konzept ${tag()}` });
	gA = await post(`${base(MUSTERSTADT)}/concepts/${concept.id}/goals`, { title: `Ziel A ${tag()}` });
	gB = await post(`${base(MUSTERSTADT)}/concepts/${concept.id}/goals`, { title: `Ziel B ${tag()}` });
	mCar = await measure({ concept_id: concept.id, lead_organisation_id: caritasId });
	mSup = await measure({ concept_id: concept.id, lead_organisation_id: kulturId, partner_organisation_ids: [caritasId] });
	mOther = await measure({ concept_id: concept.id, lead_organisation_id: kulturId });
	mPub = await measure({ concept_id: concept.id, visibility: 'public' });

	const lfields = await all(`${base(MUSTERLINGEN)}/action-fields`, officerL);
	const lc = await post(`${base(MUSTERLINGEN)}/concepts`, { title: `Musterlingen ${tag()}` }, officerL);
	const lg = await post(`${base(MUSTERLINGEN)}/concepts/${lc.id}/goals`, { title: `Ziel L ${tag()}` }, officerL);
	const lm = await measure({ concept_id: lc.id, action_field_id: lfields[0].id }, officerL, MUSTERLINGEN);
	const li = await newIndicator({ visibility: 'public', goal_ids: [lg.id], measure_ids: [lm.id] }, officerL, MUSTERLINGEN);
	const lo = await observe(li.id, { period_end: '2025-12-31', value: 1 }, officerL, MUSTERLINGEN);
	lingen = { concept: lc, goal: lg, measure: lm, indicator: li, observation: lo };
});

describe('defining indicators', () => {
	test('the officer creates one with every field: 201, Location, ETag, the document', async () => {
		const body = {
			name: `Anteil der Kinder mit Sprachförderbedarf ${tag()}`, unit: '%', direction: 'lower_is_better',
			numerator: 'Kinder mit Sprachförderbedarf', denominator: 'Untersuchte Kinder', source_set: 'integration_monitoring',
			definition: 'Schuleingangsuntersuchung', baseline_value: 31.5, baseline_date: '2024-12-31',
			target_value: 25, target_date: '2028-12-31', goal_ids: [gA.id, gB.id], measure_ids: [mCar.id], visibility: 'public',
		};
		const res = await call('POST', indicatorsPath(MUSTERSTADT), { headers: bearer(officer), body });
		assert.equal(res.status, 201, res.text);
		const i = res.json;
		assert.match(i.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, indicatorPath(MUSTERSTADT, i.id));
		assert.match(res.headers.etag ?? '', ETAG);
		const { id, municipality, latest, trend, status, created_at, updated_at, ...rest } = i;
		assert.deepEqual(rest, body);
		assert.equal(municipality, MUSTERSTADT);
		assert.equal(latest, null);
		assert.equal(trend, null);
		assert.equal(status, 'no_data');
		assert.ok(recent(created_at));
		assert.equal(created_at, updated_at);
		const got = await call('GET', indicatorPath(MUSTERSTADT, id), { headers: bearer(steering) });
		assert.deepEqual(got.json, i);
		assert.equal(got.headers.etag, res.headers.etag);
	});

	test('only the required members: defaults internal, no links, nulls', async () => {
		const i = await newIndicator({ name: `Minimal ${tag()}`, unit: 'Personen', direction: 'higher_is_better', source_set: 'kgst' }, dadm);
		assert.equal(i.visibility, 'internal');
		assert.deepEqual(i.goal_ids, []);
		assert.deepEqual(i.measure_ids, []);
		for (const k of ['numerator', 'denominator', 'definition', 'baseline_value', 'baseline_date', 'target_value', 'target_date']) {
			assert.equal(i[k], null, k);
		}
		assert.equal(i.unit, 'Personen');
		assert.equal(i.source_set, 'kgst');
	});

	const invalid = [
		['no name', { name: undefined }, '/name'],
		['a blank name', { name: '   ' }, '/name'],
		['a name of 301 characters', { name: 'n'.repeat(301) }, '/name'],
		['no unit', { unit: undefined }, '/unit'],
		['a unit of 51 characters', { unit: 'u'.repeat(51) }, '/unit'],
		['no direction', { direction: undefined }, '/direction'],
		['an unknown direction', { direction: 'up' }, '/direction'],
		['no source_set', { source_set: undefined }, '/source_set'],
		['an unknown source_set', { source_set: 'eurostat' }, '/source_set'],
		['a numerator of 501 characters', { numerator: 'n'.repeat(501) }, '/numerator'],
		['a denominator of 501 characters', { denominator: 'd'.repeat(501) }, '/denominator'],
		['a definition of 5001 characters', { definition: 'd'.repeat(5001) }, '/definition'],
		['a baseline_value that is a string', { baseline_value: '31.5' }, '/baseline_value'],
		['a target_value that is a string', { target_value: 'viel' }, '/target_value'],
		['a baseline_date that is no date', { baseline_date: '31.12.2024' }, '/baseline_date'],
		['a target_date that does not exist', { target_date: '2028-02-30' }, '/target_date'],
		['a target_date before the baseline_date', { baseline_date: '2024-12-31', target_date: '2024-01-01' }, '/target_date'],
		['a target_date on the baseline_date', { baseline_date: '2024-12-31', target_date: '2024-12-31' }, '/target_date'],
		['goal_ids that is no array', { goal_ids: 'all' }, '/goal_ids'],
		['goal_ids with no id', { goal_ids: ['abc'] }, '/goal_ids'],
		['goal_ids with an unknown goal', { goal_ids: ['999999999'] }, '/goal_ids'],
		['measure_ids with an unknown measure', { measure_ids: ['999999999'] }, '/measure_ids'],
		['measure_ids with no id', { measure_ids: [5] }, '/measure_ids'],
		['an unknown visibility', { visibility: 'secret' }, '/visibility'],
		['an unknown member', { status: 'on_track' }, '/status'],
		['latest (computed)', { latest: null }, '/latest'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what} answers 422 pointing at ${pointer}`, async () => {
			const body = { name: `Ungültig ${tag()}`, unit: '%', direction: 'higher_is_better', source_set: 'local', ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const res = await call('POST', indicatorsPath(MUSTERSTADT), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
		});
	}

	test('goals and measures of another municipality, or named twice, answer 422 at /goal_ids and /measure_ids', async () => {
		for (const [body, pointer] of [
			[{ goal_ids: [lingen.goal.id] }, '/goal_ids'],
			[{ measure_ids: [lingen.measure.id] }, '/measure_ids'],
			[{ goal_ids: [gA.id, gA.id] }, '/goal_ids'],
			[{ measure_ids: [mCar.id, mCar.id] }, '/measure_ids'],
			[{ goal_ids: [gA.id, '999999999'] }, '/goal_ids'],
		]) {
			const res = await call('POST', indicatorsPath(MUSTERSTADT), {
				headers: bearer(officer), body: { name: `Fremd ${tag()}`, unit: '%', direction: 'higher_is_better', source_set: 'local', ...body },
			});
			assertProblem(res, 422);
			assert.deepEqual(pointers(res), [pointer], `${JSON.stringify(body)}: ${res.text}`);
		}
		/* the allowed case: Musterlingen links its own */
		const ok = await newIndicator({ goal_ids: [lingen.goal.id], measure_ids: [lingen.measure.id] }, officerL, MUSTERLINGEN);
		assert.deepEqual(ok.goal_ids, [lingen.goal.id]);
	});

	test('the steering group, partners and API clients cannot define one: 403', async () => {
		for (const token of [steering, partner, clientRead, clientWrite]) {
			const name = `Verboten ${tag()}`;
			const res = await call('POST', indicatorsPath(MUSTERSTADT), { headers: bearer(token), body: { name, unit: '%', direction: 'higher_is_better', source_set: 'local' } });
			assertProblem(res, 403);
			assert.ok(!(await all(indicatorsPath(MUSTERSTADT), officer)).some((i) => i.name === name));
		}
	});

	test('anonymous callers get 401', async () => {
		for (const res of [
			await call('GET', indicatorsPath(MUSTERSTADT)),
			await call('POST', indicatorsPath(MUSTERSTADT), { body: { name: 'x', unit: '%', direction: 'higher_is_better', source_set: 'local' } }),
			await call('GET', indicatorPath(MUSTERSTADT, '1')),
			await call('PATCH', indicatorPath(MUSTERSTADT, '1'), { body: { name: 'x' } }),
			await call('GET', observationsPath(MUSTERSTADT, '1')),
			await call('POST', observationsPath(MUSTERSTADT, '1'), { body: { period_end: '2025-12-31', value: 1 } }),
			await call('DELETE', observationPath(MUSTERSTADT, '1')),
		]) {
			assertProblem(res, 401);
			assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
		}
	});
});

describe('reading and changing indicators', () => {
	test('GET with an ETag that answers 304; an observation changes the ETag', async () => {
		const i = await newIndicator({ visibility: 'partners' });
		for (const token of [officer, steering, dadm, partner, clientRead]) {
			const res = await call('GET', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(token) });
			assert.equal(res.status, 200, res.text);
			assert.deepEqual(res.json, i);
			const again = await call('GET', indicatorPath(MUSTERSTADT, i.id), { headers: { ...bearer(token), 'If-None-Match': res.headers.etag } });
			assert.equal(again.status, 304);
		}
		const before_ = await call('GET', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer) });
		await observe(i.id, { period_end: '2025-06-30', value: 3 });
		const after_ = await call('GET', indicatorPath(MUSTERSTADT, i.id), { headers: { ...bearer(officer), 'If-None-Match': before_.headers.etag } });
		assert.equal(after_.status, 200, 'the old ETag no longer matches');
		assert.deepEqual(after_.json.latest, { value: 3, period_end: '2025-06-30', source: null });
	});

	test('PATCH changes the members sent, with If-Match; a stale ETag answers 412', async () => {
		const i = await newIndicator({ numerator: 'Zähler', baseline_value: 10, baseline_date: '2024-01-01', target_value: 20, target_date: '2026-01-01' });
		const etag = (await call('GET', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer) })).headers.etag;
		const res = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), {
			headers: { ...bearer(officer), 'If-Match': etag },
			body: { name: `Umbenannt ${tag()}`, target_value: 22.5, target_date: '2030-12-31', numerator: null, goal_ids: [gB.id], measure_ids: [mSup.id, mCar.id], source_set: 'sdg' },
		});
		assert.equal(res.status, 200, res.text);
		assert.match(res.json.name, /^Umbenannt/);
		assert.equal(res.json.target_value, 22.5);
		assert.equal(res.json.target_date, '2030-12-31');
		assert.equal(res.json.numerator, null, 'null clears');
		assert.deepEqual(res.json.goal_ids, [gB.id]);
		assert.deepEqual(res.json.measure_ids, [mSup.id, mCar.id]);
		assert.equal(res.json.source_set, 'sdg');
		assert.equal(res.json.baseline_value, 10, 'absent members stay');
		assert.equal(res.json.unit, '%');
		assertProblem(await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: { ...bearer(officer), 'If-Match': etag }, body: { unit: 'Fälle' } }), 412);
		assert.deepEqual(await getIndicator(i.id), res.json, 'the stale change was not made');
		const star = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: { ...bearer(dadm), 'If-Match': '*' }, body: { visibility: 'public' } });
		assert.equal(star.status, 200, star.text);
		assert.equal(star.json.visibility, 'public');
	});

	test('PATCH keeps the rules: target_date not before baseline_date, known goals and measures', async () => {
		const i = await newIndicator({ baseline_date: '2024-12-31', target_date: '2028-12-31' });
		for (const [body, pointer] of [
			[{ target_date: '2024-06-30' }, '/target_date'],
			[{ baseline_date: '2029-01-01' }, '/target_date'],
			[{ goal_ids: ['999999999'] }, '/goal_ids'],
			[{ goal_ids: [lingen.goal.id] }, '/goal_ids'],
			[{ measure_ids: [lingen.measure.id] }, '/measure_ids'],
			[{ direction: 'sideways' }, '/direction'],
			[{ name: '' }, '/name'],
			[{ name: null }, '/name'],
			[{ id: '1' }, '/id'],
		]) {
			const res = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)}: pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
		}
		assert.deepEqual(await getIndicator(i.id), i);
		/* clearing the baseline date lifts the order rule */
		const cleared = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer), body: { baseline_date: null, target_date: '2020-01-01' } });
		assert.equal(cleared.status, 200, cleared.text);
	});

	test('the steering group, partners and API clients cannot change an indicator: 403', async () => {
		const i = await newIndicator({ visibility: 'public' });
		for (const token of [steering, partner, clientRead, clientWrite]) {
			assertProblem(await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(token), body: { name: 'Nein' } }), 403);
		}
		assert.deepEqual(await getIndicator(i.id), i);
	});

	test('a deleted goal leaves the indicators that named it', async () => {
		const g = await post(`${base(MUSTERSTADT)}/concepts/${concept.id}/goals`, { title: `Vergänglich ${tag()}` });
		const i = await newIndicator({ goal_ids: [gA.id, g.id] });
		const del = await call('DELETE', `${base(MUSTERSTADT)}/goals/${g.id}`, { headers: bearer(officer) });
		assert.equal(del.status, 204, del.text);
		assert.deepEqual((await getIndicator(i.id)).goal_ids, [gA.id]);
	});

	test('an indicator of another municipality is 404 under this one\'s path, and callers without a role there get 404', async () => {
		const li = lingen.indicator;
		for (const token of [officer, steering, partner, dadm]) {
			assertProblem(await call('GET', indicatorPath(MUSTERSTADT, li.id), { headers: bearer(token) }), 404);
			assertProblem(await call('GET', observationsPath(MUSTERSTADT, li.id), { headers: bearer(token) }), 404);
		}
		assertProblem(await call('PATCH', indicatorPath(MUSTERSTADT, li.id), { headers: bearer(officer), body: { name: 'Fremd' } }), 404);
		assertProblem(await call('POST', observationsPath(MUSTERSTADT, li.id), { headers: bearer(officer), body: { period_end: '2026-06-30', value: 2 } }), 404);
		assertProblem(await call('DELETE', observationPath(MUSTERSTADT, lingen.observation.id), { headers: bearer(officer) }), 404);
		/* Musterstadt's officer on Musterlingen's path */
		assertProblem(await call('GET', indicatorsPath(MUSTERLINGEN), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', indicatorPath(MUSTERLINGEN, li.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('PATCH', indicatorPath(MUSTERLINGEN, li.id), { headers: bearer(officer), body: { name: 'Fremd' } }), 404);
		assertProblem(await call('POST', observationsPath(MUSTERLINGEN, li.id), { headers: bearer(officer), body: { period_end: '2026-06-30', value: 2 } }), 404);
		assertProblem(await call('DELETE', observationPath(MUSTERLINGEN, lingen.observation.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('POST', indicatorsPath(MUSTERLINGEN), { headers: bearer(officer), body: { name: 'x', unit: '%', direction: 'higher_is_better', source_set: 'local' } }), 404);
		/* Musterlingen's officer on Musterstadt's path */
		const mine = await newIndicator();
		assertProblem(await call('GET', indicatorPath(MUSTERSTADT, mine.id), { headers: bearer(officerL) }), 404);
		assertProblem(await call('GET', indicatorPath(MUSTERLINGEN, mine.id), { headers: bearer(officerL) }), 404);
		assertProblem(await call('GET', indicatorPath(MUSTERSTADT, '999999999'), { headers: bearer(officer) }), 404);
		/* untouched */
		const obs = await all(observationsPath(MUSTERLINGEN, li.id), officerL);
		assert.deepEqual(obs.map((o) => o.id), [lingen.observation.id]);
		assert.equal((await call('GET', indicatorPath(MUSTERLINGEN, li.id), { headers: bearer(officerL) })).json.name, li.name);
	});
});

describe('the list and its filters', () => {
	let iA; /* goal A, measure mCar, integration_monitoring, public */
	let iB; /* goal B, measure mSup, kgst, partners */
	let iC; /* no links, sdg, internal */
	before(async () => {
		iA = await newIndicator({ goal_ids: [gA.id], measure_ids: [mCar.id], source_set: 'integration_monitoring', visibility: 'public' });
		iB = await newIndicator({ goal_ids: [gB.id, gA.id], measure_ids: [mSup.id], source_set: 'kgst', visibility: 'partners' });
		iC = await newIndicator({ source_set: 'sdg' });
	});
	const ids = (items) => items.map((i) => i.id);

	test('the list is ordered by id and pages with next_cursor', async () => {
		const items = await all(indicatorsPath(MUSTERSTADT), steering);
		const list = ids(items);
		assert.deepEqual(list, [...list].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
		assert.ok([iA, iB, iC].every((i) => list.includes(i.id)));
		assert.ok(items.every((i) => i.municipality === MUSTERSTADT));
		const seen = [];
		let cursor = null;
		for (let n = 0; n < list.length + 2; n++) {
			const res = await call('GET', `${indicatorsPath(MUSTERSTADT)}?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: bearer(officer) });
			assert.equal(res.status, 200, res.text);
			seen.push(...ids(res.json.items));
			cursor = res.json.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen, list);
	});

	test('goal_id filters by a linked goal', async () => {
		const a = await all(indicatorsPath(MUSTERSTADT), officer, `goal_id=${gA.id}`);
		assert.ok(a.every((i) => i.goal_ids.includes(gA.id)));
		assert.ok(ids(a).includes(iA.id) && ids(a).includes(iB.id) && !ids(a).includes(iC.id));
		const b = await all(indicatorsPath(MUSTERSTADT), officer, `goal_id=${gB.id}`);
		assert.ok(ids(b).includes(iB.id) && !ids(b).includes(iA.id));
	});

	test('measure_id filters by a linked measure', async () => {
		const m = await all(indicatorsPath(MUSTERSTADT), steering, `measure_id=${mSup.id}`);
		assert.ok(m.every((i) => i.measure_ids.includes(mSup.id)));
		assert.ok(ids(m).includes(iB.id) && !ids(m).includes(iA.id));
		assert.deepEqual(await all(indicatorsPath(MUSTERSTADT), officer, '&measure_id=999999999'), []);
	});

	test('source_set filters by the source', async () => {
		const k = await all(indicatorsPath(MUSTERSTADT), officer, '&source_set=kgst');
		assert.ok(k.length > 0 && k.every((i) => i.source_set === 'kgst'));
		assert.ok(ids(k).includes(iB.id) && !ids(k).includes(iA.id));
		const both = await all(indicatorsPath(MUSTERSTADT), officer, `source_set=integration_monitoring&goal_id=${gA.id}`);
		assert.ok(ids(both).includes(iA.id) && !ids(both).includes(iB.id), 'filters combine with AND');
	});

	test('visibility filters by who sees it', async () => {
		const pub = await all(indicatorsPath(MUSTERSTADT), officer, '&visibility=public');
		assert.ok(pub.every((i) => i.visibility === 'public'));
		assert.ok(ids(pub).includes(iA.id) && !ids(pub).includes(iB.id) && !ids(pub).includes(iC.id));
		const internal = await all(indicatorsPath(MUSTERSTADT), officer, '&visibility=internal');
		assert.ok(ids(internal).includes(iC.id) && internal.every((i) => i.visibility === 'internal'));
	});

	test('undocumented filter values answer 400', async () => {
		for (const q of ['goal_id=abc', 'measure_id=-1', 'source_set=eurostat', 'visibility=secret', 'limit=0', 'limit=201', 'cursor=xyz']) {
			assertProblem(await call('GET', `${indicatorsPath(MUSTERSTADT)}?${q}`, { headers: bearer(officer) }), 400);
		}
	});

	test('partners and API clients with catalogue:read see partners and public indicators only; internal ones are 404', async () => {
		for (const token of [partner, clientRead]) {
			const items = await all(indicatorsPath(MUSTERSTADT), token);
			assert.ok(items.every((i) => i.visibility !== 'internal'), 'no internal indicator is listed');
			assert.ok(ids(items).includes(iA.id) && ids(items).includes(iB.id) && !ids(items).includes(iC.id));
			assertProblem(await call('GET', indicatorPath(MUSTERSTADT, iC.id), { headers: bearer(token) }), 404);
			assertProblem(await call('GET', observationsPath(MUSTERSTADT, iC.id), { headers: bearer(token) }), 404);
			assert.equal((await call('GET', indicatorPath(MUSTERSTADT, iB.id), { headers: bearer(token) })).status, 200);
			assert.equal((await call('GET', observationsPath(MUSTERSTADT, iB.id), { headers: bearer(token) })).status, 200);
		}
		/* the steering group sees the internal one */
		assert.equal((await call('GET', indicatorPath(MUSTERSTADT, iC.id), { headers: bearer(steering) })).status, 200);
	});

	test('an API client without catalogue:read gets 403', async () => {
		assertProblem(await call('GET', indicatorsPath(MUSTERSTADT), { headers: bearer(clientNoRead) }), 403);
		assertProblem(await call('GET', indicatorPath(MUSTERSTADT, iA.id), { headers: bearer(clientNoRead) }), 403);
		assertProblem(await call('GET', observationsPath(MUSTERSTADT, iA.id), { headers: bearer(clientNoRead) }), 403);
	});
});

describe('status: computed from the latest total observation', () => {
	/* An indicator with baseline and target, and the observations given; its status. */
	async function statusOf(ind, observations) {
		const i = await newIndicator(ind);
		for (const o of observations) await observe(i.id, o);
		return getIndicator(i.id);
	}
	const higher = { direction: 'higher_is_better', baseline_value: 100, baseline_date: B, target_value: 200, target_date: T };
	const lower = { direction: 'lower_is_better', baseline_value: 30, baseline_date: B, target_value: 20, target_date: T };

	const cases = [
		/* higher_is_better, half-way (e = 0.5) */
		['higher, a = 0.45 half-way', higher, HALF, 145, 'on_track'],
		['higher, a = 0.40 = e − 0.10', higher, HALF, 140, 'on_track'],
		['higher, a = 0.39', higher, HALF, 139, 'at_risk'],
		['higher, a = 0.25 = e − 0.25', higher, HALF, 125, 'at_risk'],
		['higher, a = 0.24', higher, HALF, 124, 'off_track'],
		['higher, below the baseline half-way', higher, HALF, 80, 'off_track'],
		['higher, v = target', higher, HALF, 200, 'target_reached'],
		['higher, v above target', higher, HALF, 250, 'target_reached'],
		/* before the baseline date e = 0; after the target date e = 1 */
		['higher, before the baseline date, a = −0.10', higher, addDays(B, -30), 90, 'on_track'],
		['higher, before the baseline date, a = −0.11', higher, addDays(B, -30), 89, 'at_risk'],
		['higher, after the target date, a = 0.90', higher, addDays(T, 30), 190, 'on_track'],
		['higher, after the target date, a = 0.75', higher, addDays(T, 30), 175, 'at_risk'],
		['higher, after the target date, a = 0.74', higher, addDays(T, 30), 174, 'off_track'],
		['higher, on the target date, short of it', higher, T, 199, 'on_track'],
		/* lower_is_better, half-way */
		['lower, a = 0.45 half-way', lower, HALF, 25.5, 'on_track'],
		['lower, a = 0.40 = e − 0.10', lower, HALF, 26, 'on_track'],
		['lower, a = 0.30', lower, HALF, 27, 'at_risk'],
		['lower, a = 0.25 = e − 0.25', lower, HALF, 27.5, 'at_risk'],
		['lower, a = 0.20', lower, HALF, 28, 'off_track'],
		['lower, worse than the baseline', lower, HALF, 35, 'off_track'],
		['lower, v = target', lower, HALF, 20, 'target_reached'],
		['lower, v below target', lower, HALF, 15, 'target_reached'],
		['lower, after the target date, a = 0.90', lower, addDays(T, 1), 21, 'on_track'],
		['lower, after the target date, a = 0.50', lower, addDays(T, 1), 25, 'off_track'],
		/* target equal to the baseline */
		['target = baseline, not reached (higher)', { ...higher, target_value: 100 }, HALF, 99, 'off_track'],
		['target = baseline, reached (higher)', { ...higher, target_value: 100 }, HALF, 100, 'target_reached'],
		['target = baseline, not reached (lower)', { ...lower, target_value: 30 }, HALF, 31, 'off_track'],
		/* incomplete baseline or target */
		['no baseline_value', { ...higher, baseline_value: null }, HALF, 145, 'no_data'],
		['no baseline_date', { ...higher, baseline_date: null }, HALF, 145, 'no_data'],
		['no target_value', { ...higher, target_value: null }, HALF, 145, 'no_data'],
		['no target_date', { ...higher, target_date: null }, HALF, 145, 'no_data'],
	];
	for (const [what, ind, period_end, value, status] of cases) {
		test(`${what}: ${status}`, async () => {
			const i = await statusOf(ind, [{ period_end, value, source: 'Statistik' }]);
			assert.equal(i.status, status, JSON.stringify(i));
			assert.deepEqual(i.latest, { value, period_end, source: 'Statistik' });
			assert.equal(i.trend, null, 'one observation: no trend');
		});
	}

	test('no observation: no_data, latest null, trend null', async () => {
		for (const ind of [higher, lower]) {
			const i = await statusOf(ind, []);
			assert.equal(i.status, 'no_data');
			assert.equal(i.latest, null);
			assert.equal(i.trend, null);
		}
	});

	test('the latest is the total with the latest period_end, whatever the order of recording', async () => {
		const i = await statusOf(higher, [
			{ period_end: HALF, value: 145 },
			{ period_end: addDays(B, 10), value: 101 },
		]);
		assert.deepEqual(i.latest, { value: 145, period_end: HALF, source: null });
		assert.equal(i.status, 'on_track');
		assert.equal(i.trend, 'improving');
	});

	test('disaggregated values do not count as the latest (sex, age_group, citizenship_group)', async () => {
		const later = addDays(T, 30);
		const i = await statusOf(higher, [
			{ period_end: HALF, value: 145 },
			{ period_end: later, value: 100, sex: 'female' },
			{ period_end: later, value: 300, age_group: '6 bis unter 18' },
			{ period_end: later, value: 110, citizenship_group: 'nichtdeutsch' },
		]);
		assert.deepEqual(i.latest, { value: 145, period_end: HALF, source: null });
		assert.equal(i.status, 'on_track', 'computed from the total, not from a disaggregated value');
		assert.equal(i.trend, null, 'one total: no trend');
		const only = await statusOf(higher, [{ period_end: HALF, value: 250, sex: 'male' }]);
		assert.equal(only.status, 'no_data', 'only disaggregated values: no data');
		assert.equal(only.latest, null);
	});

	test('a new total changes the status; deleting it changes it back', async () => {
		const i = await newIndicator(higher);
		await observe(i.id, { period_end: HALF, value: 145 });
		assert.equal((await getIndicator(i.id)).status, 'on_track');
		const o = await observe(i.id, { period_end: addDays(T, 1), value: 120 });
		const worse = await getIndicator(i.id);
		assert.equal(worse.status, 'off_track');
		assert.equal(worse.trend, 'worsening');
		assert.equal((await call('DELETE', observationPath(MUSTERSTADT, o.id), { headers: bearer(officer) })).status, 204);
		const back = await getIndicator(i.id);
		assert.equal(back.status, 'on_track');
		assert.deepEqual(back.latest, { value: 145, period_end: HALF, source: null });
	});

	test('changing baseline or target recomputes the status', async () => {
		const i = await statusOf(higher, [{ period_end: HALF, value: 145 }]);
		assert.equal(i.status, 'on_track');
		const res = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer), body: { target_value: 140 } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.status, 'target_reached');
		const none = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer), body: { target_value: null } });
		assert.equal(none.json.status, 'no_data');
		assert.deepEqual(none.json.latest, { value: 145, period_end: HALF, source: null }, 'latest stays without a target');
		const dir = await call('PATCH', indicatorPath(MUSTERSTADT, i.id), { headers: bearer(officer), body: { target_value: 50, direction: 'lower_is_better' } });
		assert.equal(dir.json.status, 'off_track', 'lower is better now: 145 is worse than the baseline 100');
	});
});

describe('trend: the latest total against the previous one', () => {
	async function trendOf(direction, values, extra = []) {
		const i = await newIndicator({ direction });
		for (const [n, v] of values.entries()) await observe(i.id, { period_end: addDays('2024-12-31', 365 * n), value: v, ...(extra[n] ?? {}) });
		return getIndicator(i.id);
	}
	const cases = [
		['higher_is_better', [100, 102], 'improving'],
		['higher_is_better', [100, 98], 'worsening'],
		['higher_is_better', [100, 101], 'steady'],
		['higher_is_better', [100, 99], 'steady'],
		['higher_is_better', [100, 101.5], 'improving'],
		['higher_is_better', [0, 0], 'steady'],
		['higher_is_better', [0, 0.5], 'improving'],
		['higher_is_better', [-100, -98], 'improving'],
		['higher_is_better', [50, 80, 60], 'worsening'],
		['lower_is_better', [100, 98], 'improving'],
		['lower_is_better', [100, 103], 'worsening'],
		['lower_is_better', [100, 100.9], 'steady'],
		['lower_is_better', [31.5, 29.8], 'improving'],
		['higher_is_better', [7], null],
	];
	for (const [direction, values, trend] of cases) {
		test(`${direction} ${values.join(' → ')}: ${trend}`, async () => {
			const i = await trendOf(direction, values);
			assert.equal(i.trend, trend, JSON.stringify(i));
			assert.equal(i.latest.value, values.at(-1));
			assert.equal(i.status, 'no_data', 'no baseline and target');
		});
	}

	test('a series break on the latest: trend null', async () => {
		const i = await trendOf('higher_is_better', [100, 150], [{}, { series_break: true }]);
		assert.equal(i.trend, null);
		assert.equal(i.latest.value, 150);
	});

	test('a series break on the previous one only: the trend is computed', async () => {
		const i = await trendOf('higher_is_better', [100, 110, 120], [{}, { series_break: true }, {}]);
		assert.equal(i.trend, 'improving');
	});

	test('disaggregated values are not the previous total', async () => {
		const i = await newIndicator({ direction: 'higher_is_better' });
		await observe(i.id, { period_end: '2023-12-31', value: 100 });
		await observe(i.id, { period_end: '2024-12-31', value: 10, sex: 'diverse' });
		await observe(i.id, { period_end: '2025-12-31', value: 102 });
		await observe(i.id, { period_end: '2025-12-31', value: 500, citizenship_group: 'EU-Staaten' });
		const got = await getIndicator(i.id);
		assert.equal(got.trend, 'improving', '102 against the total 100, not against 10');
		assert.equal(got.latest.value, 102);
	});
});

describe('observations', () => {
	test('the officer records one: 201, Location, the document', async () => {
		const i = await newIndicator();
		const body = {
			period_start: '2025-01-01', period_end: '2025-12-31', value: 29.8, source: 'Gesundheitsamt', series_break: false,
			age_group: null, sex: null, citizenship_group: null,
		};
		const res = await call('POST', observationsPath(MUSTERSTADT, i.id), { headers: bearer(officer), body });
		assert.equal(res.status, 201, res.text);
		const o = res.json;
		assert.match(o.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, observationPath(MUSTERSTADT, o.id));
		assert.equal(o.indicator_id, i.id);
		for (const [k, v] of Object.entries(body)) assert.deepEqual(o[k], v, k);
		assert.equal(o.organisation, null, 'an officer records for no organisation');
		assert.ok(recent(o.created_at));
		const d = await observe(i.id, { period_end: '2025-12-31', value: 31.1, sex: 'male', age_group: '6 bis unter 18', citizenship_group: 'nichtdeutsch' }, dadm);
		assert.equal(d.period_start, null);
		assert.equal(d.series_break, false);
		assert.equal(d.source, null);
		assert.equal(d.sex, 'male');
		assert.equal(d.age_group, '6 bis unter 18');
		assert.equal(d.citizenship_group, 'nichtdeutsch');
	});

	test('one value per period_end and disaggregation: a repeat answers 409', async () => {
		const i = await newIndicator();
		await observe(i.id, { period_end: '2025-12-31', value: 1 });
		await observe(i.id, { period_end: '2025-12-31', value: 2, sex: 'female' });
		await observe(i.id, { period_end: '2025-12-31', value: 3, sex: 'female', age_group: 'unter 6' });
		await observe(i.id, { period_end: '2024-12-31', value: 4, sex: 'female' });
		for (const body of [
			{ period_end: '2025-12-31', value: 9 },
			{ period_end: '2025-12-31', value: 9, period_start: '2025-07-01', source: 'anders' },
			{ period_end: '2025-12-31', value: 9, sex: 'female' },
			{ period_end: '2025-12-31', value: 9, sex: 'female', age_group: 'unter 6' },
		]) {
			const res = await call('POST', observationsPath(MUSTERSTADT, i.id), { headers: bearer(officer), body });
			assertProblem(res, 409);
		}
		const list = await all(observationsPath(MUSTERSTADT, i.id), officer);
		assert.equal(list.length, 4, 'nothing was added');
		assert.ok(!list.some((o) => o.value === 9));
		/* the allowed case: another group */
		await observe(i.id, { period_end: '2025-12-31', value: 5, sex: 'male' });
	});

	test('a repeat answers 409 pointing at /period_end', async () => {
		const i = await newIndicator();
		await observe(i.id, { period_end: '2025-12-31', value: 1 });
		const res = await call('POST', observationsPath(MUSTERSTADT, i.id), { headers: bearer(officer), body: { period_end: '2025-12-31', value: 2 } });
		assertProblem(res, 409);
		assert.deepEqual(pointers(res), ['/period_end'], res.text);
	});

	const invalid = [
		['no period_end', { period_end: undefined }, '/period_end'],
		['a period_end that is no date', { period_end: '2025-13-01' }, '/period_end'],
		['a period_end before the period_start', { period_start: '2025-12-31', period_end: '2025-01-01' }, '/period_end'],
		['no value', { value: undefined }, '/value'],
		['a value that is a string', { value: '12' }, '/value'],
		['a value that is null', { value: null }, '/value'],
		['an unknown sex', { sex: 'unknown' }, '/sex'],
		['an empty age_group', { age_group: '' }, '/age_group'],
		['an age_group of 41 characters', { age_group: 'a'.repeat(41) }, '/age_group'],
		['a citizenship_group of 61 characters', { citizenship_group: 'c'.repeat(61) }, '/citizenship_group'],
		['a source of 301 characters', { source: 's'.repeat(301) }, '/source'],
		['a series_break that is no boolean', { series_break: 'yes' }, '/series_break'],
		['an unknown member', { indicator_id: '1' }, '/indicator_id'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what} answers 422 pointing at ${pointer}`, async () => {
			const i = await newIndicator();
			const body = { period_end: '2025-12-31', value: 1, ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const res = await call('POST', observationsPath(MUSTERSTADT, i.id), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}: ${res.text}`);
			assert.deepEqual(await all(observationsPath(MUSTERSTADT, i.id), officer), []);
		});
	}

	describe('the list', () => {
		let i;
		const made = [];
		before(async () => {
			i = await newIndicator({ visibility: 'partners' });
			made.push(await observe(i.id, { period_end: '2023-12-31', value: 10 }));
			made.push(await observe(i.id, { period_end: '2025-12-31', value: 12 }));
			made.push(await observe(i.id, { period_end: '2024-12-31', value: 11 }));
			made.push(await observe(i.id, { period_end: '2025-12-31', value: 13, sex: 'female' }));
			made.push(await observe(i.id, { period_end: '2024-12-31', value: 14, age_group: '18 bis unter 65' }));
			made.push(await observe(i.id, { period_end: '2025-12-31', value: 15, citizenship_group: 'Drittstaaten' }));
		});
		const key = (o) => [o.period_end, BigInt(o.id)];
		const newestFirst = (a, b) => (key(a)[0] !== key(b)[0] ? (key(a)[0] < key(b)[0] ? 1 : -1) : (key(a)[1] < key(b)[1] ? 1 : -1));

		test('newest period_end first, then by id descending; every reader of the indicator reads it', async () => {
			const expected = [...made].sort(newestFirst).map((o) => o.id);
			for (const token of [officer, steering, dadm, partner, clientRead]) {
				const list = await all(observationsPath(MUSTERSTADT, i.id), token);
				assert.deepEqual(list.map((o) => o.id), expected);
			}
			const full = await all(observationsPath(MUSTERSTADT, i.id), officer);
			assert.deepEqual(full.find((o) => o.id === made[3].id), made[3], 'the same document as the 201');
		});

		test('disaggregated=false gives the totals, true the disaggregated values', async () => {
			const totals = await all(observationsPath(MUSTERSTADT, i.id), officer, '&disaggregated=false');
			assert.deepEqual(totals.map((o) => o.value), [12, 11, 10]);
			assert.ok(totals.every((o) => o.sex === null && o.age_group === null && o.citizenship_group === null));
			const groups = await all(observationsPath(MUSTERSTADT, i.id), officer, '&disaggregated=true');
			assert.deepEqual(groups.map((o) => o.id).sort(), [made[3].id, made[4].id, made[5].id].sort());
			assert.ok(groups.every((o) => o.sex !== null || o.age_group !== null || o.citizenship_group !== null));
			for (const bad of ['yes', '1', '']) {
				assertProblem(await call('GET', `${observationsPath(MUSTERSTADT, i.id)}?disaggregated=${bad}`, { headers: bearer(officer) }), 400);
			}
		});

		test('it pages with next_cursor, with and without the filter', async () => {
			for (const [query, n] of [['', 6], ['&disaggregated=false', 3], ['&disaggregated=true', 3]]) {
				const full = await all(observationsPath(MUSTERSTADT, i.id), officer, query);
				assert.equal(full.length, n);
				const seen = [];
				let cursor = null;
				for (let k = 0; k < n + 2; k++) {
					const res = await call('GET', `${observationsPath(MUSTERSTADT, i.id)}?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: bearer(steering) });
					assert.equal(res.status, 200, res.text);
					assert.ok(res.json.items.length <= 2);
					seen.push(...res.json.items.map((o) => o.id));
					cursor = res.json.next_cursor;
					if (cursor === null) break;
				}
				assert.deepEqual(seen, full.map((o) => o.id), `pages of ${query || 'all'}`);
			}
			assertProblem(await call('GET', `${observationsPath(MUSTERSTADT, i.id)}?cursor=nonsense`, { headers: bearer(officer) }), 400);
		});
	});

	describe('deleting', () => {
		test('the officer deletes one: 204, then it is gone', async () => {
			const i = await newIndicator();
			const keep = await observe(i.id, { period_end: '2024-12-31', value: 1 });
			const o = await observe(i.id, { period_end: '2025-12-31', value: 2 });
			const res = await call('DELETE', observationPath(MUSTERSTADT, o.id), { headers: bearer(officer) });
			assert.equal(res.status, 204, res.text);
			assert.equal(res.text, '');
			assert.deepEqual((await all(observationsPath(MUSTERSTADT, i.id), officer)).map((x) => x.id), [keep.id]);
			assertProblem(await call('DELETE', observationPath(MUSTERSTADT, o.id), { headers: bearer(officer) }), 404);
			/* the period is free again */
			await observe(i.id, { period_end: '2025-12-31', value: 3 });
			const d = await observe(i.id, { period_end: '2026-06-30', value: 4 });
			assert.equal((await call('DELETE', observationPath(MUSTERSTADT, d.id), { headers: bearer(dadm) })).status, 204);
		});

		test('GET one observation: its readers see it with an ETag that answers 304; it is gone after DELETE', async () => {
			const shared = await newIndicator({ visibility: 'partners' });
			const hidden = await newIndicator();
			const o = await observe(shared.id, { period_end: '2025-12-31', value: 5, sex: 'diverse' });
			const h = await observe(hidden.id, { period_end: '2025-12-31', value: 6 });
			for (const token of [officer, steering, dadm, partner, clientRead]) {
				const res = await call('GET', observationPath(MUSTERSTADT, o.id), { headers: bearer(token) });
				assert.equal(res.status, 200, res.text);
				assert.deepEqual(res.json, o);
				assert.match(res.headers.etag ?? '', ETAG);
				assert.equal((await call('GET', observationPath(MUSTERSTADT, o.id), { headers: { ...bearer(token), 'If-None-Match': res.headers.etag } })).status, 304);
			}
			for (const token of [partner, clientRead]) {
				assertProblem(await call('GET', observationPath(MUSTERSTADT, h.id), { headers: bearer(token) }), 404);
			}
			assertProblem(await call('GET', observationPath(MUSTERSTADT, o.id), { headers: bearer(clientNoRead) }), 403);
			assertProblem(await call('GET', observationPath(MUSTERSTADT, lingen.observation.id), { headers: bearer(officer) }), 404);
			assertProblem(await call('GET', observationPath(MUSTERLINGEN, o.id), { headers: bearer(officerL) }), 404);
			assertProblem(await call('GET', observationPath(MUSTERSTADT, o.id)), 401);
			assert.equal((await call('DELETE', observationPath(MUSTERSTADT, o.id), { headers: bearer(officer) })).status, 204);
			assertProblem(await call('GET', observationPath(MUSTERSTADT, o.id), { headers: bearer(officer) }), 404);
		});

		test('If-Match: a wrong ETag answers 412; the ETag of the 201 deletes', async () => {
			const i = await newIndicator();
			const res = await call('POST', observationsPath(MUSTERSTADT, i.id), { headers: bearer(officer), body: { period_end: '2025-12-31', value: 2 } });
			assert.equal(res.status, 201, res.text);
			assert.match(res.headers.etag ?? '', ETAG);
			assertProblem(await call('DELETE', observationPath(MUSTERSTADT, res.json.id), { headers: { ...bearer(officer), 'If-Match': '"00000000000000000000000000000000"' } }), 412);
			assert.equal((await all(observationsPath(MUSTERSTADT, i.id), officer)).length, 1);
			const del = await call('DELETE', observationPath(MUSTERSTADT, res.json.id), { headers: { ...bearer(officer), 'If-Match': res.headers.etag } });
			assert.equal(del.status, 204, del.text);
		});

		test('the steering group, partners and API clients cannot delete: 403, it stays', async () => {
			const i = await newIndicator({ visibility: 'partners', measure_ids: [mCar.id] });
			const o = await observe(i.id, { period_end: '2025-12-31', value: 2 });
			for (const token of [steering, partner, clientWrite]) {
				assertProblem(await call('DELETE', observationPath(MUSTERSTADT, o.id), { headers: bearer(token) }), 403);
			}
			assert.deepEqual((await all(observationsPath(MUSTERSTADT, i.id), officer)).map((x) => x.id), [o.id]);
		});

		test('an unknown or malformed id answers 404', async () => {
			assertProblem(await call('DELETE', observationPath(MUSTERSTADT, '999999999'), { headers: bearer(officer) }), 404);
			assertProblem(await call('DELETE', observationPath(MUSTERSTADT, 'abc'), { headers: bearer(officer) }), 404);
		});
	});
});

describe('observations by partners', () => {
	let iCar; /* shared with partners, linked to the measure Caritas leads */
	let iSup; /* shared with partners, linked to the measure Caritas supports */
	let iOther; /* shared with partners, linked to a measure without Caritas */
	let iNone; /* shared with partners, linked to no measure */
	before(async () => {
		iCar = await newIndicator({ visibility: 'partners', measure_ids: [mCar.id] });
		iSup = await newIndicator({ visibility: 'public', measure_ids: [mOther.id, mSup.id] });
		iOther = await newIndicator({ visibility: 'partners', measure_ids: [mOther.id] });
		iNone = await newIndicator({ visibility: 'partners' });
	});

	test('a partner records values for an indicator of a measure Caritas leads or supports: 201', async () => {
		const res = await call('POST', observationsPath(MUSTERSTADT, iCar.id), { headers: bearer(partner), body: { period_end: '2025-12-31', value: 42, source: 'Caritas' } });
		assert.equal(res.status, 201, res.text);
		assert.equal(res.json.indicator_id, iCar.id);
		assert.equal(res.json.value, 42);
		assert.deepEqual(res.json.organisation, { id: caritasId, name: CARITAS }, 'recorded for Caritas');
		const sup = await observe(iSup.id, { period_end: '2025-12-31', value: 7, sex: 'female' }, partner);
		assert.equal(sup.sex, 'female');
		assert.deepEqual((await getIndicator(iCar.id)).latest, { value: 42, period_end: '2025-12-31', source: 'Caritas' });
	});

	test('not for an indicator of measures without Caritas, nor for one without measures: 403, nothing recorded', async () => {
		for (const i of [iOther, iNone]) {
			const res = await call('POST', observationsPath(MUSTERSTADT, i.id), { headers: bearer(partner), body: { period_end: '2025-12-31', value: 1 } });
			assertProblem(res, 403);
			assert.deepEqual(await all(observationsPath(MUSTERSTADT, i.id), officer), []);
		}
		/* the allowed case: the officer */
		await observe(iOther.id, { period_end: '2025-12-31', value: 1 });
	});

	test('an internal indicator of a Caritas measure is not theirs to see: 404', async () => {
		const internal = await newIndicator({ measure_ids: [mCar.id] });
		assertProblem(await call('POST', observationsPath(MUSTERSTADT, internal.id), { headers: bearer(partner), body: { period_end: '2025-12-31', value: 1 } }), 404);
		assert.deepEqual(await all(observationsPath(MUSTERSTADT, internal.id), officer), []);
	});

	test('an API client of Caritas records with progress:write (201); with catalogue:read only, 403', async () => {
		const ok = await call('POST', observationsPath(MUSTERSTADT, iCar.id), { headers: bearer(clientWrite), body: { period_end: '2026-06-30', value: 43 } });
		assert.equal(ok.status, 201, ok.text);
		assert.deepEqual(ok.json.organisation, { id: caritasId, name: CARITAS });
		const refused = await call('POST', observationsPath(MUSTERSTADT, iCar.id), { headers: bearer(clientRead), body: { period_end: '2026-09-30', value: 44 } });
		assertProblem(refused, 403);
		assertProblem(await call('POST', observationsPath(MUSTERSTADT, iOther.id), { headers: bearer(clientWrite), body: { period_end: '2026-06-30', value: 1 } }), 403);
		assert.ok(!(await all(observationsPath(MUSTERSTADT, iCar.id), officer)).some((o) => o.value === 44));
	});

	test('the steering group records no values: 403', async () => {
		assertProblem(await call('POST', observationsPath(MUSTERSTADT, iCar.id), { headers: bearer(steering), body: { period_end: '2027-06-30', value: 1 } }), 403);
	});

	test('a repeat by the partner answers 409', async () => {
		await observe(iCar.id, { period_end: '2024-12-31', value: 40 }, partner);
		assertProblem(await call('POST', observationsPath(MUSTERSTADT, iCar.id), { headers: bearer(partner), body: { period_end: '2024-12-31', value: 41 } }), 409);
	});

	test('the partner on Musterlingen\'s path with a Musterstadt indicator: 404', async () => {
		assertProblem(await call('POST', observationsPath(MUSTERLINGEN, iCar.id), { headers: bearer(partner), body: { period_end: '2023-12-31', value: 1 } }), 404);
	});
});

describe('public indicators', () => {
	let pub;
	let part;
	let internal;
	before(async () => {
		pub = await newIndicator({
			name: `Öffentlich ${tag()}`, direction: 'lower_is_better', definition: 'Definition', numerator: 'intern Zähler',
			baseline_value: 31.5, baseline_date: '2024-12-31', target_value: 25, target_date: '2028-12-31',
			goal_ids: [gA.id], measure_ids: [mCar.id, mPub.id], visibility: 'public',
		});
		await observe(pub.id, { period_end: '2025-12-31', value: 29.8, source: 'Gesundheitsamt' });
		await observe(pub.id, { period_end: '2024-12-31', value: 31.5 });
		await observe(pub.id, { period_end: '2025-12-31', value: 33.1, sex: 'male' });
		await observe(pub.id, { period_end: '2023-12-31', value: 30, series_break: true });
		part = await newIndicator({ visibility: 'partners' });
		internal = await newIndicator({ visibility: 'internal' });
	});

	test('anyone reads a public indicator with its total series, oldest first, and no internal fields', async () => {
		const res = await call('GET', publicIndicatorPath(MUSTERSTADT, pub.id));
		assert.equal(res.status, 200, res.text);
		const p = res.json;
		const internalDoc = await getIndicator(pub.id);
		for (const k of ['id', 'name', 'unit', 'direction', 'source_set', 'definition', 'baseline_value', 'baseline_date', 'target_value', 'target_date', 'latest', 'trend', 'status']) {
			assert.deepEqual(p[k], internalDoc[k], k);
		}
		assert.deepEqual(p.latest, { value: 29.8, period_end: '2025-12-31', source: 'Gesundheitsamt' });
		assert.equal(p.trend, 'improving');
		assert.equal(p.status, 'on_track', 'the documented example: e ≈ 0.25, a ≈ 0.26');
		assert.deepEqual(p.observations, [
			{ period_end: '2023-12-31', value: 30, series_break: true },
			{ period_end: '2024-12-31', value: 31.5, series_break: false },
			{ period_end: '2025-12-31', value: 29.8, series_break: false },
		]);
		for (const k of ['numerator', 'denominator', 'visibility', 'goal_ids', 'municipality', 'created_at', 'updated_at']) {
			assert.equal(p[k], undefined, `${k} is not public`);
		}
		assert.match(res.headers.etag ?? '', ETAG);
		assert.equal((await call('GET', publicIndicatorPath(MUSTERSTADT, pub.id), { headers: { 'If-None-Match': res.headers.etag } })).status, 304);
	});

	test('the public list shows public indicators only, each with its series', async () => {
		const items = await all(publicIndicatorsPath(MUSTERSTADT));
		const mine = items.find((x) => x.id === pub.id);
		assert.ok(mine, 'the public indicator is listed');
		assert.equal(mine.observations.length, 3);
		assert.ok(!items.some((x) => x.id === part.id || x.id === internal.id));
		const ids = items.map((x) => x.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
		assert.ok(!items.some((x) => x.id === lingen.indicator.id), 'not Musterlingen\'s');
		const lingenItems = await all(publicIndicatorsPath(MUSTERLINGEN));
		assert.ok(lingenItems.some((x) => x.id === lingen.indicator.id));
	});

	test('internal and partners indicators answer 404, like unknown ones and other municipalities\' ones', async () => {
		for (const id of [part.id, internal.id, '999999999', lingen.indicator.id]) {
			assertProblem(await call('GET', publicIndicatorPath(MUSTERSTADT, id)), 404);
		}
		assertProblem(await call('GET', publicIndicatorPath(MUSTERLINGEN, pub.id)), 404);
		/* made public, it shows */
		const res = await call('PATCH', indicatorPath(MUSTERSTADT, part.id), { headers: bearer(officer), body: { visibility: 'public' } });
		assert.equal(res.status, 200, res.text);
		const now_ = await call('GET', publicIndicatorPath(MUSTERSTADT, part.id));
		assert.equal(now_.status, 200, now_.text);
		assert.deepEqual(now_.json.observations, []);
		assert.equal(now_.json.latest, null);
		assert.equal(now_.json.status, 'no_data');
		const back = await call('PATCH', indicatorPath(MUSTERSTADT, part.id), { headers: bearer(officer), body: { visibility: 'partners' } });
		assert.equal(back.status, 200, back.text);
		assertProblem(await call('GET', publicIndicatorPath(MUSTERSTADT, part.id)), 404);
	});

	test('measure_ids lists only the public measures of the adopted concept', async () => {
		/* while this file's concept is a draft, none of its measures is public */
		assert.deepEqual((await call('GET', publicIndicatorPath(MUSTERSTADT, pub.id))).json.measure_ids, []);
		let res = await call('PATCH', `${base(MUSTERSTADT)}/concepts/${concept.id}`, { headers: bearer(officer), body: { status: 'consultation' } });
		assert.equal(res.status, 200, res.text);
		res = await call('POST', `${base(MUSTERSTADT)}/concepts/${concept.id}/adoption`, {
			headers: bearer(steering), body: { resolution_date: '2026-03-01', resolution_reference: `Drucksache ${tag()}`.slice(0, 100) },
		});
		assert.equal(res.status, 200, res.text);
		const p = (await call('GET', publicIndicatorPath(MUSTERSTADT, pub.id))).json;
		assert.deepEqual(p.measure_ids, [mPub.id], 'the internal measure led by Caritas is not named');
		assert.deepEqual((await getIndicator(pub.id)).measure_ids, [mCar.id, mPub.id], 'the internal document names both');
	});

	test('a malformed AGS answers 400, an unknown one 404, a bad token 401', async () => {
		for (const ags of ['5999004', 'abcdefgh']) {
			assertProblem(await call('GET', publicIndicatorsPath(ags)), 400);
			assertProblem(await call('GET', publicIndicatorPath(ags, pub.id)), 400);
		}
		assertProblem(await call('GET', publicIndicatorsPath('05999999')), 404);
		assertProblem(await call('GET', publicIndicatorsPath(MUSTERSTADT), { headers: { Authorization: 'Bearer nope' } }), 401);
		/* a valid token is fine */
		assert.equal((await call('GET', publicIndicatorsPath(MUSTERSTADT), { headers: bearer(partner) })).status, 200);
	});
});
