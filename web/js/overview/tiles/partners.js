/*
 * partners.js: the tile „Angebote und Netzwerke“: how many Angebote the
 * Kommune has (of them public, in the Angebotsverzeichnis), how many are
 * past their „gültig bis“ and want a look, and how many Netzwerke work
 * there; each number linked to its list. Read from the offers and
 * networks lists (not from the overview document); the tile fills itself
 * when both have arrived.
 */

import { offersHref } from '../../offers/terms.js';
import { networksHref } from '../../networks/terms.js';
import { getAll } from '../../shared/api.js';
import { formatInteger } from '../../shared/format.js';
import { link } from '../links.js';

const base = (ags) => `municipalities/${encodeURIComponent(ags)}`;

/** Today in Berlin as YYYY-MM-DD (the offers' dates are Berlin dates). */
function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
}

function count(n, one, many) {
  return n === 1 ? `1 ${one}` : `${formatInteger(n)} ${many}`;
}

export default {
  id: 'partner',
  title: 'Angebote und Netzwerke',
  render(overview, ctx) {
    const box = document.createElement('div');
    const status = document.createElement('p');
    status.className = 'text';
    status.textContent = 'Angebote und Netzwerke werden geladen …';
    box.append(status);
    Promise.all([
      getAll(`${base(ctx.ags)}/offers`, { auth: true }),
      getAll(`${base(ctx.ags)}/networks`, { auth: true }),
    ]).then(([offers, networks]) => {
      const now = today();
      const shown = offers.filter((o) => o.visibility === 'public' && !(o.valid_until && o.valid_until < now)).length;
      const expired = offers.filter((o) => o.valid_until && o.valid_until < now).length;
      const ul = document.createElement('ul');
      ul.className = 'plain-list overview-partners';
      const item = (...parts) => {
        const li = document.createElement('li');
        li.append(...parts);
        ul.append(li);
      };
      item(link(offersHref(ctx.ags), count(offers.length, 'Angebot', 'Angebote')),
        `, davon ${formatInteger(shown)} im öffentlichen Angebotsverzeichnis`);
      if (expired) item(`${count(expired, 'Angebot ist', 'Angebote sind')} abgelaufen („gültig bis“ überschritten) – bitte prüfen`);
      item(link(networksHref(ctx.ags), count(networks.length, 'Netzwerk', 'Netzwerke')));
      status.replaceWith(ul);
    }).catch(() => {
      status.textContent = 'Angebote und Netzwerke konnten nicht geladen werden.';
    });
    return box;
  },
};
