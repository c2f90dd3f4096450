/*
 * public-meetings.js: the public Sitzungen of a Kommune, without sign-in:
 * the list (/#/oeffentlich/{ags}/sitzungen) and one Sitzung
 * (/#/oeffentlich/{ags}/sitzungen/{id}) with its Tagesordnung, and once
 * the Protokoll is approved, its Protokoll, Beschlüsse and Korrekturen.
 * Everything comes from /api/v1/public/municipalities/{ags}/meetings, which
 * shows only the Sitzungen the Kommune marked öffentlich.
 */

import {
  MEETING_KIND, MEETING_STATUS, MINUTES_STATUS, meetingTimeElement, publicMeetingHref, term,
} from './terms.js';
import { itemLinks, paragraph } from './parts.js';
import { apiGet, getAll } from '../shared/api.js';
import { badge, missing, retryButton } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { attendeeText } from './meeting-attendees.js';

async function municipalityName(ags) {
  try {
    return (await apiGet(`municipalities/${encodeURIComponent(ags)}`)).name;
  } catch {
    return null;
  }
}

export function createPublicMeetingsView() {
  const el = {
    back: document.getElementById('oeffentlich-sitzungen-zurueck'),
    kicker: document.getElementById('oeffentlich-sitzungen-kommune'),
    live: document.getElementById('oeffentlich-sitzungen-status'),
    alert: document.getElementById('oeffentlich-sitzungen-fehler'),
    list: document.getElementById('oeffentlich-sitzungen-liste'),
  };
  let generation = 0;

  async function show({ args }) {
    const mine = ++generation;
    const { ags } = args;
    el.back.href = `/#/oeffentlich/${encodeURIComponent(ags)}`;
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.live.textContent = 'Die Sitzungen werden geladen …';
    const [name, items] = await Promise.all([
      municipalityName(ags),
      getAll(`public/municipalities/${encodeURIComponent(ags)}/meetings`).catch((err) => err),
    ]);
    if (mine !== generation) return;
    el.kicker.textContent = name ? `${name} · öffentliche Informationen` : '';
    if (items instanceof Error || !Array.isArray(items)) {
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Sitzungen konnten nicht geladen werden.', problemText(items)));
      el.alert.append(retryButton(() => show({ args })));
      return;
    }
    if (!items.length) {
      el.live.textContent = 'Keine öffentlichen Sitzungen gefunden.';
      el.list.replaceChildren(paragraph('Die Kommune hat noch keine Sitzungen veröffentlicht.', 'notice'));
      return;
    }
    items.sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
    const ul = document.createElement('ul');
    ul.className = 'edit-list meeting-public-list';
    for (const m of items) {
      const li = document.createElement('li');
      li.className = 'edit-list__item';
      const h = document.createElement('h2');
      h.className = 'meeting-public-list__title';
      const a = document.createElement('a');
      a.href = publicMeetingHref(ags, m.id);
      a.textContent = m.title;
      h.append(a);
      const p = document.createElement('p');
      p.className = 'edit-list__text';
      p.append(meetingTimeElement(m.starts_at, m.ends_at), ` · ${term(MEETING_KIND, m.kind)}`,
        m.place ? ` · ${m.place}` : '', ' · ', badge(term(MEETING_STATUS, m.status), `meeting_${m.status}`),
        ' · Protokoll: ', badge(term(MINUTES_STATUS, m.minutes_status), `minutes_${m.minutes_status}`));
      li.append(h, p);
      ul.append(li);
    }
    el.list.replaceChildren(ul);
    el.live.textContent = items.length === 1 ? '1 Sitzung geladen.' : `${formatInteger(items.length)} Sitzungen geladen.`;
  }

  return { show };
}

export function createPublicMeetingView() {
  const el = {
    back: document.getElementById('oeffentlich-sitzung-zurueck'),
    kicker: document.getElementById('oeffentlich-sitzung-kommune'),
    title: document.getElementById('oeffentlich-sitzung-titel'),
    live: document.getElementById('oeffentlich-sitzung-status'),
    alert: document.getElementById('oeffentlich-sitzung-fehler'),
    content: document.getElementById('oeffentlich-sitzung-inhalt'),
  };
  let generation = 0;

  function render(ags, m) {
    const approved = m.minutes_status === 'approved';
    const parts = [];
    const facts = document.createElement('dl');
    facts.className = 'facts';
    const add = (t, ...v) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = t;
      const dd = document.createElement('dd');
      const shown = v.filter((x) => x != null && x !== '');
      if (shown.length) dd.append(...shown);
      else dd.append(missing());
      div.append(dt, dd);
      facts.append(div);
    };
    add('Art', term(MEETING_KIND, m.kind));
    add('Datum und Uhrzeit', meetingTimeElement(m.starts_at, m.ends_at));
    add('Ort', m.place);
    add('Status', term(MEETING_STATUS, m.status));
    add('Protokoll', term(MINUTES_STATUS, m.minutes_status));
    parts.push(facts);
    if (!approved) {
      parts.push(paragraph('Das Protokoll dieser Sitzung ist noch nicht genehmigt; es wird nach seiner Genehmigung hier veröffentlicht.', 'notice'));
    }

    if ((m.attendees ?? []).length) {
      const h = document.createElement('h2');
      h.textContent = 'Teilnehmende';
      const ul = document.createElement('ul');
      ul.className = 'plain-list';
      for (const a of m.attendees) {
        const li = document.createElement('li');
        li.textContent = attendeeText(a);
        ul.append(li);
      }
      parts.push(h, ul);
    }

    const h = document.createElement('h2');
    h.textContent = 'Tagesordnung';
    parts.push(h);
    const items = [...(m.items ?? [])].sort((a, b) => a.position - b.position);
    if (!items.length) parts.push(paragraph('Die Tagesordnung ist nicht veröffentlicht.', 'text text--muted'));
    const ol = document.createElement('ol');
    ol.className = 'meeting-agenda';
    for (const item of items) {
      const li = document.createElement('li');
      li.className = 'meeting-item';
      const h3 = document.createElement('h3');
      h3.textContent = `TOP ${item.position}: ${item.title}`;
      li.append(h3);
      if (item.description) li.append(paragraph(item.description));
      const links = itemLinks(ags, item, { publicPage: true });
      if (links.length) {
        const p = document.createElement('p');
        p.className = 'meeting-links';
        links.forEach((l, i) => p.append(...(i ? [' · ', l] : [l])));
        li.append(p);
      }
      if (approved && item.minutes) {
        const h4 = document.createElement('h4');
        h4.textContent = 'Protokoll';
        li.append(h4, paragraph(item.minutes, 'text meeting-minutes__text'));
      }
      const decisions = (m.decisions ?? []).filter((d) => String(d.item_id) === String(item.id));
      if (approved && decisions.length) {
        const h4 = document.createElement('h4');
        h4.textContent = 'Beschlüsse';
        const ul = document.createElement('ul');
        ul.className = 'plain-list';
        for (const d of decisions) {
          const dli = document.createElement('li');
          dli.textContent = d.text;
          ul.append(dli);
        }
        li.append(h4, ul);
      }
      const corrections = (m.corrections ?? []).filter((c) => String(c.item_id) === String(item.id));
      if (approved && corrections.length) {
        const h4 = document.createElement('h4');
        h4.textContent = 'Korrekturen';
        const ul = document.createElement('ul');
        ul.className = 'plain-list';
        for (const c of corrections) {
          const cli = document.createElement('li');
          cli.textContent = c.text;
          ul.append(cli);
        }
        li.append(h4, ul);
      }
      ol.append(li);
    }
    if (items.length) parts.push(ol);
    const general = (m.corrections ?? []).filter((c) => !c.item_id);
    if (approved && general.length) {
      const h2 = document.createElement('h2');
      h2.textContent = 'Korrekturen zur Sitzung';
      const ul = document.createElement('ul');
      ul.className = 'plain-list';
      for (const c of general) {
        const li = document.createElement('li');
        li.textContent = c.text;
        ul.append(li);
      }
      parts.push(h2, ul);
    }
    el.content.replaceChildren(...parts);
  }

  async function show({ args }) {
    const mine = ++generation;
    const { ags, id } = args;
    el.back.href = `/#/oeffentlich/${encodeURIComponent(ags)}/sitzungen`;
    el.title.textContent = 'Sitzung';
    el.alert.replaceChildren();
    el.content.replaceChildren();
    el.live.textContent = 'Die Sitzung wird geladen …';
    let m;
    const name = municipalityName(ags);
    try {
      m = await apiGet(`public/municipalities/${encodeURIComponent(ags)}/meetings/${encodeURIComponent(id)}`);
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.title.textContent = err?.status === 404 ? 'Sitzung nicht gefunden' : 'Sitzung';
      el.alert.replaceChildren(noticeBox(err?.status === 404
        ? 'Diese Sitzung ist nicht veröffentlicht, oder der Link ist unvollständig.'
        : 'Die Sitzung konnte nicht geladen werden.', err?.status === 404 ? null : problemText(err)));
      return;
    }
    const n = await name;
    if (mine !== generation) return;
    el.kicker.textContent = n ? `${n} · öffentliche Sitzung` : 'öffentliche Sitzung';
    el.title.textContent = m.title;
    document.title = `${m.title} – Teilhabe`;
    render(ags, m);
    el.live.textContent = `Sitzung „${m.title}“ geladen.`;
  }

  return { show };
}
