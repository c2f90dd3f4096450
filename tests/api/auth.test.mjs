/*
 * Signing in: POST /api/v1/auth/token (password grant, JSON and form) and
 * GET /api/v1/me with the token it gives. Every response is checked against
 * openapi.yaml by call(). Token attacks are in token.test.mjs; refresh
 * tokens in refresh.test.mjs; throttling in throttle.test.mjs.
 *
 * Failed sign-ins count toward the throttle (5 per email address within
 * 15 minutes): no demo email gets more than 3 wrong passwords here, and a
 * successful sign-in of it (the tests above them) clears its count. Unknown
 * email addresses are random per run, so that runs in a row do not add up.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { assertProblem, call, mediaType } from './lib/contract.mjs';
import {
	AUDIENCE, DEMO_ACCOUNTS, DEMO_PASSWORD, ISSUER, TOKEN_PATH, TTL,
	decode, hmac, me, now, requestToken, serverKeys, signIn,
} from './lib/auth.mjs';
import { assertNoStore, assertOAuthRefusal } from './lib/checks.mjs';

/* A 400 refusal in OAuth terms: problem+json, the error code, no-store. */
function assertOAuthError(res, error, pointer) {
	assertOAuthRefusal(res, error, pointer);
	assertNoStore(res);
	assert.doesNotMatch(res.text, /Teilhabe-Demo-2026/, 'the password is never echoed');
	if (pointer !== undefined) assert.ok(res.json.errors[0].message);
}

/* Everything but the request id, for comparing two answers. */
function comparable(res) {
	const headers = { ...res.headers };
	delete headers['x-request-id'];
	delete headers.date;
	const body = { ...res.json };
	delete body.request_id;
	return { status: res.status, headers, body };
}

const signingKid = () => serverKeys()[0].kid;

/* An email address without an account, fresh for every run of this file. */
const nobody = () => `niemand-${process.pid}-${randomBytes(4).toString('hex')}@musterstadt.example`;

for (const form of [false, true]) {
	const how = form ? 'form' : 'JSON';
	describe(`sign-in with a ${how} body`, () => {
		for (const acc of DEMO_ACCOUNTS) {
			test(`${acc.email} signs in; the token's claims and GET /me show the account (${acc.mem.length} memberships)`, async () => {
				const before = now();
				const res = await requestToken({ grant_type: 'password', username: acc.email, password: DEMO_PASSWORD }, { form });
				assert.equal(res.status, 200, res.text);
				assert.equal(mediaType(res.headers['content-type']), 'application/json');
				assert.match(res.headers['cache-control'] ?? '', /(^|,)\s*no-store\s*(,|$)/);
				assert.equal(res.json.token_type, 'Bearer');
				assert.equal(res.json.expires_in, TTL);
				assert.match(res.json.refresh_token, /^[A-Za-z0-9_-]{43}$/, 'a person\'s sign-in opens a session with a refresh token');
				assert.equal(res.json.scope, undefined, 'people\'s tokens carry no scope');

				const t = decode(res.json.access_token);
				assert.deepEqual(t.header, { alg: 'HS256', kid: signingKid(), typ: 'JWT' });
				assert.equal(t.signature, hmac('sha256', serverKeys()[0].secret, t.signed), 'signed with the first key of the key file');
				const p = t.payload;
				assert.deepEqual(Object.keys(p).sort(), ['aud', 'dadm', 'did', 'exp', 'iat', 'iss', 'jti', 'mem', 'nbf', 'sid', 'sub']);
				assert.equal(p.iss, ISSUER);
				assert.equal(p.aud, AUDIENCE);
				assert.match(p.sub, /^[1-9][0-9]*$/);
				assert.ok(Number.isInteger(p.did) && p.did > 0, `did is the district's id: ${JSON.stringify(p.did)}`);
				assert.match(p.sid, /^[1-9][0-9]*$/, 'sid names the session, a string of digits');
				assert.equal(p.cid, undefined);
				assert.equal(p.scope, undefined);
				assert.ok(Number.isInteger(p.iat) && Math.abs(p.iat - before) < 120, `iat ${p.iat} is now (${before})`);
				assert.equal(p.nbf, p.iat);
				assert.equal(p.exp, p.iat + TTL);
				assert.match(p.jti, /^[A-Za-z0-9_-]{16,}$/);
				assert.equal(p.dadm, acc.dadm);
				assert.ok(Array.isArray(p.mem));
				assert.deepEqual(p.mem.map((m) => [m.ags, m.role]), acc.mem.map(([ags, role]) => [ags, role]));
				for (const m of p.mem) {
					assert.deepEqual(Object.keys(m).sort(), ['ags', 'mid', 'org', 'role']);
					assert.ok(Number.isInteger(m.mid) && m.mid > 0, JSON.stringify(m));
					if (m.role === 'partner') assert.ok(Number.isInteger(m.org) && m.org > 0, JSON.stringify(m));
					else assert.equal(m.org, null);
				}

				const who = await me(res.json.access_token);
				assert.equal(who.status, 200, who.text);
				assert.equal(who.json.kind, 'account');
				assert.equal(who.json.id, p.sub);
				assert.equal(who.json.email, acc.email);
				assert.equal(who.json.status, 'active');
				assert.equal(who.json.district_admin, acc.dadm);
				assert.ok(who.json.display_name.length > 0);
				assert.ok(who.json.last_login_at !== null, 'signing in records last_login_at');
				assert.ok(Math.abs(Date.parse(who.json.last_login_at) / 1000 - before) < 120,
					`last_login_at ${who.json.last_login_at} is this sign-in`);
				const got = who.json.memberships.map((m) => [m.municipality.ags, m.role, m.organisation?.name ?? null]).sort();
				const want = acc.mem.map(([ags, role, org]) => [ags, role, org ?? null]).sort();
				assert.deepEqual(got, want);
				for (const m of who.json.memberships) {
					if (m.organisation) {
						const claim = p.mem.find((c) => c.ags === m.municipality.ags);
						assert.equal(m.organisation.id, String(claim.org), 'the organisation in /me is the one in the token');
					}
				}
			});
		}
	});
}

test('the Caritas partner holds three partner memberships, all for Caritas', async () => {
	const { payload } = decode(await signIn('migrationsdienst@caritas-musterkreis.example'));
	assert.equal(payload.mem.length, 3);
	assert.ok(payload.mem.every((m) => m.role === 'partner'));
	assert.equal(new Set(payload.mem.map((m) => m.org)).size, 1, 'one organisation');
	assert.equal(new Set(payload.mem.map((m) => m.mid)).size, 3, 'three municipalities');
});

test('two sign-ins give two different tokens (jti), sessions (sid) and refresh tokens', async () => {
	const ra = await requestToken({ grant_type: 'password', username: 'integration@musterstadt.example', password: DEMO_PASSWORD });
	const rb = await requestToken({ grant_type: 'password', username: 'integration@musterstadt.example', password: DEMO_PASSWORD });
	assert.equal(ra.status, 200, ra.text);
	assert.equal(rb.status, 200, rb.text);
	const a = decode(ra.json.access_token);
	const b = decode(rb.json.access_token);
	assert.notEqual(a.payload.jti, b.payload.jti);
	assert.equal(a.payload.sub, b.payload.sub);
	assert.equal(a.payload.did, b.payload.did);
	assert.notEqual(a.payload.sid, b.payload.sid);
	assert.notEqual(ra.json.refresh_token, rb.json.refresh_token);
});

test('the email address is matched without regard to case', async () => {
	const lower = decode(await signIn('integration@musterstadt.example'));
	const mixed = decode(await signIn('Integration@MusterStadt.EXAMPLE'));
	assert.equal(mixed.payload.sub, lower.payload.sub);
	const res = await me(await signIn('KREIS@MUSTERKREIS.EXAMPLE', DEMO_PASSWORD, { form: true }));
	assert.equal(res.json.email, 'kreis@musterkreis.example');
});

describe('wrong credentials', () => {
	for (const form of [false, true]) {
		const how = form ? 'form' : 'JSON';
		test(`wrong password (${how}) answers 400 invalid_grant`, async () => {
			const res = await requestToken({ grant_type: 'password', username: 'integration@musterstadt.example', password: 'Teilhabe-Demo-2025' }, { form });
			assertOAuthError(res, 'invalid_grant');
			assert.equal(res.json.access_token, undefined);
		});
		test(`unknown email (${how}) answers 400 invalid_grant`, async () => {
			const res = await requestToken({ grant_type: 'password', username: nobody(), password: DEMO_PASSWORD }, { form });
			assertOAuthError(res, 'invalid_grant');
		});
	}

	test('the password is case-sensitive', async () => {
		const res = await requestToken({ grant_type: 'password', username: 'kreis@musterkreis.example', password: DEMO_PASSWORD.toLowerCase() });
		assertOAuthError(res, 'invalid_grant');
	});

	test('a password with trailing whitespace is another password', async () => {
		const res = await requestToken({ grant_type: 'password', username: 'kreis@musterkreis.example', password: `${DEMO_PASSWORD} ` });
		assertOAuthError(res, 'invalid_grant');
	});

	test('unknown email and wrong password answer identically, apart from the request id', async () => {
		const wrongPw = await requestToken({ grant_type: 'password', username: 'integration@musterstadt.example', password: 'not-the-password' });
		const unknown = await requestToken({ grant_type: 'password', username: nobody(), password: 'not-the-password' });
		const overlong = await requestToken({ grant_type: 'password', username: `${'x'.repeat(300)}@musterstadt.example`, password: 'not-the-password' });
		assertOAuthError(wrongPw, 'invalid_grant');
		assert.notEqual(wrongPw.headers['x-request-id'], unknown.headers['x-request-id']);
		assert.deepEqual(comparable(unknown), comparable(wrongPw));
		assert.deepEqual(comparable(overlong), comparable(wrongPw));
	});
});

describe('invalid requests', () => {
	const cases = [
		['empty username', { grant_type: 'password', username: '', password: DEMO_PASSWORD }, 'invalid_request', '/username'],
		['no username', { grant_type: 'password', password: DEMO_PASSWORD }, 'invalid_request', '/username'],
		['empty password', { grant_type: 'password', username: 'kreis@musterkreis.example', password: '' }, 'invalid_request', '/password'],
		['no password', { grant_type: 'password', username: 'kreis@musterkreis.example' }, 'invalid_request', '/password'],
		['no grant_type', { username: 'kreis@musterkreis.example', password: DEMO_PASSWORD }, 'invalid_request', '/grant_type'],
		['grant_type authorization_code', { grant_type: 'authorization_code', code: 'x' }, 'unsupported_grant_type', '/grant_type'],
		['grant_type PASSWORD (case matters)', { grant_type: 'PASSWORD', username: 'kreis@musterkreis.example', password: DEMO_PASSWORD }, 'unsupported_grant_type', '/grant_type'],
	];
	for (const form of [false, true]) {
		for (const [name, fields, error, pointer] of cases) {
			test(`${name} (${form ? 'form' : 'JSON'}) answers 400 ${error} pointing at ${pointer}`, async () => {
				assertOAuthError(await requestToken(fields, { form }), error, pointer);
			});
		}
	}

	/* client_credentials is a grant of its own now (clients.test.mjs): no longer unsupported */
	for (const form of [false, true]) {
		test(`grant_type client_credentials (${form ? 'form' : 'JSON'}) is supported: a username and password give no token`, async () => {
			const res = await requestToken({ grant_type: 'client_credentials', username: 'kreis@musterkreis.example', password: DEMO_PASSWORD }, { form });
			assert.ok(res.status === 400 || res.status === 401, `${res.status} ${res.text}`);
			assert.notEqual(res.json.error, 'unsupported_grant_type', res.text);
			assert.equal(res.json.access_token, undefined);
			assert.match(res.headers['cache-control'] ?? '', /(^|,)\s*no-store\s*(,|$)/);
		});
	}

	test('a username that is not a string answers 400 invalid_request', async () => {
		assertOAuthError(await requestToken({ grant_type: 'password', username: 42, password: DEMO_PASSWORD }), 'invalid_request', '/username');
	});

	test('a password that is not a string answers 400 invalid_request', async () => {
		assertOAuthError(await requestToken({ grant_type: 'password', username: 'kreis@musterkreis.example', password: ['x'] }), 'invalid_request', '/password');
	});

	test('a JSON array answers 400 invalid_request', async () => {
		const res = await call('POST', TOKEN_PATH, { body: '[]', headers: { 'Content-Type': 'application/json' } });
		assertOAuthError(res, 'invalid_request');
	});

	test('a JSON scalar answers 400', async () => {
		for (const body of ['"password"', 'null', '42']) {
			assertProblem(await call('POST', TOKEN_PATH, { body, headers: { 'Content-Type': 'application/json' } }), 400);
		}
	});

	test('an empty body without Content-Type answers 400', async () => {
		assertProblem(await call('POST', TOKEN_PATH, { body: '' }), 400);
	});

	test('GET on the token endpoint answers 405 with Allow: POST', async () => {
		const res = await call('GET', TOKEN_PATH);
		assertProblem(res, 405);
		assert.match(res.headers.allow, /\bPOST\b/);
	});
});
