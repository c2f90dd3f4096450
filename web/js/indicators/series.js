/*
 * series.js: what the Kennzahl page draws, computed from the API's
 * numbers alone (no DOM): the observations grouped by breakdown, and the
 * straight line from baseline to target that the status is measured
 * against, by the rule of sql/schema/catalogue/05_indicators.sql
 * (indicator_state) and openapi.yaml's IndicatorStatus:
 *   e = clamp((t − baseline_date) / (target_date − baseline_date), 0, 1)
 *   expected value at t = baseline_value + e · (target_value − baseline_value)
 *   on_track while the achieved share a ≥ e − 0.10, at_risk while a ≥ e − 0.25.
 * So the limits of „im Plan“ and „gefährdet“ at t are the values with
 * a = e − 0.10 and a = e − 0.25.
 */

import { SEX, label } from './terms.js';

/** The key of the totals (no age group, sex or citizenship group). */
export const TOTAL = 'gesamt';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC, as PostgreSQL's date difference). */
export function dayNumber(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** The breakdown key of an observation: "gesamt", or its three parts. */
export function breakdownKey(o) {
  if (o.age_group == null && o.sex == null && o.citizenship_group == null) return TOTAL;
  return JSON.stringify([o.age_group ?? null, o.sex ?? null, o.citizenship_group ?? null]);
}

/** "Insgesamt", or e.g. "Geschlecht: weiblich, Altersgruppe: 15 bis unter 25". */
export function breakdownText(key) {
  if (key === TOTAL) return 'Insgesamt';
  const [age, sex, citizenship] = JSON.parse(key);
  const parts = [];
  if (sex != null) parts.push(`Geschlecht: ${label(SEX, sex)}`);
  if (age != null) parts.push(`Altersgruppe: ${age}`);
  if (citizenship != null) parts.push(`Staatsangehörigkeit: ${citizenship}`);
  return parts.join(', ');
}

/** The dimension a breakdown belongs to, for grouping the choices. */
export function breakdownDimension(key) {
  if (key === TOTAL) return null;
  const [age, sex, citizenship] = JSON.parse(key);
  const dims = [];
  if (sex != null) dims.push('Geschlecht');
  if (age != null) dims.push('Altersgruppe');
  if (citizenship != null) dims.push('Staatsangehörigkeit');
  return `nach ${dims.join(' und ')}`;
}

/**
 * The observations by breakdown, each series oldest first.
 * @param {object[]} observations as GET …/observations gives them
 * @returns {Map<string, object[]>} "gesamt" first when there are totals
 */
export function groupByBreakdown(observations) {
  const groups = new Map();
  const sorted = [...observations].sort((a, b) => a.period_end.localeCompare(b.period_end)
    || String(a.id).localeCompare(String(b.id), 'en', { numeric: true }));
  for (const o of sorted) {
    const key = breakdownKey(o);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(o);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === TOTAL) return -1;
    if (b === TOTAL) return 1;
    return breakdownText(a).localeCompare(breakdownText(b), 'de', { numeric: true });
  });
  return new Map(keys.map((k) => [k, groups.get(k)]));
}

/**
 * The target line of an indicator, or null when baseline or target are
 * incomplete (then the status is "no_data" and there is no line).
 * @param {{baseline_value: number|null, baseline_date: string|null,
 *          target_value: number|null, target_date: string|null}} indicator
 * @returns {null | {expected: (iso: string) => number, limit: (iso: string, tolerance: number) => number,
 *                   from: string, to: string}}
 *   expected: the value the line expects at a date; limit: the value at
 *   which the achieved share is e − tolerance (0.10: „im Plan“, 0.25: „gefährdet“)
 */
export function targetLine(indicator) {
  const { baseline_value: b, baseline_date: bd, target_value: tv, target_date: td } = indicator;
  if (b == null || bd == null || tv == null || td == null) return null;
  const span = dayNumber(td) - dayNumber(bd);
  if (span <= 0) return null;
  const share = (iso) => Math.min(1, Math.max(0, (dayNumber(iso) - dayNumber(bd)) / span));
  return {
    from: bd,
    to: td,
    expected: (iso) => b + share(iso) * (tv - b),
    limit: (iso, tolerance) => b + (share(iso) - tolerance) * (tv - b),
  };
}

/** The tolerances of the status rule: below e − 0.10 „gefährdet“, below e − 0.25 „nicht im Plan“. */
export const ON_TRACK_TOLERANCE = 0.10;
export const AT_RISK_TOLERANCE = 0.25;
