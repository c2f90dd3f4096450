/*
 * Recommendations (Handlungsempfehlungen) under /api/v1/municipalities/
 * {ags}/recommendations and the public transparency list under
 * /api/v1/public/municipalities/{ags}/recommendations: who sees and writes
 * what (officer, steering group, partner, district admin, an officer of
 * another municipality, anonymous callers), links across municipalities,
 * the responses and the rule that an accepted recommendation has a
 * measure (422, nothing written; the database holds it too), the measure
 * document, the overview's to_decide.recommendations, meeting items, and
 * the public list (internal measures counted, never shown).
 *
 * The consultations and contributions are written with SQL (the
 * participation family's API is another branch's); what a role should see
 * is counted with SQL through TEST_PSQL_CMD, not copied from the answers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, lit, psql, signInPersonas } from './lib/auth.mjs';
import { base } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt, assertEtag, assertUnauthorized } from './lib/checks.mjs';

const TAG = `E${process.pid}${randomBytes(3).toString('hex')}`;
const VERSION = /^"[1-9][0-9]*"$/;

const recsPath = (ags = MUSTERSTADT) => `${base(ags)}/recommendations`;
const recPath = (id, ags = MUSTERSTADT) => `${recsPath(ags)}/${id}`;
const publicPath = (ags = MUSTERSTADT) => `/api/v1/public/municipalities/${ags}/recommendations`;

const t = {};
const mid = (ags) => `(SELECT id FROM municipality WHERE ags = ${lit(ags)})`;
const sqlIds = (sql) => psql(sql).split('\n').filter(Boolean).sort();
const count = (sql) => Number(psql(sql));

let fieldS; /* an action field of Musterstadt */
let fieldL; /* one of Musterlingen */
const cons = {}; /* consultations of Musterstadt by visibility, and one of Musterlingen */
const contrib = {}; /* a contribution of each */
const meas = {}; /* a public, a partners' and an internal measure of Musterstadt; one of Musterlingen */

function newConsultation(ags, visibility) {
	return psql(`INSERT INTO consultation (municipality_id, kind, title, visibility, starts_on, status)
	             VALUES (${mid(ags)}, 'integration_dialogue', ${lit(`Dialog ${visibility} ${TAG}`)},
	                     ${lit(visibility)}, '2026-03-01', 'open') RETURNING id`).split('\n')[0];
}

function newContribution(ags, consultation) {
	return psql(`INSERT INTO contribution (municipality_id, consultation_id, text, moderation)
	             VALUES (${mid(ags)}, ${consultation}, ${lit(`Beitrag ${TAG}`)}, 'approved')
	             RETURNING id`).split('\n')[0];
}

/* a measure of an adopted concept of Musterstadt with that visibility */
const demoMeasure = (ags, visibility) => psql(`SELECT m.id FROM measure m JOIN concept c ON c.id = m.concept_id
	WHERE m.municipality_id = ${mid(ags)} AND m.visibility = ${lit(visibility)} AND c.status = 'adopted'
	ORDER BY m.id LIMIT 1`);

async function create(body, token = t.officer, ags = MUSTERSTADT) {
	const res = await api('POST', recsPath(ags), token, {
		body: { title: `Empfehlung ${TAG}`, action_field_id: ags === MUSTERSTADT ? fieldS : fieldL, ...body },
	});
	assert.equal(res.status, 201, `creating a recommendation: ${res.text.slice(0, 400)}`);
	return res;
}

async function respond(id, body, token = t.steering, status = 200) {
	const res = await api('POST', `${recPath(id)}/response`, token, {
		body: { reason: 'Begründung der Steuerungsgruppe', decided_on: '2026-11-10', ...body },
	});
	assert.equal(res.status, status, `responding: ${res.text.slice(0, 400)}`);
	return res;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL');
	fieldS = (await everyItem(`${base()}/action-fields`, t.officer))[0].id;
	fieldL = (await everyItem(`${base(MUSTERLINGEN)}/action-fields`, t.officerL))[0].id;
	for (const v of ['internal', 'partners', 'public']) {
		cons[v] = newConsultation(MUSTERSTADT, v);
		contrib[v] = newContribution(MUSTERSTADT, cons[v]);
	}
	cons.lingen = newConsultation(MUSTERLINGEN, 'public');
	contrib.lingen = newContribution(MUSTERLINGEN, cons.lingen);
	for (const v of ['internal', 'partners', 'public']) meas[v] = demoMeasure(MUSTERSTADT, v);
	meas.lingen = psql(`SELECT id FROM measure WHERE municipality_id = ${mid(MUSTERLINGEN)} ORDER BY id LIMIT 1`);
	for (const [k, v] of Object.entries(meas)) assert.match(v, /^[0-9]+$/, `a demo measure ${k}`);
});

describe('officers manage recommendations', () => {
	test('an officer creates one with its links; the document, Location and ETag agree with the database', async () => {
		const res = await create({ text: 'Mehr Sprachförderung', consultation_ids: [cons.public], contribution_ids: [contrib.public] });
		const doc = res.json;
		assert.match(res.headers.location, new RegExp(`/recommendations/${doc.id}$`));
		assertEtag(res, VERSION);
		assert.deepEqual(doc.consultations.map((c) => c.id), [cons.public]);
		assert.deepEqual(doc.contribution_ids, [contrib.public]);
		assert.equal(doc.response, null);
		assert.equal(doc.action_field.id, fieldS);
		assert.equal(count(`SELECT count(*) FROM recommendation_consultation WHERE recommendation_id = ${doc.id}`), 1);
	});

	test('PATCH changes it with If-Match, relinks, and a stale ETag answers 412', async () => {
		const res = await create({ consultation_ids: [cons.internal] });
		const etag = res.headers.etag;
		const ok = await api('PATCH', recPath(res.json.id), t.officer, {
			body: { title: `Geändert ${TAG}`, consultation_ids: [cons.partners, cons.public] }, headers: { 'If-Match': etag },
		});
		assert.equal(ok.status, 200, ok.text);
		assert.deepEqual(sqlIds(`SELECT consultation_id FROM recommendation_consultation WHERE recommendation_id = ${res.json.id}`),
			[cons.partners, cons.public].sort());
		assert.notEqual(ok.headers.etag, etag);
		assertAt(await api('PATCH', recPath(res.json.id), t.officer, { body: { title: 'x' }, headers: { 'If-Match': etag } }), 412);
	});

	test('the steering group, partners and anonymous callers cannot create; another municipality is 404', async () => {
		const body = { title: `Verboten ${TAG}`, action_field_id: fieldS };
		assertAt(await api('POST', recsPath(), t.steering, { body }), 403);
		assertAt(await api('POST', recsPath(), t.partner, { body }), 403);
		assertUnauthorized(await api('POST', recsPath(), '', { body }));
		assertAt(await api('POST', recsPath(), t.officerL, { body }), 404);
		assert.equal(count(`SELECT count(*) FROM recommendation WHERE title = ${lit(`Verboten ${TAG}`)}`), 0);
	});

	test('links across municipalities are refused at their place, and nothing is written', async () => {
		const title = `Quer ${TAG}`;
		for (const [body, pointer] of [
			[{ consultation_ids: [cons.public, cons.lingen] }, '/consultation_ids/1'],
			[{ contribution_ids: [contrib.lingen] }, '/contribution_ids/0'],
			[{ action_field_id: fieldL }, '/action_field_id'],
		]) {
			const res = await api('POST', recsPath(), t.officer, { body: { title, action_field_id: fieldS, ...body } });
			assertAt(res, 422, pointer);
		}
		assert.equal(count(`SELECT count(*) FROM recommendation WHERE title = ${lit(title)}`), 0);
		const rec = (await create({})).json;
		assertAt(await respond(rec.id, { kind: 'accepted', measure_ids: [meas.lingen] }, t.steering, 422), 422, '/measure_ids/0');
		assertAt(await api('PUT', `${recPath(rec.id)}/measures`, t.officer, { body: { measure_ids: [meas.lingen] } }), 422, '/measure_ids/0');
		assert.equal(count(`SELECT count(*) FROM recommendation_measure WHERE recommendation_id = ${rec.id}`), 0);
		assert.equal(psql(`SELECT response_kind IS NULL FROM recommendation WHERE id = ${rec.id}`), 't');
	});
});

describe('who sees which recommendation', () => {
	const r = {};
	before(async () => {
		for (const v of ['internal', 'partners', 'public']) r[v] = (await create({ consultation_ids: [cons[v]], title: `Sicht ${v} ${TAG}` })).json;
		r.none = (await create({ title: `Ohne Dialog ${TAG}` })).json;
	});

	test('officer, steering group and district admin see all of the municipality', async () => {
		const truth = sqlIds(`SELECT id FROM recommendation WHERE municipality_id = ${mid(MUSTERSTADT)}`);
		for (const role of ['officer', 'steering', 'dadm']) {
			const items = await everyItem(recsPath(), t[role]);
			assert.deepEqual(items.map((x) => x.id).sort(), truth, role);
		}
	});

	test('a partner sees those of consultations shared with partners or the public or organised by it, and those without one', async () => {
		const caritas = `(SELECT id FROM organisation WHERE name = ${lit(CARITAS)})`;
		const truth = sqlIds(`SELECT r.id FROM recommendation r WHERE r.municipality_id = ${mid(MUSTERSTADT)}
			AND (NOT EXISTS (SELECT FROM recommendation_consultation l WHERE l.recommendation_id = r.id)
			     OR EXISTS (SELECT FROM recommendation_consultation l JOIN consultation c ON c.id = l.consultation_id
			                 WHERE l.recommendation_id = r.id
			                   AND (c.visibility IN ('partners', 'public') OR ${caritas} = ANY (c.organiser_organisation_ids))))`);
		assert.ok(truth.includes(r.partners.id) && truth.includes(r.public.id) && truth.includes(r.none.id));
		assert.ok(!truth.includes(r.internal.id));
		const items = await everyItem(recsPath(), t.partner);
		assert.deepEqual(items.map((x) => x.id).sort(), truth);
		assertAt(await api('GET', recPath(r.internal.id), t.partner), 404);
		assert.equal((await api('GET', recPath(r.partners.id), t.partner)).status, 200);
	});

	test('another municipality answers 404, anonymous callers 401', async () => {
		assertAt(await api('GET', recsPath(), t.officerL), 404);
		assertAt(await api('GET', recPath(r.public.id), t.officerL), 404);
		assertAt(await api('GET', recPath(r.public.id, MUSTERLINGEN), t.officerL), 404);
		assertUnauthorized(await api('GET', recsPath(), ''));
	});

	test('the filters agree with the database', async () => {
		const open = await everyItem(recsPath(), t.officer, 'open=true');
		assert.deepEqual(open.map((x) => x.id).sort(),
			sqlIds(`SELECT id FROM recommendation WHERE municipality_id = ${mid(MUSTERSTADT)} AND response_kind IS NULL`));
		const byCons = await everyItem(recsPath(), t.officer, `consultation_id=${cons.partners}`);
		assert.deepEqual(byCons.map((x) => x.id).sort(),
			sqlIds(`SELECT recommendation_id FROM recommendation_consultation WHERE consultation_id = ${cons.partners}`));
		assertAt(await api('GET', `${recsPath()}?response=maybe`, t.officer), 400);
	});

	test('a consultation counts its recommendations', async () => {
		const res = await api('GET', `${base()}/consultations/${cons.partners}`, t.officer);
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.recommendation_count,
			count(`SELECT count(*) FROM recommendation_consultation WHERE consultation_id = ${cons.partners}`));
		assert.ok(res.json.recommendation_count >= 1);
	});
});

describe('responses', () => {
	test('accepted without a measure is 422 and writes nothing', async () => {
		const rec = (await create({})).json;
		const events = count(`SELECT count(*) FROM audit_event WHERE table_name LIKE 'recommendation%' AND row_id = ${lit(rec.id)}`);
		assertAt(await respond(rec.id, { kind: 'accepted' }, t.steering, 422), 422, '/measure_ids');
		assertAt(await respond(rec.id, { kind: 'accepted', measure_ids: [] }, t.steering, 422), 422, '/measure_ids');
		assert.equal(psql(`SELECT coalesce(response_kind, 'none') FROM recommendation WHERE id = ${rec.id}`), 'none');
		assert.equal(count(`SELECT count(*) FROM audit_event WHERE table_name LIKE 'recommendation%' AND row_id = ${lit(rec.id)}`), events);
	});

	test('the steering group accepts with a measure; the measure document lists the recommendation; the last measure stays', async () => {
		const rec = (await create({})).json;
		const res = await respond(rec.id, { kind: 'accepted', measure_ids: [meas.public] });
		assert.equal(res.json.response.kind, 'accepted');
		assert.deepEqual(res.json.measures.map((m) => m.id), [meas.public]);
		const m = await api('GET', `${base()}/measures/${meas.public}`, t.officer);
		assert.equal(m.status, 200);
		const truth = sqlIds(`SELECT recommendation_id FROM recommendation_measure WHERE measure_id = ${meas.public}`);
		assert.deepEqual(m.json.recommendations.map((x) => x.id).sort(), truth);
		assert.equal(m.json.recommendations.find((x) => x.id === rec.id).response_kind, 'accepted');
		assertAt(await api('PUT', `${recPath(rec.id)}/measures`, t.officer, { body: { measure_ids: [] } }), 422, '/measure_ids');
		assert.equal(count(`SELECT count(*) FROM recommendation_measure WHERE recommendation_id = ${rec.id}`), 1);
		const relinked = await api('PUT', `${recPath(rec.id)}/measures`, t.officer, { body: { measure_ids: [meas.internal] } });
		assert.equal(relinked.status, 200, relinked.text);
		assert.deepEqual(sqlIds(`SELECT measure_id FROM recommendation_measure WHERE recommendation_id = ${rec.id}`), [meas.internal]);
	});

	test('every kind of response; a new one replaces the old and the audit log keeps it', async () => {
		const rec = (await create({})).json;
		for (const kind of ['deferred', 'rejected', 'partly_accepted']) {
			const res = await respond(rec.id, { kind, reason: `Grund ${kind}` });
			assert.equal(res.json.response.kind, kind);
			assert.equal(res.json.response.reason, `Grund ${kind}`);
		}
		assert.equal(psql(`SELECT response_kind FROM recommendation WHERE id = ${rec.id}`), 'partly_accepted');
		assert.equal(count(`SELECT count(*) FROM audit_event WHERE table_name = 'recommendation' AND row_id = ${lit(rec.id)}
			AND action = 'update' AND new_values ? 'response_kind'`), 3);
	});

	test('officers respond only with the meeting that decided it; partners never', async () => {
		const rec = (await create({})).json;
		assertAt(await respond(rec.id, { kind: 'deferred' }, t.officer, 403), 403);
		assertAt(await respond(rec.id, { kind: 'deferred' }, t.partner, 403), 403);
		const meeting = psql(`INSERT INTO meeting (municipality_id, title, starts_at)
			VALUES (${mid(MUSTERSTADT)}, ${lit(`Sitzung ${TAG}`)}, now()) RETURNING id`).split('\n')[0];
		const res = await respond(rec.id, { kind: 'deferred', meeting_id: meeting }, t.officer);
		assert.equal(res.json.response.meeting.id, meeting);
		const other = psql(`INSERT INTO meeting (municipality_id, title, starts_at)
			VALUES (${mid(MUSTERLINGEN)}, ${lit(`Sitzung ${TAG}`)}, now()) RETURNING id`).split('\n')[0];
		assertAt(await respond(rec.id, { kind: 'rejected', meeting_id: other }, t.steering, 422), 422, '/meeting_id');
		/* an agenda item may be about the recommendation */
		const item = await api('POST', `${base()}/meetings/${meeting}/items`, t.officer, { body: { title: 'Empfehlung', recommendation_id: rec.id } });
		assert.equal(item.status, 201, item.text);
		assert.deepEqual(item.json.items[0].recommendation, { id: rec.id, title: rec.title });
		const foreign = (await create({}, t.officerL, MUSTERLINGEN)).json;
		assertAt(await api('POST', `${base()}/meetings/${meeting}/items`, t.officer, { body: { title: 'Fremd', recommendation_id: foreign.id } }),
			422, '/recommendation_id');
	});
});

describe('the overview and the public list', () => {
	test('to_decide.recommendations are those without a response', async () => {
		const rec = (await create({ consultation_ids: [cons.partners] })).json;
		const res = await api('GET', `${base()}/overview`, t.steering);
		assert.equal(res.status, 200, res.text);
		const items = res.json.to_decide.recommendations;
		assert.deepEqual(items.map((x) => x.id).sort(),
			sqlIds(`SELECT id FROM recommendation WHERE municipality_id = ${mid(MUSTERSTADT)} AND response_kind IS NULL`));
		assert.deepEqual(items.find((x) => x.id === rec.id).consultations.map((c) => c.id), [cons.partners]);
	});

	test('the public see public ones only, with public measures shown and the others counted, live', async () => {
		const rec = (await create({ consultation_ids: [cons.public, cons.internal], title: `Öffentlich ${TAG}` })).json;
		await respond(rec.id, { kind: 'accepted', measure_ids: [meas.public, meas.partners, meas.internal] });
		const items = await everyItem(publicPath(), '');
		const truth = sqlIds(`SELECT r.id FROM recommendation r WHERE r.municipality_id = ${mid(MUSTERSTADT)}
			AND (NOT EXISTS (SELECT FROM recommendation_consultation l WHERE l.recommendation_id = r.id)
			     OR EXISTS (SELECT FROM recommendation_consultation l JOIN consultation c ON c.id = l.consultation_id
			                 WHERE l.recommendation_id = r.id AND c.visibility = 'public'))`);
		assert.deepEqual(items.map((x) => x.id).sort(), truth);
		const doc = items.find((x) => x.id === rec.id);
		assert.deepEqual(doc.consultations.map((c) => c.id), [cons.public]);
		const shown = sqlIds(`SELECT l.measure_id FROM recommendation_measure l JOIN measure m ON m.id = l.measure_id
			JOIN concept c ON c.id = m.concept_id WHERE l.recommendation_id = ${rec.id} AND m.visibility = 'public' AND c.status = 'adopted'`);
		assert.deepEqual(doc.measures.map((m) => m.id).sort(), shown);
		assert.equal(doc.internal_measure_count,
			count(`SELECT count(*) FROM recommendation_measure WHERE recommendation_id = ${rec.id}`) - shown.length);
		assert.ok(!JSON.stringify(doc).includes(`"${meas.internal}"`));
		const [status, progress] = psql(`SELECT status, progress FROM measure WHERE id = ${meas.public}`).split('|');
		assert.equal(doc.measures[0].status, status);
		assert.equal(doc.measures[0].progress, Number(progress));
		assertAt(await api('GET', publicPath('05999999'), ''), 404);
	});

	test('the database refuses an accepted recommendation without a measure, whoever writes', () => {
		const rec = psql(`INSERT INTO recommendation (municipality_id, title, action_field_id)
			VALUES (${mid(MUSTERSTADT)}, ${lit(`Direkt ${TAG}`)}, ${fieldS}) RETURNING id`).split('\n')[0];
		assert.throws(() => psql(`UPDATE recommendation SET response_kind = 'accepted', response_reason = 'x',
			decided_on = current_date WHERE id = ${rec}`), /at least one measure/);
		assert.equal(psql(`SELECT response_kind IS NULL FROM recommendation WHERE id = ${rec}`), 't');
	});
});
