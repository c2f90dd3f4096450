/*
 * The public Angebotsverzeichnis in the browser (js/public/offers.js,
 * offer.js), without sign-in: the Kommune's public page links to it; the
 * directory of Musterstadt filtered by Sprache „Arabisch“ and a Zielgruppe
 * shows exactly the public, current offers of the Kommune with both, and
 * the filters stay in the address (reloading it shows the same list); a
 * search („Beratung“) shows as many offers as the database's German
 * full-text search finds; the district's directory with the Kommune filter
 * shows only that Kommune's offers; an offer's page shows its times in
 * German, its cost, its contact and a plain OpenStreetMap link; an
 * internal offer is never shown, neither in a list nor on its own page.
 * axe-core finds no violation on these views.
 *
 * The test makes its own offers through the API (an officer of each
 * Kommune); what the pages should show is counted in the database
 * (TEST_PSQL_CMD), not taken from the answers the pages show.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERLINGEN, MUSTERSTADT, OFFICER, RUN,
  api, assertNoViolations, axeViolations, launchBrowser, squash, view, withCheckedPage,
} from './helpers.mjs';
import { lit, psql } from '../api/lib/auth.mjs';

const OFFICER_MUSTERLINGEN = 'integration@musterlingen.example';
const CARITAS = 'Caritasverband für den Musterkreis e.V.';

async function ok(expected, promise, what) {
  const res = await promise;
  assert.equal(res.status, expected, `${what}: ${res.status} ${res.text}`);
  return res.json;
}

async function token(email) {
  return (await ok(200, api('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
  }), `sign-in ${email}`)).access_token;
}

/* The public offers of a Kommune that are valid today or later, with a condition of their own. */
function countPublic(ags, where = 'true') {
  return Number(psql(`SELECT count(*) FROM offer o JOIN municipality m ON m.id = o.municipality_id
                       WHERE m.ags = ${lit(ags)} AND o.visibility = 'public'
                         AND (o.valid_until IS NULL OR o.valid_until >= (now() AT TIME ZONE 'Europe/Berlin')::date)
                         AND (${where})`));
}

/* Waits for the list chosen by `chosen` (the live region's words), loads
   every page of it, then returns its cards. */
async function allCards(section, chosen) {
  await section.getByRole('status').filter({ hasText: chosen }).waitFor();
  const cards = section.locator('.offer-card');
  const more = section.getByRole('button', { name: 'Weitere Angebote laden' });
  for (let i = 0; i < 50 && await more.count(); i++) {
    const shown = await cards.count();
    await more.click();
    await cards.nth(shown).waitFor();
  }
  return cards;
}

describe('Öffentliches Angebotsverzeichnis im Browser', () => {
  let browser;
  let arabic;
  let internal;
  let other;
  let caritasId;

  before(async () => {
    browser = await launchBrowser();
    const officer = await token(OFFICER);
    caritasId = psql(`SELECT id FROM organisation WHERE name = ${lit(CARITAS)}`);
    assert.ok(caritasId, 'the demo has the Caritas');
    const base = {
      organisation_id: caritasId,
      kind: 'counselling',
      target_groups: ['refugees'],
      languages: ['ar', 'de'],
      cost: 'free',
      registration_required: false,
    };
    arabic = await ok(201, api('POST', `municipalities/${MUSTERSTADT}/offers`, {
      token: officer,
      body: {
        ...base,
        title: `Migrationsberatung auf Arabisch ${RUN}`,
        description: 'Beratung zu Aufenthalt, Wohnung, Arbeit und Sprachkursen, auf Arabisch und Deutsch.',
        street: 'Marktplatz 3',
        postcode: '59999',
        city: 'Musterstadt',
        latitude: 51.9621,
        longitude: 7.6251,
        slots: [{ weekday: 'tue', starts: '09:00', ends: '12:00' }, { weekday: 'thu', starts: '09:00', ends: '12:00' }],
        accessibility: 'Eingang ebenerdig, Aufzug im Haus',
        contact_email: 'beratung@caritas-musterkreis.example',
        phone: '02541 123-45',
        visibility: 'public',
      },
    }), 'the public Arabic offer');
    internal = await ok(201, api('POST', `municipalities/${MUSTERSTADT}/offers`, {
      token: officer,
      body: {
        ...base,
        title: `Interne Fallbesprechung Beratung ${RUN}`,
        description: 'Beratung unter Fachkräften, nur intern.',
        visibility: 'internal',
      },
    }), 'the internal offer');
    other = await ok(201, api('POST', `municipalities/${MUSTERLINGEN}/offers`, {
      token: await token(OFFICER_MUSTERLINGEN),
      body: {
        ...base,
        kind: 'language_course',
        title: `Sprachcafé Musterlingen ${RUN}`,
        description: 'Deutsch sprechen üben bei Kaffee und Tee.',
        languages: ['de', 'uk'],
        slots: [{ weekday: 'wed', starts: '15:00', ends: '16:30' }],
        visibility: 'public',
      },
    }), 'the public offer in Musterlingen');
  });

  after(async () => {
    await browser?.close();
  });

  test('the Kommune links to its offers; Sprache „Arabisch“ and a Zielgruppe show exactly the matching offers, and the link can be shared', async () => {
    const expected = countPublic(MUSTERSTADT, `'ar' = ANY (o.languages) AND 'refugees' = ANY (o.target_groups)`);
    assert.ok(expected >= 1, 'at least the test\'s offer matches');
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}`);
      await page.getByRole('link', { name: /^Angebote: Beratung, Sprachkurse/ }).click();
      const section = view(page, 'Angebote');
      await section.getByRole('status').filter({ hasText: /gefunden/ }).waitFor();
      await section.getByLabel('Sprache').selectOption({ label: 'Arabisch' });
      await section.getByLabel('Zielgruppe').selectOption({ label: 'Geflüchtete' });
      await section.getByRole('button', { name: 'Angebote finden' }).click();
      await page.waitForURL(/sprache=ar/);
      assert.match(page.url(), /#\/oeffentlich\/05999004\/angebote\?.*zielgruppe=refugees/);
      const cards = await allCards(section, 'gefunden (Sprache: Arabisch, Zielgruppe: Geflüchtete)');
      assert.equal(await cards.count(), expected, 'as many cards as the database has matching offers');
      for (const text of await cards.allInnerTexts()) {
        assert.match(squash(text), /Arabisch/, 'each card names Arabisch');
      }
      const card = section.locator(`#angebot-${arabic.id}`);
      const said = squash(await card.innerText());
      for (const part of [arabic.title, CARITAS, 'Beratung', 'Arabisch, Deutsch', 'dienstags und donnerstags 9–12 Uhr',
        'Marktplatz 3, 59999 Musterstadt', 'kostenlos', 'ohne Anmeldung', 'Eingang ebenerdig, Aufzug im Haus']) {
        assert.ok(said.includes(part), `the card says „${part}“: ${said}`);
      }
      assert.ok(!(await section.innerText()).includes(internal.title), 'the internal offer is not listed');
      if (expected <= 20) {
        assert.equal(squash(await section.getByRole('status').innerText()),
          `${expected === 1 ? '1 Angebot' : `${expected} Angebote`} gefunden (Sprache: Arabisch, Zielgruppe: Geflüchtete).`);
      }
      assertNoViolations(await axeViolations(page));

      // The address is the list: opened anew it shows the same filters and cards.
      const shared = page.url();
      await page.goto('about:blank');
      await page.goto(shared);
      const again = view(page, 'Angebote');
      assert.equal(await again.getByLabel('Sprache').inputValue(), 'ar');
      assert.equal(await again.getByLabel('Zielgruppe').inputValue(), 'refugees');
      assert.equal(await (await allCards(again, 'Sprache: Arabisch')).count(), expected);
    });
  });

  test('a search („Beratung“) shows as many offers as the German full-text search finds, never the internal one', async () => {
    const expected = countPublic(MUSTERSTADT, `o.search @@ to_tsquery('german', 'Beratung:*')`);
    assert.ok(expected >= 1, 'at least the test\'s offer is found');
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}/angebote`);
      const section = view(page, 'Angebote');
      await section.getByRole('status').filter({ hasText: /gefunden/ }).waitFor();
      await section.getByLabel('Suche, z. B. Beratung').fill('Beratung');
      await section.getByLabel('Suche, z. B. Beratung').press('Enter');
      await page.waitForURL(/suche=Beratung/);
      const cards = await allCards(section, 'Suche: „Beratung“');
      assert.equal(await cards.count(), expected);
      assert.equal(await section.locator(`#angebot-${arabic.id}`).count(), 1, 'the test\'s offer is found');
      assert.equal(await section.locator(`#angebot-${internal.id}`).count(), 0, 'the internal offer is not');
    });
  });

  test('the district directory with the Kommune filter shows only that Kommune\'s offers', async () => {
    const expected = countPublic(MUSTERLINGEN);
    const name = psql(`SELECT name FROM municipality WHERE ags = ${lit(MUSTERLINGEN)}`);
    await withCheckedPage(browser, async (page) => {
      await page.goto(BASE_URL);
      await page.getByRole('link', { name: /^Angebote im Kreis/ }).click();
      const section = view(page, 'Angebote');
      await section.getByRole('status').filter({ hasText: /gefunden/ }).waitFor();
      await section.getByLabel('Kommune').selectOption({ label: name });
      await section.getByRole('button', { name: 'Angebote finden' }).click();
      await page.waitForURL(/#\/angebote-im-kreis\?kommune=05999008/);
      const cards = await allCards(section, `Kommune: ${name}`);
      assert.equal(await cards.count(), expected);
      for (const text of await cards.allInnerTexts()) {
        assert.ok(squash(text).includes(`Kommune ${name}`), `each card is in ${name}: ${squash(text)}`);
      }
      assert.equal(await section.locator(`#angebot-${other.id}`).count(), 1);
      assert.equal(await section.locator(`#angebot-${arabic.id}`).count(), 0, 'an offer of Musterstadt is not shown');
      assertNoViolations(await axeViolations(page));
    });
  });

  test('an offer\'s page shows times, cost, contact and a plain map link; an internal offer is not found', async () => {
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}/angebote?sprache=ar`);
      const list = view(page, 'Angebote');
      await list.getByRole('link', { name: arabic.title }).click();
      const section = view(page, arabic.title);
      await section.getByRole('status').filter({ hasText: 'geladen' }).waitFor();
      const said = squash(await section.innerText());
      for (const part of ['dienstags und donnerstags 9–12 Uhr', 'kostenlos', 'Geflüchtete', 'Arabisch, Deutsch',
        'beratung@caritas-musterkreis.example', '02541 123-45', CARITAS]) {
        assert.ok(said.includes(part), `the page says „${part}“`);
      }
      const map = section.getByRole('link', { name: /OpenStreetMap/ });
      assert.match(await map.getAttribute('href'), /^https:\/\/www\.openstreetmap\.org\/\?mlat=51\.9621&mlon=7\.6251/);
      assert.equal(await page.locator('iframe').count(), 0, 'no embedded map');
      assert.equal(await section.getByRole('link', { name: 'beratung@caritas-musterkreis.example' }).getAttribute('href'),
        'mailto:beratung@caritas-musterkreis.example');
      assertNoViolations(await axeViolations(page));

      await page.goto(`${BASE_URL}/#/oeffentlich/angebote/${internal.id}`);
      const missing = view(page, 'Angebot nicht gefunden');
      await missing.getByRole('alert').filter({ hasText: 'nicht (mehr) veröffentlicht' }).waitFor();
      assert.ok(!(await page.locator('main').innerText()).includes(internal.title));
    });
  });
});
