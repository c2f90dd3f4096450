/*
 * network-form.js: the form of a Netzwerk, to create one („Neues
 * Netzwerk“, POST) or change its Angaben (PATCH with If-Match): Name, Art,
 * Zweck, Koordination (an organisation), Sichtbarkeit and the other
 * Kommunen it spans (the own Kommune always belongs to it).
 */

import { NETWORK_KIND, NETWORK_VISIBILITY, apiPath } from './terms.js';
import {
  alertRegion, checkboxes, sendForm, termOptions,
} from '../organisations/parts.js';
import { actions, button, field } from '../meetings/parts.js';
import { authRequest, getAll, loadAllMunicipalities } from '../shared/api.js';
import { setFieldError } from '../shared/forms.js';

/**
 * @param {HTMLFormElement} form an empty form, filled here
 * @param {{create: boolean, onSaved: (doc: object, etag: string | null) => void, onReload?: () => Promise<void>}} how
 */
export function createNetworkForm(form, { create, onSaved, onReload }) {
  let ags = null;
  let current = null;
  let etag = null;
  form.noValidate = true;
  form.classList.add('form');
  const f = {
    name: field('Name', { maxLength: 200, required: true, prefix: create ? 'nw-neu-name' : 'nw-name' }),
    kind: field('Art', { kind: 'select', options: termOptions(NETWORK_KIND), prefix: create ? 'nw-neu-art' : 'nw-art' }),
    purpose: field('Zweck', {
      kind: 'textarea', rows: 3, maxLength: 2000, prefix: create ? 'nw-neu-zweck' : 'nw-zweck',
      hint: 'Wozu das Netzwerk arbeitet, z. B. „Abstimmung der Beratungsangebote für Neuzugewanderte“.',
    }),
    coordinator_organisation_id: field('Koordination', { kind: 'select', prefix: create ? 'nw-neu-koordination' : 'nw-koordination' }),
    visibility: field('Sichtbarkeit', {
      kind: 'select', options: termOptions(NETWORK_VISIBILITY), prefix: create ? 'nw-neu-sichtbarkeit' : 'nw-sichtbarkeit',
    }),
  };
  let places = checkboxes('Weitere Kommunen', {}, create ? 'nw-neu-kommunen' : 'nw-kommunen');
  const placesSlot = document.createElement('div');
  placesSlot.append(places.wrap);
  const save = button(create ? 'Netzwerk anlegen' : 'Änderungen speichern', 'button', 'submit');
  form.replaceChildren(alertRegion(), ...Object.values(f).map((x) => x.wrap), placesSlot, actions(save));
  const fields = () => ({
    ...Object.fromEntries(Object.entries(f).map(([k, x]) => [`/${k}`, x.control])), '/municipality_ags': places.wrap,
  });

  async function options(where) {
    const [orgs, all] = await Promise.all([
      getAll('organisations', { params: { municipality: where }, auth: true }).catch(() => []),
      loadAllMunicipalities().catch(() => []),
    ]);
    orgs.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    f.coordinator_organisation_id.control.replaceChildren(new Option('keine', ''), ...orgs.map((o) => new Option(o.name, o.id)));
    const others = Object.fromEntries(all.filter((m) => m.ags !== where).map((m) => [m.ags, m.name]));
    const next = checkboxes('Weitere Kommunen', others, create ? 'nw-neu-kommunen' : 'nw-kommunen', {
      hint: 'Ein kreisweiter Arbeitskreis arbeitet in mehreren Kommunen. Die eigene Kommune gehört immer dazu.',
    });
    places.wrap.replaceWith(next.wrap);
    places = next;
  }

  function fill(doc) {
    f.name.control.value = doc?.name ?? '';
    f.kind.control.value = doc?.kind ?? 'network';
    f.purpose.control.value = doc?.purpose ?? '';
    f.coordinator_organisation_id.control.value = doc?.coordinator?.id ?? '';
    f.visibility.control.value = doc?.visibility ?? 'internal';
    places.set((doc?.municipalities ?? []).map((m) => m.ags).filter((a) => a !== ags));
  }

  function body() {
    return {
      name: f.name.control.value.trim(),
      kind: f.kind.control.value,
      purpose: f.purpose.control.value.trim() || null,
      coordinator_organisation_id: f.coordinator_organisation_id.control.value || null,
      visibility: f.visibility.control.value,
      municipality_ags: [ags, ...places.get()],
    };
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const b = body();
    sendForm(form, {
      check() {
        if (!b.name) setFieldError(f.name.control, 'Bitte geben Sie den Namen des Netzwerks ein.');
      },
      request: () => (create
        ? authRequest('POST', apiPath(ags, 'networks'), { body: b })
        : authRequest('PATCH', apiPath(ags, 'networks', current.id), { body: b, headers: { 'If-Match': etag ?? '*' } })),
      lead: create ? 'Das Netzwerk wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
      what: 'Das Netzwerk',
      fields: fields(),
      onSaved,
      onReload,
      conflict: 'Ein Netzwerk dieses Namens gibt es schon.',
    });
  });

  return {
    async open(where, doc = null, tag = null) {
      if (where !== ags) await options(where);
      ags = where;
      current = doc;
      etag = tag;
      fill(doc);
    },
  };
}
