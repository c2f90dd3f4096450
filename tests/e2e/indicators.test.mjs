/*
 * Kennzahlen in the browser, signed in: the list of a Kommune with every
 * indicator the person may see and its status in words, the page of one
 * Kennzahl with its chart (uPlot's canvas), the data table beside it, the
 * breakdowns, recording a Messwert (officer) and who is offered the form
 * (partners only for indicators of their measures). Every view is checked
 * with axe-core (WCAG 2.1 AA), the page also at 390 px.
 *
 * Reads the demo indicators of Musterstadt and their observations (no
 * other file changes them); what it records it records in an internal
 * Kennzahl of its own, made through the API.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADDR, BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN,
  api, assertNoViolations, axeViolations, launchBrowser, newPage, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const EMPLOYMENT = 'Beschäftigungsquote von Ausländerinnen und Ausländern';
const NATURALISATION = 'Einbürgerungsquote';
const GUIDES = 'Zahl der aktiven Integrationslotsinnen und -lotsen';

async function ok(expected, promise, what) {
  const res = await promise;
  assert.equal(res.status, expected, `${what}: ${res.status} ${res.text}`);
  return res.json;
}

async function accessToken(email) {
  return (await ok(200, api('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
  }), `sign-in of ${email}`)).access_token;
}

let browser;
let officer;
let demo; // name -> indicator
let own; // the internal indicator of this file

before(async () => {
  browser = await launchBrowser();
  officer = await accessToken(OFFICER);
  const list = await ok(200, api('GET', `${M}/indicators?limit=200`, { token: officer }), 'indicators');
  demo = Object.fromEntries(list.items.map((k) => [k.name, k]));
  own = await ok(201, api('POST', `${M}/indicators`, {
    token: officer,
    body: {
      name: `E2E Kennzahl intern ${RUN}`, unit: 'Personen', direction: 'higher_is_better', source_set: 'local',
      visibility: 'internal', baseline_value: 10, baseline_date: '2024-12-31', target_value: 30, target_date: '2028-12-31',
    },
  }), 'creating the internal indicator');
});

after(async () => {
  await browser?.close();
});

const withPage = (fn, options) => withCheckedPage(browser, fn, options);

async function openList(page) {
  await page.goto(`${BASE_URL}/#/kommunen/${MUSTERSTADT}/kennzahlen`);
  await page.getByRole('heading', { level: 1, name: 'Kennzahlen: Musterstadt' }).waitFor();
  await page.locator('#kennzahlen-status').filter({ hasText: /geladen\./ }).waitFor();
}

async function openIndicator(page, k) {
  await page.goto(`${BASE_URL}/#/kommunen/${MUSTERSTADT}/kennzahlen/${k.id}`);
  await page.getByRole('heading', { level: 1, name: k.name }).waitFor();
  await page.locator('#kennzahl-diagramm canvas').waitFor();
}

/* The data table's rows as their cells' visible texts. */
async function tableRows(page) {
  return (await page.locator('#kennzahl-messwerte tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => {
    const copy = c.cloneNode(true);
    for (const el of copy.querySelectorAll('.visually-hidden')) el.remove();
    return copy.textContent;
  })))).map((cells) => cells.map(squash));
}

describe('Kennzahlen', () => {
  test('Liste: Integrationsbeauftragte sehen interne, für Partner sichtbare und öffentliche Kennzahlen mit Stand in Worten', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    // The navigation entry leads to the Kennzahlen of the person's Kommune.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kennzahlen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kennzahlen: Musterstadt' }).waitFor();
    await page.locator('#kennzahlen-status').filter({ hasText: /geladen\./ }).waitFor();
    assert.match(page.url(), /#\/kommunen\/05999004\/kennzahlen$/);

    const row = (name) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const cell = async (name, i) => squash(await row(name).locator('td').nth(i).innerText());
    assert.equal(await cell(own.name, 3), 'keine Daten');
    assert.equal(await cell(own.name, 4), 'intern (Verwaltung und Steuerungsgruppe)');
    assert.equal(await cell(EMPLOYMENT, 3), 'gefährdet');
    assert.equal(await cell(EMPLOYMENT, 4), 'öffentlich');
    assert.equal(await cell('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', 3), 'nicht im Plan');
    assert.equal(await cell('Anteil der Beschäftigten der Verwaltung mit Migrationshintergrund', 4), 'für Partner sichtbar');
    assert.equal(await cell('Teilnehmende an Integrationskursen', 3), 'Ziel erreicht');
    assert.match(await cell(EMPLOYMENT, 0), /^48,8 % 30\.06\.2025$/);
    assertNoViolations(await axeViolations(page));

    await row(EMPLOYMENT).getByRole('link', { name: EMPLOYMENT }).click();
    await page.getByRole('heading', { level: 1, name: EMPLOYMENT }).waitFor();
    assert.match(page.url(), new RegExp(`#/kommunen/05999004/kennzahlen/${demo[EMPLOYMENT].id}$`));
  }));

  test('Kennzahl: Diagramm, Datentabelle mit den Messwerten, Zielpfad und Zeitreihenbruch; Aufschlüsselung wechselt die Tabelle', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await openIndicator(page, demo[EMPLOYMENT]);
    const region = view(page, EMPLOYMENT);
    assert.equal(await region.getByRole('img', { name: /^Liniendiagramm: 7 Messwerte \(Insgesamt\)/ }).count(), 1);
    assert.ok(await page.locator('#kennzahl-legende').getByText('Zielpfad (Ausgangswert bis Zielwert)').isVisible());
    assert.ok(await page.locator('#kennzahl-legende').getByText('Zeitreihenbruch').isVisible());

    const table = region.getByRole('table', { name: /Messwerte – Insgesamt/ });
    await table.waitFor();
    const headers = (await table.locator('thead th').allInnerTexts()).map(squash);
    assert.deepEqual(headers, ['Stichtag', 'Zeitraum ab', 'Wert', 'Zielpfad', 'Grenze „im Plan“', 'Grenze „gefährdet“', 'Zeitreihenbruch', 'Quelle']);
    const rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => [r[0], r[2]]), [
      ['30.06.2019', '44,6'], ['30.06.2020', '43,9'], ['30.06.2021', '44,8'], ['30.06.2022', '46,5'],
      ['30.06.2023', '48'], ['30.06.2024', '47,9'], ['30.06.2025', '48,8'],
    ]);
    // The target line: 48 on 30.06.2023 to 56 on 30.06.2030; a year on, 48 + 8·366/2557.
    const expected2024 = 48 + (8 * 366) / 2557;
    const de = (v) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(v);
    const row2024 = rows.find((r) => r[0] === '30.06.2024');
    assert.equal(row2024[3], de(expected2024));
    assert.equal(row2024[4], de(expected2024 - 0.10 * 8));
    assert.equal(row2024[5], de(expected2024 - 0.25 * 8));
    assert.equal(row2024[6], 'ja', 'the series break is marked');
    assert.equal(rows.find((r) => r[0] === '30.06.2019')[3], '–', 'no target line before the baseline');
    assertNoViolations(await axeViolations(page));

    // By sex: only the women's value.
    const choice = region.getByLabel('Aufschlüsselung');
    await choice.selectOption({ label: 'Geschlecht: weiblich (1)' });
    await region.getByRole('table', { name: /Messwerte – Geschlecht: weiblich/ }).waitFor();
    assert.deepEqual((await tableRows(page)).map((r) => [r[0], r[2]]), [['30.06.2025', '41,2']]);
    assert.equal(await region.getByRole('columnheader', { name: 'Zielpfad' }).count(), 0, 'the target line is for the totals');
    assert.equal(await region.getByRole('img', { name: /^Liniendiagramm: 1 Messwerte \(Geschlecht: weiblich\)/ }).count(), 1);
    await choice.selectOption({ label: 'Altersgruppe: 15 bis unter 25 (1)' });
    assert.deepEqual((await tableRows(page)).map((r) => [r[0], r[2]]), [['30.06.2025', '36,5']]);
    assertNoViolations(await axeViolations(page));
  }));

  test('Messwert erfassen: Fehler am Feld, dann gespeichert und in der Datentabelle; doppelter Stichtag wird erklärt', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await openIndicator(page, own);
    const form = page.locator('#messwert-form');
    assert.equal(await page.getByRole('heading', { name: 'Messwert erfassen' }).isVisible(), true);
    assert.deepEqual(await tableRows(page), [['Es sind keine Messwerte erfasst.']]);

    await form.getByLabel('Stichtag oder Ende des Zeitraums').fill('2025-12-31');
    await form.getByLabel('Wert', { exact: true }).fill('zwölf');
    await form.getByRole('button', { name: 'Messwert speichern' }).click();
    const value = form.getByLabel('Wert', { exact: true });
    assert.equal(await value.getAttribute('aria-invalid'), 'true');
    assert.match(squash(await page.locator('#messwert-wert-fehler').innerText()), /Bitte geben Sie eine Zahl ein/);

    await value.fill('14,5');
    await form.getByLabel('Quelle', { exact: true }).fill(`E2E ${RUN}`);
    await form.getByRole('button', { name: 'Messwert speichern' }).click();
    await page.locator('#messwert-gespeichert').filter({ hasText: 'steht in der Tabelle der Messwerte' }).waitFor();
    const rows = await tableRows(page);
    assert.equal(rows.length, 1);
    assert.equal(rows[0][0], '31.12.2025');
    assert.equal(rows[0][2], '14,5');
    assert.equal(rows[0][7], `E2E ${RUN}`);
    // Against the line from 10 (31.12.2024) to 30 (31.12.2028): 365 of 1461 days gone.
    assert.equal(rows[0][3], new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(10 + (20 * 365) / 1461));
    assert.match(squash(await page.locator('#kennzahl-angaben').innerText()), /Stand im Plan/);

    // A value by sex: saved, and the table shows that breakdown.
    await form.getByLabel('Stichtag oder Ende des Zeitraums').fill('2025-12-31');
    await form.getByLabel('Wert', { exact: true }).fill('6');
    await form.getByLabel('Geschlecht').selectOption({ label: 'weiblich' });
    await form.getByRole('button', { name: 'Messwert speichern' }).click();
    await page.getByRole('table', { name: /Messwerte – Geschlecht: weiblich/ }).waitFor();
    assert.deepEqual((await tableRows(page)).map((r) => [r[0], r[2]]), [['31.12.2025', '6']]);
    assert.equal(await page.getByLabel('Aufschlüsselung').inputValue(), JSON.stringify([null, 'female', null]));

    // The same date and breakdown again: 409, said in German.
    await form.getByLabel('Stichtag oder Ende des Zeitraums').fill('2025-12-31');
    await form.getByLabel('Wert', { exact: true }).fill('15');
    await form.getByRole('button', { name: 'Messwert speichern' }).click();
    await form.getByRole('alert').getByText('schon ein Messwert erfasst').waitFor();
    assertNoViolations(await axeViolations(page));
  }));

  test('Partner: Eingabe nur bei Kennzahlen ihrer Maßnahmen', () => withPage(async (page) => {
    await signInAs(page, PARTNER);
    await openIndicator(page, demo[NATURALISATION]);
    await page.locator('#kennzahl-messwerte').waitFor();
    assert.equal(await page.locator('#messwert-neu').isVisible(), false, 'no measure of the Caritas: no form');
    assert.equal(await page.getByRole('heading', { name: 'Messwert erfassen' }).count(), 0);
    assertNoViolations(await axeViolations(page));

    // The Lotsen are the Caritas' measure: the form is there.
    await openIndicator(page, demo[GUIDES]);
    await page.getByRole('heading', { name: 'Messwert erfassen' }).waitFor();

    // The partner's list has no internal Kennzahl.
    await openList(page);
    assert.equal(await page.getByRole('rowheader', { name: own.name }).count(), 0);
    assert.equal(await page.getByRole('rowheader', { name: EMPLOYMENT, exact: true }).count(), 1);
  }));

  test('das Diagramm hält die Content-Security-Policy ein: uPlot von diesem Host, keine Verletzung', async () => {
    const page = await newPage(browser, { extraHTTPHeaders: { 'X-Forwarded-For': ADDR } });
    const refused = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) refused.push(msg.text());
    });
    const vendor = [];
    page.on('response', (res) => {
      if (res.url().includes('/vendor/uplot/')) vendor.push([new URL(res.url()).pathname, res.status()]);
    });
    try {
      await signInAs(page, OFFICER);
      await openIndicator(page, demo[EMPLOYMENT]);
      await page.locator('#kennzahl-legende li').first().waitFor();
      assert.deepEqual(vendor.sort(), [['/vendor/uplot/uPlot.iife.min.js', 200], ['/vendor/uplot/uPlot.min.css', 200]]);
      assert.deepEqual(refused, []);
      assert.deepEqual(page.pageErrors.map(String), []);
      assert.deepEqual(page.foreignRequests, []);
    } finally {
      await page.context().close();
    }
  });

  test('Kennzahl auf schmalem Bildschirm (390 px): kein seitliches Scrollen, keine Verstöße', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await openIndicator(page, demo[EMPLOYMENT]);
    await page.locator('#kennzahl-messwerte').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide at a 390px viewport`);
    const canvas = await page.locator('#kennzahl-diagramm canvas').boundingBox();
    assert.ok(canvas.width <= 390 && canvas.width >= 250, `the chart is ${canvas.width}px wide`);
    assertNoViolations(await axeViolations(page));
  }, { viewport: { width: 390, height: 844 } }));
});
