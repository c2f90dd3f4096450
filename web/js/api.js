/*
 * api.js: the one place that talks HTTP to the Teilhabe API.
 *
 * apiGet() resolves with the parsed JSON body of a 2xx answer and rejects
 * with an ApiError otherwise. An ApiError carries the RFC 9457 problem
 * document (type, title, status, detail, errors) the server sent; for a
 * network failure or a body that is not a problem document it carries a
 * German stand-in, so callers can always show error.problem.detail.
 */

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  /**
   * @param {{type?: string, title?: string, status?: number, detail?: string,
   *          errors?: {pointer: string, message: string}[]}} problem
   * @param {{cause?: unknown}} [options]
   */
  constructor(problem, options) {
    super(problem.detail || problem.title || 'Unbekannter Fehler', options);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status ?? 0;
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
 * GET a JSON resource.
 * @param {string} path resource path below /api/v1
 * @param {Record<string, string | number | null | undefined>} [params]
 * @param {{signal?: AbortSignal}} [options]
 * @returns {Promise<any>} the parsed body
 * @throws {ApiError} on a network failure or a non-2xx status
 */
export async function apiGet(path, params, { signal } = {}) {
  let response;
  try {
    response = await fetch(apiUrl(path, params), {
      headers: { Accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause;
    throw new ApiError({
      title: 'Keine Verbindung',
      status: 0,
      detail: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.',
    }, { cause });
  }

  if (response.ok) {
    try {
      return await response.json();
    } catch (cause) {
      throw new ApiError({
        title: 'Ungültige Antwort',
        status: response.status,
        detail: 'Der Server hat eine Antwort gesendet, die nicht gelesen werden kann.',
      }, { cause });
    }
  }

  throw new ApiError(await readProblem(response));
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
