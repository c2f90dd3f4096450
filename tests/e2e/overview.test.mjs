/*
 * The Übersicht in the browser (#12): the steering group lands on it after
 * signing in; the numbers of „Stand der Umsetzung“ are those of GET
 * …/overview, and each leads to the catalogue listing exactly that many
 * measures (the catalogue's list counts on its own, with the list's
 * filters); a delayed measure opens from there; the Kennzahlen, „Zur
 * Entscheidung“ and „Sitzungen“ tiles show and link what the API says; the
 * date chooser changes „seit …“ and the changes shown; partners have no
 * Übersicht. Every state is checked with axe-core (WCAG 2.1 AA).
 *
 * Reads the demo data of Musterstadt, the demo concept (version 2) by its
 * id, so it does not matter which concept other files have adopted since;
 * changes nothing.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, PARTNER, STEERING,
  api, assertNoViolations, axeViolations, de, launchBrowser, signInAs, signInHere, squash, view, withCheckedPage,
} from './helpers.mjs';
import { lit, psql } from '../api/lib/auth.mjs';

const M = `municipalities/${MUSTERSTADT}`;

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

const isOverview = (r) => /\/api\/v1\/municipalities\/\d{8}\/overview(\?|$)/.test(r.url()) && r.request().method() === 'GET';

/* Waits until the Übersicht shows its tiles. */
async function overviewShown(page) {
  await page.locator('#uebersicht-status').filter({ hasText: /^Übersicht für .* geladen/ }).waitFor();
  await page.locator('#uebersicht-kacheln:not([aria-busy])').waitFor({ state: 'attached' });
}

/* Opens the Übersicht at url (or goes back with url null) and waits for its answer and tiles. */
async function openOverview(page, url) {
  const answered = page.waitForResponse(isOverview);
  if (url) await page.goto(url);
  else await page.goBack();
  await answered;
  await overviewShown(page);
}

/* The counts of a catalogue list as its live region announces them. */
async function catalogueCount(page) {
  const status = page.locator('#katalog-status').filter({ hasText: /(Maßnahme|Maßnahmen) geladen\.|Keine Maßnahmen gefunden\./ });
  await status.waitFor();
  const text = squash(await status.innerText());
  if (/^Keine/.test(text)) return 0;
  return Number.parseInt(text.replace(/\./g, ''), 10);
}

/* The columns of the table: data-column -> the API's value of a row. */
const COLUMNS = {
  massnahmen: (r) => r.measures,
  'status-proposed': (r) => r.by_status.proposed ?? 0,
  'status-planned': (r) => r.by_status.planned ?? 0,
  'status-in_progress': (r) => r.by_status.in_progress ?? 0,
  'status-completed': (r) => r.by_status.completed ?? 0,
  'status-suspended': (r) => r.by_status.suspended ?? 0,
  'status-dropped': (r) => r.by_status.dropped ?? 0,
  verzoegert: (r) => r.delayed,
  gefaehrdet: (r) => r.at_risk,
  'ohne-sachstand': (r) => r.stale,
  ueberfaellig: (r) => r.overdue,
};

describe('Übersicht der Steuerungsgruppe', () => {
  let browser;
  let steering;
  let demo; // the demo concept of Musterstadt (version 2)
  let overview; // GET …/overview of the demo concept, as the steering group
  let at; // the Übersicht of the demo concept: "/#/uebersicht?kommune=…&konzept=…"

  before(async () => {
    browser = await launchBrowser();
    steering = await token(STEERING);
    const concepts = (await ok(api('GET', `${M}/concepts?limit=200`, { token: steering }), 'concepts')).items;
    demo = concepts.find((c) => c.version === 2);
    assert.ok(demo, 'the demo concept (version 2) of Musterstadt');
    overview = await ok(api('GET', `${M}/overview?concept_id=${demo.id}`, { token: steering }), 'GET overview');
    assert.equal(overview.concept.id, demo.id);
    at = `${BASE_URL}/#/uebersicht?kommune=${MUSTERSTADT}&konzept=${demo.id}`;
    assert.ok(overview.totals.delayed > 0, 'demo: at least one measure is „verzögert“');
  });

  after(async () => {
    await browser?.close();
  });

  const withPage = (fn, options) => withCheckedPage(browser, fn, options);

  test('Landung nach der Anmeldung, Zahlen wie die API, jede Zahl führt zu genau so vielen Maßnahmen', () => withPage(async (page) => {
    await page.goto(`${BASE_URL}/#/anmelden`);
    const loaded = page.waitForResponse(isOverview);
    await signInHere(page, STEERING);
    await page.getByRole('heading', { level: 1, name: 'Übersicht: Musterstadt' }).waitFor();
    await loaded;
    await overviewShown(page);
    assert.match(page.url(), /#\/uebersicht$/);
    // By default the concept the API chooses (the adopted one): the table says so.
    const defaults = await ok(api('GET', `${M}/overview`, { token: steering }), 'GET overview, defaults');
    assert.equal(await page.locator('#uebersicht-stand tfoot td[data-column="massnahmen"]').innerText(), de.integer(defaults.totals.measures));
    if (defaults.concept) assert.match(squash(await page.locator('#uebersicht-stand caption').innerText()), new RegExp(`\\(Version ${defaults.concept.version}\\)$`));
    // The demo concept, named in the address.
    await openOverview(page, at);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    assert.equal(await nav.getByRole('link', { name: 'Übersicht' }).getAttribute('aria-current'), 'page');
    const uebersicht = view(page, 'Übersicht: Musterstadt');
    for (const title of ['Stand der Umsetzung', 'Kennzahlen', 'Zur Entscheidung', 'Seit der letzten Sitzung', 'Sitzungen']) {
      assert.equal(await uebersicht.getByRole('heading', { level: 2, name: title, exact: true }).count(), 1, `tile ${title}`);
    }
    assertNoViolations(await axeViolations(page));

    // The table: one row per Handlungsfeld of the API and the total, every number as the API says.
    const rows = await page.locator('#uebersicht-stand tr[data-field]').evaluateAll((trs) => trs.map((tr) => ({
      field: tr.dataset.field,
      name: tr.querySelector('th').textContent,
      cells: Object.fromEntries([...tr.querySelectorAll('td[data-column]')].map((td) => [td.dataset.column, td.textContent.trim()])),
    })));
    assert.deepEqual(rows.map((r) => r.field), [...overview.action_fields.map((f) => f.id), 'insgesamt']);
    const expected = [...overview.action_fields, overview.totals];
    rows.forEach((row, i) => {
      const api = expected[i];
      for (const [key, value] of Object.entries(COLUMNS)) {
        assert.equal(row.cells[key], de.integer(value(api)), `${row.name}: ${key}`);
      }
      assert.equal(squash(row.cells.fortschritt), api.mean_progress == null ? '–keine Angabe' : de.percent(api.mean_progress),
        `${row.name}: mittlerer Fortschritt`);
    });

    // Each number of the total row leads to a catalogue list of that many
    // measures (counted by the catalogue's list, not by the overview).
    const total = page.locator('#uebersicht-stand tr[data-field="insgesamt"]');
    for (const key of ['verzoegert', 'gefaehrdet', 'ohne-sachstand', 'ueberfaellig', 'status-in_progress', 'massnahmen']) {
      const want = COLUMNS[key](overview.totals);
      const cell = total.locator(`td[data-column="${key}"]`);
      if (want === 0) {
        assert.equal(await cell.getByRole('link').count(), 0, `${key}: 0 is no link`);
        continue;
      }
      await cell.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
      assert.match(page.url(), new RegExp(`kommune=${MUSTERSTADT}&konzept=${overview.concept.id}`));
      assert.equal(await catalogueCount(page), want, `${key}: the catalogue lists as many measures`);
      await openOverview(page, null);
      assert.equal(await page.locator('#uebersicht-stand caption').innerText().then(squash), squash(`Maßnahmen nach Handlungsfeld: ${demo.title} (Version 2)`));
    }
    // The same for one Handlungsfeld's row: its measures.
    const field = overview.action_fields.find((f) => f.measures > 0);
    await page.locator(`#uebersicht-stand tr[data-field="${field.id}"] td[data-column="massnahmen"]`).getByRole('link').click();
    assert.equal(await catalogueCount(page), field.measures, `Handlungsfeld ${field.name}`);
    assert.equal(await view(page, 'Maßnahmenkatalog').getByLabel('Handlungsfeld', { exact: true }).inputValue(), field.id);
  }));

  test('Eine verzögerte Maßnahme öffnen: von der Übersicht über den Katalog zur Maßnahme', () => withPage(async (page) => {
    await signInAs(page, STEERING);
    await openOverview(page, at);
    const field = overview.action_fields.find((f) => f.delayed > 0);
    const link = page.locator(`#uebersicht-stand tr[data-field="${field.id}"] td[data-column="verzoegert"]`).getByRole('link');
    assert.equal(await link.getAttribute('aria-label'), `${de.integer(field.delayed)} Maßnahmen im Handlungsfeld ${field.name}: letzter Sachstand verzögert`);
    await link.click();
    assert.equal(await catalogueCount(page), field.delayed);
    const delayed = (await ok(api('GET', `${M}/measures?concept_id=${overview.concept.id}&action_field_id=${field.id}&report_status=delayed&limit=200`,
      { token: steering }), 'delayed measures')).items;
    const first = page.locator('#katalog-tabelle tbody tr').first();
    assert.equal(squash(await first.locator('.signal').innerText()), 'verzögert');
    const title = squash(await first.locator('th a').innerText());
    assert.ok(delayed.some((m) => m.title === title), 'a delayed measure of the field');
    await first.locator('th a').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.match(page.url(), /#\/massnahmen\/\d+\?kommune=05999004$/);
  }));

  test('Kennzahlen, Zur Entscheidung und Sitzungen wie die API', () => withPage(async (page) => {
    await signInAs(page, STEERING);
    await openOverview(page, at);

    const tiles = page.locator('#uebersicht-kachel-kennzahlen .indicator-tile');
    assert.equal(await tiles.count(), overview.indicators.length);
    const statusWords = {
      on_track: 'im Plan', at_risk: 'gefährdet', off_track: 'nicht im Plan', target_reached: 'Ziel erreicht', no_data: 'keine Daten',
    };
    for (const [i, k] of overview.indicators.entries()) {
      const tile = tiles.nth(i);
      assert.equal(await tile.getByRole('link', { name: k.name }).getAttribute('href'), `/#/kommunen/${MUSTERSTADT}/kennzahlen/${k.id}`);
      assert.equal(squash(await tile.locator('.badge').innerText()), statusWords[k.status], `status of ${k.name} in words`);
      if (k.latest) assert.match(squash(await tile.innerText()), new RegExp(`\\(${de.date(k.latest.period_end).replace(/\./g, '\\.')}\\)`));
    }

    for (const group of ['proposed', 'suspended']) {
      const items = page.locator(`#uebersicht-kachel-entscheidung ul[data-group="${group}"] a`);
      const texts = (await items.allInnerTexts()).map(squash);
      assert.deepEqual(texts, overview.to_decide[group].map((m) => `${m.code} ${m.title}`), `${group} in rank order`);
      const hrefs = await items.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs, overview.to_decide[group].map((m) => `/#/massnahmen/${m.id}?kommune=${MUSTERSTADT}`));
    }
    // The recommendations have their own tile; this one says how many wait.
    const waiting = overview.to_decide.recommendations?.length ?? 0;
    assert.match(squash(await page.locator('#uebersicht-kachel-entscheidung').innerText()), waiting === 0
      ? /Handlungsempfehlungen Noch keine Handlungsempfehlungen/
      : new RegExp(`Handlungsempfehlungen ${waiting} Handlungsempfehlung(en warten| wartet) auf eine Stellungnahme`));

    const meetings = page.locator('#uebersicht-kachel-sitzungen');
    assert.equal(await meetings.getByRole('link', { name: 'Alle Sitzungen' }).getAttribute('href'), `/#/sitzungen?kommune=${MUSTERSTADT}`);
    for (const [key, none] of [['next', 'Keine Sitzung geplant.'], ['last', 'Noch keine Sitzung gehalten.']]) {
      const m = overview.meetings[key];
      if (m) assert.equal(await meetings.getByRole('link', { name: m.title }).first().getAttribute('href'), `/#/sitzungen/${m.id}?kommune=${MUSTERSTADT}`);
      else assert.match(squash(await meetings.innerText()), new RegExp(none.replace('.', '\\.')));
    }
    // The print and CSV actions are offered; the partner's view is not.
    await page.getByRole('button', { name: 'Sitzungsunterlage drucken' }).waitFor();
    await page.getByRole('button', { name: 'Als CSV herunterladen (Excel)' }).waitFor();
  }));

  test('Nächste Veranstaltungen, Angebote und Netzwerke: Zahlen wie in der Datenbank, jede führt zu ihrer Liste', () => withPage(async (page) => {
    const IN = `(SELECT id FROM municipality WHERE ags = ${lit(MUSTERSTADT)})`;
    const today = `(now() AT TIME ZONE 'Europe/Berlin')::date`;
    const [offers, shown, expired] = psql(`SELECT count(*) || ' ' || count(*) FILTER (WHERE visibility = 'public' AND (valid_until IS NULL OR valid_until >= ${today}))
                                            || ' ' || count(*) FILTER (WHERE valid_until < ${today}) FROM offer WHERE municipality_id = ${IN}`).split(' ').map(Number);
    const networks = Number(psql(`SELECT count(*) FROM network_municipality WHERE municipality_id = ${IN}`));
    assert.ok(offers > 0 && networks > 0, 'the demo has Angebote and Netzwerke in Musterstadt');
    const planned = new Set(psql(`SELECT e.title FROM event e JOIN event_municipality l ON l.event_id = e.id WHERE l.shown_in = ${IN}
                                    AND e.status = 'planned'`).split('\n').filter(Boolean));
    const coming = Number(psql(`SELECT count(*) FROM event e JOIN event_municipality l ON l.event_id = e.id WHERE l.shown_in = ${IN}
                                  AND e.status = 'planned' AND e.starts_at > now()`));
    await signInAs(page, STEERING);
    await openOverview(page, at);

    const tile = page.locator('#uebersicht-kachel-partner');
    await tile.locator('ul.overview-partners').waitFor();
    const text = squash(await tile.innerText());
    const n = (x, one, many) => (x === 1 ? `1 ${one}` : `${de.integer(x)} ${many}`);
    assert.match(text, new RegExp(`${n(offers, 'Angebot', 'Angebote')}, davon ${de.integer(shown)} im öffentlichen Angebotsverzeichnis`));
    assert.equal(/abgelaufen/.test(text), expired > 0, `expired offers: ${expired}`);
    assert.equal(await tile.getByRole('link', { name: n(offers, 'Angebot', 'Angebote') }).getAttribute('href'), `/#/angebote?kommune=${MUSTERSTADT}`);
    assert.equal(await tile.getByRole('link', { name: n(networks, 'Netzwerk', 'Netzwerke') }).getAttribute('href'), `/#/netzwerke?kommune=${MUSTERSTADT}`);

    const events = page.locator('#uebersicht-kachel-veranstaltungen');
    await events.getByRole('link', { name: 'Alle Veranstaltungen' }).waitFor();
    if (coming > 0) await events.locator('ul.overview-events').waitFor();
    else await events.getByText('Es sind keine Veranstaltungen geplant.').waitFor();
    const shownEvents = (await events.locator('ul.overview-events a').allInnerTexts()).map(squash);
    assert.ok(shownEvents.length >= Math.min(coming, 1) && shownEvents.length <= 3, `the next planned ones, at most three: ${shownEvents}`);
    for (const title of shownEvents) assert.ok(planned.has(title), `${title}: a planned Veranstaltung of Musterstadt`);
    assertNoViolations(await axeViolations(page));

    await tile.getByRole('link', { name: n(networks, 'Netzwerk', 'Netzwerke') }).click();
    await page.waitForURL(/#\/netzwerke\?kommune=/);
  }));

  test('Der Datumswähler ändert „seit …“, die Adresse und die Änderungen', () => withPage(async (page) => {
    await signInAs(page, STEERING);
    await openOverview(page, at);
    const line = page.locator('#uebersicht-seit-zeile');
    const before = overview.since_source === 'last_meeting'
      ? `Änderungen seit der Sitzung vom ${de.date(overview.since)}`
      : `Änderungen seit dem ${de.date(overview.since)}`;
    assert.equal(squash(await line.innerText()), before);

    // A day before the demo data: every change of the demo counts.
    const day = '2025-01-01';
    const other = await ok(api('GET', `${M}/overview?since=${day}&concept_id=${demo.id}`, { token: steering }), 'GET overview since');
    const chooser = page.getByRole('form', { name: 'Zeitraum der Änderungen wählen' });
    await chooser.getByLabel('Änderungen seit').fill(day);
    const reloaded = page.waitForResponse((r) => isOverview(r) && r.url().includes(`since=${day}`));
    await chooser.getByRole('button', { name: 'Anzeigen' }).click();
    await reloaded;
    await line.filter({ hasText: 'Änderungen seit dem 01.01.2025' }).waitFor();
    assert.match(page.url(), /[?&]seit=2025-01-01(&|$)/);
    assert.equal(await page.getByLabel('Änderungen seit').inputValue(), day);
    const headings = (await page.locator('#uebersicht-kachel-seit h3').allInnerTexts()).map(squash);
    const words = {
      status_changes: 'Statusänderungen', progress_reports: 'Neue Sachstände', rank_moves: 'Geänderte Prioritäten',
      new_measures: 'Neue Maßnahmen', observations: 'Neue Messwerte',
    };
    const want = Object.entries(words).filter(([k]) => other.changes_total[k] > 0).map(([k, w]) => `${w} (${de.integer(other.changes_total[k])})`);
    assert.deepEqual(headings, want, 'the groups and their counts for the chosen day');
    // Long groups show their newest 10 until the person asks for all.
    const [key, list] = Object.entries(other.changes).sort((a, b) => b[1].length - a[1].length)[0];
    assert.ok(list.length > 10, 'demo: a group of more than 10 changes since 2025');
    const items = page.locator(`#uebersicht-kachel-seit ul[data-group="${key}"] > li`);
    assert.equal(await items.count(), list.length, 'every entry the API sent is there');
    assert.equal(await items.filter({ visible: true }).count(), 10, 'the newest 10 are shown');
    const unfold = page.getByRole('button', { name: new RegExp(`^Alle ${list.length} .* zeigen$`) });
    assert.equal(await unfold.getAttribute('aria-expanded'), 'false');
    await unfold.click();
    assert.equal(await items.filter({ visible: true }).count(), list.length, 'all are shown');
    assert.equal(await page.locator(`#uebersicht-kachel-seit button[aria-controls="uebersicht-seit-${key}"]`).getAttribute('aria-expanded'), 'true');
    // Sentences name the measure with a link to it.
    const sentence = page.locator('#uebersicht-kachel-seit li').first();
    assert.match(await sentence.getByRole('link').first().getAttribute('href'), /^\/#\/massnahmen\/\d+\?kommune=05999004$/);
    assertNoViolations(await axeViolations(page));

    // Back with the browser: the day before.
    await page.goBack();
    await line.filter({ hasText: before }).waitFor();
  }));

  test('Partner: keine Übersicht (kein Eintrag, kein Zugriff)', () => withPage(async (page) => {
    await signInAs(page, PARTNER);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    assert.equal(await nav.getByRole('link', { name: 'Übersicht' }).count(), 0);
    await page.goto(`${BASE_URL}/#/uebersicht`);
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    assert.match(squash(await page.locator('#kein-zugriff-text').innerText()), /Die Übersicht sehen Integrationsbeauftragte/);
  }));
});
