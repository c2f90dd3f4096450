/*
 * links.js: where the Übersicht's numbers and names lead: the catalogue
 * filtered by its address filters (catalogue-filters.js), a measure, a
 * Kennzahl, a meeting (the meetings views, /#/sitzungen).
 */

import { catalogueHash, filtersFromParams } from '../catalogue/catalogue-filters.js';

export { measureHref } from '../catalogue/concept.js';
export { indicatorHref } from '../indicators/links.js';

/**
 * The catalogue of a Kommune's concept with the address filters given
 * (handlungsfeld, status, sachstand, ohne-sachstand, ueberfaellig):
 * "/#/katalog?kommune=…&konzept=…&…".
 * @param {string} ags
 * @param {string | null} conceptId
 * @param {Record<string, string>} filters
 */
export function catalogueHref(ags, conceptId, filters = {}) {
  const params = new URLSearchParams({ kommune: ags, ...(conceptId ? { konzept: conceptId } : {}), ...filters });
  return `/${catalogueHash(filtersFromParams(params))}`;
}

/** A meeting: /#/sitzungen/{id}?kommune=AGS. */
export function meetingHref(ags, id) {
  return `/#/sitzungen/${encodeURIComponent(id)}?${new URLSearchParams({ kommune: ags })}`;
}

/** Every meeting of the Kommune: /#/sitzungen?kommune=AGS. */
export function meetingsHref(ags) {
  return `/#/sitzungen?${new URLSearchParams({ kommune: ags })}`;
}

/** A link element with text (and an accessible name, when given). */
export function link(href, text, name = null) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  if (name) a.setAttribute('aria-label', name);
  return a;
}
