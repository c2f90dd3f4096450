/*
 * events.js: the coming public Veranstaltungen without sign-in, of one
 * Kommune (/#/oeffentlich/{ags}/veranstaltungen) or of the whole district
 * (/#/veranstaltungen-im-kreis, with a Kommune filter), by date: when (in
 * German, Europe/Berlin; „ganztägig“), where, who organises it; an
 * „abgesagt“ one is marked in words, not by colour alone. The filters live
 * in the address: ?zielgruppe=CODE ?kommune=AGS (district)
 * ?veranstalter=ID. Under the list: „Kalender abonnieren“ for the feed
 * with the same filters (js/public/calendar.js).
 * From /api/v1/public/municipalities/{ags}/events and /api/v1/public/events.
 */

import { getPage } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';
import { createPagedList } from '../shared/paged-list.js';
import { badge } from '../shared/ui.js';
import { TARGET_GROUP } from '../catalogue/terms.js';
import { municipalityName } from './participation-parts.js';
import { term } from './participation-terms.js';
import {
  EVENT_STATUS, eventDate, eventWhen, offerHref, todayInBerlin,
} from './offer-terms.js';
import {
  addressText, districtMunicipalities, factList, fillSelect, filtersFromParams, hashWith,
} from './offer-parts.js';
import { renderCalendarBlock } from './calendar.js';

const CHECKS = {
  zielgruppe: (v) => Object.hasOwn(TARGET_GROUP, v),
  kommune: (v) => /^\d{8}$/.test(v),
  veranstalter: (v) => /^\d{1,19}$/.test(v),
};

/* The API's (and the feed's) query for the filters of the address. */
function query(filters, district) {
  return {
    target_group: filters.zielgruppe,
    organisation_id: filters.veranstalter,
    municipality: district ? filters.kommune : undefined,
  };
}

export function createPublicEventsView() {
  const el = {
    back: document.getElementById('oeffentlich-veranstaltungen-zurueck'),
    kicker: document.getElementById('oeffentlich-veranstaltungen-ort'),
    lead: document.getElementById('oeffentlich-veranstaltungen-einleitung'),
    form: document.getElementById('oeffentlich-veranstaltungen-filter'),
    targetGroup: document.getElementById('oeffentlich-veranstaltungen-zielgruppe'),
    municipalityField: document.getElementById('oeffentlich-veranstaltungen-kommune-feld'),
    municipality: document.getElementById('oeffentlich-veranstaltungen-kommune'),
    offers: document.getElementById('oeffentlich-veranstaltungen-angebote'),
    live: document.getElementById('oeffentlich-veranstaltungen-status'),
    alert: document.getElementById('oeffentlich-veranstaltungen-fehler'),
    list: document.getElementById('oeffentlich-veranstaltungen-liste'),
    calendar: document.getElementById('oeffentlich-veranstaltungen-kalender'),
  };
  const state = {
    ags: null, filters: {}, generation: 0, count: 0, ol: null, name: null,
  };

  const pages = createPagedList({
    container: el.list,
    nouns: 'Veranstaltungen',
    alert: el.alert,
    live: el.live,
    loadingText: 'Die Veranstaltungen werden geladen …',
    fetchPage: (cursor) => {
      const path = state.ags ? `public/municipalities/${encodeURIComponent(state.ags)}/events` : 'public/events';
      return getPage(path, { params: { ...query(state.filters, !state.ags), from: todayInBerlin(), limit: 50 }, cursor });
    },
    show(items, isFirstPage) {
      if (isFirstPage) {
        state.ol = document.createElement('ol');
        state.ol.className = 'event-list';
        state.ol.setAttribute('aria-label', 'Kommende Veranstaltungen');
        el.list.prepend(state.ol);
        state.count = 0;
      }
      const cards = items.map((e) => card(e));
      state.ol.append(...cards);
      state.count += items.length;
      const n = (k) => (k === 1 ? '1 Veranstaltung' : `${formatInteger(k)} Veranstaltungen`);
      el.live.textContent = isFirstPage
        ? `${n(state.count)} gefunden${summary()}.`
        : `${n(items.length)} mehr geladen, insgesamt ${formatInteger(state.count)} gezeigt.`;
      return cards[0]?.querySelector('a') ?? null;
    },
    empty() {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = Object.keys(state.filters).length
        ? 'Zu dieser Auswahl sind keine Veranstaltungen angekündigt.'
        : 'Zurzeit sind keine öffentlichen Veranstaltungen angekündigt.';
      el.list.replaceChildren(p);
      el.live.textContent = `Keine Veranstaltungen gefunden${summary()}.`;
    },
    failed(err, isFirstPage) {
      el.alert.replaceChildren(noticeBox(isFirstPage
        ? 'Die Veranstaltungen konnten nicht geladen werden.'
        : 'Weitere Veranstaltungen konnten nicht geladen werden.', problemText(err)));
      el.live.textContent = '';
    },
  });

  /* „(Zielgruppe: Familien, Kommune: Musterstadt)“: what the list was chosen by, or "". */
  function summary() {
    const f = state.filters;
    const parts = [];
    if (f.zielgruppe) parts.push(`Zielgruppe: ${term(TARGET_GROUP, f.zielgruppe)}`);
    if (f.kommune) {
      const name = [...el.municipality.options].find((o) => o.value === f.kommune)?.textContent ?? f.kommune;
      parts.push(`Kommune: ${name}`);
    }
    if (f.veranstalter) parts.push('nur eine Organisation als Veranstalter');
    return parts.length ? ` (${parts.join(', ')})` : '';
  }

  function card(e) {
    const cancelled = e.status === 'cancelled';
    const li = document.createElement('li');
    li.className = `event-card${cancelled ? ' event-card--cancelled' : ''}`;
    li.id = `veranstaltung-${e.id}`;
    const h = document.createElement('h2');
    h.className = 'event-card__title';
    const a = document.createElement('a');
    a.href = offerHref.event(e.id);
    a.textContent = e.title;
    h.append(a);
    if (cancelled) h.append(' ', badge(term(EVENT_STATUS, e.status), 'cancelled'));
    const when = document.createElement('p');
    when.className = 'event-card__when';
    const time = document.createElement('time');
    time.dateTime = eventDate(e);
    time.textContent = eventWhen(e);
    when.append(time);
    if (cancelled) when.append(' – diese Veranstaltung fällt aus.');
    const { dl, add } = factList('facts event-card__facts');
    add('Ort', addressText(e));
    if (!state.ags) add('Kommune', (e.municipalities ?? []).map((m) => m.name).join(', '));
    add('Veranstalter', (e.organisers ?? []).map((o) => o.name).join(', '));
    li.append(h, when, dl);
    return li;
  }

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = filtersFromParams(new URLSearchParams({
      zielgruppe: el.targetGroup.value,
      kommune: state.ags ? '' : el.municipality.value,
      veranstalter: state.filters.veranstalter ?? '',
    }), CHECKS);
    const hash = hashWith(listPath(), filters);
    if (hash === window.location.hash) start(filters);
    else window.location.hash = hash;
  });

  function listPath() {
    return state.ags ? `oeffentlich/${state.ags}/veranstaltungen` : 'veranstaltungen-im-kreis';
  }

  function calendar() {
    const f = state.filters;
    const params = query(f, !state.ags);
    let where = 'im Kreis';
    if (state.ags) where = state.name ? `in ${state.name}` : 'in der Kommune';
    else if (f.kommune) where = `in ${el.municipality.selectedOptions[0]?.textContent ?? 'der Kommune'}`;
    renderCalendarBlock(el.calendar, {
      id: 'oeffentlich-veranstaltungen-abo',
      path: state.ags ? `public/municipalities/${encodeURIComponent(state.ags)}/events.ics` : 'public/events.ics',
      params,
      what: `Die Veranstaltungen ${where}${f.zielgruppe || f.veranstalter ? ' (mit Ihrer Auswahl)' : ''}`,
    });
  }

  function start(filters) {
    state.filters = filters;
    pages.reset();
    pages.load();
    calendar();
  }

  async function show({ args, params }) {
    const generation = ++state.generation;
    const ags = args.ags ?? null;
    const filters = filtersFromParams(params, CHECKS);
    if (ags) delete filters.kommune;
    if (ags !== state.ags) state.name = null;
    state.ags = ags;

    fillSelect(el.targetGroup, 'Alle Zielgruppen', Object.entries(TARGET_GROUP), filters.zielgruppe);
    el.municipalityField.hidden = Boolean(ags);
    if (ags) {
      el.back.href = offerHref.concept(ags);
      el.back.textContent = 'Zum Integrationskonzept der Kommune';
      el.offers.href = offerHref.directory(ags);
      el.lead.textContent = 'Feste, Treffen, Kurse und Informationsabende: die öffentlichen Veranstaltungen in '
        + 'dieser Kommune, die nächsten zuerst.';
      el.kicker.textContent = state.name ? `${state.name} · öffentliche Informationen` : '';
      start(filters);
      const name = await municipalityName(ags);
      if (generation !== state.generation || !name) return;
      state.name = name;
      el.kicker.textContent = `${name} · öffentliche Informationen`;
      calendar();
    } else {
      el.back.href = '/';
      el.back.textContent = 'Zur Startseite';
      el.offers.href = offerHref.districtDirectory();
      el.kicker.textContent = 'Alle Kommunen im Kreis';
      el.lead.textContent = 'Feste, Treffen, Kurse und Informationsabende: die öffentlichen Veranstaltungen in allen '
        + 'Kommunen des Kreises, die nächsten zuerst.';
      fillSelect(el.municipality, 'Alle Kommunen', filters.kommune ? [[filters.kommune, filters.kommune]] : [], filters.kommune);
      start(filters);
      try {
        const all = await districtMunicipalities();
        if (generation !== state.generation) return;
        fillSelect(el.municipality, 'Alle Kommunen', all.map((m) => [m.ags, m.name]), filters.kommune ?? '');
        calendar();
      } catch {
        /* the filter stays as it is; the list still works */
      }
    }
  }

  return { show };
}
