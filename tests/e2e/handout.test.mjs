/*
 * The meeting handout (#12): „Sitzungsunterlage drucken“ on the Übersicht
 * and on the Maßnahmenkatalog, printed to PDF by chromium with the page's
 * own @page rules (Playwright's page.pdf with preferCSSPageSize) and read
 * back with pdftotext (poppler-utils): the title, the Kommune and „Stand:
 * <today>“ on every page, „Seite N von M“ on every page, the orientation
 * the person chose, no navigation, no column cut off, and in the
 * catalogue's handout every measure code of the Kommune's catalogue,
 * grouped by Handlungsfeld. „Als CSV herunterladen (Excel)“ gives a file
 * with a BOM, `;` as separator and every measure. axe-core on both views.
 *
 * window.print is replaced by a counter: the print dialog cannot be driven
 * headless; the PDF is what it would print. Reads the demo data of
 * Musterstadt, the demo concept (version 2) by its id (other files may
 * adopt another); changes nothing.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, STEERING,
  api, assertNoViolations, axeViolations, launchBrowser, signInAs, squash, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const dir = mkdtempSync(join(tmpdir(), 'teilhabe-handout-'));

async function ok(promise, what) {
  const res = await promise;
  assert.equal(res.status, 200, `${what}: ${res.status} ${res.text}`);
  return res.json;
}

async function token(email) {
  return (await ok(api('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
  }), `sign-in of ${email}`)).access_token;
}

/* Every item of a list (next_cursor to its end). */
async function all(path, bearer) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await ok(api('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: bearer }), path);
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) return items;
  }
  throw new Error(`${path}: no end`);
}

/* Opens the Übersicht of the concept and waits for its answer and tiles. */
async function openOverview(page, conceptId) {
  const answered = page.waitForResponse((r) => /\/overview(\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search)
    && r.url().includes(`concept_id=${conceptId}`));
  await page.goto(`${BASE_URL}/#/uebersicht?kommune=${MUSTERSTADT}&konzept=${conceptId}`);
  await answered;
  await page.locator('#uebersicht-status').filter({ hasText: /^Übersicht für Musterstadt geladen/ }).waitFor();
}

/* Today in Berlin, as the pages print it: TT.MM.JJJJ. */
function today() {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()).split('-');
  return `${d}.${m}.${y}`;
}

/* The PDF of the page as printed, its pages' text and size. */
async function printed(page, name) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim() !== '').map(squash);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return { pages, text: squash(text), width: Number(w), height: Number(h) };
}

/* Every page: the heading with the Kommune, „Stand: <today>“, „Seite i von n“. */
function assertEveryPage(pdf, heading) {
  assert.ok(pdf.pages.length >= 1, 'at least one page');
  pdf.pages.forEach((text, i) => {
    assert.ok(text.includes(heading), `page ${i + 1} names „${heading}“`);
    assert.ok(text.includes(`Stand: ${today()}`), `page ${i + 1} has „Stand: ${today()}“`);
    assert.ok(text.includes(`Seite ${i + 1} von ${pdf.pages.length}`), `page ${i + 1} is numbered`);
  });
}

/* No table is wider than the printed page: checked on the page as printed (print media, A4's width). */
async function assertNoCutColumns(page, widthPx) {
  await page.emulateMedia({ media: 'print' });
  const size = page.viewportSize();
  await page.setViewportSize({ width: widthPx, height: size.height });
  const wide = await page.evaluate(() => [...document.querySelectorAll('table')]
    .filter((t) => t.getClientRects().length > 0)
    .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((t) => t.caption?.textContent ?? t.id));
  assert.deepEqual(wide, [], 'no table wider than the page');
  await page.setViewportSize(size);
  await page.emulateMedia({ media: 'screen' });
}

describe('Sitzungsunterlage: Druck und CSV', () => {
  let browser;
  let steering;
  let overview;
  let measures;

  before(async () => {
    browser = await launchBrowser();
    steering = await token(STEERING);
    const concepts = (await ok(api('GET', `${M}/concepts?limit=200`, { token: steering }), 'concepts')).items;
    const demo = concepts.find((c) => c.version === 2);
    assert.ok(demo, 'the demo concept (version 2) of Musterstadt');
    overview = await ok(api('GET', `${M}/overview?concept_id=${demo.id}`, { token: steering }), 'GET overview');
    measures = await all(`${M}/measures?concept_id=${overview.concept.id}`, steering);
    assert.ok(measures.length > 20, 'demo: a catalogue of many measures (more than one printed page)');
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const withPage = (fn) => withCheckedPage(browser, async (page) => {
    await page.addInitScript(() => {
      window.print = () => { window.printCalls = (window.printCalls ?? 0) + 1; };
    });
    await fn(page);
  }, { acceptDownloads: true });

  test('Übersicht im Hochformat: Titel, Kommune, Stand und Seitenzahlen auf jeder Seite, keine Navigation', () => withPage(async (page) => {
    await signInAs(page, STEERING);
    await openOverview(page, overview.concept.id);
    assertNoViolations(await axeViolations(page));
    await page.getByRole('radio', { name: 'Hochformat' }).check();
    await page.getByRole('button', { name: 'Sitzungsunterlage drucken' }).click();
    await page.waitForFunction(() => window.printCalls === 1);

    const pdf = await printed(page, 'uebersicht');
    assert.ok(pdf.height > pdf.width, `A4 portrait: ${pdf.width} x ${pdf.height} pt`);
    assert.ok(Math.abs(pdf.width - 595.3) < 2 && Math.abs(pdf.height - 841.9) < 2, 'A4');
    assertEveryPage(pdf, 'Sitzungsunterlage · Musterstadt');
    assert.ok(pdf.pages[0].includes('Übersicht: Musterstadt'), 'the title on the first page');
    for (const title of ['Stand der Umsetzung', 'Kennzahlen', 'Zur Entscheidung', 'Seit der letzten Sitzung', 'Sitzungen']) {
      assert.ok(pdf.text.includes(title), `the tile ${title} is printed`);
    }
    // Every Handlungsfeld's row, with the last column (überfällig) and the total row.
    for (const f of overview.action_fields.filter((x) => x.measures > 0)) {
      assert.ok(pdf.text.replace(/\u00ad/g, '').includes(f.name.split(' ')[0]), f.name);
    }
    assert.ok(pdf.text.includes('Insgesamt'), 'the total row');
    // The changes are printed whole, also those the screen folds away.
    const [, longest] = Object.entries(overview.changes).sort((a, b) => b[1].length - a[1].length)[0];
    const last = longest.at(-1);
    if (longest.length > 10 && last.measure) assert.ok(pdf.text.includes(`„${squash(last.measure.title)}“`), 'the oldest change of the longest group is printed');
    for (const hidden of ['Hauptnavigation', 'Abmelden', 'Sitzungsunterlage drucken', 'Als CSV herunterladen', 'API-Dokumentation', 'Papierformat']) {
      assert.ok(!pdf.text.includes(hidden), `„${hidden}“ is not printed`);
    }
    await assertNoCutColumns(page, 688); // A4 portrait less the margins, in CSS px
  }));

  test('Katalog im Querformat: jede Maßnahme des Katalogs, nach Handlungsfeld, auf jeder Seite Stand und Seitenzahl', () => withPage(async (page) => {
    await signInAs(page, STEERING);
    await page.goto(`${BASE_URL}/#/katalog?kommune=${MUSTERSTADT}&konzept=${overview.concept.id}&limit=10`);
    await page.locator('#katalog-status').filter({ hasText: /Maßnahmen geladen\./ }).waitFor();
    assert.equal(await page.locator('#katalog-tabelle tbody tr').count(), 10, 'the screen shows one page of 10');
    await page.getByRole('radio', { name: 'Querformat' }).check();
    await page.getByRole('button', { name: 'Sitzungsunterlage drucken' }).click();
    await page.waitForFunction(() => window.printCalls === 1);
    assertNoViolations(await axeViolations(page));

    const pdf = await printed(page, 'katalog');
    assert.ok(pdf.width > pdf.height, `A4 landscape: ${pdf.width} x ${pdf.height} pt`);
    assertEveryPage(pdf, 'Sitzungsunterlage · Musterstadt');
    assert.ok(pdf.pages.length >= 2, 'more than one page');
    assert.ok(pdf.pages[0].includes('Sitzungsunterlage: Maßnahmenkatalog Musterstadt'), 'the title');
    assert.ok(pdf.pages[0].includes(`${measures.length} Maßnahmen`), 'the count of the whole catalogue');
    const codes = pdf.text.split(' ');
    for (const m of measures) assert.ok(codes.includes(m.code), `measure ${m.code} is printed`);
    // Grouped: each Handlungsfeld once as a heading with its count, in the order its first measure has.
    const groups = new Map();
    for (const m of measures) groups.set(m.action_field.name, (groups.get(m.action_field.name) ?? 0) + 1);
    let at = -1;
    for (const [name, n] of groups) {
      const pos = pdf.text.indexOf(`${name} (${n})`);
      assert.ok(pos > at, `the group „${name} (${n})“, after the one before`);
      at = pos;
    }
    for (const hidden of ['Hauptnavigation', 'Filter zurücksetzen', 'Weitere Maßnahmen laden', 'Sitzungsunterlage drucken']) {
      assert.ok(!pdf.text.includes(hidden), `„${hidden}“ is not printed`);
    }
    assert.ok(pdf.text.includes('Federführung'), 'the last column is printed');
    await assertNoCutColumns(page, 1047); // A4 landscape less the margins

    // A new list takes the handout away: printing then prints the list.
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.waitForFunction(() => document.getElementById('katalog-unterlage').childElementCount === 0);
    assert.equal(await page.locator('.katalog--unterlage').count(), 0);
  }));

  test('CSV (Excel): BOM, Semikolon, jede Maßnahme; die Übersicht ebenso', () => withPage(async (page) => {
    await signInAs(page, STEERING);
    await page.goto(`${BASE_URL}/#/katalog?kommune=${MUSTERSTADT}&konzept=${overview.concept.id}&limit=10`);
    await page.locator('#katalog-status').filter({ hasText: /Maßnahmen geladen\./ }).waitFor();
    let waiting = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Als CSV herunterladen (Excel)' }).click();
    let download = await waiting;
    assert.match(download.suggestedFilename(), new RegExp(`^massnahmen-${MUSTERSTADT}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    let bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
    let text = bytes.subarray(3).toString('utf8');
    let lines = text.split('\r\n');
    assert.ok(lines[0].includes(';'), `;-separated header: ${lines[0]}`);
    const cells = new Set(text.split(/[;\r\n]/).map((c) => c.replace(/^"|"$/g, '')));
    for (const m of measures) assert.ok(cells.has(m.code), `measure ${m.code} is in the CSV (not only the page shown)`);
    await page.getByRole('status').filter({ hasText: 'Die CSV-Datei wurde heruntergeladen.' }).waitFor();

    await openOverview(page, overview.concept.id);
    waiting = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Als CSV herunterladen (Excel)' }).click();
    download = await waiting;
    assert.match(download.suggestedFilename(), new RegExp(`^uebersicht-${MUSTERSTADT}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
    text = bytes.subarray(3).toString('utf8');
    lines = text.split('\r\n');
    assert.ok(lines[0].includes(';'), `;-separated: ${lines[0]}`);
    for (const f of overview.action_fields) assert.ok(text.includes(f.name), `Handlungsfeld ${f.name} in the CSV`);
  }));
});
