/*
 * The start page and /docs/ as the service itself serves them (no nginx in
 * front): a Content-Security-Policy without inline script, no framing, a
 * Referrer-Policy, and both pages still render with nothing the policy
 * refuses.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, newPage } from './helpers.mjs';

/* Records CSP violations: the browser's console reports and the DOM event. */
async function watchCsp(page) {
  const violations = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction('reportCspViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.reportCspViolation(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  return violations;
}

function assertHeaders(res) {
  const h = res.headers();
  const csp = h['content-security-policy'] ?? '';
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.split(/\s+/)[0] === name);
  assert.ok(csp, 'a Content-Security-Policy header is sent');
  assert.equal(directive('script-src'), "script-src 'self'", 'scripts come from this host only, none inline');
  assert.equal(directive('frame-ancestors'), "frame-ancestors 'none'");
  assert.equal(directive('object-src'), "object-src 'none'");
  assert.equal(h['x-frame-options'], 'DENY');
  assert.equal(h['referrer-policy'], 'same-origin');
  assert.equal(h['x-content-type-options'], 'nosniff');
}

describe('Sicherheitsheader der Seiten', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('die Startseite trägt die Header und zeigt die Kommunen ohne CSP-Verstoß', async () => {
    const page = await newPage(browser);
    try {
      const violations = await watchCsp(page);
      const res = await page.goto(`${BASE_URL}/`);
      assert.equal(res.status(), 200);
      assertHeaders(res);
      await page.getByRole('table').waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(violations, [], 'nothing is refused by the policy');
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });

  test('/docs/ trägt die Header und Redoc rendert ohne CSP-Verstoß', async () => {
    const page = await newPage(browser);
    try {
      const violations = await watchCsp(page);
      const res = await page.goto(`${BASE_URL}/docs/`);
      assert.equal(res.status(), 200);
      assertHeaders(res);
      const title = page.locator('redoc').getByRole('heading', { level: 1 }).first();
      await title.waitFor({ timeout: 45_000 }); /* Redoc is slow on a busy machine */
      assert.match(await title.innerText(), /^Teilhabe API/);
      await page.waitForLoadState('networkidle');
      assert.deepEqual(violations, [], 'nothing is refused by the policy');
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });
});
