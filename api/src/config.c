/*
 * config.c: configuration from TEILHABE_* variables, then flags. Every
 * setting is described once, in defs[], which is also --help.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { OPT_STR, OPT_LONG };

struct option_def {
	struct {
		const char *flag, *env, *def, *help;
	} o;
	int kind;
	size_t offset;
	long min, max;
};

#define STR(f, e, d, h, field)                                                 \
	{                                                                      \
		{ f, e, d, h }, OPT_STR, offsetof(struct config, field), 0, 0  \
	}
#define NUM(f, e, d, h, field, lo, hi)                                         \
	{                                                                      \
		{ f, e, d, h }, OPT_LONG, offsetof(struct config, field), lo,  \
			hi                                                     \
	}

static const struct option_def defs[] = {
	STR("database-url", "TEILHABE_DATABASE_URL",
	    "postgresql:///teilhabe?user=teilhabe_app",
	    "libpq connection string of the service role", database_url),
	STR("owner-database-url", "TEILHABE_OWNER_DATABASE_URL",
	    "postgresql:///teilhabe?user=teilhabe_owner",
	    "connection string of the schema owner (migrate, seed-demo)",
	    owner_database_url),
	STR("listen", "TEILHABE_LISTEN", "127.0.0.1:8080",
	    "address and port to serve on", listen),
	STR("web-root", "TEILHABE_WEB_ROOT", "web",
	    "directory of the web client; empty serves none", web_root),
	STR("sql-dir", "TEILHABE_SQL_DIR", "sql",
	    "directory holding migrations/, schema/ and demo/", sql_dir),
	STR("openapi", "TEILHABE_OPENAPI", "openapi.yaml",
	    "the API contract served at /openapi.yaml", openapi_path),
	STR("cors-origins", "TEILHABE_CORS_ORIGINS", "",
	    "comma-separated origins allowed by CORS; empty: none",
	    cors_origins),
	STR("token-keys", "TEILHABE_TOKEN_KEYS", "var/token.keys",
	    "file of access-token keys, lines \"KID BASE64SECRET\"; the first "
	    "signs",
	    token_keys),
	STR("trusted-proxies", "TEILHABE_TRUSTED_PROXIES", "",
	    "comma-separated proxy addresses whose X-Forwarded-For is "
	    "believed (for login throttling and logs)",
	    trusted_proxies),
	NUM("login-email-limit", "TEILHABE_LOGIN_EMAIL_LIMIT", "5",
	    "failed sign-ins for one email within 15 minutes before it is "
	    "locked",
	    login_email_limit, 1, 100000),
	NUM("login-addr-limit", "TEILHABE_LOGIN_ADDR_LIMIT", "30",
	    "failed sign-ins from one address within 15 minutes before it is "
	    "locked",
	    login_addr_limit, 1, 100000),
	NUM("contribution-limit", "TEILHABE_CONTRIBUTION_LIMIT", "5",
	    "online contributions from one address within the window before "
	    "429",
	    contribution_limit, 1, 100000),
	NUM("contribution-window", "TEILHABE_CONTRIBUTION_WINDOW", "600",
	    "the window of the online contribution limit, in seconds",
	    contribution_window, 1, 86400),
	NUM("body-limit", "TEILHABE_BODY_LIMIT", "1048576",
	    "largest request body in bytes (413 beyond)", body_limit, 1,
	    1L << 30),
	NUM("pool-size", "TEILHABE_DB_POOL_SIZE", "4",
	    "database connections shared by all workers", pool_size, 1, 256),
	NUM("pool-timeout-ms", "TEILHABE_DB_POOL_TIMEOUT_MS", "2000",
	    "wait for a free connection before answering 503", pool_timeout_ms,
	    1, 600000),
	NUM("threads", "TEILHABE_THREADS", "512",
	    "HTTP worker threads (one per open connection, slow clients "
	    "included)",
	    threads, 1, 4096),
	NUM("request-timeout-ms", "TEILHABE_REQUEST_TIMEOUT_MS", "10000",
	    "time allowed to receive a request or send a reply",
	    request_timeout_ms, 100, 600000),
	NUM("shutdown-grace-ms", "TEILHABE_SHUTDOWN_GRACE_MS", "10000",
	    "on SIGTERM or SIGINT, time for requests in flight to finish and "
	    "be delivered before the server stops",
	    shutdown_grace_ms, 0, 600000),
};

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

static int set(struct config *c, const struct option_def *d, const char *value,
	       char *err, size_t errlen)
{
	char *base = (char *)c;

	if (d->kind == OPT_STR) {
		char **field = (char **)(void *)(base + d->offset);

		free(*field);
		*field = xstrdup(value);
		return 0;
	}
	long *field = (long *)(void *)(base + d->offset);
	if (parse_long(value, d->min, d->max, field) < 0) {
		snprintf(err, errlen,
			 "%s: expected a whole number from %ld to %ld, got "
			 "\"%s\"",
			 d->o.env, d->min, d->max, value);
		return -1;
	}
	return 0;
}

static const struct option_def *find_flag(const char *name, size_t n)
{
	for (size_t i = 0; i < NDEFS; i++)
		if (strlen(defs[i].o.flag) == n &&
		    !strncmp(defs[i].o.flag, name, n))
			return &defs[i];
	return NULL;
}

int config_load(struct config *c, int *argc, char **argv,
		const char *(*getenv_fn)(const char *), char *err,
		size_t errlen)
{
	int out = 1;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < NDEFS; i++) {
		const char *v = getenv_fn ? getenv_fn(defs[i].o.env) : NULL;

		if (set(c, &defs[i], v ? v : defs[i].o.def, err, errlen) < 0)
			return -1;
	}
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char *eq;
		const struct option_def *d;
		const char *value;

		if (strncmp(a, "--", 2) || !a[2]) {
			argv[out++] = argv[i];
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		d = find_flag(a, eq ? (size_t)(eq - a) : strlen(a));
		if (!d) {
			snprintf(err, errlen, "unknown option --%s", a);
			return -1;
		}
		if (eq) {
			value = eq + 1;
		} else if (i + 1 < *argc) {
			value = argv[++i];
		} else {
			snprintf(err, errlen, "--%s needs a value", d->o.flag);
			return -1;
		}
		if (set(c, d, value, err, errlen) < 0)
			return -1;
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < NDEFS; i++) {
		if (defs[i].kind == OPT_STR) {
			char **field =
				(char **)(void *)((char *)c + defs[i].offset);

			free(*field);
			*field = NULL;
		}
	}
}

void config_usage(FILE *out)
{
	fputs("Options (flags override environment variables):\n", out);
	for (size_t i = 0; i < NDEFS; i++)
		fprintf(out, "  --%-20s %-28s %s\n  %-51s (default: \"%s\")\n",
			defs[i].o.flag, defs[i].o.env, defs[i].o.help, "",
			defs[i].o.def);
}
