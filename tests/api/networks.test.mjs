/*
 * Networks (Netzwerke, Trägerverbünde, Arbeitskreise) under
 * /api/v1/municipalities/{ags}/networks: who sees which (staff, partners
 * of member and other organisations, API clients, the public), who
 * changes them (officers of the municipalities a network spans; only the
 * home's delete it), members and measures, another municipality's ids,
 * forged and absent tokens, If-Match, bad input.
 *
 * The networks changed here are made by this file (names carry a per-run
 * tag); what a role should see is counted with SQL through TEST_PSQL_CMD.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, claimsOf, forge, lit, organisationId, psql, signInPersonas } from './lib/auth.mjs';
import { base, clientToken, createMeasure } from './lib/catalogue.mjs';
import { assertAt, assertPointer, assertUnauthorized } from './lib/checks.mjs';
import { assertProblem } from './lib/contract.mjs';
import { api, everyItem } from './lib/requests.mjs';

const LINDENAU = '05999012';
const TAG = `N${process.pid}${randomBytes(3).toString('hex')}`;
const listPath = (ags = MUSTERSTADT) => `${base(ags)}/networks`;
const onePath = (id, ags = MUSTERSTADT) => `${listPath(ags)}/${id}`;
const memberPath = (id, org, ags = MUSTERSTADT) => `${onePath(id, ags)}/members/${org}`;
const measuresPath = (id, ags = MUSTERSTADT) => `${onePath(id, ags)}/measures`;
const publicPath = (ags) => `/api/v1/public/municipalities/${ags}/networks`;

const t = {};
const o = {}; /* organisation ids */
const sqlIds = (sql) => psql(sql).split('\n').filter(Boolean).sort();
const ids = (items) => items.map((i) => i.id).sort();
const mid = (ags) => `(SELECT id FROM municipality WHERE ags = ${lit(ags)})`;
const version = (id) => Number(psql(`SELECT version FROM network WHERE id = ${Number(id)}`));
const exists = (id) => psql(`SELECT count(*) FROM network WHERE id = ${Number(id)}`) === '1';

async function newNetwork(body = {}, token = t.officer, ags = MUSTERSTADT) {
	const res = await api('POST', listPath(ags), token, {
		body: { name: `Netzwerk ${TAG} ${randomBytes(2).toString('hex')}`, kind: 'network', ...body },
	});
	assert.equal(res.status, 201, `creating a network: ${res.text.slice(0, 400)}`);
	return res;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL, t.steeringL] = await signInPersonas(
		'officer', 'steering', 'partner', 'dadm', 'officerL', 'steeringL');
	o.caritas = await organisationId(t.officer, CARITAS);
	o.dtkv = await organisationId(t.officer, 'Deutsch-Türkischer Kulturverein Musterstadt e.V.');
	o.vhs = await organisationId(t.officer, 'Volkshochschule Musterkreis');
});

describe('the demo networks', () => {
	test('the Trägerverbund in Musterlingen: six Träger, public, coordinated by the town, carrying measures', async () => {
		const list = await everyItem(listPath(MUSTERLINGEN), t.officerL);
		const tv = list.find((n) => n.name === 'Trägerverbund Integrationszentrum Musterlingen');
		assert.ok(tv, 'listed in Musterlingen');
		assert.equal(tv.kind, 'provider_association');
		assert.equal(tv.visibility, 'public');
		const doc = (await api('GET', onePath(tv.id, MUSTERLINGEN), t.officerL)).json;
		const providers = psql(`SELECT count(*) FROM network_member WHERE network_id = ${tv.id} AND role = 'provider'`);
		assert.equal(doc.members.filter((m) => m.role === 'provider').length, Number(providers));
		assert.equal(Number(providers), 6, 'Stadt, Caritas, Diözese, Franziskanerinnen, kath. und ev. Gemeinde');
		assert.equal(doc.member_count, Number(psql(`SELECT count(*) FROM network_member WHERE network_id = ${tv.id}`)));
		assert.deepEqual(ids(doc.measures), sqlIds(`SELECT measure_id FROM network_measure WHERE network_id = ${tv.id}`));
		assert.ok(doc.measures.length > 0);
	});

	test('the district-wide Arbeitskreis is listed in every municipality it spans, coordinated by the Caritas', async () => {
		const spans = psql(`SELECT string_agg(mu.ags, ',' ORDER BY mu.ags) FROM network n JOIN network_municipality nm ON nm.network_id = n.id
			JOIN municipality mu ON mu.id = nm.municipality_id WHERE n.name = 'Arbeitskreis Integration im Musterkreis'`).split(',');
		assert.ok(spans.length >= 3, `spans several municipalities: ${spans}`);
		for (const ags of spans) {
			const ak = (await everyItem(listPath(ags), t.dadm)).find((n) => n.name === 'Arbeitskreis Integration im Musterkreis');
			assert.ok(ak, `listed in ${ags}`);
			assert.equal(ak.coordinator.id, o.caritas);
			assert.deepEqual(ak.municipalities.map((m) => m.ags), spans);
		}
	});
});

describe('who sees which network', () => {
	const n = {};
	before(async () => {
		n.internal = (await newNetwork({ visibility: 'internal' })).json;
		n.partners = (await newNetwork({ visibility: 'partners' })).json;
		n.public = (await newNetwork({ visibility: 'public', coordinator_organisation_id: o.vhs })).json;
		n.member = (await newNetwork({ visibility: 'internal' })).json;
		const put = await api('PUT', memberPath(n.member.id, o.caritas), t.officer, { body: { role: 'member' } });
		assert.equal(put.status, 200, put.text);
		n.lingen = (await newNetwork({ visibility: 'public' }, t.officerL, MUSTERLINGEN)).json;
	});

	test('the staff see every network working in their municipality', async () => {
		const expected = sqlIds(`SELECT network_id FROM network_municipality WHERE municipality_id = ${mid(MUSTERSTADT)}`);
		for (const role of ['officer', 'steering', 'dadm']) assert.deepEqual(ids(await everyItem(listPath(), t[role])), expected, role);
		assert.ok(expected.includes(n.internal.id) && !expected.includes(n.lingen.id));
	});

	test('a partner sees those shared with partners or the public and those its organisation belongs to or coordinates', async () => {
		const expected = sqlIds(`SELECT n.id FROM network n JOIN network_municipality nm ON nm.network_id = n.id
			WHERE nm.municipality_id = ${mid(MUSTERSTADT)} AND (n.visibility <> 'internal' OR n.coordinator_organisation_id = ${o.caritas}
			OR EXISTS (SELECT FROM network_member m WHERE m.network_id = n.id AND m.organisation_id = ${o.caritas}))`);
		const seen = ids(await everyItem(listPath(), t.partner));
		assert.deepEqual(seen, expected);
		assert.ok(seen.includes(n.member.id) && seen.includes(n.partners.id) && !seen.includes(n.internal.id));
		assertProblem(await api('GET', onePath(n.internal.id), t.partner), 404);
		assert.equal((await api('GET', onePath(n.member.id), t.partner)).status, 200);
	});

	test('API clients need catalogue:read', async () => {
		const withScope = await clientToken(t.officer, o.caritas, `Netz ${TAG} a`, ['catalogue:read']);
		const without = await clientToken(t.officer, o.caritas, `Netz ${TAG} b`, ['progress:write']);
		assert.ok(ids(await everyItem(listPath(), withScope)).includes(n.partners.id));
		assertProblem(await api('GET', listPath(), without), 403);
		assertProblem(await api('POST', listPath(), withScope, { body: { name: `${TAG} API`, kind: 'other' } }), 403);
	});

	test('another municipality\'s networks answer 404, through either path', async () => {
		assertProblem(await api('GET', onePath(n.internal.id, MUSTERLINGEN), t.officerL), 404);
		assertProblem(await api('GET', onePath(n.internal.id), t.officerL), 404);
		assertProblem(await api('GET', onePath(n.lingen.id), t.officer), 404);
		assertProblem(await api('PATCH', onePath(n.internal.id, MUSTERLINGEN), t.officerL, { body: { name: 'fremd' } }), 404);
		assertProblem(await api('DELETE', onePath(n.internal.id, MUSTERLINGEN), t.officerL), 404);
		assertProblem(await api('PUT', memberPath(n.internal.id, o.dtkv, MUSTERLINGEN), t.officerL, { body: { role: 'member' } }), 404);
		assertProblem(await api('PUT', measuresPath(n.internal.id, MUSTERLINGEN), t.officerL, { body: { measure_ids: [] } }), 404);
		assert.ok(exists(n.internal.id));
	});

	test('the public list: public networks of the municipality, members and coordinator by name only', async () => {
		const expected = sqlIds(`SELECT n.id FROM network n JOIN network_municipality nm ON nm.network_id = n.id
			WHERE nm.municipality_id = ${mid(MUSTERSTADT)} AND n.visibility = 'public'`);
		const items = await everyItem(publicPath(MUSTERSTADT));
		assert.deepEqual(ids(items), expected);
		const p = items.find((x) => x.id === n.public.id);
		assert.equal(p.coordinator.id, o.vhs);
		assert.ok(!('visibility' in p) && !('created_at' in p) && !('measures' in p));
		assertProblem(await api('GET', publicPath('05999999')), 404);
		assertProblem(await api('GET', `${publicPath(MUSTERSTADT)}?kind=verein`), 400);
	});

	test('filters: kind and organisation_id; bad values → 400', async () => {
		const byOrg = sqlIds(`SELECT n.id FROM network n JOIN network_municipality nm ON nm.network_id = n.id
			WHERE nm.municipality_id = ${mid(MUSTERSTADT)} AND EXISTS (SELECT FROM network_member m WHERE m.network_id = n.id
			AND m.organisation_id = ${o.caritas})`);
		assert.deepEqual(ids(await everyItem(listPath(), t.officer, `organisation_id=${o.caritas}`)), byOrg);
		const byKind = sqlIds(`SELECT n.id FROM network n JOIN network_municipality nm ON nm.network_id = n.id
			WHERE nm.municipality_id = ${mid(MUSTERSTADT)} AND n.kind = 'working_group'`);
		assert.deepEqual(ids(await everyItem(listPath(), t.officer, 'kind=working_group')), byKind);
		assertProblem(await api('GET', `${listPath()}?kind=verein`, t.officer), 400, { parameter: 'kind' });
		assertProblem(await api('GET', `${listPath()}?organisation_id=abc`, t.officer), 400, { parameter: 'organisation_id' });
	});

	test('paging by name: pages of one give the whole list once', async () => {
		const all = ids(await everyItem(listPath(), t.officer));
		const seen = [];
		let cursor = null;
		for (let i = 0; i < 200; i++) {
			const res = await api('GET', `${listPath()}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, t.officer);
			assert.equal(res.status, 200, res.text);
			seen.push(...res.json.items.map((x) => x.id));
			cursor = res.json.next_cursor;
			if (!cursor) break;
		}
		assert.deepEqual(seen.sort(), all);
	});
});

describe('creating and changing networks', () => {
	test('an officer creates one: 201, Location, ETag; its home is always among the municipalities', async () => {
		const res = await newNetwork({ kind: 'working_group', municipality_ags: [LINDENAU], purpose: '  Austausch  ' });
		const nw = res.json;
		assert.equal(res.headers.location, onePath(nw.id));
		assert.equal(res.headers.etag, '"1"');
		assert.deepEqual(nw.municipalities.map((m) => m.ags), [MUSTERSTADT, LINDENAU].sort());
		assert.equal(nw.purpose, 'Austausch');
		assert.equal(nw.visibility, 'internal');
		assert.deepEqual([nw.members, nw.measures, nw.member_count], [[], [], 0]);
		const got = await api('GET', onePath(nw.id), t.steering);
		assert.deepEqual(got.json, nw);
		assert.equal((await api('GET', onePath(nw.id), t.steering, { headers: { 'If-None-Match': got.headers.etag } })).status, 304);
		/* it works in Lindenau too, and the Caritas partner (Lindenau) sees it only once shared */
		assertProblem(await api('GET', onePath(nw.id, LINDENAU), t.partner), 404);
		const audit = psql(`SELECT count(*) FROM audit_event WHERE table_name = 'network' AND row_id = ${lit(nw.id)} AND action = 'insert'
			AND municipality_id = ${mid(MUSTERSTADT)}`);
		assert.equal(audit, '1', 'the creation is audited');
	});

	test('who may not create: steering group, partners, anonymous, forged tokens', async () => {
		const body = { name: `${TAG} verboten`, kind: 'other' };
		assertProblem(await api('POST', listPath(), t.steering, { body }), 403);
		assertProblem(await api('POST', listPath(), t.partner, { body }), 403);
		assertProblem(await api('POST', listPath(MUSTERLINGEN), t.officer, { body }), 404);
		assertUnauthorized(await api('POST', listPath(), undefined, { body }));
		const c = claimsOf(t.partner);
		c.mem = c.mem.map((m) => ({ ...m, role: 'officer', org: null }));
		assertUnauthorized(await api('POST', listPath(), forge(c), { body }), /^Bearer/);
		assertUnauthorized(await api('POST', listPath(), forge(claimsOf(t.officer), { secret: randomBytes(32) }), { body }));
		assert.equal(psql(`SELECT count(*) FROM network WHERE name = ${lit(body.name)}`), '0');
	});

	test('partners (even members) and the steering group change and delete nothing', async () => {
		const nw = (await newNetwork({ visibility: 'partners' })).json;
		await api('PUT', memberPath(nw.id, o.caritas), t.officer, { body: { role: 'provider' } });
		for (const role of ['partner', 'steering']) {
			assertProblem(await api('PATCH', onePath(nw.id), t[role], { body: { purpose: role } }), 403);
			assertProblem(await api('DELETE', onePath(nw.id), t[role]), 403);
			assertProblem(await api('DELETE', memberPath(nw.id, o.caritas), t[role]), 403);
		}
		assert.equal(psql(`SELECT coalesce(purpose, '-') || ' ' || version FROM network WHERE id = ${nw.id}`), '- 2');
		assert.equal(psql(`SELECT count(*) FROM network_member WHERE network_id = ${nw.id}`), '1');
	});

	test('bad input → 422 at the field; a name twice in the municipality → 409', async () => {
		const ok = { name: `${TAG} Prüfung`, kind: 'network' };
		assertPointer(await api('POST', listPath(), t.officer, { body: { kind: 'network' } }), '/name');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, kind: 'verein' } }), '/kind');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, visibility: 'geheim' } }), '/visibility');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, coordinator_organisation_id: '999999999' } }), '/coordinator_organisation_id');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, coordinator_organisation_id: 'abc' } }), '/coordinator_organisation_id');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, municipality_ags: [LINDENAU, '05999999'] } }), '/municipality_ags/1');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, municipality_ags: [7] } }), '/municipality_ags/0');
		assertPointer(await api('POST', listPath(), t.officer, { body: { ...ok, created_by: '1' } }), '/created_by');
		assert.equal(psql(`SELECT count(*) FROM network WHERE name = ${lit(ok.name)}`), '0', 'nothing half-written');
		await newNetwork(ok);
		assertProblem(await api('POST', listPath(), t.officer, { body: ok }), 409);
	});

	test('If-Match: a stale ETag → 412 and nothing changes; the current one changes it', async () => {
		const nw = (await newNetwork()).json;
		const first = await api('PATCH', onePath(nw.id), t.officer, { body: { visibility: 'partners' }, headers: { 'If-Match': '"1"' } });
		assert.equal(first.status, 200, first.text);
		assert.equal(first.headers.etag, '"2"');
		assertProblem(await api('PATCH', onePath(nw.id), t.officer, { body: { visibility: 'public' }, headers: { 'If-Match': '"1"' } }), 412);
		assert.equal(psql(`SELECT visibility FROM network WHERE id = ${nw.id}`), 'partners');
		assertProblem(await api('DELETE', onePath(nw.id), t.officer, { headers: { 'If-Match': '"1"' } }), 412);
		assert.ok(exists(nw.id));
	});

	test('officers of a municipality the network spans change it; only its home deletes it', async () => {
		const nw = (await newNetwork({ municipality_ags: [MUSTERLINGEN] })).json;
		const res = await api('PATCH', onePath(nw.id, MUSTERLINGEN), t.officerL, { body: { purpose: 'gemeinsam', municipality_ags: [] } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.purpose, 'gemeinsam');
		assert.deepEqual(res.json.municipalities.map((m) => m.ags), [MUSTERSTADT, MUSTERLINGEN], 'home and the path stay');
		assertProblem(await api('PATCH', onePath(nw.id, MUSTERLINGEN), t.steeringL, { body: { purpose: 'x' } }), 403);
		assertProblem(await api('DELETE', onePath(nw.id, MUSTERLINGEN), t.officerL), 403);
		assert.ok(exists(nw.id));
		/* the home drops Musterlingen; Musterlingen's officer no longer finds it */
		const drop = await api('PATCH', onePath(nw.id), t.officer, { body: { municipality_ags: [] } });
		assert.deepEqual(drop.json.municipalities.map((m) => m.ags), [MUSTERSTADT]);
		assertProblem(await api('GET', onePath(nw.id, MUSTERLINGEN), t.officerL), 404);
		const del = await api('DELETE', onePath(nw.id), t.officer);
		assert.equal(del.status, 204, del.text);
		assert.ok(!exists(nw.id));
		assertProblem(await api('GET', onePath(nw.id), t.officer), 404);
	});

	test('a district-wide Arbeitskreis by the district admin', async () => {
		const res = await newNetwork({ kind: 'working_group', municipality_ags: [MUSTERSTADT, MUSTERLINGEN, LINDENAU], coordinator_organisation_id: o.caritas, visibility: 'partners' }, t.dadm);
		assert.deepEqual(res.json.municipalities.map((m) => m.ags), [MUSTERSTADT, MUSTERLINGEN, LINDENAU].sort());
		for (const ags of [MUSTERLINGEN, LINDENAU]) assert.equal((await api('GET', onePath(res.json.id, ags), t.partner)).status, 200);
		assert.equal((await api('DELETE', onePath(res.json.id), t.dadm)).status, 204);
	});
});

describe('members and measures', () => {
	let nw;
	before(async () => {
		nw = (await newNetwork({ municipality_ags: [MUSTERLINGEN] })).json;
	});

	test('PUT adds a member and changes its role; since stays unless sent; the version rises', async () => {
		const v = version(nw.id);
		const add = await api('PUT', memberPath(nw.id, o.caritas), t.officer, { body: { role: 'provider', since: '2018-02-03' } });
		assert.equal(add.status, 200, add.text);
		assert.equal(version(nw.id), v + 1);
		assert.equal(add.headers.etag, `"${v + 1}"`);
		const m = add.json.members.find((x) => x.organisation.id === o.caritas);
		assert.deepEqual(m, { organisation: { id: o.caritas, name: CARITAS, kind: 'welfare_association' }, role: 'provider', since: '2018-02-03' });
		const change = await api('PUT', memberPath(nw.id, o.caritas, MUSTERLINGEN), t.officerL, { body: { role: 'cooperation_partner' } });
		assert.equal(change.status, 200, change.text);
		assert.equal(psql(`SELECT role || ' ' || since FROM network_member WHERE network_id = ${nw.id} AND organisation_id = ${o.caritas}`),
			'cooperation_partner 2018-02-03');
		await api('PUT', memberPath(nw.id, o.dtkv), t.officer, { body: { role: 'member', since: null } });
		const doc = (await api('GET', onePath(nw.id), t.officer)).json;
		assert.equal(doc.member_count, Number(psql(`SELECT count(*) FROM network_member WHERE network_id = ${nw.id}`)));
		assert.equal(doc.member_count, 2);
	});

	test('bad members: a role that is none → 422, an organisation that is none → 404, partners and steering → 403', async () => {
		assertPointer(await api('PUT', memberPath(nw.id, o.vhs), t.officer, { body: { role: 'chef' } }), '/role');
		assertPointer(await api('PUT', memberPath(nw.id, o.vhs), t.officer, { body: {} }), '/role');
		assertPointer(await api('PUT', memberPath(nw.id, o.vhs), t.officer, { body: { role: 'member', since: '2020-13-01' } }), '/since');
		assertProblem(await api('PUT', memberPath(nw.id, '999999999'), t.officer, { body: { role: 'member' } }), 404);
		assertProblem(await api('PUT', memberPath(nw.id, 'abc'), t.officer, { body: { role: 'member' } }), 404);
		assertProblem(await api('PUT', memberPath(nw.id, o.vhs), t.partner, { body: { role: 'member' } }), 403);
		assertProblem(await api('PUT', memberPath(nw.id, o.vhs), t.steering, { body: { role: 'member' } }), 403);
		assert.equal(psql(`SELECT count(*) FROM network_member WHERE network_id = ${nw.id} AND organisation_id = ${o.vhs}`), '0');
	});

	test('DELETE removes a member: 204, then 404', async () => {
		const del = await api('DELETE', memberPath(nw.id, o.dtkv), t.officer);
		assert.equal(del.status, 204, del.text);
		assert.equal(psql(`SELECT count(*) FROM network_member WHERE network_id = ${nw.id} AND organisation_id = ${o.dtkv}`), '0');
		assertProblem(await api('DELETE', memberPath(nw.id, o.dtkv), t.officer), 404);
		assertProblem(await api('DELETE', memberPath(nw.id, o.caritas), t.partner), 403);
	});

	test('measures of the path\'s municipality only (422 otherwise); each municipality replaces its own', async () => {
		const action = psql(`SELECT id FROM action_field WHERE municipality_id = ${mid(MUSTERSTADT)} ORDER BY id LIMIT 1`);
		const c = await api('POST', `${base()}/concepts`, t.officer, { body: { title: `Netzwerke ${TAG}` } });
		assert.equal(c.status, 201, c.text);
		const concept = c.json.id;
		const ms = await createMeasure(t.officer, { concept_id: concept, action_field_id: action, code: `N${randomBytes(2).toString('hex')}`, title: `Netzwerkmaßnahme ${TAG}`, horizon: 'short' });
		const lingenMeasure = psql(`SELECT id FROM measure WHERE municipality_id = ${mid(MUSTERLINGEN)} ORDER BY id LIMIT 1`);
		assertPointer(await api('PUT', measuresPath(nw.id), t.officer, { body: { measure_ids: [ms.id, lingenMeasure] } }), '/measure_ids/1');
		assertPointer(await api('PUT', measuresPath(nw.id), t.officer, { body: { measure_ids: ['x'] } }), '/measure_ids');
		assertPointer(await api('PUT', measuresPath(nw.id), t.officer, { body: {} }), '/measure_ids');
		const put = await api('PUT', measuresPath(nw.id), t.officer, { body: { measure_ids: [ms.id] } });
		assert.equal(put.status, 200, put.text);
		assert.deepEqual(put.json.measures, [{ id: ms.id, code: ms.code, title: ms.title, status: ms.status }]);
		/* Musterlingen's officer adds a Musterlingen measure; Musterstadt's stays */
		const lput = await api('PUT', measuresPath(nw.id, MUSTERLINGEN), t.officerL, { body: { measure_ids: [lingenMeasure] } });
		assert.equal(lput.status, 200, lput.text);
		assertPointer(await api('PUT', measuresPath(nw.id, MUSTERLINGEN), t.officerL, { body: { measure_ids: [ms.id] } }), '/measure_ids/0');
		assert.deepEqual(sqlIds(`SELECT measure_id FROM network_measure WHERE network_id = ${nw.id}`), [ms.id, lingenMeasure].sort());
		const clear = await api('PUT', measuresPath(nw.id), t.officer, { body: { measure_ids: [] } });
		assert.equal(clear.status, 200);
		assert.deepEqual(sqlIds(`SELECT measure_id FROM network_measure WHERE network_id = ${nw.id}`), [lingenMeasure]);
		assertAt(await api('PUT', measuresPath(nw.id), t.partner, { body: { measure_ids: [] } }), 403);
	});

	test('a partner sees only the measures it may see in a network\'s document', async () => {
		const tv = psql(`SELECT id FROM network WHERE name = 'Trägerverbund Integrationszentrum Musterlingen'`);
		const expected = sqlIds(`SELECT me.id FROM network_measure nm JOIN measure me ON me.id = nm.measure_id
			JOIN concept c ON c.id = me.concept_id WHERE nm.network_id = ${tv} AND c.status <> 'draft'
			AND (me.visibility <> 'internal' OR me.lead_organisation_id = ${o.caritas} OR ${o.caritas} = ANY (me.partner_organisation_ids))`);
		const doc = await api('GET', onePath(tv, MUSTERLINGEN), t.partner);
		assert.equal(doc.status, 200, doc.text);
		assert.deepEqual(ids(doc.json.measures), expected);
		const all = sqlIds(`SELECT measure_id FROM network_measure WHERE network_id = ${tv}`);
		assert.ok(expected.length < all.length, 'the demo network carries an internal measure the partner does not see');
	});
});
