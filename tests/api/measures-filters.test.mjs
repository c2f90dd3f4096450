/*
 * The catalogue's signals (issue #11): the filters report_status,
 * no_report_since, overdue and organisation_id of GET …/measures, and
 * GET …/measure-summary (counts, mean progress, latest Sachstand and
 * overdue per Handlungsfeld), for the officer, the partner (Caritas: fewer
 * measures, row-level security), an API client, anonymous callers and a
 * caller from another municipality.
 *
 * The fixtures are one concept of this file (in consultation, so partners
 * see it) with six measures whose answers are known; its dates lie far in
 * the past or future, so "today" never decides a case. One test reads the
 * demo catalogue: its rank 1 (SP-01) has the latest Sachstand „verzögert“.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, organisationId, signInPersonas } from './lib/auth.mjs';
import { base, clientToken, createMeasure } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertUnauthorized } from './lib/checks.mjs';

const TAG = `F${process.pid}${randomBytes(3).toString('hex')}`;
const DTK = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';
const DEMO_CONCEPT = 'Integrationskonzept der Stadt Musterstadt 2024–2030';

const listPath = (ags = MUSTERSTADT) => `${base(ags)}/measures`;
const summaryPath = (ags = MUSTERSTADT) => `${base(ags)}/measure-summary`;

const t = {}; /* tokens */
const org = {};
const field = {}; /* action field ids by name */
const m = {}; /* the fixtures by name */
let concept;

let seq = 0;
async function measure(name, changes) {
	const doc = await createMeasure(t.officer, {
		concept_id: concept.id, code: `${TAG.slice(0, 12)}-${++seq}`, title: `${name} ${TAG}`, horizon: 'short', ...changes,
	});
	m[name] = doc;
	return doc;
}

async function report(name, reported_on, status, progress) {
	const res = await api('POST', `${listPath()}/${m[name].id}/progress-reports`, t.officer, {
		body: { reported_on, status, progress, text: `Sachstand ${TAG}` },
	});
	assert.equal(res.status, 201, `reporting on ${name}: ${res.text.slice(0, 400)}`);
}

/* The fixtures' names a filtered list of the concept gives, sorted. */
async function names(query, token = t.officer) {
	const items = await everyItem(`${listPath()}?concept_id=${concept.id}&${query}`, token);
	const byId = new Map(Object.entries(m).map(([k, v]) => [v.id, k]));
	return items.map((x) => byId.get(x.id) ?? `other ${x.id}`).sort();
}

async function summary(query = '', token = t.officer, ags = MUSTERSTADT) {
	const res = await api('GET', `${summaryPath(ags)}?concept_id=${concept.id}${query ? `&${query}` : ''}`, token);
	assert.equal(res.status, 200, res.text.slice(0, 400));
	return res.json;
}

const statuses = (on_track, delayed, at_risk, completed, none) => ({ on_track, delayed, at_risk, completed, none });
const ref = (name) => ({ id: field[name], name });

before(async () => {
	[t.officer, t.partner, t.officerL] = await signInPersonas('officer', 'partner', 'officerL');
	org.caritas = await organisationId(t.officer, CARITAS);
	org.dtk = await organisationId(t.officer, DTK);
	const fields = await api('GET', `${base()}/action-fields?limit=200`, t.officer);
	assert.equal(fields.status, 200, fields.text);
	for (const f of fields.json.items) field[f.name] = f.id;
	assert.ok(field.Sprache && field.Arbeit, `action fields: ${Object.keys(field)}`);
	const c = await api('POST', `${base()}/concepts`, t.officer, { body: { title: `Signale ${TAG}` } });
	assert.equal(c.status, 201, c.text);
	const cons = await api('PATCH', `${base()}/concepts/${c.json.id}`, t.officer, { body: { status: 'consultation' } });
	assert.equal(cons.status, 200, cons.text);
	concept = cons.json;

	/* Caritas leads it; overdue; latest Sachstand delayed (40 %) */
	await measure('delayed', {
		action_field_id: field.Sprache, lead_organisation_id: org.caritas, planned_start: '2020-01-01', planned_end: '2020-12-31',
	});
	/* Caritas supports it; at risk since 2024-01-10 (20 %); ends 2099 */
	await measure('risk', {
		action_field_id: field.Arbeit, lead_organisation_id: org.dtk, partner_organisation_ids: [org.caritas], planned_end: '2099-12-31',
	});
	/* internal, without Caritas: the partner never sees it; overdue, no Sachstand, 10 % */
	await measure('hidden', { action_field_id: field.Arbeit, lead_organisation_id: org.dtk, planned_end: '2021-06-30', progress: 10 });
	/* shared with partners, no organisation, no planned end; on track (70 %) */
	await measure('shared', { action_field_id: field.Sprache, visibility: 'partners' });
	/* dropped after its planned end: not overdue; internal, no Sachstand, 0 % */
	await measure('dropped', { action_field_id: field.Sprache, lead_organisation_id: org.dtk, planned_end: '2020-06-30', progress: 0 });
	const drop = await api('PATCH', `${listPath()}/${m.dropped.id}`, t.officer, {
		body: { status: 'dropped', status_reason: 'Kein Träger gefunden.' }, headers: { 'If-Match': '*' },
	});
	assert.equal(drop.status, 200, drop.text);
	/* a Teilmaßnahme of "delayed" that Caritas supports; completed (100 %) */
	await measure('child', {
		action_field_id: field.Sprache, lead_organisation_id: org.dtk, partner_organisation_ids: [org.caritas], parent_id: m.delayed.id,
	});
	await report('delayed', '2025-06-01', 'delayed', 40);
	await report('risk', '2024-01-10', 'at_risk', 20);
	await report('shared', '2025-06-01', 'on_track', 70);
	await report('child', '2025-06-01', 'completed', 100);

	t.client = await clientToken(t.officer, org.caritas, `Signale ${TAG}`, ['catalogue:read']);
	t.clientNone = await clientToken(t.officer, org.caritas, `Signale ohne ${TAG}`, ['events:write']);
});

describe('the filters of the measure list', () => {
	test('without the new filters the concept lists all six', async () => {
		assert.deepEqual(await names('sort=priority'), ['child', 'delayed', 'dropped', 'hidden', 'risk', 'shared']);
	});

	const cases = [
		['report_status=delayed', ['delayed']],
		['report_status=delayed,at_risk', ['delayed', 'risk']],
		['report_status=none', ['dropped', 'hidden']],
		['report_status=completed,none', ['child', 'dropped', 'hidden']],
		['report_status=on_track', ['shared']],
		['no_report_since=2025-01-01', ['dropped', 'hidden', 'risk']],
		['no_report_since=2024-01-10', ['dropped', 'hidden']],
		['no_report_since=2025-06-02', ['child', 'delayed', 'dropped', 'hidden', 'risk', 'shared']],
		['overdue=true', ['delayed', 'hidden']],
		['overdue=false', ['child', 'dropped', 'risk', 'shared']],
		['organisation_id=CARITAS', ['child', 'delayed', 'risk']],
		['organisation_id=DTK', ['child', 'dropped', 'hidden', 'risk']],
		['overdue=true&report_status=none', ['hidden']],
		['report_status=delayed,at_risk&sort=-updated_at', ['delayed', 'risk']],
	];
	for (const [query, expected] of cases) {
		test(`${query}: ${expected.join(', ')}`, async () => {
			const q = query.replace('CARITAS', org.caritas).replace('DTK', org.dtk);
			assert.deepEqual(await names(q), expected);
		});
	}

	test('the partner sees fewer: only the measures Caritas may read', async () => {
		assert.deepEqual(await names('overdue=true', t.partner), ['delayed']);
		assert.deepEqual(await names('report_status=none', t.partner), []);
		assert.deepEqual(await names('no_report_since=2025-01-01', t.partner), ['risk']);
	});

	test('„Meine Maßnahmen“: the partner with the own organisation id from /me gets what Caritas leads or supports', async () => {
		const me = await api('GET', '/api/v1/me', t.partner);
		assert.equal(me.status, 200, me.text);
		const own = me.json.memberships.find((x) => x.municipality?.ags === MUSTERSTADT || x.ags === MUSTERSTADT);
		const ownOrg = own?.organisation?.id ?? own?.organisation_id;
		assert.equal(ownOrg, org.caritas, `the partner's organisation in /me: ${me.text.slice(0, 400)}`);
		assert.deepEqual(await names(`organisation_id=${ownOrg}`, t.partner), ['child', 'delayed', 'risk']);
		assert.deepEqual(await names(`organisation_id=${org.dtk}`, t.partner), ['child', 'risk']);
	});

	test('an API client of Caritas with catalogue:read filters like the partner', async () => {
		assert.deepEqual(await names(`organisation_id=${org.caritas}&report_status=delayed,at_risk`, t.client), ['delayed', 'risk']);
	});

	test('the demo catalogue: rank 1 (SP-01) has the latest Sachstand „verzögert“ and the filter finds it', async () => {
		const concepts = await everyItem(`${base()}/concepts`, t.officer);
		const demo = concepts.find((c) => c.title === DEMO_CONCEPT);
		assert.ok(demo, 'the demo concept of Musterstadt');
		const first = (await api('GET', `${listPath()}?concept_id=${demo.id}&limit=1`, t.officer)).json.items[0];
		assert.equal(first.code, 'SP-01');
		assert.equal(first.rank, 1);
		assert.equal(first.last_report.status, 'delayed');
		const found = await everyItem(`${listPath()}?concept_id=${demo.id}&report_status=delayed,at_risk`, t.officer);
		assert.ok(found.some((x) => x.code === 'SP-01'), 'SP-01 among the delayed or at-risk measures');
		assert.ok(found.every((x) => ['delayed', 'at_risk'].includes(x.last_report?.status)), 'and only such');
		const none = await everyItem(`${listPath()}?concept_id=${demo.id}&report_status=none`, t.officer);
		assert.ok(none.length > 0 && none.every((x) => x.last_report === null), 'report_status=none: the measures without Sachstand');
	});
});

const badValues = [
	['report_status=late', 'report_status'],
	['report_status=delayed,,at_risk', 'report_status'],
	['report_status=', 'report_status'],
	['no_report_since=2025-13-01', 'no_report_since'],
	['no_report_since=2025-01-01T00:00:00Z', 'no_report_since'],
	['no_report_since=gestern', 'no_report_since'],
	['overdue=yes', 'overdue'],
	['overdue=1', 'overdue'],
	['organisation_id=abc', 'organisation_id'],
	['organisation_id=-1', 'organisation_id'],
];

describe('bad filter values answer 400 naming the parameter', () => {
	for (const [query, parameter] of badValues) {
		test(`list, ${query}`, async () => {
			assertProblem(await api('GET', `${listPath()}?${query}`, t.officer), 400, { parameter });
		});
		test(`summary, ${query}`, async () => {
			assertProblem(await api('GET', `${summaryPath()}?${query}`, t.officer), 400, { parameter });
		});
	}
	test('summary, the list\'s filters too (status=late)', async () => {
		assertProblem(await api('GET', `${summaryPath()}?status=late`, t.officer), 400, { parameter: 'status' });
	});
});

describe('the measure summary', () => {
	test('the officer: per Handlungsfeld by position (Sprache before Arbeit) and in all', async () => {
		assert.deepEqual(await summary(), {
			groups: [
				{ action_field: ref('Sprache'), count: 4, mean_progress: 52.5, report_status: statuses(1, 1, 0, 1, 1), overdue: 1 },
				{ action_field: ref('Arbeit'), count: 2, mean_progress: 15, report_status: statuses(0, 0, 1, 0, 1), overdue: 1 },
			],
			total: { count: 6, mean_progress: 40, report_status: statuses(1, 1, 1, 1, 2), overdue: 2 },
		});
	});

	test('the partner counts only what the partner may see (row-level security)', async () => {
		const expected = {
			groups: [
				{ action_field: ref('Sprache'), count: 3, mean_progress: 70, report_status: statuses(1, 1, 0, 1, 0), overdue: 1 },
				{ action_field: ref('Arbeit'), count: 1, mean_progress: 20, report_status: statuses(0, 0, 1, 0, 0), overdue: 0 },
			],
			total: { count: 4, mean_progress: 57.5, report_status: statuses(1, 1, 1, 1, 0), overdue: 1 },
		};
		assert.deepEqual(await summary('', t.partner), expected);
		assert.deepEqual(await summary('', t.client), expected, 'an API client of Caritas with catalogue:read the same');
	});

	test('takes the list\'s filters: report_status, organisation_id, overdue, action_field_id', async () => {
		const s = await summary('report_status=delayed,at_risk');
		assert.deepEqual(s.total, { count: 2, mean_progress: 30, report_status: statuses(0, 1, 1, 0, 0), overdue: 1 });
		assert.deepEqual(s.groups.map((g) => [g.action_field.name, g.count]), [['Sprache', 1], ['Arbeit', 1]]);
		assert.equal((await summary(`organisation_id=${org.caritas}`, t.partner)).total.count, 3);
		assert.equal((await summary('overdue=true')).total.count, 2);
		const arbeit = await summary(`action_field_id=${field.Arbeit}`);
		assert.deepEqual(arbeit.groups.map((g) => g.action_field.name), ['Arbeit']);
		assert.equal(arbeit.total.count, 2);
		assert.equal((await summary(`parent_id=${m.delayed.id}`)).total.count, 1, 'Teilmaßnahmen count like measures');
	});

	test('no measure: no groups, a total of zero with mean_progress null', async () => {
		assert.deepEqual(await summary('report_status=at_risk&overdue=true'), {
			groups: [], total: { count: 0, mean_progress: null, report_status: statuses(0, 0, 0, 0, 0), overdue: 0 },
		});
	});

	test('another municipality (where the caller holds no role) answers 404; its own officer gets 200', async () => {
		assertProblem(await api('GET', summaryPath(MUSTERLINGEN), t.officer), 404);
		assertProblem(await api('GET', summaryPath('05999999'), t.officer), 404);
		const own = await api('GET', summaryPath(MUSTERLINGEN), t.officerL);
		assert.equal(own.status, 200, own.text);
	});

	test('anonymous: 401; an API client without catalogue:read: 403', async () => {
		assertUnauthorized(await api('GET', summaryPath(), ''), /^Bearer/);
		assertProblem(await api('GET', summaryPath(), t.clientNone), 403);
	});
});
