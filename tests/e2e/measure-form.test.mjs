/*
 * A measure in the browser, beyond status and Rang: the officer adds one
 * with many fields („Neue Maßnahme“) and edits it („Angaben bearbeiten“);
 * the server's field errors appear at their fields; a change made
 * meanwhile (412) is explained with the name of who made it; the
 * Änderungsverlauf shows who changed what; the linked Kennzahlen are listed
 * with their status; lowering the progress in a Sachstand asks first; a
 * partner gets no edit form. axe-core checks the form and the page.
 *
 * The file brings its own concept (in Beteiligung, so partners see its
 * measures) with two Leitziele in Musterstadt, made through the API.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, PARTNER, RUN, STEERING,
  api, assertNoViolations, axeViolations, description, launchBrowser, signInAs, squash, view, withCheckedPage,
} from './helpers.mjs';

const M = `municipalities/${MUSTERSTADT}`;

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

/* The facts (dt -> dd) of the measure shown, as a sighted reader sees them. */
async function facts(page) {
  const pairs = await page.locator('#massnahme-angaben > div').evaluateAll((divs) => divs.map((div) => {
    const dd = div.querySelector('dd').cloneNode(true);
    for (const el of dd.querySelectorAll('.visually-hidden')) el.remove();
    for (const li of dd.querySelectorAll('li')) li.append('; ');
    return [div.querySelector('dt').textContent, dd.textContent];
  }));
  return Object.fromEntries(pairs.map(([k, v]) => [squash(k), squash(v).replace(/;$/, '')]));
}

async function openMeasure(page, measure) {
  await page.goto(`${BASE_URL}/#/massnahmen/${measure.id}?kommune=${MUSTERSTADT}`);
  await page.getByRole('heading', { level: 1, name: measure.title }).waitFor();
  await page.locator('#massnahme-status').filter({ hasText: /geladen\.$/ }).waitFor();
  return view(page, measure.title);
}

/* Opens „Angaben bearbeiten“ and waits until the form is filled. */
async function openEditForm(page) {
  await page.locator('#massnahme-bearbeiten summary').click();
  const form = page.locator('#massnahme-bearbeiten-form');
  await page.waitForFunction(() => document.getElementById('mb-kennung')?.value !== ''
    && document.getElementById('mb-handlungsfeld')?.value !== '');
  return form;
}

describe('Maßnahme anlegen und bearbeiten, Verlauf, Kennzahlen', () => {
  let browser;
  let tokens;
  let names;
  let concept;
  let goals;
  let orgs;
  let fields;
  let other; // a measure of the concept made through the API

  before(async () => {
    browser = await launchBrowser();
    tokens = {
      officer: await accessToken(OFFICER),
      steering: await accessToken(STEERING),
      partner: await accessToken(PARTNER),
    };
    names = {
      officer: (await ok(200, api('GET', 'me', { token: tokens.officer }), 'GET /me')).display_name,
      steering: (await ok(200, api('GET', 'me', { token: tokens.steering }), 'GET /me')).display_name,
    };
    const organisations = await all(`organisations?municipality=${MUSTERSTADT}`, tokens.officer);
    const org = (re) => {
      const o = organisations.find((x) => re.test(x.name));
      assert.ok(o, `an organisation ${re} serves Musterstadt (demo data)`);
      return o;
    };
    orgs = { caritas: org(/^Caritas/), club: org(/^Deutsch-Türkischer Kulturverein/) };
    const list = await all(`${M}/action-fields`, tokens.officer);
    const field = (re) => list.find((x) => re.test(x.name));
    fields = { Sprache: field(/^Sprache$/), Wohnen: field(/^Wohnen$/) };
    assert.ok(fields.Sprache && fields.Wohnen, 'demo action fields');

    concept = await ok(201, api('POST', `${M}/concepts`, {
      token: tokens.officer,
      body: { title: `Integrationskonzept Maßnahmenformular ${RUN}`, summary: 'Für den Browsertest des Maßnahmenformulars.' },
    }), 'creating a concept');
    goals = [];
    for (const title of ['Sprache öffnet Türen', 'Gutes Wohnen für alle Familien']) {
      goals.push(await ok(201, api('POST', `${M}/concepts/${concept.id}/goals`, { token: tokens.officer, body: { title } }), 'a goal'));
    }
    other = await ok(201, api('POST', `${M}/measures`, {
      token: tokens.officer,
      body: {
        concept_id: concept.id, code: 'WO-01', title: `Wohnungsbörse ${RUN}`, action_field_id: fields.Wohnen.id,
        horizon: 'long', lead_organisation_id: orgs.caritas.id, visibility: 'partners',
      },
    }), 'creating WO-01');
    // In Beteiligung: partners see its measures.
    await ok(200, api('PATCH', `${M}/concepts/${concept.id}`, { token: tokens.officer, body: { status: 'consultation' } }), 'to consultation');
  });

  after(async () => {
    await browser?.close();
  });

  const withPage = (fn, options) => withCheckedPage(browser, fn, options);
  let created; // the measure made in the browser

  test('Neue Maßnahme: alle Angaben im Formular, die Maßnahme wird angelegt und gezeigt', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/massnahmen/neu?kommune=${MUSTERSTADT}&konzept=${concept.id}`);
    const section = view(page, 'Neue Maßnahme');
    await section.getByRole('heading', { level: 1, name: 'Neue Maßnahme' }).waitFor();
    const form = page.locator('#neue-massnahme-form');
    await form.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#nm-leitziele input').length === 2);
    assert.equal(await form.getByLabel('Integrationskonzept').inputValue(), concept.id, 'the concept of ?konzept=');
    assertNoViolations(await axeViolations(page));

    await form.getByLabel('Kennung').fill('SP-07');
    await form.getByLabel('Titel').fill(`Sprachcafé im Rathaus ${RUN}`);
    await form.getByLabel('Beschreibung').fill('Ein offener Treff zum Deutschsprechen.');
    await form.getByLabel('Handlungsfeld').selectOption({ label: 'Sprache' });
    await form.getByLabel('Leitziel 1: Sprache öffnet Türen').check();
    await form.getByLabel('Zeithorizont').selectOption({ label: 'kurzfristig' });
    await form.getByLabel('Geplanter Beginn').fill('2026-03-01');
    await form.getByLabel('Geplantes Ende').fill('2026-12-31');
    await form.getByLabel('Federführung').selectOption({ label: orgs.caritas.name });
    await form.getByRole('group', { name: 'Beteiligte Organisationen' }).getByLabel(orgs.club.name).check();
    await form.getByLabel('Kinder', { exact: true }).check();
    await form.getByLabel('Familien', { exact: true }).check();
    await form.getByLabel('Budget in Euro').fill('2.500,50');
    await form.getByLabel('Sichtbarkeit').selectOption({ label: 'für Partner sichtbar' });

    const answer = page.waitForResponse((r) => r.url().endsWith(`/${M}/measures`) && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Maßnahme anlegen' }).click();
    const res = await answer;
    assert.equal(res.status(), 201);
    created = await res.json();
    await page.getByRole('heading', { level: 1, name: `Sprachcafé im Rathaus ${RUN}` }).waitFor();
    await page.locator('#massnahme-status').filter({ hasText: /geladen\.$/ }).waitFor();
    const f = await facts(page);
    assert.equal(f.Kennung, 'SP-07');
    assert.equal(f.Handlungsfeld, 'Sprache');
    assert.equal(f.Horizont, 'kurzfristig');
    assert.equal(f.Federführung, orgs.caritas.name);
    assert.equal(f['Beteiligte Organisationen'], orgs.club.name);
    assert.equal(f.Zielgruppen, 'Kinder; Familien');
    assert.equal(f.Budget, '2.500,50 €');
    assert.equal(f['Geplanter Zeitraum'], '01.03.2026 bis 31.12.2026');
    assert.equal(f.Sichtbarkeit, 'für Partner sichtbar');
    assert.match(squash(await page.locator('#massnahme-leitziele').innerText()), /Leitziel 1: Sprache öffnet Türen/);

    const stored = await ok(200, api('GET', `${M}/measures/${created.id}`, { token: tokens.officer }), 'GET the new measure');
    assert.deepEqual(stored.goal_ids, [goals[0].id]);
    assert.equal(stored.budget, 2500.5);
    assert.equal(stored.status, 'proposed');
  }));

  test('Feldfehler des Servers: eine doppelte Kennung wird am Feld „Kennung“ gemeldet', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await page.goto(`${BASE_URL}/#/massnahmen/neu?kommune=${MUSTERSTADT}&konzept=${concept.id}`);
    const form = page.locator('#neue-massnahme-form');
    await form.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#nm-leitziele input').length === 2);
    await form.getByLabel('Kennung').fill('WO-01'); // the API's measure has it
    await form.getByLabel('Titel').fill('Noch eine Wohnungsbörse');
    await form.getByLabel('Handlungsfeld').selectOption({ label: 'Wohnen' });
    const answer = page.waitForResponse((r) => r.url().endsWith(`/${M}/measures`) && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Maßnahme anlegen' }).click();
    assert.equal((await answer).status(), 409);
    const code = form.getByLabel('Kennung');
    await page.locator('#nm-kennung[aria-invalid="true"]').waitFor();
    assert.match(await description(code), /Diese Kennung hat schon eine andere Maßnahme dieses Integrationskonzepts\./);
    assert.equal(await code.evaluate((el) => el === document.activeElement), true, 'focus on the field');
    assert.match(squash(await form.getByRole('alert').innerText()), /Die Maßnahme wurde nicht angelegt\./);
    assertNoViolations(await axeViolations(page));
  }));

  test('Angaben bearbeiten: nur Geändertes wird gesendet, der Verlauf zeigt wer was geändert hat', () => withPage(async (page) => {
    assert.ok(created, 'the measure of the first test');
    await signInAs(page, OFFICER);
    await openMeasure(page, created);
    const form = await openEditForm(page);
    assert.equal(await form.getByLabel('Budget in Euro').inputValue(), '2500,50');
    assert.equal(await form.getByLabel('Leitziel 1: Sprache öffnet Türen').isChecked(), true);
    assertNoViolations(await axeViolations(page));

    await form.getByLabel('Titel').fill(`Sprachcafé in der Stadtbücherei ${RUN}`);
    await form.getByLabel('Zeithorizont').selectOption({ label: 'mittelfristig' });
    await form.getByLabel('Leitziel 2: Gutes Wohnen für alle Familien').check();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/measures/${created.id}`) && r.request().method() === 'PATCH');
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    const res = await answer;
    assert.equal(res.status(), 200);
    assert.deepEqual(Object.keys(res.request().postDataJSON()).sort(), ['goal_ids', 'horizon', 'title']);
    assert.match(res.request().headers()['if-match'] ?? '', /^"[0-9a-f]{32}"$/, 'the ETag as read is sent');

    // The message next to the form, as a status.
    const saved = page.locator('#massnahme-bearbeiten + #massnahme-bearbeiten-status[role="status"]');
    await saved.filter({ hasText: 'Die Änderungen an der Maßnahme sind gespeichert.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: `Sprachcafé in der Stadtbücherei ${RUN}` }).waitFor();
    assert.equal((await facts(page)).Horizont, 'mittelfristig');

    // The history: newest first, who and what.
    const history = page.locator('#massnahme-verlauf');
    await history.locator('.history__entry').nth(1).waitFor();
    const newest = squash(await history.locator('.history__entry').first().innerText());
    assert.match(newest, new RegExp(`${names.officer.replace(/[()]/g, '\\$&')} hat die Maßnahme geändert`));
    assert.match(newest, new RegExp(`Titel: Sprachcafé im Rathaus ${RUN} → Sprachcafé in der Stadtbücherei ${RUN}`));
    assert.match(newest, /Zeithorizont: kurzfristig → mittelfristig/);
    assert.match(newest, /Leitziele: Leitziel 1 → Leitziel 1, Leitziel 2/);
    const oldest = squash(await history.locator('.history__entry').last().innerText());
    assert.match(oldest, /hat die Maßnahme angelegt/);
    assertNoViolations(await axeViolations(page));
  }));

  test('412: „Inzwischen von … geändert – neu laden“, neu laden, dann gelingt die Änderung', () => withPage(async (page) => {
    await signInAs(page, OFFICER);
    await openMeasure(page, other);
    const form = await openEditForm(page);
    await form.getByLabel('Titel').fill(`Wohnungsbörse für Familien ${RUN}`);

    // Meanwhile the steering group plans it: its ETag changes.
    await ok(200, api('PATCH', `${M}/measures/${other.id}`, { token: tokens.steering, body: { status: 'planned' } }), 'planning WO-01');

    const answer = page.waitForResponse((r) => r.url().endsWith(`/measures/${other.id}`) && r.request().method() === 'PATCH');
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    assert.equal((await answer).status(), 412);
    const alert = form.getByRole('alert');
    await alert.getByText(`Inzwischen von ${names.steering} geändert – neu laden`, { exact: true }).waitFor();
    const reload = alert.getByRole('button', { name: 'Maßnahme neu laden' });
    assert.equal(await reload.evaluate((el) => el === document.activeElement), true, 'focus on the reload button');
    assertNoViolations(await axeViolations(page));
    const unchanged = await ok(200, api('GET', `${M}/measures/${other.id}`, { token: tokens.officer }), 'GET WO-01');
    assert.equal(unchanged.title, other.title, 'nothing was overwritten');

    await reload.click();
    await page.locator('#massnahme-bearbeiten-status').filter({ hasText: 'Die Maßnahme ist neu geladen.' }).waitFor();
    assert.equal((await facts(page)).Status, 'geplant', 'the change made meanwhile is shown');
    assert.equal(await form.getByLabel('Titel').inputValue(), other.title, 'the form shows the current state');
    assert.equal(squash(await alert.innerText()), '', 'the notice is gone');

    await form.getByLabel('Titel').fill(`Wohnungsbörse für Familien ${RUN}`);
    await form.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.locator('#massnahme-bearbeiten-status').filter({ hasText: 'gespeichert' }).waitFor();
    const now = await ok(200, api('GET', `${M}/measures/${other.id}`, { token: tokens.officer }), 'GET WO-01');
    assert.equal(now.title, `Wohnungsbörse für Familien ${RUN}`);
    assert.equal(now.status, 'planned');
    other = now;
  }));

  test('Sachstand: Fortschritt senken fragt nach; „gespeichert“ steht am Formular', () => withPage(async (page) => {
    await ok(200, api('PATCH', `${M}/measures/${other.id}`, { token: tokens.officer, body: { progress: 60 } }), 'progress 60');
    await signInAs(page, OFFICER);
    await openMeasure(page, other);
    const form = page.locator('#sachstand-form');
    await form.getByLabel('verzögert').check();
    await form.getByLabel('Fortschritt in Prozent').fill('40');
    await form.getByLabel('Text').fill('Die Vermieter melden sich zögerlich.');

    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && /progress-reports$/.test(r.url())) posts += 1; });
    let asked = null;
    page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    await form.getByRole('button', { name: 'Sachstand speichern' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'sachstand-fortschritt');
    assert.equal(squash(asked ?? ''), 'Fortschritt von 60 % auf 40 % senken?');
    assert.equal(posts, 0, 'nothing sent when the person says no');

    page.once('dialog', (d) => d.accept());
    await form.getByRole('button', { name: 'Sachstand speichern' }).click();
    const saved = page.locator('#sachstand-neu #sachstand-gespeichert[role="status"]');
    await saved.filter({ hasText: /ist gespeichert\. Die Maßnahme steht bei 40\s% Fortschritt\./ }).waitFor();
    assert.equal(posts, 1);
    // Raising it asks nothing.
    await form.getByLabel('im Plan').check();
    await form.getByLabel('Fortschritt in Prozent').fill('50');
    await form.getByLabel('Text').fill('Zwei Wohnungen vermittelt.');
    page.once('dialog', (d) => { asked = 'unexpected'; d.dismiss(); });
    asked = null;
    await form.getByRole('button', { name: 'Sachstand speichern' }).click();
    await saved.filter({ hasText: /50\s% Fortschritt/ }).waitFor();
    assert.equal(asked, null);
  }));

  test('Kennzahlen der Maßnahme mit Stand; Partner: kein Bearbeiten, kein Verlauf; Steuerungsgruppe: Verlauf ohne Formular', async () => {
    const indicator = await ok(201, api('POST', `${M}/indicators`, {
      token: tokens.officer,
      body: {
        name: `Vermittelte Wohnungen ${RUN}`, unit: 'Wohnungen', direction: 'higher_is_better', source_set: 'local',
        visibility: 'partners', measure_ids: [other.id],
      },
    }), 'creating an indicator');

    await withPage(async (page) => {
      await signInAs(page, PARTNER);
      const measure = await openMeasure(page, other);
      const table = page.locator('#massnahme-kennzahlen-tabelle');
      await table.waitFor();
      const row = table.locator('tbody tr').filter({ hasText: indicator.name });
      assert.match(squash(await row.innerText()), /keine Daten/);
      assert.equal(await row.getByRole('link', { name: indicator.name }).getAttribute('href'),
        `/#/kommunen/${MUSTERSTADT}/kennzahlen/${indicator.id}`);
      await page.locator('#sachstand-neu').waitFor(); // Caritas leads it: the partner reports
      assert.equal(await page.locator('#massnahme-bearbeiten').isVisible(), false, 'no edit form for partners');
      assert.equal(await measure.getByText('Angaben bearbeiten').isVisible(), false);
      assert.equal(await page.locator('#mb-titel').isVisible(), false);
      assert.equal(await page.locator('#massnahme-verlauf-bereich').isVisible(), false, 'no history for partners');
      assert.equal(await page.locator('#massnahme-neue-teilmassnahme').isVisible(), false);
      assertNoViolations(await axeViolations(page));
    });

    await withPage(async (page) => {
      await signInAs(page, STEERING);
      await openMeasure(page, other);
      await page.locator('#massnahme-verlauf .history__entry').first().waitFor();
      assert.equal(await page.locator('#massnahme-bearbeiten').isVisible(), false, 'the steering group edits no fields');
      assert.equal(await page.locator('#status-form').isVisible(), true, 'but keeps status and Rang');
      assert.equal(await page.locator('#rang-form').isVisible(), true);
      assert.match(squash(await page.locator('#massnahme-verlauf').innerText()), /Status: vorgeschlagen → geplant/);
    });
  });
});
