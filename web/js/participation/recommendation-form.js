/*
 * recommendation-form.js: the form of a Handlungsempfehlung, to create one
 * (POST) or change it (PATCH with If-Match): Titel, Text, Handlungsfeld, and
 * where it came from: the Beteiligungsformate and their Beiträge. Field
 * errors of the answer are shown at their fields (a link to another
 * Kommune's record answers 422).
 */

import { apiPath } from './terms.js';
import { checkboxes, listOf } from './choices.js';
import { actions, button, field } from '../meetings/parts.js';
import { authRequest, getAll } from '../shared/api.js';
import {
  clearErrors, focusFirstError, setFieldError, showProblem,
} from '../shared/forms.js';

/**
 * Build the form into `form` for the Kommune ags.
 * @param {HTMLFormElement} form
 * @param {{ags: string, recommendation?: object | null, etag?: string | null, consultationIds?: string[],
 *          onSaved: (doc: object, etag: string | null) => void}} how
 */
export async function buildRecommendationForm(form, {
  ags, recommendation = null, etag = null, consultationIds = [], onSaved,
}) {
  const create = !recommendation;
  form.noValidate = true;
  form.classList.add('form');
  const [fields, consultations] = await Promise.all([listOf(ags, 'action-fields'), listOf(ags, 'consultations')]);
  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');
  const title = field('Titel', { maxLength: 300, required: true, prefix: 'he-titel', value: recommendation?.title });
  const text = field('Text der Handlungsempfehlung', {
    kind: 'textarea', rows: 5, maxLength: 10000, required: true, prefix: 'he-text', value: recommendation?.text,
  });
  const af = field('Handlungsfeld', {
    kind: 'select', prefix: 'he-handlungsfeld', required: true,
    options: [new Option('bitte wählen', ''), ...fields.map((f) => new Option(f.name, f.id))],
    value: recommendation?.action_field?.id,
  });
  const chosen = recommendation ? (recommendation.consultations ?? []).map((c) => c.id) : consultationIds;
  const from = checkboxes('Aus welchen Beteiligungsformaten?', consultations.map((c) => ({ value: String(c.id), label: c.title })),
    chosen, { prefix: 'he-formate' });
  const save = button(create ? 'Handlungsempfehlung anlegen' : 'Änderungen speichern', 'button', 'submit');
  // the Beiträge it draws on: the approved ones of the chosen formats
  const drawnOn = document.createElement('div');
  let picked = (recommendation?.contribution_ids ?? []).map(String);
  let contributions = null; // the checkboxes; null until read (or when reading failed)
  let generation = 0;
  const short = (t) => (t.length > 140 ? `${t.slice(0, 139)}…` : t);
  async function loadContributions() {
    const mine = ++generation;
    if (contributions) picked = contributions.values();
    const chosenIds = from.values();
    let items;
    try {
      const lists = await Promise.all(chosenIds.map((id) => getAll(apiPath(ags, 'consultations', id, 'contributions'),
        { auth: true, params: { moderation: 'approved' } })));
      items = lists.flat();
    } catch {
      items = null;
    }
    if (mine !== generation) return;
    if (items === null) {
      contributions = null;
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = 'Die Beiträge konnten nicht geladen werden; die gewählten bleiben, wie sie sind.';
      drawnOn.replaceChildren(p);
      return;
    }
    contributions = checkboxes('Auf welche Beiträge stützt sie sich? (freiwillig)', items.map((c) => ({
      value: String(c.id), label: short(c.action_field ? `${c.text} (${c.action_field.name})` : c.text),
    })), picked, { prefix: 'he-beitraege', hint: 'Die freigegebenen Beiträge der gewählten Beteiligungsformate.' });
    drawnOn.replaceChildren(contributions.wrap);
  }
  from.wrap.addEventListener('change', loadContributions);
  form.replaceChildren(alert, title.wrap, text.wrap, af.wrap, from.wrap, drawnOn, actions(save));
  await loadContributions();

  let busy = false;
  form.onsubmit = async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    const body = {
      title: title.control.value.trim(),
      text: text.control.value.trim(),
      action_field_id: af.control.value || null,
      consultation_ids: from.values(),
    };
    if (!body.title) setFieldError(title.control, 'Bitte geben Sie einen Titel ein.');
    if (!body.text) setFieldError(text.control, 'Bitte geben Sie den Text der Handlungsempfehlung ein.');
    if (!body.action_field_id) setFieldError(af.control, 'Bitte wählen Sie ein Handlungsfeld.');
    if (focusFirstError(form)) return;
    if (contributions) body.contribution_ids = contributions.values();
    else if (recommendation) body.contribution_ids = recommendation.contribution_ids ?? [];
    busy = true;
    save.disabled = true;
    try {
      const res = create
        ? await authRequest('POST', apiPath(ags, 'recommendations'), { body })
        : await authRequest('PATCH', apiPath(ags, 'recommendations', recommendation.id), { body, headers: { 'If-Match': etag ?? '*' } });
      onSaved(res.body, res.etag ?? null);
    } catch (err) {
      showProblem(form, err, {
        lead: create ? 'Die Handlungsempfehlung wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
        fields: {
          '/title': title.control, '/text': text.control, '/action_field_id': af.control, '/consultation_ids': from.wrap,
          '/contribution_ids': contributions?.wrap ?? drawnOn,
        },
      });
    } finally {
      busy = false;
      save.disabled = false;
    }
  };
}
