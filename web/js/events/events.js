/*
 * events.js: the view „Veranstaltungen“ (/#/veranstaltungen?kommune=AGS,
 * ?zeit=vergangen for the past ones, ?status=, ?organisation=): the
 * Veranstaltungen of a Kommune by their start, upcoming ones first from
 * today, past ones newest first, with Zeit, Ort, Veranstalter, Status
 * (an abgesagte shows „abgesagt“) and the Teilnehmende counted after it.
 * Who may create one gets „Neue Veranstaltung“ (event-form.js).
 */

import {
  EVENT_STATUS, eventHref, eventPermissions, eventsHref, term,
} from './terms.js';
import { eventWhen } from './when.js';
import { createEventForm } from './event-form.js';
import { loadEvents } from './upcoming.js';
import { municipalityChooser, termOptions } from '../organisations/parts.js';
import { formatInteger } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import {
  badge, missing, retryButton, textList,
} from '../shared/ui.js';

export function createEventsView() {
  const el = {
    filter: document.getElementById('veranstaltungen-filter'),
    municipality: document.getElementById('veranstaltungen-kommune'),
    time: document.getElementById('veranstaltungen-zeit'),
    status: document.getElementById('veranstaltungen-statusfilter'),
    panel: document.getElementById('veranstaltungen-neu'),
    form: document.getElementById('veranstaltungen-neu-form'),
    live: document.getElementById('veranstaltungen-status'),
    alert: document.getElementById('veranstaltungen-fehler'),
    list: document.getElementById('veranstaltungen-liste'),
  };
  el.status.replaceChildren(...termOptions(EVENT_STATUS, 'Alle'));
  el.time.replaceChildren(new Option('kommende', 'kommend'), new Option('vergangene', 'vergangen'));
  const choose = municipalityChooser(el.municipality, 'veranstaltungen');
  let ags = null;
  let past = false;
  let status = '';
  let organisation = '';
  let generation = 0;
  const form = createEventForm(el.form, {
    create: true,
    onSaved(doc) {
      window.location.hash = eventHref(ags, doc.id).slice(1);
    },
  });

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = {};
    if (el.time.value === 'vergangen') filters.zeit = 'vergangen';
    if (el.status.value) filters.status = el.status.value;
    if (organisation) filters.organisation = organisation;
    window.location.hash = eventsHref(el.municipality.value, filters).slice(1);
  });

  function table(items) {
    if (!items.length) {
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = past ? 'Es gibt keine vergangenen Veranstaltungen, die Sie sehen können.'
        : 'Es sind keine Veranstaltungen geplant, die Sie sehen können.';
      return p;
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', 'veranstaltungen-tabelle-titel');
    const t = document.createElement('table');
    t.className = 'data-table';
    t.id = 'veranstaltungen-tabelle';
    const cap = t.createCaption();
    cap.id = 'veranstaltungen-tabelle-titel';
    cap.textContent = past ? 'Vergangene Veranstaltungen, die jüngste zuerst' : 'Kommende Veranstaltungen, die nächste zuerst';
    const head = t.createTHead().insertRow();
    for (const text of ['Veranstaltung', 'Wann', 'Ort', 'Veranstalter', 'Status', 'Teilnehmende']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = t.createTBody();
    for (const e of items) {
      const row = body.insertRow();
      if (e.status === 'cancelled') row.className = 'event-row--cancelled';
      const name = document.createElement('th');
      name.scope = 'row';
      const a = document.createElement('a');
      a.href = eventHref(ags, e.id);
      a.textContent = e.title;
      name.append(a);
      row.append(name);
      row.insertCell().append(eventWhen(e));
      const place = row.insertCell();
      if (e.place || e.city) place.textContent = [e.place, e.city].filter(Boolean).join(', ');
      else place.append(missing());
      row.insertCell().append(textList((e.organisers ?? []).map((o) => o.name)));
      row.insertCell().append(badge(term(EVENT_STATUS, e.status), `event_${e.status}`));
      const count = row.insertCell();
      count.className = 'num';
      if (e.participant_count != null) count.textContent = formatInteger(e.participant_count);
      else count.append(missing());
    }
    wrapper.append(t);
    return wrapper;
  }

  async function load() {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.live.textContent = 'Die Veranstaltungen werden geladen …';
    try {
      const items = await loadEvents(ags, { past, status, organisation });
      if (mine !== generation) return;
      el.list.replaceChildren(table(items));
      el.live.textContent = items.length === 1 ? '1 Veranstaltung geladen.' : `${formatInteger(items.length)} Veranstaltungen geladen.`;
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Veranstaltungen konnten nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(load));
    }
  }

  return {
    async show({ params }) {
      ags = await choose(params);
      if (!ags) {
        el.panel.hidden = true;
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      past = params.get('zeit') === 'vergangen';
      status = Object.hasOwn(EVENT_STATUS, params.get('status') ?? '') ? params.get('status') : '';
      organisation = /^\d{1,19}$/.test(params.get('organisation') ?? '') ? params.get('organisation') : '';
      el.time.value = past ? 'vergangen' : 'kommend';
      el.status.value = status;
      const may = eventPermissions(currentPerson(), ags);
      el.panel.hidden = !may.create;
      el.panel.open = false;
      if (may.create) await form.open(ags);
      await load();
    },
  };
}
