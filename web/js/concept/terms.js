/*
 * terms.js: the words of the Integrationskonzept views in German. The API
 * names a version's status by a code; the pages show the municipal term.
 */

import { formatDate } from '../shared/format.js';

/** Integrationskonzept: Entwurf → in Beteiligung → beschlossen → archiviert. */
export const CONCEPT_STATUS = {
  draft: 'Entwurf',
  consultation: 'in Beteiligung',
  adopted: 'beschlossen',
  archived: 'archiviert',
};

/** The German term of a status code, or the code itself. */
export function statusLabel(code) {
  return Object.hasOwn(CONCEPT_STATUS, code) ? CONCEPT_STATUS[code] : String(code ?? '');
}

/** "am 26.02.2026, Drucksache 047/2026", or "" before the adoption. */
export function resolutionText(concept) {
  const parts = [];
  if (concept.resolution_date) parts.push(`am ${formatDate(concept.resolution_date)}`);
  if (concept.resolution_reference) parts.push(concept.resolution_reference);
  return parts.join(', ');
}

/** "Version 2 – Titel" */
export function versionText(concept) {
  return `Version ${concept.version} – ${concept.title}`;
}

/** The address of a version's page. */
export function conceptHref(ags, id) {
  return `/#/konzepte/${encodeURIComponent(id)}?${new URLSearchParams({ kommune: ags })}`;
}
