/*
 * The server's error log (issue #9, 7.): PostgreSQL's NOTICEs go through
 * the logger, not raw onto stderr. A stop-word search raises one with
 * every request. Reads the server's stderr from TEST_SERVER_LOG (tests/run.sh
 * sets it); without it there is nothing to check.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bearer, MUSTERSTADT, signIn } from './lib/auth.mjs';
import { call } from './lib/contract.mjs';

const LOG = process.env.TEST_SERVER_LOG;

test('a stop-word search answers 200 and leaves no raw NOTICE on stderr, one logged line at most', { skip: !LOG && 'TEST_SERVER_LOG is not set' }, async () => {
	const token = await signIn('integration@musterstadt.example');
	const path = `/api/v1/municipalities/${MUSTERSTADT}/measures?q=${encodeURIComponent('und der die')}`;
	const before = readFileSync(LOG, 'utf8').split('\n').length;
	for (let i = 0; i < 5; i++) {
		const res = await call('GET', path, { headers: bearer(token) });
		assert.equal(res.status, 200, res.text.slice(0, 300));
	}
	const log = readFileSync(LOG, 'utf8').split('\n');
	const raw = log.filter((l) => /^(NOTICE|WARNING|INFO|DEBUG):/.test(l));
	assert.deepEqual(raw, [], 'libpq printed notices raw');
	assert.ok(log.some((l) => /teilhabe: database NOTICE 00000: text-search query/.test(l)), 'the notice went through the logger');
	const added = log.slice(before - 1).filter((l) => /database NOTICE/.test(l));
	assert.ok(added.length <= 1, `five searches logged ${added.length} notice lines`);
});

test('forged or expired tokens by the dozen leave at most one "token refused" line', { skip: !LOG && 'TEST_SERVER_LOG is not set' }, async () => {
	const before = readFileSync(LOG, 'utf8').split('\n').length;
	for (let i = 0; i < 20; i++) {
		const res = await call('GET', '/api/v1/me', { headers: { Authorization: `Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged${i}` } });
		assert.equal(res.status, 401);
	}
	const added = readFileSync(LOG, 'utf8').split('\n').slice(before - 1).filter((l) => /token refused/.test(l));
	assert.ok(added.length <= 1, `twenty refused tokens logged ${added.length} lines`);
});
