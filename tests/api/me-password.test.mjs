/*
 * POST /api/v1/me/password: a person changes their own password. Every
 * account here is a fresh one the Musterstadt officer creates (the demo
 * accounts' passwords never change), so the file runs again on the same
 * database.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, TEST_ADDR, bearer, me, requestToken, signIn, signInFull } from './lib/auth.mjs';
import { assertPointer, assertUnauthorized } from './lib/checks.mjs';
import { api } from './lib/requests.mjs';

const PATH = '/api/v1/me/password';
const STADT = '05999004';
const PASSWORD = 'Erstes-Passwort-2026';
const NEW_PASSWORD = 'Neu-Pass-12!'; /* exactly 12 characters, the shortest allowed */

let officer;
let caritasId;

/* The change request, from this file's client address (the throttle counts by address too). */
function change(token, body) {
	return api('POST', PATH, token, { body, headers: { 'X-Forwarded-For': TEST_ADDR } });
}

function passwordGrant(email, password) {
	return requestToken({ grant_type: 'password', username: email, password });
}

const session = (email, password = PASSWORD) => signInFull(email, password);

/* A fresh steering account of Musterstadt with PASSWORD set; returns { id, email }. */
async function freshPerson() {
	const email = `t-${randomUUID().slice(0, 8)}@example.org`;
	const made = await call('POST', '/api/v1/accounts', {
		headers: bearer(officer),
		body: { email, display_name: `Passwort ${email}`, memberships: [{ municipality: STADT, role: 'steering' }] },
	});
	assert.equal(made.status, 201, made.text);
	const ok = await call('POST', '/api/v1/auth/invitation', { body: { token: made.json.invitation.token, password: PASSWORD } });
	assert.equal(ok.status, 200, ok.text);
	return { id: made.json.id, email };
}

before(async () => {
	officer = await signIn('integration@musterstadt.example');
	const orgs = await call('GET', `/api/v1/organisations?q=${encodeURIComponent(CARITAS)}`, { headers: bearer(officer) });
	assert.equal(orgs.status, 200, orgs.text);
	caritasId = orgs.json.items.find((o) => o.name === CARITAS).id;
});

describe('who may change a password', () => {
	test('anonymous → 401 with WWW-Authenticate', async () => {
		assertUnauthorized(await change(undefined, { current_password: PASSWORD, new_password: NEW_PASSWORD }));
		assertUnauthorized(await change('not.a.token', { current_password: PASSWORD, new_password: NEW_PASSWORD }));
	});

	describe('an API client', () => {
		let client;
		after(async () => {
			if (client) {
				const res = await call('DELETE', `/api/v1/municipalities/${STADT}/api-clients/${client.id}`, { headers: bearer(officer) });
				assert.equal(res.status, 204, res.text);
			}
		});

		test('→ 403 (its token works elsewhere: GET /me answers 200)', async () => {
			const made = await call('POST', `/api/v1/municipalities/${STADT}/api-clients`, {
				headers: bearer(officer),
				body: { name: `Passwort-Test ${randomUUID().slice(0, 8)}`, organisation_id: caritasId, scopes: ['catalogue:read'] },
			});
			assert.equal(made.status, 201, made.text);
			client = made.json;
			const tok = await requestToken({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret });
			assert.equal(tok.status, 200, tok.text);
			const who = await me(tok.json.access_token);
			assert.equal(who.status, 200, who.text);
			assert.equal(who.json.kind, 'api_client');
			const res = await change(tok.json.access_token, { current_password: client.client_secret, new_password: 'Ein-neues-Passwort-1' });
			assertProblem(res, 403);
		});
	});
});

describe('invalid changes answer 422 and change nothing', () => {
	let p;
	let token;
	before(async () => {
		p = await freshPerson();
		token = (await session(p.email)).access_token;
	});

	test('a wrong current password → 422 /current_password', async () => {
		assertPointer(await change(token, { current_password: 'Falsches-Passwort-1', new_password: 'Ein-neues-Passwort-1' }), '/current_password');
	});

	test('a new password shorter than 12 characters → 422 /new_password', async () => {
		assertPointer(await change(token, { current_password: PASSWORD, new_password: 'Kurz-11-Zei' }), '/new_password');
	});

	test('a new password longer than 256 characters, or 256 characters in more than 256 bytes → 422 /new_password', async () => {
		assertPointer(await change(token, { current_password: PASSWORD, new_password: 'a'.repeat(257) }), '/new_password');
		assertPointer(await change(token, { current_password: PASSWORD, new_password: 'ä'.repeat(256) }), '/new_password');
	});

	test('the new password equal to the current one → 422 /new_password', async () => {
		assertPointer(await change(token, { current_password: PASSWORD, new_password: PASSWORD }), '/new_password');
	});

	test('missing fields and unknown fields → 422 with pointers', async () => {
		assertPointer(await change(token, { new_password: 'Ein-neues-Passwort-1' }), '/current_password');
		assertPointer(await change(token, { current_password: PASSWORD }), '/new_password');
		assertPointer(await change(token, { current_password: PASSWORD, new_password: 'Ein-neues-Passwort-1', confirm: 'x' }), '/confirm');
	});

	test('the password is still the old one', async () => {
		await session(p.email, PASSWORD);
		assert.equal((await me(token)).status, 200);
	});
});

describe('a successful change', () => {
	let p;
	let before1; /* the session used for the change */
	let other; /* another session of the same person */

	before(async () => {
		p = await freshPerson();
		before1 = await session(p.email);
		other = await session(p.email);
	});

	test('answers 204 without a body', async () => {
		const res = await change(before1.access_token, { current_password: PASSWORD, new_password: NEW_PASSWORD });
		assert.equal(res.status, 204, res.text);
		assert.equal(res.text, '');
	});

	test('the old password no longer signs in; the new one does', async () => {
		const old = await passwordGrant(p.email, PASSWORD);
		assertProblem(old, 400);
		assert.equal(old.json.error, 'invalid_grant');
		const s = await session(p.email, NEW_PASSWORD);
		assert.equal((await me(s.access_token)).json.id, p.id);
	});

	test('the other session ended: its access token answers 401, its refresh token 400 invalid_grant', async () => {
		assertUnauthorized(await me(other.access_token));
		const res = await requestToken({ grant_type: 'refresh_token', refresh_token: other.refresh_token });
		assertProblem(res, 400);
		assert.equal(res.json.error, 'invalid_grant');
	});

	test('the session used for the change stays valid: its access token works and its refresh token refreshes', async () => {
		const who = await me(before1.access_token);
		assert.equal(who.status, 200, who.text);
		assert.equal(who.json.id, p.id);
		const res = await requestToken({ grant_type: 'refresh_token', refresh_token: before1.refresh_token });
		assert.equal(res.status, 200, res.text);
		assert.equal((await me(res.json.access_token)).status, 200);
	});

	test('the longest password, 256 characters, is accepted', async () => {
		const longest = 'Z'.repeat(255) + '9';
		const res = await change(before1.access_token, { current_password: NEW_PASSWORD, new_password: longest });
		assert.equal(res.status, 204, res.text);
		await session(p.email, longest);
	});
});

describe('throttling', () => {
	test('5 wrong current passwords, then 429 with Retry-After, even with the right password; sign-in is locked too', async () => {
		const p = await freshPerson();
		const token = (await session(p.email)).access_token;
		for (let i = 1; i <= 5; i++) {
			const res = await change(token, { current_password: `Falsch-${i}-Passwort`, new_password: 'Ein-neues-Passwort-1' });
			assertPointer(res, '/current_password');
		}
		const locked = await change(token, { current_password: 'Falsch-6-Passwort', new_password: 'Ein-neues-Passwort-1' });
		assertProblem(locked, 429);
		const wait = Number(locked.headers['retry-after']);
		assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 900, `Retry-After: ${locked.headers['retry-after']}`);

		const right = await change(token, { current_password: PASSWORD, new_password: 'Ein-neues-Passwort-1' });
		assertProblem(right, 429);
		assert.ok(Number(right.headers['retry-after']) >= 1);

		const signin = await passwordGrant(p.email, PASSWORD);
		assertProblem(signin, 429);
		assert.equal(signin.json.error, 'slow_down');
		assert.ok(Number(signin.headers['retry-after']) >= 1);

		assert.equal((await me(token)).status, 200, 'the session itself goes on');
	});

	test('another account is not throttled by it (the address stays under its limit)', async () => {
		const p = await freshPerson();
		const token = (await session(p.email)).access_token;
		const res = await change(token, { current_password: PASSWORD, new_password: 'Ein-neues-Passwort-1' });
		assert.equal(res.status, 204, res.text);
	});
});
