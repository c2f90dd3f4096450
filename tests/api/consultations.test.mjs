/*
 * Consultations (Beteiligungsformate) and their contributions (Beiträge)
 * under /api/v1/municipalities/{ags}/consultations: who sees and writes
 * what (officer, steering group, partner of an organising organisation
 * and of none, district admin, an officer of another municipality,
 * anonymous callers), the status that only moves forward, contributions
 * only while open, moderation, and evaluation deleting what authors gave.
 *
 * The consultations here are made by this file (titles carry a per-run
 * tag); what a role should see is counted with SQL through
 * TEST_PSQL_CMD, not copied from the answers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { CARITAS, MUSTERLINGEN, MUSTERSTADT, lit, organisationId, psql, signInPersonas } from './lib/auth.mjs';
import { base } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { assertAt, assertUnauthorized } from './lib/checks.mjs';

const TAG = `K${process.pid}${randomBytes(3).toString('hex')}`;
const ADDR = `10.77.${process.pid & 255}.${1 + Math.floor(Math.random() * 250)}`;

const listPath = (ags = MUSTERSTADT) => `${base(ags)}/consultations`;
const onePath = (id, ags = MUSTERSTADT) => `${listPath(ags)}/${id}`;
const contribPath = (id, ags = MUSTERSTADT) => `${onePath(id, ags)}/contributions`;
const moderationPath = (id, ags = MUSTERSTADT) => `${base(ags)}/contributions/${id}/moderation`;
const publicContribPath = (id) => `/api/v1/public/municipalities/${MUSTERSTADT}/consultations/${id}/contributions`;

const t = {};
let caritas;
let fieldS;
const sqlIds = (sql) => psql(sql).split('\n').filter(Boolean).sort();
const ids = (items) => items.map((i) => i.id).sort();

async function newConsultation(changes = {}, token = t.officer, ags = MUSTERSTADT) {
	const res = await api('POST', listPath(ags), token, {
		body: { kind: 'integration_dialogue', title: `Dialog ${TAG}`, ...changes },
	});
	assert.equal(res.status, 201, `creating a consultation: ${res.text.slice(0, 400)}`);
	return res.json;
}

async function patch(id, body, token = t.officer) {
	return api('PATCH', onePath(id), token, { body });
}

async function enter(id, body, token = t.officer, status = 201) {
	const res = await api('POST', contribPath(id), token, { body });
	assert.equal(res.status, status, `entering a contribution: ${res.text.slice(0, 400)}`);
	return res.json;
}

before(async () => {
	[t.officer, t.steering, t.partner, t.dadm, t.officerL] = await signInPersonas('officer', 'steering', 'partner', 'dadm', 'officerL');
	caritas = await organisationId(t.officer, CARITAS);
	fieldS = (await everyItem(`${base()}/action-fields`, t.officer))[0].id;
});

describe('who sees which consultation', () => {
	const c = {};
	before(async () => {
		for (const v of ['internal', 'partners', 'public']) c[v] = await newConsultation({ visibility: v, title: `Sichtbar ${v} ${TAG}` });
		c.organised = await newConsultation({ visibility: 'internal', title: `Caritas ${TAG}`, organiser_organisation_ids: [caritas] });
	});

	test('the staff see every consultation of the municipality', async () => {
		const expected = sqlIds(`SELECT id FROM consultation WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')`);
		for (const role of ['officer', 'steering', 'dadm']) {
			assert.deepEqual(ids(await everyItem(listPath(), t[role])), expected, role);
		}
	});

	test('a partner sees those shared with partners or the public and those its organisation organises', async () => {
		const expected = sqlIds(`SELECT id FROM consultation WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')
		                          AND (visibility <> 'internal' OR ${caritas} = ANY (organiser_organisation_ids))`);
		const seen = ids(await everyItem(listPath(), t.partner));
		assert.deepEqual(seen, expected);
		assert.ok(seen.includes(c.organised.id) && seen.includes(c.partners.id) && !seen.includes(c.internal.id));
		assert.equal((await api('GET', onePath(c.internal.id), t.partner)).status, 404);
		assert.equal((await api('GET', onePath(c.organised.id), t.partner)).status, 200);
	});

	test('another municipality\'s officer gets 404, anonymous 401', async () => {
		assert.equal((await api('GET', listPath(), t.officerL)).status, 404);
		assert.equal((await api('GET', onePath(c.public.id), t.officerL)).status, 404);
		assert.equal((await api('GET', onePath(c.public.id, MUSTERLINGEN), t.officerL)).status, 404);
		assertUnauthorized(await api('GET', listPath(), ''));
	});

	test('filters by status and kind', async () => {
		const open = await newConsultation({ status: 'open', kind: 'theme_forum' });
		const items = await everyItem(listPath(), t.officer, 'status=open&kind=theme_forum');
		const expected = sqlIds(`SELECT id FROM consultation WHERE municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')
		                          AND status = 'open' AND kind = 'theme_forum'`);
		assert.deepEqual(ids(items), expected);
		assert.ok(expected.includes(open.id));
		assert.equal((await api('GET', `${listPath()}?status=done`, t.officer)).status, 400);
	});
});

describe('writing consultations', () => {
	test('officers and district admins create; the steering group and partners may not', async () => {
		const c = await newConsultation({ organiser_organisation_ids: [caritas], participant_count: 40, starts_on: '2008-11-13', concept_id: null });
		assert.equal(c.status, 'planned');
		assert.equal(c.visibility, 'internal');
		assert.deepEqual(c.organisers.map((o) => o.id), [caritas]);
		assert.equal(c.online, false);
		assert.deepEqual(c.contribution_counts, { pending: 0, approved: 0, rejected: 0 });
		await newConsultation({}, t.dadm);
		for (const role of ['steering', 'partner']) {
			assert.equal((await api('POST', listPath(), t[role], { body: { kind: 'other', title: 'x' } })).status, 403, role);
		}
	});

	test('bad fields are 422, nothing written', async () => {
		const before = psql(`SELECT count(*) FROM consultation`);
		assertAt(await api('POST', listPath(), t.officer, { body: { kind: 'party', title: 'x' } }), 422, '/kind');
		assertAt(await api('POST', listPath(), t.officer, { body: { kind: 'other', title: 'x', status: 'evaluated' } }), 422, '/status');
		assertAt(await api('POST', listPath(), t.officer, { body: { kind: 'other', title: 'x', starts_on: '2009-06-02', ends_on: '2009-06-01' } }), 422);
		assertAt(await api('POST', listPath(), t.officer, { body: { kind: 'other', title: 'x', version: 3 } }), 422, '/version');
		const other = psql(`SELECT o.id FROM organisation o WHERE NOT EXISTS (SELECT FROM organisation_municipality m
		                     WHERE m.organisation_id = o.id AND m.municipality_id = (SELECT id FROM municipality WHERE ags = '${MUSTERSTADT}')) LIMIT 1`);
		if (other) assertAt(await api('POST', listPath(), t.officer, { body: { kind: 'other', title: 'x', organiser_organisation_ids: [other] } }), 422, '/organiser_organisation_ids');
		assert.equal(psql(`SELECT count(*) FROM consultation`), before);
	});

	test('the status only moves forward; If-Match guards changes', async () => {
		const c = await newConsultation();
		const got = await api('GET', onePath(c.id), t.officer);
		assert.equal(got.headers.etag, '"1"');
		let res = await api('PATCH', onePath(c.id), t.officer, { body: { status: 'open' }, headers: { 'If-Match': '"1"' } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.headers.etag, '"2"');
		assert.equal((await api('PATCH', onePath(c.id), t.officer, { body: { title: 'y' }, headers: { 'If-Match': '"1"' } })).status, 412);
		res = await patch(c.id, { status: 'planned' });
		assertAt(res, 409, '/status');
		assert.equal((await patch(c.id, { status: 'evaluated' })).status, 200);
		assertAt(await patch(c.id, { status: 'closed' }), 409, '/status');
		assert.equal((await patch(c.id, { title: 'z' }, t.steering)).status, 403);
		assert.equal((await patch(c.id, { title: 'z' }, t.partner)).status, 403);
	});
});

describe('contributions', () => {
	test('officers enter approved contributions while open and after the event, until it is evaluated', async () => {
		const c = await newConsultation();
		await enter(c.id, { text: 'Zu früh' }, t.officer, 409);
		assert.equal((await patch(c.id, { status: 'open' })).status, 200);
		const x = await enter(c.id, { text: `Sprachkurse ${TAG}`, action_field_id: fieldS, source: 'Tisch 1' });
		assert.equal(x.moderation, 'approved');
		assert.equal(x.origin, 'entered');
		assert.equal(x.action_field.id, fieldS);
		assertAt(await api('POST', contribPath(c.id), t.officer, { body: { text: '' } }), 422, '/text');
		assertAt(await api('POST', contribPath(c.id), t.officer, { body: { text: 'x', action_field_id: '999999999' } }), 422, '/action_field_id');
		assert.equal((await patch(c.id, { status: 'closed' })).status, 200);
		const later = await enter(c.id, { text: `Vom Thementisch nachgetragen ${TAG}` });
		assert.equal(later.moderation, 'approved');
		assert.equal((await patch(c.id, { status: 'evaluated' })).status, 200);
		await enter(c.id, { text: 'Zu spät' }, t.officer, 409);
		assert.equal(psql(`SELECT count(*) FROM contribution WHERE consultation_id = ${c.id}`), '2');
	});

	test('a partner organising the consultation enters pending ones and sees all; other partners see approved ones; the steering group reads', async () => {
		const mine = await newConsultation({ status: 'open', organiser_organisation_ids: [caritas] });
		const other = await newConsultation({ kind: 'citizen_dialogue', status: 'open', visibility: 'public' });
		const p = await enter(mine.id, { text: `Partnerbeitrag ${TAG}` }, t.partner);
		assert.equal(p.moderation, 'pending');
		assert.equal(p.author_name, null);
		assert.equal(psql(`SELECT organisation_id FROM contribution WHERE id = ${p.id}`), caritas);
		assert.equal((await api('POST', contribPath(other.id), t.partner, { body: { text: 'x' } })).status, 403);
		assert.equal((await api('POST', contribPath(mine.id), t.steering, { body: { text: 'x' } })).status, 403);
		const approved = await enter(other.id, { text: 'freigegeben' });
		const online = await api('POST', publicContribPath(other.id), '', {
			body: { text: 'noch offen', privacy_accepted: true }, headers: { 'X-Forwarded-For': ADDR },
		});
		assert.equal(online.status, 202, online.text);
		assert.deepEqual(ids(await everyItem(contribPath(mine.id), t.partner)), [p.id]);
		assert.deepEqual(ids(await everyItem(contribPath(other.id), t.partner)), [approved.id]);
		assert.equal((await everyItem(contribPath(other.id), t.steering)).length, 2);
		assert.equal((await api('POST', moderationPath(p.id), t.partner, { body: { moderation: 'approved' } })).status, 403);
		assert.equal((await api('POST', moderationPath(p.id), t.steering, { body: { moderation: 'approved' } })).status, 403);
		assert.equal((await api('GET', contribPath(other.id), t.officerL)).status, 404);
	});

	test('moderation: a rejection needs a reason; the counts follow', async () => {
		const c = await newConsultation({ status: 'open', organiser_organisation_ids: [caritas] });
		const a = await enter(c.id, { text: 'eins' }, t.partner);
		const b = await enter(c.id, { text: 'zwei' }, t.partner);
		assertAt(await api('POST', moderationPath(a.id), t.officer, { body: { moderation: 'rejected' } }), 422, '/rejection_reason');
		assertAt(await api('POST', moderationPath(a.id), t.officer, { body: { moderation: 'pending' } }), 422, '/moderation');
		let res = await api('POST', moderationPath(a.id), t.officer, { body: { moderation: 'rejected', rejection_reason: 'Beleidigend' } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.rejection_reason, 'Beleidigend');
		res = await api('POST', moderationPath(b.id), t.dadm, { body: { moderation: 'approved' } });
		assert.equal(res.status, 200, res.text);
		assert.equal((await api('POST', moderationPath(b.id, MUSTERLINGEN), t.officerL, { body: { moderation: 'approved' } })).status, 404);
		const doc = (await api('GET', onePath(c.id), t.officer)).json;
		const counts = psql(`SELECT count(*) FILTER (WHERE moderation = 'pending') || ',' || count(*) FILTER (WHERE moderation = 'approved')
		                      || ',' || count(*) FILTER (WHERE moderation = 'rejected') FROM contribution WHERE consultation_id = ${c.id}`);
		assert.equal(`${doc.contribution_counts.pending},${doc.contribution_counts.approved},${doc.contribution_counts.rejected}`, counts);
		const rejected = await everyItem(contribPath(c.id), t.officer, 'moderation=rejected');
		assert.deepEqual(ids(rejected), [a.id]);
	});

	test('evaluating deletes every author\'s name and contact; staff saw them before, partners never', async () => {
		const c = await newConsultation({ kind: 'online_survey', status: 'open', visibility: 'public', organiser_organisation_ids: [caritas] });
		const res = await api('POST', publicContribPath(c.id), '', {
			body: { text: `Online ${TAG}`, author_name: 'Aylin K.', author_contact: 'aylin@example.org', privacy_accepted: true, website: '' },
			headers: { 'X-Forwarded-For': ADDR },
		});
		assert.equal(res.status, 202, res.text);
		const staff = await everyItem(contribPath(c.id), t.officer);
		assert.equal(staff.length, 1);
		assert.equal(staff[0].author_name, 'Aylin K.');
		assert.equal(staff[0].origin, 'online');
		const partner = await everyItem(contribPath(c.id), t.partner);
		assert.equal(partner[0].author_name, null);
		assert.equal(partner[0].author_contact, null);
		assert.equal((await patch(c.id, { status: 'evaluated', findings: 'Ausgewertet' })).status, 200);
		assert.equal(psql(`SELECT count(*) FROM contribution WHERE consultation_id = ${c.id}
		                    AND (author_name IS NOT NULL OR author_contact IS NOT NULL)`), '0');
		assert.equal((await everyItem(contribPath(c.id), t.officer))[0].author_name, null);
		assert.equal(psql(`SELECT text FROM contribution WHERE consultation_id = ${c.id}`), `Online ${TAG}`);
	});
});

describe('the demo data', () => {
	test('holds the three Integrations-Dialoge and the Konvent of the seed', async () => {
		const items = await everyItem(listPath(), t.officer, 'kind=integration_dialogue');
		const dialogues = items.filter((i) => i.status === 'evaluated').map((i) => i.starts_on).sort();
		for (const day of ['2008-11-13', '2009-03-25', '2009-06-02']) assert.ok(dialogues.includes(day), day);
		const expected = Number(psql(`SELECT count(*) FROM consultation c JOIN municipality m ON m.id = c.municipality_id
		                               WHERE m.ags = ${lit(MUSTERSTADT)} AND kind = 'integration_conference'`));
		assert.ok(expected >= 1);
		assert.equal((await everyItem(listPath(), t.officer, 'kind=integration_conference')).length, expected);
	});
});
