/* routes.c: the one route table, read top to bottom like openapi.yaml. */
#include "routes.h"

#include "handlers/handlers.h"

const struct route routes[] = {
	{ "GET", "/health/live", health_live, ROLE_ANYONE, 0 },
	{ "GET", "/health/ready", health_ready, ROLE_ANYONE, 0 },
	{ "GET", "/openapi.yaml", openapi_get, ROLE_ANYONE, 0 },
	{ "POST", "/api/v1/auth/token", auth_token, ROLE_ANYONE,
	  ROUTE_BODY_JSON | ROUTE_BODY_FORM },
	{ "GET", "/api/v1/me", me_get, ROLE_SIGNED_IN, 0 },
	{ "GET", "/api/v1/municipalities", municipality_list, ROLE_ANYONE, 0 },
	{ "GET", "/api/v1/municipalities/{ags}", municipality_get, ROLE_ANYONE,
	  0 },
};

const size_t route_count = sizeof(routes) / sizeof(routes[0]);
