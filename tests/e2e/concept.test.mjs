/*
 * The Integrationskonzept in the browser (js/concept/): an officer starts a
 * version as a copy of the adopted one, edits it, adds, edits, reorders
 * (keyboard, „Nach oben“) and deletes Leitziele, moves it into
 * Beteiligung, meets a stale change (412: „Inzwischen geändert – neu
 * laden“); adds and renames a Handlungsfeld (a duplicate name is shown at
 * the field); the steering group records the Beschluss (date, Drucksache)
 * and sees it in the version list; a partner sees no edit controls. axe-core
 * finds no violation on any of these views.
 *
 * Works in Musterstadt with its own concept and Handlungsfeld, named with
 * RUN; adopting it archives the concept adopted before (as
 * catalogue.test.mjs does).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN, STEERING,
  api, assertNoViolations, axeViolations, focused, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const TITLE = `Integrationskonzept E2E ${RUN}`;
const GOAL_A = `Leitziel A ${RUN}: Alle lernen Deutsch.`;
const GOAL_B = `Leitziel B ${RUN}: Vielfalt wird gelebt.`;
const FIELD = `Sport ${RUN}`;
const FIELD_NEW = `Sport und Freizeit ${RUN}`;

async function accessToken(email) {
  const res = await api('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
  });
  assert.equal(res.status, 200, res.text);
  return res.json.access_token;
}

/* The texts of the Leitziele list, in order. */
async function goalTitles(page) {
  return page.locator('#leitziele-liste .edit-list__title').allInnerTexts();
}

describe('Integrationskonzept, Leitziele und Handlungsfelder im Browser', () => {
  let browser;
  let conceptId = null;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('Integrationsbeauftragte: Version als Kopie anlegen, bearbeiten, Leitziele pflegen, in Beteiligung geben', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Integrationskonzept' }).click();
    const list = view(page, 'Integrationskonzept');
    await list.getByRole('table').waitFor();
    assert.equal(await list.getByLabel('Kommune', { exact: true }).inputValue(), MUSTERSTADT);
    assertNoViolations(await axeViolations(page));

    // A copy of the adopted version is offered first.
    const source = list.getByLabel('Beginnen mit');
    const adopted = await source.evaluate((s) => s.options[s.selectedIndex].textContent);
    assert.match(adopted, /einer Kopie von Version \d+ .*\(beschlossen\)/);
    await list.getByLabel('Titel', { exact: true }).fill(TITLE);
    await list.getByRole('button', { name: 'Version anlegen' }).click();
    const created = list.locator('#konzepte-neu-status');
    await created.filter({ hasText: 'ist als Entwurf angelegt' }).waitFor();
    assert.match(squash(await created.innerText()), /mit den Leitzielen und Maßnahmen der Vorlage/);
    const row = list.getByRole('row').filter({ hasText: TITLE });
    assert.match(squash(await row.innerText()), /Entwurf/);
    await created.getByRole('link').click();

    await view(page, TITLE).locator('#leitziele-liste .edit-list__title').first().waitFor();
    const detail = page.locator('#ansicht-konzept'); // its heading (the title) changes below
    conceptId = /konzepte\/(\d+)/.exec(page.url())[1];
    const copied = (await goalTitles(page)).length;
    assert.ok(copied > 0, 'the copy has the Leitziele of the adopted version');
    assertNoViolations(await axeViolations(page));

    // Title: an empty one is refused at the field, then a new one is saved.
    const title = detail.getByLabel('Titel', { exact: true });
    await title.fill('  ');
    await detail.getByRole('button', { name: 'Speichern' }).click();
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    await title.fill(`${TITLE} (überarbeitet)`);
    await detail.getByRole('button', { name: 'Speichern' }).click();
    await detail.locator('#konzept-form-status').filter({ hasText: 'gespeichert' }).waitFor();
    assert.equal(await page.locator('#konzept-titel').innerText(), `${TITLE} (überarbeitet)`);

    // Two Leitziele at the end.
    for (const goal of [GOAL_A, GOAL_B]) {
      await detail.getByLabel('Leitziel', { exact: true }).fill(goal);
      await detail.getByRole('button', { name: 'Leitziel hinzufügen' }).click();
      await detail.locator('#leitziel-neu-status').filter({ hasText: goal }).waitFor();
    }
    assert.deepEqual((await goalTitles(page)).slice(-2), [GOAL_A, GOAL_B]);

    // B one place up, by keyboard; the focus stays on B's button.
    const up = detail.getByRole('button', { name: `Nach oben (Leitziel ${copied + 2}: ${GOAL_B})` });
    await up.focus();
    await page.keyboard.press('Enter');
    await detail.locator('#leitziele-status').filter({ hasText: `an Stelle ${copied + 1} von ${copied + 2}` }).waitFor();
    assert.deepEqual((await goalTitles(page)).slice(-2), [GOAL_B, GOAL_A]);
    assert.match((await focused(page)).text, new RegExp(`^Nach oben \\(Leitziel ${copied + 1}: Leitziel B`));
    // …and down again with the keyboard.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await detail.locator('#leitziele-status').filter({ hasText: `an Stelle ${copied + 2} von` }).waitFor();
    assert.deepEqual((await goalTitles(page)).slice(-2), [GOAL_A, GOAL_B]);

    // Edit A in place.
    await detail.getByRole('button', { name: `Bearbeiten (Leitziel ${copied + 1}: ${GOAL_A})` }).click();
    const editor = detail.getByRole('form', { name: `Leitziel ${copied + 1} bearbeiten` });
    await editor.getByLabel('Leitziel', { exact: true }).fill(`${GOAL_A} Geändert.`);
    await editor.getByLabel('Erläuterung (freiwillig)').fill('Mit Sprachkursen für alle Altersgruppen.');
    await editor.getByRole('button', { name: 'Speichern' }).click();
    await detail.locator('#leitziele-status').filter({ hasText: `Leitziel ${copied + 1} ist gespeichert` }).waitFor();
    assert.equal((await goalTitles(page))[copied], `${GOAL_A} Geändert.`);

    // Delete B after the confirmation.
    await detail.getByRole('button', { name: `Löschen (Leitziel ${copied + 2}: ${GOAL_B})` }).click();
    const dialog = page.getByRole('dialog', { name: 'Leitziel löschen?' });
    await dialog.waitFor();
    assert.match(squash(await dialog.innerText()), new RegExp(`„${GOAL_B}“ wird gelöscht`));
    assertNoViolations(await axeViolations(page));
    await dialog.getByRole('button', { name: 'Leitziel löschen' }).click();
    await detail.locator('#leitziele-status').filter({ hasText: 'ist gelöscht' }).waitFor();
    const left = await goalTitles(page);
    assert.equal(left.length, copied + 1);
    assert.ok(!left.includes(GOAL_B));

    // A change made elsewhere meanwhile: the save is refused and explained.
    const token = await accessToken(OFFICER);
    const res = await api('PATCH', `${M}/concepts/${conceptId}`, { token, body: { summary: `Anderswo geändert ${RUN}` } });
    assert.equal(res.status, 200, res.text);
    await title.fill(`${TITLE} (zweite Fassung)`);
    await detail.getByRole('button', { name: 'Speichern' }).click();
    const alert = detail.locator('#konzept-form .alert-region');
    await alert.filter({ hasText: 'Inzwischen geändert – neu laden' }).waitFor();
    assertNoViolations(await axeViolations(page));
    await alert.getByRole('button', { name: 'Neu laden' }).click();
    await detail.locator('#konzept-angaben').filter({ hasText: `Anderswo geändert ${RUN}` }).waitFor();
    assert.equal(await title.inputValue(), `${TITLE} (überarbeitet)`);

    // Into Beteiligung; the Beschluss is not offered to officers.
    assert.equal(await detail.locator('#beschluss-form').isVisible(), false);
    await detail.getByRole('button', { name: 'In die Beteiligung geben' }).click();
    await detail.locator('#konzept-stand-status').filter({ hasText: 'jetzt in Beteiligung' }).waitFor();
    assert.match(await page.locator('#konzept-kennung').innerText(), /in Beteiligung/);
    assert.ok(await detail.getByRole('button', { name: 'Zurück in den Entwurf' }).isVisible());
  }));

  test('Integrationsbeauftragte: Handlungsfeld hinzufügen und umbenennen', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/konzept?kommune=${MUSTERSTADT}`);
    await view(page, 'Integrationskonzept').getByRole('link', { name: 'Handlungsfelder von Musterstadt' }).click();
    const fields = view(page, 'Handlungsfelder');
    await fields.locator('#handlungsfelder-liste li').first().waitFor();
    assertNoViolations(await axeViolations(page));

    await fields.getByLabel('Name', { exact: true }).fill(FIELD);
    await fields.getByRole('button', { name: 'Handlungsfeld hinzufügen' }).click();
    await fields.locator('#handlungsfeld-neu-status').filter({ hasText: `„${FIELD}“ ist hinzugefügt` }).waitFor();

    // The same name again (other case): shown at the field.
    const name = fields.getByLabel('Name', { exact: true });
    await name.fill(FIELD.toUpperCase());
    await fields.getByRole('button', { name: 'Handlungsfeld hinzufügen' }).click();
    await fields.locator('#handlungsfeld-neu-name-fehler').filter({ hasText: 'gibt es in der Kommune schon' }).waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assertNoViolations(await axeViolations(page));

    await fields.getByRole('button', { name: `Umbenennen (Handlungsfeld ${FIELD})` }).click();
    const editor = fields.getByRole('form', { name: `Handlungsfeld „${FIELD}“ umbenennen` });
    await editor.getByLabel('Name').fill(FIELD_NEW);
    await page.keyboard.press('Enter');
    await fields.locator('#handlungsfelder-status').filter({ hasText: `heißt jetzt „${FIELD_NEW}“` }).waitFor();
    const names = await fields.locator('.edit-list__title').allInnerTexts();
    assert.ok(names.includes(FIELD_NEW) && !names.includes(FIELD));
    assert.match((await focused(page)).text, new RegExp(`^Umbenennen \\(Handlungsfeld ${FIELD_NEW}\\)`));
  }));

  test('Steuerungsgruppe: Beschluss mit Datum und Drucksache erfassen und in der Übersicht sehen', () => withCheckedPage(browser, async (page) => {
    assert.ok(conceptId, 'the officer test created the concept');
    await signInAs(page, STEERING);
    await page.goto(`${BASE_URL}/#/konzepte/${conceptId}?kommune=${MUSTERSTADT}`);
    const detail = view(page, `${TITLE} (überarbeitet)`);
    await detail.locator('#leitziele-liste .edit-list__title').first().waitFor();
    // no editing for the steering group
    assert.equal(await detail.getByRole('button', { name: /^Bearbeiten/ }).count(), 0);
    assert.equal(await detail.locator('#konzept-bearbeiten').isVisible(), false);
    assertNoViolations(await axeViolations(page));

    const form = detail.locator('#beschluss-form');
    await form.getByRole('button', { name: 'Beschluss erfassen' }).click();
    assert.equal(await form.getByLabel('Datum des Beschlusses').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Datum des Beschlusses').fill('2026-11-26');
    await form.getByLabel('Drucksache').fill(`Drucksache ${RUN}/2026`);
    await form.getByRole('button', { name: 'Beschluss erfassen' }).click();
    await detail.locator('#beschluss-status').filter({ hasText: 'Der Beschluss ist erfasst' }).waitFor();
    assert.match(squash(await detail.locator('#konzept-angaben').innerText()),
      new RegExp(`Beschluss am 26\\.11\\.2026, Drucksache ${RUN}/2026`));

    await detail.getByRole('link', { name: 'Zurück zu den Versionen' }).click();
    const list = view(page, 'Integrationskonzept');
    const row = list.getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    assert.match(squash(await row.innerText()), new RegExp(`beschlossen am 26\\.11\\.2026, Drucksache ${RUN}/2026`));
    assert.equal(await list.locator('#konzepte-neu').isVisible(), false, 'no new versions for the steering group');
  }));

  test('Partner: lesen ohne Bearbeitungselemente', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, PARTNER);
    await page.goto(`${BASE_URL}/#/konzept?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Integrationskonzept');
    await list.getByRole('table').waitFor();
    assert.equal(await list.locator('#konzepte-neu').isVisible(), false);
    assert.equal(await list.getByRole('row').filter({ hasText: 'Entwurf' }).count(), 0, 'partners see no drafts');
    assertNoViolations(await axeViolations(page));

    await list.getByRole('link', { name: `${TITLE} (überarbeitet)` }).click();
    const detail = view(page, `${TITLE} (überarbeitet)`);
    await detail.locator('#leitziele-liste .edit-list__title').first().waitFor();
    assert.equal(await detail.getByRole('button').count(), 0, 'no buttons for partners');
    assert.equal(await detail.locator('form:visible').count(), 0, 'no forms for partners');
    assert.match(await detail.locator('#konzept-hinweis').innerText(), /lesen, aber nicht ändern/);
    assertNoViolations(await axeViolations(page));

    await page.goto(`${BASE_URL}/#/handlungsfelder?kommune=${MUSTERSTADT}`);
    const fields = view(page, 'Handlungsfelder');
    await fields.locator('#handlungsfelder-liste li').first().waitFor();
    assert.equal(await fields.getByRole('button').count(), 0);
    assert.equal(await fields.locator('#handlungsfeld-neu').isVisible(), false);
    assertNoViolations(await axeViolations(page));
  }));
});
