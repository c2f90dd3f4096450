/*
 * measure-table.js: a table of Maßnahmen in the order given (the API's
 * priority order: Rang 1 first): Rang, Kennung, Titel, Handlungsfeld,
 * Horizont, Status, Fortschritt and the federführende Organisation. Used by
 * the Maßnahmenkatalog, the Teilmaßnahmen of a measure and the public page.
 * The catalogue adds the latest Sachstand as a signal (its word and colour,
 * never the colour alone), and on phones shows each row as a card (every
 * cell names its column).
 */

import { HORIZON, MEASURE_STATUS, label } from './terms.js';
import { badge, missing, progressBar } from '../shared/ui.js';
import { formatDate, formatDateTime, formatInteger } from '../shared/format.js';
import { reportText } from './catalogue-filters.js';

/**
 * Put an empty table into container (replacing what is there).
 * @param {HTMLElement} container
 * @param {{id: string, caption: string, note?: string,
 *          href?: (measure: object) => string | null,
 *          description?: boolean, updated?: boolean, report?: boolean,
 *          cards?: boolean, parentCode?: (measure: object) => string | null}} options
 *        id: the table's id (its caption gets id + "-titel");
 *        href: the link of a measure's title; description: a disclosure
 *        with the description under the title; updated: a column
 *        "Zuletzt geändert"; report: a column "Sachstand" (the latest);
 *        cards: one card per row on narrow screens; parentCode: the Kennung
 *        of a Teilmaßnahme's parent ("" when not known), null for others
 * @returns {{append: (items: object[]) => HTMLElement | null, count: () => number}}
 *          append() adds rows for measures not shown yet and returns the
 *          first new row header
 */
export function createMeasureTable(container, {
  id, caption, note, href, description = false, updated = false, report = false, cards = false, parentCode = () => null,
}) {
  const wrapper = document.createElement('div');
  wrapper.className = 'table-scroll';
  // Focusable and named, so keyboard users can scroll it on narrow screens.
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-labelledby', `${id}-titel`);

  const table = document.createElement('table');
  table.className = cards ? 'data-table measure-table measure-table--cards' : 'data-table measure-table';
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
    ...(report ? [{ label: 'Sachstand' }] : []),
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
      const parent = parentCode(m);
      if (parent !== null) {
        row.classList.add('measure-table__child');
        const note = document.createElement('span');
        note.className = 'cell-note';
        note.textContent = parent ? `Teilmaßnahme von ${parent}` : 'Teilmaßnahme';
        title.append(note);
      }
      row.append(title);
      first ??= title;

      text(row, m.action_field?.name);
      text(row, label(HORIZON, m.horizon));
      row.insertCell().append(badge(label(MEASURE_STATUS, m.status), m.status));
      row.insertCell().append(progressBar(m.progress));
      if (report) row.insertCell().append(reportSignal(m.last_report));
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
      if (cards) [...row.cells].forEach((cell, i) => { cell.dataset.label = columns[i].label; });
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

/**
 * The latest Sachstand as a signal: its word („verzögert“, „kein
 * Sachstand“) on a colour of its own, and the day it was reported.
 * @param {{status: string, reported_on: string} | null | undefined} last
 */
export function reportSignal(last) {
  const frag = document.createDocumentFragment();
  const code = last?.status ?? 'none';
  const signal = document.createElement('span');
  signal.className = `signal signal--${String(code).replace(/[^a-z_]/g, '')}`;
  signal.textContent = reportText(code);
  frag.append(signal);
  if (last?.reported_on) {
    const time = document.createElement('time');
    time.className = 'cell-note';
    time.dateTime = last.reported_on;
    time.textContent = ` ${formatDate(last.reported_on)}`;
    frag.append(time);
  }
  return frag;
}
