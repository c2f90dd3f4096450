/*
 * measure.js: the view of one Maßnahme (/#/massnahmen/{id}?kommune=AGS):
 * every field in German, its Leitziele (by name, from its concept), its
 * Teilmaßnahmen and its Sachstände (newest first). Depending on the role,
 * the Steuerung (status and Rang, measure-actions.js) and „Sachstand
 * erfassen“ (progress-report-form.js) are offered. Without ?kommune= the
 * measure is looked for in the person's Kommunen.
 *
 * Integrationsbeauftragte edit every field („Angaben bearbeiten“,
 * measure-form.js) and add Teilmaßnahmen; staff read the Änderungsverlauf
 * (measure-history.js); everyone sees the linked Kennzahlen
 * (measure-indicators.js).
 *
 * The measure's ETag is kept with it; when a change finds it stale (412),
 * the page says who changed it meanwhile (when the history may be read)
 * and offers to load the measure again.
 */

import {
  HORIZON, MEASURE_STATUS, REPORT_STATUS, TARGET_GROUP, VISIBILITY, label,
} from './terms.js';
import { badge, dateElement, missing, progressBar, textList } from '../shared/ui.js';
import { conceptStatusText, measureHref } from './concept.js';
import { formatDate, formatDateTime, formatEuro, formatInteger, formatWholePercent } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createMeasureActions } from './measure-actions.js';
import { createMeasureTable } from './measure-table.js';
import { problemText } from '../shared/problems.js';
import { createProgressReportForm } from './progress-report-form.js';
import { createProgressReportList } from './progress-report-list.js';
import { createMeasureForm, lastEditor, staleNotice } from './measure-form.js';
import { createMeasureHistory } from './measure-history.js';
import { createMeasureIndicators } from './measure-indicators.js';
import { renderMeasureDecisions } from './measure-decisions.js';
import { renderMeasureRecommendations } from '../participation/measure-recommendations.js';
import { renderMeasureActivities } from '../events/measure-activities.js';
import { measurePermissions, memberMunicipalities } from '../shared/roles.js';
import { authRequest, getAll } from '../shared/api.js';
import { currentPerson } from '../shared/session.js';

const NOT_FOUND = 'Die Maßnahme wurde nicht gefunden. Vielleicht ist sie für Sie nicht sichtbar, oder der Link ist unvollständig.';

export function createMeasureView() {
  const el = {
    back: document.getElementById('massnahme-zurueck'),
    kicker: document.getElementById('massnahme-kennung'),
    title: document.getElementById('massnahme-titel'),
    live: document.getElementById('massnahme-status'),
    alert: document.getElementById('massnahme-fehler'),
    content: document.getElementById('massnahme-inhalt'),
    description: document.getElementById('massnahme-beschreibung'),
    facts: document.getElementById('massnahme-angaben'),
    goals: document.getElementById('massnahme-leitziele'),
    children: document.getElementById('massnahme-teilmassnahmen'),
    archived: document.getElementById('massnahme-archiviert'),
    steeringTitle: document.getElementById('steuerung-titel'),
    reportsTitle: document.getElementById('sachstaende-titel'),
    edit: document.getElementById('massnahme-bearbeiten'),
    editForm: document.getElementById('massnahme-bearbeiten-form'),
    editStatus: document.getElementById('massnahme-bearbeiten-status'),
    newChild: document.getElementById('massnahme-neue-teilmassnahme'),
    newChildLink: document.getElementById('massnahme-neue-teilmassnahme-link'),
    reportSaved: document.getElementById('sachstand-gespeichert'),
  };
  const state = {
    ags: null,
    id: null,
    measure: null,
    etag: null,
    editOpened: false, // the edit form has been filled
    mayHistory: false, // may read the Änderungsverlauf
    concept: null, // null when unknown (e.g. not visible to a partner)
    goals: null, // the concept's Leitziele, null when unknown
    parent: null, // the parent measure, when it has one and it is visible
    generation: 0,
  };

  const actions = createMeasureActions({
    context: () => state,
    onChanged(measure, etag, message) {
      state.measure = measure;
      state.etag = etag;
      renderMeasure({ keepForm: true });
      el.live.textContent = message;
      editForm.setCurrent(measure, etag);
      history.load(state.ags, state.id, state.mayHistory);
    },
    onStale: showStale,
  });
  const reportForm = createProgressReportForm({
    context: () => state,
    async onSaved(report) {
      const generation = state.generation;
      // Next to the form, where the person is.
      el.reportSaved.textContent = `Der Sachstand vom ${formatDate(report.reported_on)} ist gespeichert.`;
      try {
        await reload();
        if (generation !== state.generation) return;
        el.reportSaved.textContent = `Der Sachstand vom ${formatDate(report.reported_on)} ist gespeichert. `
          + `Die Maßnahme steht bei ${formatWholePercent(state.measure.progress)} Fortschritt.`;
      } catch (err) {
        el.alert.replaceChildren(noticeBox('Die Maßnahme konnte nicht neu geladen werden.', problemText(err)));
      }
      reports.load(state.ags, state.id);
    },
  });
  const reports = createProgressReportList(document.getElementById('massnahme-sachstaende'), {
    live: document.getElementById('sachstaende-status'),
  });
  const history = createMeasureHistory(document.getElementById('massnahme-verlauf'), {
    section: document.getElementById('massnahme-verlauf-bereich'),
    nameOf(field, id) {
      if (field === 'goal_ids' || field === 'guiding_goal_id') {
        const g = state.goals?.find((x) => x.id === id);
        return g ? `Leitziel ${g.position}` : null;
      }
      if (field === 'action_field_id' && state.measure?.action_field?.id === id) return state.measure.action_field.name;
      if (field === 'parent_id' && state.parent?.id === id) return state.parent.code;
      const orgs = [state.measure?.lead_organisation, ...(state.measure?.partner_organisations ?? [])];
      if (/organisation/.test(field)) return orgs.find((o) => o?.id === id)?.name ?? null;
      return null;
    },
  });
  const indicators = createMeasureIndicators(document.getElementById('massnahme-kennzahlen'));
  const editForm = createMeasureForm(el.editForm, {
    prefix: 'mb',
    create: false,
    onSaved(measure, etag) {
      state.measure = measure;
      state.etag = etag;
      state.editOpened = false;
      el.edit.open = false;
      renderMeasure();
      el.editStatus.textContent = 'Die Änderungen an der Maßnahme sind gespeichert.';
      history.load(state.ags, state.id, state.mayHistory);
      el.edit.querySelector('summary').focus();
    },
    async onReload() {
      try {
        await reload();
        await editForm.refill(state.measure, state.etag);
        el.editStatus.textContent = 'Die Maßnahme ist neu geladen. Das Formular zeigt den aktuellen Stand.';
        history.load(state.ags, state.id, state.mayHistory);
        el.editForm.querySelector('input')?.focus();
      } catch (err) {
        el.alert.replaceChildren(noticeBox('Die Maßnahme konnte nicht neu geladen werden.', problemText(err, { notFound: NOT_FOUND })));
      }
    },
  });
  el.edit.addEventListener('toggle', async () => {
    if (!el.edit.open || state.editOpened || !state.measure) return;
    state.editOpened = true;
    el.editStatus.textContent = 'Das Formular wird vorbereitet …';
    try {
      await editForm.open({ ags: state.ags, measure: state.measure, etag: state.etag });
      el.editStatus.textContent = '';
    } catch (err) {
      state.editOpened = false;
      el.editStatus.textContent = '';
      el.alert.replaceChildren(noticeBox('Das Formular konnte nicht vorbereitet werden.', problemText(err)));
    }
  });

  /* GET the measure (and its ETag) in the Kommune ags. */
  async function fetchMeasure(ags, id) {
    return authRequest('GET', `municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(id)}`);
  }

  /* Read the measure again and show it; keeps concept and goals. */
  async function reload({ keepForm = false } = {}) {
    const res = await fetchMeasure(state.ags, state.id);
    state.measure = res.body;
    state.etag = res.etag;
    renderMeasure({ keepForm });
    editForm.setCurrent(state.measure, state.etag);
  }

  async function showStale(form) {
    const name = await lastEditor(state.ags, state.id);
    const { box, button } = staleNotice(name, async () => {
      try {
        await reload({ keepForm: true });
        el.live.textContent = 'Die Maßnahme ist neu geladen. Bitte prüfen Sie den aktuellen Stand.';
        history.load(state.ags, state.id, state.mayHistory);
        el.steeringTitle.focus();
      } catch (err) {
        el.alert.replaceChildren(noticeBox('Die Maßnahme konnte nicht neu geladen werden.', problemText(err, { notFound: NOT_FOUND })));
      }
    });
    form.querySelector('.alert-region').replaceChildren(box);
    button.focus();
  }

  function renderMeasure({ keepForm = false } = {}) {
    const m = state.measure;
    const ags = state.ags;
    el.kicker.textContent = `Maßnahme ${m.code}`;
    el.title.textContent = m.title;
    document.title = `${m.code} ${m.title} – Teilhabe`;
    el.back.href = `/#/katalog?${new URLSearchParams({ kommune: ags, konzept: m.concept_id })}`;
    el.description.textContent = m.description || 'Zu dieser Maßnahme ist keine Beschreibung erfasst.';
    el.description.classList.toggle('text--muted', !m.description);
    renderFacts(m);
    renderGoals(m);
    renderMeasureDecisions(ags, m);
    renderMeasureRecommendations(ags, m);
    renderMeasureActivities(ags, m);

    // An archived concept is a record: its measures keep status and Rang.
    const archived = state.concept?.status === 'archived';
    const may = measurePermissions(currentPerson(), ags, m);
    el.archived.hidden = !(archived && (may.changeStatus || may.moveRank));
    if (archived) Object.assign(may, { changeStatus: false, decidePlanning: false, moveRank: false });
    actions.update(m, may, state.concept?.measure_count ?? null);
    reportForm.update(m, may, { keep: keepForm });

    // Every field: Integrationsbeauftragte and the Kreisadministration.
    const person = currentPerson();
    const officer = Boolean(person?.district_admin)
      || (person?.memberships ?? []).some((x) => x.municipality?.ags === ags && x.role === 'officer');
    el.edit.hidden = !officer || archived;
    el.newChild.hidden = !officer || archived || Boolean(m.parent_id);
    el.newChildLink.href = `/#/massnahmen/neu?${new URLSearchParams({ kommune: ags, konzept: m.concept_id, uebergeordnet: m.id })}`;
    state.mayHistory = officer || may.changeStatus;
  }

  function renderFacts(m) {
    const dl = el.facts;
    dl.replaceChildren();
    const add = (term, ...value) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      if (value.length === 0 || value.every((v) => v == null || v === '')) dd.append(missing());
      else dd.append(...value.filter((v) => v != null && v !== ''));
      div.append(dt, dd);
      dl.append(div);
      return dd;
    };

    add('Kennung', m.code);
    add('Integrationskonzept', state.concept
      ? `${state.concept.title} (Version ${state.concept.version}, ${conceptStatusText(state.concept)})`
      : null);
    add('Handlungsfeld', m.action_field?.name);
    add('Horizont', label(HORIZON, m.horizon));
    const status = add('Status', badge(label(MEASURE_STATUS, m.status), m.status));
    if (m.status_reason) {
      const reason = document.createElement('span');
      reason.className = 'cell-note';
      reason.textContent = `Begründung: ${m.status_reason}`;
      status.append(' ', reason);
    }
    // measure_count counts the measures the reader sees; only those who see
    // every measure (officers, steering group) get „von N“ (not „43 von 41“).
    const seesAll = measurePermissions(currentPerson(), state.ags, m).moveRank;
    const size = seesAll ? state.concept?.measure_count : null;
    add('Rang (Priorität)', `${formatInteger(m.rank)}${size ? ` von ${formatInteger(size)}` : ''}`);
    const progress = add('Fortschritt', progressBar(m.progress));
    if (m.progress_from_children && m.child_count > 0) {
      const note = document.createElement('span');
      note.className = 'cell-note';
      note.textContent = 'gewichtetes Mittel der Teilmaßnahmen';
      progress.append(' ', note);
    }
    add('Letzter Sachstand', m.last_report
      ? `${formatDate(m.last_report.reported_on)}: ${label(REPORT_STATUS, m.last_report.status)}`
      : null);
    add('Federführung', m.lead_organisation?.name);
    add('Beteiligte Organisationen', textList((m.partner_organisations ?? []).map((o) => o.name)));
    add('Zielgruppen', textList((m.target_groups ?? []).map((g) => label(TARGET_GROUP, g))));
    add('Geplanter Zeitraum', period(m.planned_start, m.planned_end));
    add('Tatsächlicher Zeitraum', period(m.actual_start, m.actual_end));
    add('Budget', m.budget == null ? null : formatEuro(m.budget));
    add('Sichtbarkeit', label(VISIBILITY, m.visibility));
    if (m.parent_id) {
      const link = document.createElement('a');
      link.href = measureHref(state.ags, m.parent_id);
      link.textContent = state.parent ? `${state.parent.code}: ${state.parent.title}` : 'übergeordnete Maßnahme';
      add('Teil der Maßnahme', link);
      add('Gewichtung', `${formatInteger(m.weight)} (Gewicht im Mittel der übergeordneten Maßnahme)`);
    }
    if (m.updated_at) {
      const time = document.createElement('time');
      time.dateTime = m.updated_at;
      time.textContent = formatDateTime(m.updated_at);
      add('Zuletzt geändert', time);
    }
  }

  function renderGoals(m) {
    const ids = m.goal_ids ?? [];
    if (ids.length === 0) {
      el.goals.replaceChildren(paragraph('Diese Maßnahme ist keinem Leitziel zugeordnet.'));
      return;
    }
    if (!state.goals) {
      el.goals.replaceChildren(paragraph(ids.length === 1
        ? 'Die Maßnahme dient einem Leitziel; dessen Wortlaut ist für Sie nicht sichtbar.'
        : `Die Maßnahme dient ${formatInteger(ids.length)} Leitzielen; deren Wortlaut ist für Sie nicht sichtbar.`));
      return;
    }
    const wanted = new Set(ids);
    const goals = state.goals.filter((g) => wanted.has(g.id)).sort((a, b) => a.position - b.position);
    const ul = document.createElement('ul');
    ul.className = 'goal-list';
    for (const g of goals) {
      const li = document.createElement('li');
      const strong = document.createElement('strong');
      strong.textContent = `Leitziel ${g.position}: `;
      li.append(strong, g.title);
      ul.append(li);
    }
    el.goals.replaceChildren(ul);
  }

  async function renderChildren(generation) {
    const m = state.measure;
    if (!m.child_count) {
      el.children.replaceChildren(paragraph('Diese Maßnahme hat keine Teilmaßnahmen.'));
      return;
    }
    el.children.replaceChildren(paragraph('Teilmaßnahmen werden geladen …'));
    try {
      const items = await getAll(`municipalities/${encodeURIComponent(state.ags)}/measures`, {
        params: { parent_id: m.id, concept_id: m.concept_id },
        auth: true,
      });
      if (generation !== state.generation) return;
      if (items.length === 0) {
        el.children.replaceChildren(paragraph('Die Teilmaßnahmen dieser Maßnahme sind für Sie nicht sichtbar.'));
        return;
      }
      const ags = state.ags;
      createMeasureTable(el.children, {
        id: 'teilmassnahmen-tabelle',
        caption: `Teilmaßnahmen von ${m.code}`,
        note: m.progress_from_children ? 'Ihr gewichtetes Mittel ergibt den Fortschritt der Maßnahme.' : undefined,
        href: (child) => measureHref(ags, child.id),
      }).append(items);
    } catch (err) {
      if (generation !== state.generation) return;
      el.children.replaceChildren(noticeBox('Die Teilmaßnahmen konnten nicht geladen werden.', problemText(err)));
    }
  }

  /* Finds the measure: in ?kommune=, else in the person's Kommunen. */
  async function locate(id, wanted) {
    const candidates = [wanted, ...memberMunicipalities(currentPerson()).map((m) => m.ags)]
      .filter((a, i, all) => a && /^\d{8}$/.test(a) && all.indexOf(a) === i);
    let last = null;
    for (const ags of candidates) {
      try {
        return { ags, res: await fetchMeasure(ags, id) };
      } catch (err) {
        if (err?.status !== 404) throw err;
        last = err;
      }
    }
    throw last ?? Object.assign(new Error('not found'), { status: 404 });
  }

  function showFailure(err) {
    el.content.hidden = true;
    el.kicker.textContent = '';
    el.title.textContent = err?.status === 404 ? 'Maßnahme nicht gefunden' : 'Maßnahme';
    el.live.textContent = '';
    el.alert.replaceChildren(noticeBox(
      err?.status === 404 ? NOT_FOUND : 'Die Maßnahme konnte nicht geladen werden.',
      err?.status === 404 ? null : problemText(err),
    ));
  }

  return {
    async show({ params, args }) {
      const generation = ++state.generation;
      Object.assign(state, {
        id: args.id, measure: null, etag: null, concept: null, goals: null, parent: null, editOpened: false, mayHistory: false,
      });
      el.edit.open = false;
      el.editStatus.textContent = '';
      el.reportSaved.textContent = '';
      el.content.hidden = true;
      el.kicker.textContent = '';
      el.title.textContent = 'Maßnahme';
      el.alert.replaceChildren();
      el.live.textContent = 'Die Maßnahme wird geladen …';
      el.back.href = `/#/katalog${params.get('kommune') ? `?${new URLSearchParams({ kommune: params.get('kommune') })}` : ''}`;

      let found;
      try {
        found = await locate(args.id, params.get('kommune') ?? state.ags);
      } catch (err) {
        if (generation === state.generation) showFailure(err);
        return;
      }
      if (generation !== state.generation) return;
      state.ags = found.ags;
      state.measure = found.res.body;
      state.etag = found.res.etag;

      // Its concept (name, size) and goals, and its parent: not every
      // reader sees them (partners see no draft), so each may be missing.
      const base = `municipalities/${encodeURIComponent(state.ags)}`;
      const m = state.measure;
      const [concept, goals, parent] = await Promise.allSettled([
        authRequest('GET', `${base}/concepts/${encodeURIComponent(m.concept_id)}`),
        getAll(`${base}/concepts/${encodeURIComponent(m.concept_id)}/goals`, { auth: true }),
        m.parent_id ? authRequest('GET', `${base}/measures/${encodeURIComponent(m.parent_id)}`) : Promise.resolve(null),
      ]);
      if (generation !== state.generation) return;
      state.concept = concept.status === 'fulfilled' ? concept.value.body : null;
      state.goals = goals.status === 'fulfilled' ? goals.value : null;
      state.parent = parent.status === 'fulfilled' ? parent.value?.body ?? null : null;

      renderMeasure();
      el.content.hidden = false;
      el.live.textContent = `Maßnahme ${m.code} geladen.`;
      renderChildren(generation);
      reports.load(state.ags, state.id);
      indicators.load(state.ags, state.id);
      history.load(state.ags, state.id, state.mayHistory);
    },
  };
}

function period(start, end) {
  if (start && end) {
    const frag = document.createDocumentFragment();
    frag.append(dateElement(start), ' bis ', dateElement(end));
    return frag;
  }
  if (start) {
    const frag = document.createDocumentFragment();
    frag.append('ab ', dateElement(start));
    return frag;
  }
  if (end) {
    const frag = document.createDocumentFragment();
    frag.append('bis ', dateElement(end));
    return frag;
  }
  return null;
}

function paragraph(text) {
  const p = document.createElement('p');
  p.className = 'text';
  p.textContent = text;
  return p;
}
