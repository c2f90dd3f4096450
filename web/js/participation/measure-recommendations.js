/*
 * measure-recommendations.js: the section „Umgesetzte
 * Handlungsempfehlungen“ of the measure page: the recommendations the
 * measure carries out (the measure document's recommendations), each
 * linked to its page with its Stellungnahme. Built here, before the
 * „Beschlüsse“ (or the Änderungsverlauf), so the measure page's markup
 * stays as it is; the measure view calls it with one line.
 */

import { RESPONSE_KIND, recommendationHref, term } from './terms.js';

function section() {
  let part = document.getElementById('massnahme-empfehlungen-bereich');
  if (part) return part;
  part = document.createElement('div');
  part.id = 'massnahme-empfehlungen-bereich';
  const h = document.createElement('h2');
  h.id = 'massnahme-empfehlungen-titel';
  h.textContent = 'Umgesetzte Handlungsempfehlungen';
  const box = document.createElement('div');
  box.id = 'massnahme-empfehlungen';
  part.append(h, box);
  const before = document.getElementById('massnahme-beschluesse-bereich') ?? document.getElementById('massnahme-verlauf-bereich');
  before.before(part);
  return part;
}

/**
 * Show the recommendations of the measure m (from GET …/measures/{id}).
 * @param {string} ags
 * @param {{recommendations?: {id: string, title: string, response_kind: string | null}[]}} m
 */
export function renderMeasureRecommendations(ags, m) {
  const part = section();
  const box = part.querySelector('#massnahme-empfehlungen');
  const list = m.recommendations ?? [];
  if (!list.length) {
    const p = document.createElement('p');
    p.className = 'text';
    p.textContent = 'Diese Maßnahme setzt keine Handlungsempfehlung aus der Beteiligung um.';
    box.replaceChildren(p);
    return;
  }
  const ul = document.createElement('ul');
  ul.className = 'plain-list measure-recommendations';
  for (const r of list) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = recommendationHref(ags, r.id);
    a.textContent = r.title;
    li.append(a, ` – ${r.response_kind ? term(RESPONSE_KIND, r.response_kind) : 'ohne Stellungnahme'}`);
    ul.append(li);
  }
  box.replaceChildren(ul);
}
