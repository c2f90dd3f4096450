/*
 * terms.js: the words of the Sitzungen in German, their addresses, and
 * what the signed-in person may do with the Sitzungen of a Kommune. The API
 * speaks in codes (kind "steering_group", status "held"); the pages show the
 * terms of a municipal office. The server decides who may do what; the
 * permissions here only choose which controls to offer.
 */

/** Art der Sitzung. */
export const MEETING_KIND = {
  steering_group: 'Steuerungsgruppe',
  working_group: 'Arbeitsgruppe',
  other: 'Sonstige',
};

/** Status of a Sitzung. */
export const MEETING_STATUS = {
  planned: 'geplant',
  held: 'durchgeführt',
  cancelled: 'abgesagt',
};

/** Who sees a Sitzung. */
export const MEETING_VISIBILITY = {
  internal: 'intern',
  partners: 'Partner',
  public: 'öffentlich',
};

/** Status of the Protokoll. */
export const MINUTES_STATUS = {
  draft: 'Entwurf',
  approved: 'genehmigt',
};

/** The German term for a code, or the code itself. */
export function term(terms, code) {
  if (code == null) return '';
  return Object.hasOwn(terms, code) ? terms[code] : String(code);
}

/** The page of a Sitzung. */
export function meetingHref(ags, id) {
  return `/#/sitzungen/${encodeURIComponent(id)}?${new URLSearchParams({ kommune: ags })}`;
}

/** The public page of a Sitzung. */
export function publicMeetingHref(ags, id) {
  return `/#/oeffentlich/${encodeURIComponent(ags)}/sitzungen/${encodeURIComponent(id)}`;
}

const dateFormat = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' });

/** An RFC 3339 time -> "06.12.2026" in the browser's time zone. */
export function meetingDate(iso) {
  const t = Date.parse(String(iso));
  return Number.isNaN(t) ? String(iso ?? '') : dateFormat.format(new Date(t));
}

/** An RFC 3339 time -> "18:30". */
export function meetingTime(iso) {
  const t = Date.parse(String(iso));
  return Number.isNaN(t) ? '' : timeFormat.format(new Date(t));
}

/** "06.12.2026, 18:30 bis 20:00 Uhr" (the end only when given, its date when another day). */
export function meetingWhen(startsAt, endsAt) {
  let text = `${meetingDate(startsAt)}, ${meetingTime(startsAt)}`;
  if (endsAt) {
    text += meetingDate(endsAt) === meetingDate(startsAt)
      ? ` bis ${meetingTime(endsAt)}`
      : ` bis ${meetingDate(endsAt)}, ${meetingTime(endsAt)}`;
  }
  return `${text} Uhr`;
}

/** A <time> element for a meeting's start: "06.12.2026, 18:30 Uhr". */
export function meetingTimeElement(startsAt, endsAt = null) {
  const time = document.createElement('time');
  time.dateTime = startsAt;
  time.textContent = meetingWhen(startsAt, endsAt);
  return time;
}

/*
 * What the person may do in the Kommune ags. District admins count as
 * Integrationsbeauftragte and Steuerungsgruppe everywhere.
 *   manage: create and edit Sitzungen, Teilnehmende, Tagesordnung, Protokoll,
 *           Korrekturen (Integrationsbeauftragte);
 *   decide: record Beschlüsse (Integrationsbeauftragte, Steuerungsgruppe);
 *   approve: „Protokoll genehmigen“ (Steuerungsgruppe);
 *   planning: a Beschluss may move a measure from vorgeschlagen to geplant.
 */
export function meetingPermissions(person, ags) {
  const admin = Boolean(person?.district_admin);
  const here = (person?.memberships ?? []).filter((m) => m.municipality?.ags === ags);
  const officer = admin || here.some((m) => m.role === 'officer');
  const steering = admin || here.some((m) => m.role === 'steering');
  return {
    manage: officer, decide: officer || steering, approve: steering, planning: steering,
  };
}
