/*
 * index.js: the tiles of the Übersicht, in the order they are shown. Each
 * tile is a module of its own exporting {id, title, render(overview, ctx)}:
 * render returns the tile's content (a Node) from GET …/overview, or null
 * to leave the tile out. A resource family adds its tile here and its key
 * to the overview document (events, funding, recommendations …), without
 * touching the other tiles or the view.
 */

import status from './status.js';
import indicators from './indicators.js';
import decide from './decide.js';
import changes from './changes.js';
import meetings from './meetings.js';
import recommendations from './recommendations.js';
import events from './events.js';
import partners from './partners.js';

export const TILES = [status, meetings, events, decide, recommendations, indicators, changes, partners];
