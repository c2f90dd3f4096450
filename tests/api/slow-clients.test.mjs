/*
 * Slow clients (issue #9, 3.): 200 connections that send their request
 * header one byte per second must not keep normal requests waiting. Each
 * open connection holds a CivetWeb worker thread, so this holds only while
 * the service's default thread count is well above 200 (TEILHABE_THREADS;
 * tests/run.sh leaves it at its default on purpose).
 *
 * Bounded: 200 loopback connections, held for a few seconds, all closed at
 * the end; six normal requests, one second each at most.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE_URL, call } from './lib/contract.mjs';

const SLOW = 200;
const ANSWER_MS = 1000;
const base = new URL(BASE_URL);
const sockets = [];
let timer;

after(() => {
	clearInterval(timer);
	for (const s of sockets) s.destroy();
});

/* Opens one connection that starts a request and never finishes its header. */
function slowClient() {
	return new Promise((resolve, reject) => {
		const s = net.connect({ host: base.hostname, port: Number(base.port || 80) });
		s.setNoDelay(true);
		s.once('connect', () => {
			s.write('GET /health/live HTTP/1.1\r\nHost: slow\r\nX-Slow: ');
			resolve(s);
		});
		s.once('error', reject);
		s.on('error', () => {});
		s.on('data', () => {});
		sockets.push(s);
	});
}

test(`with ${SLOW} clients sending their headers one byte per second, normal requests are answered within ${ANSWER_MS} ms`, async () => {
	await Promise.all(Array.from({ length: SLOW }, slowClient));
	timer = setInterval(() => {
		for (const s of sockets) if (!s.destroyed) s.write('a');
	}, 1000);
	/* let the server hand every connection to a worker */
	await sleep(1500);

	for (let round = 0; round < 3; round++) {
		for (const path of ['/health/live', '/api/v1/municipalities?limit=1']) {
			const t0 = Date.now();
			const res = await call('GET', path, { timeout: ANSWER_MS });
			const ms = Date.now() - t0;
			assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.slice(0, 200)}`);
			assert.ok(ms <= ANSWER_MS, `${path} took ${ms} ms`);
		}
		await sleep(300);
	}
	/* the slow clients were still holding their connections all along */
	const open = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
	assert.equal(open, SLOW, `only ${open} of ${SLOW} slow connections were still open`);
});
