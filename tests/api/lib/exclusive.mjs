/*
 * exclusive.mjs: keeps the outage test from stopping the database under
 * other test files when `node --test` runs files in parallel processes.
 *
 * A reader-writer lock in files, per BASE_URL, in the temp directory:
 * every test process holds a "shared" marker while it runs (enterShared,
 * called when contract.mjs loads); the outage test takes the "exclusive"
 * lock and then waits until no other process holds a marker. A process
 * that finds the exclusive lock taken waits until it is released. Markers
 * and locks of dead processes are ignored, so a killed run blocks nothing.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const WAIT_MS = 180_000;
const dir = join(tmpdir(), 'teilhabe-api-tests-' +
	createHash('sha256').update(process.env.BASE_URL || '').digest('hex').slice(0, 12));
const lockPath = join(dir, 'exclusive');
const markerPath = join(dir, `shared-${process.pid}`);
mkdirSync(dir, { recursive: true });

function alive(pid) {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/* The pid holding the exclusive lock, if it is another live process. */
function exclusiveHolder() {
	let pid;
	try {
		pid = Number(readFileSync(lockPath, 'utf8'));
	} catch {
		return null;
	}
	return pid !== process.pid && alive(pid) ? pid : null;
}

function otherSharedHolders() {
	return readdirSync(dir)
		.filter((f) => f.startsWith('shared-'))
		.map((f) => Number(f.slice('shared-'.length)))
		.filter((pid) => pid !== process.pid && alive(pid));
}

process.on('exit', () => {
	rmSync(markerPath, { force: true });
	try {
		if (Number(readFileSync(lockPath, 'utf8')) === process.pid) rmSync(lockPath, { force: true });
	} catch { /* no lock */ }
});

/* Waits while another process holds the exclusive lock, then marks this one as running. */
export async function enterShared() {
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		if (exclusiveHolder() === null) {
			closeSync(openSync(markerPath, 'w'));
			if (exclusiveHolder() === null) return;
			rmSync(markerPath, { force: true });
		}
		if (Date.now() > deadline) throw new Error(`the outage test (pid ${exclusiveHolder()}) held the database for more than ${WAIT_MS} ms`);
		await sleep(200);
	}
}

/* Takes the exclusive lock and waits until no other test process runs; returns release(). */
export async function enterExclusive() {
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			if (exclusiveHolder() === null) rmSync(lockPath, { force: true });
			else if (Date.now() > deadline) throw new Error('another process holds the exclusive lock');
			else await sleep(200);
		}
	}
	while (otherSharedHolders().length > 0) {
		if (Date.now() > deadline) {
			rmSync(lockPath, { force: true });
			throw new Error(`other test processes still running: ${otherSharedHolders().join(', ')}`);
		}
		await sleep(200);
	}
	return () => rmSync(lockPath, { force: true });
}
