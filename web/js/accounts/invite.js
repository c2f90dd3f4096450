/*
 * invite.js: the view "Person einladen" (/#/konten/neu). Officers invite
 * people into the Steuerungsgruppe or as Partner of an organisation in the
 * Kommunen where they are Integrationsbeauftragte/r; district admins into
 * every Kommune, and as Integrationsbeauftragte/r too. The answer's
 * invitation is shown as a link to pass on (invitation-link.js).
 */

import { clearErrors, focusFirstError, setFieldError, showProblem } from '../shared/forms.js';
import { showInvitationLink } from './invitation-link.js';
import { officerMunicipalities } from '../shared/roles.js';
import { authRequest, getAll, loadAllMunicipalities } from '../shared/api.js';
import { currentPerson } from '../shared/session.js';

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function createInviteView() {
  const form = document.getElementById('einladen-form');
  const email = document.getElementById('einladen-email');
  const name = document.getElementById('einladen-name');
  const municipality = document.getElementById('einladen-kommune');
  const roles = document.getElementById('einladen-rolle');
  const orgField = document.getElementById('einladen-organisation-feld');
  const organisation = document.getElementById('einladen-organisation');
  const result = document.getElementById('einladen-ergebnis');
  const note = document.getElementById('einladen-hinweis');
  let busy = false;
  let orgRequest = 0;

  const selectedRole = () => form.querySelector('input[name="role"]:checked')?.value ?? '';

  roles.addEventListener('change', updateOrganisations);
  municipality.addEventListener('change', updateOrganisations);

  /* The organisation select: only for partners, with the organisations
     that serve the chosen Kommune. */
  async function updateOrganisations() {
    const isPartner = selectedRole() === 'partner';
    orgField.hidden = !isPartner;
    organisation.required = isPartner;
    if (!isPartner) return;
    const ags = municipality.value;
    const request = ++orgRequest;
    organisation.replaceChildren(new Option(ags ? 'Organisationen werden geladen …' : 'Bitte zuerst eine Kommune wählen', ''));
    if (!ags) return;
    try {
      const items = await getAll('organisations', { params: { municipality: ags }, auth: true });
      if (request !== orgRequest) return;
      organisation.replaceChildren(
        new Option(items.length ? 'Bitte wählen' : 'In dieser Kommune ist noch keine Organisation erfasst', ''),
        ...items.map((o) => new Option(o.name, o.id)),
      );
    } catch {
      if (request !== orgRequest) return;
      organisation.replaceChildren(new Option('Die Organisationen konnten nicht geladen werden', ''));
      setFieldError(organisation, 'Die Organisationen konnten nicht geladen werden. Bitte wählen Sie die Kommune erneut.');
    }
  }

  function validate() {
    const mail = email.value.trim();
    if (mail === '') setFieldError(email, 'Bitte geben Sie die E-Mail-Adresse der Person ein.');
    else if (!EMAIL_PATTERN.test(mail) || mail.length > 254) {
      setFieldError(email, 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@musterstadt.de.');
    }
    const displayName = name.value.trim();
    if (displayName === '') setFieldError(name, 'Bitte geben Sie den Namen der Person ein.');
    else if (displayName.length > 200) setFieldError(name, 'Der Name darf höchstens 200 Zeichen lang sein.');
    if (!municipality.value) setFieldError(municipality, 'Bitte wählen Sie die Kommune.');
    const role = selectedRole();
    if (!role) setFieldError(roles, 'Bitte wählen Sie die Rolle.');
    if (role === 'partner' && !organisation.value) {
      setFieldError(organisation, 'Bitte wählen Sie die Organisation, für die die Person tätig ist.');
    }
    return !focusFirstError(form);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    if (!validate()) return;

    const membership = { municipality: municipality.value, role: selectedRole() };
    if (membership.role === 'partner') membership.organisation_id = organisation.value;
    const body = { email: email.value.trim(), display_name: name.value.trim(), memberships: [membership] };

    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const { body: created } = await authRequest('POST', 'accounts', { body });
      const { invitation, ...account } = created;
      form.hidden = true;
      note.hidden = true;
      result.hidden = false;
      showInvitationLink(result, { account, invitation });
      const more = document.createElement('p');
      more.className = 'form-actions';
      const again = document.createElement('button');
      again.type = 'button';
      again.className = 'button button--secondary';
      again.textContent = 'Weitere Person einladen';
      again.addEventListener('click', () => {
        resetForm();
        email.focus();
      });
      const back = document.createElement('a');
      back.href = '/#/konten';
      back.textContent = 'Zur Kontenliste';
      more.append(again, ' ', back);
      result.append(more);
    } catch (err) {
      showProblem(form, err, {
        lead: 'Die Einladung konnte nicht erstellt werden.',
        fields: {
          '/email': email,
          '/display_name': name,
          '/memberships': municipality,
          '/memberships/0': municipality,
          '/memberships/0/municipality': municipality,
          '/memberships/0/role': roles,
          '/memberships/0/organisation_id': organisation,
        },
        conflict: 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse.',
      });
      if (err?.status === 409) {
        setFieldError(email, 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse.');
        email.focus();
      }
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });

  function resetForm() {
    form.reset();
    clearErrors(form);
    result.replaceChildren();
    result.hidden = true;
    form.hidden = false;
    note.hidden = false;
    orgField.hidden = true;
    // One Kommune: it is chosen already.
    if (municipality.options.length === 2) municipality.selectedIndex = 1;
  }

  return {
    async show() {
      const person = currentPerson();
      const canOfficer = Boolean(person?.district_admin);
      form.querySelector('.choice[data-role="officer"]').hidden = !canOfficer;
      let options = officerMunicipalities(person);
      if (person?.district_admin) {
        try {
          options = await loadAllMunicipalities();
        } catch {
          /* offers the own Kommunen only */
        }
      }
      municipality.replaceChildren(new Option('Bitte wählen', ''), ...options.map((m) => new Option(m.name, m.ags)));
      resetForm();
    },
  };
}
