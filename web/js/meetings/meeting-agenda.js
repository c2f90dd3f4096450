/*
 * meeting-agenda.js: the Tagesordnung of a Sitzung on its page. Each
 * Tagesordnungspunkt (TOP) shows its description, the measure, Kennzahl or
 * Integrationskonzept it names (as links to their pages), its Protokoll,
 * its Beschlüsse and, after the approval, its Korrekturen.
 *
 * While the Protokoll is a draft:
 *   - Integrationsbeauftragte add, edit, remove (after a confirmation) and
 *     reorder items with „Nach oben“/„Nach unten“ (keyboard, no dragging),
 *     and write the minutes of each item;
 *   - Integrationsbeauftragte and the Steuerungsgruppe record a Beschluss
 *     on an item; on an item with a measure, it may set the measure's new
 *     status and Rang (POST …/decisions changes the measure as its page
 *     would), and the page then says what became of the measure.
 */

import {
  itemFields, itemPointers, loadItemChoices, readItem,
} from './meeting-item-fields.js';
import { MEASURE_STATUS, label } from '../catalogue/terms.js';
import { createDecisions } from './meeting-decisions.js';
import {
  actions, button, confirmDialog, contextButton, field, itemLinks, paragraph, smallForm,
} from './parts.js';
import { badge } from '../shared/ui.js';
import { clearErrors, noticeBox, showProblem } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';

const APPROVED = 'Das Protokoll ist inzwischen genehmigt; die Tagesordnung wird nicht mehr geändert. Bitte laden Sie die Seite neu.';

/**
 * @param {{context: () => {ags: string, meeting: object},
 *          send: (method: string, suffix: string, body?: unknown) => Promise<object>,
 *          reload: () => Promise<void>, stale: (err: unknown) => Promise<boolean>,
 *          say: (text: string) => void}} hooks
 *        send: a change of the meeting (If-Match), answers the new meeting
 *        and shows it; stale: handles a 412 (true) or not (false)
 */
export function createAgenda({
  context, send, reload, stale, say,
}) {
  const el = {
    list: document.getElementById('tagesordnung-liste'),
    alert: document.getElementById('tagesordnung-fehler'),
    panel: document.getElementById('top-neu'),
  };
  let may = { manage: false, decide: false, planning: false };
  const lock = { busy: false }; // one change at a time, shared with the decisions

  const focusItem = (id, selector = 'h3') => {
    el.list.querySelector(`li[data-id="${CSS.escape(String(id))}"] ${selector}`)?.focus();
  };
  const decisions = createDecisions({
    send, stale, say, focusItem, lock,
  });

  async function renderAddForm() {
    const { ags } = context();
    el.panel.replaceChildren();
    const h = document.createElement('h3');
    h.id = 'top-neu-titel';
    h.textContent = 'Tagesordnungspunkt hinzufügen';
    el.panel.append(h, paragraph('Die Auswahl wird geladen …', 'status'));
    const c = await loadItemChoices(ags);
    const form = smallForm('Tagesordnungspunkt hinzufügen');
    const f = itemFields(form, null, c);
    form.append(actions(button('Punkt hinzufügen', 'button', 'submit')));
    el.panel.replaceChildren(h, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (lock.busy) return;
      clearErrors(form);
      const body = readItem(form, f);
      if (!body) return;
      for (const k of ['description', 'measure_id', 'indicator_id', 'concept_id', 'recommendation_id']) if (body[k] === null) delete body[k];
      lock.busy = true;
      try {
        const before = new Set(context().meeting.items.map((i) => String(i.id)));
        const doc = await send('POST', '/items', body);
        const created = doc.items.find((i) => !before.has(String(i.id)));
        form.reset();
        say(`Tagesordnungspunkt ${created?.position ?? doc.items.length} „${body.title}“ ist hinzugefügt.`);
        if (created) focusItem(created.id);
      } catch (err) {
        if (await stale(err)) return;
        showProblem(form, err, { lead: 'Der Tagesordnungspunkt wurde nicht hinzugefügt.', fields: itemPointers(f), conflict: APPROVED });
      } finally {
        lock.busy = false;
      }
    });
  }

  async function openEditor(li, item) {
    const c = await loadItemChoices(context().ags);
    const form = smallForm(`TOP ${item.position} bearbeiten`);
    const f = itemFields(form, item, c);
    const save = button('Speichern', 'button', 'submit');
    const cancel = button('Abbrechen');
    form.append(actions(save, cancel));
    li.replaceChildren(form);
    f.title.focus();
    cancel.addEventListener('click', () => {
      render(context().meeting, may);
      focusItem(item.id, 'button');
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (lock.busy) return;
      clearErrors(form);
      const body = readItem(form, f);
      if (!body) return;
      const now = {
        title: item.title,
        description: item.description ?? null,
        measure_id: item.measure?.id ? String(item.measure.id) : null,
        indicator_id: item.indicator?.id ? String(item.indicator.id) : null,
        concept_id: item.concept?.id ? String(item.concept.id) : null,
      };
      const diff = Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== now[k]));
      if (!Object.keys(diff).length) {
        form.querySelector('.alert-region').replaceChildren(noticeBox('Sie haben nichts geändert.', null, null));
        return;
      }
      lock.busy = true;
      try {
        await send('PATCH', `/items/${encodeURIComponent(item.id)}`, diff);
        say(`Tagesordnungspunkt ${item.position} ist gespeichert.`);
        focusItem(item.id);
      } catch (err) {
        if (await stale(err)) return;
        showProblem(form, err, { lead: 'Der Tagesordnungspunkt wurde nicht gespeichert.', fields: itemPointers(f), conflict: APPROVED });
      } finally {
        lock.busy = false;
      }
    });
  }

  async function listAction(lead, fn) {
    if (lock.busy) return;
    lock.busy = true;
    el.alert.replaceChildren();
    try {
      await fn();
    } catch (err) {
      if (await stale(err)) return;
      el.alert.replaceChildren(noticeBox(lead, problemText(err, {
        conflict: APPROVED,
        notFound: 'Den Tagesordnungspunkt gibt es nicht mehr. Die Sitzung ist neu geladen.',
      })));
      if (err?.status === 404) await reload().catch(() => {});
    } finally {
      lock.busy = false;
    }
  }

  function move(item, step, count) {
    const position = item.position + step;
    if (position < 1 || position > count) return;
    listAction('Der Tagesordnungspunkt wurde nicht verschoben.', async () => {
      await send('PATCH', `/items/${encodeURIComponent(item.id)}`, { position });
      say(`„${item.title}“ ist jetzt Tagesordnungspunkt ${position} von ${count}.`);
      const li = el.list.querySelector(`li[data-id="${CSS.escape(String(item.id))}"]`);
      const same = li?.querySelector(`button[data-move="${step < 0 ? 'up' : 'down'}"]`);
      const other = li?.querySelector(`button[data-move="${step < 0 ? 'down' : 'up'}"]`);
      (same && !same.disabled ? same : other)?.focus();
    });
  }

  async function remove(item) {
    const yes = await confirmDialog({
      title: 'Tagesordnungspunkt entfernen?',
      text: `TOP ${item.position} „${item.title}“ wird mit seinem Protokolltext entfernt; die folgenden Punkte rücken auf.`,
      yes: 'Punkt entfernen',
    });
    if (!yes) return;
    await listAction('Der Tagesordnungspunkt wurde nicht entfernt.', async () => {
      await send('DELETE', `/items/${encodeURIComponent(item.id)}`);
      say(`Tagesordnungspunkt „${item.title}“ ist entfernt.`);
      document.getElementById('tagesordnung-titel').focus();
    });
  }

  function minutesPart(item, editable) {
    const part = document.createElement('div');
    part.className = 'meeting-minutes';
    const h = document.createElement('h4');
    h.textContent = 'Protokoll';
    part.append(h);
    if (!editable) {
      part.append(item.minutes
        ? paragraph(item.minutes, 'text meeting-minutes__text')
        : paragraph('Zu diesem Punkt ist kein Protokolltext erfasst.', 'text text--muted'));
      return part;
    }
    const form = smallForm(null);
    const text = field(`Protokoll zu TOP ${item.position}`, {
      kind: 'textarea', rows: 5, maxLength: 50000, value: item.minutes, prefix: 'top-protokoll',
    });
    const save = contextButton('Protokoll speichern', `(TOP ${item.position})`, 'button');
    save.type = 'submit';
    form.append(text.wrap, actions(save));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (lock.busy) return;
      clearErrors(form);
      lock.busy = true;
      try {
        await send('PATCH', `/items/${encodeURIComponent(item.id)}`, { minutes: text.control.value.trim() || null });
        say(`Das Protokoll zu TOP ${item.position} ist gespeichert.`);
        focusItem(item.id, 'textarea');
      } catch (err) {
        if (await stale(err)) return;
        showProblem(form, err, { lead: 'Das Protokoll wurde nicht gespeichert.', fields: { '/minutes': text.control }, conflict: APPROVED });
      } finally {
        lock.busy = false;
      }
    });
    part.append(form);
    return part;
  }

  function itemElement(item, meeting, count, draft) {
    const li = document.createElement('li');
    li.className = 'meeting-item';
    li.dataset.id = item.id;
    const h = document.createElement('h3');
    h.id = `top-${item.id}`;
    h.tabIndex = -1;
    h.textContent = `TOP ${item.position}: ${item.title}`;
    li.append(h);
    if (item.description) li.append(paragraph(item.description));
    const links = itemLinks(context().ags, item);
    if (links.length) {
      const p = document.createElement('p');
      p.className = 'meeting-links';
      for (const [i, link] of links.entries()) {
        if (i) p.append(' · ');
        p.append(link);
        if (i === 0 && item.measure?.status) p.append(' ', badge(label(MEASURE_STATUS, item.measure.status), item.measure.status));
      }
      li.append(p);
    }
    if (draft && may.manage) {
      const bar = document.createElement('div');
      bar.className = 'edit-list__actions';
      const name = `(TOP ${item.position}: ${item.title})`;
      const edit = contextButton('Bearbeiten', name);
      edit.addEventListener('click', () => openEditor(li, item));
      const up = contextButton('Nach oben', name);
      up.dataset.move = 'up';
      up.disabled = item.position <= 1;
      up.addEventListener('click', () => move(item, -1, count));
      const down = contextButton('Nach unten', name);
      down.dataset.move = 'down';
      down.disabled = item.position >= count;
      down.addEventListener('click', () => move(item, +1, count));
      const del = contextButton('Entfernen', name, 'button button--danger button--small');
      del.addEventListener('click', () => remove(item));
      bar.append(edit, up, down, del);
      li.append(bar);
    }
    li.append(minutesPart(item, draft && may.manage));

    const itemDecisions = (meeting.decisions ?? []).filter((d) => String(d.item_id) === String(item.id));
    if (itemDecisions.length || (draft && may.decide)) {
      const h4 = document.createElement('h4');
      h4.textContent = 'Beschlüsse';
      li.append(h4);
      if (itemDecisions.length) {
        const ul = document.createElement('ul');
        ul.className = 'plain-list meeting-decisions';
        ul.append(...itemDecisions.map(decisions.decisionText));
        li.append(ul);
      }
      if (draft && may.decide) li.append(decisions.decisionForm(item, may));
    }

    const corrections = (meeting.corrections ?? []).filter((c) => String(c.item_id) === String(item.id));
    if (corrections.length) {
      const h4 = document.createElement('h4');
      h4.textContent = 'Korrekturen';
      const ul = document.createElement('ul');
      ul.className = 'plain-list meeting-corrections';
      for (const c of corrections) {
        const cli = document.createElement('li');
        cli.textContent = c.text;
        ul.append(cli);
      }
      li.append(h4, ul);
    }
    return li;
  }

  function render(meeting, permissions) {
    may = permissions;
    const draft = meeting.minutes_status !== 'approved';
    const items = [...(meeting.items ?? [])].sort((a, b) => a.position - b.position);
    if (!items.length) {
      const li = document.createElement('li');
      li.className = 'edit-list__empty';
      li.textContent = 'Die Tagesordnung hat noch keine Punkte.';
      el.list.replaceChildren(li);
    } else {
      el.list.replaceChildren(...items.map((item) => itemElement(item, meeting, items.length, draft)));
    }
    const others = (meeting.decisions ?? []).filter((d) => !d.item_id);
    if (others.length) {
      const li = document.createElement('li');
      li.className = 'meeting-item';
      const h = document.createElement('h3');
      h.textContent = 'Beschlüsse ohne Tagesordnungspunkt';
      const ul = document.createElement('ul');
      ul.className = 'plain-list meeting-decisions';
      ul.append(...others.map(decisions.decisionText));
      li.append(h, ul);
      el.list.append(li);
    }
    el.panel.hidden = !(draft && may.manage);
  }

  return {
    /**
     * Show the agenda.
     * @param {object} meeting
     * @param {{manage: boolean, decide: boolean, planning: boolean}} permissions
     */
    render(meeting, permissions) {
      el.alert.replaceChildren();
      render(meeting, permissions);
      if (!el.panel.hidden && !el.panel.querySelector('form')) {
        renderAddForm().catch((err) => {
          el.panel.replaceChildren(noticeBox('Das Formular konnte nicht vorbereitet werden.', problemText(err)));
        });
      }
    },
    /** A new page (another meeting or Kommune): forget the add form. */
    reset() {
      el.panel.replaceChildren();
      el.list.replaceChildren();
    },
  };
}
