/*
 * dump_routes.c: prints the route table (routes.c) as JSON lines, one
 * route each: method, path, operationId (the handler's name), roles (as
 * openapi.yaml's x-roles names them), scope, flags. tests/lint/routes.mjs
 * compares them with openapi.yaml (`make lint-routes`).
 */
#include <stdio.h>

#include "access.h"
#include "router.h"
#include "routes.h"

int main(void)
{
	char roles[160];

	for (size_t i = 0; i < route_count; i++) {
		const struct route *rt = &routes[i];
		unsigned f = rt->flags;

		printf("{\"method\":\"%s\",\"path\":\"%s\",\"operationId\":\"%"
		       "s\","
		       "\"roles\":%s,\"scope\":",
		       rt->method, rt->path, rt->name,
		       access_role_names(rt->roles, roles, sizeof(roles)));
		if (rt->scope)
			printf("\"%s\"", rt->scope);
		else
			printf("null");
		printf(",\"tenant\":%s,\"public\":%s,\"idempotent\":%s}\n",
		       f & ROUTE_TENANT ? "true" : "false",
		       f & ROUTE_PUBLIC ? "true" : "false",
		       f & ROUTE_IDEMPOTENT ? "true" : "false");
	}
	return 0;
}
