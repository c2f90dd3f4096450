/*
 * accounts.js: the view "Konten" (/#/konten). Lists GET /api/v1/accounts
 * page by page (keyset cursor) with filters by Kommune, Rolle, Status and
 * text; officers and district admins deactivate and reactivate accounts
 * and issue new invitation links. A change reads the account first and
 * sends its ETag as If-Match, so a change made meanwhile by someone else is
 * not overwritten (412: the row is read again and the person told so).
 * ?limit= in the fragment sets the page size (1..200).
 */

import { authRequest, getPage, loadAllMunicipalities } from '../shared/api.js';
import { formatDate, formatDateTime, formatInteger } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { accountMunicipalities, canManageAccounts, mayManage, roleLines } from '../shared/roles.js';
import { currentPerson } from '../shared/session.js';
import { createPagedList } from '../shared/paged-list.js';
import { missing } from '../shared/ui.js';
import { showInvitationLink } from './invitation-link.js';

const STATUS_LABELS = { active: 'aktiv', disabled: 'deaktiviert' };

export function createAccountsView() {
  const el = {
    invite: document.getElementById('konten-einladen'),
    filter: document.getElementById('konten-filter'),
    municipality: document.getElementById('filter-kommune'),
    role: document.getElementById('filter-rolle'),
    status: document.getElementById('filter-status'),
    q: document.getElementById('filter-suche'),
    live: document.getElementById('konten-status'),
    alert: document.getElementById('konten-fehler'),
    link: document.getElementById('konten-einladungslink'),
    list: document.getElementById('konten-liste'),
    dialog: document.getElementById('konto-dialog'),
  };
  const state = {
    person: null,
    pageSize: undefined,
    filters: {},
    count: 0,
    generation: 0,
    rows: new Map(), // id -> {row, account}
  };
  let tbody = null;
  const list = createPagedList({
    container: el.list,
    nouns: 'Konten',
    alert: el.alert,
    live: el.live,
    loadingText: 'Konten werden geladen …',
    fetchPage: (cursor) => getPage('accounts', { params: { ...state.filters, limit: state.pageSize }, cursor, auth: true }),
    show(items, isFirstPage) {
      if (isFirstPage) createTable();
      const firstNew = appendRows(items);
      el.live.textContent = isFirstPage
        ? countText(state.count)
        : `${countText(items.length, true)} – insgesamt ${formatInteger(state.count)}.`;
      return firstNew;
    },
    empty: showEmpty,
    failed: showLoadError,
  });
  const load = list.load;
  let allMunicipalities = null; // district admins: every Kommune, loaded once

  el.filter.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = {
      municipality: el.municipality.value || undefined,
      role: el.role.value || undefined,
      status: el.status.value || undefined,
      q: el.q.value.trim() || undefined,
    };
    reset();
    load();
  });

  function reset() {
    state.generation += 1;
    state.count = 0;
    state.rows.clear();
    tbody = null;
    list.reset();
  }

  function manages() {
    return canManageAccounts(state.person);
  }

  function createTable() {
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', 'konten-tabelle-titel');

    const table = document.createElement('table');
    table.className = 'data-table';
    table.id = 'konten-tabelle';
    const caption = table.createCaption();
    caption.id = 'konten-tabelle-titel';
    const inner = document.createElement('span');
    inner.className = 'caption-inner';
    inner.append('Konten mit Rollen und Status');
    const note = filterSummary();
    if (note) {
      const span = document.createElement('span');
      span.className = 'caption-note';
      span.textContent = note;
      inner.append(span);
    }
    caption.append(inner);

    const columns = ['Person', 'Rollen', 'Status', 'Letzte Anmeldung'];
    if (manages()) columns.push('Aktionen');
    const headRow = table.createTHead().insertRow();
    for (const label of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      headRow.append(th);
    }
    tbody = table.createTBody();
    wrapper.append(table);
    el.list.replaceChildren(wrapper);
  }

  function filterSummary() {
    const parts = [];
    const f = state.filters;
    if (f.municipality) parts.push(`Kommune: ${selectedText(el.municipality, f.municipality)}`);
    if (f.role) parts.push(`Rolle: ${selectedText(el.role, f.role)}`);
    if (f.status) parts.push(`Status: ${selectedText(el.status, f.status)}`);
    if (f.q) parts.push(`Suche: „${f.q}“`);
    return parts.length ? `Gefiltert – ${parts.join(', ')}` : '';
  }

  function appendRows(items) {
    let first = null;
    for (const account of items) {
      if (state.rows.has(account.id)) continue;
      const row = tbody.insertRow();
      row.id = `konto-${account.id}`;
      state.rows.set(account.id, { row, account });
      fillRow(row, account);
      first ??= row.cells[0];
      state.count += 1;
    }
    return first;
  }

  /* (Re)writes a row's cells; keeps the action buttons, so focus stays. */
  function fillRow(row, account) {
    const entry = state.rows.get(account.id);
    if (entry) entry.account = account;

    let name = row.cells[0];
    if (!name) {
      name = document.createElement('th');
      name.scope = 'row';
      row.append(name);
      for (let i = 0; i < 3; i++) row.insertCell();
    }
    name.replaceChildren(account.display_name);
    if (account.id === state.person?.id) name.append(' (Ihr Konto)');
    const email = document.createElement('span');
    email.className = 'cell-note email';
    email.textContent = account.email;
    name.append(email);

    const roles = document.createElement('ul');
    roles.className = 'plain-list';
    for (const line of roleLines(account)) {
      const li = document.createElement('li');
      li.textContent = line;
      roles.append(li);
    }
    row.cells[1].replaceChildren(roles.childElementCount ? roles : missing());

    const status = document.createElement('span');
    status.className = `status-badge status-badge--${account.status}`;
    status.textContent = STATUS_LABELS[account.status] ?? account.status;
    row.cells[2].replaceChildren(status);
    if (account.invitation_pending) {
      const note = document.createElement('span');
      note.className = 'cell-note';
      const expired = account.invitation_expires_at && Date.parse(account.invitation_expires_at) < Date.now();
      note.textContent = expired
        ? 'Einladung abgelaufen'
        : `Einladung offen${account.invitation_expires_at ? ` bis ${formatDate(isoDateLocal(account.invitation_expires_at))}` : ''}`;
      row.cells[2].append(note);
    }

    if (account.last_login_at) {
      const time = document.createElement('time');
      time.dateTime = account.last_login_at;
      time.textContent = formatDateTime(account.last_login_at);
      row.cells[3].replaceChildren(time);
    } else {
      row.cells[3].replaceChildren('noch nie');
    }

    if (manages()) {
      let actions = row.cells[4];
      if (!actions) {
        actions = row.insertCell();
        actions.className = 'row-actions';
      }
      fillActions(actions, account);
    }
  }

  function fillActions(cell, account) {
    if (!mayManage(state.person, account)) {
      cell.replaceChildren();
      if (account.id === state.person?.id) {
        cell.append(missing());
      } else {
        const note = document.createElement('span');
        note.className = 'cell-note';
        note.textContent = 'nur durch die Kreisadministration';
        cell.append(note);
      }
      return;
    }
    let toggle = cell.querySelector('button[data-action="status"]');
    let invite = cell.querySelector('button[data-action="invite"]');
    if (!toggle) {
      cell.replaceChildren();
      toggle = actionButton('status');
      invite = actionButton('invite');
      const group = document.createElement('div');
      group.className = 'row-actions__buttons';
      group.append(toggle, invite);
      cell.append(group);
      toggle.addEventListener('click', () => changeStatus(account.id, toggle));
      invite.addEventListener('click', () => newInvitation(account.id, invite));
    }
    const disabled = account.status === 'disabled';
    setButtonText(toggle, disabled ? 'Reaktivieren' : 'Deaktivieren', account.display_name);
    toggle.dataset.target = disabled ? 'active' : 'disabled';
    setButtonText(invite, 'Neuer Einladungslink', account.display_name);
    invite.hidden = disabled;
  }

  function actionButton(action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--small button--secondary';
    button.dataset.action = action;
    return button;
  }

  /* "Deaktivieren", read out as "Deaktivieren: Diana Stöcker (…)": the
     label starts with the visible text (WCAG 2.5.3). */
  function setButtonText(button, text, name) {
    button.textContent = text;
    button.setAttribute('aria-label', `${text}: ${name}`);
  }

  /* A message at the row's buttons, tied to them; null clears it. */
  function rowMessage(id, text) {
    const entry = state.rows.get(id);
    if (!entry) return;
    const cell = entry.row.cells[4];
    if (!cell) return;
    const msgId = `konto-${id}-meldung`;
    cell.querySelector(`#${msgId}`)?.remove();
    const buttons = [...cell.querySelectorAll('button')];
    for (const b of buttons) {
      if (text) b.setAttribute('aria-describedby', msgId);
      else b.removeAttribute('aria-describedby');
    }
    if (!text) return;
    const p = document.createElement('p');
    p.id = msgId;
    p.className = 'field-error';
    p.textContent = text;
    cell.append(p);
  }

  async function readAccount(id) {
    const res = await authRequest('GET', `accounts/${encodeURIComponent(id)}`);
    const entry = state.rows.get(id);
    if (entry) fillRow(entry.row, res.body);
    return res;
  }

  async function changeStatus(id, button) {
    if (button.getAttribute('aria-disabled') === 'true') return;
    const target = button.dataset.target;
    const entry = state.rows.get(id);
    const name = entry?.account.display_name ?? '';
    el.alert.replaceChildren();
    rowMessage(id, null);
    button.setAttribute('aria-disabled', 'true');
    try {
      // The account as it is now, and its ETag for If-Match.
      let current;
      try {
        current = await readAccount(id);
      } catch (err) {
        failRow(id, name, target, err);
        return;
      }
      if (current.body.status === target) {
        el.live.textContent = `Das Konto von ${current.body.display_name} ist bereits ${STATUS_LABELS[target]}.`;
        return;
      }
      if (target === 'disabled' && !(await confirmDisable(current.body, button))) return;
      try {
        const res = await authRequest('PATCH', `accounts/${encodeURIComponent(id)}`, {
          body: { status: target },
          headers: current.etag ? { 'If-Match': current.etag } : {},
        });
        fillRow(state.rows.get(id).row, res.body);
        el.live.textContent = target === 'disabled'
          ? `Das Konto von ${res.body.display_name} ist deaktiviert. Die Person kann sich nicht mehr anmelden.`
          : `Das Konto von ${res.body.display_name} ist wieder aktiv.`;
      } catch (err) {
        if (err?.status === 412) {
          try {
            await readAccount(id);
          } catch {
            /* the message below says it all */
          }
        }
        failRow(id, name, target, err);
      }
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  function failRow(id, name, target, err) {
    const text = problemText(err, {
      notFound: 'Das Konto wurde nicht gefunden. Vielleicht ist es für Sie nicht mehr sichtbar; bitte laden Sie die Liste neu.',
    });
    rowMessage(id, text);
    const lead = target === 'disabled'
      ? `Das Konto von ${name} wurde nicht deaktiviert.`
      : target === 'active'
        ? `Das Konto von ${name} wurde nicht reaktiviert.`
        : `Für ${name} wurde kein neuer Einladungslink erstellt.`;
    el.alert.replaceChildren(noticeBox(lead, text));
  }

  /* Resolves true when the person confirms in the dialog. */
  function confirmDisable(account, opener) {
    const { dialog } = el;
    document.getElementById('konto-dialog-text').textContent =
      `${account.display_name} (${account.email}) kann sich danach nicht mehr anmelden; `
      + 'laufende Anmeldungen enden sofort. Sie können das Konto später wieder reaktivieren.';
    const yes = document.getElementById('konto-dialog-ja');
    const no = document.getElementById('konto-dialog-nein');
    return new Promise((resolve) => {
      const finish = (answer) => {
        yes.removeEventListener('click', onYes);
        no.removeEventListener('click', onNo);
        dialog.removeEventListener('close', onClose);
        if (dialog.open) dialog.close();
        opener.focus();
        resolve(answer);
      };
      const onYes = () => finish(true);
      const onNo = () => finish(false);
      const onClose = () => finish(false); // Escape
      yes.addEventListener('click', onYes);
      no.addEventListener('click', onNo);
      dialog.addEventListener('close', onClose);
      dialog.showModal();
      no.focus();
    });
  }

  async function newInvitation(id, button) {
    if (button.getAttribute('aria-disabled') === 'true') return;
    const entry = state.rows.get(id);
    const name = entry?.account.display_name ?? '';
    el.alert.replaceChildren();
    rowMessage(id, null);
    button.setAttribute('aria-disabled', 'true');
    try {
      const { body } = await authRequest('POST', `accounts/${encodeURIComponent(id)}/invitation`);
      const { invitation, ...account } = body;
      fillRow(state.rows.get(id).row, account);
      el.link.hidden = false;
      showInvitationLink(el.link, { account, invitation, again: true, onClose: () => { el.link.hidden = true; button.focus(); } });
    } catch (err) {
      failRow(id, name, 'invite', err);
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  function showEmpty() {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = filterSummary()
      ? 'Kein Konto passt zu diesen Filtern.'
      : 'Es sind noch keine Konten sichtbar.';
    el.list.replaceChildren(p);
    el.live.textContent = 'Keine Konten gefunden.';
  }

  function showLoadError(err, isFirstPage) {
    el.alert.replaceChildren(noticeBox(
      isFirstPage ? 'Die Konten konnten nicht geladen werden.' : 'Weitere Konten konnten nicht geladen werden.',
      problemText(err),
    ));
    el.live.textContent = '';
  }

  async function fillMunicipalityFilter(person) {
    let options = accountMunicipalities(person);
    if (person.district_admin) {
      if (!allMunicipalities) {
        try {
          allMunicipalities = await loadAllMunicipalities();
        } catch {
          allMunicipalities = null; // the filter offers the own ones only
        }
      }
      options = allMunicipalities ?? options;
    }
    const keep = el.municipality.value;
    el.municipality.replaceChildren(new Option('Alle Kommunen', ''),
      ...options.map((m) => new Option(m.name, m.ags)));
    el.municipality.value = options.some((m) => m.ags === keep) ? keep : '';
  }

  return {
    async show({ params }) {
      state.person = currentPerson();
      const n = Number.parseInt(params.get('limit') ?? '', 10);
      state.pageSize = Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
      el.invite.hidden = !manages();
      el.link.hidden = true;
      el.link.replaceChildren();
      reset();
      const generation = state.generation;
      await fillMunicipalityFilter(state.person);
      if (generation !== state.generation) return;
      state.filters = {
        municipality: el.municipality.value || undefined,
        role: el.role.value || undefined,
        status: el.status.value || undefined,
        q: el.q.value.trim() || undefined,
      };
      await load();
    },
  };
}

function selectedText(select, value) {
  return [...select.options].find((o) => o.value === value)?.textContent ?? value;
}

/* The local calendar day of a timestamp, as "YYYY-MM-DD". */
function isoDateLocal(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/* "3 Konten geladen.", "1 weiteres Konto geladen." */
function countText(n, more = false) {
  if (n === 1) return `1 ${more ? 'weiteres ' : ''}Konto geladen.`;
  return `${formatInteger(n)} ${more ? 'weitere ' : ''}Konten geladen.`;
}
