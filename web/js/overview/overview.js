/*
 * overview.js: the view „Übersicht“ (/#/uebersicht?kommune=AGS&seit=YYYY-MM-DD),
 * the steering group's and officers' landing page: the state of the
 * Maßnahmenkatalog of a Kommune, its Kennzahlen, what is up for decision,
 * what changed since the last meeting and the meetings, each a tile
 * (tiles/index.js) drawn from one GET …/overview. The meeting handout:
 * „Sitzungsunterlage drucken“ prints this page (print styles in
 * style.css), „Als CSV herunterladen (Excel)“ the API's CSV.
 *
 * The Kommune: the one in the address, else the catalogue's default
 * (shared/municipality-choice.js); officers and the steering group choose
 * among theirs, district admins among all.
 */

import { TILES } from './tiles/index.js';
import { sinceText } from './tiles/changes.js';
import { authRequest, loadAllMunicipalities } from '../shared/api.js';
import { accountMunicipalities } from '../shared/roles.js';
import { currentPerson } from '../shared/session.js';
import { defaultMunicipality, rememberMunicipality } from '../shared/municipality-choice.js';
import { downloadCsv, handoutControls, printHandout, setPrintPage } from '../shared/handout.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { formatDateTime } from '../shared/format.js';
import { retryButton } from '../shared/ui.js';

const AGS = /^\d{8}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,19}$/;

export function createOverviewView() {
  const el = {
    title: document.getElementById('uebersicht-titel'),
    lead: document.getElementById('uebersicht-untertitel'),
    choose: document.getElementById('uebersicht-wahl'),
    select: document.getElementById('uebersicht-kommune'),
    actions: document.getElementById('uebersicht-unterlage'),
    live: document.getElementById('uebersicht-status'),
    alert: document.getElementById('uebersicht-fehler'),
    tiles: document.getElementById('uebersicht-kacheln'),
  };
  const state = {
    generation: 0, person: null, ags: null, name: '', since: null, concept: null, overview: null, options: null,
  };

  el.actions.replaceChildren(handoutControls({
    id: 'uebersicht-unterlage',
    print: (orientation) => printHandout(`Sitzungsunterlage · ${state.name}`, { orientation }),
    csv: () => downloadCsv(`municipalities/${encodeURIComponent(state.ags)}/overview`, query(),
      `uebersicht-${state.ags}.csv`),
  }));

  el.choose.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!el.select.value) return;
    rememberMunicipality(el.select.value);
    go({ kommune: el.select.value, seit: null });
  });

  function query() {
    return { since: state.since ?? undefined, concept_id: state.concept ?? undefined };
  }

  /* A new address for the view (main.js shows it): kommune, seit, konzept. */
  function go(changes) {
    const params = { kommune: state.ags, seit: state.since, konzept: state.concept, ...changes };
    const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
    const hash = `#/uebersicht?${qs}`;
    if (hash === window.location.hash) load();
    else window.location.hash = hash;
  }

  async function options(generation) {
    const person = currentPerson();
    let list = accountMunicipalities(person).sort((a, b) => a.name.localeCompare(b.name, 'de'));
    if (person?.district_admin) {
      try {
        list = await loadAllMunicipalities();
      } catch {
        /* the own Kommunen only */
      }
    }
    if (generation !== state.generation) return null;
    return list;
  }

  async function load() {
    const generation = ++state.generation;
    el.alert.replaceChildren();
    el.tiles.setAttribute('aria-busy', 'true');
    el.live.textContent = 'Die Übersicht wird geladen …';
    try {
      const { body } = await authRequest('GET', `municipalities/${encodeURIComponent(state.ags)}/overview`, { params: query() });
      if (generation !== state.generation) return;
      state.overview = body;
      state.name = body.municipality?.name ?? state.name;
      render(body);
      el.live.textContent = `Übersicht für ${state.name} geladen, Änderungen ${sinceText(body)}.`;
    } catch (err) {
      if (generation !== state.generation) return;
      el.live.textContent = '';
      el.tiles.replaceChildren(retryButton(load));
      el.alert.replaceChildren(noticeBox('Die Übersicht konnte nicht geladen werden.', problemText(err, {
        notFound: 'Diese Kommune gibt es nicht, oder Sie haben dort keine Rolle.',
      })));
    } finally {
      if (generation === state.generation) el.tiles.removeAttribute('aria-busy');
    }
  }

  function render(overview) {
    el.title.textContent = `Übersicht: ${state.name}`;
    // Only while shown: the answer may come after the person went on to another view.
    if (!el.title.closest('section').hidden) document.title = `Übersicht ${state.name} – Teilhabe`;
    const parts = [];
    if (overview.concept) parts.push(`Integrationskonzept „${overview.concept.title}“, Version ${overview.concept.version}`);
    if (overview.generated_at) parts.push(`Stand: ${formatDateTime(overview.generated_at)}`);
    el.lead.textContent = parts.join(' · ');
    setPrintPage(`Sitzungsunterlage · ${state.name}`);
    const ctx = {
      ags: state.ags,
      name: state.name,
      setSince: (day) => go({ seit: day }),
    };
    const sections = [];
    for (const tile of TILES) {
      const content = tile.render(overview, ctx);
      if (!content) continue;
      const section = document.createElement('section');
      section.className = `tile tile--${tile.id}`;
      section.id = `uebersicht-kachel-${tile.id}`;
      const h2 = document.createElement('h2');
      h2.id = `uebersicht-kachel-${tile.id}-titel`;
      h2.textContent = tile.title;
      section.setAttribute('aria-labelledby', h2.id);
      section.append(h2, content);
      sections.push(section);
    }
    el.tiles.replaceChildren(...sections);
  }

  return {
    async show({ params }) {
      const generation = ++state.generation;
      el.title.textContent = 'Übersicht';
      el.lead.textContent = '';
      el.alert.replaceChildren();
      el.tiles.replaceChildren();
      el.live.textContent = 'Die Übersicht wird geladen …';
      if (state.person !== currentPerson()?.id) state.options = null;
      state.person = currentPerson()?.id ?? null;
      state.options ??= await options(generation);
      if (generation !== state.generation || !state.options) return;
      el.select.replaceChildren(...state.options.map((m) => new Option(m.name, m.ags)));
      el.choose.hidden = state.options.length < 2;
      const wanted = params.get('kommune') ?? '';
      let ags = AGS.test(wanted) && state.options.some((m) => m.ags === wanted) ? wanted : null;
      if (!ags) {
        const found = await defaultMunicipality(state.options, () => generation !== state.generation);
        if (generation !== state.generation) return;
        ags = found?.ags ?? null;
      }
      if (!ags) {
        el.live.textContent = '';
        el.tiles.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle, deren Übersicht Sie sehen.', null, null));
        return;
      }
      el.select.value = ags;
      state.ags = ags;
      state.name = state.options.find((m) => m.ags === ags)?.name ?? ags;
      el.title.textContent = `Übersicht: ${state.name}`;
      const since = params.get('seit') ?? '';
      state.since = DAY.test(since) ? since : null;
      const concept = params.get('konzept') ?? '';
      state.concept = ID.test(concept) ? concept : null;
      await load();
    },
  };
}
