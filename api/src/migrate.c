/* migrate.c: applying migrations and loading demo data. */
#include "migrate.h"

#include <dirent.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "util.h"

#define ERRLEN 1024

void sha256_hex(const void *data, size_t n, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	EVP_Digest(data, n, md, &len, EVP_sha256(), NULL);
	for (unsigned i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[2 * len] = '\0';
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether dir/name is a directory. */
static int is_dir(const char *dir, const char *name)
{
	char path[4400];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The *.sql files of dir, or with dirs its subdirectories, sorted;
 * NULL-terminated; NULL when there are none. */
static char **list_entries(const char *dir, int dirs, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	*count = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		if (dirs ? !is_dir(dir, e->d_name)
			 : (len < 5 || strcmp(e->d_name + len - 4, ".sql")))
			continue;
		names = xrealloc(names, (n + 2) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (names) {
		qsort(names, n, sizeof(*names), cmp_names);
		names[n] = NULL;
	}
	*count = n;
	return names;
}

static char **list_sql(const char *dir, size_t *count)
{
	return list_entries(dir, 0, count);
}

static void free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Runs sql inside one transaction, then the recording statement if any. */
static int exec_in_tx(struct db_admin *a, const char *sql, const char *record,
		      const char *const *params, int nparams, char *err)
{
	if (db_admin_exec(a, "BEGIN", 0, NULL, NULL, err, ERRLEN) < 0)
		return -1;
	if (db_admin_exec(a, sql, 0, NULL, NULL, err, ERRLEN) < 0 ||
	    (record && db_admin_exec(a, record, nparams, params, NULL, err,
				     ERRLEN) < 0)) {
		char ignore[ERRLEN];

		db_admin_exec(a, "ROLLBACK", 0, NULL, NULL, ignore, ERRLEN);
		return -1;
	}
	return db_admin_exec(a, "COMMIT", 0, NULL, NULL, err, ERRLEN);
}

static const char setup_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_migration ("
	"  version integer PRIMARY KEY,"
	"  name text NOT NULL,"
	"  checksum text NOT NULL,"
	"  applied_at timestamptz NOT NULL DEFAULT now());"
	"SELECT pg_advisory_lock(hashtext('teilhabe.migrate'));";

/* Runs the files of one family directory (sql/schema/<family>) in the
 * open transaction, in the order of their names. */
static int apply_family(struct db_admin *a, const char *schema_dir,
			const char *family, int *count)
{
	char err[ERRLEN], dir[4200], path[4400];
	size_t n = 0;
	char **names;
	int rc = 0;

	snprintf(dir, sizeof(dir), "%s/%s", schema_dir, family);
	names = list_sql(dir, &n);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t len;
		char *sql;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!(sql = file_read(path, &len))) {
			fprintf(stderr, "teilhabe migrate: cannot read %s\n",
				path);
			rc = -1;
		} else if (db_admin_exec(a, sql, 0, NULL, NULL, err,
					 sizeof(err)) < 0) {
			fprintf(stderr,
				"teilhabe migrate: schema/%s/%s failed: %s",
				family, names[i], err);
			rc = -1;
		} else {
			(*count)++;
		}
		free(sql);
	}
	free_list(names, n);
	return rc;
}

/* Re-applies the schema files (sql/schema/<family>/<nn>_<name>.sql: the
 * functions, views, triggers and policies as they are now), in the order
 * of their paths, all in one transaction. Every run, like Flyway's
 * repeatable migrations, so the files are the source of those objects. */
static int apply_schema(struct db_admin *a, const char *sql_dir)
{
	char err[ERRLEN], ignore[ERRLEN], dir[4096];
	size_t n = 0;
	char **families;
	int count = 0, rc = 0;

	snprintf(dir, sizeof(dir), "%s/schema", sql_dir);
	if (!(families = list_entries(dir, 1, &n))) {
		fprintf(stderr, "teilhabe migrate: no schema files in %s\n",
			dir);
		return -1;
	}
	if (db_admin_exec(a, "BEGIN", 0, NULL, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "teilhabe migrate: %s", err);
		free_list(families, n);
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = apply_family(a, dir, families[i], &count);
	free_list(families, n);
	if (rc < 0) {
		db_admin_exec(a, "ROLLBACK", 0, NULL, NULL, ignore,
			      sizeof(ignore));
		return -1;
	}
	if (db_admin_exec(a, "COMMIT", 0, NULL, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "teilhabe migrate: %s", err);
		return -1;
	}
	fprintf(stderr, "teilhabe migrate: re-applied %d schema files\n",
		count);
	return 0;
}

int migrate_run(const struct config *cfg)
{
	char err[ERRLEN], dir[4096], path[4200], sum[65];
	struct db_admin *a;
	char **names;
	size_t n = 0;
	int applied = 0, rc = 1;

	snprintf(dir, sizeof(dir), "%s/migrations", cfg->sql_dir);
	names = list_sql(dir, &n);
	if (!names) {
		fprintf(stderr, "teilhabe migrate: no migrations in %s\n", dir);
		return 1;
	}
	if (!(a = db_admin_connect(cfg->owner_database_url, err,
				   sizeof(err)))) {
		fprintf(stderr, "teilhabe migrate: cannot connect: %s", err);
		free_list(names, n);
		return 1;
	}
	if (db_admin_exec(a, setup_sql, 0, NULL, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "teilhabe migrate: %s", err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct db_result *res = NULL;
		char version[16];
		long v;
		size_t len;
		char *sql;

		if (strlen(names[i]) < 5 || names[i][3] != '_' ||
		    (snprintf(version, sizeof(version), "%.3s", names[i]),
		     parse_long(version, 0, 999, &v) < 0)) {
			fprintf(stderr,
				"teilhabe migrate: %s is not named "
				"NNN_name.sql\n",
				names[i]);
			goto out;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!(sql = file_read(path, &len))) {
			fprintf(stderr, "teilhabe migrate: cannot read %s\n",
				path);
			goto out;
		}
		sha256_hex(sql, len, sum);
		snprintf(version, sizeof(version), "%ld", v);
		const char *p[] = { version, names[i], sum };
		if (db_admin_exec(a,
				  "SELECT checksum, name FROM schema_migration "
				  "WHERE version = $1",
				  1, p, &res, err, sizeof(err)) < 0) {
			fprintf(stderr, "teilhabe migrate: %s", err);
			free(sql);
			goto out;
		}
		if (db_nrows(res) > 0) {
			int same = !strcmp(db_value(res, 0, 0), sum);

			db_result_free(res);
			free(sql);
			if (!same) {
				fprintf(stderr,
					"teilhabe migrate: %s was changed "
					"after it "
					"was applied; refusing to continue. "
					"Add a "
					"new migration instead.\n",
					names[i]);
				goto out;
			}
			continue;
		}
		db_result_free(res);
		if (exec_in_tx(a, sql,
			       "INSERT INTO schema_migration (version, name, "
			       "checksum) VALUES ($1, $2, $3)",
			       p, 3, err) < 0) {
			fprintf(stderr, "teilhabe migrate: %s failed: %s",
				names[i], err);
			free(sql);
			goto out;
		}
		free(sql);
		fprintf(stderr, "teilhabe migrate: applied %s\n", names[i]);
		applied++;
	}
	if (apply_schema(a, cfg->sql_dir) < 0)
		goto out;
	fprintf(stderr, "teilhabe migrate: %d applied, schema is current\n",
		applied);
	rc = 0;
out:
	db_admin_close(a);
	free_list(names, n);
	return rc;
}

int seed_demo_run(const struct config *cfg)
{
	char err[ERRLEN], dir[4096], path[4200];
	struct db_admin *a;
	char **names;
	size_t n = 0;
	int rc = 1;

	snprintf(dir, sizeof(dir), "%s/demo", cfg->sql_dir);
	names = list_sql(dir, &n);
	if (!names) {
		fprintf(stderr, "teilhabe seed-demo: no demo data in %s\n",
			dir);
		return 1;
	}
	if (!(a = db_admin_connect(cfg->owner_database_url, err,
				   sizeof(err)))) {
		fprintf(stderr, "teilhabe seed-demo: cannot connect: %s", err);
		free_list(names, n);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *sql;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!(sql = file_read(path, &len))) {
			fprintf(stderr, "teilhabe seed-demo: cannot read %s\n",
				path);
			goto out;
		}
		if (exec_in_tx(a, sql, NULL, NULL, 0, err) < 0) {
			fprintf(stderr, "teilhabe seed-demo: %s failed: %s",
				names[i], err);
			free(sql);
			goto out;
		}
		free(sql);
		fprintf(stderr, "teilhabe seed-demo: loaded %s\n", names[i]);
	}
	rc = 0;
out:
	db_admin_close(a);
	free_list(names, n);
	return rc;
}
