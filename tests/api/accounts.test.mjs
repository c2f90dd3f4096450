/*
 * Accounts: GET/POST /api/v1/accounts, GET/PATCH /api/v1/accounts/{id},
 * POST /api/v1/accounts/{id}/invitation and PUT/DELETE
 * /api/v1/accounts/{id}/memberships/{ags}, for every role, allowed and
 * denied. Every account this file changes is one it created (unique emails,
 * a per-run tag in display names), so the file runs again on the same
 * database and leaves the demo accounts as they were.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import { CARITAS, decode, me, requestToken, signIn, signInFull } from './lib/auth.mjs';
import { assertEtag as assertEtagShaped, assertPointer, assertUnauthorized } from './lib/checks.mjs';
import { api, everyItem } from './lib/requests.mjs';

const LIST = '/api/v1/accounts';
const INVITATION = '/api/v1/auth/invitation';
const STADT = '05999004'; /* Musterstadt */
const LINGEN = '05999008'; /* Musterlingen */

const DEMO = {
	dadm: 'kreis@musterkreis.example',
	steering: 'buergermeisterin@musterstadt.example',
	officer: 'integration@musterstadt.example',
	officerLingen: 'integration@musterlingen.example',
	steeringLingen: 'familienamt@musterlingen.example',
	partner: 'migrationsdienst@caritas-musterkreis.example',
};

/* A tag in this run's display names, so that q= finds exactly this run's accounts. */
const TAG = `Lauf${randomUUID().slice(0, 8)}`;
const uniqueEmail = () => `t-${randomUUID().slice(0, 8)}@example.org`;
const PASSWORD = 'Erstes-Passwort-2026';

const tokens = {};
const ids = {};
let caritasId;
let schoolId;

/* Every item of a list, following next_cursor with pages of 200. */
const everything = (token, query = '') => everyItem(LIST, token, query);

/* An account's ETag (strong or weak). */
const assertEtag = (res) => assertEtagShaped(res, /^(W\/)?"[^"]+"$/);

const memberships = (doc) => doc.memberships.map((m) => [m.municipality.ags, m.role, m.organisation?.name ?? null]).sort();

/* Creates an account as the caller; fails unless 201. Returns { doc, etag, invitation }. */
async function create(token, { memberships: mem, display_name, email = uniqueEmail(), ...rest } = {}) {
	const body = { email, display_name: display_name ?? `Test ${TAG} ${email}`, memberships: mem, ...rest };
	if (mem === undefined) delete body.memberships;
	const res = await api('POST', LIST, token, { body });
	assert.equal(res.status, 201, res.text);
	assert.equal(res.headers.location, `${LIST}/${res.json.id}`);
	const etag = assertEtag(res);
	const { invitation, ...doc } = res.json;
	return { doc, etag, invitation, email };
}

function accept(invitationToken, password = PASSWORD) {
	return call('POST', INVITATION, { body: { token: invitationToken, password } });
}

/* Signs in with the password grant; the whole answer (access and refresh token). */
const session = (email, password = PASSWORD) => signInFull(email, password);

/* A person with a password: created by creator with the memberships, invitation accepted, signed in. */
async function person(creatorToken, mem, extra = {}) {
	const c = await create(creatorToken, { memberships: mem, ...extra });
	const ok = await accept(c.invitation.token);
	assert.equal(ok.status, 200, ok.text);
	const s = await session(c.email);
	return { ...c, id: c.doc.id, token: s.access_token, refresh: s.refresh_token };
}

const steeringIn = (ags) => ({ municipality: ags, role: 'steering' });
const partnerIn = (ags, org = caritasId) => ({ municipality: ags, role: 'partner', organisation_id: org });

before(async () => {
	for (const [role, email] of Object.entries(DEMO)) tokens[role] = await signIn(email);
	for (const [role, email] of Object.entries(DEMO)) {
		const res = await api('GET', `${LIST}?q=${encodeURIComponent(email)}`, tokens.dadm);
		assert.equal(res.status, 200, res.text);
		const hit = res.json.items.filter((a) => a.email === email);
		assert.equal(hit.length, 1, `demo account ${email} is listed once for the district admin`);
		ids[role] = hit[0].id;
	}
	const orgId = async (name) => {
		const res = await api('GET', `/api/v1/organisations?q=${encodeURIComponent(name)}`, tokens.officer);
		assert.equal(res.status, 200, res.text);
		return res.json.items.find((o) => o.name === name)?.id;
	};
	caritasId = await orgId(CARITAS);
	schoolId = await orgId('Gesamtschule Musterstadt');
	assert.ok(caritasId && schoolId, 'the demo organisations exist');
});

describe('anonymous callers get 401 with WWW-Authenticate on every account endpoint', () => {
	const cases = [
		['GET /accounts', 'GET', () => LIST],
		['POST /accounts', 'POST', () => LIST, { email: uniqueEmail(), display_name: 'Anon', memberships: [steeringIn(STADT)] }],
		['GET /accounts/{id}', 'GET', () => `${LIST}/${ids.officer}`],
		['PATCH /accounts/{id}', 'PATCH', () => `${LIST}/${ids.officer}`, { display_name: 'Anon' }],
		['POST /accounts/{id}/invitation', 'POST', () => `${LIST}/${ids.officer}/invitation`],
		['PUT /accounts/{id}/memberships/{ags}', 'PUT', () => `${LIST}/${ids.steering}/memberships/${STADT}`, { role: 'steering' }],
		['DELETE /accounts/{id}/memberships/{ags}', 'DELETE', () => `${LIST}/${ids.steering}/memberships/${STADT}`],
	];
	for (const [name, method, path, body] of cases) {
		test(name, async () => {
			assertUnauthorized(await api(method, path(), undefined, { body }));
		});
	}

	test('a garbage bearer token is 401 too, and the same request with a real token is not', async () => {
		assertUnauthorized(await api('GET', LIST, 'not.a.token'));
		assert.equal((await api('GET', LIST, tokens.officer)).status, 200);
	});
});

describe('partners get 403 on every account endpoint', () => {
	test('GET /accounts', async () => {
		assertProblem(await api('GET', LIST, tokens.partner), 403);
	});
	test('POST /accounts', async () => {
		const res = await api('POST', LIST, tokens.partner, { body: { email: uniqueEmail(), display_name: 'P', memberships: [steeringIn(STADT)] } });
		assertProblem(res, 403);
	});
	test('GET /accounts/{id} of another account (spec: partner 403)', async () => {
		assertProblem(await api('GET', `${LIST}/${ids.officer}`, tokens.partner), 403);
	});
	test('PATCH /accounts/{id}', async () => {
		assertProblem(await api('PATCH', `${LIST}/${ids.steering}`, tokens.partner, { body: { display_name: 'P' } }), 403);
	});
	test('POST /accounts/{id}/invitation', async () => {
		assertProblem(await api('POST', `${LIST}/${ids.steering}/invitation`, tokens.partner), 403);
	});
	test('PUT and DELETE /accounts/{id}/memberships/{ags}', async () => {
		assertProblem(await api('PUT', `${LIST}/${ids.steering}/memberships/${STADT}`, tokens.partner, { body: { role: 'steering' } }), 403);
		assertProblem(await api('DELETE', `${LIST}/${ids.steering}/memberships/${STADT}`, tokens.partner), 403);
	});
});

describe('the steering group reads its municipality\'s accounts and changes none', () => {
	let target; /* a steering account of Musterstadt, made by the officer */

	before(async () => {
		target = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
	});

	test('GET /accounts lists Musterstadt\'s accounts and no others, each showing only Musterstadt memberships', async () => {
		const items = await everything(tokens.steering);
		const emails = items.map((a) => a.email);
		for (const e of [DEMO.steering, DEMO.officer, DEMO.partner, target.email]) assert.ok(emails.includes(e), `${e} is listed`);
		for (const e of [DEMO.officerLingen, DEMO.steeringLingen, DEMO.dadm]) assert.ok(!emails.includes(e), `${e} is not listed`);
		for (const a of items) {
			assert.ok(a.memberships.length > 0, `${a.email} has a visible membership`);
			assert.ok(a.memberships.every((m) => m.municipality.ags === STADT), `${a.email}: only Musterstadt memberships shown: ${JSON.stringify(a.memberships)}`);
		}
		const caritas = items.find((a) => a.email === DEMO.partner);
		assert.deepEqual(memberships(caritas), [[STADT, 'partner', CARITAS]], 'the Caritas worker\'s other towns stay hidden');
	});

	test('GET /accounts/{id} of a Musterstadt account answers 200 with ETag; a Musterlingen account 404', async () => {
		const res = await api('GET', `${LIST}/${ids.officer}`, tokens.steering);
		assert.equal(res.status, 200, res.text);
		assertEtag(res);
		assert.equal(res.json.email, DEMO.officer);
		assert.deepEqual(memberships(res.json), [[STADT, 'officer', null]]);
		assertProblem(await api('GET', `${LIST}/${ids.officerLingen}`, tokens.steering), 404);
	});

	test('POST /accounts answers 403 (the officer may: see above)', async () => {
		const res = await api('POST', LIST, tokens.steering, { body: { email: uniqueEmail(), display_name: `S ${TAG}`, memberships: [steeringIn(STADT)] } });
		assertProblem(res, 403);
	});

	test('PATCH /accounts/{id} answers 403 and changes nothing', async () => {
		const res = await api('PATCH', `${LIST}/${target.doc.id}`, tokens.steering, { body: { display_name: 'Von der Lenkung geändert' } });
		assertProblem(res, 403);
		const now = await api('GET', `${LIST}/${target.doc.id}`, tokens.officer);
		assert.equal(now.json.display_name, target.doc.display_name);
	});

	test('POST /accounts/{id}/invitation answers 403', async () => {
		assertProblem(await api('POST', `${LIST}/${target.doc.id}/invitation`, tokens.steering), 403);
	});

	test('PUT and DELETE of a membership answer 403', async () => {
		const put = await api('PUT', `${LIST}/${target.doc.id}/memberships/${STADT}`, tokens.steering, { body: { role: 'partner', organisation_id: caritasId } });
		assertProblem(put, 403);
		assertProblem(await api('DELETE', `${LIST}/${target.doc.id}/memberships/${STADT}`, tokens.steering), 403);
		const now = await api('GET', `${LIST}/${target.doc.id}`, tokens.officer);
		assert.deepEqual(memberships(now.json), [[STADT, 'steering', null]], 'the membership is unchanged');
	});
});

describe('an officer creates steering and partner accounts in their municipality', () => {
	test('a steering account: 201, Location, ETag, invitation; accepted, the person signs in and GET /me shows the membership', async () => {
		const email = uniqueEmail();
		const started = Date.now();
		const c = await create(tokens.officer, { email, display_name: `  Lenkung ${TAG}  `, memberships: [steeringIn(STADT)] });
		assert.equal(c.doc.email, email);
		assert.equal(c.doc.display_name, `Lenkung ${TAG}`, 'the display name is trimmed');
		assert.equal(c.doc.status, 'active');
		assert.equal(c.doc.district_admin, false);
		assert.equal(c.doc.invitation_pending, true);
		assert.equal(c.doc.last_login_at, null);
		assert.deepEqual(c.doc.memberships, [{ municipality: { ags: STADT, name: 'Musterstadt' }, role: 'steering', organisation: null }]);
		assert.equal(typeof c.invitation.token, 'string');
		assert.ok(c.invitation.token.length >= 20, 'the invitation token is long');
		const days = (Date.parse(c.invitation.expires_at) - started) / 86400e3;
		assert.ok(days > 13.9 && days < 14.1, `the invitation expires in 14 days (${days})`);
		assert.equal(Date.parse(c.doc.invitation_expires_at), Date.parse(c.invitation.expires_at));

		const got = await api('GET', `${LIST}/${c.doc.id}`, tokens.officer);
		assert.equal(got.status, 200, got.text);
		assert.equal(got.headers.etag, c.etag, 'GET gives the ETag the 201 gave');
		assert.equal(got.json.invitation, undefined, 'the invitation is shown once');
		assert.doesNotMatch(got.text, new RegExp(c.invitation.token));

		const early = await requestToken({ grant_type: 'password', username: email, password: PASSWORD });
		assertProblem(early, 400);
		assert.equal(early.json.error, 'invalid_grant', 'an invited account without a password cannot sign in');

		const ok = await accept(c.invitation.token);
		assert.equal(ok.status, 200, ok.text);
		assert.deepEqual(ok.json, { email });
		assertPointer(await accept(c.invitation.token, 'Ein-anderes-Passwort-1'), '/token');

		const s = await session(email.toUpperCase());
		const who = await me(s.access_token);
		assert.equal(who.status, 200, who.text);
		assert.equal(who.json.id, c.doc.id);
		assert.equal(who.json.email, email);
		assert.deepEqual(who.json.memberships, [{ municipality: { ags: STADT, name: 'Musterstadt' }, role: 'steering', organisation: null }]);
		assert.deepEqual(decode(s.access_token).payload.mem.map((m) => [m.ags, m.role]), [[STADT, 'steering']]);

		const afterAccept = await api('GET', `${LIST}/${c.doc.id}`, tokens.officer);
		assert.equal(afterAccept.json.invitation_pending, false);
		assert.equal(afterAccept.json.invitation_expires_at, null);
		assert.notEqual(afterAccept.json.last_login_at, null);
		assert.notEqual(afterAccept.headers.etag, c.etag, 'the ETag follows the change');
	});

	test('a partner account for Caritas: the new person\'s GET /me shows the organisation', async () => {
		const p = await person(tokens.officer, [partnerIn(STADT)]);
		assert.deepEqual(memberships(p.doc), [[STADT, 'partner', CARITAS]]);
		assert.equal(p.doc.memberships[0].organisation.id, caritasId);
		const who = await me(p.token);
		assert.equal(who.status, 200, who.text);
		assert.deepEqual(who.json.memberships, [{ municipality: { ags: STADT, name: 'Musterstadt' }, role: 'partner', organisation: { id: caritasId, name: CARITAS } }]);
		/* and the new partner is refused where partners are */
		assertProblem(await api('GET', LIST, p.token), 403);
	});

	test('officer role → 403, and nothing is created', async () => {
		const email = uniqueEmail();
		const res = await api('POST', LIST, tokens.officer, { body: { email, display_name: `O ${TAG}`, memberships: [{ municipality: STADT, role: 'officer' }] } });
		assertProblem(res, 403);
		const list = await api('GET', `${LIST}?q=${encodeURIComponent(email)}`, tokens.dadm);
		assert.deepEqual(list.json.items, []);
	});

	test('district_admin: true → 403 (the district admin may)', async () => {
		const res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `D ${TAG}`, district_admin: true, memberships: [steeringIn(STADT)] } });
		assertProblem(res, 403);
	});

	test('a membership in another municipality → 422 pointing at /memberships/N/municipality', async () => {
		let res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `L ${TAG}`, memberships: [steeringIn(LINGEN)] } });
		assertPointer(res, '/memberships/0/municipality');
		res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `L ${TAG}`, memberships: [steeringIn(STADT), steeringIn(LINGEN)] } });
		assertPointer(res, '/memberships/1/municipality');
		assert.ok(!res.json.errors.some((e) => e.pointer === '/memberships/0/municipality'), 'the own municipality is fine');
	});

	test('no membership at all → 422 for an officer (a district admin may create a memberless account)', async () => {
		assertPointer(await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `N ${TAG}`, memberships: [] } }), '/memberships');
		assertProblem(await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `N ${TAG}` } }), 422);
		const c = await create(tokens.dadm, { memberships: [] });
		assert.deepEqual(c.doc.memberships, []);
	});

	test('partner without organisation_id → 422 /memberships/0/organisation_id; steering with one → 422', async () => {
		let res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `P ${TAG}`, memberships: [{ municipality: STADT, role: 'partner' }] } });
		assertPointer(res, '/memberships/0/organisation_id');
		res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `P ${TAG}`, memberships: [{ municipality: STADT, role: 'steering', organisation_id: caritasId }] } });
		assertPointer(res, '/memberships/0/organisation_id');
	});

	test('a partner of an organisation that does not serve the municipality → 422 (openapi: must serve it)', async () => {
		/* Gesamtschule Musterstadt serves Musterstadt only */
		const ok = await create(tokens.officer, { memberships: [partnerIn(STADT, schoolId)] });
		assert.deepEqual(memberships(ok.doc), [[STADT, 'partner', 'Gesamtschule Musterstadt']]);
		const email = uniqueEmail();
		const res = await api('POST', LIST, tokens.dadm, { body: { email, display_name: `G ${TAG}`, memberships: [partnerIn(LINGEN, schoolId)] } });
		assertPointer(res, '/memberships/0/organisation_id');
	});

	test('a partner of an unknown organisation → 422 /memberships/0/organisation_id', async () => {
		const res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `G ${TAG}`, memberships: [partnerIn(STADT, '999999999')] } });
		assertPointer(res, '/memberships/0/organisation_id');
	});

	test('a duplicate email, in any case → 409', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		for (const email of [c.email, c.email.toUpperCase(), DEMO.officerLingen.toUpperCase()]) {
			const res = await api('POST', LIST, tokens.officer, { body: { email, display_name: `Dup ${TAG}`, memberships: [steeringIn(STADT)] } });
			assertProblem(res, 409);
		}
	});

	test('unknown and invalid fields → 422 with pointers', async () => {
		let res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `U ${TAG}`, nickname: 'x', memberships: [steeringIn(STADT)] } });
		assertPointer(res, '/nickname');
		res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `U ${TAG}`, memberships: [{ ...steeringIn(STADT), since: '2026-01-01' }] } });
		assertPointer(res, '/memberships/0/since');
		res = await api('POST', LIST, tokens.officer, { body: { email: 'no-at-sign', display_name: `U ${TAG}`, memberships: [steeringIn(STADT)] } });
		assertPointer(res, '/email');
		res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: '   ', memberships: [steeringIn(STADT)] } });
		assertPointer(res, '/display_name');
		res = await api('POST', LIST, tokens.officer, { body: { email: uniqueEmail(), display_name: `U ${TAG}`, memberships: [{ municipality: STADT, role: 'chair' }] } });
		assertPointer(res, '/memberships/0/role');
	});
});

describe('list filters and keyset pagination', () => {
	/* display names in German collation order: Ö sorts with O, before "Oma"; in byte order it would come last */
	const LTAG = `Liste${randomUUID().slice(0, 8)}`; /* in these three names only */
	const names = [`${LTAG} Öko`, `${LTAG} Oma`, `${LTAG} Zander`];
	const made = {};

	before(async () => {
		made.oeko = await create(tokens.officer, { display_name: names[0], memberships: [steeringIn(STADT)] });
		made.oma = await create(tokens.officer, { display_name: names[1], memberships: [partnerIn(STADT)] });
		made.zander = await create(tokens.officer, { display_name: names[2], memberships: [steeringIn(STADT)] });
		const res = await api('PATCH', `${LIST}/${made.zander.doc.id}`, tokens.officer, { body: { status: 'disabled' } });
		assert.equal(res.status, 200, res.text);
	});

	const listed = async (token, query) => {
		const res = await api('GET', `${LIST}?${query}`, token);
		assert.equal(res.status, 200, res.text);
		return res.json;
	};

	test('q finds this run\'s accounts by display name, ordered by German collation', async () => {
		const body = await listed(tokens.officer, `q=${encodeURIComponent(LTAG)}`);
		assert.deepEqual(body.items.map((a) => a.display_name), names);
		assert.equal(body.next_cursor, null);
		const lower = await listed(tokens.officer, `q=${encodeURIComponent(LTAG.toLowerCase())}`);
		assert.deepEqual(lower.items.map((a) => a.display_name), names, 'regardless of case');
	});

	test('q matches the email address regardless of case', async () => {
		const body = await listed(tokens.officer, `q=${encodeURIComponent(made.oma.email.toUpperCase())}`);
		assert.deepEqual(body.items.map((a) => a.id), [made.oma.doc.id]);
	});

	test('role filters', async () => {
		assert.deepEqual((await listed(tokens.officer, `q=${LTAG}&role=steering`)).items.map((a) => a.display_name), [names[0], names[2]]);
		assert.deepEqual((await listed(tokens.officer, `q=${LTAG}&role=partner`)).items.map((a) => a.display_name), [names[1]]);
		assert.deepEqual((await listed(tokens.officer, `q=${LTAG}&role=officer`)).items, []);
		const officers = await everything(tokens.dadm, `role=officer&municipality=${STADT}`);
		const emails = officers.map((a) => a.email);
		assert.ok(emails.includes(DEMO.officer));
		assert.ok(!emails.includes(DEMO.officerLingen), 'role with municipality: officer there');
		const admins = await everything(tokens.dadm, 'role=district_admin');
		assert.ok(admins.some((a) => a.email === DEMO.dadm));
		assert.ok(admins.every((a) => a.district_admin), 'only district admins');
	});

	test('status filters', async () => {
		assert.deepEqual((await listed(tokens.officer, `q=${LTAG}&status=disabled`)).items.map((a) => a.display_name), [names[2]]);
		assert.deepEqual((await listed(tokens.officer, `q=${LTAG}&status=active`)).items.map((a) => a.display_name), [names[0], names[1]]);
		const disabled = await everything(tokens.officer, 'status=disabled');
		assert.ok(disabled.length >= 1);
		assert.ok(disabled.every((a) => a.status === 'disabled'));
	});

	test('municipality filters; a municipality outside the officer\'s gives an empty page', async () => {
		assert.equal((await listed(tokens.officer, `q=${LTAG}&municipality=${STADT}`)).items.length, 3);
		assert.deepEqual((await listed(tokens.officer, `municipality=${LINGEN}`)).items, []);
		const lingen = await everything(tokens.dadm, `municipality=${LINGEN}`);
		const emails = lingen.map((a) => a.email);
		for (const e of [DEMO.officerLingen, DEMO.steeringLingen, DEMO.partner]) assert.ok(emails.includes(e), `${e} in Musterlingen`);
		assert.ok(!emails.includes(DEMO.officer));
	});

	test('limit=1 walks every page once, in the order of pages of 200, and ends with next_cursor null', async () => {
		for (const token of [tokens.officer, tokens.dadm]) {
			const all = { items: await everything(token) };
			const walked = [];
			let cursor = null;
			for (let pages = 0; ; pages++) {
				assert.ok(pages <= all.items.length, 'pagination ends');
				const body = await listed(token, `limit=1${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
				assert.ok(body.items.length <= 1);
				walked.push(...body.items.map((a) => a.id));
				if (body.next_cursor === null) break;
				assert.equal(body.items.length, 1, 'only the last page may be short');
				cursor = body.next_cursor;
			}
			assert.equal(new Set(walked).size, walked.length, `no duplicates: ${walked}`);
			assert.deepEqual(walked, all.items.map((a) => a.id));
			for (let i = 1; i < all.items.length; i++) {
				const [a, b] = [all.items[i - 1], all.items[i]];
				const c = a.display_name.localeCompare(b.display_name, 'de');
				assert.ok(c < 0 || (c === 0 && BigInt(a.id) < BigInt(b.id)), `"${a.display_name}" (${a.id}) before "${b.display_name}" (${b.id})`);
			}
		}
	});

	test('limit=1 with a filter walks exactly the filtered accounts', async () => {
		const walked = [];
		let cursor = null;
		do {
			const body = await listed(tokens.officer, `q=${LTAG}&limit=1${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
			walked.push(...body.items.map((a) => a.display_name));
			cursor = body.next_cursor;
		} while (cursor !== null && walked.length < 10);
		assert.deepEqual(walked, names);
	});

	for (const [query, parameter] of [['role=admin', 'role'], ['status=locked', 'status'], ['municipality=5999004', 'municipality'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['cursor=bm90LWEtY3Vyc29y', 'cursor']]) {
		test(`${query} answers 400 naming ${parameter}`, async () => {
			assertProblem(await api('GET', `${LIST}?${query}`, tokens.officer), 400, { parameter });
		});
	}
});

describe('other municipalities\' accounts cannot be guessed', () => {
	test('the Musterstadt officer gets 404 for the Musterlingen officer\'s id, on GET and PATCH alike', async () => {
		assertProblem(await api('GET', `${LIST}/${ids.officerLingen}`, tokens.officer), 404);
		const res = await api('PATCH', `${LIST}/${ids.officerLingen}`, tokens.officer, { body: { display_name: 'Übernommen' } });
		assertProblem(res, 404);
		assertProblem(await api('POST', `${LIST}/${ids.officerLingen}/invitation`, tokens.officer), 404);
		const own = await api('GET', `${LIST}/${ids.officerLingen}`, tokens.officerLingen);
		assert.equal(own.status, 200, 'the account itself sees it');
		assert.notEqual(own.json.display_name, 'Übernommen');
		assert.equal((await api('GET', `${LIST}/${ids.officerLingen}`, tokens.dadm)).status, 200, 'the district admin sees it');
	});

	test('officers and the steering group see their own account', async () => {
		for (const role of ['officer', 'steering', 'officerLingen', 'steeringLingen', 'dadm']) {
			const res = await api('GET', `${LIST}/${ids[role]}`, tokens[role]);
			assert.equal(res.status, 200, res.text);
			assert.equal(res.json.email, DEMO[role]);
		}
	});

	test('unknown and non-numeric ids answer 404', async () => {
		for (const id of ['abc', '1e3', '-1', '999999999999', '99999999999999999999']) {
			assertProblem(await api('GET', `${LIST}/${id}`, tokens.officer), 404);
			assertProblem(await api('PATCH', `${LIST}/${id}`, tokens.officer, { body: { display_name: 'x' } }), 404);
		}
	});
});

describe('conditional requests', () => {
	let c;
	before(async () => {
		c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
	});

	test('If-None-Match with the current ETag → 304 with the ETag; another ETag → 200', async () => {
		const res = await api('GET', `${LIST}/${c.doc.id}`, tokens.officer, { headers: { 'If-None-Match': c.etag } });
		assert.equal(res.status, 304, res.text);
		assert.equal(res.text, '');
		assert.equal(res.headers.etag, c.etag);
		const other = await api('GET', `${LIST}/${c.doc.id}`, tokens.officer, { headers: { 'If-None-Match': '"0123456789abcdef"' } });
		assert.equal(other.status, 200);
	});

	test('PATCH with a stale If-Match → 412 and no change; with the fresh ETag → 200 and a new ETag', async () => {
		const stale = await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { display_name: `Stale ${TAG}` }, headers: { 'If-Match': '"0123456789abcdef"' } });
		assertProblem(stale, 412);
		const cur = await api('GET', `${LIST}/${c.doc.id}`, tokens.officer);
		assert.equal(cur.json.display_name, c.doc.display_name);
		assert.equal(cur.headers.etag, c.etag);

		const ok = await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { display_name: `Fresh ${TAG}` }, headers: { 'If-Match': c.etag } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.display_name, `Fresh ${TAG}`);
		const etag = assertEtag(ok);
		assert.notEqual(etag, c.etag);

		assertProblem(await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { display_name: `Again ${TAG}` }, headers: { 'If-Match': c.etag } }), 412);
		assert.equal((await api('GET', `${LIST}/${c.doc.id}`, tokens.officer, { headers: { 'If-None-Match': c.etag } })).status, 200, 'the old ETag no longer matches');
		assert.equal((await api('GET', `${LIST}/${c.doc.id}`, tokens.officer, { headers: { 'If-None-Match': etag } })).status, 304);
	});

	test('PATCH: unknown field → 422 pointer; duplicate email → 409; an officer changing district_admin → 403', async () => {
		assertPointer(await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { nickname: 'x' } }), '/nickname');
		assertPointer(await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { status: 'sleeping' } }), '/status');
		assertProblem(await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { email: DEMO.steering.toUpperCase() } }), 409);
		assertProblem(await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { district_admin: true } }), 403);
		const email = uniqueEmail();
		const ok = await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { email } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal(ok.json.email, email);
		assert.equal(ok.json.district_admin, false);
	});
});

describe('disabling and enabling', () => {
	test('an officer disables an account it manages: its token answers 401 at once, sign-in and refresh fail; enabling again lets it sign in', async () => {
		const p = await person(tokens.officer, [steeringIn(STADT)]);
		assert.equal((await me(p.token)).status, 200);

		const off = await api('PATCH', `${LIST}/${p.id}`, tokens.officer, { body: { status: 'disabled' } });
		assert.equal(off.status, 200, off.text);
		assert.equal(off.json.status, 'disabled');

		assertUnauthorized(await me(p.token));
		const signin = await requestToken({ grant_type: 'password', username: p.email, password: PASSWORD });
		assertProblem(signin, 400);
		assert.equal(signin.json.error, 'invalid_grant');
		const refresh = await requestToken({ grant_type: 'refresh_token', refresh_token: p.refresh });
		assertProblem(refresh, 400);
		assert.equal(refresh.json.error, 'invalid_grant');

		const on = await api('PATCH', `${LIST}/${p.id}`, tokens.officer, { body: { status: 'active' } });
		assert.equal(on.status, 200, on.text);
		assert.equal(on.json.status, 'active');
		const s = await session(p.email);
		assert.equal((await me(s.access_token)).status, 200);
	});

	test('disabling ends the sessions for good: after enabling again, tokens issued before stay dead', async () => {
		const p = await person(tokens.officer, [steeringIn(STADT)]);
		assert.equal((await api('PATCH', `${LIST}/${p.id}`, tokens.officer, { body: { status: 'disabled' } })).status, 200);
		assert.equal((await api('PATCH', `${LIST}/${p.id}`, tokens.officer, { body: { status: 'active' } })).status, 200);
		assert.equal((await me((await session(p.email)).access_token)).status, 200, 'the account signs in again');
		assertUnauthorized(await me(p.token));
		const refresh = await requestToken({ grant_type: 'refresh_token', refresh_token: p.refresh });
		assertProblem(refresh, 400);
		assert.equal(refresh.json.error, 'invalid_grant');
	});

	test('an officer cannot disable itself (403)', async () => {
		const res = await api('PATCH', `${LIST}/${ids.officer}`, tokens.officer, { body: { status: 'disabled' } });
		assertProblem(res, 403);
		assert.equal((await me(tokens.officer)).status, 200);
	});

	test('an officer cannot change the Caritas worker who also serves other towns (403), nor a fresh account like it', async () => {
		const res = await api('PATCH', `${LIST}/${ids.partner}`, tokens.officer, { body: { status: 'disabled' } });
		assertProblem(res, 403);
		assert.equal((await me(tokens.partner)).status, 200, 'the Caritas worker is still active');
		const twoTowns = await create(tokens.dadm, { memberships: [partnerIn(STADT), partnerIn(LINGEN)] });
		assertProblem(await api('PATCH', `${LIST}/${twoTowns.doc.id}`, tokens.officer, { body: { display_name: `Zwei ${TAG}` } }), 403);
		assertProblem(await api('POST', `${LIST}/${twoTowns.doc.id}/invitation`, tokens.officer), 403);
		const ok = await api('PATCH', `${LIST}/${twoTowns.doc.id}`, tokens.dadm, { body: { display_name: `Zwei ${TAG}` } });
		assert.equal(ok.status, 200, 'the district admin may');
		const visible = await api('GET', `${LIST}/${twoTowns.doc.id}`, tokens.officer);
		assert.deepEqual(memberships(visible.json), [[STADT, 'partner', CARITAS]], 'the officer sees only its own town\'s membership');
	});

	test('an officer cannot change another officer of its own town (403)', async () => {
		const other = await create(tokens.dadm, { memberships: [{ municipality: STADT, role: 'officer' }] });
		assertProblem(await api('PATCH', `${LIST}/${other.doc.id}`, tokens.officer, { body: { status: 'disabled' } }), 403);
		/* leave no extra officer behind for other test files */
		assert.equal((await api('DELETE', `${LIST}/${other.doc.id}/memberships/${STADT}`, tokens.dadm)).status, 204);
		const off = await api('PATCH', `${LIST}/${other.doc.id}`, tokens.dadm, { body: { status: 'disabled' } });
		assert.equal(off.status, 200, off.text);
	});
});

describe('memberships and privilege escalation', () => {
	test('an officer gives a steering account a partner membership instead (200), but not the officer role (403)', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		const up = await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'officer' } });
		assertProblem(up, 403);
		const ok = await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'partner', organisation_id: caritasId } });
		assert.equal(ok.status, 200, ok.text);
		assertEtag(ok);
		assert.deepEqual(memberships(ok.json), [[STADT, 'partner', CARITAS]]);
		assertPointer(await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'partner' } }), '/organisation_id');
		assertPointer(await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'steering', organisation_id: caritasId } }), '/organisation_id');
		assertPointer(await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'steering', level: 2 } }), '/level');
	});

	test('PUT a partner membership of an organisation that does not serve the municipality → 422 /organisation_id (openapi)', async () => {
		const c = await create(tokens.dadm, { memberships: [] });
		const ok = await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.dadm, { body: { role: 'partner', organisation_id: schoolId } });
		assert.equal(ok.status, 200, ok.text);
		const res = await api('PUT', `${LIST}/${c.doc.id}/memberships/${LINGEN}`, tokens.dadm, { body: { role: 'partner', organisation_id: schoolId } });
		assertPointer(res, '/organisation_id');
	});

	test('PUT a partner membership of an unknown organisation → 422 /organisation_id', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		const res = await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'partner', organisation_id: '999999999' } });
		assertPointer(res, '/organisation_id');
	});

	test('an officer cannot give itself a membership (403)', async () => {
		const res = await api('PUT', `${LIST}/${ids.officer}/memberships/${STADT}`, tokens.officer, { body: { role: 'steering' } });
		assertProblem(res, 403);
		const who = await me(tokens.officer);
		assert.deepEqual(memberships(who.json), [[STADT, 'officer', null]], 'still officer');
	});

	test('an officer cannot give a membership in Musterlingen (404), even to an account it manages', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		assertProblem(await api('PUT', `${LIST}/${c.doc.id}/memberships/${LINGEN}`, tokens.officer, { body: { role: 'steering' } }), 404);
		assertProblem(await api('PUT', `${LIST}/${ids.steeringLingen}/memberships/${LINGEN}`, tokens.officer, { body: { role: 'steering' } }), 404);
		const now = await api('GET', `${LIST}/${c.doc.id}`, tokens.dadm);
		assert.deepEqual(memberships(now.json), [[STADT, 'steering', null]]);
	});

	test('an officer cannot take over an account out of its sight by giving it a membership (404)', async () => {
		const loose = await create(tokens.dadm, { memberships: [] });
		assertProblem(await api('PUT', `${LIST}/${loose.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'steering' } }), 404);
		assertProblem(await api('PUT', `${LIST}/${ids.steeringLingen}/memberships/${STADT}`, tokens.officer, { body: { role: 'steering' } }), 404);
		assert.deepEqual((await api('GET', `${LIST}/${loose.doc.id}`, tokens.dadm)).json.memberships, []);
		assert.deepEqual(memberships((await api('GET', `${LIST}/${ids.steeringLingen}`, tokens.dadm)).json), [[LINGEN, 'steering', null]]);
		/* the district admin may */
		const ok = await api('PUT', `${LIST}/${loose.doc.id}/memberships/${STADT}`, tokens.dadm, { body: { role: 'steering' } });
		assert.equal(ok.status, 200, ok.text);
		assert.equal((await api('GET', `${LIST}/${loose.doc.id}`, tokens.officer)).status, 200, 'now in the officer\'s sight');
	});

	test('an officer who is steering elsewhere sees that town\'s accounts but cannot draw them in with a membership (403)', async () => {
		const x = await person(tokens.dadm, [{ municipality: STADT, role: 'officer' }, steeringIn(LINGEN)]);
		try {
			const y = await create(tokens.dadm, { memberships: [steeringIn(LINGEN)] });
			const seen = await api('GET', `${LIST}/${y.doc.id}`, x.token);
			assert.equal(seen.status, 200, 'visible through the steering role in Musterlingen');
			const res = await api('PUT', `${LIST}/${y.doc.id}/memberships/${STADT}`, x.token, { body: { role: 'steering' } });
			assertProblem(res, 403);
			assert.deepEqual(memberships((await api('GET', `${LIST}/${y.doc.id}`, tokens.dadm)).json), [[LINGEN, 'steering', null]]);
			/* an account of its own town it may */
			const own = await create(tokens.dadm, { memberships: [steeringIn(STADT)] });
			const ok = await api('PUT', `${LIST}/${own.doc.id}/memberships/${STADT}`, x.token, { body: { role: 'partner', organisation_id: caritasId } });
			assert.equal(ok.status, 200, ok.text);
		} finally {
			/* leave no extra officer behind for other test files */
			assert.equal((await api('DELETE', `${LIST}/${x.id}/memberships/${STADT}`, tokens.dadm)).status, 204);
			assert.equal((await api('PATCH', `${LIST}/${x.id}`, tokens.dadm, { body: { status: 'disabled' } })).status, 200);
		}
	});

	test('an officer cannot give a membership to the district admin: not visible → 404', async () => {
		const res = await api('PUT', `${LIST}/${ids.dadm}/memberships/${STADT}`, tokens.officer, { body: { role: 'steering' } });
		assertProblem(res, 404);
		const admin = await api('GET', `${LIST}/${ids.dadm}`, tokens.dadm);
		assert.deepEqual(admin.json.memberships, [], 'the district admin holds no membership');
	});

	test('an officer cannot give a membership to a district admin it can see (403)', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		const promote = await api('PATCH', `${LIST}/${c.doc.id}`, tokens.dadm, { body: { district_admin: true } });
		assert.equal(promote.status, 200, promote.text);
		try {
			assert.equal((await api('GET', `${LIST}/${c.doc.id}`, tokens.officer)).status, 200, 'visible through its Musterstadt membership');
			const res = await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer, { body: { role: 'partner', organisation_id: caritasId } });
			assertProblem(res, 403);
			assertProblem(await api('PATCH', `${LIST}/${c.doc.id}`, tokens.officer, { body: { status: 'disabled' } }), 403);
		} finally {
			const demote = await api('PATCH', `${LIST}/${c.doc.id}`, tokens.dadm, { body: { district_admin: false, status: 'disabled' } });
			assert.equal(demote.status, 200, demote.text);
		}
	});

	test('the district admin cannot change its own district_admin, nor disable itself (403)', async () => {
		assertProblem(await api('PATCH', `${LIST}/${ids.dadm}`, tokens.dadm, { body: { district_admin: false } }), 403);
		assertProblem(await api('PATCH', `${LIST}/${ids.dadm}`, tokens.dadm, { body: { status: 'disabled' } }), 403);
		assert.equal((await me(tokens.dadm)).json.district_admin, true);
	});

	test('the steering group cannot give a membership (403)', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		assertProblem(await api('PUT', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.steering, { body: { role: 'steering' } }), 403);
		assertProblem(await api('PUT', `${LIST}/${ids.steering}/memberships/${STADT}`, tokens.steering, { body: { role: 'officer' } }), 403);
	});

	test('the district admin appoints an officer in Musterlingen for a fresh account; its next token has the role; the membership is deleted (204, then 404)', async () => {
		const p = await person(tokens.dadm, []);
		assert.deepEqual(decode(p.token).payload.mem, []);
		const res = await api('PUT', `${LIST}/${p.id}/memberships/${LINGEN}`, tokens.dadm, { body: { role: 'officer' } });
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.json.memberships, [{ municipality: { ags: LINGEN, name: 'Musterlingen' }, role: 'officer', organisation: null }]);

		const s = await session(p.email);
		const mem = decode(s.access_token).payload.mem;
		assert.deepEqual(mem.map((m) => [m.ags, m.role, m.org]), [[LINGEN, 'officer', null]]);
		assert.equal((await api('GET', `${LIST}?municipality=${LINGEN}`, s.access_token)).status, 200, 'the new officer reads its town\'s accounts');
		assert.equal((await api('GET', `${LIST}/${ids.steeringLingen}`, s.access_token)).status, 200);

		/* the Musterstadt officer cannot remove it: Musterlingen is not its town */
		assertProblem(await api('DELETE', `${LIST}/${p.id}/memberships/${LINGEN}`, tokens.officer), 404);
		/* the Musterlingen officer cannot remove another officer's membership */
		assertProblem(await api('DELETE', `${LIST}/${p.id}/memberships/${LINGEN}`, tokens.officerLingen), 403);

		const del = await api('DELETE', `${LIST}/${p.id}/memberships/${LINGEN}`, tokens.dadm);
		assert.equal(del.status, 204, del.text);
		assert.equal(del.text, '');
		assertProblem(await api('DELETE', `${LIST}/${p.id}/memberships/${LINGEN}`, tokens.dadm), 404);
		const now = await api('GET', `${LIST}/${p.id}`, tokens.dadm);
		assert.deepEqual(now.json.memberships, []);
		assert.deepEqual(decode((await session(p.email)).access_token).payload.mem, [], 'a new token carries no role');
	});

	test('an officer deletes a steering membership it gave (204, then 404), but not its own (403)', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		const del = await api('DELETE', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer);
		assert.equal(del.status, 204, del.text);
		assertProblem(await api('DELETE', `${LIST}/${c.doc.id}/memberships/${STADT}`, tokens.officer), 404);
		/* without a Musterstadt membership the account is out of sight */
		assertProblem(await api('GET', `${LIST}/${c.doc.id}`, tokens.officer), 404);
		assertProblem(await api('DELETE', `${LIST}/${ids.officer}/memberships/${STADT}`, tokens.officer), 403);
		assert.deepEqual(memberships((await me(tokens.officer)).json), [[STADT, 'officer', null]]);
	});

	test('a bad AGS in the path answers 400', async () => {
		assertProblem(await api('PUT', `${LIST}/${ids.steering}/memberships/0599900`, tokens.officer, { body: { role: 'steering' } }), 400, { parameter: 'ags' });
	});
});

describe('POST /accounts/{id}/invitation', () => {
	test('a new invitation replaces the pending one; after acceptance the person signs in with the new password', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		const again = await api('POST', `${LIST}/${c.doc.id}/invitation`, tokens.officer);
		assert.equal(again.status, 200, again.text);
		assertEtag(again);
		assert.equal(again.json.id, c.doc.id);
		assert.equal(again.json.invitation_pending, true);
		assert.notEqual(again.json.invitation.token, c.invitation.token);
		assertPointer(await accept(c.invitation.token), '/token');
		assert.equal((await accept(again.json.invitation.token)).status, 200);
		await session(c.email);
	});

	test('a forgotten password: the new invitation sets a new one, the old stops working', async () => {
		const p = await person(tokens.officer, [partnerIn(STADT)]);
		const inv = await api('POST', `${LIST}/${p.id}/invitation`, tokens.officer);
		assert.equal(inv.status, 200, inv.text);
		assert.equal(inv.json.invitation_pending, true);
		const newPassword = 'Zweites-Passwort-2026';
		const ok = await accept(inv.json.invitation.token, newPassword);
		assert.equal(ok.status, 200, ok.text);
		const old = await requestToken({ grant_type: 'password', username: p.email, password: PASSWORD });
		assertProblem(old, 400);
		assert.equal(old.json.error, 'invalid_grant');
		const s = await session(p.email, newPassword);
		assert.equal((await me(s.access_token)).json.id, p.id);
	});

	test('who may not invite: steering 403, an account not managed 403, one not visible 404', async () => {
		const c = await create(tokens.officer, { memberships: [steeringIn(STADT)] });
		assertProblem(await api('POST', `${LIST}/${c.doc.id}/invitation`, tokens.steering), 403);
		assertProblem(await api('POST', `${LIST}/${ids.steering}/invitation`, tokens.officerLingen), 404);
		assertProblem(await api('POST', `${LIST}/${ids.officer}/invitation`, tokens.officer), 403);
		const ok = await api('POST', `${LIST}/${c.doc.id}/invitation`, tokens.officerLingen);
		assertProblem(ok, 404);
	});
});
