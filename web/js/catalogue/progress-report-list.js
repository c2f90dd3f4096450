/*
 * progress-report-list.js: the Sachstände (progress reports) of a measure,
 * newest first, page by page (keyset cursor). Each is a dated record with
 * its Stand, the progress it reported, its text and who wrote it.
 */

import { REPORT_STATUS, label } from './terms.js';
import { badge, dateElement, progressBar, retryButton } from '../shared/ui.js';
import { formatDateTime } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createMoreButton } from '../shared/paged-list.js';
import { problemText } from '../shared/problems.js';
import { authRequest } from '../shared/session.js';

/**
 * @param {HTMLElement} container where the list goes
 * @param {{live: HTMLElement}} regions live: a role="status" region for the counts
 * @returns {{load: (ags: string, measureId: string) => Promise<void>}}
 */
export function createProgressReportList(container, { live }) {
  const state = { ags: null, id: null, cursor: null, loading: false, generation: 0, count: 0 };
  let list = null;
  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');
  const body = document.createElement('div');
  container.replaceChildren(alert, body);
  const more = createMoreButton(body, 'Sachstände', () => page());

  async function page() {
    if (state.loading) return;
    state.loading = true;
    const generation = state.generation;
    const isFirstPage = list === null;
    alert.replaceChildren();
    if (isFirstPage) body.setAttribute('aria-busy', 'true');
    else more.busy();
    try {
      const { body: answer } = await authRequest(
        'GET',
        `municipalities/${encodeURIComponent(state.ags)}/measures/${encodeURIComponent(state.id)}/progress-reports`,
        { params: { cursor: state.cursor } },
      );
      if (generation !== state.generation) return;
      const items = Array.isArray(answer?.items) ? answer.items : [];
      state.cursor = answer?.next_cursor ?? null;
      if (isFirstPage && items.length === 0 && state.cursor === null) {
        const p = document.createElement('p');
        p.className = 'notice';
        p.textContent = 'Zu dieser Maßnahme gibt es noch keinen Sachstand.';
        body.replaceChildren(p);
        return;
      }
      if (isFirstPage) {
        list = document.createElement('ol');
        list.className = 'report-list';
        list.id = 'sachstaende-liste';
        body.replaceChildren(list);
      }
      let first = null;
      for (const report of items) {
        const li = reportItem(report);
        list.append(li);
        first ??= li.querySelector('h3');
        state.count += 1;
      }
      if (!isFirstPage) {
        live.textContent = `${items.length === 1 ? '1 weiterer Sachstand' : `${items.length} weitere Sachstände`} geladen.`;
      }
      more.update(state.cursor !== null, first);
    } catch (err) {
      if (generation !== state.generation) return;
      alert.replaceChildren(noticeBox(
        isFirstPage ? 'Die Sachstände konnten nicht geladen werden.' : 'Weitere Sachstände konnten nicht geladen werden.',
        problemText(err),
      ));
      if (isFirstPage) body.replaceChildren(retryButton(page));
      else more.ready();
    } finally {
      if (generation === state.generation) {
        state.loading = false;
        body.removeAttribute('aria-busy');
      }
    }
  }

  return {
    /** Show the reports of the measure from the newest on. */
    load(ags, measureId) {
      state.generation += 1;
      Object.assign(state, { ags, id: measureId, cursor: null, loading: false, count: 0 });
      list = null;
      more.forget();
      body.replaceChildren();
      alert.replaceChildren();
      return page();
    },
  };
}

function reportItem(report) {
  const li = document.createElement('li');
  li.className = 'report';
  li.id = `sachstand-${report.id}`;
  const h3 = document.createElement('h3');
  h3.append('Sachstand vom ', dateElement(report.reported_on));

  const facts = document.createElement('dl');
  facts.className = 'report__facts';
  const add = (term, ...value) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.append(...value);
    div.append(dt, dd);
    facts.append(div);
  };
  add('Stand', badge(label(REPORT_STATUS, report.status), report.status));
  add('Fortschritt', progressBar(report.progress));

  const text = document.createElement('p');
  text.className = 'report__text';
  text.textContent = report.text;

  const by = document.createElement('p');
  by.className = 'report__by';
  const who = report.author?.display_name ?? 'unbekannt';
  by.textContent = `Erfasst von ${who}${report.organisation?.name ? ` für ${report.organisation.name}` : ''}`
    + `${report.created_at ? ` am ${formatDateTime(report.created_at)}` : ''}.`;

  li.append(h3, facts, text, by);
  return li;
}
