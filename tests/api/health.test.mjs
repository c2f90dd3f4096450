import assert from 'node:assert/strict';
import { test } from 'node:test';
import YAML from 'yaml';
import { call, mediaType } from './lib/contract.mjs';

test('GET /health/live answers 200 {"status":"ok"} as JSON', async () => {
	const res = await call('GET', '/health/live');
	assert.equal(res.status, 200);
	assert.equal(mediaType(res.headers['content-type']), 'application/json');
	assert.deepEqual(res.json, { status: 'ok' });
});

test('GET /health/ready answers 200 {"status":"ok"} while the database is up', async () => {
	const res = await call('GET', '/health/ready');
	assert.equal(res.status, 200);
	assert.equal(mediaType(res.headers['content-type']), 'application/json');
	assert.deepEqual(res.json, { status: 'ok' });
});

test('GET /openapi.yaml serves the contract as YAML titled "Teilhabe API"', async () => {
	const res = await call('GET', '/openapi.yaml');
	assert.equal(res.status, 200);
	assert.equal(mediaType(res.headers['content-type']), 'application/yaml');
	const served = YAML.parse(res.text);
	assert.equal(served.openapi.slice(0, 4), '3.1.');
	assert.equal(served.info.title, 'Teilhabe API');
	assert.ok(served.paths['/api/v1/municipalities'], 'the served document describes /api/v1/municipalities');
});
