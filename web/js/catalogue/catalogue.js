/*
 * catalogue.js: the view "Maßnahmenkatalog" (/#/katalog). The measures of
 * one Integrationskonzept of a Kommune (by default the adopted one), either
 * page by page (keyset cursor) in priority order or by their last change,
 * or all of them grouped by Handlungsfeld with each group's count, mean
 * progress and latest Sachstände (GET …/measure-summary), Teilmaßnahmen
 * under their parent. Each row shows the latest Sachstand as a signal.
 *
 * The address holds the filters (catalogue-filters.js): „Anzeigen“ and
 * „Filter zurücksetzen“ go to a new address, and the view shows what the
 * address says, so reloads, bookmarks and the back button work.
 *
 * The Kommune is one of the person's (district admins: any). Without one in
 * the address it is the one last chosen here, else the first of the
 * person's with an adopted concept, never an empty one while another has a
 * concept.
 */

import { conceptStatusText, conceptText, measureHref } from './concept.js';
import { HORIZON, MEASURE_STATUS, TARGET_GROUP, termOptions } from './terms.js';
import {
  REPORT_CODES, apiQuery, catalogueHash, fillFixedOptions, filterSummary, filtersFromParams, isFiltered,
  readForm, setForm, withoutFilters,
} from './catalogue-filters.js';
import { retryButton } from '../shared/ui.js';
import { formatInteger, formatPercent } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createMeasureTable } from './measure-table.js';
import { createPagedList } from '../shared/paged-list.js';
import { problemText } from '../shared/problems.js';
import { memberMunicipalities, officerMunicipalities } from '../shared/roles.js';
import { defaultMunicipality, rememberMunicipality } from '../shared/municipality-choice.js';
import {
  authRequest, getAll, getPage, loadAllMunicipalities,
} from '../shared/api.js';
import { currentPerson } from '../shared/session.js';
import { handoutControls } from '../shared/handout.js';
import { catalogueCsv, clearCatalogueHandout, printCatalogue } from './catalogue-handout.js';

export function createCatalogueView() {
  const el = {
    filter: document.getElementById('katalog-filter'),
    municipality: document.getElementById('katalog-kommune'),
    concept: document.getElementById('katalog-konzept'),
    view: document.getElementById('katalog-darstellung'),
    more: document.getElementById('katalog-filter-mehr'),
    moreCount: document.getElementById('katalog-filter-anzahl'),
    mineField: document.getElementById('katalog-meine-feld'),
    mine: document.getElementById('katalog-meine'),
    mineHint: document.getElementById('katalog-meine-hinweis'),
    actionField: document.getElementById('katalog-handlungsfeld'),
    status: document.getElementById('katalog-status-filter'),
    report: document.getElementById('katalog-sachstand'),
    noReport: document.getElementById('katalog-ohne-sachstand'),
    overdue: document.getElementById('katalog-ueberfaellig'),
    horizon: document.getElementById('katalog-horizont'),
    targetGroup: document.getElementById('katalog-zielgruppe'),
    q: document.getElementById('katalog-suche'),
    sort: document.getElementById('katalog-sortierung'),
    reset: document.getElementById('katalog-zuruecksetzen'),
    publicLink: document.getElementById('katalog-oeffentlich'),
    newLink: document.getElementById('katalog-neu'),
    live: document.getElementById('katalog-status'),
    alert: document.getElementById('katalog-fehler'),
    summary: document.getElementById('katalog-zusammenfassung'),
    list: document.getElementById('katalog-liste'),
  };
  el.status.replaceChildren(...termOptions(MEASURE_STATUS, 'Alle Status'));
  el.horizon.replaceChildren(...termOptions(HORIZON, 'Alle Horizonte'));
  el.targetGroup.replaceChildren(...termOptions(TARGET_GROUP, 'Alle Zielgruppen'));
  el.view.replaceChildren(new Option('Liste nach Rang', ''), new Option('nach Handlungsfeldern gruppiert', 'handlungsfelder'));
  fillFixedOptions(el);
  // The meeting handout: printed (every measure of the filters, by Handlungsfeld) or as CSV.
  const section = el.filter.closest('section');
  const handout = document.createElement('div');
  handout.id = 'katalog-unterlage';
  handout.className = 'handout print-only';
  section.append(handout);
  el.newLink.parentElement.after(handoutControls({
    id: 'katalog-unterlage',
    async print(orientation) {
      const shown = state.concepts.find((c) => c.id === state.query.concept_id);
      if (!state.ags || !shown) return;
      await printCatalogue(section, handout, {
        ags: state.ags,
        name: selectedText(el.municipality, state.ags),
        concept: shown,
        query: state.query,
        filterText: summaryOfFilters(),
        orientation,
      });
    },
    csv: () => catalogueCsv(state.ags, state.query),
  }));
  // On phones the filters start folded; open wherever there is room.
  el.more.open = !window.matchMedia('(max-width: 40rem)').matches;

  const state = {
    ags: null,
    concepts: [],
    fields: [],
    filters: filtersFromParams(new URLSearchParams()),
    query: {}, // the API query of the list shown
    generation: 0,
    choices: 0, // request counter of loadChoices()
  };
  let table = null;
  let concept = null; // the concept of the list shown
  const codes = new Map(); // measure id -> Kennung, of the rows shown
  const list = createPagedList({
    container: el.list,
    nouns: 'Maßnahmen',
    alert: el.alert,
    live: el.live,
    loadingText: 'Maßnahmen werden geladen …',
    ready() {
      concept = state.concepts.find((c) => c.id === state.query.concept_id);
      showNewLink(state.ags, concept?.id);
      if (!concept) showNoConcept();
      return Boolean(concept);
    },
    fetchPage: (cursor) => getPage(`municipalities/${encodeURIComponent(state.ags)}/measures`, {
      params: { ...state.query, limit: state.filters.limit || undefined },
      cursor,
      auth: true,
    }),
    show(items, isFirstPage) {
      if (isFirstPage) {
        codes.clear();
        table = createTable(el.list, concept, {});
      }
      for (const m of items) codes.set(m.id, m.code);
      const before = table.count();
      const firstNew = table.append(items);
      const added = table.count() - before;
      el.live.textContent = isFirstPage
        ? countText(table.count())
        : `${countText(added, 'weitere ')} – insgesamt ${formatInteger(table.count())}.`;
      return firstNew;
    },
    empty: () => showEmpty(concept),
    failed: showLoadError,
  });

  /*
   * „Neue Maßnahme anlegen“ for the officers of the Kommune and district
   * admins (the API decides again), into the concept shown unless archived.
   */
  function showNewLink(ags, conceptId) {
    const person = currentPerson();
    const may = Boolean(ags) && (person?.district_admin
      || officerMunicipalities(person).some((m) => m.ags === ags));
    const target = state.concepts?.find((c) => c.id === conceptId);
    el.newLink.hidden = !may || !target || target.status === 'archived';
    if (el.newLink.hidden) return;
    el.newLink.href = `/#/massnahmen/neu?${new URLSearchParams({ kommune: ags, konzept: target.id })}`;
  }

  el.municipality.addEventListener('change', async () => {
    el.alert.replaceChildren();
    rememberMunicipality(el.municipality.value);
    try {
      await loadChoices(el.municipality.value, null);
    } catch (err) {
      showChoicesError(err);
    }
  });

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!state.ags || el.municipality.value !== state.ags) {
      el.alert.replaceChildren(noticeBox('Die Integrationskonzepte der Kommune werden noch geladen. Bitte versuchen Sie es gleich noch einmal.', null, null));
      return;
    }
    go(readForm(el, state.filters.limit));
  });

  el.reset.addEventListener('click', () => {
    if (!state.ags) return;
    go({ ...withoutFilters({ ...state.filters, kommune: el.municipality.value, konzept: el.concept.value }), ansicht: state.filters.ansicht });
  });

  /* Shows the filters: a new address (main.js shows it), or the list again. */
  function go(filters) {
    const hash = catalogueHash(filters);
    if (hash === window.location.hash) view.show({ params: new URLSearchParams(hash.split('?')[1] ?? '') });
    else window.location.hash = hash;
  }

  /* The concepts and the Handlungsfelder of the Kommune, as options. */
  async function loadChoices(ags, wantedConcept, knownConcepts = null) {
    const request = ++state.choices;
    el.concept.replaceChildren(new Option('Integrationskonzepte werden geladen …', ''));
    const base = `municipalities/${encodeURIComponent(ags)}`;
    const [concepts, fields] = await Promise.all([
      knownConcepts ?? getAll(`${base}/concepts`, { auth: true }),
      getAll(`${base}/action-fields`, { auth: true }),
    ]);
    if (request !== state.choices) return false;
    state.ags = ags;
    state.concepts = [...concepts].sort((a, b) => b.version - a.version);
    state.fields = fields;

    el.concept.replaceChildren(...(state.concepts.length
      ? state.concepts.map((c) => new Option(conceptText(c), c.id))
      : [new Option('Noch kein Integrationskonzept erfasst', '')]));
    const adopted = state.concepts.find((c) => c.status === 'adopted');
    const pick = [wantedConcept, adopted?.id, state.concepts[0]?.id]
      .find((id) => id && state.concepts.some((c) => c.id === id));
    el.concept.value = pick ?? '';

    el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''), ...fields.map((f) => new Option(f.name, f.id)));

    const organisation = partnerOrganisation(currentPerson(), ags);
    el.mineField.hidden = !organisation;
    el.mineHint.textContent = organisation ? `federführend oder beteiligt: ${organisation.name}` : '';

    el.publicLink.href = `/#/oeffentlich/${encodeURIComponent(ags)}`;
    el.publicLink.textContent = `Öffentliche Seite von ${selectedText(el.municipality, ags)}`;
    showNewLink(ags, el.concept.value);
    return true;
  }

  function reset() {
    state.generation += 1;
    clearCatalogueHandout(section, handout);
    table = null;
    list.reset();
    el.summary.replaceChildren();
    el.list.removeAttribute('aria-busy');
  }

  function createTable(container, forConcept, { caption, groups = false }) {
    const notes = [`Version ${forConcept.version}, ${conceptStatusText(forConcept)}`];
    if (!groups) notes.push(state.query.sort === '-updated_at' ? 'zuletzt geänderte zuerst' : 'nach Priorität (Rang 1 zuerst)');
    const filters = summaryOfFilters();
    if (filters) notes.push(filters);
    const ags = state.ags;
    return createMeasureTable(container, {
      id: groups ? `katalog-tabelle-${container.dataset.group}` : 'katalog-tabelle',
      caption: caption ?? `Maßnahmen: ${forConcept.title}`,
      note: notes.join(' · '),
      href: (m) => measureHref(ags, m.id),
      updated: state.query.sort === '-updated_at',
      report: true,
      cards: true,
      parentCode: (m) => (m.parent_id ? codes.get(m.parent_id) ?? '' : null),
    });
  }

  function summaryOfFilters() {
    return filterSummary(state.filters, (id) => state.fields.find((f) => f.id === id)?.name ?? id);
  }

  /* ---- grouped by Handlungsfeld ------------------------------------- */

  async function loadGroups() {
    const generation = state.generation;
    concept = state.concepts.find((c) => c.id === state.query.concept_id);
    if (!concept) {
      showNoConcept();
      return;
    }
    el.live.textContent = 'Maßnahmen werden geladen …';
    el.list.setAttribute('aria-busy', 'true');
    const base = `municipalities/${encodeURIComponent(state.ags)}`;
    const { sort, ...filters } = state.query;
    const [items, summary] = await Promise.allSettled([
      getAll(`${base}/measures`, { params: { ...filters, sort }, auth: true }),
      authRequest('GET', `${base}/measure-summary`, { params: filters }),
    ]);
    if (generation !== state.generation) return;
    el.list.removeAttribute('aria-busy');
    if (items.status === 'rejected') {
      showLoadError(items.reason, true);
      el.list.replaceChildren(retryButton(() => { reset(); loadGroups(); }));
      return;
    }
    const measures = items.value;
    codes.clear();
    for (const m of measures) codes.set(m.id, m.code);
    if (summary.status === 'fulfilled') {
      el.summary.replaceChildren(summaryBox(summary.value.body.total));
    } else {
      el.summary.replaceChildren(noticeBox('Die Zählung nach Handlungsfeldern konnte nicht geladen werden.',
        problemText(summary.reason), null));
    }
    if (!measures.length) {
      showEmpty(concept);
      return;
    }
    const groups = summary.status === 'fulfilled' ? summary.value.body.groups : [];
    el.list.replaceChildren(...groupSections(measures, groups));
    el.live.textContent = `${countText(measures.length)} Gruppiert nach Handlungsfeldern.`;
  }

  /* One section per Handlungsfeld (in the summary's order), parents in rank order, each followed by its Teilmaßnahmen. */
  function groupSections(measures, groups) {
    const byField = new Map();
    for (const m of measures) {
      const key = m.action_field?.id ?? '';
      if (!byField.has(key)) byField.set(key, []);
      byField.get(key).push(m);
    }
    const order = groups.map((g) => g.action_field?.id ?? '');
    for (const key of byField.keys()) if (!order.includes(key)) order.push(key);
    const sections = [];
    for (const key of order) {
      const members = byField.get(key);
      if (!members) continue;
      const group = groups.find((g) => (g.action_field?.id ?? '') === key);
      const name = members[0].action_field?.name ?? 'Ohne Handlungsfeld';
      const section = document.createElement('section');
      section.className = 'measure-group';
      const headingId = `katalog-gruppe-${key || 'ohne'}`;
      section.setAttribute('aria-labelledby', headingId);
      const h2 = document.createElement('h2');
      h2.id = headingId;
      h2.textContent = name;
      section.append(h2);
      if (group) {
        const p = document.createElement('p');
        p.className = 'measure-group__summary';
        p.textContent = summaryText(group);
        section.append(p);
      }
      const holder = document.createElement('div');
      holder.dataset.group = key || 'ohne';
      section.append(holder);
      createTable(holder, concept, { caption: `Maßnahmen im Handlungsfeld ${name}`, groups: true }).append(nested(members));
      sections.push(section);
    }
    return sections;
  }

  /* ---- messages ------------------------------------------------------ */

  function showEmpty(forConcept) {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = summaryOfFilters()
      ? `Keine Maßnahme des Integrationskonzepts „${forConcept.title}“ passt zu diesen Filtern.`
      : `Das Integrationskonzept „${forConcept.title}“ enthält noch keine Maßnahmen, die Sie sehen können.`;
    el.list.replaceChildren(p);
    el.live.textContent = 'Keine Maßnahmen gefunden.';
  }

  function showNoConcept() {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = `Für ${selectedText(el.municipality, state.ags)} ist noch kein Integrationskonzept erfasst, das Sie sehen können.`;
    el.list.replaceChildren(p);
    el.live.textContent = 'Keine Maßnahmen gefunden.';
  }

  function showLoadError(err, isFirstPage) {
    el.alert.replaceChildren(noticeBox(
      isFirstPage ? 'Die Maßnahmen konnten nicht geladen werden.' : 'Weitere Maßnahmen konnten nicht geladen werden.',
      problemText(err, {
        notFound: 'Die Kommune oder das Integrationskonzept wurde nicht gefunden, oder Sie haben dort keine Rolle.',
      }),
    ));
    el.live.textContent = '';
  }

  function showChoicesError(err) {
    el.concept.replaceChildren(new Option('Die Integrationskonzepte konnten nicht geladen werden', ''));
    el.alert.replaceChildren(noticeBox(
      'Die Integrationskonzepte und Handlungsfelder der Kommune konnten nicht geladen werden.',
      problemText(err, { notFound: 'In dieser Kommune haben Sie keine Rolle.' }),
    ));
    el.live.textContent = '';
    el.list.replaceChildren(retryButton(() => view.show({ params: new URLSearchParams({ kommune: el.municipality.value }) })));
  }

  const view = {
    async show({ params }) {
      const person = currentPerson();
      const filters = filtersFromParams(params);
      reset();
      const generation = state.generation;

      let options = memberMunicipalities(person);
      if (person?.district_admin) {
        try {
          options = await loadAllMunicipalities();
        } catch {
          /* offers the own Kommunen only */
        }
        if (generation !== state.generation) return;
      }
      el.municipality.replaceChildren(...options.map((m) => new Option(m.name, m.ags)));
      const known = (a) => a && options.some((m) => m.ags === a);
      el.live.textContent = 'Maßnahmen werden geladen …';
      let ags = [filters.kommune, state.ags].find(known);
      let concepts = null;
      if (!ags) {
        const found = await defaultMunicipality(options, () => generation !== state.generation);
        if (generation !== state.generation) return;
        ags = found?.ags;
        concepts = found?.concepts ?? null;
      }
      if (!ags) {
        el.live.textContent = '';
        el.list.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      el.municipality.value = ags;

      try {
        const fresh = await loadChoices(ags, filters.konzept, concepts);
        if (!fresh || generation !== state.generation) return;
      } catch (err) {
        if (generation !== state.generation) return;
        showChoicesError(err);
        return;
      }
      const organisation = partnerOrganisation(person, ags);
      state.filters = { ...filters, kommune: ags, konzept: el.concept.value, meine: filters.meine && Boolean(organisation) };
      setForm(el, state.filters);
      const active = [state.filters.handlungsfeld, state.filters.status, state.filters.horizont, state.filters.zielgruppe,
        state.filters.suche, state.filters.sachstand, state.filters.ohneSachstand, state.filters.ueberfaellig, state.filters.meine]
        .filter(Boolean).length;
      el.moreCount.textContent = active ? `(${active} aktiv)` : '';
      if (isFiltered(state.filters)) el.more.open = true;
      state.query = {
        ...apiQuery(state.filters, { organisationId: organisation?.id ?? null }),
        sort: state.filters.sortierung === 'geaendert' ? '-updated_at' : 'priority',
      };
      if (state.filters.ansicht === 'handlungsfelder') await loadGroups();
      else await list.load();
    },
  };
  return view;
}

/* The person's organisation as a partner in the Kommune, or null. */
function partnerOrganisation(person, ags) {
  const m = (person?.memberships ?? []).find((x) => x.role === 'partner' && x.municipality?.ags === ags && x.organisation);
  return m ? m.organisation : null;
}

/* Parents in the order given, each followed by its Teilmaßnahmen of the same list. */
function nested(measures) {
  const ids = new Set(measures.map((m) => m.id));
  const children = new Map();
  for (const m of measures) {
    if (m.parent_id && ids.has(m.parent_id)) {
      if (!children.has(m.parent_id)) children.set(m.parent_id, []);
      children.get(m.parent_id).push(m);
    }
  }
  const out = [];
  const add = (m) => {
    out.push(m);
    for (const c of children.get(m.id) ?? []) add(c);
  };
  for (const m of measures) if (!(m.parent_id && ids.has(m.parent_id))) add(m);
  return out;
}

/* "5 Maßnahmen · mittlerer Fortschritt 40,0 % · letzter Sachstand: 1 verzögert, 2 ohne · 1 überfällig" */
function summaryText(s) {
  const parts = [s.count === 1 ? '1 Maßnahme' : `${formatInteger(s.count)} Maßnahmen`];
  parts.push(s.mean_progress == null ? 'mittlerer Fortschritt: keine Angabe' : `mittlerer Fortschritt ${formatPercent(s.mean_progress)}`);
  const words = {
    on_track: 'im Plan', delayed: 'verzögert', at_risk: 'gefährdet', completed: 'abgeschlossen', none: 'ohne Sachstand',
  };
  const reports = REPORT_CODES.filter((c) => s.report_status?.[c]).map((c) => `${formatInteger(s.report_status[c])} ${words[c]}`);
  if (reports.length) parts.push(`letzter Sachstand: ${reports.join(', ')}`);
  parts.push(`${formatInteger(s.overdue ?? 0)} überfällig`);
  return parts.join(' · ');
}

function summaryBox(total) {
  const p = document.createElement('p');
  p.className = 'measure-summary';
  const strong = document.createElement('strong');
  strong.textContent = 'Insgesamt: ';
  p.append(strong, summaryText(total));
  return p;
}

function selectedText(select, value) {
  return [...select.options].find((o) => o.value === value)?.textContent ?? value;
}

function countText(n, adjective = '') {
  return n === 1 ? `1 ${adjective}Maßnahme geladen.` : `${formatInteger(n)} ${adjective}Maßnahmen geladen.`;
}
