/*
 * choices.js: lists to choose from on the Beteiligung pages, read from the
 * API once per page: the Handlungsfelder, the Beteiligungsformate, the
 * measures and the Sitzungen of a Kommune; and a fieldset of checkboxes.
 */

import { apiPath } from './terms.js';
import { getAll } from '../shared/api.js';
import { uid } from '../meetings/parts.js';

/** Every item of a list of the Kommune; [] when it cannot be read. */
export async function listOf(ags, what, params = {}) {
  try {
    return await getAll(apiPath(ags, what), { auth: true, params });
  } catch {
    return [];
  }
}

/**
 * A fieldset of checkboxes: legend, optional hint, one box per option.
 * @param {string} legendText
 * @param {{value: string, label: string}[]} options
 * @param {string[]} checked
 * @returns {{wrap: HTMLFieldSetElement, values: () => string[]}}
 */
export function checkboxes(legendText, options, checked = [], { hint, prefix = 'auswahl' } = {}) {
  const wrap = document.createElement('fieldset');
  wrap.className = 'fieldset checkbox-group';
  wrap.id = uid(prefix);
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  wrap.append(legend);
  if (hint) {
    const p = document.createElement('p');
    p.className = 'field-hint';
    p.textContent = hint;
    wrap.append(p);
  }
  if (!options.length) {
    const p = document.createElement('p');
    p.className = 'text text--muted';
    p.textContent = 'Keine zur Auswahl.';
    wrap.append(p);
  }
  const set = new Set(checked.map(String));
  for (const o of options) {
    const id = uid(`${prefix}-wert`);
    const div = document.createElement('div');
    div.className = 'choice';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = id;
    input.value = o.value;
    input.checked = set.has(String(o.value));
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = o.label;
    div.append(input, label);
    wrap.append(div);
  }
  return {
    wrap,
    values: () => [...wrap.querySelectorAll('input:checked')].map((i) => i.value),
  };
}

/** A measure as a choice: "A-1.2 Sprachcafé". */
export function measureChoice(m) {
  return { value: String(m.id), label: `${m.code ? `${m.code} ` : ''}${m.title}` };
}
