/*
 * throttle.h: failed sign-ins are counted in the database, per email as
 * typed and per client address (auth_login_failed in
 * 003_access_control.sql), so every instance of the service shares them.
 */
#ifndef TEILHABE_THROTTLE_H
#define TEILHABE_THROTTLE_H

struct req;

/* Counts one failed password for email from addr, with the configured limits.
 */
void throttle_failure(struct req *r, const char *email, const char *addr);

#endif
