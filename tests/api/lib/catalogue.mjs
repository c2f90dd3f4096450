/*
 * catalogue.mjs: what the catalogue tests (concepts, action fields,
 * measures, indicators, progress reports) share: paths, dates,
 * API-client tokens, creating and reading measures.
 */
import assert from 'node:assert/strict';
import { call } from './contract.mjs';
import { MUSTERSTADT, bearer, requestToken } from './auth.mjs';
import { api } from './requests.mjs';

export const base = (ags = MUSTERSTADT) => `/api/v1/municipalities/${ags}`;

/* A date n days from d (YYYY-MM-DD). */
export function addDays(d, n) {
	const x = new Date(`${d}T12:00:00Z`);
	x.setUTCDate(x.getUTCDate() + n);
	return x.toISOString().slice(0, 10);
}

/* An API client of Musterstadt for the organisation, created by officer: its access token. */
export async function clientToken(officer, organisationId, name, scopes) {
	const c = await call('POST', `${base(MUSTERSTADT)}/api-clients`, {
		headers: bearer(officer), body: { name, organisation_id: organisationId, scopes },
	});
	assert.equal(c.status, 201, c.text);
	const t = await requestToken({ grant_type: 'client_credentials', client_id: c.json.client_id, client_secret: c.json.client_secret });
	assert.equal(t.status, 200, t.text);
	return t.json.access_token;
}

/* POST a measure in the Kommune as token; fails unless 201. The measure. */
export async function createMeasure(token, body, ags = MUSTERSTADT) {
	const res = await api('POST', `${base(ags)}/measures`, token, { body });
	assert.equal(res.status, 201, `creating a measure: ${res.status} ${res.text.slice(0, 400)}`);
	return res.json;
}

/* GET a measure as token; fails unless 200. The measure. */
export async function getMeasure(id, token, ags = MUSTERSTADT) {
	const res = await api('GET', `${base(ags)}/measures/${id}`, token);
	assert.equal(res.status, 200, `GET measure ${id}: ${res.text.slice(0, 400)}`);
	return res.json;
}
