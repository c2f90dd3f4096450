/*
 * signin.js: the view "Anmelden" (/#/anmelden): email address and password,
 * sent with the password grant. ?email= fills in the address (after an
 * invitation was accepted); ?weiter= names the view to go on to.
 */

import { ApiError } from '../shared/api.js';
import { clearErrors, focusFirstError, noticeBox, setFieldError, showFormAlert } from '../shared/forms.js';
import { problemText, tooManyAttemptsText } from '../shared/problems.js';
import { currentPerson, isSignedIn, signIn } from '../shared/session.js';

const WRONG_CREDENTIALS = 'E-Mail-Adresse oder Passwort ist falsch.';

/**
 * @param {{onSignedIn: (next: string | null) => void}} hooks
 *        called after a successful sign-in with ?weiter=
 */
export function createSignInView({ onSignedIn }) {
  const form = document.getElementById('anmelden-form');
  const email = document.getElementById('anmelden-email');
  const password = document.getElementById('anmelden-passwort');
  const status = document.getElementById('anmelden-status');
  const already = document.getElementById('anmelden-bereits');
  let next = null;
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    status.replaceChildren();
    if (email.value.trim() === '') setFieldError(email, 'Bitte geben Sie Ihre E-Mail-Adresse ein.');
    if (password.value === '') setFieldError(password, 'Bitte geben Sie Ihr Passwort ein.');
    if (focusFirstError(form)) return;

    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await signIn(email.value.trim(), password.value);
      form.reset();
      onSignedIn(next);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem.error === 'invalid_grant') {
        showFormAlert(form, WRONG_CREDENTIALS);
      } else if (err instanceof ApiError && err.status === 429) {
        showFormAlert(form, tooManyAttemptsText(err.retryAfter));
      } else {
        showFormAlert(form, 'Die Anmeldung ist fehlgeschlagen.', problemText(err));
      }
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    /**
     * @param {{params: URLSearchParams, message?: string | null}} context
     *        message: shown in the status region (e.g. "Sie haben sich abgemeldet.")
     */
    show({ params, message }) {
      next = params.get('weiter');
      clearErrors(form);
      const signedIn = isSignedIn();
      form.hidden = signedIn;
      already.hidden = !signedIn;
      if (signedIn) {
        document.getElementById('anmelden-bereits-name').textContent =
          currentPerson()?.display_name ?? 'einer anderen Person';
      }
      if (params.get('email')) email.value = params.get('email');
      // After the view is shown, so the live region announces it.
      status.replaceChildren();
      if (message) setTimeout(() => status.replaceChildren(noticeBox(message, null, null)), 50);
    },
  };
}
