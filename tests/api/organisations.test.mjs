/*
 * Organisations: GET/POST /api/v1/organisations and GET
 * /api/v1/organisations/{id}. Every signed-in caller reads them; officers
 * (for their own municipalities) and district admins add them. Names carry
 * a per-run tag, so the file runs again on the same database.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, signIn } from './lib/auth.mjs';
import { assertPointer, assertUnauthorized } from './lib/checks.mjs';
import { api, everyItem } from './lib/requests.mjs';

const LIST = '/api/v1/organisations';
const STADT = '05999004'; /* Musterstadt */
const LINGEN = '05999008'; /* Musterlingen */
const SCHOOL = 'Gesamtschule Musterstadt';
const VEREIN = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';

const DEMO = {
	dadm: 'kreis@musterkreis.example',
	officer: 'integration@musterstadt.example',
	steering: 'buergermeisterin@musterstadt.example',
	partner: 'migrationsdienst@caritas-musterkreis.example',
};
const KINDS = ['administration', 'welfare_association', 'migrant_organisation', 'school', 'kita', 'church', 'club', 'job_centre', 'volunteer_initiative', 'other'];

const TAG = `Org${randomUUID().slice(0, 8)}`;
const tokens = {};

async function list(token, query = '') {
	const res = await api('GET', `${LIST}${query ? `?${query}` : ''}`, token);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

/* Every item of a list, following next_cursor with pages of 200. */
const everything = (token, query = '') => everyItem(LIST, token, query);

async function createOrg(token, body) {
	const res = await api('POST', LIST, token, { body });
	assert.equal(res.status, 201, res.text);
	return res;
}

let all; /* every organisation, as the officer sees them */

before(async () => {
	for (const [role, email] of Object.entries(DEMO)) tokens[role] = await signIn(email);
	/* a signed-in person without any membership, made by the district admin */
	const email = `t-${randomUUID().slice(0, 8)}@example.org`;
	const made = await api('POST', '/api/v1/accounts', tokens.dadm, { body: { email, display_name: `Ohne Rolle ${TAG}`, memberships: [] } });
	assert.equal(made.status, 201, made.text);
	const password = 'Ohne-Rolle-Passwort-1';
	const ok = await call('POST', '/api/v1/auth/invitation', { body: { token: made.json.invitation.token, password } });
	assert.equal(ok.status, 200, ok.text);
	tokens.memberless = await signIn(email, password);
	all = await everything(tokens.officer);
});

describe('reading organisations', () => {
	for (const role of ['dadm', 'officer', 'steering', 'partner', 'memberless']) {
		test(`${role} lists the organisations of the district`, async () => {
			const items = await everything(tokens[role]);
			const names = items.map((o) => o.name);
			for (const n of [CARITAS, VEREIN, SCHOOL]) assert.ok(names.includes(n), `${n} is listed`);
			assert.deepEqual(items.map((o) => o.id), all.map((o) => o.id), 'everyone sees the same list');
		});
	}

	test('anonymous callers get 401 with WWW-Authenticate (list, get, create)', async () => {
		assertUnauthorized(await api('GET', LIST));
		assertUnauthorized(await api('GET', `${LIST}/${all[0].id}`));
		assertUnauthorized(await api('POST', LIST, undefined, { body: { name: `Anon ${TAG}`, kind: 'club', municipalities: [STADT] } }));
	});

	test('the demo organisations are as seeded', () => {
		const caritas = all.find((o) => o.name === CARITAS);
		assert.equal(caritas.kind, 'welfare_association');
		assert.deepEqual(caritas.municipalities, ['05999004', '05999008', '05999012']);
		assert.match(caritas.contact_email, /@caritas-musterkreis\.example$/);
		assert.deepEqual(all.find((o) => o.name === SCHOOL).municipalities, [STADT]);
	});

	test('ordered by name in German collation, then id', () => {
		for (let i = 1; i < all.length; i++) {
			const [a, b] = [all[i - 1], all[i]];
			const c = a.name.localeCompare(b.name, 'de');
			assert.ok(c < 0 || (c === 0 && BigInt(a.id) < BigInt(b.id)), `"${a.name}" before "${b.name}"`);
		}
	});

	test('municipality filters to the organisations serving it', async () => {
		const lingen = await everything(tokens.partner, `municipality=${LINGEN}`);
		assert.ok(lingen.some((o) => o.name === CARITAS));
		assert.ok(!lingen.some((o) => o.name === SCHOOL || o.name === VEREIN), 'Musterstadt-only organisations are not listed');
		assert.ok(lingen.every((o) => o.municipalities.includes(LINGEN)));
		const stadt = (await everything(tokens.partner, `municipality=${STADT}`)).map((o) => o.name);
		for (const n of [CARITAS, VEREIN, SCHOOL]) assert.ok(stadt.includes(n));
	});

	test('kind filters', async () => {
		const schools = await everything(tokens.steering, 'kind=school');
		assert.ok(schools.some((o) => o.name === SCHOOL));
		assert.ok(schools.every((o) => o.kind === 'school'));
		assert.ok(!schools.some((o) => o.name === CARITAS));
	});

	test('q finds names containing the text, regardless of case', async () => {
		const hits = (await list(tokens.partner, 'q=CARITASVERBAND')).items.map((o) => o.name);
		assert.ok(hits.includes(CARITAS));
		assert.ok(!hits.includes(SCHOOL));
		assert.deepEqual((await list(tokens.partner, `q=${TAG}-nothing`)).items, []);
	});

	test('limit=1 walks every page once, in the order of one big page', async () => {
		const walked = [];
		let cursor = null;
		for (let pages = 0; ; pages++) {
			assert.ok(pages <= all.length + 5, 'pagination ends');
			const body = await list(tokens.partner, `limit=1${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
			assert.ok(body.items.length <= 1);
			walked.push(...body.items.map((o) => o.id));
			if (body.next_cursor === null) break;
			assert.equal(body.items.length, 1, 'only the last page may be short');
			cursor = body.next_cursor;
		}
		assert.equal(new Set(walked).size, walked.length, `no duplicates: ${walked}`);
		assert.deepEqual(walked, (await everything(tokens.partner)).map((o) => o.id));
	});

	for (const [query, parameter] of [['kind=verein', 'kind'], ['municipality=abc', 'municipality'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['cursor=bm9wZQ', 'cursor']]) {
		test(`${query} answers 400 naming ${parameter}`, async () => {
			assertProblem(await api('GET', `${LIST}?${query}`, tokens.officer), 400, { parameter });
		});
	}

	test('GET /organisations/{id}: 200 with ETag, If-None-Match → 304, another ETag → 200', async () => {
		const caritas = all.find((o) => o.name === CARITAS);
		const res = await api('GET', `${LIST}/${caritas.id}`, tokens.partner);
		assert.equal(res.status, 200, res.text);
		/* the document is the list item with the profile; its municipalities
		 * carry their names (organisations-profile.test.mjs checks the rest) */
		const { municipalities, ...rest } = caritas;
		for (const [k, v] of Object.entries(rest)) assert.deepEqual(res.json[k], v, k);
		assert.deepEqual(res.json.municipalities.map((m) => m.ags), municipalities);
		assert.match(res.headers.etag ?? '', /^(W\/)?"[^"]+"$/);
		const again = await api('GET', `${LIST}/${caritas.id}`, tokens.partner, { headers: { 'If-None-Match': res.headers.etag } });
		assert.equal(again.status, 304);
		assert.equal(again.text, '');
		assert.equal(again.headers.etag, res.headers.etag);
		const other = await api('GET', `${LIST}/${caritas.id}`, tokens.partner, { headers: { 'If-None-Match': '"abc"' } });
		assert.equal(other.status, 200);
		assert.equal((await api('GET', `${LIST}/${caritas.id}`, tokens.memberless)).status, 200);
	});

	test('unknown and non-numeric ids answer 404', async () => {
		for (const id of ['999999999999', 'abc', '1e3', '-1', '99999999999999999999']) {
			assertProblem(await api('GET', `${LIST}/${id}`, tokens.officer), 404);
		}
	});
});

describe('creating organisations', () => {
	test('an officer creates one for its municipality: 201, Location, ETag, the document; everyone reads it', async () => {
		const name = `${TAG} Nachbarschaftshilfe`;
		const res = await createOrg(tokens.officer, { name: `  ${name} `, kind: 'volunteer_initiative', contact_email: 'hilfe@example.org', municipalities: [STADT] });
		const o = res.json;
		assert.match(o.id, /^[1-9][0-9]*$/);
		assert.equal(o.name, name, 'the name is trimmed');
		assert.equal(o.kind, 'volunteer_initiative');
		assert.equal(o.contact_email, 'hilfe@example.org');
		assert.deepEqual(o.municipalities.map((m) => m.ags), [STADT]);
		assert.ok(Math.abs(Date.parse(o.created_at) - Date.now()) < 120e3, 'created now');
		assert.equal(res.headers.location, `${LIST}/${o.id}`);
		assert.match(res.headers.etag ?? '', /^(W\/)?"[^"]+"$/);

		for (const role of ['partner', 'steering', 'dadm']) {
			const got = await api('GET', `${LIST}/${o.id}`, tokens[role]);
			assert.equal(got.status, 200, got.text);
			assert.deepEqual(got.json, o);
			assert.equal(got.headers.etag, res.headers.etag);
		}
		const found = await list(tokens.partner, `q=${encodeURIComponent(name)}&municipality=${STADT}`);
		assert.deepEqual(found.items.map((x) => x.id), [o.id]);
		assert.deepEqual((await list(tokens.partner, `q=${encodeURIComponent(name)}&municipality=${LINGEN}`)).items, []);
		assert.deepEqual((await list(tokens.partner, `q=${encodeURIComponent(name)}&kind=club`)).items, []);
	});

	test('contact_email may be absent or null', async () => {
		const a = await createOrg(tokens.officer, { name: `${TAG} Ohne Kontakt`, kind: 'club', municipalities: [STADT] });
		assert.equal(a.json.contact_email, null);
		const b = await createOrg(tokens.officer, { name: `${TAG} Null Kontakt`, kind: 'church', contact_email: null, municipalities: [STADT] });
		assert.equal(b.json.contact_email, null);
	});

	test('new names are listed in German collation order (Ö with O)', async () => {
		for (const n of ['Zucker', 'Öl', 'Obst']) await createOrg(tokens.officer, { name: `${TAG} ${n}`, kind: 'other', municipalities: [STADT] });
		const names = (await everything(tokens.steering, `q=${encodeURIComponent(`${TAG} `)}`)).map((o) => o.name)
			.filter((n) => /(Zucker|Öl|Obst)$/.test(n));
		assert.deepEqual(names, [`${TAG} Obst`, `${TAG} Öl`, `${TAG} Zucker`]);
	});

	test('an officer naming another municipality → 422 /municipalities/N; the district admin may', async () => {
		assertPointer(await api('POST', LIST, tokens.officer, { body: { name: `${TAG} Lingen`, kind: 'club', municipalities: [LINGEN] } }), '/municipalities/0');
		const two = await api('POST', LIST, tokens.officer, { body: { name: `${TAG} Lingen`, kind: 'club', municipalities: [STADT, LINGEN] } });
		assertPointer(two, '/municipalities/1');
		assert.ok(!two.json.errors.some((e) => e.pointer === '/municipalities/0'));
		assert.deepEqual((await list(tokens.officer, `q=${encodeURIComponent(`${TAG} Lingen`)}`)).items, [], 'nothing was created');
		const ok = await createOrg(tokens.dadm, { name: `${TAG} Lingen`, kind: 'club', municipalities: [STADT, LINGEN] });
		assert.deepEqual(ok.json.municipalities.map((m) => m.ags), [STADT, LINGEN]);
	});

	test('an officer must name at least one municipality (422)', async () => {
		assertProblem(await api('POST', LIST, tokens.officer, { body: { name: `${TAG} Nirgends`, kind: 'club', municipalities: [] } }), 422);
		assertProblem(await api('POST', LIST, tokens.officer, { body: { name: `${TAG} Nirgends`, kind: 'club' } }), 422);
	});

	test('partners and the steering group get 403', async () => {
		for (const role of ['partner', 'steering']) {
			const res = await api('POST', LIST, tokens[role], { body: { name: `${TAG} ${role}`, kind: 'club', municipalities: [STADT] } });
			assertProblem(res, 403);
		}
		assert.deepEqual((await list(tokens.officer, `q=${encodeURIComponent(`${TAG} partner`)}`)).items, []);
	});

	test('a duplicate name → 409, also with surrounding spaces', async () => {
		const name = `${TAG} Doppelt`;
		await createOrg(tokens.officer, { name, kind: 'club', municipalities: [STADT] });
		assertProblem(await api('POST', LIST, tokens.officer, { body: { name, kind: 'school', municipalities: [STADT] } }), 409);
		assertProblem(await api('POST', LIST, tokens.dadm, { body: { name: ` ${name} `, kind: 'club', municipalities: [LINGEN] } }), 409);
		assertProblem(await api('POST', LIST, tokens.officer, { body: { name: CARITAS, kind: 'welfare_association', municipalities: [STADT] } }), 409);
	});

	test('invalid fields → 422 with pointers', async () => {
		const base = { name: `${TAG} Ungültig`, kind: 'club', municipalities: [STADT] };
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, kind: 'verein' } }), '/kind');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, kind: undefined } }), '/kind');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, contact_email: 'kein-at' } }), '/contact_email');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, contact_email: 'a b@example.org' } }), '/contact_email');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, name: '  ' } }), '/name');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, name: 'x'.repeat(201) } }), '/name');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, municipalities: ['5999004'] } }), '/municipalities/0');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, municipalities: [STADT, STADT] } }), '/municipalities/1');
		assertPointer(await api('POST', LIST, tokens.officer, { body: { ...base, website: 'https://example.org' } }), '/website');
		assert.deepEqual((await list(tokens.officer, `q=${encodeURIComponent(base.name)}`)).items, [], 'nothing was created');
	});

	test('every kind is accepted', async () => {
		for (const kind of KINDS) {
			const res = await createOrg(tokens.officer, { name: `${TAG} Art ${kind}`, kind, municipalities: [STADT] });
			assert.equal(res.json.kind, kind);
		}
		const schools = (await list(tokens.officer, `kind=school&q=${encodeURIComponent(`${TAG} Art`)}`)).items;
		assert.deepEqual(schools.map((o) => o.name), [`${TAG} Art school`]);
	});
});
