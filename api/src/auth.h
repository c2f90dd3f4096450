/*
 * auth.h: who is calling. Reads the Authorization header, verifies the
 * bearer token and sets the request's claims and role bits.
 */
#ifndef TEILHABE_AUTH_H
#define TEILHABE_AUTH_H

struct req;
struct token_keys;

/*
 * Leaves an anonymous caller as it is and returns 0; for a valid bearer
 * token sets r->claims and r->role and returns 0; otherwise returns
 * API_EUNAUTHORIZED with r->detail set (the reason stays in the log).
 */
int auth_request(struct req *r, const struct token_keys *keys, long now);

/* The ROLE_* bits a token's claims grant anywhere. */
unsigned auth_roles(const char *claims);

#endif
