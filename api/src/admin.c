/* admin.c: bootstrapping the first district admin. */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "password.h"

static const char district_sql[] =
	"INSERT INTO district (code, name) VALUES ($1, $2)"
	" ON CONFLICT (code) DO NOTHING";

/* $4: the district's code, or NULL for the only district there is */
static const char admin_sql[] =
	"INSERT INTO account (district_id, email, display_name, password_hash,"
	" district_admin)"
	" SELECT d.id, $1, $2, $3, true FROM district d"
	" WHERE d.code = $4 OR ($4::text IS NULL"
	"   AND (SELECT count(*) FROM district) = 1)"
	" ON CONFLICT ((lower(email))) DO UPDATE SET district_admin = true,"
	" password_hash = EXCLUDED.password_hash, status = 'active',"
	" invitation_hash = NULL, invitation_expires_at = NULL"
	" RETURNING id";

int create_admin_run(const struct config *cfg, const char *email,
		     const char *name, const char *district_code,
		     const char *district_name)
{
	char line[PASSWORD_MAX_LEN + 2], err[512];
	struct db_admin *a;
	struct db_result *res = NULL;
	char *hash;
	int rc = 1;

	if (!email || !strchr(email, '@') || !name || !*name) {
		fputs("usage: teilhabe create-admin EMAIL \"DISPLAY NAME\" "
		      "[DISTRICT_CODE \"DISTRICT NAME\"] < password\n",
		      stderr);
		return 2;
	}
	if (!fgets(line, sizeof(line), stdin)) {
		fputs("teilhabe create-admin: give the password on stdin\n",
		      stderr);
		return 2;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (password_policy_check(line) < 0) {
		fprintf(stderr,
			"teilhabe create-admin: a password has %d to %d "
			"characters\n",
			PASSWORD_MIN_CHARS, PASSWORD_MAX_LEN);
		return 2;
	}
	if (!(hash = password_hash(line)))
		return 1;
	if (!(a = db_admin_connect(cfg->owner_database_url, err,
				   sizeof(err)))) {
		fprintf(stderr, "teilhabe create-admin: cannot connect: %s",
			err);
		free(hash);
		return 1;
	}
	if (district_code) {
		const char *dp[] = { district_code, district_name };
		if (db_admin_exec(a, district_sql, 2, dp, NULL, err,
				  sizeof(err)) < 0) {
			fprintf(stderr, "teilhabe create-admin: %s", err);
			goto out;
		}
	}
	const char *p[] = { email, name, hash, district_code };
	if (db_admin_exec(a, admin_sql, 4, p, &res, err, sizeof(err)) < 0) {
		fprintf(stderr, "teilhabe create-admin: %s", err);
		goto out;
	}
	if (db_nrows(res) != 1) {
		fputs("teilhabe create-admin: name the district (DISTRICT_CODE "
		      "\"DISTRICT NAME\"): there is none, or more than one\n",
		      stderr);
		goto out;
	}
	printf("teilhabe create-admin: %s is district admin (account %s)\n",
	       email, db_value(res, 0, 0));
	rc = 0;
out:
	db_result_free(res);
	db_admin_close(a);
	free(hash);
	return rc;
}
