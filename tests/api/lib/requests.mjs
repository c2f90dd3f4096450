/*
 * requests.mjs: requests as a bearer of a token, and lists walked to their
 * end, for the API tests (every answer is checked against the contract by
 * call()).
 */
import assert from 'node:assert/strict';
import { call } from './contract.mjs';
import { bearer } from './auth.mjs';

/* A request with the bearer token (none when token is empty). */
export function api(method, path, token, { body, headers = {} } = {}) {
	return call(method, path, { headers: { ...(token ? bearer(token) : {}), ...headers }, body });
}

/*
 * Every item of a list, in pages of 200 following next_cursor; query
 * ("status=active") goes with every page. Each page must answer 200.
 */
export async function everyItem(path, token, query = '') {
	const items = [];
	let cursor = null;
	const sep = path.includes('?') ? '&' : '?';
	for (let i = 0; i < 100; i++) {
		const q = `${sep}limit=200${query ? `&${query}` : ''}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
		const res = await api('GET', path + q, token);
		assert.equal(res.status, 200, `GET ${path}: ${res.text.slice(0, 400)}`);
		items.push(...res.json.items);
		cursor = res.json.next_cursor;
		if (cursor === null) return items;
	}
	assert.fail('the list does not end');
}
