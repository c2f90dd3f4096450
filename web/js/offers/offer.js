/*
 * offer.js: the view „Angebot“ (/#/angebote/{id}?kommune=AGS): what an
 * Angebot is, who makes it, for whom, in which languages, where and when
 * (the weekly slots and their free text), what it costs, how barrierefrei it
 * is, whether one must register, how to reach it, how long it is valid and
 * who sees it. Whoever may change it (Integrationsbeauftragte; partners for
 * their organisation's offers) gets „Angebot bearbeiten“ and „Angebot
 * löschen“; others see no such control.
 */

import {
  COST, OFFER_KIND, OFFER_VISIBILITY, TARGET_GROUP, apiPath, languageNames, offerPermissions, offersHref, slotText, term,
} from './terms.js';
import { createOfferForm } from './offer-form.js';
import { link } from '../organisations/parts.js';
import { organisationHref } from '../organisations/terms.js';
import { confirmIn, facts } from '../participation/parts.js';
import { authRequest } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import { dateElement, retryButton, textList } from '../shared/ui.js';

function validity(o) {
  if (!o.valid_from && !o.valid_until) return 'unbefristet';
  const frag = document.createDocumentFragment();
  if (o.valid_from) frag.append('ab ', dateElement(o.valid_from));
  if (o.valid_from && o.valid_until) frag.append(' ');
  if (o.valid_until) frag.append('bis ', dateElement(o.valid_until));
  return frag;
}

function contact(o) {
  const items = [];
  // Only web addresses become links (no javascript: or data: from a form).
  const add = (href, text) => {
    if (!href) {
      items.push(document.createTextNode(text));
      return;
    }
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    items.push(a);
  };
  if (o.contact_email) add(`mailto:${o.contact_email}`, o.contact_email);
  if (o.phone) add(`tel:${o.phone.replace(/[^\d+]/g, '')}`, o.phone);
  if (o.website) add(/^https?:\/\//i.test(o.website) ? o.website : null, o.website);
  if (!items.length) return null;
  const ul = document.createElement('ul');
  ul.className = 'plain-list';
  for (const a of items) {
    const li = document.createElement('li');
    li.append(a);
    ul.append(li);
  }
  return ul;
}

function times(o) {
  const frag = document.createDocumentFragment();
  const slots = (o.slots ?? []).map(slotText);
  if (slots.length) frag.append(textList(slots));
  if (o.times_text) {
    const p = document.createElement('p');
    p.className = 'text';
    p.textContent = o.times_text;
    frag.append(p);
  }
  return frag.childNodes.length ? frag : null;
}

export function createOfferView() {
  const el = {
    back: document.getElementById('angebot-zurueck'),
    kicker: document.getElementById('angebot-art'),
    title: document.getElementById('angebot-titel'),
    live: document.getElementById('angebot-status'),
    alert: document.getElementById('angebot-fehler'),
    content: document.getElementById('angebot-inhalt'),
    description: document.getElementById('angebot-beschreibung'),
    facts: document.getElementById('angebot-angaben'),
    panel: document.getElementById('angebot-bearbeiten'),
    form: document.getElementById('angebot-bearbeiten-form'),
    remove: document.getElementById('angebot-loeschen'),
  };
  let ags = null;
  let id = null;
  let doc = null;
  let etag = null;
  let generation = 0;
  const form = createOfferForm(el.form, {
    create: false,
    onSaved(saved, etag) {
      render(saved, etag);
      el.panel.open = false;
      el.live.textContent = 'Die Änderungen sind gespeichert.';
      el.title.focus();
    },
    onReload: () => load({ keepOpen: true }),
  });

  el.remove.addEventListener('click', async () => {
    const yes = await confirmIn('angebot-dialog', {
      title: 'Angebot löschen?',
      text: `„${doc?.title}“ wird gelöscht und erscheint nicht mehr im Angebotsverzeichnis.`,
      yes: 'Angebot löschen',
    });
    if (!yes) return;
    try {
      await authRequest('DELETE', apiPath(ags, 'offers', id), { headers: { 'If-Match': etag ?? '*' } });
      window.location.hash = offersHref(ags).slice(1);
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Das Angebot wurde nicht gelöscht.', problemText(err)));
    }
  });

  function render(o, tag) {
    doc = o;
    etag = tag;
    el.title.textContent = o.title;
    el.kicker.textContent = term(OFFER_KIND, o.kind);
    el.description.textContent = o.description ?? '';
    el.description.hidden = !o.description;
    const place = [o.street, [o.postcode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    const registration = o.registration_required
      ? `Anmeldung erforderlich${o.registration_text ? `: ${o.registration_text}` : ''}`
      : `keine Anmeldung nötig${o.registration_text ? ` (${o.registration_text})` : ''}`;
    facts(el.facts, [
      ['Art', term(OFFER_KIND, o.kind)],
      ['Organisation', o.organisation ? link(organisationHref(o.organisation.id), o.organisation.name) : null],
      ['Kommune', o.municipality?.name],
      ['Zielgruppen', (o.target_groups ?? []).length ? textList(o.target_groups.map((g) => term(TARGET_GROUP, g))) : null],
      ['Sprachen', (o.languages ?? []).length ? textList(languageNames(o.languages)) : null],
      ['Ort', place],
      ['Zeiten', times(o)],
      ['Kosten', `${term(COST, o.cost)}${o.cost_text ? `: ${o.cost_text}` : ''}`],
      ['Barrierefreiheit', o.accessibility],
      ['Anmeldung', registration],
      ['Kontakt', contact(o)],
      ['Gültigkeit', validity(o)],
      ['Sichtbarkeit', term(OFFER_VISIBILITY, o.visibility)],
      ['Zuletzt geändert', o.updated_at ? formatDateTime(o.updated_at) : null],
    ]);
    const may = offerPermissions(currentPerson(), ags).edit(o);
    el.panel.hidden = !may;
    el.remove.hidden = !may;
    if (may) form.open(ags, o, tag);
    el.content.hidden = false;
  }

  async function load({ keepOpen = false } = {}) {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.live.textContent = 'Das Angebot wird geladen …';
    try {
      const res = await authRequest('GET', apiPath(ags, 'offers', id));
      if (mine !== generation) return;
      const open = keepOpen && el.panel.open;
      render(res.body, res.etag);
      el.panel.open = open;
      el.live.textContent = 'Das Angebot ist geladen.';
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.content.hidden = true;
      el.alert.replaceChildren(noticeBox('Das Angebot konnte nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(() => load()));
    }
  }

  return {
    async show({ args, params }) {
      const where = params.get('kommune');
      ags = where && /^\d{8}$/.test(where) ? where : null;
      id = args.id;
      el.panel.open = false;
      el.back.href = ags ? offersHref(ags) : '/#/angebote';
      if (!ags) {
        el.content.hidden = true;
        el.alert.replaceChildren(noticeBox('Die Kommune fehlt in der Adresse.', 'Bitte öffnen Sie das Angebot aus der Liste der Angebote.'));
        return;
      }
      await load();
    },
  };
}
