/*
 * Handlungsempfehlungen in the browser (js/participation/):
 *   - the Übersicht's tile lists the recommendations awaiting a
 *     Stellungnahme, each linked;
 *   - the steering group (buergermeisterin@musterstadt.example) responds
 *     „angenommen“ with a measure; „angenommen“ without one is refused in
 *     the form;
 *   - a signed-in person follows the recommendation to its measure, sees
 *     its live status there, and the recommendation in the measure's
 *     „Umgesetzte Handlungsempfehlungen“;
 *   - an agenda item of a Sitzung links the recommendation;
 *   - a partner sees the recommendation list without the officers' and the
 *     steering group's controls.
 * axe-core checks each page.
 *
 * The file brings its own data, named with RUN, made through the API: a
 * consultation, a recommendation drawn from it and a measure. What the
 * browser did is read back through the API.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN, STEERING,
  api, assertNoViolations, axeViolations, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const CONSULTATION = `Integrations-Dialog Arbeitsmarkt ${RUN}`;
const TITLE = `Mentoring für den Berufseinstieg ${RUN}`;
const TEXT = 'Ehrenamtliche Mentorinnen und Mentoren begleiten junge Zugewanderte beim Übergang in Ausbildung.';
const REASON = `Die Steuerungsgruppe folgt der Empfehlung (${RUN}).`;

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

describe('Handlungsempfehlungen: Stellungnahme, Maßnahmen, was Partner sehen', () => {
  let browser;
  let tokens;
  let field;
  let consultation;
  let recommendation;
  let measure;

  before(async () => {
    browser = await launchBrowser();
    tokens = { officer: await accessToken(OFFICER), steering: await accessToken(STEERING) };
    const concepts = await all(`${M}/concepts`, tokens.officer);
    const adopted = concepts.find((c) => c.status === 'adopted');
    assert.ok(adopted, 'Musterstadt has an adopted concept');
    [field] = await all(`${M}/action-fields`, tokens.officer);
    measure = await ok(201, api('POST', `${M}/measures`, {
      token: tokens.officer,
      body: {
        concept_id: adopted.id, code: `E-${RUN}`.slice(0, 20), title: `Mentoringprogramm ${RUN}`, action_field_id: field.id, horizon: 'short',
      },
    }), 'creating a measure');
    consultation = await ok(201, api('POST', `${M}/consultations`, {
      token: tokens.officer,
      body: {
        kind: 'integration_dialogue', title: CONSULTATION, starts_on: '2026-09-15', visibility: 'partners',
      },
    }), 'creating a consultation');
    recommendation = await ok(201, api('POST', `${M}/recommendations`, {
      token: tokens.officer,
      body: {
        title: TITLE, text: TEXT, action_field_id: field.id, consultation_ids: [consultation.id], contribution_ids: [],
      },
    }), 'creating a recommendation');
  });

  after(async () => {
    await browser?.close();
  });

  const openRecommendation = async (page) => {
    await page.goto(`${BASE_URL}/#/empfehlungen/${recommendation.id}?kommune=${MUSTERSTADT}`);
    const section = view(page, TITLE);
    await section.locator('#empfehlung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    return section;
  };

  test('Die Übersicht zeigt die Handlungsempfehlungen ohne Stellungnahme', () => withCheckedPage(browser, async (page) => {
    const overview = await ok(200, api('GET', `${M}/overview`, { token: tokens.steering }), 'GET overview');
    const waiting = overview.to_decide.recommendations;
    const open = new Set((await all(`${M}/recommendations?open=true`, tokens.steering)).map((r) => String(r.id)));
    assert.ok(waiting.every((r) => open.has(String(r.id))), 'the overview lists open ones only');

    await signInAs(page, STEERING);
    await page.goto(`${BASE_URL}/#/uebersicht?kommune=${MUSTERSTADT}`);
    await page.locator('#uebersicht-status').filter({ hasText: / geladen, / }).waitFor();
    const tile = page.locator('#uebersicht-kachel-empfehlungen');
    const links = tile.locator('ul[data-group="recommendations"] a');
    assert.deepEqual(await links.allInnerTexts(), waiting.map((r) => r.title));
    for (const [i, r] of waiting.entries()) {
      assert.equal(await links.nth(i).getAttribute('href'), `/#/empfehlungen/${r.id}?kommune=${MUSTERSTADT}`);
    }
    assertNoViolations(await axeViolations(page));
  }));

  test('Steuerungsgruppe: „angenommen“ mit einer Maßnahme', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, STEERING);
    const section = await openRecommendation(page);
    assert.match(squash(await section.innerText()), new RegExp(`Beteiligungsformat: ${CONSULTATION}`));
    assert.equal(await section.getByRole('link', { name: CONSULTATION }).getAttribute('href'),
      `/#/beteiligung/${consultation.id}?kommune=${MUSTERSTADT}`);
    await section.getByText('Stellungnahme erfassen').click();
    const form = section.getByRole('form', { name: 'Stellungnahme erfassen' });
    await form.getByLabel('angenommen', { exact: true }).check();
    await form.getByLabel('Begründung').fill(REASON);
    // „angenommen“ without a measure: refused in the form.
    await form.getByRole('button', { name: 'Stellungnahme speichern' }).click();
    await form.getByText('Eine angenommene Handlungsempfehlung braucht mindestens eine umsetzende Maßnahme.').waitFor();
    const before_ = await ok(200, api('GET', `${M}/recommendations/${recommendation.id}`, { token: tokens.officer }), 'GET recommendation');
    assert.equal(before_.response, null);

    await form.getByLabel(`${measure.code} ${measure.title}`).check();
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Stellungnahme speichern' }).click();
    await section.locator('#empfehlung-status').filter({ hasText: 'Die Stellungnahme ist gespeichert.' }).waitFor();
    assert.match(squash(await section.innerText()), /Entscheidung angenommen Begründung/);

    const stored = await ok(200, api('GET', `${M}/recommendations/${recommendation.id}`, { token: tokens.officer }), 'GET recommendation');
    assert.equal(stored.response.kind, 'accepted');
    assert.equal(stored.response.reason, REASON);
    assert.deepEqual(stored.measures.map((m) => String(m.id)), [String(measure.id)]);
    assertNoViolations(await axeViolations(page));
  }));

  test('Von der Handlungsempfehlung zur Maßnahme und zurück', () => withCheckedPage(browser, async (page) => {
    const current = await ok(200, api('GET', `${M}/measures/${measure.id}`, { token: tokens.officer }), 'GET measure');
    await signInAs(page, OFFICER);
    const section = await openRecommendation(page);
    const item = section.locator('.recommendation-measures li').filter({ hasText: measure.title });
    // Live status and progress of the measure, as its own document has them.
    const statusWord = { proposed: 'vorgeschlagen', planned: 'geplant', in_progress: 'in Umsetzung' }[current.status];
    assert.ok(statusWord, `a known status: ${current.status}`);
    assert.match(squash(await item.innerText()), new RegExp(statusWord));
    await item.getByRole('link', { name: `${measure.code} ${measure.title}` }).click();
    const m = view(page, measure.title);
    await m.locator('#massnahme-status').filter({ hasText: /geladen\.$/ }).waitFor();
    const part = m.locator('#massnahme-empfehlungen');
    const back = part.getByRole('link', { name: TITLE });
    await back.waitFor();
    assert.match(squash(await part.innerText()), new RegExp(`${TITLE} – angenommen`));
    assert.equal(await back.getAttribute('href'), `/#/empfehlungen/${recommendation.id}?kommune=${MUSTERSTADT}`);
    assertNoViolations(await axeViolations(page));
  }));

  test('Ein Tagesordnungspunkt verweist auf die Handlungsempfehlung', () => withCheckedPage(browser, async (page) => {
    const meeting = await ok(201, api('POST', `${M}/meetings`, {
      token: tokens.officer,
      body: { kind: 'steering_group', title: `Steuerungsgruppe ${RUN}`, starts_at: '2026-12-10T16:00:00Z', visibility: 'internal' },
    }), 'creating a meeting');
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/sitzungen/${meeting.id}?kommune=${MUSTERSTADT}`);
    const section = view(page, meeting.title);
    await section.locator('#sitzung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    const add = section.getByRole('form', { name: 'Tagesordnungspunkt hinzufügen' });
    await add.getByLabel('Titel des Tagesordnungspunkts').fill(`Stellungnahme zu ${TITLE}`);
    await add.getByLabel('Handlungsempfehlung (freiwillig)').selectOption({ label: TITLE });
    assertNoViolations(await axeViolations(page));
    await add.getByRole('button', { name: 'Punkt hinzufügen' }).click();
    await section.locator('#sitzung-status').filter({ hasText: 'ist hinzugefügt' }).waitFor();
    const stored = await ok(200, api('GET', `${M}/meetings/${meeting.id}`, { token: tokens.officer }), 'GET meeting');
    assert.equal(stored.items.length, 1);
    assert.equal(String(stored.items[0].recommendation_id), String(recommendation.id));
    const link = section.locator('#tagesordnung-liste').getByRole('link', { name: TITLE });
    assert.equal(await link.getAttribute('href'), `/#/empfehlungen/${recommendation.id}?kommune=${MUSTERSTADT}`);
  }));

  test('Partner sehen die Liste ohne Bearbeitung und Stellungnahme', () => withCheckedPage(browser, async (page) => {
    const partner = await accessToken(PARTNER);
    const expected = (await all(`${M}/recommendations`, partner)).map((r) => r.title);
    await signInAs(page, PARTNER);
    await page.goto(`${BASE_URL}/#/empfehlungen?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Handlungsempfehlungen');
    await list.locator('#empfehlungen-status').filter({ hasText: /gefunden/ }).waitFor();
    assert.deepEqual((await list.locator('.recommendation-list h2 a').allInnerTexts()).sort(), [...expected].sort());
    assert.equal(await list.getByText('Neue Handlungsempfehlung').isVisible(), false);
    assertNoViolations(await axeViolations(page));
    if (expected.includes(TITLE)) {
      const section = await openRecommendation(page);
      assert.equal(await section.getByText(/Stellungnahme (erfassen|ändern)/).count(), 0);
      assert.equal(await section.getByText('Maßnahmen verknüpfen').count(), 0);
    }
  }));
  test('Integrationsbeauftragte legen eine Handlungsempfehlung aus einem Format und seinen Beiträgen an', () => withCheckedPage(browser, async (page) => {
    const NEW = `Sprachpatenschaften in Betrieben ${RUN}`;
    const TAKEN = `Deutsch lernen am Arbeitsplatz, mit Kolleginnen als Paten (${RUN}).`;
    const OTHER = `Mehr Busse in die Gewerbegebiete (${RUN}).`;
    const current = await api('GET', `${M}/consultations/${consultation.id}`, { token: tokens.officer });
    if (current.json.status === 'planned') {
      await ok(200, api('PATCH', `${M}/consultations/${consultation.id}`, {
        token: tokens.officer, body: { status: 'open' }, headers: { 'If-Match': current.headers.get('etag') },
      }), 'opening the consultation');
    }
    const taken = await ok(201, api('POST', `${M}/consultations/${consultation.id}/contributions`, {
      token: tokens.officer, body: { text: TAKEN, action_field_id: field.id },
    }), 'entering a contribution');
    await ok(201, api('POST', `${M}/consultations/${consultation.id}/contributions`, {
      token: tokens.officer, body: { text: OTHER },
    }), 'entering another');

    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/empfehlungen?kommune=${MUSTERSTADT}&beteiligung=${consultation.id}&neu=1`);
    const form = page.getByRole('form', { name: 'Neue Handlungsempfehlung' });
    await form.getByLabel('Titel', { exact: true }).fill(NEW);
    await form.getByLabel('Text der Handlungsempfehlung').fill(TEXT);
    await form.getByLabel('Handlungsfeld', { exact: true }).selectOption(String(field.id));
    assert.equal(await form.getByRole('checkbox', { name: CONSULTATION }).isChecked(), true, 'the format it came from is chosen');
    const box = form.getByRole('checkbox', { name: new RegExp(TAKEN.slice(0, 30)) });
    await box.check();
    assert.equal(await form.getByRole('checkbox', { name: new RegExp(OTHER.slice(0, 20)) }).isChecked(), false);
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Handlungsempfehlung anlegen' }).click();
    const section = view(page, NEW);
    await section.locator('#empfehlung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    // the Herkunft names the chosen Beitrag only (the page's edit form
    // offers both as checkboxes, so the count is taken in the Herkunft)
    const origin = section.locator('.recommendation-origin');
    await origin.getByText(TAKEN).waitFor();
    assert.equal(await origin.getByText(OTHER).count(), 0, 'a Beitrag not chosen is not shown as its origin');
    const stored = (await all(`${M}/recommendations`, tokens.officer)).find((r) => r.title === NEW);
    assert.ok(stored, 'the Handlungsempfehlung is stored');
    assert.deepEqual(stored.contribution_ids.map(String), [String(taken.id)]);
    assert.deepEqual(stored.consultations.map((c) => String(c.id)), [String(consultation.id)]);
  }));
});
