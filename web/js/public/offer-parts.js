/*
 * offer-parts.js: pieces the public Angebote and Veranstaltungen pages
 * share (js/public/offers.js, offer.js, events.js, event.js): a list of
 * facts, the address of a place, the filters between the address and the
 * form, the Kommunen for the Kommune filter. Built as DOM nodes with text
 * only.
 */

import { loadAllMunicipalities } from '../shared/api.js';
import { missing } from '../shared/ui.js';
import { costText, slotLines } from './offer-terms.js';

/**
 * A description list; add(name, value) appends a row (value: text or node;
 * empty ones read „keine Angabe“ unless skipEmpty).
 */
export function factList(className = 'facts') {
  const dl = document.createElement('dl');
  dl.className = className;
  const add = (name, value, { skipEmpty = false } = {}) => {
    const empty = value === null || value === undefined || value === ''
      || (Array.isArray(value) && value.length === 0);
    if (empty && skipEmpty) return;
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    if (empty) dd.append(missing());
    else if (Array.isArray(value)) dd.append(lines(value));
    else dd.append(value);
    div.append(dt, dd);
    dl.append(div);
  };
  return { dl, add };
}

/* Several lines of text, one per line. */
function lines(texts) {
  if (texts.length === 1) return texts[0];
  const ul = document.createElement('ul');
  ul.className = 'plain-list';
  for (const t of texts) {
    const li = document.createElement('li');
    li.append(t);
    ul.append(li);
  }
  return ul;
}

/** „Marktstraße 1, 59999 Musterstadt“ of a thing with street, postcode, city (and place). */
export function addressText(x) {
  const town = [x?.postcode, x?.city].filter(Boolean).join(' ');
  return [x?.place, x?.street, town].filter(Boolean).join(', ');
}

/**
 * The filters an address names, as {key: value}; only the given keys,
 * only values that pass their check.
 * @param {URLSearchParams} params
 * @param {Record<string, (v: string) => boolean>} checks address key -> check
 */
export function filtersFromParams(params, checks) {
  const out = {};
  for (const [key, ok] of Object.entries(checks)) {
    const v = (params.get(key) ?? '').trim();
    if (v && ok(v)) out[key] = v;
  }
  return out;
}

/** The address of a list with its filters ("#/angebote-im-kreis?sprache=ar"). */
export function hashWith(path, filters) {
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

let municipalities = null;
/** Every Kommune of the district, {ags, name} by name (loaded once). */
export function districtMunicipalities() {
  municipalities ??= loadAllMunicipalities().catch((err) => {
    municipalities = null;
    throw err;
  });
  return municipalities;
}

/** The options of a <select>: the empty choice first, then [value, text] pairs. */
export function fillSelect(select, emptyText, pairs, value = '') {
  select.replaceChildren(new Option(emptyText, ''), ...pairs.map(([v, t]) => new Option(t, v)));
  select.value = pairs.some(([v]) => v === value) ? value : '';
}

/** [code, German term] pairs of a term table, by term. */
export function sortedTerms(terms) {
  return Object.entries(terms).sort((a, b) => a[1].localeCompare(b[1], 'de'));
}

/** A link to another site: says so, and opens in the same tab. */
export function externalLink(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener noreferrer external';
  a.textContent = text;
  const note = document.createElement('span');
  note.className = 'visually-hidden';
  note.textContent = ' (externe Seite)';
  a.append(note);
  return a;
}

/** A website address usable as a link (http or https only), or null. */
export function webHref(url) {
  if (!url) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The times of an offer: its weekly slots in German, then its own words. */
export function offerTimes(o) {
  const out = slotLines(o.slots);
  if (o.times_text) out.push(o.times_text);
  return out;
}

/** „kostenlos“, or the cost's own words. */
export function offerCost(o) {
  const base = costText(o.cost);
  if (o.cost_text && base) return `${base}: ${o.cost_text}`;
  return o.cost_text || base;
}

/** „Anmeldung erforderlich“ with its words, or „ohne Anmeldung“. */
export function offerRegistration(o) {
  if (o.registration_required === true) {
    return o.registration_text ? `Anmeldung erforderlich: ${o.registration_text}` : 'Anmeldung erforderlich';
  }
  if (o.registration_required === false) {
    return o.registration_text ? `ohne Anmeldung – ${o.registration_text}` : 'ohne Anmeldung, einfach vorbeikommen';
  }
  return o.registration_text || '';
}
