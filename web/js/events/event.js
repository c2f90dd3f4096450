/*
 * event.js: the view „Veranstaltung“ (/#/veranstaltungen/{id}?kommune=AGS):
 * when and where, the Veranstalter, Kommunen, Zielgruppen, the Maßnahme it
 * belongs to (linked), Sichtbarkeit and Status; an abgesagte Veranstaltung
 * says so at the top. Who may change it gets „Veranstaltung bearbeiten“
 * (event-form.js), „Veranstaltung absagen“ while it is planned, and, once
 * it has begun, „Teilnehmende erfassen“.
 */

import {
  EVENT_STATUS, EVENT_VISIBILITY, TARGET_GROUP, apiPath, eventPermissions, eventsHref, term,
} from './terms.js';
import { eventWhen, hasStarted } from './when.js';
import { createEventForm } from './event-form.js';
import { link, municipalityNames, sendForm } from '../organisations/parts.js';
import { organisationHref } from '../organisations/terms.js';
import { confirmIn, facts } from '../participation/parts.js';
import { measureHref } from '../catalogue/concept.js';
import { authRequest } from '../shared/api.js';
import { formatInteger } from '../shared/format.js';
import { noticeBox, setFieldError } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import { badge, retryButton, textList } from '../shared/ui.js';

export function createEventView() {
  const el = {
    back: document.getElementById('veranstaltung-zurueck'),
    kicker: document.getElementById('veranstaltung-kicker'),
    title: document.getElementById('veranstaltung-titel'),
    cancelled: document.getElementById('veranstaltung-abgesagt'),
    live: document.getElementById('veranstaltung-status'),
    alert: document.getElementById('veranstaltung-fehler'),
    content: document.getElementById('veranstaltung-inhalt'),
    description: document.getElementById('veranstaltung-beschreibung'),
    facts: document.getElementById('veranstaltung-angaben'),
    count: document.getElementById('veranstaltung-teilnehmende'),
    countForm: document.getElementById('veranstaltung-teilnehmende-form'),
    countInput: document.getElementById('veranstaltung-teilnehmende-zahl'),
    cancel: document.getElementById('veranstaltung-absagen'),
    panel: document.getElementById('veranstaltung-bearbeiten'),
    form: document.getElementById('veranstaltung-bearbeiten-form'),
    remove: document.getElementById('veranstaltung-loeschen'),
  };
  let ags = null;
  let id = null;
  let doc = null;
  let etag = null;
  let generation = 0;
  const form = createEventForm(el.form, {
    create: false,
    onSaved(saved, tag) {
      render(saved, tag);
      el.panel.open = false;
      el.live.textContent = 'Die Änderungen sind gespeichert.';
      el.title.focus();
    },
    onReload: () => load({ keepOpen: true }),
  });

  el.countForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const raw = el.countInput.value.trim();
    const n = Number(raw);
    sendForm(el.countForm, {
      check() {
        if (raw === '' || !Number.isInteger(n) || n < 0) setFieldError(el.countInput, 'Bitte geben Sie eine ganze Zahl ab 0 ein.');
      },
      request: () => authRequest('PATCH', apiPath(ags, 'events', id), { body: { participant_count: n }, headers: { 'If-Match': etag ?? '*' } }),
      lead: 'Die Zahl der Teilnehmenden wurde nicht gespeichert.',
      what: 'Die Veranstaltung',
      fields: { '/participant_count': el.countInput },
      onSaved(saved, tag) {
        render(saved, tag);
        el.live.textContent = `${formatInteger(saved.participant_count ?? n)} Teilnehmende sind gespeichert.`;
      },
      onReload: () => load(),
    });
  });

  el.cancel.addEventListener('click', async () => {
    const yes = await confirmIn('veranstaltung-dialog', {
      title: 'Veranstaltung absagen?',
      text: `„${doc?.title}“ wird als abgesagt gekennzeichnet. Wer sie im Kalender abonniert hat, sieht die Absage.`,
      yes: 'Veranstaltung absagen',
    });
    if (!yes) return;
    try {
      const res = await authRequest('PATCH', apiPath(ags, 'events', id), { body: { status: 'cancelled' }, headers: { 'If-Match': etag ?? '*' } });
      render(res.body, res.etag);
      el.live.textContent = 'Die Veranstaltung ist abgesagt.';
      el.title.focus();
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Die Veranstaltung wurde nicht abgesagt.', problemText(err)));
      if (err?.status === 412) el.alert.append(retryButton(() => load()));
    }
  });

  el.remove.addEventListener('click', async () => {
    const yes = await confirmIn('veranstaltung-dialog', {
      title: 'Veranstaltung löschen?',
      text: `„${doc?.title}“ wird gelöscht. Eine Absage ist für Abonnenten des Kalenders meist besser.`,
      yes: 'Veranstaltung löschen',
    });
    if (!yes) return;
    try {
      await authRequest('DELETE', apiPath(ags, 'events', id), { headers: { 'If-Match': etag ?? '*' } });
      window.location.hash = eventsHref(ags).slice(1);
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Die Veranstaltung wurde nicht gelöscht.', problemText(err)));
    }
  });

  function render(e, tag) {
    doc = e;
    etag = tag;
    el.title.textContent = e.title;
    el.kicker.replaceChildren(badge(term(EVENT_STATUS, e.status), `event_${e.status}`));
    el.cancelled.hidden = e.status !== 'cancelled';
    el.description.textContent = e.description ?? '';
    el.description.hidden = !e.description;
    const address = [e.street, [e.postcode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    facts(el.facts, [
      ['Wann', eventWhen(e)],
      ['Ort', [e.place, address].filter(Boolean).join(', ')],
      ['Veranstalter', (e.organisers ?? []).length ? organiserList(e.organisers) : null],
      ['Kommunen', (e.municipalities ?? []).length ? textList(municipalityNames(e.municipalities)) : null],
      ['Zielgruppen', (e.target_groups ?? []).length ? textList(e.target_groups.map((g) => term(TARGET_GROUP, g))) : null],
      ['Maßnahme', e.measure ? link(measureHref(ags, e.measure.id), `${e.measure.code ? `${e.measure.code} ` : ''}${e.measure.title}`) : null],
      ['Sichtbarkeit', term(EVENT_VISIBILITY, e.visibility)],
      ['Status', term(EVENT_STATUS, e.status)],
      ['Teilnehmende', e.participant_count != null ? formatInteger(e.participant_count) : null],
    ]);
    const may = eventPermissions(currentPerson(), ags).edit(e);
    el.panel.hidden = !may;
    el.remove.hidden = !may;
    el.cancel.hidden = !may || e.status !== 'planned';
    el.count.hidden = !may || !hasStarted(e) || e.status === 'cancelled';
    el.countInput.value = e.participant_count ?? '';
    if (may) form.open(ags, e, tag);
    el.content.hidden = false;
  }

  function organiserList(organisers) {
    const ul = document.createElement('ul');
    ul.className = 'plain-list';
    for (const o of organisers) {
      const li = document.createElement('li');
      li.append(link(organisationHref(o.id), o.name));
      ul.append(li);
    }
    return ul;
  }

  async function load({ keepOpen = false } = {}) {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.live.textContent = 'Die Veranstaltung wird geladen …';
    try {
      const res = await authRequest('GET', apiPath(ags, 'events', id));
      if (mine !== generation) return;
      const open = keepOpen && el.panel.open;
      render(res.body, res.etag);
      el.panel.open = open;
      el.live.textContent = 'Die Veranstaltung ist geladen.';
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.content.hidden = true;
      el.alert.replaceChildren(noticeBox('Die Veranstaltung konnte nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(() => load()));
    }
  }

  return {
    async show({ args, params }) {
      const where = params.get('kommune');
      ags = where && /^\d{8}$/.test(where) ? where : null;
      id = args.id;
      el.panel.open = false;
      el.back.href = ags ? eventsHref(ags) : '/#/veranstaltungen';
      if (!ags) {
        el.content.hidden = true;
        el.alert.replaceChildren(noticeBox('Die Kommune fehlt in der Adresse.', 'Bitte öffnen Sie die Veranstaltung aus der Liste.'));
        return;
      }
      await load();
    },
  };
}
