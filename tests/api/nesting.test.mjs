/*
 * JSON nesting depth: every JSON text from outside (request bodies, the
 * header and payload of bearer tokens, the token in a revocation) is
 * refused with 400 problem+json when it nests deeper than 32 levels,
 * before anything parses it. Before this bound, each of the texts below
 * overflowed a worker thread's stack and ended the whole process, so every
 * case also checks that the server still answers afterwards.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { MUSTERSTADT, REVOKE_PATH, TOKEN_PATH, b64url, bearer, signIn } from './lib/auth.mjs';

const LIMIT = 32;
const DETAIL = `The JSON is nested deeper than ${LIMIT} levels.`;
const MEASURES = `/api/v1/municipalities/${MUSTERSTADT}/measures`;

const arrays = (depth, inner = '') => '['.repeat(depth) + inner + ']'.repeat(depth);
const objects = (depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/* A token-shaped string whose header segment is text, base64url-encoded. */
const deepHeaderToken = (text) => `${b64url(text)}.e30.x`;

let officer;

before(async () => {
	officer = await signIn('integration@musterstadt.example');
});

async function assertAlive() {
	const res = await call('GET', '/health/live');
	assert.equal(res.status, 200, 'the server still answers /health/live');
}

function assertTooDeep(res, detail = DETAIL) {
	assertProblem(res, 400);
	assert.equal(res.json.detail, detail);
}

const postJson = (path, text, headers = {}) =>
	call('POST', path, { body: text, headers: { 'Content-Type': 'application/json', ...headers } });

describe('request bodies nested too deep answer 400', () => {
	test('arrays 1,000 deep to /auth/token (the reported 2 KB request)', async () => {
		assertTooDeep(await postJson(TOKEN_PATH, arrays(1000)));
		await assertAlive();
	});

	test('objects 2,000 deep in a measure POST', async () => {
		assertTooDeep(await postJson(MEASURES, objects(2000), bearer(officer)));
		await assertAlive();
	});

	test('arrays 10,000 deep in a measure POST', async () => {
		assertTooDeep(await postJson(MEASURES, arrays(10000), bearer(officer)));
		await assertAlive();
	});

	test('arrays 1,000 deep in the body of /auth/revoke', async () => {
		assertTooDeep(await postJson(REVOKE_PATH, arrays(1000)));
		await assertAlive();
	});

	test('at the edge: 32 levels are parsed (422 for the field), 33 are refused', async () => {
		/* the body object is the first level, the title's arrays the rest */
		const at = await postJson(MEASURES, `{"title":${arrays(LIMIT - 1)}}`, bearer(officer));
		assertProblem(at, 422);
		assert.ok(at.json.errors.some((e) => e.pointer === '/title'), at.text);
		assertTooDeep(await postJson(MEASURES, `{"title":${arrays(LIMIT)}}`, bearer(officer)));
		assertTooDeep(await postJson(TOKEN_PATH, arrays(LIMIT + 1)));
		await assertAlive();
	});

	test('brackets inside strings do not count', async () => {
		const res = await postJson(MEASURES, JSON.stringify({ title: arrays(1000) }), bearer(officer));
		assertProblem(res, 422); /* required fields are missing; parsed fine */
		await assertAlive();
	});
});

describe('bearer tokens whose JSON nests too deep answer 400', () => {
	const TOKEN_DETAIL = `The access token's JSON is nested deeper than ${LIMIT} levels.`;

	test('a header segment of arrays 1,000 deep on an endpoint', async () => {
		const res = await call('GET', '/api/v1/me', { headers: bearer(deepHeaderToken(arrays(1000))) });
		assertTooDeep(res, TOKEN_DETAIL);
		await assertAlive();
	});

	test('the same token on a write, and a payload segment that deep', async () => {
		assertTooDeep(await postJson(MEASURES, '{}', bearer(deepHeaderToken(arrays(1000)))), TOKEN_DETAIL);
		const payload = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(objects(500))}.x`;
		assertTooDeep(await call('GET', '/api/v1/me', { headers: bearer(payload) }), TOKEN_DETAIL);
		await assertAlive();
	});

	test('at the edge: a header 32 deep is only an invalid token (401), 33 is refused', async () => {
		const at = await call('GET', '/api/v1/me', { headers: bearer(deepHeaderToken(arrays(LIMIT))) });
		assertProblem(at, 401);
		const over = await call('GET', '/api/v1/me', { headers: bearer(deepHeaderToken(arrays(LIMIT + 1))) });
		assertTooDeep(over, TOKEN_DETAIL);
		await assertAlive();
	});

	test('on an operation anyone may call, too', async () => {
		const res = await call('GET', '/health/live', { headers: bearer(deepHeaderToken(arrays(1000))) });
		assertTooDeep(res, TOKEN_DETAIL);
		await assertAlive();
	});

	test('the token in the body of /auth/revoke', async () => {
		const res = await postJson(REVOKE_PATH, JSON.stringify({ token: deepHeaderToken(arrays(1000)) }));
		assertProblem(res, 400);
		assert.equal(res.json.detail, `The token's JSON is nested deeper than ${LIMIT} levels.`);
		assert.equal(res.json.error, 'invalid_request');
		await assertAlive();
	});

	test('the same token as a form body of /auth/revoke', async () => {
		const res = await call('POST', REVOKE_PATH, {
			body: new URLSearchParams({ token: deepHeaderToken(arrays(1000)) }).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		assertProblem(res, 400);
		await assertAlive();
	});
});
