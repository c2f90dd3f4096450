/*
 * The public offers directory (Angebotsverzeichnis):
 * GET /api/v1/public/municipalities/{ags}/offers, the district-wide
 * GET /api/v1/public/offers?municipality=… and GET /api/v1/public/offers/{id}:
 * public offers valid today or later only, without a token; the filters
 * and the German full text counted independently with SQL; paging.
 * Uses the demo offers of Musterlingen (sql/demo/080_offers.sql) and its
 * own, whose titles carry TAG.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, bearer, lit, organisationId, psql, signInPersonas } from './lib/auth.mjs';
import { base } from './lib/catalogue.mjs';
import { api } from './lib/requests.mjs';
import { assertEtag } from './lib/checks.mjs';

const TAG = `Pubtest${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
const PUB = (ags = MUSTERLINGEN) => `/api/v1/public/municipalities/${ags}/offers`;
const DISTRICT = '/api/v1/public/offers';
const ZENTRUM = 'Integrationszentrum Musterlingen';

const get = (path, headers = {}) => call('GET', path, { headers });
const t = {};
const org = {};
const mine = {};
let today;

/* What the directory must show, by SQL: public, valid today or later (Berlin). */
const VISIBLE = "o.visibility = 'public' AND (o.valid_until IS NULL OR o.valid_until >= (now() AT TIME ZONE 'Europe/Berlin')::date)";
const sqlIds = (where) => psql(`SELECT o.id FROM offer o JOIN municipality mu ON mu.id = o.municipality_id WHERE ${VISIBLE} AND ${where} ORDER BY o.id`)
	.split('\n').filter(Boolean);
const inLingen = `mu.ags = '${MUSTERLINGEN}'`;

async function walk(path, limit = 200) {
	const items = [];
	let cursor = null;
	const sep = path.includes('?') ? '&' : '?';
	for (let i = 0; i < 500; i++) {
		const res = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		assert.equal(res.status, 200, `GET ${path}: ${res.text.slice(0, 300)}`);
		items.push(...res.json.items);
		cursor = res.json.next_cursor;
		if (cursor === null) return items;
	}
	assert.fail('the list does not end');
}
const idsOf = (items) => items.map((x) => x.id).sort((a, b) => Number(a) - Number(b));

async function create(changes) {
	const res = await api('POST', `${base(MUSTERLINGEN)}/offers`, t.officerL, {
		body: { organisation_id: org.zentrum, kind: 'meeting_place', visibility: 'public', ...changes },
	});
	assert.equal(res.status, 201, res.text);
	return res.json;
}

before(async () => {
	[t.officerL, t.officer] = await signInPersonas('officerL', 'officer');
	org.caritas = await organisationId(t.officerL, CARITAS);
	org.zentrum = await organisationId(t.officerL, ZENTRUM);
	today = psql("SELECT (now() AT TIME ZONE 'Europe/Berlin')::date");
	const yesterday = psql("SELECT (now() AT TIME ZONE 'Europe/Berlin')::date - 1");
	mine.today = await create({ title: `Endet heute ${TAG}`, valid_until: today, languages: ['ar'] });
	mine.ended = await create({ title: `Endete gestern ${TAG}`, valid_until: yesterday, languages: ['ar'] });
	mine.partners = await create({ title: `Nur für Partner ${TAG}`, visibility: 'partners' });
	mine.internal = await create({ title: `Intern ${TAG}`, visibility: 'internal' });
	mine.counselling = await create({ title: `Sozialberatung ${TAG}`, kind: 'counselling', organisation_id: org.caritas, languages: ['fa', 'de'], target_groups: ['refugees'] });
});

describe('the directory of a municipality', () => {
	test('anonymous: exactly the public offers valid today or later, as SQL counts them', async () => {
		const items = await walk(PUB());
		assert.deepEqual(idsOf(items), sqlIds(inLingen));
		for (const o of items) {
			assert.equal(o.visibility, 'public');
			assert.ok(o.valid_until === null || o.valid_until >= today, `${o.title} is valid`);
			assert.equal(o.municipality.ags, MUSTERLINGEN);
		}
		const ids = items.map((x) => x.id);
		assert.ok(ids.includes(mine.today.id), 'an offer ending today is shown');
		for (const hidden of [mine.ended, mine.partners, mine.internal]) assert.ok(!ids.includes(hidden.id), `${hidden.title} is not shown`);
	});

	test('the demo directory of Musterlingen: the counselling and the women\'s offers, not the ended Sprachcamp', async () => {
		const titles = (await walk(PUB())).map((x) => x.title);
		for (const title of ['Migrationsberatung für Erwachsene (MBE)', 'Flüchtlingssozialarbeit', 'Sprachcafé', 'Hausaufgabenhilfe', 'Frauenfrühstück', 'Integrationskurs der Volkshochschule']) {
			assert.ok(titles.includes(title), `${title} is listed`);
		}
		assert.ok(!titles.includes('Sprachcamp in den Sommerferien 2025'), 'an ended offer is not listed');
		assert.ok(!titles.includes('Frauentreff „Mütter im Gespräch“'), 'an offer shared with partners only is not listed');
	});

	const filters = [
		['kind=counselling', "o.kind = 'counselling'"],
		['language=ar', "'ar' = ANY (o.languages)"],
		['language=fa', "'fa' = ANY (o.languages)"],
		['target_group=women_and_mothers', "'women_and_mothers' = ANY (o.target_groups)"],
		['target_group=children&language=tr', "'children' = ANY (o.target_groups) AND 'tr' = ANY (o.languages)"],
		[() => `organisation_id=${org.caritas}`, () => `o.organisation_id = ${org.caritas}`],
	];
	for (const [q, where] of filters) {
		test(`filter ${typeof q === 'function' ? 'organisation_id' : q}: the offers SQL counts`, async () => {
			const want = sqlIds(`${inLingen} AND ${typeof where === 'function' ? where() : where}`);
			assert.ok(want.length > 0, 'the filter finds something');
			assert.deepEqual(idsOf(await walk(`${PUB()}?${typeof q === 'function' ? q() : q}`)), want);
		});
	}

	test('German full text: "Beratungen" finds the offers with the word Beratung, not the Sprachcafé', async () => {
		const titles = (await walk(`${PUB()}?q=Beratungen`)).map((x) => x.title);
		const want = psql(`SELECT string_agg(o.title, '|' ORDER BY o.title) FROM offer o JOIN municipality mu ON mu.id = o.municipality_id
			WHERE ${VISIBLE} AND ${inLingen} AND (o.title || ' ' || coalesce(o.description, '') || ' ' || coalesce(o.times_text, '') || ' ' || coalesce(o.registration_text, '')) ~* '(^|[^a-zäöüß])beratung'`).split('|');
		assert.ok(titles.includes('Migrationsberatung für Erwachsene (MBE)') && titles.includes('Flüchtlingssozialarbeit'));
		assert.ok(!titles.includes('Sprachcafé'));
		assert.deepEqual(titles.sort(), want.sort());
	});

	test('paging: pages of 2 give every offer once, ordered by title', async () => {
		const items = await walk(PUB(), 2);
		const ids = items.map((x) => x.id);
		assert.equal(new Set(ids).size, ids.length);
		assert.deepEqual(idsOf(items), sqlIds(inLingen));
		assert.equal(ids.join(','), psql(`SELECT string_agg(o.id::text, ',' ORDER BY o.title, o.id) FROM offer o JOIN municipality mu ON mu.id = o.municipality_id WHERE ${VISIBLE} AND ${inLingen}`));
	});

	test('a token that is sent must be valid; a valid one sees the same directory', async () => {
		assertProblem(await get(PUB(), bearer('not.a.token')), 401);
		const signedIn = await call('GET', `${PUB()}?limit=200`, { headers: bearer(t.officer) });
		assert.equal(signedIn.status, 200);
		assert.deepEqual(idsOf(signedIn.json.items), sqlIds(inLingen));
	});

	test('bad requests: unknown AGS 404, malformed AGS 400, bad filters 400', async () => {
		assertProblem(await get(PUB('05999999')), 404);
		assertProblem(await get(PUB('0599')), 400);
		assertProblem(await get(`${PUB()}?language=de-DE`), 400, { parameter: 'language' });
		assertProblem(await get(`${PUB()}?kind=x`), 400, { parameter: 'kind' });
		assertProblem(await get(`${PUB()}?q=${'x'.repeat(201)}`), 400, { parameter: 'q' });
		assertProblem(await get(`${PUB()}?cursor=bogus`), 400, { parameter: 'cursor' });
	});
});

describe('the directory of the district', () => {
	test('without municipality: every municipality\'s public valid offers, as SQL counts them', async () => {
		const items = await walk(DISTRICT);
		assert.deepEqual(idsOf(items), sqlIds('true'));
		const where = new Set(items.map((x) => x.municipality.ags));
		assert.ok(where.has(MUSTERSTADT) && where.has(MUSTERLINGEN));
	});

	test('municipality=AGS equals that municipality\'s directory; with filters too', async () => {
		assert.deepEqual(idsOf(await walk(`${DISTRICT}?municipality=${MUSTERLINGEN}`)), idsOf(await walk(PUB())));
		assert.deepEqual(idsOf(await walk(`${DISTRICT}?municipality=${MUSTERSTADT}&kind=counselling`)),
			sqlIds(`mu.ags = '${MUSTERSTADT}' AND o.kind = 'counselling'`));
		assert.deepEqual(idsOf(await walk(`${DISTRICT}?language=ar`)), sqlIds("'ar' = ANY (o.languages)"));
	});

	test('an unknown municipality gives an empty page; a malformed one 400', async () => {
		const res = await get(`${DISTRICT}?municipality=05999999`);
		assert.equal(res.status, 200);
		assert.deepEqual(res.json.items, []);
		assertProblem(await get(`${DISTRICT}?municipality=abc`), 400, { parameter: 'municipality' });
	});
});

describe('one offer', () => {
	test('a public offer: 200 with ETag; If-None-Match answers 304', async () => {
		const res = await get(`${DISTRICT}/${mine.counselling.id}`);
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.title, mine.counselling.title);
		assert.deepEqual(res.json.organisation, { id: org.caritas, name: CARITAS });
		const etag = assertEtag(res);
		assert.equal((await get(`${DISTRICT}/${mine.counselling.id}`, { 'If-None-Match': etag })).status, 304);
	});

	test('ended, partners-only, internal and missing offers answer 404', async () => {
		for (const o of [mine.ended, mine.partners, mine.internal]) assertProblem(await get(`${DISTRICT}/${o.id}`), 404);
		assertProblem(await get(`${DISTRICT}/999999999`), 404);
		const camp = psql("SELECT id FROM offer WHERE title = 'Sprachcamp in den Sommerferien 2025'");
		assertProblem(await get(`${DISTRICT}/${camp}`), 404);
	});

	test('renaming the organisation shows at once, with a new ETag (the stored document is rebuilt)', async () => {
		const made = await api('POST', '/api/v1/organisations', t.officerL, { body: { name: `Nachbarschaftshilfe ${TAG}`, kind: 'volunteer_initiative', municipalities: [MUSTERLINGEN] } });
		assert.equal(made.status, 201, made.text);
		const o = await create({ title: `Nachbarschaftscafé ${TAG}`, organisation_id: made.json.id });
		const before = await get(`${DISTRICT}/${o.id}`);
		assert.equal(before.status, 200, before.text);
		psql(`UPDATE organisation SET name = ${lit(`Nachbarschaftshilfe Musterlingen ${TAG}`)} WHERE id = ${made.json.id}`);
		const after = await get(`${DISTRICT}/${o.id}`, { 'If-None-Match': before.headers.etag });
		assert.equal(after.status, 200, 'the old ETag no longer matches');
		assert.equal(after.json.organisation.name, `Nachbarschaftshilfe Musterlingen ${TAG}`);
		assert.notEqual(assertEtag(after), before.headers.etag);
	});

	test('a change shows at once (the stored document is rebuilt)', async () => {
		const res = await api('PATCH', `${base(MUSTERLINGEN)}/offers/${mine.counselling.id}`, t.officerL, { body: { visibility: 'internal' } });
		assert.equal(res.status, 200, res.text);
		assertProblem(await get(`${DISTRICT}/${mine.counselling.id}`), 404);
		assert.equal(psql(`SELECT doc->>'visibility' FROM offer WHERE id = ${mine.counselling.id}`), 'internal');
		assert.ok(!idsOf(await walk(PUB())).includes(mine.counselling.id));
		assert.equal(psql(`SELECT count(*) FROM offer WHERE title LIKE ${lit(`%${TAG}%`)}`), '6');
	});
});
