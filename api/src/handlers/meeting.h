/* meeting.h: what meeting.c shares with meeting_part.c. */
#ifndef TEILHABE_HANDLERS_MEETING_H
#define TEILHABE_HANDLERS_MEETING_H

extern const char meeting_not_found[];

/* Whether s is a date-time with its zone (Z or an offset), RFC 3339. */
int meeting_instant_valid(const char *s);

#endif
