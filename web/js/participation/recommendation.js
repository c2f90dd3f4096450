/*
 * recommendation.js: the page of a Handlungsempfehlung
 * (/#/empfehlungen/{id}?kommune=AGS): its text and Handlungsfeld; where it
 * came from (the Beteiligungsformate and their Beiträge, linked); the
 * Stellungnahme (angenommen / teilweise angenommen / zurückgestellt /
 * abgelehnt, with Begründung, Datum and the Sitzung); the measures carrying
 * it out with their live status and progress, linked to their pages.
 * Integrationsbeauftragte edit it and link measures; the Steuerungsgruppe
 * records the Stellungnahme (officers with a Sitzung):
 * recommendation-form.js, recommendation-response.js.
 */

import {
  RESPONSE_KIND, apiPath, consultationHref, participationPermissions, recommendationsHref, term,
} from './terms.js';
import { facts, heading, measureList } from './parts.js';
import { listOf } from './choices.js';
import { buildRecommendationForm } from './recommendation-form.js';
import { measuresForm, responseForm } from './recommendation-response.js';
import { meetingDate, meetingHref } from '../meetings/terms.js';
import { authRequest, getAll } from '../shared/api.js';
import { badge, dateElement } from '../shared/ui.js';
import { memberMunicipalities } from '../shared/roles.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

const NOT_FOUND = 'Die Handlungsempfehlung wurde nicht gefunden. Vielleicht ist sie für Sie nicht sichtbar, oder der Link ist unvollständig.';

function panel(title, ...content) {
  const details = document.createElement('details');
  details.className = 'panel disclosure';
  const summary = document.createElement('summary');
  summary.textContent = title;
  details.append(summary, ...content);
  return details;
}

export function createRecommendationView() {
  const el = {
    back: document.getElementById('empfehlung-zurueck'),
    title: document.getElementById('empfehlung-titel'),
    live: document.getElementById('empfehlung-status'),
    alert: document.getElementById('empfehlung-fehler'),
    content: document.getElementById('empfehlung-inhalt'),
  };
  const state = {
    ags: null, id: null, doc: null, etag: null, generation: 0, choices: null,
  };
  const say = (text) => {
    el.live.textContent = text;
  };

  async function reload(message) {
    const res = await authRequest('GET', apiPath(state.ags, 'recommendations', state.id));
    state.doc = res.body;
    state.etag = res.etag;
    await render();
    if (message) say(message);
  }

  async function origin(r) {
    const parts = [heading(2, 'Herkunft')];
    const consultations = r.consultations ?? [];
    if (!consultations.length) {
      parts.push(Object.assign(document.createElement('p'), { className: 'text', textContent: 'Ohne Beteiligungsformat erfasst.' }));
      return parts;
    }
    const wanted = new Set((r.contribution_ids ?? []).map(String));
    const ul = document.createElement('ul');
    ul.className = 'report-list recommendation-origin';
    for (const c of consultations) {
      const li = document.createElement('li');
      li.className = 'report';
      const p = document.createElement('p');
      p.className = 'report__head';
      const a = document.createElement('a');
      a.href = consultationHref(state.ags, c.id);
      a.textContent = c.title;
      p.append('Beteiligungsformat: ', a);
      li.append(p);
      if (wanted.size) {
        let items = [];
        try {
          items = (await getAll(apiPath(state.ags, 'consultations', c.id, 'contributions'), { auth: true }))
            .filter((x) => wanted.has(String(x.id)));
        } catch {
          items = [];
        }
        if (items.length) {
          const inner = document.createElement('ul');
          inner.className = 'plain-list';
          for (const x of items) {
            const item = document.createElement('li');
            const q = document.createElement('q');
            q.textContent = x.text;
            item.append('Beitrag: ', q);
            inner.append(item);
          }
          li.append(inner);
        }
      }
      ul.append(li);
    }
    parts.push(ul);
    return parts;
  }

  function response(r) {
    const parts = [heading(2, 'Stellungnahme', 'empfehlung-stellungnahme-titel')];
    if (!r.response) {
      parts.push(Object.assign(document.createElement('p'), { className: 'text', textContent: 'Noch keine Stellungnahme.' }));
      return parts;
    }
    const dl = document.createElement('dl');
    dl.className = 'facts';
    const m = r.response.meeting;
    let meeting = null;
    if (m) {
      meeting = document.createElement('a');
      meeting.href = meetingHref(state.ags, m.id);
      meeting.textContent = `Sitzung vom ${meetingDate(m.starts_at)}: ${m.title}`;
    }
    facts(dl, [
      ['Entscheidung', badge(term(RESPONSE_KIND, r.response.kind), `response_${r.response.kind}`)],
      ['Begründung', r.response.reason],
      ['Datum', r.response.decided_on ? dateElement(r.response.decided_on) : null],
      ['Sitzung', meeting],
    ]);
    parts.push(dl);
    return parts;
  }

  async function choices() {
    if (!state.choices) {
      const [measures, meetings] = await Promise.all([listOf(state.ags, 'measures'), listOf(state.ags, 'meetings')]);
      state.choices = { measures, meetings };
    }
    return state.choices;
  }

  async function render() {
    const r = state.doc;
    const may = participationPermissions(currentPerson(), state.ags);
    el.title.textContent = r.title;
    document.title = `${r.title} – Teilhabe`;
    const text = document.createElement('p');
    text.className = 'text recommendation-text';
    text.textContent = r.text;
    const dl = document.createElement('dl');
    dl.className = 'facts';
    facts(dl, [['Handlungsfeld', r.action_field?.name]]);
    const parts = [text, dl, ...await origin(r), ...response(r)];
    const { measures, meetings } = (may.manage || may.respond) ? await choices() : { measures: [], meetings: [] };
    if (may.respond) {
      parts.push(panel(r.response ? 'Stellungnahme ändern' : 'Stellungnahme erfassen', responseForm({
        ags: state.ags,
        recommendation: r,
        meetings,
        measures,
        steering: may.steering,
        onSaved: () => reload('Die Stellungnahme ist gespeichert.').then(() => document.getElementById('empfehlung-stellungnahme-titel')?.focus()),
      })));
    }
    parts.push(heading(2, 'Umsetzende Maßnahmen', 'empfehlung-massnahmen-titel'));
    const linked = r.measures ?? [];
    if (linked.length) parts.push(measureList(state.ags, linked));
    else parts.push(Object.assign(document.createElement('p'), { className: 'text', textContent: 'Noch keine Maßnahme setzt diese Handlungsempfehlung um.' }));
    if (may.manage) {
      parts.push(panel('Maßnahmen verknüpfen', measuresForm({
        ags: state.ags,
        recommendation: r,
        measures,
        onSaved: () => reload('Die Maßnahmen sind verknüpft.').then(() => document.getElementById('empfehlung-massnahmen-titel')?.focus()),
      })));
      const form = document.createElement('form');
      form.setAttribute('aria-label', 'Handlungsempfehlung bearbeiten');
      const edit = panel('Handlungsempfehlung bearbeiten', form);
      parts.push(edit);
      buildRecommendationForm(form, {
        ags: state.ags,
        recommendation: r,
        etag: state.etag,
        onSaved: () => reload('Die Änderungen an der Handlungsempfehlung sind gespeichert.').then(() => el.title.focus()),
      });
    }
    el.content.replaceChildren(...parts);
  }

  async function locate(id, wanted) {
    const candidates = [wanted, ...memberMunicipalities(currentPerson()).map((m) => m.ags)]
      .filter((a, i, all) => a && /^\d{8}$/.test(a) && all.indexOf(a) === i);
    let last = null;
    for (const ags of candidates) {
      try {
        return { ags, res: await authRequest('GET', apiPath(ags, 'recommendations', id)) };
      } catch (err) {
        if (err?.status !== 404 && err?.status !== 403) throw err;
        last = err;
      }
    }
    throw last ?? Object.assign(new Error('not found'), { status: 404 });
  }

  return {
    async show({ params, args }) {
      const generation = ++state.generation;
      const wanted = params.get('kommune') ?? state.ags;
      Object.assign(state, {
        id: args.id, doc: null, etag: null, choices: null,
      });
      el.content.replaceChildren();
      el.title.textContent = 'Handlungsempfehlung';
      el.alert.replaceChildren();
      say('Die Handlungsempfehlung wird geladen …');
      el.back.href = wanted ? recommendationsHref(wanted) : '/#/empfehlungen';
      let found;
      try {
        found = await locate(args.id, wanted);
      } catch (err) {
        if (generation !== state.generation) return;
        say('');
        const gone = err?.status === 404 || err?.status === 403;
        el.title.textContent = gone ? 'Handlungsempfehlung nicht gefunden' : 'Handlungsempfehlung';
        el.alert.replaceChildren(noticeBox(gone ? NOT_FOUND : 'Die Handlungsempfehlung konnte nicht geladen werden.',
          gone ? null : problemText(err)));
        return;
      }
      if (generation !== state.generation) return;
      Object.assign(state, { ags: found.ags, doc: found.res.body, etag: found.res.etag });
      el.back.href = recommendationsHref(state.ags);
      await render();
      if (generation !== state.generation) return;
      say(`Handlungsempfehlung „${state.doc.title}“ geladen.`);
    },
  };
}
