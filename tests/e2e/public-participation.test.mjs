/*
 * The public participation pages in the browser (js/public/), without
 * sign-in: the Beteiligung page lists the demo's Integrations-Dialoge with
 * their findings; the public opens the demo's open online Beteiligung,
 * reads the Datenschutzhinweis, sends a Beitrag and sees the thank-you; the
 * Beitrag is not shown until an officer approves it through the API, then
 * it is, under its Handlungsfeld and without the author's name; sending
 * without the privacy checkbox shows the error at the checkbox and sends
 * nothing; a 429 is explained with its wait; a closed Beteiligung has no
 * form; „Was ist aus den Empfehlungen geworden?“ shows a demo
 * recommendation with its dialogue, its answer and its measure's status and
 * progress, filters by answer, and follows the link to the public measure.
 * axe-core finds no violation on any of these views.
 *
 * What the pages should show is read from the database (TEST_PSQL_CMD),
 * not from the API answers the pages themselves show.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERSTADT, OFFICER, RUN, STEERING,
  api, assertNoViolations, axeViolations, de, launchBrowser, squash, view, withCheckedPage,
} from './helpers.mjs';
import { lit, psql } from '../api/lib/auth.mjs';

const M = `municipalities/${MUSTERSTADT}`;
const PUBLIC = `${BASE_URL}/#/oeffentlich/${MUSTERSTADT}`;

/* Rows of a query as objects (columns joined by the unit separator, line breaks as spaces). */
function rows(sql, columns) {
  const out = psql(`SELECT concat_ws(chr(31), ${columns.map((c) => `translate(coalesce((${c})::text, ''), chr(10) || chr(13), '  ')`).join(', ')}) FROM (${sql}) q`);
  if (!out) return [];
  return out.split('\n').map((line) => {
    const values = line.split('\u001f');
    return Object.fromEntries(columns.map((c, i) => [c, values[i]]));
  });
}

const IN_MUSTERSTADT = `municipality_id = (SELECT id FROM municipality WHERE ags = ${lit(MUSTERSTADT)})`;

async function ok(expected, promise, what) {
  const res = await promise;
  assert.equal(res.status, expected, `${what}: ${res.status} ${res.text}`);
  return res.json;
}

describe('Öffentliche Beteiligung im Browser', () => {
  let browser;
  let officer;
  let open;
  let closed;

  before(async () => {
    browser = await launchBrowser();
    officer = (await ok(200, api('POST', 'auth/token', {
      body: { grant_type: 'password', username: OFFICER, password: DEMO_PASSWORD },
    }), 'officer sign-in')).access_token;
    // The demo's open online Beteiligung (the first one made: tests may add others).
    [open] = rows(`SELECT id, title FROM consultation WHERE ${IN_MUSTERSTADT} AND visibility = 'public'
                     AND status = 'open' AND kind IN ('online_survey', 'citizen_dialogue') ORDER BY id LIMIT 1`, ['id', 'title']);
    assert.ok(open, 'the demo has an open public online Beteiligung in Musterstadt');
    [closed] = rows(`SELECT id, title FROM consultation WHERE ${IN_MUSTERSTADT} AND visibility = 'public'
                       AND status IN ('closed', 'evaluated') ORDER BY id LIMIT 1`, ['id', 'title']);
    assert.ok(closed, 'the demo has a closed public Beteiligung in Musterstadt');
  });

  after(async () => {
    await browser?.close();
  });

  test('the Beteiligung page shows the public dialogues with their dates and findings, and links to contribute', async () => {
    const dialogues = rows(`SELECT id, title, starts_on, findings FROM consultation WHERE ${IN_MUSTERSTADT}
                              AND visibility = 'public' AND kind = 'integration_dialogue' ORDER BY id`,
    ['id', 'title', 'starts_on', 'findings']);
    assert.ok(dialogues.length >= 3, 'the demo has the three Integrations-Dialoge');
    // by id: other suites' consultations may share a title across visibilities
    const internal = rows(`SELECT id, title FROM consultation WHERE ${IN_MUSTERSTADT} AND visibility <> 'public'`, ['id', 'title']);
    assert.ok(internal.length > 0, 'the demo has consultations that are not public');
    await withCheckedPage(browser, async (page) => {
      await page.goto(PUBLIC);
      const link = page.getByRole('link', { name: 'Beteiligung: Dialoge, Umfragen und ihre Ergebnisse', exact: false });
      await link.click();
      const section = view(page, 'Beteiligung');
      await section.getByRole('status').filter({ hasText: /geladen\.$/ }).waitFor();
      for (const d of dialogues) {
        const item = section.locator(`#beteiligung-${d.id}`);
        await assert.doesNotReject(item.getByRole('heading', { level: 2, name: d.title }).waitFor(), d.title);
        assert.ok(squash(await item.innerText()).includes(de.date(d.starts_on)), `${d.title}: its date`);
        if (d.findings) assert.ok(squash(await item.innerText()).includes(squash(d.findings).slice(0, 40)), `${d.title}: its findings`);
      }
      const shown = await section.locator('li.consultation').evaluateAll((els) => els.map((e) => e.id));
      assert.ok(shown.length >= dialogues.length);
      for (const i of internal) assert.ok(!shown.includes(`beteiligung-${i.id}`), `an internal Beteiligung is not shown: ${i.title}`);
      assertNoViolations(await axeViolations(page));
      await section.getByRole('link', { name: `Jetzt online mitmachen: Beitrag zu „${open.title}“ schreiben` }).click();
      await view(page, open.title).getByRole('heading', { name: 'Datenschutzhinweis' }).waitFor();
    });
  });

  test('the public sends a Beitrag; it is shown only after an officer approved it', async () => {
    const text = `Mehr Sprachcafés am Abend, auch für Berufstätige (${RUN}).`;
    const name = `Erika Muster ${RUN}`;
    let fieldName;
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${PUBLIC}/beteiligung/${open.id}`);
      const section = view(page, open.title);
      const form = section.getByRole('form', { name: 'Ihr Beitrag' });
      // The Datenschutzhinweis is there, before the button, and says how long and who.
      const notice = section.getByRole('region', { name: 'Datenschutzhinweis' });
      const said = squash(await notice.innerText());
      for (const part of ['Was wird gespeichert?', 'Wie lange?', 'Wer sieht ihn?', 'widersprechen', 'gelöscht']) {
        assert.ok(said.includes(part), `the Datenschutzhinweis says „${part}“`);
      }
      // The honeypot is neither seen nor reached with the keyboard.
      const honeypot = page.locator('#beitrag-website');
      assert.equal(await honeypot.getAttribute('tabindex'), '-1');
      assert.equal(await honeypot.getAttribute('autocomplete'), 'off');
      assert.equal(await honeypot.evaluate((el) => el.closest('[aria-hidden="true"]') !== null), true);
      assert.equal(await page.getByRole('textbox', { name: 'Bitte leer lassen' }).count(), 0, 'hidden from assistive technology');

      await form.getByLabel('Ihr Beitrag *').fill(text);
      assert.equal(squash(await page.locator('#beitrag-text-zaehler').innerText()), `${[...text].length} von 5.000 Zeichen`);
      const select = form.getByLabel('Handlungsfeld (freiwillig)');
      await select.locator('option').nth(1).waitFor({ state: 'attached' });
      fieldName = await select.locator('option').nth(1).innerText();
      await select.selectOption({ label: fieldName });
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('E-Mail-Adresse oder Telefonnummer').fill(`erika-${RUN}@example.org`);
      await form.getByLabel('Ich habe den Datenschutzhinweis gelesen *').check();
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/consultations/${open.id}/contributions`));
      await form.getByRole('button', { name: 'Beitrag senden' }).click();
      assert.equal((await answer).status(), 202);
      const thanks = section.locator('#oeffentlich-beitrag-danke');
      await thanks.waitFor();
      assert.match(squash(await thanks.innerText()), /^Danke! Ihr Beitrag wird vor der Veröffentlichung geprüft\./);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'oeffentlich-beitrag-danke', 'the focus is on the thank-you');
      assertNoViolations(await axeViolations(page));

      // Not shown before it is approved.
      await page.reload();
      await section.getByRole('status').filter({ hasText: /geladen\.$/ }).waitFor();
      assert.ok(!(await section.innerText()).includes(text), 'a pending Beitrag is not public');
    });

    // Stored as sent: pending, online, with its Handlungsfeld and the author's name for a reply.
    const [stored] = rows(`SELECT c.id, c.moderation, c.origin, c.author_name, f.name AS field FROM contribution c
                             LEFT JOIN action_field f ON f.id = c.action_field_id
                            WHERE c.consultation_id = ${Number(open.id)} AND c.text = ${lit(text)}`,
    ['id', 'moderation', 'origin', 'author_name', 'field']);
    assert.ok(stored, 'the Beitrag is stored');
    const { id, ...kept } = stored;
    assert.deepEqual(kept, { moderation: 'pending', origin: 'online', author_name: name, field: fieldName });

    const approved = await api('POST', `${M}/contributions/${id}/moderation`, {
      token: officer, body: { moderation: 'approved' },
    });
    assert.ok([200, 204].includes(approved.status), `the officer approves it: ${approved.status} ${approved.text}`);

    await withCheckedPage(browser, async (page) => {
      await page.goto(`${PUBLIC}/beteiligung/${open.id}`);
      const section = view(page, open.title);
      const shown = section.locator('.contribution').filter({ hasText: text });
      await shown.waitFor();
      // Under its Handlungsfeld's heading, without the author's name.
      const heading = await shown.evaluate((li) => li.closest('ul').previousElementSibling.textContent);
      assert.ok(heading.startsWith(`${fieldName} (`), `under „${fieldName}“: ${heading}`);
      assert.ok(!(await section.innerText()).includes(name), 'the author is never shown');
      assertNoViolations(await axeViolations(page));
    });
  });

  test('sending without the privacy checkbox shows the error there and sends nothing', async () => {
    await withCheckedPage(browser, async (page) => {
      const posts = [];
      page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
      await page.goto(`${PUBLIC}/beteiligung/${open.id}`);
      const section = view(page, open.title);
      const form = section.getByRole('form', { name: 'Ihr Beitrag' });
      await form.getByLabel('Ihr Beitrag *').fill(`Ein Beitrag ohne Häkchen (${RUN}).`);
      await form.getByRole('button', { name: 'Beitrag senden' }).click();
      const box = form.getByLabel('Ich habe den Datenschutzhinweis gelesen *');
      assert.equal(await box.getAttribute('aria-invalid'), 'true');
      const error = await box.evaluate((el) => el.getAttribute('aria-describedby').split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
      assert.match(squash(error), /Datenschutzhinweis/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'beitrag-datenschutz', 'the focus is on the checkbox');
      assert.match(squash(await form.getByRole('alert').innerText()), /nicht gesendet/);
      assert.deepEqual(posts, [], 'nothing was sent');
      assertNoViolations(await axeViolations(page));

      // A 429 says how long to wait (the answer is made here: the real limit is the API tests' concern).
      await page.route('**/contributions', (route) => route.fulfill({
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '300' },
        body: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429 }),
      }));
      await box.check();
      await form.getByRole('button', { name: 'Beitrag senden' }).click();
      await form.getByRole('alert').filter({ hasText: '5 Minuten' }).waitFor();
      assert.equal(await form.getByLabel('Ihr Beitrag *').inputValue(), `Ein Beitrag ohne Häkchen (${RUN}).`, 'the text stays');
    });
  });

  test('a closed Beteiligung says so and has no form', async () => {
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${PUBLIC}/beteiligung/${closed.id}`);
      const section = view(page, closed.title);
      await section.getByText(/Diese Beteiligung ist abgeschlossen/).waitFor();
      assert.equal(await section.getByRole('form').count(), 0);
      assert.equal(await section.getByRole('button', { name: 'Beitrag senden' }).count(), 0);
      assertNoViolations(await axeViolations(page));
    });
  });

  test('„Was ist aus den Empfehlungen geworden?“ shows a recommendation with its dialogue and its measure, and links to it', async () => {
    const COLUMNS = ['id', 'title', 'consultation', 'starts_on', 'measure_id', 'measure', 'status', 'progress'];
    const accepted = () => rows(`SELECT r.id, r.title, c.title AS consultation, c.starts_on, m.id AS measure_id, m.title AS measure,
                                        m.status, m.progress
                                   FROM recommendation r
                                   JOIN recommendation_consultation rc ON rc.recommendation_id = r.id
                                   JOIN consultation c ON c.id = rc.consultation_id AND c.visibility = 'public'
                                   JOIN recommendation_measure rm ON rm.recommendation_id = r.id
                                   JOIN measure m ON m.id = rm.measure_id AND m.visibility = 'public'
                                   JOIN concept k ON k.id = m.concept_id AND k.status = 'adopted'
                                  WHERE r.${IN_MUSTERSTADT} AND r.response_kind = 'accepted' AND c.kind = 'integration_dialogue'
                                  ORDER BY r.id, c.starts_on, m.id LIMIT 1`, COLUMNS);
    let [rec] = accepted();
    if (!rec) {
      // Another file adopted a concept of its own meanwhile, so the demo's
      // measures are no longer public: a recommendation of a demo dialogue,
      // accepted with a public measure of the adopted concept, made here.
      const [concept] = rows(`SELECT id FROM concept WHERE ${IN_MUSTERSTADT} AND status = 'adopted'`, ['id']);
      const [dialogue] = rows(`SELECT id FROM consultation WHERE ${IN_MUSTERSTADT} AND visibility = 'public'
                                 AND kind = 'integration_dialogue' ORDER BY id LIMIT 1`, ['id']);
      const [field] = rows(`SELECT id FROM action_field WHERE ${IN_MUSTERSTADT} ORDER BY id LIMIT 1`, ['id']);
      const measure = await ok(201, api('POST', `${M}/measures`, {
        token: officer,
        body: {
          concept_id: concept.id, code: `E-${RUN}`.slice(0, 20), title: `Sprachpatenschaften ${RUN}`,
          action_field_id: field.id, horizon: 'short', visibility: 'public',
        },
      }), 'creating a public measure');
      const made = await ok(201, api('POST', `${M}/recommendations`, {
        token: officer,
        body: { title: `Sprachpaten für Neuzugewanderte ${RUN}`, text: 'Ehrenamtliche begleiten beim Deutschlernen.', action_field_id: field.id, consultation_ids: [dialogue.id] },
      }), 'creating a recommendation');
      const steering = (await ok(200, api('POST', 'auth/token', {
        body: { grant_type: 'password', username: STEERING, password: DEMO_PASSWORD },
      }), 'steering sign-in')).access_token;
      const responded = await api('POST', `${M}/recommendations/${made.id}/response`, {
        token: steering,
        body: { kind: 'accepted', reason: 'Die Steuerungsgruppe übernimmt die Empfehlung.', decided_on: new Date().toISOString().slice(0, 10), measure_ids: [measure.id] },
      });
      assert.ok([200, 201].includes(responded.status), `the steering group accepts it: ${responded.status} ${responded.text}`);
      [rec] = accepted();
    }
    assert.ok(rec, 'an accepted recommendation from a dialogue with a public measure');
    const STATUS = { proposed: 'vorgeschlagen', planned: 'geplant', in_progress: 'in Umsetzung', completed: 'abgeschlossen', suspended: 'ausgesetzt', dropped: 'verworfen' };

    await withCheckedPage(browser, async (page) => {
      await page.goto(PUBLIC);
      await page.getByRole('link', { name: 'Was ist aus den Empfehlungen geworden?' }).click();
      const section = view(page, 'Was ist aus den Empfehlungen geworden?');
      await section.getByRole('status').filter({ hasText: /geladen\.$/ }).waitFor();
      const card = section.locator(`#empfehlung-${rec.id}`);
      await card.getByRole('heading', { level: 2, name: rec.title }).waitFor();
      const said = squash(await card.innerText());
      assert.ok(said.includes(rec.consultation), 'its dialogue');
      assert.ok(said.includes(de.date(rec.starts_on)), 'the dialogue\'s date');
      assert.ok(said.includes('Die Empfehlung wurde übernommen'), 'its answer in plain words');
      assert.ok(said.includes('Begründung:'), 'with a reason');
      const item = card.locator('.recommendation-measure').filter({ hasText: rec.measure });
      const itemText = squash(await item.innerText());
      assert.ok(itemText.includes(`Status: ${STATUS[rec.status]}`), `the measure's status as text: ${itemText}`);
      assert.ok(itemText.includes(`Fortschritt: ${rec.progress} %`), `the measure's progress as text: ${itemText}`);
      assertNoViolations(await axeViolations(page));

      // The filter by answer shows exactly the cards with that answer.
      const all = await section.locator('.recommendation').count();
      const rejectedBefore = await section.locator('.recommendation').filter({ has: page.locator('.badge--response_rejected') }).count();
      await section.getByLabel('Entscheidung').selectOption({ label: 'abgelehnt' });
      await section.getByRole('button', { name: 'Filter anwenden' }).click();
      assert.ok(rejectedBefore > 0 && rejectedBefore < all, `the demo has rejected recommendations among others: ${rejectedBefore} of ${all}`);
      assert.equal(await section.locator('.recommendation').count(), rejectedBefore);
      assert.equal(await section.locator('.recommendation').filter({ hasNot: page.locator('.badge--response_rejected') }).count(), 0);
      await section.getByLabel('Entscheidung').selectOption({ label: 'Alle Entscheidungen' });
      await section.getByRole('button', { name: 'Filter anwenden' }).click();

      await section.locator(`#empfehlung-${rec.id}`).getByRole('link', { name: rec.measure, exact: false }).click();
      const measure = view(page, rec.measure);
      await measure.getByRole('heading', { level: 1, name: rec.measure }).waitFor();
      assert.ok(page.url().endsWith(`/#/oeffentlich/${MUSTERSTADT}/massnahmen/${rec.measure_id}`));
      assert.ok(squash(await measure.innerText()).includes(STATUS[rec.status]));
      assertNoViolations(await axeViolations(page));
    });
  });
});
