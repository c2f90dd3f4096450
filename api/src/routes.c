/* routes.c: the one route table, read top to bottom like openapi.yaml. */
#include "routes.h"

#include "handlers/handlers.h"

/* who manages accounts and clients; who reads them */
#define MANAGERS (ROLE_OFFICER | ROLE_DISTRICT_ADMIN)
#define STAFF	 (ROLE_OFFICER | ROLE_STEERING | ROLE_DISTRICT_ADMIN)

const struct route routes[] = {
	{ "GET", "/health/live", health_live, ROLE_ANYONE, 0 },
	{ "GET", "/health/ready", health_ready, ROLE_ANYONE, 0 },
	{ "GET", "/openapi.yaml", openapi_get, ROLE_ANYONE, 0 },
	{ "POST", "/api/v1/auth/token", auth_token, ROLE_ANYONE,
	  ROUTE_BODY_JSON | ROUTE_BODY_FORM },
	{ "POST", "/api/v1/auth/revoke", auth_revoke, ROLE_ANYONE,
	  ROUTE_BODY_JSON | ROUTE_BODY_FORM },
	{ "POST", "/api/v1/auth/invitation", auth_invitation, ROLE_ANYONE,
	  ROUTE_BODY_JSON },
	{ "GET", "/api/v1/me", me_get, ROLE_SIGNED_IN, 0 },
	{ "POST", "/api/v1/me/password", me_password, ROLE_SIGNED_IN,
	  ROUTE_BODY_JSON },

	{ "GET", "/api/v1/accounts", account_list, STAFF, 0 },
	{ "POST", "/api/v1/accounts", account_create, MANAGERS,
	  ROUTE_BODY_JSON },
	{ "GET", "/api/v1/accounts/{id}", account_get, ROLE_SIGNED_IN, 0 },
	{ "PATCH", "/api/v1/accounts/{id}", account_update, MANAGERS,
	  ROUTE_BODY_JSON },
	{ "POST", "/api/v1/accounts/{id}/invitation", account_invite, MANAGERS,
	  0 },
	{ "PUT", "/api/v1/accounts/{id}/memberships/{ags}", membership_put,
	  MANAGERS, ROUTE_BODY_JSON },
	{ "DELETE", "/api/v1/accounts/{id}/memberships/{ags}",
	  membership_delete, MANAGERS, 0 },

	{ "GET", "/api/v1/organisations", organisation_list, ROLE_SIGNED_IN,
	  0 },
	{ "POST", "/api/v1/organisations", organisation_create, MANAGERS,
	  ROUTE_BODY_JSON },
	{ "GET", "/api/v1/organisations/{id}", organisation_get, ROLE_SIGNED_IN,
	  0 },

	{ "GET", "/api/v1/municipalities", municipality_list, ROLE_ANYONE, 0 },
	{ "GET", "/api/v1/municipalities/{ags}", municipality_get, ROLE_ANYONE,
	  0 },
	{ "GET", "/api/v1/municipalities/{ags}/api-clients", api_client_list,
	  STAFF, 0 },
	{ "POST", "/api/v1/municipalities/{ags}/api-clients", api_client_create,
	  MANAGERS, ROUTE_BODY_JSON },
	{ "GET", "/api/v1/municipalities/{ags}/api-clients/{id}",
	  api_client_get, STAFF, 0 },
	{ "DELETE", "/api/v1/municipalities/{ags}/api-clients/{id}",
	  api_client_revoke, MANAGERS, 0 },
	{ "GET", "/api/v1/municipalities/{ags}/audit", audit_list, STAFF, 0 },
};

const size_t route_count = sizeof(routes) / sizeof(routes[0]);
