/*
 * network.js: the view „Netzwerk“ (/#/netzwerke/{id}?kommune=AGS): Art,
 * Zweck, Koordination, Sichtbarkeit and Kommunen of a Netzwerk, its
 * Mitglieder with their Rolle (Träger, Kooperationspartner, Mitglied) and
 * since when, and the Maßnahmen it carries. Integrationsbeauftragte change
 * the Angaben (network-form.js), add and remove Mitglieder, link Maßnahmen
 * of the Kommune and delete the Netzwerk.
 */

import {
  NETWORK_KIND, NETWORK_ROLE, NETWORK_VISIBILITY, apiPath, mayManageNetworks, networksHref, term,
} from './terms.js';
import { createNetworkForm } from './network-form.js';
import {
  checkboxes, link, measureChoices, municipalityNames, sendForm, termOptions,
} from '../organisations/parts.js';
import { organisationHref } from '../organisations/terms.js';
import {
  actions, button, contextButton, field, smallForm,
} from '../meetings/parts.js';
import { confirmIn, facts, heading } from '../participation/parts.js';
import { MEASURE_STATUS, label } from '../catalogue/terms.js';
import { measureHref } from '../catalogue/concept.js';
import { authRequest, getAll } from '../shared/api.js';
import { noticeBox, setFieldError, showFormAlert } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import {
  badge, dateElement, missing, retryButton, textList,
} from '../shared/ui.js';

export function createNetworkView() {
  const el = {
    back: document.getElementById('netzwerk-zurueck'),
    kicker: document.getElementById('netzwerk-art'),
    title: document.getElementById('netzwerk-titel'),
    live: document.getElementById('netzwerk-status'),
    alert: document.getElementById('netzwerk-fehler'),
    content: document.getElementById('netzwerk-inhalt'),
    facts: document.getElementById('netzwerk-angaben'),
    panel: document.getElementById('netzwerk-bearbeiten'),
    form: document.getElementById('netzwerk-bearbeiten-form'),
    members: document.getElementById('netzwerk-mitglieder'),
    measures: document.getElementById('netzwerk-massnahmen'),
    remove: document.getElementById('netzwerk-loeschen'),
  };
  let ags = null;
  let id = null;
  let doc = null;
  let etag = null;
  let generation = 0;
  const form = createNetworkForm(el.form, {
    create: false,
    onSaved(saved, etag) {
      render(saved, etag);
      el.panel.open = false;
      el.live.textContent = 'Die Änderungen sind gespeichert.';
      el.title.focus();
    },
    onReload: () => load(),
  });

  el.remove.addEventListener('click', async () => {
    const yes = await confirmIn('netzwerk-dialog', {
      title: 'Netzwerk löschen?',
      text: `„${doc?.name}“ wird mit seinen Mitgliedschaften gelöscht. Die Organisationen und Maßnahmen bleiben erhalten.`,
      yes: 'Netzwerk löschen',
    });
    if (!yes) return;
    try {
      await authRequest('DELETE', apiPath(ags, 'networks', id), { headers: { 'If-Match': etag ?? '*' } });
      window.location.hash = networksHref(ags).slice(1);
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Das Netzwerk wurde nicht gelöscht.', problemText(err)));
    }
  });

  function membersPart(manage) {
    const part = document.createDocumentFragment();
    const members = [...(doc.members ?? [])].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, 'de'));
    if (!members.length) {
      const p = document.createElement('p');
      p.className = 'text';
      p.textContent = 'Das Netzwerk hat noch keine Mitglieder.';
      part.append(p);
    } else {
      const t = document.createElement('table');
      t.className = 'data-table';
      t.id = 'netzwerk-mitglieder-tabelle';
      t.createCaption().textContent = 'Mitglieder und ihre Rolle';
      const head = t.createTHead().insertRow();
      for (const text of ['Organisation', 'Rolle', 'seit', ...(manage ? ['Aktion'] : [])]) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = text;
        head.append(th);
      }
      const body = t.createTBody();
      for (const m of members) {
        const row = body.insertRow();
        const name = document.createElement('th');
        name.scope = 'row';
        name.append(link(organisationHref(m.organisation.id), m.organisation.name));
        row.append(name);
        row.insertCell().textContent = term(NETWORK_ROLE, m.role);
        const since = row.insertCell();
        since.append(m.since ? dateElement(m.since) : missing());
        if (manage) {
          const b = contextButton('Entfernen', `: ${m.organisation.name}`);
          b.addEventListener('click', () => removeMember(m));
          row.insertCell().append(b);
        }
      }
      const wrap = document.createElement('div');
      wrap.className = 'table-scroll';
      wrap.append(t);
      part.append(wrap);
    }
    if (manage) part.append(memberForm());
    return part;
  }

  async function removeMember(m) {
    const yes = await confirmIn('netzwerk-dialog', {
      title: 'Mitglied entfernen?',
      text: `${m.organisation.name} wird aus dem Netzwerk „${doc.name}“ entfernt.`,
      yes: 'Entfernen',
    });
    if (!yes) return;
    try {
      await authRequest('DELETE', apiPath(ags, 'networks', id, 'members', m.organisation.id));
      await load();
      el.live.textContent = `${m.organisation.name} ist aus dem Netzwerk entfernt.`;
    } catch (err) {
      el.alert.replaceChildren(noticeBox('Das Mitglied wurde nicht entfernt.', problemText(err)));
    }
  }

  function memberForm() {
    const f = smallForm(null);
    f.setAttribute('aria-labelledby', 'netzwerk-mitglied-titel');
    const h = heading(3, 'Mitglied hinzufügen oder Rolle ändern');
    h.id = 'netzwerk-mitglied-titel';
    const org = field('Organisation', { kind: 'select', prefix: 'nw-mitglied-org' });
    const role = field('Rolle', { kind: 'select', options: termOptions(NETWORK_ROLE), prefix: 'nw-mitglied-rolle', value: 'member' });
    const since = field('Mitglied seit (freiwillig)', { type: 'date', prefix: 'nw-mitglied-seit' });
    const save = button('Mitglied speichern', 'button', 'submit');
    f.prepend(h);
    f.append(org.wrap, role.wrap, since.wrap, actions(save));
    getAll('organisations', { params: { municipality: ags }, auth: true }).then((orgs) => {
      orgs.sort((a, b) => a.name.localeCompare(b.name, 'de'));
      org.control.replaceChildren(new Option('Bitte wählen', ''), ...orgs.map((o) => new Option(o.name, o.id)));
    }).catch((err) => showFormAlert(f, 'Die Organisationen konnten nicht geladen werden.', problemText(err)));
    f.addEventListener('submit', (event) => {
      event.preventDefault();
      sendForm(f, {
        check() {
          if (!org.control.value) setFieldError(org.control, 'Bitte wählen Sie eine Organisation.');
        },
        request: () => authRequest('PUT', apiPath(ags, 'networks', id, 'members', org.control.value), {
          body: { role: role.control.value, ...(since.control.value ? { since: since.control.value } : {}) },
        }),
        lead: 'Das Mitglied wurde nicht gespeichert.',
        what: 'Das Netzwerk',
        fields: { '/role': role.control, '/since': since.control },
        async onSaved() {
          const name = org.control.selectedOptions[0]?.textContent ?? '';
          await load();
          el.live.textContent = `${name} ist als ${term(NETWORK_ROLE, role.control.value)} eingetragen.`;
        },
      });
    });
    return f;
  }

  function measuresPart(manage, all) {
    const part = document.createDocumentFragment();
    const linked = doc.measures ?? [];
    if (!linked.length) {
      const p = document.createElement('p');
      p.className = 'text';
      p.textContent = 'Mit diesem Netzwerk ist noch keine Maßnahme verknüpft.';
      part.append(p);
    } else {
      const ul = document.createElement('ul');
      ul.className = 'plain-list network-measures';
      for (const m of linked) {
        const li = document.createElement('li');
        li.append(link(measureHref(ags, m.id), `${m.code ? `${m.code} ` : ''}${m.title}`), ' ',
          badge(label(MEASURE_STATUS, m.status), m.status));
        ul.append(li);
      }
      part.append(ul);
    }
    if (manage && all) {
      const f = smallForm(null);
      f.setAttribute('aria-labelledby', 'netzwerk-massnahmen-form-titel');
      const h = heading(3, 'Maßnahmen verknüpfen');
      h.id = 'netzwerk-massnahmen-form-titel';
      const terms = Object.fromEntries(all.map((m) => [m.id, m.label]));
      const boxes = checkboxes('Maßnahmen der Kommune', terms, 'nw-massnahmen');
      boxes.set(linked.map((m) => String(m.id)));
      f.prepend(h);
      f.append(boxes.wrap, actions(button('Verknüpfung speichern', 'button', 'submit')));
      f.addEventListener('submit', (event) => {
        event.preventDefault();
        sendForm(f, {
          request: () => authRequest('PUT', apiPath(ags, 'networks', id, 'measures'), { body: { measure_ids: boxes.get() } }),
          lead: 'Die Verknüpfung wurde nicht gespeichert.',
          what: 'Das Netzwerk',
          fields: { '/measure_ids': boxes.wrap },
          async onSaved() {
            await load();
            el.live.textContent = 'Die verknüpften Maßnahmen sind gespeichert.';
          },
        });
      });
      part.append(f);
    }
    return part;
  }

  let measuresOfKommune = null;

  function render(d, tag) {
    doc = d;
    etag = tag;
    el.title.textContent = d.name;
    el.kicker.textContent = term(NETWORK_KIND, d.kind);
    facts(el.facts, [
      ['Art', term(NETWORK_KIND, d.kind)],
      ['Zweck', d.purpose],
      ['Koordination', d.coordinator ? link(organisationHref(d.coordinator.id), d.coordinator.name) : null],
      ['Sichtbarkeit', term(NETWORK_VISIBILITY, d.visibility)],
      ['Kommunen', (d.municipalities ?? []).length ? textList(municipalityNames(d.municipalities)) : null],
    ]);
    const manage = mayManageNetworks(currentPerson(), ags);
    el.panel.hidden = !manage;
    el.remove.hidden = !manage;
    if (manage) form.open(ags, d, tag);
    el.members.replaceChildren(membersPart(manage));
    el.measures.replaceChildren(measuresPart(manage, measuresOfKommune));
    el.content.hidden = false;
  }

  async function load() {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.live.textContent = 'Das Netzwerk wird geladen …';
    try {
      const manage = mayManageNetworks(currentPerson(), ags);
      const [res, measures] = await Promise.all([
        authRequest('GET', apiPath(ags, 'networks', id)),
        manage && !measuresOfKommune ? measureChoices(ags).catch(() => null) : measuresOfKommune,
      ]);
      if (mine !== generation) return;
      measuresOfKommune = measures;
      render(res.body, res.etag);
      el.live.textContent = 'Das Netzwerk ist geladen.';
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.content.hidden = true;
      el.alert.replaceChildren(noticeBox('Das Netzwerk konnte nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(() => load()));
    }
  }

  return {
    async show({ args, params }) {
      const where = params.get('kommune');
      if (where !== ags) measuresOfKommune = null;
      ags = where && /^\d{8}$/.test(where) ? where : null;
      id = args.id;
      el.panel.open = false;
      el.back.href = ags ? networksHref(ags) : '/#/netzwerke';
      if (!ags) {
        el.content.hidden = true;
        el.alert.replaceChildren(noticeBox('Die Kommune fehlt in der Adresse.', 'Bitte öffnen Sie das Netzwerk aus der Liste der Netzwerke.'));
        return;
      }
      await load();
    },
  };
}
