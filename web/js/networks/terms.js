/*
 * terms.js: the words of the Netzwerke in German (Netzwerk, Trägerverbund,
 * Arbeitskreis; Träger, Kooperationspartner, Mitglied), their addresses,
 * and what the signed-in person may do with them. The server decides; the
 * permissions only choose the controls.
 */

/** Art des Netzwerks. */
export const NETWORK_KIND = {
  network: 'Netzwerk',
  provider_association: 'Trägerverbund',
  working_group: 'Arbeitskreis',
  other: 'Sonstiges',
};

/** Rolle einer Organisation im Netzwerk. */
export const NETWORK_ROLE = {
  provider: 'Träger',
  cooperation_partner: 'Kooperationspartner',
  member: 'Mitglied',
};

/** Who sees a Netzwerk. */
export const NETWORK_VISIBILITY = {
  internal: 'intern',
  partners: 'für Partner sichtbar',
  public: 'öffentlich',
};

export { term } from '../organisations/terms.js';

const q = (ags) => new URLSearchParams({ kommune: ags });

/** /#/netzwerke?kommune=AGS */
export function networksHref(ags) {
  return `/#/netzwerke?${q(ags)}`;
}

/** /#/netzwerke/{id}?kommune=AGS */
export function networkHref(ags, id) {
  return `/#/netzwerke/${encodeURIComponent(id)}?${q(ags)}`;
}

/** The API path of the Kommune's resources. */
export function apiPath(ags, ...parts) {
  return [`municipalities/${encodeURIComponent(ags)}`, ...parts.map((p) => encodeURIComponent(p))].join('/');
}

/** Officers of the Kommune and district admins manage Netzwerke. */
export function mayManageNetworks(person, ags) {
  if (person?.district_admin) return true;
  return (person?.memberships ?? []).some((m) => m.municipality?.ags === ags && m.role === 'officer');
}
