/*
 * upcoming.js: the Veranstaltungen of a Kommune in the order people look
 * for them: upcoming ones (not yet ended) by start, past ones newest first.
 * The list of Veranstaltungen and the Übersicht's tile read them here.
 */

import { apiPath } from './terms.js';
import { getAll } from '../shared/api.js';

/**
 * @param {string} ags
 * @param {{past?: boolean, status?: string, organisation?: string}} [filters]
 */
export async function loadEvents(ags, { past = false, status = '', organisation = '' } = {}) {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const params = { status: status || null, organisation_id: organisation || null };
  if (past) params.to = now;
  else params.from = now;
  const items = await getAll(apiPath(ags, 'events'), { params, auth: true });
  const start = (e) => (e.all_day ? `${e.starts_on}T00:00` : new Date(e.starts_at).toISOString());
  items.sort((a, b) => start(a).localeCompare(start(b)));
  if (past) items.reverse();
  return items;
}

