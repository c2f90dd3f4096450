/*
 * measure-indicators.js: the Kennzahlen linked to a measure, on its page
 * (GET …/indicators?measure_id=), each with its status against its target
 * (text and colour) and its latest value, linked to the indicator's page.
 */

import { INDICATOR_STATUS, label } from './terms.js';
import { badge } from '../shared/ui.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { getAll } from '../shared/api.js';

/**
 * The address of an indicator's page (web/js/indicators/), in the pattern
 * of web/js/indicators/links.js: "#/kommunen/{ags}/kennzahlen/{id}".
 */
export function indicatorHref(ags, id) {
  return `/#/kommunen/${encodeURIComponent(ags)}/kennzahlen/${encodeURIComponent(id)}`;
}

/**
 * @param {HTMLElement} box
 */
export function createMeasureIndicators(box) {
  let generation = 0;

  function table(ags, items) {
    const t = document.createElement('table');
    t.className = 'data-table';
    t.id = 'massnahme-kennzahlen-tabelle';
    const caption = document.createElement('caption');
    caption.className = 'visually-hidden';
    caption.textContent = 'Kennzahlen dieser Maßnahme mit Stand und letztem Wert';
    const head = document.createElement('thead');
    const hr = document.createElement('tr');
    for (const h of ['Kennzahl', 'Stand', 'Letzter Wert']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      hr.append(th);
    }
    head.append(hr);
    const body = document.createElement('tbody');
    for (const ind of items) {
      const tr = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      const a = document.createElement('a');
      a.href = indicatorHref(ags, ind.id);
      a.textContent = ind.name;
      name.append(a);
      const status = document.createElement('td');
      status.append(badge(label(INDICATOR_STATUS, ind.status), ind.status));
      const latest = document.createElement('td');
      latest.textContent = ind.latest
        ? `${formatNumber(ind.latest.value)} ${ind.unit} (Stand ${formatDate(ind.latest.period_end)})`
        : 'noch kein Wert';
      tr.append(name, status, latest);
      body.append(tr);
    }
    t.append(caption, head, body);
    return t;
  }

  return {
    /** Load and show the indicators linked to measure id. */
    async load(ags, id) {
      const mine = ++generation;
      box.replaceChildren(paragraph('Kennzahlen werden geladen …'));
      try {
        const items = await getAll(`municipalities/${encodeURIComponent(ags)}/indicators`, {
          params: { measure_id: id },
          auth: true,
        });
        if (mine !== generation) return;
        if (items.length === 0) {
          box.replaceChildren(paragraph('Mit dieser Maßnahme ist keine Kennzahl verknüpft, die Sie sehen können.'));
          return;
        }
        items.sort((a, b) => a.name.localeCompare(b.name, 'de'));
        const wrap = document.createElement('div');
        wrap.className = 'table-scroll';
        wrap.append(table(ags, items));
        box.replaceChildren(wrap);
      } catch (err) {
        if (mine !== generation) return;
        box.replaceChildren(noticeBox('Die Kennzahlen konnten nicht geladen werden.', problemText(err)));
      }
    },
  };
}

function paragraph(text) {
  const p = document.createElement('p');
  p.className = 'text';
  p.textContent = text;
  return p;
}
