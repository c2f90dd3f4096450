/*
 * The public Veranstaltungen in the browser (js/public/events.js, event.js,
 * calendar.js), without sign-in: the Kommune's public page links to its
 * coming events; the list shows as many as the database has coming public
 * events of the Kommune, with date and time in German (Europe/Berlin), an
 * all-day one as „ganztägig“ and a cancelled one marked „abgesagt“ in
 * words; an internal event is never shown; the event page says it is
 * cancelled; „Kalender abonnieren“ offers a webcal:// and an https:// link
 * to a feed that answers text/calendar with the events (the cancelled one
 * as STATUS:CANCELLED, the internal one not at all), and the copy button
 * says what it did; the district's page with the Kommune filter puts the
 * filter into the feed's address. axe-core finds no violation.
 *
 * The test makes its own events through the API (an officer of
 * Musterstadt); what the list should hold is counted in the database
 * (TEST_PSQL_CMD), the expected date texts are made here with Intl.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, DEMO_PASSWORD, MUSTERLINGEN, MUSTERSTADT, OFFICER, RUN,
  api, assertNoViolations, axeViolations, launchBrowser, squash, view, withCheckedPage,
} from './helpers.mjs';
import { lit, psql } from '../api/lib/auth.mjs';

const CARITAS = 'Caritasverband für den Musterkreis e.V.';
const DAY = 24 * 3600 * 1000;

async function ok(expected, promise, what) {
  const res = await promise;
  assert.equal(res.status, expected, `${what}: ${res.status} ${res.text}`);
  return res;
}

/* "2026-12-08" of a moment, in UTC. */
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

/* „Dienstag, 8. Dezember 2026“ and „18“ (the hour) in Berlin. */
const berlinDay = (d) => new Intl.DateTimeFormat('de-DE', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin',
}).format(d);
const berlinHour = (d) => String(Number(new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Berlin',
}).formatToParts(d).find((p) => p.type === 'hour').value));

/* The coming public events of a Kommune: not yet over today (Berlin). */
function countComing(ags) {
  return Number(psql(`SELECT count(*) FROM event e
    WHERE e.visibility = 'public'
      AND EXISTS (SELECT FROM event_municipality em JOIN municipality m ON m.id = em.shown_in
                   WHERE em.event_id = e.id AND m.ags = ${lit(ags)})
      AND CASE WHEN e.all_day THEN coalesce(e.ends_on, e.starts_on) >= (now() AT TIME ZONE 'Europe/Berlin')::date
               ELSE coalesce(e.ends_at, e.starts_at) >= date_trunc('day', now() AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'Europe/Berlin' END`));
}

describe('Öffentliche Veranstaltungen im Browser', () => {
  let browser;
  let evening;
  let cancelled;
  let allDay;
  let internal;
  let startsAt;
  let endsAt;
  let measure;

  before(async () => {
    browser = await launchBrowser();
    const officer = (await ok(200, api('POST', 'auth/token', {
      body: { grant_type: 'password', username: OFFICER, password: DEMO_PASSWORD },
    }), 'officer sign-in')).json.access_token;
    const caritas = psql(`SELECT id FROM organisation WHERE name = ${lit(CARITAS)}`);
    const tomorrow = Date.now() + DAY;
    startsAt = new Date(`${isoDay(tomorrow)}T17:00:00Z`);
    endsAt = new Date(`${isoDay(tomorrow)}T19:00:00Z`);
    const base = {
      organiser_ids: [caritas],
      municipality_ags: [MUSTERSTADT],
      target_groups: ['families'],
      place: 'Bürgerhaus',
      street: 'Marktplatz 3',
      postcode: '59999',
      city: 'Musterstadt',
      visibility: 'public',
      status: 'planned',
    };
    const create = async (body, what) => (await ok(201, api('POST', `municipalities/${MUSTERSTADT}/events`, {
      token: officer, body: { ...base, ...body },
    }), what));
    // A published measure of Musterstadt (public, of the adopted concept);
    // the evening event belongs to it and is shown in Musterlingen too
    // (listed first, by name).
    [measure] = psql(`SELECT m.id || chr(31) || m.title FROM measure m JOIN concept c ON c.id = m.concept_id
                       WHERE m.municipality_id = (SELECT id FROM municipality WHERE ags = ${lit(MUSTERSTADT)})
                         AND m.visibility = 'public' AND c.status = 'adopted' ORDER BY m.id LIMIT 1`).split('\n').filter(Boolean)
      .map((line) => ({ id: line.split('\u001f')[0], title: line.split('\u001f')[1] }));
    assert.ok(measure, 'the demo has a public measure in Musterstadt');
    evening = (await create({
      title: `Elterncafé ${RUN}`,
      municipality_ags: [MUSTERSTADT, MUSTERLINGEN],
      measure_id: measure.id,
      description: 'Austausch für Eltern, mit Kinderbetreuung.',
      all_day: false,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
    }, 'the evening event')).json;
    const toCancel = await create({
      title: `Infoabend Ausbildung ${RUN}`,
      all_day: false,
      starts_at: new Date(startsAt.getTime() + DAY).toISOString(),
      ends_at: new Date(endsAt.getTime() + DAY).toISOString(),
    }, 'the event to cancel');
    cancelled = (await ok(200, api('PATCH', `municipalities/${MUSTERSTADT}/events/${toCancel.json.id}`, {
      token: officer,
      headers: { 'If-Match': toCancel.headers.get('ETag') },
      body: { status: 'cancelled' },
    }), 'cancelling')).json;
    const day = isoDay(Date.now() + 3 * DAY);
    allDay = (await create({
      title: `Fest der Kulturen ${RUN}`, all_day: true, starts_on: day, ends_on: day,
    }, 'the all-day event')).json;
    internal = (await create({
      title: `Interne Planungsrunde ${RUN}`,
      all_day: false,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      visibility: 'internal',
    }, 'the internal event')).json;
  });

  after(async () => {
    await browser?.close();
  });

  test('the coming events of the Kommune, in German and Berlin time; cancelled ones marked, internal ones not shown', async () => {
    const expected = countComing(MUSTERSTADT);
    assert.ok(expected >= 3, 'at least the test\'s three public events');
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}`);
      await page.getByRole('link', { name: /^Veranstaltungen, die demnächst stattfinden/ }).click();
      const section = view(page, 'Veranstaltungen');
      await section.getByRole('status').filter({ hasText: /gefunden/ }).waitFor();
      const cards = section.locator('.event-card');
      const more = section.getByRole('button', { name: 'Weitere Veranstaltungen laden' });
      for (let i = 0; i < 50 && await more.count(); i++) {
        const shown = await cards.count();
        await more.click();
        await cards.nth(shown).waitFor();
      }
      assert.equal(await cards.count(), expected, 'as many events as the database has coming public ones');

      const when = squash(await section.locator(`#veranstaltung-${evening.id} .event-card__when`).innerText());
      assert.equal(when, `${berlinDay(startsAt)}, ${berlinHour(startsAt)}–${berlinHour(endsAt)} Uhr`);
      assert.match(squash(await section.locator(`#veranstaltung-${allDay.id}`).innerText()), /ganztägig/);
      const off = section.locator(`#veranstaltung-${cancelled.id}`);
      assert.match(squash(await off.getByRole('heading', { level: 2 }).innerText()), /abgesagt/i, 'the heading says abgesagt');
      assert.match(squash(await off.innerText()), /fällt aus/);
      assert.doesNotMatch(squash(await section.locator(`#veranstaltung-${evening.id}`).innerText()), /abgesagt/i);
      assert.equal(await section.locator(`#veranstaltung-${internal.id}`).count(), 0, 'the internal event is not listed');
      assert.ok(!(await section.innerText()).includes(internal.title));
      assertNoViolations(await axeViolations(page));

      await off.getByRole('link', { name: cancelled.title }).click();
      const one = view(page, cancelled.title);
      await one.getByRole('status').filter({ hasText: 'geladen' }).waitFor();
      assert.match(squash(await one.innerText()), /Abgesagt: Diese Veranstaltung fällt aus\./);
      assertNoViolations(await axeViolations(page));
    });
  });

  test('the event page links its public measure', async () => {
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/#/oeffentlich/veranstaltungen/${evening.id}`);
      const one = view(page, evening.title);
      await one.getByRole('status').filter({ hasText: 'geladen' }).waitFor();
      const link = one.getByRole('link', { name: measure.title, exact: false });
      assert.equal(await link.getAttribute('href'), `/#/oeffentlich/${MUSTERSTADT}/massnahmen/${measure.id}`);
      assertNoViolations(await axeViolations(page));
      await link.click();
      await view(page, measure.title).waitFor();
    });
  });

  test('„Kalender abonnieren“ links to a feed that answers text/calendar; the copy button says what it did', async () => {
    await withCheckedPage(browser, async (page) => {
      await page.goto(`${BASE_URL}/#/oeffentlich/${MUSTERSTADT}/veranstaltungen`);
      const section = view(page, 'Veranstaltungen');
      const block = section.getByRole('region', { name: 'Kalender abonnieren' });
      await block.waitFor();
      assert.match(squash(await block.innerText()), /In Outlook, Thunderbird oder auf dem Smartphone abonnieren: Adresse kopieren/);
      const https = await block.getByRole('link', { name: /als Kalenderdatei/ }).getAttribute('href');
      const webcal = await block.getByRole('link', { name: /im Kalenderprogramm abonnieren/ }).getAttribute('href');
      assert.equal(https, `${BASE_URL}/api/v1/public/municipalities/${MUSTERSTADT}/events.ics`);
      assert.equal(webcal, https.replace(/^https?:/, 'webcal:'));
      assert.equal(await block.getByLabel('Adresse des Kalenders').inputValue(), https);

      const res = await fetch(https);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('Content-Type'), /^text\/calendar/);
      const ics = (await res.text()).replace(/\r\n[ \t]/g, '');
      assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
      const vevent = (id) => ics.split('BEGIN:VEVENT').find((v) => v.includes(`UID:event-${id}@`));
      assert.ok(vevent(evening.id), 'the evening event is in the feed');
      assert.match(vevent(cancelled.id) ?? '', /STATUS:CANCELLED/, 'the cancelled event says so');
      assert.equal(vevent(internal.id), undefined, 'the internal event is not in the feed');

      await block.getByRole('button', { name: 'Adresse kopieren' }).click();
      await block.getByRole('status').filter({ hasText: /kopiert|markiert/ }).waitFor();
      assertNoViolations(await axeViolations(page));
    }, { permissions: ['clipboard-read', 'clipboard-write'] });
  });

  test('the district\'s events with the Kommune filter: the feed\'s address carries the filter', async () => {
    const name = psql(`SELECT name FROM municipality WHERE ags = ${lit(MUSTERSTADT)}`);
    await withCheckedPage(browser, async (page) => {
      await page.goto(BASE_URL);
      await page.getByRole('link', { name: /^Veranstaltungen im Kreis/ }).click();
      const section = view(page, 'Veranstaltungen');
      await section.getByRole('status').filter({ hasText: /gefunden/ }).waitFor();
      await section.getByLabel('Kommune').selectOption({ label: name });
      await section.getByRole('button', { name: 'Filter anwenden' }).click();
      await page.waitForURL(/#\/veranstaltungen-im-kreis\?kommune=05999004/);
      await section.getByRole('status').filter({ hasText: `gefunden (Kommune: ${name})` }).waitFor();
      await section.locator(`#veranstaltung-${evening.id}`).waitFor();
      for (const text of await section.locator('.event-card').allInnerTexts()) {
        assert.match(squash(text), new RegExp(`Kommune .*${name}`), 'each event is shown in the Kommune chosen');
      }
      const block = section.getByRole('region', { name: 'Kalender abonnieren' });
      const https = await block.getByRole('link', { name: new RegExp(`in ${name}.*als Kalenderdatei`) }).getAttribute('href');
      assert.equal(https, `${BASE_URL}/api/v1/public/events.ics?municipality=${MUSTERSTADT}`);
      const res = await fetch(https);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('Content-Type'), /^text\/calendar/);
      assert.ok((await res.text()).replace(/\r\n[ \t]/g, '').includes(`UID:event-${evening.id}@`));
      assertNoViolations(await axeViolations(page));
    });
  });
});
