/*
 * auth.mjs: signing in, reading and forging access tokens, and running SQL
 * on the test database, for the auth tests.
 *
 * Forging needs the server's keys: TEST_TOKEN_KEYS is the path of its key
 * file (lines "KID BASE64SECRET"; the first line's key signs, all verify).
 * SQL needs TEST_PSQL_CMD, a shell command prefix that runs psql as the
 * superuser on the test database (tests/run.sh sets both).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { call } from './contract.mjs';

export const TOKEN_PATH = '/api/v1/auth/token';
export const ME_PATH = '/api/v1/me';
export const DEMO_PASSWORD = 'Teilhabe-Demo-2026';
export const ISSUER = 'teilhabe';
export const AUDIENCE = 'teilhabe-api';
export const TTL = 900;
export const LEEWAY = 30;
export const MAX_TOKEN_LEN = 4096;

/* sql/demo/020_accounts.sql: every role, with the memberships it holds. */
export const CARITAS = 'Caritasverband für den Musterkreis e.V.';
export const DEMO_ACCOUNTS = [
	{ email: 'kreis@musterkreis.example', dadm: true, mem: [] },
	{ email: 'buergermeisterin@musterstadt.example', dadm: false, mem: [['05999004', 'steering']] },
	{ email: 'integration@musterstadt.example', dadm: false, mem: [['05999004', 'officer']] },
	{ email: 'integration@musterlingen.example', dadm: false, mem: [['05999008', 'officer']] },
	{ email: 'familienamt@musterlingen.example', dadm: false, mem: [['05999008', 'steering']] },
	{
		email: 'migrationsdienst@caritas-musterkreis.example', dadm: false,
		mem: [['05999004', 'partner', CARITAS], ['05999008', 'partner', CARITAS], ['05999012', 'partner', CARITAS]],
	},
];

export const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
export const now = () => Math.floor(Date.now() / 1000);

/* The server's keys, in file order: [{ kid, secret: Buffer }]. */
export function serverKeys() {
	const path = process.env.TEST_TOKEN_KEYS;
	assert.ok(path, 'TEST_TOKEN_KEYS is not set: it must name the server\'s token key file (tests/run.sh sets it)');
	const keys = readFileSync(path, 'utf8').split('\n')
		.filter((l) => l.trim() && !l.startsWith('#'))
		.map((l) => {
			const [kid, secret] = l.trim().split(/\s+/);
			return { kid, secret: Buffer.from(secret, 'base64') };
		});
	assert.ok(keys.length >= 2, `${path} must hold two keys (signing and rotated), has ${keys.length}`);
	return keys;
}

export function hmac(alg, secret, data) {
	return createHmac(alg, secret).update(data).digest('base64url');
}

/*
 * A token: header and payload as given (objects, or strings taken as the
 * raw JSON), signed with HMAC over "header.payload" using secret (default:
 * the server's signing key) and digest alg (default sha256).
 */
export function forge(payload, { header, secret, digest = 'sha256' } = {}) {
	const k = serverKeys()[0];
	const h = header ?? { alg: 'HS256', kid: k.kid, typ: 'JWT' };
	const signed = `${b64url(h)}.${b64url(payload)}`;
	return `${signed}.${hmac(digest, secret ?? k.secret, signed)}`;
}

/* Claims as the server issues them, for account sub, valid now. */
export function claims(sub, extra = {}) {
	const t = now();
	return {
		aud: AUDIENCE, dadm: false, exp: t + TTL, iat: t, iss: ISSUER,
		jti: randomBytes(16).toString('base64url'), mem: [], nbf: t, sub: String(sub), ...extra,
	};
}

/*
 * The claims of token (one the server issued), made anew for now: a new
 * jti, iat and nbf now, exp a lifetime later, and extra on top. The
 * database refuses a token whose roles are not the stored ones, so a
 * forged token meant to pass keeps the account's real did, dadm, mem and
 * sid.
 */
export function claimsOf(token, extra = {}) {
	const t = now();
	return {
		...decode(token).payload, jti: randomBytes(16).toString('base64url'), iat: t, nbf: t, exp: t + TTL, ...extra,
	};
}

export function decode(token) {
	const parts = token.split('.');
	assert.equal(parts.length, 3, `a JWT has three parts: ${token}`);
	return {
		header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
		payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
		signature: parts[2],
		signed: `${parts[0]}.${parts[1]}`,
	};
}

/*
 * The client address this test process signs in from. The test server
 * trusts X-Forwarded-For from 127.0.0.1, so each test file gets an address
 * of its own and the sign-in throttle of one file cannot lock out another.
 */
export const TEST_ADDR = `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${1 + Math.floor(Math.random() * 250)}`;

/* POST /api/v1/auth/token as JSON (default) or as a form; the raw answer. */
export function requestToken(fields, { form = false, headers = {} } = {}) {
	headers = { 'X-Forwarded-For': TEST_ADDR, ...headers };
	if (form) {
		return call('POST', TOKEN_PATH, {
			body: new URLSearchParams(fields).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		});
	}
	return call('POST', TOKEN_PATH, { body: fields, headers });
}

/* Signs in and returns the access token; fails unless the answer is 200. */
export async function signIn(email, password = DEMO_PASSWORD, opts = {}) {
	const res = await requestToken({ grant_type: 'password', username: email, password }, opts);
	assert.equal(res.status, 200, `sign-in of ${email}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json.access_token;
}

/* The demo personas the tests sign in as (sql/demo/020_accounts.sql). */
export const PERSONAS = {
	officer: 'integration@musterstadt.example',
	steering: 'buergermeisterin@musterstadt.example',
	partner: 'migrationsdienst@caritas-musterkreis.example',
	officerL: 'integration@musterlingen.example',
	steeringL: 'familienamt@musterlingen.example',
	dadm: 'kreis@musterkreis.example',
};

/* Signs in the personas named (keys of PERSONAS) at once; their access tokens in that order. */
export function signInPersonas(...names) {
	return Promise.all(names.map((name) => signIn(PERSONAS[name])));
}

export function me(token, opts = {}) {
	const headers = token === undefined ? {} : { Authorization: `Bearer ${token}` };
	return call('GET', ME_PATH, { headers, ...opts });
}

/* Runs SQL through TEST_PSQL_CMD (unaligned, tuples only); returns stdout. */
export function psql(sql) {
	const cmd = process.env.TEST_PSQL_CMD;
	assert.ok(cmd, 'TEST_PSQL_CMD is not set: it must be a shell command prefix that runs psql as the superuser on the test database (tests/run.sh sets it)');
	return execFileSync('sh', ['-c', `${cmd} "$@"`, 'sh', '-At', '-c', sql], { encoding: 'utf8' }).trim();
}

/* A string literal for SQL. */
export const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

/* ------------------------------------------------------------------------
 * Sessions, accounts of their own and API clients, for the tests of
 * refresh tokens, API clients, throttling and the audit log.
 */

export const REVOKE_PATH = '/api/v1/auth/revoke';
export const INVITATION_PATH = '/api/v1/auth/invitation';
export const ACCOUNTS_PATH = '/api/v1/accounts';
export const MUSTERSTADT = '05999004';
export const MUSTERLINGEN = '05999008';

/* Authorization header for a bearer token. */
export const bearer = (token) => ({ Authorization: `Bearer ${token}` });

/* An email address no account has yet: tag, this process and random hex. */
export const uniqueEmail = (tag = 'test') =>
	`${tag}-${process.pid}-${randomBytes(5).toString('hex')}@test.example`;

/* A tag unique to this run: process and random hex. */
export const tag = () => `${process.pid}-${randomBytes(3).toString('hex')}`;

/* A password that passes the policy (12..256 characters). */
export const newPassword = () => `Pw-${randomBytes(12).toString('base64url')}`;

/* Signs in and returns the whole token answer (access_token, refresh_token, ...). */
export async function signInFull(email, password = DEMO_PASSWORD, opts = {}) {
	const res = await requestToken({ grant_type: 'password', username: email, password }, opts);
	assert.equal(res.status, 200, `sign-in of ${email}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

/* POST /api/v1/auth/token with grant_type=refresh_token; the raw answer. */
export function refreshGrant(refreshToken, opts = {}) {
	return requestToken({ grant_type: 'refresh_token', refresh_token: refreshToken }, opts);
}

/* POST /api/v1/auth/revoke (JSON, or a form with form: true); the raw answer. */
export function revoke(fields, { form = false, headers = {} } = {}) {
	if (form) {
		return call('POST', REVOKE_PATH, {
			body: new URLSearchParams(fields).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		});
	}
	return call('POST', REVOKE_PATH, { body: fields, headers });
}

/*
 * Creates an account as manager (a district admin or an officer) and
 * accepts its invitation: { id, email, password, doc }. memberships default
 * to steering in Musterstadt, which the Musterstadt officer may give.
 */
export async function createAccount(managerToken, {
	email = uniqueEmail('acct'), display_name, memberships = [{ municipality: MUSTERSTADT, role: 'steering' }],
	password = newPassword(), district_admin,
} = {}) {
	const body = { email, display_name: display_name ?? `Testkonto ${email.split('@')[0]}`, memberships };
	if (district_admin !== undefined) body.district_admin = district_admin;
	const res = await call('POST', ACCOUNTS_PATH, { headers: bearer(managerToken), body });
	assert.equal(res.status, 201, `creating ${email}: ${res.status} ${res.text.slice(0, 300)}`);
	const accepted = await call('POST', INVITATION_PATH, { body: { token: res.json.invitation.token, password } });
	assert.equal(accepted.status, 200, `accepting the invitation of ${email}: ${accepted.status} ${accepted.text.slice(0, 300)}`);
	assert.equal(accepted.json.email, email);
	return { id: res.json.id, email, password, doc: res.json };
}

/* The id of the organisation named name (exactly), looked up as token sees it. */
export async function organisationId(token, name) {
	const res = await call('GET', `/api/v1/organisations?q=${encodeURIComponent(name)}&limit=200`, { headers: bearer(token) });
	assert.equal(res.status, 200, `organisations: ${res.status} ${res.text.slice(0, 300)}`);
	const org = res.json.items.find((o) => o.name === name);
	assert.ok(org, `no organisation named ${name}: ${res.text.slice(0, 300)}`);
	return org.id;
}
