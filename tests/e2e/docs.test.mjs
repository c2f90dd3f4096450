/*
 * /docs/: the API reference rendered by Redoc from /openapi.yaml, with
 * everything served by our own host.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, newPage } from './helpers.mjs';

describe('API-Dokumentation', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('zeigt die von Redoc gerenderte "Teilhabe API"', async () => {
    const page = await newPage(browser);
    try {
      // Redoc parses the whole openapi.yaml (some 400 KB) on the page's
      // main thread: on a loaded machine the page answers nothing for many
      // seconds. What is checked is that it renders, not how fast (speed
      // is for `make bench`), so every wait on this page is generous.
      page.setDefaultTimeout(120_000);
      const res = await page.goto(`${BASE_URL}/docs/`);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      const title = page.locator('redoc').getByRole('heading', { level: 1 }).first();
      await title.waitFor();
      assert.match(await title.innerText(), /^Teilhabe API/);
      assert.equal((await page.locator('#docs-fehler').textContent()).trim(), '', 'no error message');
      assert.ok(await page.getByRole('link', { name: '/openapi.yaml' }).first().isVisible());
      await page.waitForLoadState('networkidle');
      assert.deepEqual(page.foreignRequests, [], 'nothing is loaded from other hosts');
    } finally {
      await page.context().close();
    }
  });

  test('die OpenAPI-Beschreibung ist unter /openapi.yaml abrufbar', async () => {
    const res = await fetch(`${BASE_URL}/openapi.yaml`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^openapi: *["']?3\.1/m);
  });
});
