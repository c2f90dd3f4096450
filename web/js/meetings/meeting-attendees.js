/*
 * meeting-attendees.js: the Teilnehmende of a Sitzung on its page: accounts
 * of the Kommune (chosen from its accounts) and guests with name, function
 * and organisation. Integrationsbeauftragte add and remove them while the
 * Protokoll is a draft; every change replaces the list (PUT …/attendees).
 */

import {
  actions, button, contextButton, field, paragraph, smallForm,
} from './parts.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showProblem,
} from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { getAll } from '../shared/api.js';
import { membershipRoleText } from '../shared/roles.js';

/** An attendee as the API takes it back. */
function asInput(a) {
  const out = a.account?.id ? { account_id: a.account.id } : { name: a.name };
  if (a.function) out.function = a.function;
  if (a.organisation) out.organisation = a.organisation;
  return out;
}

/** "Name, Funktion (Organisation)". */
export function attendeeText(a) {
  let text = a.account?.name ?? a.name ?? 'unbekannt';
  if (a.function) text += `, ${a.function}`;
  if (a.organisation) text += ` (${a.organisation})`;
  return a.account ? text : `${text} – Gast`;
}

/**
 * @param {{context: () => {ags: string, meeting: object},
 *          send: (method: string, suffix: string, body?: unknown) => Promise<object>,
 *          stale: (err: unknown) => Promise<boolean>, say: (text: string) => void}} hooks
 *        (see meeting-agenda.js)
 */
export function createAttendees({
  context, send, stale, say,
}) {
  const el = {
    list: document.getElementById('teilnehmende-liste'),
    alert: document.getElementById('teilnehmende-fehler'),
    panel: document.getElementById('teilnehmende-neu'),
  };
  let accounts = null; // of the Kommune, loaded once per Kommune
  let accountsOf = null;
  let busy = false;

  async function put(list, form, lead, fields = {}) {
    if (busy) return false;
    busy = true;
    try {
      await send('PUT', '/attendees', list);
      return true;
    } catch (err) {
      if (await stale(err)) return false;
      if (form) {
        showProblem(form, err, {
          lead,
          fields,
          conflict: 'Das Protokoll ist inzwischen genehmigt; die Teilnehmenden werden nicht mehr geändert.',
        });
      } else {
        el.alert.replaceChildren(noticeBox(lead, problemText(err, { conflict: 'Das Protokoll ist inzwischen genehmigt.' })));
      }
      return false;
    } finally {
      busy = false;
    }
  }

  async function accountOptions(ags) {
    if (accountsOf !== ags) {
      accounts = await getAll('accounts', { params: { municipality: ags, status: 'active' }, auth: true });
      accountsOf = ags;
    }
    return accounts;
  }

  async function renderForms(meeting) {
    const { ags } = context();
    el.panel.replaceChildren();
    const h = document.createElement('h3');
    h.textContent = 'Teilnehmende hinzufügen';
    el.panel.append(h);

    // An account of the Kommune.
    const accForm = smallForm('Konto als Teilnehmende hinzufügen');
    const acc = field('Konto der Kommune', { kind: 'select', prefix: 'teilnehmende-konto', options: [new Option('Konten werden geladen …', '')] });
    const accFunction = field('Funktion in der Sitzung (freiwillig)', {
      maxLength: 200, prefix: 'konto-funktion', hint: 'z. B. „Bürgermeisterin“ oder „Leitung des Jugendamts“',
    });
    accForm.append(acc.wrap, accFunction.wrap, actions(button('Konto hinzufügen', 'button', 'submit')));
    el.panel.append(accForm);
    try {
      const list = await accountOptions(ags);
      const present = new Set(meeting.attendees.filter((a) => a.account).map((a) => String(a.account.id)));
      const free = list.filter((a) => !present.has(String(a.id)))
        .sort((a, b) => a.display_name.localeCompare(b.display_name, 'de'));
      acc.control.replaceChildren(new Option('Bitte wählen', ''), ...free.map((a) => {
        const role = (a.memberships ?? []).filter((m) => m.municipality?.ags === ags).map(membershipRoleText).join(', ');
        return new Option(role ? `${a.display_name} – ${role}` : a.display_name, a.id);
      }));
    } catch {
      acc.control.replaceChildren(new Option('Die Konten konnten nicht geladen werden', ''));
    }
    accForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(accForm);
      if (!acc.control.value) setFieldError(acc.control, 'Bitte wählen Sie ein Konto.');
      if (focusFirstError(accForm)) return;
      const name = acc.control.selectedOptions[0]?.textContent ?? '';
      const added = { account_id: acc.control.value };
      if (accFunction.control.value.trim()) added.function = accFunction.control.value.trim();
      const n = context().meeting.attendees.length;
      const list = [...context().meeting.attendees.map(asInput), added];
      if (await put(list, accForm, 'Das Konto wurde nicht hinzugefügt.', {
        [`/${n}/account_id`]: acc.control, [`/${n}/function`]: accFunction.control,
      })) {
        say(`${name.split(' – ')[0]} ist als Teilnehmende/r eingetragen.`);
        document.getElementById('teilnehmende-titel').focus();
      }
    });

    // A guest.
    const guestForm = smallForm('Gast hinzufügen');
    const gName = field('Name des Gastes', { maxLength: 200, required: true, prefix: 'gast-name' });
    const gFunction = field('Funktion (freiwillig)', { maxLength: 200, prefix: 'gast-funktion', hint: 'z. B. „Schulleiterin“ oder „Vorsitzender des Integrationsbeirats“' });
    const gOrg = field('Organisation (freiwillig)', { maxLength: 200, prefix: 'gast-organisation' });
    guestForm.append(gName.wrap, gFunction.wrap, gOrg.wrap, actions(button('Gast hinzufügen', 'button', 'submit')));
    el.panel.append(guestForm);
    guestForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(guestForm);
      const name = gName.control.value.trim();
      if (name === '') setFieldError(gName.control, 'Bitte geben Sie den Namen des Gastes ein.');
      if (focusFirstError(guestForm)) return;
      const guest = { name };
      if (gFunction.control.value.trim()) guest.function = gFunction.control.value.trim();
      if (gOrg.control.value.trim()) guest.organisation = gOrg.control.value.trim();
      const n = context().meeting.attendees.length;
      const list = [...context().meeting.attendees.map(asInput), guest];
      // The server's pointers name the list entry: /N/name.
      const ok = await put(list, guestForm, 'Der Gast wurde nicht hinzugefügt.', {
        [`/${n}/name`]: gName.control, [`/${n}/function`]: gFunction.control, [`/${n}/organisation`]: gOrg.control,
      });
      if (!ok) return;
      say(`${name} ist als Gast eingetragen.`);
      document.getElementById('teilnehmende-titel').focus();
    });
  }

  return {
    /**
     * Show the attendees of the meeting.
     * @param {object} meeting
     * @param {boolean} editable officers while the Protokoll is a draft
     */
    render(meeting, editable) {
      el.alert.replaceChildren();
      const attendees = meeting.attendees ?? [];
      if (attendees.length === 0) {
        const li = document.createElement('li');
        li.className = 'edit-list__empty';
        li.textContent = 'Es sind keine Teilnehmenden eingetragen.';
        el.list.replaceChildren(li);
      } else {
        el.list.replaceChildren(...attendees.map((a, i) => {
          const li = document.createElement('li');
          li.className = 'edit-list__item meeting-attendee';
          li.append(paragraph(attendeeText(a), 'edit-list__title'));
          if (editable) {
            const remove = contextButton('Entfernen', `(${a.account?.name ?? a.name})`);
            remove.addEventListener('click', async () => {
              const list = meeting.attendees.filter((_, j) => j !== i).map(asInput);
              if (await put(list, null, 'Die Person wurde nicht entfernt.')) {
                say(`${a.account?.name ?? a.name} ist nicht mehr als Teilnehmende/r eingetragen.`);
                document.getElementById('teilnehmende-titel').focus();
              }
            });
            const div = document.createElement('div');
            div.className = 'edit-list__actions';
            div.append(remove);
            li.append(div);
          }
          return li;
        }));
      }
      el.panel.hidden = !editable;
      if (editable) renderForms(meeting);
      else el.panel.replaceChildren();
    },
  };
}
