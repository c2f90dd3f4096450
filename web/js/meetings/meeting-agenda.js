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

import { CONCEPT_STATUS, MEASURE_STATUS, label } from '../catalogue/terms.js';
import { STATUS_TRANSITIONS } from '../catalogue/measure-actions.js';
import {
  actions, button, confirmDialog, contextButton, field, itemLinks, paragraph, smallForm,
} from './parts.js';
import { getAll } from '../shared/api.js';
import { badge } from '../shared/ui.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showProblem,
} from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';

const APPROVED = 'Das Protokoll ist inzwischen genehmigt; die Tagesordnung wird nicht mehr geändert. Bitte laden Sie die Seite neu.';

const DECISION_MESSAGES = [
  [/steering group/i, 'Ob eine vorgeschlagene Maßnahme in die Planung aufgenommen wird, entscheidet die Steuerungsgruppe.'],
  [/transition|not allowed|cannot change/i, 'Dieser Statuswechsel ist für die Maßnahme nicht möglich.'],
  [/reason/i, 'Für diesen Status braucht die Maßnahme eine Begründung; bitte nennen Sie sie im Wortlaut des Beschlusses.'],
];

/** "SP-01 ist jetzt „geplant“ (Rang 3)." */
function measureOutcome(decision, measure) {
  const parts = [];
  if (decision.measure_status) parts.push(`„${label(MEASURE_STATUS, decision.measure_status)}“`);
  if (decision.measure_rank) parts.push(`auf Rang ${formatInteger(decision.measure_rank)}`);
  if (!parts.length) return '';
  return `Die Maßnahme ${measure?.code ?? decision.measure?.code ?? ''} ist jetzt ${parts.join(' und ')}.`;
}

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
  let choices = null; // {measures, indicators, concepts} of choicesOf
  let choicesOf = null;
  let busy = false;

  const focusItem = (id, selector = 'h3') => {
    el.list.querySelector(`li[data-id="${CSS.escape(String(id))}"] ${selector}`)?.focus();
  };

  async function loadChoices(ags) {
    if (choicesOf === ags && choices) return choices;
    const m = `municipalities/${encodeURIComponent(ags)}`;
    const [measures, indicators, concepts] = await Promise.all([
      getAll(`${m}/measures`, { auth: true }).catch(() => []),
      getAll(`${m}/indicators`, { auth: true }).catch(() => []),
      getAll(`${m}/concepts`, { auth: true }).catch(() => []),
    ]);
    measures.sort((a, b) => a.code.localeCompare(b.code, 'de', { numeric: true }));
    indicators.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    // The adopted concept first, then the newest.
    concepts.sort((a, b) => (b.status === 'adopted') - (a.status === 'adopted') || b.version - a.version);
    choices = { measures, indicators, concepts };
    choicesOf = ags;
    return choices;
  }

  /* The measures as <optgroup>s, one per concept (the adopted one first). */
  function measureGroups(c) {
    const groups = [];
    const known = new Set(c.concepts.map((x) => String(x.id)));
    for (const concept of c.concepts) {
      const mine = c.measures.filter((x) => String(x.concept_id) === String(concept.id));
      if (!mine.length) continue;
      const g = document.createElement('optgroup');
      g.label = `Version ${concept.version}: ${concept.title} (${label(CONCEPT_STATUS, concept.status)})`;
      g.append(...mine.map((x) => new Option(`${x.code}: ${x.title}`, x.id)));
      groups.push(g);
    }
    const rest = c.measures.filter((x) => !known.has(String(x.concept_id)));
    groups.push(...rest.map((x) => new Option(`${x.code}: ${x.title}`, x.id)));
    return groups;
  }

  /* Title, description and the three links of an item; values from item. */
  function itemFields(form, item, c) {
    const title = field('Titel des Tagesordnungspunkts', {
      maxLength: 300, required: true, value: item?.title, prefix: 'top-titel',
    });
    const description = field('Beschreibung (freiwillig)', {
      kind: 'textarea', maxLength: 10000, value: item?.description, prefix: 'top-beschreibung',
    });
    const measure = field('Maßnahme (freiwillig)', {
      kind: 'select',
      prefix: 'top-massnahme',
      hint: 'Nach Kennung geordnet; tippen Sie die Kennung, um sie zu finden.',
      options: [new Option('keine', ''), ...measureGroups(c)],
      value: item?.measure?.id,
    });
    const indicator = field('Kennzahl (freiwillig)', {
      kind: 'select',
      prefix: 'top-kennzahl',
      options: [new Option('keine', ''), ...c.indicators.map((x) => new Option(x.name, x.id))],
      value: item?.indicator?.id,
    });
    const concept = field('Integrationskonzept (freiwillig)', {
      kind: 'select',
      prefix: 'top-konzept',
      options: [new Option('keines', ''), ...c.concepts.map((x) => new Option(`Version ${x.version}: ${x.title}`, x.id))],
      value: item?.concept?.id,
    });
    // A linked record the lists do not hold (e.g. of another concept) stays.
    for (const [f, v, text] of [[measure, item?.measure, item?.measure && `${item.measure.code}: ${item.measure.title}`],
      [indicator, item?.indicator, item?.indicator?.name], [concept, item?.concept, item?.concept?.title]]) {
      if (v && f.control.value !== String(v.id)) {
        f.control.append(new Option(text ?? `Nr. ${v.id}`, v.id));
        f.control.value = String(v.id);
      }
    }
    const group = document.createElement('fieldset');
    group.className = 'fieldset';
    const legend = document.createElement('legend');
    legend.textContent = 'Bezug';
    group.append(legend, measure.wrap, indicator.wrap, concept.wrap);
    form.append(title.wrap, description.wrap, group);
    return {
      title: title.control,
      description: description.control,
      measure: measure.control,
      indicator: indicator.control,
      concept: concept.control,
    };
  }

  function readItem(form, f) {
    const body = {
      title: f.title.value.trim(),
      description: f.description.value.trim() || null,
      measure_id: f.measure.value || null,
      indicator_id: f.indicator.value || null,
      concept_id: f.concept.value || null,
    };
    if (body.title === '') setFieldError(f.title, 'Bitte geben Sie einen Titel ein.');
    return focusFirstError(form) ? null : body;
  }

  const itemPointers = (f) => ({
    '/title': f.title,
    '/description': f.description,
    '/measure_id': f.measure,
    '/indicator_id': f.indicator,
    '/concept_id': f.concept,
  });

  async function renderAddForm() {
    const { ags } = context();
    el.panel.replaceChildren();
    const h = document.createElement('h3');
    h.id = 'top-neu-titel';
    h.textContent = 'Tagesordnungspunkt hinzufügen';
    el.panel.append(h, paragraph('Die Auswahl wird geladen …', 'status'));
    const c = await loadChoices(ags);
    const form = smallForm('Tagesordnungspunkt hinzufügen');
    const f = itemFields(form, null, c);
    form.append(actions(button('Punkt hinzufügen', 'button', 'submit')));
    el.panel.replaceChildren(h, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form);
      const body = readItem(form, f);
      if (!body) return;
      for (const k of ['description', 'measure_id', 'indicator_id', 'concept_id']) if (body[k] === null) delete body[k];
      busy = true;
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
        busy = false;
      }
    });
  }

  async function openEditor(li, item) {
    const c = await loadChoices(context().ags);
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
      if (busy) return;
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
      busy = true;
      try {
        await send('PATCH', `/items/${encodeURIComponent(item.id)}`, diff);
        say(`Tagesordnungspunkt ${item.position} ist gespeichert.`);
        focusItem(item.id);
      } catch (err) {
        if (await stale(err)) return;
        showProblem(form, err, { lead: 'Der Tagesordnungspunkt wurde nicht gespeichert.', fields: itemPointers(f), conflict: APPROVED });
      } finally {
        busy = false;
      }
    });
  }

  async function listAction(lead, fn) {
    if (busy) return;
    busy = true;
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
      busy = false;
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
      if (busy) return;
      clearErrors(form);
      busy = true;
      try {
        await send('PATCH', `/items/${encodeURIComponent(item.id)}`, { minutes: text.control.value.trim() || null });
        say(`Das Protokoll zu TOP ${item.position} ist gespeichert.`);
        focusItem(item.id, 'textarea');
      } catch (err) {
        if (await stale(err)) return;
        showProblem(form, err, { lead: 'Das Protokoll wurde nicht gespeichert.', fields: { '/minutes': text.control }, conflict: APPROVED });
      } finally {
        busy = false;
      }
    });
    part.append(form);
    return part;
  }

  function decisionText(d) {
    const li = document.createElement('li');
    li.className = 'meeting-decision';
    const strong = document.createElement('strong');
    strong.textContent = 'Beschluss: ';
    li.append(strong, d.text ?? '');
    const effect = [];
    if (d.measure_status) effect.push(`Status „${label(MEASURE_STATUS, d.measure_status)}“`);
    if (d.measure_rank) effect.push(`Rang ${formatInteger(d.measure_rank)}`);
    if (d.measure && effect.length) {
      li.append(paragraph(`Maßnahme ${d.measure.code}: ${effect.join(', ')}`, 'cell-note'));
    }
    return li;
  }

  function decisionForm(item) {
    const details = document.createElement('details');
    details.className = 'disclosure meeting-decide';
    const summary = document.createElement('summary');
    summary.textContent = 'Beschluss erfassen';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ` zu TOP ${item.position}`;
    summary.append(hidden);
    details.append(summary);
    const form = smallForm(`Beschluss zu TOP ${item.position}`);
    const text = field('Wortlaut des Beschlusses', {
      kind: 'textarea', rows: 3, maxLength: 5000, required: true, prefix: 'beschluss-text',
      hint: 'z. B. „Die Steuerungsgruppe nimmt die Maßnahme in die Planung auf.“',
    });
    form.append(text.wrap);
    let status = null;
    let rank = null;
    if (item.measure) {
      const current = item.measure.status;
      const targets = (STATUS_TRANSITIONS[current] ?? [])
        .filter((to) => may.planning || !(current === 'proposed' && to === 'planned'));
      status = field(`Neuer Status der Maßnahme ${item.measure.code}`, {
        kind: 'select',
        prefix: 'beschluss-status',
        hint: current ? `Derzeit: ${label(MEASURE_STATUS, current)}` : undefined,
        options: [new Option('unverändert', ''), ...targets.map((to) => new Option(label(MEASURE_STATUS, to), to))],
      });
      rank = field('Neuer Rang der Maßnahme (freiwillig)', {
        type: 'number', prefix: 'beschluss-rang', hint: 'Eine ganze Zahl ab 1; Rang 1 wird zuerst umgesetzt.',
      });
      rank.control.min = '1';
      rank.control.step = '1';
      rank.control.inputMode = 'numeric';
      form.append(status.wrap, rank.wrap);
    }
    form.append(actions(button('Beschluss speichern', 'button', 'submit')));
    details.append(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form);
      const body = { item_id: item.id, text: text.control.value.trim() };
      if (body.text === '') setFieldError(text.control, 'Bitte geben Sie den Wortlaut des Beschlusses ein.');
      if (item.measure) {
        if (status.control.value) body.measure_status = status.control.value;
        const raw = rank.control.value.trim();
        if (raw !== '') {
          const n = Number(raw);
          if (!Number.isInteger(n) || n < 1) setFieldError(rank.control, 'Bitte geben Sie eine ganze Zahl ab 1 ein.');
          body.measure_rank = n;
        }
        if (body.measure_status || body.measure_rank) body.measure_id = item.measure.id;
      }
      if (focusFirstError(form)) return;
      busy = true;
      try {
        const doc = await send('POST', '/decisions', body);
        const now = doc.items.find((i) => String(i.id) === String(item.id));
        const outcome = body.measure_id ? measureOutcome(body, now?.measure ?? item.measure) : '';
        say(`Der Beschluss zu TOP ${item.position} ist gespeichert. ${outcome}`.trim());
        focusItem(item.id);
      } catch (err) {
        if (await stale(err)) return;
        const texts = {};
        for (const e of err?.problem?.errors ?? []) {
          const hit = DECISION_MESSAGES.find(([re]) => re.test(e.message ?? ''));
          if (hit && e.pointer) texts[e.pointer] = hit[1];
        }
        showProblem(form, err, {
          lead: 'Der Beschluss wurde nicht gespeichert.',
          fields: { '/text': text.control, '/measure_status': status?.control, '/measure_rank': rank?.control },
          texts,
          conflict: err?.problem?.detail && /approved/i.test(err.problem.detail) ? APPROVED
            : 'Dieser Statuswechsel ist für die Maßnahme nicht möglich. Vielleicht wurde ihr Status inzwischen geändert.',
        });
      } finally {
        busy = false;
      }
    });
    return details;
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

    const decisions = (meeting.decisions ?? []).filter((d) => String(d.item_id) === String(item.id));
    if (decisions.length || (draft && may.decide)) {
      const h4 = document.createElement('h4');
      h4.textContent = 'Beschlüsse';
      li.append(h4);
      if (decisions.length) {
        const ul = document.createElement('ul');
        ul.className = 'plain-list meeting-decisions';
        ul.append(...decisions.map(decisionText));
        li.append(ul);
      }
      if (draft && may.decide) li.append(decisionForm(item));
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
      ul.append(...others.map(decisionText));
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
