/*
 * ui.js: small pieces of the pages, built as DOM nodes
 * with text only: the progress bar with its percentage, status badges,
 * dates, "keine Angabe", plain lists and the retry button.
 */

import { formatDate, formatWholePercent } from './format.js';

/**
 * A progress bar with the percentage as text ("60 %"). The bar is drawn
 * for the eye only; screen readers read the number.
 * @param {number | null | undefined} progress 0..100
 * @returns {HTMLSpanElement}
 */
export function progressBar(progress) {
  const value = Number.isFinite(progress) ? Math.min(100, Math.max(0, progress)) : null;
  const wrap = document.createElement('span');
  wrap.className = 'progress';
  const bar = document.createElement('span');
  bar.className = 'progress__bar';
  bar.setAttribute('aria-hidden', 'true');
  const fill = document.createElement('span');
  fill.className = 'progress__fill';
  fill.style.width = `${value ?? 0}%`;
  bar.append(fill);
  const text = document.createElement('span');
  text.className = 'progress__value';
  if (value === null) text.append(missing());
  else text.textContent = formatWholePercent(value);
  wrap.append(bar, text);
  return wrap;
}

/**
 * A status as a badge: "in Umsetzung"; the kind (the API's code) chooses
 * its colour, the text says it.
 * @param {string} text
 * @param {string} kind e.g. "in_progress", "at_risk"
 */
export function badge(text, kind) {
  const span = document.createElement('span');
  span.className = `badge badge--${String(kind).replace(/[^a-z_]/g, '')}`;
  span.textContent = text;
  return span;
}

/** A <time> for an ISO date, shown as "21.03.2024". */
export function dateElement(iso) {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.textContent = formatDate(iso);
  return time;
}

/** "–" for a missing value, read out as "keine Angabe". */
export function missing() {
  const frag = document.createDocumentFragment();
  const dash = document.createElement('span');
  dash.setAttribute('aria-hidden', 'true');
  dash.textContent = '–';
  const text = document.createElement('span');
  text.className = 'visually-hidden';
  text.textContent = 'keine Angabe';
  frag.append(dash, text);
  return frag;
}

/**
 * A plain list of texts, or "keine Angabe" when there is none.
 * @param {string[]} texts
 */
export function textList(texts) {
  if (!texts.length) return missing();
  const ul = document.createElement('ul');
  ul.className = 'plain-list';
  for (const t of texts) {
    const li = document.createElement('li');
    li.textContent = t;
    ul.append(li);
  }
  return ul;
}

/**
 * A button "Erneut versuchen" that calls retry.
 * @param {() => void} retry
 */
export function retryButton(retry) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Erneut versuchen';
  button.addEventListener('click', retry);
  return button;
}
