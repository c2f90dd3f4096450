/*
 * Signing in and out, accepting an invitation, the accounts (Konten) and
 * the own account (Mein Konto), as people see them in the browser, against
 * the real server and its demo data. Every new view is checked with
 * axe-core (WCAG 2.1 AA), in its normal state and with its error messages.
 *
 * The test server trusts X-Forwarded-For from 127.0.0.1: the browser and
 * the requests made from Node here send an address of this file's own, so
 * its failed sign-ins cannot lock out another file. Demo accounts are only
 * signed in to (one wrong password at most, followed by a right one); every
 * account this file changes it creates itself, with a unique address.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERLINGEN, MUSTERSTADT, OFFICER, PARTNER, RUN, STEERING,
  api, assertNoViolations, axeViolations, description, focused, launchBrowser, signInAs, signInHere, squash, view, withCheckedPage,
} from './helpers.mjs';

let serial = 0;

/* An email address no account has yet. */
const uniqueEmail = (tag) => `e2e-${tag}-${RUN}-${++serial}@test.example`;
/* A password the server accepts (12..256 characters). */
const newPassword = () => `Pw-${randomBytes(12).toString('base64url')}`;

/* ------------------------------------------------------------------ API */

/* Signs in from Node; the whole token answer. */
async function apiSignIn(email, password = DEMO_PASSWORD) {
  const res = await api('POST', 'auth/token', { body: { grant_type: 'password', username: email, password } });
  assert.equal(res.status, 200, `sign-in of ${email}: ${res.status} ${res.text}`);
  return res.json;
}

/* Creates an account as the Musterstadt officer and accepts its invitation. */
async function createAccount({ tag = 'konto', name, role = 'steering', organisationId } = {}) {
  const officer = await apiSignIn(OFFICER);
  const email = uniqueEmail(tag);
  const password = newPassword();
  const membership = { municipality: MUSTERSTADT, role };
  if (organisationId) membership.organisation_id = organisationId;
  const created = await api('POST', 'accounts', {
    token: officer.access_token,
    body: { email, display_name: name ?? `E2E ${tag} ${RUN}-${serial}`, memberships: [membership] },
  });
  assert.equal(created.status, 201, `creating ${email}: ${created.status} ${created.text}`);
  const accepted = await api('POST', 'auth/invitation', { body: { token: created.json.invitation.token, password } });
  assert.equal(accepted.status, 200, `accepting ${email}: ${accepted.status} ${accepted.text}`);
  return { id: created.json.id, email, password, name: created.json.display_name, officerToken: officer.access_token };
}

/* The display name of a demo account, as the API has it. */
async function displayName(email) {
  const t = await apiSignIn(email);
  const me = await api('GET', 'me', { token: t.access_token });
  assert.equal(me.status, 200);
  return me.json.display_name;
}

/* -------------------------------------------------------------- browser */

/*
 * Signs in on /#/anmelden?weiter=konten, so the Konten follow (a role's own
 * landing after signing in is tested in catalogue-filters.test.mjs).
 */
async function signInToAccounts(page, email, password = DEMO_PASSWORD) {
  await page.goto(`${BASE_URL}/#/anmelden?weiter=konten`);
  await signInHere(page, email, password);
  await page.locator('#kopf-name').filter({ hasNotText: 'Angaben werden geladen' }).waitFor();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
}

/* The tokens this tab keeps (sessionStorage), or null. */
function storedSession(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('teilhabe.session') ?? 'null'));
}

/* The Konten view filtered down to the accounts containing text. */
async function filterAccounts(page, text) {
  const konten = view(page, 'Konten');
  await konten.getByRole('searchbox', { name: 'Name oder E-Mail-Adresse' }).fill(text);
  const listed = page.waitForResponse((r) => /\/api\/v1\/accounts(\?|$)/.test(r.url()) && r.status() !== 401);
  await konten.getByRole('button', { name: 'Filter anwenden' }).click();
  await listed;
  await page.locator('#konten-liste:not([aria-busy])').waitFor({ state: 'attached' });
  await page.getByRole('status').filter({ hasText: /(Konto|Konten) geladen\.|Keine Konten gefunden\./ }).waitFor();
  return konten;
}

/* The row of the account with this email address. */
const accountRow = (page, email) => view(page, 'Konten').getByRole('row').filter({ hasText: email });

describe('Anmeldung, Einladung, Konten und Mein Konto', () => {
  let browser;
  let officerName;
  /* The steering member the officer invites through the browser. */
  let invited = null;

  before(async () => {
    browser = await launchBrowser();
    officerName = await displayName(OFFICER);
  });

  after(async () => {
    await browser?.close();
  });

  const withPage = (fn, options) => withCheckedPage(browser, fn, options);

  test('Anmelden: die Integrationsbeauftragte sieht danach ihren Namen und ihre Rolle je Kommune', () => withPage(async (page) => {
    await page.goto(`${BASE_URL}/#/anmelden`);
    const heading = page.getByRole('heading', { level: 1, name: 'Anmelden' });
    await heading.waitFor();
    assert.equal(await page.title(), 'Anmelden – Teilhabe');
    assertNoViolations(await axeViolations(page));

    // Nothing entered: the errors sit at the fields, the focus at the first.
    await view(page, 'Anmelden').getByRole('button', { name: 'Anmelden' }).click();
    const email = view(page, 'Anmelden').getByLabel('E-Mail-Adresse');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await description(email), /Bitte geben Sie Ihre E-Mail-Adresse ein\./);
    assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'focus on the first field with an error');
    assertNoViolations(await axeViolations(page));

    // Officers land on the Übersicht of their Kommune (#12).
    await signInHere(page, OFFICER);
    await page.getByRole('heading', { level: 1, name: 'Übersicht: Musterstadt' }).waitFor();
    const banner = page.getByRole('banner');
    await banner.getByText(officerName).waitFor();
    assert.match(squash(await banner.innerText()), new RegExp(`Angemeldet als ${officerName.replace(/[()]/g, '\\$&')}`));
    assert.deepEqual(
      (await page.getByRole('list', { name: 'Ihre Rollen' }).getByRole('listitem').allInnerTexts()).map(squash),
      ['Musterstadt: Integrationsbeauftragte/r'],
    );
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    assert.ok(await nav.getByRole('link', { name: 'Konten' }).isVisible());
    assert.ok(await nav.getByRole('link', { name: 'Mein Konto' }).isVisible());
    assert.equal(await nav.getByRole('link', { name: 'Übersicht' }).getAttribute('aria-current'), 'page');
    assert.equal(await page.getByRole('link', { name: 'Anmelden', exact: true }).count(), 0, 'no sign-in link while signed in');
    assert.deepEqual(await focused(page), { tag: 'H1', text: 'Übersicht: Musterstadt' }, 'focus on the new view\'s heading');
    assert.match(await page.title(), /^Übersicht/);
    await nav.getByRole('link', { name: 'Konten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Konten' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Konten' }).getAttribute('aria-current'), 'page');
    assert.deepEqual(await focused(page), { tag: 'H1', text: 'Konten' }, 'focus on the new view\'s heading');
    assert.equal(await page.title(), 'Konten – Teilhabe');

    const tokens = await storedSession(page);
    assert.ok(tokens?.access_token && tokens?.refresh_token, 'both tokens are kept in sessionStorage');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');

    await view(page, 'Konten').getByRole('table').waitFor();
    assertNoViolations(await axeViolations(page));

    // A reload keeps the session of this tab.
    await page.reload();
    await banner.getByText(officerName).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Konten' }).waitFor();
  }));

  test('falsches Passwort: „E-Mail-Adresse oder Passwort ist falsch.“ als Alert, keine Verstöße', () => withPage(async (page) => {
    await page.goto(`${BASE_URL}/#/anmelden`);
    await signInHere(page, OFFICER, 'Teilhabe-Demo-2025');
    const alert = view(page, 'Anmelden').getByRole('alert');
    await alert.getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    assert.equal(squash(await alert.innerText()), 'E-Mail-Adresse oder Passwort ist falsch.');
    assert.equal(await storedSession(page), null, 'still signed out');
    assert.ok(await page.getByRole('link', { name: 'Anmelden', exact: true }).isVisible());
    assertNoViolations(await axeViolations(page));

    // The right password works at once (and clears the failure count).
    await view(page, 'Anmelden').getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await view(page, 'Anmelden').getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('banner').getByText(officerName).waitFor();
    assert.equal(squash(await page.locator('#anmelden-meldung').textContent()), '', 'the error is gone');
  }));

  test('zu viele Fehlversuche: Wartezeit aus Retry-After, auf Deutsch', () => withPage(async (page) => {
    // Lock an address no account has (the answer is the same as for one).
    const email = uniqueEmail('gesperrt');
    let locked = false;
    for (let i = 0; i < 40 && !locked; i++) {
      const res = await api('POST', 'auth/token', { body: { grant_type: 'password', username: email, password: 'falsch-falsch-falsch' } });
      assert.ok(res.status === 400 || res.status === 429, `attempt ${i}: ${res.status}`);
      locked = res.status === 429;
    }
    assert.ok(locked, 'the email address is locked after repeated failures');

    await page.goto(`${BASE_URL}/#/anmelden`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token'));
    await signInHere(page, email, 'falsch-falsch-falsch');
    const res = await answer;
    assert.equal(res.status(), 429);
    const seconds = Number(res.headers()['retry-after']);
    assert.ok(seconds >= 1, `Retry-After: ${res.headers()['retry-after']}`);
    const alert = view(page, 'Anmelden').getByRole('alert');
    await alert.getByText(/Zu viele Fehlversuche/).waitFor();
    assert.equal(
      squash(await alert.innerText()),
      `Zu viele Fehlversuche. Bitte in ${seconds} ${seconds === 1 ? 'Sekunde' : 'Sekunden'} erneut versuchen.`,
    );
    assertNoViolations(await axeViolations(page));
  }));

  test('Einladung: die Integrationsbeauftragte lädt ein, die Person legt ihr Passwort fest und ist Steuerungsgruppe in Musterstadt', async () => {
    const email = uniqueEmail('steuerung');
    const name = `Erika Beispiel ${RUN} (Fachbereich Soziales)`;
    const password = newPassword();
    let link;

    await withPage(async (page) => {
      await signInToAccounts(page, OFFICER);
      await view(page, 'Konten').getByRole('link', { name: 'Person einladen' }).click();
      const form = view(page, 'Person einladen');
      await page.getByRole('heading', { level: 1, name: 'Person einladen' }).waitFor();
      assert.deepEqual(await focused(page), { tag: 'H1', text: 'Person einladen' });
      assert.match(squash(await form.innerText()), /Teilhabe verschickt keine E-Mails\./);
      // An officer gives steering and partner roles in her own Kommune only.
      assert.deepEqual(await form.getByRole('combobox', { name: 'Kommune', exact: true }).locator('option').allInnerTexts(), ['Bitte wählen', 'Musterstadt']);
      assert.equal(await form.getByRole('combobox', { name: 'Kommune', exact: true }).inputValue(), MUSTERSTADT, 'her one Kommune is chosen already');
      assert.equal(await form.getByRole('radio', { name: 'Integrationsbeauftragte/r' }).count(), 0);
      assertNoViolations(await axeViolations(page));

      // Nothing entered: German errors at each field, tied to it.
      await form.getByRole('button', { name: 'Einladung erstellen' }).click();
      const emailField = form.getByRole('textbox', { name: 'E-Mail-Adresse' });
      assert.match(await description(emailField), /Bitte geben Sie die E-Mail-Adresse der Person ein\./);
      assert.match(await description(form.getByRole('textbox', { name: 'Name', exact: true })), /Bitte geben Sie den Namen der Person ein\./);
      assert.match(await description(form.getByRole('radio', { name: 'Steuerungsgruppe' })), /Bitte wählen Sie die Rolle\./);
      assert.equal(await emailField.evaluate((el) => el === document.activeElement), true);
      assertNoViolations(await axeViolations(page));

      // A partner needs an organisation of the Kommune.
      await form.getByRole('radio', { name: 'Partner (Organisation)' }).check();
      const orgs = form.getByRole('combobox', { name: 'Organisation' });
      await orgs.locator('option', { hasText: 'Gesamtschule Musterstadt' }).waitFor({ state: 'attached' });
      assert.ok((await orgs.locator('option').allInnerTexts()).includes('Caritasverband für den Musterkreis e.V.'));

      await emailField.fill(email);
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await form.getByRole('radio', { name: 'Steuerungsgruppe' }).check();
      assert.equal(await orgs.isVisible(), false, 'no organisation for the steering group');
      await form.getByRole('button', { name: 'Einladung erstellen' }).click();

      const result = page.getByRole('heading', { name: `Einladung für ${name} erstellt` });
      await result.waitFor();
      assert.deepEqual(await focused(page), { tag: 'H2', text: `Einladung für ${name} erstellt` });
      const box = view(page, 'Person einladen');
      const text = squash(await box.innerText());
      assert.match(text, /Teilhabe verschickt keine E-Mails\. Bitte geben Sie diesen Link selbst an/);
      assert.match(text, /gültig bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr und wird nur jetzt angezeigt/);
      const linkField = box.getByRole('textbox', { name: 'Einladungslink' });
      link = await linkField.inputValue();
      assert.match(link, new RegExp(`^${BASE_URL.replace(/[.]/g, '\\.')}/#/einladung\\?token=[A-Za-z0-9_-]{43}$`));
      assertNoViolations(await axeViolations(page));

      await box.getByRole('button', { name: 'Link kopieren' }).click();
      await box.getByRole('status').getByText('Der Link ist in die Zwischenablage kopiert.').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the link');
    }, { permissions: ['clipboard-read', 'clipboard-write'] });

    // The invited person, in a browser of their own, opens the link.
    await withPage(async (page) => {
      await page.goto(link);
      const form = view(page, 'Einladung annehmen');
      await page.getByRole('heading', { level: 1, name: 'Einladung annehmen' }).waitFor();
      assert.equal(await page.title(), 'Einladung annehmen – Teilhabe');
      assertNoViolations(await axeViolations(page));

      const first = form.getByLabel('Neues Passwort', { exact: true });
      const second = form.getByLabel('Neues Passwort wiederholen');
      await first.fill('zu-kurz');
      await second.fill('zu-kurz');
      await form.getByRole('button', { name: 'Passwort festlegen' }).click();
      assert.equal(await first.getAttribute('aria-invalid'), 'true');
      assert.match(await description(first), /^Fehler: Das Passwort muss mindestens 12 Zeichen lang sein\. Mindestens 12 Zeichen/);
      assertNoViolations(await axeViolations(page));

      await first.fill(password);
      await second.fill(`${password}x`);
      await form.getByRole('button', { name: 'Passwort festlegen' }).click();
      assert.match(await description(second), /Die beiden Passwörter stimmen nicht überein\./);
      assert.equal(await first.getAttribute('aria-invalid'), null, 'the earlier error is gone');
      assert.equal(await second.evaluate((el) => el === document.activeElement), true);

      await second.fill(password);
      await form.getByRole('button', { name: 'Passwort festlegen' }).click();
      await page.getByRole('heading', { name: 'Ihr Passwort ist festgelegt' }).waitFor();
      assert.match(squash(await form.innerText()), new RegExp(`E-Mail-Adresse ${email.replace(/[.]/g, '\\.')} und dem neuen Passwort`));
      assert.ok(!page.url().includes('token='), 'the used token left the address');
      assertNoViolations(await axeViolations(page));

      await form.getByRole('link', { name: 'Zur Anmeldung' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      assert.equal(await view(page, 'Anmelden').getByLabel('E-Mail-Adresse').inputValue(), email, 'the address is filled in');
      await view(page, 'Anmelden').getByLabel('Passwort', { exact: true }).fill(password);
      await view(page, 'Anmelden').getByRole('button', { name: 'Anmelden' }).click();

      await page.getByRole('banner').getByText(name).waitFor();
      assert.deepEqual(
        (await page.getByRole('list', { name: 'Ihre Rollen' }).getByRole('listitem').allInnerTexts()).map(squash),
        ['Musterstadt: Steuerungsgruppe'],
      );
      // The steering group lands on the Übersicht (#12); it reads the
      // accounts, but invites and changes none.
      await page.getByRole('heading', { level: 1, name: 'Übersicht: Musterstadt' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Konten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Konten' }).waitFor();
      await view(page, 'Konten').getByRole('table').waitFor();
      assert.equal(await view(page, 'Konten').getByRole('link', { name: 'Person einladen' }).count(), 0);
      assert.equal(await view(page, 'Konten').getByRole('columnheader', { name: 'Aktionen' }).count(), 0);
      assert.equal(await view(page, 'Konten').getByRole('button', { name: /Deaktivieren/ }).count(), 0);

      await page.getByRole('navigation').getByRole('link', { name: 'Mein Konto' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
      assert.match(squash(await view(page, 'Mein Konto').innerText()), /Rollen Musterstadt: Steuerungsgruppe/);

      // The link works once.
      await page.goto(link);
      const another = newPassword();
      await view(page, 'Einladung annehmen').getByLabel('Neues Passwort', { exact: true }).fill(another);
      await view(page, 'Einladung annehmen').getByLabel('Neues Passwort wiederholen').fill(another);
      await view(page, 'Einladung annehmen').getByRole('button', { name: 'Passwort festlegen' }).click();
      await view(page, 'Einladung annehmen').getByRole('alert')
        .getByText(/Diese Einladung ist ungültig, abgelaufen oder wurde schon verwendet\./).waitFor();
      assertNoViolations(await axeViolations(page));
    });

    const officer = await apiSignIn(OFFICER);
    const found = await api('GET', `accounts?q=${encodeURIComponent(email)}`, { token: officer.access_token });
    assert.equal(found.json.items.length, 1);
    invited = { id: found.json.items[0].id, email, name, password };
  });

  test('Einladungslink ohne Token: verständliche Meldung statt Formular', () => withPage(async (page) => {
    await page.goto(`${BASE_URL}/#/einladung`);
    await page.getByRole('heading', { level: 1, name: 'Einladung annehmen' }).waitFor();
    await view(page, 'Einladung annehmen').getByRole('alert').getByText('Der Einladungslink ist unvollständig.').waitFor();
    assert.equal(await view(page, 'Einladung annehmen').getByRole('button', { name: 'Passwort festlegen' }).count(), 0);
    assertNoViolations(await axeViolations(page));
  }));

  test('Konten: die Integrationsbeauftragte deaktiviert das eingeladene Konto, die Liste zeigt es als deaktiviert', async (t) => {
    if (!invited) {
      t.skip('needs the account invited in the test before');
      return;
    }
    // The invited person is signed in elsewhere.
    const theirs = await apiSignIn(invited.email, invited.password);

    await withPage(async (page) => {
      await signInToAccounts(page, OFFICER);
      await view(page, 'Konten').getByRole('table').waitFor();
      await filterAccounts(page, invited.email);
      const row = accountRow(page, invited.email);
      assert.match(squash(await row.innerText()), /Musterstadt: Steuerungsgruppe aktiv/);

      const toggle = row.getByRole('button', { name: `Deaktivieren: ${invited.name}` });
      await toggle.click();
      const dialog = page.getByRole('dialog', { name: 'Konto deaktivieren?' });
      await dialog.waitFor();
      assert.match(squash(await dialog.innerText()), new RegExp(`kann sich danach nicht mehr anmelden`));
      assertNoViolations(await axeViolations(page));
      await dialog.getByRole('button', { name: 'Konto deaktivieren' }).click();

      await page.getByRole('status').getByText(`Das Konto von ${invited.name} ist deaktiviert.`, { exact: false }).waitFor();
      await row.getByText('deaktiviert', { exact: true }).waitFor();
      const reactivate = row.getByRole('button', { name: `Reaktivieren: ${invited.name}` });
      assert.equal(await reactivate.evaluate((el) => el === document.activeElement), true, 'focus back on the row\'s button');

      // Disabled: no sign-in, and the running session has ended.
      const refused = await api('POST', 'auth/token', { body: { grant_type: 'password', username: invited.email, password: invited.password } });
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error, 'invalid_grant');
      assert.equal((await api('GET', 'me', { token: theirs.access_token })).status, 401);

      // The status filter finds it.
      await view(page, 'Konten').getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'deaktiviert' });
      await filterAccounts(page, invited.email);
      assert.match(squash(await accountRow(page, invited.email).innerText()), /deaktiviert/);
      await view(page, 'Konten').getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'aktiv' });
      await filterAccounts(page, invited.email);
      await view(page, 'Konten').getByText('Kein Konto passt zu diesen Filtern.').waitFor();
      assertNoViolations(await axeViolations(page));

      // A fresh list shows it as deaktiviert too.
      await page.reload();
      await filterAccounts(page, invited.email);
      await accountRow(page, invited.email).getByText('deaktiviert', { exact: true }).waitFor();
    });
  });

  test('Konten: ein reaktiviertes Konto meldet sich wieder an', async (t) => {
    if (!invited) {
      t.skip('needs the account invited before');
      return;
    }
    await withPage(async (page) => {
      await signInToAccounts(page, OFFICER);
      await filterAccounts(page, invited.email);
      const row = accountRow(page, invited.email);
      await row.getByRole('button', { name: `Reaktivieren: ${invited.name}` }).click();
      await page.getByRole('status').getByText(`Das Konto von ${invited.name} ist wieder aktiv.`).waitFor();
      await row.getByText('aktiv', { exact: true }).waitFor();
      await row.getByRole('button', { name: `Deaktivieren: ${invited.name}` }).waitFor();
    });
    await apiSignIn(invited.email, invited.password);
  });

  test('Konten: wurde das Konto inzwischen geändert (412), wird das gemeldet und die Zeile neu geladen', async () => {
    const account = await createAccount({ tag: 'gleichzeitig' });
    await withPage(async (page) => {
      await signInToAccounts(page, OFFICER);
      await filterAccounts(page, account.email);
      const row = accountRow(page, account.email);
      const toggle = row.getByRole('button', { name: `Deaktivieren: ${account.name}` });
      await toggle.click();
      const dialog = page.getByRole('dialog', { name: 'Konto deaktivieren?' });
      await dialog.waitFor();

      // Meanwhile someone else renames the account.
      const renamed = `${account.name} (umbenannt)`;
      const patch = await api('PATCH', `accounts/${account.id}`, { token: account.officerToken, body: { display_name: renamed } });
      assert.equal(patch.status, 200, patch.text);

      await dialog.getByRole('button', { name: 'Konto deaktivieren' }).click();
      const alert = view(page, 'Konten').getByRole('alert');
      await alert.getByText(/wurde nicht deaktiviert/).waitFor();
      assert.match(squash(await alert.innerText()), /Der Datensatz wurde inzwischen geändert\. Die aktuellen Angaben sind neu geladen/);
      await row.getByRole('rowheader').getByText(renamed, { exact: false }).waitFor();
      assert.match(squash(await row.innerText()), /aktiv/);
      const again = row.getByRole('button', { name: `Deaktivieren: ${renamed}` });
      assert.match(await description(again), /Der Datensatz wurde inzwischen geändert/, 'the message is tied to the button');
      assertNoViolations(await axeViolations(page));

      const doc = await api('GET', `accounts/${account.id}`, { token: account.officerToken });
      assert.equal(doc.json.status, 'active', 'nothing was changed');
    });
  });

  test('Konten: „Neuer Einladungslink“ für ein vergessenes Passwort; der Link setzt ein neues Passwort', async () => {
    const account = await createAccount({ tag: 'vergessen' });
    let link;
    await withPage(async (page) => {
      await signInToAccounts(page, OFFICER);
      await filterAccounts(page, account.email);
      const row = accountRow(page, account.email);
      const button = row.getByRole('button', { name: `Neuer Einladungslink: ${account.name}` });
      await button.click();
      const heading = page.getByRole('heading', { name: `Neuer Einladungslink für ${account.name}` });
      await heading.waitFor();
      assert.deepEqual(await focused(page), { tag: 'H2', text: `Neuer Einladungslink für ${account.name}` });
      const box = view(page, 'Konten').locator('#konten-einladungslink');
      const text = squash(await box.innerText());
      assert.match(text, /Teilhabe verschickt keine E-Mails\./);
      assert.match(text, /Frühere Einladungslinks dieses Kontos gelten nicht mehr\./);
      link = await box.getByRole('textbox', { name: 'Einladungslink' }).inputValue();
      assert.match(link, /#\/einladung\?token=[A-Za-z0-9_-]{43}$/);
      assert.match(squash(await row.innerText()), /Einladung offen bis \d{2}\.\d{2}\.\d{4}/);
      assertNoViolations(await axeViolations(page));

      await box.getByRole('button', { name: 'Hinweis schließen' }).click();
      assert.equal(await box.isVisible(), false);
      assert.equal(await button.evaluate((el) => el === document.activeElement), true, 'focus back on the row\'s button');
    });

    const token = new URL(link).hash.split('token=')[1];
    const password = newPassword();
    const accepted = await api('POST', 'auth/invitation', { body: { token, password } });
    assert.equal(accepted.status, 200, accepted.text);
    await apiSignIn(account.email, password);
  });

  test('Kreisadministration: alle Kommunen im Filter und beim Einladen, auch die Rolle Integrationsbeauftragte/r', () => withPage(async (page) => {
    const all = [];
    for (let cursor = null, i = 0; i < 50; i++) {
      const res = await api('GET', `municipalities?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...res.json.items.map((m) => m.name));
      cursor = res.json.next_cursor;
      if (!cursor) break;
    }
    all.sort((a, b) => a.localeCompare(b, 'de'));

    await signInToAccounts(page, 'kreis@musterkreis.example');
    assert.deepEqual(
      (await page.getByRole('list', { name: 'Ihre Rollen' }).getByRole('listitem').allInnerTexts()).map(squash),
      ['Kreisadministration (alle Kommunen)'],
    );
    await page.getByRole('heading', { level: 1, name: 'Konten' }).waitFor();
    const konten = view(page, 'Konten');
    await konten.getByRole('table').waitFor();
    const kommune = konten.getByRole('combobox', { name: 'Kommune', exact: true });
    await kommune.locator('option').nth(all.length).waitFor({ state: 'attached' });
    assert.deepEqual(await kommune.locator('option').allInnerTexts(), ['Alle Kommunen', ...all]);

    await konten.getByRole('link', { name: 'Person einladen' }).click();
    const form = view(page, 'Person einladen');
    await page.getByRole('heading', { level: 1, name: 'Person einladen' }).waitFor();
    await form.getByRole('combobox', { name: 'Kommune', exact: true }).locator('option').nth(all.length).waitFor({ state: 'attached' });
    assert.deepEqual(await form.getByRole('combobox', { name: 'Kommune', exact: true }).locator('option').allInnerTexts(), ['Bitte wählen', ...all]);
    assert.ok(await form.getByRole('radio', { name: 'Integrationsbeauftragte/r' }).isVisible());
    assertNoViolations(await axeViolations(page));
  }));

  test('Person einladen: Ablehnungen des Servers (409, 422, 403) stehen auf Deutsch bei den Feldern', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/konten/neu`);
    const form = view(page, 'Person einladen');
    await page.getByRole('heading', { level: 1, name: 'Person einladen' }).waitFor();
    const emailField = form.getByRole('textbox', { name: 'E-Mail-Adresse' });
    const submit = form.getByRole('button', { name: 'Einladung erstellen' });

    // 409: the address has an account already (any case).
    await emailField.fill(STEERING.toUpperCase());
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Doppelt Angelegt');
    await form.getByRole('radio', { name: 'Steuerungsgruppe' }).check();
    await submit.click();
    await form.getByRole('alert').getByText('Die Einladung konnte nicht erstellt werden.').waitFor();
    assert.match(await description(emailField), /Es gibt bereits ein Konto mit dieser E-Mail-Adresse\./);
    assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
    assert.equal(await emailField.evaluate((el) => el === document.activeElement), true);
    assertNoViolations(await axeViolations(page));

    // 422 with a pointer: the request names a Kommune where she is no officer
    // (the form offers none; the request is changed on its way out).
    const rewrite = (change) => page.route('**/api/v1/accounts', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData());
      change(body);
      return route.continue({ postData: JSON.stringify(body) });
    });
    await rewrite((body) => { body.memberships[0].municipality = MUSTERLINGEN; });
    await emailField.fill(uniqueEmail('fremd'));
    await submit.click();
    const kommune = form.getByRole('combobox', { name: 'Kommune' });
    await form.locator('#einladen-kommune-fehler').waitFor();
    assert.match(await description(kommune), /In dieser Kommune sind Sie nicht als Integrationsbeauftragte\/r eingetragen\./);
    assert.equal(await kommune.evaluate((el) => el === document.activeElement), true);
    assert.equal(await emailField.getAttribute('aria-invalid'), null, 'the earlier error is gone');
    assertNoViolations(await axeViolations(page));
    await page.unrouteAll();

    // 403: the officer role is the district admins' to give.
    await rewrite((body) => { body.memberships[0].role = 'officer'; });
    await emailField.fill(uniqueEmail('beauftragt'));
    await submit.click();
    const alert = form.getByRole('alert');
    await alert.getByText(/ernennt nur die Kreisadministration/).waitFor();
    assert.equal(
      squash(await alert.innerText()),
      'Die Einladung konnte nicht erstellt werden. Integrationsbeauftragte und weitere Mitglieder der Kreisadministration ernennt nur die Kreisadministration.',
    );
    assertNoViolations(await axeViolations(page));
  }));

  test('Konten: Filter nach Rolle und Status, „Weitere Konten laden“ folgt next_cursor', async () => {
    const tag = `Filterprobe ${RUN}`;
    const officer = await apiSignIn(OFFICER);
    const orgs = await api('GET', `organisations?municipality=${MUSTERSTADT}&limit=200`, { token: officer.access_token });
    const caritas = orgs.json.items.find((o) => /^Caritas/.test(o.name));
    assert.ok(caritas, 'Caritas serves Musterstadt');
    const a = await createAccount({ tag: 'filter-a', name: `${tag} Anna` });
    const b = await createAccount({ tag: 'filter-b', name: `${tag} Bernd` });
    const c = await createAccount({ tag: 'filter-c', name: `${tag} Cem`, role: 'partner', organisationId: caritas.id });
    const off = await api('PATCH', `accounts/${b.id}`, { token: officer.access_token, body: { status: 'disabled' } });
    assert.equal(off.status, 200, off.text);

    await withPage(async (page) => {
      await signInAs(page, OFFICER);
      // One account per request.
      await page.goto(`${BASE_URL}/#/konten?limit=1`);
      await page.getByRole('heading', { level: 1, name: 'Konten' }).waitFor();
      const konten = await filterAccounts(page, tag);
      const rows = konten.locator('table tbody tr');
      const more = konten.getByRole('button', { name: 'Weitere Konten laden' });
      assert.equal(await rows.count(), 1);
      await more.click();
      await rows.nth(1).waitFor();
      await more.click();
      await rows.nth(2).waitFor();
      await more.waitFor({ state: 'detached' });
      const names = (await konten.getByRole('rowheader').allInnerTexts()).map((x) => squash(x).split(' e2e-')[0]);
      assert.deepEqual(names, [a.name, b.name, c.name], 'every account once, by name');
      assert.match(squash(await page.getByRole('status').filter({ hasText: 'insgesamt' }).innerText()), /insgesamt 3\./);
      assert.match(squash(await accountRow(page, c.email).innerText()), /Musterstadt: Partner \(Caritasverband für den Musterkreis e\.V\.\)/);

      await konten.getByRole('combobox', { name: 'Rolle', exact: true }).selectOption({ label: 'Partner (Organisation)' });
      await filterAccounts(page, tag);
      assert.deepEqual((await konten.getByRole('rowheader').allInnerTexts()).map((x) => squash(x).split(' e2e-')[0]), [c.name]);
      assert.match(squash(await konten.locator('caption').innerText()), /Rolle: Partner \(Organisation\)/);

      await konten.getByRole('combobox', { name: 'Rolle', exact: true }).selectOption({ label: 'Alle Rollen' });
      await konten.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'deaktiviert' });
      await konten.getByRole('combobox', { name: 'Kommune', exact: true }).selectOption({ label: 'Musterstadt' });
      await filterAccounts(page, tag);
      assert.deepEqual((await konten.getByRole('rowheader').allInnerTexts()).map((x) => squash(x).split(' e2e-')[0]), [b.name]);
      assertNoViolations(await axeViolations(page));
    });
  });

  test('Konten auf schmalem Bildschirm (320 px): kein seitliches Scrollen der Seite, keine Verstöße', () => withPage(async (page) => {
    await signInToAccounts(page, OFFICER);
    await view(page, 'Konten').getByRole('table').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `page is ${width}px wide at a 320px viewport`);
    assertNoViolations(await axeViolations(page));
  }, { viewport: { width: 320, height: 640 } }));

  test('Partner sehen die Kontenverwaltung nicht (auf schmalem Bildschirm, 320 px)', () => withPage(async (page) => {
    const partnerName = await displayName(PARTNER);
    await signInAs(page, PARTNER);
    await page.getByRole('banner').getByText(partnerName).waitFor();
    const roles = (await page.getByRole('list', { name: 'Ihre Rollen' }).getByRole('listitem').allInnerTexts()).map(squash);
    assert.ok(roles.includes('Musterstadt: Partner (Caritasverband für den Musterkreis e.V.)'), roles.join(' | '));
    assert.equal(roles.length, 3, 'one line per Kommune');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    assert.equal(await nav.getByRole('link', { name: 'Konten' }).count(), 0, 'no Konten in the navigation');
    assert.ok(await nav.getByRole('link', { name: 'Mein Konto' }).isVisible());
    // Partners land on their measures (#11).
    await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
    await page.locator('#katalog-status').filter({ hasText: /(Maßnahme|Maßnahmen) geladen\.|Keine Maßnahmen gefunden\./ }).waitFor();
    // Long names and three Kommunen still fit a narrow screen (WCAG 1.4.10).
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `page is ${width}px wide at a 320px viewport`);
    assertNoViolations(await axeViolations(page));

    // Typed in by hand: refused in German, no list requested.
    let listed = false;
    page.on('request', (req) => { if (/\/api\/v1\/accounts(\?|$)/.test(req.url())) listed = true; });
    await page.goto(`${BASE_URL}/#/konten`);
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    assert.match(squash(await view(page, 'Kein Zugriff').innerText()), /Die Konten sehen Integrationsbeauftragte, die Steuerungsgruppe und die Kreisadministration\./);
    assert.equal(listed, false);
    assertNoViolations(await axeViolations(page));
  }, { viewport: { width: 320, height: 640 } }));

  test('Mein Konto: Passwort ändern – falsches aktuelles Passwort, Wiederholung, Erfolg', async () => {
    const account = await createAccount({ tag: 'passwort' });
    const other = await apiSignIn(account.email, account.password); // another device
    const changed = newPassword();

    await withPage(async (page) => {
      await signInAs(page, account.email, account.password);
      await page.getByRole('navigation').getByRole('link', { name: 'Mein Konto' }).click();
      const mine = view(page, 'Mein Konto');
      await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
      assert.deepEqual(await focused(page), { tag: 'H1', text: 'Mein Konto' });
      const text = squash(await mine.innerText());
      assert.match(text, new RegExp(`E-Mail-Adresse ${account.email.replace(/[.]/g, '\\.')}`));
      assert.match(text, /Rollen Musterstadt: Steuerungsgruppe/);
      assertNoViolations(await axeViolations(page));

      const current = mine.getByLabel('Aktuelles Passwort');
      const next = mine.getByLabel('Neues Passwort', { exact: true });
      const repeat = mine.getByLabel('Neues Passwort wiederholen');
      const submit = mine.getByRole('button', { name: 'Passwort ändern' });

      await current.fill('das-ist-nicht-meins');
      await next.fill(changed);
      await repeat.fill(changed);
      await submit.click();
      await mine.locator('#passwort-aktuell-fehler').waitFor();
      assert.equal(await description(current), 'Fehler: Das aktuelle Passwort ist falsch.');
      assert.equal(await current.getAttribute('aria-invalid'), 'true');
      assert.equal(await current.evaluate((el) => el === document.activeElement), true);
      assert.match(squash(await mine.getByRole('alert').innerText()), /^Das Passwort wurde nicht geändert\./);
      assertNoViolations(await axeViolations(page));

      await current.fill(account.password);
      await repeat.fill(`${changed}!`);
      await submit.click();
      assert.match(await description(repeat), /Die beiden Passwörter stimmen nicht überein\./);

      await repeat.fill(changed);
      await submit.click();
      await mine.getByRole('status').getByText('Ihr Passwort ist geändert.').waitFor();
      assert.equal(await current.inputValue(), '', 'the fields are emptied');
      assert.equal(await current.getAttribute('aria-invalid'), null);
      assertNoViolations(await axeViolations(page));

      // This window stays signed in.
      await page.reload();
      await page.getByRole('banner').getByText(account.name).waitFor();
    });

    assert.equal((await api('POST', 'auth/token', { body: { grant_type: 'password', username: account.email, password: account.password } })).status, 400, 'the old password is refused');
    await apiSignIn(account.email, changed);
    const refreshed = await api('POST', 'auth/token', { body: { grant_type: 'refresh_token', refresh_token: other.refresh_token } });
    assert.equal(refreshed.status, 400, 'the other device\'s session has ended');
  });

  test('Abmelden: zurück im abgemeldeten Zustand, der alte Refresh-Token gilt nicht mehr', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    const tokens = await storedSession(page);
    assert.ok(tokens?.refresh_token);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await view(page, 'Anmelden').getByRole('status').getByText('Sie haben sich abgemeldet.').waitFor();
    assert.deepEqual(await focused(page), { tag: 'H1', text: 'Anmelden' });
    assert.equal(await storedSession(page), null, 'sessionStorage is empty');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.ok(await page.getByRole('link', { name: 'Anmelden', exact: true }).isVisible());
    assert.equal(await page.getByRole('button', { name: 'Abmelden' }).count(), 0);
    assert.equal(await page.getByRole('banner').getByText(officerName).count(), 0, 'no name in the header');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    assert.equal(await nav.getByRole('link', { name: 'Konten' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Mein Konto' }).count(), 0);
    assertNoViolations(await axeViolations(page));

    const refresh = await api('POST', 'auth/token', { body: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token } });
    assert.equal(refresh.status, 400, `the old refresh token: ${refresh.status} ${refresh.text}`);
    assert.equal(refresh.json.error, 'invalid_grant');
    assert.equal((await api('GET', 'me', { token: tokens.access_token })).status, 401, 'the old access token too');

    // A protected view now asks to sign in, and goes on there afterwards.
    await page.goto(`${BASE_URL}/#/mein-konto`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await view(page, 'Anmelden').getByText('Bitte melden Sie sich an, um diese Seite zu sehen.').waitFor();
    await signInHere(page, OFFICER);
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
  }));

  test('Sitzung: kurz vor Ablauf und nach einer 401 wird der Zugang einmal erneuert, danach geht es weiter', () => withPage(async (page) => {
    await signInToAccounts(page, OFFICER);
    await view(page, 'Konten').getByRole('table').waitFor();
    const grants = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/api/v1/auth/token')) grants.push(JSON.parse(req.postData()).grant_type);
    });

    // About to expire: renewed before the request.
    const before = await storedSession(page);
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('teilhabe.session'));
      s.expires_at = Date.now() + 20_000;
      sessionStorage.setItem('teilhabe.session', JSON.stringify(s));
    });
    await filterAccounts(page, '');
    await view(page, 'Konten').getByRole('table').waitFor();
    assert.deepEqual(grants, ['refresh_token'], 'one refresh');
    const renewed = await storedSession(page);
    assert.notEqual(renewed.refresh_token, before.refresh_token, 'a new refresh token');
    assert.ok(renewed.expires_at > Date.now() + 600_000, 'a fresh access token');

    // Refused access token (401): one refresh, the request is repeated.
    grants.length = 0;
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('teilhabe.session'));
      s.access_token = 'abgelaufen';
      sessionStorage.setItem('teilhabe.session', JSON.stringify(s));
    });
    const statuses = [];
    page.on('response', (res) => { if (/\/api\/v1\/accounts(\?|$)/.test(res.url())) statuses.push(res.status()); });
    await filterAccounts(page, '');
    await view(page, 'Konten').getByRole('table').waitFor();
    assert.deepEqual(statuses, [401, 200]);
    assert.deepEqual(grants, ['refresh_token']);
    assert.equal(await view(page, 'Konten').getByRole('alert').innerText(), '', 'no error shown');

    // The session ended elsewhere: back to the sign-in, with a German reason.
    const now = await storedSession(page);
    const revoked = await api('POST', 'auth/revoke', { body: { token: now.refresh_token } });
    assert.equal(revoked.status, 200);
    await view(page, 'Konten').getByRole('button', { name: 'Filter anwenden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await view(page, 'Anmelden').getByText('Ihre Anmeldung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.').waitFor();
    assert.equal(await storedSession(page), null);
    assert.ok(await page.getByRole('link', { name: 'Anmelden', exact: true }).isVisible());
    assertNoViolations(await axeViolations(page));
  }));
});
