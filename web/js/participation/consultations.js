/*
 * consultations.js: the view „Beteiligung“ (/#/beteiligung?kommune=AGS):
 * the Beteiligungsformate of a Kommune (Interviewreihe, Integrations-Dialog,
 * Integrationskonvent …), newest first, each with Art, Zeitraum, Zielgruppe,
 * Status, its Beiträge (freigegeben, wartend, abgelehnt) and the
 * Handlungsempfehlungen drawn from it. Integrationsbeauftragte get
 * „Neues Beteiligungsformat“ (consultation-form.js). Partners see what is
 * shared with them (the API chooses).
 */

import {
  CONSULTATION_KIND, CONSULTATION_STATUS, apiPath, consultationHref, participationPermissions, recommendationsHref, term,
} from './terms.js';
import { createConsultationForm } from './consultation-form.js';
import { countsText, period } from './parts.js';
import { getAll } from '../shared/api.js';
import { badge, missing, retryButton } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { meetingMunicipalities } from '../meetings/parts.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

let remembered = null;

export function createConsultationsView() {
  const el = {
    chooser: document.getElementById('beteiligung-auswahl'),
    municipality: document.getElementById('beteiligung-kommune'),
    recommendations: document.getElementById('beteiligung-empfehlungen'),
    panel: document.getElementById('beteiligung-neu'),
    form: document.getElementById('beteiligung-neu-form'),
    live: document.getElementById('beteiligung-status'),
    alert: document.getElementById('beteiligung-fehler'),
    list: document.getElementById('beteiligung-liste'),
  };
  let ags = null;
  let generation = 0;

  el.chooser.addEventListener('submit', (event) => event.preventDefault());
  el.municipality.addEventListener('change', () => {
    window.location.hash = `#/beteiligung?${new URLSearchParams({ kommune: el.municipality.value })}`;
  });
  const form = createConsultationForm(el.form, {
    create: true,
    onSaved(doc) {
      window.location.hash = consultationHref(ags, doc.id).slice(1);
    },
  });

  function table(items) {
    if (!items.length) {
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = 'In dieser Kommune gibt es noch keine Beteiligungsformate, die Sie sehen können.';
      return p;
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', 'beteiligung-tabelle-titel');
    const t = document.createElement('table');
    t.className = 'data-table';
    t.id = 'beteiligung-tabelle';
    const cap = t.createCaption();
    cap.id = 'beteiligung-tabelle-titel';
    cap.textContent = 'Beteiligungsformate, das neueste zuerst';
    const head = t.createTHead().insertRow();
    for (const text of ['Beteiligungsformat', 'Art', 'Zeitraum', 'Zielgruppe', 'Status', 'Beiträge', 'Handlungsempfehlungen']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = t.createTBody();
    for (const c of items) {
      const row = body.insertRow();
      const name = document.createElement('th');
      name.scope = 'row';
      const a = document.createElement('a');
      a.href = consultationHref(ags, c.id);
      a.textContent = c.title;
      name.append(a);
      row.append(name);
      row.insertCell().textContent = term(CONSULTATION_KIND, c.kind);
      row.insertCell().append(period(c.starts_on, c.ends_on));
      const group = row.insertCell();
      if (c.target_group) group.textContent = c.target_group;
      else group.append(missing());
      row.insertCell().append(badge(term(CONSULTATION_STATUS, c.status), `consultation_${c.status}`));
      row.insertCell().textContent = countsText(c.contribution_counts);
      const recs = row.insertCell();
      const n = c.recommendation_count ?? 0;
      if (n > 0) {
        const link = document.createElement('a');
        link.href = recommendationsHref(ags, { beteiligung: c.id });
        link.textContent = formatInteger(n);
        link.setAttribute('aria-label', `${formatInteger(n)} Handlungsempfehlungen aus „${c.title}“`);
        recs.append(link);
      } else recs.textContent = '0';
    }
    wrapper.append(t);
    return wrapper;
  }

  async function load() {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.live.textContent = 'Die Beteiligungsformate werden geladen …';
    const may = participationPermissions(currentPerson(), ags);
    el.panel.hidden = !may.manage;
    el.panel.open = false;
    form.open(ags);
    el.recommendations.href = recommendationsHref(ags);
    try {
      const items = await getAll(apiPath(ags, 'consultations'), { auth: true });
      if (mine !== generation) return;
      items.sort((a, b) => String(b.starts_on ?? '').localeCompare(String(a.starts_on ?? '')));
      el.list.replaceChildren(table(items));
      el.live.textContent = items.length === 1 ? '1 Beteiligungsformat geladen.'
        : `${formatInteger(items.length)} Beteiligungsformate geladen.`;
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Beteiligungsformate konnten nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(load));
    }
  }

  return {
    async show({ params }) {
      const options = await meetingMunicipalities(currentPerson());
      el.municipality.replaceChildren(...options.map((m) => new Option(m.name, m.ags)));
      const wanted = [params.get('kommune'), remembered];
      ags = wanted.find((a) => a && options.some((m) => m.ags === a)) ?? options[0]?.ags ?? null;
      if (!ags) {
        el.panel.hidden = true;
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      remembered = ags;
      el.municipality.value = ags;
      await load();
    },
  };
}
