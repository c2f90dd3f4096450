/*
 * contributions.js: the Beiträge of a Beteiligungsformat on its page:
 *   - the freigegebene Beiträge by Handlungsfeld (without one: „ohne
 *     Handlungsfeld“), each with Quelle, Herkunft and, for staff, the author;
 *   - the Moderation (Integrationsbeauftragte): the waiting Beiträge, each
 *     „Freigeben“ or „Ablehnen“ with a Begründung; the rejected ones below;
 *   - „Beitrag erfassen“ for Integrationsbeauftragte (from offline formats:
 *     approved at once) and for partners whose organisation organises it
 *     (it waits for the Freigabe).
 */

import {
  CONTRIBUTION_ORIGIN, MODERATION, apiPath, term,
} from './terms.js';
import {
  actions, button, contextButton, field, paragraph, smallForm,
} from '../meetings/parts.js';
import { authRequest, getAll } from '../shared/api.js';
import { badge } from '../shared/ui.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showProblem,
} from '../shared/forms.js';
import { formatDateTime, formatInteger } from '../shared/format.js';
import { heading } from './parts.js';
import { problemText } from '../shared/problems.js';

const NO_FIELD = 'Ohne Handlungsfeld';

/**
 * @param {{box: HTMLElement, say: (text: string) => void, changed: () => void}} hooks
 *        box: where the part goes; changed: the consultation's counts changed
 */
export function createContributions({ box, say, changed }) {
  let ctx = null; // {ags, consultation, may, mayEnter, fields}
  let busy = false;

  function item(c, { staff, moderate }) {
    const li = document.createElement('li');
    li.className = 'report contribution';
    li.id = `beitrag-${c.id}`;
    const text = paragraph(c.text, 'report__text');
    const meta = [term(CONTRIBUTION_ORIGIN, c.origin)];
    if (c.source) meta.push(`Quelle: ${c.source}`);
    if (c.created_at) meta.push(formatDateTime(c.created_at));
    if (staff && (c.author_name || c.author_contact)) {
      meta.push(`von ${[c.author_name, c.author_contact].filter(Boolean).join(', ')}`);
    }
    const head = document.createElement('p');
    head.className = 'report__head';
    head.append(badge(term(MODERATION, c.moderation), `moderation_${c.moderation}`), ` ${meta.join(' · ')}`);
    li.append(head, text);
    if (c.action_field && moderate) li.append(paragraph(`Handlungsfeld: ${c.action_field.name}`, 'cell-note'));
    if (c.moderation === 'rejected' && c.rejection_reason) {
      li.append(paragraph(`Begründung der Ablehnung: ${c.rejection_reason}`, 'cell-note'));
    }
    if (moderate && c.moderation === 'pending') li.append(moderation(c));
    return li;
  }

  function moderation(c) {
    const wrap = document.createElement('div');
    wrap.className = 'contribution__moderation';
    const short = c.text.length > 40 ? `${c.text.slice(0, 40)} …` : c.text;
    const approve = contextButton('Freigeben', `(Beitrag „${short}“)`, 'button button--small');
    const reject = contextButton('Ablehnen', `(Beitrag „${short}“)`);
    const form = smallForm(`Beitrag ablehnen: ${short}`);
    form.hidden = true;
    const reason = field('Begründung der Ablehnung', {
      kind: 'textarea', rows: 2, maxLength: 2000, required: true, prefix: 'ablehnung',
      hint: 'Die Begründung wird bei dem Beitrag gespeichert.',
    });
    const send = button('Ablehnen', 'button', 'submit');
    const cancel = button('Abbrechen');
    form.append(reason.wrap, actions(send, cancel));
    wrap.append(actions(approve, reject), form);

    approve.addEventListener('click', () => moderate(c, { moderation: 'approved' }, wrap));
    reject.addEventListener('click', () => {
      form.hidden = false;
      reason.control.focus();
    });
    cancel.addEventListener('click', () => {
      form.hidden = true;
      reject.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const why = reason.control.value.trim();
      if (!why) setFieldError(reason.control, 'Bitte begründen Sie die Ablehnung.');
      if (focusFirstError(form)) return;
      moderate(c, { moderation: 'rejected', rejection_reason: why }, wrap, form, reason.control);
    });
    return wrap;
  }

  async function moderate(c, body, wrap, form = null, reasonControl = null) {
    if (busy) return;
    busy = true;
    try {
      await authRequest('POST', apiPath(ctx.ags, 'contributions', c.id, 'moderation'), { body });
      say(body.moderation === 'approved' ? 'Der Beitrag ist freigegeben.' : 'Der Beitrag ist abgelehnt.');
      await load();
      changed();
      document.getElementById('beitraege-moderation-titel')?.focus();
    } catch (err) {
      if (form) {
        showProblem(form, err, { lead: 'Der Beitrag wurde nicht abgelehnt.', fields: { '/rejection_reason': reasonControl } });
      } else {
        wrap.prepend(noticeBox('Der Beitrag wurde nicht freigegeben.', problemText(err)));
      }
    } finally {
      busy = false;
    }
  }

  function entryForm() {
    const part = document.createElement('div');
    part.className = 'panel';
    const h = heading(3, 'Beitrag erfassen');
    const form = smallForm('Beitrag erfassen');
    const text = field('Beitrag', {
      kind: 'textarea', rows: 4, maxLength: 5000, required: true, prefix: 'beitrag-text',
      hint: ctx.may.manage
        ? 'Zum Beispiel aus einem Interview oder von einer Moderationskarte. Er ist sofort freigegeben.'
        : 'Ihr Beitrag wird sichtbar, sobald die Integrationsbeauftragten ihn freigeben.',
    });
    const af = field('Handlungsfeld (freiwillig)', {
      kind: 'select', prefix: 'beitrag-handlungsfeld',
      options: [new Option('ohne Handlungsfeld', ''), ...ctx.fields.map((f) => new Option(f.name, f.id))],
    });
    const source = field('Quelle (freiwillig)', { maxLength: 300, prefix: 'beitrag-quelle', hint: 'z. B. „Interview mit Elternbeirat, 12.03.“' });
    const save = button('Beitrag speichern', 'button', 'submit');
    form.append(text.wrap, af.wrap, source.wrap, actions(save));
    part.append(h, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      clearErrors(form);
      const body = { text: text.control.value.trim() };
      if (!body.text) setFieldError(text.control, 'Bitte geben Sie den Beitrag ein.');
      if (focusFirstError(form)) return;
      if (af.control.value) body.action_field_id = af.control.value;
      if (source.control.value.trim()) body.source = source.control.value.trim();
      busy = true;
      save.disabled = true;
      try {
        const res = await authRequest('POST', apiPath(ctx.ags, 'consultations', ctx.consultation.id, 'contributions'), { body });
        text.control.value = '';
        source.control.value = '';
        say(res.body?.moderation === 'pending'
          ? 'Der Beitrag ist gespeichert und wartet auf die Freigabe.'
          : 'Der Beitrag ist gespeichert und freigegeben.');
        busy = false;
        await load();
        changed();
        document.getElementById('beitraege-titel')?.focus();
      } catch (err) {
        showProblem(form, err, {
          lead: 'Der Beitrag wurde nicht gespeichert.',
          fields: { '/text': text.control, '/action_field_id': af.control, '/source': source.control },
          conflict: 'Beiträge nimmt das Beteiligungsformat in diesem Status nicht mehr an.',
        });
      } finally {
        busy = false;
        save.disabled = false;
      }
    });
    return part;
  }

  function render(items) {
    const staff = ctx.may.staff;
    const approved = items.filter((c) => c.moderation === 'approved');
    const parts = [heading(2, `Beiträge (${formatInteger(approved.length)} freigegeben)`, 'beitraege-titel')];
    if (!approved.length) parts.push(paragraph('Noch keine freigegebenen Beiträge.', 'text text--muted'));
    const groups = new Map();
    for (const c of approved) {
      const name = c.action_field?.name ?? NO_FIELD;
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(c);
    }
    const names = [...groups.keys()].sort((a, b) => (a === NO_FIELD) - (b === NO_FIELD) || a.localeCompare(b, 'de'));
    for (const name of names) {
      const list = groups.get(name);
      parts.push(heading(3, `${name} (${formatInteger(list.length)})`));
      const ul = document.createElement('ul');
      ul.className = 'report-list';
      ul.dataset.actionField = name;
      ul.append(...list.map((c) => item(c, { staff, moderate: false })));
      parts.push(ul);
    }
    if (ctx.may.manage) {
      const pending = items.filter((c) => c.moderation === 'pending');
      const rejected = items.filter((c) => c.moderation === 'rejected');
      parts.push(heading(2, `Moderation (${formatInteger(pending.length)} ${pending.length === 1 ? 'wartet' : 'warten'})`, 'beitraege-moderation-titel'));
      if (!pending.length) parts.push(paragraph('Kein Beitrag wartet auf die Freigabe.', 'text text--muted'));
      else {
        const ul = document.createElement('ul');
        ul.className = 'report-list';
        ul.id = 'beitraege-wartend';
        ul.append(...pending.map((c) => item(c, { staff, moderate: true })));
        parts.push(ul);
      }
      if (rejected.length) {
        const details = document.createElement('details');
        details.className = 'disclosure';
        const summary = document.createElement('summary');
        summary.textContent = `Abgelehnte Beiträge (${formatInteger(rejected.length)})`;
        const ul = document.createElement('ul');
        ul.className = 'report-list';
        ul.append(...rejected.map((c) => item(c, { staff, moderate: true })));
        details.append(summary, ul);
        parts.push(details);
      }
    } else if (ctx.mayEnter) {
      const own = items.filter((c) => c.moderation !== 'approved');
      if (own.length) {
        parts.push(heading(3, 'Noch nicht freigegeben'));
        const ul = document.createElement('ul');
        ul.className = 'report-list';
        ul.append(...own.map((c) => item(c, { staff, moderate: false })));
        parts.push(ul);
      }
    }
    // open: entered as they come; closed: what the event itself brought,
    // until the Beteiligung is evaluated (the API says the same)
    if (ctx.mayEnter && ['open', 'closed'].includes(ctx.consultation.status)) parts.push(entryForm());
    else if (ctx.mayEnter && ctx.consultation.status === 'planned') {
      parts.push(paragraph('Beiträge werden erfasst, sobald die Beteiligung geöffnet ist.', 'text text--muted'));
    }
    box.replaceChildren(...parts);
  }

  async function load() {
    try {
      const items = await getAll(apiPath(ctx.ags, 'consultations', ctx.consultation.id, 'contributions'), { auth: true });
      render(items);
    } catch (err) {
      box.replaceChildren(heading(2, 'Beiträge', 'beitraege-titel'),
        noticeBox('Die Beiträge konnten nicht geladen werden.', problemText(err)));
    }
  }

  return {
    /** Show the contributions of consultation c. */
    async show(ags, consultation, may) {
      const organisers = (consultation.organisers ?? []).map((o) => String(o.id));
      const mayEnter = may.manage || (may.partner && may.organisations.some((id) => organisers.includes(id)));
      let fields = [];
      if (mayEnter) {
        try {
          fields = await getAll(apiPath(ags, 'action-fields'), { auth: true });
        } catch {
          fields = [];
        }
      }
      ctx = {
        ags, consultation, may, mayEnter, fields,
      };
      await load();
    },
  };
}
