/*
 * terms.js: the words of the Veranstaltungen in German (geplant,
 * abgesagt, stattgefunden), their addresses, and what the signed-in person
 * may do with an event.
 */

export { term } from '../organisations/terms.js';
export { TARGET_GROUP } from '../catalogue/terms.js';

/** Status einer Veranstaltung. */
export const EVENT_STATUS = {
  planned: 'geplant',
  cancelled: 'abgesagt',
  held: 'stattgefunden',
};

/** Who sees a Veranstaltung. */
export const EVENT_VISIBILITY = {
  internal: 'intern',
  partners: 'für Partner sichtbar',
  public: 'öffentlich (im Veranstaltungskalender)',
};

const q = (ags) => new URLSearchParams({ kommune: ags });

/** /#/veranstaltungen?kommune=AGS (and filters) */
export function eventsHref(ags, filters = {}) {
  return `/#/veranstaltungen?${new URLSearchParams({ kommune: ags, ...filters })}`;
}

/** /#/veranstaltungen/{id}?kommune=AGS */
export function eventHref(ags, id) {
  return `/#/veranstaltungen/${encodeURIComponent(id)}?${q(ags)}`;
}

/** The API path of the Kommune's resources. */
export function apiPath(ags, ...parts) {
  return [`municipalities/${encodeURIComponent(ags)}`, ...parts.map((p) => encodeURIComponent(p))].join('/');
}

/**
 * What the person may do with Veranstaltungen in the Kommune ags: officers
 * and district admins every event; partners those their organisation
 * organises.
 */
export function eventPermissions(person, ags) {
  const admin = Boolean(person?.district_admin);
  const here = (person?.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  const officer = admin || here.some((m) => m.role === 'officer');
  const organisations = here.filter((m) => m.role === 'partner' && m.organisation?.id != null)
    .map((m) => ({ id: String(m.organisation.id), name: m.organisation.name }));
  return {
    officer,
    organisations,
    create: officer || organisations.length > 0,
    edit: (event) => officer || (event?.organisers ?? []).some((o) => organisations.some((x) => x.id === String(o.id))),
  };
}
