/*
 * decide.js: the tile „Zur Entscheidung“: the proposed and the suspended
 * measures in rank order (overview.to_decide), each linking to its page,
 * and how many Handlungsempfehlungen wait, pointing to their own tile
 * (recommendations.js).
 */

import { formatInteger } from '../../shared/format.js';
import { link, measureHref } from '../links.js';

const GROUPS = [
  ['proposed', 'Vorgeschlagene Maßnahmen', 'Keine Maßnahme ist vorgeschlagen.'],
  ['suspended', 'Ausgesetzte Maßnahmen', 'Keine Maßnahme ist ausgesetzt.'],
];

export default {
  id: 'entscheidung',
  title: 'Zur Entscheidung',
  render(overview, ctx) {
    const frag = document.createDocumentFragment();
    const decide = overview.to_decide ?? {};
    for (const [key, title, none] of GROUPS) {
      const items = decide[key] ?? [];
      const total = overview.to_decide_total?.[key] ?? items.length;
      const h3 = document.createElement('h3');
      h3.textContent = `${title} (${formatInteger(total)})`;
      frag.append(h3);
      if (!items.length) {
        frag.append(paragraph(none));
        continue;
      }
      const ul = document.createElement('ul');
      ul.className = 'overview-list';
      ul.dataset.group = key;
      for (const m of items) {
        const li = document.createElement('li');
        li.append(link(measureHref(ctx.ags, m.id), `${m.code} ${m.title}`));
        const facts = [];
        if (m.action_field?.name) facts.push(m.action_field.name);
        if (Number.isFinite(m.rank)) facts.push(`Rang ${formatInteger(m.rank)}`);
        if (facts.length) li.append(` – ${facts.join(', ')}`);
        ul.append(li);
      }
      frag.append(ul);
      if (total > items.length) frag.append(paragraph(`Die ersten ${formatInteger(items.length)} nach Rang.`));
    }
    const h3 = document.createElement('h3');
    h3.textContent = 'Handlungsempfehlungen';
    frag.append(h3);
    const recommendations = decide.recommendations ?? [];
    if (!recommendations.length) frag.append(paragraph('Noch keine Handlungsempfehlungen zur Entscheidung.'));
    else {
      const p = paragraph(`${formatInteger(recommendations.length)} `
        + `${recommendations.length === 1 ? 'Handlungsempfehlung wartet' : 'Handlungsempfehlungen warten'} auf eine Stellungnahme (eigene Kachel). `);
      p.append(link(`/#/empfehlungen?${new URLSearchParams({ kommune: ctx.ags, offen: '1' })}`, 'Offene Handlungsempfehlungen'));
      frag.append(p);
    }
    return frag;
  },
};

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
