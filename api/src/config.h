/*
 * config.h: the service's configuration, read from TEILHABE_* environment
 * variables and overridden by command-line flags.
 */
#ifndef TEILHABE_CONFIG_H
#define TEILHABE_CONFIG_H

#include <stddef.h>
#include <stdio.h>

struct config {
	char *database_url;	  /* service role: owns nothing, no BYPASSRLS */
	char *owner_database_url; /* migrations and demo data */
	char *listen;		  /* host:port */
	char *web_root;		  /* static files; empty: none */
	char *sql_dir;		  /* migrations/, schema/, demo/ */
	char *openapi_path;	  /* served at /openapi.yaml */
	char *cors_origins;	  /* comma-separated; empty: no CORS */
	char *token_keys;	/* file of access-token keys; the first signs */
	char *trusted_proxies;	/* comma-separated peers whose X-Forwarded-For
				   names the client */
	long login_email_limit; /* failed sign-ins before an email is locked */
	long login_addr_limit;	/* ... and before an address is locked */
	long contribution_limit;  /* online contributions per address ... */
	long contribution_window; /* ... within this many seconds */
	long body_limit;	  /* bytes */
	long pool_size;		  /* database connections */
	long pool_timeout_ms;	  /* wait for a free connection */
	long threads;		  /* CivetWeb worker threads */
	long request_timeout_ms;
	long shutdown_grace_ms; /* SIGTERM: wait this long for requests */
};

/*
 * Fills c from the environment (getenv_fn, normally getenv) and then from
 * argv (flags "--name=value" or "--name value"). Returns 0, or -1 with a
 * message in err (size errlen) for an unknown flag or an invalid value.
 * Positional arguments are left in place; *argc is updated to exclude the
 * flags consumed.
 */
int config_load(struct config *c, int *argc, char **argv,
		const char *(*getenv_fn)(const char *), char *err,
		size_t errlen);
void config_free(struct config *c);
void config_usage(FILE *out);

#endif
