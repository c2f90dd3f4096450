/*
 * password.h: Argon2id password hashes (OWASP parameters: m=19 MiB, t=2,
 * p=1) in PHC string form. At most PASSWORD_MAX_CONCURRENT hashes run at
 * once; further callers wait, so a login storm cannot take every core.
 */
#ifndef TEILHABE_PASSWORD_H
#define TEILHABE_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MAX_CONCURRENT 2
#define PASSWORD_MAX_LEN	256
#define PASSWORD_MIN_CHARS	12

/* Hashes password into a new PHC string (free() it); NULL on failure. */
char *password_hash(const char *password);

/*
 * 0 when password matches hash, -1 otherwise. A NULL hash (unknown account
 * or no password set) is checked against a dummy hash, so the answer takes
 * as long as for a real account.
 */
int password_verify(const char *hash, const char *password);

/*
 * Whether a new password is acceptable: at least PASSWORD_MIN_CHARS
 * characters and at most PASSWORD_MAX_LEN bytes. 0 or -1.
 */
int password_policy_check(const char *password);

#endif
