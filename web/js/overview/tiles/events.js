/*
 * events.js: the tile „Nächste Veranstaltungen“: the next three planned
 * Veranstaltungen of the Kommune, read from the events list (not from the
 * overview document), each linked to its page, and „Alle
 * Veranstaltungen“. The tile fills itself when the list has arrived.
 */

import { eventHref, eventsHref } from '../../events/terms.js';
import { loadEvents } from '../../events/upcoming.js';
import { eventWhen } from '../../events/when.js';
import { link } from '../links.js';

const SHOWN = 3;

export default {
  id: 'veranstaltungen',
  title: 'Nächste Veranstaltungen',
  render(overview, ctx) {
    const box = document.createElement('div');
    const status = document.createElement('p');
    status.className = 'text';
    status.textContent = 'Die Veranstaltungen werden geladen …';
    const more = document.createElement('p');
    more.className = 'no-print';
    more.append(link(eventsHref(ctx.ags), 'Alle Veranstaltungen'));
    box.append(status, more);
    loadEvents(ctx.ags, { status: 'planned' }).then((items) => {
      if (!items.length) {
        status.textContent = 'Es sind keine Veranstaltungen geplant.';
        return;
      }
      const ul = document.createElement('ul');
      ul.className = 'plain-list overview-events';
      for (const e of items.slice(0, SHOWN)) {
        const li = document.createElement('li');
        li.append(link(eventHref(ctx.ags, e.id), e.title), ', ', eventWhen(e));
        if (e.place) li.append(`, ${e.place}`);
        ul.append(li);
      }
      status.replaceWith(ul);
    }).catch(() => {
      status.textContent = 'Die Veranstaltungen konnten nicht geladen werden.';
    });
    return box;
  },
};
