/*
 * parts.js: pieces the meeting pages build in script: labelled fields,
 * buttons whose name carries their context, small forms with an alert
 * region, and links to the things an agenda item names.
 */

import { loadAllMunicipalities } from '../shared/api.js';
import { measureHref } from '../catalogue/concept.js';
import { memberMunicipalities } from '../shared/roles.js';

/** The Kommunen to choose from: the person's own; district admins every one. */
export async function meetingMunicipalities(person) {
  const own = memberMunicipalities(person);
  if (!person?.district_admin) return own;
  try {
    return await loadAllMunicipalities();
  } catch {
    return own;
  }
}

let counter = 0;

/** A unique id for controls built in script. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * A labelled field: <div class="field"> with label, optional hint and the
 * control (input, textarea or select).
 * @returns {{wrap: HTMLDivElement, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement}}
 */
export function field(labelText, {
  kind = 'input', type = 'text', value = '', maxLength, required = false, hint, rows = 3, options = [], prefix = 'feld',
} = {}) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  const id = uid(prefix);
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  wrap.append(label);
  const control = document.createElement(kind);
  control.id = id;
  if (kind === 'input') {
    control.type = type;
    control.autocomplete = 'off';
  }
  if (kind === 'textarea') control.rows = rows;
  if (kind === 'select') control.replaceChildren(...options);
  if (maxLength) control.maxLength = maxLength;
  control.required = required;
  if (kind !== 'select') control.value = value ?? '';
  else if (value) control.value = value;
  if (hint) {
    const p = document.createElement('p');
    p.className = 'field-hint';
    p.id = `${id}-hinweis`;
    p.textContent = hint;
    wrap.append(p);
    control.setAttribute('aria-describedby', p.id);
  }
  wrap.append(control);
  return { wrap, control };
}

/** A button of the given text and class. */
export function button(text, className = 'button button--secondary', type = 'button') {
  const b = document.createElement('button');
  b.type = type;
  b.className = className;
  b.textContent = text;
  return b;
}

/** A button whose visible text is `text`, read out with `context` after it. */
export function contextButton(text, context, className = 'button button--secondary button--small') {
  const b = button(text, className);
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = ` ${context}`;
  b.append(hidden);
  return b;
}

/** A form with its alert region, named by `name` (null: no name of its own). */
export function smallForm(name) {
  const form = document.createElement('form');
  form.className = 'form meeting-subform';
  form.noValidate = true;
  if (name) form.setAttribute('aria-label', name);
  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');
  form.append(alert);
  return form;
}

/** <div class="form-actions"> with the buttons. */
export function actions(...buttons) {
  const div = document.createElement('div');
  div.className = 'form-actions';
  div.append(...buttons);
  return div;
}

/** A paragraph of text (text only). */
export function paragraph(text, className = 'text') {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

/** Links to what an agenda item names: its measure, indicator, concept and recommendation. */
export function itemLinks(ags, item, { publicPage = false } = {}) {
  const links = [];
  const add = (what, text, href) => {
    const span = document.createElement('span');
    span.className = 'meeting-link';
    span.append(`${what}: `);
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = text;
      span.append(a);
    } else span.append(text);
    links.push(span);
  };
  if (item.measure) {
    add('Maßnahme', `${item.measure.code ?? ''} ${item.measure.title ?? ''}`.trim(),
      publicPage ? null : measureHref(ags, item.measure.id));
  }
  if (item.indicator) {
    add('Kennzahl', item.indicator.name ?? `Nr. ${item.indicator.id}`,
      publicPage ? null : `/#/kommunen/${encodeURIComponent(ags)}/kennzahlen/${encodeURIComponent(item.indicator.id)}`);
  }
  if (item.concept) {
    add('Integrationskonzept', item.concept.title ?? `Nr. ${item.concept.id}`,
      publicPage ? `/#/oeffentlich/${encodeURIComponent(ags)}`
        : `/#/konzepte/${encodeURIComponent(item.concept.id)}?${new URLSearchParams({ kommune: ags })}`);
  }
  if (item.recommendation && !publicPage) {
    add('Handlungsempfehlung', item.recommendation.title ?? `Nr. ${item.recommendation.id}`,
      `/#/empfehlungen/${encodeURIComponent(item.recommendation.id)}?${new URLSearchParams({ kommune: ags })}`);
  }
  return links;
}

/**
 * Ask in the page's confirmation dialog (#sitzung-dialog).
 * @returns {Promise<boolean>} whether the person confirmed
 */
export function confirmDialog({ title, text, yes }) {
  const dialog = document.getElementById('sitzung-dialog');
  const yesButton = document.getElementById('sitzung-dialog-ja');
  const noButton = document.getElementById('sitzung-dialog-nein');
  document.getElementById('sitzung-dialog-titel').textContent = title;
  document.getElementById('sitzung-dialog-text').textContent = text;
  yesButton.textContent = yes;
  const returnTo = document.activeElement;
  return new Promise((resolve) => {
    let answer = false;
    const onYes = () => {
      answer = true;
      dialog.close();
    };
    const onNo = () => dialog.close();
    dialog.addEventListener('close', () => {
      yesButton.removeEventListener('click', onYes);
      noButton.removeEventListener('click', onNo);
      if (!answer && returnTo instanceof HTMLElement) returnTo.focus();
      resolve(answer);
    }, { once: true });
    yesButton.addEventListener('click', onYes);
    noButton.addEventListener('click', onNo);
    dialog.showModal();
    noButton.focus();
  });
}
