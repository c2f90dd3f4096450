/*
 * Sign-in throttling at POST /api/v1/auth/token (password grant).
 *
 * Failures are counted per email address (limit 5 within 15 minutes) and
 * per client address (limit 30). At the limit the key is locked (30 s at
 * first): every sign-in for it answers 429 slow_down with Retry-After,
 * whether or not the account exists and the password is right, so the
 * throttle tells nothing about which accounts exist. A successful sign-in
 * clears the email address's count.
 *
 * The test server trusts X-Forwarded-For from 127.0.0.1, so every test
 * signs in from a random address of its own, and every account here is a
 * fresh one (created by the Musterstadt officer): no demo account and no
 * other test file is locked out. The limits are the defaults
 * (TEILHABE_LOGIN_EMAIL_LIMIT, TEILHABE_LOGIN_ADDR_LIMIT unset).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import { createAccount, decode, me, requestToken, signIn } from './lib/auth.mjs';

const EMAIL_LIMIT = 5;
const ADDR_LIMIT = 30;
const FIRST_LOCK = 30; /* seconds */

/* A client address no other test (or run) uses: 172.16.0.0/12, at random. */
const freshAddr = () => `172.${16 + randomInt(16)}.${randomInt(256)}.${1 + randomInt(254)}`;
const unknownEmail = () => `niemand-${process.pid}-${randomBytes(5).toString('hex')}@musterstadt.example`;
const WRONG = 'not-the-password-123';

function attempt(email, password, addr, opts = {}) {
	return requestToken({ grant_type: 'password', username: email, password }, { ...opts, headers: { 'X-Forwarded-For': addr } });
}

function assertWrong(res, what = '') {
	assertProblem(res, 400);
	assert.equal(res.json.error, 'invalid_grant', `${what} ${res.text}`);
	assert.equal(res.headers['retry-after'], undefined, 'a plain refusal has no Retry-After');
}

/* 429 slow_down, Retry-After a positive integer of at most max seconds; no token. */
function assertSlowDown(res, max = 15 * 60) {
	assertProblem(res, 429);
	assert.equal(res.json.error, 'slow_down', res.text);
	assert.match(res.headers['retry-after'] ?? '', /^[1-9][0-9]*$/, `Retry-After ${res.headers['retry-after']}`);
	assert.ok(Number(res.headers['retry-after']) <= max, `Retry-After ${res.headers['retry-after']} > ${max}`);
	assert.equal(res.json.access_token, undefined);
	assert.equal(res.json.refresh_token, undefined);
	return Number(res.headers['retry-after']);
}

function assertSignedIn(res, email) {
	assert.equal(res.status, 200, `sign-in of ${email}: ${res.status} ${res.text.slice(0, 300)}`);
	assert.ok(res.json.access_token);
	return res.json;
}

/* What a caller can compare between two answers: status, error, detail, Retry-After present. */
const shape = (res) => ({
	status: res.status, error: res.json?.error, detail: res.json?.detail, type: res.json?.type,
	retryAfter: res.headers['retry-after'] !== undefined,
});

let officer;
before(async () => {
	officer = await signIn('integration@musterstadt.example');
});

describe('the email address limit', () => {
	test(`${EMAIL_LIMIT} wrong passwords answer 400; the next attempt answers 429 even with the right password`, async () => {
		const acct = await createAccount(officer);
		const addr = freshAddr();
		for (let i = 1; i <= EMAIL_LIMIT; i++) assertWrong(await attempt(acct.email, WRONG, addr), `attempt ${i}`);

		const right = await attempt(acct.email, acct.password, addr);
		const retry = assertSlowDown(right, FIRST_LOCK);
		assert.ok(retry > 0 && retry <= FIRST_LOCK, `the first lock is ${FIRST_LOCK} s: Retry-After ${retry}`);
		assertSlowDown(await attempt(acct.email, WRONG, addr), FIRST_LOCK);
		assertSlowDown(await attempt(acct.email, acct.password, addr, { form: true }), FIRST_LOCK);

		/* the email address is locked whatever the client address */
		assertSlowDown(await attempt(acct.email, acct.password, freshAddr()), FIRST_LOCK);
		/* matched without regard to case, like the sign-in itself */
		assertSlowDown(await attempt(acct.email.toUpperCase(), acct.password, freshAddr()), FIRST_LOCK);

		/* the allowed case: another account from the same client address signs in */
		const other = await createAccount(officer);
		assertSignedIn(await attempt(other.email, other.password, addr), other.email);
	});

	test('an unknown email address answers exactly as an existing one, at every count', async () => {
		const acct = await createAccount(officer);
		const known = [];
		const unknown = [];
		const nobody = unknownEmail();
		const addrK = freshAddr();
		const addrU = freshAddr();
		for (let i = 0; i < EMAIL_LIMIT + 2; i++) {
			/* the last ones with the account's right password: locked all the same */
			const pw = i < EMAIL_LIMIT ? WRONG : acct.password;
			known.push(await attempt(acct.email, pw, addrK));
			unknown.push(await attempt(nobody, pw, addrU));
		}
		const want = [...Array(EMAIL_LIMIT).fill(400), 429, 429];
		assert.deepEqual(known.map((r) => r.status), want, 'existing account');
		assert.deepEqual(unknown.map((r) => r.status), want, 'unknown email address');
		for (let i = 0; i < known.length; i++) {
			assert.deepEqual(shape(unknown[i]), shape(known[i]), `attempt ${i + 1}`);
		}
		assertSlowDown(unknown[EMAIL_LIMIT], FIRST_LOCK);
	});

	test('failures in other letter case count for the same email address', async () => {
		const acct = await createAccount(officer);
		const addr = freshAddr();
		const variants = [acct.email, acct.email.toUpperCase(), acct.email.replace(/^./, (c) => c.toUpperCase())];
		for (let i = 0; i < EMAIL_LIMIT; i++) assertWrong(await attempt(variants[i % variants.length], WRONG, addr));
		assertSlowDown(await attempt(acct.email, acct.password, addr), FIRST_LOCK);
	});

	test('a successful sign-in before the limit clears the count', async () => {
		const acct = await createAccount(officer);
		const addr = freshAddr();
		for (let i = 0; i < EMAIL_LIMIT - 1; i++) assertWrong(await attempt(acct.email, WRONG, addr));
		assertSignedIn(await attempt(acct.email, acct.password, addr), acct.email);
		/* counted from zero again: EMAIL_LIMIT - 1 more failures lock nothing */
		for (let i = 0; i < EMAIL_LIMIT - 1; i++) assertWrong(await attempt(acct.email, WRONG, addr), `after the sign-in, attempt ${i + 1}`);
		const t = assertSignedIn(await attempt(acct.email, acct.password, addr), acct.email);
		assert.equal((await me(t.access_token)).status, 200);
		assert.equal(decode(t.access_token).payload.sub, acct.id);
	});
});

describe('the client address limit', () => {
	test(`${ADDR_LIMIT} failures from one address over different email addresses lock that address, not the email addresses`, async () => {
		const acct = await createAccount(officer);
		const addr = freshAddr();
		const emails = Array.from({ length: ADDR_LIMIT }, unknownEmail);
		for (const [i, email] of emails.entries()) assertWrong(await attempt(email, WRONG, addr), `failure ${i + 1} from ${addr}`);

		/* any email address from that address is locked now, the right password too */
		assertSlowDown(await attempt(unknownEmail(), WRONG, addr), FIRST_LOCK);
		assertSlowDown(await attempt(acct.email, acct.password, addr), FIRST_LOCK);
		assertSlowDown(await attempt(emails[0], WRONG, addr), FIRST_LOCK);

		/* from another address the same email addresses are not locked by it */
		const t = assertSignedIn(await attempt(acct.email, acct.password, freshAddr()), acct.email);
		assert.equal(decode(t.access_token).payload.sub, acct.id);
		assertWrong(await attempt(emails[0], WRONG, freshAddr()), 'an email address with one failure, from elsewhere');
	});
});

describe('timing', () => {
	/* Argon2 runs for unknown email addresses too (against a dummy hash). */
	test('a wrong password takes about as long for an existing account as for an unknown email address', async () => {
		const acct = await createAccount(officer);
		const addr = freshAddr();
		const time = async (email) => {
			const t0 = performance.now();
			const res = await attempt(email, WRONG, addr);
			const ms = performance.now() - t0;
			assertWrong(res);
			return ms;
		};
		const known = [];
		const unknown = [];
		/* interleaved, and below the email limit (EMAIL_LIMIT - 1 failures for the account) */
		for (let i = 0; i < EMAIL_LIMIT - 1; i++) {
			known.push(await time(acct.email));
			unknown.push(await time(unknownEmail()));
		}
		const median = (xs) => {
			const s = [...xs].sort((a, b) => a - b);
			return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
		};
		const mk = median(known);
		const mu = median(unknown);
		const detail = `existing ${known.map(Math.round)} ms, unknown ${unknown.map(Math.round)} ms`;
		assert.ok(mk > 20, `a wrong password runs Argon2 (> 20 ms): ${detail}`);
		assert.ok(mu > 20, `an unknown email address runs Argon2 too (> 20 ms): ${detail}`);
		assert.ok(Math.max(mk, mu) / Math.min(mk, mu) < 3, `medians within a factor of 3: ${detail}`);
	});
});
