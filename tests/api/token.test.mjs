/*
 * Access-token verification, attacked through GET /api/v1/me: every bad
 * token answers 401 problem+json with a WWW-Authenticate challenge.
 *
 * Tokens are forged with the server's real keys (TEST_TOKEN_KEYS), and a
 * correctly forged token is accepted first: that proves the forging is
 * right, so each refusal below is the server rejecting exactly the one
 * thing that was changed. Disabling an account uses SQL (TEST_PSQL_CMD) on
 * an account this file creates.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import {
	DEMO_PASSWORD, LEEWAY, MAX_TOKEN_LEN, TTL, b64url, claims, claimsOf, decode, forge, hmac, lit, me, now, psql,
	requestToken, serverKeys, signIn,
} from './lib/auth.mjs';

const INVALID = 'The access token is invalid or expired; sign in again.';

/* 401 problem+json with a Bearer challenge; a sent token is invalid_token. */
function assertUnauthorized(res, { tokenSent = true } = {}) {
	assertProblem(res, 401);
	const challenge = res.headers['www-authenticate'];
	assert.ok(challenge, 'WWW-Authenticate is set');
	assert.match(challenge, /^Bearer( |$)/);
	if (tokenSent) assert.match(challenge, /error="invalid_token"/);
	assert.equal(res.json.memberships, undefined);
	assert.equal(res.json.email, undefined);
}

async function refused(token, detail = INVALID) {
	const res = await me(token);
	assertUnauthorized(res);
	if (detail) assert.equal(res.json.detail, detail);
	return res;
}

async function accepted(token) {
	const res = await me(token);
	assert.equal(res.status, 200, `expected the token to be accepted: ${res.text.slice(0, 300)}`);
	return res;
}

/* The longest valid token like issued of at most max characters (a "pad" claim). */
function paddedToken(issued, max) {
	const base = forge(claimsOf(issued, { pad: '' })).length;
	let token;
	for (let pad = Math.max(0, Math.floor((max - base) * 3 / 4) - 8); ; pad++) {
		const next = forge(claimsOf(issued, { pad: 'x'.repeat(pad) }));
		if (next.length > max) return token;
		token = next;
	}
}

/* Ids of two demo accounts, read from tokens the server issued. */
let officerToken;
let officerId;
let steeringToken;
let steeringId;
before(async () => {
	officerToken = await signIn('integration@musterstadt.example');
	officerId = decode(officerToken).payload.sub;
	steeringToken = await signIn('buergermeisterin@musterstadt.example');
	steeringId = decode(steeringToken).payload.sub;
	assert.notEqual(officerId, steeringId);
});

describe('the forging helper is right', () => {
	test('a token forged with the signing key and valid claims is accepted', async () => {
		const res = await accepted(forge(claimsOf(officerToken)));
		assert.equal(res.json.id, officerId);
		assert.equal(res.json.email, 'integration@musterstadt.example');
	});

	test('the server\'s own token re-signed by the helper is byte for byte the same', () => {
		const t = decode(officerToken);
		assert.equal(forge(t.payload, { header: t.header }), officerToken);
	});

	test('a token signed with the second key of the file (its kid) is accepted: keys rotate', async () => {
		const old = serverKeys()[1];
		const res = await accepted(forge(claimsOf(steeringToken), { header: { alg: 'HS256', kid: old.kid, typ: 'JWT' }, secret: old.secret }));
		assert.equal(res.json.id, steeringId);
	});

	test('exp and nbf within the 30 s leeway are accepted', async () => {
		const t = now();
		await accepted(forge(claimsOf(officerToken, { iat: t - TTL, nbf: t - TTL, exp: t - 5 })));
		await accepted(forge(claimsOf(officerToken, { iat: t + 5, nbf: t + 5, exp: t + 5 + TTL })));
	});

	test(`a token of ${MAX_TOKEN_LEN} characters (or up to 3 fewer) is accepted`, async () => {
		const token = paddedToken(officerToken, MAX_TOKEN_LEN);
		assert.ok(token.length > MAX_TOKEN_LEN - 4, `length ${token.length}`);
		await accepted(token);
	});
});

describe('no token or not a bearer token', () => {
	test('no Authorization header answers 401 with a Bearer challenge', async () => {
		const res = await me(undefined);
		assertUnauthorized(res, { tokenSent: false });
	});

	/*
	 * Basic credentials are for API clients at the token endpoint alone;
	 * elsewhere they are no bearer token, so the challenge names no error
	 * (RFC 6750 §3.1: an unsupported authentication method).
	 */
	test('Authorization: Basic answers 401', async () => {
		const res = await call('GET', '/api/v1/me', { headers: { Authorization: 'Basic eHl6OmFiYw==' } });
		assertUnauthorized(res, { tokenSent: false });
	});

	test('Authorization: Basic xyz answers 401', async () => {
		assertUnauthorized(await call('GET', '/api/v1/me', { headers: { Authorization: 'Basic xyz' } }), { tokenSent: false });
	});

	test('a bare token without the Bearer scheme answers 401', async () => {
		assertUnauthorized(await call('GET', '/api/v1/me', { headers: { Authorization: officerToken } }));
	});

	test('"Bearer" with no token answers 401', async () => {
		assertUnauthorized(await call('GET', '/api/v1/me', { headers: { Authorization: 'Bearer ' } }));
	});
});

describe('forged and tampered tokens', () => {
	const hs256 = () => ({ alg: 'HS256', kid: serverKeys()[0].kid, typ: 'JWT' });

	test('alg none with an empty signature (trailing dot) answers 401', async () => {
		const c = claimsOf(officerToken);
		await refused(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(c)}.`);
		await refused(`${b64url({ alg: 'none', kid: serverKeys()[0].kid, typ: 'JWT' })}.${b64url(c)}.`);
	});

	test('alg none without the trailing dot answers 401', async () => {
		await refused(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claimsOf(officerToken))}`);
	});

	test('alg none (and None, NONE) with a valid HS256 signature answers 401', async () => {
		for (const alg of ['none', 'None', 'NONE']) {
			await refused(forge(claimsOf(officerToken), { header: { ...hs256(), alg } }));
		}
	});

	test('HS256 signed with another key answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { secret: randomBytes(32) }));
	});

	test('HS256 signed with an empty key answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { secret: Buffer.alloc(0) }));
	});

	test('HS256 signed with the base64 text of the key (not its bytes) answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { secret: Buffer.from(serverKeys()[0].secret.toString('base64')) }));
	});

	test('RS256 in the header with an HMAC signature by the real key answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), alg: 'RS256' } }));
	});

	test('HS512 and HS384 with a matching HMAC by the real key answer 401', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), alg: 'HS512' }, digest: 'sha512' }));
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), alg: 'HS384' }, digest: 'sha384' }));
	});

	test('HS512 in the header with an HS256 signature answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), alg: 'HS512' } }));
	});

	test('lower-case hs256 answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), alg: 'hs256' } }));
	});

	test('an unknown kid answers 401, even signed with the real key', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), kid: 'no-such-key' } }));
	});

	test('no kid answers 401, even signed with the real key', async () => {
		await refused(forge(claimsOf(officerToken), { header: { alg: 'HS256', typ: 'JWT' } }));
	});

	test('the second key\'s kid with a signature by the first key answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), kid: serverKeys()[1].kid } }));
	});

	test('a typ other than JWT answers 401', async () => {
		await refused(forge(claimsOf(officerToken), { header: { ...hs256(), typ: 'at+jwt+evil' } }));
	});

	test('a payload changed after signing (sub of another account) answers 401', async () => {
		const t = decode(officerToken);
		const other = `${t.signed.split('.')[0]}.${b64url({ ...t.payload, sub: steeringId })}.${t.signature}`;
		await refused(other);
		const dadm = `${t.signed.split('.')[0]}.${b64url({ ...t.payload, dadm: true })}.${t.signature}`;
		await refused(dadm);
		await accepted(officerToken);
	});

	test('a header changed after signing answers 401', async () => {
		const t = decode(officerToken);
		await refused(`${b64url({ ...t.header, extra: 1 })}.${t.signed.split('.')[1]}.${t.signature}`);
	});

	test('a signature with trailing junk answers 401', async () => {
		for (const junk of ['A', 'x', 'AAAA', '.', '..x']) {
			await refused(officerToken + junk, null);
		}
	});

	test('a truncated or empty signature answers 401', async () => {
		await refused(officerToken.slice(0, -1));
		await refused(officerToken.slice(0, officerToken.lastIndexOf('.') + 1));
	});

	test('a signature with one character changed answers 401', async () => {
		const t = decode(officerToken);
		const flip = t.signature[0] === 'A' ? 'B' : 'A';
		await refused(`${t.signed}.${flip}${t.signature.slice(1)}`);
	});

	test('a signature in standard base64 with padding answers 401', async () => {
		const t = decode(officerToken);
		const std = Buffer.from(t.signature, 'base64url').toString('base64');
		await refused(`${t.signed}.${std}`, null);
	});

	test('a token for an account that does not exist answers 401', async () => {
		await refused(forge(claims('999999999')), null);
	});
});

describe('claims', () => {
	test(`expired beyond the ${LEEWAY} s leeway answers 401`, async () => {
		const t = now();
		await refused(forge(claimsOf(officerToken, { iat: t - TTL - 120, nbf: t - TTL - 120, exp: t - 120 })));
	});

	test('expired long ago answers 401', async () => {
		await refused(forge(claimsOf(officerToken, { iat: 1000, nbf: 1000, exp: 1900 })));
	});

	test(`not yet valid (nbf beyond the ${LEEWAY} s leeway) answers 401`, async () => {
		const t = now();
		await refused(forge(claimsOf(officerToken, { nbf: t + 120 })));
		await refused(forge(claimsOf(officerToken, { iat: t + 3600, nbf: t + 3600, exp: t + 3600 + TTL })));
	});

	test('no exp answers 401', async () => {
		const c = claimsOf(officerToken);
		delete c.exp;
		await refused(forge(c));
	});

	test('no nbf answers 401', async () => {
		const c = claimsOf(officerToken);
		delete c.nbf;
		await refused(forge(c));
	});

	test('exp as a string answers 401', async () => {
		await refused(forge(claimsOf(officerToken, { exp: String(now() + TTL) })));
	});

	test('a wrong iss answers 401', async () => {
		await refused(forge(claimsOf(officerToken, { iss: 'teilhabe-evil' })));
		await refused(forge(claimsOf(officerToken, { iss: 'Teilhabe' })));
	});

	test('no iss answers 401', async () => {
		const c = claimsOf(officerToken);
		delete c.iss;
		await refused(forge(c));
	});

	test('a wrong aud answers 401', async () => {
		await refused(forge(claimsOf(officerToken, { aud: 'other-api' })));
		await refused(forge(claimsOf(officerToken, { aud: ['other-api'] })));
	});

	test('no aud answers 401', async () => {
		const c = claimsOf(officerToken);
		delete c.aud;
		await refused(forge(c));
	});

	test('no sub answers 401', async () => {
		const c = claimsOf(officerToken);
		delete c.sub;
		await refused(forge(c));
	});

	test('an empty sub answers 401', async () => {
		await refused(forge(claims('')));
	});

	test('no jti answers 401', async () => {
		const c = claimsOf(officerToken);
		delete c.jti;
		await refused(forge(c));
	});

	test('a payload that is not JSON answers 401', async () => {
		const k = serverKeys()[0];
		const signed = `${b64url({ alg: 'HS256', kid: k.kid, typ: 'JWT' })}.${b64url('not json')}`;
		await refused(`${signed}.${hmac('sha256', k.secret, signed)}`);
	});
});

describe('malformed and oversized tokens', () => {
	test('a token of 5000 characters answers 401, even correctly signed', async () => {
		const token = paddedToken(officerToken, 5000);
		assert.ok(token.length > 5000 - 4, `length ${token.length}`);
		await refused(token);
	});

	test(`a correctly signed token just over ${MAX_TOKEN_LEN} characters answers 401`, async () => {
		const token = paddedToken(officerToken, MAX_TOKEN_LEN + 4);
		assert.ok(token.length > MAX_TOKEN_LEN && token.length <= MAX_TOKEN_LEN + 4, `length ${token.length}`);
		await refused(token);
	});

	test('5000 characters of junk answer 401', async () => {
		await refused('A'.repeat(5000));
	});

	test('a token of two parts answers 401', async () => {
		const t = decode(officerToken);
		await refused(t.signed);
		await refused(`${t.signed.split('.')[1]}.${t.signature}`);
	});

	test('a token of four parts answers 401', async () => {
		await refused(`${officerToken}.${decode(officerToken).signature}`, null);
	});

	test('a token with characters outside base64url answers 401', async () => {
		for (const bad of ['abc!.def.ghi', 'ab+c.de/f.gh=', `${officerToken.slice(0, 10)}*${officerToken.slice(11)}`, 'a b.c.d']) {
			await refused(bad, null);
		}
	});

	test('empty parts answer 401', async () => {
		await refused('..', null);
		const t = decode(officerToken);
		await refused(`.${t.signed.split('.')[1]}.${t.signature}`, null);
		await refused(`${t.signed.split('.')[0]}..${t.signature}`, null);
	});

	test('a header that is not base64 of JSON answers 401', async () => {
		const k = serverKeys()[0];
		const signed = `${b64url('not json')}.${b64url(claimsOf(officerToken))}`;
		await refused(`${signed}.${hmac('sha256', k.secret, signed)}`);
	});
});

describe('an invalid token on operations that need none answers 401', () => {
	for (const [method, path] of [
		['GET', '/health/live'],
		['GET', '/health/ready'],
		['GET', '/openapi.yaml'],
		['GET', '/api/v1/municipalities'],
		['GET', '/api/v1/municipalities/05999004'],
	]) {
		test(`${method} ${path}`, async () => {
			const res = await call(method, path, { headers: { Authorization: 'Bearer not.a.token' } });
			assertUnauthorized(res);
			const ok = await call(method, path, { headers: { Authorization: `Bearer ${officerToken}` } });
			assert.ok(ok.status === 200, `with a valid token: ${ok.status} ${ok.text.slice(0, 200)}`);
		});
	}

	test('POST /api/v1/auth/token with a bad token answers 401 before reading the body', async () => {
		const res = await requestToken({ grant_type: 'password', username: 'kreis@musterkreis.example', password: DEMO_PASSWORD },
			{ headers: { Authorization: 'Bearer not.a.token' } });
		assertUnauthorized(res);
		assert.equal(res.json.access_token, undefined);
	});
});

describe('an account disabled after its token was issued', () => {
	const email = `disabled-${process.pid}-${randomBytes(4).toString('hex')}@test.example`;
	let id;

	before(() => {
		id = psql(`INSERT INTO account (district_id, email, display_name, password_hash)
			SELECT district_id, ${lit(email)}, 'Test account (disabled by the API tests)', password_hash
			  FROM account WHERE email = 'kreis@musterkreis.example'
			RETURNING id`).split('\n')[0];
		assert.match(id, /^[1-9][0-9]*$/, `INSERT returned ${JSON.stringify(id)}`);
	});
	after(() => {
		/* signing in opened a session: it goes first */
		if (id) {
			psql(`DELETE FROM refresh_token WHERE session_id IN (SELECT id FROM auth_session WHERE account_id = ${Number(id)});
				DELETE FROM auth_session WHERE account_id = ${Number(id)};
				DELETE FROM account WHERE id = ${Number(id)}`);
		}
	});

	test('its token is refused with 401 once it is disabled, and it cannot sign in again', async () => {
		const token = await signIn(email);
		assert.equal(decode(token).payload.sub, id);
		const ok = await accepted(token);
		assert.equal(ok.json.email, email);
		assert.deepEqual(ok.json.memberships, []);

		psql(`UPDATE account SET status = 'disabled' WHERE id = ${Number(id)}`);

		const res = await me(token);
		assertUnauthorized(res, { tokenSent: true });
		const forged = await me(forge(claims(id)));
		assertUnauthorized(forged, { tokenSent: true });

		const again = await requestToken({ grant_type: 'password', username: email, password: DEMO_PASSWORD });
		assertProblem(again, 400);
		assert.equal(again.json.error, 'invalid_grant');
		const wrong = await requestToken({ grant_type: 'password', username: email, password: 'not-the-password' });
		delete again.json.request_id;
		delete wrong.json.request_id;
		assert.deepEqual(again.json, wrong.json, 'a disabled account answers as a wrong password does');
	});
});
