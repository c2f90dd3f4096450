/*
 * Action fields (Handlungsfelder) under
 * /api/v1/municipalities/{ags}/action-fields, and their public list under
 * /api/v1/public/municipalities/{ags}/action-fields.
 *
 * Every municipality starts with the district's eight defaults, in order,
 * each with its default_key. Officers (and district admins) add fields of
 * their own and rename fields; names are unique per municipality
 * regardless of case (409). The steering group, partners and API clients
 * read but do not write (403); anonymous callers get 401; a municipality
 * where the caller holds no role answers 404.
 *
 * Fields this file creates carry a random suffix. A default it renames is
 * renamed back before the test ends, so other files see the defaults.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, bearer, organisationId, signInPersonas, tag } from './lib/auth.mjs';
import { clientToken as newClientToken } from './lib/catalogue.mjs';
import { everyItem } from './lib/requests.mjs';
import { pointers, recent } from './lib/checks.mjs';

const LINDENAU = '05999012';
const DEFAULTS = [
	['language', 'Sprache'],
	['education', 'Bildung und Ausbildung'],
	['work', 'Arbeit'],
	['asylum', 'Asyl und Flüchtlinge'],
	['intercultural_administration', 'Interkulturelle Öffnung der Verwaltung'],
	['participation', 'Gesellschaftliche Teilhabe und interkultureller Dialog'],
	['housing', 'Wohnen'],
	['health', 'Gesundheit'],
];

const fieldsPath = (ags) => `/api/v1/municipalities/${ags}/action-fields`;
const fieldPath = (ags, id) => `${fieldsPath(ags)}/${id}`;
const publicPath = (ags) => `/api/v1/public/municipalities/${ags}/action-fields`;

let officer; /* Musterstadt officer */
let steering; /* Musterstadt steering group */
let partner; /* Caritas, partner in 004, 008, 012 */
let officerL; /* Musterlingen officer */
let dadm; /* district admin */
let clientRead; /* API client of Caritas in Musterstadt: catalogue:read */
let clientNoRead; /* API client of Caritas in Musterstadt: progress:write only */
let caritasId;

const clientToken = (scopes) => newClientToken(officer, caritasId, `t4c action fields ${tag()}`, scopes);

/* Every action field of the municipality, walking all pages. */
const allFields = (token, ags, path = fieldsPath(ags)) => everyItem(path, token);

async function createField(token, ags, body) {
	const res = await call('POST', fieldsPath(ags), { headers: bearer(token), body });
	assert.equal(res.status, 201, `creating an action field: ${res.status} ${res.text.slice(0, 300)}`);
	return res;
}

before(async () => {
	[officer, steering, partner, officerL, dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'dadm');
	caritasId = await organisationId(officer, CARITAS);
	clientRead = await clientToken(['catalogue:read']);
	clientNoRead = await clientToken(['progress:write']);
});

describe('the district defaults', () => {
	test('every municipality of the district starts with the eight defaults, in order, with their default_key', async () => {
		const municipalities = await call('GET', '/api/v1/municipalities?limit=200');
		assert.equal(municipalities.status, 200, municipalities.text);
		const district = municipalities.json.items.filter((m) => m.ags.startsWith('05999'));
		assert.ok(district.length >= 3, 'the demo district has several municipalities');
		for (const { ags } of district) {
			const items = await allFields(dadm, ags);
			const defaults = items.filter((f) => f.default_key !== null);
			assert.deepEqual(defaults.map((f) => [f.default_key, f.name]), DEFAULTS, `defaults of ${ags}`);
			assert.deepEqual(items.slice(0, 8).map((f) => f.default_key), DEFAULTS.map(([k]) => k), `${ags}: the defaults come first`);
			assert.deepEqual(items.slice(0, 8).map((f) => f.position), [1, 2, 3, 4, 5, 6, 7, 8]);
			for (const f of items) {
				assert.equal(f.municipality, ags);
				if (f.default_key !== null) assert.equal(f.description, null, `${ags} ${f.name}: defaults have no description`);
			}
			const positions = items.map((f) => f.position);
			assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${ags}: ordered by position`);
		}
	});

	test('each municipality has fields of its own: the same default has different ids', async () => {
		const s = await allFields(officer, MUSTERSTADT);
		const l = await allFields(officerL, MUSTERLINGEN);
		assert.notEqual(s[0].id, l[0].id);
		assert.equal(s[0].default_key, 'language');
		assert.equal(l[0].default_key, 'language');
	});

	test('every reader of the municipality lists them: officer, steering group, partner, district admin, API client', async () => {
		for (const [who, token] of [['officer', officer], ['steering', steering], ['partner', partner], ['district admin', dadm], ['client with catalogue:read', clientRead]]) {
			const res = await call('GET', `${fieldsPath(MUSTERSTADT)}?limit=200`, { headers: bearer(token) });
			assert.equal(res.status, 200, `${who}: ${res.text.slice(0, 300)}`);
			assert.deepEqual(res.json.items.slice(0, 8).map((f) => f.default_key), DEFAULTS.map(([k]) => k), who);
		}
		/* the partner reads Lindenau's too, where Caritas is partner */
		const lin = await call('GET', fieldsPath(LINDENAU), { headers: bearer(partner) });
		assert.equal(lin.status, 200, lin.text);
		assert.equal(lin.json.items[0].municipality, LINDENAU);
	});

	test('an API client without catalogue:read reads the vocabulary too (spec: any client)', async () => {
		const res = await call('GET', fieldsPath(MUSTERSTADT), { headers: bearer(clientNoRead) });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.items[0].default_key, 'language');
		const one = await call('GET', fieldPath(MUSTERSTADT, res.json.items[0].id), { headers: bearer(clientNoRead) });
		assert.equal(one.status, 200, one.text);
	});

	test('one field by id, with an ETag that answers 304', async () => {
		const first = (await allFields(officer, MUSTERSTADT))[0];
		for (const token of [officer, steering, partner, dadm, clientRead]) {
			const res = await call('GET', fieldPath(MUSTERSTADT, first.id), { headers: bearer(token) });
			assert.equal(res.status, 200, res.text);
			assert.deepEqual(res.json, first);
			assert.match(res.headers.etag ?? '', /^"[0-9a-f]{32}"$/);
			const again = await call('GET', fieldPath(MUSTERSTADT, first.id), { headers: { ...bearer(token), 'If-None-Match': res.headers.etag } });
			assert.equal(again.status, 304);
			assert.equal(again.text, '');
		}
	});

	test('the list pages with next_cursor, each field once', async () => {
		const all = await allFields(officer, MUSTERSTADT);
		const seen = [];
		let cursor = null;
		for (let i = 0; i < all.length + 2; i++) {
			const q = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const res = await call('GET', fieldsPath(MUSTERSTADT) + q, { headers: bearer(steering) });
			assert.equal(res.status, 200, res.text);
			assert.ok(res.json.items.length <= 3);
			seen.push(...res.json.items.map((f) => f.id));
			cursor = res.json.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen, all.map((f) => f.id));
		for (const bad of ['?limit=0', '?limit=201', '?limit=x', '?cursor=nonsense']) {
			assertProblem(await call('GET', fieldsPath(MUSTERSTADT) + bad, { headers: bearer(officer) }), 400);
		}
	});
});

describe('adding action fields', () => {
	test('the officer adds one: 201, Location, ETag, placed last, no default_key', async () => {
		const before_ = await allFields(officer, MUSTERSTADT);
		const name = `Sport und Freizeit ${tag()}`;
		const res = await createField(officer, MUSTERSTADT, { name, description: 'Vereinssport, Schwimmkurse, offene Treffs.' });
		const f = res.json;
		assert.match(f.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, fieldPath(MUSTERSTADT, f.id));
		assert.match(res.headers.etag ?? '', /^"[0-9a-f]{32}"$/);
		assert.equal(f.municipality, MUSTERSTADT);
		assert.equal(f.name, name);
		assert.equal(f.description, 'Vereinssport, Schwimmkurse, offene Treffs.');
		assert.equal(f.default_key, null);
		assert.equal(f.position, Math.max(...before_.map((x) => x.position)) + 1, 'placed after the last one');
		assert.ok(recent(f.created_at), f.created_at);
		assert.equal(f.created_at, f.updated_at);
		const after_ = await allFields(steering, MUSTERSTADT);
		assert.deepEqual(after_.at(-1), f, 'the new field is last in the list');
		const one = await call('GET', fieldPath(MUSTERSTADT, f.id), { headers: bearer(partner) });
		assert.deepEqual(one.json, f);
		assert.equal(one.headers.etag, res.headers.etag, 'the ETag of the 201 is the ETag of the field');
	});

	test('a second field goes after the first; name and description are trimmed only at the name', async () => {
		const a = (await createField(officer, MUSTERSTADT, { name: `Kultur ${tag()}` })).json;
		const name = `Sport ${tag()}`;
		const b = (await createField(officer, MUSTERSTADT, { name: `  ${name}  `, description: null })).json;
		assert.equal(b.position, a.position + 1);
		assert.equal(b.name, name, 'surrounding spaces are trimmed');
		assert.equal(b.description, null);
		assert.equal(a.description, null, 'absent description is null');
	});

	test('fields added at the same time each get a place of their own after the last one', async () => {
		const highest = Math.max(...(await allFields(officer, MUSTERSTADT)).map((f) => f.position));
		const made = await Promise.all(Array.from({ length: 8 }, (_, n) => createField(n % 2 ? dadm : officer, MUSTERSTADT, { name: `Parallel ${n} ${tag()}` })));
		const positions = made.map((r) => r.json.position).sort((a, b) => a - b);
		assert.deepEqual(positions, Array.from({ length: 8 }, (_, n) => highest + 1 + n), `positions ${JSON.stringify(positions)}`);
		const listed = (await allFields(officer, MUSTERSTADT)).map((f) => f.position);
		assert.equal(new Set(listed).size, listed.length, `no two fields share a position: ${JSON.stringify(listed)}`);
	});

	test('the district admin adds one in any municipality of the district', async () => {
		const res = await createField(dadm, MUSTERLINGEN, { name: `Kreisweit ${tag()}` });
		assert.equal(res.json.municipality, MUSTERLINGEN);
		assert.equal(res.json.default_key, null);
		const seen = await allFields(officerL, MUSTERLINGEN);
		assert.ok(seen.some((f) => f.id === res.json.id));
		assert.ok(!(await allFields(officer, MUSTERSTADT)).some((f) => f.id === res.json.id), 'not in Musterstadt');
	});

	test('a name another field has, regardless of case, answers 409 and adds nothing', async () => {
		const own = `Ärztliche Versorgung ${tag()}`;
		await createField(officer, MUSTERSTADT, { name: own });
		const count = (await allFields(officer, MUSTERSTADT)).length;
		for (const name of ['Sprache', 'SPRACHE', 'sprache', ' Sprache ', own.toUpperCase(), own.toLowerCase()]) {
			const res = await call('POST', fieldsPath(MUSTERSTADT), { headers: bearer(officer), body: { name } });
			assertProblem(res, 409);
		}
		assert.equal((await allFields(officer, MUSTERSTADT)).length, count, 'no field was added');
		/* the allowed case: the same name in another municipality */
		const elsewhere = await createField(officerL, MUSTERLINGEN, { name: own });
		assert.equal(elsewhere.json.name, own);
	});

	test('a duplicate name answers 409 pointing at /name', async () => {
		const res = await call('POST', fieldsPath(MUSTERSTADT), { headers: bearer(officer), body: { name: 'WOHNEN' } });
		assertProblem(res, 409);
		assert.deepEqual(pointers(res), ['/name'], `409 without the pointer /name: ${res.text}`);
	});

	const invalid = [
		['no name', {}, '/name'],
		['an empty name', { name: '' }, '/name'],
		['a blank name', { name: '   ' }, '/name'],
		['a name of 121 characters', { name: 'x'.repeat(121) }, '/name'],
		['a name that is no string', { name: 42 }, '/name'],
		['a description of 2001 characters', { name: 'Desc', description: 'd'.repeat(2001) }, '/description'],
		['a description that is no string', { name: 'Desc', description: ['a'] }, '/description'],
		['an unknown member', { name: 'Unknown', default_key: 'language' }, '/default_key'],
		['a position (not settable)', { name: 'Pos', position: 1 }, '/position'],
	];
	for (const [what, body, pointer] of invalid) {
		test(`${what} answers 422 pointing at ${pointer}`, async () => {
			const b = { ...body };
			if (typeof b.name === 'string' && b.name.length > 3 && b.name.length < 100) b.name = `${b.name} ${tag()}`;
			const res = await call('POST', fieldsPath(MUSTERSTADT), { headers: bearer(officer), body: b });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `pointers ${JSON.stringify(pointers(res))}`);
		});
	}

	test('a name of exactly 120 characters and a description of 2000 are accepted', async () => {
		const name = `${tag()}-`.padEnd(120, 'n');
		const res = await createField(officer, MUSTERSTADT, { name, description: 'd'.repeat(2000) });
		assert.equal(res.json.name, name);
		assert.equal(res.json.description.length, 2000);
	});

	test('a body that is not JSON answers 415, broken JSON 400', async () => {
		const res = await call('POST', fieldsPath(MUSTERSTADT), {
			headers: { ...bearer(officer), 'Content-Type': 'text/plain' }, body: 'Sport',
		});
		assert.ok([400, 415].includes(res.status), `${res.status}`);
		const broken = await call('POST', fieldsPath(MUSTERSTADT), {
			headers: { ...bearer(officer), 'Content-Type': 'application/json' }, body: '{"name":',
		});
		assertProblem(broken, 400);
	});

	test('the steering group, partners and API clients cannot add one: 403', async () => {
		for (const [who, token] of [['steering', steering], ['partner', partner], ['client', clientRead], ['client without read', clientNoRead]]) {
			const name = `Verboten ${tag()}`;
			const res = await call('POST', fieldsPath(MUSTERSTADT), { headers: bearer(token), body: { name } });
			assertProblem(res, 403);
			assert.ok(!(await allFields(officer, MUSTERSTADT)).some((f) => f.name === name), `${who}: nothing was added`);
		}
	});

	test('anonymous callers get 401', async () => {
		for (const res of [
			await call('GET', fieldsPath(MUSTERSTADT)),
			await call('POST', fieldsPath(MUSTERSTADT), { body: { name: `Anon ${tag()}` } }),
			await call('GET', fieldPath(MUSTERSTADT, '1')),
			await call('PATCH', fieldPath(MUSTERSTADT, '1'), { body: { name: `Anon ${tag()}` } }),
			await call('GET', fieldsPath(MUSTERSTADT), { headers: { Authorization: 'Bearer not-a-token' } }),
		]) {
			assertProblem(res, 401);
			assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
		}
	});

	test('a municipality where the caller holds no role answers 404; one that does not exist too', async () => {
		assertProblem(await call('GET', fieldsPath(MUSTERLINGEN), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', fieldsPath(MUSTERLINGEN), { headers: bearer(steering) }), 404);
		assertProblem(await call('POST', fieldsPath(MUSTERLINGEN), { headers: bearer(officer), body: { name: `Fremd ${tag()}` } }), 404);
		assertProblem(await call('GET', fieldsPath(MUSTERSTADT), { headers: bearer(officerL) }), 404);
		assertProblem(await call('GET', fieldsPath('05999999'), { headers: bearer(dadm) }), 404);
		assertProblem(await call('GET', fieldsPath('05999016'), { headers: bearer(partner) }), 404); /* Caritas does not serve Ölsdorf */
		/* the allowed case */
		assert.equal((await call('GET', fieldsPath(MUSTERLINGEN), { headers: bearer(officerL) })).status, 200);
	});

	test('a malformed AGS answers 400', async () => {
		for (const ags of ['5999004', 'abcdefgh', '059990040']) {
			assertProblem(await call('GET', fieldsPath(ags), { headers: bearer(officer) }), 400);
		}
	});
});

describe('renaming action fields', () => {
	let own; /* a field of this file's own */
	before(async () => {
		own = (await createField(officer, MUSTERSTADT, { name: `Freizeit ${tag()}` })).json;
	});

	test('the officer renames a field with If-Match: 200, new name and ETag, position kept', async () => {
		const got = await call('GET', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer) });
		const name = `Freizeit und Sport ${tag()}`;
		const res = await call('PATCH', fieldPath(MUSTERSTADT, own.id), {
			headers: { ...bearer(officer), 'If-Match': got.headers.etag }, body: { name },
		});
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.name, name);
		assert.equal(res.json.position, own.position);
		assert.equal(res.json.default_key, null);
		assert.equal(res.json.description, own.description, 'the description stays');
		assert.notEqual(res.headers.etag, got.headers.etag);
		assert.ok(Date.parse(res.json.updated_at) >= Date.parse(own.updated_at));
		const again = await call('GET', fieldPath(MUSTERSTADT, own.id), { headers: bearer(steering) });
		assert.deepEqual(again.json, res.json);
		assert.equal(again.headers.etag, res.headers.etag);
		own = res.json;
	});

	test('a stale If-Match answers 412 and changes nothing', async () => {
		const got = await call('GET', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer) });
		const changed = await call('PATCH', fieldPath(MUSTERSTADT, own.id), {
			headers: { ...bearer(officer), 'If-Match': got.headers.etag }, body: { description: `Beschreibung ${tag()}` },
		});
		assert.equal(changed.status, 200, changed.text);
		const stale = await call('PATCH', fieldPath(MUSTERSTADT, own.id), {
			headers: { ...bearer(officer), 'If-Match': got.headers.etag }, body: { name: `Stale ${tag()}` },
		});
		assertProblem(stale, 412);
		const now_ = await call('GET', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer) });
		assert.deepEqual(now_.json, changed.json, 'unchanged by the stale request');
		/* If-Match: * and no If-Match change it */
		const star = await call('PATCH', fieldPath(MUSTERSTADT, own.id), {
			headers: { ...bearer(officer), 'If-Match': '*' }, body: { description: null },
		});
		assert.equal(star.status, 200, star.text);
		assert.equal(star.json.description, null, 'null clears the description');
		own = star.json;
	});

	test('renaming to a name another field has, regardless of case, answers 409', async () => {
		for (const name of ['Arbeit', 'arbeit', 'GESUNDHEIT']) {
			const res = await call('PATCH', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer), body: { name } });
			assertProblem(res, 409);
		}
		const still = await call('GET', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer) });
		assert.equal(still.json.name, own.name);
		/* the allowed case: a change of case of its own name */
		const upper = await call('PATCH', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer), body: { name: own.name.toUpperCase() } });
		assert.equal(upper.status, 200, upper.text);
		assert.equal(upper.json.name, own.name.toUpperCase());
		own = upper.json;
	});

	test('a rename to a taken name answers 409 pointing at /name', async () => {
		const res = await call('PATCH', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer), body: { name: 'sprache' } });
		assertProblem(res, 409);
		assert.deepEqual(pointers(res), ['/name'], `409 without the pointer /name: ${res.text}`);
	});

	test('an invalid rename answers 422 at its pointer', async () => {
		for (const [body, pointer] of [
			[{ name: '' }, '/name'], [{ name: '  ' }, '/name'], [{ name: 'x'.repeat(121) }, '/name'], [{ name: null }, '/name'],
			[{ description: 'd'.repeat(2001) }, '/description'], [{ default_key: 'work' }, '/default_key'],
		]) {
			const res = await call('PATCH', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer), body });
			assertProblem(res, 422);
			assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)}: pointers ${JSON.stringify(pointers(res))}`);
		}
	});

	test('the steering group, partners and API clients cannot rename: 403, the field stays', async () => {
		for (const token of [steering, partner, clientRead]) {
			assertProblem(await call('PATCH', fieldPath(MUSTERSTADT, own.id), { headers: bearer(token), body: { name: `Nope ${tag()}` } }), 403);
		}
		const still = await call('GET', fieldPath(MUSTERSTADT, own.id), { headers: bearer(officer) });
		assert.equal(still.json.name, own.name);
	});

	test('the district admin renames a field of any municipality', async () => {
		const name = `Kreis benennt ${tag()}`;
		const res = await call('PATCH', fieldPath(MUSTERSTADT, own.id), { headers: bearer(dadm), body: { name } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.name, name);
		own = res.json;
	});

	test('a field of another municipality is 404 under this one\'s path, and for callers without a role there', async () => {
		const lingen = (await allFields(officerL, MUSTERLINGEN))[0];
		assertProblem(await call('GET', fieldPath(MUSTERSTADT, lingen.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('PATCH', fieldPath(MUSTERSTADT, lingen.id), { headers: bearer(officer), body: { name: `Fremd ${tag()}` } }), 404);
		assertProblem(await call('GET', fieldPath(MUSTERLINGEN, lingen.id), { headers: bearer(officer) }), 404);
		assertProblem(await call('PATCH', fieldPath(MUSTERLINGEN, lingen.id), { headers: bearer(officer), body: { name: `Fremd ${tag()}` } }), 404);
		assertProblem(await call('GET', fieldPath(MUSTERLINGEN, own.id), { headers: bearer(officerL) }), 404);
		assertProblem(await call('GET', fieldPath(MUSTERSTADT, '999999999'), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', fieldPath(MUSTERSTADT, 'abc'), { headers: bearer(officer) }), 404);
		const untouched = await call('GET', fieldPath(MUSTERLINGEN, lingen.id), { headers: bearer(officerL) });
		assert.deepEqual(untouched.json, lingen);
	});

	describe('a default field, renamed and renamed back', () => {
		let housing;
		let original;
		before(async () => {
			housing = (await allFields(officer, MUSTERSTADT)).find((f) => f.default_key === 'housing');
			original = housing.name;
		});
		after(async () => {
			/* whatever happened above, give the default its name back */
			const res = await call('PATCH', fieldPath(MUSTERSTADT, housing.id), { headers: bearer(officer), body: { name: original, description: null } });
			assert.equal(res.status, 200, res.text);
		});

		test('a renamed default keeps its default_key and position; the public list shows the new name', async () => {
			const name = `Wohnen und Quartier ${tag()}`;
			const res = await call('PATCH', fieldPath(MUSTERSTADT, housing.id), { headers: bearer(officer), body: { name } });
			assert.equal(res.status, 200, res.text);
			assert.equal(res.json.default_key, 'housing');
			assert.equal(res.json.position, housing.position);
			const pub = await allFields(undefined, MUSTERSTADT, publicPath(MUSTERSTADT));
			assert.equal(pub.find((f) => f.id === housing.id)?.name, name);
			/* the other municipalities keep theirs */
			const lingen = (await allFields(officerL, MUSTERLINGEN)).find((f) => f.default_key === 'housing');
			assert.equal(lingen.name, 'Wohnen');
		});

		test('renamed back, it is the default again', async () => {
			const res = await call('PATCH', fieldPath(MUSTERSTADT, housing.id), { headers: bearer(officer), body: { name: original } });
			assert.equal(res.status, 200, res.text);
			assert.equal(res.json.name, 'Wohnen');
			assert.equal(res.json.default_key, 'housing');
			const items = await allFields(officer, MUSTERSTADT);
			assert.deepEqual(items.slice(0, 8).map((f) => [f.default_key, f.name]), DEFAULTS);
		});
	});
});

describe('the public list', () => {
	test('anyone lists a municipality\'s action fields without a token: id, name and position only', async () => {
		const internal = await allFields(officer, MUSTERSTADT);
		const items = await allFields(undefined, MUSTERSTADT, publicPath(MUSTERSTADT));
		assert.deepEqual(items, internal.map((f) => ({ id: f.id, name: f.name, position: f.position })));
		for (const f of items) assert.deepEqual(Object.keys(f).sort(), ['id', 'name', 'position']);
		assert.deepEqual(items.slice(0, 8).map((f) => f.name), DEFAULTS.map(([, n]) => n));
	});

	test('it pages like the others', async () => {
		const all = await allFields(undefined, LINDENAU, publicPath(LINDENAU));
		const seen = [];
		let cursor = null;
		for (let i = 0; i < all.length + 2; i++) {
			const res = await call('GET', `${publicPath(LINDENAU)}?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			assert.equal(res.status, 200, res.text);
			seen.push(...res.json.items.map((f) => f.id));
			cursor = res.json.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen, all.map((f) => f.id));
		assert.ok(seen.length >= 8);
	});

	test('a new own field appears in the public list', async () => {
		const f = (await createField(officer, MUSTERSTADT, { name: `Öffentlich ${tag()}`, description: 'intern' })).json;
		const items = await allFields(undefined, MUSTERSTADT, publicPath(MUSTERSTADT));
		assert.deepEqual(items.find((x) => x.id === f.id), { id: f.id, name: f.name, position: f.position });
	});

	test('a signed-in caller may send a token; a bad token answers 401', async () => {
		const ok = await call('GET', publicPath(MUSTERSTADT), { headers: bearer(partner) });
		assert.equal(ok.status, 200, ok.text);
		assertProblem(await call('GET', publicPath(MUSTERSTADT), { headers: { Authorization: 'Bearer nope' } }), 401);
	});

	test('an unknown AGS answers 404, a malformed one 400', async () => {
		assertProblem(await call('GET', publicPath('05999999')), 404);
		for (const ags of ['5999004', 'abcdefgh', '0599900x']) assertProblem(await call('GET', publicPath(ags)), 400);
	});
});
