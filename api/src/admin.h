/*
 * admin.h: teilhabe create-admin, which bootstraps the first district
 * admin of a deployment (and its district, when it is named and new).
 */
#ifndef TEILHABE_ADMIN_H
#define TEILHABE_ADMIN_H

struct config;

/*
 * Creates or promotes the account email (display name name) as district
 * admin, with the password read as one line from stdin. district_code and
 * district_name (both or neither) name the district, created if missing;
 * without them the deployment must have exactly one district. Returns the
 * process exit code.
 */
int create_admin_run(const struct config *cfg, const char *email,
		     const char *name, const char *district_code,
		     const char *district_name);

#endif
