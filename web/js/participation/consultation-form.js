/*
 * consultation-form.js: the form of a Beteiligungsformat, to create one
 * („Neues Beteiligungsformat“, POST) or change its Angaben (PATCH with
 * If-Match, as the measure form does): Art, Titel, Beschreibung,
 * Zielgruppe, Zeitraum, Ort, Veranstaltende (the organisations serving the
 * Kommune, whose partners then enter Beiträge, and free text), Konzept,
 * Teilnehmende, Sichtbarkeit and, when editing, the Ergebnisse. Field errors of the answer are shown at
 * their fields; a 412 offers to load the current state.
 */

import { CONSULTATION_KIND, CONSULTATION_VISIBILITY, apiPath } from './terms.js';
import {
  actions, button, field,
} from '../meetings/parts.js';
import { authRequest, getAll } from '../shared/api.js';
import { checkboxes } from './choices.js';
import { CONCEPT_STATUS } from '../concept/terms.js';
import {
  clearErrors, focusFirstError, setFieldError, showProblem,
} from '../shared/forms.js';

function options(terms, blank = null) {
  const list = Object.entries(terms).map(([code, text]) => new Option(text, code));
  return blank ? [new Option(blank, ''), ...list] : list;
}

/**
 * Fill `form` with the fields; returns {open(ags, consultation?, etag?)}.
 * @param {HTMLFormElement} form
 * @param {{create: boolean, onSaved: (doc: object, etag: string | null) => void, onReload?: () => void}} how
 */
export function createConsultationForm(form, { create, onSaved, onReload }) {
  let ags = null;
  let etag = null;
  let busy = false;
  form.noValidate = true;
  form.classList.add('form');

  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');
  const f = {
    kind: field('Art', { kind: 'select', options: options(CONSULTATION_KIND), prefix: 'bf-art' }),
    title: field('Titel', { maxLength: 200, required: true, prefix: 'bf-titel' }),
    description: field('Beschreibung (freiwillig)', { kind: 'textarea', rows: 3, maxLength: 5000, prefix: 'bf-beschreibung' }),
    target_group: field('Zielgruppe (freiwillig)', { maxLength: 300, prefix: 'bf-zielgruppe', hint: 'z. B. „Eltern mit Kindern in Kitas“' }),
    starts_on: field('Beginn', { type: 'date', required: true, prefix: 'bf-beginn' }),
    ends_on: field('Ende (freiwillig)', { type: 'date', prefix: 'bf-ende' }),
    place: field('Ort (freiwillig)', { maxLength: 200, prefix: 'bf-ort' }),
    organisers_text: field('Weitere Veranstaltende (freiwillig)', { maxLength: 500, prefix: 'bf-veranstaltende', hint: 'z. B. Personen oder Stellen, die keine Organisation im Verzeichnis sind' }),
    concept_id: field('Zum Integrationskonzept (freiwillig)', { kind: 'select', options: [new Option('keinem', '')], prefix: 'bf-konzept' }),
    participant_count: field('Zahl der Teilnehmenden (freiwillig)', { type: 'number', prefix: 'bf-teilnehmende' }),
    visibility: field('Sichtbarkeit', {
      kind: 'select', options: options(CONSULTATION_VISIBILITY), prefix: 'bf-sichtbarkeit',
      hint: 'Öffentliche Beteiligungsformate erscheinen auf den öffentlichen Seiten der Kommune.',
    }),
    findings: field('Ergebnisse (freiwillig)', { kind: 'textarea', rows: 4, maxLength: 20000, prefix: 'bf-ergebnisse' }),
  };
  f.participant_count.control.min = '0';
  f.participant_count.control.inputMode = 'numeric';
  const save = button(create ? 'Beteiligungsformat anlegen' : 'Änderungen speichern', 'button', 'submit');
  // the organisations serving the Kommune, as checkboxes (filled by open())
  const organisersHint = 'Partner dieser Organisationen erfassen Beiträge zum Format.';
  let organisers = checkboxes('Veranstaltende Organisationen', [], [], { hint: organisersHint, prefix: 'bf-organisationen' });
  const organisersSlot = document.createElement('div');
  organisersSlot.append(organisers.wrap);
  const wraps = Object.entries(f).filter(([k]) => !create || k !== 'findings').map(([k, x]) => (k === 'organisers_text' ? [organisersSlot, x.wrap] : [x.wrap])).flat();
  form.replaceChildren(alert, ...wraps, actions(save));

  const pointers = Object.fromEntries(Object.entries(f).map(([k, x]) => [`/${k}`, x.control]));
  let choicesOf = null; // the Kommune whose choices are loaded
  let orgList = null; // its organisations; null when they could not be read
  let conceptsRead = false;

  /* The organisations and concept versions of the Kommune to choose from. */
  async function loadChoices(checked, concept) {
    if (choicesOf !== ags) {
      const [orgs, concepts] = await Promise.all([
        getAll('organisations', { params: { municipality: ags }, auth: true }).catch(() => null),
        getAll(apiPath(ags, 'concepts'), { auth: true }).catch(() => null),
      ]);
      choicesOf = ags;
      orgList = orgs;
      conceptsRead = concepts !== null;
      const versions = [...(concepts ?? [])].sort((a, b) => b.version - a.version);
      f.concept_id.control.replaceChildren(new Option('keinem', ''), ...versions.map((c) => new Option(
        `${c.title} (Version ${c.version}, ${CONCEPT_STATUS[c.status] ?? c.status})`, c.id,
      )));
    }
    const fresh = checkboxes('Veranstaltende Organisationen', (orgList ?? []).map((o) => ({ value: String(o.id), label: o.name })),
      checked, { hint: organisersHint, prefix: 'bf-organisationen' });
    organisersSlot.replaceChildren(fresh.wrap);
    organisers = fresh;
    pointers['/organiser_organisation_ids'] = fresh.wrap;
    f.concept_id.control.value = concept ?? '';
  }

  function fill(c) {
    f.kind.control.value = c?.kind ?? 'integration_dialogue';
    f.title.control.value = c?.title ?? '';
    f.description.control.value = c?.description ?? '';
    f.target_group.control.value = c?.target_group ?? '';
    f.starts_on.control.value = c?.starts_on ?? '';
    f.ends_on.control.value = c?.ends_on ?? '';
    f.place.control.value = c?.place ?? '';
    f.organisers_text.control.value = c?.organisers_text ?? '';
    f.participant_count.control.value = c?.participant_count ?? '';
    f.visibility.control.value = c?.visibility ?? 'internal';
    f.findings.control.value = c?.findings ?? '';
  }

  function body() {
    const text = (k) => f[k].control.value.trim();
    const b = {
      kind: f.kind.control.value,
      title: text('title'),
      description: text('description') || null,
      target_group: text('target_group') || null,
      starts_on: f.starts_on.control.value || null,
      ends_on: f.ends_on.control.value || null,
      place: text('place') || null,
      organisers_text: text('organisers_text') || null,
    };
    // only what could be offered: choices that were not read change nothing
    if (orgList !== null) b.organiser_organisation_ids = organisers.values();
    if (conceptsRead) b.concept_id = f.concept_id.control.value || null;
    b.participant_count = text('participant_count') === '' ? null : Number(text('participant_count'));
    b.visibility = f.visibility.control.value;
    if (!create) b.findings = text('findings') || null;
    return b;
  }

  function check(b) {
    if (!b.title) setFieldError(f.title.control, 'Bitte geben Sie einen Titel ein.');
    if (!b.starts_on) setFieldError(f.starts_on.control, 'Bitte geben Sie den Beginn an (TT.MM.JJJJ).');
    if (b.starts_on && b.ends_on && b.ends_on < b.starts_on) {
      setFieldError(f.ends_on.control, 'Das Ende liegt vor dem Beginn.');
    }
    if (b.participant_count !== null && !(Number.isInteger(b.participant_count) && b.participant_count >= 0)) {
      setFieldError(f.participant_count.control, 'Bitte geben Sie eine ganze Zahl ab 0 ein.');
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    const b = body();
    check(b);
    if (focusFirstError(form)) return;
    busy = true;
    save.disabled = true;
    try {
      const res = create
        ? await authRequest('POST', apiPath(ags, 'consultations'), { body: b })
        : await authRequest('PATCH', apiPath(ags, 'consultations', form.dataset.id), { body: b, headers: { 'If-Match': etag ?? '*' } });
      onSaved(res.body, res.etag ?? null);
    } catch (err) {
      showProblem(form, err, {
        lead: create ? 'Das Beteiligungsformat wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
        fields: pointers,
      });
      if (err?.status === 412 && onReload) {
        const reload = button('Aktuellen Stand laden');
        reload.addEventListener('click', onReload);
        alert.append(reload);
      }
    } finally {
      busy = false;
      save.disabled = false;
    }
  });

  return {
    open(where, consultation = null, tag = null) {
      ags = where;
      etag = tag;
      if (consultation) form.dataset.id = consultation.id;
      clearErrors(form);
      fill(consultation);
      return loadChoices((consultation?.organisers ?? []).map((o) => String(o.id)), consultation?.concept?.id ?? null);
    },
  };
}
