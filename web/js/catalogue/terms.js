/*
 * terms.js: the words of the Maßnahmenkatalog in German. The API
 * speaks in codes (status "in_progress", horizon "short"); the pages show
 * the terms a municipal integration office uses. A code without a term is
 * shown as it is (label()).
 */

/** Integrationskonzept: draft → in consultation → adopted → archived. */
export const CONCEPT_STATUS = {
  draft: 'Entwurf',
  consultation: 'in Beteiligung',
  adopted: 'beschlossen',
  archived: 'archiviert',
};

/** Maßnahme: status, in the order of its course. */
export const MEASURE_STATUS = {
  proposed: 'vorgeschlagen',
  planned: 'geplant',
  in_progress: 'in Umsetzung',
  completed: 'abgeschlossen',
  suspended: 'ausgesetzt',
  dropped: 'verworfen',
};

/** Zeithorizont of a measure. */
export const HORIZON = {
  short: 'kurzfristig',
  medium: 'mittelfristig',
  long: 'langfristig',
};

/** Zielgruppen. */
export const TARGET_GROUP = {
  children: 'Kinder',
  youth: 'Jugendliche',
  families: 'Familien',
  seniors: 'Seniorinnen und Senioren',
  women_and_mothers: 'Frauen und Mütter',
  men: 'Männer',
  refugees: 'Geflüchtete',
  newcomers: 'Neuzugewanderte',
  eu_citizens: 'EU-Bürgerinnen und -Bürger',
  volunteers: 'Ehrenamtliche',
  staff: 'Mitarbeitende (z. B. der Verwaltung)',
  general_public: 'Allgemeinheit',
};

/** Who sees a measure. */
export const VISIBILITY = {
  internal: 'intern (Verwaltung und Steuerungsgruppe)',
  partners: 'für Partner sichtbar',
  public: 'öffentlich',
};

/** Stand of a Sachstand (progress report). */
export const REPORT_STATUS = {
  on_track: 'im Plan',
  delayed: 'verzögert',
  at_risk: 'gefährdet',
  completed: 'abgeschlossen',
};

/** Status of a Kennzahl (indicator) against its target. */
export const INDICATOR_STATUS = {
  on_track: 'im Plan',
  at_risk: 'gefährdet',
  off_track: 'nicht im Plan',
  target_reached: 'Ziel erreicht',
  no_data: 'keine Daten',
};

/** Trend of a Kennzahl: the latest value against the one before. */
export const TREND = {
  improving: 'verbessert',
  worsening: 'verschlechtert',
  steady: 'gleichbleibend',
};

/** Where a Kennzahl comes from. */
export const SOURCE_SET = {
  local: 'eigene Erhebung',
  integration_monitoring: 'Integrationsmonitoring der Länder',
  kgst: 'KGSt-Kennzahlen',
  sdg: 'SDG-Indikatoren für Kommunen',
};

/**
 * The German term for a code, or the code itself when there is none.
 * @param {Record<string, string>} terms one of the tables above
 * @param {string | null | undefined} code
 */
export function label(terms, code) {
  if (code == null) return '';
  return Object.hasOwn(terms, code) ? terms[code] : String(code);
}

/**
 * <option>s for a select: a first "all" entry, then every term.
 * @param {Record<string, string>} terms
 * @param {string} all e.g. "Alle Status"
 */
export function termOptions(terms, all) {
  return [new Option(all, ''), ...Object.entries(terms).map(([code, text]) => new Option(text, code))];
}
