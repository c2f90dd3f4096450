/*
 * status.js: the tile „Stand der Umsetzung“: one row per Handlungsfeld and
 * a row „Insgesamt“ (overview.action_fields, overview.totals): the measures
 * by status, the mean progress, verzögert and gefährdet (latest
 * Sachstand), „ohne Sachstand > 6 Monate“ and überfällig. Each number
 * other than 0 links to the catalogue with the filters that list exactly
 * those measures.
 */

import { MEASURE_STATUS } from '../../catalogue/terms.js';
import { STATUSES_WITH_REPORTS } from '../../catalogue/catalogue-filters.js';
import { formatInteger, formatPercent } from '../../shared/format.js';
import { missing } from '../../shared/ui.js';
import { catalogueHref, link } from '../links.js';

/* Soft hyphens, so that narrow columns (the printed A4 page) break words where German does. */
const SHY = '\u00ad';
const HEADS = {
  proposed: `vor${SHY}geschlagen`,
  in_progress: `in Um${SHY}setzung`,
  completed: `abge${SHY}schlossen`,
  suspended: `aus${SHY}gesetzt`,
  dropped: `ver${SHY}worfen`,
};

/* The columns after „Maßnahmen“: header, the value of a row, the catalogue filters, the link's words. */
const COLUMNS = [
  ...Object.entries(MEASURE_STATUS).map(([code, text]) => ({
    key: `status-${code}`,
    head: HEADS[code] ?? text,
    value: (row) => row.by_status?.[code] ?? 0,
    filters: { status: code },
    words: `Status ${text}`,
  })),
  {
    key: 'fortschritt', head: `mittlerer Fort${SHY}schritt`, value: (row) => row.mean_progress, percent: true,
  },
  {
    key: 'verzoegert', head: `verzö${SHY}gert`, value: (row) => row.delayed, filters: { sachstand: 'delayed' }, words: 'letzter Sachstand verzögert',
  },
  {
    key: 'gefaehrdet', head: `gefähr${SHY}det`, value: (row) => row.at_risk, filters: { sachstand: 'at_risk' }, words: 'letzter Sachstand gefährdet',
  },
  {
    key: 'ohne-sachstand',
    head: `ohne Sach${SHY}stand > 6 Monate`,
    value: (row) => row.stale,
    filters: { status: STATUSES_WITH_REPORTS, 'ohne-sachstand': '6' },
    words: 'geplant oder in Umsetzung, ohne Sachstand seit mehr als 6 Monaten',
  },
  {
    key: 'ueberfaellig', head: `über${SHY}fällig`, value: (row) => row.overdue, filters: { ueberfaellig: '1' }, words: 'überfällig',
  },
];

export default {
  id: 'stand',
  title: 'Stand der Umsetzung',
  render(overview, ctx) {
    const fields = overview.action_fields ?? [];
    const wrap = document.createElement('div');
    wrap.className = 'table-scroll overview-status';
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-labelledby', 'uebersicht-stand-titel');
    const table = document.createElement('table');
    table.className = 'data-table overview-table';
    table.id = 'uebersicht-stand';
    const caption = table.createCaption();
    caption.id = 'uebersicht-stand-titel';
    caption.textContent = overview.concept
      ? `Maßnahmen nach Handlungsfeld: ${overview.concept.title} (Version ${overview.concept.version})`
      : 'Maßnahmen nach Handlungsfeld';

    const head = table.createTHead().insertRow();
    const th = (text, cls) => {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = text;
      if (cls) cell.className = cls;
      head.append(cell);
    };
    th(`Handlungs${SHY}feld`);
    th(`Maß${SHY}nahmen`, 'num');
    for (const col of COLUMNS) th(col.head, 'num');

    const body = table.createTBody();
    for (const field of fields) addRow(body, field, field.name, { handlungsfeld: field.id }, ctx, overview);
    if (overview.totals) {
      const foot = table.createTFoot();
      addRow(foot, overview.totals, 'Insgesamt', {}, ctx, overview);
    }
    wrap.append(table);
    if (!fields.length && !overview.totals?.measures) {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = overview.concept
        ? `Das Integrationskonzept „${overview.concept.title}“ enthält noch keine Maßnahmen.`
        : 'Für diese Kommune ist noch kein Integrationskonzept erfasst.';
      return p;
    }
    return wrap;
  },
};

function addRow(section, row, name, scope, ctx, overview) {
  const tr = section.insertRow();
  tr.dataset.field = scope.handlungsfeld ?? 'insgesamt';
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = name;
  tr.append(th);
  const where = scope.handlungsfeld ? ` im Handlungsfeld ${name}` : ' insgesamt';
  const conceptId = overview.concept?.id ?? null;
  number(tr, 'massnahmen', row.measures, catalogueHref(ctx.ags, conceptId, scope), `Maßnahmen${where}`);
  for (const col of COLUMNS) {
    const value = col.value(row);
    if (col.percent) {
      const td = tr.insertCell();
      td.className = 'num';
      td.dataset.column = col.key;
      if (value == null) td.append(missing());
      else td.textContent = formatPercent(value);
      continue;
    }
    number(tr, col.key, value, catalogueHref(ctx.ags, conceptId, { ...scope, ...col.filters }), `Maßnahmen${where}: ${col.words}`);
  }
}

/* A count: a link to the catalogue's list of them, plain 0. */
function number(tr, key, value, href, words) {
  const td = tr.insertCell();
  td.className = 'num';
  td.dataset.column = key;
  const n = Number(value ?? 0);
  if (n > 0) td.append(link(href, formatInteger(n), `${formatInteger(n)} ${words}`));
  else td.textContent = formatInteger(n);
}
