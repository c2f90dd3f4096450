/*
 * roles.js: the roles of Teilhabe in German, and what they allow in the
 * web client. The server decides; these only choose what to offer.
 */

/** API role -> German label (roles in a Kommune, and the district role). */
export const ROLE_LABELS = {
  officer: 'Integrationsbeauftragte/r',
  steering: 'Steuerungsgruppe',
  partner: 'Partner (Organisation)',
  district_admin: 'Kreisadministration',
};

/**
 * A membership as people read it: "Steuerungsgruppe", or for partners
 * "Partner (Caritasverband für den Musterkreis e.V.)".
 * @param {{role: string, organisation?: {name: string} | null}} membership
 */
export function membershipRoleText(membership) {
  if (membership.role === 'partner' && membership.organisation?.name) {
    return `Partner (${membership.organisation.name})`;
  }
  return ROLE_LABELS[membership.role] ?? membership.role;
}

/**
 * The roles of an account or of GET /me, one line each:
 * "Musterstadt: Integrationsbeauftragte/r", and "Kreisadministration
 * (alle Kommunen)" for district admins.
 * @param {{district_admin?: boolean, memberships?: object[]}} account
 * @returns {string[]}
 */
export function roleLines(account) {
  const lines = [];
  if (account.district_admin) lines.push(`${ROLE_LABELS.district_admin} (alle Kommunen)`);
  for (const m of account.memberships ?? []) {
    lines.push(`${m.municipality?.name ?? m.municipality?.ags}: ${membershipRoleText(m)}`);
  }
  return lines;
}

/* The Kommunen (ags, name) where the person holds one of the roles. */
function municipalitiesWith(person, roles) {
  const seen = new Map();
  for (const m of person?.memberships ?? []) {
    if (roles.includes(m.role) && !seen.has(m.municipality.ags)) seen.set(m.municipality.ags, m.municipality);
  }
  return [...seen.values()];
}

/** May see the accounts (Konten): officers, steering group, district admins. */
export function canSeeAccounts(person) {
  return Boolean(person && person.kind === 'account'
    && (person.district_admin || municipalitiesWith(person, ['officer', 'steering']).length > 0));
}

/** May invite, deactivate and reactivate: officers and district admins. */
export function canManageAccounts(person) {
  return Boolean(person && person.kind === 'account'
    && (person.district_admin || municipalitiesWith(person, ['officer']).length > 0));
}

/** Kommunen where the person is Integrationsbeauftragte/r. */
export function officerMunicipalities(person) {
  return municipalitiesWith(person, ['officer']);
}

/** Kommunen whose accounts the person sees (officer or steering group). */
export function accountMunicipalities(person) {
  return municipalitiesWith(person, ['officer', 'steering']);
}

/**
 * Whether the person may probably manage the account. The server has the
 * last word (an officer sees only the memberships in their own Kommunen);
 * this only hides buttons that can never work.
 */
export function mayManage(person, account) {
  if (!canManageAccounts(person) || account.id === person.id) return false;
  if (person.district_admin) return true;
  if (account.district_admin) return false;
  const own = new Set(officerMunicipalities(person).map((m) => m.ags));
  return (account.memberships ?? []).every((m) => m.role !== 'officer' && own.has(m.municipality.ags));
}

/**
 * May see the Maßnahmenkatalog: everyone with a role in a Kommune
 * (Integrationsbeauftragte, Steuerungsgruppe, Partner) and district admins.
 */
export function canSeeCatalogue(person) {
  return Boolean(person && person.kind === 'account'
    && (person.district_admin || (person.memberships ?? []).length > 0));
}

/**
 * May see the Übersicht (and the other staff pages): officers, steering
 * group, district admins; not partners (the API's ROLES_STAFF).
 */
export function canSeeOverview(person) {
  return canSeeAccounts(person);
}

/** Kommunen where the person holds any role, by name. */
export function memberMunicipalities(person) {
  return municipalitiesWith(person, ['officer', 'steering', 'partner'])
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/**
 * What the person may do with a Maßnahme of the Kommune ags. District
 * admins count as Integrationsbeauftragte and Steuerungsgruppe everywhere.
 * @param {object | null} person GET /api/v1/me
 * @param {string} ags
 * @param {{lead_organisation?: {id: string} | null, partner_organisations?: {id: string}[]}} measure
 * @returns {{changeStatus: boolean, decidePlanning: boolean, moveRank: boolean, report: boolean}}
 *          changeStatus: any status change the rules allow, except
 *          vorgeschlagen → geplant, which is decidePlanning (Steuerungsgruppe);
 *          report: add a Sachstand
 */
export function measurePermissions(person, ags, measure) {
  const here = (person?.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  const admin = Boolean(person?.district_admin);
  const officer = admin || here.some((m) => m.role === 'officer');
  const steering = admin || here.some((m) => m.role === 'steering');
  const involved = new Set([measure?.lead_organisation?.id, ...(measure?.partner_organisations ?? []).map((o) => o.id)]
    .filter(Boolean));
  const partnerOfMeasure = here.some((m) => m.role === 'partner' && m.organisation && involved.has(m.organisation.id));
  return {
    changeStatus: officer || steering,
    decidePlanning: steering,
    moveRank: officer || steering,
    report: officer || partnerOfMeasure,
  };
}

/** A partner: acts for an organisation in at least one Kommune („Meine Organisation“). */
export function isPartner(person) {
  return Boolean(person && person.kind === 'account'
    && (person.memberships ?? []).some((m) => m.role === 'partner' && m.organisation));
}
