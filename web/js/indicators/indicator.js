/*
 * indicator.js: the page of one Kennzahl (/#/kommunen/{ags}/kennzahlen/{id}):
 * its definition, baseline, target, latest value, trend and status; the
 * chart of its Messwerte (chart.js) with the data table beside it, for the
 * breakdown chosen (insgesamt, or by sex, age group or citizenship group);
 * and „Messwert erfassen“ for those who may record values
 * (observation-form.js). After a value is saved, the page reads the
 * Kennzahl and its Messwerte again and shows the new value's breakdown.
 */

import {
  INDICATOR_STATUS, SOURCE_SET, TREND, VISIBILITY, label,
} from '../catalogue/terms.js';
import { DIRECTION } from './terms.js';
import {
  TOTAL, AT_RISK_TOLERANCE, ON_TRACK_TOLERANCE, breakdownDimension, breakdownKey, breakdownText, groupByBreakdown,
  targetLine,
} from './series.js';
import { indicatorsHref, valueText } from './links.js';
import { badge, missing } from '../shared/ui.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { authRequest, getAll } from '../shared/api.js';
import { createObservationForm } from './observation-form.js';
import { currentPerson } from '../shared/session.js';
import { drawChart } from './chart.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';

const NOT_FOUND = 'Die Kennzahl wurde nicht gefunden. Vielleicht ist sie für Sie nicht sichtbar, oder der Link ist unvollständig.';

/**
 * Whether the person may record values of the indicator, by the API's rule:
 * district admins and Integrationsbeauftragte of the Kommune; partners whose
 * organisation leads or supports a measure linked to the indicator.
 */
async function mayRecord(person, ags, indicator) {
  if (!person || person.kind !== 'account') return false;
  if (person.district_admin) return true;
  const here = (person.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  if (here.some((m) => m.role === 'officer')) return true;
  const orgs = new Set(here.filter((m) => m.role === 'partner' && m.organisation).map((m) => m.organisation.id));
  if (orgs.size === 0) return false;
  for (const id of indicator.measure_ids ?? []) {
    try {
      const { body: m } = await authRequest('GET', `municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(id)}`);
      const involved = [m.lead_organisation?.id, ...(m.partner_organisations ?? []).map((o) => o.id)];
      if (involved.some((o) => orgs.has(o))) return true;
    } catch (err) {
      if (err?.status !== 404) throw err; // a measure the partner does not see
    }
  }
  return false;
}

export function createIndicatorView() {
  const el = {
    back: document.getElementById('kennzahl-zurueck'),
    title: document.getElementById('kennzahl-titel'),
    live: document.getElementById('kennzahl-status'),
    alert: document.getElementById('kennzahl-fehler'),
    content: document.getElementById('kennzahl-inhalt'),
    facts: document.getElementById('kennzahl-angaben'),
    breakdown: document.getElementById('kennzahl-aufschluesselung'),
    chartTitle: document.getElementById('kennzahl-diagramm-titel'),
    chart: document.getElementById('kennzahl-diagramm'),
    legend: document.getElementById('kennzahl-legende'),
    table: document.getElementById('kennzahl-tabelle'),
    saved: document.getElementById('messwert-gespeichert'),
  };
  const state = {
    ags: null, id: null, indicator: null, groups: new Map(), key: TOTAL, chart: null, generation: 0,
  };

  const form = createObservationForm({
    context: () => state,
    async onSaved(o) {
      const generation = state.generation;
      const what = `Der Messwert ${valueText(o.value, state.indicator.unit)} zum ${formatDate(o.period_end)} `
        + `(${breakdownText(breakdownKey(o))}) ist gespeichert`;
      el.saved.textContent = `${what}.`;
      try {
        await loadData();
        if (generation !== state.generation) return;
        state.key = breakdownKey(o);
        renderAll();
        el.saved.textContent = `${what} und steht in der Tabelle der Messwerte.`;
      } catch (err) {
        el.alert.replaceChildren(noticeBox('Die Kennzahl konnte nicht neu geladen werden.', problemText(err)));
      }
    },
  });

  el.breakdown.addEventListener('change', () => {
    state.key = el.breakdown.value;
    renderSeries();
  });

  async function loadData() {
    const base = `municipalities/${encodeURIComponent(state.ags)}/indicators/${encodeURIComponent(state.id)}`;
    const [indicator, observations] = await Promise.all([
      authRequest('GET', base, { cache: 'no-cache' }),
      getAll(`${base}/observations`, { auth: true }),
    ]);
    state.indicator = indicator.body;
    state.groups = groupByBreakdown(observations);
  }

  async function load() {
    const generation = ++state.generation;
    state.chart?.destroy();
    state.chart = null;
    el.content.hidden = true;
    el.alert.replaceChildren();
    el.saved.textContent = '';
    el.title.textContent = 'Kennzahl';
    el.back.href = indicatorsHref(state.ags);
    el.live.textContent = 'Kennzahl wird geladen …';
    form.reset();
    try {
      await loadData();
      if (generation !== state.generation) return;
      const may = await mayRecord(currentPerson(), state.ags, state.indicator);
      if (generation !== state.generation) return;
      state.key = TOTAL;
      el.content.hidden = false;
      renderAll();
      form.update(state.indicator, may);
      el.live.textContent = '';
    } catch (err) {
      if (generation !== state.generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Kennzahl konnte nicht geladen werden.', problemText(err, { notFound: NOT_FOUND })));
    }
  }

  function renderAll() {
    const k = state.indicator;
    el.title.textContent = k.name;
    document.title = `${k.name} – Teilhabe`;
    renderFacts(k);
    renderChoices();
    renderSeries();
  }

  function renderFacts(k) {
    const dl = el.facts;
    dl.replaceChildren();
    const add = (term, ...value) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      const given = value.filter((v) => v != null && v !== '');
      if (given.length === 0) dd.append(missing());
      else dd.append(...given);
      div.append(dt, dd);
      dl.append(div);
    };
    const dated = (value, date) => (value == null ? null
      : `${valueText(value, k.unit)}${date ? ` (${formatDate(date)})` : ''}`);
    const status = k.status ?? 'no_data';
    add('Stand', badge(label(INDICATOR_STATUS, status), status));
    add('Letzter Wert', k.latest ? dated(k.latest.value, k.latest.period_end) : null);
    add('Trend', k.trend ? label(TREND, k.trend) : null);
    add('Ausgangswert', dated(k.baseline_value, k.baseline_date));
    add('Zielwert', dated(k.target_value, k.target_date));
    add('Richtung', label(DIRECTION, k.direction));
    add('Einheit', k.unit);
    add('Zähler', k.numerator);
    add('Nenner', k.denominator);
    add('Herkunft', label(SOURCE_SET, k.source_set));
    add('Definition', k.definition);
    add('Sichtbarkeit', label(VISIBILITY, k.visibility));
  }

  /* The breakdowns as choices: Insgesamt, then grouped by dimension. */
  function renderChoices() {
    if (!state.groups.has(state.key)) state.key = state.groups.has(TOTAL) ? TOTAL : state.groups.keys().next().value ?? TOTAL;
    const options = [];
    const groups = new Map();
    for (const key of state.groups.keys()) {
      const option = new Option(`${breakdownText(key)} (${state.groups.get(key).length})`, key);
      const dim = breakdownDimension(key);
      if (!dim) {
        options.push(option);
        continue;
      }
      if (!groups.has(dim)) {
        const og = document.createElement('optgroup');
        og.label = dim;
        groups.set(dim, og);
        options.push(og);
      }
      groups.get(dim).append(option);
    }
    if (options.length === 0) options.push(new Option('Insgesamt (0)', TOTAL));
    el.breakdown.replaceChildren(...options);
    el.breakdown.value = state.key;
  }

  async function renderSeries() {
    const k = state.indicator;
    const generation = state.generation;
    const key = state.key;
    const observations = state.groups.get(key) ?? [];
    const line = key === TOTAL ? targetLine(k) : null;
    const what = breakdownText(key);
    el.chartTitle.textContent = `Verlauf: ${k.name} – ${what}`;
    el.table.replaceChildren(dataTable(k, what, observations, line));
    const range = observations.length
      ? ` von ${formatDate(observations[0].period_end)} bis ${formatDate(observations[observations.length - 1].period_end)}`
      : '';
    el.chart.setAttribute('aria-label', `Liniendiagramm: ${observations.length} Messwerte (${what})${range}`
      + `${line ? ', mit Zielpfad vom Ausgangswert zum Zielwert' : ''}. Die Zahlen stehen in der Tabelle „Messwerte“.`);
    state.chart?.destroy();
    state.chart = null;
    try {
      const chart = await drawChart(el.chart, { observations, line, indicator: k, numberText: formatNumber });
      if (generation !== state.generation || key !== state.key) {
        chart.destroy();
        return;
      }
      state.chart?.destroy();
      state.chart = chart;
      el.legend.replaceChildren(chart.legend);
    } catch (err) {
      el.chart.replaceChildren(noticeBox('Das Diagramm konnte nicht gezeichnet werden.', `${err.message} Die Werte stehen in der Tabelle.`));
      el.legend.replaceChildren();
    }
  }

  return {
    show({ args }) {
      state.ags = args.ags;
      state.id = args.id;
      load();
    },
  };
}

/* The chart's numbers as a table: one row per Messwert, oldest first. */
function dataTable(k, what, observations, line) {
  const wrap = document.createElement('div');
  wrap.className = 'table-scroll';
  // Scrolls sideways on small screens: reachable by keyboard, named.
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-labelledby', 'kennzahl-messwerte-titel');
  const table = document.createElement('table');
  table.className = 'data-table';
  table.id = 'kennzahl-messwerte';
  const caption = table.createCaption();
  const inner = document.createElement('span');
  inner.className = 'caption-inner';
  const title = document.createElement('span');
  title.id = 'kennzahl-messwerte-titel';
  title.textContent = `Messwerte – ${what}`;
  inner.append(title);
  const note = document.createElement('span');
  note.className = 'caption-note';
  note.textContent = line
    ? `In ${k.unit || 'der Einheit der Kennzahl'}. Zielpfad: der Wert, den die Gerade vom Ausgangswert zum Zielwert am Stichtag erwartet; `
      + `unter der Grenze „im Plan“ ist der Stand „gefährdet“, unter der Grenze „gefährdet“ „nicht im Plan“.`
    : `In ${k.unit || 'der Einheit der Kennzahl'}.`;
  inner.append(note);
  caption.append(inner);
  const cols = [['Stichtag'], ['Zeitraum ab'], ['Wert', 'num']];
  if (line) cols.push(['Zielpfad', 'num'], ['Grenze „im Plan“', 'num'], ['Grenze „gefährdet“', 'num']);
  cols.push(['Zeitreihenbruch'], ['Quelle']);
  const head = table.createTHead().insertRow();
  for (const [text, cls] of cols) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (cls) th.className = cls;
    head.append(th);
  }
  const body = table.createTBody();
  if (observations.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = cols.length;
    cell.textContent = 'Es sind keine Messwerte erfasst.';
  }
  const num = (v) => (v == null ? missing() : formatNumber(v));
  const inLine = (d) => line && d >= line.from && d <= line.to;
  for (const o of observations) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = formatDate(o.period_end);
    row.append(th);
    const start = row.insertCell();
    if (o.period_start) start.textContent = formatDate(o.period_start);
    else start.append(missing());
    const cells = [o.value];
    if (line) {
      cells.push(...(inLine(o.period_end)
        ? [line.expected(o.period_end), line.limit(o.period_end, ON_TRACK_TOLERANCE), line.limit(o.period_end, AT_RISK_TOLERANCE)]
        : [null, null, null]));
    }
    for (const v of cells) {
      const td = row.insertCell();
      td.className = 'num';
      td.append(num(v));
    }
    row.insertCell().textContent = o.series_break ? 'ja' : 'nein';
    const source = row.insertCell();
    if (o.source) source.textContent = o.source;
    else source.append(missing());
  }
  wrap.append(table);
  return wrap;
}
