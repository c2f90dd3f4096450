/*
 * Sitzungen in the browser (js/meetings/): an officer creates a meeting
 * („Neue Sitzung anlegen“), adds attendees (an account of the Kommune and a
 * guest), agenda items (one linked to a measure chosen by its code),
 * reorders them with the keyboard and writes the minutes of an item, then
 * edits the meeting and meets a change made meanwhile (412); a
 * partner sees a meeting shared with partners, read-only, and not an
 * internal one; the public sees a public meeting with its approved minutes
 * and no internal one. axe-core finds no violation on any of these views.
 *
 * The file brings its own data, named with RUN: a measure in Musterstadt's
 * adopted concept and the meetings the partner and the public look at, made
 * through the API; what the browser saved is read back through the API.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN, STEERING,
  api, assertNoViolations, axeViolations, focused, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const TITLE = `Steuerungsgruppe E2E ${RUN}`;
const ITEM_A = `Sprachförderung ${RUN}`;
const ITEM_B = `Verschiedenes ${RUN}`;
const GUEST = `Aylin Demir ${RUN}`;
const MINUTES = `Die Steuerungsgruppe berät die Sprachförderung (${RUN}).`;

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

/* The agenda's headings, in order. */
function agendaHeadings(page) {
  return page.locator('#tagesordnung-liste > li > h3').allInnerTexts();
}

describe('Sitzungen im Browser', () => {
  let browser;
  let tokens;
  let steeringName;
  let measure;

  before(async () => {
    browser = await launchBrowser();
    tokens = {
      officer: await accessToken(OFFICER),
      steering: await accessToken(STEERING),
    };
    steeringName = (await ok(200, api('GET', 'me', { token: tokens.steering }), 'GET /me')).display_name;
    // A measure of the concept the catalogue shows by default (the adopted one).
    const concepts = await all(`${M}/concepts`, tokens.officer);
    const adopted = concepts.find((c) => c.status === 'adopted');
    assert.ok(adopted, 'Musterstadt has an adopted concept');
    const fields = await all(`${M}/action-fields`, tokens.officer);
    measure = await ok(201, api('POST', `${M}/measures`, {
      token: tokens.officer,
      body: {
        concept_id: adopted.id, code: `S-${RUN}`.slice(0, 20), title: `Sprachcafé ${RUN}`, action_field_id: fields[0].id, horizon: 'short',
      },
    }), 'creating a measure');
  });

  after(async () => {
    await browser?.close();
  });

  let meetingId = null;

  test('Integrationsbeauftragte: Sitzung anlegen, Teilnehmende, Tagesordnung mit Maßnahme, Protokoll', () => withCheckedPage(browser, async (page) => {
    await signInAs(page, OFFICER);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Sitzungen' }).click();
    const list = view(page, 'Sitzungen');
    await list.locator('#sitzungen-status').filter({ hasText: /geladen\.$/ }).waitFor();
    assert.equal(await list.getByLabel('Kommune', { exact: true }).inputValue(), MUSTERSTADT);
    assertNoViolations(await axeViolations(page));

    await list.getByRole('link', { name: 'Neue Sitzung anlegen' }).click();
    const form = view(page, 'Neue Sitzung');
    await form.getByLabel('Titel').waitFor();
    // An empty title is refused at its field before anything is sent.
    await form.getByRole('button', { name: 'Sitzung anlegen' }).click();
    assert.equal(await form.getByLabel('Titel').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Art der Sitzung').selectOption({ label: 'Steuerungsgruppe' });
    await form.getByLabel('Titel').fill(TITLE);
    await form.getByLabel('Datum').fill('2027-03-10');
    await form.getByLabel('Beginn (Uhrzeit)').fill('17:00');
    await form.getByLabel('Ende (Uhrzeit, freiwillig)').fill('19:00');
    await form.getByLabel('Ort (freiwillig)').fill('Rathaus, Sitzungssaal 2');
    await form.getByLabel('Sichtbarkeit').selectOption({ label: 'intern' });
    assertNoViolations(await axeViolations(page));
    await form.getByRole('button', { name: 'Sitzung anlegen' }).click();

    const meeting = view(page, TITLE);
    await meeting.locator('#sitzung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    meetingId = /sitzungen\/(\d+)/.exec(page.url())[1];
    const stored = await ok(200, api('GET', `${M}/meetings/${meetingId}`, { token: tokens.officer }), 'GET meeting');
    // 17:00 in Berlin in March (CET) is 16:00 UTC.
    assert.equal(Date.parse(stored.starts_at), Date.parse('2027-03-10T16:00:00Z'));
    assert.equal(Date.parse(stored.ends_at), Date.parse('2027-03-10T18:00:00Z'));
    assert.equal(stored.kind, 'steering_group');
    assert.equal(stored.visibility, 'internal');
    const facts = squash(await meeting.locator('#sitzung-angaben').innerText());
    assert.match(facts, /10\.03\.2027, 17:00 bis 19:00 Uhr/);
    assert.match(facts, /Rathaus, Sitzungssaal 2/);
    assert.match(facts, /Protokoll Entwurf/);

    // Teilnehmende: an account of the Kommune, then a guest.
    const account = meeting.getByLabel('Konto der Kommune');
    await page.waitForFunction((name) => [...document.querySelectorAll('#teilnehmende-neu select option')]
      .some((o) => o.textContent.startsWith(name)), steeringName);
    const option = await account.evaluate((s, name) => [...s.options].find((o) => o.textContent.startsWith(name)).value, steeringName);
    await account.selectOption(option);
    await meeting.getByLabel('Funktion in der Sitzung (freiwillig)').fill('Bürgermeisterin');
    await meeting.getByRole('button', { name: 'Konto hinzufügen' }).click();
    await meeting.locator('#sitzung-status').filter({ hasText: 'als Teilnehmende/r eingetragen' }).waitFor();
    await meeting.getByLabel('Name des Gastes').fill(GUEST);
    await meeting.getByLabel('Funktion (freiwillig)').fill('Vorsitzende des Integrationsbeirats');
    await meeting.getByRole('button', { name: 'Gast hinzufügen' }).click();
    await meeting.locator('#sitzung-status').filter({ hasText: 'als Gast eingetragen' }).waitFor();
    const attendees = (await meeting.locator('#teilnehmende-liste .edit-list__title').allInnerTexts()).map(squash);
    assert.deepEqual(attendees, [`${steeringName}, Bürgermeisterin`, `${GUEST}, Vorsitzende des Integrationsbeirats – Gast`]);

    // Tagesordnung: an item on the measure (chosen by its code), another one.
    const add = meeting.getByRole('form', { name: 'Tagesordnungspunkt hinzufügen' });
    await add.getByLabel('Titel des Tagesordnungspunkts').fill(ITEM_A);
    await add.getByLabel('Maßnahme (freiwillig)').selectOption({ label: `${measure.code}: ${measure.title}` });
    await add.getByRole('button', { name: 'Punkt hinzufügen' }).click();
    await meeting.locator('#sitzung-status').filter({ hasText: ITEM_A }).waitFor();
    await add.getByLabel('Titel des Tagesordnungspunkts').fill(ITEM_B);
    await add.getByRole('button', { name: 'Punkt hinzufügen' }).click();
    await meeting.locator('#sitzung-status').filter({ hasText: ITEM_B }).waitFor();
    assert.deepEqual(await agendaHeadings(page), [`TOP 1: ${ITEM_A}`, `TOP 2: ${ITEM_B}`]);

    // B one place up, with the keyboard; the focus stays on B's buttons.
    await meeting.getByRole('button', { name: `Nach oben (TOP 2: ${ITEM_B})` }).focus();
    await page.keyboard.press('Enter');
    await meeting.locator('#sitzung-status').filter({ hasText: 'ist jetzt Tagesordnungspunkt 1 von 2' }).waitFor();
    assert.deepEqual(await agendaHeadings(page), [`TOP 1: ${ITEM_B}`, `TOP 2: ${ITEM_A}`]);
    assert.match((await focused(page)).text, new RegExp(`^Nach unten \\(TOP 1: ${ITEM_B}\\)`));

    // The measure is a link to its page.
    const link = meeting.locator('#tagesordnung-liste > li').nth(1).getByRole('link', { name: `${measure.code} ${measure.title}` });
    assert.equal(await link.getAttribute('href'), `/#/massnahmen/${measure.id}?kommune=${MUSTERSTADT}`);

    // Protokoll of TOP 2.
    await meeting.getByLabel('Protokoll zu TOP 2').fill(MINUTES);
    await meeting.getByRole('button', { name: 'Protokoll speichern (TOP 2)' }).click();
    await meeting.locator('#sitzung-status').filter({ hasText: 'Das Protokoll zu TOP 2 ist gespeichert.' }).waitFor();
    assertNoViolations(await axeViolations(page));

    const saved = await ok(200, api('GET', `${M}/meetings/${meetingId}`, { token: tokens.officer }), 'GET meeting');
    assert.equal(saved.attendees.length, 2);
    const member = saved.attendees.filter((a) => a.account);
    assert.equal(member.length, 1);
    assert.equal(member[0].function, 'Bürgermeisterin');
    assert.equal(saved.attendees.find((a) => !a.account).name, GUEST);
    const items = [...saved.items].sort((a, b) => a.position - b.position);
    assert.deepEqual(items.map((i) => i.title), [ITEM_B, ITEM_A]);
    assert.equal(String(items[1].measure?.id), String(measure.id));
    assert.equal(items[1].minutes, MINUTES);
    assert.equal(items[0].minutes ?? null, null);

    // The list: an upcoming meeting with its draft minutes.
    await page.locator('#sitzung-zurueck').click();
    const row = view(page, 'Sitzungen').locator('#sitzungen-anstehend').getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    assert.match(squash(await row.innerText()), /10\.03\.2027, 17:00 bis 19:00 Uhr.*Steuerungsgruppe.*Rathaus, Sitzungssaal 2.*geplant.*Entwurf/);
  }));

  test('Angaben bearbeiten: eine Änderung von anderer Seite (412) wird erklärt und neu geladen', () => withCheckedPage(browser, async (page) => {
    assert.ok(meetingId, 'the first test made the meeting');
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/sitzungen/${meetingId}?kommune=${MUSTERSTADT}`);
    const meeting = view(page, TITLE);
    await meeting.locator('#sitzung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    await meeting.getByText('Angaben bearbeiten').click();
    const form = page.locator('#sitzung-bearbeiten-form');
    await page.waitForFunction(() => document.getElementById('sb-titel')?.value !== '');
    assert.equal(await form.getByLabel('Ort (freiwillig)').inputValue(), 'Rathaus, Sitzungssaal 2');
    assert.equal(await form.getByLabel('Beginn (Uhrzeit)').inputValue(), '17:00');

    // Meanwhile someone else moves the meeting to another room.
    const current = await api('GET', `${M}/meetings/${meetingId}`, { token: tokens.officer });
    await ok(200, api('PATCH', `${M}/meetings/${meetingId}`, {
      token: tokens.officer, body: { place: 'Bürgerhaus, Saal 1' }, headers: { 'If-Match': current.headers.get('etag') },
    }), 'a change meanwhile');

    await form.getByLabel('Ort (freiwillig)').fill('Rathaus, Sitzungssaal 3');
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    await form.getByText('Inzwischen geändert – neu laden').waitFor();
    let stored = await ok(200, api('GET', `${M}/meetings/${meetingId}`, { token: tokens.officer }), 'GET meeting');
    assert.equal(stored.place, 'Bürgerhaus, Saal 1', 'the stale change was not saved');
    await form.getByRole('button', { name: 'Sitzung neu laden' }).click();
    await meeting.locator('#sitzung-bearbeiten-status').filter({ hasText: 'neu geladen' }).waitFor();
    assert.equal(await form.getByLabel('Ort (freiwillig)').inputValue(), 'Bürgerhaus, Saal 1');

    await form.getByLabel('Ende (Uhrzeit, freiwillig)').fill('20:30');
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    await meeting.locator('#sitzung-bearbeiten-status').filter({ hasText: 'gespeichert' }).waitFor();
    assert.match(squash(await meeting.locator('#sitzung-angaben').innerText()), /10\.03\.2027, 17:00 bis 20:30 Uhr/);
    stored = await ok(200, api('GET', `${M}/meetings/${meetingId}`, { token: tokens.officer }), 'GET meeting');
    assert.equal(Date.parse(stored.ends_at), Date.parse('2027-03-10T19:30:00Z'));
    assert.equal(stored.place, 'Bürgerhaus, Saal 1');
    assertNoViolations(await axeViolations(page));
  }));

  test('Partner: eine geteilte Sitzung lesen, eine interne nicht sehen', () => withCheckedPage(browser, async (page) => {
    const shared = await ok(201, api('POST', `${M}/meetings`, {
      token: tokens.officer,
      body: { kind: 'working_group', title: `AG Sprache ${RUN}`, starts_at: '2026-10-01T14:00:00Z', visibility: 'partners' },
    }), 'a shared meeting');
    await ok(201, api('POST', `${M}/meetings/${shared.id}/items`, { token: tokens.officer, body: { title: `Kursangebote ${RUN}` } }), 'an item');
    const internal = await ok(201, api('POST', `${M}/meetings`, {
      token: tokens.officer,
      body: { kind: 'steering_group', title: `Interne Runde ${RUN}`, starts_at: '2026-10-02T14:00:00Z', visibility: 'internal' },
    }), 'an internal meeting');

    await signInAs(page, PARTNER);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Sitzungen' }).click();
    const list = view(page, 'Sitzungen');
    await list.getByLabel('Kommune', { exact: true }).selectOption(MUSTERSTADT);
    await list.locator('#sitzungen-vergangen').getByRole('link', { name: `AG Sprache ${RUN}` }).waitFor();
    assert.equal(await list.getByText(`Interne Runde ${RUN}`).count(), 0);
    assert.equal(await list.getByRole('link', { name: 'Neue Sitzung anlegen' }).isVisible(), false);
    assertNoViolations(await axeViolations(page));

    await list.getByRole('link', { name: `AG Sprache ${RUN}` }).click();
    const meeting = view(page, `AG Sprache ${RUN}`);
    await meeting.locator('#sitzung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    assert.equal(await meeting.locator('#tagesordnung-liste h3').innerText(), `TOP 1: Kursangebote ${RUN}`);
    for (const name of ['Punkt hinzufügen', 'Gast hinzufügen', 'Protokoll genehmigen']) {
      assert.equal(await meeting.getByRole('button', { name }).count(), 0, `no „${name}“ for partners`);
    }
    assert.equal(await meeting.getByText('Angaben bearbeiten').isVisible(), false);
    assert.equal(await meeting.locator('textarea:visible').count(), 0, 'no minutes to write');
    assert.equal(await meeting.getByText('Beschluss erfassen').count(), 0);
    assertNoViolations(await axeViolations(page));

    await page.goto(`${BASE_URL}/#/sitzungen/${internal.id}?kommune=${MUSTERSTADT}`);
    await page.getByRole('heading', { level: 1, name: 'Sitzung nicht gefunden' }).waitFor();
  }));

  test('Öffentlichkeit: eine öffentliche Sitzung mit genehmigtem Protokoll, keine interne', () => withCheckedPage(browser, async (page) => {
    const title = `Öffentliche Steuerungsgruppe ${RUN}`;
    const minutes = `Der Integrationsbericht wurde vorgestellt (${RUN}).`;
    const pub = await ok(201, api('POST', `${M}/meetings`, {
      token: tokens.officer,
      body: { kind: 'steering_group', title, starts_at: '2026-09-15T16:00:00Z', place: 'Bürgerhaus', visibility: 'public' },
    }), 'a public meeting');
    const withItem = await ok(201, api('POST', `${M}/meetings/${pub.id}/items`, {
      token: tokens.officer, body: { title: `Integrationsbericht ${RUN}` },
    }), 'an item');
    const item = withItem.items[0];
    await ok(200, api('PATCH', `${M}/meetings/${pub.id}/items/${item.id}`, { token: tokens.officer, body: { minutes } }), 'minutes');
    await ok(200, api('PATCH', `${M}/meetings/${pub.id}`, { token: tokens.officer, body: { status: 'held' } }), 'held');
    const current = await api('GET', `${M}/meetings/${pub.id}`, { token: tokens.steering });
    const approval = await api('POST', `${M}/meetings/${pub.id}/minutes-approval`, {
      token: tokens.steering, headers: { 'If-Match': current.headers.get('etag') },
    });
    assert.ok([200, 201, 204].includes(approval.status), `approval: ${approval.status} ${approval.text}`);
    const hidden = await ok(201, api('POST', `${M}/meetings`, {
      token: tokens.officer,
      body: { kind: 'other', title: `Nicht öffentlich ${RUN}`, starts_at: '2026-09-16T16:00:00Z', visibility: 'partners' },
    }), 'a partners meeting');

    await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}`);
    await page.getByRole('link', { name: 'Öffentliche Sitzungen mit Tagesordnung und genehmigtem Protokoll' }).click();
    const list = view(page, 'Öffentliche Sitzungen');
    await list.locator('#oeffentlich-sitzungen-status').filter({ hasText: /geladen\.$/ }).waitFor();
    await list.getByRole('link', { name: title }).waitFor();
    assert.equal(await list.getByText(`Nicht öffentlich ${RUN}`).count(), 0);
    assert.equal(await list.getByText(`Interne Runde ${RUN}`).count(), 0);
    assert.match(squash(await list.getByRole('listitem').filter({ hasText: title }).innerText()),
      /15\.09\.2026, 18:00 Uhr · Steuerungsgruppe · Bürgerhaus · durchgeführt · Protokoll: genehmigt/);
    assertNoViolations(await axeViolations(page));

    await list.getByRole('link', { name: title }).click();
    const meeting = view(page, title);
    await meeting.locator('#oeffentlich-sitzung-status').filter({ hasText: /geladen\.$/ }).waitFor();
    assert.equal(await meeting.locator('h3').first().innerText(), `TOP 1: Integrationsbericht ${RUN}`);
    await meeting.getByText(minutes).waitFor();
    assertNoViolations(await axeViolations(page));

    await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}/sitzungen/${hidden.id}`);
    await page.getByRole('heading', { level: 1, name: 'Sitzung nicht gefunden' }).waitFor();
  }));
});
