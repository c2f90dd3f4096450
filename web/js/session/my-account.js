/*
 * my-account.js: the view "Mein Konto" (/#/mein-konto): the signed-in
 * person's name, email address and roles, and the change of their own
 * password (POST /api/v1/me/password; the other sessions end, this one
 * stays).
 */

import { ApiError, authRequest } from '../shared/api.js';
import { checkNewPassword, clearErrors, focusFirstError, noticeBox, setFieldError, showFormAlert, showProblem } from '../shared/forms.js';
import { tooManyAttemptsText } from '../shared/problems.js';
import { roleLines } from '../shared/roles.js';
import { currentPerson } from '../shared/session.js';

export function createMyAccountView() {
  const form = document.getElementById('passwort-form');
  const username = document.getElementById('passwort-konto');
  const current = document.getElementById('passwort-aktuell');
  const next = document.getElementById('passwort-neu');
  const repeat = document.getElementById('passwort-neu2');
  const status = document.getElementById('passwort-status');
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    status.replaceChildren();
    if (current.value === '') setFieldError(current, 'Bitte geben Sie Ihr aktuelles Passwort ein.');
    checkNewPassword(next, repeat, { current: current.value || undefined });
    if (focusFirstError(form)) return;

    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await authRequest('POST', 'me/password', {
        body: { current_password: current.value, new_password: next.value },
      });
      form.reset();
      username.value = currentPerson()?.email ?? '';
      status.replaceChildren(noticeBox(
        'Ihr Passwort ist geändert.',
        'Auf anderen Geräten und in anderen Browserfenstern sind Sie jetzt abgemeldet.',
        'success',
      ));
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        showFormAlert(form, 'Das Passwort wurde nicht geändert.', tooManyAttemptsText(err.retryAfter));
      } else {
        showProblem(form, err, {
          lead: 'Das Passwort wurde nicht geändert.',
          fields: { '/current_password': current, '/new_password': next },
          texts: { '/current_password': 'Das aktuelle Passwort ist falsch.' },
        });
      }
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    show() {
      const person = currentPerson();
      document.getElementById('mein-konto-name').textContent = person?.display_name ?? '';
      document.getElementById('mein-konto-email').textContent = person?.email ?? '';
      const list = document.getElementById('mein-konto-rollen');
      const lines = person ? roleLines(person) : [];
      list.replaceChildren(...(lines.length ? lines : ['keine Rolle in einer Kommune']).map((line) => {
        const li = document.createElement('li');
        li.textContent = line;
        return li;
      }));
      form.reset();
      clearErrors(form);
      status.replaceChildren();
      username.value = person?.email ?? '';
    },
  };
}
