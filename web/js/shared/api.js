/*
 * api.js: the one place that talks HTTP to the Teilhabe API.
 *
 * apiRequest() resolves with {status, body, etag} for a 2xx answer and
 * rejects with an ApiError otherwise; apiGet() is its short form for public
 * reads and resolves with the parsed body only. An ApiError carries the
 * RFC 9457 problem document (type, title, status, detail, errors, and for
 * OAuth answers error) the server sent, and the Retry-After seconds when
 * the server sent them; for a network failure or a body that is not a
 * problem document it carries a German stand-in, so callers can always show
 * error.problem.detail. Signed-in requests go through session.js, which
 * adds the access token.
 */

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
 *          cache?: RequestCache, signal?: AbortSignal}} [options]
 *        body is sent as JSON; cache as for fetch()
 * @returns {Promise<{status: number, body: any, etag: string | null}>}
 *          body is null when the answer has none (e.g. 204)
 * @throws {ApiError} on a network failure or a non-2xx status
 */
export async function apiRequest(method, path, { params, body, headers = {}, cache = 'default', signal } = {}) {
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
