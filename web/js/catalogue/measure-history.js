/*
 * measure-history.js: the Änderungsverlauf of a measure on its page (GET
 * …/measures/{id}/history, from the audit log): who changed what when,
 * newest first, each changed field in German with its value before and
 * after. Only the Integrationsbeauftragte, the Steuerungsgruppe and the
 * Kreisadministration may read it; for others the section stays hidden.
 */

import {
  HORIZON, MEASURE_STATUS, TARGET_GROUP, VISIBILITY, label,
} from './terms.js';
import { formatDate, formatDateTime, formatEuro, formatInteger, formatWholePercent } from '../shared/format.js';
import { noticeBox } from '../shared/forms.js';
import { problemText } from '../shared/problems.js';
import { getPage } from '../shared/api.js';
import { decidedInMeeting } from './measure-decisions.js';

/** Field names of the history -> German. */
export const FIELD_LABELS = {
  code: 'Kennung',
  title: 'Titel',
  description: 'Beschreibung',
  action_field_id: 'Handlungsfeld',
  goal_ids: 'Leitziele',
  guiding_goal_id: 'Leitziel',
  horizon: 'Zeithorizont',
  status: 'Status',
  status_reason: 'Begründung des Status',
  progress: 'Fortschritt',
  progress_from_children: 'Fortschritt aus den Teilmaßnahmen',
  weight: 'Gewichtung',
  rank: 'Rang',
  planned_start: 'Geplanter Beginn',
  planned_end: 'Geplantes Ende',
  actual_start: 'Tatsächlicher Beginn',
  actual_end: 'Tatsächliches Ende',
  lead_organisation_id: 'Federführung',
  partner_organisation_ids: 'Beteiligte Organisationen',
  organisation_id: 'Organisation',
  target_groups: 'Zielgruppen',
  budget: 'Budget',
  visibility: 'Sichtbarkeit',
  parent_id: 'Teil der Maßnahme',
  concept_id: 'Integrationskonzept',
  measure_id: 'Maßnahme',
};

const LONG_TEXT = new Set(['description', 'status_reason']);
const PAGE = 20;

/**
 * A value of the history in German.
 * @param {string} field
 * @param {unknown} value
 * @param {(field: string, id: string) => string | null} nameOf names of
 *        referenced records, when known
 */
export function historyValue(field, value, nameOf = () => null) {
  if (value === null || value === undefined || value === '') return 'keine Angabe';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'keine';
    return value.map((v) => historyValue(field, v, nameOf)).join(', ');
  }
  switch (field) {
    case 'status': return label(MEASURE_STATUS, value);
    case 'horizon': return label(HORIZON, value);
    case 'visibility': return label(VISIBILITY, value);
    case 'target_groups': return label(TARGET_GROUP, value);
    case 'progress': return formatWholePercent(Number(value));
    case 'budget': return formatEuro(Number(value));
    case 'rank': case 'weight': return formatInteger(Number(value));
    case 'progress_from_children': return value ? 'ja' : 'nein';
    case 'planned_start': case 'planned_end': case 'actual_start': case 'actual_end':
      return formatDate(String(value));
    default: break;
  }
  if (/_ids?$/.test(field)) return nameOf(field, String(value)) ?? `Nr. ${value}`;
  if (LONG_TEXT.has(field) && String(value).length > 200) return `${String(value).slice(0, 200)} …`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/* "hat die Maßnahme angelegt" etc. */
function actionText(entry) {
  const what = {
    measure: 'die Maßnahme',
    measure_goal: 'eine Leitziel-Zuordnung',
    measure_partner: 'eine beteiligte Organisation',
  }[entry.table] ?? 'die Maßnahme';
  if (entry.action === 'insert') return entry.table === 'measure' ? 'hat die Maßnahme angelegt' : `hat ${what} hinzugefügt`;
  if (entry.action === 'delete') return entry.table === 'measure' ? 'hat die Maßnahme gelöscht' : `hat ${what} entfernt`;
  return `hat ${what} geändert`;
}

function actorText(actor) {
  if (actor?.kind === 'system') return 'Das System';
  if (actor?.kind === 'api_client') return `Die Anwendung „${actor.display_name}“`;
  return actor?.display_name ?? 'Unbekannt';
}

/**
 * @param {HTMLElement} box where the history goes
 * @param {{section: HTMLElement, nameOf?: (field: string, id: string) => string | null}} options
 *        section: hidden when the person may not read the history
 */
export function createMeasureHistory(box, { section, nameOf = () => null }) {
  let generation = 0;
  let ags = null;

  function entryItem(entry) {
    const li = document.createElement('li');
    li.className = 'history__entry';
    const head = document.createElement('p');
    head.className = 'history__head';
    const time = document.createElement('time');
    time.dateTime = entry.at;
    time.textContent = formatDateTime(entry.at);
    const who = document.createElement('strong');
    who.textContent = actorText(entry.actor);
    head.append(time, ': ', who, ` ${actionText(entry)}`);
    li.append(head);
    if (entry.meeting) li.append(decidedInMeeting(ags, entry.meeting));
    if (entry.action === 'update' || entry.table !== 'measure') {
      const ul = document.createElement('ul');
      ul.className = 'history__changes';
      for (const [field, change] of Object.entries(entry.changes ?? {})) {
        const item = document.createElement('li');
        const name = document.createElement('span');
        name.className = 'history__field';
        name.textContent = `${FIELD_LABELS[field] ?? field}: `;
        const text = entry.action === 'update'
          ? `${historyValue(field, change.old, nameOf)} → ${historyValue(field, change.new, nameOf)}`
          : historyValue(field, entry.action === 'insert' ? change.new : change.old, nameOf);
        item.append(name, text);
        ul.append(item);
      }
      if (ul.children.length) li.append(ul);
    }
    return li;
  }

  async function loadPage(path, cursor, list, more, mine) {
    const body = await getPage(path, { params: { limit: PAGE }, cursor, auth: true });
    if (mine !== generation) return;
    for (const entry of body.items ?? []) list.append(entryItem(entry));
    if (list.children.length === 0) {
      box.replaceChildren(paragraph('Für diese Maßnahme sind keine Änderungen verzeichnet.'));
      return;
    }
    more.hidden = !body.next_cursor;
    more.onclick = async () => {
      more.disabled = true;
      try {
        await loadPage(path, body.next_cursor, list, more, mine);
      } catch (err) {
        box.append(noticeBox('Weitere Änderungen konnten nicht geladen werden.', problemText(err)));
      } finally {
        more.disabled = false;
      }
    };
  }

  return {
    /**
     * Load the history of measure id in Kommune ags, when allowed.
     * @param {string} municipality AGS
     * @param {string} id
     * @param {boolean} allowed officer, steering group or district admin
     */
    async load(municipality, id, allowed) {
      const mine = ++generation;
      ags = municipality;
      section.hidden = !allowed;
      if (!allowed) {
        box.replaceChildren();
        return;
      }
      box.replaceChildren(paragraph('Der Änderungsverlauf wird geladen …'));
      const list = document.createElement('ol');
      list.className = 'history';
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'button button--secondary';
      more.textContent = 'Ältere Änderungen laden';
      more.hidden = true;
      const path = `municipalities/${encodeURIComponent(ags)}/measures/${encodeURIComponent(id)}/history`;
      try {
        box.replaceChildren(list, more);
        await loadPage(path, null, list, more, mine);
      } catch (err) {
        if (mine !== generation) return;
        if (err?.status === 403) {
          section.hidden = true;
          return;
        }
        box.replaceChildren(noticeBox('Der Änderungsverlauf konnte nicht geladen werden.', problemText(err)));
      }
    },
  };
}

function paragraph(text) {
  const p = document.createElement('p');
  p.className = 'text';
  p.textContent = text;
  return p;
}
