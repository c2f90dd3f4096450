/*
 * measure-form.js: the form for every field of a Maßnahme, to add one (POST
 * …/measures, in measure-new.js) or to change one (PATCH …/measures/{id}
 * with If-Match, on the measure page). Its choices come from the API: the
 * Integrationskonzepte, Handlungsfelder and Leitziele of the Kommune, the
 * organisations that serve it (GET /organisations?municipality=) and the
 * top-level measures of the concept (possible parents).
 *
 * A change sends only the members that differ from the measure as read. The
 * server's field errors are shown at their fields; a 412 says who changed
 * the measure meanwhile (from its history, when the person may read it) and
 * offers to load it again.
 */

import {
  CONCEPT_STATUS, HORIZON, TARGET_GROUP, VISIBILITY, label,
} from './terms.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showProblem,
} from '../shared/forms.js';
import { authRequest, getAll } from '../shared/api.js';
import { formatInteger } from '../shared/format.js';

/* The server's (English) field messages of the catalogue, in German. */
const MESSAGES = [
  [/planned end lies before/, 'Das geplante Ende liegt vor dem geplanten Beginn.'],
  [/actual end lies before/, 'Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.'],
  [/has this code/, 'Diese Kennung hat schon eine andere Maßnahme dieses Integrationskonzepts.'],
  [/no such action field/, 'Dieses Handlungsfeld gibt es in der Kommune nicht.'],
  [/not a guiding goal of this concept/, 'Dieses Leitziel gehört nicht zum Integrationskonzept der Maßnahme.'],
  [/does not serve this municipality/, 'Diese Organisation ist in der Kommune nicht tätig.'],
  [/lead organisation is not also a partner/, 'Die federführende Organisation kann nicht zugleich beteiligt sein.'],
  [/Teilmaßnahme cannot have Teilmaßnahmen/, 'Eine Teilmaßnahme kann keine übergeordnete Maßnahme sein.'],
  [/with Teilmaßnahmen cannot become one/, 'Diese Maßnahme hat eigene Teilmaßnahmen und kann daher keine Teilmaßnahme werden.'],
  [/no such measure in this concept/, 'Diese Maßnahme gibt es im Integrationskonzept nicht.'],
  [/cannot be its own parent/, 'Eine Maßnahme kann nicht Teil ihrer selbst sein.'],
  [/no such concept/, 'Dieses Integrationskonzept gibt es in der Kommune nicht.'],
];

/** The ISO date pattern of <input type="date"> values. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "2.500,50" or "2500.5" -> 2500.5; "" -> null; NaN when it is no amount.
 * @param {string} raw
 */
export function parseEuro(raw) {
  let s = String(raw).replace(/[\s\u00a0€]/g, '');
  if (s === '') return null;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(s) ? Number(s) : Number.NaN;
}

/** 2500.5 -> "2500,50" for the input. */
function euroInput(value) {
  if (value == null) return '';
  return Number(value).toFixed(2).replace('.', ',').replace(/,00$/, '');
}

/* The skeleton of the form; ids get the prefix p. Constant markup only. */
function skeleton(p, create) {
  const concept = create ? `
    <div class="field">
      <label for="${p}-konzept">Integrationskonzept</label>
      <p class="field-hint" id="${p}-konzept-hinweis">Die Version, in deren Maßnahmenkatalog die Maßnahme steht; später nicht änderbar.</p>
      <select id="${p}-konzept" name="concept_id" required aria-describedby="${p}-konzept-hinweis"></select>
    </div>` : '';
  return `
    <div class="alert-region" role="alert"></div>
    <fieldset class="fieldset measure-form__group">
      <legend>Bezeichnung</legend>
      ${concept}
      <div class="field">
        <label for="${p}-kennung">Kennung</label>
        <p class="field-hint" id="${p}-kennung-hinweis">Bis 20 Zeichen, im Integrationskonzept eindeutig, z. B. SP-01.</p>
        <input id="${p}-kennung" name="code" type="text" maxlength="20" required autocomplete="off" aria-describedby="${p}-kennung-hinweis">
      </div>
      <div class="field">
        <label for="${p}-titel">Titel</label>
        <input id="${p}-titel" name="title" type="text" maxlength="300" required autocomplete="off">
      </div>
      <div class="field">
        <label for="${p}-beschreibung">Beschreibung</label>
        <textarea id="${p}-beschreibung" name="description" rows="4" maxlength="20000"></textarea>
      </div>
    </fieldset>
    <fieldset class="fieldset measure-form__group">
      <legend>Einordnung</legend>
      <div class="field">
        <label for="${p}-handlungsfeld">Handlungsfeld</label>
        <select id="${p}-handlungsfeld" name="action_field_id" required></select>
      </div>
      <fieldset id="${p}-leitziele" class="field fieldset choices">
        <legend>Leitziele, denen die Maßnahme dient</legend>
        <div class="choices__list"></div>
      </fieldset>
      <div class="field">
        <label for="${p}-horizont">Zeithorizont</label>
        <select id="${p}-horizont" name="horizon" required></select>
      </div>
      <div class="field">
        <label for="${p}-uebergeordnet">Teil der Maßnahme</label>
        <p class="field-hint" id="${p}-uebergeordnet-hinweis">Für eine Teilmaßnahme: die übergeordnete Maßnahme desselben Integrationskonzepts.</p>
        <select id="${p}-uebergeordnet" name="parent_id" aria-describedby="${p}-uebergeordnet-hinweis"></select>
      </div>
      <div class="field">
        <label for="${p}-gewichtung">Gewichtung</label>
        <p class="field-hint" id="${p}-gewichtung-hinweis">Eine ganze Zahl von 1 bis 100: das Gewicht einer Teilmaßnahme im Fortschritt der übergeordneten Maßnahme.</p>
        <input id="${p}-gewichtung" name="weight" type="number" min="1" max="100" step="1" inputmode="numeric" aria-describedby="${p}-gewichtung-hinweis">
      </div>
    </fieldset>
    <fieldset class="fieldset measure-form__group">
      <legend>Zeitraum</legend>
      <div class="field-row">
        <div class="field">
          <label for="${p}-geplant-beginn">Geplanter Beginn</label>
          <input id="${p}-geplant-beginn" name="planned_start" type="date">
        </div>
        <div class="field">
          <label for="${p}-geplant-ende">Geplantes Ende</label>
          <input id="${p}-geplant-ende" name="planned_end" type="date">
        </div>
      </div>
      <div class="field-row">
        <div class="field">
          <label for="${p}-beginn">Tatsächlicher Beginn</label>
          <input id="${p}-beginn" name="actual_start" type="date">
        </div>
        <div class="field">
          <label for="${p}-ende">Tatsächliches Ende</label>
          <input id="${p}-ende" name="actual_end" type="date">
        </div>
      </div>
    </fieldset>
    <fieldset class="fieldset measure-form__group">
      <legend>Beteiligte</legend>
      <div class="field">
        <label for="${p}-federfuehrung">Federführung</label>
        <select id="${p}-federfuehrung" name="lead_organisation_id"></select>
      </div>
      <fieldset id="${p}-partner" class="field fieldset choices">
        <legend>Beteiligte Organisationen</legend>
        <div class="choices__list"></div>
      </fieldset>
      <fieldset id="${p}-zielgruppen" class="field fieldset choices">
        <legend>Zielgruppen</legend>
        <div class="choices__list"></div>
      </fieldset>
    </fieldset>
    <fieldset class="fieldset measure-form__group">
      <legend>Budget und Sichtbarkeit</legend>
      <div class="field">
        <label for="${p}-budget">Budget in Euro</label>
        <p class="field-hint" id="${p}-budget-hinweis">Zum Beispiel 2.500 oder 2.500,50; leer lassen, wenn keines festgelegt ist.</p>
        <input id="${p}-budget" name="budget" type="text" inputmode="decimal" autocomplete="off" aria-describedby="${p}-budget-hinweis">
      </div>
      <div class="field">
        <label for="${p}-sichtbarkeit">Sichtbarkeit</label>
        <select id="${p}-sichtbarkeit" name="visibility" required></select>
      </div>
    </fieldset>
    <div class="form-actions">
      <button type="submit" class="button">${create ? 'Maßnahme anlegen' : 'Änderungen speichern'}</button>
    </div>`;
}

/* A checkbox with its label in a .choice. */
function checkbox(id, name, value, text) {
  const div = document.createElement('div');
  div.className = 'choice';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = id;
  input.name = name;
  input.value = value;
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = text;
  div.append(input, lab);
  return div;
}

function checked(fieldset) {
  return [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);
}

function setChecked(fieldset, values) {
  const wanted = new Set(values);
  for (const i of fieldset.querySelectorAll('input')) i.checked = wanted.has(i.value);
}

const sorted = (a) => [...a].map(String).sort();

/**
 * The name of whoever changed the measure last, from its history; null
 * when the person may not read the history or it says nothing.
 */
export async function lastEditor(ags, id) {
  try {
    const { body } = await authRequest(
      'GET',
      `municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(id)}/history`,
      { params: { limit: 1 } },
    );
    return body?.items?.[0]?.actor?.display_name ?? null;
  } catch {
    return null;
  }
}

/**
 * The notice of a 412: „Inzwischen von <Name> geändert – neu laden“ and a
 * button that calls reload.
 * @param {string | null} name
 * @param {() => Promise<void>} reload
 * @param {string} [detail]
 */
export function staleNotice(name, reload, detail) {
  const box = noticeBox(
    name ? `Inzwischen von ${name} geändert – neu laden` : 'Inzwischen geändert – neu laden',
    detail ?? 'Die Maßnahme wurde bearbeitet, seit Sie sie geöffnet haben; Ihre Änderung wurde nicht gespeichert. '
      + 'Bitte laden Sie die Maßnahme neu, prüfen Sie den aktuellen Stand und wiederholen Sie Ihre Änderung bei Bedarf.',
  );
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Maßnahme neu laden';
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await reload();
    } finally {
      button.disabled = false;
    }
  });
  const p = document.createElement('p');
  p.append(button);
  box.append(p);
  return { box, button };
}

/**
 * @param {HTMLFormElement} form an empty form, filled here
 * @param {{prefix: string, create: boolean,
 *          onSaved: (measure: object, etag: string | null) => void,
 *          onReload?: () => Promise<void>}} options
 *        prefix: of the ids; onSaved: after POST or PATCH succeeded;
 *        onReload: what „neu laden“ after a 412 does (edit only)
 */
export function createMeasureForm(form, { prefix: p, create, onSaved, onReload }) {
  form.classList.add('form', 'measure-form');
  form.noValidate = true;
  form.innerHTML = skeleton(p, create);
  const $ = (suffix) => form.querySelector(`#${p}-${suffix}`);
  const el = {
    concept: create ? $('konzept') : null,
    code: $('kennung'),
    title: $('titel'),
    description: $('beschreibung'),
    actionField: $('handlungsfeld'),
    goals: $('leitziele'),
    horizon: $('horizont'),
    parent: $('uebergeordnet'),
    weight: $('gewichtung'),
    plannedStart: $('geplant-beginn'),
    plannedEnd: $('geplant-ende'),
    actualStart: $('beginn'),
    actualEnd: $('ende'),
    lead: $('federfuehrung'),
    partners: $('partner'),
    groups: $('zielgruppen'),
    budget: $('budget'),
    visibility: $('sichtbarkeit'),
  };
  const fields = {
    '/concept_id': el.concept,
    '/code': el.code,
    '/title': el.title,
    '/description': el.description,
    '/action_field_id': el.actionField,
    '/goal_ids': el.goals,
    '/horizon': el.horizon,
    '/parent_id': el.parent,
    '/weight': el.weight,
    '/planned_start': el.plannedStart,
    '/planned_end': el.plannedEnd,
    '/actual_start': el.actualStart,
    '/actual_end': el.actualEnd,
    '/lead_organisation_id': el.lead,
    '/partner_organisation_ids': el.partners,
    '/target_groups': el.groups,
    '/budget': el.budget,
    '/visibility': el.visibility,
  };
  if (!create) delete fields['/concept_id'];

  el.horizon.replaceChildren(...Object.entries(HORIZON).map(([c, t]) => new Option(t, c)));
  el.visibility.replaceChildren(...Object.entries(VISIBILITY).map(([c, t]) => new Option(t, c)));
  el.groups.querySelector('.choices__list').replaceChildren(
    ...Object.entries(TARGET_GROUP).map(([c, t]) => checkbox(`${p}-zielgruppe-${c}`, 'target_groups', c, t)),
  );

  const state = { ags: null, measure: null, etag: null, conceptId: null, busy: false };

  async function loadConceptChoices(conceptId, selfId) {
    const base = `municipalities/${encodeURIComponent(state.ags)}`;
    const [goals, measures] = await Promise.all([
      getAll(`${base}/concepts/${encodeURIComponent(conceptId)}/goals`, { auth: true }),
      getAll(`${base}/measures`, { params: { concept_id: conceptId }, auth: true }),
    ]);
    goals.sort((a, b) => a.position - b.position);
    el.goals.querySelector('.choices__list').replaceChildren(
      ...goals.map((g) => checkbox(`${p}-leitziel-${g.id}`, 'goal_ids', g.id, `Leitziel ${g.position}: ${g.title}`)),
    );
    if (goals.length === 0) {
      const none = document.createElement('p');
      none.className = 'field-hint';
      none.textContent = 'Dieses Integrationskonzept hat noch keine Leitziele.';
      el.goals.querySelector('.choices__list').append(none);
    }
    const parents = measures.filter((m) => !m.parent_id && m.id !== selfId)
      .sort((a, b) => a.code.localeCompare(b.code, 'de', { numeric: true }));
    el.parent.replaceChildren(
      new Option('keine – eigenständige Maßnahme', ''),
      ...parents.map((m) => new Option(`${m.code}: ${m.title}`, m.id)),
    );
  }

  /* Choices that depend on the Kommune only. */
  async function loadMunicipalityChoices() {
    const base = `municipalities/${encodeURIComponent(state.ags)}`;
    const [fields_, orgs] = await Promise.all([
      getAll(`${base}/action-fields`, { auth: true }),
      getAll('organisations', { params: { municipality: state.ags }, auth: true }),
    ]);
    fields_.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    el.actionField.replaceChildren(new Option('Bitte wählen', ''), ...fields_.map((f) => new Option(f.name, f.id)));
    el.lead.replaceChildren(new Option('keine', ''), ...orgs.map((o) => new Option(o.name, o.id)));
    el.partners.querySelector('.choices__list').replaceChildren(
      ...orgs.map((o) => checkbox(`${p}-partner-${o.id}`, 'partner_organisation_ids', o.id, o.name)),
    );
  }

  if (el.concept) {
    el.concept.addEventListener('change', async () => {
      if (!el.concept.value) return;
      state.conceptId = el.concept.value;
      try {
        await loadConceptChoices(state.conceptId, null);
      } catch (err) {
        showProblem(form, err, { lead: 'Die Leitziele des Integrationskonzepts konnten nicht geladen werden.' });
      }
    });
  }

  function fill(m) {
    el.code.value = m?.code ?? '';
    el.title.value = m?.title ?? '';
    el.description.value = m?.description ?? '';
    el.actionField.value = m?.action_field?.id ?? '';
    setChecked(el.goals, m?.goal_ids ?? []);
    el.horizon.value = m?.horizon ?? 'medium';
    el.parent.value = m?.parent_id ?? '';
    el.weight.value = String(m?.weight ?? 1);
    el.plannedStart.value = m?.planned_start ?? '';
    el.plannedEnd.value = m?.planned_end ?? '';
    el.actualStart.value = m?.actual_start ?? '';
    el.actualEnd.value = m?.actual_end ?? '';
    el.lead.value = m?.lead_organisation?.id ?? '';
    setChecked(el.partners, (m?.partner_organisations ?? []).map((o) => o.id));
    setChecked(el.groups, m?.target_groups ?? []);
    el.budget.value = euroInput(m?.budget);
    el.visibility.value = m?.visibility ?? 'internal';
    // A measure with Teilmaßnahmen cannot become one.
    el.parent.disabled = Boolean(m?.child_count);
  }

  /* The form as a request body (every member), or null after field errors. */
  function read() {
    const body = {};
    if (el.concept) {
      if (!el.concept.value) setFieldError(el.concept, 'Bitte wählen Sie das Integrationskonzept.');
      body.concept_id = el.concept.value;
    }
    body.code = el.code.value.trim();
    if (body.code === '') setFieldError(el.code, 'Bitte geben Sie eine Kennung ein.');
    body.title = el.title.value.trim();
    if (body.title === '') setFieldError(el.title, 'Bitte geben Sie einen Titel ein.');
    body.description = el.description.value.trim() || null;
    body.action_field_id = el.actionField.value;
    if (!body.action_field_id) setFieldError(el.actionField, 'Bitte wählen Sie ein Handlungsfeld.');
    body.goal_ids = checked(el.goals);
    body.horizon = el.horizon.value;
    body.parent_id = el.parent.value || null;
    const weight = Number(el.weight.value.trim());
    if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
      setFieldError(el.weight, 'Bitte geben Sie eine ganze Zahl von 1 bis 100 ein.');
    }
    body.weight = weight;
    for (const [key, input] of [['planned_start', el.plannedStart], ['planned_end', el.plannedEnd],
      ['actual_start', el.actualStart], ['actual_end', el.actualEnd]]) {
      const v = input.value;
      if (v !== '' && !DATE.test(v)) setFieldError(input, 'Bitte geben Sie ein gültiges Datum ein.');
      body[key] = v || null;
    }
    body.lead_organisation_id = el.lead.value || null;
    body.partner_organisation_ids = checked(el.partners);
    body.target_groups = checked(el.groups);
    const budget = parseEuro(el.budget.value);
    if (Number.isNaN(budget) || (budget !== null && budget > 999999999.99)) {
      setFieldError(el.budget, 'Bitte geben Sie einen Betrag in Euro ein, z. B. 2.500 oder 2.500,50.');
    }
    body.budget = budget;
    body.visibility = el.visibility.value;
    if (el.parent.disabled) delete body.parent_id;
    return focusFirstError(form) ? null : body;
  }

  /* The members of body that differ from the measure m. */
  function changes(body, m) {
    const now = {
      code: m.code,
      title: m.title,
      description: m.description ?? null,
      action_field_id: m.action_field?.id ?? null,
      goal_ids: sorted(m.goal_ids ?? []),
      horizon: m.horizon,
      parent_id: m.parent_id ?? null,
      weight: m.weight,
      planned_start: m.planned_start ?? null,
      planned_end: m.planned_end ?? null,
      actual_start: m.actual_start ?? null,
      actual_end: m.actual_end ?? null,
      lead_organisation_id: m.lead_organisation?.id ?? null,
      partner_organisation_ids: sorted((m.partner_organisations ?? []).map((o) => o.id)),
      target_groups: sorted(m.target_groups ?? []),
      budget: m.budget == null ? null : Number(m.budget),
      visibility: m.visibility,
    };
    const diff = {};
    for (const [key, value] of Object.entries(body)) {
      const a = Array.isArray(value) ? sorted(value) : value;
      if (JSON.stringify(a) !== JSON.stringify(now[key])) diff[key] = value;
    }
    // The weight counts only for a Teilmaßnahme.
    if (!body.parent_id && !m.parent_id) delete diff.weight;
    return diff;
  }

  function germanTexts(err) {
    const texts = {};
    for (const e of err?.problem?.errors ?? []) {
      const hit = MESSAGES.find(([re]) => re.test(e.message ?? ''));
      if (hit && e.pointer) texts[e.pointer] = hit[1];
    }
    return texts;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (state.busy) return;
    clearErrors(form);
    const body = read();
    if (!body) return;
    const base = `municipalities/${encodeURIComponent(state.ags)}/measures`;
    let request;
    if (create) {
      request = () => authRequest('POST', base, { body });
    } else {
      const diff = changes(body, state.measure);
      if (Object.keys(diff).length === 0) {
        form.querySelector('.alert-region').replaceChildren(
          noticeBox('Sie haben nichts geändert.', null, null),
        );
        return;
      }
      request = () => authRequest('PATCH', `${base}/${encodeURIComponent(state.measure.id)}`, {
        body: diff, headers: { 'If-Match': state.etag ?? '*' },
      });
    }
    state.busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const res = await request();
      onSaved(res.body, res.etag);
    } catch (err) {
      if (err?.status === 412 && !create) {
        const name = await lastEditor(state.ags, state.measure.id);
        const { box, button } = staleNotice(name, async () => {
          await onReload?.();
        }, 'Ihre Änderungen wurden nicht gespeichert. Nach dem Neuladen zeigt das Formular den aktuellen Stand; '
          + 'bitte tragen Sie Ihre Änderungen dann erneut ein.');
        form.querySelector('.alert-region').replaceChildren(box);
        button.focus();
      } else {
        showProblem(form, err, {
          lead: create ? 'Die Maßnahme wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
          fields,
          texts: germanTexts(err),
          conflict: 'Das widerspricht einer vorhandenen Maßnahme. Bitte prüfen Sie die markierten Angaben.',
        });
      }
    } finally {
      state.busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    /**
     * Load the choices and fill the form: with the measure (edit), or
     * empty for a new one in the concept conceptId.
     * @param {{ags: string, measure?: object | null, etag?: string | null,
     *          conceptId?: string | null, concepts?: object[], parentId?: string | null}} what
     */
    async open({ ags, measure = null, etag = null, conceptId = null, concepts = [], parentId = null }) {
      clearErrors(form);
      const sameKommune = state.ags === ags;
      Object.assign(state, { ags, measure, etag });
      if (!sameKommune || !el.actionField.options.length) await loadMunicipalityChoices();
      if (el.concept) {
        el.concept.replaceChildren(
          new Option('Bitte wählen', ''),
          ...concepts.map((c) => new Option(`Version ${formatInteger(c.version)} – ${c.title} (${label(CONCEPT_STATUS, c.status)})`, c.id)),
        );
        el.concept.value = conceptId ?? '';
      }
      const cid = measure?.concept_id ?? conceptId;
      state.conceptId = cid;
      if (cid) await loadConceptChoices(cid, measure?.id ?? null);
      fill(measure);
      if (parentId) el.parent.value = parentId;
    },
    /** The measure changed elsewhere on the page: keep what is typed in. */
    setCurrent(measure, etag) {
      state.measure = measure;
      state.etag = etag;
    },
    /** After a reload: the measure and its ETag as they are now. */
    async refill(measure, etag) {
      state.measure = measure;
      state.etag = etag;
      clearErrors(form);
      await loadConceptChoices(measure.concept_id, measure.id);
      fill(measure);
    },
  };
}
