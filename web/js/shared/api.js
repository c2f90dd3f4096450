/*
 * api.js: the data layer, the one place that talks HTTP to the Teilhabe API.
 *
 * apiRequest() resolves with {status, body, etag} for a 2xx answer and
 * rejects with an ApiError otherwise; apiGet() is its short form for public
 * reads and resolves with the parsed body only. authRequest() is a request
 * as the signed-in person: with the access token, refreshed first when it is
 * about to expire and once more after a 401. A change sends the ETag it read
 * as If-Match (headers option); the answer's ETag comes back with the body.
 * getAll() follows a list's next_cursor to its end.
 *
 * An ApiError carries the RFC 9457 problem document (type, title, status,
 * detail, errors, and for OAuth answers error) the server sent, and the
 * Retry-After seconds when the server sent them; for a network failure or a
 * body that is not a problem document it carries a German stand-in, so
 * callers can always show error.problem.detail.
 */

import { clearTokens, readTokens, storeTokens } from './tokens.js';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  /**
   * @param {{type?: string, title?: string, status?: number, detail?: string,
   *          error?: string, errors?: {pointer?: string, parameter?: string, message: string}[]}} problem
   * @param {{cause?: unknown, retryAfter?: number | null}} [options]
   */
  constructor(problem, options = {}) {
    super(problem.detail || problem.title || 'Unbekannter Fehler', options);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status ?? 0;
    /** Seconds from a Retry-After header, or null. */
    this.retryAfter = options.retryAfter ?? null;
  }
}

/**
 * Build the URL of an API resource.
 * @param {string} path resource path below /api/v1, e.g. "municipalities"
 * @param {Record<string, string | number | null | undefined>} [params]
 *        query parameters; null and undefined ones are left out
 * @returns {string}
 */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const qs = query.toString();
  return `${API_BASE}/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
}

/**
 * Send a request to the API.
 * @param {string} method e.g. "GET", "POST", "PATCH"
 * @param {string} path resource path below /api/v1
 * @param {{params?: Record<string, string | number | null | undefined>,
 *          body?: unknown, headers?: Record<string, string>,
 *          cache?: RequestCache, signal?: AbortSignal, as?: 'json' | 'blob'}} [options]
 *        body is sent as JSON; cache as for fetch(); as: 'blob' reads a
 *        2xx answer as a Blob (a download, e.g. Accept: text/csv) and
 *        adds its file name from Content-Disposition (or null)
 * @returns {Promise<{status: number, body: any, etag: string | null, filename?: string | null}>}
 *          body is null when the answer has none (e.g. 204)
 * @throws {ApiError} on a network failure or a non-2xx status
 */
export async function apiRequest(method, path, {
  params, body, headers = {}, cache = 'default', signal, as = 'json',
} = {}) {
  const init = {
    method,
    headers: { Accept: 'application/json, application/problem+json', ...headers },
    credentials: 'same-origin',
    cache,
    signal,
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(apiUrl(path, params), init);
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause;
    throw new ApiError({
      title: 'Keine Verbindung',
      status: 0,
      detail: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.',
    }, { cause });
  }

  if (response.ok) {
    const etag = response.headers.get('ETag');
    if (as === 'blob') {
      return {
        status: response.status, body: await response.blob(), etag, filename: dispositionName(response),
      };
    }
    const text = await response.text();
    if (text === '') return { status: response.status, body: null, etag };
    try {
      return { status: response.status, body: JSON.parse(text), etag };
    } catch (cause) {
      throw new ApiError({
        title: 'Ungültige Antwort',
        status: response.status,
        detail: 'Der Server hat eine Antwort gesendet, die nicht gelesen werden kann.',
      }, { cause });
    }
  }

  throw new ApiError(await readProblem(response), { retryAfter: retryAfterSeconds(response) });
}

/**
 * GET a public JSON resource.
 * @param {string} path resource path below /api/v1
 * @param {Record<string, string | number | null | undefined>} [params]
 * @param {{signal?: AbortSignal}} [options]
 * @returns {Promise<any>} the parsed body
 * @throws {ApiError} on a network failure or a non-2xx status
 */
export async function apiGet(path, params, { signal } = {}) {
  return (await apiRequest('GET', path, { params, signal })).body;
}

/* The file name of Content-Disposition: attachment; filename="…", or null. */
function dispositionName(response) {
  const m = /filename="([^"\\/]+)"/i.exec(response.headers.get('Content-Disposition') ?? '');
  return m ? m[1] : null;
}

/* A problem document from the body, or a stand-in when there is none
   (e.g. a proxy's HTML error page). */
async function readProblem(response) {
  const fallback = {
    title: response.statusText || 'Fehler',
    status: response.status,
    detail: response.status >= 500
      ? `Der Server hat einen Fehler gemeldet (HTTP ${response.status}). Bitte versuchen Sie es später erneut.`
      : `Die Anfrage wurde abgelehnt (HTTP ${response.status}).`,
  };
  const type = response.headers.get('Content-Type') || '';
  if (!/json/i.test(type)) return fallback;
  try {
    const body = await response.json();
    if (body && typeof body === 'object') return { ...fallback, ...body, status: body.status ?? response.status };
  } catch {
    /* not JSON after all: use the stand-in */
  }
  return fallback;
}

/* Retry-After as whole seconds (RFC 9110 allows a date as well). */
function retryAfterSeconds(response) {
  const raw = response.headers.get('Retry-After');
  if (raw === null) return null;
  if (/^\d+$/.test(raw.trim())) return Number.parseInt(raw, 10);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/* ---- Signed-in requests ---------------------------------------------- */

/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 60_000;

export const SESSION_ENDED_TEXT =
  'Ihre Anmeldung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.';

/** The refresh in flight, shared by every caller that needs it. */
let refreshing = null;
/** Called when the server refuses the session (session.js sets it). */
let sessionEnded = clearTokens;

/**
 * What to do when the session has ended (refresh token refused, or a 401
 * after a fresh access token): session.js forgets the person and tells its
 * listeners. The handler must drop the tokens.
 * @param {() => void} handler
 */
export function onSessionEnded(handler) {
  sessionEnded = handler;
}

function sessionEndedError() {
  return new ApiError({ title: 'Nicht angemeldet', status: 401, detail: SESSION_ENDED_TEXT });
}

/**
 * A request as the signed-in person: apiRequest() with the access token,
 * refreshed first when it is about to expire and once more after a 401.
 * @param {string} method
 * @param {string} path resource path below /api/v1
 * @param {Parameters<typeof apiRequest>[2]} [options]
 * @returns {ReturnType<typeof apiRequest>}
 * @throws {ApiError} 401 (German detail) when no session is left
 */
export async function authRequest(method, path, options = {}) {
  let tokens = readTokens();
  if (!tokens) throw sessionEndedError();
  if (tokens.expires_at - Date.now() < REFRESH_MARGIN_MS) tokens = await refresh(tokens.access_token);

  const send = (t) => apiRequest(method, path, {
    cache: 'no-store',
    ...options,
    headers: { ...options.headers, Authorization: `Bearer ${t.access_token}` },
  });

  try {
    return await send(tokens);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
  }
  // Refused although it looked valid (e.g. the server's clock, or the
  // session ended): one new access token, one more try.
  tokens = await refresh(tokens.access_token);
  try {
    return await send(tokens);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      sessionEnded();
      throw sessionEndedError();
    }
    throw err;
  }
}

/*
 * New tokens for the ones whose access token is `stale`. A caller that
 * comes while an exchange runs shares it; one that comes after it gets the
 * new tokens without a second exchange (a refresh token works only once, and
 * showing a used one again would end the whole session).
 */
function refresh(stale) {
  if (refreshing) return refreshing;
  const current = readTokens();
  if (!current) return Promise.reject(sessionEndedError());
  if (current.access_token !== stale) return Promise.resolve(current);

  refreshing = (async () => {
    try {
      const { body } = await apiRequest('POST', 'auth/token', {
        body: { grant_type: 'refresh_token', refresh_token: current.refresh_token },
        cache: 'no-store',
      });
      return storeTokens(body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        sessionEnded();
        throw sessionEndedError();
      }
      throw err; // no connection, 5xx: the session may still be fine
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Lets an exchange in flight finish, so its answer cannot bring back
    tokens this tab is about to replace or forget. */
export async function settleRefresh() {
  if (!refreshing) return;
  try {
    await refreshing;
  } catch {
    /* its outcome does not matter here */
  }
}

/* ---- Lists ------------------------------------------------------------ */

/**
 * One page of a list: GET path with params and the cursor (null: the first
 * page), public or as the signed-in person.
 * @param {string} path resource path below /api/v1
 * @param {{params?: Record<string, string | number | null | undefined>,
 *          cursor?: string | null, auth?: boolean}} [options]
 * @returns {Promise<{items?: any[], next_cursor?: string | null}>} the body
 */
export async function getPage(path, { params = {}, cursor = null, auth = false } = {}) {
  const all = { ...params, cursor };
  if (auth) return (await authRequest('GET', path, { params: all })).body;
  return apiGet(path, all);
}

/**
 * Every item of a list, in pages of 200, following next_cursor (at most 50
 * pages).
 * @param {string} path resource path below /api/v1
 * @param {{params?: Record<string, string | number | null | undefined>, auth?: boolean}} [options]
 * @returns {Promise<any[]>}
 */
export async function getAll(path, { params = {}, auth = false } = {}) {
  const all = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const body = await getPage(path, { params: { ...params, limit: 200 }, cursor, auth });
    all.push(...(Array.isArray(body?.items) ? body.items : []));
    cursor = body?.next_cursor ?? null;
    if (!cursor) break;
  }
  return all;
}

/** Every municipality of the district, {ags, name} by name (public list). */
export async function loadAllMunicipalities() {
  const all = (await getAll('municipalities')).map((m) => ({ ags: m.ags, name: m.name }));
  return all.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}
