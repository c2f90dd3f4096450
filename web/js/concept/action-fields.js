/*
 * action-fields.js: the view "Handlungsfelder" (/#/handlungsfelder): the
 * Handlungsfelder of a Kommune in their order; for Integrationsbeauftragte
 * and the Kreisadministration a form that adds one (at the end) and, per
 * Handlungsfeld, „Umbenennen“: name and description edited in place, sent
 * with the field's ETag (If-Match). Others read. Fragment parameter:
 * ?kommune=AGS.
 */

import {
  conceptPermissions, fillMunicipalitySelect, municipalityChoices, municipalityName, rememberMunicipality,
  rememberedMunicipality,
} from './context.js';
import { button, contextButton, showChangeProblem, textField } from './edit-parts.js';
import { authRequest, getAll } from '../shared/api.js';
import { clearErrors, focusFirstError, noticeBox, setFieldError, showProblem } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';
import { retryButton } from '../shared/ui.js';
import { currentPerson } from '../shared/session.js';

const DUPLICATE = 'Ein Handlungsfeld dieses Namens gibt es in der Kommune schon (Groß- und Kleinschreibung zählen nicht).';

export function createActionFieldsView() {
  const el = {
    chooser: document.getElementById('handlungsfelder-auswahl'),
    municipality: document.getElementById('handlungsfelder-kommune'),
    back: document.getElementById('handlungsfelder-zurueck'),
    live: document.getElementById('handlungsfelder-status'),
    alert: document.getElementById('handlungsfelder-fehler'),
    list: document.getElementById('handlungsfelder-liste'),
    panel: document.getElementById('handlungsfeld-neu'),
    form: document.getElementById('handlungsfeld-neu-form'),
    name: document.getElementById('handlungsfeld-neu-name'),
    description: document.getElementById('handlungsfeld-neu-beschreibung'),
    formStatus: document.getElementById('handlungsfeld-neu-status'),
  };
  let ags = null;
  let fields = [];
  let manage = false;
  let generation = 0;
  let busy = false;

  const base = () => `municipalities/${encodeURIComponent(ags)}/action-fields`;

  el.chooser.addEventListener('submit', (event) => event.preventDefault());
  el.municipality.addEventListener('change', () => {
    ags = el.municipality.value;
    rememberMunicipality(ags);
    el.formStatus.textContent = '';
    clearErrors(el.form);
    load();
  });

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !ags) return;
    clearErrors(el.form);
    el.formStatus.textContent = '';
    const name = el.name.value.trim();
    if (name === '') setFieldError(el.name, 'Bitte geben Sie einen Namen ein.');
    if (focusFirstError(el.form)) return;
    busy = true;
    try {
      const { body } = await authRequest('POST', base(), {
        body: { name, description: el.description.value.trim() || null },
      });
      el.form.reset();
      await load();
      el.formStatus.textContent = `Das Handlungsfeld „${body.name}“ ist hinzugefügt.`;
    } catch (err) {
      if (err?.status === 409) {
        setFieldError(el.name, DUPLICATE);
        focusFirstError(el.form);
      } else {
        showProblem(el.form, err, {
          lead: 'Das Handlungsfeld wurde nicht hinzugefügt.',
          fields: { '/name': el.name, '/description': el.description },
        });
      }
    } finally {
      busy = false;
    }
  });

  async function load() {
    const mine = ++generation;
    manage = conceptPermissions(currentPerson(), ags).manage;
    el.panel.hidden = !manage;
    el.back.href = `/#/konzept?${new URLSearchParams({ kommune: ags })}`;
    el.alert.replaceChildren();
    el.live.textContent = 'Handlungsfelder werden geladen …';
    try {
      const items = await getAll(base(), { auth: true });
      if (mine !== generation) return;
      fields = items.sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id));
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.list.replaceChildren();
      el.alert.replaceChildren(noticeBox('Die Handlungsfelder konnten nicht geladen werden.',
        problemText(err, { notFound: 'In dieser Kommune haben Sie keine Rolle.' })), retryButton(load));
      return;
    }
    renderList();
    const name = municipalityName(el.municipality, ags);
    el.live.textContent = fields.length === 1
      ? `1 Handlungsfeld von ${name} geladen.`
      : `${formatInteger(fields.length)} Handlungsfelder von ${name} geladen.`;
  }

  function renderList() {
    if (!fields.length) {
      const li = document.createElement('li');
      li.className = 'edit-list__empty';
      li.textContent = 'Die Kommune hat noch keine Handlungsfelder.';
      el.list.replaceChildren(li);
      return;
    }
    el.list.replaceChildren(...fields.map(fieldItem));
  }

  function fieldItem(field) {
    const li = document.createElement('li');
    li.className = 'edit-list__item';
    li.dataset.id = field.id;
    const title = document.createElement('p');
    title.className = 'edit-list__title';
    title.textContent = field.name;
    li.append(title);
    if (field.description) {
      const text = document.createElement('p');
      text.className = 'edit-list__text';
      text.textContent = field.description;
      li.append(text);
    }
    if (!manage) return li;
    const actions = document.createElement('div');
    actions.className = 'edit-list__actions';
    const rename = contextButton('Umbenennen', `(Handlungsfeld ${field.name})`);
    rename.addEventListener('click', () => openEditor(li, field, rename));
    actions.append(rename);
    li.append(actions);
    return li;
  }

  function focusItem(id) {
    el.list.querySelector(`li[data-id="${CSS.escape(id)}"] button`)?.focus();
  }

  async function openEditor(li, field, opener) {
    if (busy) return;
    el.alert.replaceChildren();
    let fresh;
    let etag;
    try {
      const res = await authRequest('GET', `${base()}/${encodeURIComponent(field.id)}`);
      fresh = res.body;
      etag = res.etag;
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Das Handlungsfeld konnte nicht geöffnet werden.', problemText(err)));
      opener.focus();
      return;
    }
    const form = document.createElement('form');
    form.className = 'form edit-list__form';
    form.noValidate = true;
    form.setAttribute('aria-label', `Handlungsfeld „${fresh.name}“ umbenennen`);
    const alert = document.createElement('div');
    alert.className = 'alert-region';
    alert.setAttribute('role', 'alert');
    const name = textField(`handlungsfeld-${field.id}-name`, 'Name', { value: fresh.name, maxLength: 120, required: true });
    const description = textField(`handlungsfeld-${field.id}-beschreibung`, 'Beschreibung (freiwillig)', {
      value: fresh.description, multiline: true, maxLength: 2000,
    });
    const actions = document.createElement('div');
    actions.className = 'form-actions';
    const cancel = button('Abbrechen');
    actions.append(button('Speichern', 'button', 'submit'), cancel);
    form.append(alert, name.wrap, description.wrap, actions);
    li.replaceChildren(form);
    name.control.focus();
    name.control.select();

    cancel.addEventListener('click', () => {
      renderList();
      focusItem(field.id);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form);
      const text = name.control.value.trim();
      if (text === '') setFieldError(name.control, 'Bitte geben Sie einen Namen ein.');
      if (focusFirstError(form)) return;
      busy = true;
      try {
        const { body } = await authRequest('PATCH', `${base()}/${encodeURIComponent(field.id)}`, {
          body: { name: text, description: description.control.value.trim() || null },
          headers: etag ? { 'If-Match': etag } : {},
        });
        await load();
        el.live.textContent = fresh.name === body.name
          ? `Das Handlungsfeld „${body.name}“ ist gespeichert.`
          : `Das Handlungsfeld „${fresh.name}“ heißt jetzt „${body.name}“.`;
        focusItem(field.id);
      } catch (err) {
        if (err?.status === 409) {
          setFieldError(name.control, DUPLICATE);
          focusFirstError(form);
        } else {
          showChangeProblem(form, err, {
            lead: 'Das Handlungsfeld wurde nicht gespeichert.',
            fields: { '/name': name.control, '/description': description.control },
          }, async () => {
            await load();
            focusItem(field.id);
          });
        }
      } finally {
        busy = false;
      }
    });
  }

  return {
    async show({ params }) {
      const mine = ++generation;
      const options = await municipalityChoices(currentPerson());
      if (mine !== generation) return;
      el.formStatus.textContent = '';
      clearErrors(el.form);
      ags = fillMunicipalitySelect(el.municipality, options, params.get('kommune'), ags, rememberedMunicipality());
      if (!ags) {
        el.panel.hidden = true;
        el.live.textContent = '';
        el.list.replaceChildren();
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      rememberMunicipality(ags);
      await load();
    },
  };
}
