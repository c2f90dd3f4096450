/*
 * terms.js: the words of the Angebote in German (Beratungsangebot,
 * Sprachkurs, Hausaufgabenhilfe …), the weekdays of their regular times,
 * the costs, and what the signed-in person may do with an offer. The
 * languages are the organisation profile's (organisations/terms.js).
 */

import { LANGUAGE, languageNames, term } from '../organisations/terms.js';

export { LANGUAGE, languageNames, term };
export { TARGET_GROUP } from '../catalogue/terms.js';

/** Art des Angebots. */
export const OFFER_KIND = {
  counselling: 'Beratungsangebot',
  language_course: 'Sprachkurs',
  homework_help: 'Hausaufgabenhilfe',
  sport: 'Sport und Bewegung',
  womens_group: 'Frauengruppe',
  parents_group: 'Elterngruppe',
  leisure: 'Freizeit',
  education: 'Bildung',
  work: 'Arbeit und Beruf',
  health: 'Gesundheit',
  meeting_place: 'Treffpunkt',
  other: 'Sonstiges',
};

/** Wochentage of the regular times, Monday first. */
export const WEEKDAY = {
  mon: 'Montag',
  tue: 'Dienstag',
  wed: 'Mittwoch',
  thu: 'Donnerstag',
  fri: 'Freitag',
  sat: 'Samstag',
  sun: 'Sonntag',
};

/** Kosten. */
export const COST = {
  free: 'kostenlos',
  fee: 'kostenpflichtig',
};

/** Who sees an Angebot. */
export const OFFER_VISIBILITY = {
  internal: 'intern',
  partners: 'für Partner sichtbar',
  public: 'öffentlich (im Angebotsverzeichnis)',
};

const q = (ags) => new URLSearchParams({ kommune: ags });

/** /#/angebote?kommune=AGS (and filters) */
export function offersHref(ags, filters = {}) {
  return `/#/angebote?${new URLSearchParams({ kommune: ags, ...filters })}`;
}

/** /#/angebote/{id}?kommune=AGS */
export function offerHref(ags, id) {
  return `/#/angebote/${encodeURIComponent(id)}?${q(ags)}`;
}

/** The API path of the Kommune's resources. */
export function apiPath(ags, ...parts) {
  return [`municipalities/${encodeURIComponent(ags)}`, ...parts.map((p) => encodeURIComponent(p))].join('/');
}

/**
 * What the person may do with Angebote in the Kommune ags: officers and
 * district admins every offer; partners their organisation's (organisations:
 * the ids of theirs here).
 */
export function offerPermissions(person, ags) {
  const admin = Boolean(person?.district_admin);
  const here = (person?.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  const officer = admin || here.some((m) => m.role === 'officer');
  const organisations = here.filter((m) => m.role === 'partner' && m.organisation?.id != null)
    .map((m) => ({ id: String(m.organisation.id), name: m.organisation.name }));
  return {
    officer,
    organisations,
    create: officer || organisations.length > 0,
    edit: (offer) => officer || organisations.some((o) => o.id === String(offer?.organisation?.id)),
  };
}

/** "Mo 09:00–12:00" style text of a slot, in full words. */
export function slotText(slot) {
  return `${term(WEEKDAY, slot.weekday)}, ${slot.starts}–${slot.ends} Uhr`;
}
