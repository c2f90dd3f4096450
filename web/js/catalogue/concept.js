/*
 * concept.js: how the catalogue's views name an Integrationskonzept and
 * link a measure (used by the catalogue list and the measure view).
 */

import { formatDate } from '../shared/format.js';
import { CONCEPT_STATUS, label } from './terms.js';

/** "Version 2 – Titel (beschlossen am 21.03.2024, Drucksache 047/2024)" */
export function conceptText(concept) {
  return `Version ${concept.version} – ${concept.title} (${conceptStatusText(concept)})`;
}

/** "beschlossen am 21.03.2024, Drucksache 047/2024", "Entwurf", … */
export function conceptStatusText(concept) {
  const status = label(CONCEPT_STATUS, concept.status);
  if (!concept.resolution_date && !concept.resolution_reference) return status;
  if (concept.status !== 'adopted' && concept.status !== 'archived') return status;
  const parts = [];
  if (concept.resolution_date) parts.push(`beschlossen am ${formatDate(concept.resolution_date)}`);
  if (concept.resolution_reference) parts.push(concept.resolution_reference);
  const resolution = parts.join(', ');
  return concept.status === 'adopted' ? resolution : `${status}, ${resolution}`;
}

/** The link of a measure's detail view. */
export function measureHref(ags, id) {
  return `/#/massnahmen/${encodeURIComponent(id)}?${new URLSearchParams({ kommune: ags })}`;
}
