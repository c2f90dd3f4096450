/*
 * Netzwerke and Veranstaltungen in the browser (js/networks/, js/events/),
 * as the officer of Musterstadt (integration@musterstadt.example):
 *   - creates an Arbeitskreis with the Caritas as coordinator, adds two
 *     members (Träger, Mitglied) and links a measure; the API then holds
 *     exactly those members with those roles and that measure;
 *   - creates a Veranstaltung that began yesterday, linked to the measure,
 *     and counts its Teilnehmende afterwards;
 *   - cancels another, planned one, which then reads „abgesagt“ on its page
 *     and in the list;
 *   - the measure's page lists the Veranstaltung.
 * axe-core checks each page.
 *
 * The file brings its own data, named with RUN; what the browser did is
 * read back through the API.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN,
  api, assertNoViolations, axeViolations, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const NETWORK = `Arbeitskreis Sprachförderung ${RUN}`;
const HELD = `Fest der Kulturen, Nachbereitung ${RUN}`;
const CANCELLED = `Oasentag im Stadtpark ${RUN}`;

async function ok(expected, promise, what) {
  const res = await promise;
  assert.equal(res.status, expected, `${what}: ${res.status} ${res.text}`);
  return res;
}

async function accessToken(email) {
  const res = await ok(200, api('POST', 'auth/token', {
    body: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
  }), `sign-in of ${email}`);
  return res.json.access_token;
}

/* The value of a datetime-local control for a day offset from today, at hh:mm (Berlin is the browser's zone). */
function localInput(dayOffset, hhmm) {
  const d = new Date(Date.now() + dayOffset * 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return `${day}T${hhmm}`;
}

describe('Netzwerke und Veranstaltungen: Integrationsbeauftragte legen an, zählen und sagen ab', () => {
  let browser;
  let tokens;
  let caritas;
  let other;
  let measure;
  let planned;
  let networkId;
  let heldId;

  before(async () => {
    browser = await launchBrowser();
    tokens = { officer: await accessToken(OFFICER), partner: await accessToken(PARTNER) };
    const me = (await ok(200, api('GET', 'me', { token: tokens.partner }), 'GET /me')).json;
    caritas = me.memberships.find((m) => m.role === 'partner' && m.municipality.ags === MUSTERSTADT).organisation;
    const orgs = (await ok(200, api('GET', `organisations?municipality=${MUSTERSTADT}&limit=100`, { token: tokens.officer }), 'organisations')).json.items;
    other = orgs.find((o) => String(o.id) !== String(caritas.id));
    assert.ok(other, 'another organisation serves Musterstadt');
    const measures = (await ok(200, api('GET', `${M}/measures?limit=100`, { token: tokens.officer }), 'measures')).json.items;
    measure = measures.find((m) => m.code) ?? measures[0];
    assert.ok(measure, 'Musterstadt has measures');
    const starts = new Date(Date.now() + 14 * 86_400_000);
    starts.setUTCHours(15, 0, 0, 0);
    planned = (await ok(201, api('POST', `${M}/events`, {
      token: tokens.officer,
      body: {
        title: CANCELLED, starts_at: starts.toISOString().replace(/\.\d{3}Z$/, 'Z'), all_day: false,
        organiser_ids: [caritas.id], visibility: 'public', place: 'Stadtpark',
      },
    }), 'a planned event')).json;
  });

  after(async () => {
    await browser?.close();
  });

  test('Ein Arbeitskreis mit Mitgliedern und einer Maßnahme', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/netzwerke?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Netzwerke');
    await list.locator('#netzwerke-status').filter({ hasText: 'geladen' }).waitFor();
    await list.getByText('Neues Netzwerk', { exact: true }).click();
    const form = list.locator('#netzwerke-neu-form');
    await form.getByLabel('Name').fill(NETWORK);
    await form.getByLabel('Art').selectOption('working_group');
    await form.getByLabel('Zweck').fill('Abstimmung der Sprachkurse und Beratungsangebote für Neuzugewanderte.');
    await form.getByLabel('Koordination').selectOption(String(caritas.id));
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Netzwerk anlegen' }).click();

    const section = view(page, NETWORK);
    await section.locator('#netzwerk-status').filter({ hasText: 'geladen' }).waitFor();
    networkId = /netzwerke\/(\d+)/.exec(page.url())[1];
    assert.match(squash(await section.locator('#netzwerk-angaben').innerText()), new RegExp(`Art Arbeitskreis .*Koordination ${caritas.name.replace(/[.()]/g, '\\$&')}`));

    const addMember = async (org, role) => {
      const f = section.locator('form[aria-labelledby="netzwerk-mitglied-titel"]');
      await f.getByLabel('Organisation').selectOption(String(org.id));
      await f.getByLabel('Rolle').selectOption(role);
      await f.getByRole('button', { name: 'Mitglied speichern' }).click();
      await section.locator('#netzwerk-status').filter({ hasText: `${org.name} ist als` }).waitFor();
    };
    await addMember(caritas, 'provider');
    await addMember(other, 'member');
    const rows = section.locator('#netzwerk-mitglieder-tabelle tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(squash(await rows.filter({ hasText: caritas.name }).innerText()), /Träger/);
    assert.match(squash(await rows.filter({ hasText: other.name }).innerText()), /Mitglied/);

    const mf = section.locator('form[aria-labelledby="netzwerk-massnahmen-form-titel"]');
    await mf.locator(`input[type="checkbox"][value="${measure.id}"]`).check();
    await mf.getByRole('button', { name: 'Verknüpfung speichern' }).click();
    await section.locator('#netzwerk-status').filter({ hasText: 'verknüpften Maßnahmen sind gespeichert' }).waitFor();
    assertNoViolations(await axeViolations(page));

    const doc = (await ok(200, api('GET', `${M}/networks/${networkId}`, { token: tokens.officer }), 'GET network')).json;
    assert.equal(doc.kind, 'working_group');
    assert.equal(String(doc.coordinator?.id), String(caritas.id));
    assert.deepEqual(doc.members.map((m) => [String(m.organisation.id), m.role]).sort(),
      [[String(caritas.id), 'provider'], [String(other.id), 'member']].sort());
    assert.deepEqual(doc.measures.map((m) => String(m.id)), [String(measure.id)]);

    await page.goto(`${BASE_URL}/#/netzwerke?kommune=${MUSTERSTADT}`);
    const row = list.locator('#netzwerke-tabelle tbody tr').filter({ hasText: NETWORK });
    await row.waitFor();
    assert.match(squash(await row.innerText()), /Arbeitskreis .* 2 Musterstadt/);
  }));

  test('Eine Veranstaltung anlegen und danach die Teilnehmenden zählen', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/veranstaltungen?kommune=${MUSTERSTADT}`);
    const list = view(page, 'Veranstaltungen');
    await list.locator('#veranstaltungen-status').filter({ hasText: 'geladen' }).waitFor();
    await list.getByText('Neue Veranstaltung', { exact: true }).click();
    const form = list.locator('#veranstaltungen-neu-form');
    await form.getByLabel('Titel').fill(HELD);
    await form.getByLabel('Beginn').fill(localInput(-1, '14:00'));
    await form.getByLabel('Ende (freiwillig)').fill(localInput(-1, '18:00'));
    await form.getByLabel('Ort (freiwillig)', { exact: true }).fill('Bürgerhaus Musterstadt');
    await form.getByRole('group', { name: 'Veranstalter' }).getByLabel(caritas.name).check();
    await form.getByRole('group', { name: 'Veranstalter' }).getByLabel(other.name).check();
    await form.getByLabel('Maßnahme (freiwillig)').selectOption(String(measure.id));
    await form.getByLabel('Sichtbarkeit').selectOption('public');
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Veranstaltung anlegen' }).click();

    const section = view(page, HELD);
    await section.locator('#veranstaltung-status').filter({ hasText: 'geladen' }).waitFor();
    heldId = /veranstaltungen\/(\d+)/.exec(page.url())[1];
    const facts = squash(await section.locator('#veranstaltung-angaben').innerText());
    assert.match(facts, /14:00–18:00 Uhr/);
    assert.ok(facts.includes(measure.title), 'the page names the measure');
    assert.equal(await section.getByRole('link', { name: new RegExp(measure.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).getAttribute('href'),
      `/#/massnahmen/${measure.id}?kommune=${MUSTERSTADT}`);

    const count = section.locator('#veranstaltung-teilnehmende-form');
    await count.getByLabel('Zahl der Teilnehmenden').fill('37');
    await count.getByRole('button', { name: 'Teilnehmende speichern' }).click();
    await section.locator('#veranstaltung-status').filter({ hasText: 'Teilnehmende sind gespeichert' }).waitFor();
    assertNoViolations(await axeViolations(page));

    const doc = (await ok(200, api('GET', `${M}/events/${heldId}`, { token: tokens.officer }), 'GET event')).json;
    assert.equal(doc.participant_count, 37);
    assert.deepEqual(doc.organisers.map((o) => String(o.id)).sort(), [String(caritas.id), String(other.id)].sort());
    assert.equal(String(doc.measure?.id), String(measure.id));
    assert.match(squash(await section.locator('#veranstaltung-angaben').innerText()), /Teilnehmende 37/);
  }));

  test('Eine geplante Veranstaltung absagen', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/veranstaltungen/${planned.id}?kommune=${MUSTERSTADT}`);
    const section = view(page, CANCELLED);
    await section.locator('#veranstaltung-status').filter({ hasText: 'geladen' }).waitFor();
    assert.equal(await section.locator('#veranstaltung-teilnehmende').isVisible(), false, 'no count before the event');
    await section.getByRole('button', { name: 'Veranstaltung absagen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Veranstaltung absagen?' });
    await dialog.getByRole('button', { name: 'Veranstaltung absagen' }).click();
    await section.locator('#veranstaltung-status').filter({ hasText: 'ist abgesagt' }).waitFor();
    assert.equal(await section.getByText('Diese Veranstaltung ist abgesagt.').isVisible(), true);
    assertNoViolations(await axeViolations(page));
    const doc = (await ok(200, api('GET', `${M}/events/${planned.id}`, { token: tokens.officer }), 'GET event')).json;
    assert.equal(doc.status, 'cancelled');

    await page.goto(`${BASE_URL}/#/veranstaltungen?kommune=${MUSTERSTADT}`);
    const row = view(page, 'Veranstaltungen').locator('#veranstaltungen-tabelle tbody tr').filter({ hasText: CANCELLED });
    await row.waitFor();
    assert.match(squash(await row.innerText()), /abgesagt/);
  }));

  test('Die Seite der Maßnahme listet die Veranstaltung', () => withCheckedPage(browser, async (page) => {
    assert.ok(heldId, 'the event of the test before');
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/massnahmen/${measure.id}?kommune=${MUSTERSTADT}`);
    const block = page.locator('#massnahme-veranstaltungen');
    const link = block.getByRole('link', { name: HELD });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/#/veranstaltungen/${heldId}?kommune=${MUSTERSTADT}`);
    const expected = (await ok(200, api('GET', `${M}/measures/${measure.id}/events?limit=100`, { token: tokens.officer }), 'measure events')).json;
    const items = Array.isArray(expected) ? expected : expected.items;
    assert.equal(await block.locator('li').count(), items.length);
    assertNoViolations(await axeViolations(page));
  }));
});
