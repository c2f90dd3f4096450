/*
 * Organisation profile and Angebote in the browser (js/organisations/,
 * js/offers/), as the Caritas partner (migrationsdienst@caritas-musterkreis.example):
 *   - „Meine Organisation“ in the navigation opens the own profile; the
 *     partner edits it („Bearbeiten“: Beschreibung, Telefon, Sprachen), which
 *     the API then holds; a change made elsewhere in between answers with
 *     the If-Match conflict message, and „Aktuellen Stand laden“ brings it;
 *   - the partner adds a weekly slot to one of the organisation's offers,
 *     which the API then holds, and sees it in the list of Angebote;
 *   - an offer of another organisation has no „Angebot bearbeiten“ and no
 *     „Angebot löschen“, and the API refuses a change forced by hand.
 * axe-core checks each page.
 *
 * The file brings its own offers, named with RUN, made through the API.
 * What the browser did is read back through the API; the expected slots
 * are the ones before plus the one added.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN,
  api, assertNoViolations, axeViolations, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const OWN_OFFER = `Migrationsberatung am Vormittag ${RUN}`;
const OTHER_OFFER = `Hausaufgabenhilfe im Kulturverein ${RUN}`;

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

describe('Organisation und Angebote: ein Partner pflegt Profil und Angebote seiner Organisation', () => {
  let browser;
  let tokens;
  let caritas;
  let other;
  let ownOffer;
  let otherOffer;

  before(async () => {
    browser = await launchBrowser();
    tokens = { officer: await accessToken(OFFICER), partner: await accessToken(PARTNER) };
    const me = (await ok(200, api('GET', 'me', { token: tokens.partner }), 'GET /me')).json;
    caritas = me.memberships.find((m) => m.role === 'partner' && m.municipality.ags === MUSTERSTADT).organisation;
    assert.ok(caritas?.id, 'the partner acts for an organisation in Musterstadt');
    const orgs = (await ok(200, api('GET', `organisations?municipality=${MUSTERSTADT}&limit=100`, { token: tokens.officer }), 'organisations')).json.items;
    other = orgs.find((o) => String(o.id) !== String(caritas.id));
    assert.ok(other, 'another organisation serves Musterstadt');
    ownOffer = (await ok(201, api('POST', `${M}/offers`, {
      token: tokens.partner,
      body: {
        organisation_id: caritas.id, title: OWN_OFFER, kind: 'counselling', languages: ['de', 'ar'],
        target_groups: ['newcomers'], slots: [{ weekday: 'mon', starts: '09:00', ends: '12:00' }],
        cost: 'free', visibility: 'partners',
      },
    }), 'the partner creates an offer of Caritas')).json;
    otherOffer = (await ok(201, api('POST', `${M}/offers`, {
      token: tokens.officer,
      body: {
        organisation_id: other.id, title: OTHER_OFFER, kind: 'homework_help', languages: ['de', 'tr'],
        slots: [{ weekday: 'wed', starts: '14:00', ends: '16:00' }], cost: 'free', visibility: 'partners',
      },
    }), 'the officer creates an offer of another organisation')).json;
  });

  after(async () => {
    await browser?.close();
  });

  test('„Meine Organisation“: Profil bearbeiten, Konflikt bei gleichzeitiger Änderung', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, PARTNER);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Organisation' }).click();
    const profile = view(page, caritas.name);
    await profile.locator('#organisation-status').filter({ hasText: 'geladen' }).waitFor();
    assert.match(squash(await profile.locator('#organisation-angaben').innerText()), /Betreute Kommunen .*Musterstadt/);

    await profile.getByText('Bearbeiten', { exact: true }).click();
    const form = profile.locator('#organisation-bearbeiten-form');
    assert.match(squash(await form.innerText()), /Bitte keine Daten von Privatpersonen eintragen\./);
    assertNoViolations(await axeViolations(page));

    // A change elsewhere after the form was filled: the save meets a 412.
    const current = await ok(200, api('GET', `organisations/${caritas.id}`, { token: tokens.officer }), 'GET organisation');
    const phone = `05999 ${String(Date.now()).slice(-6)}`;
    await ok(200, api('PATCH', `organisations/${caritas.id}`, {
      token: tokens.officer, body: { phone }, headers: { 'If-Match': current.headers.get('etag') },
    }), 'the officer changes the phone');

    const description = `Fachdienst Integration und Migration: Beratung für Neuzugewanderte (${RUN}).`;
    await form.getByLabel('Beschreibung').fill(description);
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    const alert = form.locator('.alert-region');
    await alert.getByText('Inzwischen geändert – neu laden').waitFor();
    await alert.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
    await profile.locator('#organisation-status').filter({ hasText: 'geladen' }).waitFor();
    assert.equal(await form.getByLabel('Telefon').inputValue(), phone, 'the form shows the current phone');

    await form.getByLabel('Beschreibung').fill(description);
    await form.getByLabel('Arabisch').check();
    await form.getByLabel('Türkisch').check();
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    await profile.locator('#organisation-gespeichert').filter({ hasText: 'gespeichert' }).waitFor();

    const saved = (await ok(200, api('GET', `organisations/${caritas.id}`, { token: tokens.partner }), 'GET organisation')).json;
    assert.equal(saved.description, description);
    assert.equal(saved.phone, phone, 'the phone of the other change is kept');
    assert.ok(saved.languages.includes('ar') && saved.languages.includes('tr'), `languages: ${saved.languages}`);
    const facts = squash(await profile.locator('#organisation-angaben').innerText());
    assert.match(facts, /Arabisch/);
    assert.match(facts, /Türkisch/);
    assert.equal(squash(await profile.locator('#organisation-beschreibung').innerText()), description);
  }));

  test('Ein eigenes Angebot bekommt eine weitere Zeit und zeigt sie in der Liste', () => withCheckedPage(browser, async (page) => {
    const beforeSlots = (await ok(200, api('GET', `${M}/offers/${ownOffer.id}`, { token: tokens.partner }), 'GET offer')).json.slots;
    await signInAs(page, PARTNER);
    await page.goto(`${BASE_URL}/#/angebote/${ownOffer.id}?kommune=${MUSTERSTADT}`);
    const section = view(page, OWN_OFFER);
    await section.locator('#angebot-status').filter({ hasText: 'geladen' }).waitFor();
    await section.getByText('Angebot bearbeiten', { exact: true }).click();
    const form = section.locator('#angebot-bearbeiten-form');
    assert.equal(await form.getByLabel('Organisation').isDisabled(), true, 'the organisation is fixed');
    await form.getByRole('button', { name: 'Zeit hinzufügen' }).click();
    const row = form.locator('.slot-row').last();
    await row.getByLabel('Wochentag').selectOption('tue');
    await row.getByLabel('von').fill('15:30');
    await row.getByLabel('bis').fill('17:00');
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    await section.locator('#angebot-status').filter({ hasText: 'gespeichert' }).waitFor();

    const saved = (await ok(200, api('GET', `${M}/offers/${ownOffer.id}`, { token: tokens.partner }), 'GET offer')).json;
    assert.deepEqual(saved.slots, [...beforeSlots, { weekday: 'tue', starts: '15:30', ends: '17:00' }]);
    assert.match(squash(await section.locator('#angebot-angaben').innerText()), /Dienstag, 15:30–17:00 Uhr/);

    await page.goto(`${BASE_URL}/#/angebote?kommune=${MUSTERSTADT}&suche=${encodeURIComponent(RUN)}`);
    const list = view(page, 'Angebote');
    const listed = list.locator('#angebote-tabelle tbody tr').filter({ hasText: OWN_OFFER });
    await listed.waitFor();
    assert.match(squash(await listed.innerText()), /Montag, 09:00–12:00 Uhr Dienstag, 15:30–17:00 Uhr/);
    assertNoViolations(await axeViolations(page));
  }));

  test('Das Angebot einer anderen Organisation kann der Partner nicht bearbeiten', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, PARTNER);
    await page.goto(`${BASE_URL}/#/angebote/${otherOffer.id}?kommune=${MUSTERSTADT}`);
    const section = view(page, OTHER_OFFER);
    await section.locator('#angebot-status').filter({ hasText: 'geladen' }).waitFor();
    assert.equal(await section.locator('#angebot-bearbeiten').isVisible(), false, 'no „Angebot bearbeiten“');
    assert.equal(await section.getByRole('button', { name: 'Angebot löschen' }).count(), 0, 'no „Angebot löschen“');
    assertNoViolations(await axeViolations(page));

    const current = await ok(200, api('GET', `${M}/offers/${otherOffer.id}`, { token: tokens.partner }), 'GET other offer');
    const forced = await api('PATCH', `${M}/offers/${otherOffer.id}`, {
      token: tokens.partner, body: { title: `Übernommen ${RUN}` }, headers: { 'If-Match': current.headers.get('etag') },
    });
    assert.ok([403, 404].includes(forced.status), `a forced change: ${forced.status} ${forced.text}`);
    const after = (await ok(200, api('GET', `${M}/offers/${otherOffer.id}`, { token: tokens.officer }), 'GET other offer')).json;
    assert.equal(after.title, OTHER_OFFER, 'the title is unchanged');
  }));
});
