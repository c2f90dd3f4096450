/*
 * recommendations.js: the view „Handlungsempfehlungen“
 * (/#/empfehlungen?kommune=AGS): the recommendations of a Kommune with the
 * filters in the address (offen=1: without a Stellungnahme; antwort=KIND;
 * handlungsfeld=ID; beteiligung=ID: from one Beteiligungsformat), each with
 * its Handlungsfeld, Beteiligungsformate, Stellungnahme and measures.
 * Integrationsbeauftragte create one („Neue Handlungsempfehlung“;
 * neu=1 opens the form, with beteiligung= chosen).
 */

import {
  RESPONSE_KIND, apiPath, participationPermissions, recommendationHref, term,
} from './terms.js';
import { buildRecommendationForm } from './recommendation-form.js';
import { listOf } from './choices.js';
import { getAll } from '../shared/api.js';
import { badge, dateElement, retryButton } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { meetingMunicipalities } from '../meetings/parts.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

let remembered = null;

export function createRecommendationsView() {
  const el = {
    filters: document.getElementById('empfehlungen-filter'),
    municipality: document.getElementById('empfehlungen-kommune'),
    open: document.getElementById('empfehlungen-offen'),
    response: document.getElementById('empfehlungen-antwort'),
    field: document.getElementById('empfehlungen-handlungsfeld'),
    panel: document.getElementById('empfehlungen-neu'),
    form: document.getElementById('empfehlungen-neu-form'),
    live: document.getElementById('empfehlungen-status'),
    alert: document.getElementById('empfehlungen-fehler'),
    list: document.getElementById('empfehlungen-liste'),
  };
  let ags = null;
  let consultation = null;
  let generation = 0;
  el.response.replaceChildren(new Option('alle', ''), ...Object.entries(RESPONSE_KIND).map(([k, v]) => new Option(v, k)));

  function go() {
    const p = { kommune: el.municipality.value };
    if (el.open.checked) p.offen = '1';
    if (el.response.value) p.antwort = el.response.value;
    if (el.field.value) p.handlungsfeld = el.field.value;
    if (consultation && el.municipality.value === ags) p.beteiligung = consultation;
    window.location.hash = `#/empfehlungen?${new URLSearchParams(p)}`;
  }
  el.filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go();
  });
  el.municipality.addEventListener('change', go);
  el.open.addEventListener('change', () => {
    if (el.open.checked) el.response.value = '';
    go();
  });
  el.response.addEventListener('change', () => {
    if (el.response.value) el.open.checked = false;
    go();
  });
  el.field.addEventListener('change', go);

  function list(items) {
    if (!items.length) {
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = 'Keine Handlungsempfehlung passt zu diesen Filtern.';
      return p;
    }
    const ul = document.createElement('ul');
    ul.className = 'report-list recommendation-list';
    for (const r of items) {
      const li = document.createElement('li');
      li.className = 'report';
      const h = document.createElement('h2');
      h.className = 'report__title';
      const a = document.createElement('a');
      a.href = recommendationHref(ags, r.id);
      a.textContent = r.title;
      h.append(a);
      const meta = document.createElement('p');
      meta.className = 'report__head';
      if (r.response) {
        meta.append(badge(term(RESPONSE_KIND, r.response.kind), `response_${r.response.kind}`));
        if (r.response.decided_on) meta.append(' am ', dateElement(r.response.decided_on));
      } else meta.append(badge('ohne Stellungnahme', 'response_open'));
      const facts = [];
      if (r.action_field?.name) facts.push(`Handlungsfeld: ${r.action_field.name}`);
      if (r.consultations?.length) facts.push(`aus: ${r.consultations.map((c) => c.title).join(', ')}`);
      const n = r.measures?.length ?? 0;
      facts.push(n === 1 ? '1 Maßnahme' : `${formatInteger(n)} Maßnahmen`);
      meta.append(` · ${facts.join(' · ')}`);
      li.append(h, meta);
      ul.append(li);
    }
    return ul;
  }

  async function load(params) {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.live.textContent = 'Die Handlungsempfehlungen werden geladen …';
    const query = {};
    if (params.get('offen') === '1') query.open = 'true';
    if (params.get('antwort')) query.response = params.get('antwort');
    if (params.get('handlungsfeld')) query.action_field_id = params.get('handlungsfeld');
    if (consultation) query.consultation_id = consultation;
    try {
      const items = await getAll(apiPath(ags, 'recommendations'), { auth: true, params: query });
      if (mine !== generation) return;
      el.list.replaceChildren(list(items));
      el.live.textContent = items.length === 1 ? '1 Handlungsempfehlung gefunden.'
        : `${formatInteger(items.length)} Handlungsempfehlungen gefunden.`;
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Handlungsempfehlungen konnten nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(() => load(params)));
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
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      remembered = ags;
      el.municipality.value = ags;
      consultation = /^\d{1,19}$/.test(params.get('beteiligung') ?? '') ? params.get('beteiligung') : null;
      el.open.checked = params.get('offen') === '1';
      el.response.value = Object.hasOwn(RESPONSE_KIND, params.get('antwort') ?? '') ? params.get('antwort') : '';
      const fields = await listOf(ags, 'action-fields');
      el.field.replaceChildren(new Option('alle', ''), ...fields.map((f) => new Option(f.name, f.id)));
      el.field.value = params.get('handlungsfeld') ?? '';
      const may = participationPermissions(currentPerson(), ags);
      el.panel.hidden = !may.manage;
      el.panel.open = may.manage && params.get('neu') === '1';
      if (may.manage) {
        buildRecommendationForm(el.form, {
          ags,
          consultationIds: consultation ? [consultation] : [],
          onSaved(doc) {
            window.location.hash = recommendationHref(ags, doc.id).slice(1);
          },
        });
      }
      await load(params);
    },
  };
}
