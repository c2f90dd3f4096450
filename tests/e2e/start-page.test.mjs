/*
 * The start page as a visitor sees it: the heading "Kommunen" and a table of
 * every municipality the API lists, in German number and date formats.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, de, fetchAllMunicipalities, launchBrowser, newPage, squash } from './helpers.mjs';

describe('Startseite', () => {
  let browser;
  let municipalities;

  before(async () => {
    [browser, municipalities] = await Promise.all([launchBrowser(), fetchAllMunicipalities()]);
  });

  after(async () => {
    await browser?.close();
  });

  /* The table's body rows as the text a sighted reader sees in each cell
     (without text meant for screen readers only, e.g. "keine Angabe"). */
  async function tableRows(page) {
    const rows = await page.locator('table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].map((cell) => {
        const copy = cell.cloneNode(true);
        for (const el of copy.querySelectorAll('.visually-hidden')) el.remove();
        return copy.textContent;
      })),
    );
    return rows.map((cells) => cells.map(squash));
  }

  test('zeigt Kopfbereich, Navigation und die Überschrift "Kommunen"', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(`${BASE_URL}/`);
      assert.equal(await page.title(), 'Teilhabe – Integrationsarbeit im Landkreis');
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      await page.getByRole('heading', { level: 1, name: 'Kommunen' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      assert.equal(await nav.getByRole('link', { name: 'Start' }).getAttribute('href'), '/');
      assert.equal(await nav.getByRole('link', { name: 'API-Dokumentation' }).getAttribute('href'), '/docs/');
    } finally {
      await page.context().close();
    }
  });

  test('listet jede Kommune der API mit Name, AGS und deutsch formatierten Zahlen', async () => {
    assert.ok(municipalities.length > 0, 'the API lists no municipality: is the demo data loaded (teilhabe seed-demo)?');
    const page = await newPage(browser);
    try {
      await page.goto(`${BASE_URL}/?limit=200`);
      const table = page.getByRole('table');
      await table.waitFor();
      assert.match(squash(await table.locator('caption').innerText()), /^Kommunen/);

      const headers = (await table.locator('thead th').allInnerTexts()).map(squash);
      assert.deepEqual(headers, ['Kommune', 'AGS', 'Einwohner', 'Ausländeranteil', 'Anteil mit Migrationshintergrund', 'Stand']);

      const rows = await tableRows(page);
      assert.equal(rows.length, municipalities.length, 'one row per municipality');
      const byAgs = new Map(rows.map((cells) => [cells[1], cells]));
      for (const m of municipalities) {
        const cells = byAgs.get(m.ags);
        assert.ok(cells, `AGS ${m.ags} (${m.name}) is shown in the table`);
        assert.equal(cells[0], m.name);
        assert.equal(cells[2], de.integer(m.population), `population of ${m.name}`);
        if (m.population >= 1000) assert.match(cells[2], /^\d{1,3}(\.\d{3})+$/, 'thousands separated by "."');
        assert.equal(cells[3], de.percent(m.foreign_share), `foreign share of ${m.name}`);
        assert.equal(
          cells[4],
          m.migration_background_share == null ? '–' : de.percent(m.migration_background_share),
          `migration background share of ${m.name}`,
        );
        assert.equal(cells[5], de.date(m.population_date), `date of ${m.name}`);
        await assertVisible(page.getByRole('rowheader', { name: m.name, exact: true }));
      }
      assert.equal(await page.getByRole('button', { name: 'Weitere Kommunen laden' }).count(), 0,
        'no "load more" button when everything is shown');
      await page.waitForLoadState('networkidle');
      assert.deepEqual(page.foreignRequests, [], 'the page loads nothing from other hosts');
      assert.deepEqual(page.pageErrors.map(String), [], 'no script errors');
    } finally {
      await page.context().close();
    }
  });

  test('lädt mit "Weitere Kommunen laden" die nächste Seite nach', async (t) => {
    if (municipalities.length < 2) {
      t.skip('needs at least two municipalities');
      return;
    }
    const page = await newPage(browser);
    try {
      // One municipality per request: the cursor is followed to the end.
      await page.goto(`${BASE_URL}/?limit=1`);
      await page.getByRole('table').waitFor();
      const more = page.getByRole('button', { name: 'Weitere Kommunen laden' });
      for (let shown = 1; shown < municipalities.length; shown++) {
        assert.equal(await page.locator('table tbody tr').count(), shown);
        await more.click();
        await page.locator('table tbody tr').nth(shown).waitFor();
      }
      await more.waitFor({ state: 'detached' });
      const ags = (await tableRows(page)).map((cells) => cells[1]).sort();
      assert.deepEqual(ags, municipalities.map((m) => m.ags).sort(), 'every municipality exactly once');
    } finally {
      await page.context().close();
    }
  });

  test('zeigt während des Ladens einen Hinweis und ohne Kommunen einen Leerzustand', async () => {
    const page = await newPage(browser);
    try {
      // Hold the page's request to the API until the loading state is seen,
      // then answer it with an empty list.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route(/\/api\/v1\/municipalities(\?|$)/, async (route) => {
        await held;
        await route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[],"next_cursor":null}' });
      });
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('status').getByText('Kommunen werden geladen …').waitFor();
      release();
      await page.getByText('Es sind noch keine Kommunen erfasst.').waitFor();
      assert.equal(await page.getByRole('table').count(), 0);
    } finally {
      await page.context().close();
    }
  });
});

async function assertVisible(locator) {
  assert.ok(await locator.isVisible(), `${locator} is visible`);
}
