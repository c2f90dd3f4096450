/*
 * progress-report-list.js: the Sachstände (progress reports) of a measure,
 * newest first, page by page (keyset cursor). Each is a dated record with
 * its Stand, the progress it reported, its text and who wrote it.
 */

import { REPORT_STATUS, label } from './terms.js';
import { getPage } from '../shared/api.js';
import { badge, dateElement, progressBar } from '../shared/ui.js';
import { formatDateTime } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { createPagedList } from '../shared/paged-list.js';
import { problemText } from '../shared/problems.js';

/**
 * @param {HTMLElement} container where the list goes
 * @param {{live: HTMLElement}} regions live: a role="status" region for the counts
 * @returns {{load: (ags: string, measureId: string) => Promise<void>}}
 */
export function createProgressReportList(container, { live }) {
  const state = { ags: null, id: null };
  let list = null;
  const alert = document.createElement('div');
  alert.className = 'alert-region';
  alert.setAttribute('role', 'alert');
  const body = document.createElement('div');
  container.replaceChildren(alert, body);
  const pages = createPagedList({
    container: body,
    nouns: 'Sachstände',
    alert,
    fetchPage: (cursor) => getPage(
      `municipalities/${encodeURIComponent(state.ags)}/measures/${encodeURIComponent(state.id)}/progress-reports`,
      { cursor, auth: true },
    ),
    show(items, isFirstPage) {
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
      }
      if (!isFirstPage) {
        live.textContent = `${items.length === 1 ? '1 weiterer Sachstand' : `${items.length} weitere Sachstände`} geladen.`;
      }
      return first;
    },
    empty() {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = 'Zu dieser Maßnahme gibt es noch keinen Sachstand.';
      body.replaceChildren(p);
    },
    failed(err, isFirstPage) {
      alert.replaceChildren(noticeBox(
        isFirstPage ? 'Die Sachstände konnten nicht geladen werden.' : 'Weitere Sachstände konnten nicht geladen werden.',
        problemText(err),
      ));
    },
  });

  return {
    /** Show the reports of the measure from the newest on. */
    load(ags, measureId) {
      Object.assign(state, { ags, id: measureId });
      list = null;
      pages.reset();
      return pages.load();
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
