/*
 * migrate.h: schema migrations and demo data. Migrations are
 * sql/migrations/NNN_name.sql, applied once each in order, each in its own
 * transaction and recorded with its SHA-256; a changed applied file stops
 * everything. After them, every run, the schema files
 * sql/schema/<family>/<nn>_<name>.sql (functions, views, triggers,
 * policies; written to be re-run) are applied in the order of their paths,
 * all in one transaction. Demo data is the .sql files of sql/demo, written
 * to be run any number of times.
 */
#ifndef TEILHABE_MIGRATE_H
#define TEILHABE_MIGRATE_H

#include "config.h"

/* Both return the process exit code and report on stderr. */
int migrate_run(const struct config *cfg);
int seed_demo_run(const struct config *cfg);

/* Lowercase hex SHA-256 of data into out (65 bytes). */
void sha256_hex(const void *data, size_t n, char *out);

#endif
