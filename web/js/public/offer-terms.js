/*
 * offer-terms.js: the words of the public Angebote and Veranstaltungen
 * pages in German (js/public/offers.js, offer.js, events.js, event.js,
 * calendar.js), and how their times read: weekly slots („dienstags
 * 9–12 Uhr“), event dates in Europe/Berlin („Samstag, 12. September 2026,
 * 14–18 Uhr“, „ganztägig“). The API speaks in codes (kind "counselling",
 * language "ar"); citizens read plain German. A code without a term is shown
 * as it is (term() of participation-terms.js). The Zielgruppen are the
 * catalogue's (TARGET_GROUP of js/catalogue/terms.js).
 */

/** Art of an Angebot (offer kind). */
export const OFFER_KIND = {
  counselling: 'Beratung',
  language_course: 'Sprachkurs',
  homework_help: 'Hausaufgabenhilfe',
  sport: 'Sport',
  womens_group: 'Frauengruppe',
  parents_group: 'Elterngruppe',
  leisure: 'Freizeit',
  education: 'Bildung',
  work: 'Arbeit und Beruf',
  health: 'Gesundheit',
  meeting_place: 'Treffpunkt',
  other: 'anderes Angebot',
};

/** Languages (ISO 639-1) by their German names. */
export const LANGUAGE = {
  de: 'Deutsch',
  en: 'Englisch',
  ar: 'Arabisch',
  tr: 'Türkisch',
  fa: 'Persisch',
  ru: 'Russisch',
  uk: 'Ukrainisch',
  fr: 'Französisch',
  ku: 'Kurdisch',
  ti: 'Tigrinya',
  so: 'Somali',
  ps: 'Paschtu',
  pl: 'Polnisch',
  ro: 'Rumänisch',
  es: 'Spanisch',
  it: 'Italienisch',
  sq: 'Albanisch',
  sr: 'Serbisch',
  hr: 'Kroatisch',
  bs: 'Bosnisch',
  el: 'Griechisch',
  bg: 'Bulgarisch',
  ur: 'Urdu',
  am: 'Amharisch',
};

/** Stand of a Veranstaltung (event status). */
export const EVENT_STATUS = {
  planned: 'geplant',
  cancelled: 'abgesagt',
  held: 'stattgefunden',
};

/** Weekdays of the weekly slots, as „dienstags“. */
export const WEEKDAY_ADVERB = {
  mon: 'montags',
  tue: 'dienstags',
  wed: 'mittwochs',
  thu: 'donnerstags',
  fri: 'freitags',
  sat: 'samstags',
  sun: 'sonntags',
};

const WEEKDAY_ORDER = Object.keys(WEEKDAY_ADVERB);

/** Kosten of an Angebot (offer cost). */
export const OFFER_COST = {
  free: 'kostenlos',
  fee: 'kostenpflichtig',
};

/** „kostenlos“ or „kostenpflichtig“ for the cost code, or "". */
export function costText(cost) {
  return Object.hasOwn(OFFER_COST, cost ?? '') ? OFFER_COST[cost] : '';
}

/** "09:00" -> "9", "14:30" -> "14:30" (the hour of „9–12 Uhr“). */
export function clock(hhmm) {
  const m = /^(\d{1,2}):(\d{2})/.exec(String(hhmm ?? ''));
  if (!m) return String(hhmm ?? '');
  const h = String(Number(m[1]));
  return m[2] === '00' ? h : `${h}:${m[2]}`;
}

/** „9–12 Uhr“ for two times ("09:00", "12:00"). */
export function timeRange(starts, ends) {
  if (!ends) return `ab ${clock(starts)} Uhr`;
  return `${clock(starts)}–${clock(ends)} Uhr`;
}

function joinWords(words) {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} und ${words[words.length - 1]}`;
}

/**
 * The weekly slots in German, one line per time range:
 * [{weekday: "tue", starts: "09:00", ends: "12:00"}] -> ["dienstags 9–12 Uhr"];
 * the days with the same hours share a line („montags und mittwochs 14–16 Uhr“).
 * @param {{weekday: string, starts: string, ends: string}[]} slots
 * @returns {string[]}
 */
export function slotLines(slots) {
  const sorted = [...(slots ?? [])].sort((a, b) => WEEKDAY_ORDER.indexOf(a.weekday) - WEEKDAY_ORDER.indexOf(b.weekday)
    || String(a.starts).localeCompare(String(b.starts)));
  const byTime = new Map();
  for (const s of sorted) {
    const key = timeRange(s.starts, s.ends);
    if (!byTime.has(key)) byTime.set(key, []);
    const day = WEEKDAY_ADVERB[s.weekday] ?? String(s.weekday);
    if (!byTime.get(key).includes(day)) byTime.get(key).push(day);
  }
  return [...byTime].map(([time, days]) => `${joinWords(days)} ${time}`);
}

/** Language codes as German names, in alphabetical order: ["ar","de"] -> "Arabisch, Deutsch". */
export function languageNames(codes) {
  return (codes ?? []).map((c) => (Object.hasOwn(LANGUAGE, c) ? LANGUAGE[c] : c))
    .sort((a, b) => a.localeCompare(b, 'de')).join(', ');
}

const BERLIN = 'Europe/Berlin';
const dayFormat = new Intl.DateTimeFormat('de-DE', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: BERLIN,
});
const hourFormat = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: BERLIN });
const dateKeyFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric', month: '2-digit', day: '2-digit', timeZone: BERLIN,
});

/* A calendar date "2026-09-12" as noon UTC, which is the same day in Berlin. */
function dateOnly(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ''));
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : null;
}

/* "14:00" of a timestamp in Berlin. */
function berlinClock(date) {
  return clock(hourFormat.format(date));
}

/**
 * When an event is, in German and in Berlin time:
 * „Samstag, 12. September 2026, 14–18 Uhr“, „Samstag, 12. September 2026, ganztägig“,
 * „Freitag, 11. September 2026, 18 Uhr bis Samstag, 12. September 2026, 2 Uhr“.
 * @param {{all_day?: boolean, starts_on?: string, ends_on?: string, starts_at?: string, ends_at?: string}} e
 */
export function eventWhen(e) {
  if (e.all_day) {
    const from = dateOnly(e.starts_on ?? e.starts_at);
    const to = dateOnly(e.ends_on);
    if (!from) return 'ganztägig';
    if (to && e.ends_on !== e.starts_on) return `${dayFormat.format(from)} bis ${dayFormat.format(to)}, ganztägig`;
    return `${dayFormat.format(from)}, ganztägig`;
  }
  const start = e.starts_at ? new Date(e.starts_at) : null;
  if (!start || Number.isNaN(start.getTime())) return '';
  const end = e.ends_at ? new Date(e.ends_at) : null;
  if (!end || Number.isNaN(end.getTime())) return `${dayFormat.format(start)}, ${berlinClock(start)} Uhr`;
  if (dateKeyFormat.format(start) === dateKeyFormat.format(end)) {
    return `${dayFormat.format(start)}, ${berlinClock(start)}–${berlinClock(end)} Uhr`;
  }
  return `${dayFormat.format(start)}, ${berlinClock(start)} Uhr bis ${dayFormat.format(end)}, ${berlinClock(end)} Uhr`;
}

/** The day an event starts, "2026-09-12" in Berlin (for <time datetime>). */
export function eventDate(e) {
  if (e.all_day) return String(e.starts_on ?? '').slice(0, 10);
  const start = e.starts_at ? new Date(e.starts_at) : null;
  return start && !Number.isNaN(start.getTime()) ? dateKeyFormat.format(start) : '';
}

/** Today in Berlin, "2026-12-06". */
export function todayInBerlin() {
  return dateKeyFormat.format(new Date());
}

/** The public addresses of the pages. */
export const offerHref = {
  directory: (ags) => `/#/oeffentlich/${encodeURIComponent(ags)}/angebote`,
  districtDirectory: () => '/#/angebote-im-kreis',
  offer: (id) => `/#/oeffentlich/angebote/${encodeURIComponent(id)}`,
  events: (ags) => `/#/oeffentlich/${encodeURIComponent(ags)}/veranstaltungen`,
  districtEvents: () => '/#/veranstaltungen-im-kreis',
  event: (id) => `/#/oeffentlich/veranstaltungen/${encodeURIComponent(id)}`,
  concept: (ags) => `/#/oeffentlich/${encodeURIComponent(ags)}`,
  measure: (ags, id) => `/#/oeffentlich/${encodeURIComponent(ags)}/massnahmen/${encodeURIComponent(id)}`,
};

/** An OpenStreetMap link for coordinates, or null when there are none. */
export function mapHref(latitude, longitude) {
  const lat = Number(latitude);
  const lon = Number(longitude);
  if (latitude === null || latitude === undefined || longitude === null || longitude === undefined) return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}
