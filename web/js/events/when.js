/*
 * when.js: the time of a Veranstaltung: shown in Europe/Berlin, with
 * <time> elements, and the values of datetime-local controls (the browser's
 * wall clock) turned into RFC 3339 and back.
 */

import { formatDate } from '../shared/format.js';

const BERLIN = 'Europe/Berlin';
const day = new Intl.DateTimeFormat('de-DE', {
  timeZone: BERLIN, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric',
});
const clock = new Intl.DateTimeFormat('de-DE', { timeZone: BERLIN, hour: '2-digit', minute: '2-digit' });
const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN, year: 'numeric', month: '2-digit', day: '2-digit' });

function timeEl(iso, text) {
  const t = document.createElement('time');
  t.dateTime = iso;
  t.textContent = text;
  return t;
}

/** The calendar day of an instant in Berlin, "YYYY-MM-DD". */
export function berlinDay(date) {
  return ymd.format(date);
}

/** When an event takes place, as text nodes: "Sa., 12.09.2026, 14:00–18:00 Uhr" or "12.09.2026 (ganztägig)". */
export function eventWhen(e) {
  const frag = document.createDocumentFragment();
  if (e.all_day) {
    frag.append(timeEl(e.starts_on, formatDate(e.starts_on)));
    if (e.ends_on && e.ends_on !== e.starts_on) frag.append(' bis ', timeEl(e.ends_on, formatDate(e.ends_on)));
    frag.append(' (ganztägig)');
    return frag;
  }
  const start = new Date(e.starts_at);
  if (Number.isNaN(start.getTime())) {
    frag.append(String(e.starts_at ?? ''));
    return frag;
  }
  frag.append(timeEl(e.starts_at, `${day.format(start)}, ${clock.format(start)}`));
  if (e.ends_at) {
    const end = new Date(e.ends_at);
    if (berlinDay(end) === berlinDay(start)) frag.append('–', timeEl(e.ends_at, clock.format(end)));
    else frag.append(' bis ', timeEl(e.ends_at, `${day.format(end)}, ${clock.format(end)}`));
  }
  frag.append(' Uhr');
  return frag;
}

/** Whether the event has begun (participants may be counted). */
export function hasStarted(e, now = new Date()) {
  if (e.all_day) return Boolean(e.starts_on) && e.starts_on <= berlinDay(now);
  const t = Date.parse(e.starts_at);
  return !Number.isNaN(t) && t <= now.getTime();
}

/** The value of a datetime-local control for an RFC 3339 time (the browser's zone). */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** RFC 3339 (with offset) of a datetime-local control's value, or null. */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}
