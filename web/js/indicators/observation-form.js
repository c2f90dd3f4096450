/*
 * observation-form.js: „Messwert erfassen“ on the page of a Kennzahl
 * (POST …/indicators/{id}/observations). Offered to Integrationsbeauftragte
 * and the Kreisadministration, and to partners whose organisation leads or
 * supports a measure linked to the Kennzahl (the API's rule; it has the
 * last word and answers 403 otherwise). The API's field errors are shown
 * at their fields; 409 means a value for that date and breakdown exists.
 */

import { SEX } from './terms.js';
import { clearErrors, focusFirstError, setFieldError, showProblem } from '../shared/forms.js';
import { authRequest } from '../shared/api.js';

/** "1.234,5" or "1234.5" -> 1234.5; NaN when it is no number. */
export function parseNumber(text) {
  let t = String(text).trim().replace(/\s/g, '');
  if (t === '') return Number.NaN;
  if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * @param {{context: () => {ags: string, indicator: object},
 *          onSaved: (observation: object) => void}} hooks
 */
export function createObservationForm({ context, onSaved }) {
  const el = {
    box: document.getElementById('messwert-neu'),
    form: document.getElementById('messwert-form'),
    end: document.getElementById('messwert-ende'),
    start: document.getElementById('messwert-beginn'),
    value: document.getElementById('messwert-wert'),
    valueHint: document.getElementById('messwert-wert-hinweis'),
    source: document.getElementById('messwert-quelle'),
    seriesBreak: document.getElementById('messwert-bruch'),
    sex: document.getElementById('messwert-geschlecht'),
    age: document.getElementById('messwert-alter'),
    citizenship: document.getElementById('messwert-staatsangehoerigkeit'),
  };
  el.sex.replaceChildren(new Option('keine Angabe (insgesamt)', ''),
    ...Object.entries(SEX).map(([code, text]) => new Option(text, code)));
  const fields = {
    '/period_end': el.end,
    '/period_start': el.start,
    '/value': el.value,
    '/source': el.source,
    '/series_break': el.seriesBreak,
    '/sex': el.sex,
    '/age_group': el.age,
    '/citizenship_group': el.citizenship,
  };
  let busy = false;

  function validate() {
    if (!el.end.value) setFieldError(el.end, 'Bitte geben Sie den Stichtag oder das Ende des Zeitraums an.');
    if (el.start.value && el.end.value && el.start.value > el.end.value) {
      setFieldError(el.start, 'Der Beginn darf nicht nach dem Ende des Zeitraums liegen.');
    }
    if (el.value.value.trim() === '') setFieldError(el.value, 'Bitte geben Sie den Wert an.');
    else if (Number.isNaN(parseNumber(el.value.value))) {
      setFieldError(el.value, 'Bitte geben Sie eine Zahl ein, z. B. 22,5.');
    }
    return !focusFirstError(el.form);
  }

  const orNull = (text) => (text.trim() === '' ? null : text.trim());

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.form);
    if (!validate()) return;
    const { ags, indicator } = context();
    busy = true;
    el.form.setAttribute('aria-busy', 'true');
    try {
      const { body } = await authRequest(
        'POST',
        `municipalities/${encodeURIComponent(ags)}/indicators/${encodeURIComponent(indicator.id)}/observations`,
        {
          body: {
            period_start: el.start.value || null,
            period_end: el.end.value,
            value: parseNumber(el.value.value),
            source: orNull(el.source.value),
            series_break: el.seriesBreak.checked,
            sex: el.sex.value || null,
            age_group: orNull(el.age.value),
            citizenship_group: orNull(el.citizenship.value),
          },
        },
      );
      el.form.reset();
      onSaved(body);
    } catch (err) {
      showProblem(el.form, err, {
        lead: 'Der Messwert wurde nicht gespeichert.',
        fields,
        conflict: 'Für diesen Stichtag und diese Aufschlüsselung ist schon ein Messwert erfasst. '
          + 'Ein falscher Wert wird von den Integrationsbeauftragten gelöscht und neu erfasst.',
        notFound: 'Die Kennzahl wurde nicht gefunden. Vielleicht ist sie für Sie nicht mehr sichtbar.',
      });
    } finally {
      busy = false;
      el.form.removeAttribute('aria-busy');
    }
  });

  return {
    /** Show the form or not, and say the unit. */
    update(indicator, mayRecord) {
      el.box.hidden = !mayRecord;
      el.valueHint.textContent = indicator.unit
        ? `In ${indicator.unit}; Dezimalstellen mit Komma, z. B. 22,5.`
        : 'Dezimalstellen mit Komma, z. B. 22,5.';
    },
    reset() {
      el.form.reset();
      clearErrors(el.form);
    },
  };
}
