/*
 * networks.js: the view „Netzwerke“ (/#/netzwerke?kommune=AGS): the
 * Netzwerke, Trägerverbünde and Arbeitskreise working in a Kommune, each
 * with Art, Zweck, Koordination, the number of Mitglieder and its Kommunen.
 * Integrationsbeauftragte get „Neues Netzwerk“ (network-form.js).
 * Partners see what is shared with them and the networks of their
 * organisation (the API chooses).
 */

import {
  NETWORK_KIND, apiPath, mayManageNetworks, networkHref, term,
} from './terms.js';
import { createNetworkForm } from './network-form.js';
import { municipalityChooser, municipalityNames } from '../organisations/parts.js';
import { getAll } from '../shared/api.js';
import { formatInteger } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { currentPerson } from '../shared/session.js';
import { missing, retryButton } from '../shared/ui.js';

export function createNetworksView() {
  const el = {
    municipality: document.getElementById('netzwerke-kommune'),
    panel: document.getElementById('netzwerke-neu'),
    form: document.getElementById('netzwerke-neu-form'),
    live: document.getElementById('netzwerke-status'),
    alert: document.getElementById('netzwerke-fehler'),
    list: document.getElementById('netzwerke-liste'),
  };
  const choose = municipalityChooser(el.municipality, 'netzwerke');
  let ags = null;
  let generation = 0;
  const form = createNetworkForm(el.form, {
    create: true,
    onSaved(doc) {
      window.location.hash = networkHref(ags, doc.id).slice(1);
    },
  });

  function table(items) {
    if (!items.length) {
      const p = document.createElement('p');
      p.className = 'text text--muted';
      p.textContent = 'In dieser Kommune gibt es noch keine Netzwerke, die Sie sehen können.';
      return p;
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-labelledby', 'netzwerke-tabelle-titel');
    const t = document.createElement('table');
    t.className = 'data-table';
    t.id = 'netzwerke-tabelle';
    const cap = t.createCaption();
    cap.id = 'netzwerke-tabelle-titel';
    cap.textContent = 'Netzwerke nach Name';
    const head = t.createTHead().insertRow();
    for (const text of ['Netzwerk', 'Art', 'Zweck', 'Koordination', 'Mitglieder', 'Kommunen']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = t.createTBody();
    for (const n of items) {
      const row = body.insertRow();
      const name = document.createElement('th');
      name.scope = 'row';
      const a = document.createElement('a');
      a.href = networkHref(ags, n.id);
      a.textContent = n.name;
      name.append(a);
      row.append(name);
      row.insertCell().textContent = term(NETWORK_KIND, n.kind);
      const purpose = row.insertCell();
      if (n.purpose) purpose.textContent = n.purpose;
      else purpose.append(missing());
      const coord = row.insertCell();
      if (n.coordinator) coord.textContent = n.coordinator.name;
      else coord.append(missing());
      const count = row.insertCell();
      count.className = 'num';
      count.textContent = formatInteger(n.member_count ?? 0);
      row.insertCell().textContent = municipalityNames(n.municipalities).join(', ');
    }
    wrapper.append(t);
    return wrapper;
  }

  async function load() {
    const mine = ++generation;
    el.alert.replaceChildren();
    el.list.replaceChildren();
    el.live.textContent = 'Die Netzwerke werden geladen …';
    const may = mayManageNetworks(currentPerson(), ags);
    el.panel.hidden = !may;
    el.panel.open = false;
    if (may) await form.open(ags);
    try {
      const items = await getAll(apiPath(ags, 'networks'), { auth: true });
      if (mine !== generation) return;
      items.sort((a, b) => a.name.localeCompare(b.name, 'de'));
      el.list.replaceChildren(table(items));
      el.live.textContent = items.length === 1 ? '1 Netzwerk geladen.' : `${formatInteger(items.length)} Netzwerke geladen.`;
    } catch (err) {
      if (mine !== generation) return;
      el.live.textContent = '';
      el.alert.replaceChildren(noticeBox('Die Netzwerke konnten nicht geladen werden.', problemText(err)));
      el.alert.append(retryButton(load));
    }
  }

  return {
    async show({ params }) {
      ags = await choose(params);
      if (!ags) {
        el.panel.hidden = true;
        el.live.textContent = '';
        el.alert.replaceChildren(noticeBox('Sie haben in keiner Kommune eine Rolle.', null, null));
        return;
      }
      await load();
    },
  };
}
