/*
 * indicators.js: the Kennzahlen of a Kommune (/#/kommunen/{ags}/kennzahlen)
 * for signed-in people: every indicator the person may see (the API and
 * its row-level security decide: internal ones for the administration and
 * steering group, those for partners and the public ones), each with its
 * latest value, trend and status in words. /#/kennzahlen opens the list of
 * the Kommune shown last in this tab, else the person's first (by name);
 * the form above the list switches the Kommune (shown when there are two
 * or more: district admins choose from every Kommune).
 */

import { INDICATOR_STATUS, TREND, VISIBILITY, label } from '../catalogue/terms.js';
import { badge, missing, retryButton } from '../shared/ui.js';
import { indicatorHref, valueText } from './links.js';
import { formatDate } from '../shared/format.js';
import { getAll, loadAllMunicipalities } from '../shared/api.js';
import { currentPerson } from '../shared/session.js';
import { memberMunicipalities } from '../shared/roles.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';

/* The Kommune whose Kennzahlen were shown last (this tab). */
const LAST_KEY = 'teilhabe.kennzahlen.kommune';

/* The Kommunen to choose from: the person's, or every one for district admins. */
async function choosableMunicipalities(person) {
  return person?.district_admin ? loadAllMunicipalities() : memberMunicipalities(person);
}

export function createIndicatorsView() {
  const el = {
    title: document.getElementById('kennzahlen-titel'),
    choose: document.getElementById('kennzahlen-wahl'),
    select: document.getElementById('kennzahlen-kommune'),
    live: document.getElementById('kennzahlen-status'),
    alert: document.getElementById('kennzahlen-fehler'),
    list: document.getElementById('kennzahlen-liste'),
  };
  const state = { ags: null, generation: 0, municipalities: null };

  el.choose.addEventListener('submit', (event) => {
    event.preventDefault();
    if (el.select.value) window.location.hash = `#/kommunen/${el.select.value}/kennzahlen`;
  });

  async function fillChoice() {
    state.municipalities ??= await choosableMunicipalities(currentPerson());
    el.select.replaceChildren(...state.municipalities.map((m) => new Option(m.name, m.ags)));
    el.choose.hidden = state.municipalities.length < 2;
  }

  async function load() {
    const generation = ++state.generation;
    const ags = state.ags;
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.list.setAttribute('aria-busy', 'true');
    el.live.textContent = 'Kennzahlen werden geladen …';
    try {
      await fillChoice();
      if (generation !== state.generation) return;
      if (!ags) {
        // /#/kennzahlen: the Kommune chosen last in this tab, else the first.
        const last = sessionStorage.getItem(LAST_KEY);
        const first = state.municipalities.find((m) => m.ags === last) ?? state.municipalities[0];
        if (first) window.location.replace(`#/kommunen/${first.ags}/kennzahlen`);
        else el.live.textContent = 'Sie haben keine Rolle in einer Kommune.';
        return;
      }
      el.select.value = ags;
      sessionStorage.setItem(LAST_KEY, ags);
      const name = state.municipalities.find((m) => m.ags === ags)?.name ?? ags;
      el.title.textContent = `Kennzahlen: ${name}`;
      document.title = `Kennzahlen ${name} – Teilhabe`;
      const items = await getAll(`municipalities/${encodeURIComponent(ags)}/indicators`, { auth: true });
      if (generation !== state.generation) return;
      if (items.length === 0) {
        el.live.textContent = `Für ${name} sind keine Kennzahlen erfasst, die Sie sehen können.`;
        return;
      }
      el.list.replaceChildren(indicatorTable(ags, name, items));
      el.live.textContent = `${items.length === 1 ? 'Eine Kennzahl' : `${items.length} Kennzahlen`} geladen.`;
    } catch (err) {
      if (generation !== state.generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Kennzahlen konnten nicht geladen werden.', problemText(err, {
        notFound: 'Diese Kommune gibt es nicht, oder Sie haben dort keine Rolle.',
      })));
      el.list.replaceChildren(retryButton(load));
    } finally {
      if (generation === state.generation) el.list.removeAttribute('aria-busy');
    }
  }

  return {
    show({ args }) {
      state.ags = args.ags ?? null;
      el.title.textContent = 'Kennzahlen';
      load();
    },
  };
}

function indicatorTable(ags, name, items) {
  const wrap = document.createElement('div');
  wrap.className = 'table-scroll';
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-labelledby', 'kennzahlen-tabelle-titel');
  const table = document.createElement('table');
  table.className = 'data-table';
  const caption = table.createCaption();
  caption.id = 'kennzahlen-tabelle-titel';
  caption.textContent = `Kennzahlen von ${name}`;
  const head = table.createTHead().insertRow();
  for (const [text, cls] of [['Kennzahl'], ['Letzter Wert', 'num'], ['Zielwert', 'num'], ['Trend'], ['Stand'], ['Sichtbarkeit']]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (cls) th.className = cls;
    head.append(th);
  }
  const body = table.createTBody();
  for (const k of items) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    const link = document.createElement('a');
    link.href = indicatorHref(ags, k.id);
    link.textContent = k.name;
    th.append(link);
    row.append(th);
    const latest = row.insertCell();
    latest.className = 'num';
    if (k.latest) {
      latest.append(valueText(k.latest.value, k.unit));
      const note = document.createElement('span');
      note.className = 'cell-note';
      note.textContent = formatDate(k.latest.period_end);
      latest.append(document.createElement('br'), note);
    } else {
      latest.append(missing());
    }
    const target = row.insertCell();
    target.className = 'num';
    if (k.target_value != null) {
      target.append(valueText(k.target_value, k.unit));
      if (k.target_date) {
        const note = document.createElement('span');
        note.className = 'cell-note';
        note.textContent = `bis ${formatDate(k.target_date)}`;
        target.append(document.createElement('br'), note);
      }
    } else {
      target.append(missing());
    }
    const trend = row.insertCell();
    if (k.trend) trend.textContent = label(TREND, k.trend);
    else trend.append(missing());
    const status = k.status ?? 'no_data';
    row.insertCell().append(badge(label(INDICATOR_STATUS, status), status));
    row.insertCell().textContent = label(VISIBILITY, k.visibility);
  }
  wrap.append(table);
  return wrap;
}
