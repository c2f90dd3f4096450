/*
 * indicators.js: the tile „Kennzahlen“: each indicator of the Kommune
 * (overview.indicators) with its latest value against its target and its
 * status in words (never the colour alone), linking to the Kennzahl's page.
 */

import { INDICATOR_STATUS, label } from '../../catalogue/terms.js';
import { formatDate } from '../../shared/format.js';
import { badge } from '../../shared/ui.js';
import { valueText } from '../../indicators/links.js';
import { indicatorHref, link } from '../links.js';

export default {
  id: 'kennzahlen',
  title: 'Kennzahlen',
  render(overview, ctx) {
    const items = overview.indicators ?? [];
    if (!items.length) {
      const p = document.createElement('p');
      p.textContent = 'Für diese Kommune sind keine Kennzahlen erfasst, die Sie sehen können.';
      return p;
    }
    const ul = document.createElement('ul');
    ul.className = 'indicator-tiles';
    for (const k of items) {
      const li = document.createElement('li');
      li.className = 'indicator-tile';
      li.dataset.indicatorId = k.id;
      const name = document.createElement('p');
      name.className = 'indicator-tile__name';
      name.append(link(indicatorHref(ctx.ags, k.id), k.name));
      const dl = document.createElement('dl');
      dl.className = 'indicator-tile__values';
      add(dl, 'Letzter Wert', k.latest
        ? `${valueText(k.latest.value, k.unit)} (${formatDate(k.latest.period_end)})` : 'noch kein Messwert');
      add(dl, 'Zielwert', k.target && k.target.value != null
        ? `${valueText(k.target.value, k.unit)}${k.target.date ? ` bis ${formatDate(k.target.date)}` : ''}` : 'kein Zielwert');
      const status = k.status ?? 'no_data';
      const dd = add(dl, 'Stand', '');
      dd.append(badge(label(INDICATOR_STATUS, status), status));
      li.append(name, dl);
      ul.append(li);
    }
    return ul;
  },
};

function add(dl, term, text) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = text;
  dl.append(dt, dd);
  return dd;
}
