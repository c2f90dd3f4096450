/*
 * context.js: the Kommune a view of the Integrationskonzept is about, and
 * what the signed-in person may do there. Integrationsbeauftragte and the
 * Kreisadministration edit versions, Leitziele and Handlungsfelder; the
 * Steuerungsgruppe and the Kreisadministration record the Beschluss;
 * everyone else with a role there (Partner) reads. The server decides; this
 * only chooses which controls to offer.
 */

import { loadAllMunicipalities } from '../shared/api.js';
import { memberMunicipalities } from '../shared/roles.js';

/**
 * The Kommunen to choose from: the person's own, for district admins every
 * one of the district (their own when the list cannot be read).
 * @returns {Promise<{ags: string, name: string}[]>}
 */
export async function municipalityChoices(person) {
  const own = memberMunicipalities(person);
  if (!person?.district_admin) return own;
  try {
    return await loadAllMunicipalities();
  } catch {
    return own;
  }
}

/**
 * Fill the select and choose: the wanted AGS, else the remembered one, else
 * the first. Returns the AGS chosen, or null when there is none.
 */
export function fillMunicipalitySelect(select, options, ...wanted) {
  select.replaceChildren(...options.map((m) => new Option(m.name, m.ags)));
  const ags = wanted.find((a) => a && options.some((m) => m.ags === a)) ?? options[0]?.ags ?? null;
  if (ags) select.value = ags;
  return ags;
}

/** The name of a Kommune among the select's options. */
export function municipalityName(select, ags) {
  return [...select.options].find((o) => o.value === ags)?.textContent ?? ags;
}

/**
 * @returns {{manage: boolean, adopt: boolean}} manage: create and edit
 *          versions, Leitziele, Handlungsfelder; adopt: record the Beschluss
 */
export function conceptPermissions(person, ags) {
  const admin = Boolean(person?.district_admin);
  const here = (person?.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  return {
    manage: admin || here.some((m) => m.role === 'officer'),
    adopt: admin || here.some((m) => m.role === 'steering'),
  };
}

/* The Kommune last chosen in these views, for the next visit. */
let remembered = null;
export function rememberMunicipality(ags) {
  remembered = ags;
}
export function rememberedMunicipality() {
  return remembered;
}
