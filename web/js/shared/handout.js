/*
 * handout.js: the meeting handout („Sitzungsunterlage“) of the Übersicht
 * and the Maßnahmenkatalog, printed or as CSV, shared by both views.
 *
 * handoutControls() builds the actions: the paper orientation (A4
 * Hochformat or Querformat), „Sitzungsunterlage drucken“ and „Als CSV
 * herunterladen (Excel)“. printHandout() sets what the print stylesheet
 * puts on every page (the Kommune and „Stand: TT.MM.JJJJ“ in the page's
 * top margin, page numbers in its bottom margin: CSS custom properties
 * read by the @page margin boxes of style.css) and the orientation (the
 * named page „handout-landscape“), then opens the browser's print dialog.
 * downloadCsv() fetches a CSV as the signed-in person (the bearer token
 * cannot ride on a plain link) and hands it to the browser as a file.
 */

import { authRequest } from './api.js';
import { formatDate } from './format.js';
import { noticeBox } from './forms.js';
import { problemText } from './problems.js';

/** Today in Berlin as YYYY-MM-DD. */
export function todayIso(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
}

/* A CSS string literal of text (for content: var(--…) in @page). */
function cssString(text) {
  return `"${String(text).replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

/**
 * What the printed pages carry in their margins.
 * @param {string} heading e.g. "Sitzungsunterlage · Musterstadt"
 * @param {{orientation?: 'portrait' | 'landscape', date?: string}} [options] date: YYYY-MM-DD, today by default
 */
export function setPrintPage(heading, { orientation = 'portrait', date = todayIso() } = {}) {
  const root = document.documentElement;
  root.style.setProperty('--print-heading', cssString(heading));
  root.style.setProperty('--print-stand', cssString(`Stand: ${formatDate(date)}`));
  root.classList.toggle('print-landscape', orientation === 'landscape');
}

/** Sets the pages up (setPrintPage) and opens the print dialog. */
export function printHandout(heading, options) {
  setPrintPage(heading, options);
  window.print();
}

/**
 * GET path as CSV (Accept: text/csv) and save it as a file.
 * @param {string} path below /api/v1
 * @param {Record<string, string | undefined>} params
 * @param {string} fallbackName the file name when the answer names none
 */
export async function downloadCsv(path, params, fallbackName) {
  const { body, filename } = await authRequest('GET', path, {
    params, headers: { Accept: 'text/csv, application/problem+json' }, as: 'blob',
  });
  const url = URL.createObjectURL(body);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallbackName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The handout's actions, for the top of a view.
 * @param {{id: string, print: (orientation: 'portrait' | 'landscape') => Promise<void> | void,
 *          csv: () => Promise<void>}} options
 *        id: prefix of the element ids; print: prepares and prints;
 *        csv: downloads (errors are shown here)
 * @returns {HTMLElement}
 */
export function handoutControls({ id, print, csv }) {
  const box = document.createElement('div');
  box.className = 'handout-actions no-print';

  const fieldset = document.createElement('fieldset');
  fieldset.className = 'handout-actions__format';
  const legend = document.createElement('legend');
  legend.textContent = 'Papierformat (A4)';
  fieldset.append(legend);
  for (const [value, text] of [['portrait', 'Hochformat'], ['landscape', 'Querformat']]) {
    const wrap = document.createElement('span');
    wrap.className = 'handout-actions__choice';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = `${id}-format`;
    input.id = `${id}-format-${value}`;
    input.value = value;
    input.checked = value === 'portrait';
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = text;
    wrap.append(input, label);
    fieldset.append(wrap);
  }

  const printButton = document.createElement('button');
  printButton.type = 'button';
  printButton.className = 'button';
  printButton.id = `${id}-drucken`;
  printButton.textContent = 'Sitzungsunterlage drucken';

  const csvButton = document.createElement('button');
  csvButton.type = 'button';
  csvButton.className = 'button button--secondary';
  csvButton.id = `${id}-csv`;
  csvButton.textContent = 'Als CSV herunterladen (Excel)';

  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');

  const orientation = () => (fieldset.querySelector('input:checked')?.value === 'landscape' ? 'landscape' : 'portrait');

  printButton.addEventListener('click', async () => {
    if (printButton.getAttribute('aria-disabled') === 'true') return;
    alert.replaceChildren();
    printButton.setAttribute('aria-disabled', 'true');
    status.textContent = 'Die Sitzungsunterlage wird vorbereitet …';
    try {
      await print(orientation());
      status.textContent = '';
    } catch (err) {
      status.textContent = '';
      alert.replaceChildren(noticeBox('Die Sitzungsunterlage konnte nicht vorbereitet werden.', problemText(err)));
    } finally {
      printButton.removeAttribute('aria-disabled');
    }
  });

  csvButton.addEventListener('click', async () => {
    if (csvButton.getAttribute('aria-disabled') === 'true') return;
    alert.replaceChildren();
    csvButton.setAttribute('aria-disabled', 'true');
    status.textContent = 'Die CSV-Datei wird erstellt …';
    try {
      await csv();
      status.textContent = 'Die CSV-Datei wurde heruntergeladen.';
    } catch (err) {
      status.textContent = '';
      alert.replaceChildren(noticeBox('Die CSV-Datei konnte nicht erstellt werden.', problemText(err)));
    } finally {
      csvButton.removeAttribute('aria-disabled');
    }
  });

  const buttons = document.createElement('p');
  buttons.className = 'handout-actions__buttons';
  buttons.append(printButton, csvButton);
  box.append(fieldset, buttons, status, alert);
  return box;
}
