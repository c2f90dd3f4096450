/*
 * offer-form.js: the form of an Angebot, to create one („Neues Angebot“,
 * POST) or change it (PATCH with If-Match, only what changed): Titel, Art,
 * Beschreibung, Organisation (for partners fixed to their own), Zielgruppen,
 * Sprachen, Anschrift, regelmäßige Zeiten (offer-slots.js) and their free
 * text, Kosten, Barrierefreiheit, Anmeldung, Kontakt, Gültigkeit and
 * Sichtbarkeit. Field errors are shown at their fields, a 412 offers to
 * load the current state.
 */

import {
  COST, LANGUAGE, OFFER_KIND, OFFER_VISIBILITY, TARGET_GROUP, apiPath, offerPermissions,
} from './terms.js';
import { createSlots } from './offer-slots.js';
import {
  alertRegion, checkboxes, sendForm, termOptions,
} from '../organisations/parts.js';
import {
  actions, button, field, uid,
} from '../meetings/parts.js';
import { authRequest, getAll } from '../shared/api.js';
import { setFieldError } from '../shared/forms.js';
import { currentPerson } from '../shared/session.js';

const TEXTS = ['title', 'description', 'street', 'postcode', 'city', 'times_text', 'cost_text', 'accessibility',
  'registration_text', 'contact_email', 'phone', 'website'];
const DATES = ['valid_from', 'valid_until'];

function checkbox(text, prefix) {
  const wrap = document.createElement('div');
  wrap.className = 'field choice';
  const control = document.createElement('input');
  control.type = 'checkbox';
  control.id = uid(prefix);
  const label = document.createElement('label');
  label.htmlFor = control.id;
  label.textContent = text;
  wrap.append(control, label);
  return { wrap, control };
}

function radios(legendText, terms, prefix) {
  const fs = document.createElement('fieldset');
  fs.className = 'field fieldset';
  fs.id = uid(prefix);
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  fs.append(legend);
  for (const [code, text] of Object.entries(terms)) {
    const div = document.createElement('div');
    div.className = 'choice';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = fs.id;
    input.id = `${fs.id}-${code}`;
    input.value = code;
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = text;
    div.append(input, label);
    fs.append(div);
  }
  return {
    wrap: fs,
    control: fs,
    get: () => fs.querySelector('input:checked')?.value ?? null,
    set(code) {
      for (const input of fs.querySelectorAll('input')) input.checked = input.value === code;
    },
  };
}

/**
 * @param {HTMLFormElement} form an empty form, filled here
 * @param {{create: boolean, onSaved: (doc: object, etag: string | null) => void, onReload?: () => Promise<void>}} how
 */
export function createOfferForm(form, { create, onSaved, onReload }) {
  const p = create ? 'ang-neu' : 'ang';
  let ags = null;
  let current = null;
  let etag = null;
  form.noValidate = true;
  form.classList.add('form');
  const f = {
    title: field('Titel', { maxLength: 200, required: true, prefix: `${p}-titel` }),
    kind: field('Art', { kind: 'select', options: termOptions(OFFER_KIND), prefix: `${p}-art` }),
    description: field('Beschreibung', { kind: 'textarea', rows: 4, maxLength: 5000, prefix: `${p}-beschreibung` }),
    organisation_id: field('Organisation', { kind: 'select', prefix: `${p}-organisation` }),
  };
  const targetGroups = checkboxes('Zielgruppen', TARGET_GROUP, `${p}-zielgruppen`);
  const languages = checkboxes('Sprachen', LANGUAGE, `${p}-sprachen`, { hint: 'In welchen Sprachen das Angebot stattfindet oder beraten wird.' });
  const g = {
    street: field('Straße und Hausnummer (Ort des Angebots)', { maxLength: 200, prefix: `${p}-strasse` }),
    postcode: field('Postleitzahl', { maxLength: 5, prefix: `${p}-plz` }),
    city: field('Ort', { maxLength: 100, prefix: `${p}-ort` }),
  };
  g.postcode.control.inputMode = 'numeric';
  const slots = createSlots(`${p}-zeit`);
  const h = {
    times_text: field('Zeiten, weitere Angaben (freiwillig)', {
      kind: 'textarea', rows: 2, maxLength: 500, prefix: `${p}-zeiten-text`, hint: 'z. B. „nicht in den Schulferien“ oder „Termine nach Vereinbarung“',
    }),
  };
  const cost = radios('Kosten', COST, `${p}-kosten`);
  const k = {
    cost_text: field('Kosten, Angaben (freiwillig)', { maxLength: 500, prefix: `${p}-kosten-text`, hint: 'z. B. „5 € je Termin, ermäßigt frei“' }),
    accessibility: field('Barrierefreiheit (freiwillig)', {
      kind: 'textarea', rows: 2, maxLength: 1000, prefix: `${p}-barrierefreiheit`, hint: 'z. B. „Räume barrierefrei, Aufzug vorhanden“',
    }),
  };
  const registration = checkbox('Anmeldung erforderlich', `${p}-anmeldung`);
  const m = {
    registration_text: field('Anmeldung, Angaben (freiwillig)', { maxLength: 500, prefix: `${p}-anmeldung-text` }),
    contact_email: field('E-Mail-Adresse (freiwillig)', { type: 'email', maxLength: 254, prefix: `${p}-email` }),
    phone: field('Telefon (freiwillig)', { type: 'tel', maxLength: 40, prefix: `${p}-telefon` }),
    website: field('Website (freiwillig)', { type: 'url', maxLength: 500, prefix: `${p}-website` }),
    valid_from: field('gültig von (freiwillig)', { type: 'date', prefix: `${p}-von` }),
    valid_until: field('gültig bis (freiwillig)', { type: 'date', prefix: `${p}-bis` }),
    visibility: field('Sichtbarkeit', {
      kind: 'select', options: termOptions(OFFER_VISIBILITY), prefix: `${p}-sichtbarkeit`,
      hint: 'Öffentliche Angebote erscheinen im Angebotsverzeichnis der Kommune.',
    }),
  };
  const privacy = document.createElement('p');
  privacy.className = 'field-hint privacy-hint';
  privacy.textContent = 'Bitte keine Daten von Privatpersonen eintragen.';
  const save = button(create ? 'Angebot anlegen' : 'Änderungen speichern', 'button', 'submit');
  form.replaceChildren(alertRegion(), ...Object.values(f).map((x) => x.wrap), targetGroups.wrap, languages.wrap,
    ...Object.values(g).map((x) => x.wrap), slots.wrap, h.times_text.wrap, cost.wrap, ...Object.values(k).map((x) => x.wrap),
    registration.wrap, ...Object.values(m).map((x) => x.wrap), privacy, actions(save));
  const all = {
    ...f, ...g, ...h, ...k, ...m,
  };

  function fields() {
    return {
      ...Object.fromEntries(Object.entries(all).map(([key, x]) => [`/${key}`, x.control])),
      '/target_groups': targetGroups.wrap,
      '/languages': languages.wrap,
      '/cost': cost.wrap,
      '/registration_required': registration.control,
      ...slots.pointers(),
    };
  }

  async function organisations(where) {
    const may = offerPermissions(currentPerson(), where);
    const select = f.organisation_id.control;
    if (!may.officer) {
      select.replaceChildren(...may.organisations.map((o) => new Option(o.name, o.id)));
      select.disabled = may.organisations.length <= 1;
      return;
    }
    select.disabled = false;
    const orgs = await getAll('organisations', { params: { municipality: where }, auth: true }).catch(() => []);
    orgs.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    select.replaceChildren(new Option('Bitte wählen', ''), ...orgs.map((o) => new Option(o.name, o.id)));
  }

  function fill(doc) {
    for (const key of [...TEXTS, ...DATES]) all[key].control.value = doc?.[key] ?? '';
    f.kind.control.value = doc?.kind ?? 'counselling';
    if (doc?.organisation) {
      const select = f.organisation_id.control;
      if (![...select.options].some((o) => o.value === String(doc.organisation.id))) {
        select.append(new Option(doc.organisation.name, doc.organisation.id));
      }
      select.value = String(doc.organisation.id);
    }
    if (!create) f.organisation_id.control.disabled = true;
    targetGroups.set(doc?.target_groups ?? []);
    languages.set(doc?.languages ?? ['de']);
    slots.set(doc?.slots ?? []);
    cost.set(doc?.cost ?? 'free');
    registration.control.checked = Boolean(doc?.registration_required);
    m.visibility.control.value = doc?.visibility ?? 'partners';
  }

  function body() {
    const b = {};
    for (const key of TEXTS) b[key] = all[key].control.value.trim() || null;
    for (const key of DATES) b[key] = all[key].control.value || null;
    b.title = all.title.control.value.trim();
    b.kind = f.kind.control.value;
    b.target_groups = targetGroups.get();
    b.languages = languages.get();
    b.slots = slots.get();
    b.cost = cost.get();
    b.registration_required = registration.control.checked;
    b.visibility = m.visibility.control.value;
    if (create) b.organisation_id = f.organisation_id.control.value || null;
    return b;
  }

  function diff(b) {
    const out = {};
    for (const [key, value] of Object.entries(b)) {
      const before = current?.[key] ?? null;
      const same = Array.isArray(value)
        ? JSON.stringify(key === 'slots' ? value : [...value].sort())
          === JSON.stringify(key === 'slots' ? (before ?? []) : [...(before ?? [])].sort())
        : value === before;
      if (!same) out[key] = value;
    }
    return out;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const b = body();
    sendForm(form, {
      check() {
        if (!b.title) setFieldError(all.title.control, 'Bitte geben Sie einen Titel ein.');
        if (create && !b.organisation_id) setFieldError(f.organisation_id.control, 'Bitte wählen Sie die Organisation, die das Angebot macht.');
        if (b.postcode && !/^\d{5}$/.test(b.postcode)) setFieldError(g.postcode.control, 'Bitte geben Sie eine fünfstellige Postleitzahl ein.');
        if (b.valid_from && b.valid_until && b.valid_until < b.valid_from) {
          setFieldError(m.valid_until.control, 'Das Ende der Gültigkeit liegt vor ihrem Beginn.');
        }
        if (b.website && !/^https?:\/\/\S+$/.test(b.website)) setFieldError(m.website.control, 'Bitte geben Sie die Adresse mit https:// ein.');
        slots.check();
      },
      request: () => (create
        ? authRequest('POST', apiPath(ags, 'offers'), { body: b })
        : authRequest('PATCH', apiPath(ags, 'offers', current.id), { body: diff(b), headers: { 'If-Match': etag ?? '*' } })),
      lead: create ? 'Das Angebot wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
      what: 'Das Angebot',
      fields: fields(),
      onSaved,
      onReload,
    });
  });

  return {
    async open(where, doc = null, tag = null) {
      if (create && where !== ags) await organisations(where);
      ags = where;
      current = doc;
      etag = tag;
      fill(doc);
    },
  };
}
