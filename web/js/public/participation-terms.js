/*
 * participation-terms.js: the words of the public Beteiligung pages in
 * German (js/public/consultations.js, contribute.js, recommendations.js).
 * The API speaks in codes (kind "integration_dialogue", response
 * "accepted"); citizens read plain German. A code without a term is shown
 * as it is (term()).
 */

/** Beteiligungsformat (consultation kind). */
export const CONSULTATION_KIND = {
  interview_series: 'Interviewreihe',
  online_survey: 'Online-Umfrage',
  integration_dialogue: 'Integrations-Dialog',
  integration_conference: 'Integrationskonferenz',
  strategy_workshop: 'Strategie-Workshop',
  theme_forum: 'Themenforum',
  citizen_dialogue: 'Bürgerdialog',
  other: 'andere Beteiligung',
};

/** Stand of a Beteiligung. */
export const CONSULTATION_STATUS = {
  planned: 'geplant',
  open: 'offen für Beiträge',
  closed: 'abgeschlossen',
  evaluated: 'ausgewertet',
};

/** The answer to a Handlungsempfehlung, as a short label (filters, badges). */
export const RESPONSE_KIND = {
  accepted: 'übernommen',
  partly_accepted: 'teilweise übernommen',
  deferred: 'zurückgestellt',
  rejected: 'abgelehnt',
};

/** The same answer in one plain sentence. */
export const RESPONSE_SENTENCE = {
  accepted: 'Die Empfehlung wurde übernommen: Sie wird umgesetzt.',
  partly_accepted: 'Die Empfehlung wurde teilweise übernommen: Ein Teil davon wird umgesetzt.',
  deferred: 'Die Empfehlung wurde zurückgestellt: Über sie wird später entschieden.',
  rejected: 'Die Empfehlung wurde abgelehnt: Sie wird nicht umgesetzt.',
};

/** The German term for a code, or the code itself. */
export function term(terms, code) {
  return Object.hasOwn(terms, code ?? '') ? terms[code] : String(code ?? '');
}

/** The public address of a Beteiligung, of the Beteiligung page, of a measure. */
export const publicHref = {
  participation: (ags) => `/#/oeffentlich/${encodeURIComponent(ags)}/beteiligung`,
  consultation: (ags, id) => `/#/oeffentlich/${encodeURIComponent(ags)}/beteiligung/${encodeURIComponent(id)}`,
  recommendations: (ags) => `/#/oeffentlich/${encodeURIComponent(ags)}/empfehlungen`,
  measure: (ags, id) => `/#/oeffentlich/${encodeURIComponent(ags)}/massnahmen/${encodeURIComponent(id)}`,
};

/** Maximum length of a contribution, in characters (the API's limit). */
export const CONTRIBUTION_MAX = 5000;
