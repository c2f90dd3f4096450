/*
 * The audit log: GET /api/v1/municipalities/{ags}/audit.
 *
 * Changes made through the API here (an account with a membership in
 * Musterstadt, changes of that membership, an API client created and
 * revoked) must show up in Musterstadt's log, newest first, naming who made
 * them and the values before and after, and never a secret. Then the
 * filters, keyset pagination, who may read the log, and bad parameters.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertProblem, call } from './lib/contract.mjs';
import {
	ACCOUNTS_PATH, CARITAS, MUSTERLINGEN, MUSTERSTADT, bearer, createAccount, decode, me, organisationId, signInPersonas,
} from './lib/auth.mjs';

const auditPath = (ags, query = {}) => {
	const q = new URLSearchParams(query).toString();
	return `/api/v1/municipalities/${ags}/audit${q ? `?${q}` : ''}`;
};
const SECRET_COLUMNS = ['secret_hash', 'password_hash', 'invitation_hash'];

async function audit(token, ags, query = {}) {
	const res = await call('GET', auditPath(ags, query), { headers: bearer(token) });
	assert.equal(res.status, 200, `${auditPath(ags, query)}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

/* Every item of the log for query, following next_cursor (page size limit). */
async function auditAll(token, ags, query = {}, limit = 200) {
	const items = [];
	let cursor = null;
	for (let pages = 0; pages < 1000; pages++) {
		const page = await audit(token, ags, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
		assert.ok(page.items.length <= limit);
		items.push(...page.items);
		if (page.next_cursor === null) return items;
		assert.equal(page.items.length, limit, 'only the last page may be short');
		cursor = page.next_cursor;
	}
	assert.fail('more than 1000 pages');
}

const byIdDesc = (items) => items.every((e, i) => i === 0 || BigInt(items[i - 1].id) > BigInt(e.id));

let officer;
let officerId;
let officerName;
let steering;
let partner;
let officerL;
let steeringL;
let dadm;
let caritasId;

/* What this file changed, in order, and the log entries it expects. */
let acct; /* the account created by the officer, steering in Musterstadt */
let client; /* the API client, created and revoked */
let invitationToken;
let startedAt;
const ev = {}; /* membershipInsert, membershipUpdate, membershipBack, clientInsert, clientRevoke */

before(async () => {
	[officer, steering, partner, officerL, steeringL, dadm] = await signInPersonas('officer', 'steering', 'partner', 'officerL', 'steeringL', 'dadm');
	officerId = decode(officer).payload.sub;
	officerName = (await me(officer)).json.display_name;
	caritasId = await organisationId(officer, CARITAS);

	/* the newest entry before this file's changes */
	const head = await audit(officer, MUSTERSTADT, { limit: '1' });
	startedAt = head.items[0]?.id ?? '0';

	/* 1. an account with a steering membership in Musterstadt */
	acct = await createAccount(officer);
	invitationToken = acct.doc.invitation.token;
	/* 2. its membership changes to partner of Caritas, 3. and back to steering */
	for (const body of [{ role: 'partner', organisation_id: caritasId }, { role: 'steering' }]) {
		const res = await call('PUT', `${ACCOUNTS_PATH}/${acct.id}/memberships/${MUSTERSTADT}`, { headers: bearer(officer), body });
		assert.equal(res.status, 200, res.text);
	}
	/* 4. an API client, 5. revoked */
	const created = await call('POST', `/api/v1/municipalities/${MUSTERSTADT}/api-clients`, {
		headers: bearer(officer), body: { name: `Audit ${process.pid}`, organisation_id: caritasId, scopes: ['catalogue:read', 'events:write'] },
	});
	assert.equal(created.status, 201, created.text);
	client = created.json;
	const revoked = await call('DELETE', `/api/v1/municipalities/${MUSTERSTADT}/api-clients/${client.id}`, { headers: bearer(officer) });
	assert.equal(revoked.status, 204, revoked.text);

	const mine = (await auditAll(officer, MUSTERSTADT)).filter((e) => BigInt(e.id) > BigInt(startedAt)
		&& ((e.table === 'membership' && e.row_id === acct.id) || (e.table === 'api_client' && e.row_id === client.id)));
	[ev.clientRevoke, ev.clientInsert, ev.membershipBack, ev.membershipUpdate, ev.membershipInsert] = mine;
	assert.equal(mine.length, 5, `five entries for this file's changes: ${JSON.stringify(mine).slice(0, 2000)}`);
});

describe('what the log records', () => {
	test('the five changes appear newest first, with the right table, row and action', () => {
		const got = [ev.clientRevoke, ev.clientInsert, ev.membershipBack, ev.membershipUpdate, ev.membershipInsert]
			.map((e) => [e.table, e.row_id, e.action]);
		assert.deepEqual(got, [
			['api_client', client.id, 'update'],
			['api_client', client.id, 'insert'],
			['membership', acct.id, 'update'],
			['membership', acct.id, 'update'],
			['membership', acct.id, 'insert'],
		]);
	});

	test('the log is ordered newest first: ids descending, times not increasing', async () => {
		const page = await audit(officer, MUSTERSTADT, { limit: '200' });
		assert.ok(byIdDesc(page.items), 'ids descending');
		for (let i = 1; i < page.items.length; i++) {
			assert.ok(Date.parse(page.items[i - 1].at) >= Date.parse(page.items[i].at), `at of ${page.items[i - 1].id} before ${page.items[i].id}`);
		}
		const at = (e) => page.items.findIndex((x) => x.id === e.id);
		const order = [ev.clientRevoke, ev.clientInsert, ev.membershipBack, ev.membershipUpdate, ev.membershipInsert].map(at);
		assert.ok(order.every((i) => i >= 0), 'this file\'s changes are on the first page');
		assert.deepEqual(order, [...order].sort((a, b) => a - b), 'the later change comes first');
	});

	test('each entry names the officer who made the change', () => {
		for (const e of Object.values(ev)) {
			assert.deepEqual(e.actor, { kind: 'account', id: officerId, display_name: officerName }, `${e.table} ${e.action}`);
			assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 300_000, `at ${e.at} is now`);
		}
	});

	test('the membership\'s values before and after each change', () => {
		const { membershipInsert: ins, membershipUpdate: upd, membershipBack: back } = ev;
		assert.equal(ins.old, null);
		assert.equal(ins.new.role, 'steering');
		assert.equal(String(ins.new.account_id), acct.id);
		assert.equal(ins.new.organisation_id, null);

		assert.equal(upd.old.role, 'steering');
		assert.equal(upd.old.organisation_id, null);
		assert.equal(upd.new.role, 'partner');
		assert.equal(String(upd.new.organisation_id), caritasId);
		assert.equal(String(upd.new.account_id), acct.id);

		assert.equal(back.old.role, 'partner');
		assert.equal(String(back.old.organisation_id), caritasId);
		assert.equal(back.new.role, 'steering');
		assert.equal(back.new.organisation_id, null);
	});

	test('the API client\'s values: created active, then revoked', () => {
		const { clientInsert: ins, clientRevoke: rev } = ev;
		assert.equal(ins.old, null);
		assert.equal(ins.new.name, client.name);
		assert.equal(ins.new.client_id, client.client_id);
		assert.equal(ins.new.status, 'active');
		assert.deepEqual(ins.new.scopes, ['catalogue:read', 'events:write']);
		assert.equal(String(ins.new.organisation_id), caritasId);
		assert.equal(rev.old.status, 'active');
		assert.equal(rev.new.status, 'revoked');
		assert.equal(rev.old.client_id, client.client_id);
	});

	test('secrets never appear: no hash columns, no client secret, no invitation token, no password', async () => {
		const res = await call('GET', auditPath(MUSTERSTADT, { limit: '200' }), { headers: bearer(dadm) });
		assert.equal(res.status, 200);
		for (const e of res.json.items) {
			for (const values of [e.old, e.new]) {
				if (values === null) continue;
				for (const col of SECRET_COLUMNS) assert.ok(!(col in values), `${col} in entry ${e.id} (${e.table})`);
			}
		}
		for (const col of SECRET_COLUMNS) assert.ok(!res.text.includes(col), `${col} in the log`);
		assert.ok(!res.text.includes(client.client_secret), 'the client secret is not in the log');
		assert.ok(!res.text.includes(invitationToken), 'the invitation token is not in the log');
		assert.ok(!res.text.includes(acct.password), 'the password is not in the log');
	});

	test('district-wide records (accounts, organisations) are not in a municipality\'s log', async () => {
		const items = await auditAll(officer, MUSTERSTADT, {}, 200);
		assert.ok(!items.some((e) => e.table === 'account' || e.table === 'organisation'));
		assert.deepEqual((await audit(officer, MUSTERSTADT, { table: 'account' })).items, []);
	});

	test('changes in Musterlingen are in Musterlingen\'s log, not in Musterstadt\'s', async () => {
		const other = await createAccount(dadm, { memberships: [{ municipality: MUSTERLINGEN, role: 'steering' }] });
		const there = await audit(officerL, MUSTERLINGEN, { table: 'membership', row_id: other.id });
		assert.equal(there.items.length, 1, JSON.stringify(there));
		assert.equal(there.items[0].action, 'insert');
		assert.equal(there.items[0].actor.kind, 'account');
		assert.equal(there.items[0].actor.id, decode(dadm).payload.sub);
		const here = await audit(officer, MUSTERSTADT, { table: 'membership', row_id: other.id });
		assert.deepEqual(here.items, []);
	});
});

describe('filters', () => {
	test('table and row_id: exactly the entries of that record, newest first', async () => {
		const page = await audit(officer, MUSTERSTADT, { table: 'membership', row_id: acct.id });
		assert.deepEqual(page.items.map((e) => e.id), [ev.membershipBack.id, ev.membershipUpdate.id, ev.membershipInsert.id]);
		assert.equal(page.next_cursor, null);
		const c = await audit(officer, MUSTERSTADT, { table: 'api_client', row_id: client.id });
		assert.deepEqual(c.items.map((e) => e.id), [ev.clientRevoke.id, ev.clientInsert.id]);
	});

	test('table alone: only that table', async () => {
		for (const table of ['membership', 'api_client']) {
			const page = await audit(officer, MUSTERSTADT, { table, limit: '200' });
			assert.ok(page.items.length > 0);
			assert.ok(page.items.every((e) => e.table === table), table);
		}
		assert.deepEqual((await audit(officer, MUSTERSTADT, { table: 'no_such_table' })).items, []);
	});

	test('row_id alone: only that row (of any table)', async () => {
		const page = await audit(officer, MUSTERSTADT, { row_id: acct.id, limit: '200' });
		assert.ok(page.items.every((e) => e.row_id === acct.id));
		assert.ok(page.items.some((e) => e.id === ev.membershipInsert.id));
	});

	test('action: only that kind of change', async () => {
		for (const action of ['insert', 'update']) {
			const page = await audit(officer, MUSTERSTADT, { action, table: 'membership', row_id: acct.id });
			assert.ok(page.items.every((e) => e.action === action));
			assert.equal(page.items.length, action === 'insert' ? 1 : 2);
		}
		assert.deepEqual((await audit(officer, MUSTERSTADT, { action: 'delete', table: 'membership', row_id: acct.id })).items, []);
	});

	test('actor: only changes by that account', async () => {
		const page = await audit(officer, MUSTERSTADT, { actor: officerId, limit: '200' });
		assert.ok(page.items.length >= 5);
		assert.ok(page.items.every((e) => e.actor.id === officerId && e.actor.kind === 'account'));
		assert.ok(page.items.some((e) => e.id === ev.clientRevoke.id));
		const steeringId = decode(steering).payload.sub;
		const none = await audit(officer, MUSTERSTADT, { actor: steeringId, table: 'membership', row_id: acct.id });
		assert.deepEqual(none.items, []);
		assert.deepEqual((await audit(officer, MUSTERSTADT, { actor: '999999999' })).items, []);
	});

	test('since (inclusive) and until (exclusive) narrow by time', async () => {
		const q = { table: 'membership', row_id: acct.id };
		const ids = async (extra) => (await audit(officer, MUSTERSTADT, { ...q, ...extra })).items.map((e) => e.id);
		const { membershipInsert: ins, membershipUpdate: upd, membershipBack: back } = ev;
		assert.ok(Date.parse(ins.at) < Date.parse(upd.at) && Date.parse(upd.at) < Date.parse(back.at));

		assert.deepEqual(await ids({ since: ins.at }), [back.id, upd.id, ins.id]);
		assert.deepEqual(await ids({ since: upd.at }), [back.id, upd.id]);
		assert.deepEqual(await ids({ until: upd.at }), [ins.id]);
		assert.deepEqual(await ids({ since: upd.at, until: back.at }), [upd.id]);
		assert.deepEqual(await ids({ until: ins.at }), []);
		/* the same instant in UTC with Z */
		assert.deepEqual(await ids({ since: new Date(Date.parse(back.at) + 1).toISOString() }), []);
		assert.deepEqual(await ids({ until: new Date(Date.now() + 3600_000).toISOString() }), [back.id, upd.id, ins.id]);
		assert.deepEqual(await ids({ since: '2000-01-01T00:00:00+01:00' }), [back.id, upd.id, ins.id]);
	});
});

describe('keyset pagination', () => {
	test('limit=1 walks one record\'s entries one by one, each once, ending with next_cursor null', async () => {
		const q = { table: 'membership', row_id: acct.id };
		const seen = [];
		let cursor = null;
		for (let i = 0; i < 10; i++) {
			const page = await audit(officer, MUSTERSTADT, { ...q, limit: '1', ...(cursor ? { cursor } : {}) });
			assert.ok(page.items.length <= 1);
			seen.push(...page.items.map((e) => e.id));
			cursor = page.next_cursor;
			if (cursor === null) break;
		}
		assert.deepEqual(seen, [ev.membershipBack.id, ev.membershipUpdate.id, ev.membershipInsert.id]);
	});

	test('pages of 1 and of 2 yield the same entries as one page, without duplicates', async () => {
		/* a closed time range, so that changes made meanwhile do not move the pages */
		const q = { actor: officerId, since: ev.membershipInsert.at, until: new Date(Date.parse(ev.clientRevoke.at) + 1).toISOString() };
		const whole = (await audit(officer, MUSTERSTADT, { ...q, limit: '200' })).items.map((e) => e.id);
		assert.ok(whole.length >= 5);
		for (const limit of [1, 2]) {
			const walked = (await auditAll(officer, MUSTERSTADT, q, limit)).map((e) => e.id);
			assert.deepEqual(walked, whole, `limit=${limit}`);
			assert.equal(new Set(walked).size, walked.length, 'no duplicates');
		}
	});

	test('the first page of limit=1 on the whole log has a next_cursor', async () => {
		const page = await audit(officer, MUSTERSTADT, { limit: '1' });
		assert.equal(page.items.length, 1);
		assert.equal(typeof page.next_cursor, 'string');
		const next = await audit(officer, MUSTERSTADT, { limit: '1', cursor: page.next_cursor });
		assert.ok(BigInt(next.items[0].id) < BigInt(page.items[0].id));
	});
});

describe('who reads the log', () => {
	test('the Musterstadt steering group reads it (200), with the same entries', async () => {
		const page = await audit(steering, MUSTERSTADT, { table: 'membership', row_id: acct.id });
		assert.deepEqual(page.items, [ev.membershipBack, ev.membershipUpdate, ev.membershipInsert]);
	});

	test('the district admin reads it (200)', async () => {
		const page = await audit(dadm, MUSTERSTADT, { table: 'api_client', row_id: client.id });
		assert.deepEqual(page.items, [ev.clientRevoke, ev.clientInsert]);
	});

	test('Musterlingen\'s officer and steering group get 404 for Musterstadt\'s log (and 200 for their own)', async () => {
		for (const token of [officerL, steeringL]) {
			assertProblem(await call('GET', auditPath(MUSTERSTADT), { headers: bearer(token) }), 404);
			assert.equal((await call('GET', auditPath(MUSTERLINGEN), { headers: bearer(token) })).status, 200);
		}
		assertProblem(await call('GET', auditPath(MUSTERLINGEN), { headers: bearer(officer) }), 404);
	});

	test('a partner gets 403, in a municipality where it is partner', async () => {
		assertProblem(await call('GET', auditPath(MUSTERSTADT), { headers: bearer(partner) }), 403);
		assertProblem(await call('GET', auditPath(MUSTERLINGEN), { headers: bearer(partner) }), 403);
	});

	test('anonymous callers get 401', async () => {
		const res = await call('GET', auditPath(MUSTERSTADT));
		assertProblem(res, 401);
		assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
	});

	test('a municipality that does not exist answers 404, as one where the caller holds no role', async () => {
		assertProblem(await call('GET', auditPath('05999999'), { headers: bearer(officer) }), 404);
		assertProblem(await call('GET', auditPath('05999999'), { headers: bearer(dadm) }), 404);
	});
});

describe('bad parameters answer 400', () => {
	const bad = [
		['action', 'create'],
		['action', 'INSERT'],
		['action', ''],
		['actor', 'abc'],
		['actor', '-1'],
		['actor', '1.5'],
		['actor', ''],
		['since', 'yesterday'],
		['since', '2026-03-02'.replace('-03-', '/03/')],
		['until', 'not-a-date'],
		['until', '1700000000'],
		['limit', '0'],
		['limit', '201'],
		['limit', 'ten'],
		['cursor', 'not-a-cursor!'],
		['table', ''],
		['row_id', ''],
	];
	for (const [param, value] of bad) {
		test(`${param}=${JSON.stringify(value)}`, async () => {
			const res = await call('GET', auditPath(MUSTERSTADT, { [param]: value }), { headers: bearer(officer) });
			assertProblem(res, 400, { parameter: param });
		});
	}

	test('a date-time of the right shape that is no time (month 13) answers 400', async () => {
		for (const param of ['since', 'until']) {
			const res = await call('GET', auditPath(MUSTERSTADT, { [param]: '2026-13-45T25:61:00Z' }), { headers: bearer(officer) });
			assertProblem(res, 400);
		}
	});

	test('the allowed case: valid values of each answer 200', async () => {
		const res = await call('GET', auditPath(MUSTERSTADT, {
			action: 'update', actor: officerId, since: '2026-01-01T00:00:00Z', until: '2100-01-01T00:00:00+01:00',
			limit: '200', table: 'membership', row_id: acct.id,
		}), { headers: bearer(officer) });
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.json.items.map((e) => e.id), [ev.membershipBack.id, ev.membershipUpdate.id]);
	});
});
