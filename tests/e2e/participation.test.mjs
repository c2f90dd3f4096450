/*
 * Beteiligung in the browser (js/participation/):
 *   - the officer (integration@musterstadt.example) enters a Beitrag from an
 *     offline format with its Handlungsfeld, which is listed under that
 *     Handlungsfeld at once, and moderates two online Beiträge: one
 *     freigegeben, one abgelehnt with a Begründung;
 *   - „auswerten“ asks first and then deletes the authors' contact data;
 *   - a partner (migrationsdienst@caritas-musterkreis.example) sees in the
 *     list exactly the Beteiligungsformate shared with partners or public or
 *     organised by the own organisation, and of another format only its
 *     freigegebene Beiträge, without authors and without the Moderation.
 * axe-core checks each page.
 *
 * The file brings its own data, named with RUN, made through the API; the
 * online Beiträge come through the public route. What the browser did is
 * read back through the API, and the partner's expected list is counted
 * from the officer's list by the visibility rule of the contract.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN,
  api, assertNoViolations, axeViolations, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const ONLINE = `Online-Befragung Elternarbeit ${RUN}`;
const INTERNAL = `Interne Interviewreihe ${RUN}`;
const OFFLINE_TEXT = `Mehr Sprachkurse mit Kinderbetreuung am Vormittag (${RUN}).`;
const ONLINE_GOOD = `Elternabende in mehreren Sprachen anbieten (${RUN}).`;
const ONLINE_BAD = `Werbung für einen Onlineshop (${RUN}).`;
const REASON = 'Kein Bezug zur Integrationsarbeit.';

async function ok(expected, promise, what) {
  const res = await promise;
  assert.equal(res.status, expected, `${what}: ${res.status} ${res.text}`);
  return res.json;
}

async function accessToken(email) {
  const body = await ok(200, api('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
  }), `sign-in of ${email}`);
  return body.access_token;
}

async function all(path, token) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await ok(200, api('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), `GET ${path}`);
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) return items;
  }
  throw new Error(`GET ${path}: next_cursor did not end`);
}

async function setStatus(token, id, status) {
  const current = await api('GET', `${M}/consultations/${id}`, { token });
  return ok(200, api('PATCH', `${M}/consultations/${id}`, {
    token, body: { status }, headers: { 'If-Match': current.headers.get('etag') },
  }), `consultation ${id} → ${status}`);
}

describe('Beteiligung: Beiträge erfassen und moderieren, was Partner sehen', () => {
  let browser;
  let tokens;
  let field;
  let online;
  let internal;

  before(async () => {
    browser = await launchBrowser();
    tokens = { officer: await accessToken(OFFICER), partner: await accessToken(PARTNER) };
    const fields = await all(`${M}/action-fields`, tokens.officer);
    assert.ok(fields.length > 0, 'Musterstadt has Handlungsfelder');
    [field] = fields;
    online = await ok(201, api('POST', `${M}/consultations`, {
      token: tokens.officer,
      body: {
        kind: 'online_survey', title: ONLINE, target_group: 'Eltern', starts_on: '2026-11-01', ends_on: '2026-12-31', visibility: 'public',
      },
    }), 'creating the online survey');
    internal = await ok(201, api('POST', `${M}/consultations`, {
      token: tokens.officer,
      body: {
        kind: 'interview_series', title: INTERNAL, starts_on: '2026-10-01', visibility: 'internal',
      },
    }), 'creating the internal interviews');
    await setStatus(tokens.officer, online.id, 'open');
    for (const text of [ONLINE_GOOD, ONLINE_BAD]) {
      await ok(202, api('POST', `public/${M}/consultations/${online.id}/contributions`, {
        body: {
          text, author_name: 'Erika Muster', author_contact: 'erika@example.org', privacy_accepted: true, website: '',
        },
      }), 'an online contribution');
    }
  });

  after(async () => {
    await browser?.close();
  });

  const openConsultation = async (page, title, id) => {
    await page.goto(`${BASE_URL}/#/beteiligung/${id}?kommune=${MUSTERSTADT}`);
    const section = view(page, title);
    await section.locator('#beteiligungsformat-status').filter({ hasText: /geladen\.$/ }).waitFor();
    return section;
  };

  test('Integrationsbeauftragte erfassen einen Beitrag und moderieren die Online-Beiträge', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/beteiligung?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Beteiligung');
    const row = list.locator('#beteiligung-tabelle tbody tr').filter({ hasText: ONLINE });
    await row.waitFor();
    assert.match(squash(await row.innerText()), /Online-Befragung .*Eltern geöffnet 0 freigegeben, 2 warten, 0 abgelehnt/);
    assertNoViolations(await axeViolations(page));

    await row.getByRole('link', { name: ONLINE }).click();
    const section = view(page, ONLINE);
    await section.locator('#beteiligungsformat-status').filter({ hasText: /geladen\.$/ }).waitFor();
    // The offline contribution: approved at once, under its Handlungsfeld.
    const form = section.getByRole('form', { name: 'Beitrag erfassen' });
    await form.getByLabel('Beitrag', { exact: true }).fill(OFFLINE_TEXT);
    await form.getByLabel('Handlungsfeld (freiwillig)').selectOption({ label: field.name });
    await form.getByLabel('Quelle (freiwillig)').fill('Moderationskarte');
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Beitrag speichern' }).click();
    await section.locator('#beteiligungsformat-status').filter({ hasText: 'Der Beitrag ist gespeichert und freigegeben.' }).waitFor();
    const group = section.locator(`ul[data-action-field="${field.name}"]`);
    await group.getByText(OFFLINE_TEXT).waitFor();

    // The moderation queue: the two online ones, with their author for staff.
    const queue = section.locator('#beitraege-wartend > li');
    assert.equal(await queue.count(), 2);
    const good = queue.filter({ hasText: ONLINE_GOOD });
    assert.match(squash(await good.innerText()), /online eingereicht .*von Erika Muster, erika@example\.org/);
    await good.getByRole('button', { name: /^Freigeben/ }).click();
    await section.locator('#beteiligungsformat-status').filter({ hasText: 'Der Beitrag ist freigegeben.' }).waitFor();
    const bad = section.locator('#beitraege-wartend > li').filter({ hasText: ONLINE_BAD });
    await bad.getByRole('button', { name: /^Ablehnen/ }).click();
    const reject = bad.getByRole('form', { name: /^Beitrag ablehnen/ });
    // No reason: the field says so, nothing is sent.
    await reject.getByRole('button', { name: 'Ablehnen' }).click();
    await reject.getByText('Bitte begründen Sie die Ablehnung.').waitFor();
    await reject.getByLabel('Begründung der Ablehnung').fill(REASON);
    assertNoViolations(await axeViolations(page));
    await reject.getByRole('button', { name: 'Ablehnen' }).click();
    await section.locator('#beteiligungsformat-status').filter({ hasText: 'Der Beitrag ist abgelehnt.' }).waitFor();
    await section.getByText('Kein Beitrag wartet auf die Freigabe.').waitFor();

    const stored = await all(`${M}/consultations/${online.id}/contributions`, tokens.officer);
    const by = (text) => stored.find((c) => c.text === text);
    assert.equal(stored.length, 3);
    assert.deepEqual(
      [by(OFFLINE_TEXT).moderation, by(OFFLINE_TEXT).origin, String(by(OFFLINE_TEXT).action_field?.id)],
      ['approved', 'entered', String(field.id)],
    );
    assert.equal(by(ONLINE_GOOD).moderation, 'approved');
    assert.deepEqual([by(ONLINE_BAD).moderation, by(ONLINE_BAD).rejection_reason], ['rejected', REASON]);
    assertNoViolations(await axeViolations(page));
  }));

  test('Auswerten fragt nach und löscht die Kontaktdaten der Einreichenden', () => withCheckedPage(browser, async (page) => {
    await setStatus(tokens.officer, online.id, 'closed');
    await signInAs(page, OFFICER);
    const section = await openConsultation(page, ONLINE, online.id);
    // closed, not yet evaluated: what the event brought is still entered
    await section.getByRole('form', { name: 'Beitrag erfassen' }).waitFor();
    await section.getByRole('button', { name: 'Beteiligung auswerten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Beteiligung auswerten?' });
    await dialog.waitFor();
    assert.match(squash(await dialog.innerText()), /Kontaktangaben .* endgültig gelöscht/);
    assertNoViolations(await axeViolations(page));
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    const still = await ok(200, api('GET', `${M}/consultations/${online.id}`, { token: tokens.officer }), 'GET consultation');
    assert.equal(still.status, 'closed');

    await section.getByRole('button', { name: 'Beteiligung auswerten' }).click();
    await dialog.getByRole('button', { name: 'Auswerten und Kontaktdaten löschen' }).click();
    await section.locator('#beteiligungsformat-status').filter({ hasText: 'jetzt ausgewertet' }).waitFor();
    const stored = await all(`${M}/consultations/${online.id}/contributions`, tokens.officer);
    assert.deepEqual(stored.filter((c) => c.author_name || c.author_contact), []);
    await page.reload();
    const evaluated = view(page, ONLINE);
    await evaluated.locator('#beteiligungsformat-status').filter({ hasText: /geladen\.$/ }).waitFor();
    await evaluated.getByRole('heading', { name: /^Beiträge/ }).first().waitFor();
    assert.equal(await evaluated.getByRole('form', { name: 'Beitrag erfassen' }).count(), 0, 'an evaluated Beteiligung takes no more');
    assert.equal(await section.getByText('Erika Muster').count(), 0);
  }));

  test('Partner sehen nur, was mit ihnen geteilt ist', () => withCheckedPage(browser, async (page) => {
    const me = await ok(200, api('GET', 'me', { token: tokens.partner }), 'GET /me of the partner');
    const orgs = new Set(me.memberships.filter((m) => m.municipality?.ags === MUSTERSTADT && m.organisation)
      .map((m) => String(m.organisation.id)));
    // Expected from the officer's list, by the contract's rule.
    const everything = await all(`${M}/consultations`, tokens.officer);
    const organised = async (c) => {
      const doc = await ok(200, api('GET', `${M}/consultations/${c.id}`, { token: tokens.officer }), 'GET consultation');
      return (doc.organisers ?? []).some((o) => orgs.has(String(o.id)));
    };
    const expected = [];
    for (const c of everything) {
      if (c.visibility !== 'internal' || await organised(c)) expected.push(c.title);
    }
    assert.ok(expected.includes(ONLINE) && !expected.includes(INTERNAL), 'the rule sees the test data as meant');

    await signInAs(page, PARTNER);
    await page.goto(`${BASE_URL}/#/beteiligung?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Beteiligung');
    await list.locator('#beteiligung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    const shown = await list.locator('#beteiligung-tabelle tbody th a').allInnerTexts();
    assert.deepEqual([...shown].sort(), [...expected].sort());
    assert.equal(await list.getByText('Neues Beteiligungsformat').isVisible(), false);
    assertNoViolations(await axeViolations(page));

    const section = await openConsultation(page, ONLINE, online.id);
    await section.getByText(ONLINE_GOOD).waitFor();
    assert.equal(await section.getByText(ONLINE_BAD).count(), 0, 'a rejected contribution stays hidden');
    assert.equal(await section.getByRole('heading', { name: /^Moderation/ }).count(), 0);
    assert.equal(await section.getByRole('form', { name: 'Beitrag erfassen' }).count(), 0);
    assert.equal(await section.getByRole('button', { name: /Beteiligung/ }).isVisible(), false);
    assertNoViolations(await axeViolations(page));

    // The internal one is not found for the partner.
    await page.goto(`${BASE_URL}/#/beteiligung/${internal.id}?kommune=${MUSTERSTADT}`);
    await page.getByRole('heading', { name: 'Beteiligungsformat nicht gefunden' }).waitFor();
  }));
  test('Integrationsbeauftragte legen ein Format mit veranstaltender Organisation und Konzept an; deren Partner erfassen Beiträge', () => withCheckedPage(browser, async (page) => {
    const TITLE = `Themenforum Wohnen ${RUN}`;
    const TEXT = `Mehr Wohnungen für große Familien (${RUN}).`;
    const orgs = await all(`organisations?municipality=${MUSTERSTADT}`, tokens.officer);
    const caritas = orgs.find((o) => o.name === 'Caritasverband für den Musterkreis e.V.');
    assert.ok(caritas, 'the Caritas serves Musterstadt');
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/beteiligung?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Beteiligung');
    await list.locator('#beteiligung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    await list.getByText('Neues Beteiligungsformat').click();
    const form = list.getByRole('form', { name: 'Neues Beteiligungsformat' });
    await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Themenforum' });
    await form.getByLabel('Titel', { exact: true }).fill(TITLE);
    await form.getByLabel('Beginn', { exact: true }).fill('2026-11-20');
    await form.getByRole('checkbox', { name: caritas.name }).check();
    const concept = form.getByLabel('Zum Integrationskonzept (freiwillig)');
    const option = concept.locator('option').nth(1);
    await option.waitFor({ state: 'attached' });
    const conceptId = await option.getAttribute('value');
    await concept.selectOption(conceptId);
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Beteiligungsformat anlegen' }).click();
    const section = view(page, TITLE);
    await section.locator('#beteiligungsformat-status').filter({ hasText: /geladen\.$/ }).waitFor();
    await section.getByText(caritas.name).first().waitFor();
    const created = (await all(`${M}/consultations`, tokens.officer)).find((c) => c.title === TITLE);
    assert.ok(created, 'the Beteiligungsformat is stored');
    const doc = await ok(200, api('GET', `${M}/consultations/${created.id}`, { token: tokens.officer }), 'GET consultation');
    assert.deepEqual(doc.organisers.map((o) => String(o.id)), [String(caritas.id)]);
    assert.equal(String(doc.concept?.id), conceptId);
    assert.equal(doc.kind, 'theme_forum');

    await setStatus(tokens.officer, created.id, 'open');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await signInAs(page, PARTNER);
    const mine = await openConsultation(page, TITLE, created.id);
    const entry = mine.getByRole('form', { name: 'Beitrag erfassen' });
    await entry.getByLabel('Beitrag', { exact: true }).fill(TEXT);
    await entry.getByRole('button', { name: 'Beitrag speichern' }).click();
    await mine.getByText(TEXT).waitFor();
    const stored = await all(`${M}/consultations/${created.id}/contributions`, tokens.officer);
    assert.deepEqual(stored.map((c) => [c.text, c.moderation]), [[TEXT, 'pending']]);
    assertNoViolations(await axeViolations(page));
  }));
});
