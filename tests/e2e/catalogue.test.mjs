/*
 * The Maßnahmenkatalog in the browser: the list of measures of a concept
 * (rank order, concept versions, filters, search, paging), a measure's
 * detail with its Steuerung (status and Rang), Sachstände by a partner, a
 * stale change (412), and the public page of a Kommune. Every new view is
 * checked with axe-core (WCAG 2.1 AA).
 *
 * The file brings its own data: it creates its concepts, Leitziele,
 * measures and Kennzahlen in Musterstadt through the API as the demo
 * officer and adopts them as the demo steering group, right before it
 * looks at them (other files adopt concepts in Musterstadt too). It never
 * relies on the demo catalogue. Its public Kennzahlen are made internal
 * again at the end.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN, STEERING,
  api, assertNoViolations, axeViolations, description, focused, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;

/* ------------------------------------------------------------------ API */

/* The answer's JSON, after checking its status. */
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

/* Every item of a list (follows next_cursor). */
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

/* "YYYY-MM-DD" in Berlin, days from today. */
function isoDay(offset = 0) {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d);
}

const deDate = (iso) => iso.split('-').reverse().join('.');

let tokens; // officer, steering, partner
let orgs; // caritas, school, club: {id, name}
let fields; // action field name -> id
let adoptions = 0;

/*
 * A concept of this file with two Leitziele and six measures, ranks 1..6:
 *   1 SP-01  Sprachcafé im Stadtteilzentrum    Sprache, kurzfristig, Caritas, öffentlich
 *   2 AR-01  Bewerbungstraining für Geflüchtete Arbeit, mittelfristig, Gesamtschule, intern   (→ geplant)
 *   3 WO-01  Wohnungsbörse für Familien        Wohnen, langfristig, Caritas, für Partner
 *   4 SP-02  Sprachpaten in Kitas              Sprache, mittelfristig, Kulturverein (+ Caritas), öffentlich (→ in Umsetzung)
 *   5 GT-01  Fest der Kulturen                 Teilhabe, kurzfristig, Kulturverein, öffentlich
 *   6 SP-02.1 Schulung der Sprachpaten         Teil von SP-02, Sprache, kurzfristig, öffentlich
 * adopt: moved to Beteiligung and adopted by the steering group.
 */
async function createCatalogue(tag, { adopt = true } = {}) {
  const officer = tokens.officer;
  const concept = await ok(201, api('POST', `${M}/concepts`, {
    token: officer,
    body: { title: `Integrationskonzept E2E ${tag} ${RUN}`, summary: `Für den Browsertest (${tag}).` },
  }), 'creating a concept');
  const goals = [];
  for (const title of ['Sprache öffnet Türen', 'Gutes Wohnen für alle Familien']) {
    goals.push(await ok(201, api('POST', `${M}/concepts/${concept.id}/goals`, { token: officer, body: { title } }), 'creating a goal'));
  }
  const specs = [
    { code: 'SP-01', title: 'Sprachcafé im Stadtteilzentrum', action_field_id: fields.Sprache, horizon: 'short',
      lead_organisation_id: orgs.caritas.id, visibility: 'public', target_groups: ['newcomers', 'refugees'],
      goal_ids: [goals[0].id], planned_start: '2026-01-01', planned_end: '2026-12-31', budget: 2500,
      description: 'Ein offener Treffpunkt, um Deutsch im Alltag zu üben.' },
    { code: 'AR-01', title: 'Bewerbungstraining für Geflüchtete', action_field_id: fields.Arbeit, horizon: 'medium',
      lead_organisation_id: orgs.school.id, visibility: 'internal', target_groups: ['refugees', 'youth'], goal_ids: [goals[0].id] },
    { code: 'WO-01', title: 'Wohnungsbörse für Familien', action_field_id: fields.Wohnen, horizon: 'long',
      lead_organisation_id: orgs.caritas.id, visibility: 'partners', target_groups: ['families'], goal_ids: [goals[1].id] },
    { code: 'SP-02', title: 'Sprachpaten in Kitas', action_field_id: fields.Sprache, horizon: 'medium',
      lead_organisation_id: orgs.club.id, partner_organisation_ids: [orgs.caritas.id], visibility: 'public',
      target_groups: ['children', 'volunteers'], goal_ids: [goals[0].id, goals[1].id] },
    { code: 'GT-01', title: 'Fest der Kulturen auf dem Marktplatz', action_field_id: fields.Teilhabe, horizon: 'short',
      lead_organisation_id: orgs.club.id, visibility: 'public', target_groups: ['general_public'] },
    { code: 'SP-02.1', title: 'Schulung der Sprachpaten', action_field_id: fields.Sprache, horizon: 'short',
      lead_organisation_id: orgs.club.id, visibility: 'public', parent: 'SP-02' },
  ];
  const measures = {};
  for (const { parent, ...spec } of specs) {
    const body = { concept_id: concept.id, ...spec };
    if (parent) body.parent_id = measures[parent].id;
    measures[spec.code] = await ok(201, api('POST', `${M}/measures`, { token: officer, body }), `creating ${spec.code}`);
  }
  const steer = (code, status) => ok(200, api('PATCH', `${M}/measures/${measures[code].id}`, {
    token: tokens.steering, body: { status },
  }), `${code} -> ${status}`);
  await steer('AR-01', 'planned');
  await steer('SP-02', 'planned');
  await steer('SP-02', 'in_progress');

  if (adopt) {
    await ok(200, api('PATCH', `${M}/concepts/${concept.id}`, { token: officer, body: { status: 'consultation' } }), 'to consultation');
    concept.resolution_reference = `Drucksache ${String(++adoptions).padStart(3, '0')}/${RUN}`.slice(0, 100);
    concept.resolution_date = isoDay(-1);
    Object.assign(concept, await ok(200, api('POST', `${M}/concepts/${concept.id}/adoption`, {
      token: tokens.steering,
      body: { resolution_date: concept.resolution_date, resolution_reference: concept.resolution_reference },
    }), 'adoption'));
  }
  return { concept, goals, measures };
}

/* -------------------------------------------------------------- browser */

/* Text as a sighted reader sees it (without screen-reader-only text). */
async function visibleText(locator) {
  return squash(await locator.evaluate((node) => {
    const copy = node.cloneNode(true);
    for (const el of copy.querySelectorAll('.visually-hidden')) el.remove();
    return copy.textContent;
  }));
}

const isMeasureList = (r) => /\/api\/v1\/municipalities\/\d{8}\/measures(\?|$)/.test(r.url()) && r.request().method() === 'GET';

/* Waits until the list of the catalogue is shown (after the request). */
async function listShown(page, request) {
  await request;
  await page.locator('#katalog-liste:not([aria-busy])').waitFor({ state: 'attached' });
  await page.locator('#katalog-status').filter({ hasText: /(Maßnahme|Maßnahmen) geladen\.|Keine Maßnahmen gefunden\./ }).waitFor();
}

/* Opens the catalogue at the address; waits for its list. */
async function openCatalogue(page, query = '') {
  const listed = page.waitForResponse(isMeasureList);
  await page.goto(`${BASE_URL}/#/katalog${query}`);
  await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
  await listShown(page, listed);
  return view(page, 'Maßnahmenkatalog');
}

/* Sets the filters (label -> option label or text) and shows the list. */
async function filterCatalogue(page, settings) {
  const katalog = view(page, 'Maßnahmenkatalog');
  for (const [name, value] of Object.entries(settings)) {
    const control = katalog.getByLabel(name, { exact: true });
    if (name === 'Suche') await control.fill(value);
    else await control.selectOption({ label: value });
  }
  const listed = page.waitForResponse(isMeasureList);
  await katalog.getByRole('button', { name: 'Anzeigen' }).click();
  await listShown(page, listed);
}

/* The Kennungen of the catalogue's rows, top to bottom. */
const rowCodes = (page, table = '#katalog-tabelle') => page.locator(`${table} tbody td.code`).allInnerTexts().then((t) => t.map(squash));

/* A measure's row in a table, by its Kennung. */
const rowOf = (page, code, table = '#katalog-tabelle') => page.locator(`${table} tbody tr`).filter({
  has: page.locator('td.code', { hasText: new RegExp(`^${code.replace('.', '\\.')}$`) }),
});

/* The facts (dt -> dd) of the measure shown. */
async function facts(page) {
  const pairs = await page.locator('#massnahme-angaben > div').evaluateAll((divs) => divs.map((div) => {
    const dd = div.querySelector('dd').cloneNode(true);
    for (const el of dd.querySelectorAll('.visually-hidden')) el.remove();
    for (const li of dd.querySelectorAll('li')) li.append('; ');
    return [div.querySelector('dt').textContent, dd.textContent];
  }));
  return Object.fromEntries(pairs.map(([k, v]) => [squash(k), squash(v).replace(/;$/, '')]));
}

/* Opens a measure's detail; waits until it is shown. */
async function openMeasure(page, measure) {
  await page.goto(`${BASE_URL}/#/massnahmen/${measure.id}?kommune=${MUSTERSTADT}`);
  await page.getByRole('heading', { level: 1, name: measure.title }).waitFor();
  await page.locator('#massnahme-status').filter({ hasText: /geladen\.$/ }).waitFor();
  await page.locator('#massnahme-sachstaende:not([aria-busy]) ol, #massnahme-sachstaende .notice').first().waitFor();
  return view(page, measure.title);
}

describe('Maßnahmenkatalog, Maßnahme und öffentliche Seite', () => {
  let browser;
  let names; // display names of the demo accounts
  let catalogue; // the concept of the list, detail and partner tests

  before(async () => {
    browser = await launchBrowser();
    tokens = {
      officer: await accessToken(OFFICER),
      steering: await accessToken(STEERING),
      partner: await accessToken(PARTNER),
    };
    names = {
      partner: (await ok(200, api('GET', 'me', { token: tokens.partner }), 'GET /me')).display_name,
    };
    const organisations = await all(`organisations?municipality=${MUSTERSTADT}`, tokens.officer);
    const byName = (re) => {
      const o = organisations.find((x) => re.test(x.name));
      assert.ok(o, `an organisation ${re} serves Musterstadt (demo data)`);
      return { id: o.id, name: o.name };
    };
    orgs = { caritas: byName(/^Caritas/), school: byName(/^Gesamtschule Musterstadt/), club: byName(/^Deutsch-Türkischer Kulturverein/) };
    const list = await all(`${M}/action-fields`, tokens.officer);
    const field = (re) => {
      const f = list.find((x) => re.test(x.name));
      assert.ok(f, `an action field ${re} in Musterstadt`);
      return f.id;
    };
    fields = {
      Sprache: field(/^Sprache$/), Arbeit: field(/^Arbeit$/), Wohnen: field(/^Wohnen$/),
      Teilhabe: field(/^Gesellschaftliche Teilhabe/),
    };
  });

  after(async () => {
    await browser?.close();
  });

  const withPage = (fn, options) => withCheckedPage(browser, fn, options);

  test('Katalog: das beschlossene Konzept vorgewählt, Maßnahmen nach Rang, „Weitere Maßnahmen laden“', () => withPage(async (page) => {
    const draft = await ok(201, api('POST', `${M}/concepts`, {
      token: tokens.officer, body: { title: `Entwurf E2E ${RUN}` },
    }), 'a draft concept');
    catalogue = await createCatalogue('Katalog');
    const { concept } = catalogue;

    await signInAs(page, OFFICER);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    const link = nav.getByRole('link', { name: 'Maßnahmenkatalog' });
    assert.equal(await link.getAttribute('href'), '/#/katalog');

    // Two per page: the cursor is followed with „Weitere Maßnahmen laden“.
    const katalog = await openCatalogue(page, `?kommune=${MUSTERSTADT}&limit=2`);
    assert.equal(await link.getAttribute('aria-current'), 'page');
    assert.equal(await page.title(), 'Maßnahmenkatalog – Teilhabe');
    const select = katalog.getByLabel('Integrationskonzept (Version und Status)');
    assert.equal(await select.inputValue(), concept.id, 'the adopted concept is chosen');
    const options = (await select.locator('option').allInnerTexts()).map(squash);
    assert.ok(options.includes(`Version ${concept.version} – ${concept.title} (beschlossen am ${deDate(concept.resolution_date)}, ${concept.resolution_reference})`),
      options.join(' | '));
    assert.ok(options.includes(`Version ${draft.version} – ${draft.title} (Entwurf)`), options.join(' | '));
    assert.deepEqual(options.map((o) => Number(/^Version (\d+)/.exec(o)?.[1])),
      options.map((o) => Number(/^Version (\d+)/.exec(o)?.[1])).sort((a, b) => b - a), 'newest version first');

    const table = katalog.getByRole('table');
    assert.match(squash(await table.locator('caption').innerText()), new RegExp(`^Maßnahmen: ${concept.title}`));
    assert.deepEqual((await table.locator('thead th').allInnerTexts()).map(squash),
      ['Rang', 'Kennung', 'Titel', 'Handlungsfeld', 'Horizont', 'Status', 'Fortschritt', 'Sachstand', 'Federführung']);
    assert.deepEqual(await rowCodes(page), ['SP-01', 'AR-01']);
    const more = katalog.getByRole('button', { name: 'Weitere Maßnahmen laden' });
    await more.click();
    await page.locator('#katalog-tabelle tbody tr').nth(3).waitFor();
    await more.click();
    // While the page loads the button says „… werden geladen“, which the
    // locator does not match either: wait for the rows first.
    await page.locator('#katalog-tabelle tbody tr').nth(5).waitFor();
    await more.waitFor({ state: 'detached' });
    assert.deepEqual(await rowCodes(page), ['SP-01', 'AR-01', 'WO-01', 'SP-02', 'GT-01', 'SP-02.1'], 'rank order');
    assert.match(await page.locator('#katalog-status').innerText(), /insgesamt 6\./);

    // One row as a reader sees it.
    const row = rowOf(page, 'SP-02');
    assert.deepEqual((await row.locator('th, td').evaluateAll((cells) => cells.map((c) => c.textContent))).map(squash),
      ['4', 'SP-02', 'Sprachpaten in Kitas', 'Sprache', 'mittelfristig', 'in Umsetzung', '0 %', 'kein Sachstand', orgs.club.name]);
    assert.equal(await row.getByRole('link', { name: 'Sprachpaten in Kitas' }).getAttribute('href'),
      `/#/massnahmen/${catalogue.measures['SP-02'].id}?kommune=${MUSTERSTADT}`);
    assert.equal(await visibleText(rowOf(page, 'SP-01').locator('td').nth(5)), '0 %');
    assertNoViolations(await axeViolations(page));

    // Another version: the draft has no measures yet.
    await filterCatalogue(page, { 'Integrationskonzept (Version und Status)': `Version ${draft.version} – ${draft.title} (Entwurf)` });
    await katalog.getByText(`Das Integrationskonzept „${draft.title}“ enthält noch keine Maßnahmen`).waitFor();
    assert.equal(await katalog.getByRole('table').count(), 0);
  }));

  test('Katalog: Filter nach Handlungsfeld, Status, Horizont, Zielgruppe, die Suche und die Sortierung', () => withPage(async (page) => {
    const { concept } = catalogue;
    await signInAs(page, STEERING);
    const katalog = await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${concept.id}`);
    assert.equal(await rowCodes(page).then((c) => c.length), 6);

    await filterCatalogue(page, { Handlungsfeld: 'Wohnen' });
    assert.deepEqual(await rowCodes(page), ['WO-01']);
    assert.match(squash(await katalog.locator('caption').innerText()), /gefiltert – Handlungsfeld: Wohnen/);

    await filterCatalogue(page, { Handlungsfeld: 'Sprache' });
    assert.deepEqual(await rowCodes(page), ['SP-01', 'SP-02', 'SP-02.1']);
    await filterCatalogue(page, { Horizont: 'kurzfristig' });
    assert.deepEqual(await rowCodes(page), ['SP-01', 'SP-02.1'], 'Sprache and kurzfristig');

    await filterCatalogue(page, { Handlungsfeld: 'Alle Handlungsfelder', Horizont: 'Alle Horizonte', Status: 'in Umsetzung' });
    assert.deepEqual(await rowCodes(page), ['SP-02']);
    await filterCatalogue(page, { Status: 'geplant' });
    assert.deepEqual(await rowCodes(page), ['AR-01']);

    await filterCatalogue(page, { Status: 'Alle Status', Zielgruppe: 'Familien' });
    assert.deepEqual(await rowCodes(page), ['WO-01']);
    await filterCatalogue(page, { Zielgruppe: 'Kinder' });
    assert.deepEqual(await rowCodes(page), ['SP-02']);

    await filterCatalogue(page, { Zielgruppe: 'Alle Zielgruppen', Suche: 'Wohnungsbörse' });
    assert.deepEqual(await rowCodes(page), ['WO-01']);
    assert.match(squash(await katalog.locator('caption').innerText()), /Suche: „Wohnungsbörse“/);
    await filterCatalogue(page, { Suche: 'Sprachpaten' });
    assert.deepEqual(await rowCodes(page), ['SP-02', 'SP-02.1']);

    await filterCatalogue(page, { Suche: 'Zauberwürfelturnier' });
    await katalog.getByText(`Keine Maßnahme des Integrationskonzepts „${concept.title}“ passt zu diesen Filtern.`).waitFor();
    assert.equal(await page.locator('#katalog-status').innerText(), 'Keine Maßnahmen gefunden.');
    assertNoViolations(await axeViolations(page));

    // Newest change first, with the time of the change.
    await filterCatalogue(page, { Suche: '', Sortierung: 'zuletzt geändert' });
    const heads = (await katalog.locator('thead th').allInnerTexts()).map(squash);
    assert.equal(heads.at(-1), 'Zuletzt geändert');
    const times = await page.locator('#katalog-tabelle tbody time').evaluateAll((ts) => ts.map((t) => Date.parse(t.dateTime)));
    assert.equal(times.length, 6);
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest change first');
    assertNoViolations(await axeViolations(page));
  }));

  test('Maßnahme: alle Angaben auf Deutsch, Leitziele, Teilmaßnahmen; Integrationsbeauftragte planen nicht selbst', () => withPage(async (page) => {
    const { concept, measures, goals } = catalogue;
    await signInAs(page, OFFICER);
    await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${concept.id}`);
    await rowOf(page, 'SP-01').getByRole('link', { name: 'Sprachcafé im Stadtteilzentrum' }).click();
    const detail = view(page, 'Sprachcafé im Stadtteilzentrum');
    await page.getByRole('heading', { level: 1, name: 'Sprachcafé im Stadtteilzentrum' }).waitFor();
    await page.locator('#massnahme-status').filter({ hasText: 'Maßnahme SP-01 geladen.' }).waitFor();
    assert.equal(await page.title(), 'SP-01 Sprachcafé im Stadtteilzentrum – Teilhabe');
    assert.equal(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmenkatalog' })
      .getAttribute('aria-current'), 'page');

    const f = await facts(page);
    assert.equal(f.Kennung, 'SP-01');
    assert.equal(f.Integrationskonzept, `${concept.title} (Version ${concept.version}, beschlossen am ${deDate(concept.resolution_date)}, ${concept.resolution_reference})`);
    assert.equal(f.Handlungsfeld, 'Sprache');
    assert.equal(f.Horizont, 'kurzfristig');
    assert.equal(f.Status, 'vorgeschlagen');
    assert.equal(f['Rang (Priorität)'], '1 von 6');
    assert.equal(f.Fortschritt, '0 %');
    assert.equal(f['Letzter Sachstand'], '–');
    assert.equal(f.Federführung, orgs.caritas.name);
    assert.equal(f['Beteiligte Organisationen'], '–');
    assert.equal(f.Zielgruppen, 'Neuzugewanderte; Geflüchtete');
    assert.equal(f['Geplanter Zeitraum'], '01.01.2026 bis 31.12.2026');
    assert.equal(f['Tatsächlicher Zeitraum'], '–');
    assert.equal(f.Budget, '2.500,00 €');
    assert.equal(f.Sichtbarkeit, 'öffentlich');
    assert.match(squash(await page.locator('#massnahme-beschreibung').innerText()), /Deutsch im Alltag zu üben/);
    assert.deepEqual((await page.locator('#massnahme-leitziele li').allInnerTexts()).map(squash), [`Leitziel 1: ${goals[0].title}`]);
    await detail.getByText('Diese Maßnahme hat keine Teilmaßnahmen.').waitFor();
    await detail.getByText('Zu dieser Maßnahme gibt es noch keinen Sachstand.').waitFor();

    // vorgeschlagen → geplant is the steering group's decision.
    const status = detail.getByLabel('Neuer Status');
    assert.deepEqual((await status.locator('option').allInnerTexts()).map(squash), ['Bitte wählen', 'verworfen']);
    assert.match(squash(await detail.locator('#steuerung-hinweis').innerText()), /entscheidet die Steuerungsgruppe/);
    // An officer may report progress on any measure.
    assert.ok(await detail.getByRole('heading', { name: 'Sachstand erfassen' }).isVisible());
    assertNoViolations(await axeViolations(page));

    // A measure with Teilmaßnahmen and two Leitziele.
    await openMeasure(page, measures['SP-02']);
    const f2 = await facts(page);
    assert.equal(f2['Beteiligte Organisationen'], orgs.caritas.name);
    assert.equal(f2.Status, 'in Umsetzung');
    assert.deepEqual((await page.locator('#massnahme-leitziele li').allInnerTexts()).map(squash),
      [`Leitziel 1: ${goals[0].title}`, `Leitziel 2: ${goals[1].title}`]);
    assert.deepEqual(await rowCodes(page, '#teilmassnahmen-tabelle'), ['SP-02.1']);
    await page.locator('#teilmassnahmen-tabelle').getByRole('link', { name: 'Schulung der Sprachpaten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schulung der Sprachpaten' }).waitFor();
    await page.locator('#massnahme-status').filter({ hasText: 'Maßnahme SP-02.1 geladen.' }).waitFor();
    const f3 = await facts(page);
    assert.equal(f3['Teil der Maßnahme'], 'SP-02: Sprachpaten in Kitas');
    assert.match(f3.Gewichtung, /^1 /);
    assertNoViolations(await axeViolations(page));

    // An unknown measure.
    await page.goto(`${BASE_URL}/#/massnahmen/999999999?kommune=${MUSTERSTADT}`);
    await page.getByRole('heading', { level: 1, name: 'Maßnahme nicht gefunden' }).waitFor();
    assertNoViolations(await axeViolations(page));
  }));

  test('Steuerungsgruppe: Status ändern (mit Begründung beim Aussetzen), Rang verschieben – die Liste zeigt es', () => withPage(async (page) => {
    const { concept, measures } = catalogue;
    const wo = measures['WO-01'];
    await signInAs(page, STEERING);
    const detail = await openMeasure(page, wo);
    const form = detail.locator('#status-form');
    const status = form.getByLabel('Neuer Status');
    const reason = form.getByLabel('Begründung');
    assert.deepEqual((await status.locator('option').allInnerTexts()).map(squash), ['Bitte wählen', 'geplant', 'verworfen']);
    assert.equal(await detail.getByRole('heading', { name: 'Sachstand erfassen' }).count(), 0, 'the steering group writes no Sachstand');

    // Dropping needs a reason: said at the field.
    await status.selectOption({ label: 'verworfen' });
    await form.getByRole('button', { name: 'Status ändern' }).click();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.match(await description(reason), /Bitte begründen Sie, warum die Maßnahme verworfen wird\./);
    assert.equal(await reason.evaluate((el) => el === document.activeElement), true);
    assertNoViolations(await axeViolations(page));

    // vorgeschlagen → geplant: the steering group's decision.
    await status.selectOption({ label: 'geplant' });
    await form.getByRole('button', { name: 'Status ändern' }).click();
    await page.locator('#massnahme-status').filter({ hasText: 'Der Status ist jetzt „geplant“.' }).waitFor();
    assert.equal((await facts(page)).Status, 'geplant');
    assert.equal(await reason.getAttribute('aria-invalid'), null, 'the error is gone');

    await status.selectOption({ label: 'ausgesetzt' });
    await reason.fill('Die Förderzusage des Landes steht noch aus.');
    await form.getByRole('button', { name: 'Status ändern' }).click();
    await page.locator('#massnahme-status').filter({ hasText: 'Der Status ist jetzt „ausgesetzt“.' }).waitFor();
    assert.equal((await facts(page)).Status, 'ausgesetzt Begründung: Die Förderzusage des Landes steht noch aus.');
    const saved = await ok(200, api('GET', `${M}/measures/${wo.id}`, { token: tokens.steering }), 'GET WO-01');
    assert.equal(saved.status, 'suspended');
    assert.equal(saved.status_reason, 'Die Förderzusage des Landes steht noch aus.');

    // Rang: one up, then to 5 typed in.
    const rank = detail.locator('#rang-form');
    assert.equal(squash(await rank.locator('#rang-aktuell').innerText()), 'Die Maßnahme steht auf Rang 3 von 6.');
    await rank.getByRole('button', { name: /^Nach oben/ }).click();
    await page.locator('#massnahme-status').filter({ hasText: 'Die Maßnahme steht jetzt auf Rang 2 von 6.' }).waitFor();
    assert.equal((await facts(page))['Rang (Priorität)'], '2 von 6');
    await rank.getByLabel('Neuer Rang').fill('0');
    await rank.getByRole('button', { name: 'Rang setzen' }).click();
    assert.match(await description(rank.getByLabel('Neuer Rang')), /ganze Zahl ab 1/);
    await rank.getByLabel('Neuer Rang').fill('5');
    await rank.getByRole('button', { name: 'Rang setzen' }).click();
    await page.locator('#massnahme-status').filter({ hasText: 'Die Maßnahme steht jetzt auf Rang 5 von 6.' }).waitFor();
    assertNoViolations(await axeViolations(page));

    // Back in the list: the new order and the new status.
    const listed = page.waitForResponse(isMeasureList);
    await detail.getByRole('link', { name: 'Zurück zum Maßnahmenkatalog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
    await listShown(page, listed);
    assert.equal(await view(page, 'Maßnahmenkatalog').getByLabel('Integrationskonzept (Version und Status)').inputValue(), concept.id);
    assert.deepEqual(await rowCodes(page), ['SP-01', 'AR-01', 'SP-02', 'GT-01', 'WO-01', 'SP-02.1']);
    const row = rowOf(page, 'WO-01');
    assert.equal(squash(await row.locator('td').first().innerText()), '5');
    assert.equal(squash(await row.locator('td').nth(4).innerText()), 'ausgesetzt');
  }));

  test('Partner: Sachstand zu einer Maßnahme unter Federführung der Caritas, der Fortschritt folgt', () => withPage(async (page) => {
    const { concept, measures } = catalogue;
    const sp = measures['SP-01'];

    // A link to the measure, opened signed out: after signing in, there.
    await page.goto(`${BASE_URL}/#/massnahmen/${sp.id}?kommune=${MUSTERSTADT}`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await view(page, 'Anmelden').getByText('Bitte melden Sie sich an, um diese Seite zu sehen.').waitFor();
    const signIn = view(page, 'Anmelden');
    await signIn.getByLabel('E-Mail-Adresse').fill(PARTNER);
    await signIn.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await signIn.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: sp.title }).waitFor();
    assert.match(page.url(), new RegExp(`#/massnahmen/${sp.id}\\?kommune=${MUSTERSTADT}$`));

    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    assert.ok(await nav.getByRole('link', { name: 'Maßnahmenkatalog' }).isVisible());

    // Partners see what is shared with them and what their organisation leads or supports.
    await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${concept.id}`);
    assert.deepEqual(await rowCodes(page), ['SP-01', 'SP-02', 'GT-01', 'WO-01', 'SP-02.1']);
    assertNoViolations(await axeViolations(page));

    // Not theirs: no form.
    const gt = await openMeasure(page, measures['GT-01']);
    assert.equal(await gt.getByRole('heading', { name: 'Sachstand erfassen' }).isVisible(), false);
    assert.equal(await gt.locator('#massnahme-steuerung').isVisible(), false, 'no Steuerung for partners');

    const detail = await openMeasure(page, sp);
    const form = detail.locator('#sachstand-form');
    await detail.getByRole('heading', { name: 'Sachstand erfassen' }).waitFor();
    assert.equal(await form.getByLabel('Datum').inputValue(), isoDay(0), 'today by default');

    // Nothing chosen or written: said at the fields.
    await form.getByLabel('Fortschritt in Prozent').fill('');
    await form.getByRole('button', { name: 'Sachstand speichern' }).click();
    const stand = form.getByRole('group', { name: 'Stand' });
    assert.match(squash(await stand.innerText()), /Bitte wählen Sie den Stand\./);
    assert.match(await description(form.getByLabel('Fortschritt in Prozent')), /Bitte geben Sie den Fortschritt in Prozent an\./);
    assert.match(await description(form.getByLabel('Text')), /Bitte beschreiben Sie den Sachstand\./);
    assertNoViolations(await axeViolations(page));

    // A clock a day ahead lets a date pass that the server refuses (422):
    // its answer is shown at the field.
    await page.clock.setFixedTime(new Date(Date.now() + 36 * 3600_000));
    await form.getByLabel('Datum').fill(isoDay(1));
    await stand.getByLabel('verzögert').check();
    await form.getByLabel('Fortschritt in Prozent').fill('35');
    await form.getByLabel('Text').fill('Der Raum im Stadtteilzentrum ist gefunden; das erste Treffen ist für März geplant.');
    const refused = page.waitForResponse((r) => r.url().endsWith(`/measures/${sp.id}/progress-reports`) && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Sachstand speichern' }).click();
    assert.equal((await refused).status(), 422);
    const date = form.getByLabel('Datum');
    await page.locator('#sachstand-datum[aria-invalid="true"]').waitFor();
    assert.match(await description(date), /Das Datum darf nicht in der Zukunft liegen\./);
    assert.match(squash(await form.getByRole('alert').innerText()), /Der Sachstand wurde nicht gespeichert\./);
    assertNoViolations(await axeViolations(page));

    // The right date: saved, and the measure's progress follows.
    await date.fill(isoDay(0));
    const saved = page.waitForResponse((r) => r.url().endsWith(`/measures/${sp.id}/progress-reports`) && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Sachstand speichern' }).click();
    const answer = await saved;
    assert.equal(answer.status(), 201);
    assert.ok(answer.request().headers()['idempotency-key'], 'sent with an Idempotency-Key');
    await page.locator('#sachstand-gespeichert').filter({ hasText: /ist gespeichert\. Die Maßnahme steht bei 35\s% Fortschritt\./ }).waitFor();
    const f = await facts(page);
    assert.equal(f.Fortschritt, '35 %');
    assert.equal(f['Letzter Sachstand'], `${deDate(isoDay(0))}: verzögert`);
    const first = page.locator('#sachstaende-liste > li').first();
    assert.equal(squash(await first.getByRole('heading', { level: 3 }).innerText()), `Sachstand vom ${deDate(isoDay(0))}`);
    const text = squash(await first.innerText());
    assert.match(text, /Stand verzögert/);
    assert.match(text, /Fortschritt 35 %/);
    assert.match(text, /Der Raum im Stadtteilzentrum ist gefunden/);
    assert.ok(text.includes(`Erfasst von ${names.partner} für ${orgs.caritas.name}`), text);
    assert.equal(await form.getByLabel('Text').inputValue(), '', 'the form is empty again');
    assertNoViolations(await axeViolations(page));

    // The list shows the new progress.
    const listed = page.waitForResponse(isMeasureList);
    await detail.getByRole('link', { name: 'Zurück zum Maßnahmenkatalog' }).click();
    await listShown(page, listed);
    assert.equal(await visibleText(rowOf(page, 'SP-01').locator('td').nth(5)), '35 %');
  }));

  test('412: „Die Maßnahme wurde inzwischen geändert“, neu laden, dann gelingt die Änderung', () => withPage(async (page) => {
    const ar = catalogue.measures['AR-01'];
    await signInAs(page, STEERING);
    await openMeasure(page, ar);
    // By id: the view's name (its heading) changes with the title.
    const form = page.locator('#status-form');
    await form.getByLabel('Neuer Status').selectOption({ label: 'in Umsetzung' });

    // Meanwhile the officer moves it up to Rang 1 (its ETag changes).
    await ok(200, api('PUT', `${M}/measures/${ar.id}/rank`, { token: tokens.officer, body: { rank: 1 } }), 'moving AR-01');

    const answer = page.waitForResponse((r) => r.url().endsWith(`/measures/${ar.id}`) && r.request().method() === 'PATCH');
    await form.getByRole('button', { name: 'Status ändern' }).click();
    const res = await answer;
    assert.equal(res.status(), 412);
    assert.match(res.request().headers()['if-match'] ?? '', /^"[0-9a-f]{32}"$/, 'the ETag as read is sent');
    const alert = form.getByRole('alert');
    // The steering group may read the history: it names who changed it.
    await alert.getByText(/^Inzwischen von .+ geändert – neu laden$/).waitFor();
    assert.match(squash(await alert.innerText()), /Ihre Änderung wurde nicht gespeichert/);
    const reload = alert.getByRole('button', { name: 'Maßnahme neu laden' });
    assert.equal(await reload.evaluate((el) => el === document.activeElement), true, 'focus on the reload button');
    assertNoViolations(await axeViolations(page));
    const unchanged = await ok(200, api('GET', `${M}/measures/${ar.id}`, { token: tokens.steering }), 'GET AR-01');
    assert.equal(unchanged.status, 'planned', 'nothing was overwritten');

    await reload.click();
    await page.locator('#massnahme-status').filter({ hasText: 'Die Maßnahme ist neu geladen.' }).waitFor();
    assert.equal((await facts(page))['Rang (Priorität)'], '1 von 6', 'the change made meanwhile is shown');
    assert.equal(squash(await alert.innerText()), '', 'the notice is gone');
    assert.deepEqual(await focused(page), { tag: 'H2', text: 'Status und Priorität' });

    await form.getByLabel('Neuer Status').selectOption({ label: 'in Umsetzung' });
    await form.getByRole('button', { name: 'Status ändern' }).click();
    await page.locator('#massnahme-status').filter({ hasText: 'Der Status ist jetzt „in Umsetzung“.' }).waitFor();
    const now = await ok(200, api('GET', `${M}/measures/${ar.id}`, { token: tokens.steering }), 'GET AR-01');
    assert.equal(now.status, 'in_progress');
    assert.equal(now.rank, 1);
  }));

  describe('öffentliche Seite', () => {
    const indicators = [];

    after(async () => {
      // Not published any more: other files' public pages stay as they were.
      for (const k of indicators) {
        await api('PATCH', `${M}/indicators/${k.id}`, { token: tokens.officer, body: { visibility: 'internal' } });
      }
    });

    test('ohne Anmeldung: beschlossenes Konzept, Leitziele, nur öffentliche Maßnahmen, Kennzahlen mit Trend und Status', () => withPage(async (page) => {
      const indicator = (body) => ok(201, api('POST', `${M}/indicators`, {
        token: tokens.officer,
        body: { unit: '%', direction: 'higher_is_better', source_set: 'local', ...body },
      }), `creating ${body.name}`).then((k) => { indicators.push(k); return k; });
      const rising = await indicator({
        name: `E2E Anteil der Sprachcafé-Gäste mit Sprachfortschritt ${RUN}`, visibility: 'public',
        baseline_value: 40, baseline_date: '2024-01-01', target_value: 60, target_date: '2028-12-31',
      });
      for (const [periodEnd, value] of [['2024-12-31', 45], ['2025-12-31', 50]]) {
        await ok(201, api('POST', `${M}/indicators/${rising.id}/observations`, {
          token: tokens.officer, body: { period_end: periodEnd, value },
        }), 'an observation');
      }
      const empty = await indicator({ name: `E2E Noch nicht gemessen ${RUN}`, visibility: 'public' });
      const secret = await indicator({ name: `E2E Interne Kennzahl ${RUN}`, visibility: 'internal' });

      const { concept, goals } = await createCatalogue('Öffentlich');

      // From the start page, by the name of the Kommune.
      await page.goto(`${BASE_URL}/`);
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      assert.equal(await nav.getByRole('link', { name: 'Maßnahmenkatalog' }).isVisible(), false, 'no catalogue without sign-in');
      const publicList = page.waitForResponse((r) => /\/api\/v1\/public\/municipalities\/05999004\/measures/.test(r.url()));
      await page.getByRole('rowheader', { name: 'Musterstadt', exact: true }).getByRole('link', { name: 'Musterstadt' }).click();
      await page.getByRole('heading', { level: 1, name: concept.title }).waitFor();
      assert.match(page.url(), /#\/oeffentlich\/05999004$/);
      await publicList;
      const region = view(page, concept.title);
      await page.locator('#oeffentlich-massnahmen-status').filter({ hasText: /geladen\./ }).waitFor();
      assert.equal(await page.title(), `${concept.title} – Teilhabe`);
      assert.equal(squash(await page.locator('#oeffentlich-beschluss').innerText()),
        `Vom Rat beschlossen am ${deDate(concept.resolution_date)} (${concept.resolution_reference}). Version ${concept.version} des Integrationskonzepts.`);
      assert.deepEqual((await region.locator('#oeffentlich-leitziele > li strong').allInnerTexts()).map(squash), goals.map((g) => g.title));

      // Only the public measures, in rank order, with their progress.
      const table = '#oeffentlich-massnahmen-tabelle';
      assert.deepEqual(await rowCodes(page, table), ['SP-01', 'SP-02', 'GT-01', 'SP-02.1']);
      const sp02 = rowOf(page, 'SP-02', table);
      assert.equal(squash(await sp02.locator('td').nth(4).innerText()), 'in Umsetzung');
      assert.equal(await visibleText(sp02.locator('td').nth(5)), '0 %');
      assert.equal(await region.getByText('Bewerbungstraining').count(), 0, 'internal measures stay internal');
      assert.equal(await region.getByText('Wohnungsbörse').count(), 0, 'measures for partners stay with partners');
      const details = rowOf(page, 'SP-01', table).locator('details');
      await details.locator('summary').click();
      assert.match(squash(await details.innerText()), /Deutsch im Alltag zu üben/);

      // By Handlungsfeld.
      await region.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Gesellschaftliche Teilhabe und interkultureller Dialog' });
      await Promise.all([
        page.waitForResponse((r) => /\/public\/municipalities\/05999004\/measures\?.*action_field_id=/.test(r.url())),
        region.getByRole('button', { name: 'Filter anwenden' }).click(),
      ]);
      await page.locator('#oeffentlich-massnahmen:not([aria-busy])').waitFor({ state: 'attached' });
      await page.locator(`${table} caption`).filter({ hasText: 'Handlungsfeld: Gesellschaftliche Teilhabe' }).waitFor();
      assert.deepEqual(await rowCodes(page, table), ['GT-01']);

      // The Kennzahlen: latest value, trend and status; the internal one is not there.
      const kennzahlen = page.locator('#oeffentlich-kennzahlen');
      await page.locator('#oeffentlich-kennzahlen-status').filter({ hasText: /geladen\./ }).waitFor();
      const moreIndicators = kennzahlen.getByRole('button', { name: 'Weitere Kennzahlen laden' });
      while (await moreIndicators.count()) {
        await moreIndicators.click();
        await page.locator('#oeffentlich-kennzahlen:not([aria-busy])').waitFor({ state: 'attached' });
      }
      const cells = async (k) => (await page.locator(`#kennzahl-${k.id}`).locator('th, td').evaluateAll((cs) => cs.map((c) => {
        const copy = c.cloneNode(true);
        for (const el of copy.querySelectorAll('.visually-hidden, .cell-note, details')) el.remove();
        return copy.textContent;
      }))).map(squash);
      assert.deepEqual(await cells(rising), [rising.name, '40 %', '60 %', '50 %', 'verbessert', 'im Plan']);
      assert.deepEqual(await cells(empty), [empty.name, '–', '–', '–', '–', 'keine Daten']);
      assert.equal(await page.locator(`#kennzahl-${secret.id}`).count(), 0, 'internal Kennzahlen stay internal');
      assert.match(squash(await page.locator(`#kennzahl-${rising.id} td`).nth(2).innerText()), /Stand 31\.12\.2025/);
      assertNoViolations(await axeViolations(page));
    }));

    test('Kommune ohne beschlossenes Konzept und unbekannte Kommune: verständliche Hinweise, keine Verstöße', () => withPage(async (page) => {
      const other = (await ok(200, api('GET', 'municipalities?limit=200'), 'municipalities')).items
        .find((m) => m.ags !== MUSTERSTADT);
      const adopted = other ? await api('GET', `public/municipalities/${other.ags}/concept`) : null;
      if (other && adopted.status === 404) {
        await page.goto(`${BASE_URL}/#/oeffentlich/${other.ags}`);
        await page.getByRole('heading', { level: 1, name: `Integrationskonzept ${other.name}` }).waitFor();
        await page.getByText(`${other.name} hat noch kein Integrationskonzept beschlossen.`).waitFor();
        assertNoViolations(await axeViolations(page));
      }
      await page.goto(`${BASE_URL}/#/oeffentlich/01234567`);
      await page.getByRole('heading', { level: 1, name: 'Kommune nicht gefunden' }).waitFor();
      assertNoViolations(await axeViolations(page));
    }));
  });

  test('archiviertes Konzept: keine Änderung von Status und Rang mehr, der Hinweis sagt es', () => withPage(async (page) => {
    // The public page's concept was adopted after this one: this one is archived now.
    const concept = await ok(200, api('GET', `${M}/concepts/${catalogue.concept.id}`, { token: tokens.steering }), 'GET concept');
    assert.equal(concept.status, 'archived');
    await signInAs(page, STEERING);
    const detail = await openMeasure(page, catalogue.measures['GT-01']);
    await detail.getByText('Das Integrationskonzept dieser Maßnahme ist archiviert.').waitFor();
    assert.equal(await page.locator('#massnahme-steuerung').isVisible(), false);
    assert.match((await facts(page)).Integrationskonzept, /\(Version \d+, archiviert, beschlossen am /);
    assertNoViolations(await axeViolations(page));
  }));

  test('auf schmalem Bildschirm (320 px): Katalog, Maßnahme und öffentliche Seite ohne seitliches Scrollen, keine Verstöße', () => withPage(async (page) => {
    const fits = async (what) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${what}: the page is ${width}px wide at a 320px viewport`);
      assertNoViolations(await axeViolations(page));
    };
    const { concept, measures } = await createCatalogue('Schmal');
    await signInAs(page, OFFICER);
    await openCatalogue(page, `?kommune=${MUSTERSTADT}&konzept=${concept.id}`);
    await fits('Maßnahmenkatalog');
    await openMeasure(page, measures['SP-02']);
    await fits('Maßnahme');
    await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}`);
    await page.getByRole('heading', { level: 1, name: concept.title }).waitFor();
    await page.locator('#oeffentlich-massnahmen-status').filter({ hasText: /geladen\./ }).waitFor();
    await page.locator('#oeffentlich-kennzahlen-status').filter({ hasText: /geladen\.|gefunden\./ }).waitFor();
    await fits('öffentliche Seite');
  }, { viewport: { width: 320, height: 640 } }));
});
