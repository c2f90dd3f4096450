/*
 * forms.js: messages in forms. A field's error is a paragraph before the
 * control, tied to it with aria-describedby and marked with aria-invalid,
 * so a screen reader reads it with the label; a form's own alert region
 * (role="alert") takes what belongs to no field. Text only, never HTML.
 */

import { fieldErrorText, problemText } from './problems.js';

/**
 * A notice box as the pages show them: a bold lead and an optional detail.
 * @param {string} lead
 * @param {string | null} [detail]
 * @param {'error' | 'success' | null} [kind]
 * @returns {HTMLDivElement}
 */
export function noticeBox(lead, detail = null, kind = 'error') {
  const box = document.createElement('div');
  box.className = kind ? `notice notice--${kind}` : 'notice';
  const p = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = lead;
  p.append(strong);
  box.append(p);
  if (detail) {
    const more = document.createElement('p');
    more.className = 'problem-detail';
    more.textContent = detail;
    box.append(more);
  }
  return box;
}

function describedBy(el) {
  return (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
}

/* The controls a message is for: an input or select, or a fieldset's radios. */
function controlsOf(target) {
  return target instanceof HTMLFieldSetElement ? [...target.querySelectorAll('input')] : [target];
}

/**
 * Show an error at a field.
 * @param {HTMLInputElement | HTMLSelectElement | HTMLFieldSetElement} target
 * @param {string} message
 */
export function setFieldError(target, message) {
  const id = `${target.id}-fehler`;
  let error = document.getElementById(id);
  if (!error) {
    error = document.createElement('p');
    error.id = id;
    error.className = 'field-error';
    if (target instanceof HTMLFieldSetElement) {
      target.querySelector('legend').after(error);
    } else {
      // After the label and its hint, right before the control.
      target.before(error);
    }
  }
  const prefix = document.createElement('span');
  prefix.className = 'visually-hidden';
  prefix.textContent = 'Fehler: ';
  error.replaceChildren(prefix, message);

  (target.closest('.field') ?? target).classList.add('field--error');
  for (const control of controlsOf(target)) {
    control.setAttribute('aria-invalid', 'true');
    const ids = describedBy(control).filter((x) => x !== id);
    control.setAttribute('aria-describedby', [id, ...ids].join(' '));
  }
}

/**
 * Remove every field error of the form and empty its alert region.
 * @param {HTMLFormElement} form
 */
export function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) {
    for (const control of form.querySelectorAll(`[aria-describedby~="${error.id}"]`)) {
      const ids = describedBy(control).filter((x) => x !== error.id);
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
    }
    error.remove();
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field--error')) el.classList.remove('field--error');
  form.querySelector('.alert-region')?.replaceChildren();
}

/**
 * Put a notice into the form's alert region (role="alert").
 * @param {HTMLFormElement} form
 * @param {string} lead
 * @param {string | null} [detail]
 */
export function showFormAlert(form, lead, detail = null) {
  form.querySelector('.alert-region').replaceChildren(noticeBox(lead, detail));
}

/** Move the focus to the form's first control marked invalid. */
export function focusFirstError(form) {
  const first = form.querySelector('[aria-invalid="true"]');
  if (!first) return false;
  first.focus();
  return true;
}

/**
 * Show a failed request in the form: each errors[] entry at the field its
 * JSON pointer names (German text; `texts` overrides it per pointer), the
 * rest in the form's alert, then focus the first field with an error.
 * @param {HTMLFormElement} form
 * @param {unknown} err the ApiError
 * @param {{lead: string, fields?: Record<string, HTMLElement>,
 *          texts?: Record<string, string>, conflict?: string, notFound?: string}} how
 *        lead: the first sentence of the alert ("… konnte nicht …");
 *        fields: JSON pointer -> control (or fieldset)
 */
export function showProblem(form, err, { lead, fields = {}, texts = {}, conflict, notFound }) {
  const errors = Array.isArray(err?.problem?.errors) ? err.problem.errors : [];
  const unplaced = [];
  let placed = 0;
  for (const e of errors) {
    const target = e.pointer !== undefined ? fields[e.pointer] : undefined;
    const text = texts[e.pointer] ?? fieldErrorText(e.message);
    if (target) {
      setFieldError(target, text);
      placed += 1;
    } else {
      unplaced.push(text);
    }
  }
  let detail = problemText(err, { conflict, notFound });
  if (unplaced.length) detail = unplaced.join(' ');
  showFormAlert(form, lead, detail);
  if (placed) focusFirstError(form);
}

/** The UTF-8 length of a string (the server limits passwords in bytes too). */
export function byteLength(text) {
  return new TextEncoder().encode(text).length;
}

/**
 * Check a new password and its repetition; sets the field errors.
 * @returns {boolean} whether both are fine
 */
export function checkNewPassword(input, repeat, { current } = {}) {
  let ok = true;
  const value = input.value;
  if (value.length === 0) {
    setFieldError(input, 'Bitte geben Sie ein neues Passwort ein.');
    ok = false;
  } else if ([...value].length < 12) {
    setFieldError(input, 'Das Passwort muss mindestens 12 Zeichen lang sein.');
    ok = false;
  } else if ([...value].length > 256 || byteLength(value) > 256) {
    setFieldError(input, 'Das Passwort darf höchstens 256 Zeichen lang sein (Umlaute und Sonderzeichen zählen doppelt).');
    ok = false;
  } else if (current !== undefined && value === current) {
    setFieldError(input, 'Das neue Passwort muss sich vom aktuellen unterscheiden.');
    ok = false;
  }
  if (ok && repeat.value !== value) {
    setFieldError(repeat, repeat.value === ''
      ? 'Bitte wiederholen Sie das neue Passwort.'
      : 'Die beiden Passwörter stimmen nicht überein.');
    ok = false;
  }
  return ok;
}
