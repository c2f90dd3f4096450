/*
 * invitation.js: the view "Einladung annehmen" (/#/einladung?token=…).
 * The person sets their password (twice, at least 12 characters); the
 * token stays in the fragment, so it never reaches a server log, and is
 * dropped from the address once it is used.
 */

import { ApiError, apiRequest } from '../shared/api.js';
import { checkNewPassword, clearErrors, focusFirstError, noticeBox, showFormAlert, showProblem } from '../shared/forms.js';
import { currentPerson, isSignedIn } from '../shared/session.js';

const INVALID_TOKEN =
  'Diese Einladung ist ungültig, abgelaufen oder wurde schon verwendet. Bitte bitten Sie die Person, '
  + 'die Sie eingeladen hat, um einen neuen Einladungslink.';

export function createInvitationView() {
  const form = document.getElementById('einladung-form');
  const password = document.getElementById('einladung-passwort');
  const repeat = document.getElementById('einladung-passwort2');
  const done = document.getElementById('einladung-fertig');
  const hint = document.getElementById('einladung-hinweis');
  const linkError = document.getElementById('einladung-fehler');
  let token = null;
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    if (!token) {
      showFormAlert(form, 'Der Einladungslink ist unvollständig.', 'Bitte öffnen Sie den vollständigen Link, den Sie erhalten haben.');
      return;
    }
    if (!checkNewPassword(password, repeat)) {
      focusFirstError(form);
      return;
    }
    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const { body } = await apiRequest('POST', 'auth/invitation', {
        body: { token, password: password.value },
        cache: 'no-store',
      });
      form.reset();
      form.hidden = true;
      token = null;
      // The token is used up: keep it out of the history and bookmarks.
      history.replaceState(history.state, '', `${location.pathname}${location.search}#/einladung`);
      document.getElementById('einladung-fertig-email').textContent = body.email;
      document.getElementById('einladung-anmelden').href =
        `/#/anmelden?${new URLSearchParams({ email: body.email })}`;
      done.hidden = false;
      document.getElementById('einladung-fertig-titel').focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422
          && (err.problem.errors ?? []).some((e) => e.pointer === '/token')) {
        showFormAlert(form, 'Das Passwort konnte nicht festgelegt werden.', INVALID_TOKEN);
      } else {
        showProblem(form, err, {
          lead: 'Das Passwort konnte nicht festgelegt werden.',
          fields: { '/password': password },
        });
      }
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    show({ params }) {
      token = params.get('token');
      clearErrors(form);
      form.reset();
      done.hidden = true;
      form.hidden = false;
      hint.hidden = !isSignedIn();
      if (isSignedIn()) {
        document.getElementById('einladung-hinweis-name').textContent =
          currentPerson()?.display_name ?? 'eine andere Person';
      }
      linkError.replaceChildren();
      if (!token) {
        form.hidden = true;
        linkError.replaceChildren(noticeBox(
          'Der Einladungslink ist unvollständig.',
          'Bitte öffnen Sie den vollständigen Link, den Sie erhalten haben, oder bitten Sie um einen neuen.',
        ));
      }
    },
  };
}

