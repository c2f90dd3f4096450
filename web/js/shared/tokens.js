/*
 * tokens.js: where this tab keeps its access and refresh token.
 *
 * They live in sessionStorage: they stay with this browser tab (a reload
 * keeps the person signed in, another tab does not share it) and are gone
 * when the tab is closed. Read by the data layer (api.js) for every signed-in
 * request, written by it and by session.js.
 */

const STORAGE_KEY = 'teilhabe.session';

/** The tokens this tab holds, or null. */
export function readTokens() {
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

/** Keeps the tokens of a token endpoint answer; returns them. */
export function storeTokens(answer) {
  const tokens = {
    access_token: answer.access_token,
    refresh_token: answer.refresh_token,
    expires_at: Date.now() + (Number(answer.expires_in) || 0) * 1000,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  return tokens;
}

export function clearTokens() {
  sessionStorage.removeItem(STORAGE_KEY);
}
