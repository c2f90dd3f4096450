/*
 * Caching (issue #9, 6.): whatever a request with credentials gets may be
 * personal, so it is sent with Cache-Control: no-store, successes, errors
 * and 304s alike; public answers keep no-cache (stored, revalidated).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { bearer, MUSTERSTADT, signIn } from './lib/auth.mjs';
import { call } from './lib/contract.mjs';

const NO_STORE = /(^|,)\s*no-store\s*(,|$)/;
let token;

before(async () => {
	token = await signIn('integration@musterstadt.example');
});

const authenticated = [
	['GET', '/api/v1/me', 200],
	['GET', '/api/v1/municipalities?limit=1', 200],
	['GET', `/api/v1/municipalities/${MUSTERSTADT}`, 200],
	['GET', `/api/v1/municipalities/${MUSTERSTADT}/measures?limit=2`, 200],
	['GET', `/api/v1/public/municipalities/${MUSTERSTADT}/action-fields`, 200],
	['GET', '/api/v1/municipalities/99999999', 404],
	['GET', '/api/v1/municipalities?limit=0', 400],
	['GET', '/health/live', 200],
];
for (const [method, path, status] of authenticated) {
	test(`${method} ${path} with a token answers ${status} with Cache-Control: no-store`, async () => {
		const res = await call(method, path, { headers: bearer(token) });
		assert.equal(res.status, status, res.text.slice(0, 300));
		assert.match(res.headers['cache-control'] ?? '', NO_STORE);
	});
}

test('a 304 for a request with a token is not stored either', async () => {
	const path = `/api/v1/municipalities/${MUSTERSTADT}`;
	const first = await call('GET', path, { headers: bearer(token) });
	assert.ok(first.headers.etag, 'the municipality has an ETag');
	const res = await call('GET', path, { headers: { ...bearer(token), 'If-None-Match': first.headers.etag } });
	assert.equal(res.status, 304);
	assert.match(res.headers['cache-control'] ?? '', NO_STORE);
});

test('a request with an invalid token gets 401 with Cache-Control: no-store', async () => {
	const res = await call('GET', '/api/v1/me', { headers: bearer('not.a.token') });
	assert.equal(res.status, 401);
	assert.match(res.headers['cache-control'] ?? '', NO_STORE);
});

for (const path of ['/api/v1/municipalities?limit=1', `/api/v1/public/municipalities/${MUSTERSTADT}/action-fields`, '/health/live']) {
	test(`anonymous GET ${path} stays cacheable with revalidation (no-cache, not no-store)`, async () => {
		const res = await call('GET', path);
		assert.equal(res.status, 200);
		assert.equal(res.headers['cache-control'], 'no-cache');
	});
}
