/*
 * checks.mjs: assertions the API tests share, on top of assertProblem
 * (contract.mjs): an error at a JSON pointer, a 401 with its challenge, an
 * ETag, an OAuth error, a refused token, the pointers of a 422, and
 * whether a timestamp is recent.
 */
import assert from 'node:assert/strict';
import { assertProblem } from './contract.mjs';
import { me } from './auth.mjs';

/* Whether a timestamp lies within two minutes of now. */
export const recent = (ts) => Math.abs(Date.parse(ts) - Date.now()) < 120_000;

/* The pointers of a 422's errors. */
export const pointers = (res) => (res.json?.errors ?? []).map((e) => e.pointer);

/* 422 with an error at pointer (among others). */
export function assertPointer(res, pointer) {
	assertProblem(res, 422);
	assert.ok(Array.isArray(res.json.errors) && res.json.errors.length > 0, `errors[] missing: ${res.text}`);
	assert.ok(res.json.errors.some((e) => e.pointer === pointer), `an error points at ${pointer}: ${JSON.stringify(res.json.errors)}`);
}

/* A problem with status and (when given) an error at pointer. */
export function assertAt(res, status, pointer) {
	assertProblem(res, status);
	if (pointer !== undefined) {
		assert.ok(Array.isArray(res.json.errors) && res.json.errors.some((e) => e.pointer === pointer),
			`expected an error at ${pointer}: ${res.text.slice(0, 500)}`);
	}
}

/* The ETag of the answer, after checking its shape (default: the catalogue's, 32 hex digits). */
export function assertEtag(res, shape = /^"[0-9a-f]{32}"$/) {
	assert.match(res.headers.etag ?? '', shape, `ETag: ${res.headers.etag}`);
	return res.headers.etag;
}

/* 401 whose WWW-Authenticate matches challenge (default: the Bearer scheme with the realm). */
export function assertUnauthorized(res, challenge = /^Bearer realm="teilhabe"/) {
	assertProblem(res, 401);
	assert.match(res.headers['www-authenticate'] ?? '', challenge);
}

/* 400 of the token endpoint with the OAuth error code, and (when given) the pointer of its first error. */
export function assertOAuthRefusal(res, error, pointer) {
	assertProblem(res, 400);
	assert.equal(res.json.error, error, res.text);
	if (pointer !== undefined) {
		assert.ok(Array.isArray(res.json.errors), `errors[] missing: ${res.text}`);
		assert.equal(res.json.errors[0].pointer, pointer, res.text);
	}
}

/* Cache-Control: no-store (token answers and their refusals). */
export function assertNoStore(res, message = 'refusals are not stored') {
	assert.match(res.headers['cache-control'] ?? '', /(^|,)\s*no-store\s*(,|$)/, message);
}

/* GET /me with the token is refused: 401 with an invalid_token challenge. The answer. */
export async function refusedToken(token) {
	const res = await me(token);
	assertProblem(res, 401);
	assert.match(res.headers['www-authenticate'] ?? '', /^Bearer .*error="invalid_token"/);
	return res;
}
