import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertProblem, call, mediaType } from './lib/contract.mjs';

const LIST = '/api/v1/municipalities';

async function page(query) {
	const res = await call('GET', `${LIST}${query}`);
	assert.equal(res.status, 200, res.text);
	assert.equal(mediaType(res.headers['content-type']), 'application/json');
	return res.json;
}

/* Follows next_cursor from the first page to the last; returns the AGS in order. */
async function walk(limit) {
	const seen = [];
	let cursor = null;
	for (let pages = 0; ; pages++) {
		assert.ok(pages < 1000, 'pagination does not end');
		const q = `?limit=${limit}` + (cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`);
		const body = await page(q);
		assert.ok(body.items.length <= limit, `page of ${body.items.length} items for limit=${limit}`);
		if (body.next_cursor !== null) assert.equal(body.items.length, limit, 'only the last page may be short');
		seen.push(...body.items.map((m) => m.ags));
		if (body.next_cursor === null) return seen;
		cursor = body.next_cursor;
	}
}

let all; /* every municipality, from one limit=200 page */

before(async () => {
	const body = await page('?limit=200');
	all = body.items;
	assert.equal(body.next_cursor, null, 'a page holding all demo municipalities is the last page');
});

describe('GET /api/v1/municipalities', () => {
	test('lists the demo data: at least 4 municipalities of one Landkreis', () => {
		const byDistrict = new Map();
		for (const m of all) byDistrict.set(m.district.code, (byDistrict.get(m.district.code) ?? 0) + 1);
		assert.ok(Math.max(0, ...byDistrict.values()) >= 4, `districts: ${JSON.stringify([...byDistrict])}`);
		for (const m of all) assert.equal(m.district.code, m.ags.slice(0, 5), `${m.ags}: district code is the AGS prefix`);
	});

	test('orders items by name in German collation', () => {
		for (let i = 1; i < all.length; i++) {
			assert.ok(all[i - 1].name.localeCompare(all[i].name, 'de') <= 0,
				`"${all[i - 1].name}" is listed before "${all[i].name}"`);
		}
	});

	test('without limit answers the first 50 (default) with the same order', async () => {
		const body = await page('');
		assert.deepEqual(body.items.map((m) => m.ags), all.slice(0, 50).map((m) => m.ags));
		assert.equal(body.next_cursor === null, all.length <= 50);
	});

	for (const limit of [1, 2]) {
		test(`walking next_cursor with limit=${limit} yields the limit=200 sequence exactly once, ending with next_cursor null`, async () => {
			const walked = await walk(limit);
			assert.equal(new Set(walked).size, walked.length, `duplicates: ${walked}`);
			assert.deepEqual(walked, all.map((m) => m.ags));
		});
	}

	test('limit=1 on a list of several answers one item and a next_cursor', async () => {
		const body = await page('?limit=1');
		assert.equal(body.items.length, 1);
		assert.equal(typeof body.next_cursor, 'string');
		assert.deepEqual(body.items[0], all[0]);
	});

	for (const bad of ['0', '201', 'abc', '1.5', '-1', '10abc', '']) {
		test(`limit=${JSON.stringify(bad)} answers 400 naming parameter "limit"`, async () => {
			const res = await call('GET', `${LIST}?limit=${encodeURIComponent(bad)}`);
			assertProblem(res, 400, { parameter: 'limit' });
		});
	}

	const badCursors = {
		'not base64url': '!!garbage!!',
		'base64url of a JSON object the server never issued': Buffer.from('{"foo":1}').toString('base64url'),
		'base64url of random bytes': Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x10]).toString('base64url'),
		'base64url of plain text': Buffer.from('hello world').toString('base64url'),
	};
	for (const [what, cursor] of Object.entries(badCursors)) {
		test(`cursor that is ${what} answers 400 naming parameter "cursor"`, async () => {
			const res = await call('GET', `${LIST}?cursor=${encodeURIComponent(cursor)}`);
			assertProblem(res, 400, { parameter: 'cursor' });
		});
	}
});

describe('GET /api/v1/municipalities/{ags}', () => {
	test('answers the municipality as listed, with an ETag', async () => {
		const res = await call('GET', `${LIST}/${all[0].ags}`);
		assert.equal(res.status, 200);
		assert.equal(mediaType(res.headers['content-type']), 'application/json');
		assert.ok(res.headers.etag, 'ETag header');
		assert.deepEqual(res.json, all[0]);
	});

	test('answers 304 with no body and the same ETag when If-None-Match matches', async () => {
		const first = await call('GET', `${LIST}/${all[0].ags}`);
		const res = await call('GET', `${LIST}/${all[0].ags}`, { headers: { 'If-None-Match': first.headers.etag } });
		assert.equal(res.status, 304);
		assert.equal(res.text, '');
		assert.equal(res.headers.etag, first.headers.etag);
	});

	test('answers 200 when If-None-Match names another version', async () => {
		const res = await call('GET', `${LIST}/${all[0].ags}`, { headers: { 'If-None-Match': '"not-the-current-version"' } });
		assert.equal(res.status, 200);
		assert.deepEqual(res.json, all[0]);
	});

	test('different municipalities have different ETags', async () => {
		assert.ok(all.length >= 2);
		const a = await call('GET', `${LIST}/${all[0].ags}`);
		const b = await call('GET', `${LIST}/${all[1].ags}`);
		assert.notEqual(a.headers.etag, b.headers.etag);
	});

	for (const ags of ['123', 'abcdefgh', '0555400x', '055540041']) {
		test(`ags "${ags}" (not 8 digits) answers 400 naming parameter "ags"`, async () => {
			const res = await call('GET', `${LIST}/${ags}`);
			assertProblem(res, 400, { parameter: 'ags' });
		});
	}

	test('an unknown ags answers 404 problem+json', async () => {
		const res = await call('GET', `${LIST}/99999999`);
		assertProblem(res, 404);
	});
});
