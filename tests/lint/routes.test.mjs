/*
 * routes.test.mjs: tests/lint/routes.mjs passes on openapi.yaml and fails
 * on doctored copies of it (a changed role, a missing route, a wrong
 * operationId, ...), each naming the route at fault. Needs
 * build/lint/dump_routes (make build/lint/dump_routes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'tests', 'lint', 'routes.mjs');
const spec = readFileSync(join(root, 'openapi.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'lint-routes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/* Runs the lint on a copy of openapi.yaml changed by doctor(doc). */
function lint(name, doctor) {
	const file = join(dir, `${name}.yaml`);
	const doc = YAML.parse(spec);
	if (doctor) doctor(doc);
	writeFileSync(file, YAML.stringify(doc));
	const r = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
	return { status: r.status, out: r.stdout + r.stderr };
}

const MEASURES = '/api/v1/municipalities/{ags}/measures';

test('the repository\'s openapi.yaml agrees with the route table', () => {
	const r = lint('same');
	assert.equal(r.status, 0, r.out);
	assert.match(r.out, /routes agree/);
});

test('a changed role fails', () => {
	const r = lint('role', (d) => { d.paths[MEASURES].post['x-roles'] = ['officer']; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /POST \/api\/v1\/municipalities\/\{ags\}\/measures: x-roles \["officer"\], the route table says \["officer","district_admin"\]/);
});

test('a missing x-roles fails', () => {
	const r = lint('no-roles', (d) => { delete d.paths['/api/v1/me'].get['x-roles']; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /GET \/api\/v1\/me: no x-roles/);
});

test('a route missing from openapi.yaml fails', () => {
	const r = lint('missing', (d) => { delete d.paths[`${MEASURES}/{id}/history`]; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /GET \/api\/v1\/municipalities\/\{ags\}\/measures\/\{id\}\/history: in the route table \(measure_history\), not in openapi\.yaml/);
});

test('an operation the route table does not have fails', () => {
	const r = lint('extra', (d) => {
		d.paths[MEASURES].delete = { ...d.paths[MEASURES].get, operationId: 'measure_purge' };
	});
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /DELETE \/api\/v1\/municipalities\/\{ags\}\/measures: in openapi\.yaml \(measure_purge\), not in the route table/);
});

test('a wrong operationId fails', () => {
	const r = lint('opid', (d) => { d.paths[`${MEASURES}/{id}/rank`].put.operationId = 'measure_move'; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /PUT .*\/rank: operationId is measure_move, the handler is measure_rank_put/);
});

test('a changed or missing scope fails', () => {
	let r = lint('scope', (d) => { d.paths[MEASURES].get['x-scope'] = 'progress:write'; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /GET \/api\/v1\/municipalities\/\{ags\}\/measures: x-scope progress:write, the route table says catalogue:read/);
	r = lint('no-scope', (d) => { delete d.paths[MEASURES].get['x-scope']; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /x-scope \(none\), the route table says catalogue:read/);
});

test('an operation for anyone that demands a token fails', () => {
	const r = lint('security', (d) => { delete d.paths['/api/v1/municipalities'].get.security; });
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /GET \/api\/v1\/municipalities: needs a token in openapi\.yaml/);
});

test('an Idempotency-Key on a route not flagged idempotent fails, and its absence on one that is', () => {
	let r = lint('idem-extra', (d) => {
		d.paths[MEASURES].post.parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
	});
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /POST \/api\/v1\/municipalities\/\{ags\}\/measures: Idempotency-Key documented, the route table says not idempotent/);
	r = lint('idem-missing', (d) => {
		const op = d.paths[`${MEASURES}/{id}/progress-reports`].post;
		op.parameters = op.parameters.filter((p) => !String(p.$ref).endsWith('/IdempotencyKey'));
	});
	assert.equal(r.status, 1, r.out);
	assert.match(r.out, /progress-reports: Idempotency-Key not documented, the route table says idempotent/);
});
