/*
 * overview.c: the Übersicht of a municipality (issue #12), the page the
 * steering group opens before and during a meeting: counts per
 * Handlungsfeld, indicators, what is to decide and what changed since the
 * last meeting. One statement builds it (api_overview, in
 * sql/schema/overview/), as the caller; dispatch has checked the roles.
 * With Accept: text/csv it answers the Handlungsfeld table as CSV.
 */
#include "../api.h"
#include "../csv.h"
#include "../db.h"
#include "../fields.h"
#include "../json_splice.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the document in two parts, spliced by json_splice() (json_splice.h) */
static struct db_stmt q_overview =
	DB_QUERY("SELECT head, figures FROM api_overview_parts($1, $2::date, "
		 "$3::bigint)");
/* the header, today's date (Europe/Berlin) for the file name, the rows */
static struct db_stmt q_overview_csv = DB_QUERY(
	"SELECT overview_csv_header(),"
	" to_char(now() AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'),"
	" (SELECT string_agg(l, E'\\r\\n')"
	" FROM overview_csv(api_overview($1, $2::date, $3::bigint)::json) l)");

int overview_get(struct req *r)
{
	const char *since = req_query(r, "since");
	const char *concept = req_query(r, "concept_id");
	const char *p[3] = { req_param(r, "ags"), since, concept };
	struct db_result *res = NULL;
	int csv = csv_accepted(r), status, err;

	if (since && !date_valid(since))
		return reply_bad_param(r, "since", "must be a date YYYY-MM-DD");
	if (concept && !id_valid(concept))
		return reply_bad_param(r, "concept_id", "must be an id");
	if ((err = db_exec(&res, r->srv->pool, r->claims,
			   csv ? &q_overview_csv : &q_overview, p)) < 0) {
		status = reply_db_error(r, err, res);
	} else if (db_nrows(res) != 1 || db_isnull(res, 0, 0) ||
		   (!csv && db_isnull(res, 0, 1))) {
		status = reply_error(r, API_EINTERNAL);
	} else if (!csv) {
		size_t len = 0;
		char *doc = json_splice(
			db_value(res, 0, 0), db_length(res, 0, 0),
			db_value(res, 0, 1), db_length(res, 0, 1), &len);

		status = doc ? reply_json(r, 200, doc, len, NULL)
			     : reply_error(r, API_EINTERNAL);
		free(doc);
	} else {
		struct csv_out o;
		char name[64];

		snprintf(name, sizeof(name), "uebersicht-%s-%s.csv", p[0],
			 db_value(res, 0, 1));
		csv_begin(&o, r, name, db_value(res, 0, 0));
		if (!db_isnull(res, 0, 2))
			csv_line(&o, db_value(res, 0, 2), db_length(res, 0, 2));
		status = csv_end(&o);
	}
	db_result_free(res);
	return status;
}
