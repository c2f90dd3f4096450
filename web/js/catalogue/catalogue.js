/*
 * catalogue.js: the view "Maßnahmenkatalog" (/#/katalog). The measures of
 * one Integrationskonzept of a Kommune (by default the adopted one), page by
 * page (keyset cursor) in priority order or by their last change, with
 * filters by Handlungsfeld, Status, Horizont, Zielgruppe and text. The
 * Kommune is one of the person's (district admins: any); the concept is
 * chosen among its versions, each shown with its status.
 * Fragment parameters: ?kommune=AGS, ?konzept=ID, ?limit= (page size 1..200).
 */

import { conceptStatusText, conceptText, measureHref } from './concept.js';
import {
  HORIZON, MEASURE_STATUS, TARGET_GROUP, label, termOptions,
} from './terms.js';
import { retryButton } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createMeasureTable } from './measure-table.js';
import { createPagedList } from '../shared/paged-list.js';
import { problemText } from '../shared/problems.js';
import { memberMunicipalities } from '../shared/roles.js';
import { getAll, getPage, loadAllMunicipalities } from '../shared/api.js';
import { currentPerson } from '../shared/session.js';

export function createCatalogueView() {
  const el = {
    filter: document.getElementById('katalog-filter'),
    municipality: document.getElementById('katalog-kommune'),
    concept: document.getElementById('katalog-konzept'),
    actionField: document.getElementById('katalog-handlungsfeld'),
    status: document.getElementById('katalog-status-filter'),
    horizon: document.getElementById('katalog-horizont'),
    targetGroup: document.getElementById('katalog-zielgruppe'),
    q: document.getElementById('katalog-suche'),
    sort: document.getElementById('katalog-sortierung'),
    publicLink: document.getElementById('katalog-oeffentlich'),
    live: document.getElementById('katalog-status'),
    alert: document.getElementById('katalog-fehler'),
    list: document.getElementById('katalog-liste'),
  };
  el.status.replaceChildren(...termOptions(MEASURE_STATUS, 'Alle Status'));
  el.horizon.replaceChildren(...termOptions(HORIZON, 'Alle Horizonte'));
  el.targetGroup.replaceChildren(...termOptions(TARGET_GROUP, 'Alle Zielgruppen'));

  const state = {
    ags: null,
    concepts: [],
    query: {}, // the filters of the list shown
    pageSize: undefined,
    generation: 0,
    choices: 0, // request counter of loadChoices()
  };
  let table = null;
  let concept = null; // the concept of the list shown
  const list = createPagedList({
    container: el.list,
    nouns: 'Maßnahmen',
    alert: el.alert,
    live: el.live,
    loadingText: 'Maßnahmen werden geladen …',
    ready() {
      concept = state.concepts.find((c) => c.id === state.query.concept_id);
      if (!concept) showNoConcept();
      return Boolean(concept);
    },
    fetchPage: (cursor) => getPage(`municipalities/${encodeURIComponent(state.ags)}/measures`, {
      params: { ...state.query, limit: state.pageSize },
      cursor,
      auth: true,
    }),
    show(items, isFirstPage) {
      if (isFirstPage) createTable(concept);
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
  const load = list.load;

  el.municipality.addEventListener('change', async () => {
    el.alert.replaceChildren();
    try {
      await loadChoices(el.municipality.value, null);
    } catch (err) {
      showChoicesError(err);
    }
  });

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!state.ags || el.municipality.value !== state.ags) {
      el.live.textContent = 'Die Integrationskonzepte der Kommune werden noch geladen. Bitte versuchen Sie es gleich noch einmal.';
      return;
    }
    applyFilters();
    reset();
    load();
  });

  function applyFilters() {
    state.query = {
      concept_id: el.concept.value || undefined,
      action_field_id: el.actionField.value || undefined,
      status: el.status.value || undefined,
      horizon: el.horizon.value || undefined,
      target_group: el.targetGroup.value || undefined,
      q: el.q.value.trim() || undefined,
      sort: el.sort.value === '-updated_at' ? '-updated_at' : 'priority',
    };
  }

  /* The concepts and the Handlungsfelder of the Kommune, as options. */
  async function loadChoices(ags, wantedConcept) {
    const request = ++state.choices;
    const keepConcept = state.ags === ags ? el.concept.value || state.query.concept_id : null;
    const keepField = state.ags === ags ? el.actionField.value : '';
    el.concept.replaceChildren(new Option('Integrationskonzepte werden geladen …', ''));
    const base = `municipalities/${encodeURIComponent(ags)}`;
    const [concepts, fields] = await Promise.all([
      getAll(`${base}/concepts`, { auth: true }),
      getAll(`${base}/action-fields`, { auth: true }),
    ]);
    if (request !== state.choices) return false;
    state.ags = ags;
    state.concepts = concepts.sort((a, b) => b.version - a.version);

    el.concept.replaceChildren(...(state.concepts.length
      ? state.concepts.map((c) => new Option(conceptText(c), c.id))
      : [new Option('Noch kein Integrationskonzept erfasst', '')]));
    const adopted = state.concepts.find((c) => c.status === 'adopted');
    const pick = [wantedConcept, keepConcept, adopted?.id, state.concepts[0]?.id]
      .find((id) => id && state.concepts.some((c) => c.id === id));
    el.concept.value = pick ?? '';

    el.actionField.replaceChildren(new Option('Alle Handlungsfelder', ''), ...fields.map((f) => new Option(f.name, f.id)));
    el.actionField.value = fields.some((f) => f.id === keepField) ? keepField : '';

    el.publicLink.href = `/#/oeffentlich/${encodeURIComponent(ags)}`;
    el.publicLink.textContent = `Öffentliche Seite von ${selectedText(el.municipality, ags)}`;
    return true;
  }

  function reset() {
    state.generation += 1;
    table = null;
    list.reset();
  }

  function createTable(concept) {
    const notes = [`Version ${concept.version}, ${conceptStatusText(concept)}`];
    notes.push(state.query.sort === '-updated_at' ? 'zuletzt geänderte zuerst' : 'nach Priorität (Rang 1 zuerst)');
    const filters = filterSummary();
    if (filters) notes.push(filters);
    const ags = state.ags;
    table = createMeasureTable(el.list, {
      id: 'katalog-tabelle',
      caption: `Maßnahmen: ${concept.title}`,
      note: notes.join(' · '),
      href: (m) => measureHref(ags, m.id),
      updated: state.query.sort === '-updated_at',
    });
  }

  function filterSummary() {
    const parts = [];
    const f = state.query;
    if (f.action_field_id) parts.push(`Handlungsfeld: ${selectedText(el.actionField, f.action_field_id)}`);
    if (f.status) parts.push(`Status: ${label(MEASURE_STATUS, f.status)}`);
    if (f.horizon) parts.push(`Horizont: ${label(HORIZON, f.horizon)}`);
    if (f.target_group) parts.push(`Zielgruppe: ${label(TARGET_GROUP, f.target_group)}`);
    if (f.q) parts.push(`Suche: „${f.q}“`);
    return parts.length ? `gefiltert – ${parts.join(', ')}` : '';
  }

  function showEmpty(concept) {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = filterSummary()
      ? `Keine Maßnahme des Integrationskonzepts „${concept.title}“ passt zu diesen Filtern.`
      : `Das Integrationskonzept „${concept.title}“ enthält noch keine Maßnahmen, die Sie sehen können.`;
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
      const n = Number.parseInt(params.get('limit') ?? '', 10);
      state.pageSize = Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
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
      const wanted = params.get('kommune');
      const ags = [wanted, state.ags, options[0]?.ags].find((a) => a && options.some((m) => m.ags === a));
      el.municipality.replaceChildren(...options.map((m) => new Option(m.name, m.ags)));
      if (!ags) {
        el.live.textContent = '';
        el.list.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      el.municipality.value = ags;

      el.live.textContent = 'Maßnahmen werden geladen …';
      try {
        const fresh = await loadChoices(ags, params.get('konzept'));
        if (!fresh || generation !== state.generation) return;
      } catch (err) {
        if (generation !== state.generation) return;
        showChoicesError(err);
        return;
      }
      applyFilters();
      await load();
    },
  };
  return view;
}

function selectedText(select, value) {
  return [...select.options].find((o) => o.value === value)?.textContent ?? value;
}

function countText(n, adjective = '') {
  return n === 1 ? `1 ${adjective}Maßnahme geladen.` : `${formatInteger(n)} ${adjective}Maßnahmen geladen.`;
}
