/*
 * measure-table.js: a table of Maßnahmen in the order given (the API's
 * priority order: Rang 1 first): Rang, Kennung, Titel, Handlungsfeld,
 * Horizont, Status, Fortschritt and the federführende Organisation. Used by
 * the Maßnahmenkatalog, the Teilmaßnahmen of a measure and the public page.
 */

import { HORIZON, MEASURE_STATUS, label } from './terms.js';
import { badge, missing, progressBar } from '../shared/ui.js';
import { formatDateTime, formatInteger } from '../shared/format.js';

/**
 * Put an empty table into container (replacing what is there).
 * @param {HTMLElement} container
 * @param {{id: string, caption: string, note?: string,
 *          href?: (measure: object) => string | null,
 *          description?: boolean, updated?: boolean}} options
 *        id: the table's id (its caption gets id + "-titel");
 *        href: the link of a measure's title; description: a disclosure
 *        with the description under the title; updated: a column
 *        "Zuletzt geändert"
 * @returns {{append: (items: object[]) => HTMLElement | null, count: () => number}}
 *          append() adds rows for measures not shown yet and returns the
 *          first new row header
 */
export function createMeasureTable(container, { id, caption, note, href, description = false, updated = false }) {
  const wrapper = document.createElement('div');
  wrapper.className = 'table-scroll';
  // Focusable and named, so keyboard users can scroll it on narrow screens.
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-labelledby', `${id}-titel`);

  const table = document.createElement('table');
  table.className = 'data-table measure-table';
  table.id = id;
  const cap = table.createCaption();
  cap.id = `${id}-titel`;
  const inner = document.createElement('span');
  inner.className = 'caption-inner';
  inner.append(caption);
  if (note) {
    const span = document.createElement('span');
    span.className = 'caption-note';
    span.textContent = note;
    inner.append(span);
  }
  cap.append(inner);

  const columns = [
    { label: 'Rang', numeric: true },
    { label: 'Kennung' },
    { label: 'Titel' },
    { label: 'Handlungsfeld' },
    { label: 'Horizont' },
    { label: 'Status' },
    { label: 'Fortschritt' },
    { label: 'Federführung' },
  ];
  if (updated) columns.push({ label: 'Zuletzt geändert' });
  const headRow = table.createTHead().insertRow();
  for (const col of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (col.numeric) th.className = 'num';
    th.textContent = col.label;
    headRow.append(th);
  }
  const tbody = table.createTBody();
  wrapper.append(table);
  container.replaceChildren(wrapper);

  const shown = new Set();

  function append(items) {
    let first = null;
    for (const m of items) {
      if (shown.has(m.id)) continue;
      shown.add(m.id);
      const row = tbody.insertRow();
      row.id = `${id}-${m.id}`;
      row.dataset.measureId = m.id;

      text(row, Number.isFinite(m.rank) ? formatInteger(m.rank) : null, 'num');
      text(row, m.code, 'code');

      const title = document.createElement('th');
      title.scope = 'row';
      const link = href?.(m);
      if (link) {
        const a = document.createElement('a');
        a.href = link;
        a.textContent = m.title;
        title.append(a);
      } else {
        title.append(m.title);
      }
      if (description && m.description) {
        const details = document.createElement('details');
        details.className = 'cell-details';
        const summary = document.createElement('summary');
        summary.textContent = 'Beschreibung';
        const p = document.createElement('p');
        p.textContent = m.description;
        details.append(summary, p);
        title.append(details);
      }
      row.append(title);
      first ??= title;

      text(row, m.action_field?.name);
      text(row, label(HORIZON, m.horizon));
      row.insertCell().append(badge(label(MEASURE_STATUS, m.status), m.status));
      row.insertCell().append(progressBar(m.progress));
      text(row, m.lead_organisation?.name);
      if (updated) {
        const cell = row.insertCell();
        if (m.updated_at) {
          const time = document.createElement('time');
          time.dateTime = m.updated_at;
          time.textContent = formatDateTime(m.updated_at);
          cell.append(time);
        } else {
          cell.append(missing());
        }
      }
    }
    return first;
  }

  return { append, count: () => shown.size };
}

function text(row, value, className) {
  const td = row.insertCell();
  if (className) td.className = className;
  if (value == null || value === '') td.append(missing());
  else td.textContent = value;
  return td;
}
