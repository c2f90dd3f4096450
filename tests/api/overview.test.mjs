/*
 * The overview (Übersicht, issue #12): GET …/overview.
 *
 * - The counts of the demo catalogue, counted here from the measure list
 *   (every item, as the officer reads it), not copied from the answer.
 * - The concept: the adopted one by default, a chosen one, 404 for one
 *   of another municipality.
 * - „Seit der letzten Sitzung“: since the last steering-group meeting held
 *   (meetings inserted here as the owner: this branch has no meetings API),
 *   and the changes after a status change, a rank move, a new Sachstand
 *   and a new observation, in a concept of this file's own.
 * - Roles, and forged or malformed parameters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import { MUSTERLINGEN, MUSTERSTADT, lit, psql, signInPersonas, tag, CARITAS, organisationId } from './lib/auth.mjs';
import { addDays, base, clientToken, createMeasure } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertUnauthorized } from './lib/checks.mjs';

const TAG = `O${tag()}`;
const overviewPath = (ags = MUSTERSTADT, query = '') => `${base(ags)}/overview${query ? `?${query}` : ''}`;
const STATUSES = ['proposed', 'planned', 'in_progress', 'completed', 'suspended', 'dropped'];

const t = {};
const mine = {}; /* this file's concept and its measures */
const meetings = []; /* ids inserted here, removed after */

/* Today in Europe/Berlin, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

/* d minus n months, as PostgreSQL's date - interval 'n months' (the day clamped to the month's end). */
function monthsBefore(d, n) {
	let [y, m, day] = d.split('-').map(Number);
	m -= n;
	while (m < 1) { m += 12; y -= 1; }
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/*
 * The counts of measures (list items) by the overview's rules, counted
 * here: by status, mean progress, latest Sachstand, stale, overdue.
 */
function count(items) {
	const now = today();
	const cutoff = monthsBefore(now, 6);
	const by_status = Object.fromEntries(STATUSES.map((s) => [s, 0]));
	let sum = 0;
	const c = { measures: items.length, by_status, delayed: 0, at_risk: 0, stale: 0, overdue: 0 };
	for (const m of items) {
		by_status[m.status] += 1;
		sum += m.progress;
		if (m.last_report?.status === 'delayed') c.delayed += 1;
		if (m.last_report?.status === 'at_risk') c.at_risk += 1;
		if (['planned', 'in_progress'].includes(m.status) && (!m.last_report || m.last_report.reported_on < cutoff)) c.stale += 1;
		if (m.planned_end && m.planned_end < now && !['completed', 'dropped'].includes(m.status)) c.overdue += 1;
	}
	c.mean_progress = items.length ? Math.round((sum / items.length) * 10) / 10 : null;
	return c;
}

const strip = ({ id, name, ...counts }) => counts;

async function overview(query = '', token = t.officer, ags = MUSTERSTADT) {
	const res = await api('GET', overviewPath(ags, query), token);
	assert.equal(res.status, 200, res.text.slice(0, 500));
	return res.json;
}

/* A meeting of Musterstadt, inserted as the owner; its id. */
function meeting(kind, status, startsAt, title = `Sitzung ${TAG}`, place = 'Rathaus, Sitzungssaal') {
	const id = psql(`INSERT INTO meeting (municipality_id, kind, title, starts_at, status, place)
		SELECT id, ${lit(kind)}, ${lit(title)}, ${startsAt}, ${lit(status)}, ${lit(place)}
		  FROM municipality WHERE ags = '${MUSTERSTADT}' RETURNING id`).split('\n')[0];
	meetings.push(id);
	return id;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.officerL, t.dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'dadm');
	const caritas = await organisationId(t.officer, CARITAS);
	t.client = await clientToken(t.officer, caritas, `Übersicht ${TAG}`, ['catalogue:read']);
	const fields = await api('GET', `${base()}/action-fields?limit=200`, t.officer);
	assert.equal(fields.status, 200, fields.text);
	mine.field = fields.json.items[0];
	const c = await api('POST', `${base()}/concepts`, t.officer, { body: { title: `Übersicht ${TAG}` } });
	assert.equal(c.status, 201, c.text);
	mine.concept = c.json;
	for (const name of ['a', 'b', 'c']) {
		mine[name] = await createMeasure(t.officer, {
			concept_id: mine.concept.id, code: `${name.toUpperCase()}-${TAG}`.slice(0, 20), title: `Maßnahme ${name} ${TAG}`,
			horizon: 'short', action_field_id: mine.field.id,
		});
	}
});

after(() => {
	if (meetings.length) psql(`DELETE FROM meeting WHERE id IN (${meetings.join(',')})`);
});

describe('the counts', () => {
	test('the demo catalogue: totals and every Handlungsfeld as counted from the measure list', async () => {
		const concepts = await everyItem(`${base()}/concepts`, t.officer);
		const demo = concepts.find((c) => c.title === 'Integrationskonzept der Stadt Musterstadt 2024–2030');
		assert.ok(demo, 'the demo concept');
		/* other files may add measures meanwhile: count until two readings agree around the answer */
		for (let attempt = 0; ; attempt++) {
			const before = await everyItem(`${base()}/measures?concept_id=${demo.id}`, t.officer);
			const doc = await overview(`concept_id=${demo.id}`);
			const afterwards = await everyItem(`${base()}/measures?concept_id=${demo.id}`, t.officer);
			if (JSON.stringify(before) !== JSON.stringify(afterwards) && attempt < 3) continue;
			assert.ok(before.length >= 43, `the demo concept has its 43 measures: ${before.length}`);
			assert.deepEqual(doc.concept, { id: demo.id, title: demo.title, version: demo.version, status: demo.status });
			assert.deepEqual(doc.totals, count(before));
			const fields = await everyItem(`${base()}/action-fields`, t.officer);
			assert.deepEqual(doc.action_fields.map((f) => f.id), fields.sort((a, b) => a.position - b.position).map((f) => f.id),
				'every action field, by position');
			for (const f of doc.action_fields) {
				assert.deepEqual(strip(f), count(before.filter((m) => m.action_field.id === f.id)), `Handlungsfeld ${f.name}`);
			}
			assert.equal(doc.action_fields.reduce((n, f) => n + f.measures, 0), doc.totals.measures);
			/* the demo's own signals: SP-01's latest Sachstand is „verzögert“ */
			assert.ok(doc.totals.delayed >= 1 && doc.totals.by_status.in_progress >= 1);

			const decide = (status) => before.filter((m) => m.status === status).sort((a, b) => a.rank - b.rank);
			for (const status of ['proposed', 'suspended']) {
				assert.deepEqual(doc.to_decide[status].map((m) => m.id), decide(status).slice(0, 50).map((m) => m.id), `to_decide.${status}`);
				assert.equal(doc.to_decide_total[status], decide(status).length);
				for (const x of doc.to_decide[status]) {
					const m = before.find((y) => y.id === x.id);
					assert.deepEqual(x, {
						id: m.id, code: m.code, title: m.title, rank: m.rank, action_field: m.action_field,
						report_status: m.last_report?.status ?? 'none',
					});
				}
			}
			/* the demo's recommendations without a response (060; those of
			 * other test files come and go meanwhile, and are younger) */
			const demoOpen = psql(`SELECT id FROM recommendation WHERE response_kind IS NULL
				AND created_at < now() - interval '1 day'
				AND municipality_id = (SELECT id FROM municipality WHERE ags = ${lit(MUSTERSTADT)})`)
				.split('\n').filter(Boolean).sort();
			assert.ok(demoOpen.length >= 1, 'the demo has open recommendations');
			assert.deepEqual(doc.to_decide.recommendations.map((r) => r.id).filter((id) => demoOpen.includes(id)).sort(), demoOpen,
				'to_decide.recommendations');
			return;
		}
	});

	test('the indicators: each with the status and latest value the indicator API gives', async () => {
		let doc;
		let list;
		/* other files may add indicators meanwhile: read until the list is the same around the answer */
		for (let attempt = 0; attempt < 4; attempt++) {
			list = await everyItem(`${base()}/indicators`, t.officer);
			doc = await overview();
			const again = await everyItem(`${base()}/indicators`, t.officer);
			if (JSON.stringify(again) === JSON.stringify(list)) break;
		}
		assert.deepEqual(doc.indicators.map((i) => i.id).sort(), list.map((i) => i.id).sort());
		for (const i of doc.indicators) {
			const x = list.find((y) => y.id === i.id);
			assert.equal(i.status, x.status, i.name);
			assert.equal(i.name, x.name);
			assert.deepEqual(i.latest, x.latest ? { value: x.latest.value, period_end: x.latest.period_end } : null, i.name);
			assert.deepEqual(i.target, x.target_value === null ? null : { value: x.target_value, date: x.target_date });
		}
		assert.ok(doc.indicators.some((i) => i.status !== 'no_data'), 'the demo has indicators with values');
	});

	test('a concept of this file: its three measures, all proposed', async () => {
		const doc = await overview(`concept_id=${mine.concept.id}&since=${today()}`);
		assert.equal(doc.concept.id, mine.concept.id);
		assert.equal(doc.totals.measures, 3);
		assert.equal(doc.to_decide_total.proposed >= 1, true);
	});
});

describe('the concept', () => {
	test('without concept_id: the adopted concept, else the newest version', async () => {
		/* other files adopt concepts of their own: read until the concepts are the same around the answer */
		for (let attempt = 0; ; attempt++) {
			const concepts = await everyItem(`${base()}/concepts`, t.officer);
			const doc = await overview();
			const again = await everyItem(`${base()}/concepts`, t.officer);
			if (JSON.stringify(concepts) !== JSON.stringify(again) && attempt < 3) continue;
			const expected = concepts.find((c) => c.status === 'adopted') ?? [...concepts].sort((a, b) => b.version - a.version)[0];
			assert.equal(doc.concept.id, expected.id);
			assert.equal(doc.concept.status, expected.status);
			return;
		}
	});

	test('a concept of another municipality, or none, answers 404', async () => {
		const other = psql(`SELECT c.id FROM concept c JOIN municipality mu ON mu.id = c.municipality_id
			WHERE mu.ags = '${MUSTERLINGEN}' LIMIT 1`);
		assert.ok(other, 'Musterlingen has a concept');
		assertProblem(await api('GET', overviewPath(MUSTERSTADT, `concept_id=${other}`), t.officer), 404);
		assertProblem(await api('GET', overviewPath(MUSTERSTADT, 'concept_id=999999999999'), t.officer), 404);
	});
});

describe('since the last meeting', () => {
	/* the last steering-group meeting held, as the database has it */
	const lastHeld = () => psql(`SELECT g.id || ' ' || (g.starts_at AT TIME ZONE 'Europe/Berlin')::date
		FROM meeting g JOIN municipality mu ON mu.id = g.municipality_id
		WHERE mu.ags = '${MUSTERSTADT}' AND g.kind = 'steering_group' AND g.status = 'held' AND g.starts_at <= now()
		ORDER BY g.starts_at DESC, g.id DESC LIMIT 1`);

	test('without a meeting held: 90 days ago', async () => {
		if (lastHeld()) return; /* another file held one already */
		const doc = await overview();
		assert.equal(doc.since_source, 'default');
		assert.equal(doc.since, addDays(today(), -90));
		assert.equal(doc.meetings.last, null);
	});

	test('since the day of the last steering-group meeting held; the next one planned', async () => {
		const held = meeting('steering_group', 'held', "now() - interval '20 days'", `Sitzung ${TAG}`);
		/* neither a working group, nor a cancelled or future meeting, nor a planned one in the past counts */
		meeting('working_group', 'held', "now() - interval '2 days'", `AG ${TAG}`);
		meeting('steering_group', 'cancelled', "now() - interval '1 day'", `Abgesagt ${TAG}`);
		meeting('steering_group', 'planned', "now() - interval '3 days'", `Nicht gehalten ${TAG}`);
		const next = meeting('steering_group', 'planned', "now() + interval '30 days'", `Nächste ${TAG}`, 'Bürgerhaus');
		meeting('steering_group', 'planned', "now() + interval '60 days'", `Übernächste ${TAG}`);
		const [id, day] = lastHeld().split(' ');
		const doc = await overview();
		assert.equal(doc.since_source, 'last_meeting');
		assert.equal(doc.meetings.last.id, id);
		assert.equal(doc.since, day);
		if (id === held) {
			assert.equal(doc.since, psql(`SELECT ((now() - interval '20 days') AT TIME ZONE 'Europe/Berlin')::date`));
			assert.equal(doc.meetings.last.title, `Sitzung ${TAG}`);
		}
		const nextExpected = psql(`SELECT g.id FROM meeting g JOIN municipality mu ON mu.id = g.municipality_id
			WHERE mu.ags = '${MUSTERSTADT}' AND g.kind = 'steering_group' AND g.status = 'planned' AND g.starts_at > now()
			ORDER BY g.starts_at, g.id LIMIT 1`);
		assert.equal(doc.meetings.next.id, nextExpected);
		if (nextExpected === next) assert.equal(doc.meetings.next.place, 'Bürgerhaus');
		/* a date given wins */
		const given = await overview('since=2026-01-15');
		assert.equal(given.since, '2026-01-15');
		assert.equal(given.since_source, 'query');
	});

	test('the changes: a status change, a rank move, a new Sachstand and a new observation', async () => {
		const q = `concept_id=${mine.concept.id}&since=${today()}`;
		const start = await overview(q);
		assert.equal(start.changes_total.new_measures, 3);
		assert.deepEqual(start.changes.new_measures.map((x) => x.measure.id), [mine.c.id, mine.b.id, mine.a.id], 'newest first');
		assert.equal(start.changes.new_measures[0].status, 'proposed');
		assert.match(start.changes.new_measures[0].by ?? '', /\S/, 'the officer who added it');
		for (const g of ['status_changes', 'rank_moves', 'progress_reports']) assert.equal(start.changes_total[g], 0, g);

		/* the steering group plans a: proposed → planned */
		const planned = await api('PATCH', `${base()}/measures/${mine.a.id}`, t.steering, {
			body: { status: 'planned' }, headers: { 'If-Match': '*' },
		});
		assert.equal(planned.status, 200, planned.text);
		/* c moves to rank 1 */
		const moved = await api('PUT', `${base()}/measures/${mine.c.id}/rank`, t.officer, { body: { rank: 1 }, headers: { 'If-Match': '*' } });
		assert.equal(moved.status, 200, moved.text);
		/* a Sachstand on b */
		const report = await api('POST', `${base()}/measures/${mine.b.id}/progress-reports`, t.officer, {
			body: { status: 'delayed', progress: 15, text: `Sachstand ${TAG}`, reported_on: today() },
		});
		assert.equal(report.status, 201, report.text);
		/* an observation of a new indicator */
		const ind = await api('POST', `${base()}/indicators`, t.officer, {
			body: { name: `Kennzahl ${TAG}`, unit: '%', direction: 'higher_is_better', source_set: 'local' },
		});
		assert.equal(ind.status, 201, ind.text);
		const obs = await api('POST', `${base()}/indicators/${ind.json.id}/observations`, t.officer, { body: { period_end: '2026-06-30', value: 12.5 } });
		assert.equal(obs.status, 201, obs.text);

		const doc = await overview(q);
		const steeringName = psql(`SELECT display_name FROM account WHERE lower(email) = 'buergermeisterin@musterstadt.example'`);
		assert.equal(doc.changes_total.status_changes, 1);
		assert.deepEqual(doc.changes.status_changes.map(({ at, ...x }) => x), [{
			measure: { id: mine.a.id, code: mine.a.code, title: mine.a.title }, from: 'proposed', to: 'planned', by: steeringName,
		}]);
		assert.equal(doc.changes_total.rank_moves, 1);
		assert.deepEqual(doc.changes.rank_moves.map((x) => [x.measure.id, x.from, x.to]), [[mine.c.id, 3, 1]]);
		assert.equal(doc.changes_total.progress_reports, 1);
		assert.deepEqual(doc.changes.progress_reports.map(({ at, ...x }) => x), [{
			measure: { id: mine.b.id, code: mine.b.code, title: mine.b.title }, status: 'delayed', progress: 15,
			reported_on: today(), organisation: null,
		}]);
		assert.equal(doc.changes_total.new_measures, 3);
		const o = doc.changes.observations.find((x) => x.indicator.id === ind.json.id);
		assert.ok(o, 'the new observation is listed');
		assert.deepEqual({ ...o, at: undefined }, {
			indicator: { id: ind.json.id, name: `Kennzahl ${TAG}` }, value: 12.5, period_end: '2026-06-30', at: undefined,
		});
		/* the counts followed too */
		assert.equal(doc.totals.by_status.planned, 1);
		assert.equal(doc.totals.delayed, 1);
		assert.deepEqual(doc.to_decide.proposed.map((m) => m.id), [mine.c.id, mine.b.id], 'by rank');
		/* nothing happened tomorrow */
		const tomorrow = await overview(`concept_id=${mine.concept.id}&since=${addDays(today(), 1)}`);
		assert.deepEqual(Object.values(tomorrow.changes_total), [0, 0, 0, 0, 0]);
		/* newest first in every group */
		for (const g of Object.values(doc.changes)) {
			const at = g.map((x) => Date.parse(x.at));
			assert.deepEqual(at, [...at].sort((a, b) => b - a));
		}
	});
});

describe('who may read it', () => {
	test('officer, steering group and district admin: 200', async () => {
		for (const token of [t.officer, t.steering, t.dadm]) {
			const doc = await overview('', token);
			assert.equal(doc.municipality.ags, MUSTERSTADT);
		}
	});

	test('partner 403, API client 403, another municipality\'s officer 404, anonymous 401', async () => {
		assertProblem(await api('GET', overviewPath(), t.partner), 403);
		assertProblem(await api('GET', overviewPath(), t.client), 403);
		assertProblem(await api('GET', overviewPath(), t.officerL), 404);
		assertUnauthorized(await api('GET', overviewPath(), ''));
		/* the same with CSV asked for */
		assertProblem(await api('GET', overviewPath(), t.partner, { headers: { Accept: 'text/csv' } }), 403);
		assertProblem(await api('GET', overviewPath(), t.officerL, { headers: { Accept: 'text/csv' } }), 404);
	});

	test('the officer of Musterlingen reads Musterlingen\'s overview, without Musterstadt\'s meetings', async () => {
		const doc = await overview('', t.officerL, MUSTERLINGEN);
		assert.equal(doc.municipality.ags, MUSTERLINGEN);
		assert.ok(!doc.changes.new_measures.some((x) => [mine.a.id, mine.b.id, mine.c.id].includes(x.measure.id)));
		if (doc.meetings.last) assert.ok(!meetings.includes(doc.meetings.last.id));
	});
});

describe('forged or malformed parameters', () => {
	const cases = [
		['since=2026-13-01', 'since'], ['since=2026-02-30', 'since'], ['since=yesterday', 'since'],
		['since=2026-01-01T00:00:00Z', 'since'], ['since=', 'since'], ['since=%27%3B--', 'since'],
		['concept_id=abc', 'concept_id'], ['concept_id=-1', 'concept_id'], ['concept_id=1.5', 'concept_id'],
		['concept_id=99999999999999999999999', 'concept_id'], ['concept_id=1%3BDROP%20TABLE%20measure', 'concept_id'],
		['concept_id=', 'concept_id'],
	];
	for (const [query, parameter] of cases) {
		test(`${query}: 400 naming ${parameter}`, async () => {
			assertProblem(await api('GET', overviewPath(MUSTERSTADT, query), t.officer), 400, { parameter });
		});
	}

	test('a malformed AGS: 400; an AGS of no municipality: 404', async () => {
		assertProblem(await api('GET', '/api/v1/municipalities/0599900X/overview', t.officer), 400);
		assertProblem(await api('GET', overviewPath('05999999'), t.officer), 404);
	});

	test('unknown parameters are ignored; other methods answer 405', async () => {
		const doc = await overview(`concept_id=${mine.concept.id}&foo=bar`);
		assert.equal(doc.concept.id, mine.concept.id);
		assertProblem(await api('POST', overviewPath(), t.officer, { body: {} }), 405);
	});
});
