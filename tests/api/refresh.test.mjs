/*
 * Sessions: refresh tokens (POST /api/v1/auth/token with
 * grant_type=refresh_token) and signing out (POST /api/v1/auth/revoke).
 *
 * A password sign-in opens a session with a refresh token; every refresh
 * uses its token up and hands out the next one (rotation). Presenting a
 * used-up token again ends the whole session: the newest refresh token
 * and the session's access tokens stop working at once. Signing out ends
 * one session and leaves the account's others alone.
 *
 * The sessions belong to accounts this file creates as the Musterstadt
 * officer (steering in Musterstadt), so no demo account is touched.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call, mediaType } from './lib/contract.mjs';
import {
	ACCOUNTS_PATH, TTL, bearer, createAccount, decode, me, refreshGrant, requestToken, revoke, signIn, signInFull,
} from './lib/auth.mjs';
import { assertNoStore, assertOAuthRefusal, refusedToken } from './lib/checks.mjs';

const SECRET = /^[A-Za-z0-9_-]{43}$/;

/* 400 in OAuth terms, not stored, no token in it. */
function assertOAuthError(res, error, pointer) {
	assertOAuthRefusal(res, error, pointer);
	assertNoStore(res);
	assert.equal(res.json.access_token, undefined);
	assert.equal(res.json.refresh_token, undefined);
}

/* A token answer for a person: access token, Bearer, 900 s, a new refresh token. */
function assertPersonToken(res) {
	assert.equal(res.status, 200, res.text);
	assert.equal(mediaType(res.headers['content-type']), 'application/json');
	assert.match(res.headers['cache-control'] ?? '', /(^|,)\s*no-store\s*(,|$)/);
	assert.equal(res.json.token_type, 'Bearer');
	assert.equal(res.json.expires_in, TTL);
	assert.match(res.json.refresh_token, SECRET);
	assert.equal(res.json.scope, undefined);
	return res.json;
}

async function accepted(token, id) {
	const res = await me(token);
	assert.equal(res.status, 200, `expected the access token to be accepted: ${res.status} ${res.text.slice(0, 300)}`);
	if (id !== undefined) assert.equal(res.json.id, id);
	return res;
}

async function refused(token) {
	const res = await refusedToken(token);
	assert.equal(res.json.email, undefined);
	return res;
}

/* Everything but the request id, for comparing two refusals. */
function comparable(res) {
	const body = { ...res.json };
	delete body.request_id;
	return { status: res.status, body };
}

let officerToken;
let acct; /* { id, email, password } of an account of this file */

before(async () => {
	officerToken = await signIn('integration@musterstadt.example');
	acct = await createAccount(officerToken);
});

describe('the password grant opens a session', () => {
	for (const form of [false, true]) {
		test(`it answers a refresh token (${form ? 'form' : 'JSON'}) and a token naming the session`, async () => {
			const res = await requestToken({ grant_type: 'password', username: acct.email, password: acct.password }, { form });
			const t = assertPersonToken(res);
			const p = decode(t.access_token).payload;
			assert.equal(p.sub, acct.id);
			assert.match(p.sid, /^[1-9][0-9]*$/);
			assert.notEqual(t.refresh_token, t.access_token);
			await accepted(t.access_token, acct.id);
		});
	}
});

describe('refreshing', () => {
	test('a refresh answers a new access token and a NEW refresh token, for the same account and session', async () => {
		const first = await signInFull(acct.email, acct.password);
		const second = assertPersonToken(await refreshGrant(first.refresh_token));
		assert.notEqual(second.refresh_token, first.refresh_token, 'the refresh token rotates');
		assert.notEqual(second.access_token, first.access_token);
		const a = decode(first.access_token).payload;
		const b = decode(second.access_token).payload;
		assert.equal(b.sub, a.sub);
		assert.equal(b.sid, a.sid, 'the same session');
		assert.equal(b.did, a.did);
		assert.notEqual(b.jti, a.jti);
		assert.ok(b.iat >= a.iat);
		assert.equal(b.exp, b.iat + TTL);
		await accepted(second.access_token, acct.id);
		await accepted(first.access_token, acct.id);
	});

	test('the new refresh token refreshes again, and so on down the chain', async () => {
		let t = await signInFull(acct.email, acct.password);
		const seen = new Set([t.refresh_token]);
		for (let i = 0; i < 3; i++) {
			t = assertPersonToken(await refreshGrant(t.refresh_token));
			assert.ok(!seen.has(t.refresh_token), 'every refresh token is new');
			seen.add(t.refresh_token);
			await accepted(t.access_token, acct.id);
		}
	});

	test('a refresh works with a form body too', async () => {
		const first = await signInFull(acct.email, acct.password);
		const second = assertPersonToken(await refreshGrant(first.refresh_token, { form: true }));
		assert.notEqual(second.refresh_token, first.refresh_token);
		await accepted(second.access_token, acct.id);
		const third = assertPersonToken(await refreshGrant(second.refresh_token, { form: true }));
		assert.equal(decode(third.access_token).payload.sid, decode(first.access_token).payload.sid);
	});

	test('a used refresh token answers 400 invalid_grant, and its reuse ends the whole session', async () => {
		const other = await signInFull(acct.email, acct.password); /* another session of the account */
		const first = await signInFull(acct.email, acct.password);
		const second = assertPersonToken(await refreshGrant(first.refresh_token));
		await accepted(second.access_token, acct.id);

		/* the used-up token again: refused ... */
		assertOAuthError(await refreshGrant(first.refresh_token), 'invalid_grant');
		/* ... and the newest refresh token of that family is refused too */
		assertOAuthError(await refreshGrant(second.refresh_token), 'invalid_grant');
		/* ... and the session's access tokens answer 401 at once */
		await refused(second.access_token);
		await refused(first.access_token);

		/* the account's other session is untouched */
		await accepted(other.access_token, acct.id);
		const renewed = assertPersonToken(await refreshGrant(other.refresh_token));
		await accepted(renewed.access_token, acct.id);
		/* and the account still signs in */
		await accepted((await signInFull(acct.email, acct.password)).access_token, acct.id);
	});

	test('reusing the newest token\'s predecessor after several rotations ends the session too', async () => {
		const t0 = await signInFull(acct.email, acct.password);
		const t1 = assertPersonToken(await refreshGrant(t0.refresh_token));
		const t2 = assertPersonToken(await refreshGrant(t1.refresh_token));
		assertOAuthError(await refreshGrant(t0.refresh_token), 'invalid_grant');
		assertOAuthError(await refreshGrant(t2.refresh_token), 'invalid_grant');
		await refused(t2.access_token);
	});

	test('a used refresh token answers exactly as an unknown one does', async () => {
		const first = await signInFull(acct.email, acct.password);
		assertPersonToken(await refreshGrant(first.refresh_token));
		const used = await refreshGrant(first.refresh_token);
		const unknown = await refreshGrant(randomBytes(32).toString('base64url'));
		assertOAuthError(used, 'invalid_grant');
		assert.deepEqual(comparable(unknown), comparable(used));
	});
});

describe('malformed and unknown refresh tokens', () => {
	const bad = [
		['an unknown token of the right shape', () => randomBytes(32).toString('base64url')],
		['a short token', () => 'abc'],
		['a token with characters outside base64url', () => `${randomBytes(32).toString('base64url').slice(0, 42)}!`],
		['a token one character too long', () => `${randomBytes(32).toString('base64url')}A`],
		['a very long token', () => 'A'.repeat(5000)],
		['an access token', () => signIn(acct.email, acct.password)],
	];
	for (const [name, make] of bad) {
		for (const form of [false, true]) {
			test(`${name} (${form ? 'form' : 'JSON'}) answers 400 invalid_grant`, async () => {
				assertOAuthError(await refreshGrant(await make(), { form }), 'invalid_grant');
			});
		}
	}

	test('no refresh_token answers 400 invalid_request pointing at /refresh_token', async () => {
		assertOAuthError(await requestToken({ grant_type: 'refresh_token' }), 'invalid_request', '/refresh_token');
		assertOAuthError(await requestToken({ grant_type: 'refresh_token' }, { form: true }), 'invalid_request', '/refresh_token');
	});

	test('an empty refresh_token answers 400 invalid_request pointing at /refresh_token', async () => {
		assertOAuthError(await refreshGrant(''), 'invalid_request', '/refresh_token');
		assertOAuthError(await refreshGrant('', { form: true }), 'invalid_request', '/refresh_token');
	});

	test('a refresh_token that is not a string answers 400 invalid_request', async () => {
		assertOAuthError(await requestToken({ grant_type: 'refresh_token', refresh_token: 42 }), 'invalid_request', '/refresh_token');
	});

	test('the password grant\'s fields do not refresh: a refresh grant needs the refresh token', async () => {
		assertOAuthError(await requestToken({ grant_type: 'refresh_token', username: acct.email, password: acct.password }),
			'invalid_request', '/refresh_token');
	});
});

describe('a disabled account', () => {
	test('cannot refresh, and its access token answers 401', async () => {
		const victim = await createAccount(officerToken);
		const t = await signInFull(victim.email, victim.password);
		/* the allowed case first: while active, a refresh works */
		const t2 = assertPersonToken(await refreshGrant(t.refresh_token));
		await accepted(t2.access_token, victim.id);

		const res = await call('PATCH', `${ACCOUNTS_PATH}/${victim.id}`, { headers: bearer(officerToken), body: { status: 'disabled' } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.status, 'disabled');

		assertOAuthError(await refreshGrant(t2.refresh_token), 'invalid_grant');
		await refused(t2.access_token);
		const again = await requestToken({ grant_type: 'password', username: victim.email, password: victim.password });
		assertOAuthError(again, 'invalid_grant');
	});

	test('disabling ends its sessions: enabled again, the refresh tokens from before still fail', async () => {
		const victim = await createAccount(officerToken);
		const t = await signInFull(victim.email, victim.password);
		const path = `${ACCOUNTS_PATH}/${victim.id}`;
		const off = await call('PATCH', path, { headers: bearer(officerToken), body: { status: 'disabled' } });
		assert.equal(off.status, 200, off.text);
		const on = await call('PATCH', path, { headers: bearer(officerToken), body: { status: 'active' } });
		assert.equal(on.status, 200, on.text);
		assert.equal(on.json.status, 'active');

		/* the allowed case: it signs in again with a new session */
		const fresh = await signInFull(victim.email, victim.password);
		await accepted(fresh.access_token, victim.id);
		/* the session from before the disabling has ended (openapi AccountStatus) */
		assertOAuthError(await refreshGrant(t.refresh_token), 'invalid_grant');
		await refused(t.access_token);
	});
});

describe('signing out: POST /api/v1/auth/revoke', () => {
	async function assertRevoked(res) {
		assert.equal(res.status, 200, res.text);
		assert.equal(res.text, '', 'no body');
	}

	for (const form of [false, true]) {
		const how = form ? 'form' : 'JSON';
		test(`revoking the refresh token (${how}) ends the session: refresh fails, the access token answers 401`, async () => {
			const t = await signInFull(acct.email, acct.password);
			await accepted(t.access_token, acct.id);
			await assertRevoked(await revoke({ token: t.refresh_token }, { form }));
			await refused(t.access_token);
			assertOAuthError(await refreshGrant(t.refresh_token), 'invalid_grant');
		});

		test(`revoking the access token (${how}) ends its session: it answers 401, its refresh token fails`, async () => {
			const t = await signInFull(acct.email, acct.password);
			await accepted(t.access_token, acct.id);
			await assertRevoked(await revoke({ token: t.access_token }, { form }));
			await refused(t.access_token);
			assertOAuthError(await refreshGrant(t.refresh_token), 'invalid_grant');
		});
	}

	test('token_type_hint is accepted with either kind of token', async () => {
		const a = await signInFull(acct.email, acct.password);
		await assertRevoked(await revoke({ token: a.refresh_token, token_type_hint: 'refresh_token' }));
		await refused(a.access_token);
		const b = await signInFull(acct.email, acct.password);
		await assertRevoked(await revoke({ token: b.access_token, token_type_hint: 'access_token' }));
		await refused(b.access_token);
	});

	test('revoking a refresh token after it was rotated ends the session of its successor', async () => {
		const t = await signInFull(acct.email, acct.password);
		const t2 = assertPersonToken(await refreshGrant(t.refresh_token));
		await assertRevoked(await revoke({ token: t2.refresh_token }));
		await refused(t2.access_token);
		assertOAuthError(await refreshGrant(t2.refresh_token), 'invalid_grant');
	});

	test('revoking one session leaves another session of the same account working', async () => {
		const one = await signInFull(acct.email, acct.password);
		const two = await signInFull(acct.email, acct.password);
		await assertRevoked(await revoke({ token: one.refresh_token }));
		await refused(one.access_token);
		await accepted(two.access_token, acct.id);
		const renewed = assertPersonToken(await refreshGrant(two.refresh_token));
		await accepted(renewed.access_token, acct.id);

		const three = await signInFull(acct.email, acct.password);
		await assertRevoked(await revoke({ token: renewed.access_token }));
		await refused(renewed.access_token);
		await accepted(three.access_token, acct.id);
	});

	test('revoking twice answers 200 again', async () => {
		const t = await signInFull(acct.email, acct.password);
		await assertRevoked(await revoke({ token: t.refresh_token }));
		await assertRevoked(await revoke({ token: t.refresh_token }));
		await assertRevoked(await revoke({ token: t.access_token }));
	});

	test('an unknown token answers 200 with an empty body', async () => {
		await assertRevoked(await revoke({ token: randomBytes(32).toString('base64url') }));
		await assertRevoked(await revoke({ token: 'not-a-token' }));
		await assertRevoked(await revoke({ token: 'not.a.token' }, { form: true }));
		await assertRevoked(await revoke({ token: 'x'.repeat(5000) }));
		/* and it ended nothing */
		const t = await signInFull(acct.email, acct.password);
		await assertRevoked(await revoke({ token: randomBytes(32).toString('base64url') }));
		await accepted(t.access_token, acct.id);
	});

	test('a request without token answers 400 invalid_request', async () => {
		for (const [body, form] of [[{}, false], [{ token_type_hint: 'refresh_token' }, false], [{ token: '' }, false], [{}, true], [{ token: '' }, true]]) {
			const res = await revoke(body, { form });
			assertProblem(res, 400);
			assert.equal(res.json.error, 'invalid_request', res.text);
		}
		/* the allowed case: the same with a token */
		await assertRevoked(await revoke({ token: 'x', token_type_hint: 'refresh_token' }));
	});
});
