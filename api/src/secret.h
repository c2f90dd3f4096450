/*
 * secret.h: opaque secrets handed out once (refresh tokens, invitations,
 * API client secrets). 32 random bytes as base64url; the database keeps
 * only their SHA-256, so a stolen table yields nothing usable.
 */
#ifndef TEILHABE_SECRET_H
#define TEILHABE_SECRET_H

#define SECRET_LEN     43 /* base64url of 32 bytes, no padding */
#define SECRET_HEX_LEN 66 /* "\x" and 64 hex digits: bytea input */

/* Makes a secret into out and its hash as bytea text into hex. 0 or -1. */
int secret_new(char out[SECRET_LEN + 1], char hex[SECRET_HEX_LEN + 1]);

/* The SHA-256 of s as bytea text ("\x…") into hex. */
void secret_hash(const char *s, char hex[SECRET_HEX_LEN + 1]);

/* Whether s looks like a secret this service made (length, alphabet). */
int secret_valid(const char *s);

#endif
