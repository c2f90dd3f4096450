/*
 * consultations.js: the public Beteiligung page of a Kommune
 * (/#/oeffentlich/{ags}/beteiligung), without sign-in: every public
 * Beteiligung with its kind, dates, Zielgruppe, Stand and the summary of
 * its findings, and its approved Beiträge grouped by Handlungsfeld. A
 * Beteiligung open for Beiträge online links to its page with the form
 * (js/public/contribute.js). Everything comes from
 * /api/v1/public/municipalities/{ags}/consultations.
 */

import { apiGet, getAll } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';
import { retryButton } from '../shared/ui.js';
import {
  consultationFacts, contributionGroups, municipalityName, paragraph, takesContributions,
} from './participation-parts.js';
import { publicHref } from './participation-terms.js';

export function createPublicConsultationsView() {
  const el = {
    back: document.getElementById('oeffentlich-beteiligung-zurueck'),
    kicker: document.getElementById('oeffentlich-beteiligung-kommune'),
    live: document.getElementById('oeffentlich-beteiligung-status'),
    alert: document.getElementById('oeffentlich-beteiligung-fehler'),
    list: document.getElementById('oeffentlich-beteiligung-liste'),
    recommendations: document.getElementById('oeffentlich-beteiligung-empfehlungen'),
  };
  let generation = 0;

  /* The list item with its contributions; the document when the list lacks them. */
  async function withContributions(ags, c) {
    if (Array.isArray(c.contributions)) return c;
    try {
      return await apiGet(`public/municipalities/${encodeURIComponent(ags)}/consultations/${encodeURIComponent(c.id)}`);
    } catch {
      return { ...c, contributions: null };
    }
  }

  function article(ags, c) {
    const li = document.createElement('li');
    li.className = 'consultation';
    li.id = `beteiligung-${c.id}`;
    const h = document.createElement('h2');
    const a = document.createElement('a');
    a.href = publicHref.consultation(ags, c.id);
    a.textContent = c.title;
    h.append(a);
    li.append(h, consultationFacts(c));
    if (takesContributions(c)) {
      const p = document.createElement('p');
      p.className = 'notice notice--success';
      const link = document.createElement('a');
      link.href = publicHref.consultation(ags, c.id);
      link.textContent = `Jetzt online mitmachen: Beitrag zu „${c.title}“ schreiben`;
      p.append(link);
      li.append(p);
    }
    if (c.description) li.append(paragraph(c.description));
    const hf = document.createElement('h3');
    hf.textContent = 'Ergebnisse';
    li.append(hf, c.findings ? paragraph(c.findings) : paragraph('Die Ergebnisse sind noch nicht zusammengefasst.', 'text text--muted'));
    const hc = document.createElement('h3');
    hc.textContent = 'Beiträge nach Handlungsfeld';
    li.append(hc);
    if (c.contributions === null) li.append(paragraph('Die Beiträge konnten nicht geladen werden.', 'text text--muted'));
    else li.append(contributionGroups(c.contributions, 4));
    return li;
  }

  async function show({ args }) {
    const mine = ++generation;
    const { ags } = args;
    el.back.href = `/#/oeffentlich/${encodeURIComponent(ags)}`;
    el.recommendations.href = publicHref.recommendations(ags);
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.live.textContent = 'Die Beteiligungen werden geladen …';
    const [name, items] = await Promise.all([
      municipalityName(ags),
      getAll(`public/municipalities/${encodeURIComponent(ags)}/consultations`).catch((err) => err),
    ]);
    if (mine !== generation) return;
    el.kicker.textContent = name ? `${name} · öffentliche Informationen` : '';
    if (!Array.isArray(items)) {
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Beteiligungen konnten nicht geladen werden.', problemText(items)));
      el.alert.append(retryButton(() => show({ args })));
      return;
    }
    if (!items.length) {
      el.live.textContent = 'Keine öffentlichen Beteiligungen gefunden.';
      el.list.replaceChildren(paragraph('Die Kommune hat noch keine Beteiligung veröffentlicht.', 'notice'));
      return;
    }
    const full = await Promise.all(items.map((c) => withContributions(ags, c)));
    if (mine !== generation) return;
    // Open ones first, then the newest.
    full.sort((a, b) => (takesContributions(b) - takesContributions(a))
      || String(b.starts_on ?? '').localeCompare(String(a.starts_on ?? '')));
    const ol = document.createElement('ol');
    ol.className = 'consultation-list';
    ol.append(...full.map((c) => article(ags, c)));
    el.list.replaceChildren(ol);
    el.live.textContent = full.length === 1 ? '1 Beteiligung geladen.' : `${formatInteger(full.length)} Beteiligungen geladen.`;
  }

  return { show };
}
