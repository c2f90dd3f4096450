/* event_feed.h: what event.c tells event_feed.c. */
#ifndef TEILHABE_HANDLERS_EVENT_FEED_H
#define TEILHABE_HANDLERS_EVENT_FEED_H

/*
 * Events changed through this process: the feeds' ETags it remembers are
 * stale (other processes' changes are seen within a second).
 */
void event_feed_changed(void);

#endif
