/*
 * axe-core (WCAG 2.1 A/AA) on the start page, in its normal state and in its
 * error states. The errors are provoked in the browser (page.route) by
 * failing the page's own request to the API: the server is not mocked.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, assertNoViolations, axeViolations, launchBrowser, newPage, squash,
} from './helpers.mjs';

const API_LIST = /\/api\/v1\/municipalities(\?|$)/;

describe('Barrierefreiheit der Startseite (axe-core, WCAG 2.1 AA)', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  // bypassCSP: axe is injected as an inline script, which a deployment's
  // Content-Security-Policy (web/nginx.conf) rightly forbids.
  async function withPage(fn, options) {
    const page = await newPage(browser, { bypassCSP: true, ...options });
    try {
      await fn(page);
    } finally {
      await page.context().close();
    }
  }


  test('Startseite mit Tabelle: keine Verstöße', () => withPage(async (page) => {
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('table').waitFor();
    assertNoViolations(await axeViolations(page));
  }));

  test('Startseite auf schmalem Bildschirm (320 px): kein seitliches Scrollen der Seite, keine Verstöße', () => withPage(async (page) => {
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('table').waitFor();
    // WCAG 1.4.10 Reflow: only the table scrolls sideways, in its own region.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `page is ${width}px wide at a 320px viewport`);
    assertNoViolations(await axeViolations(page));
  }, { viewport: { width: 320, height: 640 } }));

  test('Fehlerzustand bei Serverfehler: Meldung mit Detail als Alert, keine Verstöße', () => withPage(async (page) => {
    await page.route(API_LIST, (route) => route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'Die Datenbank ist vorübergehend nicht erreichbar.',
      }),
    }));
    await page.goto(`${BASE_URL}/`);
    const alert = page.getByRole('alert');
    await alert.getByText('Die Kommunen konnten nicht geladen werden.').waitFor();
    assert.match(squash(await alert.innerText()), /Die Datenbank ist vorübergehend nicht erreichbar\./);
    assert.ok(await page.getByRole('button', { name: 'Erneut versuchen' }).isVisible());
    assertNoViolations(await axeViolations(page));
  }));

  test('Fehlerzustand ohne Netz: Meldung als Alert, erneuter Versuch lädt die Tabelle', () => withPage(async (page) => {
    let fail = true;
    await page.route(API_LIST, (route) => (fail ? route.abort('connectionrefused') : route.continue()));
    await page.goto(`${BASE_URL}/`);
    const alert = page.getByRole('alert');
    await alert.getByText('Die Kommunen konnten nicht geladen werden.').waitFor();
    assert.match(squash(await alert.innerText()), /Server ist nicht erreichbar/);
    assertNoViolations(await axeViolations(page));

    fail = false;
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await page.getByRole('table').waitFor();
    assert.equal(squash(await alert.textContent()), '', 'the error message is gone');
  }));
});
