/*
 * offers.js: the view „Angebote“ (/#/angebote?kommune=AGS and the
 * filters art, sprache, zielgruppe, organisation, suche): the Angebote of
 * a Kommune page by page (Beratungsangebote, Sprachkurse, Frauengruppen …)
 * with Art, Organisation, Zeiten, Sprachen and Zielgruppen. Who may create
 * one (Integrationsbeauftragte; partners for their own organisation) gets
 * „Neues Angebot“ (offer-form.js).
 */

import {
  LANGUAGE, OFFER_KIND, TARGET_GROUP, apiPath, languageNames, offerHref, offerPermissions, offersHref, slotText, term,
} from './terms.js';
import { createOfferForm } from './offer-form.js';
import { municipalityChooser, termOptions } from '../organisations/parts.js';
import { getAll, getPage } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { createPagedList } from '../shared/paged-list.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import { missing, textList } from '../shared/ui.js';

const PAGE = 50;
/* address parameter -> API parameter */
const FILTERS = {
  art: 'kind', sprache: 'language', zielgruppe: 'target_group', organisation: 'organisation_id', suche: 'q',
};

function sortedOptions(terms, all) {
  const sorted = Object.fromEntries(Object.entries(terms).sort((a, b) => a[1].localeCompare(b[1], 'de')));
  return termOptions(sorted, all);
}

export function createOffersView() {
  const el = {
    filter: document.getElementById('angebote-filter'),
    municipality: document.getElementById('angebote-kommune'),
    kind: document.getElementById('angebote-art'),
    language: document.getElementById('angebote-sprache'),
    group: document.getElementById('angebote-zielgruppe'),
    organisation: document.getElementById('angebote-organisation'),
    q: document.getElementById('angebote-suche'),
    panel: document.getElementById('angebote-neu'),
    form: document.getElementById('angebote-neu-form'),
    live: document.getElementById('angebote-status'),
    alert: document.getElementById('angebote-fehler'),
    list: document.getElementById('angebote-liste'),
  };
  el.kind.replaceChildren(...termOptions(OFFER_KIND, 'Alle Arten'));
  el.language.replaceChildren(...sortedOptions(LANGUAGE, 'Alle Sprachen'));
  el.group.replaceChildren(...termOptions(TARGET_GROUP, 'Alle Zielgruppen'));
  const choose = municipalityChooser(el.municipality, 'angebote');
  let ags = null;
  let filters = {};
  let organisationsOf = null;
  let count = 0;

  const form = createOfferForm(el.form, {
    create: true,
    onSaved(doc) {
      window.location.hash = offerHref(ags, doc.id).slice(1);
    },
  });

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = { kommune: el.municipality.value };
    const values = {
      art: el.kind.value, sprache: el.language.value, zielgruppe: el.group.value, organisation: el.organisation.value, suche: el.q.value.trim(),
    };
    for (const [k, v] of Object.entries(values)) if (v) wanted[k] = v;
    window.location.hash = offersHref(wanted.kommune, Object.fromEntries(Object.entries(wanted).filter(([k]) => k !== 'kommune'))).slice(1);
  });

  let tbody = null;
  const list = createPagedList({
    container: el.list,
    nouns: 'Angebote',
    alert: el.alert,
    live: el.live,
    loadingText: 'Die Angebote werden geladen …',
    fetchPage: (cursor) => getPage(apiPath(ags, 'offers'), { params: { ...filters, limit: PAGE }, cursor, auth: true }),
    show(items, first) {
      if (first) {
        count = 0;
        el.list.prepend(table());
      }
      let firstNew = null;
      for (const o of items) {
        const row = tbody.insertRow();
        const name = document.createElement('th');
        name.scope = 'row';
        const a = document.createElement('a');
        a.href = offerHref(ags, o.id);
        a.textContent = o.title;
        name.append(a);
        row.append(name);
        firstNew ??= a;
        row.insertCell().textContent = term(OFFER_KIND, o.kind);
        row.insertCell().textContent = o.organisation?.name ?? '';
        const times = row.insertCell();
        const slots = (o.slots ?? []).map(slotText);
        if (slots.length) times.append(textList(slots));
        else if (o.times_text) times.textContent = o.times_text;
        else times.append(missing());
        row.insertCell().append(textList(languageNames(o.languages)));
        row.insertCell().append(textList((o.target_groups ?? []).map((g) => term(TARGET_GROUP, g))));
      }
      count += items.length;
      el.live.textContent = count === 1 ? '1 Angebot geladen.' : `${count} Angebote geladen.`;
      return firstNew;
    },
    empty() {
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = Object.keys(filters).length
        ? 'Kein Angebot passt zu den gewählten Filtern.'
        : 'In dieser Kommune gibt es noch keine Angebote, die Sie sehen können.';
      el.list.replaceChildren(p);
      el.live.textContent = 'Keine Angebote gefunden.';
    },
    failed(err) {
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Angebote konnten nicht geladen werden.', problemText(err)));
    },
  });

  function table() {
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', 'angebote-tabelle-titel');
    const t = document.createElement('table');
    t.className = 'data-table';
    t.id = 'angebote-tabelle';
    const cap = t.createCaption();
    cap.id = 'angebote-tabelle-titel';
    cap.textContent = 'Angebote';
    const head = t.createTHead().insertRow();
    for (const text of ['Angebot', 'Art', 'Organisation', 'Zeiten', 'Sprachen', 'Zielgruppen']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    tbody = t.createTBody();
    wrapper.append(t);
    return wrapper;
  }

  async function organisations() {
    if (organisationsOf === ags) return;
    organisationsOf = ags;
    const orgs = await getAll('organisations', { params: { municipality: ags }, auth: true }).catch(() => []);
    orgs.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    el.organisation.replaceChildren(new Option('Alle Organisationen', ''), ...orgs.map((o) => new Option(o.name, o.id)));
  }

  return {
    async show({ params }) {
      ags = await choose(params);
      list.reset();
      if (!ags) {
        el.panel.hidden = true;
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      await organisations();
      filters = {};
      for (const [param, api] of Object.entries(FILTERS)) {
        const v = params.get(param);
        if (v) filters[api] = v;
      }
      el.kind.value = params.get('art') ?? '';
      el.language.value = params.get('sprache') ?? '';
      el.group.value = params.get('zielgruppe') ?? '';
      el.organisation.value = params.get('organisation') ?? '';
      el.q.value = params.get('suche') ?? '';
      const may = offerPermissions(currentPerson(), ags);
      el.panel.hidden = !may.create;
      el.panel.open = false;
      if (may.create) await form.open(ags);
      await list.load();
    },
  };
}
