/*
 * helpers.mjs: shared set-up of the browser tests (not a test file itself).
 *
 * BASE_URL names the running server (e.g. http://127.0.0.1:8080); the tests
 * use Debian's chromium through playwright-core and never download a browser.
 */

import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The server under test, without a trailing slash. Throws when unset. */
export const BASE_URL = (() => {
  const raw = process.env.BASE_URL;
  if (!raw) {
    throw new Error(
      'BASE_URL is not set. Start the server and run e.g.\n' +
      '  BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/',
    );
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`BASE_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  return url.href.replace(/\/+$/, '');
})();

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch headless chromium (CHROMIUM_PATH or /usr/bin/chromium). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh page in its own context (German locale, Berlin time), that
 * records every request leaving BASE_URL's origin in page.foreignRequests,
 * except those the page's own Content-Security-Policy stopped in the browser.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const origin = new URL(BASE_URL).origin;
  page.foreignRequests = [];
  page.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) page.foreignRequests.push(url);
  });
  page.on('requestfailed', (req) => {
    if (!/csp/i.test(req.failure()?.errorText ?? '')) return;
    page.foreignRequests = page.foreignRequests.filter((url) => url !== req.url());
  });
  page.pageErrors = [];
  page.on('pageerror', (err) => page.pageErrors.push(err));
  return page;
}

/** GET BASE_URL + path as JSON from Node (not through the browser). */
export async function fetchJson(path) {
  const res = await fetch(`${BASE_URL}${path}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** All municipalities the API lists (follows next_cursor). */
export async function fetchAllMunicipalities() {
  const all = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const qs = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await fetchJson(`/api/v1/municipalities?limit=200${qs}`);
    all.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) return all;
  }
  throw new Error('GET /api/v1/municipalities: next_cursor did not end after 50 pages');
}

/**
 * Run axe-core (from node_modules) on the page against WCAG 2.0/2.1 A and
 * AA. Returns the violations, each reduced to what a reader needs.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

/** Collapse runs of whitespace, including no-break spaces, to one space. */
export function squash(text) {
  return String(text).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** The numbers as a German reader expects them. */
export const de = {
  integer: (n) => new Intl.NumberFormat('de-DE').format(n),
  percent: (p) => `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(p)} %`,
  date: (iso) => iso.split('-').reverse().join('.'),
};
