/*
 * Database outage: stops PostgreSQL with TEST_DB_STOP_CMD, checks the
 * answers during the outage, starts it with TEST_DB_START_CMD and checks
 * that the running server recovers by itself (reconnect, re-prepare).
 *
 * Runs alone: it takes the exclusive lock of lib/exclusive.mjs, so with
 * parallel test files it waits until the others are done and they wait
 * for it; the database is started again whatever happens.
 */
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertProblem, call } from './lib/contract.mjs';
import { enterExclusive } from './lib/exclusive.mjs';

const STOP = process.env.TEST_DB_STOP_CMD;
const START = process.env.TEST_DB_START_CMD;
const RECOVERY_MS = 20_000;
/* the server's stderr (tests/run.sh sets it), to count its lines */
const LOG = process.env.TEST_SERVER_LOG;
const logLines = (re) => readFileSync(LOG, 'utf8').split('\n').filter((l) => re.test(l)).length;

let release = () => {};
let stopped = false;
let ags;

function startDb() {
	if (!stopped) return;
	execSync(START, { stdio: 'inherit', timeout: 60_000 });
	stopped = false;
}

before(async () => {
	assert.ok(STOP, 'TEST_DB_STOP_CMD is not set: the harness must say how to stop the database');
	assert.ok(START, 'TEST_DB_START_CMD is not set: the harness must say how to start the database');
	release = await enterExclusive();
	const ready = await call('GET', '/health/ready');
	assert.equal(ready.status, 200, 'the database is up before the outage');
	const list = await call('GET', '/api/v1/municipalities?limit=1');
	assert.equal(list.status, 200);
	ags = list.json.items[0].ags;
});

after(() => {
	try {
		startDb();
	} finally {
		release();
	}
});

test('a database outage answers 503 on data, keeps liveness, and the server recovers without restart', async (t) => {
	execSync(STOP, { stdio: 'inherit', timeout: 60_000 });
	stopped = true;

	await t.test('GET /api/v1/municipalities answers 503 problem+json with Retry-After', async () => {
		const res = await call('GET', '/api/v1/municipalities', { timeout: 10_000 });
		assertProblem(res, 503);
		assert.match(res.headers['retry-after'], /^\d+$/);
	});

	await t.test('GET /api/v1/municipalities/{ags} answers 503 problem+json with Retry-After', async () => {
		const res = await call('GET', `/api/v1/municipalities/${ags}`, { timeout: 10_000 });
		assertProblem(res, 503);
		assert.match(res.headers['retry-after'], /^\d+$/);
	});

	await t.test('GET /health/live still answers 200', async () => {
		const res = await call('GET', '/health/live', { timeout: 10_000 });
		assert.equal(res.status, 200);
		assert.deepEqual(res.json, { status: 'ok' });
	});

	await t.test('GET /health/ready answers 503 problem+json with Retry-After', async () => {
		const res = await call('GET', '/health/ready', { timeout: 10_000 });
		assertProblem(res, 503);
		assert.match(res.headers['retry-after'], /^\d+$/);
	});

	await t.test('40 requests during the outage log "database connection failed" once, not 40 times', { skip: !LOG && 'TEST_SERVER_LOG is not set' }, async () => {
		const re = /database connection (failed|lost)/;
		const before = logLines(re);
		for (let i = 0; i < 40; i++) {
			assertProblem(await call('GET', '/api/v1/municipalities?limit=1', { timeout: 10_000 }), 503);
		}
		const added = logLines(re) - before;
		assert.ok(added <= 2, `${added} lines for 40 requests`);
	});

	startDb();

	await t.test(`after the database starts, the list answers 200 again within ${RECOVERY_MS / 1000} s`, async () => {
		const deadline = Date.now() + RECOVERY_MS;
		let last;
		while (Date.now() < deadline) {
			last = await call('GET', '/api/v1/municipalities?limit=1', { timeout: 5_000 });
			if (last.status === 200) break;
			assertProblem(last, 503);
			await sleep(250);
		}
		assert.equal(last?.status, 200, `still not answering 200 after ${RECOVERY_MS} ms: ${last?.text}`);
	});

	await t.test('after recovery every statement works again: next page by cursor, by ags, readiness', async () => {
		const first = await call('GET', '/api/v1/municipalities?limit=1');
		assert.equal(first.status, 200);
		const second = await call('GET', `/api/v1/municipalities?limit=1&cursor=${encodeURIComponent(first.json.next_cursor)}`);
		assert.equal(second.status, 200);
		assert.notEqual(second.json.items[0].ags, first.json.items[0].ags);
		const one = await call('GET', `/api/v1/municipalities/${ags}`);
		assert.equal(one.status, 200);
		assert.equal(one.json.ags, ags);
		const ready = await call('GET', '/health/ready');
		assert.equal(ready.status, 200);
	});
});
