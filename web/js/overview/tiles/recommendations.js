/*
 * recommendations.js: the tile „Handlungsempfehlungen zur Entscheidung“:
 * the recommendations from the Beteiligung without a Stellungnahme
 * (overview.to_decide.recommendations), each linking to its page, with its
 * Handlungsfeld and the Beteiligungsformate it came from; and a link to all
 * open ones.
 */

import { formatInteger } from '../../shared/format.js';
import { link } from '../links.js';

const q = (ags) => new URLSearchParams({ kommune: ags });

export default {
  id: 'empfehlungen',
  title: 'Handlungsempfehlungen zur Entscheidung',
  render(overview, ctx) {
    const items = overview.to_decide?.recommendations;
    if (!Array.isArray(items)) return null;
    const frag = document.createDocumentFragment();
    const p = document.createElement('p');
    if (!items.length) {
      p.textContent = 'Keine Handlungsempfehlung wartet auf eine Stellungnahme.';
      frag.append(p);
      return frag;
    }
    p.textContent = items.length === 1 ? '1 Handlungsempfehlung wartet auf eine Stellungnahme der Steuerungsgruppe.'
      : `${formatInteger(items.length)} Handlungsempfehlungen warten auf eine Stellungnahme der Steuerungsgruppe.`;
    const ul = document.createElement('ul');
    ul.className = 'overview-list';
    ul.dataset.group = 'recommendations';
    for (const r of items) {
      const li = document.createElement('li');
      li.append(link(`/#/empfehlungen/${encodeURIComponent(r.id)}?${q(ctx.ags)}`, r.title));
      const facts = [];
      if (r.action_field?.name) facts.push(r.action_field.name);
      if (r.consultations?.length) facts.push(`aus ${r.consultations.map((c) => c.title).join(', ')}`);
      if (facts.length) li.append(` – ${facts.join('; ')}`);
      ul.append(li);
    }
    const all = document.createElement('p');
    all.append(link(`/#/empfehlungen?${new URLSearchParams({ kommune: ctx.ags, offen: '1' })}`, 'Alle offenen Handlungsempfehlungen'));
    frag.append(p, ul, all);
    return frag;
  },
};
