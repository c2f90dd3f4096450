/*
 * event-form.js: the form of a Veranstaltung, to create one („Neue
 * Veranstaltung“, POST) or change it (PATCH with If-Match, only what
 * changed): Titel, Beschreibung, Beginn und Ende or ganztägig, Ort and
 * Anschrift, Veranstalter (several organisations), Kommunen, Zielgruppen,
 * Maßnahme, Sichtbarkeit and Status. A partner's own organisation is
 * always among the Veranstalter. Field errors are shown at their fields, a
 * 412 offers to load the current state.
 */

import {
  EVENT_STATUS, EVENT_VISIBILITY, TARGET_GROUP, apiPath, eventPermissions,
} from './terms.js';
import { fromLocalInput, toLocalInput } from './when.js';
import {
  alertRegion, checkboxes, measureChoices, sendForm, termOptions,
} from '../organisations/parts.js';
import {
  actions, button, field, uid,
} from '../meetings/parts.js';
import { authRequest, getAll, loadAllMunicipalities } from '../shared/api.js';
import { setFieldError } from '../shared/forms.js';
import { currentPerson } from '../shared/session.js';

/**
 * @param {HTMLFormElement} form an empty form, filled here
 * @param {{create: boolean, onSaved: (doc: object, etag: string | null) => void, onReload?: () => Promise<void>}} how
 */
export function createEventForm(form, { create, onSaved, onReload }) {
  const p = create ? 'va-neu' : 'va';
  let ags = null;
  let current = null;
  let etag = null;
  form.noValidate = true;
  form.classList.add('form');
  const f = {
    title: field('Titel', { maxLength: 200, required: true, prefix: `${p}-titel` }),
    description: field('Beschreibung (freiwillig)', { kind: 'textarea', rows: 4, maxLength: 10000, prefix: `${p}-beschreibung` }),
  };
  const allDayWrap = document.createElement('div');
  allDayWrap.className = 'field choice';
  const allDay = document.createElement('input');
  allDay.type = 'checkbox';
  allDay.id = uid(`${p}-ganztaegig`);
  const allDayLabel = document.createElement('label');
  allDayLabel.htmlFor = allDay.id;
  allDayLabel.textContent = 'ganztägig';
  allDayWrap.append(allDay, allDayLabel);
  const t = {
    starts_at: field('Beginn', { type: 'datetime-local', prefix: `${p}-beginn`, hint: 'Datum und Uhrzeit' }),
    ends_at: field('Ende (freiwillig)', { type: 'datetime-local', prefix: `${p}-ende` }),
    starts_on: field('Erster Tag', { type: 'date', prefix: `${p}-erster-tag` }),
    ends_on: field('Letzter Tag (freiwillig)', { type: 'date', prefix: `${p}-letzter-tag` }),
  };
  const g = {
    place: field('Ort (freiwillig)', { maxLength: 300, prefix: `${p}-ort`, hint: 'z. B. „Bürgerhaus Musterstadt, großer Saal“' }),
    street: field('Straße und Hausnummer (freiwillig)', { maxLength: 200, prefix: `${p}-strasse` }),
    postcode: field('Postleitzahl (freiwillig)', { maxLength: 5, prefix: `${p}-plz` }),
    city: field('Ort der Anschrift (freiwillig)', { maxLength: 100, prefix: `${p}-stadt` }),
  };
  g.postcode.control.inputMode = 'numeric';
  let organisers = checkboxes('Veranstalter', {}, `${p}-veranstalter`);
  let places = checkboxes('Weitere Kommunen', {}, `${p}-kommunen`);
  const groups = checkboxes('Zielgruppen', TARGET_GROUP, `${p}-zielgruppen`);
  const h = {
    measure_id: field('Maßnahme (freiwillig)', { kind: 'select', prefix: `${p}-massnahme`, hint: 'Die Maßnahme des Integrationskonzepts, zu der die Veranstaltung gehört.' }),
    visibility: field('Sichtbarkeit', {
      kind: 'select', options: termOptions(EVENT_VISIBILITY), prefix: `${p}-sichtbarkeit`,
      hint: 'Öffentliche Veranstaltungen erscheinen im Veranstaltungskalender und in seinen Kalender-Abonnements.',
    }),
    status: field('Status', { kind: 'select', options: termOptions(EVENT_STATUS), prefix: `${p}-status` }),
  };
  const slotO = document.createElement('div');
  slotO.append(organisers.wrap);
  const slotP = document.createElement('div');
  slotP.append(places.wrap);
  const save = button(create ? 'Veranstaltung anlegen' : 'Änderungen speichern', 'button', 'submit');
  form.replaceChildren(alertRegion(), ...Object.values(f).map((x) => x.wrap), allDayWrap, ...Object.values(t).map((x) => x.wrap),
    ...Object.values(g).map((x) => x.wrap), slotO, slotP, groups.wrap, ...Object.values(h).map((x) => x.wrap), actions(save));

  function toggle() {
    t.starts_at.wrap.hidden = allDay.checked;
    t.ends_at.wrap.hidden = allDay.checked;
    t.starts_on.wrap.hidden = !allDay.checked;
    t.ends_on.wrap.hidden = !allDay.checked;
  }
  allDay.addEventListener('change', toggle);

  function fields() {
    return {
      ...Object.fromEntries(Object.entries({
        ...f, ...t, ...g, ...h,
      }).map(([k, x]) => [`/${k}`, x.control])),
      '/all_day': allDay,
      '/organiser_ids': organisers.wrap,
      '/municipality_ags': places.wrap,
      '/target_groups': groups.wrap,
    };
  }

  async function options(where) {
    const [orgs, all, measures] = await Promise.all([
      getAll('organisations', { params: { municipality: where }, auth: true }).catch(() => []),
      loadAllMunicipalities().catch(() => []),
      measureChoices(where).catch(() => []),
    ]);
    orgs.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    const next = checkboxes('Veranstalter', Object.fromEntries(orgs.map((o) => [o.id, o.name])), `${p}-veranstalter`, {
      hint: 'Eine oder mehrere Organisationen. Partner veranstalten immer mit der eigenen Organisation.',
    });
    organisers.wrap.replaceWith(next.wrap);
    organisers = next;
    const nextP = checkboxes('Weitere Kommunen', Object.fromEntries(all.filter((m) => m.ags !== where).map((m) => [m.ags, m.name])),
      `${p}-kommunen`, { hint: 'Die eigene Kommune gehört immer dazu.' });
    places.wrap.replaceWith(nextP.wrap);
    places = nextP;
    h.measure_id.control.replaceChildren(new Option('keine', ''),
      ...measures.map((m) => new Option(m.label, m.id)));
  }

  function fill(doc) {
    f.title.control.value = doc?.title ?? '';
    f.description.control.value = doc?.description ?? '';
    allDay.checked = Boolean(doc?.all_day);
    t.starts_at.control.value = toLocalInput(doc?.starts_at);
    t.ends_at.control.value = toLocalInput(doc?.ends_at);
    t.starts_on.control.value = doc?.starts_on ?? '';
    t.ends_on.control.value = doc?.ends_on ?? '';
    for (const k of Object.keys(g)) g[k].control.value = doc?.[k] ?? '';
    const own = eventPermissions(currentPerson(), ags).organisations.map((o) => o.id);
    organisers.set(doc ? (doc.organisers ?? []).map((o) => String(o.id)) : own);
    places.set((doc?.municipalities ?? []).map((m) => m.ags).filter((a) => a !== ags));
    groups.set(doc?.target_groups ?? []);
    const measure = doc?.measure;
    if (measure && ![...h.measure_id.control.options].some((o) => o.value === String(measure.id))) {
      h.measure_id.control.append(new Option(`${measure.code ?? ''} ${measure.title ?? ''}`.trim(), measure.id));
    }
    h.measure_id.control.value = measure ? String(measure.id) : '';
    h.visibility.control.value = doc?.visibility ?? 'public';
    h.status.control.value = doc?.status ?? 'planned';
    h.status.wrap.hidden = create;
    toggle();
  }

  function body() {
    const text = (x) => x.control.value.trim() || null;
    const b = {
      title: f.title.control.value.trim(),
      description: text(f.description),
      all_day: allDay.checked,
      place: text(g.place),
      street: text(g.street),
      postcode: text(g.postcode),
      city: text(g.city),
      organiser_ids: organisers.get(),
      municipality_ags: [ags, ...places.get()],
      target_groups: groups.get(),
      measure_id: h.measure_id.control.value || null,
      visibility: h.visibility.control.value,
    };
    if (allDay.checked) {
      b.starts_on = t.starts_on.control.value || null;
      b.ends_on = t.ends_on.control.value || null;
    } else {
      b.starts_at = fromLocalInput(t.starts_at.control.value);
      b.ends_at = fromLocalInput(t.ends_at.control.value);
    }
    if (!create) b.status = h.status.control.value;
    return b;
  }

  function diff(b) {
    const before = {
      ...current,
      organiser_ids: (current.organisers ?? []).map((o) => String(o.id)).sort(),
      municipality_ags: (current.municipalities ?? []).map((m) => m.ags).sort(),
      measure_id: current.measure ? String(current.measure.id) : null,
    };
    const out = {};
    for (const [k, v] of Object.entries(b)) {
      const old = before[k] ?? null;
      const same = Array.isArray(v) ? JSON.stringify([...v].sort()) === JSON.stringify([...(old ?? [])].sort())
        : (k === 'starts_at' || k === 'ends_at') ? (v === null ? old === null : old !== null && Date.parse(v) === Date.parse(old))
          : v === old;
      if (!same) out[k] = v;
    }
    // A change of the kind of time sends both ends.
    if ('all_day' in out || 'starts_at' in out || 'starts_on' in out) {
      for (const k of (b.all_day ? ['starts_on', 'ends_on'] : ['starts_at', 'ends_at'])) out[k] = b[k];
    }
    return out;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const b = body();
    sendForm(form, {
      check() {
        if (!b.title) setFieldError(f.title.control, 'Bitte geben Sie einen Titel ein.');
        if (b.all_day) {
          if (!b.starts_on) setFieldError(t.starts_on.control, 'Bitte geben Sie den ersten Tag an (TT.MM.JJJJ).');
          else if (b.ends_on && b.ends_on < b.starts_on) setFieldError(t.ends_on.control, 'Der letzte Tag liegt vor dem ersten.');
        } else if (!b.starts_at) {
          setFieldError(t.starts_at.control, 'Bitte geben Sie Datum und Uhrzeit des Beginns an.');
        } else if (b.ends_at && Date.parse(b.ends_at) <= Date.parse(b.starts_at)) {
          setFieldError(t.ends_at.control, 'Das Ende liegt nicht nach dem Beginn.');
        }
        if (!b.organiser_ids.length) setFieldError(organisers.wrap, 'Bitte wählen Sie mindestens einen Veranstalter.');
        if (b.postcode && !/^\d{5}$/.test(b.postcode)) setFieldError(g.postcode.control, 'Bitte geben Sie eine fünfstellige Postleitzahl ein.');
      },
      request: () => (create
        ? authRequest('POST', apiPath(ags, 'events'), { body: b })
        : authRequest('PATCH', apiPath(ags, 'events', current.id), { body: diff(b), headers: { 'If-Match': etag ?? '*' } })),
      lead: create ? 'Die Veranstaltung wurde nicht angelegt.' : 'Die Änderungen wurden nicht gespeichert.',
      what: 'Die Veranstaltung',
      fields: fields(),
      onSaved,
      onReload,
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
