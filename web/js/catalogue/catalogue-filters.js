/*
 * catalogue-filters.js: the filters of the Maßnahmenkatalog as one value,
 * between the address (#/katalog?…, so a list can be bookmarked, shared
 * and reached with the back button), the filter form and the API's query.
 *
 * Fragment parameters (all optional):
 *   kommune=AGS  konzept=ID  handlungsfeld=ID  horizont=CODE
 *   status=CODE[,CODE]    one status, or several (the Übersicht's „ohne
 *                         Sachstand“: geplant oder in Umsetzung)
 *   zielgruppe=CODE  suche=TEXT  sortierung=geaendert
 *   sachstand=CODE,CODE   the latest Sachstand (on_track, delayed, at_risk,
 *                         completed, none = kein Sachstand)
 *   ohne-sachstand=N      no Sachstand for N months (or none at all)
 *   ueberfaellig=1        planned end passed, not completed or dropped
 *   meine=1               partners: the measures their organisation leads
 *                         or supports („Meine Maßnahmen“)
 *   ansicht=handlungsfelder  grouped by Handlungsfeld
 *   limit=N               page size of the list, 1..200
 * Values that make no sense are dropped, so an edited address still shows
 * a list.
 */

import {
  HORIZON, MEASURE_STATUS, REPORT_STATUS, TARGET_GROUP, label,
} from './terms.js';

/** The latest Sachstand of a measure, or "none": the signal's words. */
export const NO_REPORT_TEXT = 'kein Sachstand';
export const REPORT_CODES = [...Object.keys(REPORT_STATUS), 'none'];

export function reportText(code) {
  return code === 'none' || code == null ? NO_REPORT_TEXT : label(REPORT_STATUS, code);
}

/* The choices of „Letzter Sachstand“: value (codes, comma-separated) -> text. */
const REPORT_CHOICES = [
  ['', 'Alle'],
  ['delayed,at_risk', 'verzögert oder gefährdet'],
  ...Object.entries(REPORT_STATUS).map(([code, text]) => [code, text]),
  ['none', NO_REPORT_TEXT],
];

/* The statuses in which a measure is expected to report („ohne Sachstand“ of the Übersicht). */
export const STATUSES_WITH_REPORTS = 'planned,in_progress';

/* „ohne Sachstand seit N Monaten“: the choices, in months. */
export const NO_REPORT_MONTHS = [3, 6, 12, 24];

const ID = /^\d{1,19}$/;
const AGS = /^\d{8}$/;

/** The filters an address names. */
export function filtersFromParams(params) {
  const get = (key) => (params.get(key) ?? '').trim();
  const code = (key, terms) => (Object.hasOwn(terms, get(key)) ? get(key) : '');
  const id = (key) => (ID.test(get(key)) ? get(key) : '');
  const report = get('sachstand').split(',').filter((c) => REPORT_CODES.includes(c));
  const statuses = get('status').split(',').filter((c) => Object.hasOwn(MEASURE_STATUS, c));
  const months = Number.parseInt(get('ohne-sachstand'), 10);
  const limit = Number.parseInt(get('limit'), 10);
  return {
    kommune: AGS.test(get('kommune')) ? get('kommune') : '',
    konzept: id('konzept'),
    handlungsfeld: id('handlungsfeld'),
    status: [...new Set(statuses)].join(','),
    horizont: code('horizont', HORIZON),
    zielgruppe: code('zielgruppe', TARGET_GROUP),
    suche: get('suche').slice(0, 200),
    sortierung: get('sortierung') === 'geaendert' ? 'geaendert' : '',
    sachstand: [...new Set(report)].join(','),
    ohneSachstand: NO_REPORT_MONTHS.includes(months) ? months : 0,
    ueberfaellig: get('ueberfaellig') === '1',
    meine: get('meine') === '1',
    ansicht: get('ansicht') === 'handlungsfelder' ? 'handlungsfelder' : '',
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 200 ? limit : 0,
  };
}

/** The fragment of the catalogue showing these filters: "#/katalog?…". */
export function catalogueHash(f) {
  const p = new URLSearchParams();
  const put = (key, value) => {
    if (value) p.set(key, String(value));
  };
  put('kommune', f.kommune);
  put('konzept', f.konzept);
  put('ansicht', f.ansicht);
  put('meine', f.meine ? '1' : '');
  put('handlungsfeld', f.handlungsfeld);
  put('status', f.status);
  put('horizont', f.horizont);
  put('zielgruppe', f.zielgruppe);
  put('sachstand', f.sachstand);
  put('ohne-sachstand', f.ohneSachstand);
  put('ueberfaellig', f.ueberfaellig ? '1' : '');
  put('suche', f.suche);
  put('sortierung', f.sortierung);
  put('limit', f.limit);
  const qs = p.toString();
  return `#/katalog${qs ? `?${qs}` : ''}`;
}

/** The filters without any narrowing: Kommune, concept and page size stay. */
export function withoutFilters(f) {
  return filtersFromParams(new URLSearchParams({ kommune: f.kommune, konzept: f.konzept, limit: f.limit || '' }));
}

/** Whether anything narrows the list (the reset has something to do). */
export function isFiltered(f) {
  return Boolean(f.handlungsfeld || f.status || f.horizont || f.zielgruppe || f.suche || f.sachstand
    || f.ohneSachstand || f.ueberfaellig || f.meine);
}

/**
 * The API's query for the filters (GET …/measures and …/measure-summary).
 * @param {object} f the filters
 * @param {{organisationId?: string | null, today?: Date}} [context]
 *        organisationId: the partner's organisation here („Meine Maßnahmen“)
 */
export function apiQuery(f, { organisationId = null, today = new Date() } = {}) {
  const q = {
    concept_id: f.konzept || undefined,
    action_field_id: f.handlungsfeld || undefined,
    status: f.status || undefined,
    horizon: f.horizont || undefined,
    target_group: f.zielgruppe || undefined,
    q: f.suche || undefined,
    report_status: f.sachstand || undefined,
    no_report_since: f.ohneSachstand ? monthsBefore(today, f.ohneSachstand) : undefined,
    overdue: f.ueberfaellig ? 'true' : undefined,
    organisation_id: f.meine && organisationId ? organisationId : undefined,
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}

/* "YYYY-MM-DD" in Berlin, n months before the day (clamped to the month's end). */
export function monthsBefore(day, n) {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(day).split('-').map(Number);
  const total = y * 12 + (m - 1) - n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (v) => String(v).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * The filter form's controls of the filters that are not choices of the
 * Kommune (the Kommune, concept and Handlungsfeld options come from the
 * API): fills the fixed options once.
 */
export function fillFixedOptions(el) {
  el.report.replaceChildren(...REPORT_CHOICES.map(([value, text]) => new Option(text, value)));
  // the combination the Übersicht links to, besides each single status
  if (![...el.status.options].some((o) => o.value === STATUSES_WITH_REPORTS)) {
    el.status.append(new Option('geplant oder in Umsetzung', STATUSES_WITH_REPORTS));
  }
  el.noReport.replaceChildren(
    new Option('beliebig', ''),
    ...NO_REPORT_MONTHS.map((n) => new Option(`seit ${n} Monaten`, String(n))),
  );
}

/** Puts the filters into the form (options must exist). */
export function setForm(el, f) {
  const pick = (select, value) => {
    select.value = [...select.options].some((o) => o.value === value) ? value : '';
  };
  pick(el.actionField, f.handlungsfeld);
  pick(el.status, f.status);
  pick(el.horizon, f.horizont);
  pick(el.targetGroup, f.zielgruppe);
  pick(el.report, f.sachstand);
  pick(el.noReport, f.ohneSachstand ? String(f.ohneSachstand) : '');
  pick(el.view, f.ansicht);
  el.q.value = f.suche;
  el.sort.value = f.sortierung === 'geaendert' ? '-updated_at' : 'priority';
  el.overdue.checked = f.ueberfaellig;
  el.mine.checked = f.meine;
}

/** The filters the form shows; limit as given. */
export function readForm(el, limit) {
  const months = Number.parseInt(el.noReport.value, 10);
  return {
    kommune: el.municipality.value,
    konzept: el.concept.value,
    handlungsfeld: el.actionField.value,
    status: el.status.value,
    horizont: el.horizon.value,
    zielgruppe: el.targetGroup.value,
    suche: el.q.value.trim(),
    sortierung: el.sort.value === '-updated_at' ? 'geaendert' : '',
    sachstand: el.report.value,
    ohneSachstand: NO_REPORT_MONTHS.includes(months) ? months : 0,
    ueberfaellig: el.overdue.checked,
    meine: el.mine.checked && !el.mineField.hidden,
    ansicht: el.view.value === 'handlungsfelder' ? 'handlungsfelder' : '',
    limit,
  };
}

/**
 * The filters in words, for the table's caption: "gefiltert – Handlungsfeld:
 * Wohnen, Sachstand: verzögert oder gefährdet", or "".
 * @param {object} f
 * @param {(value: string) => string} fieldName the Handlungsfeld's name
 */
export function filterSummary(f, fieldName) {
  const parts = [];
  if (f.meine) parts.push('Meine Maßnahmen');
  if (f.handlungsfeld) parts.push(`Handlungsfeld: ${fieldName(f.handlungsfeld)}`);
  if (f.status) parts.push(`Status: ${f.status.split(',').map((c) => label(MEASURE_STATUS, c)).join(' oder ')}`);
  if (f.horizont) parts.push(`Horizont: ${label(HORIZON, f.horizont)}`);
  if (f.zielgruppe) parts.push(`Zielgruppe: ${label(TARGET_GROUP, f.zielgruppe)}`);
  if (f.sachstand) {
    const choice = REPORT_CHOICES.find(([value]) => value === f.sachstand);
    parts.push(`Sachstand: ${choice ? choice[1] : f.sachstand.split(',').map(reportText).join(' oder ')}`);
  }
  if (f.ohneSachstand) parts.push(`ohne Sachstand seit ${f.ohneSachstand} Monaten`);
  if (f.ueberfaellig) parts.push('überfällig');
  if (f.suche) parts.push(`Suche: „${f.suche}“`);
  return parts.length ? `gefiltert – ${parts.join(', ')}` : '';
}
