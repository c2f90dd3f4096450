/*
 * start-links.js: on the start page (the list of Kommunen), a short block
 * that leads citizens to the district's Angebotsverzeichnis and its coming
 * Veranstaltungen (js/public/offers.js, events.js). Put in after the
 * page's lead by main.js, so index.html keeps its start section as it is.
 */

import { offerHref } from './offer-terms.js';

export function mountStartLinks() {
  const section = document.getElementById('ansicht-start');
  if (!section || document.getElementById('start-angebote')) return;
  const nav = document.createElement('nav');
  nav.id = 'start-angebote';
  nav.className = 'start-links';
  nav.setAttribute('aria-label', 'Angebote und Veranstaltungen');
  const p = document.createElement('p');
  p.className = 'start-links__intro';
  p.textContent = 'Für alle, die Beratung, einen Sprachkurs oder einen Treffpunkt suchen:';
  const ul = document.createElement('ul');
  ul.className = 'plain-list start-links__list';
  for (const [href, text] of [
    [offerHref.districtDirectory(), 'Angebote im Kreis – Beratung, Sprachkurse, Treffpunkte, auch in anderen Sprachen'],
    [offerHref.districtEvents(), 'Veranstaltungen im Kreis – auch als Kalender zum Abonnieren'],
  ]) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    li.append(a);
    ul.append(li);
  }
  nav.append(p, ul);
  const lead = section.querySelector('.lead');
  if (lead) lead.after(nav);
  else section.querySelector('h1')?.after(nav);
}
