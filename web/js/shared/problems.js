/*
 * problems.js: what an ApiError means, in German, for the person in front
 * of the screen. The server writes its problem details in English for
 * developers and operators; the client says it again in German, by status,
 * by the problem's error code and by the JSON pointer of each invalid field.
 */

/* 403 details of the server (api/src, sql/migrations) -> German. */
const FORBIDDEN = [
  [/^Only district admins appoint officers/, 'Integrationsbeauftragte und weitere Mitglieder der Kreisadministration ernennt nur die Kreisadministration.'],
  [/^Only district admins create district admins/, 'Nur die Kreisadministration kann weitere Personen zur Kreisadministration machen.'],
  [/^Only district admins (change|give) this membership/, 'Diese Rolle kann nur die Kreisadministration vergeben oder ändern.'],
  [/^Only district admins change who is a/, 'Wer zur Kreisadministration gehört, kann nur die Kreisadministration ändern.'],
  [/^Only another district admin/, 'Das kann nur eine andere Person der Kreisadministration ändern.'],
  [/^Nobody disables their own account/, 'Das eigene Konto können Sie nicht deaktivieren.'],
  [/^You may not manage this account/, 'Dieses Konto dürfen Sie nicht verwalten. Integrationsbeauftragte verwalten Konten der Steuerungsgruppe und von Partnern, die nur in ihren eigenen Kommunen tätig sind – nicht das eigene Konto.'],
  [/^These fields cannot be changed/, 'Diese Angaben können Sie nicht ändern.'],
  [/^Your role in this municipality/, 'Ihre Rolle in dieser Kommune erlaubt das nicht.'],
  [/^Planning a proposed measure is a decision of the steering group/, 'Ob eine vorgeschlagene Maßnahme in die Planung aufgenommen wird, entscheidet die Steuerungsgruppe.'],
  [/^Your role does not allow this change/, 'Ihre Rolle erlaubt diese Änderung nicht.'],
  [/^Your role does not allow this/, 'Ihre Rolle erlaubt das nicht.'],
];

/**
 * "Zu viele Fehlversuche. Bitte in 30 Sekunden erneut versuchen."
 * @param {number | null} seconds from Retry-After
 */
export function tooManyAttemptsText(seconds) {
  if (!Number.isFinite(seconds) || seconds < 1) return 'Zu viele Fehlversuche. Bitte später erneut versuchen.';
  const s = Math.ceil(seconds);
  return `Zu viele Fehlversuche. Bitte in ${s} ${s === 1 ? 'Sekunde' : 'Sekunden'} erneut versuchen.`;
}

/**
 * One German sentence (or two) for a failed request.
 * @param {unknown} err an ApiError (or anything thrown)
 * @param {{conflict?: string, notFound?: string}} [texts] what 409 and
 *        404 mean where the request was made
 */
export function problemText(err, texts = {}) {
  const problem = err?.problem ?? {};
  const status = err?.status ?? problem.status ?? 0;
  switch (true) {
    case status === 0:
      return problem.detail || 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.';
    case status === 401:
      return 'Ihre Anmeldung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.';
    case status === 403: {
      const hit = FORBIDDEN.find(([pattern]) => pattern.test(problem.detail ?? ''));
      return hit ? hit[1] : 'Dazu sind Sie nicht berechtigt.';
    }
    case status === 404:
      return texts.notFound ?? 'Der Eintrag wurde nicht gefunden. Vielleicht wurde er gelöscht, oder er ist für Sie nicht sichtbar.';
    case status === 409:
      return texts.conflict ?? 'Das widerspricht einem vorhandenen Eintrag.';
    case status === 412:
      return 'Der Datensatz wurde inzwischen geändert. Die aktuellen Angaben sind neu geladen; bitte prüfen Sie sie und wiederholen Sie die Aktion bei Bedarf.';
    case status === 413:
      return 'Die Angaben sind zu umfangreich.';
    case status === 422:
      return 'Bitte prüfen Sie die markierten Angaben.';
    case status === 429:
      return tooManyAttemptsText(err?.retryAfter);
    case status === 503:
      return 'Der Dienst ist gerade überlastet oder wird gewartet. Bitte versuchen Sie es in einigen Minuten erneut.';
    case status >= 500:
      return `Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.${problem.request_id ? ` Vorgangsnummer für den Support: ${problem.request_id}` : ''}`;
    default:
      return 'Die Anfrage wurde abgelehnt. Bitte laden Sie die Seite neu und versuchen Sie es erneut.';
  }
}

/**
 * A German message for one entry of a problem's errors[].
 * @param {string} message the server's (English) message
 */
export function fieldErrorText(message) {
  const m = String(message ?? '');
  let hit;
  if (/must be an email address/.test(m)) return 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@musterstadt.de.';
  if ((hit = /must have (\d+) to (\d+) (characters|bytes)/.exec(m))) return `Bitte geben Sie ${hit[1]} bis ${hit[2]} Zeichen ein.`;
  if (/is required for partners/.test(m)) return 'Bitte wählen Sie die Organisation, für die die Person tätig ist.';
  if (/is only for partners/.test(m)) return 'Eine Organisation wird nur bei der Rolle Partner angegeben.';
  if (/not a municipality you manage/.test(m)) return 'In dieser Kommune sind Sie nicht als Integrationsbeauftragte/r eingetragen.';
  if (/needs at least one membership/.test(m)) return 'Bitte wählen Sie eine Kommune, in der Sie Integrationsbeauftragte/r sind.';
  if (/does not serve this/.test(m)) return 'Diese Organisation ist in der gewählten Kommune nicht tätig.';
  if (/must differ from the current password/.test(m)) return 'Das neue Passwort muss sich vom aktuellen unterscheiden.';
  if (/is listed twice/.test(m)) return 'Diese Angabe ist doppelt.';
  if ((hit = /must be a whole number from (\d+) to (\d+)/.exec(m))) {
    return `Bitte geben Sie eine ganze Zahl von ${hit[1]} bis ${Number(hit[2]).toLocaleString('de-DE')} ein.`;
  }
  if (/must be a date/.test(m)) return 'Bitte geben Sie ein gültiges Datum ein.';
  if (/cannot be dated in the future/.test(m)) return 'Das Datum darf nicht in der Zukunft liegen.';
  if (/needs a reason/.test(m)) return 'Bitte geben Sie eine Begründung an.';
  if (/is required/.test(m)) return 'Bitte füllen Sie dieses Feld aus.';
  if (/must be one of|must be (steering|active)/.test(m)) return 'Bitte wählen Sie einen der angebotenen Werte.';
  return 'Diese Angabe ist ungültig.';
}
