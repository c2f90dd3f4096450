/*
 * edit-parts.js: the pieces the editing views of the Integrationskonzept
 * share: a failed change in a form (a 412 for If-Match explained as
 * „Inzwischen geändert – neu laden“, with a button that loads the record
 * again; anything else as the shared showProblem() shows it), labelled
 * fields and buttons built in script.
 */

import { noticeBox, showProblem } from '../shared/forms.js';

export const STALE_TEXT = 'Inzwischen geändert – neu laden: Jemand hat diesen Eintrag geändert, '
  + 'seit Sie ihn geöffnet haben. Laden Sie ihn neu, prüfen Sie die Angaben und wiederholen Sie Ihre Änderung.';

/**
 * Show a failed change in the form: a 412 as STALE_TEXT with „Neu laden“
 * (calls reload), anything else as showProblem() does.
 * @param {HTMLFormElement} form
 * @param {unknown} err
 * @param {Parameters<typeof showProblem>[2]} how
 * @param {() => void} reload
 */
export function showChangeProblem(form, err, how, reload) {
  if (err?.status !== 412) {
    showProblem(form, err, how);
    return;
  }
  const box = noticeBox(how.lead, STALE_TEXT);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Neu laden';
  button.addEventListener('click', reload);
  box.append(button);
  form.querySelector('.alert-region').replaceChildren(box);
  button.focus();
}

/**
 * A labelled field for a form built in script: <div class="field"> with
 * label, control (input or textarea) and its value.
 * @returns {{wrap: HTMLDivElement, control: HTMLInputElement | HTMLTextAreaElement}}
 */
export function textField(id, labelText, { value = '', multiline = false, maxLength, required = false } = {}) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  const control = document.createElement(multiline ? 'textarea' : 'input');
  control.id = id;
  if (multiline) control.rows = 3;
  else {
    control.type = 'text';
    control.autocomplete = 'off';
  }
  if (maxLength) control.maxLength = maxLength;
  control.required = required;
  control.value = value ?? '';
  wrap.append(label, control);
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
export function contextButton(text, context, className = 'button button--secondary') {
  const b = button(text, className);
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = ` ${context}`;
  b.append(hidden);
  return b;
}
