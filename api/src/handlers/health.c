/*
 * health.c: liveness (the process answers), readiness (the database
 * answers) and the API contract itself.
 */
#include "../db.h"
#include "../reply.h"
#include "../req.h"
#include "../server.h"
#include "handlers.h"

static const char ok[] = "{\"status\":\"ok\"}";

int health_live(struct req *r)
{
	return reply_json(r, 200, ok, sizeof(ok) - 1, NULL);
}

int health_ready(struct req *r)
{
	int err = db_ping(r->srv->pool);

	if (err < 0)
		return reply_problem(r, 503, "The database does not answer.",
				     NULL, "Retry-After: 5\r\n");
	return reply_json(r, 200, ok, sizeof(ok) - 1, NULL);
}

int openapi_get(struct req *r)
{
	if (!r->srv->openapi)
		return reply_problem(r, 404,
				     "The API contract is not installed.", NULL,
				     NULL);
	return reply(r, 200, "application/yaml; charset=utf-8", NULL,
		     r->srv->openapi, r->srv->openapi_len);
}
