/*
 * meetings.js: the tile „Sitzungen“: the next and the last meeting of the
 * Steuerungsgruppe (overview.meetings), linking to their pages, and „Alle
 * Sitzungen“ (the meetings views, /#/sitzungen).
 */

import { formatDateTime } from '../../shared/format.js';
import { link, meetingHref, meetingsHref } from '../links.js';

export default {
  id: 'sitzungen',
  title: 'Sitzungen',
  render(overview, ctx) {
    const meetings = overview.meetings ?? {};
    const dl = document.createElement('dl');
    dl.className = 'overview-meetings';
    add(dl, 'Nächste Sitzung', meetings.next, ctx, 'Keine Sitzung geplant.');
    add(dl, 'Letzte Sitzung', meetings.last, ctx, 'Noch keine Sitzung gehalten.');
    const p = document.createElement('p');
    p.className = 'no-print';
    p.append(link(meetingsHref(ctx.ags), 'Alle Sitzungen'));
    const frag = document.createDocumentFragment();
    frag.append(dl, p);
    return frag;
  },
};

function add(dl, term, meeting, ctx, none) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  if (!meeting) {
    dd.textContent = none;
  } else {
    dd.append(link(meetingHref(ctx.ags, meeting.id), meeting.title || 'Sitzung'));
    const time = document.createElement('time');
    time.dateTime = meeting.starts_at;
    time.textContent = formatDateTime(meeting.starts_at);
    dd.append(', ', time);
    if (meeting.place) dd.append(`, ${meeting.place}`);
  }
  dl.append(dt, dd);
}
