/*
 * meetings.js: the view „Sitzungen“ (/#/sitzungen?kommune=AGS): the
 * Sitzungen of a Kommune, the upcoming ones (soonest first) and the past
 * ones (newest first), each with Art, Datum and Uhrzeit, Ort, Status and
 * the status of its Protokoll (Entwurf / genehmigt). Integrationsbeauftragte
 * and the Kreisadministration get „Neue Sitzung anlegen“. Partners see the
 * Sitzungen shared with them (the API chooses).
 */

import {
  MEETING_KIND, MEETING_STATUS, MINUTES_STATUS, meetingHref, meetingPermissions, meetingTimeElement, term,
} from './terms.js';
import { getAll } from '../shared/api.js';
import { badge, missing, retryButton } from '../shared/ui.js';
import { formatInteger } from '../shared/format.js';
import { meetingMunicipalities } from './parts.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

let remembered = null;

export function createMeetingsView() {
  const el = {
    chooser: document.getElementById('sitzungen-auswahl'),
    municipality: document.getElementById('sitzungen-kommune'),
    newLink: document.getElementById('sitzungen-neu'),
    newLinkP: document.getElementById('sitzungen-neu-absatz'),
    live: document.getElementById('sitzungen-status'),
    alert: document.getElementById('sitzungen-fehler'),
    upcoming: document.getElementById('sitzungen-anstehend'),
    past: document.getElementById('sitzungen-vergangen'),
    lists: document.getElementById('sitzungen-listen'),
  };
  let ags = null;
  let generation = 0;

  el.chooser.addEventListener('submit', (event) => event.preventDefault());
  el.municipality.addEventListener('change', () => {
    window.location.hash = `#/sitzungen?${new URLSearchParams({ kommune: el.municipality.value })}`;
  });

  function table(id, caption, items) {
    if (items.length === 0) {
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = 'Keine.';
      return p;
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', `${id}-titel`);
    const t = document.createElement('table');
    t.className = 'data-table meeting-table';
    t.id = id;
    const cap = t.createCaption();
    cap.id = `${id}-titel`;
    cap.textContent = caption;
    const head = t.createTHead().insertRow();
    for (const text of ['Datum und Uhrzeit', 'Sitzung', 'Art', 'Ort', 'Status', 'Protokoll']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = t.createTBody();
    for (const m of items) {
      const row = body.insertRow();
      row.insertCell().append(meetingTimeElement(m.starts_at, m.ends_at));
      const name = document.createElement('th');
      name.scope = 'row';
      const a = document.createElement('a');
      a.href = meetingHref(ags, m.id);
      a.textContent = m.title;
      name.append(a);
      if (m.item_count != null) {
        const note = document.createElement('span');
        note.className = 'cell-note';
        note.textContent = `${formatInteger(m.item_count)} ${m.item_count === 1 ? 'Tagesordnungspunkt' : 'Tagesordnungspunkte'}, `
          + `${formatInteger(m.decision_count ?? 0)} ${m.decision_count === 1 ? 'Beschluss' : 'Beschlüsse'}`;
        name.append(note);
      }
      row.append(name);
      row.insertCell().textContent = term(MEETING_KIND, m.kind);
      const place = row.insertCell();
      if (m.place) place.textContent = m.place;
      else place.append(missing());
      row.insertCell().append(badge(term(MEETING_STATUS, m.status), `meeting_${m.status}`));
      row.insertCell().append(badge(term(MINUTES_STATUS, m.minutes_status), `minutes_${m.minutes_status}`));
    }
    wrapper.append(t);
    return wrapper;
  }

  async function load() {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.lists.hidden = true;
    el.live.textContent = 'Die Sitzungen werden geladen …';
    const may = meetingPermissions(currentPerson(), ags);
    el.newLinkP.hidden = !may.manage;
    el.newLink.href = `/#/sitzungen/neu?${new URLSearchParams({ kommune: ags })}`;
    try {
      const items = await getAll(`municipalities/${encodeURIComponent(ags)}/meetings`, { auth: true });
      if (mine !== generation) return;
      const now = Date.now();
      const upcoming = items.filter((m) => Date.parse(m.starts_at) >= now)
        .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
      const past = items.filter((m) => Date.parse(m.starts_at) < now)
        .sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
      el.upcoming.replaceChildren(table('sitzungen-anstehend-tabelle', 'Anstehende Sitzungen, die nächste zuerst', upcoming));
      el.past.replaceChildren(table('sitzungen-vergangen-tabelle', 'Vergangene Sitzungen, die letzte zuerst', past));
      el.lists.hidden = false;
      el.live.textContent = items.length === 1 ? '1 Sitzung geladen.' : `${formatInteger(items.length)} Sitzungen geladen.`;
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Sitzungen konnten nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(load));
    }
  }

  return {
    async show({ params }) {
      const options = await meetingMunicipalities(currentPerson());
      el.municipality.replaceChildren(...options.map((m) => new Option(m.name, m.ags)));
      const wanted = [params.get('kommune'), remembered];
      ags = wanted.find((a) => a && options.some((m) => m.ags === a)) ?? options[0]?.ags ?? null;
      if (!ags) {
        el.lists.hidden = true;
        el.newLinkP.hidden = true;
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      remembered = ags;
      el.municipality.value = ags;
      await load();
    },
  };
}
