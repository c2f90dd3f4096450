/*
 * header.js: the page header's view of the session: who is signed in, with
 * their roles per Kommune, and which navigation entries apply to them.
 */

import {
  canSeeAccounts, canSeeCatalogue, canSeeOverview, isPartner, roleLines,
} from './roles.js';

const signedOut = document.getElementById('kopf-abgemeldet');
const signedIn = document.getElementById('kopf-angemeldet');
const name = document.getElementById('kopf-name');
const roles = document.getElementById('kopf-rollen');
const navLinks = [...document.querySelectorAll('.site-nav a[data-route]')];

/**
 * Show the session in the header.
 * @param {object | null} person GET /api/v1/me, or null while unknown
 * @param {boolean} hasSession whether this tab holds a session
 * @param {{failed?: boolean}} [options] failed: the person could not be read
 */
export function renderHeader(person, hasSession, { failed = false } = {}) {
  signedOut.hidden = hasSession;
  signedIn.hidden = !hasSession;
  name.textContent = person?.display_name
    ?? (failed ? 'Ihre Angaben konnten nicht geladen werden' : 'Angaben werden geladen …');
  roles.replaceChildren(...(person ? roleLines(person) : []).map((line) => {
    const li = document.createElement('li');
    li.textContent = line;
    return li;
  }));
  roles.hidden = roles.childElementCount === 0;

  for (const li of document.querySelectorAll('.site-nav [data-show-for]')) {
    const need = li.dataset.showFor;
    li.hidden = need === 'accounts' ? !canSeeAccounts(person)
      : need === 'catalogue' ? !canSeeCatalogue(person)
        : need === 'staff' ? !canSeeOverview(person)
          : need === 'partner' ? !isPartner(person) : !hasSession;
  }
}

/**
 * Mark the navigation entry of the current view (aria-current="page").
 * @param {string} route e.g. "", "konten", "konten/neu"
 */
export function markCurrentNav(route) {
  const section = route.split('/')[0];
  for (const link of navLinks) {
    if (link.dataset.route === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
