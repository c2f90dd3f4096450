/*
 * meeting-decisions.js: the Beschlüsse of an agenda item on the meeting's
 * page: each as text (with what it did to the item's measure), and the form
 * „Beschluss erfassen“ for Integrationsbeauftragte and the Steuerungsgruppe.
 * On an item about a measure, the form offers the measure's next status
 * (the transitions of the measure page; vorgeschlagen → geplant only to the
 * Steuerungsgruppe) and a new Rang; POST …/decisions changes the measure
 * as its page would, and the page then says what became of it.
 */

import { MEASURE_STATUS, label } from '../catalogue/terms.js';
import { STATUS_TRANSITIONS } from '../catalogue/measure-actions.js';
import {
  actions, button, field, paragraph, smallForm,
} from './parts.js';
import {
  clearErrors, focusFirstError, setFieldError, showProblem,
} from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';

const APPROVED = 'Das Protokoll ist inzwischen genehmigt; Beschlüsse werden nicht mehr erfasst. Bitte laden Sie die Seite neu.';

const DECISION_MESSAGES = [
  [/steering group/i, 'Ob eine vorgeschlagene Maßnahme in die Planung aufgenommen wird, entscheidet die Steuerungsgruppe.'],
  [/transition|not allowed|cannot change/i, 'Dieser Statuswechsel ist für die Maßnahme nicht möglich.'],
  [/reason/i, 'Für diesen Status braucht die Maßnahme eine Begründung; bitte nennen Sie sie im Wortlaut des Beschlusses.'],
];

/** "SP-01 ist jetzt „geplant“ (Rang 3)." */
function measureOutcome(decision, measure) {
  const parts = [];
  if (decision.measure_status) parts.push(`„${label(MEASURE_STATUS, decision.measure_status)}“`);
  if (decision.measure_rank) parts.push(`auf Rang ${formatInteger(decision.measure_rank)}`);
  if (!parts.length) return '';
  return `Die Maßnahme ${measure?.code ?? decision.measure?.code ?? ''} ist jetzt ${parts.join(' und ')}.`;
}

/**
 * @param {{send: (method: string, suffix: string, body?: unknown) => Promise<object>,
 *          stale: (err: unknown) => Promise<boolean>, say: (text: string) => void,
 *          focusItem: (id: string) => void, lock: {busy: boolean}}} hooks
 *        (see meeting-agenda.js); lock: one change at a time on the page
 */
export function createDecisions({
  send, stale, say, focusItem, lock,
}) {
  function decisionText(d) {
    const li = document.createElement('li');
    li.className = 'meeting-decision';
    const strong = document.createElement('strong');
    strong.textContent = 'Beschluss: ';
    li.append(strong, d.text ?? '');
    const effect = [];
    if (d.measure_status) effect.push(`Status „${label(MEASURE_STATUS, d.measure_status)}“`);
    if (d.measure_rank) effect.push(`Rang ${formatInteger(d.measure_rank)}`);
    if (d.measure && effect.length) {
      li.append(paragraph(`Maßnahme ${d.measure.code}: ${effect.join(', ')}`, 'cell-note'));
    }
    return li;
  }

  function decisionForm(item, may) {
    const details = document.createElement('details');
    details.className = 'disclosure meeting-decide';
    const summary = document.createElement('summary');
    summary.textContent = 'Beschluss erfassen';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ` zu TOP ${item.position}`;
    summary.append(hidden);
    details.append(summary);
    const form = smallForm(`Beschluss zu TOP ${item.position}`);
    const text = field('Wortlaut des Beschlusses', {
      kind: 'textarea', rows: 3, maxLength: 5000, required: true, prefix: 'beschluss-text',
      hint: 'z. B. „Die Steuerungsgruppe nimmt die Maßnahme in die Planung auf.“',
    });
    form.append(text.wrap);
    let status = null;
    let rank = null;
    if (item.measure) {
      const current = item.measure.status;
      const targets = (STATUS_TRANSITIONS[current] ?? [])
        .filter((to) => may.planning || !(current === 'proposed' && to === 'planned'));
      status = field(`Neuer Status der Maßnahme ${item.measure.code}`, {
        kind: 'select',
        prefix: 'beschluss-status',
        hint: current ? `Derzeit: ${label(MEASURE_STATUS, current)}` : undefined,
        options: [new Option('unverändert', ''), ...targets.map((to) => new Option(label(MEASURE_STATUS, to), to))],
      });
      rank = field('Neuer Rang der Maßnahme (freiwillig)', {
        type: 'number', prefix: 'beschluss-rang', hint: 'Eine ganze Zahl ab 1; Rang 1 wird zuerst umgesetzt.',
      });
      rank.control.min = '1';
      rank.control.step = '1';
      rank.control.inputMode = 'numeric';
      form.append(status.wrap, rank.wrap);
    }
    form.append(actions(button('Beschluss speichern', 'button', 'submit')));
    details.append(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (lock.busy) return;
      clearErrors(form);
      const body = { item_id: item.id, text: text.control.value.trim() };
      if (body.text === '') setFieldError(text.control, 'Bitte geben Sie den Wortlaut des Beschlusses ein.');
      if (item.measure) {
        if (status.control.value) body.measure_status = status.control.value;
        const raw = rank.control.value.trim();
        if (raw !== '') {
          const n = Number(raw);
          if (!Number.isInteger(n) || n < 1) setFieldError(rank.control, 'Bitte geben Sie eine ganze Zahl ab 1 ein.');
          body.measure_rank = n;
        }
        if (body.measure_status || body.measure_rank) body.measure_id = item.measure.id;
      }
      if (focusFirstError(form)) return;
      lock.busy = true;
      try {
        const doc = await send('POST', '/decisions', body);
        const now = doc.items.find((i) => String(i.id) === String(item.id));
        const outcome = body.measure_id ? measureOutcome(body, now?.measure ?? item.measure) : '';
        say(`Der Beschluss zu TOP ${item.position} ist gespeichert. ${outcome}`.trim());
        focusItem(item.id);
      } catch (err) {
        if (await stale(err)) return;
        const texts = {};
        for (const e of err?.problem?.errors ?? []) {
          const hit = DECISION_MESSAGES.find(([re]) => re.test(e.message ?? ''));
          if (hit && e.pointer) texts[e.pointer] = hit[1];
        }
        showProblem(form, err, {
          lead: 'Der Beschluss wurde nicht gespeichert.',
          fields: { '/text': text.control, '/measure_status': status?.control, '/measure_rank': rank?.control },
          texts,
          conflict: err?.problem?.detail && /approved/i.test(err.problem.detail) ? APPROVED
            : 'Dieser Statuswechsel ist für die Maßnahme nicht möglich. Vielleicht wurde ihr Status inzwischen geändert.',
        });
      } finally {
        lock.busy = false;
      }
    });
    return details;
  }

  return { decisionText, decisionForm };
}
