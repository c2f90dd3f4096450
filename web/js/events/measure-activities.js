/*
 * measure-activities.js: the block „Veranstaltungen und Angebote“ of the
 * measure page: the Veranstaltungen linked to the measure (…/measures/{id}/
 * events) and the Angebote of its lead and partner organisations
 * (…/measures/{id}/offers), each linked to its page. Built here, before
 * the „Umgesetzte Handlungsempfehlungen“ (or the Änderungsverlauf), so the
 * measure page's markup stays as it is; the measure view calls it with one
 * line.
 */

import { EVENT_STATUS, apiPath, eventHref, term } from './terms.js';
import { eventWhen } from './when.js';
import { OFFER_KIND, offerHref } from '../offers/terms.js';
import { authRequest } from '../shared/api.js';
import { problemText } from '../shared/problems.js';
import { badge } from '../shared/ui.js';

let generation = 0;

function section() {
  let part = document.getElementById('massnahme-aktivitaeten-bereich');
  if (part) return part;
  part = document.createElement('div');
  part.id = 'massnahme-aktivitaeten-bereich';
  const h = document.createElement('h2');
  h.textContent = 'Veranstaltungen und Angebote';
  const h3e = document.createElement('h3');
  h3e.textContent = 'Veranstaltungen zu dieser Maßnahme';
  const events = document.createElement('div');
  events.id = 'massnahme-veranstaltungen';
  const h3o = document.createElement('h3');
  h3o.textContent = 'Angebote der beteiligten Organisationen';
  const offers = document.createElement('div');
  offers.id = 'massnahme-angebote';
  part.append(h, h3e, events, h3o, offers);
  const before = document.getElementById('massnahme-empfehlungen-bereich')
    ?? document.getElementById('massnahme-beschluesse-bereich')
    ?? document.getElementById('massnahme-verlauf-bereich');
  before.before(part);
  return part;
}

const itemsOf = (body) => (Array.isArray(body) ? body : body?.items ?? []);

function text(t) {
  const p = document.createElement('p');
  p.className = 'text';
  p.textContent = t;
  return p;
}

function list(items, build) {
  const ul = document.createElement('ul');
  ul.className = 'plain-list measure-activities';
  for (const item of items) {
    const li = document.createElement('li');
    li.append(...build(item));
    ul.append(li);
  }
  return ul;
}

async function fill(box, path, empty, build, what) {
  try {
    const { body } = await authRequest('GET', path, { params: { limit: 100 } });
    const items = itemsOf(body);
    return () => box.replaceChildren(items.length ? list(items, build) : text(empty));
  } catch (err) {
    return () => box.replaceChildren(text(`${what} konnten nicht geladen werden. ${problemText(err)}`));
  }
}

/**
 * Show the events and offers of the measure m (from GET …/measures/{id}).
 * @param {string} ags
 * @param {{id: string}} m
 */
export async function renderMeasureActivities(ags, m) {
  const mine = ++generation;
  const part = section();
  const events = part.querySelector('#massnahme-veranstaltungen');
  const offers = part.querySelector('#massnahme-angebote');
  const base = apiPath(ags, 'measures', m.id);
  const done = await Promise.all([
    fill(events, `${base}/events`, 'Mit dieser Maßnahme ist keine Veranstaltung verknüpft.', (e) => {
      const a = document.createElement('a');
      a.href = eventHref(ags, e.id);
      a.textContent = e.title;
      return [a, ' – ', eventWhen(e), ' ', badge(term(EVENT_STATUS, e.status), `event_${e.status}`)];
    }, 'Die Veranstaltungen'),
    fill(offers, `${base}/offers`, 'Die beteiligten Organisationen haben hier keine Angebote, die Sie sehen können.', (o) => {
      const a = document.createElement('a');
      a.href = offerHref(ags, o.id);
      a.textContent = o.title;
      return [a, ` – ${term(OFFER_KIND, o.kind)}${o.organisation?.name ? `, ${o.organisation.name}` : ''}`];
    }, 'Die Angebote'),
  ]);
  if (mine !== generation) return;
  for (const show of done) show();
}
