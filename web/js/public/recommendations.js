/*
 * recommendations.js: „Was ist aus den Empfehlungen geworden?“
 * (/#/oeffentlich/{ags}/empfehlungen), without sign-in: every
 * Handlungsempfehlung of the Kommune's public Beteiligungen with where it
 * came from (the dialogues, with dates), the answer in plain words with its
 * reason, and for accepted ones the public measures carrying it out with
 * their status and progress (as text and bar), linked to the public
 * measure page (js/public/measure.js); internal measures only counted.
 * Filters by Handlungsfeld and answer work on the loaded list.
 * Everything comes from /api/v1/public/municipalities/{ags}/recommendations.
 */

import { getAll } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';
import { badge, dateElement, progressBar, retryButton } from '../shared/ui.js';
import { MEASURE_STATUS, label } from '../catalogue/terms.js';
import { municipalityName, paragraph } from './participation-parts.js';
import {
  CONSULTATION_KIND, RESPONSE_KIND, RESPONSE_SENTENCE, publicHref, term,
} from './participation-terms.js';

/* The filter value of recommendations without an answer yet. */
const UNDECIDED = 'none';

export function createPublicRecommendationsView() {
  const el = {
    back: document.getElementById('oeffentlich-empfehlungen-zurueck'),
    kicker: document.getElementById('oeffentlich-empfehlungen-kommune'),
    participation: document.getElementById('oeffentlich-empfehlungen-beteiligung'),
    filter: document.getElementById('oeffentlich-empfehlungen-filter'),
    actionField: document.getElementById('oeffentlich-empfehlungen-handlungsfeld'),
    response: document.getElementById('oeffentlich-empfehlungen-antwort'),
    live: document.getElementById('oeffentlich-empfehlungen-status'),
    alert: document.getElementById('oeffentlich-empfehlungen-fehler'),
    list: document.getElementById('oeffentlich-empfehlungen-liste'),
  };
  const state = { ags: null, items: [], generation: 0 };

  el.response.replaceChildren(new Option('Alle Entscheidungen', ''),
    ...Object.entries(RESPONSE_KIND).map(([code, text]) => new Option(text, code)),
    new Option('noch nicht entschieden', UNDECIDED));

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    renderList();
  });

  function origin(ags, r) {
    const p = document.createElement('p');
    p.className = 'recommendation__origin';
    const cs = r.consultations ?? [];
    if (!cs.length) {
      p.textContent = 'Herkunft: aus der Arbeit der Verwaltung, ohne eigene Beteiligung.';
      return p;
    }
    p.append('Entstanden in: ');
    cs.forEach((c, i) => {
      if (i) p.append(i === cs.length - 1 ? ' und ' : ', ');
      const a = document.createElement('a');
      a.href = publicHref.consultation(ags, c.id);
      a.textContent = c.title;
      p.append(a);
      const extra = [c.kind ? term(CONSULTATION_KIND, c.kind) : null].filter(Boolean);
      p.append(' (');
      if (extra.length) p.append(extra.join(''), c.starts_on ? ', ' : '');
      if (c.starts_on) p.append(dateElement(c.starts_on));
      p.append(')');
    });
    p.append('.');
    return p;
  }

  function response(r) {
    const div = document.createElement('div');
    div.className = 'recommendation__response';
    const h = document.createElement('h3');
    h.textContent = 'Entscheidung';
    div.append(h);
    const resp = r.response;
    if (!resp) {
      div.append(paragraph('Über diese Empfehlung ist noch nicht entschieden.', 'text'));
      return div;
    }
    const p = document.createElement('p');
    p.className = 'text';
    p.append(badge(term(RESPONSE_KIND, resp.kind), `response_${resp.kind}`), ' ', term(RESPONSE_SENTENCE, resp.kind));
    if (resp.decided_on) p.append(' Entschieden am ', dateElement(resp.decided_on), '.');
    div.append(p);
    if (resp.meeting?.title) div.append(paragraph(`Beraten in der Sitzung „${resp.meeting.title}“.`, 'text'));
    if (resp.reason) {
      const reason = document.createElement('p');
      reason.className = 'text';
      const strong = document.createElement('strong');
      strong.textContent = 'Begründung: ';
      reason.append(strong, resp.reason);
      div.append(reason);
    }
    return div;
  }

  function measures(ags, r) {
    const list = r.measures ?? [];
    const internal = Number(r.internal_measure_count ?? 0);
    if (!list.length && !internal) return null;
    const div = document.createElement('div');
    div.className = 'recommendation__measures';
    const h = document.createElement('h3');
    h.textContent = 'Maßnahmen, die sie umsetzen';
    div.append(h);
    if (list.length) {
      const ul = document.createElement('ul');
      ul.className = 'recommendation-measures';
      for (const m of list) {
        const li = document.createElement('li');
        li.className = 'recommendation-measure';
        const a = document.createElement('a');
        a.href = publicHref.measure(ags, m.id);
        a.textContent = m.code ? `${m.code} ${m.title}` : m.title;
        const status = document.createElement('span');
        status.className = 'recommendation-measure__status';
        status.append('Status: ', badge(label(MEASURE_STATUS, m.status), m.status));
        const progress = document.createElement('span');
        progress.className = 'recommendation-measure__progress';
        progress.append('Fortschritt: ', progressBar(m.progress));
        li.append(a, status, progress);
        ul.append(li);
      }
      div.append(ul);
    }
    if (internal > 0) {
      div.append(paragraph(internal === 1
        ? `${list.length ? 'Dazu kommt 1 weitere interne Maßnahme' : '1 interne Maßnahme'} der Verwaltung, die nicht veröffentlicht ist.`
        : `${list.length ? `Dazu kommen ${formatInteger(internal)} weitere interne Maßnahmen` : `${formatInteger(internal)} interne Maßnahmen`} der Verwaltung, die nicht veröffentlicht sind.`,
      'text recommendation__internal'));
    }
    return div;
  }

  function card(ags, r) {
    const li = document.createElement('li');
    li.className = 'recommendation';
    li.id = `empfehlung-${r.id}`;
    const h = document.createElement('h2');
    h.textContent = r.title;
    li.append(h);
    if (r.action_field?.name) li.append(paragraph(`Handlungsfeld: ${r.action_field.name}`, 'recommendation__field'));
    li.append(origin(ags, r));
    if (r.text) li.append(paragraph(r.text));
    li.append(response(r));
    const m = measures(ags, r);
    if (m) li.append(m);
    return li;
  }

  function renderList() {
    const field = el.actionField.value;
    const kind = el.response.value;
    const shown = state.items.filter((r) => (!field || String(r.action_field?.id) === field)
      && (!kind || (kind === UNDECIDED ? !r.response : r.response?.kind === kind)));
    if (!shown.length) {
      el.list.replaceChildren(paragraph(state.items.length
        ? 'Zu dieser Auswahl gibt es keine Empfehlungen.'
        : 'Die Kommune hat noch keine Handlungsempfehlungen veröffentlicht.', 'notice'));
      el.live.textContent = 'Keine Empfehlungen gefunden.';
      return;
    }
    const ol = document.createElement('ol');
    ol.className = 'recommendation-list';
    ol.append(...shown.map((r) => card(state.ags, r)));
    el.list.replaceChildren(ol);
    const n = shown.length === 1 ? '1 Empfehlung' : `${formatInteger(shown.length)} Empfehlungen`;
    el.live.textContent = shown.length === state.items.length ? `${n} geladen.` : `${n} von ${formatInteger(state.items.length)} gezeigt.`;
  }

  async function show({ args }) {
    const generation = ++state.generation;
    const { ags } = args;
    state.ags = ags;
    state.items = [];
    el.back.href = `/#/oeffentlich/${encodeURIComponent(ags)}`;
    el.participation.href = publicHref.participation(ags);
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''));
    el.response.value = '';
    el.live.textContent = 'Die Empfehlungen werden geladen …';
    const [name, items] = await Promise.all([
      municipalityName(ags),
      getAll(`public/municipalities/${encodeURIComponent(ags)}/recommendations`).catch((err) => err),
    ]);
    if (generation !== state.generation) return;
    el.kicker.textContent = name ? `${name} · öffentliche Informationen` : '';
    if (!Array.isArray(items)) {
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Empfehlungen konnten nicht geladen werden.', problemText(items)));
      el.alert.append(retryButton(() => show({ args })));
      return;
    }
    state.items = items;
    const fields = new Map();
    for (const r of items) if (r.action_field) fields.set(String(r.action_field.id), r.action_field.name);
    el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''),
      ...[...fields].sort((a, b) => a[1].localeCompare(b[1], 'de')).map(([id, n]) => new Option(n, id)));
    renderList();
  }

  return { show };
}
