/*
 * meeting-form.js: the form of a Sitzung, to add one (POST …/meetings, on
 * the page „Neue Sitzung“) or to change one (PATCH …/meetings/{id} with
 * If-Match, on the meeting's page): Art, Titel, Datum, Beginn, Ende, Ort,
 * Sichtbarkeit, and when editing the Status. Date and times are entered
 * in the browser's local time and sent as RFC 3339 in UTC.
 *
 * A change sends only what differs from the meeting as read. The server's
 * field errors appear at their fields; a 412 says „Inzwischen geändert –
 * neu laden“ and offers to load the meeting again (as the measure form).
 */

import { MEETING_KIND, MEETING_STATUS, MEETING_VISIBILITY } from './terms.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showProblem,
} from '../shared/forms.js';
import { authRequest } from '../shared/api.js';

/* The server's (English) field messages, in German. */
const MESSAGES = [
  [/before|ends_at.*starts_at|time order/i, 'Das Ende liegt vor dem Beginn.'],
  [/must have 1 to 200/, 'Bitte geben Sie einen Titel mit höchstens 200 Zeichen ein.'],
  [/must have 0 to 300|at most 300/, 'Der Ort darf höchstens 300 Zeichen lang sein.'],
];

const pad = (n) => String(n).padStart(2, '0');

/** An RFC 3339 time -> {date: "2026-12-06", time: "18:30"} in local time. */
export function localParts(iso) {
  const t = Date.parse(String(iso ?? ''));
  if (Number.isNaN(t)) return { date: '', time: '' };
  const d = new Date(t);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** Local date and time -> RFC 3339 in UTC, or null when they are no time. */
export function toIso(date, time) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const t = new Date(`${date}T${time}:00`);
  return Number.isNaN(t.getTime()) ? null : t.toISOString().replace(/\.000Z$/, 'Z');
}

/* Constant markup; ids get the prefix p. */
function skeleton(p, create) {
  const status = create ? '' : `
      <div class="field">
        <label for="${p}-status">Status</label>
        <select id="${p}-status" name="status" required></select>
      </div>`;
  return `
    <div class="alert-region" role="alert"></div>
    <div class="field">
      <label for="${p}-art">Art der Sitzung</label>
      <select id="${p}-art" name="kind" required></select>
    </div>
    <div class="field">
      <label for="${p}-titel">Titel</label>
      <p class="field-hint" id="${p}-titel-hinweis">Zum Beispiel „4. Sitzung der Steuerungsgruppe 2026“ (höchstens 200 Zeichen).</p>
      <input id="${p}-titel" name="title" type="text" maxlength="200" required autocomplete="off" aria-describedby="${p}-titel-hinweis">
    </div>
    <div class="field-row">
      <div class="field">
        <label for="${p}-datum">Datum</label>
        <input id="${p}-datum" name="date" type="date" required>
      </div>
      <div class="field">
        <label for="${p}-beginn">Beginn (Uhrzeit)</label>
        <input id="${p}-beginn" name="start" type="time" required>
      </div>
      <div class="field">
        <label for="${p}-ende">Ende (Uhrzeit, freiwillig)</label>
        <input id="${p}-ende" name="end" type="time">
      </div>
    </div>
    <div class="field">
      <label for="${p}-ort">Ort (freiwillig)</label>
      <p class="field-hint" id="${p}-ort-hinweis">Zum Beispiel „Rathaus, Sitzungssaal 2“ (höchstens 300 Zeichen).</p>
      <input id="${p}-ort" name="place" type="text" maxlength="300" autocomplete="off" aria-describedby="${p}-ort-hinweis">
    </div>
    <div class="field">
      <label for="${p}-sichtbarkeit">Sichtbarkeit</label>
      <p class="field-hint" id="${p}-sichtbarkeit-hinweis">
        intern: Verwaltung und Steuerungsgruppe; Partner: auch die Partnerorganisationen;
        öffentlich: auch ohne Anmeldung, das Protokoll erst nach seiner Genehmigung.
      </p>
      <select id="${p}-sichtbarkeit" name="visibility" required aria-describedby="${p}-sichtbarkeit-hinweis"></select>
    </div>${status}
    <div class="form-actions">
      <button type="submit" class="button">${create ? 'Sitzung anlegen' : 'Änderungen speichern'}</button>
    </div>`;
}

/**
 * @param {HTMLFormElement} form an empty form, filled here
 * @param {{prefix: string, create: boolean,
 *          onSaved: (meeting: object, etag: string | null) => void,
 *          onReload?: () => Promise<void>}} options
 */
export function createMeetingForm(form, { prefix: p, create, onSaved, onReload }) {
  form.classList.add('form', 'meeting-form');
  form.noValidate = true;
  form.innerHTML = skeleton(p, create);
  const $ = (suffix) => form.querySelector(`#${p}-${suffix}`);
  const el = {
    kind: $('art'),
    title: $('titel'),
    date: $('datum'),
    start: $('beginn'),
    end: $('ende'),
    place: $('ort'),
    visibility: $('sichtbarkeit'),
    status: create ? null : $('status'),
  };
  el.kind.replaceChildren(...Object.entries(MEETING_KIND).map(([c, t]) => new Option(t, c)));
  el.visibility.replaceChildren(...Object.entries(MEETING_VISIBILITY).map(([c, t]) => new Option(t, c)));
  el.status?.replaceChildren(...Object.entries(MEETING_STATUS).map(([c, t]) => new Option(t, c)));
  const fields = {
    '/kind': el.kind,
    '/title': el.title,
    '/starts_at': el.start,
    '/ends_at': el.end,
    '/place': el.place,
    '/visibility': el.visibility,
    '/status': el.status,
  };
  const state = { ags: null, meeting: null, etag: null, busy: false };

  function fill(m) {
    el.kind.value = m?.kind ?? 'steering_group';
    el.title.value = m?.title ?? '';
    const start = localParts(m?.starts_at);
    el.date.value = start.date;
    el.start.value = start.time;
    el.end.value = m?.ends_at ? localParts(m.ends_at).time : '';
    el.place.value = m?.place ?? '';
    el.visibility.value = m?.visibility ?? 'internal';
    if (el.status) el.status.value = m?.status ?? 'planned';
  }

  /* The form as a body (every member), or null after field errors. */
  function read() {
    const body = { kind: el.kind.value, title: el.title.value.trim() };
    if (body.title === '') setFieldError(el.title, 'Bitte geben Sie einen Titel ein.');
    if (!el.date.value) setFieldError(el.date, 'Bitte geben Sie das Datum der Sitzung ein.');
    if (!el.start.value) setFieldError(el.start, 'Bitte geben Sie die Uhrzeit des Beginns ein.');
    body.starts_at = toIso(el.date.value, el.start.value);
    if (el.date.value && el.start.value && !body.starts_at) setFieldError(el.date, 'Bitte geben Sie ein gültiges Datum ein.');
    body.ends_at = el.end.value ? toIso(el.date.value, el.end.value) : null;
    if (body.starts_at && body.ends_at && body.ends_at < body.starts_at) {
      setFieldError(el.end, 'Das Ende liegt vor dem Beginn.');
    }
    body.place = el.place.value.trim() || null;
    body.visibility = el.visibility.value;
    if (el.status) body.status = el.status.value;
    return focusFirstError(form) ? null : body;
  }

  /* The members of body that differ from the meeting m. */
  function changes(body, m) {
    const same = (a, b) => (a == null && b == null) || (a != null && b != null && Date.parse(a) === Date.parse(b));
    const diff = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'starts_at' || key === 'ends_at') {
        if (!same(value, m[key])) diff[key] = value;
      } else if ((value ?? null) !== (m[key] ?? null)) diff[key] = value;
    }
    return diff;
  }

  function germanTexts(err) {
    const texts = {};
    for (const e of err?.problem?.errors ?? []) {
      const hit = MESSAGES.find(([re]) => re.test(e.message ?? ''));
      if (hit && e.pointer) texts[e.pointer] = hit[1];
    }
    return texts;
  }

  function staleBox() {
    const box = noticeBox(
      'Inzwischen geändert – neu laden',
      'Die Sitzung wurde bearbeitet, seit Sie sie geöffnet haben; Ihre Änderung wurde nicht gespeichert. '
        + 'Nach dem Neuladen zeigt das Formular den aktuellen Stand; bitte tragen Sie Ihre Änderungen dann erneut ein.',
    );
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = 'Sitzung neu laden';
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await onReload?.();
      } finally {
        button.disabled = false;
      }
    });
    const para = document.createElement('p');
    para.append(button);
    box.append(para);
    return { box, button };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (state.busy) return;
    clearErrors(form);
    const body = read();
    if (!body) return;
    const base = `municipalities/${encodeURIComponent(state.ags)}/meetings`;
    let request;
    if (create) {
      if (body.ends_at === null) delete body.ends_at;
      request = () => authRequest('POST', base, { body });
    } else {
      const diff = changes(body, state.meeting);
      if (Object.keys(diff).length === 0) {
        form.querySelector('.alert-region').replaceChildren(noticeBox('Sie haben nichts geändert.', null, null));
        return;
      }
      request = () => authRequest('PATCH', `${base}/${encodeURIComponent(state.meeting.id)}`, {
        body: diff, headers: { 'If-Match': state.etag ?? '*' },
      });
    }
    state.busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const res = await request();
      onSaved(res.body, res.etag);
    } catch (err) {
      if (err?.status === 412 && !create) {
        const { box, button } = staleBox();
        form.querySelector('.alert-region').replaceChildren(box);
        button.focus();
      } else {
        showProblem(form, err, {
          lead: create ? 'Die Sitzung wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
          fields,
          texts: germanTexts(err),
          conflict: 'Das widerspricht dem Stand der Sitzung. Bitte laden Sie die Seite neu.',
        });
      }
    } finally {
      state.busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    /** Fill the form: with the meeting (edit), or empty in the Kommune ags. */
    open({ ags, meeting = null, etag = null }) {
      clearErrors(form);
      Object.assign(state, { ags, meeting, etag });
      fill(meeting);
    },
    /** The meeting changed elsewhere on the page: keep what is typed in. */
    setCurrent(meeting, etag) {
      state.meeting = meeting;
      state.etag = etag;
    },
  };
}
