/*
 * server.h: the running service: configuration, the database pool, the
 * CivetWeb context and what is loaded once at start.
 */
#ifndef TEILHABE_SERVER_H
#define TEILHABE_SERVER_H

#include <stddef.h>

#include "config.h"
#include "token.h"

struct db_pool;
struct mg_context;

struct server {
	const struct config *cfg;
	struct db_pool *pool;
	struct mg_context *ctx;
	struct token_keys keys;
	char *openapi; /* the contract, served at /openapi.yaml */
	size_t openapi_len;
};

/* Serves until SIGINT or SIGTERM; returns the process exit code. */
int server_run(const struct config *cfg);

#endif
