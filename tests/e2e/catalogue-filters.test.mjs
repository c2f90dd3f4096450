/*
 * The Maßnahmenkatalog's filters and landing (#11): the latest Sachstand as
 * a signal, the filters „verzögert oder gefährdet“, „ohne Sachstand seit N
 * Monaten“, „überfällig“ and „Meine Maßnahmen“, the filters in the address
 * (reload, back button, reset), grouping by Handlungsfeld with counts,
 * where each role lands after signing in, one request per navigation, the
 * layout at 390 px (cards) and 1280 px (no sideways scrolling), status
 * texts for screen readers only, and the rank a partner sees.
 *
 * It reads the demo catalogue of Musterstadt (version 2, its measure SP-01
 * has the Sachstand „verzögert“) by the concept's id, so it does not matter
 * which concept other files have adopted since. It changes nothing.
 *
 * The filters report_status, no_report_since, overdue and organisation_id
 * and GET …/measure-summary are the API of #11 (docs: openapi.yaml).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERLINGEN, MUSTERSTADT, OFFICER, PARTNER, STEERING,
  api, assertNoViolations, axeViolations, launchBrowser, signInHere, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const ADMIN = 'kreis@musterkreis.example';

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

const isMeasureList = (r) => /\/api\/v1\/municipalities\/\d{8}\/measures(\?|$)/.test(r.url()) && r.request().method() === 'GET';

/* Waits until the catalogue shows its list (or says there is none). */
async function listShown(page, request) {
  await request;
  await page.locator('#katalog-liste:not([aria-busy])').waitFor({ state: 'attached' });
  await page.locator('#katalog-status').filter({ hasText: /(Maßnahme|Maßnahmen) geladen\.|Keine Maßnahmen gefunden\./ }).waitFor();
}

/* Opens the catalogue at the address (after signing in there). */
async function openCatalogue(page, query = '') {
  const listed = page.waitForResponse(isMeasureList);
  await page.goto(`${BASE_URL}/#/katalog${query}`);
  await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
  await listShown(page, listed);
  return view(page, 'Maßnahmenkatalog');
}

/* Signs in on /#/anmelden (no ?weiter=): the page goes where the role's work is. */
async function signInFresh(page, email) {
  await page.goto(`${BASE_URL}/#/anmelden`);
  await signInHere(page, email);
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
}

const rowCodes = (page, table = '#katalog-tabelle') => page.locator(`${table} tbody td.code`).allInnerTexts().then((t) => t.map(squash));

/* The Sachstand cell's text per Kennung. */
async function signals(page, table = '#katalog-tabelle') {
  const rows = await page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => [
    tr.querySelector('td.code').textContent, tr.querySelector('.signal')?.textContent ?? null,
  ]));
  return Object.fromEntries(rows.map(([c, s]) => [squash(c), s && squash(s)]));
}

describe('Maßnahmenkatalog: Sachstand, Filter in der Adresse, Gruppen, Landung nach der Anmeldung', () => {
  let browser;
  let demo; // the demo concept of Musterstadt (version 2)
  let measures; // its measures as the officer sees them
  let caritas; // the partner's organisation

  before(async () => {
    browser = await launchBrowser();
    const officer = await token(OFFICER);
    const concepts = (await ok(api('GET', `${M}/concepts?limit=200`, { token: officer }), 'concepts')).items;
    demo = concepts.find((c) => c.version === 2);
    assert.ok(demo, 'the demo concept (version 2) of Musterstadt');
    measures = [];
    let cursor = null;
    do {
      const page = await ok(api('GET', `${M}/measures?concept_id=${demo.id}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: officer }), 'measures');
      measures.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    const sp01 = measures.find((m) => m.code === 'SP-01');
    assert.equal(sp01?.last_report?.status, 'delayed', 'demo: SP-01 is „verzögert“');
    const me = await ok(api('GET', 'me', { token: await token(PARTNER) }), 'GET /me of the partner');
    caritas = me.memberships.find((m) => m.municipality.ags === MUSTERSTADT).organisation;
  });

  after(async () => {
    await browser?.close();
  });

  const withPage = (fn, options) => withCheckedPage(browser, fn, options);

  test('Landung: Integrationsbeauftragte und Steuerungsgruppe auf der Übersicht, der Katalog in Musterstadt (beschlossenes Konzept)', () => withPage(async (page) => {
    for (const email of [OFFICER, STEERING]) {
      await signInFresh(page, email);
      // Since #12 they land on the Übersicht; the catalogue chooses the same Kommune.
      await page.getByRole('heading', { level: 1, name: 'Übersicht: Musterstadt' }).waitFor();
      assert.match(page.url(), /#\/uebersicht$/);
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmenkatalog' }).click();
      await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
      assert.match(page.url(), /#\/katalog$/);
      const katalog = view(page, 'Maßnahmenkatalog');
      await page.locator('#katalog-status').filter({ hasText: /Maßnahmen geladen\./ }).waitFor();
      assert.equal(await katalog.getByLabel('Kommune', { exact: true }).inputValue(), MUSTERSTADT);
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    }
  }));

  test('Landung: Partner auf „Meine Maßnahmen“ einer Kommune mit beschlossenem Konzept, nie einer leeren', () => withPage(async (page) => {
    // The partner's Kommunen by name; the first with an adopted concept the
    // partner sees (Musterstadt in the demo; other files may adopt more).
    const partner = await token(PARTNER);
    const me = await ok(api('GET', 'me', { token: partner }), 'GET /me');
    const own = [...new Map(me.memberships.map((m) => [m.municipality.ags, m.municipality])).values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    let first = null;
    for (const m of own) {
      const concepts = (await ok(api('GET', `municipalities/${m.ags}/concepts?limit=200`, { token: partner }), `concepts of ${m.ags}`)).items;
      if (concepts.some((c) => c.status === 'adopted')) {
        first = m;
        break;
      }
    }
    assert.ok(first, 'an adopted concept in one of the partner\'s Kommunen');
    assert.notEqual(first.ags, own[0].ags, 'the first by name has none (demo: Lindenau)');

    const requests = [];
    page.on('request', (r) => { if (/\/measures(\?|$)/.test(r.url()) && r.method() === 'GET') requests.push(r.url()); });
    const listed = page.waitForResponse(isMeasureList);
    await signInFresh(page, PARTNER);
    await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
    await listShown(page, listed);
    assert.match(page.url(), /#\/katalog\?meine=1$/);
    const katalog = view(page, 'Maßnahmenkatalog');
    assert.equal(await katalog.getByLabel('Kommune', { exact: true }).inputValue(), first.ags);
    assert.equal(await katalog.getByRole('checkbox', { name: 'Meine Maßnahmen' }).isChecked(), true);
    const url = new URL(requests.at(-1));
    assert.equal(url.searchParams.get('organisation_id'), caritas.id, 'the list asks for the organisation\'s measures');
    // What the list shows there: the organisation's measures of the adopted
    // concept (other test files may have adopted one without any).
    const shownConcept = await katalog.getByLabel('Integrationskonzept (Version und Status)').inputValue();
    const theirs = await ok(api('GET', `municipalities/${first.ags}/measures?concept_id=${shownConcept}&organisation_id=${caritas.id}&limit=1`, { token: partner }), 'the organisation\'s measures');
    if (theirs.items.length > 0) {
      assert.match(squash(await katalog.locator('caption').innerText()), /gefiltert – Meine Maßnahmen/);
    } else {
      assert.match(squash(await katalog.locator('#katalog-liste').innerText()), /passt zu diesen Filtern/);
    }
    assertNoViolations(await axeViolations(page));

    // In the demo concept: exactly the measures Caritas leads or supports
    // (the API's organisation_id).
    const mine = measures.filter((m) => m.lead_organisation?.id === caritas.id
      || m.partner_organisations.some((o) => o.id === caritas.id));
    assert.ok(mine.length > 0, 'Caritas leads or supports demo measures');
    await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${demo.id}&meine=1&limit=200`);
    assert.deepEqual((await rowCodes(page)).sort(), mine.map((m) => m.code).sort());
  }));

  test('Landung: Kreisadministration bei den Kommunen', () => withPage(async (page) => {
    await signInFresh(page, ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Kommunen' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/');
  }));

  test('Voreingestellte Kommune: die erste mit beschlossenem Konzept, danach die zuletzt gewählte', () => withPage(async (page) => {
    // What the district admin may choose, by name; the first with an adopted
    // concept (other test files may have adopted one anywhere).
    const admin = await token(ADMIN);
    const all = (await ok(api('GET', 'municipalities?limit=200'), 'municipalities')).items
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    let first = null;
    for (const m of all) {
      const concepts = (await ok(api('GET', `municipalities/${m.ags}/concepts?limit=200`, { token: admin }), `concepts of ${m.ags}`)).items;
      if (concepts.some((c) => c.status === 'adopted')) {
        first = m;
        break;
      }
    }
    assert.ok(first, 'some Kommune has an adopted concept (Musterstadt in the demo)');
    assert.notEqual(first.ags, all[0].ags, 'the first Kommune by name has none (demo: Hohenfeld)');

    await signInFresh(page, ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Kommunen' }).waitFor();
    const katalog = await openCatalogue(page);
    const kommune = katalog.getByLabel('Kommune', { exact: true });
    assert.equal(await kommune.inputValue(), first.ags, 'not an empty one');

    const other = first.ags === MUSTERSTADT ? MUSTERLINGEN : MUSTERSTADT; // both have concepts
    await kommune.selectOption(other);
    await katalog.getByLabel('Integrationskonzept (Version und Status)').locator('option', { hasText: /^Version / }).first().waitFor({ state: 'attached' });
    // A new start of the page (the session stays in this tab): remembered.
    await page.goto(`${BASE_URL}/#/mein-konto`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    await openCatalogue(page);
    assert.equal(await kommune.inputValue(), other, 'the one chosen last');
  }));

  test('Sachstand als Signal: Wort und Farbe, „kein Sachstand“ ohne; Statustexte nur für Screenreader', () => withPage(async (page) => {
    await signInFresh(page, OFFICER);
    await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200`);
    const shown = await signals(page);
    assert.equal(Object.keys(shown).length, measures.length);
    for (const m of measures) {
      const want = { on_track: 'im Plan', delayed: 'verzögert', at_risk: 'gefährdet', completed: 'abgeschlossen' }[m.last_report?.status] ?? 'kein Sachstand';
      assert.equal(shown[m.code], want, m.code);
    }
    const sp01 = page.locator('#katalog-tabelle tbody tr').filter({ has: page.locator('td.code', { hasText: /^SP-01$/ }) });
    const cell = sp01.locator('td').filter({ has: page.locator('.signal') });
    assert.equal(squash(await cell.innerText()), `verzögert ${measures.find((m) => m.code === 'SP-01').last_report.reported_on.split('-').reverse().join('.')}`);
    // distinct colours for distinct words
    const colours = await page.locator('#katalog-tabelle .signal').evaluateAll((els) => {
      const by = {};
      for (const e of els) by[e.textContent] = getComputedStyle(e).backgroundColor;
      return by;
    });
    assert.equal(new Set(Object.values(colours)).size, Object.keys(colours).length, JSON.stringify(colours));
    // „43 Maßnahmen geladen.“ is announced, not shown
    const box = await page.locator('#katalog-status').boundingBox();
    assert.ok(box.width <= 1 && box.height <= 1, `status text is visually hidden: ${JSON.stringify(box)}`);
    assert.match(await page.locator('#katalog-status').textContent(), /Maßnahmen geladen\./);
    assertNoViolations(await axeViolations(page));
  }));

  test('Filter „verzögert oder gefährdet“ findet die verzögerte Demo-Maßnahme; „ohne Sachstand“ und „überfällig“', () => withPage(async (page) => {
    await signInFresh(page, STEERING);
    const katalog = await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200`);
    await katalog.getByLabel('Letzter Sachstand', { exact: true }).selectOption({ label: 'verzögert oder gefährdet' });
    let listed = page.waitForResponse(isMeasureList);
    await katalog.getByRole('button', { name: 'Anzeigen' }).click();
    const res = await listed;
    assert.equal(new URL(res.url()).searchParams.get('report_status'), 'delayed,at_risk');
    assert.equal(res.status(), 200);
    await listShown(page, Promise.resolve());
    const shown = await signals(page);
    assert.ok(Object.keys(shown).includes('SP-01'), 'the delayed SP-01 is found');
    const want = measures.filter((m) => ['delayed', 'at_risk'].includes(m.last_report?.status)).map((m) => m.code).sort();
    assert.deepEqual(Object.keys(shown).sort(), want);
    for (const s of Object.values(shown)) assert.ok(['verzögert', 'gefährdet'].includes(s), s);
    assert.match(page.url(), /sachstand=delayed%2Cat_risk/);

    // ohne Sachstand seit 12 Monaten: none, or the latest older than that
    await katalog.getByLabel('Letzter Sachstand', { exact: true }).selectOption({ label: 'Alle' });
    await katalog.getByLabel('Ohne Sachstand', { exact: true }).selectOption({ label: 'seit 12 Monaten' });
    listed = page.waitForResponse(isMeasureList);
    await katalog.getByRole('button', { name: 'Anzeigen' }).click();
    const res2 = await listed;
    assert.match(new URL(res2.url()).searchParams.get('no_report_since') ?? '', /^\d{4}-\d{2}-\d{2}$/);
    await listShown(page, Promise.resolve());
    const since = new URL(res2.url()).searchParams.get('no_report_since');
    const stale = measures.filter((m) => !m.last_report || m.last_report.reported_on < since).map((m) => m.code).sort();
    assert.deepEqual((await rowCodes(page)).sort(), stale);

    // überfällig: planned end passed, not completed or dropped
    await katalog.getByLabel('Ohne Sachstand', { exact: true }).selectOption({ label: 'beliebig' });
    await katalog.getByLabel('Nur überfällige', { exact: true }).check();
    listed = page.waitForResponse(isMeasureList);
    await katalog.getByRole('button', { name: 'Anzeigen' }).click();
    const res3 = await listed;
    assert.equal(new URL(res3.url()).searchParams.get('overdue'), 'true');
    await listShown(page, Promise.resolve());
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const overdue = measures.filter((m) => m.planned_end && m.planned_end < today && !['completed', 'dropped'].includes(m.status))
      .map((m) => m.code).sort();
    assert.deepEqual((await rowCodes(page)).sort(), overdue);
    assertNoViolations(await axeViolations(page));
  }));

  test('Filter in der Adresse: nach dem Neuladen dieselbe Liste, „Zurück“ die vorige, „Filter zurücksetzen“ alle', () => withPage(async (page) => {
    await signInFresh(page, OFFICER);
    const katalog = await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200`);
    const all = await rowCodes(page);
    assert.equal(all.length, measures.length);

    await katalog.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Sprache' });
    await katalog.getByLabel('Horizont', { exact: true }).selectOption({ label: 'kurzfristig' });
    let listed = page.waitForResponse(isMeasureList);
    await katalog.getByRole('button', { name: 'Anzeigen' }).click();
    await listShown(page, listed);
    const filtered = await rowCodes(page);
    const want = measures.filter((m) => m.action_field.name === 'Sprache' && m.horizon === 'short').map((m) => m.code);
    assert.deepEqual(filtered, want);
    assert.ok(filtered.length < all.length);
    const hash = new URL(page.url()).hash;
    assert.match(hash, /handlungsfeld=\d+/);
    assert.match(hash, /horizont=short/);
    // the focus stays with the form (only the parameters changed)
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Anzeigen');

    // a reload (or the link sent to a colleague) shows the same list
    listed = page.waitForResponse(isMeasureList);
    await page.reload();
    await listShown(page, listed);
    assert.deepEqual(await rowCodes(page), filtered);
    assert.equal(await katalog.getByLabel('Horizont', { exact: true }).inputValue(), 'short');
    assert.equal(squash(await katalog.getByLabel('Handlungsfeld', { exact: true }).locator('option:checked').innerText()), 'Sprache');

    // the back button: the list before the filters
    listed = page.waitForResponse(isMeasureList);
    await page.goBack();
    await listShown(page, listed);
    assert.deepEqual(await rowCodes(page), all);
    assert.equal(await katalog.getByLabel('Horizont', { exact: true }).inputValue(), '');
    listed = page.waitForResponse(isMeasureList);
    await page.goForward();
    await listShown(page, listed);
    assert.deepEqual(await rowCodes(page), filtered);

    // reset: Kommune and concept stay, the filters go
    listed = page.waitForResponse(isMeasureList);
    await katalog.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await listShown(page, listed);
    assert.deepEqual(await rowCodes(page), all);
    assert.equal(new URL(page.url()).hash, `#/katalog?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200`);
    assert.equal(await katalog.getByLabel('Handlungsfeld', { exact: true }).inputValue(), '');
    assertNoViolations(await axeViolations(page));
  }));

  test('Gruppiert nach Handlungsfeldern: Anzahl und mittlerer Fortschritt je Gruppe, Teilmaßnahmen unter ihrer Maßnahme', () => withPage(async (page) => {
    await signInFresh(page, OFFICER);
    const summary = page.waitForResponse((r) => /\/measure-summary(\?|$)/.test(r.url()));
    await page.goto(`${BASE_URL}/#/katalog?kommune=${MUSTERSTADT}&konzept=${demo.id}&ansicht=handlungsfelder`);
    assert.equal((await summary).status(), 200);
    await page.locator('#katalog-status').filter({ hasText: /Gruppiert nach Handlungsfeldern/ }).waitFor();
    const katalog = view(page, 'Maßnahmenkatalog');
    assert.equal(await katalog.getByLabel('Darstellung').inputValue(), 'handlungsfelder');
    const groups = katalog.locator('section.measure-group');
    const fields = new Set(measures.map((m) => m.action_field.name));
    assert.equal(await groups.count(), fields.size);
    for (const name of fields) {
      const group = katalog.getByRole('region', { name, exact: true });
      const inField = measures.filter((m) => m.action_field.name === name);
      const text = squash(await group.locator('.measure-group__summary').innerText());
      const n = inField.length;
      assert.match(text, new RegExp(`^${n} ${n === 1 ? 'Maßnahme' : 'Maßnahmen'} · mittlerer Fortschritt`), text);
      assert.equal(await group.locator('tbody tr').count(), n, name);
      // each Teilmaßnahme right after its parent (or another Teilmaßnahme of it)
      const codes = (await group.locator('tbody td.code').allInnerTexts()).map(squash);
      for (const m of inField.filter((x) => x.parent_id && inField.some((p) => p.id === x.parent_id))) {
        const parent = inField.find((p) => p.id === m.parent_id);
        const at = codes.indexOf(m.code);
        const between = codes.slice(codes.indexOf(parent.code) + 1, at);
        assert.ok(at > codes.indexOf(parent.code), `${m.code} after ${parent.code}`);
        assert.ok(between.every((c) => inField.find((x) => x.code === c).parent_id === parent.id), `${m.code} right under ${parent.code}: ${codes}`);
      }
    }
    assert.match(squash(await katalog.locator('.measure-summary').innerText()), new RegExp(`^Insgesamt: ${measures.length} Maßnahmen`));
    assertNoViolations(await axeViolations(page));
  }));

  test('Eine Anfrage je Navigation: Link, Zurück und Vorwärts zeigen den Katalog einmal', () => withPage(async (page) => {
    await signInFresh(page, OFFICER);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await page.getByRole('heading', { level: 1, name: 'Übersicht: Musterstadt' }).waitFor(); // the landing since #12
    await nav.getByRole('link', { name: 'Maßnahmenkatalog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
    await page.locator('#katalog-status').filter({ hasText: /Maßnahmen geladen\./ }).waitFor();
    await nav.getByRole('link', { name: 'Mein Konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();

    const seen = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/')) seen.push(`${r.method()} ${r.url()}`); });
    let listed = page.waitForResponse(isMeasureList);
    await nav.getByRole('link', { name: 'Maßnahmenkatalog' }).click();
    await listShown(page, listed);
    await page.waitForTimeout(500); // a second render would have sent its requests by now
    assert.equal(seen.filter((u) => /\/measures(\?|$)/.test(u)).length, 1, seen.join('\n'));
    assert.equal(new Set(seen).size, seen.length, `a request twice:\n${seen.join('\n')}`);

    seen.length = 0;
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    listed = page.waitForResponse(isMeasureList);
    await page.goForward();
    await listShown(page, listed);
    await page.waitForTimeout(500);
    assert.equal(seen.filter((u) => /\/measures(\?|$)/.test(u)).length, 1, seen.join('\n'));
    assert.equal(new Set(seen).size, seen.length, `a request twice:\n${seen.join('\n')}`);
  }));

  test('„Neue Maßnahme anlegen“ im Katalog: für Integrationsbeauftragte, nicht für Steuerungsgruppe und Partner', () => withPage(async (page) => {
    const link = page.getByRole('link', { name: 'Neue Maßnahme anlegen' });
    // a version that takes measures (other files archive the demo's when they adopt another)
    const concepts = (await ok(api('GET', `${M}/concepts?limit=200`, { token: await token(OFFICER) }), 'concepts')).items;
    const open = concepts.find((c) => c.status !== 'archived');
    assert.ok(open, 'a concept of Musterstadt that is not archived');
    await signInFresh(page, OFFICER);
    await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${open.id}`);
    assert.equal(await link.getAttribute('href'), `/#/massnahmen/neu?kommune=${MUSTERSTADT}&konzept=${open.id}`);
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Neue Maßnahme' }).waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    for (const email of [STEERING, PARTNER]) {
      await signInFresh(page, email);
      await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${open.id}`);
      assert.equal(await link.count(), 0, `${email}: no „Neue Maßnahme anlegen“`);
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    }
  }));

  test('Rang: Partner sehen keinen Rang „von N“, der nicht stimmt', () => withPage(async (page) => {
    await signInFresh(page, PARTNER);
    await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
    const last = [...measures].filter((m) => m.visibility !== 'internal').sort((a, b) => b.rank - a.rank)[0];
    await page.goto(`${BASE_URL}/#/massnahmen/${last.id}?kommune=${MUSTERSTADT}`);
    await page.locator('#massnahme-status').filter({ hasText: /geladen\.$/ }).waitFor();
    const rank = page.locator('#massnahme-angaben > div').filter({ has: page.locator('dt', { hasText: 'Rang' }) }).locator('dd');
    assert.equal(squash(await rank.innerText()), String(last.rank), 'the rank without „von …“');
  }));

  test('Smartphone (390 px): Karten statt Tabelle, Filter eingeklappt, kein seitliches Scrollen, keine Verstöße', () => withPage(async (page) => {
    await signInFresh(page, OFFICER);
    const katalog = await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200`);
    assert.equal(await katalog.locator('#katalog-filter-mehr').evaluate((d) => d.open), false, 'filters folded');
    assert.equal(await katalog.getByLabel('Handlungsfeld', { exact: true }).isVisible(), false);
    await katalog.locator('#katalog-filter-mehr > summary').click();
    assert.equal(await katalog.getByLabel('Handlungsfeld', { exact: true }).isVisible(), true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide at 390px`);
    const card = await page.locator('#katalog-tabelle tbody tr').first().evaluate((tr) => ({
      display: getComputedStyle(tr).display,
      label: getComputedStyle(tr.querySelector('td.code'), '::before').content,
    }));
    assert.deepEqual(card, { display: 'block', label: '"Kennung: "' });
    const scroll = await page.locator('.table-scroll').first().evaluate((d) => d.scrollWidth - d.clientWidth);
    assert.ok(scroll <= 0, `the list scrolls sideways by ${scroll}px`);
    assertNoViolations(await axeViolations(page));
  }, { viewport: { width: 390, height: 844 } }));

  test('1280 px: der Katalog ohne seitliches Scrollen, auch mit „Zuletzt geändert“', () => withPage(async (page) => {
    await signInFresh(page, STEERING);
    for (const query of [`?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200`,
      `?kommune=${MUSTERSTADT}&konzept=${demo.id}&limit=200&sortierung=geaendert`]) {
      await openCatalogue(page, query);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1280, `page is ${width}px wide at 1280px`);
      const scroll = await page.locator('.table-scroll').first().evaluate((d) => d.scrollWidth - d.clientWidth);
      assert.ok(scroll <= 0, `the table scrolls sideways by ${scroll}px (${query})`);
    }
    assertNoViolations(await axeViolations(page));
  }));
});
