/*
 * invitation-link.js: shows an invitation just issued as the link to pass
 * on, with a button that copies it. Teilhabe sends no mail; the token is
 * shown only once, so the text says so.
 */

import { formatDateTime } from '../shared/format.js';

/** The link a person opens to accept the invitation. */
export function invitationUrl(token) {
  return `${window.location.origin}/#/einladung?${new URLSearchParams({ token })}`;
}

/**
 * Render the link into container and move the focus to its heading.
 * @param {HTMLElement} container its id names the parts inside
 * @param {{account: {display_name: string, email: string},
 *          invitation: {token: string, expires_at: string},
 *          again?: boolean, onClose?: () => void}} what
 *        again: a new link for an existing account; onClose: adds a
 *        button that closes the box
 */
export function showInvitationLink(container, { account, invitation, again = false, onClose }) {
  const id = container.id;
  const url = invitationUrl(invitation.token);

  const box = document.createElement('div');
  box.className = 'notice notice--success invitation';

  const title = document.createElement('h2');
  title.id = `${id}-titel`;
  title.tabIndex = -1;
  title.textContent = again
    ? `Neuer Einladungslink für ${account.display_name}`
    : `Einladung für ${account.display_name} erstellt`;

  const pass = document.createElement('p');
  pass.textContent = `Teilhabe verschickt keine E-Mails. Bitte geben Sie diesen Link selbst an ${account.display_name} `
    + `(${account.email}) weiter, zum Beispiel per E-Mail aus Ihrem Postfach. Mit dem Link legt die Person ihr Passwort fest.`;

  const valid = document.createElement('p');
  valid.textContent = `Der Link ist gültig bis ${formatDateTime(invitation.expires_at)} und wird nur jetzt angezeigt.`
    + (again ? ' Frühere Einladungslinks dieses Kontos gelten nicht mehr.' : '');

  const field = document.createElement('div');
  field.className = 'field copy-field';
  const label = document.createElement('label');
  label.htmlFor = `${id}-link`;
  label.textContent = 'Einladungslink';
  const row = document.createElement('div');
  row.className = 'copy-field__row';
  const input = document.createElement('input');
  input.id = `${id}-link`;
  input.type = 'text';
  input.readOnly = true;
  input.value = url;
  input.spellcheck = false;
  input.addEventListener('focus', () => input.select());
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'button';
  copy.textContent = 'Link kopieren';
  row.append(input, copy);
  field.append(label, row);

  const feedback = document.createElement('p');
  feedback.className = 'status';
  feedback.setAttribute('role', 'status');
  feedback.id = `${id}-kopiert`;

  copy.addEventListener('click', async () => {
    feedback.textContent = '';
    if (await copyText(url, input)) {
      feedback.textContent = 'Der Link ist in die Zwischenablage kopiert.';
    } else {
      input.focus();
      input.select();
      feedback.textContent = 'Der Link konnte nicht automatisch kopiert werden. Er ist markiert: Bitte kopieren Sie ihn mit Strg+C.';
    }
  });

  box.append(title, pass, valid, field, feedback);
  if (onClose) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'button button--secondary';
    close.textContent = 'Hinweis schließen';
    close.addEventListener('click', () => {
      container.replaceChildren();
      onClose();
    });
    box.append(close);
  }
  container.replaceChildren(box);
  title.focus();
}

async function copyText(text, input) {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* not allowed (e.g. no secure context): try the old way */
  }
  try {
    input.focus();
    input.select();
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
