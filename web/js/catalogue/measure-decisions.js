/*
 * measure-decisions.js: what the Sitzungen decided about a measure, on its
 * page: the section „Beschlüsse“ (from the measure document's decisions,
 * each linking to its Sitzung), and for the Änderungsverlauf the note
 * „beschlossen in der Sitzung vom TT.MM.JJJJ“ of an entry a Beschluss
 * caused. The section is built here, before the Änderungsverlauf, so the
 * measure page's markup stays as it is.
 */

import { meetingDate, meetingHref } from '../meetings/terms.js';

/**
 * „beschlossen in der Sitzung vom 06.12.2026“, the Sitzung a link.
 * @param {string} ags
 * @param {{id: string, title?: string, starts_at: string}} meeting
 * @returns {HTMLParagraphElement}
 */
export function decidedInMeeting(ags, meeting) {
  const p = document.createElement('p');
  p.className = 'history__meeting';
  const a = document.createElement('a');
  a.href = meetingHref(ags, meeting.id);
  a.textContent = `Sitzung vom ${meetingDate(meeting.starts_at)}`;
  p.append('beschlossen in der ', a);
  if (meeting.title) p.append(` („${meeting.title}“)`);
  return p;
}

/** The „Beschlüsse“ section of the measure page; created on first use. */
function section() {
  let part = document.getElementById('massnahme-beschluesse-bereich');
  if (part) return part;
  part = document.createElement('div');
  part.id = 'massnahme-beschluesse-bereich';
  const h = document.createElement('h2');
  h.id = 'massnahme-beschluesse-titel';
  h.textContent = 'Beschlüsse';
  const box = document.createElement('div');
  box.id = 'massnahme-beschluesse';
  part.append(h, box);
  const history = document.getElementById('massnahme-verlauf-bereich');
  history.before(part);
  return part;
}

/**
 * Show the decisions of the measure m (from GET …/measures/{id}).
 * @param {string} ags
 * @param {{decisions?: {meeting: {id: string, title: string, starts_at: string}, text: string, decided_at?: string}[]}} m
 */
export function renderMeasureDecisions(ags, m) {
  const part = section();
  const box = part.querySelector('#massnahme-beschluesse');
  const decisions = [...(m.decisions ?? [])]
    .sort((a, b) => Date.parse(b.decided_at ?? b.meeting?.starts_at) - Date.parse(a.decided_at ?? a.meeting?.starts_at));
  if (!decisions.length) {
    const p = document.createElement('p');
    p.className = 'text';
    p.textContent = 'Zu dieser Maßnahme gibt es keine Beschlüsse aus Sitzungen.';
    box.replaceChildren(p);
    return;
  }
  const ul = document.createElement('ul');
  ul.className = 'report-list measure-decisions';
  for (const d of decisions) {
    const li = document.createElement('li');
    li.className = 'report';
    const head = document.createElement('p');
    head.className = 'report__head';
    const a = document.createElement('a');
    a.href = meetingHref(ags, d.meeting.id);
    a.textContent = `Sitzung vom ${meetingDate(d.meeting.starts_at)}: ${d.meeting.title}`;
    head.append(a);
    const text = document.createElement('p');
    text.className = 'report__text';
    text.textContent = d.text;
    li.append(head, text);
    ul.append(li);
  }
  box.replaceChildren(ul);
}
