/*
 * offer.js: one public Angebot (/#/oeffentlich/angebote/{id}) without
 * sign-in: what it is, for whom, in which languages, when (weekly slots in
 * German), where, what it costs, whether one must register, how accessible
 * it is, and how to reach the organisation (phone, e-mail, website). A map
 * link (OpenStreetMap, a plain link: nothing of another site is embedded)
 * only when the offer has coordinates. The organisation's public part:
 * its Veranstaltungen as a calendar to subscribe (js/public/calendar.js).
 * From /api/v1/public/offers/{id}, which answers 404 for an offer that is
 * not public.
 */

import { apiGet } from '../shared/api.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { dateElement } from '../shared/ui.js';
import { TARGET_GROUP } from '../catalogue/terms.js';
import { paragraph } from './participation-parts.js';
import { term } from './participation-terms.js';
import {
  OFFER_KIND, languageNames, mapHref, offerHref,
} from './offer-terms.js';
import {
  addressText, externalLink, factList, offerCost, offerRegistration, offerTimes, webHref,
} from './offer-parts.js';
import { renderCalendarBlock } from './calendar.js';

export function createPublicOfferView() {
  const el = {
    back: document.getElementById('oeffentlich-angebot-zurueck'),
    kicker: document.getElementById('oeffentlich-angebot-ort'),
    title: document.getElementById('oeffentlich-angebot-titel'),
    live: document.getElementById('oeffentlich-angebot-status'),
    alert: document.getElementById('oeffentlich-angebot-fehler'),
    content: document.getElementById('oeffentlich-angebot-inhalt'),
  };
  let generation = 0;

  function validity(o) {
    if (!o.valid_from && !o.valid_until) return null;
    const frag = document.createDocumentFragment();
    if (o.valid_from) frag.append('ab ', dateElement(o.valid_from));
    if (o.valid_from && o.valid_until) frag.append(' ');
    if (o.valid_until) frag.append('bis ', dateElement(o.valid_until));
    return frag;
  }

  function contact(o) {
    const part = document.createElement('section');
    part.className = 'offer-contact';
    part.setAttribute('aria-labelledby', 'oeffentlich-angebot-kontakt-titel');
    const h = document.createElement('h2');
    h.id = 'oeffentlich-angebot-kontakt-titel';
    h.textContent = 'Kontakt';
    const org = o.organisation ?? {};
    const { dl, add } = factList();
    add('Organisation', org.name);
    const phone = o.phone || org.phone;
    if (phone) {
      const a = document.createElement('a');
      a.href = `tel:${String(phone).replace(/[^\d+]/g, '')}`;
      a.textContent = phone;
      add('Telefon', a);
    }
    const email = o.contact_email || org.contact_email;
    if (email) {
      const a = document.createElement('a');
      a.href = `mailto:${email}`;
      a.textContent = email;
      add('E-Mail', a);
    }
    const site = webHref(o.website || org.website);
    if (site) add('Internetseite', externalLink(site, o.website || org.website));
    const orgAddress = addressText(org);
    if (orgAddress && orgAddress !== addressText(o)) add('Anschrift der Organisation', orgAddress);
    part.append(h, dl);
    if (!phone && !email && !site) {
      part.append(paragraph('Für dieses Angebot ist kein Kontakt angegeben.', 'text'));
    }
    return part;
  }

  function render(o) {
    const { dl, add } = factList();
    add('Art', term(OFFER_KIND, o.kind));
    add('Organisation', o.organisation?.name);
    add('Zielgruppen', (o.target_groups ?? []).map((t) => term(TARGET_GROUP, t)).join(', '));
    add('Sprachen', languageNames(o.languages));
    add('Zeiten', offerTimes(o));
    add('Ort', addressText(o));
    const map = mapHref(o.latitude, o.longitude);
    if (map) add('Karte', externalLink(map, 'Auf der Karte zeigen (OpenStreetMap)'));
    add('Kosten', offerCost(o));
    add('Anmeldung', offerRegistration(o));
    add('Barrierefreiheit', o.accessibility);
    add('Gültig', validity(o), { skipEmpty: true });

    const parts = [dl];
    if (o.description) {
      const h = document.createElement('h2');
      h.textContent = 'Beschreibung';
      parts.push(h, paragraph(o.description));
    }
    parts.push(contact(o));
    if (o.organisation?.id) {
      const cal = document.createElement('section');
      cal.id = 'oeffentlich-angebot-kalender';
      renderCalendarBlock(cal, {
        id: 'oeffentlich-angebot-kalender',
        path: `public/organisations/${encodeURIComponent(o.organisation.id)}/events.ics`,
        heading: `Veranstaltungen von ${o.organisation.name ?? 'dieser Organisation'} abonnieren`,
        what: 'Die Veranstaltungen der Organisation',
      });
      parts.push(cal);
    }
    el.content.replaceChildren(...parts);
  }

  async function show({ args }) {
    const mine = ++generation;
    el.back.href = offerHref.districtDirectory();
    el.back.textContent = 'Zum Angebotsverzeichnis';
    el.title.textContent = 'Angebot';
    el.kicker.textContent = '';
    el.alert.replaceChildren();
    el.content.replaceChildren();
    el.live.textContent = 'Das Angebot wird geladen …';
    let o;
    try {
      o = await apiGet(`public/offers/${encodeURIComponent(args.id)}`);
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      const notFound = err?.status === 404;
      el.title.textContent = notFound ? 'Angebot nicht gefunden' : 'Angebot';
      el.alert.replaceChildren(noticeBox(notFound
        ? 'Dieses Angebot ist nicht (mehr) veröffentlicht, oder der Link ist unvollständig.'
        : 'Das Angebot konnte nicht geladen werden.', notFound ? null : problemText(err)));
      return;
    }
    if (mine !== generation) return;
    if (o.municipality?.ags) {
      el.back.href = offerHref.directory(o.municipality.ags);
      el.back.textContent = `Zu den Angeboten in ${o.municipality.name ?? 'der Kommune'}`;
    }
    el.kicker.textContent = [term(OFFER_KIND, o.kind), o.municipality?.name].filter(Boolean).join(' · ');
    el.title.textContent = o.title;
    document.title = `${o.title} – Teilhabe`;
    render(o);
    el.live.textContent = `Angebot „${o.title}“ geladen.`;
  }

  return { show };
}
