/*
 * offers.js: the Angebotsverzeichnis without sign-in, of one Kommune
 * (/#/oeffentlich/{ags}/angebote) or of the whole district
 * (/#/angebote-im-kreis, with a Kommune filter): Beratung, Sprachkurse,
 * Treffpunkte and the other public offers of the Träger, as cards with
 * Titel, Organisation, Art, Sprachen, Zeiten („dienstags 9–12 Uhr“), Ort,
 * Kosten, Anmeldung and Barrierefreiheit, page by page („Weitere Angebote
 * laden“). The filters (Sprache, Zielgruppe, Art, Kommune, a German
 * full-text search) live in the address, so a link can be shared:
 *   ?suche=TEXT  ?sprache=CODE  ?zielgruppe=CODE  ?art=CODE  ?kommune=AGS (district)
 * The number of results is announced in a live region.
 * From /api/v1/public/municipalities/{ags}/offers and /api/v1/public/offers.
 */

import { getPage } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';
import { createPagedList } from '../shared/paged-list.js';
import { TARGET_GROUP } from '../catalogue/terms.js';
import { municipalityName } from './participation-parts.js';
import { term } from './participation-terms.js';
import {
  LANGUAGE, OFFER_KIND, languageNames, offerHref,
} from './offer-terms.js';
import {
  addressText, districtMunicipalities, factList, fillSelect, filtersFromParams, hashWith,
  offerCost, offerRegistration, offerTimes, sortedTerms,
} from './offer-parts.js';

const CHECKS = {
  suche: (v) => v.length <= 200,
  sprache: (v) => Object.hasOwn(LANGUAGE, v),
  zielgruppe: (v) => Object.hasOwn(TARGET_GROUP, v),
  art: (v) => Object.hasOwn(OFFER_KIND, v),
  kommune: (v) => /^\d{8}$/.test(v),
};

/** The API's query for the filters of the address. */
function query(filters, district) {
  return {
    q: filters.suche,
    language: filters.sprache,
    target_group: filters.zielgruppe,
    kind: filters.art,
    municipality: district ? filters.kommune : undefined,
  };
}

export function createPublicOffersView() {
  const el = {
    back: document.getElementById('oeffentlich-angebote-zurueck'),
    kicker: document.getElementById('oeffentlich-angebote-ort'),
    lead: document.getElementById('oeffentlich-angebote-einleitung'),
    form: document.getElementById('oeffentlich-angebote-filter'),
    search: document.getElementById('oeffentlich-angebote-suche'),
    language: document.getElementById('oeffentlich-angebote-sprache'),
    targetGroup: document.getElementById('oeffentlich-angebote-zielgruppe'),
    kind: document.getElementById('oeffentlich-angebote-art'),
    municipalityField: document.getElementById('oeffentlich-angebote-kommune-feld'),
    municipality: document.getElementById('oeffentlich-angebote-kommune'),
    reset: document.getElementById('oeffentlich-angebote-zuruecksetzen'),
    events: document.getElementById('oeffentlich-angebote-veranstaltungen'),
    live: document.getElementById('oeffentlich-angebote-status'),
    alert: document.getElementById('oeffentlich-angebote-fehler'),
    list: document.getElementById('oeffentlich-angebote-liste'),
  };
  const state = {
    ags: null, filters: {}, generation: 0, count: 0, total: null, more: false, ol: null,
  };

  const pages = createPagedList({
    container: el.list,
    nouns: 'Angebote',
    alert: el.alert,
    live: el.live,
    loadingText: 'Die Angebote werden gesucht …',
    fetchPage: async (cursor) => {
      const path = state.ags ? `public/municipalities/${encodeURIComponent(state.ags)}/offers` : 'public/offers';
      const body = await getPage(path, { params: { ...query(state.filters, !state.ags), limit: 20 }, cursor });
      if (Number.isInteger(body?.total)) state.total = body.total;
      state.more = Boolean(body?.next_cursor);
      return body;
    },
    show(items, isFirstPage) {
      if (isFirstPage) {
        state.ol = document.createElement('ol');
        state.ol.className = 'offer-list';
        state.ol.setAttribute('aria-label', 'Gefundene Angebote');
        el.list.prepend(state.ol);
        state.count = 0;
      }
      const cards = items.map((o) => card(o));
      state.ol.append(...cards);
      state.count += items.length;
      el.live.textContent = countText(items.length, isFirstPage);
      return cards[0]?.querySelector('a') ?? null;
    },
    empty() {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = Object.keys(state.filters).length
        ? 'Zu dieser Suche gibt es keine Angebote. Versuchen Sie es mit weniger Filtern oder einem anderen Suchwort.'
        : 'Hier sind noch keine Angebote veröffentlicht.';
      el.list.replaceChildren(p);
      el.live.textContent = `Keine Angebote gefunden${summary()}.`;
    },
    failed(err, isFirstPage) {
      el.alert.replaceChildren(noticeBox(isFirstPage
        ? 'Die Angebote konnten nicht geladen werden.'
        : 'Weitere Angebote konnten nicht geladen werden.', problemText(err)));
      el.live.textContent = '';
    },
  });

  /* „(Sprache: Arabisch, Suche: „Beratung“)“: what the list was chosen by, or "". */
  function summary() {
    const f = state.filters;
    const parts = [];
    if (f.suche) parts.push(`Suche: „${f.suche}“`);
    if (f.sprache) parts.push(`Sprache: ${term(LANGUAGE, f.sprache)}`);
    if (f.zielgruppe) parts.push(`Zielgruppe: ${term(TARGET_GROUP, f.zielgruppe)}`);
    if (f.art) parts.push(`Art: ${term(OFFER_KIND, f.art)}`);
    if (f.kommune) {
      const name = [...el.municipality.options].find((o) => o.value === f.kommune)?.textContent ?? f.kommune;
      parts.push(`Kommune: ${name}`);
    }
    return parts.length ? ` (${parts.join(', ')})` : '';
  }

  function countText(added, isFirstPage) {
    const n = (k) => (k === 1 ? '1 Angebot' : `${formatInteger(k)} Angebote`);
    if (state.total !== null) {
      return isFirstPage
        ? `${n(state.total)} gefunden${summary()}.`
        : `${n(added)} mehr geladen, ${formatInteger(state.count)} von ${formatInteger(state.total)} gezeigt.`;
    }
    if (isFirstPage && state.more) {
      return `Die ersten ${n(state.count)} gefunden${summary()}; weitere mit „Weitere Angebote laden“.`;
    }
    return isFirstPage
      ? `${n(state.count)} gefunden${summary()}.`
      : `${n(added)} mehr geladen, insgesamt ${formatInteger(state.count)} gezeigt.`;
  }

  function card(o) {
    const li = document.createElement('li');
    li.className = 'offer-card';
    li.id = `angebot-${o.id}`;
    const h = document.createElement('h2');
    h.className = 'offer-card__title';
    const a = document.createElement('a');
    a.href = offerHref.offer(o.id);
    a.textContent = o.title;
    h.append(a);
    const org = document.createElement('p');
    org.className = 'offer-card__organisation';
    org.textContent = o.organisation?.name ?? '';
    const { dl, add } = factList('facts offer-card__facts');
    add('Art', term(OFFER_KIND, o.kind));
    if (!state.ags) add('Kommune', o.municipality?.name);
    add('Sprachen', languageNames(o.languages));
    add('Zeiten', offerTimes(o));
    add('Ort', addressText(o));
    add('Kosten', offerCost(o));
    add('Anmeldung', offerRegistration(o));
    add('Barrierefreiheit', o.accessibility);
    li.append(h, org, dl);
    return li;
  }

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = filtersFromParams(new URLSearchParams({
      suche: el.search.value,
      sprache: el.language.value,
      zielgruppe: el.targetGroup.value,
      art: el.kind.value,
      kommune: state.ags ? '' : el.municipality.value,
    }), CHECKS);
    const hash = hashWith(listPath(), filters);
    if (hash === window.location.hash) start(filters);
    else window.location.hash = hash;
  });

  function listPath() {
    return state.ags ? `oeffentlich/${state.ags}/angebote` : 'angebote-im-kreis';
  }

  function start(filters) {
    state.filters = filters;
    state.total = null;
    pages.reset();
    pages.load();
  }

  async function fillMunicipalities(value, generation) {
    try {
      const all = await districtMunicipalities();
      if (generation !== state.generation) return;
      fillSelect(el.municipality, 'Alle Kommunen', all.map((m) => [m.ags, m.name]), value);
    } catch {
      /* the filter stays at „Alle Kommunen“; the list still works */
    }
  }

  async function show({ args, params }) {
    const generation = ++state.generation;
    const ags = args.ags ?? null;
    const filters = filtersFromParams(params, CHECKS);
    if (ags) delete filters.kommune;
    const sameList = ags === state.ags;
    state.ags = ags;

    el.search.value = filters.suche ?? '';
    fillSelect(el.language, 'Alle Sprachen', sortedTerms(LANGUAGE), filters.sprache);
    fillSelect(el.targetGroup, 'Alle Zielgruppen', Object.entries(TARGET_GROUP), filters.zielgruppe);
    fillSelect(el.kind, 'Alle Arten', sortedTerms(OFFER_KIND), filters.art);
    el.municipalityField.hidden = Boolean(ags);
    el.reset.href = `/${hashWith(listPath(), {})}`;
    if (ags) {
      el.back.href = offerHref.concept(ags);
      el.back.textContent = 'Zum Integrationskonzept der Kommune';
      el.events.href = offerHref.events(ags);
      el.lead.textContent = 'Beratung, Sprachkurse, Hausaufgabenhilfe, Treffpunkte und mehr: die Angebote von Vereinen, '
        + 'Verbänden und Einrichtungen in dieser Kommune. Suchen Sie nach einem Wort oder wählen Sie eine Sprache, '
        + 'eine Zielgruppe oder eine Art.';
      if (!sameList) el.kicker.textContent = '';
      municipalityName(ags).then((name) => {
        if (generation === state.generation && name) el.kicker.textContent = `${name} · öffentliche Informationen`;
      });
    } else {
      el.back.href = '/';
      el.back.textContent = 'Zur Startseite';
      el.events.href = offerHref.districtEvents();
      el.kicker.textContent = 'Alle Kommunen im Kreis';
      el.lead.textContent = 'Beratung, Sprachkurse, Hausaufgabenhilfe, Treffpunkte und mehr: die Angebote von Vereinen, '
        + 'Verbänden und Einrichtungen in allen Kommunen des Kreises. Wählen Sie eine Kommune, eine Sprache, '
        + 'eine Zielgruppe oder eine Art, oder suchen Sie nach einem Wort.';
      fillSelect(el.municipality, 'Alle Kommunen', filters.kommune ? [[filters.kommune, filters.kommune]] : [], filters.kommune);
      fillMunicipalities(filters.kommune ?? '', generation);
    }
    start(filters);
  }

  return { show };
}
