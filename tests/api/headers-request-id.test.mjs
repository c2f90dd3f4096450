import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';

const SANE = /^[A-Za-z0-9._-]{1,64}$/;

for (const id of ['abc-123._XYZ', 'a', 'x'.repeat(64)]) {
	test(`a valid X-Request-Id (${id.length} chars) is echoed unchanged`, async () => {
		const res = await call('GET', '/health/live', { headers: { 'X-Request-Id': id } });
		assert.equal(res.status, 200);
		assert.equal(res.headers['x-request-id'], id);
	});
}

const insane = {
	'with a space and "!"': 'bad id!',
	'of 65 chars': 'x'.repeat(65),
	'of 200 chars': 'y'.repeat(200),
	'with a slash': 'a/b',
	'empty': '',
};
for (const [what, id] of Object.entries(insane)) {
	test(`an X-Request-Id ${what} is replaced by a generated one`, async () => {
		const res = await call('GET', '/health/live', { headers: { 'X-Request-Id': id } });
		assert.equal(res.status, 200);
		assert.match(res.headers['x-request-id'], SANE);
		assert.notEqual(res.headers['x-request-id'], id);
	});
}

test('without X-Request-Id each response gets its own generated one', async () => {
	const a = await call('GET', '/health/live');
	const b = await call('GET', '/health/live');
	assert.match(a.headers['x-request-id'], SANE);
	assert.match(b.headers['x-request-id'], SANE);
	assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
});

test('request_id in a problem body equals the echoed X-Request-Id', async () => {
	const res = await call('GET', '/api/v1/municipalities/99999999', { headers: { 'X-Request-Id': 'trace-404.check' } });
	assertProblem(res, 404);
	assert.equal(res.json.request_id, 'trace-404.check');
});

test('request_id in a problem body equals the generated X-Request-Id', async () => {
	const res = await call('GET', '/api/v1/municipalities?limit=0', { headers: { 'X-Request-Id': 'bad id!' } });
	assertProblem(res, 400, { parameter: 'limit' });
	assert.notEqual(res.json.request_id, 'bad id!');
});

test('error responses for unknown paths carry X-Request-Id too', async () => {
	const res = await call('GET', '/api/v1/no-such-thing', { headers: { 'X-Request-Id': 'trace-unknown-path' } });
	assertProblem(res, 404);
	assert.equal(res.headers['x-request-id'], 'trace-unknown-path');
});
