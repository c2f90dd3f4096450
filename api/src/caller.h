/*
 * caller.h: who is calling. Reads the Authorization header, verifies the
 * bearer token and sets the request's claims, role bits and caller.
 *
 * The route checks (dispatch, access.c) use the token's claims, before
 * the database is asked. The database is the authority: app_begin, first
 * in every signed-in request's round trip, refuses the whole request (401,
 * API_EROLES) when the claimed district, district-admin flag, memberships
 * or scopes are not the stored ones (sql/migrations/006), so these checks
 * can never grant more than the database would.
 */
#ifndef TEILHABE_CALLER_H
#define TEILHABE_CALLER_H

#define CALLER_MAX_MEMBERSHIPS 64

struct req;
struct token_keys;

/* One membership as the token states it. */
struct caller_membership {
	long long mid; /* municipality id */
	char ags[9];   /* its Amtlicher Gemeindeschlüssel */
	unsigned role; /* one ROLE_* bit */
	long long org; /* a partner's organisation, else 0 */
};

/* The caller, parsed once from the token's claims. */
struct caller {
	long long account_id; /* 0 for an API client */
	long long client_id;  /* 0 for a person */
	long long session_id; /* 0 when the token names none */
	long long district_id;
	int district_admin;
	char scope[128]; /* an API client's granted scopes, space-separated */
	int nmem;
	struct caller_membership mem[CALLER_MAX_MEMBERSHIPS];
};

/*
 * Leaves an anonymous caller as it is and returns 0; for a valid bearer
 * token sets r->claims, r->role and r->caller and returns 0; for a token
 * whose JSON nests too deep returns API_EINVAL (400); otherwise returns
 * API_EUNAUTHORIZED. r->detail is set on error (the reason stays in the
 * log).
 */
int caller_from_token(struct req *r, const struct token_keys *keys, long now);

/*
 * Parses a token's claims into c. Returns the ROLE_* bits they grant
 * anywhere (0: none), or -1 when the claims are not well-formed.
 */
int caller_parse_claims(const char *claims, struct caller *c);

/*
 * The ROLE_* bits the caller holds in the municipality ags (a district
 * admin holds ROLE_DISTRICT_ADMIN in every one), or 0. *mid receives the
 * municipality id when the token names it, else 0.
 */
unsigned caller_role_in(const struct caller *c, const char *ags,
			long long *mid);

/* Whether an API client's token carries scope. People have every scope. */
int caller_has_scope(const struct caller *c, const char *scope);

#endif
