/*
 * The public side of Beteiligung: GET /api/v1/public/municipalities/{ags}/
 * consultations (public ones only, approved contributions only, never an
 * author's details) and the online form, POST …/consultations/{id}/
 * contributions: anonymous, open consultations of an online kind only,
 * the honeypot, the privacy consent, the size limits and the per-address
 * rate limit (429 with Retry-After; TEILHABE_CONTRIBUTION_LIMIT unset: 5
 * per 600 seconds). Each test sends from an address of its own through
 * X-Forwarded-For (the test server trusts 127.0.0.1 as its proxy).
 *
 * What should be stored and shown is counted with SQL through
 * TEST_PSQL_CMD.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { MUSTERLINGEN, MUSTERSTADT, lit, psql, signInPersonas } from './lib/auth.mjs';
import { base } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt } from './lib/checks.mjs';

const TAG = `P${process.pid}${randomBytes(3).toString('hex')}`;
let addrSeq = 0;
const addr = () => `10.88.${process.pid & 255}.${++addrSeq}`;

const pub = (ags = MUSTERSTADT) => `/api/v1/public/municipalities/${ags}/consultations`;
const form = (id, ags = MUSTERSTADT) => `${pub(ags)}/${id}/contributions`;

const t = {};
const c = {};

async function newConsultation(changes) {
	const res = await api('POST', `${base()}/consultations`, t.officer, {
		body: { kind: 'citizen_dialogue', title: `Online ${TAG}`, status: 'open', visibility: 'public', ...changes },
	});
	assert.equal(res.status, 201, res.text);
	return res.json;
}

function send(id, body, from = addr(), ags = MUSTERSTADT) {
	return api('POST', form(id, ags), '', {
		body: { text: `Vorschlag ${TAG}`, privacy_accepted: true, website: '', ...body },
		headers: { 'X-Forwarded-For': from },
	});
}

const stored = (id) => Number(psql(`SELECT count(*) FROM contribution WHERE consultation_id = ${id}`));

before(async () => {
	[t.officer] = await signInPersonas('officer');
	c.open = await newConsultation({});
	c.survey = await newConsultation({ kind: 'online_survey' });
	c.planned = await newConsultation({ status: 'planned' });
	c.closed = await newConsultation({});
	assert.equal((await api('PATCH', `${base()}/consultations/${c.closed.id}`, t.officer, { body: { status: 'closed' } })).status, 200);
	c.offline = await newConsultation({ kind: 'integration_dialogue' });
	c.internal = await newConsultation({ visibility: 'internal' });
	c.partners = await newConsultation({ visibility: 'partners' });
});

describe('the online form', () => {
	test('stores an anonymous contribution as online and pending', async () => {
		const res = await send(c.open.id, { author_name: 'Jana', author_contact: 'jana@example.org' });
		assert.equal(res.status, 202, res.text);
		assert.equal(res.json.status, 'pending');
		assert.ok(res.json.message.length > 0);
		assert.equal(psql(`SELECT origin || ',' || moderation || ',' || author_name || ',' || (created_by IS NULL)
		                    FROM contribution WHERE consultation_id = ${c.open.id}`), 'online,pending,Jana,true');
		assert.equal((await send(c.survey.id, {})).status, 202);
		assert.equal(stored(c.survey.id), 1);
	});

	test('only while open, only for the online kinds, only public consultations', async () => {
		for (const k of ['planned', 'closed', 'offline']) {
			assert.equal((await send(c[k].id, {})).status, 409, k);
			assert.equal(stored(c[k].id), 0, k);
		}
		for (const k of ['internal', 'partners']) {
			assert.equal((await send(c[k].id, {})).status, 404, k);
			assert.equal(stored(c[k].id), 0, k);
		}
		assert.equal((await send(c.open.id, {}, addr(), MUSTERLINGEN)).status, 404);
		assert.equal((await send('999999999', {})).status, 404);
	});

	test('a filled honeypot answers 202 and stores nothing', async () => {
		const before = stored(c.open.id);
		const res = await send(c.open.id, { website: 'http://spam.example' });
		assert.equal(res.status, 202, res.text);
		assert.equal(res.json.status, 'pending');
		assert.equal(stored(c.open.id), before);
	});

	test('the privacy notice must be accepted', async () => {
		const before = stored(c.open.id);
		assertAt(await send(c.open.id, { privacy_accepted: false }), 422, '/privacy_accepted');
		const res = await api('POST', form(c.open.id), '', { body: { text: 'x' }, headers: { 'X-Forwarded-For': addr() } });
		assertAt(res, 422, '/privacy_accepted');
		assert.equal(stored(c.open.id), before);
	});

	test('field errors are 422; more than 5,000 characters 422, an oversized body 413', async () => {
		const before = stored(c.open.id);
		assertAt(await send(c.open.id, { text: '' }), 422, '/text');
		assertAt(await send(c.open.id, { text: 'ä'.repeat(5001) }), 422, '/text');
		assertAt(await send(c.open.id, { moderation: 'approved' }), 422, '/moderation');
		assertAt(await send(c.open.id, { origin: 'entered' }), 422, '/origin');
		assertAt(await send(c.open.id, { action_field_id: '999999999' }), 422, '/action_field_id');
		assert.equal((await send(c.open.id, { text: 'x'.repeat(30000) })).status, 413);
		assert.equal((await send(c.open.id, { text: 'ä'.repeat(5000) })).status, 202);
		assert.equal(stored(c.open.id), before + 1);
	});

	test('five per address in the window, then 429 with Retry-After; another address goes on', async () => {
		const from = addr();
		const before = stored(c.open.id);
		for (let i = 0; i < 5; i++) assert.equal((await send(c.open.id, { text: `Nr. ${i} ${TAG}` }, from)).status, 202, `submission ${i}`);
		const res = await send(c.open.id, { text: `zu viel ${TAG}` }, from);
		assert.equal(res.status, 429, res.text);
		const wait = Number(res.headers['retry-after']);
		assert.ok(Number.isInteger(wait) && wait > 0 && wait <= 600, `Retry-After ${res.headers['retry-after']}`);
		assert.equal(stored(c.open.id), before + 5);
		assert.equal((await send(c.open.id, {}, addr())).status, 202);
	});

	test('anonymous only: a token is not needed, and the internal route refuses the anonymous', async () => {
		const res = await api('POST', `${base()}/consultations/${c.open.id}/contributions`, '', { body: { text: 'x' } });
		assert.equal(res.status, 401);
	});
});

describe('the public pages', () => {
	before(async () => {
		const ids = psql(`SELECT string_agg(id::text, ',' ORDER BY id) FROM contribution WHERE consultation_id = ${c.open.id}`).split(',');
		assert.ok(ids.length >= 3);
		assert.equal((await api('POST', `${base()}/contributions/${ids[0]}/moderation`, t.officer, { body: { moderation: 'approved' } })).status, 200);
		assert.equal((await api('POST', `${base()}/contributions/${ids[1]}/moderation`, t.officer,
			{ body: { moderation: 'rejected', rejection_reason: 'Doppelt' } })).status, 200);
	});

	test('list only the public consultations', async () => {
		const items = await everyItem(pub(), '');
		const expected = psql(`SELECT id FROM consultation WHERE municipality_id = (SELECT id FROM municipality WHERE ags = ${lit(MUSTERSTADT)})
		                        AND visibility = 'public'`).split('\n').filter(Boolean).sort();
		assert.deepEqual(items.map((i) => i.id).sort(), expected);
		const open = items.find((i) => i.id === c.open.id);
		assert.equal(open.accepts_contributions, true);
		assert.equal(items.find((i) => i.id === c.offline.id).accepts_contributions, false);
		// the findings and the description, as stored: the public list shows them
		const facts = psql(`SELECT id || '|' || coalesce(findings, '-') || '|' || coalesce(description, '-') FROM consultation
		                     WHERE municipality_id = (SELECT id FROM municipality WHERE ags = ${lit(MUSTERSTADT)})
		                       AND visibility = 'public' AND findings IS NOT NULL`).split('\n').filter(Boolean);
		assert.ok(facts.length > 0, 'the demo has public consultations with findings');
		for (const f of facts) {
			const [id, findings, description] = f.split('|');
			const item = items.find((i) => i.id === id);
			assert.equal(item.findings, findings);
			assert.equal(item.description ?? '-', description);
		}
		assert.equal((await api('GET', `${pub()}/${c.internal.id}`, '')).status, 404);
		assert.equal((await api('GET', `${pub()}/${c.partners.id}`, '')).status, 404);
		assert.equal((await api('GET', pub('09999999'), '')).status, 404);
	});

	test('show approved contributions only, never an author', async () => {
		const res = await api('GET', `${pub()}/${c.open.id}`, '');
		assert.equal(res.status, 200, res.text);
		const expected = psql(`SELECT id FROM contribution WHERE consultation_id = ${c.open.id} AND moderation = 'approved'`)
			.split('\n').filter(Boolean).sort();
		assert.equal(expected.length, 1);
		assert.deepEqual(res.json.contributions.map((x) => x.id).sort(), expected);
		assert.ok(!res.text.includes('jana@example.org') && !res.text.includes('author'));
		const count = (await everyItem(pub(), '')).find((i) => i.id === c.open.id).contribution_count;
		assert.equal(count, expected.length);
		const listed = (await everyItem(pub(), '')).find((i) => i.id === c.open.id).contributions;
		assert.deepEqual(listed.map((x) => x.id).sort(), expected);
	});

	test('the demo\'s open Bürgerdialog shows its approved contributions', async () => {
		const id = psql(`SELECT c.id FROM consultation c JOIN municipality m ON m.id = c.municipality_id
		                  WHERE m.ags = ${lit(MUSTERSTADT)} AND c.title LIKE 'Bürgerdialog:%'`);
		assert.ok(id, 'the demo consultation is there');
		const approved = Number(psql(`SELECT count(*) FROM contribution WHERE consultation_id = ${id} AND moderation = 'approved'`));
		const res = await api('GET', `${pub()}/${id}`, '');
		assert.equal(res.status, 200);
		assert.equal(res.json.contributions.length, approved);
		assert.equal(res.json.accepts_contributions, true);
	});
});
