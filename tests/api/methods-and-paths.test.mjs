import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';

function allowed(res) {
	return res.headers.allow.split(',').map((m) => m.trim());
}

test('an unknown path under /api/v1 answers 404 problem+json', async () => {
	assertProblem(await call('GET', '/api/v1/nope'), 404);
});

test('an unknown API version answers 404 problem+json', async () => {
	assertProblem(await call('GET', '/api/v2/municipalities'), 404);
});

test('DELETE /api/v1/municipalities answers 405 problem+json with Allow listing GET', async () => {
	const res = await call('DELETE', '/api/v1/municipalities');
	assertProblem(res, 405);
	assert.ok(allowed(res).includes('GET'), `Allow: ${res.headers.allow}`);
	assert.ok(!allowed(res).includes('DELETE'), `Allow: ${res.headers.allow}`);
});

test('PUT /api/v1/municipalities/{ags} answers 405 problem+json with Allow listing GET', async () => {
	const res = await call('PUT', '/api/v1/municipalities/05554004', { body: {} });
	assertProblem(res, 405);
	assert.ok(allowed(res).includes('GET'), `Allow: ${res.headers.allow}`);
});

test('POST /health/live answers 405 with Allow listing GET', async () => {
	const res = await call('POST', '/health/live', { body: {} });
	assertProblem(res, 405);
	assert.ok(allowed(res).includes('GET'), `Allow: ${res.headers.allow}`);
});

test('a trailing slash is another path: /api/v1/municipalities/05554004/ answers 404', async () => {
	assertProblem(await call('GET', '/api/v1/municipalities/05554004/'), 404);
});

test('a longer path below a resource answers 404, not the resource (no prefix matching)', async () => {
	assertProblem(await call('GET', '/api/v1/municipalities/05554004/nope'), 404);
	assertProblem(await call('GET', '/health/live/x'), 404);
});

test('paths match case-sensitively: /API/V1/MUNICIPALITIES answers 404', async () => {
	assertProblem(await call('GET', '/API/V1/MUNICIPALITIES'), 404);
});

test('an unknown static file answers 404 problem+json', async () => {
	assertProblem(await call('GET', '/nope.html'), 404);
});

const secrets = {
	'/../../etc/passwd': /root:/,
	'/%2e%2e/%2e%2e/etc/passwd': /root:/,
	'/..%2f..%2f..%2fetc%2fpasswd': /root:/,
	'/css/../../../etc/passwd': /root:/,
	'/api/v1/../../../etc/passwd': /root:/,
	'/.git/config': /\[core\]/,
	'/.env': /=/,
	'/.npmrc': /=/,
	'/../api/src': /#include|Index of/i,
};
for (const [path, content] of Object.entries(secrets)) {
	test(`${path} answers 404 without file contents`, async () => {
		const res = await call('GET', path);
		assertProblem(res, 404);
		assert.doesNotMatch(res.text, content);
	});
}
