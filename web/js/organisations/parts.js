/*
 * parts.js: pieces the pages of organisations, Netzwerke, Angebote and
 * Veranstaltungen share: a group of checkboxes from a term table, the
 * Kommune chooser of their lists, the notice of a conflicting change (412)
 * and the sending of a form with its field errors.
 */

import { button, meetingMunicipalities, uid } from '../meetings/parts.js';
import { getAll } from '../shared/api.js';
import { clearErrors, focusFirstError, noticeBox, showProblem } from '../shared/forms.js';
import { currentPerson } from '../shared/session.js';

/**
 * A fieldset of checkboxes, one per term.
 * @param {string} legendText
 * @param {Record<string, string>} terms code -> German label
 * @param {string} prefix id prefix
 * @returns {{wrap: HTMLFieldSetElement, control: HTMLFieldSetElement, get: () => string[], set: (codes: string[]) => void}}
 */
export function checkboxes(legendText, terms, prefix, { hint } = {}) {
  const fs = document.createElement('fieldset');
  fs.className = 'field fieldset checkbox-group';
  fs.id = uid(prefix);
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  fs.append(legend);
  if (hint) {
    const p = document.createElement('p');
    p.className = 'field-hint';
    p.textContent = hint;
    fs.append(p);
  }
  const list = document.createElement('div');
  list.className = 'checkbox-list';
  for (const [code, text] of Object.entries(terms)) {
    const div = document.createElement('div');
    div.className = 'choice';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = `${fs.id}-${code}`;
    input.value = code;
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = text;
    div.append(input, label);
    list.append(div);
  }
  fs.append(list);
  const boxes = () => [...fs.querySelectorAll('input[type="checkbox"]')];
  return {
    wrap: fs,
    control: fs,
    get: () => boxes().filter((b) => b.checked).map((b) => b.value),
    set(codes) {
      const wanted = new Set((codes ?? []).map(String));
      for (const b of boxes()) b.checked = wanted.has(b.value);
    },
  };
}

/**
 * <option>s from a term table, optionally after a first empty one.
 * @param {Record<string, string>} terms
 * @param {string | null} [blank] the empty option's text
 */
export function termOptions(terms, blank = null) {
  const list = Object.entries(terms).map(([code, text]) => new Option(text, code));
  return blank ? [new Option(blank, ''), ...list] : list;
}

/**
 * The Kommune chooser of a list: fills the select with the person's
 * Kommunen (district admins: all) and picks ?kommune=, the one chosen last,
 * or the first. On change it goes to route?kommune=AGS.
 * @param {HTMLSelectElement} select
 * @param {string} route e.g. "netzwerke"
 * @returns {(params: URLSearchParams) => Promise<string | null>}
 */
export function municipalityChooser(select, route) {
  let remembered = null;
  select.form?.addEventListener('submit', (event) => event.preventDefault());
  select.addEventListener('change', () => {
    window.location.hash = `#/${route}?${new URLSearchParams({ kommune: select.value })}`;
  });
  return async (params) => {
    const options = await meetingMunicipalities(currentPerson());
    select.replaceChildren(...options.map((m) => new Option(m.name, m.ags)));
    const wanted = [params.get('kommune'), remembered];
    const ags = wanted.find((a) => a && options.some((m) => m.ags === a)) ?? options[0]?.ags ?? null;
    if (ags) {
      remembered = ags;
      select.value = ags;
    }
    return ags;
  };
}

/** The ?kommune= of a detail page, or the person's first Kommune. */
export async function detailMunicipality(params) {
  const wanted = params.get('kommune');
  if (wanted && /^\d{8}$/.test(wanted)) return wanted;
  const options = await meetingMunicipalities(currentPerson());
  return options[0]?.ags ?? null;
}

/**
 * The notice of a 412 (someone else changed the record meanwhile) with a
 * button that loads the current state.
 * @param {string} what e.g. "Das Angebot"
 * @param {() => Promise<void> | void} reload
 */
export function conflictNotice(what, reload) {
  const box = noticeBox(
    'Inzwischen geändert – neu laden',
    `${what} wurde bearbeitet, seit Sie die Seite geöffnet haben; Ihre Änderungen wurden nicht gespeichert. `
      + 'Bitte laden Sie den aktuellen Stand, prüfen Sie ihn und tragen Sie Ihre Änderungen dann erneut ein.',
  );
  const b = button('Aktuellen Stand laden', 'button');
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await reload();
    } finally {
      b.disabled = false;
    }
  });
  const p = document.createElement('p');
  p.append(b);
  box.append(p);
  return { box, button: b };
}

/**
 * Send a form: clear its errors, check it, send the request, show the
 * answer's field errors or the 412 notice.
 * @param {HTMLFormElement} form with an .alert-region
 * @param {{check?: () => void, request: () => Promise<{body: any, etag: string | null}>,
 *          lead: string, fields?: Record<string, HTMLElement>, what: string,
 *          onSaved: (doc: any, etag: string | null) => void, onReload?: () => Promise<void> | void,
 *          conflict?: string}} how
 */
export async function sendForm(form, {
  check, request, lead, fields = {}, what, onSaved, onReload, conflict,
}) {
  if (form.getAttribute('aria-busy') === 'true') return;
  clearErrors(form);
  check?.();
  if (focusFirstError(form)) return;
  form.setAttribute('aria-busy', 'true');
  const submit = form.querySelector('button[type="submit"]');
  if (submit) submit.disabled = true;
  try {
    const res = await request();
    onSaved(res.body, res.etag ?? null);
  } catch (err) {
    if (err?.status === 412 && onReload) {
      const { box, button: b } = conflictNotice(what, onReload);
      form.querySelector('.alert-region').replaceChildren(box);
      b.focus();
    } else {
      showProblem(form, err, { lead, fields, conflict });
    }
  } finally {
    form.removeAttribute('aria-busy');
    if (submit) submit.disabled = false;
  }
}

/** A form's alert region (role="alert"). */
export function alertRegion() {
  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');
  return alert;
}

/** The Kommunen of a document as names: accepts [{ags, name}] and ["AGS"]. */
export function municipalityNames(list) {
  return (list ?? []).map((m) => (typeof m === 'string' ? m : m.name ?? m.ags));
}

/** A link with text. */
export function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

/**
 * The measures of a Kommune to choose from, {id, label}: "GT-01 Fest der
 * Kulturen"; a measure whose code and title another one shares (the same
 * measure in an older version of the Integrationskonzept) gets the
 * concept's version after it, the current concept's first.
 * @param {string} ags
 */
export async function measureChoices(ags) {
  const base = `municipalities/${encodeURIComponent(ags)}`;
  const [measures, concepts] = await Promise.all([
    getAll(`${base}/measures`, { auth: true }),
    getAll(`${base}/concepts`, { auth: true }).catch(() => []),
  ]);
  const concept = new Map(concepts.map((c) => [String(c.id), c]));
  const name = (m) => `${m.code ? `${m.code} ` : ''}${m.title}`;
  const seen = new Map();
  for (const m of measures) seen.set(name(m), (seen.get(name(m)) ?? 0) + 1);
  const rank = (m) => (concept.get(String(m.concept_id))?.status === 'adopted' ? 0 : 1);
  return [...measures]
    .sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b), 'de', { numeric: true }))
    .map((m) => {
      const c = concept.get(String(m.concept_id));
      const suffix = seen.get(name(m)) > 1 && c ? ` (${c.title}${c.version ? `, Version ${c.version}` : ''})` : '';
      return { id: String(m.id), label: `${name(m)}${suffix}` };
    });
}
