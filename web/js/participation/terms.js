/*
 * terms.js: the words of the Beteiligung in German, their addresses, and
 * what the signed-in person may do in a Kommune. The API speaks in codes
 * (kind "integration_dialogue", moderation "pending"); the pages show the
 * terms of the seeds (Integrations-Dialog, Beitrag, Stellungnahme). The
 * server decides who may do what; the permissions only choose the controls.
 */

/** Art des Beteiligungsformats. */
export const CONSULTATION_KIND = {
  interview_series: 'Interviewreihe',
  online_survey: 'Online-Befragung',
  integration_dialogue: 'Integrations-Dialog',
  integration_conference: 'Integrationskonvent',
  strategy_workshop: 'Strategieworkshop',
  theme_forum: 'Themenforum',
  citizen_dialogue: 'Bürgerdialog',
  other: 'Sonstiges',
};

/** Status of a Beteiligungsformat. */
export const CONSULTATION_STATUS = {
  planned: 'geplant',
  open: 'geöffnet',
  closed: 'abgeschlossen',
  evaluated: 'ausgewertet',
};

/** Where a Beitrag came from. */
export const CONTRIBUTION_ORIGIN = {
  entered: 'erfasst',
  online: 'online eingereicht',
};

/** Moderation of a Beitrag. */
export const MODERATION = {
  pending: 'wartet auf Freigabe',
  approved: 'freigegeben',
  rejected: 'abgelehnt',
};

/** The Stellungnahme to a Handlungsempfehlung. */
export const RESPONSE_KIND = {
  accepted: 'angenommen',
  partly_accepted: 'teilweise angenommen',
  deferred: 'zurückgestellt',
  rejected: 'abgelehnt',
};

/** Who sees a Beteiligungsformat. */
export const CONSULTATION_VISIBILITY = {
  internal: 'intern',
  partners: 'Partner',
  public: 'öffentlich',
};

/** The status steps: from a status, the next one and the button's words. */
export const STATUS_STEPS = {
  planned: { next: 'open', action: 'Beteiligung öffnen' },
  open: { next: 'closed', action: 'Beteiligung abschließen' },
  closed: { next: 'evaluated', action: 'Beteiligung auswerten' },
};

/** The German term for a code, or the code itself. */
export function term(terms, code) {
  if (code == null) return '';
  return Object.hasOwn(terms, code) ? terms[code] : String(code);
}

const q = (ags) => new URLSearchParams({ kommune: ags });

/** /#/beteiligung?kommune=AGS */
export function consultationsHref(ags) {
  return `/#/beteiligung?${q(ags)}`;
}

/** /#/beteiligung/{id}?kommune=AGS */
export function consultationHref(ags, id) {
  return `/#/beteiligung/${encodeURIComponent(id)}?${q(ags)}`;
}

/** /#/empfehlungen?kommune=AGS (and filters) */
export function recommendationsHref(ags, filters = {}) {
  return `/#/empfehlungen?${new URLSearchParams({ kommune: ags, ...filters })}`;
}

/** /#/empfehlungen/{id}?kommune=AGS */
export function recommendationHref(ags, id) {
  return `/#/empfehlungen/${encodeURIComponent(id)}?${q(ags)}`;
}

/** The API path of the Kommune's resources. */
export function apiPath(ags, ...parts) {
  return [`municipalities/${encodeURIComponent(ags)}`, ...parts.map((p) => encodeURIComponent(p))].join('/');
}

/*
 * What the person may do in the Kommune ags. District admins count as
 * Integrationsbeauftragte and Steuerungsgruppe everywhere.
 *   manage: create and edit Beteiligungsformate and Handlungsempfehlungen,
 *           enter and moderate Beiträge, link measures (Integrationsbeauftragte);
 *   respond: record the Stellungnahme (Steuerungsgruppe; officers with a Sitzung);
 *   partner: a partner organisation's member (enters Beiträge where it organises).
 */
export function participationPermissions(person, ags) {
  const admin = Boolean(person?.district_admin);
  const here = (person?.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  const officer = admin || here.some((m) => m.role === 'officer');
  const steering = admin || here.some((m) => m.role === 'steering');
  const partner = here.filter((m) => m.role === 'partner');
  const organisations = partner.map((m) => String(m.organisation?.id ?? m.organisation_id ?? '')).filter(Boolean);
  return {
    manage: officer,
    respond: steering || officer,
    steering,
    staff: officer || steering,
    partner: partner.length > 0 && !officer && !steering,
    organisations,
  };
}
