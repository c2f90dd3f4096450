/*
 * A Beschluss in the browser: the steering group
 * (buergermeisterin@musterstadt.example) records a decision on an agenda
 * item that moves a proposed measure to geplant; the page says so, the
 * measure's page shows its new status, the Beschluss with a link to the
 * meeting, and in its Änderungsverlauf „beschlossen in der Sitzung vom …“.
 * Then the steering group approves the Protokoll (after a confirmation);
 * the officer can no longer edit the meeting and adds a Korrektur, which is
 * listed with its item. axe-core checks each page.
 *
 * The file brings its own data, named with RUN, made through the API: a
 * proposed measure in Musterstadt's adopted concept and a meeting with an
 * item about it. What the browser did is read back through the API.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, RUN, STEERING,
  api, assertNoViolations, axeViolations, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const TITLE = `Sitzung der Steuerungsgruppe ${RUN}`;
const ITEM = `Aufnahme des Sprachcafés ${RUN}`;
const DECISION = `Die Steuerungsgruppe nimmt das Sprachcafé in die Planung auf (${RUN}).`;
const CORRECTION = `Berichtigung: Die Sitzung begann um 17:15 Uhr (${RUN}).`;

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

describe('Beschluss in einer Sitzung, Genehmigung des Protokolls, Korrektur', () => {
  let browser;
  let tokens;
  let measure;
  let meeting;
  let item;

  before(async () => {
    browser = await launchBrowser();
    tokens = { officer: await accessToken(OFFICER), steering: await accessToken(STEERING) };
    const concepts = await all(`${M}/concepts`, tokens.officer);
    const adopted = concepts.find((c) => c.status === 'adopted');
    assert.ok(adopted, 'Musterstadt has an adopted concept');
    const fields = await all(`${M}/action-fields`, tokens.officer);
    measure = await ok(201, api('POST', `${M}/measures`, {
      token: tokens.officer,
      body: {
        concept_id: adopted.id, code: `B-${RUN}`.slice(0, 20), title: `Sprachcafé ${RUN}`, action_field_id: fields[0].id, horizon: 'short',
      },
    }), 'creating a measure');
    assert.equal(measure.status, 'proposed', 'a new measure is proposed');
    meeting = await ok(201, api('POST', `${M}/meetings`, {
      token: tokens.officer,
      body: { kind: 'steering_group', title: TITLE, starts_at: '2026-11-20T16:00:00Z', place: 'Rathaus', visibility: 'internal' },
    }), 'creating a meeting');
    // Each change answers the whole meeting.
    const withItem = await ok(201, api('POST', `${M}/meetings/${meeting.id}/items`, {
      token: tokens.officer, body: { title: ITEM, measure_id: measure.id },
    }), 'an item about the measure');
    item = withItem.items.find((i) => i.title === ITEM);
    // Held: its minutes can be approved.
    const current = await api('GET', `${M}/meetings/${meeting.id}`, { token: tokens.officer });
    await ok(200, api('PATCH', `${M}/meetings/${meeting.id}`, {
      token: tokens.officer, body: { status: 'held' }, headers: { 'If-Match': current.headers.get('etag') },
    }), 'the meeting was held');
  });

  after(async () => {
    await browser?.close();
  });

  const openMeeting = async (page) => {
    await page.goto(`${BASE_URL}/#/sitzungen/${meeting.id}?kommune=${MUSTERSTADT}`);
    const section = view(page, TITLE);
    await section.locator('#sitzung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    return section;
  };

  test('Steuerungsgruppe: Beschluss vorgeschlagen → geplant, die Maßnahme zeigt Status, Beschluss und Sitzung', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, STEERING);
    const section = await openMeeting(page);
    // The steering group decides, but does not edit the agenda.
    assert.equal(await section.getByRole('button', { name: 'Punkt hinzufügen' }).count(), 0);
    const top = section.locator('#tagesordnung-liste > li').filter({ hasText: ITEM });
    assert.match(squash(await top.locator('.meeting-links').innerText()), /vorgeschlagen/);

    await top.getByText('Beschluss erfassen').click();
    const form = top.getByRole('form', { name: 'Beschluss zu TOP 1' });
    await form.getByLabel('Wortlaut des Beschlusses').fill(DECISION);
    await form.getByLabel(`Neuer Status der Maßnahme ${measure.code}`).selectOption({ label: 'geplant' });
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Beschluss speichern' }).click();
    await section.locator('#sitzung-status')
      .filter({ hasText: `Der Beschluss zu TOP 1 ist gespeichert. Die Maßnahme ${measure.code} ist jetzt „geplant“.` }).waitFor();
    const shown = section.locator('#tagesordnung-liste > li').filter({ hasText: ITEM });
    assert.match(squash(await shown.locator('.meeting-links').innerText()), /geplant/);
    assert.match(squash(await shown.locator('.meeting-decisions').innerText()), new RegExp(`Beschluss: ${DECISION.replace(/[().]/g, '\\$&')}`));

    const stored = await ok(200, api('GET', `${M}/measures/${measure.id}`, { token: tokens.officer }), 'GET measure');
    assert.equal(stored.status, 'planned');

    // The measure's page: status, Beschlüsse, Änderungsverlauf.
    await shown.getByRole('link', { name: `${measure.code} ${measure.title}` }).click();
    const m = view(page, measure.title);
    await m.locator('#massnahme-status').filter({ hasText: /geladen\.$/ }).waitFor();
    assert.match(squash(await m.locator('#massnahme-angaben').innerText()), /Status geplant/);
    const decisions = m.locator('#massnahme-beschluesse');
    const meetingLink = decisions.getByRole('link', { name: `Sitzung vom 20.11.2026: ${TITLE}` });
    await meetingLink.waitFor();
    assert.equal(await meetingLink.getAttribute('href'), `/#/sitzungen/${meeting.id}?kommune=${MUSTERSTADT}`);
    assert.match(squash(await decisions.innerText()), new RegExp(DECISION.replace(/[().]/g, '\\$&')));
    const entry = m.locator('#massnahme-verlauf .history__entry').filter({ hasText: 'Status: vorgeschlagen → geplant' });
    await entry.waitFor();
    assert.match(squash(await entry.innerText()), /beschlossen in der Sitzung vom 20\.11\.2026/);
    assert.equal(await entry.getByRole('link', { name: 'Sitzung vom 20.11.2026' }).getAttribute('href'),
      `/#/sitzungen/${meeting.id}?kommune=${MUSTERSTADT}`);
    assertNoViolations(await axeViolations(page));
  }));

  test('Steuerungsgruppe genehmigt das Protokoll; danach ist die Sitzung nur noch lesbar', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, STEERING);
    const section = await openMeeting(page);
    await section.getByRole('button', { name: 'Protokoll genehmigen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Protokoll genehmigen?' });
    await dialog.waitFor();
    assertNoViolations(await axeViolations(page));
    // Abbrechen leaves it a draft.
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    const draft = await ok(200, api('GET', `${M}/meetings/${meeting.id}`, { token: tokens.officer }), 'GET meeting');
    assert.equal(draft.minutes_status, 'draft');

    await section.getByRole('button', { name: 'Protokoll genehmigen' }).click();
    await dialog.getByRole('button', { name: 'Protokoll genehmigen' }).click();
    await section.locator('#sitzung-status').filter({ hasText: 'Das Protokoll ist genehmigt.' }).waitFor();
    assert.match(squash(await section.locator('#sitzung-angaben').innerText()), /Protokoll genehmigt am/);
    assert.equal(await section.getByText('Beschluss erfassen').count(), 0);
    assert.equal(await section.getByRole('button', { name: 'Protokoll genehmigen' }).isVisible(), false);
    const approved = await ok(200, api('GET', `${M}/meetings/${meeting.id}`, { token: tokens.officer }), 'GET meeting');
    assert.equal(approved.minutes_status, 'approved');
    assertNoViolations(await axeViolations(page));
  }));

  test('Integrationsbeauftragte: nach der Genehmigung nichts mehr ändern, eine Korrektur hinzufügen', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    const section = await openMeeting(page);
    assert.match(squash(await section.locator('#sitzung-hinweis').innerText()), /Das Protokoll ist genehmigt/);
    for (const name of ['Punkt hinzufügen', 'Gast hinzufügen', 'Konto hinzufügen']) {
      assert.equal(await section.getByRole('button', { name }).count(), 0, `no „${name}“ after the approval`);
    }
    assert.equal(await section.locator('#tagesordnung-liste textarea').count(), 0, 'no minutes to edit');
    assert.equal(await section.locator('#tagesordnung-liste').getByRole('button', { name: /Nach oben|Bearbeiten|Entfernen/ }).count(), 0);
    // The server holds the same rule.
    const patch = await api('PATCH', `${M}/meetings/${meeting.id}/items/${item.id}`, { token: tokens.officer, body: { minutes: 'zu spät' } });
    assert.equal(patch.status, 409, patch.text);

    const form = section.getByRole('form', { name: 'Korrektur hinzufügen' });
    await form.getByLabel('Bezug').selectOption({ label: `TOP 1: ${ITEM}` });
    await form.getByLabel('Text der Korrektur').fill(CORRECTION);
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Korrektur hinzufügen' }).click();
    await section.locator('#sitzung-status').filter({ hasText: 'Die Korrektur ist hinzugefügt.' }).waitFor();
    const listed = section.locator('#korrekturen-liste li').filter({ hasText: CORRECTION });
    assert.match(squash(await listed.innerText()), new RegExp(`^Zu TOP 1: ${ITEM}`));
    await section.locator('#tagesordnung-liste > li').filter({ hasText: ITEM }).locator('.meeting-corrections').getByText(CORRECTION).waitFor();

    const stored = await ok(200, api('GET', `${M}/meetings/${meeting.id}`, { token: tokens.officer }), 'GET meeting');
    const mine = stored.corrections.filter((c) => c.text === CORRECTION);
    assert.equal(mine.length, 1);
    assert.equal(String(mine[0].item_id), String(item.id));
  }));
});
