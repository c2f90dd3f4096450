/*
 * parts.js: pieces the Beteiligung pages share: the counts of Beiträge, a
 * Zeitraum, a list of facts (<dl>), and a measure's live status.
 */

import { MEASURE_STATUS } from '../catalogue/terms.js';
import { badge, dateElement, missing, progressBar } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { measureHref } from '../catalogue/concept.js';

/** "12 freigegeben, 3 warten, 1 abgelehnt" */
export function countsText(counts) {
  const c = counts ?? {};
  return `${formatInteger(c.approved ?? 0)} freigegeben, ${formatInteger(c.pending ?? 0)} `
    + `${(c.pending ?? 0) === 1 ? 'wartet' : 'warten'}, ${formatInteger(c.rejected ?? 0)} abgelehnt`;
}

/** "01.03.2026 bis 30.04.2026" as <time>s. */
export function period(startsOn, endsOn) {
  const frag = document.createDocumentFragment();
  if (!startsOn) {
    frag.append(missing());
    return frag;
  }
  frag.append(dateElement(startsOn));
  if (endsOn && endsOn !== startsOn) frag.append(' bis ', dateElement(endsOn));
  return frag;
}

/**
 * Fill a <dl class="facts"> with [term, ...values] rows; an empty value reads „keine Angabe“.
 * @param {HTMLDListElement} dl
 * @param {[string, ...(Node | string | null | undefined)[]][]} rows
 */
export function facts(dl, rows) {
  dl.replaceChildren();
  for (const [name, ...value] of rows) {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    const shown = value.filter((v) => v != null && v !== '');
    if (shown.length) dd.append(...shown);
    else dd.append(missing());
    div.append(dt, dd);
    dl.append(div);
  }
}

/** A heading of the given level and text. */
export function heading(level, text, id = null) {
  const h = document.createElement(`h${level}`);
  h.textContent = text;
  if (id) {
    h.id = id;
    h.tabIndex = -1;
  }
  return h;
}

/**
 * A list of measures carrying out a recommendation, each linked to its page,
 * with its live status and progress.
 * @param {string} ags
 * @param {{id: string, code?: string, title: string, status: string, progress?: number | null}[]} measures
 */
export function measureList(ags, measures) {
  const ul = document.createElement('ul');
  ul.className = 'recommendation-measures';
  for (const m of measures) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = measureHref(ags, m.id);
    a.textContent = `${m.code ? `${m.code} ` : ''}${m.title}`;
    const status = badge(MEASURE_STATUS[m.status] ?? m.status, m.status);
    li.append(a, ' ', status, ' ', progressBar(m.progress));
    ul.append(li);
  }
  return ul;
}

/**
 * Ask in the page's confirmation dialog (the <dialog> with the id given).
 * @returns {Promise<boolean>} whether the person confirmed
 */
export function confirmIn(id, { title, text, yes }) {
  const dialog = document.getElementById(id);
  const yesButton = dialog.querySelector('[data-answer="ja"]');
  const noButton = dialog.querySelector('[data-answer="nein"]');
  dialog.querySelector('h2').textContent = title;
  dialog.querySelector('p').textContent = text;
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
