/*
 * organisation-form.js: the form „Bearbeiten“ of an organisation profile:
 * Name, Art, Beschreibung, Anschrift, Website, Telefon, E-Mail and
 * Sprachen. Sends only what changed (PATCH with If-Match); field errors are
 * shown at their fields, a 412 offers to load the current state. Under the
 * form: no data of private persons (the profile is about the organisation).
 */

import { LANGUAGE, ORGANISATION_KIND } from './terms.js';
import {
  alertRegion, checkboxes, sendForm, termOptions,
} from './parts.js';
import { actions, button, field } from '../meetings/parts.js';
import { authRequest } from '../shared/api.js';
import { setFieldError } from '../shared/forms.js';

const TEXT_FIELDS = ['name', 'description', 'street', 'postcode', 'city', 'website', 'phone', 'contact_email'];

/**
 * @param {HTMLFormElement} form an empty form, filled here
 * @param {{onSaved: (doc: object, etag: string | null) => void, onReload: () => Promise<void>}} how
 */
export function createOrganisationForm(form, { onSaved, onReload }) {
  let current = null;
  let etag = null;
  form.noValidate = true;
  form.classList.add('form');
  const f = {
    name: field('Name', { maxLength: 200, required: true, prefix: 'org-name' }),
    kind: field('Art', { kind: 'select', options: termOptions(ORGANISATION_KIND), prefix: 'org-art' }),
    description: field('Beschreibung', {
      kind: 'textarea', rows: 5, maxLength: 5000, prefix: 'org-beschreibung',
      hint: 'Was die Organisation tut und für wen, in wenigen Sätzen.',
    }),
    street: field('Straße und Hausnummer', { maxLength: 200, prefix: 'org-strasse' }),
    postcode: field('Postleitzahl', { maxLength: 5, prefix: 'org-plz' }),
    city: field('Ort', { maxLength: 100, prefix: 'org-ort' }),
    website: field('Website', { type: 'url', maxLength: 300, prefix: 'org-website', hint: 'z. B. https://www.caritas-musterkreis.de' }),
    phone: field('Telefon', { type: 'tel', maxLength: 40, prefix: 'org-telefon' }),
    contact_email: field('E-Mail-Adresse', {
      type: 'email', maxLength: 254, prefix: 'org-email', hint: 'Eine Funktionsadresse, z. B. integration@caritas-musterkreis.de',
    }),
  };
  f.postcode.control.inputMode = 'numeric';
  f.postcode.control.autocomplete = 'postal-code';
  const languages = checkboxes('Sprachen', LANGUAGE, 'org-sprachen', { hint: 'In welchen Sprachen die Organisation berät und begleitet.' });
  const save = button('Änderungen speichern', 'button', 'submit');
  const privacy = document.createElement('p');
  privacy.className = 'field-hint privacy-hint';
  privacy.textContent = 'Bitte keine Daten von Privatpersonen eintragen.';
  form.replaceChildren(alertRegion(), ...Object.values(f).map((x) => x.wrap), languages.wrap, actions(save), privacy);

  const fields = Object.fromEntries(Object.entries(f).map(([k, x]) => [`/${k}`, x.control]));
  fields['/languages'] = languages.wrap;

  function fill(doc) {
    for (const k of TEXT_FIELDS) f[k].control.value = doc?.[k] ?? '';
    f.kind.control.value = doc?.kind ?? 'other';
    languages.set(doc?.languages ?? []);
  }

  function changes() {
    const diff = {};
    for (const k of TEXT_FIELDS) {
      const v = f[k].control.value.trim();
      const value = v === '' && k !== 'name' ? null : v;
      if ((current?.[k] ?? null) !== value) diff[k] = value;
    }
    if (f.kind.control.value !== current?.kind) diff.kind = f.kind.control.value;
    const langs = languages.get();
    const before = [...(current?.languages ?? [])].sort();
    if (JSON.stringify([...langs].sort()) !== JSON.stringify(before)) diff.languages = langs;
    return diff;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const diff = changes();
    sendForm(form, {
      check() {
        if (!f.name.control.value.trim()) setFieldError(f.name.control, 'Bitte geben Sie den Namen der Organisation ein.');
        const pc = f.postcode.control.value.trim();
        if (pc && !/^\d{5}$/.test(pc)) setFieldError(f.postcode.control, 'Bitte geben Sie eine fünfstellige Postleitzahl ein.');
        const email = f.contact_email.control.value.trim();
        if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) {
          setFieldError(f.contact_email.control, 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@musterstadt.de.');
        }
        const web = f.website.control.value.trim();
        if (web && !/^https?:\/\/\S+$/.test(web)) {
          setFieldError(f.website.control, 'Bitte geben Sie die Adresse mit https:// ein.');
        }
      },
      request: () => authRequest('PATCH', `organisations/${encodeURIComponent(current.id)}`, {
        body: diff, headers: { 'If-Match': etag ?? '*' },
      }),
      lead: 'Die Änderungen wurden nicht gespeichert.',
      what: 'Das Profil der Organisation',
      fields,
      onSaved,
      onReload,
    });
  });

  return {
    open(doc, tag) {
      current = doc;
      etag = tag;
      fill(doc);
    },
  };
}
