/*
 * catalogue-handout.js: the Maßnahmenkatalog as a meeting handout
 * („Sitzungsunterlage drucken“): every measure of the filters shown (not
 * one page: the whole list, read page by page with getAll), grouped by
 * Handlungsfeld with each group's count, in a print-only part of the
 * catalogue's section; the print styles show only that part while it is
 * there (.katalog--unterlage). Also the catalogue's CSV download.
 */

import { conceptStatusText, measureHref } from './concept.js';
import { createMeasureTable } from './measure-table.js';
import { formatDate, formatInteger } from '../shared/format.js';
import { getAll } from '../shared/api.js';
import { downloadCsv, printHandout, todayIso } from '../shared/handout.js';

/**
 * Builds the handout into holder and prints it.
 * @param {HTMLElement} section the catalogue's <section>
 * @param {HTMLElement} holder the print-only container
 * @param {{ags: string, name: string, concept: object, query: Record<string, string>,
 *          filterText: string, orientation: 'portrait' | 'landscape'}} what
 */
export async function printCatalogue(section, holder, {
  ags, name, concept, query, filterText, orientation,
}) {
  const { sort, ...filters } = query;
  const measures = await getAll(`municipalities/${encodeURIComponent(ags)}/measures`, {
    params: { ...filters, sort: 'priority' }, auth: true,
  });
  const h = document.createElement('h1');
  h.className = 'handout__title';
  h.textContent = `Sitzungsunterlage: Maßnahmenkatalog ${name}`;
  const lead = document.createElement('p');
  lead.className = 'handout__lead';
  lead.textContent = [
    `${concept.title}, Version ${concept.version} (${conceptStatusText(concept)})`,
    filterText || 'alle Maßnahmen',
    `${formatInteger(measures.length)} ${measures.length === 1 ? 'Maßnahme' : 'Maßnahmen'}`,
    `Stand: ${formatDate(todayIso())}`,
  ].join(' · ');
  holder.replaceChildren(h, lead, ...groups(ags, measures));
  section.classList.add('katalog--unterlage');
  printHandout(`Sitzungsunterlage · ${name}`, { orientation });
}

/** Takes the handout away again (a new list, another view). */
export function clearCatalogueHandout(section, holder) {
  section.classList.remove('katalog--unterlage');
  holder.replaceChildren();
}

/** The catalogue's CSV: every measure of the filters. */
export function catalogueCsv(ags, query) {
  return downloadCsv(`municipalities/${encodeURIComponent(ags)}/measures`, query, `massnahmen-${ags}-${todayIso()}.csv`);
}

/* One part per Handlungsfeld (in the order the fields first appear by rank), measures by rank. */
function groups(ags, measures) {
  const byField = new Map();
  for (const m of measures) {
    const key = m.action_field?.id ?? '';
    if (!byField.has(key)) byField.set(key, { name: m.action_field?.name ?? 'Ohne Handlungsfeld', items: [] });
    byField.get(key).items.push(m);
  }
  const parts = [];
  for (const [key, group] of byField) {
    const part = document.createElement('section');
    part.className = 'handout__group';
    const headingId = `katalog-unterlage-${key || 'ohne'}`;
    part.setAttribute('aria-labelledby', headingId);
    const h2 = document.createElement('h2');
    h2.id = headingId;
    h2.textContent = `${group.name} (${formatInteger(group.items.length)})`;
    const holder = document.createElement('div');
    part.append(h2, holder);
    createMeasureTable(holder, {
      id: `katalog-unterlage-tabelle-${key || 'ohne'}`,
      caption: `Maßnahmen im Handlungsfeld ${group.name}`,
      href: (m) => measureHref(ags, m.id),
      report: true,
    }).append(group.items);
    parts.push(part);
  }
  return parts;
}
