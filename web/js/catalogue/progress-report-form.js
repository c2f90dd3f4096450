/*
 * progress-report-form.js: „Sachstand erfassen“ in a measure's detail view
 * (POST …/progress-reports): Datum, Stand, Fortschritt in Prozent and a
 * text. Integrationsbeauftragte may always; partners when their
 * organisation leads or supports the measure. A Sachstand is a record, not
 * an edit of the measure, so it is sent without If-Match but with an
 * Idempotency-Key: a repeat after a lost answer does not save it twice.
 * A progress below the measure's asks for confirmation first.
 */

import { clearErrors, focusFirstError, setFieldError, showProblem } from '../shared/forms.js';
import { authRequest } from '../shared/api.js';
import { formatWholePercent } from '../shared/format.js';

/** Today in the browser's time zone, as "YYYY-MM-DD". */
export function todayIso() {
  const d = new Date();
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** „Fortschritt von 60 % auf 40 % senken?“ */
export function lowerProgressQuestion(before, after) {
  return `Fortschritt von ${formatWholePercent(before)} auf ${formatWholePercent(after)} senken?`;
}

/**
 * @param {{context: () => {ags: string, measure: object},
 *          onSaved: (report: object) => void}} hooks
 *        context: the measure shown; onSaved: after the Sachstand was saved
 */
export function createProgressReportForm({ context, onSaved }) {
  const el = {
    box: document.getElementById('sachstand-neu'),
    form: document.getElementById('sachstand-form'),
    date: document.getElementById('sachstand-datum'),
    stand: document.getElementById('sachstand-stand'),
    progress: document.getElementById('sachstand-fortschritt'),
    text: document.getElementById('sachstand-text'),
  };
  let busy = false;
  let key = null; // Idempotency-Key of the Sachstand being entered

  // A changed entry is another Sachstand.
  el.form.addEventListener('input', () => { key = null; });

  function validate() {
    const date = el.date.value;
    if (!date) setFieldError(el.date, 'Bitte geben Sie das Datum des Sachstands an.');
    else if (date > todayIso()) setFieldError(el.date, 'Das Datum darf nicht in der Zukunft liegen.');
    if (!el.form.querySelector('input[name="status"]:checked')) setFieldError(el.stand, 'Bitte wählen Sie den Stand.');
    const raw = el.progress.value.trim();
    const progress = Number(raw);
    if (raw === '') setFieldError(el.progress, 'Bitte geben Sie den Fortschritt in Prozent an.');
    else if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
      setFieldError(el.progress, 'Bitte geben Sie eine ganze Zahl von 0 bis 100 ein.');
    }
    const text = el.text.value.trim();
    if (text === '') setFieldError(el.text, 'Bitte beschreiben Sie den Sachstand.');
    else if (text.length > 10000) setFieldError(el.text, 'Der Text darf höchstens 10.000 Zeichen lang sein.');
    return !focusFirstError(el.form);
  }

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.form);
    if (!validate()) return;
    const { ags, measure } = context();
    // Lowering the progress is rarely meant: ask first.
    const after = Number(el.progress.value);
    if (Number.isFinite(measure.progress) && after < measure.progress
      && !window.confirm(lowerProgressQuestion(measure.progress, after))) {
      el.progress.focus();
      return;
    }
    key ??= crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    busy = true;
    el.form.setAttribute('aria-busy', 'true');
    try {
      const { body } = await authRequest(
        'POST',
        `municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(measure.id)}/progress-reports`,
        {
          body: {
            reported_on: el.date.value,
            status: el.form.querySelector('input[name="status"]:checked').value,
            progress: Number(el.progress.value),
            text: el.text.value.trim(),
          },
          headers: { 'Idempotency-Key': key },
        },
      );
      key = null;
      reset();
      onSaved(body);
    } catch (err) {
      showProblem(el.form, err, {
        lead: 'Der Sachstand wurde nicht gespeichert.',
        fields: { '/reported_on': el.date, '/status': el.stand, '/progress': el.progress, '/text': el.text },
        notFound: 'Die Maßnahme wurde nicht gefunden. Vielleicht ist sie für Sie nicht mehr sichtbar.',
      });
    } finally {
      busy = false;
      el.form.removeAttribute('aria-busy');
    }
  });

  function reset() {
    el.form.reset();
    clearErrors(el.form);
    el.date.value = todayIso();
    el.date.max = todayIso();
  }

  return {
    /**
     * Offer the form when the person may report on the measure.
     * @param {object} measure
     * @param {{report: boolean}} may
     * @param {{keep?: boolean}} [options] keep: leave what is typed in
     */
    update(measure, may, { keep = false } = {}) {
      el.box.hidden = !may.report;
      if (!may.report || keep) return;
      key = null;
      reset();
      // The progress so far, to be adjusted.
      el.progress.value = Number.isFinite(measure.progress) ? String(measure.progress) : '';
    },
  };
}
