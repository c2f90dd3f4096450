/* auth.c: bearer tokens into claims and role bits. */
#include "auth.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "log.h"
#include "req.h"
#include "token.h"

unsigned auth_roles(const char *claims)
{
	json_t *c = json_loads(claims, 0, NULL), *m;
	unsigned roles = 0;
	size_t i;

	if (json_is_true(json_object_get(c, "dadm")))
		roles |= ROLE_DISTRICT_ADMIN;
	json_array_foreach(json_object_get(c, "mem"), i, m)
	{
		const char *role =
			json_string_value(json_object_get(m, "role"));

		if (!role)
			continue;
		if (!strcmp(role, "officer"))
			roles |= ROLE_OFFICER;
		else if (!strcmp(role, "steering"))
			roles |= ROLE_STEERING;
		else if (!strcmp(role, "partner"))
			roles |= ROLE_PARTNER;
	}
	json_decref(c);
	return roles;
}

int auth_request(struct req *r, const struct token_keys *keys, long now)
{
	const char *h = req_header(r, "Authorization");
	char why[128];
	char *claims = NULL;

	if (!h)
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
	if (token_verify(keys, h, now, &claims, why, sizeof(why)) < 0) {
		log_error("request %s: token refused: %s", r->request_id, why);
		snprintf(r->detail, sizeof(r->detail),
			 "The access token is invalid or expired; sign in "
			 "again.");
		return API_EUNAUTHORIZED;
	}
	r->claims = claims;
	r->role = auth_roles(claims);
	if (!r->role)
		r->role = ROLE_MEMBERLESS;
	return 0;
}
