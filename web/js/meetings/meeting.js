/*
 * meeting.js: the page of a Sitzung (/#/sitzungen/{id}?kommune=AGS): its
 * Angaben, Teilnehmende (meeting-attendees.js), Tagesordnung with Protokoll
 * and Beschlüsse (meeting-agenda.js), the approval of the Protokoll and the
 * Korrekturen after it.
 *
 *   - Integrationsbeauftragte edit the Angaben (meeting-form.js, If-Match),
 *     the Teilnehmende, the Tagesordnung and the Protokoll while the
 *     Protokoll is a draft, and add Korrekturen once it is approved;
 *   - the Steuerungsgruppe records Beschlüsse and approves the Protokoll
 *     („Protokoll genehmigen“, after a confirmation); then everything is
 *     read-only;
 *   - partners read what is shared with them.
 * After every change the meeting is read again, so the page shows what the
 * server holds.
 */

import {
  MEETING_KIND, MEETING_STATUS, MEETING_VISIBILITY, MINUTES_STATUS, meetingPermissions, meetingTimeElement, term,
} from './terms.js';
import {
  actions, button, confirmDialog, field, paragraph, smallForm,
} from './parts.js';
import { createAgenda } from './meeting-agenda.js';
import { createAttendees } from './meeting-attendees.js';
import { createMeetingForm } from './meeting-form.js';
import { authRequest } from '../shared/api.js';
import { badge, missing } from '../shared/ui.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showProblem,
} from '../shared/forms.js';
import { formatDateTime } from '../shared/format.js';
import { memberMunicipalities } from '../shared/roles.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

const NOT_FOUND = 'Die Sitzung wurde nicht gefunden. Vielleicht ist sie für Sie nicht sichtbar, oder der Link ist unvollständig.';

export function createMeetingView() {
  const el = {
    back: document.getElementById('sitzung-zurueck'),
    kicker: document.getElementById('sitzung-kennung'),
    title: document.getElementById('sitzung-titel'),
    live: document.getElementById('sitzung-status'),
    alert: document.getElementById('sitzung-fehler'),
    content: document.getElementById('sitzung-inhalt'),
    facts: document.getElementById('sitzung-angaben'),
    notice: document.getElementById('sitzung-hinweis'),
    edit: document.getElementById('sitzung-bearbeiten'),
    editForm: document.getElementById('sitzung-bearbeiten-form'),
    editStatus: document.getElementById('sitzung-bearbeiten-status'),
    approval: document.getElementById('protokoll-genehmigung'),
    approve: document.getElementById('protokoll-genehmigen'),
    approvalWait: document.getElementById('protokoll-genehmigung-warten'),
    corrections: document.getElementById('korrekturen-liste'),
    correctionsPart: document.getElementById('korrekturen-teil'),
    correctionPanel: document.getElementById('korrektur-neu'),
  };
  const state = {
    ags: null, id: null, meeting: null, etag: null, generation: 0, busy: false,
  };
  const context = () => state;
  const say = (text) => {
    el.live.textContent = text;
  };

  async function reload() {
    const res = await authRequest('GET', `municipalities/${encodeURIComponent(state.ags)}/meetings/${encodeURIComponent(state.id)}`);
    state.meeting = res.body;
    state.etag = res.etag;
    render();
  }

  /* A change of the meeting or its parts, with If-Match; shows the answer. */
  async function send(method, suffix, body) {
    const res = await authRequest(method, `municipalities/${encodeURIComponent(state.ags)}/meetings/${encodeURIComponent(state.id)}${suffix}`, {
      body, headers: { 'If-Match': state.etag ?? '*' },
    });
    state.meeting = res.body;
    state.etag = res.etag;
    render();
    return res.body;
  }

  /* A 412: someone changed the meeting meanwhile. Load it again and say so. */
  async function stale(err) {
    if (err?.status !== 412) return false;
    try {
      await reload();
    } catch {
      /* the notice below says what to do */
    }
    const box = noticeBox('Inzwischen geändert – neu laden', 'Die Sitzung wurde bearbeitet, seit Sie sie geöffnet haben; '
      + 'Ihre Änderung wurde nicht gespeichert. Die Seite zeigt jetzt den aktuellen Stand; bitte wiederholen Sie Ihre Änderung bei Bedarf.');
    box.tabIndex = -1;
    el.alert.replaceChildren(box);
    box.focus();
    return true;
  }

  const hooks = {
    context, send, reload, stale, say,
  };
  const attendees = createAttendees(hooks);
  const agenda = createAgenda(hooks);
  const editForm = createMeetingForm(el.editForm, {
    prefix: 'sb',
    create: false,
    onSaved(meeting, etag) {
      state.meeting = meeting;
      state.etag = etag;
      el.edit.open = false;
      render();
      el.editStatus.textContent = 'Die Änderungen an der Sitzung sind gespeichert.';
      el.edit.querySelector('summary').focus();
    },
    async onReload() {
      try {
        await reload();
        editForm.open({ ags: state.ags, meeting: state.meeting, etag: state.etag });
        el.editStatus.textContent = 'Die Sitzung ist neu geladen. Das Formular zeigt den aktuellen Stand.';
        el.editForm.querySelector('select, input')?.focus();
      } catch (err) {
        el.alert.replaceChildren(noticeBox('Die Sitzung konnte nicht neu geladen werden.', problemText(err, { notFound: NOT_FOUND })));
      }
    },
  });

  el.approve.addEventListener('click', async () => {
    if (state.busy) return;
    const yes = await confirmDialog({
      title: 'Protokoll genehmigen?',
      text: 'Mit der Genehmigung wird das Protokoll verbindlich. Danach können Teilnehmende, Tagesordnung, '
        + 'Protokolltexte und Beschlüsse nicht mehr geändert werden; Berichtigungen werden als Korrekturen angefügt.',
      yes: 'Protokoll genehmigen',
    });
    if (!yes) return;
    state.busy = true;
    el.alert.replaceChildren();
    try {
      await send('POST', '/minutes-approval');
      say('Das Protokoll ist genehmigt. Die Sitzung kann nicht mehr geändert werden.');
      el.title.focus();
    } catch (err) {
      if (await stale(err)) return;
      el.alert.replaceChildren(noticeBox('Das Protokoll wurde nicht genehmigt.', problemText(err, {
        conflict: /held meeting/.test(err?.problem?.detail ?? '')
          ? 'Genehmigt wird das Protokoll einer durchgeführten Sitzung. Bitte tragen Sie zuerst den Status „durchgeführt“ ein.'
          : 'Das Protokoll ist bereits genehmigt.',
      })));
      if (err?.status === 409) await reload().catch(() => {});
    } finally {
      state.busy = false;
    }
  });

  function renderFacts(m) {
    const dl = el.facts;
    dl.replaceChildren();
    const add = (term_, ...value) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = term_;
      const dd = document.createElement('dd');
      const shown = value.filter((v) => v != null && v !== '');
      if (shown.length) dd.append(...shown);
      else dd.append(missing());
      div.append(dt, dd);
      dl.append(div);
    };
    add('Art', term(MEETING_KIND, m.kind));
    add('Datum und Uhrzeit', meetingTimeElement(m.starts_at, m.ends_at));
    add('Ort', m.place);
    add('Status', badge(term(MEETING_STATUS, m.status), `meeting_${m.status}`));
    add('Sichtbarkeit', term(MEETING_VISIBILITY, m.visibility));
    const minutes = [badge(term(MINUTES_STATUS, m.minutes_status), `minutes_${m.minutes_status}`)];
    if (m.minutes_status === 'approved' && m.minutes_approved_at) {
      const by = typeof m.minutes_approved_by === 'object' ? m.minutes_approved_by?.name : m.minutes_approved_by;
      minutes.push(` am ${formatDateTime(m.minutes_approved_at)}${by ? ` von ${by}` : ''}`);
    }
    add('Protokoll', ...minutes);
  }

  function renderCorrections(m, may) {
    const approved = m.minutes_status === 'approved';
    const list = m.corrections ?? [];
    el.correctionsPart.hidden = !approved;
    if (!approved) return;
    const items = [...(m.items ?? [])].sort((a, b) => a.position - b.position);
    if (!list.length) {
      el.corrections.replaceChildren(paragraph('Zu diesem Protokoll gibt es keine Korrekturen.', 'text text--muted'));
    } else {
      const ul = document.createElement('ul');
      ul.className = 'edit-list';
      for (const c of list) {
        const li = document.createElement('li');
        li.className = 'edit-list__item';
        const item = items.find((i) => String(i.id) === String(c.item_id));
        const head = document.createElement('p');
        head.className = 'edit-list__title';
        head.textContent = item ? `Zu TOP ${item.position}: ${item.title}` : 'Zur ganzen Sitzung';
        if (item) {
          const a = document.createElement('a');
          a.href = `#top-${item.id}`;
          a.className = 'meeting-jump';
          a.textContent = `(zum Tagesordnungspunkt)`;
          a.addEventListener('click', (event) => {
            event.preventDefault();
            document.getElementById(`top-${item.id}`)?.focus();
          });
          head.append(' ', a);
        }
        li.append(head, paragraph(c.text, 'edit-list__text'));
        const when = [c.created_at ? formatDateTime(c.created_at) : null,
          typeof c.created_by === 'object' ? c.created_by?.name : c.created_by].filter(Boolean).join(', ');
        if (when) li.append(paragraph(when, 'cell-note'));
        ul.append(li);
      }
      el.corrections.replaceChildren(ul);
    }

    el.correctionPanel.hidden = !may.manage;
    if (!may.manage) {
      el.correctionPanel.replaceChildren();
      return;
    }
    const h = document.createElement('h3');
    h.textContent = 'Korrektur hinzufügen';
    const form = smallForm('Korrektur hinzufügen');
    const target = field('Bezug', {
      kind: 'select',
      prefix: 'korrektur-top',
      options: [new Option('die ganze Sitzung', ''), ...items.map((i) => new Option(`TOP ${i.position}: ${i.title}`, i.id))],
    });
    const text = field('Text der Korrektur', {
      kind: 'textarea', rows: 3, maxLength: 5000, required: true, prefix: 'korrektur-text',
      hint: 'Die Korrektur wird als eigener Eintrag angefügt; das genehmigte Protokoll bleibt unverändert.',
    });
    form.append(target.wrap, text.wrap, actions(button('Korrektur hinzufügen', 'button', 'submit')));
    el.correctionPanel.replaceChildren(h, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (state.busy) return;
      clearErrors(form);
      const body = { text: text.control.value.trim() };
      if (body.text === '') setFieldError(text.control, 'Bitte geben Sie den Text der Korrektur ein.');
      if (focusFirstError(form)) return;
      if (target.control.value) body.item_id = target.control.value;
      state.busy = true;
      try {
        await send('POST', '/corrections', body);
        say('Die Korrektur ist hinzugefügt.');
        document.getElementById('korrekturen-titel').focus();
      } catch (err) {
        if (await stale(err)) return;
        showProblem(form, err, {
          lead: 'Die Korrektur wurde nicht hinzugefügt.',
          fields: { '/text': text.control, '/item_id': target.control },
          conflict: 'Korrekturen gibt es erst, wenn das Protokoll genehmigt ist.',
        });
      } finally {
        state.busy = false;
      }
    });
  }

  function render() {
    const m = state.meeting;
    const may = meetingPermissions(currentPerson(), state.ags);
    const draft = m.minutes_status !== 'approved';
    el.kicker.textContent = `Sitzung · ${term(MEETING_KIND, m.kind)}`;
    el.title.textContent = m.title;
    document.title = `${m.title} – Teilhabe`;
    renderFacts(m);
    el.notice.hidden = draft;
    el.notice.textContent = draft ? '' : (may.manage
      ? 'Das Protokoll ist genehmigt. Teilnehmende, Tagesordnung, Protokoll und Beschlüsse sind nicht mehr änderbar; '
        + 'Berichtigungen fügen Sie unten als Korrektur hinzu.'
      : 'Das Protokoll ist genehmigt. Teilnehmende, Tagesordnung, Protokoll und Beschlüsse sind nicht mehr änderbar.');
    el.edit.hidden = !may.manage;
    // Filled while closed, so it is ready the moment it opens.
    if (el.edit.open) editForm.setCurrent(m, state.etag);
    else editForm.open({ ags: state.ags, meeting: m, etag: state.etag });
    attendees.render(m, draft && may.manage);
    agenda.render(m, may);
    el.approval.hidden = !(draft && may.approve);
    el.approve.hidden = m.status !== 'held';
    el.approvalWait.hidden = m.status === 'held';
    renderCorrections(m, may);
  }

  /* Finds the meeting: in ?kommune=, else in the person's Kommunen. */
  async function locate(id, wanted) {
    const candidates = [wanted, ...memberMunicipalities(currentPerson()).map((m) => m.ags)]
      .filter((a, i, all) => a && /^\d{8}$/.test(a) && all.indexOf(a) === i);
    let last = null;
    for (const ags of candidates) {
      try {
        return { ags, res: await authRequest('GET', `municipalities/${encodeURIComponent(ags)}/meetings/${encodeURIComponent(id)}`) };
      } catch (err) {
        if (err?.status !== 404 && err?.status !== 403) throw err;
        last = err;
      }
    }
    throw last ?? Object.assign(new Error('not found'), { status: 404 });
  }

  return {
    async show({ params, args }) {
      const generation = ++state.generation;
      const wanted = params.get('kommune') ?? state.ags;
      Object.assign(state, { id: args.id, meeting: null, etag: null });
      el.content.hidden = true;
      el.edit.open = false;
      el.editStatus.textContent = '';
      el.kicker.textContent = '';
      el.title.textContent = 'Sitzung';
      el.alert.replaceChildren();
      agenda.reset();
      say('Die Sitzung wird geladen …');
      el.back.href = `/#/sitzungen${wanted ? `?${new URLSearchParams({ kommune: wanted })}` : ''}`;
      let found;
      try {
        found = await locate(args.id, wanted);
      } catch (err) {
        if (generation !== state.generation) return;
        say('');
        el.title.textContent = err?.status === 404 || err?.status === 403 ? 'Sitzung nicht gefunden' : 'Sitzung';
        el.alert.replaceChildren(noticeBox(
          err?.status === 404 || err?.status === 403 ? NOT_FOUND : 'Die Sitzung konnte nicht geladen werden.',
          err?.status === 404 || err?.status === 403 ? null : problemText(err),
        ));
        return;
      }
      if (generation !== state.generation) return;
      state.ags = found.ags;
      state.meeting = found.res.body;
      state.etag = found.res.etag;
      el.back.href = `/#/sitzungen?${new URLSearchParams({ kommune: state.ags })}`;
      render();
      el.content.hidden = false;
      say(`Sitzung „${state.meeting.title}“ geladen.`);
    },
  };
}
