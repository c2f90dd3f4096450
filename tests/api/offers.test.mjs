/*
 * Offers (Angebote): GET/POST /api/v1/municipalities/{ags}/offers,
 * GET/PATCH/DELETE …/offers/{id} and GET …/measures/{id}/offers, for every
 * role: officers write any offer of their municipality, partners (and API
 * clients with offers:write) only their organisation's, the steering
 * group reads; partners see what is shared with them and all of their
 * organisation's. Expected sets are counted independently with SQL
 * (TEST_PSQL_CMD) over the offers this file made (their titles carry TAG).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import {
	CARITAS, MUSTERLINGEN, MUSTERSTADT, b64url, claimsOf, decode, forge, lit, organisationId, psql,
	requestToken, signInPersonas,
} from './lib/auth.mjs';
import { base } from './lib/catalogue.mjs';
import { api } from './lib/requests.mjs';
import { assertAt, assertEtag } from './lib/checks.mjs';

/* letters only: one word for the German parser */
const TAG = `Offtest${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
const DTK = 'Deutsch-Türkischer Kulturverein Musterstadt e.V.';
const SCHULE = 'Gesamtschule Musterstadt';

const offers = (ags = MUSTERSTADT) => `${base(ags)}/offers`;
const offer = (id, ags = MUSTERSTADT) => `${offers(ags)}/${id}`;

const t = {};
const org = {};
let seq = 0;

function body(changes = {}) {
	++seq;
	return { organisation_id: org.dtk, title: `Angebot ${seq} ${TAG}`, kind: 'counselling', ...changes };
}

async function create(changes = {}, token = t.officer, ags = MUSTERSTADT) {
	const res = await api('POST', offers(ags), token, { body: body(changes) });
	assert.equal(res.status, 201, `creating an offer: ${res.text.slice(0, 400)}`);
	return res.json;
}

/* How many offers with this TAG in their title the database holds. */
const stored = (where = 'true') => Number(psql(`SELECT count(*) FROM offer WHERE title LIKE ${lit(`%${TAG}%`)} AND ${where}`));
const sqlIds = (where) => psql(`SELECT id FROM offer o WHERE o.title LIKE ${lit(`%${TAG}%`)} AND ${where} ORDER BY id`)
	.split('\n').filter(Boolean);

/* Every item of a list, following next_cursor with pages of `limit`. */
async function walk(path, token, limit = 200) {
	const items = [];
	let cursor = null;
	const sep = path.includes('?') ? '&' : '?';
	for (let i = 0; i < 200; i++) {
		const res = await api('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
		assert.equal(res.status, 200, `GET ${path}: ${res.text.slice(0, 300)}`);
		assert.ok(res.json.items.length <= limit);
		items.push(...res.json.items);
		cursor = res.json.next_cursor;
		if (cursor === null) return items;
	}
	assert.fail('the list does not end');
}
const idsOf = (items) => items.map((x) => x.id).sort((a, b) => Number(a) - Number(b));

async function newClient(scopes) {
	const res = await api('POST', `${base()}/api-clients`, t.officer, {
		body: { name: `Angebotsverwaltung ${TAG} ${scopes.join(' ')}`, organisation_id: org.caritas, scopes },
	});
	assert.equal(res.status, 201, res.text);
	const tok = await requestToken({ grant_type: 'client_credentials', client_id: res.json.client_id, client_secret: res.json.client_secret });
	assert.equal(tok.status, 200, tok.text);
	return tok.json.access_token;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL');
	org.caritas = await organisationId(t.officer, CARITAS);
	org.dtk = await organisationId(t.officer, DTK);
	org.schule = await organisationId(t.officer, SCHULE);
	t.clientRead = await newClient(['catalogue:read']);
	t.clientWrite = await newClient(['offers:write']);
	t.clientBoth = await newClient(['catalogue:read', 'offers:write']);
});

describe('the officer writes offers', () => {
	test('create: 201, Location, ETag, the document; GET answers the same', async () => {
		const res = await api('POST', offers(), t.officer, {
			body: {
				organisation_id: org.caritas, title: `  Migrationsberatung ${TAG}  `, kind: 'counselling',
				description: 'Beratung für Zugewanderte.', target_groups: ['newcomers', 'refugees'],
				languages: ['de', 'ar', 'fa'], street: 'Lindenallee 7', postcode: '31990', city: 'Musterstadt',
				latitude: 52.3705, longitude: 9.7352,
				slots: [{ weekday: 'tue', starts: '09:00', ends: '12:00' }, { weekday: 'thu', starts: '13:00', ends: '16:30' }],
				times_text: 'Nicht in den Ferien', cost: 'fee', cost_text: '5 €', accessibility: 'Barrierefrei',
				registration_required: true, registration_text: 'Telefonisch', contact_email: 'mbe@caritas.example',
				phone: '+49 5190 555-0', website: 'https://caritas.example/mbe', valid_from: '2026-01-01',
				valid_until: '2030-12-31', visibility: 'public',
			},
		});
		assert.equal(res.status, 201, res.text);
		const o = res.json;
		assert.match(o.id, /^[1-9][0-9]*$/);
		assert.equal(res.headers.location, offer(o.id));
		const etag = assertEtag(res);
		assert.equal(o.title, `Migrationsberatung ${TAG}`, 'the title is trimmed');
		assert.deepEqual(o.organisation, { id: org.caritas, name: CARITAS });
		assert.deepEqual(o.municipality, { ags: MUSTERSTADT, name: 'Musterstadt' });
		assert.deepEqual(o.languages, ['de', 'ar', 'fa']);
		assert.deepEqual(o.target_groups, ['newcomers', 'refugees']);
		assert.deepEqual(o.slots, [{ weekday: 'tue', starts: '09:00', ends: '12:00' }, { weekday: 'thu', starts: '13:00', ends: '16:30' }]);
		assert.equal(o.latitude, 52.3705);
		assert.equal(o.longitude, 9.7352);
		assert.equal(o.cost, 'fee');
		assert.equal(o.registration_required, true);
		assert.equal(o.valid_until, '2030-12-31');
		assert.equal(o.visibility, 'public');
		assert.equal(o.version, 1);
		const got = await api('GET', offer(o.id), t.officer);
		assert.equal(got.status, 200, got.text);
		assert.deepEqual(got.json, o);
		assert.equal(got.headers.etag, etag);
		assert.equal(psql(`SELECT created_by = (SELECT id FROM account WHERE email = 'integration@musterstadt.example') FROM offer WHERE id = ${o.id}`), 't');
	});

	test('defaults: internal, free, no slots, no languages', async () => {
		const o = await create();
		assert.equal(o.visibility, 'internal');
		assert.equal(o.cost, 'free');
		assert.deepEqual(o.slots, []);
		assert.deepEqual(o.languages, []);
		assert.equal(o.registration_required, false);
		assert.equal(o.description, null);
	});

	test('PATCH with If-Match: 200 and a new version; a stale ETag answers 412 and changes nothing', async () => {
		const o = await create();
		const first = (await api('GET', offer(o.id), t.officer)).headers.etag;
		const ok = await api('PATCH', offer(o.id), t.officer, { body: { slots: [{ weekday: 'sat', starts: '10:00', ends: '12:00' }], description: '  ' }, headers: { 'If-Match': first } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.version, 2);
		assert.deepEqual(ok.json.slots, [{ weekday: 'sat', starts: '10:00', ends: '12:00' }]);
		assert.equal(ok.json.description, null, 'a blank text is none');
		assert.equal(ok.json.title, o.title, 'what was not sent stays');
		assert.notEqual(assertEtag(ok), first, 'a new ETag');
		const stale = await api('PATCH', offer(o.id), t.officer, { body: { title: 'Zu spät' }, headers: { 'If-Match': first } });
		assertProblem(stale, 412);
		assert.equal(psql(`SELECT title FROM offer WHERE id = ${o.id}`), o.title);
	});

	test('DELETE: 204, then 404; the audit log keeps it', async () => {
		const o = await create();
		const stale = await api('DELETE', offer(o.id), t.officer, { headers: { 'If-Match': '"7"' } });
		assertProblem(stale, 412);
		const res = await api('DELETE', offer(o.id), t.officer);
		assert.equal(res.status, 204, res.text);
		assertProblem(await api('GET', offer(o.id), t.officer), 404);
		assertProblem(await api('DELETE', offer(o.id), t.officer), 404);
		assert.equal(psql(`SELECT string_agg(action, ',' ORDER BY id) FROM audit_event WHERE table_name = 'offer' AND row_id = '${o.id}'`), 'insert,delete');
	});

	test('the district admin writes offers of any municipality', async () => {
		const o = await create({ organisation_id: org.caritas }, t.dadm, MUSTERLINGEN);
		assert.equal(o.municipality.ags, MUSTERLINGEN);
		const res = await api('DELETE', offer(o.id, MUSTERLINGEN), t.dadm);
		assert.equal(res.status, 204, res.text);
	});
});

describe('who may write which offer', () => {
	const o = {};
	before(async () => {
		o.dtkPublic = await create({ visibility: 'public' });
		o.dtkInternal = await create();
		o.caritasInternal = await create({ organisation_id: org.caritas });
	});

	test('the steering group reads every offer but writes none (403)', async () => {
		assert.equal((await api('GET', offer(o.dtkInternal.id), t.steering)).status, 200);
		const before = stored();
		assertProblem(await api('POST', offers(), t.steering, { body: body() }), 403);
		assertProblem(await api('PATCH', offer(o.dtkPublic.id), t.steering, { body: { title: 'x' } }), 403);
		assertProblem(await api('DELETE', offer(o.dtkPublic.id), t.steering), 403);
		assert.equal(stored(), before);
	});

	test('a partner creates offers of its own organisation, none of another (403, nothing written)', async () => {
		const own = await create({ organisation_id: org.caritas, visibility: 'partners' }, t.partner);
		assert.equal(own.organisation.id, org.caritas);
		const before = stored();
		assertProblem(await api('POST', offers(), t.partner, { body: body({ organisation_id: org.dtk }) }), 403);
		assert.equal(stored(), before);
	});

	test('a partner changes its organisation\'s offers, not another\'s (403 when it sees it, 404 when not)', async () => {
		const ok = await api('PATCH', offer(o.caritasInternal.id), t.partner, { body: { languages: ['de', 'uk'] } });
		assert.equal(ok.status, 200, ok.text);
		assert.deepEqual(ok.json.languages, ['de', 'uk']);
		assertProblem(await api('PATCH', offer(o.dtkPublic.id), t.partner, { body: { title: 'Übernommen' } }), 403);
		assertProblem(await api('PATCH', offer(o.dtkInternal.id), t.partner, { body: { title: 'Übernommen' } }), 404);
		assertProblem(await api('DELETE', offer(o.dtkPublic.id), t.partner), 403);
		assert.equal(psql(`SELECT title FROM offer WHERE id = ${o.dtkPublic.id}`), o.dtkPublic.title);
	});

	test('a partner cannot give its offer to another organisation (403, unchanged)', async () => {
		const res = await api('PATCH', offer(o.caritasInternal.id), t.partner, { body: { organisation_id: org.dtk } });
		assertProblem(res, 403);
		assert.equal(psql(`SELECT organisation_id FROM offer WHERE id = ${o.caritasInternal.id}`), org.caritas);
	});

	test('an API client with catalogue:read only: 403 on every write', async () => {
		const before = stored();
		assertProblem(await api('POST', offers(), t.clientRead, { body: body({ organisation_id: org.caritas }) }), 403);
		assertProblem(await api('PATCH', offer(o.caritasInternal.id), t.clientRead, { body: { title: 'x' } }), 403);
		assertProblem(await api('DELETE', offer(o.caritasInternal.id), t.clientRead), 403);
		assert.equal(stored(), before);
		assert.equal((await api('GET', offer(o.caritasInternal.id), t.clientRead)).status, 200, 'it reads its organisation\'s offer');
	});

	test('an API client with offers:write writes its organisation\'s offers, recorded as the client', async () => {
		const made = await create({ organisation_id: org.caritas }, t.clientWrite);
		assert.equal(psql(`SELECT created_by IS NULL AND created_by_client IS NOT NULL FROM offer WHERE id = ${made.id}`), 't');
		const ok = await api('PATCH', offer(made.id), t.clientWrite, { body: { cost: 'fee' } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(psql(`SELECT count(*) FROM audit_event WHERE table_name = 'offer' AND row_id = '${made.id}' AND actor_client_id IS NOT NULL`), '2');
		const del = await api('DELETE', offer(made.id), t.clientWrite);
		assert.equal(del.status, 204, del.text);
	});

	test('an API client with offers:write cannot write another organisation\'s offer', async () => {
		const before = stored();
		assertProblem(await api('POST', offers(), t.clientWrite, { body: body({ organisation_id: org.dtk }) }), 403);
		assert.equal(stored(), before);
		/* without catalogue:read it sees its organisation's offers and the
		 * public ones: another's internal offer is not there (404), a
		 * public one is not its to change (403) */
		assertProblem(await api('PATCH', offer(o.dtkInternal.id), t.clientWrite, { body: { title: 'x' } }), 404);
		assertProblem(await api('PATCH', offer(o.dtkPublic.id), t.clientWrite, { body: { title: 'x' } }), 403);
		assertProblem(await api('PATCH', offer(o.dtkPublic.id), t.clientBoth, { body: { title: 'x' } }), 403);
		assertProblem(await api('DELETE', offer(o.dtkPublic.id), t.clientBoth), 403);
		assert.equal(psql(`SELECT title FROM offer WHERE id = ${o.dtkPublic.id}`), o.dtkPublic.title);
	});

	test('other municipalities: 404, nothing written', async () => {
		const lingen = await create({ organisation_id: org.caritas }, t.officerL, MUSTERLINGEN);
		assertProblem(await api('GET', offers(), t.officerL), 404);
		assertProblem(await api('POST', offers(), t.officerL, { body: body() }), 404);
		/* Musterlingen's offer through Musterstadt's path */
		assertProblem(await api('GET', offer(lingen.id), t.officer), 404);
		assertProblem(await api('PATCH', offer(lingen.id), t.officer, { body: { title: 'Entführt' } }), 404);
		assertProblem(await api('DELETE', offer(lingen.id), t.officer), 404);
		assert.equal(psql(`SELECT title || municipality_id FROM offer WHERE id = ${lingen.id}`), `${lingen.title}${psql(`SELECT id FROM municipality WHERE ags = '${MUSTERLINGEN}'`)}`);
	});

	test('forged tokens gain nothing: another organisation or role in the claims answers 401', async () => {
		const c = claimsOf(t.partner);
		c.mem = c.mem.map((m) => ({ ...m, org: Number(org.dtk) }));
		assertProblem(await api('POST', offers(), forge(c), { body: body() }), 401);
		const s = claimsOf(t.steering);
		s.mem = s.mem.map((m) => ({ ...m, role: 'officer' }));
		assertProblem(await api('PATCH', offer(o.dtkPublic.id), forge(s), { body: { title: 'x' } }), 401);
		const bad = `${decode(t.officer).signed}.${b64url('not the signature')}`;
		assertProblem(await api('GET', offers(), bad), 401);
		assert.equal(psql(`SELECT title FROM offer WHERE id = ${o.dtkPublic.id}`), o.dtkPublic.title);
	});
});

describe('bad input: 422 at the field, nothing written', () => {
	const cases = [
		['no title', { title: undefined }, '/title'],
		['no kind', { kind: undefined }, '/kind'],
		['no organisation', { organisation_id: undefined }, '/organisation_id'],
		['an unknown kind', { kind: 'cooking' }, '/kind'],
		['a language that is no code of the list', { languages: ['de', 'xx'] }, '/languages'],
		['a language twice', { languages: ['de', 'de'] }, '/languages'],
		['an unknown target group', { target_groups: ['pets'] }, '/target_groups'],
		['a title of 201 characters', { title: 'ä'.repeat(201) }, '/title'],
		['a slot that is no object', { slots: ['mon 9-12'] }, '/slots/0'],
		['a slot with another key', { slots: [{ weekday: 'mon', starts: '09:00', ends: '12:00', room: '1' }] }, '/slots/0'],
		['a slot with an unknown weekday', { slots: [{ weekday: 'mo', starts: '09:00', ends: '12:00' }] }, '/slots/0/weekday'],
		['a slot with a time without its leading zero', { slots: [{ weekday: 'mon', starts: '9:00', ends: '12:00' }] }, '/slots/0/starts'],
		['a slot at 24:00', { slots: [{ weekday: 'mon', starts: '22:00', ends: '24:00' }] }, '/slots/0/ends'],
		['a slot that ends before it starts', { slots: [{ weekday: 'mon', starts: '09:00', ends: '12:00' }, { weekday: 'tue', starts: '12:00', ends: '11:59' }] }, '/slots/1/ends'],
		['a slot without its end', { slots: [{ weekday: 'mon', starts: '09:00' }] }, '/slots/0/ends'],
		['31 slots', { slots: Array.from({ length: 31 }, () => ({ weekday: 'mon', starts: '09:00', ends: '10:00' })) }, '/slots'],
		['a postcode of letters', { postcode: 'ABCDE' }, '/postcode'],
		['a latitude past the pole', { latitude: 90.5 }, '/latitude'],
		['a longitude past 180', { longitude: -180.01 }, '/longitude'],
		['a website without its scheme', { website: 'caritas.example' }, '/website'],
		['a phone number of letters', { phone: 'ruf an' }, '/phone'],
		['a contact e-mail without @', { contact_email: 'caritas.example' }, '/contact_email'],
		['an end before the beginning', { valid_from: '2026-05-01', valid_until: '2026-04-30' }, '/valid_until'],
		['an organisation that does not exist', { organisation_id: '999999999' }, '/organisation_id'],
		['a date that does not exist', { valid_from: '2026-02-30' }, '/valid_from'],
		['mass assignment: id', { id: '1' }, '/id'],
		['mass assignment: municipality_id', { municipality_id: '2' }, '/municipality_id'],
		['mass assignment: version', { version: 9 }, '/version'],
		['mass assignment: created_by', { created_by: '1' }, '/created_by'],
		['mass assignment: search', { search: 'x' }, '/search'],
	];
	for (const [name, changes, pointer] of cases) {
		test(name, async () => {
			const b = body(changes);
			for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
			const before = stored();
			assertAt(await api('POST', offers(), t.officer, { body: b }), 422, pointer);
			assert.equal(stored(), before, 'nothing written');
		});
	}

	test('a PATCH that sets a required field to null, or sets an invalid slot: 422, unchanged', async () => {
		const o = await create({ slots: [{ weekday: 'mon', starts: '09:00', ends: '12:00' }] });
		assertAt(await api('PATCH', offer(o.id), t.officer, { body: { title: null } }), 422, '/title');
		assertAt(await api('PATCH', offer(o.id), t.officer, { body: { slots: [{ weekday: 'sun', starts: '18:00', ends: '17:00' }] } }), 422, '/slots/0/ends');
		assertAt(await api('PATCH', offer(o.id), t.officer, { body: { valid_from: '2027-01-01', valid_until: '2026-01-01' } }), 422, '/valid_until');
		assert.equal(psql(`SELECT version || slots::text FROM offer WHERE id = ${o.id}`), '1[{"ends": "12:00", "starts": "09:00", "weekday": "mon"}]');
	});

	test('the database refuses an invalid slot even past the service (the CHECK)', () => {
		assert.throws(() => psql(`UPDATE offer SET slots = '[{"weekday":"mon","starts":"12:00","ends":"09:00"}]' WHERE title LIKE ${lit(`%${TAG}%`)}`), /offer_slots_valid/);
	});
});

describe('the list: visibility, filters, full text, paging', () => {
	before(async () => {
		await create({ organisation_id: org.caritas, title: `Beratung für Familien ${TAG}`, kind: 'counselling', languages: ['de', 'ar'], target_groups: ['families'], visibility: 'partners' });
		await create({ organisation_id: org.caritas, title: `Frauenfrühstück ${TAG}`, kind: 'womens_group', languages: ['de', 'tr', 'ar'], target_groups: ['women_and_mothers'] });
		await create({ organisation_id: org.dtk, title: `Elterncafé ${TAG}`, kind: 'parents_group', languages: ['tr'], target_groups: ['families', 'women_and_mothers'], visibility: 'public' });
		await create({ organisation_id: org.dtk, title: `Hausaufgabenhilfe ${TAG}`, kind: 'homework_help', languages: ['de'], target_groups: ['children'] });
		await create({ organisation_id: org.schule, title: `Sprachkurs ${TAG}`, kind: 'language_course', description: 'Deutsch lernen mit Beratungen zur Schullaufbahn', languages: ['de', 'uk'], visibility: 'partners' });
	});

	const mid = () => `(SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')`;
	const filters = [
		['kind=womens_group', "o.kind = 'womens_group'"],
		['language=ar', "'ar' = ANY (o.languages)"],
		['language=tr', "'tr' = ANY (o.languages)"],
		['target_group=families', "'families' = ANY (o.target_groups)"],
		['kind=counselling&language=ar', "o.kind = 'counselling' AND 'ar' = ANY (o.languages)"],
		[() => `organisation_id=${org.dtk}`, () => `o.organisation_id = ${org.dtk}`],
	];
	for (const [q, where] of filters) {
		test(`the officer's list, ${typeof q === 'function' ? 'organisation_id' : q}: the offers SQL counts`, async () => {
			const qs = typeof q === 'function' ? q() : q;
			const w = typeof where === 'function' ? where() : where;
			const got = idsOf(await walk(`${offers()}?q=${TAG}&${qs}`, t.officer));
			const want = sqlIds(`o.municipality_id = ${mid()} AND ${w}`);
			assert.ok(want.length > 0, 'the filter finds something');
			assert.deepEqual(got, want);
		});
	}

	test('the partner sees shared and public offers and all of its organisation\'s, no other internal one', async () => {
		const got = idsOf(await walk(`${offers()}?q=${TAG}`, t.partner));
		const want = sqlIds(`o.municipality_id = ${mid()} AND (o.visibility IN ('partners', 'public') OR o.organisation_id = ${org.caritas})`);
		assert.deepEqual(got, want);
		const hidden = sqlIds(`o.municipality_id = ${mid()} AND o.visibility = 'internal' AND o.organisation_id <> ${org.caritas}`);
		assert.ok(hidden.length > 0 && hidden.every((id) => !got.includes(id)));
	});

	test('an API client of the partner sees what the partner sees; the list needs catalogue:read', async () => {
		const got = idsOf(await walk(`/api/v1/municipalities/${MUSTERSTADT}/offers?q=${TAG}`, t.clientBoth));
		assert.deepEqual(got, sqlIds(`o.municipality_id = ${mid()} AND (o.visibility IN ('partners', 'public') OR o.organisation_id = ${org.caritas})`));
		/* the list route needs catalogue:read */
		assertProblem(await api('GET', offers(), t.clientWrite), 403);
	});

	test('German full text: "Beratungen" finds "Beratung" (title and description), not the others', async () => {
		const got = (await walk(`${offers()}?q=${encodeURIComponent(`Beratungen ${TAG}`)}`, t.officer)).map((x) => x.title).sort();
		/* the title; "Beratungen" in the description; "Beratung für
		 * Zugewanderte" in the description of the first test's offer (the
		 * compound "Migrationsberatung" alone would not be found) */
		assert.deepEqual(got, [`Beratung für Familien ${TAG}`, `Migrationsberatung ${TAG}`, `Sprachkurs ${TAG}`]);
		assert.deepEqual(psql(`SELECT string_agg(title, '|' ORDER BY title) FROM offer WHERE title LIKE ${lit(`%${TAG}%`)} AND (title ~* '(^|[^a-zäöüß])beratung' OR description ~* '(^|[^a-zäöüß])beratung')`).split('|'), got);
		const one = (await walk(`${offers()}?q=${encodeURIComponent(`Frauenfrühstücke ${TAG}`)}`, t.officer)).map((x) => x.title);
		assert.deepEqual(one, [`Frauenfrühstück ${TAG}`]);
	});

	test('q is counted in characters: 200 of ä pass, 201 answer 400', async () => {
		assert.equal((await api('GET', `${offers()}?q=${encodeURIComponent('ä'.repeat(200))}`, t.officer)).status, 200);
		assertProblem(await api('GET', `${offers()}?q=${encodeURIComponent('ä'.repeat(201))}`, t.officer), 400, { parameter: 'q' });
	});

	test('paging by title: pages of 2 give every offer once, in order', async () => {
		const items = await walk(`${offers()}?q=${TAG}`, t.officer, 2);
		const ids = items.map((x) => x.id);
		assert.equal(new Set(ids).size, ids.length, 'no offer twice');
		assert.deepEqual(idsOf(items), sqlIds(`o.municipality_id = ${mid()}`));
		const titles = psql(`SELECT string_agg(id::text, ',' ORDER BY title, id) FROM offer WHERE municipality_id = ${mid()} AND title LIKE ${lit(`%${TAG}%`)}`);
		assert.equal(ids.join(','), titles, 'ordered by title, then id');
	});

	test('bad parameters answer 400 naming them', async () => {
		assertProblem(await api('GET', `${offers()}?kind=cooking`, t.officer), 400, { parameter: 'kind' });
		assertProblem(await api('GET', `${offers()}?language=deu`, t.officer), 400, { parameter: 'language' });
		assertProblem(await api('GET', `${offers()}?target_group=pets`, t.officer), 400, { parameter: 'target_group' });
		assertProblem(await api('GET', `${offers()}?organisation_id=x`, t.officer), 400, { parameter: 'organisation_id' });
		assertProblem(await api('GET', `${offers()}?limit=0`, t.officer), 400, { parameter: 'limit' });
		assertProblem(await api('GET', `${offers()}?cursor=${b64url(JSON.stringify(['A', 'x1']))}`, t.officer), 400, { parameter: 'cursor' });
	});
});

describe('the offers of a measure\'s organisations', () => {
	let measure;
	before(async () => {
		const fields = await api('GET', `${base()}/action-fields?limit=200`, t.officer);
		const c = await api('POST', `${base()}/concepts`, t.officer, { body: { title: `Angebote ${TAG}` } });
		assert.equal(c.status, 201, c.text);
		const m = await api('POST', `${base()}/measures`, t.officer, {
			body: { concept_id: c.json.id, code: `A-${TAG}`, title: `Maßnahme ${TAG}`, action_field_id: fields.json.items[0].id, horizon: 'short', lead_organisation_id: org.caritas, partner_organisation_ids: [org.dtk] },
		});
		assert.equal(m.status, 201, m.text);
		measure = m.json;
		await create({ organisation_id: org.schule, title: `Nicht beteiligt ${TAG}` });
	});

	test('the lead\'s and partners\' offers in the municipality, as SQL counts them', async () => {
		const got = idsOf(await walk(`${base()}/measures/${measure.id}/offers?q=${TAG}`, t.officer));
		const want = sqlIds(`o.municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}') AND o.organisation_id IN (${org.caritas}, ${org.dtk})`);
		assert.ok(want.length > 0);
		assert.deepEqual(got, want);
		assert.ok(sqlIds(`o.organisation_id = ${org.schule}`).every((id) => !got.includes(id)));
	});

	test('a measure that is not there, or of another municipality, answers 404', async () => {
		assertProblem(await api('GET', `${base()}/measures/999999999/offers`, t.officer), 404);
		assertProblem(await api('GET', `${base(MUSTERLINGEN)}/measures/${measure.id}/offers`, t.officerL), 404);
	});
});
