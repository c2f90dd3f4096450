#!/usr/bin/env node
/*
 * routes.mjs: the route table (api/src/routes.c) and openapi.yaml agree.
 * Compares, both ways: every route is an operation and every operation a
 * route, with the same method and path; operationId is the handler's
 * name; x-roles names the route's roles (officer, steering, partner,
 * district_admin, or anyone / signed_in); x-scope the scope an API client
 * needs (absent: none); an operation that needs no token (security [] or
 * an empty alternative) is one for anyone; an Idempotency-Key parameter
 * is documented exactly on the routes flagged idempotent.
 *
 * usage: node tests/lint/routes.mjs [SPEC] [ROUTES]
 *   SPEC    openapi.yaml (default: the repository's)
 *   ROUTES  JSON lines of build/lint/dump_routes (default: run it)
 * Prints one line per disagreement and exits 1, or prints a summary.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/* The route table as dump_routes prints it. */
export function loadRoutes(file) {
	const text = file
		? readFileSync(file, 'utf8')
		: execFileSync(join(root, 'build', 'lint', 'dump_routes'), { encoding: 'utf8' });
	return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/* Resolves a local $ref ("#/components/parameters/X"). */
function deref(doc, obj) {
	if (!obj || typeof obj.$ref !== 'string' || !obj.$ref.startsWith('#/')) return obj;
	return obj.$ref.slice(2).split('/').reduce((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/* Every disagreement between doc (parsed openapi.yaml) and routes, as text. */
export function compare(doc, routes) {
	const problems = [];
	const ops = new Map();
	for (const [path, item] of Object.entries(doc.paths ?? {})) {
		for (const m of METHODS) {
			if (item[m]) ops.set(`${m.toUpperCase()} ${path}`, { op: item[m], item });
		}
	}
	const seen = new Set();
	for (const rt of routes) {
		const key = `${rt.method} ${rt.path}`;
		seen.add(key);
		const found = ops.get(key);
		if (!found) {
			problems.push(`${key}: in the route table (${rt.operationId}), not in openapi.yaml`);
			continue;
		}
		const { op, item } = found;
		const where = `${key}`;
		if (op.operationId !== rt.operationId) {
			problems.push(`${where}: operationId is ${op.operationId ?? '(none)'}, the handler is ${rt.operationId}`);
		}
		const roles = op['x-roles'];
		if (!Array.isArray(roles)) {
			problems.push(`${where}: no x-roles list (the route table says ${JSON.stringify(rt.roles)})`);
		} else if (!sameSet(roles, rt.roles)) {
			problems.push(`${where}: x-roles ${JSON.stringify(roles)}, the route table says ${JSON.stringify(rt.roles)}`);
		}
		if ((op['x-scope'] ?? null) !== rt.scope) {
			problems.push(`${where}: x-scope ${op['x-scope'] ?? '(none)'}, the route table says ${rt.scope ?? '(none)'}`);
		}
		const security = op.security ?? doc.security ?? [];
		const tokenless = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
		const anyone = rt.roles.includes('anyone');
		if (tokenless !== anyone) {
			problems.push(`${where}: ${tokenless ? 'needs no token in openapi.yaml' : 'needs a token in openapi.yaml'}, the route table says roles ${JSON.stringify(rt.roles)}`);
		}
		const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p));
		const idem = params.some((p) => p?.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');
		if (idem !== rt.idempotent) {
			problems.push(`${where}: Idempotency-Key ${idem ? 'documented' : 'not documented'}, the route table says ${rt.idempotent ? 'idempotent' : 'not idempotent'}`);
		}
	}
	for (const [key, { op }] of ops) {
		if (!seen.has(key)) problems.push(`${key}: in openapi.yaml (${op.operationId ?? 'no operationId'}), not in the route table`);
	}
	return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const spec = process.argv[2] ?? join(root, 'openapi.yaml');
	const routes = loadRoutes(process.argv[3]);
	const problems = compare(YAML.parse(readFileSync(spec, 'utf8')), routes);
	for (const p of problems) console.log(`lint-routes: ${p}`);
	if (problems.length) {
		console.log(`lint-routes: ${problems.length} disagreement(s) between the route table and ${spec}`);
		process.exit(1);
	}
	console.log(`lint-routes: ${routes.length} routes agree with ${spec}`);
}
