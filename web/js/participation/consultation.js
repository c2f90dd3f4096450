/*
 * consultation.js: the page of a Beteiligungsformat
 * (/#/beteiligung/{id}?kommune=AGS): its Angaben, editable by
 * Integrationsbeauftragte (consultation-form.js, If-Match); the status
 * steps öffnen, abschließen, auswerten (the last after a confirmation,
 * since it deletes the authors' contact data); the Beiträge with the
 * Moderation and „Beitrag erfassen“ (contributions.js); and the
 * Handlungsempfehlungen drawn from it.
 */

import {
  CONSULTATION_KIND, CONSULTATION_STATUS, CONSULTATION_VISIBILITY, RESPONSE_KIND, STATUS_STEPS,
  apiPath, consultationsHref, participationPermissions, recommendationHref, recommendationsHref, term,
} from './terms.js';
import {
  confirmIn, countsText, facts, heading, period,
} from './parts.js';
import { createConsultationForm } from './consultation-form.js';
import { createContributions } from './contributions.js';
import { authRequest, getAll } from '../shared/api.js';
import { badge } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { memberMunicipalities } from '../shared/roles.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

const NOT_FOUND = 'Das Beteiligungsformat wurde nicht gefunden. Vielleicht ist es für Sie nicht sichtbar, oder der Link ist unvollständig.';

export function createConsultationView() {
  const el = {
    back: document.getElementById('beteiligungsformat-zurueck'),
    kicker: document.getElementById('beteiligungsformat-art'),
    title: document.getElementById('beteiligungsformat-titel'),
    live: document.getElementById('beteiligungsformat-status'),
    alert: document.getElementById('beteiligungsformat-fehler'),
    content: document.getElementById('beteiligungsformat-inhalt'),
    facts: document.getElementById('beteiligungsformat-angaben'),
    steps: document.getElementById('beteiligungsformat-schritte'),
    step: document.getElementById('beteiligungsformat-schritt'),
    stepNote: document.getElementById('beteiligungsformat-schritt-hinweis'),
    edit: document.getElementById('beteiligungsformat-bearbeiten'),
    editForm: document.getElementById('beteiligungsformat-bearbeiten-form'),
    contributions: document.getElementById('beteiligungsformat-beitraege'),
    recommendations: document.getElementById('beteiligungsformat-empfehlungen'),
  };
  const state = {
    ags: null, id: null, doc: null, etag: null, generation: 0, busy: false,
  };
  const say = (text) => {
    el.live.textContent = text;
  };
  const path = () => apiPath(state.ags, 'consultations', state.id);

  async function reload() {
    const res = await authRequest('GET', path());
    state.doc = res.body;
    state.etag = res.etag;
    render();
  }

  const contributions = createContributions({
    box: el.contributions,
    say,
    changed: () => reload().catch(() => {}),
  });
  const form = createConsultationForm(el.editForm, {
    create: false,
    onSaved(doc, etag) {
      state.doc = doc;
      state.etag = etag;
      el.edit.open = false;
      render();
      say('Die Änderungen am Beteiligungsformat sind gespeichert.');
      el.edit.querySelector('summary').focus();
    },
    async onReload() {
      await reload().catch(() => {});
      form.open(state.ags, state.doc, state.etag);
      say('Das Beteiligungsformat ist neu geladen. Das Formular zeigt den aktuellen Stand.');
    },
  });

  el.step.addEventListener('click', async () => {
    const step = STATUS_STEPS[state.doc?.status];
    if (!step || state.busy) return;
    if (step.next === 'evaluated') {
      const yes = await confirmIn('beteiligungsformat-dialog', {
        title: 'Beteiligung auswerten?',
        text: 'Mit der Auswertung werden Name und Kontaktangaben aller Personen, die Beiträge eingereicht haben, '
          + 'endgültig gelöscht. Die Beiträge selbst bleiben erhalten. Das kann nicht rückgängig gemacht werden.',
        yes: 'Auswerten und Kontaktdaten löschen',
      });
      if (!yes) return;
    }
    state.busy = true;
    el.alert.replaceChildren();
    try {
      const res = await authRequest('PATCH', path(), { body: { status: step.next }, headers: { 'If-Match': state.etag ?? '*' } });
      state.doc = res.body;
      state.etag = res.etag;
      render();
      await contributions.show(state.ags, state.doc, participationPermissions(currentPerson(), state.ags));
      say(`Das Beteiligungsformat ist jetzt ${term(CONSULTATION_STATUS, state.doc.status)}.`);
      el.title.focus();
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Der Status wurde nicht geändert.', problemText(err)));
      if (err?.status === 412 || err?.status === 409) await reload().catch(() => {});
    } finally {
      state.busy = false;
    }
  });

  function render() {
    const c = state.doc;
    const may = participationPermissions(currentPerson(), state.ags);
    el.kicker.textContent = `Beteiligungsformat · ${term(CONSULTATION_KIND, c.kind)}`;
    el.title.textContent = c.title;
    document.title = `${c.title} – Teilhabe`;
    const organisers = [...(c.organisers ?? []).map((o) => o.name), c.organisers_text].filter(Boolean).join('; ');
    const concept = c.concept ? c.concept.title : null;
    facts(el.facts, [
      ['Art', term(CONSULTATION_KIND, c.kind)],
      ['Status', badge(term(CONSULTATION_STATUS, c.status), `consultation_${c.status}`)],
      ['Zeitraum', period(c.starts_on, c.ends_on)],
      ['Zielgruppe', c.target_group],
      ['Ort', c.place],
      ['Veranstaltende', organisers],
      ['Teilnehmende', c.participant_count != null ? formatInteger(c.participant_count) : null],
      ['Beiträge', c.contribution_counts ? countsText(c.contribution_counts) : null],
      ['Online-Beiträge', c.online ? 'ja, solange die Beteiligung geöffnet ist' : 'nein'],
      ['Integrationskonzept', concept],
      ['Sichtbarkeit', term(CONSULTATION_VISIBILITY, c.visibility)],
      ['Beschreibung', c.description],
      ['Ergebnisse', c.findings],
    ]);
    const step = STATUS_STEPS[c.status];
    el.steps.hidden = !(may.manage && step);
    if (step) {
      el.step.textContent = step.action;
      el.stepNote.textContent = step.next === 'evaluated'
        ? 'Die Auswertung löscht Namen und Kontaktangaben der Einreichenden.'
        : step.next === 'open' && c.online ? 'Geöffnet nimmt das Format Beiträge online an.' : '';
    }
    el.edit.hidden = !may.manage;
    if (!el.edit.open) form.open(state.ags, c, state.etag);
  }

  async function renderRecommendations() {
    const box = el.recommendations;
    const parts = [heading(2, 'Handlungsempfehlungen aus diesem Format', 'beteiligungsformat-empfehlungen-titel')];
    try {
      const items = await getAll(apiPath(state.ags, 'recommendations'), { auth: true, params: { consultation_id: state.id } });
      if (!items.length) parts.push(Object.assign(document.createElement('p'), { className: 'text text--muted', textContent: 'Noch keine.' }));
      else {
        const ul = document.createElement('ul');
        ul.className = 'plain-list';
        for (const r of items) {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = recommendationHref(state.ags, r.id);
          a.textContent = r.title;
          li.append(a, ` – ${r.response ? term(RESPONSE_KIND, r.response.kind) : 'ohne Stellungnahme'}`);
          ul.append(li);
        }
        parts.push(ul);
      }
      if (participationPermissions(currentPerson(), state.ags).manage) {
        const p = document.createElement('p');
        const a = document.createElement('a');
        a.className = 'button button--secondary';
        a.href = recommendationsHref(state.ags, { neu: '1', beteiligung: state.id });
        a.textContent = 'Handlungsempfehlung anlegen';
        p.append(a);
        parts.push(p);
      }
    } catch (err) {
      parts.push(noticeBox('Die Handlungsempfehlungen konnten nicht geladen werden.', problemText(err)));
    }
    box.replaceChildren(...parts);
  }

  async function locate(id, wanted) {
    const candidates = [wanted, ...memberMunicipalities(currentPerson()).map((m) => m.ags)]
      .filter((a, i, all) => a && /^\d{8}$/.test(a) && all.indexOf(a) === i);
    let last = null;
    for (const ags of candidates) {
      try {
        return { ags, res: await authRequest('GET', apiPath(ags, 'consultations', id)) };
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
      Object.assign(state, { id: args.id, doc: null, etag: null });
      el.content.hidden = true;
      el.edit.open = false;
      el.kicker.textContent = '';
      el.title.textContent = 'Beteiligungsformat';
      el.alert.replaceChildren();
      say('Das Beteiligungsformat wird geladen …');
      el.back.href = wanted ? consultationsHref(wanted) : '/#/beteiligung';
      let found;
      try {
        found = await locate(args.id, wanted);
      } catch (err) {
        if (generation !== state.generation) return;
        say('');
        const gone = err?.status === 404 || err?.status === 403;
        el.title.textContent = gone ? 'Beteiligungsformat nicht gefunden' : 'Beteiligungsformat';
        el.alert.replaceChildren(noticeBox(gone ? NOT_FOUND : 'Das Beteiligungsformat konnte nicht geladen werden.',
          gone ? null : problemText(err)));
        return;
      }
      if (generation !== state.generation) return;
      state.ags = found.ags;
      state.doc = found.res.body;
      state.etag = found.res.etag;
      el.back.href = consultationsHref(state.ags);
      render();
      el.content.hidden = false;
      el.contributions.replaceChildren();
      el.recommendations.replaceChildren();
      await Promise.all([
        contributions.show(state.ags, state.doc, participationPermissions(currentPerson(), state.ags)),
        renderRecommendations(),
      ]);
      if (generation !== state.generation) return;
      say(`Beteiligungsformat „${state.doc.title}“ geladen.`);
    },
  };
}
