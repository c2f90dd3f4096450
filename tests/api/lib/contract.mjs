/*
 * contract.mjs: the HTTP client of the API tests. Every response goes
 * through check(), which fails the test unless openapi.yaml documents it:
 * path template and method, status (or `default`), required headers and
 * their schemas, content type, and the body against its schema.
 *
 * Rules the document states in prose and this file enforces:
 * - a path no template matches must answer NotFound (404 problem+json);
 * - a documented path asked with an undocumented method must answer the
 *   405 response that the path's operations document.
 *
 * Requests go through node:http, not fetch, so that paths are sent exactly
 * as written (fetch would normalise "/../" away) and any header can be set.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { enterShared } from './exclusive.mjs';

export const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) {
	throw new Error('BASE_URL is not set: run as BASE_URL=http://127.0.0.1:8080 node --test tests/api/');
}
const base = new URL(BASE_URL);

/* Wait while the outage test has the database stopped (parallel runs). */
await enterShared();

export const OPENAPI_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'openapi.yaml');
export const doc = YAML.parse(readFileSync(OPENAPI_PATH, 'utf8'));
const DOC_ID = 'https://teilhabe.invalid/openapi.yaml';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictSchema: false });
addFormats(ajv);
ajv.addSchema(doc, DOC_ID);

/* Header values are strings; coerce them to the schema's type ("5" -> 5). */
const ajvHeaders = new Ajv2020({ allErrors: true, coerceTypes: true, strictSchema: false });
addFormats(ajvHeaders);
ajvHeaders.addSchema(doc, DOC_ID);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/* A URI fragment JSON pointer, as Ajv resolves it: "{ags}" must be percent-encoded. */
const escapeSegment = (p) => encodeURIComponent(String(p).replaceAll('~', '~0').replaceAll('/', '~1'));
const pointer = (...parts) => '#/' + parts.map(escapeSegment).join('/');

const validators = new Map();
function validator(ref, forHeader = false) {
	const key = (forHeader ? 'h:' : 'b:') + ref;
	if (!validators.has(key)) {
		const schema = forHeader
			? { type: 'object', properties: { v: { $ref: DOC_ID + ref } } }
			: { $ref: DOC_ID + ref };
		validators.set(key, (forHeader ? ajvHeaders : ajv).compile(schema));
	}
	return validators.get(key);
}

/* Follow a $ref to a component (responses, headers), returning the object and its pointer. */
function deref(obj, ptr) {
	while (obj && obj.$ref) {
		ptr = obj.$ref;
		obj = ptr.slice(2).split('/').reduce((o, k) => o?.[decodeURIComponent(k).replaceAll('~1', '/').replaceAll('~0', '~')], doc);
		assert.ok(obj, `openapi.yaml: unresolved $ref ${ptr}`);
	}
	return [obj, ptr];
}

const templates = Object.keys(doc.paths).map((t) => ({
	template: t,
	params: (t.match(/\{/g) || []).length,
	re: new RegExp('^' + t.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+') + '$'),
}));

/* The documented template for a raw request path (no query), literal segments winning. */
export function matchPath(path) {
	const hits = templates.filter((t) => t.re.test(path)).sort((a, b) => a.params - b.params);
	return hits.length ? hits[0].template : null;
}

function mediaType(ct) {
	return (ct || '').split(';')[0].trim().toLowerCase();
}

function isJsonType(mt) {
	return mt === 'application/json' || mt.endsWith('+json');
}

/* Which documented response applies, or an assertion failure saying why none does. */
function documentedResponse(method, path, status) {
	const template = matchPath(path);
	const where = `${method} ${path}`;
	if (!template) {
		assert.equal(status, 404, `${where}: path is not in openapi.yaml, so it must answer 404, got ${status}`);
		return deref({ $ref: '#/components/responses/NotFound' });
	}
	const item = doc.paths[template];
	const op = item[method.toLowerCase()];
	if (!op) {
		assert.equal(status, 405, `${where}: ${method} is not documented for ${template}, so it must answer 405, got ${status}`);
		const documented = METHODS.map((m) => item[m]?.responses?.['405'] && [m, item[m].responses['405']]).find(Boolean);
		assert.ok(documented, `${where}: openapi.yaml documents no 405 response for ${template}`);
		return deref(documented[1], pointer('paths', template, documented[0], 'responses', '405'));
	}
	const code = String(status);
	const resp = op.responses[code] ?? op.responses[code[0] + 'XX'] ?? op.responses.default;
	assert.ok(resp, `${where}: status ${status} is not documented for ${method} ${template} (documented: ${Object.keys(op.responses).join(', ')})`);
	const key = op.responses[code] ? code : op.responses[code[0] + 'XX'] ? code[0] + 'XX' : 'default';
	return deref(resp, pointer('paths', template, method.toLowerCase(), 'responses', key));
}

function ajvMessage(validate) {
	return ajv.errorsText(validate.errors, { separator: '\n  ' });
}

/* Fails unless the response is what the contract documents. */
export function check(method, path, res) {
	const [resp, respPtr] = documentedResponse(method, path.split('?')[0], res.status);
	checkResponse(resp, respPtr, `${method} ${path} -> ${res.status}`, res);
}

/*
 * Fails unless the response is what components/responses/<name> describes:
 * for answers any operation may give (the framing rules at the top of
 * openapi.yaml), whatever the request's path.
 */
export function checkComponent(name, res) {
	const [resp, respPtr] = deref({ $ref: `#/components/responses/${name}` });
	checkResponse(resp, respPtr, `components/responses/${name} (${res.status})`, res);
}

function checkResponse(resp, respPtr, where, res) {
	for (const [name, h] of Object.entries(resp.headers || {})) {
		const [header, headerPtr] = deref(h, `${respPtr}/headers/${escapeSegment(name)}`);
		const value = res.headers[name.toLowerCase()];
		if (value === undefined) {
			assert.ok(!header.required, `${where}: required header ${name} is missing`);
			continue;
		}
		if (header.schema) {
			const validate = validator(`${headerPtr}/schema`, true);
			assert.ok(validate({ v: value }), `${where}: header ${name}: ${JSON.stringify(value)} does not match the contract:\n  ${ajvMessage(validate)}`);
		}
	}

	const mt = mediaType(res.headers['content-type']);
	if (!resp.content) {
		assert.equal(res.text, '', `${where}: the contract documents no body, got ${JSON.stringify(res.text.slice(0, 200))}`);
		return;
	}
	assert.ok(Object.hasOwn(resp.content, mt), `${where}: Content-Type ${JSON.stringify(res.headers['content-type'])} is not one of ${Object.keys(resp.content).join(', ')}`);
	const schemaPtr = `${respPtr}/content/${escapeSegment(mt)}/schema`;
	if (!resp.content[mt].schema) return;
	const body = isJsonType(mt) ? res.json : res.text;
	const validate = validator(schemaPtr);
	assert.ok(validate(body), `${where}: body does not match ${schemaPtr}:\n  ${ajvMessage(validate)}\nbody: ${res.text.slice(0, 500)}`);
}

/* For responses outside the contract: a problem+json body must still be a Problem. */
export function checkProblemShape(method, path, res) {
	const mt = mediaType(res.headers['content-type']);
	if (mt !== 'application/problem+json') return;
	const validate = validator('#/components/schemas/Problem');
	assert.ok(validate(res.json), `${method} ${path} -> ${res.status}: not a Problem:\n  ${ajvMessage(validate)}\nbody: ${res.text.slice(0, 500)}`);
	assert.equal(res.json.status, res.status, `${method} ${path}: problem status ${res.json.status} differs from HTTP status ${res.status}`);
}

/*
 * Sends one request and returns { status, headers, json, text }, after
 * checking the response against the contract (or, with contract: false,
 * only a problem+json body against the Problem schema).
 *
 * path is sent verbatim. body: a string or Buffer is sent as is; anything
 * else as JSON with Content-Type application/json unless headers say
 * otherwise. agent: an http.Agent for keep-alive tests (default: a fresh
 * connection). timeout: ms until the request fails (default 15000).
 */
export async function call(method, path, { headers = {}, body, contract = true, agent = false, timeout = 15000 } = {}) {
	const res = await rawRequest(method, path, { headers, body, agent, timeout });
	if (contract) check(method, path, res);
	else checkProblemShape(method, path, res);
	return res;
}

export function rawRequest(method, path, { headers = {}, body, agent = false, timeout = 15000 } = {}) {
	const hdrs = { ...headers };
	let payload = body;
	if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
		payload = JSON.stringify(body);
		if (!Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-type')) hdrs['Content-Type'] = 'application/json';
	}
	return new Promise((resolve, reject) => {
		const req = http.request({
			host: base.hostname, port: base.port || 80, method, path, headers: hdrs, agent, timeout,
		}, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => resolve(toResult(res, Buffer.concat(chunks))));
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeout} ms`)));
		req.on('error', reject);
		req.end(payload);
	});
}

export function toResult(res, buf) {
	const text = buf.toString('utf8');
	const mt = mediaType(res.headers['content-type']);
	let json;
	if (isJsonType(mt) && text !== '') {
		try {
			json = JSON.parse(text);
		} catch (e) {
			assert.fail(`Content-Type ${mt} but the body is not JSON (${e.message}): ${text.slice(0, 200)}`);
		}
	}
	return { status: res.statusCode, headers: res.headers, json, text, reusedSocket: res.req?.reusedSocket };
}

/* Common assertions on an error answer, as a client sees it. */
export function assertProblem(res, status, { parameter } = {}) {
	assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
	assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
	assert.equal(res.json.status, status);
	assert.equal(res.json.request_id, res.headers['x-request-id'], 'request_id in the body equals the X-Request-Id header');
	if (parameter !== undefined) {
		assert.ok(Array.isArray(res.json.errors) && res.json.errors.length > 0, `errors[] missing: ${res.text}`);
		assert.equal(res.json.errors[0].parameter, parameter);
	}
}

export { mediaType };
