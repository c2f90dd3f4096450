/*
 * session.js: signing in and out, and who is signed in.
 *
 * The tokens live in sessionStorage (tokens.js); requests as the signed-in
 * person go through authRequest() of the data layer (api.js), which
 * exchanges the refresh token for a new pair (the refresh token is used up
 * by that, so at most one exchange runs at a time) when the access token is
 * about to expire, and once more when the server answers 401 anyway. When
 * the refresh token is refused the session has ended (signed out elsewhere,
 * password changed, account disabled): the tokens are dropped and the
 * listeners hear "expired".
 *
 * Listeners (onSessionChange) get one of "signed-in", "signed-out",
 * "expired" and "updated" (the person's data was read again).
 */

import {
  ApiError, SESSION_ENDED_TEXT, apiRequest, authRequest, onSessionEnded, settleRefresh,
} from './api.js';
import { clearTokens, readTokens, storeTokens } from './tokens.js';

export { SESSION_ENDED_TEXT };

/** GET /api/v1/me of the signed-in person; null when unknown. */
let person = null;
const listeners = new Set();

function notify(reason) {
  for (const listener of listeners) listener(reason);
}

/* Drops the session this tab holds, and tells the listeners why. */
function endSession(reason) {
  const had = readTokens() !== null || person !== null;
  clearTokens();
  person = null;
  if (had) notify(reason);
}

onSessionEnded(() => endSession('expired'));

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
