/*
 * helpers.mjs: shared set-up of the browser tests (not a test file itself).
 *
 * BASE_URL names the running server (e.g. http://127.0.0.1:8080); the tests
 * use Debian's chromium through playwright-core and never download a browser.
 *
 * The test server trusts X-Forwarded-For from 127.0.0.1: the browser and the
 * requests made from Node send ADDR, an address of the test file's own (each
 * file runs in a process of its own), so its failed sign-ins cannot lock out
 * another file.
 */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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

/* ----------------------------------------------------------- demo data */

export const DEMO_PASSWORD = 'Teilhabe-Demo-2026';
export const OFFICER = 'integration@musterstadt.example';
export const STEERING = 'buergermeisterin@musterstadt.example';
export const PARTNER = 'migrationsdienst@caritas-musterkreis.example';
export const MUSTERSTADT = '05999004';
export const MUSTERLINGEN = '05999008';

/* This file's client address (see above), and a tag unique to this run. */
export const ADDR = `10.${200 + (process.pid & 31)}.${(process.pid >> 5) & 255}.${1 + Math.floor(Math.random() * 250)}`;
export const RUN = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;

/* ----------------------------------------------------------------- API */

/** A request from Node, as this file's client address: {status, json, text, headers}. */
export async function api(method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(`${BASE_URL}/api/v1/${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      'X-Forwarded-For': ADDR,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text, headers: res.headers };
}

/* ------------------------------------------------------------- browser */

export function assertNoViolations(violations) {
  assert.deepEqual(violations, [], `axe found violations:\n${JSON.stringify(violations, null, 2)}`);
}

/** The visible view: the <section> named by its heading. */
export const view = (page, name) => page.getByRole('region', { name, exact: true });

/** The texts an element's aria-describedby points to. */
export async function description(locator) {
  return squash(await locator.evaluate((el) => (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')));
}

/** The text of the focused element, and its tag. */
export function focused(page) {
  return page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() }));
}

/**
 * Runs fn with a fresh page (newPage) that sends ADDR, then asserts that
 * the page threw no script error and loaded nothing from other hosts.
 * bypassCSP: axe is injected as an inline script (see accessibility.test.mjs).
 */
export async function withCheckedPage(browser, fn, options = {}) {
  const page = await newPage(browser, {
    bypassCSP: true,
    ...options,
    extraHTTPHeaders: { 'X-Forwarded-For': ADDR, ...options.extraHTTPHeaders },
  });
  try {
    await fn(page);
    assert.deepEqual(page.pageErrors.map(String), [], 'no script errors');
    assert.deepEqual(page.foreignRequests, [], 'nothing is loaded from other hosts');
  } finally {
    await page.context().close();
  }
}

/** Fills in and sends the sign-in form of the page shown. */
export async function signInHere(page, email, password = DEMO_PASSWORD) {
  const form = view(page, 'Anmelden');
  await form.getByLabel('E-Mail-Adresse').fill(email);
  await form.getByLabel('Passwort', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Anmelden' }).click();
}

/** Opens /#/anmelden and signs in; waits until the header names the person. */
export async function signInAs(page, email, password = DEMO_PASSWORD) {
  await page.goto(`${BASE_URL}/#/anmelden`);
  await signInHere(page, email, password);
  await page.locator('#kopf-name').filter({ hasNotText: 'Angaben werden geladen' }).waitFor();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
}
