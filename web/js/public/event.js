/*
 * event.js: one public Veranstaltung (/#/oeffentlich/veranstaltungen/{id})
 * without sign-in: when (in German, Europe/Berlin; „ganztägig“), where,
 * who organises it, for whom, what it is; „abgesagt“ said at the top; the
 * public Maßnahme it belongs to, linked, when there is one; the
 * organisers' Veranstaltungen as a calendar to subscribe (their public
 * part, js/public/calendar.js).
 * From /api/v1/public/events/{id}, which answers 404 for an event that is
 * not public.
 */

import { apiGet } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { TARGET_GROUP } from '../catalogue/terms.js';
import { paragraph } from './participation-parts.js';
import { term } from './participation-terms.js';
import {
  EVENT_STATUS, eventDate, eventWhen, offerHref,
} from './offer-terms.js';
import { addressText, factList } from './offer-parts.js';
import { renderCalendarBlock } from './calendar.js';

/*
 * The Kommune of the event's public measure, for the measure's public page:
 * the document names the measure without its Kommune, so with several
 * Kommunen the one whose public measure answers is taken (null: none).
 */
async function measureMunicipality(e) {
  if (!e.measure?.id) return null;
  if (e.measure.municipality?.ags) return e.measure.municipality.ags;
  const all = (e.municipalities ?? []).map((m) => m.ags).filter(Boolean);
  if (all.length === 1) return all[0];
  for (const ags of all) {
    try {
      await apiGet(`public/municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(e.measure.id)}`);
      return ags;
    } catch {
      /* not this Kommune's */
    }
  }
  return null;
}

export function createPublicEventView() {
  const el = {
    back: document.getElementById('oeffentlich-veranstaltung-zurueck'),
    kicker: document.getElementById('oeffentlich-veranstaltung-ort'),
    title: document.getElementById('oeffentlich-veranstaltung-titel'),
    live: document.getElementById('oeffentlich-veranstaltung-status'),
    alert: document.getElementById('oeffentlich-veranstaltung-fehler'),
    content: document.getElementById('oeffentlich-veranstaltung-inhalt'),
  };
  let generation = 0;

  function render(e, measureAgs) {
    const parts = [];
    if (e.status === 'cancelled') {
      parts.push(noticeBox('Abgesagt: Diese Veranstaltung fällt aus.',
        'Bitte kommen Sie nicht. Bei Fragen wenden Sie sich an die Veranstalter.', 'warning'));
    }
    const { dl, add } = factList();
    const time = document.createElement('time');
    time.dateTime = eventDate(e);
    time.textContent = eventWhen(e);
    add('Wann', time);
    add('Stand', term(EVENT_STATUS, e.status));
    add('Ort', addressText(e));
    add('Veranstalter', (e.organisers ?? []).map((o) => o.name).join(', '));
    add('Kommune', (e.municipalities ?? []).map((m) => m.name).join(', '));
    add('Zielgruppen', (e.target_groups ?? []).map((t) => term(TARGET_GROUP, t)).join(', '));
    if (e.measure?.id && measureAgs) {
      const ags = measureAgs;
      const a = document.createElement('a');
      a.href = offerHref.measure(ags, e.measure.id);
      a.textContent = e.measure.code ? `${e.measure.code} ${e.measure.title}` : e.measure.title;
      add('Gehört zur Maßnahme', a);
    }
    parts.push(dl);
    if (e.description) {
      const h = document.createElement('h2');
      h.textContent = 'Beschreibung';
      parts.push(h, paragraph(e.description));
    }
    const organisers = e.organisers ?? [];
    organisers.forEach((o, i) => {
      const cal = document.createElement('section');
      cal.id = `oeffentlich-veranstaltung-kalender-${i}`;
      renderCalendarBlock(cal, {
        id: `oeffentlich-veranstaltung-kalender-${i}`,
        path: `public/organisations/${encodeURIComponent(o.id)}/events.ics`,
        heading: `Veranstaltungen von ${o.name} abonnieren`,
        what: `Die Veranstaltungen von ${o.name}`,
      });
      parts.push(cal);
    });
    el.content.replaceChildren(...parts);
  }

  async function show({ args }) {
    const mine = ++generation;
    el.back.href = offerHref.districtEvents();
    el.back.textContent = 'Zu den Veranstaltungen im Kreis';
    el.title.textContent = 'Veranstaltung';
    el.kicker.textContent = '';
    el.alert.replaceChildren();
    el.content.replaceChildren();
    el.live.textContent = 'Die Veranstaltung wird geladen …';
    let e;
    try {
      e = await apiGet(`public/events/${encodeURIComponent(args.id)}`);
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      const notFound = err?.status === 404;
      el.title.textContent = notFound ? 'Veranstaltung nicht gefunden' : 'Veranstaltung';
      el.alert.replaceChildren(noticeBox(notFound
        ? 'Diese Veranstaltung ist nicht veröffentlicht, oder der Link ist unvollständig.'
        : 'Die Veranstaltung konnte nicht geladen werden.', notFound ? null : problemText(err)));
      return;
    }
    if (mine !== generation) return;
    const first = e.municipalities?.[0];
    if ((e.municipalities ?? []).length === 1 && first?.ags) {
      el.back.href = offerHref.events(first.ags);
      el.back.textContent = `Zu den Veranstaltungen in ${first.name ?? 'der Kommune'}`;
    }
    el.kicker.textContent = e.status === 'cancelled' ? 'Veranstaltung · abgesagt' : 'Veranstaltung';
    el.title.textContent = e.title;
    document.title = `${e.status === 'cancelled' ? 'Abgesagt: ' : ''}${e.title} – Teilhabe`;
    const measureAgs = await measureMunicipality(e);
    if (mine !== generation) return;
    render(e, measureAgs);
    el.live.textContent = `Veranstaltung „${e.title}“ geladen.`;
  }

  return { show };
}
