/*
 * municipalities.js: the list of Kommunen on the start page.
 *
 * Loads GET /api/v1/municipalities page by page (keyset cursor) and renders
 * a table; shows a loading, an error and an empty state. Each name leads to
 * the Kommune's public page (/#/oeffentlich/{ags}). Data is put into the
 * DOM as text only, never as HTML.
 */

import { getPage } from '../shared/api.js';
import { formatDate, formatInteger, formatPercent } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createPagedList } from '../shared/paged-list.js';
import { missing } from '../shared/ui.js';

const COLUMNS = [
  { label: 'Kommune' },
  { label: 'AGS', abbr: 'Amtlicher Gemeindeschlüssel' },
  { label: 'Einwohner', numeric: true },
  { label: 'Ausländeranteil', numeric: true },
  { label: 'Anteil mit Migrationshintergrund', numeric: true },
  { label: 'Stand' },
];

/**
 * Show the municipalities in the given elements.
 * @param {{status: HTMLElement, alert: HTMLElement, list: HTMLElement}} el
 *        status: a role="status" live region; alert: a role="alert" region;
 *        list: where the table (or the empty state) goes
 * @param {{pageSize?: number}} [options] items per request (API default if unset)
 * @returns {Promise<void>} settles when the first page is shown or has failed
 */
export function mountMunicipalities(el, { pageSize } = {}) {
  const state = { count: 0, districts: new Set() };
  let table = null;
  let tbody = null;
  const list = createPagedList({
    container: el.list,
    nouns: 'Kommunen',
    alert: el.alert,
    live: el.status,
    loadingText: 'Kommunen werden geladen …',
    fetchPage: (cursor) => getPage('municipalities', { params: { limit: pageSize }, cursor }),
    show(items, isFirstPage) {
      if (isFirstPage) createTable();
      const firstNew = appendRows(items);
      updateCaption();
      el.status.textContent = isFirstPage
        ? countText(state.count)
        : `${countText(items.length, 'weitere ')} – insgesamt ${formatInteger(state.count)}.`;
      return firstNew;
    },
    empty: showEmpty,
    failed: showError,
  });

  function createTable() {
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    // Focusable and named, so keyboard users can scroll it on narrow screens.
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', 'kommunen-tabelle-titel');

    table = document.createElement('table');
    table.className = 'data-table';
    table.id = 'kommunen-tabelle';
    const caption = table.createCaption();
    caption.id = 'kommunen-tabelle-titel';

    const headRow = table.createTHead().insertRow();
    for (const col of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      if (col.numeric) th.className = 'num';
      if (col.abbr) {
        const abbr = document.createElement('abbr');
        abbr.title = col.abbr;
        abbr.textContent = col.label;
        th.append(abbr);
      } else {
        th.textContent = col.label;
      }
      headRow.append(th);
    }
    tbody = table.createTBody();
    wrapper.append(table);
    el.list.replaceChildren(wrapper);
  }

  /* Appends one row per item; returns the first new row header, if any. */
  function appendRows(items) {
    let first = null;
    for (const m of items) {
      const row = tbody.insertRow();
      const name = document.createElement('th');
      name.scope = 'row';
      // To the Kommune's public page: Integrationskonzept, Maßnahmen, Kennzahlen.
      const link = document.createElement('a');
      link.href = `/#/oeffentlich/${encodeURIComponent(m.ags)}`;
      link.textContent = m.name;
      name.append(link);
      row.append(name);
      first ??= name;

      cell(row, m.ags, 'ags');
      cell(row, m.population == null ? null : formatInteger(m.population), 'num');
      cell(row, m.foreign_share == null ? null : formatPercent(m.foreign_share), 'num');
      cell(row, m.migration_background_share == null ? null : formatPercent(m.migration_background_share), 'num');

      const stand = row.insertCell();
      if (m.population_date) {
        const time = document.createElement('time');
        time.dateTime = m.population_date;
        time.textContent = formatDate(m.population_date);
        stand.append(time);
      } else {
        stand.append(missing());
      }

      if (m.district?.name) state.districts.add(m.district.name);
      state.count += 1;
    }
    return first;
  }

  function updateCaption() {
    // "Kommunen (Kreis Borken)": a district name does not always take "im".
    const where = state.districts.size === 1 ? ` (${[...state.districts][0]})` : '';
    const inner = document.createElement('span');
    inner.className = 'caption-inner';
    const note = document.createElement('span');
    note.className = 'caption-note';
    note.textContent = 'Anteile in Prozent der Einwohner; „Stand“ ist der Stichtag der Einwohnerzahl.';
    inner.append(`Kommunen${where}: Einwohner und Bevölkerungsanteile`, note);
    table.caption.replaceChildren(inner);
  }

  function showEmpty() {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = 'Es sind noch keine Kommunen erfasst.';
    el.list.replaceChildren(p);
    el.status.textContent = 'Keine Kommunen gefunden.';
  }

  function showError(err, isFirstPage) {
    const problem = err?.problem ?? { detail: err?.message };
    el.alert.replaceChildren(noticeBox(
      isFirstPage ? 'Die Kommunen konnten nicht geladen werden.' : 'Weitere Kommunen konnten nicht geladen werden.',
      problem.detail,
    ));
    el.status.textContent = '';
  }

  return list.load();
}

function cell(row, text, className) {
  const td = row.insertCell();
  if (className) td.className = className;
  if (text == null || text === '') td.append(missing());
  else td.textContent = text;
  return td;
}

function countText(n, adjective = '') {
  return n === 1 ? `1 ${adjective}Kommune geladen.` : `${formatInteger(n)} ${adjective}Kommunen geladen.`;
}
