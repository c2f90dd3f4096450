/*
 * concepts.js: the view "Integrationskonzept" (/#/konzept): the versions
 * of a Kommune's Integrationskonzept with status and Beschluss (date,
 * Drucksache), newest first, each linking to its page; for
 * Integrationsbeauftragte and the Kreisadministration the form that starts
 * a new version, empty or as a copy of an earlier one (copy_from).
 * Fragment parameter: ?kommune=AGS.
 */

import {
  conceptPermissions, fillMunicipalitySelect, municipalityChoices, municipalityName, rememberMunicipality,
  rememberedMunicipality,
} from './context.js';
import { conceptHref, resolutionText, statusLabel, versionText } from './terms.js';
import { authRequest, getAll } from '../shared/api.js';
import { clearErrors, focusFirstError, noticeBox, setFieldError, showProblem } from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { missing, retryButton } from '../shared/ui.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';

export function createConceptsView() {
  const el = {
    municipality: document.getElementById('konzepte-kommune'),
    chooser: document.getElementById('konzepte-auswahl'),
    fieldsLink: document.getElementById('konzepte-handlungsfelder'),
    live: document.getElementById('konzepte-status'),
    alert: document.getElementById('konzepte-fehler'),
    list: document.getElementById('konzepte-liste'),
    panel: document.getElementById('konzepte-neu'),
    form: document.getElementById('konzepte-neu-form'),
    title: document.getElementById('konzepte-neu-name'),
    summary: document.getElementById('konzepte-neu-zusammenfassung'),
    source: document.getElementById('konzepte-neu-vorlage'),
    formStatus: document.getElementById('konzepte-neu-status'),
  };
  let ags = null;
  let generation = 0;
  let busy = false;

  el.chooser.addEventListener('submit', (event) => event.preventDefault());
  el.municipality.addEventListener('change', () => {
    ags = el.municipality.value;
    rememberMunicipality(ags);
    el.formStatus.textContent = '';
    load();
  });

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !ags) return;
    clearErrors(el.form);
    el.formStatus.textContent = '';
    const title = el.title.value.trim();
    if (title === '') setFieldError(el.title, 'Bitte geben Sie einen Titel ein.');
    if (focusFirstError(el.form)) return;
    const body = { title, summary: el.summary.value.trim() || null };
    if (el.source.value) body.copy_from = el.source.value;
    busy = true;
    const here = ags;
    try {
      const { body: created } = await authRequest('POST', `municipalities/${encodeURIComponent(here)}/concepts`, { body });
      el.form.reset();
      await load();
      const link = document.createElement('a');
      link.href = conceptHref(here, created.id);
      link.textContent = `Version ${created.version} bearbeiten`;
      el.formStatus.replaceChildren(
        `Version ${created.version} „${created.title}“ ist als Entwurf angelegt`
        + `${body.copy_from ? ' (mit den Leitzielen und Maßnahmen der Vorlage)' : ''}. `,
        link,
      );
    } catch (err) {
      showProblem(el.form, err, {
        lead: 'Die Version wurde nicht angelegt.',
        fields: { '/title': el.title, '/summary': el.summary, '/copy_from': el.source },
        texts: { '/copy_from': 'Diese Version gibt es in der Kommune nicht (mehr). Bitte wählen Sie eine andere.' },
      });
    } finally {
      busy = false;
    }
  });

  async function load() {
    const mine = ++generation;
    const here = ags;
    const may = conceptPermissions(currentPerson(), here);
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.panel.hidden = !may.manage;
    el.fieldsLink.href = `/#/handlungsfelder?${new URLSearchParams({ kommune: here })}`;
    el.fieldsLink.textContent = `Handlungsfelder von ${municipalityName(el.municipality, here)}`;
    el.live.textContent = 'Versionen werden geladen …';
    let concepts;
    try {
      concepts = await getAll(`municipalities/${encodeURIComponent(here)}/concepts`, { auth: true });
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox(
        'Die Versionen des Integrationskonzepts konnten nicht geladen werden.',
        problemText(err, { notFound: 'In dieser Kommune haben Sie keine Rolle.' }),
      ));
      el.list.replaceChildren(retryButton(load));
      return;
    }
    if (mine !== generation) return;
    concepts.sort((a, b) => b.version - a.version);
    el.source.replaceChildren(new Option('einer leeren Version', ''),
      ...concepts.map((c) => new Option(`einer Kopie von ${versionText(c)} (${statusLabel(c.status)})`, c.id)));
    const adopted = concepts.find((c) => c.status === 'adopted');
    if (adopted) el.source.value = adopted.id;
    const name = municipalityName(el.municipality, here);
    if (!concepts.length) {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = `Für ${name} ist noch keine Version des Integrationskonzepts erfasst, die Sie sehen können.`;
      el.list.replaceChildren(p);
      el.live.textContent = 'Keine Versionen gefunden.';
      return;
    }
    el.list.replaceChildren(conceptTable(here, name, concepts));
    el.live.textContent = concepts.length === 1 ? '1 Version geladen.' : `${formatInteger(concepts.length)} Versionen geladen.`;
  }

  return {
    async show({ params }) {
      const mine = ++generation;
      const options = await municipalityChoices(currentPerson());
      if (mine !== generation) return;
      el.formStatus.textContent = '';
      clearErrors(el.form);
      ags = fillMunicipalitySelect(el.municipality, options, params.get('kommune'), ags, rememberedMunicipality());
      if (!ags) {
        el.panel.hidden = true;
        el.live.textContent = '';
        el.list.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      rememberMunicipality(ags);
      await load();
    },
  };
}

/* The versions as a table: Version, Titel, Status, Beschluss, Leitziele, Maßnahmen. */
function conceptTable(ags, name, concepts) {
  const wrap = document.createElement('div');
  wrap.className = 'concept-table';
  const table = document.createElement('table');
  table.className = 'data-table';
  table.id = 'konzepte-tabelle';
  const caption = table.createCaption();
  caption.textContent = `Versionen des Integrationskonzepts von ${name}`;
  const head = table.createTHead().insertRow();
  for (const [text, num] of [['Version', true], ['Titel', false], ['Status', false], ['Beschluss', false],
    ['Leitziele', true], ['Maßnahmen', true]]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (num) th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  for (const c of concepts) {
    const row = body.insertRow();
    row.dataset.id = c.id;
    const version = document.createElement('td');
    version.className = 'num';
    version.textContent = String(c.version);
    const title = document.createElement('th');
    title.scope = 'row';
    const link = document.createElement('a');
    link.href = conceptHref(ags, c.id);
    link.textContent = c.title;
    title.append(link);
    const status = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `badge badge--concept-${c.status.replace(/[^a-z_]/g, '')}`;
    badge.textContent = statusLabel(c.status);
    status.append(badge);
    const resolution = document.createElement('td');
    const text = resolutionText(c);
    if (text) resolution.textContent = text;
    else resolution.append(missing());
    const goals = document.createElement('td');
    goals.className = 'num';
    goals.textContent = formatInteger(c.goal_count);
    const measures = document.createElement('td');
    measures.className = 'num';
    measures.textContent = formatInteger(c.measure_count);
    row.append(version, title, status, resolution, goals, measures);
  }
  wrap.append(table);
  return wrap;
}
