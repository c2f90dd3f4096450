/*
 * organisation.js: the view „Organisation“ (/#/organisationen/{id}, and
 * /#/organisationen/meine, a partner's „Meine Organisation“): the profile
 * of a Träger, Verein or Schule: Art, Beschreibung, Anschrift, Website,
 * Telefon, E-Mail, Sprachen and the Kommunen it serves. Who may change it
 * (the partner for the own organisation, Integrationsbeauftragte of a
 * Kommune it serves, the Kreisadministration) gets „Bearbeiten“
 * (organisation-form.js). Links lead to its Angebote and Veranstaltungen.
 */

import {
  ORGANISATION_KIND, languageNames, ownOrganisations, term,
} from './terms.js';
import { link, municipalityNames } from './parts.js';
import { createOrganisationForm } from './organisation-form.js';
import { facts } from '../participation/parts.js';
import { authRequest } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import { retryButton, textList } from '../shared/ui.js';

function mayEdit(person, doc) {
  if (person?.district_admin) return true;
  const served = new Set((doc.municipalities ?? []).map((m) => (typeof m === 'string' ? m : m.ags)));
  return (person?.memberships ?? []).some((m) => (m.role === 'partner' && String(m.organisation?.id) === String(doc.id))
    || (m.role === 'officer' && served.has(m.municipality?.ags)));
}

function address(doc) {
  const lines = [doc.street, [doc.postcode, doc.city].filter(Boolean).join(' ')].filter(Boolean);
  if (!lines.length) return null;
  const span = document.createElement('span');
  lines.forEach((line, i) => {
    if (i) span.append(document.createElement('br'));
    span.append(line);
  });
  return span;
}

function externalLink(href, text) {
  if (!href) return null;
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text ?? href;
  return a;
}

export function createOrganisationView() {
  const el = {
    kicker: document.getElementById('organisation-art'),
    title: document.getElementById('organisation-titel'),
    live: document.getElementById('organisation-status'),
    alert: document.getElementById('organisation-fehler'),
    content: document.getElementById('organisation-inhalt'),
    description: document.getElementById('organisation-beschreibung'),
    facts: document.getElementById('organisation-angaben'),
    panel: document.getElementById('organisation-bearbeiten'),
    form: document.getElementById('organisation-bearbeiten-form'),
    saved: document.getElementById('organisation-gespeichert'),
    links: document.getElementById('organisation-links'),
  };
  let id = null;
  let generation = 0;
  const form = createOrganisationForm(el.form, {
    onSaved(doc, etag) {
      render(doc, etag);
      el.panel.open = false;
      el.saved.textContent = 'Die Änderungen sind gespeichert.';
      el.title.focus();
    },
    onReload: () => load({ keepOpen: true }),
  });

  function render(doc, etag) {
    el.title.textContent = doc.name;
    el.kicker.textContent = term(ORGANISATION_KIND, doc.kind);
    el.description.textContent = doc.description ?? '';
    el.description.hidden = !doc.description;
    facts(el.facts, [
      ['Art', term(ORGANISATION_KIND, doc.kind)],
      ['Anschrift', address(doc)],
      ['Website', /^https?:\/\//i.test(doc.website ?? '') ? externalLink(doc.website) : doc.website],
      ['Telefon', doc.phone ? externalLink(`tel:${doc.phone.replace(/[^\d+]/g, '')}`, doc.phone) : null],
      ['E-Mail', doc.contact_email ? externalLink(`mailto:${doc.contact_email}`, doc.contact_email) : null],
      ['Sprachen', (doc.languages ?? []).length ? textList(languageNames(doc.languages)) : null],
      ['Betreute Kommunen', (doc.municipalities ?? []).length ? textList(municipalityNames(doc.municipalities)) : null],
    ]);
    const first = (doc.municipalities ?? [])[0];
    const ags = typeof first === 'string' ? first : first?.ags;
    el.links.replaceChildren();
    if (ags) {
      const filter = new URLSearchParams({ kommune: ags, organisation: doc.id });
      el.links.append(link(`/#/angebote?${filter}`, 'Angebote dieser Organisation'), ' · ',
        link(`/#/veranstaltungen?${filter}`, 'Veranstaltungen dieser Organisation'));
    }
    const may = mayEdit(currentPerson(), doc);
    el.panel.hidden = !may;
    if (may) form.open(doc, etag);
    el.content.hidden = false;
  }

  async function load({ keepOpen = false } = {}) {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.live.textContent = 'Die Organisation wird geladen …';
    try {
      const res = await authRequest('GET', `organisations/${encodeURIComponent(id)}`);
      if (mine !== generation) return;
      const open = keepOpen && el.panel.open;
      render(res.body, res.etag);
      el.panel.open = open;
      el.live.textContent = 'Die Organisation ist geladen.';
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.content.hidden = true;
      el.alert.replaceChildren(noticeBox('Die Organisation konnte nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(() => load()));
    }
  }

  return {
    async show({ args }) {
      el.saved.textContent = '';
      el.panel.open = false;
      if (args.id === 'meine') {
        const own = ownOrganisations(currentPerson());
        if (!own.length) {
          el.title.textContent = 'Meine Organisation';
          el.kicker.textContent = '';
          el.content.hidden = true;
          el.live.textContent = '';
          el.alert.replaceChildren(noticeBox('Ihr Konto gehört zu keiner Organisation.',
            '„Meine Organisation“ gibt es für Partner, die für eine Organisation tätig sind.', null));
          return;
        }
        id = own[0].id;
      } else {
        id = args.id;
      }
      await load();
    },
  };
}
