/*
 * instance.mjs: a second server of its own for the tests that must stop or
 * signal one (the shared server at BASE_URL keeps running). Same binary
 * and database as the suite's: TEST_SERVER_BIN (default
 * build/teilhabe-asan) with the TEILHABE_* environment tests/run.sh
 * exports, on a free loopback port.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, toResult } from './contract.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/*
 * Starts `teilhabe serve` with env added; resolves once /health/live
 * answers. The result: { port, child, exited (a promise of { code,
 * signal }), stderr() and stdout() so far, request(), stop() }.
 */
export async function startInstance(env = {}) {
	const port = await freePort();
	const bin = process.env.TEST_SERVER_BIN ?? join(ROOT, 'build', 'teilhabe-asan');
	const child = spawn(bin, ['serve'], {
		cwd: ROOT,
		env: {
			...process.env, TEILHABE_LISTEN: `127.0.0.1:${port}`, TEILHABE_WEB_ROOT: '',
			TEILHABE_TRUSTED_PROXIES: '127.0.0.1', ...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	child.stdout.on('data', (d) => { out += d; });
	child.stderr.on('data', (d) => { err += d; });
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	const inst = {
		port, child, exited,
		stdout: () => out,
		stderr: () => err,
		request: (method, path, opts) => request(port, method, path, opts),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		},
	};
	for (let i = 0; i < 100; i++) {
		if (child.exitCode !== null) break;
		try {
			const res = await request(port, 'GET', '/health/live', { timeout: 1000 });
			if (res.status === 200) return inst;
		} catch {
			/* not listening yet */
		}
		await sleep(100);
	}
	await inst.stop();
	assert.fail(`the second server did not start on port ${port}:\n${err}`);
}

/*
 * One request to the instance on a fresh connection, checked against the
 * contract like lib/contract.mjs' call(): { status, headers, json, text }.
 */
export function request(port, method, path, { headers = {}, body, timeout = 15000 } = {}) {
	const hdrs = { ...headers };
	let payload = body;
	if (body !== undefined && typeof body !== 'string') {
		payload = JSON.stringify(body);
		hdrs['Content-Type'] ??= 'application/json';
	}
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, method, path, headers: hdrs, agent: false, timeout }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('aborted', () => reject(new Error(`${method} ${path}: the response was cut short`)));
			res.on('end', () => {
				try {
					const result = toResult(res, Buffer.concat(chunks));
					check(method, path, result);
					resolve(result);
				} catch (e) {
					reject(e);
				}
			});
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeout} ms`)));
		req.on('error', reject);
		req.end(payload);
	});
}
