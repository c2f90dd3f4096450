/*
 * SIGTERM (issue #9, 5.): requests in flight when the signal comes are
 * finished and their responses delivered; requests that come after it are
 * answered 503 with Retry-After and Connection: close; the server then
 * exits 0. Every write answered 2xx is in the database, none answered 503.
 *
 * Runs a second server (lib/instance.mjs) on the suite's database and
 * sends it the signal while these are in flight: a write whose body is
 * still arriving (it keeps the server draining for as long as the test
 * needs), six sign-ins (Argon2id, at most two at once, so they queue) and
 * four more writes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	DEMO_PASSWORD, MUSTERSTADT, TEST_ADDR, TOKEN_PATH, bearer, lit, me, psql, signIn,
} from './lib/auth.mjs';
import { assertProblem, check, toResult } from './lib/contract.mjs';
import { startInstance } from './lib/instance.mjs';

const TAG = `Shutdown ${process.pid} ${randomBytes(3).toString('hex')}`;
const FIELDS = `/api/v1/municipalities/${MUSTERSTADT}/action-fields`;
const EMAIL = 'integration@musterstadt.example';
let inst;

after(async () => {
	await inst?.stop();
	psql(`DELETE FROM action_field WHERE name LIKE ${lit(`${TAG}%`)}`);
});

/*
 * A POST whose body is sent in two parts: send() writes the request line,
 * headers and the first half; finish() the rest; response resolves with
 * the parsed answer, or rejects if the connection ends before it is whole.
 */
function slowPost(port, path, headers, body) {
	const data = Buffer.from(JSON.stringify(body));
	const half = Math.floor(data.length / 2);
	const s = net.connect({ host: '127.0.0.1', port });
	let buf = Buffer.alloc(0);
	const response = new Promise((resolve, reject) => {
		s.on('data', (d) => {
			buf = Buffer.concat([buf, d]);
			const end = buf.indexOf('\r\n\r\n');
			if (end < 0) return;
			const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
			const hdrs = {};
			for (const l of lines.slice(1)) {
				const i = l.indexOf(':');
				hdrs[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
			}
			const len = Number(hdrs['content-length']);
			if (buf.length < end + 4 + len) return;
			s.destroy();
			resolve(toResult({ statusCode: Number(lines[0].split(' ')[1]), headers: hdrs },
				buf.subarray(end + 4, end + 4 + len)));
		});
		s.on('error', reject);
		s.on('close', () => reject(new Error(`${path}: the connection closed before a whole response (${buf.length} bytes)`)));
	});
	const head = `POST ${path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n` +
		`Content-Length: ${data.length}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
	return {
		response,
		send: () => new Promise((resolve) => s.once('connect', () => s.write(Buffer.concat([Buffer.from(head), data.subarray(0, half)]), resolve))),
		finish: () => s.write(data.subarray(half)),
	};
}

test('SIGTERM: requests in flight are finished and answered, later ones get 503, exit code 0', async () => {
	const token = await signIn(EMAIL);
	inst = await startInstance({ TEILHABE_SHUTDOWN_GRACE_MS: '10000' });

	const slow = slowPost(inst.port, FIELDS, bearer(token), { name: `${TAG} slow` });
	await slow.send();
	await sleep(100); /* its headers are read: the request is in flight */

	const done = []; /* when each answer came, relative to the signal */
	let killedAt = Infinity;
	const timed = (p) => p.then((res) => {
		done.push(Date.now() - killedAt);
		return res;
	});
	const signInAt = []; /* when each sign-in was answered */
	const signIns = Array.from({ length: 6 }, (_, i) => timed(inst.request('POST', TOKEN_PATH, {
		body: { grant_type: 'password', username: EMAIL, password: DEMO_PASSWORD },
		headers: { 'X-Forwarded-For': TEST_ADDR },
	}).then((res) => {
		signInAt[i] = Date.now();
		return res;
	})));
	const names = Array.from({ length: 4 }, (_, i) => `${TAG} ${i}`);
	const writes = names.map((name) => timed(inst.request('POST', FIELDS, { headers: bearer(token), body: { name } })));
	/* the first answer says the server is serving the sign-ins (at most two
	 * hash at once, the others wait in their handlers): the signal comes
	 * while the rest are in flight, however slow the machine is (a fixed
	 * pause let a loaded machine send the signal before any was read) */
	await Promise.race(signIns);
	killedAt = Date.now();
	inst.child.kill('SIGTERM');
	await sleep(100);

	/* the slow write still holds the server open: a new request is refused */
	const late = await inst.request('GET', '/health/ready');
	assertProblem(late, 503);
	assert.match(late.headers['retry-after'] ?? '', /^\d+$/);
	assert.equal(late.headers.connection, 'close');

	slow.finish();
	const slowRes = await slow.response;
	check('POST', FIELDS, slowRes);
	assert.equal(slowRes.status, 201, `the write in flight: ${slowRes.text.slice(0, 300)}`);

	const answers = await Promise.allSettled([...signIns, ...writes]);
	for (const a of answers) assert.equal(a.status, 'fulfilled', `every client gets a whole response: ${a.reason}`);
	const signInRes = answers.slice(0, 6).map((a) => a.value);
	const writeRes = answers.slice(6).map((a) => a.value);
	for (const r of [...signInRes, ...writeRes]) {
		assert.ok([200, 201, 503].includes(r.status), `${r.status}: ${r.text.slice(0, 300)}`);
	}
	assert.ok(done.some((ms) => ms > 0), 'some answers were still in flight when the signal came');
	assert.ok(signInRes.some((r, i) => r.status === 200 && signInAt[i] > killedAt),
		`sign-ins begun before the signal are answered after it: ${signInRes.map((r, i) => `${r.status}@${signInAt[i] - killedAt}ms`).join(' ')}`);

	const { code, signal } = await inst.exited;
	assert.equal(signal, null);
	assert.equal(code, 0, `exit code:\n${inst.stderr()}`);
	assert.doesNotMatch(inst.stderr(), /ERROR: (Address|Leak)Sanitizer|runtime error:/);

	/* every 2xx write is stored, no 503 one */
	const stored = new Set(psql(`SELECT name FROM action_field WHERE name LIKE ${lit(`${TAG}%`)}`).split('\n').filter(Boolean));
	assert.ok(stored.has(`${TAG} slow`), 'the write in flight is stored');
	names.forEach((name, i) => {
		assert.equal(stored.has(name), writeRes[i].status === 201, `${name}: answered ${writeRes[i].status}`);
	});
	/* every session a sign-in answered is there: its token works */
	for (const r of signInRes.filter((x) => x.status === 200)) {
		assert.equal((await me(r.json.access_token)).status, 200);
	}
});
