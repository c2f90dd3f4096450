/*
 * Request bodies, routed generically by the server before any handler:
 * JSON syntax errors, the size limit (TEILHABE_BODY_LIMIT), content types.
 * POST /api/v1/auth/token is the endpoint that takes a body; every answer
 * is checked against its operation in openapi.yaml.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, test } from 'node:test';
import { BASE_URL, assertProblem, call, check, toResult } from './lib/contract.mjs';

const TOKEN = '/api/v1/auth/token';
const LIMIT = Number(process.env.TEILHABE_BODY_LIMIT || 65536);
const OVERSIZE = Math.max(70000, LIMIT + 1);
const base = new URL(BASE_URL);

/* A JSON body of exactly n bytes. */
function jsonOfSize(n) {
	const head = '{"grant_type":"password","username":"u","password":"';
	const tail = '"}';
	return head + 'x'.repeat(n - head.length - tail.length) + tail;
}

/*
 * POSTs body with Transfer-Encoding: chunked in pieces; stops writing once
 * the server has answered (it need not read a body it refuses).
 */
function postChunked(path, body, { chunk = 4096, headers = {} } = {}) {
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = http.request({
			host: base.hostname, port: base.port || 80, method: 'POST', path, agent: false, timeout: 15000,
			headers: { 'Content-Type': 'application/json', ...headers },
		}, (res) => {
			answered = true;
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve(toResult(res, Buffer.concat(chunks))));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('no answer to the chunked request within 15 s')));
		req.on('error', (e) => { if (!answered) reject(e); });
		assert.equal(req.getHeader('content-length'), undefined);
		let off = 0;
		const next = () => {
			if (answered || req.destroyed) return;
			if (off >= body.length) { req.end(); return; }
			const piece = body.slice(off, off + chunk);
			off += chunk;
			if (req.write(piece)) setImmediate(next); else req.once('drain', next);
		};
		next();
	});
}

test('malformed JSON answers 400 problem+json whose detail names line and column', async () => {
	const res = await call('POST', TOKEN, {
		body: '{"grant_type":', headers: { 'Content-Type': 'application/json' },
	});
	assertProblem(res, 400);
	assert.match(res.json.detail, /line\D{0,3}\d+/i);
	assert.match(res.json.detail, /col(umn)?\D{0,3}\d+/i);
});

test('JSON with a syntax error on line 3 reports line 3', async () => {
	const res = await call('POST', TOKEN, {
		body: '{\n  "grant_type": "password",\n  "username": }\n', headers: { 'Content-Type': 'application/json' },
	});
	assertProblem(res, 400);
	assert.match(res.json.detail, /line\D{0,3}3\b/i);
});

test(`a body of ${OVERSIZE} bytes with Content-Length answers 413 problem+json`, async () => {
	const res = await call('POST', TOKEN, {
		body: jsonOfSize(OVERSIZE), headers: { 'Content-Type': 'application/json' },
	});
	assertProblem(res, 413);
});

test(`a chunked body of ${OVERSIZE} bytes (no Content-Length) answers 413 problem+json`, async () => {
	const res = await postChunked(TOKEN, jsonOfSize(OVERSIZE));
	check('POST', TOKEN, res);
	assertProblem(res, 413);
});

test(`a body of exactly the limit (${LIMIT} bytes) is not refused as too large`, async () => {
	const res = await call('POST', TOKEN, {
		body: jsonOfSize(LIMIT), headers: { 'Content-Type': 'application/json' },
	});
	assert.notEqual(res.status, 413, res.text.slice(0, 300));
	assert.ok(res.status < 500, `status ${res.status}: ${res.text.slice(0, 300)}`);
});

test('Content-Type text/plain answers 415 problem+json', async () => {
	const res = await call('POST', TOKEN, {
		body: 'grant_type=password', headers: { 'Content-Type': 'text/plain' },
	});
	assertProblem(res, 415);
});

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
after(() => keepAlive.destroy());

test('after a 400 for malformed JSON the same keep-alive connection answers the next request', async () => {
	const bad = await call('POST', TOKEN, {
		agent: keepAlive, body: '{"grant_type":', headers: { 'Content-Type': 'application/json' },
	});
	assertProblem(bad, 400);
	const next = await call('GET', '/health/live', { agent: keepAlive });
	assert.equal(next.status, 200);
	assert.equal(next.reusedSocket, true, 'the second request went over the first one\'s connection');
});

test('after refused bodies (413, chunked 413, 415) the server still answers /health/live', async () => {
	await call('POST', TOKEN, { body: jsonOfSize(OVERSIZE), headers: { 'Content-Type': 'application/json' } });
	check('POST', TOKEN, await postChunked(TOKEN, jsonOfSize(OVERSIZE)));
	await call('POST', TOKEN, { body: 'x', headers: { 'Content-Type': 'text/plain' } });
	const res = await call('GET', '/health/live');
	assert.equal(res.status, 200);
	assert.deepEqual(res.json, { status: 'ok' });
});
