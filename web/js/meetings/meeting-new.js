/*
 * meeting-new.js: the view „Neue Sitzung“ (/#/sitzungen/neu?kommune=AGS)
 * for Integrationsbeauftragte and the Kreisadministration: the meeting form
 * (meeting-form.js); once saved, the new meeting's page opens.
 */

import { createMeetingForm } from './meeting-form.js';
import { meetingMunicipalities } from './parts.js';
import { meetingHref, meetingPermissions } from './terms.js';
import { noticeBox } from '../shared/forms.js';
import { currentPerson } from '../shared/session.js';

export function createNewMeetingView() {
  const el = {
    back: document.getElementById('neue-sitzung-zurueck'),
    kicker: document.getElementById('neue-sitzung-kommune'),
    alert: document.getElementById('neue-sitzung-fehler'),
    form: document.getElementById('neue-sitzung-form'),
  };
  let ags = null;
  const form = createMeetingForm(el.form, {
    prefix: 'sn',
    create: true,
    onSaved(meeting) {
      window.location.hash = meetingHref(ags, meeting.id).slice(1);
    },
  });

  return {
    async show({ params }) {
      el.alert.replaceChildren();
      const options = (await meetingMunicipalities(currentPerson()))
        .filter((m) => meetingPermissions(currentPerson(), m.ags).manage);
      ags = options.find((m) => m.ags === params.get('kommune'))?.ags ?? options[0]?.ags ?? null;
      el.back.href = `/#/sitzungen${ags ? `?${new URLSearchParams({ kommune: ags })}` : ''}`;
      if (!ags) {
        el.form.hidden = true;
        el.kicker.textContent = '';
        el.alert.replaceChildren(noticeBox(
          'Sitzungen legen Integrationsbeauftragte und die Kreisadministration an.',
          'Ihr Konto hat in keiner Kommune eine dieser Rollen.',
        ));
        return;
      }
      el.kicker.textContent = options.find((m) => m.ags === ags)?.name ?? ags;
      el.form.hidden = false;
      form.open({ ags });
    },
  };
}
