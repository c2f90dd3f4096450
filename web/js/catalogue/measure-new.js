/*
 * measure-new.js: „Neue Maßnahme“ (/#/massnahmen/neu?kommune=AGS
 * [&konzept=ID][&uebergeordnet=ID]): the measure form (measure-form.js) to
 * add a measure to a concept that is not archived. Integrationsbeauftragte
 * and the Kreisadministration only; the new measure opens afterwards.
 */

import { createMeasureForm } from './measure-form.js';
import { measureHref } from './concept.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { officerMunicipalities } from '../shared/roles.js';
import { getAll } from '../shared/api.js';
import { currentPerson } from '../shared/session.js';

export function createNewMeasureView() {
  const el = {
    back: document.getElementById('neue-massnahme-zurueck'),
    kicker: document.getElementById('neue-massnahme-kommune'),
    live: document.getElementById('neue-massnahme-status'),
    alert: document.getElementById('neue-massnahme-fehler'),
    form: document.getElementById('neue-massnahme-form'),
  };
  let generation = 0;
  let currentAgs = null;
  const form = createMeasureForm(el.form, {
    prefix: 'nm',
    create: true,
    onSaved(measure) {
      window.location.hash = measureHref(currentAgs, measure.id).slice(1);
    },
  });

  /* Kommunen where the person may add measures. */
  function allowedKommunen() {
    const person = currentPerson();
    if (person?.district_admin) return null; // every one
    return officerMunicipalities(person).map((m) => m.ags);
  }

  return {
    async show({ params }) {
      const mine = ++generation;
      el.alert.replaceChildren();
      el.form.hidden = true;
      const allowed = allowedKommunen();
      const ags = params.get('kommune') ?? allowed?.[0] ?? null;
      currentAgs = ags;
      el.back.href = `/#/katalog${ags ? `?${new URLSearchParams({ kommune: ags })}` : ''}`;
      el.kicker.textContent = '';
      if (!ags || !/^\d{8}$/.test(ags) || (allowed && !allowed.includes(ags))) {
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox(
          'Hier können Sie keine Maßnahme anlegen.',
          'Maßnahmen legen die Integrationsbeauftragten der Kommune und die Kreisadministration an.',
        ));
        return;
      }
      el.live.textContent = 'Das Formular wird vorbereitet …';
      try {
        const concepts = (await getAll(`municipalities/${encodeURIComponent(ags)}/concepts`, { auth: true }))
          .filter((c) => c.status !== 'archived')
          .sort((a, b) => b.version - a.version);
        if (mine !== generation) return;
        const wanted = params.get('konzept');
        const conceptId = concepts.find((c) => c.id === wanted)?.id
          ?? concepts.find((c) => c.status === 'adopted')?.id ?? concepts[0]?.id ?? null;
        await form.open({ ags, conceptId, concepts, parentId: params.get('uebergeordnet') });
        if (mine !== generation) return;
        const name = (currentPerson()?.memberships ?? []).find((m) => m.municipality?.ags === ags)?.municipality?.name;
        el.kicker.textContent = name ?? '';
        el.form.hidden = false;
        el.live.textContent = concepts.length
          ? 'Pflichtangaben: Integrationskonzept, Kennung, Titel, Handlungsfeld und Zeithorizont.'
          : '';
        if (!concepts.length) {
          el.form.hidden = true;
          el.alert.replaceChildren(noticeBox('Die Kommune hat kein Integrationskonzept, das Maßnahmen aufnimmt.'));
        }
      } catch (err) {
        if (mine !== generation) return;
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Das Formular konnte nicht vorbereitet werden.', problemText(err)));
      }
    },
  };
}
