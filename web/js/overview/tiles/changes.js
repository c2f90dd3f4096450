/*
 * changes.js: the tile „Seit der letzten Sitzung“: what changed since a
 * day (overview.changes, from the Änderungsprotokoll), grouped and in
 * German sentences („Status von M-12 „…“ geändert: vorgeschlagen →
 * geplant“), the line that says which day it is („seit der Sitzung vom
 * 15.09.2026“, „seit dem 01.09.2026“) and the date chooser, which sets
 * ?seit= in the address.
 */

import { MEASURE_STATUS, REPORT_STATUS, label } from '../../catalogue/terms.js';
import { formatDate, formatInteger, formatNumber, formatWholePercent } from '../../shared/format.js';
import { link, measureHref } from '../links.js';

const dayFormat = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin',
});

/* "05.12.2026" for a timestamp (Berlin), or a date as it is. */
function day(iso) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(String(iso))) return formatDate(iso);
  const t = Date.parse(String(iso));
  return Number.isNaN(t) ? String(iso ?? '') : dayFormat.format(new Date(t));
}

/**
 * The day the changes start, in words.
 * @returns {string} "seit der Sitzung vom 15.09.2026" or "seit dem 01.09.2026"
 */
export function sinceText(overview) {
  if (overview.since_source === 'last_meeting') return `seit der Sitzung vom ${formatDate(overview.since)}`;
  return `seit dem ${formatDate(overview.since)}`;
}

/* A measure's code as a link, then its title in quotes. */
function measure(ctx, m) {
  const frag = document.createDocumentFragment();
  if (!m) return frag;
  frag.append(link(measureHref(ctx.ags, m.id), m.code || 'Maßnahme'), ` „${m.title}“`);
  return frag;
}

/* Each group: key in overview.changes, heading, the sentence of one entry. */
const GROUPS = [
  {
    key: 'status_changes',
    title: 'Statusänderungen',
    sentence: (ctx, c) => [
      'Status von ', measure(ctx, c.measure),
      ` geändert: ${label(MEASURE_STATUS, c.from) || 'neu'} → ${label(MEASURE_STATUS, c.to)}`,
      ` (${day(c.at)}${c.by ? `, ${c.by}` : ''})`,
    ],
  },
  {
    key: 'progress_reports',
    title: 'Neue Sachstände',
    sentence: (ctx, c) => [
      'Sachstand zu ', measure(ctx, c.measure),
      `: ${label(REPORT_STATUS, c.status)}`,
      Number.isFinite(c.progress) ? `, Fortschritt ${formatWholePercent(c.progress)}` : '',
      ` (${[c.organisation, `berichtet am ${day(c.reported_on)}`].filter(Boolean).join(', ')})`,
    ],
  },
  {
    key: 'rank_moves',
    title: 'Geänderte Prioritäten',
    sentence: (ctx, c) => [
      measure(ctx, c.measure),
      ` von Rang ${formatInteger(c.from)} auf Rang ${formatInteger(c.to)} verschoben (${day(c.at)})`,
    ],
  },
  {
    key: 'new_measures',
    title: 'Neue Maßnahmen',
    sentence: (ctx, c) => [
      measure(ctx, c.measure),
      ` neu aufgenommen, Status ${label(MEASURE_STATUS, c.status)} (${day(c.at)})`,
    ],
  },
  {
    key: 'observations',
    title: 'Neue Messwerte',
    sentence: (ctx, c, overview) => {
      const unit = (overview.indicators ?? []).find((k) => k.id === c.indicator?.id)?.unit;
      return [
        `Messwert für „${c.indicator?.name ?? 'Kennzahl'}“: ${formatNumber(c.value)}${unit ? ` ${unit}` : ''}`,
        ` zum ${day(c.period_end)} (erfasst am ${day(c.at)})`,
      ];
    },
  },
];

export default {
  id: 'seit',
  title: 'Seit der letzten Sitzung',
  render(overview, ctx) {
    const frag = document.createDocumentFragment();
    const line = document.createElement('p');
    line.className = 'overview-since__line';
    line.id = 'uebersicht-seit-zeile';
    line.textContent = `Änderungen ${sinceText(overview)}`;
    frag.append(line, sinceForm(overview, ctx));

    const changes = overview.changes ?? {};
    const totals = overview.changes_total ?? {};
    let any = false;
    for (const group of GROUPS) {
      const items = changes[group.key] ?? [];
      if (!items.length) continue;
      any = true;
      const total = Number.isFinite(totals[group.key]) ? totals[group.key] : items.length;
      const h3 = document.createElement('h3');
      h3.textContent = `${group.title} (${formatInteger(total)})`;
      const ul = document.createElement('ul');
      ul.className = 'overview-list overview-changes';
      ul.dataset.group = group.key;
      items.forEach((c, i) => {
        const li = document.createElement('li');
        li.append(...group.sentence(ctx, c, overview));
        if (i >= SHOWN) li.classList.add('is-folded');
        ul.append(li);
      });
      frag.append(h3, ul);
      if (items.length > SHOWN) frag.append(unfoldButton(ul, group, items.length));
      if (total > items.length) {
        const more = document.createElement('p');
        more.className = 'cell-note';
        more.textContent = `Die neuesten ${formatInteger(items.length)} von ${formatInteger(total)}.`;
        frag.append(more);
      }
    }
    if (!any) {
      const p = document.createElement('p');
      p.textContent = `Keine Änderungen ${sinceText(overview)}.`;
      frag.append(p);
    }
    return frag;
  },
};

/*
 * On screen a group shows its first SHOWN entries and a button for the
 * rest; the printed handout has them all (style.css).
 */
const SHOWN = 10;

function unfoldButton(ul, group, count) {
  ul.id = `uebersicht-seit-${group.key}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--secondary overview-unfold no-print';
  button.setAttribute('aria-controls', ul.id);
  button.setAttribute('aria-expanded', 'false');
  button.textContent = `Alle ${formatInteger(count)} ${group.title} zeigen`;
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    ul.classList.toggle('is-unfolded', open);
    button.textContent = open ? `Nur die neuesten ${SHOWN} ${group.title} zeigen` : `Alle ${formatInteger(count)} ${group.title} zeigen`;
  });
  return button;
}

/* The date chooser: a new ?seit= in the address (the view shows it). */
function sinceForm(overview, ctx) {
  const form = document.createElement('form');
  form.className = 'overview-since no-print';
  form.setAttribute('aria-label', 'Zeitraum der Änderungen wählen');
  form.noValidate = true;
  const field = document.createElement('div');
  field.className = 'field';
  const labelEl = document.createElement('label');
  labelEl.htmlFor = 'uebersicht-seit';
  labelEl.textContent = 'Änderungen seit';
  const input = document.createElement('input');
  input.type = 'date';
  input.id = 'uebersicht-seit';
  input.name = 'seit';
  input.required = true;
  input.value = overview.since ?? '';
  field.append(labelEl, input);
  const button = document.createElement('button');
  button.type = 'submit';
  button.className = 'button button--secondary';
  button.textContent = 'Anzeigen';
  form.append(field, button);
  if (overview.since_source !== 'last_meeting' && overview.meetings?.last) {
    const back = document.createElement('button');
    back.type = 'button';
    back.className = 'button button--secondary';
    back.textContent = 'Seit der letzten Sitzung';
    back.addEventListener('click', () => ctx.setSince(null));
    form.append(back);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(input.value)) ctx.setSince(input.value);
    else input.focus();
  });
  return form;
}
