/*
 * Organisation profiles: GET /api/v1/organisations/{id} with the profile
 * (description, address, website, phone, languages, municipalities with
 * names) and PATCH with If-Match. Partners edit their own organisation
 * only, officers those serving one of their municipalities, the district
 * admin all; the municipalities served only officers (their own) and the
 * district admin. Mass assignment, forged and absent tokens, bad input.
 *
 * The organisations changed here are made by this file (names carry a
 * per-run tag), with a partner account of their own; what the database
 * holds is read with SQL through TEST_PSQL_CMD, not copied from answers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, claimsOf, createAccount, forge, lit, organisationId, psql, signIn,
	signInPersonas,
} from './lib/auth.mjs';
import { clientToken } from './lib/catalogue.mjs';
import { assertAt, assertPointer, assertUnauthorized } from './lib/checks.mjs';
import { assertProblem } from './lib/contract.mjs';
import { api } from './lib/requests.mjs';

const LIST = '/api/v1/organisations';
const LINDENAU = '05999012';
const TAG = `P${process.pid}${randomBytes(3).toString('hex')}`;
const t = {};
const org = {}; /* organisations of this file: { id, ... } */
let partnerOrg; /* { account, token } of the partner of org.own */

const one = (id) => `${LIST}/${id}`;
const patch = (id, token, body, headers = {}) => api('PATCH', one(id), token, { body, headers });
/* the row as the database holds it */
const row = (id) => JSON.parse(psql(`SELECT row_to_json(o) FROM (SELECT name, kind, contact_email, description, street, postcode, city,
	website, phone, languages, district_id, created_by FROM organisation WHERE id = ${Number(id)}) o`));
const served = (id) => psql(`SELECT coalesce(string_agg(mu.ags, ',' ORDER BY mu.ags), '') FROM organisation_municipality om
	JOIN municipality mu ON mu.id = om.municipality_id WHERE om.organisation_id = ${Number(id)}`);

async function createOrg(token, name, municipalities) {
	const res = await api('POST', LIST, token, { body: { name: `${TAG} ${name}`, kind: 'club', municipalities } });
	assert.equal(res.status, 201, res.text);
	return res.json;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL');
	org.own = await createOrg(t.officer, 'Eigener Verein', [MUSTERSTADT]);
	org.other = await createOrg(t.officer, 'Anderer Verein', [MUSTERSTADT]);
	org.lingen = await createOrg(t.officerL, 'Lingener Verein', [MUSTERLINGEN]);
	const account = await createAccount(t.officer, {
		memberships: [{ municipality: MUSTERSTADT, role: 'partner', organisation_id: org.own.id }],
	});
	partnerOrg = { account, token: await signIn(account.email, account.password) };
});

describe('reading an organisation with its profile', () => {
	test('the document carries the profile fields as the database holds them', async () => {
		const id = await organisationId(t.officer, CARITAS);
		const res = await api('GET', one(id), t.partner);
		assert.equal(res.status, 200, res.text);
		const r = row(id);
		for (const k of ['name', 'kind', 'contact_email', 'description', 'street', 'postcode', 'city', 'website', 'phone', 'languages']) {
			assert.deepEqual(res.json[k], r[k], k);
		}
		const expected = psql(`SELECT string_agg(mu.ags || ':' || mu.name, ',' ORDER BY mu.ags) FROM organisation_municipality om
			JOIN municipality mu ON mu.id = om.municipality_id WHERE om.organisation_id = ${id}`);
		assert.equal(res.json.municipalities.map((m) => `${m.ags}:${m.name}`).join(','), expected);
		assert.ok(!('created_by' in res.json) && !('district_id' in res.json), 'no bookkeeping, no persons');
	});

	test('the demo profiles are filled (address, languages) for the seeded organisations', () => {
		const n = Number(psql(`SELECT count(*) FROM organisation WHERE name IN (${[CARITAS, 'Volkshochschule Musterkreis',
			'Deutsch-Türkischer Kulturverein Musterstadt e.V.'].map(lit).join(',')}) AND street IS NOT NULL AND cardinality(languages) > 0`));
		assert.equal(n, 3);
	});

	test('ETag and If-None-Match → 304; anonymous and forged tokens → 401', async () => {
		const res = await api('GET', one(org.own.id), t.steering);
		assert.equal(res.status, 200);
		const again = await api('GET', one(org.own.id), t.steering, { headers: { 'If-None-Match': res.headers.etag } });
		assert.equal(again.status, 304);
		assertUnauthorized(await api('GET', one(org.own.id)));
		assertUnauthorized(await api('GET', one(org.own.id), forge(claimsOf(t.partner), { secret: randomBytes(32) })));
	});
});

describe('who edits an organisation', () => {
	test('its partner edits its profile; the answer and the database agree; the ETag changes', async () => {
		const before = await api('GET', one(org.own.id), partnerOrg.token);
		const body = {
			description: 'Treffpunkt für Familien', street: 'Hauptstraße 1', postcode: '59990', city: 'Musterstadt',
			website: 'https://verein.example', phone: '+49 5999 123-4', languages: ['de', 'tr', 'ar'],
		};
		const res = await patch(org.own.id, partnerOrg.token, body, { 'If-Match': before.headers.etag });
		assert.equal(res.status, 200, res.text);
		assert.notEqual(res.headers.etag, before.headers.etag);
		const r = row(org.own.id);
		for (const [k, v] of Object.entries(body)) {
			assert.deepEqual(r[k], v, `${k} stored`);
			assert.deepEqual(res.json[k], v, `${k} answered`);
		}
		const got = await api('GET', one(org.own.id), t.officer);
		assert.equal(got.headers.etag, res.headers.etag, 'GET answers the ETag PATCH answered');
	});

	test('a stale If-Match → 412 and nothing changes; the current one succeeds', async () => {
		const cur = await api('GET', one(org.own.id), partnerOrg.token);
		const ok = await patch(org.own.id, partnerOrg.token, { city: 'Musterstadt-Nord' }, { 'If-Match': cur.headers.etag });
		assert.equal(ok.status, 200, ok.text);
		assertProblem(await patch(org.own.id, partnerOrg.token, { city: 'Woanders' }, { 'If-Match': cur.headers.etag }), 412);
		assert.equal(row(org.own.id).city, 'Musterstadt-Nord');
	});

	test('a partner editing another organisation → 403, nothing changes', async () => {
		const beforeRow = row(org.other.id);
		assertProblem(await patch(org.other.id, partnerOrg.token, { description: 'gekapert' }), 403);
		const caritas = await organisationId(t.officer, CARITAS);
		assertProblem(await patch(org.other.id, t.partner, { description: 'gekapert' }), 403);
		assert.deepEqual(row(org.other.id), beforeRow);
		/* nor Caritas's partner another's; Caritas's own partner its own (changed back) */
		const c = row(caritas);
		const res = await patch(caritas, t.partner, { phone: c.phone });
		assert.equal(res.status, 200, res.text);
	});

	test('mass assignment by a partner: municipalities → 403, id/created_by/district_id/municipality_ids → 422, never a change', async () => {
		const beforeRow = row(org.own.id);
		const beforeServed = served(org.own.id);
		assertAt(await patch(org.own.id, partnerOrg.token, { municipalities: [MUSTERSTADT, MUSTERLINGEN] }), 403);
		assertAt(await patch(org.own.id, partnerOrg.token, { municipalities: [] }), 403);
		for (const [k, v] of [['id', '1'], ['created_by', '1'], ['district_id', '2'], ['municipality_ids', ['1']], ['updated_at', '2020-01-01T00:00:00Z']]) {
			assertPointer(await patch(org.own.id, partnerOrg.token, { description: 'x', [k]: v }), `/${k}`);
		}
		assert.deepEqual(row(org.own.id), beforeRow);
		assert.equal(served(org.own.id), beforeServed);
	});

	test('officers edit organisations serving their municipalities only; the steering group may not', async () => {
		const res = await patch(org.other.id, t.officer, { description: 'vom Integrationsbüro' });
		assert.equal(res.status, 200, res.text);
		assert.equal(row(org.other.id).description, 'vom Integrationsbüro');
		assertProblem(await patch(org.lingen.id, t.officer, { description: 'fremd' }), 403);
		assertProblem(await patch(org.other.id, t.officerL, { description: 'fremd' }), 403);
		assertProblem(await patch(org.other.id, t.steering, { description: 'Lenkung' }), 403);
		assert.equal(row(org.other.id).description, 'vom Integrationsbüro');
		assert.equal(row(org.lingen.id).description, null);
	});

	test('the district admin edits any organisation and sets any municipality of the district', async () => {
		const res = await patch(org.lingen.id, t.dadm, { municipalities: [MUSTERLINGEN, LINDENAU], kind: 'volunteer_initiative' });
		assert.equal(res.status, 200, res.text);
		assert.equal(served(org.lingen.id), [MUSTERLINGEN, LINDENAU].sort().join(','));
		assert.equal(row(org.lingen.id).kind, 'volunteer_initiative');
	});

	test('officers add and remove only their own municipalities (422 otherwise); partners still working there → 409', async () => {
		/* the Musterlingen officer adds Musterlingen to an organisation serving Musterstadt: it serves one of
		 * hers afterwards only, so she may not edit it before (403) */
		assertProblem(await patch(org.other.id, t.officerL, { municipalities: [MUSTERSTADT, MUSTERLINGEN] }), 403);
		/* the Musterstadt officer may not add Musterlingen */
		assertAt(await patch(org.other.id, t.officer, { municipalities: [MUSTERSTADT, MUSTERLINGEN] }), 422, '/municipalities');
		assert.equal(served(org.other.id), MUSTERSTADT);
		/* nor remove Musterlingen from one serving both */
		const both = await createOrg(t.dadm, 'Beide', [MUSTERSTADT, MUSTERLINGEN]);
		assertAt(await patch(both.id, t.officer, { municipalities: [MUSTERSTADT] }), 422, '/municipalities');
		/* but remove Musterstadt (its own) */
		const res = await patch(both.id, t.officer, { municipalities: [MUSTERLINGEN], description: 'übergeben' });
		assert.equal(res.status, 200, res.text);
		assert.equal(served(both.id), MUSTERLINGEN);
		assert.equal(row(both.id).description, 'übergeben', 'the fields sent with it are changed too');
		assert.deepEqual(res.json.municipalities, [{ ags: MUSTERLINGEN, name: 'Musterlingen' }]);
		/* and it is no longer hers to change */
		assertProblem(await patch(both.id, t.officer, { description: 'zurück' }), 403);
		/* the partner of org.own works in Musterstadt: removing it is refused */
		assertAt(await patch(org.own.id, t.officer, { municipalities: [] }), 409, '/municipalities');
		assert.equal(served(org.own.id), MUSTERSTADT);
		/* unknown AGS, bad AGS */
		assertPointer(await patch(org.other.id, t.dadm, { municipalities: [MUSTERSTADT, '05999999'] }), '/municipalities/1');
		assertPointer(await patch(org.other.id, t.dadm, { municipalities: [42] }), '/municipalities/0');
	});

	test('API clients do not edit organisations (403)', async () => {
		const caritas = await organisationId(t.officer, CARITAS);
		const client = await clientToken(t.officer, caritas, `Profil ${TAG}`, ['catalogue:read']);
		const beforeRow = row(caritas);
		assertProblem(await patch(caritas, client, { description: 'per Schnittstelle' }), 403);
		assert.deepEqual(row(caritas), beforeRow);
	});

	test('forged tokens: another organisation in the claims, or the officer role → 401', async () => {
		const c = claimsOf(partnerOrg.token);
		c.mem = c.mem.map((m) => ({ ...m, org: Number(org.other.id) }));
		assertUnauthorized(await patch(org.other.id, forge(c), { description: 'gefälscht' }), /^Bearer/);
		const o = claimsOf(partnerOrg.token);
		o.mem = o.mem.map((m) => ({ ...m, role: 'officer', org: null }));
		assertUnauthorized(await patch(org.other.id, forge(o), { description: 'gefälscht' }), /^Bearer/);
		assertUnauthorized(await patch(org.other.id, undefined, { description: 'anonym' }));
		assert.notEqual(row(org.other.id).description, 'gefälscht');
	});
});

describe('bad input', () => {
	const cases = [
		[{ postcode: '123' }, '/postcode'],
		[{ postcode: 'abcde' }, '/postcode'],
		[{ website: 'ftp://verein.example' }, '/website'],
		[{ website: 'verein.example' }, '/website'],
		[{ phone: 'ruf mich an' }, '/phone'],
		[{ languages: ['de', 'xx'] }, '/languages'],
		[{ languages: ['de', 'de'] }, '/languages'],
		[{ languages: 'de' }, '/languages'],
		[{ name: '' }, '/name'],
		[{ name: 'x'.repeat(201) }, '/name'],
		[{ kind: 'sekte' }, '/kind'],
		[{ contact_email: 'keine-adresse' }, '/contact_email'],
		[{ description: 'x'.repeat(5001) }, '/description'],
	];
	for (const [body, pointer] of cases) {
		test(`${JSON.stringify(body).slice(0, 60)} → 422 at ${pointer}, nothing changes`, async () => {
			const beforeRow = row(org.own.id);
			assertPointer(await patch(org.own.id, partnerOrg.token, body), pointer);
			assert.deepEqual(row(org.own.id), beforeRow);
		});
	}

	test('a body that is no object, unknown and malformed ids', async () => {
		const r = await api('PATCH', one(org.own.id), partnerOrg.token, { body: ['de'] });
		assert.ok([400, 422].includes(r.status), r.text);
		assertProblem(await patch('999999999999', t.dadm, { description: 'x' }), 404);
		assertProblem(await patch('abc', t.dadm, { description: 'x' }), 404);
	});

	test('null clears a profile field', async () => {
		const res = await patch(org.own.id, partnerOrg.token, { website: null, phone: null });
		assert.equal(res.status, 200, res.text);
		const r = row(org.own.id);
		assert.equal(r.website, null);
		assert.equal(r.phone, null);
	});

	test('every change is in the audit log of the organisation', () => {
		const n = Number(psql(`SELECT count(*) FROM audit_event WHERE table_name = 'organisation' AND row_id = ${lit(org.own.id)}
			AND action = 'update'`));
		assert.ok(n >= 3, `updates audited: ${n}`);
	});
});
