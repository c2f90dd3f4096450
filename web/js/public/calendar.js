/*
 * calendar.js: „Kalender abonnieren“, the block of the public
 * Veranstaltungen pages (js/public/events.js) and of an organisation's
 * public part (js/public/offer.js, event.js): the address of an iCalendar
 * feed of the API (/api/v1/public/…/events.ics, with the page's filters)
 * as a webcal:// link, which opens the calendar program, as an https://
 * link, and in a read-only field with a button that copies it; a short
 * help says where to put it. Built as DOM nodes with text only.
 */

import { apiUrl } from '../shared/api.js';

/**
 * The feed's address for the calendar: absolute, on this server.
 * @param {string} path below /api/v1, e.g. "public/events.ics"
 * @param {Record<string, string | undefined>} [params] the filters
 * @returns {{https: string, webcal: string}}
 */
export function feedAddresses(path, params = {}) {
  const https = new URL(apiUrl(path, params), window.location.origin).href;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

/**
 * Fill container with the subscription block of one feed.
 * @param {HTMLElement} container emptied first
 * @param {{id: string, path: string, params?: Record<string, string | undefined>,
 *          heading?: string, what: string, level?: number}} options
 *   id: prefix of the ids in the block; what: „die Veranstaltungen in
 *   Musterstadt“, said in the link texts; level: of the heading (2)
 */
export function renderCalendarBlock(container, {
  id, path, params = {}, heading = 'Kalender abonnieren', what, level = 2,
}) {
  const { https, webcal } = feedAddresses(path, params);
  const h = document.createElement(`h${level}`);
  h.id = `${id}-titel`;
  h.textContent = heading;

  const help = document.createElement('p');
  help.id = `${id}-hilfe`;
  help.className = 'calendar-subscribe__help';
  help.textContent = 'In Outlook, Thunderbird oder auf dem Smartphone abonnieren: Adresse kopieren und im '
    + 'Kalenderprogramm als Internetkalender („Kalender abonnieren“, „Kalender aus dem Internet“) einfügen. '
    + 'Neue, geänderte und abgesagte Veranstaltungen erscheinen dann von selbst in Ihrem Kalender.';

  const links = document.createElement('ul');
  links.className = 'plain-list calendar-subscribe__links';
  const link = (href, text, linkId) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = href;
    a.id = linkId;
    a.textContent = text;
    li.append(a);
    links.append(li);
  };
  link(webcal, `${what} im Kalenderprogramm abonnieren (webcal)`, `${id}-webcal`);
  link(https, `${what} als Kalenderdatei (https, iCalendar)`, `${id}-https`);

  const field = document.createElement('div');
  field.className = 'field calendar-subscribe__field';
  const label = document.createElement('label');
  label.htmlFor = `${id}-adresse`;
  label.textContent = 'Adresse des Kalenders';
  const row = document.createElement('div');
  row.className = 'copy-field__row';
  const input = document.createElement('input');
  input.type = 'text';
  input.id = `${id}-adresse`;
  input.readOnly = true;
  input.value = https;
  input.setAttribute('aria-describedby', help.id);
  input.addEventListener('focus', () => input.select());
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--secondary';
  button.textContent = 'Adresse kopieren';
  const status = document.createElement('p');
  status.className = 'status calendar-subscribe__status';
  status.setAttribute('role', 'status');
  button.addEventListener('click', async () => {
    status.textContent = '';
    if (await copy(input)) {
      status.textContent = 'Die Adresse ist kopiert. Fügen Sie sie jetzt in Ihrem Kalenderprogramm ein.';
    } else {
      input.focus();
      input.select();
      status.textContent = 'Kopieren ging nicht von selbst. Die Adresse ist markiert: Kopieren Sie sie mit Strg+C '
        + '(auf dem Mac: Befehlstaste+C).';
    }
  });
  row.append(input, button);
  field.append(label, row);

  container.classList.add('calendar-subscribe');
  container.setAttribute('aria-labelledby', h.id);
  container.replaceChildren(h, help, links, field, status);
}

/* Copies the field's text; false when the browser does not let it. */
async function copy(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
