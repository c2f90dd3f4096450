/*
 * API clients of partner systems: managing them under
 * /api/v1/municipalities/{ags}/api-clients, and their sign-in with
 * grant_type=client_credentials at POST /api/v1/auth/token.
 *
 * Officers (and district admins) create and revoke clients of their
 * municipality; the steering group reads them; partners get 403, anonymous
 * callers 401, and another municipality's clients are 404. The secret is
 * shown once. A client acts as partner of its organisation, limited to its
 * scopes, and gets no refresh token. Every client here is created by this
 * file (with a random name), so runs do not disturb each other.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call, mediaType } from './lib/contract.mjs';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, TTL, bearer, decode, me, organisationId, requestToken, signInPersonas, tag,
} from './lib/auth.mjs';
import { assertOAuthRefusal, pointers, refusedToken as refused } from './lib/checks.mjs';

const SCOPES = ['catalogue:read', 'progress:write', 'events:write', 'offers:write'];
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const SCHOOL = 'Gesamtschule Musterstadt'; /* serves Musterstadt only */

const clientsPath = (ags) => `/api/v1/municipalities/${ags}/api-clients`;
const clientPath = (ags, id) => `${clientsPath(ags)}/${id}`;

/* client_credentials: credentials in the body (JSON or form) or as HTTP Basic. */
function clientGrant({ client_id, client_secret, scope }, { basic = false, form = false } = {}) {
	const fields = { grant_type: 'client_credentials' };
	const headers = {};
	if (basic) {
		const enc = (s) => encodeURIComponent(s);
		headers.Authorization = `Basic ${Buffer.from(`${enc(client_id)}:${enc(client_secret)}`).toString('base64')}`;
	} else {
		if (client_id !== undefined) fields.client_id = client_id;
		if (client_secret !== undefined) fields.client_secret = client_secret;
	}
	if (scope !== undefined) fields.scope = scope;
	return requestToken(fields, { form, headers });
}

/* 200 with a client's token: scope, no refresh token. */
function assertClientToken(res, scope) {
	assert.equal(res.status, 200, res.text);
	assert.equal(mediaType(res.headers['content-type']), 'application/json');
	assert.match(res.headers['cache-control'] ?? '', /(^|,)\s*no-store\s*(,|$)/);
	assert.equal(res.json.token_type, 'Bearer');
	assert.equal(res.json.expires_in, TTL);
	assert.equal(res.json.refresh_token, undefined, 'client tokens carry no refresh token');
	if (scope !== undefined) assert.equal(res.json.scope, scope);
	return res.json;
}

function assertInvalidClient(res) {
	assertProblem(res, 401);
	assert.equal(res.json.error, 'invalid_client', res.text);
	assert.equal(res.json.access_token, undefined);
	assert.match(res.headers['cache-control'] ?? '', /(^|,)\s*no-store\s*(,|$)/);
}

function assertOAuthError(res, error, pointer) {
	assertOAuthRefusal(res, error, pointer);
	assert.equal(res.json.access_token, undefined);
}

let officer; /* Musterstadt officer */
let steering; /* Musterstadt steering */
let partner; /* Caritas partner */
let officerL; /* Musterlingen officer */
let steeringL; /* Musterlingen steering */
let dadm;
let caritasId;
let schoolId;

async function createClient(token, ags, body) {
	const res = await call('POST', clientsPath(ags), { headers: bearer(token), body });
	assert.equal(res.status, 201, `creating an API client: ${res.status} ${res.text.slice(0, 400)}`);
	return res;
}

before(async () => {
	[officer, steering, partner, officerL, steeringL, dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'steeringL', 'dadm');
	caritasId = await organisationId(officer, CARITAS);
	schoolId = await organisationId(officer, SCHOOL);
});

describe('creating an API client', () => {
	test('the officer creates one: 201, Location, the document and its secret', async () => {
		const name = `Caritas Fallverwaltung ${tag()}`;
		const res = await createClient(officer, MUSTERSTADT, { name, organisation_id: caritasId, scopes: ['catalogue:read', 'progress:write'] });
		const c = res.json;
		assert.match(c.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, clientPath(MUSTERSTADT, c.id));
		assert.match(c.client_id, /^[^:\s]+$/);
		assert.match(c.client_secret, SECRET);
		assert.equal(c.name, name);
		assert.equal(c.municipality, MUSTERSTADT);
		assert.deepEqual(c.organisation, { id: caritasId, name: CARITAS });
		assert.deepEqual(c.scopes, ['catalogue:read', 'progress:write']);
		assert.equal(c.status, 'active');
		assert.equal(c.last_used_at, null);
		assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 120_000, c.created_at);
		assert.match(res.headers['cache-control'] ?? '', /no-store/, 'an answer with a secret is not stored');
	});

	test('the secret is shown once: never in GET or in the list', async () => {
		const created = (await createClient(officer, MUSTERSTADT, { name: `Once ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] })).json;
		for (const token of [officer, steering]) {
			const one = await call('GET', clientPath(MUSTERSTADT, created.id), { headers: bearer(token) });
			assert.equal(one.status, 200, one.text);
			assert.equal(one.json.client_secret, undefined);
			assert.ok(!one.text.includes(created.client_secret), 'the secret is not in GET');
			const { client_secret: _, ...doc } = created;
			assert.deepEqual(one.json, doc, 'GET answers the document of the 201, without the secret');
			assert.ok(one.headers.etag, 'a single client has an ETag');
			const again = await call('GET', clientPath(MUSTERSTADT, created.id), { headers: { ...bearer(token), 'If-None-Match': one.headers.etag } });
			assert.equal(again.status, 304, 'If-None-Match with the ETag answers 304');
			assert.equal(again.text, '');

			const list = await call('GET', `${clientsPath(MUSTERSTADT)}?limit=200`, { headers: bearer(token) });
			assert.equal(list.status, 200, list.text);
			assert.ok(list.json.items.some((c) => c.id === created.id), 'the new client is listed');
			assert.ok(list.json.items.every((c) => c.client_secret === undefined));
			assert.ok(!list.text.includes(created.client_secret), 'the secret is not in the list');
		}
	});

	test('two clients get different ids, client ids and secrets', async () => {
		const body = { name: `Twin ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] };
		const a = (await createClient(officer, MUSTERSTADT, body)).json;
		const b = (await createClient(officer, MUSTERSTADT, body)).json;
		assert.notEqual(a.id, b.id);
		assert.notEqual(a.client_id, b.client_id);
		assert.notEqual(a.client_secret, b.client_secret);
	});

	test('the district admin creates one in any municipality of the district', async () => {
		const res = await createClient(dadm, MUSTERLINGEN, { name: `Kreis ${tag()}`, organisation_id: caritasId, scopes: ['events:write'] });
		assert.equal(res.json.municipality, MUSTERLINGEN);
	});

	test('the steering group cannot create one: 403 (but lists them: 200)', async () => {
		const res = await call('POST', clientsPath(MUSTERSTADT), {
			headers: bearer(steering), body: { name: `Steering ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] },
		});
		assertProblem(res, 403);
		assert.equal(res.json.client_secret, undefined);
		const list = await call('GET', clientsPath(MUSTERSTADT), { headers: bearer(steering) });
		assert.equal(list.status, 200, list.text);
		assert.ok(Array.isArray(list.json.items));
	});

	test('a partner gets 403 for creating and for reading', async () => {
		const body = { name: `Partner ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] };
		assertProblem(await call('POST', clientsPath(MUSTERSTADT), { headers: bearer(partner), body }), 403);
		assertProblem(await call('GET', clientsPath(MUSTERSTADT), { headers: bearer(partner) }), 403);
	});

	test('anonymous callers get 401', async () => {
		const body = { name: `Anon ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] };
		for (const res of [
			await call('POST', clientsPath(MUSTERSTADT), { body }),
			await call('GET', clientsPath(MUSTERSTADT)),
			await call('GET', clientPath(MUSTERSTADT, '1')),
			await call('DELETE', clientPath(MUSTERSTADT, '1')),
		]) {
			assertProblem(res, 401);
			assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
		}
	});

	test('the Musterstadt officer on Musterlingen\'s path gets 404, as for a municipality that does not exist', async () => {
		const body = { name: `Elsewhere ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] };
		assertProblem(await call('POST', clientsPath(MUSTERLINGEN), { headers: bearer(officer), body }), 404);
		assertProblem(await call('GET', clientsPath(MUSTERLINGEN), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', clientsPath(MUSTERLINGEN), { headers: bearer(steering) }), 404);
		assertProblem(await call('POST', clientsPath('05999999'), { headers: bearer(officer), body }), 404);
		/* the allowed case: Musterlingen's own officer */
		const ok = await call('GET', clientsPath(MUSTERLINGEN), { headers: bearer(officerL) });
		assert.equal(ok.status, 200, ok.text);
	});

	test('a municipality that does not exist answers 404, for the district admin too', async () => {
		const body = { name: `Nowhere ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] };
		assertProblem(await call('GET', clientsPath('05999999'), { headers: bearer(officer) }), 404);
		assertProblem(await call('POST', clientsPath('05999999'), { headers: bearer(dadm), body }), 404);
		assertProblem(await call('GET', clientsPath('05999999'), { headers: bearer(dadm) }), 404);
		/* the allowed case: a municipality of the district */
		assert.equal((await call('GET', clientsPath(MUSTERLINGEN), { headers: bearer(dadm) })).status, 200);
	});

	test('an organisation that does not serve the municipality answers 422 pointing at /organisation_id', async () => {
		const body = { name: `School ${tag()}`, organisation_id: schoolId, scopes: ['catalogue:read'] };
		const res = await call('POST', clientsPath(MUSTERLINGEN), { headers: bearer(officerL), body });
		assertProblem(res, 422);
		assert.deepEqual(pointers(res), ['/organisation_id']);
		const unknown = await call('POST', clientsPath(MUSTERSTADT), {
			headers: bearer(officer), body: { ...body, organisation_id: '999999999' },
		});
		assertProblem(unknown, 422);
		assert.deepEqual(pointers(unknown), ['/organisation_id']);
		/* the allowed case: the school in the municipality it serves */
		const ok = await createClient(officer, MUSTERSTADT, body);
		assert.equal(ok.json.organisation.id, schoolId);
	});

	const invalid = [
		['no scopes', { scopes: [] }, '/scopes'],
		['an unknown scope', { scopes: ['admin:all'] }, '/scopes'],
		['a known scope next to an unknown one', { scopes: ['catalogue:read', 'catalogue:write'] }, '/scopes'],
		['a repeated scope', { scopes: ['catalogue:read', 'catalogue:read'] }, '/scopes'],
		['scopes as a string', { scopes: 'catalogue:read' }, '/scopes'],
		['scopes of another type', { scopes: [42] }, '/scopes'],
		['no scopes member', { scopes: undefined }, '/scopes'],
		['an empty name', { name: '' }, '/name'],
		['no name', { name: undefined }, '/name'],
		['an organisation id that is no id', { organisation_id: 'caritas' }, '/organisation_id'],
		['an unknown member', { secret: 'mine' }, '/secret'],
	];
	for (const [what, change, pointer] of invalid) {
		test(`${what} answers 422 pointing at ${pointer}`, async () => {
			const body = { name: `Invalid ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'], ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const res = await call('POST', clientsPath(MUSTERSTADT), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}`);
			assert.equal(res.json.client_secret, undefined);
		});
	}

	test('all four scopes are allowed together', async () => {
		const res = await createClient(officer, MUSTERSTADT, { name: `All ${tag()}`, organisation_id: caritasId, scopes: SCOPES });
		assert.deepEqual([...res.json.scopes].sort(), [...SCOPES].sort());
	});
});

describe('reading API clients', () => {
	let created;
	before(async () => {
		created = (await createClient(officer, MUSTERSTADT, { name: `Read ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] })).json;
	});

	test('the list is ordered by id and pages with next_cursor, each client once', async () => {
		await createClient(officer, MUSTERSTADT, { name: `Read ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] });
		const all = (await call('GET', `${clientsPath(MUSTERSTADT)}?limit=200`, { headers: bearer(officer) })).json.items.map((c) => c.id);
		assert.ok(all.length >= 2);
		assert.deepEqual(all, [...all].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)), 'ordered by id');
		assert.ok(all.every((_, i) => i === 0 || all[i - 1] !== all[i]));
		const seen = [];
		let cursor = null;
		for (let i = 0; i < all.length + 2; i++) {
			const q = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const res = await call('GET', clientsPath(MUSTERSTADT) + q, { headers: bearer(steering) });
			assert.equal(res.status, 200, res.text);
			assert.ok(res.json.items.length <= 1);
			seen.push(...res.json.items.map((c) => c.id));
			cursor = res.json.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen.slice(0, all.length), all, 'walking the pages yields the list');
		assert.equal(new Set(seen).size, seen.length, 'no client twice');
	});

	test('only the municipality\'s own clients are listed', async () => {
		const res = await call('GET', `${clientsPath(MUSTERLINGEN)}?limit=200`, { headers: bearer(officerL) });
		assert.equal(res.status, 200, res.text);
		assert.ok(res.json.items.every((c) => c.municipality === MUSTERLINGEN));
		assert.ok(!res.json.items.some((c) => c.id === created.id));
	});

	test('a client of another municipality is 404 on the caller\'s own path', async () => {
		assertProblem(await call('GET', clientPath(MUSTERLINGEN, created.id), { headers: bearer(officerL) }), 404);
		assertProblem(await call('DELETE', clientPath(MUSTERLINGEN, created.id), { headers: bearer(officerL) }), 404);
		assertProblem(await call('GET', clientPath(MUSTERSTADT, created.id), { headers: bearer(officerL) }), 404);
		assertProblem(await call('GET', clientPath(MUSTERSTADT, created.id), { headers: bearer(steeringL) }), 404);
		assertProblem(await call('GET', clientPath(MUSTERSTADT, '999999999'), { headers: bearer(officer) }), 404);
		/* still active: the 404s did not revoke it */
		const ok = await call('GET', clientPath(MUSTERSTADT, created.id), { headers: bearer(officer) });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.status, 'active');
	});

	test('a partner cannot read a single client: 403', async () => {
		assertProblem(await call('GET', clientPath(MUSTERSTADT, created.id), { headers: bearer(partner) }), 403);
	});

	test('the steering group cannot revoke: 403, and the client stays active', async () => {
		assertProblem(await call('DELETE', clientPath(MUSTERSTADT, created.id), { headers: bearer(steering) }), 403);
		assertProblem(await call('DELETE', clientPath(MUSTERSTADT, created.id), { headers: bearer(partner) }), 403);
		const ok = await call('GET', clientPath(MUSTERSTADT, created.id), { headers: bearer(steering) });
		assert.equal(ok.json.status, 'active');
	});
});

describe('the client credentials grant', () => {
	let client; /* catalogue:read progress:write */
	before(async () => {
		client = (await createClient(officer, MUSTERSTADT, {
			name: `Grant ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read', 'progress:write'],
		})).json;
	});

	for (const [how, opts] of [['a JSON body', {}], ['a form body', { form: true }], ['HTTP Basic', { basic: true }], ['HTTP Basic and a form', { basic: true, form: true }]]) {
		test(`credentials in ${how} give a token with all the client's scopes and no refresh token`, async () => {
			const t = assertClientToken(await clientGrant(client, opts), 'catalogue:read progress:write');
			const p = decode(t.access_token).payload;
			assert.equal(p.sub, `client:${client.id}`);
			assert.equal(String(p.cid), client.id);
			assert.equal(p.scope, 'catalogue:read progress:write');
			assert.equal(p.dadm, false);
			assert.equal(p.sid, undefined, 'clients have no session');
			assert.ok(Number.isInteger(p.did) && p.did > 0);
			assert.equal(p.mem.length, 1);
			assert.equal(p.mem[0].ags, MUSTERSTADT);
			assert.equal(p.mem[0].role, 'partner');
			assert.equal(String(p.mem[0].org), caritasId);
		});
	}

	test('the client\'s token on GET /me: kind api_client, its scopes, partner of its organisation', async () => {
		const t = assertClientToken(await clientGrant(client));
		const res = await me(t.access_token);
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.kind, 'api_client');
		assert.equal(res.json.id, client.id);
		assert.equal(res.json.client_id, client.client_id);
		assert.equal(res.json.display_name, client.name);
		assert.equal(res.json.status, 'active');
		assert.deepEqual(res.json.scopes, ['catalogue:read', 'progress:write']);
		assert.equal(res.json.email, undefined);
		assert.equal(res.json.memberships.length, 1);
		const m = res.json.memberships[0];
		assert.equal(m.municipality.ags, MUSTERSTADT);
		assert.equal(m.role, 'partner');
		assert.deepEqual(m.organisation, { id: caritasId, name: CARITAS });
	});

	test('getting a token sets last_used_at', async () => {
		assertClientToken(await clientGrant(client));
		const res = await call('GET', clientPath(MUSTERSTADT, client.id), { headers: bearer(officer) });
		assert.ok(res.json.last_used_at !== null, 'last_used_at is set');
		assert.ok(Math.abs(Date.parse(res.json.last_used_at) - Date.now()) < 120_000, res.json.last_used_at);
	});

	test('a subset of the scopes asked for is granted exactly', async () => {
		for (const scope of ['catalogue:read', 'progress:write', 'catalogue:read progress:write']) {
			const t = assertClientToken(await clientGrant({ ...client, scope }), scope);
			assert.equal(decode(t.access_token).payload.scope, scope);
			const who = await me(t.access_token);
			assert.deepEqual(who.json.scopes, scope.split(' '));
		}
		const basic = assertClientToken(await clientGrant({ ...client, scope: 'progress:write' }, { basic: true, form: true }), 'progress:write');
		assert.deepEqual((await me(basic.access_token)).json.scopes, ['progress:write']);
	});

	const notGranted = [
		['a scope the client was not given', 'offers:write'],
		['a granted and a not granted scope', 'catalogue:read offers:write'],
		['a prefix of a granted scope', 'catalogue'],
		['a granted scope with a suffix', 'catalogue:reader'],
		['an unknown scope', 'admin'],
	];
	for (const [what, scope] of notGranted) {
		test(`${what} (${scope}) answers 400 invalid_scope`, async () => {
			assertOAuthError(await clientGrant({ ...client, scope }), 'invalid_scope');
		});
	}

	test('a wrong secret answers 401 invalid_client, in the body and as Basic (with a Basic challenge)', async () => {
		const wrong = { ...client, client_secret: `${client.client_secret.slice(0, -1)}${client.client_secret.endsWith('A') ? 'B' : 'A'}` };
		assertInvalidClient(await clientGrant(wrong));
		assertInvalidClient(await clientGrant(wrong, { form: true }));
		const basic = await clientGrant(wrong, { basic: true });
		assertInvalidClient(basic);
		assert.match(basic.headers['www-authenticate'] ?? '', /^Basic /);
		assertInvalidClient(await clientGrant({ ...client, client_secret: randomBytes(32).toString('base64url') }));
	});

	test('an unknown client answers 401 invalid_client, the same answer as a wrong secret', async () => {
		const unknown = await clientGrant({ client_id: `tc_${randomBytes(12).toString('hex')}`, client_secret: client.client_secret });
		const wrong = await clientGrant({ ...client, client_secret: randomBytes(32).toString('base64url') });
		assertInvalidClient(unknown);
		const strip = (r) => { const b = { ...r.json }; delete b.request_id; return b; };
		assert.deepEqual(strip(unknown), strip(wrong));
		assertInvalidClient(await clientGrant({ client_id: 'x'.repeat(300), client_secret: client.client_secret }));
		assertInvalidClient(await clientGrant({ client_id: 'tc_nope', client_secret: 'nope' }, { basic: true }));
	});

	test('another client\'s secret does not open this client', async () => {
		const other = (await createClient(officer, MUSTERSTADT, { name: `Other ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] })).json;
		assertInvalidClient(await clientGrant({ client_id: client.client_id, client_secret: other.client_secret }));
		assertClientToken(await clientGrant(other), 'catalogue:read');
	});

	test('malformed HTTP Basic credentials answer 401 invalid_client', async () => {
		for (const auth of ['Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Basic ']) {
			const res = await requestToken({ grant_type: 'client_credentials' }, { headers: { Authorization: auth } });
			assertInvalidClient(res);
		}
	});

	test('missing client credentials answer 400 invalid_request (spec: missing fields)', async () => {
		assertOAuthError(await clientGrant({ client_secret: client.client_secret }), 'invalid_request', '/client_id');
		assertOAuthError(await clientGrant({ client_id: client.client_id }), 'invalid_request', '/client_secret');
	});

	test('a client\'s token is a partner\'s: GET /api/v1/accounts and the API client list answer 403', async () => {
		const t = assertClientToken(await clientGrant(client));
		assertProblem(await call('GET', '/api/v1/accounts', { headers: bearer(t.access_token) }), 403);
		assertProblem(await call('GET', clientsPath(MUSTERSTADT), { headers: bearer(t.access_token) }), 403);
		assertProblem(await call('POST', clientsPath(MUSTERSTADT), {
			headers: bearer(t.access_token), body: { name: `By client ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] },
		}), 403);
		assertProblem(await call('GET', `/api/v1/municipalities/${MUSTERSTADT}/audit`, { headers: bearer(t.access_token) }), 403);
		/* the allowed cases: the officer reads the accounts; the client reads itself */
		assert.equal((await call('GET', '/api/v1/accounts', { headers: bearer(officer) })).status, 200);
		assert.equal((await me(t.access_token)).status, 200);
	});

	test('a client has no password to change: POST /api/v1/me/password answers 403', async () => {
		const t = assertClientToken(await clientGrant(client));
		const res = await call('POST', '/api/v1/me/password', {
			headers: bearer(t.access_token), body: { current_password: client.client_secret, new_password: 'a-new-password-1234' },
		});
		assertProblem(res, 403);
	});
});

describe('revoking an API client', () => {
	test('DELETE answers 204; its token answers 401 at once and it gets no new tokens', async () => {
		const client = (await createClient(officer, MUSTERSTADT, {
			name: `Revoked ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'],
		})).json;
		const t = assertClientToken(await clientGrant(client), 'catalogue:read');
		assert.equal((await me(t.access_token)).status, 200, 'the token works before');

		const res = await call('DELETE', clientPath(MUSTERSTADT, client.id), { headers: bearer(officer) });
		assert.equal(res.status, 204, res.text);
		assert.equal(res.text, '');

		await refused(t.access_token);
		assertInvalidClient(await clientGrant(client));
		assertInvalidClient(await clientGrant(client, { basic: true }));

		const doc = await call('GET', clientPath(MUSTERSTADT, client.id), { headers: bearer(steering) });
		assert.equal(doc.status, 200, doc.text);
		assert.equal(doc.json.status, 'revoked');
		const list = await call('GET', `${clientsPath(MUSTERSTADT)}?limit=200`, { headers: bearer(officer) });
		assert.equal(list.json.items.find((c) => c.id === client.id)?.status, 'revoked', 'the revoked client stays listed');

		/* revoking again answers 204 again */
		assert.equal((await call('DELETE', clientPath(MUSTERSTADT, client.id), { headers: bearer(officer) })).status, 204);
	});

	test('revoking one client leaves another working', async () => {
		const body = { name: `Pair ${tag()}`, organisation_id: caritasId, scopes: ['catalogue:read'] };
		const a = (await createClient(officer, MUSTERSTADT, body)).json;
		const b = (await createClient(officer, MUSTERSTADT, body)).json;
		const tb = assertClientToken(await clientGrant(b));
		assert.equal((await call('DELETE', clientPath(MUSTERSTADT, a.id), { headers: bearer(officer) })).status, 204);
		assert.equal((await me(tb.access_token)).status, 200);
		assertClientToken(await clientGrant(b));
	});

	test('the district admin revokes a client of any municipality', async () => {
		const client = (await createClient(officerL, MUSTERLINGEN, { name: `Kreis revokes ${tag()}`, organisation_id: caritasId, scopes: ['offers:write'] })).json;
		assert.equal((await call('DELETE', clientPath(MUSTERLINGEN, client.id), { headers: bearer(dadm) })).status, 204);
		assertInvalidClient(await clientGrant(client));
	});
});
