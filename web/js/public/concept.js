/*
 * concept.js: the public page of a Kommune (/#/oeffentlich/{ags}),
 * without sign-in: its adopted Integrationskonzept (title, Beschluss with
 * date and Drucksache, Leitziele), the public measures of it with their
 * progress (filterable by Handlungsfeld), and the public Kennzahlen with
 * their latest value, trend and status, and a link to its public
 * Sitzungen (js/meetings/public-meetings.js), to its Beteiligung and to
 * „Was ist aus den Empfehlungen geworden?“ (js/public/), and to its
 * Angebote and Veranstaltungen (js/public/offers.js, events.js). Everything comes from
 * /api/v1/public/municipalities/{ags}/…, which shows only what the
 * Kommune has published.
 */

import { apiGet, getAll, getPage } from '../shared/api.js';
import { INDICATOR_STATUS, SOURCE_SET, TREND, label } from '../catalogue/terms.js';
import { badge, missing, retryButton } from '../shared/ui.js';
import { formatDate, formatInteger, formatNumber } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createMeasureTable } from '../catalogue/measure-table.js';
import { createPagedList } from '../shared/paged-list.js';
import { problemText } from '../shared/problems.js';
import { publicHref } from './participation-terms.js';

export function createPublicConceptView() {
  const el = {
    municipality: document.getElementById('oeffentlich-kommune'),
    title: document.getElementById('oeffentlich-titel'),
    live: document.getElementById('oeffentlich-status'),
    alert: document.getElementById('oeffentlich-fehler'),
    concept: document.getElementById('oeffentlich-konzept'),
    resolution: document.getElementById('oeffentlich-beschluss'),
    summary: document.getElementById('oeffentlich-zusammenfassung'),
    goals: document.getElementById('oeffentlich-leitziele'),
    filter: document.getElementById('oeffentlich-filter'),
    actionField: document.getElementById('oeffentlich-handlungsfeld'),
    measuresLive: document.getElementById('oeffentlich-massnahmen-status'),
    measuresAlert: document.getElementById('oeffentlich-massnahmen-fehler'),
    measures: document.getElementById('oeffentlich-massnahmen'),
    indicatorsPart: document.getElementById('oeffentlich-kennzahlen-teil'),
    indicatorsLive: document.getElementById('oeffentlich-kennzahlen-status'),
    indicatorsAlert: document.getElementById('oeffentlich-kennzahlen-fehler'),
    indicators: document.getElementById('oeffentlich-kennzahlen'),
  };
  const state = { ags: null, name: null, generation: 0 };

  const measures = pagedList({
    list: el.measures,
    live: el.measuresLive,
    alert: el.measuresAlert,
    nouns: 'Maßnahmen',
    one: 'Maßnahme',
    path: () => `public/municipalities/${encodeURIComponent(state.ags)}/measures`,
    create() {
      const f = el.actionField.value;
      return createMeasureTable(el.measures, {
        id: 'oeffentlich-massnahmen-tabelle',
        caption: 'Öffentliche Maßnahmen in der Reihenfolge ihrer Priorität',
        note: f ? `Handlungsfeld: ${el.actionField.selectedOptions[0]?.textContent ?? f}` : 'alle Handlungsfelder',
        description: true,
        href: (m) => publicHref.measure(state.ags, m.id),
      });
    },
    empty: () => (el.actionField.value
      ? 'In diesem Handlungsfeld sind keine Maßnahmen veröffentlicht.'
      : 'Zu diesem Integrationskonzept sind noch keine Maßnahmen veröffentlicht.'),
  });

  const indicators = pagedList({
    list: el.indicators,
    live: el.indicatorsLive,
    alert: el.indicatorsAlert,
    nouns: 'Kennzahlen',
    one: 'Kennzahl',
    path: () => `public/municipalities/${encodeURIComponent(state.ags)}/indicators`,
    create: () => createIndicatorTable(el.indicators),
    empty: () => 'Es sind noch keine Kennzahlen veröffentlicht.',
  });

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    measures.start({ action_field_id: el.actionField.value || undefined });
  });

  async function loadConcept(generation) {
    const ags = state.ags;
    let concept;
    try {
      concept = await apiGet(`public/municipalities/${encodeURIComponent(ags)}/concept`);
    } catch (err) {
      if (generation !== state.generation) return;
      el.title.textContent = `Integrationskonzept ${state.name ?? ''}`.trim();
      if (err?.status === 404) {
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox(
          `${state.name ?? 'Diese Kommune'} hat noch kein Integrationskonzept beschlossen.`,
          'Sobald der Rat ein Integrationskonzept beschließt, erscheinen hier seine Leitziele und Maßnahmen.',
          null,
        ));
      } else {
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Das Integrationskonzept konnte nicht geladen werden.', problemText(err)));
        el.alert.append(retryButton(() => { el.alert.replaceChildren(); loadConcept(state.generation); }));
      }
      return;
    }
    if (generation !== state.generation) return;
    el.title.textContent = concept.title;
    document.title = `${concept.title} – Teilhabe`;
    const when = concept.resolution_date ? ` am ${formatDate(concept.resolution_date)}` : '';
    const ref = concept.resolution_reference ? ` (${concept.resolution_reference})` : '';
    el.resolution.textContent = `Vom Rat beschlossen${when}${ref}. Version ${concept.version} des Integrationskonzepts.`;
    el.summary.textContent = concept.summary ?? '';
    el.summary.hidden = !concept.summary;

    const goals = [...(concept.goals ?? [])].sort((a, b) => a.position - b.position);
    el.goals.replaceChildren(...goals.map((g) => {
      const li = document.createElement('li');
      const strong = document.createElement('strong');
      strong.textContent = g.title;
      li.append(strong);
      if (g.description) {
        const p = document.createElement('p');
        p.textContent = g.description;
        li.append(p);
      }
      return li;
    }));
    if (!goals.length) {
      const li = document.createElement('li');
      li.textContent = 'Es sind keine Leitziele veröffentlicht.';
      el.goals.append(li);
    }
    el.concept.hidden = false;
    el.live.textContent = 'Integrationskonzept geladen.';

    try {
      const fields = await getAll(`public/municipalities/${encodeURIComponent(ags)}/action-fields`);
      if (generation !== state.generation) return;
      el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''),
        ...fields.map((f) => new Option(f.name, f.id)));
    } catch {
      if (generation !== state.generation) return;
      el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''));
    }
    measures.start({});
  }

  return {
    async show({ args }) {
      const generation = ++state.generation;
      state.ags = args.ags;
      state.name = null;
      el.municipality.textContent = '';
      el.title.textContent = 'Integrationskonzept';
      el.alert.replaceChildren();
      el.concept.hidden = true;
      el.indicatorsPart.hidden = true;
      el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''));
      measures.clear();
      indicators.clear();
      el.live.textContent = 'Das Integrationskonzept wird geladen …';

      try {
        const m = await apiGet(`municipalities/${encodeURIComponent(args.ags)}`);
        if (generation !== state.generation) return;
        state.name = m.name;
        el.municipality.textContent = `${m.name} · öffentliche Informationen`;
      } catch (err) {
        if (generation !== state.generation) return;
        el.live.textContent = '';
        if (err?.status === 404) {
          el.title.textContent = 'Kommune nicht gefunden';
          el.alert.replaceChildren(noticeBox(`Eine Kommune mit dem Gemeindeschlüssel ${args.ags} gibt es in Teilhabe nicht.`));
        } else {
          el.alert.replaceChildren(noticeBox('Die Angaben der Kommune konnten nicht geladen werden.', problemText(err)));
          el.alert.append(retryButton(() => this.show({ args })));
        }
        return;
      }
      el.indicatorsPart.hidden = false;
      meetingsLink(el.indicatorsPart, args.ags);
      participationLinks(el.indicatorsPart, args.ags);
      offersLinks(el.indicatorsPart, args.ags);
      indicators.start({});
      await loadConcept(generation);
    },
  };
}

/* Before the Kennzahlen: a link to the Kommune's public Sitzungen (js/meetings/). */
function meetingsLink(before, ags) {
  let part = document.getElementById('oeffentlich-sitzungen-teil');
  if (!part) {
    part = document.createElement('div');
    part.id = 'oeffentlich-sitzungen-teil';
    const h = document.createElement('h2');
    h.textContent = 'Sitzungen';
    const p = document.createElement('p');
    const a = document.createElement('a');
    a.id = 'oeffentlich-sitzungen-link';
    a.textContent = 'Öffentliche Sitzungen mit Tagesordnung und genehmigtem Protokoll';
    p.append(a);
    part.append(h, p);
    before.before(part);
  }
  part.querySelector('a').href = `/#/oeffentlich/${encodeURIComponent(ags)}/sitzungen`;
}

/*
 * Before the Kennzahlen: links to the Kommune's public Beteiligung and to
 * „Was ist aus den Empfehlungen geworden?“ (js/public/consultations.js,
 * recommendations.js).
 */
function participationLinks(before, ags) {
  let part = document.getElementById('oeffentlich-mitmachen-teil');
  if (!part) {
    part = document.createElement('div');
    part.id = 'oeffentlich-mitmachen-teil';
    const h = document.createElement('h2');
    h.textContent = 'Beteiligung';
    const ul = document.createElement('ul');
    ul.className = 'plain-list';
    for (const [id, text] of [
      ['oeffentlich-beteiligung-link', 'Beteiligung: Dialoge, Umfragen und ihre Ergebnisse – und wo Sie online mitmachen können'],
      ['oeffentlich-empfehlungen-link', 'Was ist aus den Empfehlungen geworden?'],
    ]) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.id = id;
      a.textContent = text;
      li.append(a);
      ul.append(li);
    }
    part.append(h, ul);
    before.before(part);
  }
  document.getElementById('oeffentlich-beteiligung-link').href = publicHref.participation(ags);
  document.getElementById('oeffentlich-empfehlungen-link').href = publicHref.recommendations(ags);
}

/*
 * Before the Kennzahlen: links to the Kommune's Angebotsverzeichnis and its
 * coming Veranstaltungen (js/public/offers.js, events.js).
 */
function offersLinks(before, ags) {
  let part = document.getElementById('oeffentlich-angebote-teil');
  if (!part) {
    part = document.createElement('div');
    part.id = 'oeffentlich-angebote-teil';
    const h = document.createElement('h2');
    h.textContent = 'Angebote und Veranstaltungen';
    const ul = document.createElement('ul');
    ul.className = 'plain-list';
    for (const [id, text] of [
      ['oeffentlich-angebote-link', 'Angebote: Beratung, Sprachkurse, Treffpunkte und mehr – auch in anderen Sprachen'],
      ['oeffentlich-veranstaltungen-link', 'Veranstaltungen, die demnächst stattfinden – auch als Kalender zum Abonnieren'],
    ]) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.id = id;
      a.textContent = text;
      li.append(a);
      ul.append(li);
    }
    part.append(h, ul);
    before.before(part);
  }
  document.getElementById('oeffentlich-angebote-link').href = `/#/oeffentlich/${encodeURIComponent(ags)}/angebote`;
  document.getElementById('oeffentlich-veranstaltungen-link').href = `/#/oeffentlich/${encodeURIComponent(ags)}/veranstaltungen`;
}

/*
 * A public list loaded page by page into a table: start() with filters,
 * "Weitere … laden" under it, counts in its live region.
 */
function pagedList({ list, live, alert, nouns, one, path, create, empty }) {
  let filters = {};
  let table = null;
  const pages = createPagedList({
    container: list,
    nouns,
    alert,
    live,
    loadingText: `${nouns} werden geladen …`,
    fetchPage: (cursor) => getPage(path(), { params: filters, cursor }),
    show(items, isFirstPage) {
      if (isFirstPage) table = create();
      const before = table.count();
      const first = table.append(items);
      const added = table.count() - before;
      const count = (n, adj = '') => (n === 1 ? `1 ${adj}${one}` : `${formatInteger(n)} ${adj}${nouns}`);
      live.textContent = isFirstPage
        ? `${count(table.count())} geladen.`
        : `${count(added, 'weitere ')} geladen – insgesamt ${formatInteger(table.count())}.`;
      return first;
    },
    empty() {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = empty();
      list.replaceChildren(p);
      live.textContent = `Keine ${nouns} gefunden.`;
    },
    failed(err, isFirstPage) {
      alert.replaceChildren(noticeBox(
        isFirstPage ? `Die ${nouns} konnten nicht geladen werden.` : `Weitere ${nouns} konnten nicht geladen werden.`,
        problemText(err),
      ));
      live.textContent = '';
    },
  });

  function clear() {
    table = null;
    pages.reset();
    live.textContent = '';
  }

  return {
    clear,
    start(newFilters) {
      clear();
      filters = newFilters;
      return pages.load();
    },
  };
}

/* The table of Kennzahlen: value with unit and date, trend, status. */
function createIndicatorTable(container) {
  const wrapper = document.createElement('div');
  wrapper.className = 'table-scroll';
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-labelledby', 'oeffentlich-kennzahlen-tabelle-titel');
  const table = document.createElement('table');
  table.className = 'data-table';
  table.id = 'oeffentlich-kennzahlen-tabelle';
  const caption = table.createCaption();
  caption.id = 'oeffentlich-kennzahlen-tabelle-titel';
  const inner = document.createElement('span');
  inner.className = 'caption-inner';
  const note = document.createElement('span');
  note.className = 'caption-note';
  note.textContent = 'Status: Wie weit der aktuelle Wert auf dem Weg vom Ausgangswert zum Zielwert ist, gemessen an der verstrichenen Zeit.';
  inner.append('Kennzahlen mit Ausgangswert, Ziel und aktuellem Wert', note);
  caption.append(inner);
  const head = table.createTHead().insertRow();
  for (const [text, numeric] of [['Kennzahl'], ['Ausgangswert', true], ['Zielwert', true], ['Aktueller Wert', true], ['Trend'], ['Status']]) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (numeric) th.className = 'num';
    th.textContent = text;
    head.append(th);
  }
  const tbody = table.createTBody();
  wrapper.append(table);
  container.replaceChildren(wrapper);
  const shown = new Set();

  return {
    count: () => shown.size,
    append(items) {
      let first = null;
      for (const k of items) {
        if (shown.has(k.id)) continue;
        shown.add(k.id);
        const row = tbody.insertRow();
        row.id = `kennzahl-${k.id}`;
        const name = document.createElement('th');
        name.scope = 'row';
        name.append(k.name);
        const notes = [
          k.direction === 'lower_is_better' ? 'niedriger ist besser' : 'höher ist besser',
          label(SOURCE_SET, k.source_set),
        ].filter(Boolean);
        const small = document.createElement('span');
        small.className = 'cell-note';
        small.textContent = notes.join(' · ');
        name.append(small);
        if (k.definition) {
          const details = document.createElement('details');
          details.className = 'cell-details';
          const summary = document.createElement('summary');
          summary.textContent = 'Definition';
          const p = document.createElement('p');
          p.textContent = k.definition;
          details.append(summary, p);
          name.append(details);
        }
        row.append(name);
        first ??= name;
        valueCell(row, k.baseline_value, k.unit, k.baseline_date, 'Stand');
        valueCell(row, k.target_value, k.unit, k.target_date, 'bis');
        valueCell(row, k.latest?.value, k.unit, k.latest?.period_end, 'Stand');
        const trend = row.insertCell();
        if (k.trend) trend.textContent = label(TREND, k.trend);
        else trend.append(missing());
        row.insertCell().append(badge(label(INDICATOR_STATUS, k.status ?? 'no_data'), k.status ?? 'no_data'));
      }
      return first;
    },
  };
}

function valueCell(row, value, unit, date, prefix) {
  const td = row.insertCell();
  td.className = 'num';
  if (value == null) {
    td.append(missing());
    return;
  }
  td.append(`${formatNumber(value)}\u00a0${unit}`);
  if (date) {
    const note = document.createElement('span');
    note.className = 'cell-note';
    note.textContent = `${prefix} ${formatDate(date)}`;
    td.append(note);
  }
}
