/*
 * token.h: the service's access tokens. HS256 JWTs signed with one of the
 * deployment's keys (kid in the header, so keys rotate without logging
 * anyone out). Verification pins the algorithm and checks every claim
 * itself: libjwt 1.10 takes the algorithm from the token and checks none.
 */
#ifndef TEILHABE_TOKEN_H
#define TEILHABE_TOKEN_H

#include <stddef.h>

#define TOKEN_ISSUER	  "teilhabe"
#define TOKEN_AUDIENCE	  "teilhabe-api"
#define TOKEN_TTL_SECONDS 900
#define TOKEN_MAX_LEN	  4096
#define TOKEN_MAX_KEYS	  4

struct token_key {
	char kid[33];
	unsigned char secret[64];
	size_t len;
};

/* The keys: the first signs, all verify. */
struct token_keys {
	struct token_key keys[TOKEN_MAX_KEYS];
	int n;
};

/*
 * Reads keys from a file of lines "KID BASE64SECRET" (at least 32 bytes
 * each; '#' starts a comment). Returns 0, or -1 with a message in err.
 */
int token_keys_load(struct token_keys *k, const char *path, char *err,
		    size_t errlen);

/*
 * Issues a token for claims (a JSON object text holding sub and the
 * authorisation claims) at time now. Returns a new string, or NULL.
 */
char *token_issue(const struct token_keys *k, const char *claims, long now);

/*
 * Whether token (at most TOKEN_MAX_LEN bytes) has a header or payload that
 * decodes to JSON nested deeper than JSON_MAX_DEPTH: a malformed request
 * rather than a merely invalid token. token_verify refuses such tokens
 * too, before anything parses them.
 */
int token_too_deep(const char *token);

/*
 * Verifies token at time now; a token claiming a lifetime (exp - iat) over
 * TOKEN_TTL_SECONDS is refused, whoever signed it. Its roles are checked
 * against the database by app_begin. Returns 0 and a new JSON text of its
 * claims in *claims (free() it), or -1 with the reason in why (for logs, never
 * for the client).
 */
int token_verify(const struct token_keys *k, const char *token, long now,
		 char **claims, char *why, size_t whylen);

#endif
