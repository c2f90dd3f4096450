/*
 * measure-actions.js: the Steuerung of a measure in its detail view: change
 * its status (PATCH, with the Begründung the rules need) and move it in the
 * priority order (PUT …/rank: „Nach oben“, „Nach unten“ or a Rang typed
 * in). Every change sends the ETag of the measure as read (If-Match); a 412
 * is handed to the view, which offers to load the measure again.
 *
 * Who may do what: the Steuerungsgruppe (and district admins) everything;
 * Integrationsbeauftragte everything except vorgeschlagen → geplant, which
 * the Steuerungsgruppe decides. The server has the last word.
 */

import { MEASURE_STATUS, label } from './terms.js';
import { clearErrors, focusFirstError, setFieldError, showProblem } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { authRequest } from '../shared/api.js';

/** The status changes the API allows, from -> to (any other answers 409). */
export const STATUS_TRANSITIONS = {
  proposed: ['planned', 'dropped'],
  planned: ['in_progress', 'suspended', 'dropped'],
  in_progress: ['completed', 'suspended', 'dropped'],
  suspended: ['planned', 'in_progress', 'dropped'],
  completed: ['in_progress'],
  dropped: ['proposed'],
};

/** Moving to these needs a Begründung (status_reason). */
export const NEEDS_REASON = new Set(['suspended', 'dropped']);

const STALE = 412;

/**
 * @param {{context: () => {ags: string, measure: object, etag: string | null},
 *          onChanged: (measure: object, etag: string | null, message: string) => void,
 *          onStale: (form: HTMLFormElement) => void}} hooks
 *        context: the measure as shown and its ETag; onChanged: after a
 *        change was saved, with the answer; onStale: after a 412
 */
export function createMeasureActions({ context, onChanged, onStale }) {
  const el = {
    box: document.getElementById('massnahme-steuerung'),
    note: document.getElementById('steuerung-hinweis'),
    statusForm: document.getElementById('status-form'),
    current: document.getElementById('status-aktuell'),
    target: document.getElementById('status-neu'),
    reason: document.getElementById('status-begruendung'),
    reasonHint: document.getElementById('status-begruendung-hinweis'),
    rankForm: document.getElementById('rang-form'),
    rankNow: document.getElementById('rang-aktuell'),
    up: document.getElementById('rang-hoch'),
    down: document.getElementById('rang-runter'),
    rank: document.getElementById('rang-neu'),
    rankHint: document.getElementById('rang-neu-hinweis'),
  };
  let busy = false;
  let size = null; // measures in the concept, when known

  el.target.addEventListener('change', () => {
    el.reason.required = NEEDS_REASON.has(el.target.value);
  });

  el.statusForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.statusForm);
    clearErrors(el.rankForm);
    const target = el.target.value;
    const reason = el.reason.value.trim();
    if (!target) setFieldError(el.target, 'Bitte wählen Sie den neuen Status.');
    else if (NEEDS_REASON.has(target) && reason === '') {
      setFieldError(el.reason, `Bitte begründen Sie, warum die Maßnahme ${label(MEASURE_STATUS, target)} wird.`);
    } else if (reason.length > 2000) {
      setFieldError(el.reason, 'Die Begründung darf höchstens 2.000 Zeichen lang sein.');
    }
    if (focusFirstError(el.statusForm)) return;

    await send(el.statusForm, 'PATCH', '', { status: target, status_reason: reason || null }, {
      lead: 'Der Status wurde nicht geändert.',
      fields: { '/status': el.target, '/status_reason': el.reason },
      texts: {
        '/status_reason': 'Bitte geben Sie eine Begründung an: Sie ist nötig, wenn eine Maßnahme ausgesetzt oder verworfen wird.',
      },
      conflict: 'Dieser Statuswechsel ist nicht möglich. Vielleicht wurde der Status inzwischen geändert; bitte laden Sie die Seite neu.',
      done: (m) => `Der Status ist jetzt „${label(MEASURE_STATUS, m.status)}“.`,
    });
  });

  el.up.addEventListener('click', () => move(-1, el.up));
  el.down.addEventListener('click', () => move(+1, el.down));

  el.rankForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.statusForm);
    clearErrors(el.rankForm);
    const raw = el.rank.value.trim();
    const rank = Number(raw);
    if (raw === '') setFieldError(el.rank, 'Bitte geben Sie den neuen Rang ein.');
    else if (!Number.isInteger(rank) || rank < 1) setFieldError(el.rank, 'Bitte geben Sie eine ganze Zahl ab 1 ein.');
    if (focusFirstError(el.rankForm)) return;
    await setRank(rank);
  });

  async function move(step, button) {
    if (busy || button.getAttribute('aria-disabled') === 'true') return;
    clearErrors(el.statusForm);
    clearErrors(el.rankForm);
    const { measure } = context();
    await setRank(measure.rank + step);
  }

  function setRank(rank) {
    return send(el.rankForm, 'PUT', '/rank', { rank }, {
      lead: 'Der Rang wurde nicht geändert.',
      fields: { '/rank': el.rank },
      done: (m) => `Die Maßnahme steht jetzt auf Rang ${formatInteger(m.rank)}${size ? ` von ${formatInteger(size)}` : ''}.`,
    });
  }

  /* One change with If-Match; the answer goes to onChanged. */
  async function send(form, method, suffix, body, { done, ...how }) {
    const { ags, measure, etag } = context();
    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const res = await authRequest(
        method,
        `municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(measure.id)}${suffix}`,
        { body, headers: { 'If-Match': etag ?? '*' } },
      );
      form.reset();
      onChanged(res.body, res.etag, done(res.body));
    } catch (err) {
      if (err?.status === STALE) onStale(form);
      else if (err?.status === 409 && /archived concept/i.test(err.problem?.detail ?? '')) {
        showProblem(form, err, { ...how, conflict: 'Das Integrationskonzept ist inzwischen archiviert; seine Maßnahmen werden nicht mehr geändert.' });
      } else showProblem(form, err, how);
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  }

  function setDisabled(button, disabled) {
    if (disabled) button.setAttribute('aria-disabled', 'true');
    else button.removeAttribute('aria-disabled');
  }

  return {
    /**
     * Show the forms for the measure as it is now.
     * @param {object} measure
     * @param {{changeStatus: boolean, decidePlanning: boolean, moveRank: boolean}} may
     * @param {number | null} conceptSize measures in its concept, when known
     */
    update(measure, may, conceptSize) {
      size = conceptSize;
      el.box.hidden = !(may.changeStatus || may.moveRank);
      if (el.box.hidden) return;
      clearErrors(el.statusForm);
      clearErrors(el.rankForm);

      el.statusForm.hidden = !may.changeStatus;
      el.current.textContent = label(MEASURE_STATUS, measure.status);
      const targets = (STATUS_TRANSITIONS[measure.status] ?? [])
        .filter((to) => may.decidePlanning || !(measure.status === 'proposed' && to === 'planned'));
      el.target.replaceChildren(
        new Option(targets.length ? 'Bitte wählen' : 'Kein Statuswechsel möglich', ''),
        ...targets.map((to) => new Option(label(MEASURE_STATUS, to), to)),
      );
      el.reason.value = '';
      el.reason.required = false;
      const officerOnly = !may.decidePlanning && measure.status === 'proposed';
      el.note.hidden = !officerOnly;
      el.note.textContent = officerOnly
        ? 'Ob eine vorgeschlagene Maßnahme in die Planung aufgenommen wird (vorgeschlagen → geplant), '
          + 'entscheidet die Steuerungsgruppe. Sie können die Maßnahme hier nur verwerfen.'
        : '';

      el.rankForm.hidden = !may.moveRank;
      el.rankNow.textContent = size
        ? `Die Maßnahme steht auf Rang ${formatInteger(measure.rank)} von ${formatInteger(size)}.`
        : `Die Maßnahme steht auf Rang ${formatInteger(measure.rank)}.`;
      el.up.setAttribute('aria-label', `Nach oben: auf Rang ${formatInteger(Math.max(1, measure.rank - 1))}`);
      el.down.setAttribute('aria-label', `Nach unten: auf Rang ${formatInteger(measure.rank + 1)}`);
      setDisabled(el.up, measure.rank <= 1);
      setDisabled(el.down, size !== null && measure.rank >= size);
      el.rank.min = '1';
      if (size) el.rank.max = String(size);
      else el.rank.removeAttribute('max');
      el.rankHint.textContent = size
        ? `Eine ganze Zahl von 1 bis ${formatInteger(size)}; Rang 1 wird zuerst umgesetzt. Die anderen Maßnahmen rücken nach.`
        : 'Eine ganze Zahl ab 1; Rang 1 wird zuerst umgesetzt. Die anderen Maßnahmen rücken nach.';
    },
  };
}
