/*
 * recommendation-response.js: the forms on a Handlungsempfehlung's page
 * that change what carries it out:
 *   - „Stellungnahme erfassen“: angenommen / teilweise angenommen /
 *     zurückgestellt / abgelehnt, with Begründung, Datum, the Sitzung and the
 *     measures (the Steuerungsgruppe; Integrationsbeauftragte record it
 *     with the Sitzung it was decided in). „angenommen“ needs a measure.
 *   - „Maßnahmen verknüpfen“ (Integrationsbeauftragte): PUT …/measures.
 */

import { RESPONSE_KIND, apiPath } from './terms.js';
import { checkboxes, measureChoice } from './choices.js';
import { meetingDate } from '../meetings/terms.js';
import {
  actions, button, field, smallForm, uid,
} from '../meetings/parts.js';
import { authRequest } from '../shared/api.js';
import {
  clearErrors, focusFirstError, setFieldError, showProblem,
} from '../shared/forms.js';
import { todayIso } from '../shared/handout.js';

function radios(legendText, terms, value) {
  const wrap = document.createElement('fieldset');
  wrap.className = 'fieldset radio-group';
  wrap.id = uid('he-antwort');
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  wrap.append(legend);
  const name = uid('antwort');
  for (const [code, text] of Object.entries(terms)) {
    const id = `${wrap.id}-${code}`;
    const div = document.createElement('div');
    div.className = 'choice';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = name;
    input.id = id;
    input.value = code;
    input.checked = code === value;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    div.append(input, label);
    wrap.append(div);
  }
  return { wrap, value: () => wrap.querySelector('input:checked')?.value ?? '' };
}

/**
 * The Stellungnahme form.
 * @param {{ags: string, recommendation: object, meetings: object[], measures: object[], steering: boolean,
 *          onSaved: () => Promise<void>}} how
 */
export function responseForm({
  ags, recommendation, meetings, measures, steering, onSaved,
}) {
  const r = recommendation;
  const form = smallForm('Stellungnahme erfassen');
  const kind = radios('Stellungnahme', RESPONSE_KIND, r.response?.kind ?? '');
  const reason = field('Begründung', {
    kind: 'textarea', rows: 3, maxLength: 5000, prefix: 'he-begruendung', value: r.response?.reason,
  });
  const day = field('Datum der Entscheidung', {
    type: 'date', required: true, prefix: 'he-datum', value: r.response?.decided_on ?? todayIso(),
  });
  const sorted = [...meetings].sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
  const meeting = field(steering ? 'Sitzung (freiwillig)' : 'Sitzung', {
    kind: 'select', prefix: 'he-sitzung', required: !steering,
    hint: steering ? null : 'Integrationsbeauftragte erfassen die Stellungnahme mit der Sitzung, in der sie beschlossen wurde.',
    options: [new Option('keine Sitzung', ''), ...sorted.map((m) => new Option(`${meetingDate(m.starts_at)}: ${m.title}`, m.id))],
    value: r.response?.meeting?.id,
  });
  const linked = (r.measures ?? []).map((m) => String(m.id));
  const chosen = checkboxes('Umsetzende Maßnahmen', measures.map(measureChoice), linked, {
    prefix: 'he-antwort-massnahmen', hint: 'Bei „angenommen“ ist mindestens eine Maßnahme nötig.',
  });
  const save = button('Stellungnahme speichern', 'button', 'submit');
  form.append(kind.wrap, reason.wrap, day.wrap, meeting.wrap, chosen.wrap, actions(save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      kind: kind.value(),
      reason: reason.control.value.trim() || null,
      decided_on: day.control.value,
      measure_ids: chosen.values(),
    };
    if (meeting.control.value) body.meeting_id = meeting.control.value;
    if (!body.kind) setFieldError(kind.wrap, 'Bitte wählen Sie die Stellungnahme.');
    if (!body.decided_on) setFieldError(day.control, 'Bitte geben Sie das Datum an (TT.MM.JJJJ).');
    if (!steering && !body.meeting_id) setFieldError(meeting.control, 'Bitte wählen Sie die Sitzung, in der entschieden wurde.');
    if (body.kind === 'accepted' && !body.measure_ids.length) {
      setFieldError(chosen.wrap, 'Eine angenommene Handlungsempfehlung braucht mindestens eine umsetzende Maßnahme.');
    }
    if (focusFirstError(form)) return;
    save.disabled = true;
    try {
      await authRequest('POST', apiPath(ags, 'recommendations', r.id, 'response'), { body });
      await onSaved();
    } catch (err) {
      showProblem(form, err, {
        lead: 'Die Stellungnahme wurde nicht gespeichert.',
        fields: {
          '/kind': kind.wrap, '/reason': reason.control, '/decided_on': day.control, '/meeting_id': meeting.control, '/measure_ids': chosen.wrap,
        },
      });
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/**
 * The form „Maßnahmen verknüpfen“.
 * @param {{ags: string, recommendation: object, measures: object[], onSaved: () => Promise<void>}} how
 */
export function measuresForm({
  ags, recommendation, measures, onSaved,
}) {
  const form = smallForm('Maßnahmen verknüpfen');
  const linked = (recommendation.measures ?? []).map((m) => String(m.id));
  const chosen = checkboxes('Maßnahmen, die die Handlungsempfehlung umsetzen', measures.map(measureChoice), linked, {
    prefix: 'he-massnahmen',
  });
  const save = button('Verknüpfung speichern', 'button', 'submit');
  form.append(chosen.wrap, actions(save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    save.disabled = true;
    try {
      await authRequest('PUT', apiPath(ags, 'recommendations', recommendation.id, 'measures'), { body: { measure_ids: chosen.values() } });
      await onSaved();
    } catch (err) {
      showProblem(form, err, { lead: 'Die Maßnahmen wurden nicht verknüpft.', fields: { '/measure_ids': chosen.wrap } });
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
