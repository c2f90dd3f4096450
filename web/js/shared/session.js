/*
 * session.js: signing in and out, and requests as the signed-in person.
 *
 * The access token and the refresh token live in sessionStorage: they stay
 * with this browser tab (a reload keeps the person signed in, another tab
 * does not share it) and are gone when the tab is closed. An access token
 * lives 15 minutes; authRequest() exchanges the refresh token for a new pair
 * (the refresh token is used up by that, so at most one exchange runs at a
 * time) when the access token is about to expire, and once more when the
 * server answers 401 anyway; then it repeats the request. When the refresh
 * token is refused the session has ended (signed out elsewhere, password
 * changed, account disabled): the tokens are dropped and the listeners hear
 * "expired".
 *
 * Listeners (onSessionChange) get one of "signed-in", "signed-out",
 * "expired" and "updated" (the person's data was read again).
 */

import { ApiError, apiRequest } from './api.js';

const STORAGE_KEY = 'teilhabe.session';
/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 60_000;

/** GET /api/v1/me of the signed-in person; null when unknown. */
let person = null;
/** The refresh in flight, shared by every caller that needs it. */
let refreshing = null;
const listeners = new Set();

export const SESSION_ENDED_TEXT =
  'Ihre Anmeldung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.';

function readTokens() {
  try {
    const tokens = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (tokens && typeof tokens.access_token === 'string' && typeof tokens.refresh_token === 'string'
        && Number.isFinite(tokens.expires_at)) {
      return tokens;
    }
  } catch {
    /* unreadable: treat as signed out */
  }
  return null;
}

function storeTokens(answer) {
  const tokens = {
    access_token: answer.access_token,
    refresh_token: answer.refresh_token,
    expires_at: Date.now() + (Number(answer.expires_in) || 0) * 1000,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  return tokens;
}

function clearTokens() {
  sessionStorage.removeItem(STORAGE_KEY);
}

function notify(reason) {
  for (const listener of listeners) listener(reason);
}

function sessionEndedError() {
  return new ApiError({ title: 'Nicht angemeldet', status: 401, detail: SESSION_ENDED_TEXT });
}

/* Drops the session this tab holds, and tells the listeners why. */
function endSession(reason) {
  const had = readTokens() !== null || person !== null;
  clearTokens();
  person = null;
  if (had) notify(reason);
}

/**
 * Register a listener for changes of the session.
 * @param {(reason: 'signed-in' | 'signed-out' | 'expired' | 'updated') => void} listener
 * @returns {() => void} removes the listener again
 */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether this tab holds a session (its person may not be read yet). */
export function isSignedIn() {
  return readTokens() !== null;
}

/** The signed-in person as GET /api/v1/me answered, or null. */
export function currentPerson() {
  return person;
}

/**
 * Sign in with email address and password (password grant), then read the
 * person. Rejects with the ApiError of the token endpoint: 400 with
 * error "invalid_grant" for wrong credentials, 429 with retryAfter.
 * @returns {Promise<object>} the person (GET /api/v1/me)
 */
export async function signIn(email, password) {
  await settleRefresh();
  const { body } = await apiRequest('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password },
    cache: 'no-store',
  });
  storeTokens(body);
  try {
    person = await readPerson();
  } catch (err) {
    clearTokens();
    person = null;
    throw err;
  }
  notify('signed-in');
  return person;
}

/**
 * Sign out: the server ends the session (its refresh and access tokens stop
 * working), then this tab forgets the tokens, even when the server could not
 * be reached.
 * @returns {Promise<boolean>} whether the server confirmed it
 */
export async function signOut() {
  await settleRefresh();
  const tokens = readTokens();
  let confirmed = true;
  if (tokens) {
    try {
      await apiRequest('POST', 'auth/revoke', {
        body: { token: tokens.refresh_token, token_type_hint: 'refresh_token' },
        cache: 'no-store',
      });
    } catch {
      confirmed = false;
    }
  }
  clearTokens();
  person = null;
  notify('signed-out');
  return confirmed;
}

/**
 * Read the signed-in person again (GET /api/v1/me), e.g. after a reload.
 * Resolves with null when this tab holds no session or it has ended.
 * @returns {Promise<object | null>}
 */
export async function restoreSession() {
  if (!isSignedIn()) {
    person = null;
    return null;
  }
  try {
    person = await readPerson();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
  notify('updated');
  return person;
}

async function readPerson() {
  const { body } = await authRequest('GET', 'me');
  return body;
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
      endSession('expired');
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
        endSession('expired');
        throw sessionEndedError();
      }
      throw err; // no connection, 5xx: the session may still be fine
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/* Lets an exchange in flight finish, so its answer cannot bring back
   tokens this tab is about to replace or forget. */
async function settleRefresh() {
  if (!refreshing) return;
  try {
    await refreshing;
  } catch {
    /* its outcome does not matter here */
  }
}
