/*
 * participation-parts.js: pieces the public Beteiligung pages share
 * (js/public/consultations.js and contribute.js): the Kommune's name, a
 * Beteiligung's facts, its findings and its approved Beiträge grouped by
 * Handlungsfeld. Built as DOM nodes with text only.
 */

import { apiGet } from '../shared/api.js';
import { dateElement, missing } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { CONSULTATION_KIND, CONSULTATION_STATUS, term } from './participation-terms.js';

/** The Kommune's name, or null when it cannot be read. */
export async function municipalityName(ags) {
  try {
    return (await apiGet(`municipalities/${encodeURIComponent(ags)}`)).name;
  } catch {
    return null;
  }
}

/** A paragraph of text (line breaks kept by CSS), with an optional class. */
export function paragraph(text, className = 'text') {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

/** "13.11.2008" or "13.11.2008 bis 02.06.2009" as <time> elements, or null. */
export function period(startsOn, endsOn) {
  if (!startsOn && !endsOn) return null;
  const frag = document.createDocumentFragment();
  if (startsOn && endsOn && startsOn !== endsOn) frag.append(dateElement(startsOn), ' bis ', dateElement(endsOn));
  else if (startsOn) frag.append(dateElement(startsOn));
  else frag.append('bis ', dateElement(endsOn));
  return frag;
}

/** The facts of a Beteiligung as a description list. */
export function consultationFacts(c) {
  const dl = document.createElement('dl');
  dl.className = 'facts';
  const add = (name, value) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    if (value === null || value === undefined || value === '') dd.append(missing());
    else dd.append(value);
    div.append(dt, dd);
    dl.append(div);
  };
  add('Art', term(CONSULTATION_KIND, c.kind));
  add('Zeitraum', period(c.starts_on, c.ends_on));
  add('Zielgruppe', c.target_group);
  add('Ort', c.place);
  add('Stand', term(CONSULTATION_STATUS, c.status));
  add('Teilnehmende', Number.isFinite(c.participant_count) ? formatInteger(c.participant_count) : null);
  return dl;
}

/**
 * The approved Beiträge, grouped by Handlungsfeld (fields in alphabetical
 * order, those without a field last), under headings of the given level.
 * @param {object[]} contributions
 * @param {number} level the heading level of a group (3 or 4)
 * @returns {HTMLElement}
 */
export function contributionGroups(contributions, level) {
  const wrap = document.createElement('div');
  wrap.className = 'contribution-groups';
  if (!contributions.length) {
    wrap.append(paragraph('Es sind noch keine Beiträge veröffentlicht.', 'text text--muted'));
    return wrap;
  }
  const groups = new Map();
  for (const c of contributions) {
    const key = c.action_field ? String(c.action_field.id) : '';
    if (!groups.has(key)) groups.set(key, { name: c.action_field?.name ?? 'Ohne Handlungsfeld', items: [] });
    groups.get(key).items.push(c);
  }
  const ordered = [...groups.entries()].sort(([ka, a], [kb, b]) => {
    if (!ka !== !kb) return ka ? -1 : 1;
    return a.name.localeCompare(b.name, 'de');
  });
  for (const [, g] of ordered) {
    const h = document.createElement(`h${level}`);
    h.textContent = `${g.name} (${g.items.length === 1 ? '1 Beitrag' : `${formatInteger(g.items.length)} Beiträge`})`;
    const ul = document.createElement('ul');
    ul.className = 'contribution-list';
    for (const c of g.items) {
      const li = document.createElement('li');
      li.className = 'contribution';
      li.append(paragraph(c.text, 'text contribution__text'));
      if (c.source) li.append(paragraph(`Quelle: ${c.source}`, 'contribution__source'));
      ul.append(li);
    }
    wrap.append(h, ul);
  }
  return wrap;
}

/** Whether a Beteiligung takes Beiträge online now. */
export function takesContributions(c) {
  const online = c.online ?? ['online_survey', 'citizen_dialogue'].includes(c.kind);
  return online && c.status === 'open';
}
