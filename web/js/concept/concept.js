/*
 * concept.js: the view of one version of the Integrationskonzept
 * (/#/konzepte/{id}?kommune=AGS): its data and Beschluss; for
 * Integrationsbeauftragte and the Kreisadministration the form for title
 * and summary (Entwurf and in Beteiligung only) and the status moves the
 * API allows (Entwurf → in Beteiligung → Entwurf, → archiviert); for the
 * Steuerungsgruppe and the Kreisadministration the Beschluss (date,
 * Drucksache) of a version in Beteiligung. Below, its Leitziele (goals.js).
 * Every change sends the ETag of the version as read (If-Match).
 */

import { conceptPermissions } from './context.js';
import { createGoals } from './goals.js';
import { button, showChangeProblem } from './edit-parts.js';
import { resolutionText, statusLabel } from './terms.js';
import { authRequest } from '../shared/api.js';
import { clearErrors, focusFirstError, noticeBox, setFieldError } from '../shared/forms.js';
import { formatDateTime, formatInteger } from '../shared/format.js';
import { missing, retryButton } from '../shared/ui.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

/* The status moves of PATCH …/concepts/{id}: from -> [to, button text, confirmation]. */
const MOVES = {
  draft: [['consultation', 'In die Beteiligung geben'], ['archived', 'Archivieren']],
  consultation: [['draft', 'Zurück in den Entwurf'], ['archived', 'Archivieren']],
  adopted: [['archived', 'Archivieren']],
  archived: [],
};

const MOVED = {
  consultation: 'Die Version ist jetzt in Beteiligung: Partner können sie lesen.',
  draft: 'Die Version ist wieder ein Entwurf.',
  archived: 'Die Version ist archiviert.',
};

export function createConceptView() {
  const el = {
    back: document.getElementById('konzept-zurueck'),
    kicker: document.getElementById('konzept-kennung'),
    heading: document.getElementById('konzept-titel'),
    live: document.getElementById('konzept-status'),
    alert: document.getElementById('konzept-fehler'),
    content: document.getElementById('konzept-inhalt'),
    facts: document.getElementById('konzept-angaben'),
    note: document.getElementById('konzept-hinweis'),
    editPanel: document.getElementById('konzept-bearbeiten'),
    form: document.getElementById('konzept-form'),
    title: document.getElementById('konzept-name'),
    summary: document.getElementById('konzept-zusammenfassung'),
    formStatus: document.getElementById('konzept-form-status'),
    statusPanel: document.getElementById('konzept-stand'),
    statusForm: document.getElementById('konzept-stand-form'),
    statusText: document.getElementById('konzept-stand-text'),
    moves: document.getElementById('konzept-stand-aktionen'),
    statusStatus: document.getElementById('konzept-stand-status'),
    adoptPanel: document.getElementById('konzept-beschluss'),
    adoptForm: document.getElementById('beschluss-form'),
    date: document.getElementById('beschluss-datum'),
    reference: document.getElementById('beschluss-drucksache'),
    adoptStatus: document.getElementById('beschluss-status'),
  };
  const state = { ags: null, id: null, concept: null, etag: null, generation: 0 };
  let busy = false;
  const goals = createGoals({ context: () => state });

  el.statusForm.addEventListener('submit', (event) => event.preventDefault());

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.form);
    el.formStatus.textContent = '';
    const title = el.title.value.trim();
    if (title === '') setFieldError(el.title, 'Bitte geben Sie einen Titel ein.');
    if (focusFirstError(el.form)) return;
    await change(el.form, 'PATCH', '', { title, summary: el.summary.value.trim() || null }, {
      lead: 'Die Änderung wurde nicht gespeichert.',
      fields: { '/title': el.title, '/summary': el.summary },
      conflict: 'Titel und Zusammenfassung einer beschlossenen oder archivierten Version werden nicht mehr geändert. '
        + 'Legen Sie eine neue Version als Kopie an.',
    }, el.formStatus, () => 'Titel und Zusammenfassung sind gespeichert.');
  });

  el.adoptForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.adoptForm);
    el.adoptStatus.textContent = '';
    const date = el.date.value;
    const reference = el.reference.value.trim();
    if (!date) setFieldError(el.date, 'Bitte geben Sie das Datum des Beschlusses ein.');
    if (reference === '') setFieldError(el.reference, 'Bitte geben Sie die Drucksache an, z. B. „Drucksache 047/2026“.');
    if (focusFirstError(el.adoptForm)) return;
    await change(el.adoptForm, 'POST', '/adoption', { resolution_date: date, resolution_reference: reference }, {
      lead: 'Der Beschluss wurde nicht erfasst.',
      fields: { '/resolution_date': el.date, '/resolution_reference': el.reference },
      conflict: 'Beschlossen werden kann nur eine Version, die in Beteiligung ist.',
    }, el.adoptStatus, (c) => `Der Beschluss ist erfasst: beschlossen ${resolutionText(c)}. `
      + 'Die bisher beschlossene Version ist archiviert.');
  });

  /* Send a change of the version; on success show it and say so in `status`. */
  async function change(form, method, suffix, body, how, status, said, { keepText = false } = {}) {
    busy = true;
    const { ags, id, etag } = state;
    try {
      const res = await authRequest(method, `municipalities/${encodeURIComponent(ags)}/concepts/${encodeURIComponent(id)}${suffix}`, {
        body,
        headers: etag ? { 'If-Match': etag } : {},
      });
      if (ags !== state.ags || id !== state.id) return;
      state.concept = res.body;
      state.etag = res.etag;
      status.textContent = said(res.body); // before render(): its panel stays while it speaks
      render({ keepText });
    } catch (err) {
      showChangeProblem(form, err, how, reload);
    } finally {
      busy = false;
    }
  }

  function reload() {
    load({ keepMessages: false }).then(() => el.heading.focus());
  }

  /* keepText: leave title and summary as typed (a status move while editing). */
  function render({ keepText = false } = {}) {
    const c = state.concept;
    const may = conceptPermissions(currentPerson(), state.ags);
    el.kicker.textContent = `Version ${c.version} · ${statusLabel(c.status)}`;
    el.heading.textContent = c.title;
    document.title = `${c.title} – Teilhabe`;
    renderFacts(c);

    const textEditable = c.status === 'draft' || c.status === 'consultation';
    el.editPanel.hidden = !(may.manage && textEditable);
    if (!keepText) {
      el.title.value = c.title;
      el.summary.value = c.summary ?? '';
    }
    el.statusPanel.hidden = !may.manage || (!MOVES[c.status]?.length && el.statusStatus.textContent === '');
    el.statusText.textContent = `Derzeit: ${statusLabel(c.status)}.`;
    el.moves.replaceChildren(...(MOVES[c.status] ?? []).map(([to, text]) => {
      const b = button(text, to === 'archived' ? 'button button--danger' : 'button');
      b.addEventListener('click', () => move(to, b));
      return b;
    }));

    const adoptable = may.adopt && c.status === 'consultation';
    el.adoptForm.hidden = !adoptable;
    el.adoptPanel.hidden = !adoptable && el.adoptStatus.textContent === '';

    let note = '';
    if (c.status === 'archived') note = 'Diese Version ist archiviert. Sie und ihre Leitziele werden nicht mehr geändert.';
    else if (may.manage && c.status === 'adopted') {
      note = 'Diese Version ist beschlossen: Titel und Zusammenfassung bleiben, wie sie beschlossen wurden. '
        + 'Für eine Fortschreibung legen Sie auf der Übersicht eine neue Version als Kopie an.';
    } else if (!may.manage && !may.adopt) note = 'Sie können diese Version lesen, aber nicht ändern.';
    el.note.textContent = note;
    el.note.hidden = note === '';
    goals.render({ editable: may.manage && c.status !== 'archived' });
  }

  function renderFacts(c) {
    const rows = [
      ['Status', statusLabel(c.status)],
      ['Beschluss', resolutionText(c)],
      ['Beschluss erfasst', c.adopted_at ? formatDateTime(c.adopted_at) : ''],
      ['Leitziele', formatInteger(c.goal_count)],
      ['Maßnahmen', formatInteger(c.measure_count)],
      ['Zusammenfassung', c.summary ?? ''],
    ];
    el.facts.replaceChildren(...rows.map(([term, value]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      if (value) dd.textContent = value;
      else dd.append(missing());
      div.append(dt, dd);
      return div;
    }));
  }

  async function move(to, pressed) {
    if (busy) return;
    clearErrors(el.statusForm);
    el.statusStatus.textContent = '';
    if (to === 'archived' && !window.confirm(`Version ${state.concept.version} „${state.concept.title}“ archivieren? `
      + 'Eine archivierte Version wird nicht mehr geändert.')) {
      pressed.focus();
      return;
    }
    await change(el.statusForm, 'PATCH', '', { status: to }, {
      lead: 'Der Status wurde nicht geändert.',
      conflict: 'Dieser Statuswechsel ist von hier aus nicht möglich. Laden Sie die Seite neu.',
    }, el.statusStatus, () => MOVED[to], { keepText: true });
    el.moves.querySelector('button')?.focus();
  }

  async function load({ keepMessages = false } = {}) {
    const mine = ++state.generation;
    const { ags, id } = state;
    el.alert.replaceChildren();
    if (!keepMessages) {
      for (const form of [el.form, el.statusForm, el.adoptForm]) clearErrors(form);
      for (const s of [el.formStatus, el.statusStatus, el.adoptStatus]) s.textContent = '';
      el.adoptForm.reset();
    }
    el.live.textContent = 'Die Version wird geladen …';
    try {
      const res = await authRequest('GET', `municipalities/${encodeURIComponent(ags)}/concepts/${encodeURIComponent(id)}`);
      if (mine !== state.generation) return;
      state.concept = res.body;
      state.etag = res.etag;
    } catch (err) {
      if (mine !== state.generation) return;
      el.content.hidden = true;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Version konnte nicht geladen werden.', problemText(err, {
        notFound: 'Diese Version gibt es nicht, oder Sie dürfen sie nicht sehen (Entwürfe sehen Partner nicht).',
      })), retryButton(() => load()));
      return;
    }
    el.content.hidden = false;
    el.live.textContent = '';
    render();
    await goals.load();
  }

  return {
    async show({ params, args }) {
      state.ags = params.get('kommune');
      state.id = args.id;
      state.concept = null;
      el.back.href = `/#/konzept?${new URLSearchParams({ kommune: state.ags ?? '' })}`;
      el.kicker.textContent = '';
      el.heading.textContent = 'Integrationskonzept';
      if (!state.ags) {
        el.content.hidden = true;
        el.alert.replaceChildren(noticeBox('Die Adresse nennt keine Kommune.',
          'Bitte öffnen Sie die Version aus der Übersicht des Integrationskonzepts.'));
        return;
      }
      await load();
    },
  };
}
