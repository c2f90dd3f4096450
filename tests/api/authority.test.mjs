/*
 * The database is the authority on roles and memberships (issue #9): a
 * token names the caller and the session; what it may do is what is stored
 * now. A token whose roles, memberships, district-admin flag or scopes are
 * not the stored ones answers 401 invalid_token ("Your roles have changed
 * ..."), and nothing of that request runs; a refresh gives a token with
 * the stored roles. Tokens live no longer than the service issues them
 * (exp - iat at most 15 minutes), whoever signed them.
 *
 * Every account and API client here is created by this file (the district
 * admin appoints them), so no demo account changes and runs do not disturb
 * each other. Forged tokens use the server's signing key (TEST_TOKEN_KEYS).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, TTL, bearer, claimsOf, createAccount, decode, forge, me, now,
	organisationId, psql, refreshGrant, requestToken, signIn, signInFull,
} from './lib/auth.mjs';

const STALE = 'Your roles have changed; sign in again or refresh the token.';
const TAG = `A${process.pid}${randomBytes(3).toString('hex')}`;
const base = (ags = MUSTERSTADT) => `/api/v1/municipalities/${ags}`;
const memberPath = (id, ags) => `/api/v1/accounts/${id}/memberships/${ags}`;

let dadm; /* the demo district admin's token */
let measureId; /* a measure of Musterstadt, made by this file */

function api(method, path, token, body) {
	return call(method, path, { headers: bearer(token), body });
}

/* 401 with a Bearer invalid_token challenge (and detail, when given). */
function assertRefused(res, detail = STALE) {
	assertProblem(res, 401);
	assert.match(res.headers['www-authenticate'] ?? '', /^Bearer .*error="invalid_token"/);
	if (detail) assert.equal(res.json.detail, detail);
}

/* A new account with memberships, signed in: { id, email, password, access, refresh }. */
async function person(memberships) {
	const acct = await createAccount(dadm, { memberships });
	const tokens = await signInFull(acct.email, acct.password);
	return { ...acct, access: tokens.access_token, refresh: tokens.refresh_token };
}

/* PATCH the measure's title as token; the raw answer. */
const retitle = (token, title) => api('PATCH', `${base()}/measures/${measureId}`, token, { title });

before(async () => {
	dadm = await signIn('kreis@musterkreis.example');
	const fields = await api('GET', `${base()}/action-fields?limit=200`, dadm);
	assert.equal(fields.status, 200, fields.text.slice(0, 300));
	const concept = await api('POST', `${base()}/concepts`, dadm, { title: `Konzept ${TAG}` });
	assert.equal(concept.status, 201, concept.text.slice(0, 300));
	const measure = await api('POST', `${base()}/measures`, dadm, {
		concept_id: concept.json.id, code: `${TAG}-1`, title: 'Sprachcafé', action_field_id: fields.json.items[0].id,
		horizon: 'short',
	});
	assert.equal(measure.status, 201, measure.text.slice(0, 300));
	measureId = measure.json.id;
});

describe('a change of role takes effect on the next request', () => {
	test('an officer demoted to the steering group: the old token no longer PATCHes, the refreshed one works as steering', async () => {
		const officer = await person([{ municipality: MUSTERSTADT, role: 'officer' }]);
		const ok = await retitle(officer.access, `Sprachcafé ${TAG} a`);
		assert.equal(ok.status, 200, `the officer changes the measure first: ${ok.text.slice(0, 300)}`);

		const demoted = await api('PUT', memberPath(officer.id, MUSTERSTADT), dadm, { role: 'steering' });
		assert.equal(demoted.status, 200, demoted.text.slice(0, 300));

		assertRefused(await retitle(officer.access, `Sprachcafé ${TAG} b`));
		assertRefused(await me(officer.access));
		const stored = await api('GET', `${base()}/measures/${measureId}`, dadm);
		assert.equal(stored.json.title, `Sprachcafé ${TAG} a`, 'the refused PATCH changed nothing');

		const fresh = await refreshGrant(officer.refresh);
		assert.equal(fresh.status, 200, fresh.text.slice(0, 300));
		const { mem } = decode(fresh.json.access_token).payload;
		assert.deepEqual(mem.map((m) => [m.ags, m.role]), [[MUSTERSTADT, 'steering']], 'the refreshed token carries the stored role');
		const read = await api('GET', `${base()}/measures/${measureId}`, fresh.json.access_token);
		assert.equal(read.status, 200, `the steering group reads the measure: ${read.text.slice(0, 300)}`);
		assertProblem(await retitle(fresh.json.access_token, `Sprachcafé ${TAG} c`), 403);
	});

	test('a removed membership: the old token no longer reads that municipality\'s catalogue or audit log', async () => {
		const acct = await person([
			{ municipality: MUSTERSTADT, role: 'steering' }, { municipality: MUSTERLINGEN, role: 'steering' },
		]);
		for (const path of [`${base()}/measures?limit=1`, `${base()}/audit?limit=1`]) {
			const res = await api('GET', path, acct.access);
			assert.equal(res.status, 200, `${path} before: ${res.text.slice(0, 300)}`);
		}

		const gone = await call('DELETE', memberPath(acct.id, MUSTERSTADT), { headers: bearer(dadm) });
		assert.equal(gone.status, 204, gone.text.slice(0, 300));

		assertRefused(await api('GET', `${base()}/measures?limit=1`, acct.access));
		assertRefused(await api('GET', `${base()}/audit?limit=1`, acct.access));
		assertRefused(await api('GET', `${base()}/measures/${measureId}`, acct.access));

		const fresh = await refreshGrant(acct.refresh);
		assert.equal(fresh.status, 200, fresh.text.slice(0, 300));
		assertProblem(await api('GET', `${base()}/measures?limit=1`, fresh.json.access_token), 404);
		assertProblem(await api('GET', `${base()}/audit?limit=1`, fresh.json.access_token), 404);
		const there = await api('GET', `${base(MUSTERLINGEN)}/measures?limit=1`, fresh.json.access_token);
		assert.equal(there.status, 200, `the other membership stays: ${there.text.slice(0, 300)}`);
	});

	test('a new membership: the old token is refused until refreshed, then the new municipality is readable', async () => {
		const acct = await person([{ municipality: MUSTERLINGEN, role: 'steering' }]);
		const added = await api('PUT', memberPath(acct.id, MUSTERSTADT), dadm, { role: 'steering' });
		assert.equal(added.status, 200, added.text.slice(0, 300));
		assertRefused(await api('GET', `${base(MUSTERLINGEN)}/measures?limit=1`, acct.access));
		const fresh = await refreshGrant(acct.refresh);
		assert.equal(fresh.status, 200, fresh.text.slice(0, 300));
		const res = await api('GET', `${base()}/measures?limit=1`, fresh.json.access_token);
		assert.equal(res.status, 200, res.text.slice(0, 300));
	});
});

/*
 * app_begin compares with account_authz, which triggers keep; changes of
 * one account's memberships in concurrent requests must not leave it
 * stale (a stale list would refuse the account's fresh tokens, or accept
 * old ones).
 */
describe('concurrent changes of one account\'s memberships', () => {
	test('after twelve concurrent PUTs and DELETEs a fresh token is accepted and the stored list is exact', async () => {
		const others = ['05999012', '05999016', '05999020', '05999024'];
		const acct = await person([{ municipality: MUSTERSTADT, role: 'steering' }]);
		for (let round = 0; round < 3; round++) {
			const res = await Promise.all(others.flatMap((ags) => [
				api('PUT', memberPath(acct.id, ags), dadm, { role: round % 2 ? 'officer' : 'steering' }),
				call('DELETE', memberPath(acct.id, others[(others.indexOf(ags) + 1) % others.length]), { headers: bearer(dadm) }),
				api('PUT', memberPath(acct.id, MUSTERLINGEN), dadm, { role: 'steering' }),
			].slice(0, 3)));
			for (const r of res) assert.ok([200, 204, 404].includes(r.status), `${r.status} ${r.text.slice(0, 300)}`);
		}
		const drift = psql(`SELECT count(*) FROM account a
			WHERE a.id = ${Number(acct.id)}
			  AND coalesce((SELECT mem FROM account_authz WHERE account_id = a.id), '[]') IS DISTINCT FROM
			      coalesce((SELECT jsonb_agg(jsonb_build_object('mid', m.municipality_id, 'ags', mu.ags,
			                                 'role', m.role, 'org', m.organisation_id) ORDER BY mu.ags)
			                  FROM membership m JOIN municipality mu ON mu.id = m.municipality_id
			                 WHERE m.account_id = a.id), '[]')`);
		assert.equal(drift, '0', 'account_authz is the account\'s memberships');
		const fresh = await signIn(acct.email, acct.password);
		const res = await me(fresh);
		assert.equal(res.status, 200, res.text.slice(0, 300));
	});
});

describe('tokens forged with the signing key gain nothing', () => {
	let acct; /* steering group in Musterstadt */
	let lingenId; /* Musterlingen's municipality id, from a token */

	before(async () => {
		acct = await person([{ municipality: MUSTERSTADT, role: 'steering' }]);
		const lingen = await person([{ municipality: MUSTERLINGEN, role: 'steering' }]);
		lingenId = decode(lingen.access).payload.mem[0].mid;
	});

	test('the account\'s own claims, forged anew, are accepted (the forging is right)', async () => {
		const res = await me(forge(claimsOf(acct.access)));
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.equal(res.json.id, acct.id);
	});

	test('an extra membership answers 401', async () => {
		const c = claimsOf(acct.access);
		c.mem = [...c.mem, { ags: MUSTERLINGEN, mid: lingenId, org: null, role: 'officer' }]
			.sort((a, b) => a.ags.localeCompare(b.ags));
		assertRefused(await api('GET', `${base(MUSTERLINGEN)}/measures?limit=1`, forge(c)));
		assertRefused(await me(forge(c)));
	});

	test('dadm: true answers 401', async () => {
		const token = forge(claimsOf(acct.access, { dadm: true }));
		assertRefused(await api('GET', '/api/v1/accounts?limit=1', token));
		assertRefused(await me(token));
	});

	test('a higher role answers 401', async () => {
		const c = claimsOf(acct.access);
		c.mem = c.mem.map((m) => ({ ...m, role: 'officer' }));
		assertRefused(await retitle(forge(c), `Sprachcafé ${TAG} forged`));
		assertRefused(await me(forge(c)));
	});

	test('another district answers 401', async () => {
		assertRefused(await me(forge(claimsOf(acct.access, { did: decode(acct.access).payload.did + 1 }))));
	});

	test('an API client claiming a scope it was not given answers 401', async () => {
		const caritas = await organisationId(dadm, CARITAS);
		const made = await api('POST', `${base()}/api-clients`, dadm, {
			name: `Authority ${TAG}`, organisation_id: caritas, scopes: ['catalogue:read'],
		});
		assert.equal(made.status, 201, made.text.slice(0, 300));
		const granted = await requestToken({
			grant_type: 'client_credentials', client_id: made.json.client_id, client_secret: made.json.client_secret,
		});
		assert.equal(granted.status, 200, granted.text.slice(0, 300));
		const token = granted.json.access_token;

		const same = await me(forge(claimsOf(token)));
		assert.equal(same.status, 200, `the client's own claims, forged anew: ${same.text.slice(0, 300)}`);
		assertRefused(await me(forge(claimsOf(token, { scope: 'catalogue:read progress:write' }))));
		assertRefused(await api('GET', `${base()}/measures?limit=1`, forge(claimsOf(token, { scope: 'catalogue:read offers:write' }))));
		const c = claimsOf(token);
		c.mem = c.mem.map((m) => ({ ...m, role: 'officer', org: null }));
		assertRefused(await me(forge(c)));
	});
});

describe('token lifetime', () => {
	let acct;
	before(async () => {
		acct = await person([{ municipality: MUSTERSTADT, role: 'steering' }]);
	});

	test(`exp - iat of ${TTL} s is accepted`, async () => {
		const t = now();
		const res = await me(forge(claimsOf(acct.access, { iat: t - 10, nbf: t - 10, exp: t - 10 + TTL })));
		assert.equal(res.status, 200, res.text.slice(0, 300));
	});

	test(`exp - iat beyond ${TTL} s answers 401, however it is signed`, async () => {
		const t = now();
		const INVALID = 'The access token is invalid or expired; sign in again.';
		assertRefused(await me(forge(claimsOf(acct.access, { iat: t, nbf: t, exp: t + TTL + 1 }))), INVALID);
		assertRefused(await me(forge(claimsOf(acct.access, { iat: t, nbf: t, exp: t + 365 * 86400 }))), INVALID);
	});

	test('no iat, or an iat in the future, answers 401', async () => {
		const t = now();
		const c = claimsOf(acct.access);
		delete c.iat;
		assertRefused(await me(forge(c)), null);
		assertRefused(await me(forge(claimsOf(acct.access, { iat: t + 3600, nbf: t, exp: t + 600 }))), null);
	});
});
