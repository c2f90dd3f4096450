/*
 * measure.js: one public Maßnahme (/#/oeffentlich/{ags}/massnahmen/{id})
 * without sign-in: its Handlungsfeld, status, progress (as text and bar),
 * dates, lead and partner organisations and latest Sachstand. The page
 * the transparency page (js/public/recommendations.js) links measures to.
 * From /api/v1/public/municipalities/{ags}/measures/{id}, which answers
 * 404 for a measure that is not public.
 */

import { apiGet } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { badge, dateElement, missing, progressBar } from '../shared/ui.js';
import {
  HORIZON, MEASURE_STATUS, REPORT_STATUS, TARGET_GROUP, label,
} from '../catalogue/terms.js';
import { municipalityName, paragraph, period } from './participation-parts.js';
import { publicHref } from './participation-terms.js';

export function createPublicMeasureView() {
  const el = {
    back: document.getElementById('oeffentlich-massnahme-zurueck'),
    kicker: document.getElementById('oeffentlich-massnahme-kommune'),
    title: document.getElementById('oeffentlich-massnahme-titel'),
    live: document.getElementById('oeffentlich-massnahme-status'),
    alert: document.getElementById('oeffentlich-massnahme-fehler'),
    content: document.getElementById('oeffentlich-massnahme-inhalt'),
  };
  let generation = 0;

  function render(ags, m) {
    const dl = document.createElement('dl');
    dl.className = 'facts';
    const add = (name, value) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      if (value === null || value === undefined || value === '') dd.append(missing());
      else dd.append(value);
      div.append(dt, dd);
      dl.append(div);
    };
    add('Nummer', m.code);
    add('Handlungsfeld', m.action_field?.name);
    add('Status', badge(label(MEASURE_STATUS, m.status), m.status));
    add('Fortschritt', progressBar(m.progress));
    add('Zeithorizont', m.horizon ? label(HORIZON, m.horizon) : null);
    add('Geplant', period(m.planned_start, m.planned_end));
    add('Begonnen', m.actual_start ? dateElement(m.actual_start) : null);
    add('Federführung', m.lead_organisation?.name);
    add('Beteiligte', (m.partner_organisations ?? []).map((o) => o.name).join(', '));
    add('Zielgruppen', (m.target_groups ?? []).map((t) => label(TARGET_GROUP, t)).join(', '));
    if (m.last_report) {
      add('Letzter Sachstand', (() => {
        const frag = document.createDocumentFragment();
        frag.append(label(REPORT_STATUS, m.last_report.status), ' (', dateElement(m.last_report.reported_on), ')');
        return frag;
      })());
    }
    const parts = [dl];
    if (m.description) parts.push(paragraph(m.description));
    const more = document.createElement('p');
    const a = document.createElement('a');
    a.href = publicHref.recommendations(ags);
    a.textContent = 'Was ist aus den Empfehlungen geworden?';
    more.append(a);
    parts.push(more);
    el.content.replaceChildren(...parts);
  }

  async function show({ args }) {
    const mine = ++generation;
    const { ags, id } = args;
    el.back.href = `/#/oeffentlich/${encodeURIComponent(ags)}`;
    el.title.textContent = 'Maßnahme';
    el.kicker.textContent = '';
    el.alert.replaceChildren();
    el.content.replaceChildren();
    el.live.textContent = 'Die Maßnahme wird geladen …';
    const name = municipalityName(ags);
    let m;
    try {
      m = await apiGet(`public/municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(id)}`);
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      const notFound = err?.status === 404;
      el.title.textContent = notFound ? 'Maßnahme nicht gefunden' : 'Maßnahme';
      el.alert.replaceChildren(noticeBox(notFound
        ? 'Diese Maßnahme ist nicht veröffentlicht, oder der Link ist unvollständig.'
        : 'Die Maßnahme konnte nicht geladen werden.', notFound ? null : problemText(err)));
      return;
    }
    const n = await name;
    if (mine !== generation) return;
    el.kicker.textContent = n ? `${n} · öffentliche Maßnahme` : 'öffentliche Maßnahme';
    el.title.textContent = m.title;
    document.title = `${m.title} – Teilhabe`;
    render(ags, m);
    el.live.textContent = `Maßnahme „${m.title}“ geladen.`;
  }

  return { show };
}
