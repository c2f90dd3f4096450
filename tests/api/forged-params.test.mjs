/*
 * Forged query parameters answer 400 naming the parameter, never a 422 or
 * a 500 from a failed cast in the database: cursors whose keys are out of
 * their column's range (a rank or position past a 32-bit integer) or not
 * numbers where an id belongs, and a search text `q` that is not UTF-8.
 */
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { MUSTERSTADT, b64url, bearer, signInPersonas } from './lib/auth.mjs';

const M = `/api/v1/municipalities/${MUSTERSTADT}`;
const PUBLIC = `/api/v1/public/municipalities/${MUSTERSTADT}`;
const TOO_BIG = '99999999999'; /* fits a bigint, not an int */

/* A cursor as a forger makes one: the keys, base64url JSON. */
const cursor = (...keys) => b64url(JSON.stringify(keys));

let officer, admin;

before(async () => {
	[officer, admin] = await signInPersonas('officer', 'dadm');
});

const get = (path, token) => call('GET', path, { headers: token ? bearer(token) : {} });

describe('forged cursors answer 400 naming cursor', () => {
	const cases = [
		['the plain measure list, rank out of range', `${M}/measures`, ['1', TOO_BIG, '1']],
		['the plain measure list, id not a number', `${M}/measures`, ['1', '1', 'x1']],
		['the filtered measure list, rank out of range', `${M}/measures?horizon=short`, ['1', TOO_BIG, '1']],
		['action fields, position out of range', `${M}/action-fields`, [TOO_BIG, '1']],
		['concepts, version out of range', `${M}/concepts`, [TOO_BIG]],
		['a concept\'s goals, position out of range', `${M}/concepts/1/goals`, ['-' + TOO_BIG]],
		['accounts, id not a number', '/api/v1/accounts', ['Zeng', 'abc']],
		['organisations, id not a number', '/api/v1/organisations', ['Caritas', '1e3']],
		['the public catalogue, rank out of range', `${PUBLIC}/measures`, [TOO_BIG, '1'], null],
		['the public action fields, position out of range', `${PUBLIC}/action-fields`, [TOO_BIG, '1'], null],
	];
	for (const [name, path, keys, who = 'officer'] of cases) {
		test(name, async () => {
			const sep = path.includes('?') ? '&' : '?';
			const token = who === null ? null : who === 'officer' ? officer : admin;
			const res = await get(`${path}${sep}cursor=${cursor(...keys)}`, token);
			assertProblem(res, 400, { parameter: 'cursor' });
		});
	}

	test('accounts as the district admin, id not a number', async () => {
		assertProblem(await get(`/api/v1/accounts?cursor=${cursor('A', '1; drop')}`, admin), 400, { parameter: 'cursor' });
	});

	test('a cursor nested deeper than its one level', async () => {
		assertProblem(await get(`${M}/concepts?cursor=${b64url('[["1"]]')}`, officer), 400, { parameter: 'cursor' });
	});
});

describe('q that is not UTF-8 answers 400 naming q', () => {
	for (const path of ['/api/v1/accounts', '/api/v1/organisations']) {
		test(`${path}?q=%FF`, async () => {
			assertProblem(await get(`${path}?q=%FF`, officer), 400, { parameter: 'q' });
		});
		test(`${path}?q= with an overlong encoding of "/"`, async () => {
			assertProblem(await get(`${path}?q=%C0%AF`, officer), 400, { parameter: 'q' });
		});
		test(`${path}?q= with 200 umlauts (400 bytes) is fine`, async () => {
			const res = await get(`${path}?q=${encodeURIComponent('ä'.repeat(200))}`, officer);
			if (res.status !== 200) assertProblem(res, 200);
		});
	}
});
