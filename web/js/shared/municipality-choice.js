/*
 * municipality-choice.js: which Kommune a view shows when its address names
 * none. The Maßnahmenkatalog and the Übersicht share the rule and the
 * memory: the Kommune chosen last (if it has an Integrationskonzept), else
 * the first of the person's with an adopted concept, else the first with
 * any concept, never an empty one while another has a concept.
 */

import { getAll } from './api.js';
import { currentPerson } from './session.js';
import { memberMunicipalities } from './roles.js';

/* How many Kommunen the default looks into for an adopted concept. */
const DEFAULT_LOOKUPS = 12;

function storageKey() {
  const id = currentPerson()?.id;
  return id ? `teilhabe.katalog.kommune.${id}` : null;
}

/** Remembers the Kommune the person chose (per account, in this browser). */
export function rememberMunicipality(ags) {
  const key = storageKey();
  try {
    if (key) window.localStorage.setItem(key, ags);
  } catch {
    /* storage refused: the default stays the first Kommune */
  }
}

/** The Kommune chosen last, or null. */
export function recalledMunicipality() {
  const key = storageKey();
  try {
    return key ? window.localStorage.getItem(key) : null;
  } catch {
    return null;
  }
}

/**
 * The Kommune to show among options ({ags, name}[]), with its concepts so
 * they are read once: {ags, concepts} (concepts null when they could not
 * be read), or null when there is no option.
 * @param {{ags: string}[]} options
 * @param {() => boolean} [stale] true once the caller no longer waits: stops early with null
 */
export async function defaultMunicipality(options, stale = () => false) {
  const person = currentPerson();
  const remembered = recalledMunicipality();
  const own = new Set(memberMunicipalities(person).map((m) => m.ags));
  const order = [
    ...options.filter((m) => m.ags === remembered),
    ...options.filter((m) => m.ags !== remembered && own.has(m.ags)),
    ...options.filter((m) => m.ags !== remembered && !own.has(m.ags)),
  ].slice(0, DEFAULT_LOOKUPS);
  let fallback = null;
  for (const m of order) {
    let concepts;
    try {
      concepts = await getAll(`municipalities/${encodeURIComponent(m.ags)}/concepts`, { auth: true });
    } catch {
      continue;
    }
    if (stale()) return null;
    if (concepts.some((c) => c.status === 'adopted') || (m.ags === remembered && concepts.length)) {
      return { ags: m.ags, concepts };
    }
    if (!fallback && concepts.length) fallback = { ags: m.ags, concepts };
  }
  return fallback ?? (order[0] ? { ags: order[0].ags, concepts: null } : null);
}
