/*
 * terms.js: the words of the organisation profile in German: the kinds of
 * organisation and the languages (ISO 639-1 codes) by their German names,
 * and the address of a profile. The API speaks in codes; the pages show
 * the names. The offers and the public directory use the same languages.
 */

/** Art der Organisation (the API's organisation kind). */
export const ORGANISATION_KIND = {
  administration: 'Verwaltung',
  welfare_association: 'Wohlfahrtsverband',
  migrant_organisation: 'Migrantenorganisation',
  school: 'Schule',
  kita: 'Kindertageseinrichtung',
  church: 'Kirchengemeinde',
  club: 'Verein',
  job_centre: 'Jobcenter',
  volunteer_initiative: 'Ehrenamtsinitiative',
  other: 'Sonstige',
};

/** Sprachen: ISO 639-1 code -> German name. */
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

/** The German term for a code, or the code itself. */
export function term(terms, code) {
  if (code == null) return '';
  return Object.hasOwn(terms, code) ? terms[code] : String(code);
}

/** The German names of language codes, in German alphabetical order. */
export function languageNames(codes) {
  return (codes ?? []).map((c) => term(LANGUAGE, c)).sort((a, b) => a.localeCompare(b, 'de'));
}

/** /#/organisationen/{id} */
export function organisationHref(id) {
  return `/#/organisationen/${encodeURIComponent(id)}`;
}

/** The organisations whose partner the person is (ids as strings, once each). */
export function ownOrganisations(person) {
  const ids = new Map();
  for (const m of person?.memberships ?? []) {
    const org = m.organisation;
    if (m.role === 'partner' && org?.id != null && !ids.has(String(org.id))) ids.set(String(org.id), org);
  }
  return [...ids.values()];
}
