/*
 * main.c: the teilhabe command: serve, migrate, seed-demo, version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "config.h"
#include "migrate.h"
#include "password.h"
#include "server.h"

#ifndef TEILHABE_VERSION
#define TEILHABE_VERSION "dev"
#endif

static const char *env(const char *name)
{
	return getenv(name);
}

/* Reads one line from stdin and prints its Argon2id hash (PHC form). */
static int hash_password_stdin(void)
{
	char line[PASSWORD_MAX_LEN + 2];
	char *hash;
	size_t n;

	if (!fgets(line, sizeof(line), stdin))
		return 1;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (password_policy_check(line) < 0) {
		fprintf(stderr,
			"teilhabe: a password has %d to %d characters\n",
			PASSWORD_MIN_CHARS, PASSWORD_MAX_LEN);
		return 1;
	}
	if (!(hash = password_hash(line)))
		return 1;
	puts(hash);
	free(hash);
	return 0;
}

static void usage(FILE *out)
{
	fputs("Usage: teilhabe COMMAND [OPTIONS]\n\n"
	      "Teilhabe: the working system of a district's municipal "
	      "integration offices.\n\n"
	      "Commands:\n"
	      "  serve       serve the API and the web client\n"
	      "  migrate     apply the database migrations not yet applied\n"
	      "  seed-demo   load the demo data (safe to repeat)\n"
	      "  create-admin EMAIL \"NAME\" [DISTRICT_CODE \"DISTRICT "
	      "NAME\"]\n"
	      "              make EMAIL a district admin, password on stdin\n"
	      "  hash-password  read a password on stdin, print its Argon2id "
	      "hash\n"
	      "  version     print the version\n"
	      "  help        print this help\n\n",
	      out);
	config_usage(out);
}

int main(int argc, char **argv)
{
	struct config cfg;
	char err[512];
	const char *cmd;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
	}
	if (config_load(&cfg, &argc, argv, env, err, sizeof(err)) < 0) {
		fprintf(stderr, "teilhabe: %s\n\n", err);
		usage(stderr);
		config_free(&cfg);
		return 2;
	}
	cmd = argc > 1 ? argv[1] : "help";
	if (!strcmp(cmd, "serve")) {
		rc = server_run(&cfg);
	} else if (!strcmp(cmd, "migrate")) {
		rc = migrate_run(&cfg);
	} else if (!strcmp(cmd, "seed-demo")) {
		rc = seed_demo_run(&cfg);
	} else if (!strcmp(cmd, "create-admin")) {
		rc = argc == 4 || argc == 6
			     ? create_admin_run(&cfg, argv[2], argv[3],
						argc == 6 ? argv[4] : NULL,
						argc == 6 ? argv[5] : NULL)
			     : create_admin_run(&cfg, NULL, NULL, NULL, NULL);
	} else if (!strcmp(cmd, "hash-password")) {
		rc = hash_password_stdin();
	} else if (!strcmp(cmd, "version")) {
		printf("teilhabe %s\n", TEILHABE_VERSION);
		rc = 0;
	} else if (!strcmp(cmd, "help")) {
		usage(stdout);
		rc = 0;
	} else {
		fprintf(stderr, "teilhabe: unknown command \"%s\"\n\n", cmd);
		usage(stderr);
		rc = 2;
	}
	config_free(&cfg);
	return rc;
}
