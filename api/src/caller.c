/* caller.c: bearer tokens into claims, role bits and the caller. */
#include "caller.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ags.h"
#include "api.h"
#include "json_depth.h"
#include "log.h"
#include "req.h"
#include "token.h"

static unsigned role_bit(const char *role)
{
	if (!role)
		return 0;
	if (!strcmp(role, "officer"))
		return ROLE_OFFICER;
	if (!strcmp(role, "steering"))
		return ROLE_STEERING;
	if (!strcmp(role, "partner"))
		return ROLE_PARTNER;
	return 0;
}

/*
 * A numeric claim given as a JSON number or a string of 1 to 18 digits; 0
 * if absent or anything else.
 */
static long long id_claim(json_t *v)
{
	const char *s = json_string_value(v);
	long long n = 0;
	size_t len;

	if (json_is_integer(v))
		return json_integer_value(v) > 0 ? json_integer_value(v) : 0;
	if (!s || (len = strlen(s)) == 0 || len > 18 ||
	    strspn(s, "0123456789") != len)
		return 0;
	for (; *s; s++)
		n = n * 10 + (*s - '0');
	return n;
}

int caller_parse_claims(const char *claims, struct caller *c)
{
	json_t *j = json_loads(claims, 0, NULL), *m;
	unsigned roles = 0;
	size_t i;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(j)) {
		json_decref(j);
		return -1;
	}
	c->client_id = id_claim(json_object_get(j, "cid"));
	if (!c->client_id)
		c->account_id = id_claim(json_object_get(j, "sub"));
	c->session_id = id_claim(json_object_get(j, "sid"));
	c->district_id = id_claim(json_object_get(j, "did"));
	if (json_is_string(json_object_get(j, "scope")))
		snprintf(c->scope, sizeof(c->scope), "%s",
			 json_string_value(json_object_get(j, "scope")));
	if (!c->account_id && !c->client_id) {
		json_decref(j);
		return -1;
	}
	if (c->account_id && json_is_true(json_object_get(j, "dadm"))) {
		c->district_admin = 1;
		roles |= ROLE_DISTRICT_ADMIN;
	}
	json_array_foreach(json_object_get(j, "mem"), i, m)
	{
		struct caller_membership *am;
		const char *ags = json_string_value(json_object_get(m, "ags"));
		unsigned bit =
			role_bit(json_string_value(json_object_get(m, "role")));

		if (!bit || !ags_valid(ags) ||
		    c->nmem == CALLER_MAX_MEMBERSHIPS)
			continue;
		am = &c->mem[c->nmem++];
		am->mid = id_claim(json_object_get(m, "mid"));
		memcpy(am->ags, ags, 9);
		am->role = bit;
		am->org = id_claim(json_object_get(m, "org"));
		roles |= bit;
	}
	json_decref(j);
	return (int)roles;
}

unsigned caller_role_in(const struct caller *c, const char *ags, long long *mid)
{
	unsigned roles = c->district_admin ? ROLE_DISTRICT_ADMIN : 0;

	if (mid)
		*mid = 0;
	for (int i = 0; i < c->nmem; i++)
		if (!strcmp(c->mem[i].ags, ags)) {
			roles |= c->mem[i].role;
			if (mid)
				*mid = c->mem[i].mid;
		}
	return roles;
}

int caller_has_scope(const struct caller *c, const char *scope)
{
	size_t n = strlen(scope);

	if (!c->client_id)
		return 1;
	if (!n)
		return 0;
	for (const char *p = c->scope; (p = strstr(p, scope)) != NULL; p += n)
		if ((p == c->scope || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static struct log_limit refused_log = LOG_LIMIT(10);

int caller_from_token(struct req *r, const struct token_keys *keys, long now)
{
	const char *h = req_header(r, "Authorization");
	char why[128];
	char *claims = NULL;
	int roles;

	/* no token; Basic credentials are for the token endpoint alone */
	if (!h || !ascii_ncasecmp(h, "Basic ", 6))
		return 0;
	if (ascii_ncasecmp(h, "Bearer ", 7)) {
		snprintf(r->detail, sizeof(r->detail),
			 "Send the access token as \"Authorization: Bearer "
			 "TOKEN\".");
		return API_EUNAUTHORIZED;
	}
	h += 7;
	while (*h == ' ')
		h++;
	if (token_too_deep(h)) {
		snprintf(r->detail, sizeof(r->detail),
			 "The access token's JSON is nested deeper than %d "
			 "levels.",
			 JSON_MAX_DEPTH);
		return API_EINVAL;
	}
	if (token_verify(keys, h, now, &claims, why, sizeof(why)) < 0 ||
	    (roles = caller_parse_claims(claims, &r->caller)) < 0) {
		/* expired tokens are routine, forged ones can come by the
		 * thousand: a bounded number of lines */
		log_limited(&refused_log, "token refused: %s",
			    claims ? "claims malformed" : why);
		free(claims);
		snprintf(r->detail, sizeof(r->detail),
			 "The access token is invalid or expired; sign in "
			 "again.");
		return API_EUNAUTHORIZED;
	}
	r->claims = claims;
	r->role = roles ? (unsigned)roles : ROLE_MEMBERLESS;
	return 0;
}
