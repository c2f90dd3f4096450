/*
 * offer-slots.js: the regular times of an Angebot as weekly slots, one row
 * each (Wochentag, von, bis) with „Entfernen“, and „Zeit hinzufügen“ under
 * them. Times are "HH:MM" as the API speaks them.
 */

import { WEEKDAY } from './terms.js';
import { termOptions } from '../organisations/parts.js';
import { button, uid } from '../meetings/parts.js';
import { setFieldError } from '../shared/forms.js';

function labelled(text, control) {
  const wrap = document.createElement('div');
  wrap.className = 'field slot-field';
  const label = document.createElement('label');
  label.htmlFor = control.id;
  label.textContent = text;
  wrap.append(label, control);
  return wrap;
}

/**
 * @param {string} prefix id prefix
 * @returns {{wrap: HTMLFieldSetElement, get: () => {weekday: string, starts: string, ends: string}[],
 *            set: (slots: object[]) => void, check: () => void, pointers: () => Record<string, HTMLElement>}}
 */
export function createSlots(prefix) {
  const fs = document.createElement('fieldset');
  fs.className = 'field fieldset offer-slots';
  fs.id = uid(prefix);
  const legend = document.createElement('legend');
  legend.textContent = 'Regelmäßige Zeiten';
  const hint = document.createElement('p');
  hint.className = 'field-hint';
  hint.textContent = 'Eine Zeile je Termin in der Woche, z. B. Dienstag von 09:00 bis 12:00 Uhr.';
  const rows = document.createElement('ol');
  rows.className = 'slot-rows';
  const add = button('Zeit hinzufügen');
  fs.append(legend, hint, rows, add);

  function row(slot = {}) {
    const li = document.createElement('li');
    li.className = 'slot-row';
    const n = rows.childElementCount + 1;
    const day = document.createElement('select');
    day.id = uid(`${prefix}-tag`);
    day.replaceChildren(...termOptions(WEEKDAY));
    day.value = slot.weekday ?? 'mon';
    const starts = document.createElement('input');
    starts.type = 'time';
    starts.id = uid(`${prefix}-von`);
    starts.value = slot.starts ?? '';
    const ends = document.createElement('input');
    ends.type = 'time';
    ends.id = uid(`${prefix}-bis`);
    ends.value = slot.ends ?? '';
    const remove = button('Entfernen', 'button button--secondary button--small');
    const context = document.createElement('span');
    context.className = 'visually-hidden';
    remove.append(context);
    remove.addEventListener('click', () => {
      const next = li.nextElementSibling ?? li.previousElementSibling;
      li.remove();
      renumber();
      (next?.querySelector('select') ?? add).focus();
    });
    li.append(labelled('Wochentag', day), labelled('von', starts), labelled('bis', ends), remove);
    rows.append(li);
    renumber();
    void n;
    return li;
  }

  function renumber() {
    [...rows.children].forEach((li, i) => {
      li.querySelector('.visually-hidden').textContent = ` (Zeit ${i + 1})`;
      li.setAttribute('aria-label', `Zeit ${i + 1}`);
    });
  }

  add.addEventListener('click', () => {
    row().querySelector('select').focus();
  });

  const controls = (li) => {
    const [day, starts, ends] = li.querySelectorAll('select, input');
    return { day, starts, ends };
  };

  return {
    wrap: fs,
    get: () => [...rows.children].map((li) => {
      const c = controls(li);
      return { weekday: c.day.value, starts: c.starts.value.slice(0, 5), ends: c.ends.value.slice(0, 5) };
    }),
    set(slots) {
      rows.replaceChildren();
      for (const s of slots ?? []) row(s);
    },
    check() {
      for (const li of rows.children) {
        const c = controls(li);
        if (!c.starts.value) setFieldError(c.starts, 'Bitte geben Sie an, ab wann (SS:MM).');
        if (!c.ends.value) setFieldError(c.ends, 'Bitte geben Sie an, bis wann (SS:MM).');
        else if (c.starts.value && c.ends.value <= c.starts.value) setFieldError(c.ends, 'Das Ende liegt nicht nach dem Beginn.');
      }
    },
    pointers() {
      const map = { '/slots': fs };
      [...rows.children].forEach((li, i) => {
        const c = controls(li);
        map[`/slots/${i}`] = c.day;
        map[`/slots/${i}/weekday`] = c.day;
        map[`/slots/${i}/starts`] = c.starts;
        map[`/slots/${i}/ends`] = c.ends;
      });
      return map;
    },
  };
}
