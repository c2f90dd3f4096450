/*
 * meeting-item-fields.js: the fields of an agenda item, in the forms that
 * add and edit one: Titel, Beschreibung, and its Bezug: a measure (grouped
 * by concept, the adopted one first, each by its Kennung), a Kennzahl, an
 * Integrationskonzept of the Kommune, a Handlungsempfehlung. The choices are
 * read once per Kommune.
 */

import { CONCEPT_STATUS, label } from '../catalogue/terms.js';
import { field } from './parts.js';
import { focusFirstError, setFieldError } from '../shared/forms.js';
import { getAll } from '../shared/api.js';

let choices = null; // {measures, indicators, concepts, recommendations} of choicesOf
let choicesOf = null;

export async function loadItemChoices(ags) {
  if (choicesOf === ags && choices) return choices;
  const m = `municipalities/${encodeURIComponent(ags)}`;
  const [measures, indicators, concepts, recommendations] = await Promise.all([
    getAll(`${m}/measures`, { auth: true }).catch(() => []),
    getAll(`${m}/indicators`, { auth: true }).catch(() => []),
    getAll(`${m}/concepts`, { auth: true }).catch(() => []),
    getAll(`${m}/recommendations`, { auth: true }).catch(() => []),
  ]);
  measures.sort((a, b) => a.code.localeCompare(b.code, 'de', { numeric: true }));
  indicators.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  // The adopted concept first, then the newest.
  concepts.sort((a, b) => (b.status === 'adopted') - (a.status === 'adopted') || b.version - a.version);
  choices = {
    measures, indicators, concepts, recommendations,
  };
  choicesOf = ags;
  return choices;
}

/* The measures as <optgroup>s, one per concept (the adopted one first). */
function measureGroups(c) {
  const groups = [];
  const known = new Set(c.concepts.map((x) => String(x.id)));
  for (const concept of c.concepts) {
    const mine = c.measures.filter((x) => String(x.concept_id) === String(concept.id));
    if (!mine.length) continue;
    const g = document.createElement('optgroup');
    g.label = `Version ${concept.version}: ${concept.title} (${label(CONCEPT_STATUS, concept.status)})`;
    g.append(...mine.map((x) => new Option(`${x.code}: ${x.title}`, x.id)));
    groups.push(g);
  }
  const rest = c.measures.filter((x) => !known.has(String(x.concept_id)));
  groups.push(...rest.map((x) => new Option(`${x.code}: ${x.title}`, x.id)));
  return groups;
}

/* Title, description and the three links of an item; values from item. */
export function itemFields(form, item, c) {
  const title = field('Titel des Tagesordnungspunkts', {
    maxLength: 300, required: true, value: item?.title, prefix: 'top-titel',
  });
  const description = field('Beschreibung (freiwillig)', {
    kind: 'textarea', maxLength: 10000, value: item?.description, prefix: 'top-beschreibung',
  });
  const measure = field('Maßnahme (freiwillig)', {
    kind: 'select',
    prefix: 'top-massnahme',
    hint: 'Nach Kennung geordnet; tippen Sie die Kennung, um sie zu finden.',
    options: [new Option('keine', ''), ...measureGroups(c)],
    value: item?.measure?.id,
  });
  const indicator = field('Kennzahl (freiwillig)', {
    kind: 'select',
    prefix: 'top-kennzahl',
    options: [new Option('keine', ''), ...c.indicators.map((x) => new Option(x.name, x.id))],
    value: item?.indicator?.id,
  });
  const concept = field('Integrationskonzept (freiwillig)', {
    kind: 'select',
    prefix: 'top-konzept',
    options: [new Option('keines', ''), ...c.concepts.map((x) => new Option(`Version ${x.version}: ${x.title}`, x.id))],
    value: item?.concept?.id,
  });
  const recommendation = field('Handlungsempfehlung (freiwillig)', {
    kind: 'select',
    prefix: 'top-empfehlung',
    options: [new Option('keine', ''), ...(c.recommendations ?? []).map((x) => new Option(x.title, x.id))],
    value: item?.recommendation?.id,
  });
  // A linked record the lists do not hold (e.g. of another concept) stays.
  for (const [f, v, text] of [[measure, item?.measure, item?.measure && `${item.measure.code}: ${item.measure.title}`],
    [indicator, item?.indicator, item?.indicator?.name], [concept, item?.concept, item?.concept?.title],
    [recommendation, item?.recommendation, item?.recommendation?.title]]) {
    if (v && f.control.value !== String(v.id)) {
      f.control.append(new Option(text ?? `Nr. ${v.id}`, v.id));
      f.control.value = String(v.id);
    }
  }
  const group = document.createElement('fieldset');
  group.className = 'fieldset';
  const legend = document.createElement('legend');
  legend.textContent = 'Bezug';
  group.append(legend, measure.wrap, indicator.wrap, concept.wrap, recommendation.wrap);
  form.append(title.wrap, description.wrap, group);
  return {
    title: title.control,
    description: description.control,
    measure: measure.control,
    indicator: indicator.control,
    concept: concept.control,
    recommendation: recommendation.control,
  };
}

export function readItem(form, f) {
  const body = {
    title: f.title.value.trim(),
    description: f.description.value.trim() || null,
    measure_id: f.measure.value || null,
    indicator_id: f.indicator.value || null,
    concept_id: f.concept.value || null,
    recommendation_id: f.recommendation.value || null,
  };
  if (body.title === '') setFieldError(f.title, 'Bitte geben Sie einen Titel ein.');
  return focusFirstError(form) ? null : body;
}

export const itemPointers = (f) => ({
  '/title': f.title,
  '/description': f.description,
  '/measure_id': f.measure,
  '/indicator_id': f.indicator,
  '/concept_id': f.concept,
  '/recommendation_id': f.recommendation,
});
