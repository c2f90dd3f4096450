/*
 * goals.js: the Leitziele of a version on its page, in their order. For
 * Integrationsbeauftragte and the Kreisadministration (not on an archived
 * version): add one at the end, edit title and Erläuterung in place (with
 * the goal's ETag as If-Match), move it one place up or down with buttons
 * (PATCH position; keyboard, no dragging), delete it after a confirmation
 * dialog. After a move the focus stays on the moved Leitziel's button.
 */

import { button, contextButton, showChangeProblem, textField } from './edit-parts.js';
import { authRequest, getAll } from '../shared/api.js';
import { clearErrors, focusFirstError, noticeBox, setFieldError } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';

/**
 * @param {{context: () => {ags: string, id: string, concept: object}}} hooks
 * @returns {{load: () => Promise<void>, render: (o: {editable: boolean}) => void}}
 */
export function createGoals({ context }) {
  const el = {
    live: document.getElementById('leitziele-status'),
    alert: document.getElementById('leitziele-fehler'),
    list: document.getElementById('leitziele-liste'),
    panel: document.getElementById('leitziel-neu'),
    form: document.getElementById('leitziel-neu-form'),
    title: document.getElementById('leitziel-neu-text'),
    description: document.getElementById('leitziel-neu-beschreibung'),
    formStatus: document.getElementById('leitziel-neu-status'),
    dialog: document.getElementById('leitziel-dialog'),
    dialogText: document.getElementById('leitziel-dialog-text'),
    yes: document.getElementById('leitziel-dialog-ja'),
    no: document.getElementById('leitziel-dialog-nein'),
  };
  let goals = [];
  let goalsOf = null; // the concept whose Leitziele `goals` holds
  let editable = false;
  let busy = false;
  let pendingDelete = null; // {goal, returnTo}

  const base = () => `municipalities/${encodeURIComponent(context().ags)}`;

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(el.form);
    el.formStatus.textContent = '';
    const title = el.title.value.trim();
    if (title === '') setFieldError(el.title, 'Bitte formulieren Sie das Leitziel.');
    if (focusFirstError(el.form)) return;
    busy = true;
    try {
      const { body } = await authRequest('POST', `${base()}/concepts/${encodeURIComponent(context().id)}/goals`, {
        body: { title, description: el.description.value.trim() || null },
      });
      el.form.reset();
      await load();
      el.formStatus.textContent = `Leitziel ${body.position} „${body.title}“ ist hinzugefügt.`;
    } catch (err) {
      showChangeProblem(el.form, err, {
        lead: 'Das Leitziel wurde nicht hinzugefügt.',
        fields: { '/title': el.title, '/description': el.description },
        conflict: 'Die Leitziele einer archivierten Version werden nicht mehr geändert.',
      }, load);
    } finally {
      busy = false;
    }
  });

  el.no.addEventListener('click', () => el.dialog.close());
  el.dialog.addEventListener('close', () => {
    if (pendingDelete) pendingDelete.returnTo.focus();
    pendingDelete = null;
  });
  el.yes.addEventListener('click', async () => {
    const target = pendingDelete;
    if (!target || busy) return;
    pendingDelete = null;
    el.dialog.close();
    busy = true;
    const { goal } = target;
    try {
      await authRequest('DELETE', `${base()}/goals/${encodeURIComponent(goal.id)}`);
      await load();
      el.live.textContent = `Leitziel „${goal.title}“ ist gelöscht.`;
      document.getElementById('leitziele-titel').focus();
    } catch (err) {
      showListProblem('Das Leitziel wurde nicht gelöscht.', err);
      target.returnTo.focus();
    } finally {
      busy = false;
    }
  });

  function showListProblem(lead, err) {
    el.alert.replaceChildren(noticeBox(lead, problemText(err, {
      conflict: 'Die Leitziele einer archivierten Version werden nicht mehr geändert.',
      notFound: 'Das Leitziel gibt es nicht mehr. Die Liste ist neu geladen.',
    })));
    if (err?.status === 404) load();
  }

  async function load() {
    const { ags, id } = context();
    if (goalsOf !== id) {
      goals = [];
      goalsOf = null;
      el.list.replaceChildren();
    }
    el.live.textContent = 'Leitziele werden geladen …';
    el.alert.replaceChildren();
    try {
      const items = await getAll(`municipalities/${encodeURIComponent(ags)}/concepts/${encodeURIComponent(id)}/goals`, { auth: true });
      if (context().id !== id) return;
      goals = items.sort((a, b) => a.position - b.position);
      goalsOf = id;
      el.live.textContent = '';
      renderList();
    } catch (err) {
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Leitziele konnten nicht geladen werden.', problemText(err)));
    }
  }

  function render(options) {
    editable = options.editable;
    el.panel.hidden = !editable;
    renderList();
  }

  function renderList() {
    if (goalsOf !== context().id) return; // still loading
    if (!goals.length) {
      const li = document.createElement('li');
      li.className = 'edit-list__empty';
      li.textContent = 'Diese Version hat noch keine Leitziele.';
      el.list.replaceChildren(li);
      return;
    }
    el.list.replaceChildren(...goals.map((g, i) => goalItem(g, i)));
  }

  function goalItem(goal, index) {
    const li = document.createElement('li');
    li.className = 'edit-list__item';
    li.dataset.id = goal.id;
    const title = document.createElement('p');
    title.className = 'edit-list__title';
    title.textContent = goal.title;
    li.append(title);
    if (goal.description) {
      const text = document.createElement('p');
      text.className = 'edit-list__text';
      text.textContent = goal.description;
      li.append(text);
    }
    if (!editable) return li;

    const actions = document.createElement('div');
    actions.className = 'edit-list__actions';
    const name = `(Leitziel ${index + 1}: ${goal.title})`;
    const edit = contextButton('Bearbeiten', name);
    edit.addEventListener('click', () => openEditor(li, goal, edit));
    const up = contextButton('Nach oben', name);
    up.dataset.move = 'up';
    up.disabled = index === 0;
    up.addEventListener('click', () => moveGoal(goal, index, -1));
    const down = contextButton('Nach unten', name);
    down.dataset.move = 'down';
    down.disabled = index === goals.length - 1;
    down.addEventListener('click', () => moveGoal(goal, index, +1));
    const del = contextButton('Löschen', name, 'button button--danger');
    del.addEventListener('click', () => {
      pendingDelete = { goal, returnTo: del };
      el.dialogText.textContent = `„${goal.title}“ wird gelöscht. Maßnahmen und Kennzahlen, die es nennen, `
        + 'verlieren diese Zuordnung; die folgenden Leitziele rücken auf.';
      el.dialog.showModal();
      el.no.focus();
    });
    actions.append(edit, up, down, del);
    li.append(actions);
    return li;
  }

  async function moveGoal(goal, index, step) {
    if (busy) return;
    const position = index + 1 + step;
    if (position < 1 || position > goals.length) return;
    busy = true;
    el.alert.replaceChildren();
    try {
      await authRequest('PATCH', `${base()}/goals/${encodeURIComponent(goal.id)}`, { body: { position } });
      await load();
      el.live.textContent = `Leitziel „${goal.title}“ steht jetzt an Stelle ${position} von ${goals.length}.`;
      const li = el.list.querySelector(`li[data-id="${CSS.escape(goal.id)}"]`);
      const same = li?.querySelector(`button[data-move="${step < 0 ? 'up' : 'down'}"]`);
      const other = li?.querySelector(`button[data-move="${step < 0 ? 'down' : 'up'}"]`);
      (same && !same.disabled ? same : other)?.focus();
    } catch (err) {
      showListProblem('Das Leitziel wurde nicht verschoben.', err);
    } finally {
      busy = false;
    }
  }

  async function openEditor(li, goal, opener) {
    if (busy) return;
    el.alert.replaceChildren();
    let etag = null;
    let fresh = goal;
    try {
      const res = await authRequest('GET', `${base()}/goals/${encodeURIComponent(goal.id)}`);
      fresh = res.body;
      etag = res.etag;
    } catch (err) {
      showListProblem('Das Leitziel konnte nicht geöffnet werden.', err);
      opener.focus();
      return;
    }
    const form = document.createElement('form');
    form.className = 'form edit-list__form';
    form.noValidate = true;
    form.setAttribute('aria-label', `Leitziel ${fresh.position} bearbeiten`);
    const alert = document.createElement('div');
    alert.className = 'alert-region';
    alert.setAttribute('role', 'alert');
    const title = textField(`leitziel-${goal.id}-text`, 'Leitziel', { value: fresh.title, maxLength: 300, required: true });
    const description = textField(`leitziel-${goal.id}-beschreibung`, 'Erläuterung (freiwillig)', {
      value: fresh.description, multiline: true, maxLength: 5000,
    });
    const actions = document.createElement('div');
    actions.className = 'form-actions';
    const save = button('Speichern', 'button', 'submit');
    const cancel = button('Abbrechen');
    actions.append(save, cancel);
    form.append(alert, title.wrap, description.wrap, actions);
    li.replaceChildren(form);
    title.control.focus();

    cancel.addEventListener('click', () => {
      renderList();
      el.list.querySelector(`li[data-id="${CSS.escape(goal.id)}"] button`)?.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form);
      const text = title.control.value.trim();
      if (text === '') setFieldError(title.control, 'Bitte formulieren Sie das Leitziel.');
      if (focusFirstError(form)) return;
      busy = true;
      try {
        const { body } = await authRequest('PATCH', `${base()}/goals/${encodeURIComponent(goal.id)}`, {
          body: { title: text, description: description.control.value.trim() || null },
          headers: etag ? { 'If-Match': etag } : {},
        });
        await load();
        el.live.textContent = `Leitziel ${body.position} ist gespeichert.`;
        el.list.querySelector(`li[data-id="${CSS.escape(goal.id)}"] button`)?.focus();
      } catch (err) {
        showChangeProblem(form, err, {
          lead: 'Das Leitziel wurde nicht gespeichert.',
          fields: { '/title': title.control, '/description': description.control },
          conflict: 'Die Leitziele einer archivierten Version werden nicht mehr geändert.',
        }, async () => {
          await load();
          el.list.querySelector(`li[data-id="${CSS.escape(goal.id)}"] button`)?.focus();
        });
      } finally {
        busy = false;
      }
    });
  }

  return { load, render };
}
