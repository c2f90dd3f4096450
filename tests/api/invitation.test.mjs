/*
 * POST /api/v1/auth/invitation under attack (issue #9): the invitation is
 * looked up before any password is hashed, so an unknown token costs no
 * Argon2id, and unknown invitations are throttled per client address like
 * sign-ins: after the address limit (30, TEILHABE_LOGIN_ADDR_LIMIT unset)
 * within 15 minutes every attempt from that address answers 429 with
 * Retry-After, whether or not its invitation is valid. Sign-ins from that
 * address are counted apart and stay open.
 *
 * The test server trusts X-Forwarded-For from 127.0.0.1: each test uses
 * random addresses of its own, so no other test is locked out.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { ACCOUNTS_PATH, INVITATION_PATH, MUSTERSTADT, bearer, newPassword, requestToken, signIn, uniqueEmail } from './lib/auth.mjs';

const ADDR_LIMIT = 30;
const FIRST_LOCK = 30; /* seconds */

/* A client address no other test (or run) uses: 198.18.0.0/15, at random. */
const freshAddr = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
/* Well-formed (43 base64url characters) but nobody's invitation. */
const unknownToken = () => randomBytes(32).toString('base64url');

function accept(token, addr, password = newPassword()) {
	return call('POST', INVITATION_PATH, { body: { token, password }, headers: { 'X-Forwarded-For': addr } });
}

/* The documented refusal of an unknown invitation: 422 at /token, no Retry-After. */
function assertUnknown(res) {
	assertProblem(res, 422);
	assert.ok(res.json.errors?.some((e) => e.pointer === '/token'), res.text);
	assert.equal(res.headers['retry-after'], undefined);
}

/* 429 with Retry-After of at most max seconds. */
function assertThrottled(res, max = FIRST_LOCK) {
	assertProblem(res, 429);
	assert.match(res.headers['retry-after'] ?? '', /^[1-9][0-9]*$/, `Retry-After ${res.headers['retry-after']}`);
	assert.ok(Number(res.headers['retry-after']) <= max, `Retry-After ${res.headers['retry-after']} > ${max}`);
	assert.equal(res.json.email, undefined);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/* A new invitation from the Musterstadt officer; its token. */
async function invitation(officer) {
	const res = await call('POST', ACCOUNTS_PATH, {
		headers: bearer(officer),
		body: { email: uniqueEmail('inv'), display_name: 'Eingeladen', memberships: [{ municipality: MUSTERSTADT, role: 'steering' }] },
	});
	assert.equal(res.status, 201, res.text.slice(0, 300));
	return res.json.invitation.token;
}

let officer;
before(async () => {
	officer = await signIn('integration@musterstadt.example');
});

describe('an unknown invitation costs no password hash', () => {
	/*
	 * A failed sign-in of an unknown email verifies against a dummy
	 * Argon2id hash: that is what one hash costs here. An unknown
	 * invitation used to hash the new password first (the same cost); now
	 * it is one database lookup.
	 */
	test('an unknown, well-formed token answers 422 in well under the time of one Argon2id hash', async () => {
		const addr = freshAddr();
		const hashMs = [];
		for (let i = 0; i < 3; i++) {
			const t0 = performance.now();
			const res = await requestToken(
				{ grant_type: 'password', username: uniqueEmail('nobody'), password: 'not-the-password-123' },
				{ headers: { 'X-Forwarded-For': freshAddr() } });
			hashMs.push(performance.now() - t0);
			assertProblem(res, 400);
		}
		const lookupMs = [];
		for (let i = 0; i < 7; i++) {
			const t0 = performance.now();
			const res = await accept(unknownToken(), addr);
			lookupMs.push(performance.now() - t0);
			assertUnknown(res);
		}
		assert.ok(median(lookupMs) < median(hashMs) / 2,
			`unknown invitation: median ${median(lookupMs).toFixed(1)} ms; a sign-in with one Argon2id hash: ${median(hashMs).toFixed(1)} ms`);
	});
});

describe('failures are throttled per address', () => {
	test(`${ADDR_LIMIT} unknown invitations answer 422; then 429 with Retry-After, even for a valid invitation`, async () => {
		const addr = freshAddr();
		for (let i = 1; i <= ADDR_LIMIT; i++) assertUnknown(await accept(unknownToken(), addr));
		assertThrottled(await accept(unknownToken(), addr));
		const malformed = await accept('short', addr);
		assertThrottled(malformed);

		const valid = await invitation(officer);
		assertThrottled(await accept(valid, addr));
		/* the locked address used nothing up: the invitation works from elsewhere */
		const ok = await accept(valid, freshAddr());
		assert.equal(ok.status, 200, ok.text.slice(0, 300));
	});

	test('another address is not affected, and sign-ins from the locked address are counted apart', async () => {
		const addr = freshAddr();
		for (let i = 1; i <= ADDR_LIMIT; i++) assertUnknown(await accept(unknownToken(), addr));
		assertThrottled(await accept(unknownToken(), addr));
		assertUnknown(await accept(unknownToken(), freshAddr()));
		const res = await requestToken({ grant_type: 'password', username: 'integration@musterstadt.example', password: 'Teilhabe-Demo-2026' },
			{ headers: { 'X-Forwarded-For': addr } });
		assert.equal(res.status, 200, res.text.slice(0, 300));
	});
});
