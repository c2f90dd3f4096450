/*
 * db.h: the database layer. A small pool of connections shared by all
 * worker threads; every request is one pipelined round trip that sets the
 * caller's claims in the transaction and runs one prepared statement.
 * Only db.c includes libpq.
 */
#ifndef TEILHABE_DB_H
#define TEILHABE_DB_H

#include <stddef.h>

/*
 * A statement, declared static (not const) next to the code that uses it:
 *   static struct db_stmt q_get = DB_QUERY("SELECT ... WHERE id = $1");
 * It is prepared on each connection the first time it runs there, in the
 * same round trip. Its number of parameters is the highest $N of its SQL,
 * counted on first use (db_stmt_nparams), never typed by hand.
 */
struct db_stmt {
	const char *sql;
	int nparams;  /* -1 until counted; read it with db_stmt_nparams */
	int slot;     /* assigned on first use; 0 = not yet */
	int readonly; /* safe to run again after a lost connection */
};
#define DB_STMT(s)                                                             \
	{                                                                      \
		.sql = (s), .nparams = -1                                      \
	}
#define DB_QUERY(s)                                                            \
	{                                                                      \
		.sql = (s), .nparams = -1, .readonly = 1                       \
	}

/*
 * The number of parameters st takes (sql_params of its SQL); counted once,
 * safe from any thread. Whoever binds parameters for st binds this many.
 */
int db_stmt_nparams(struct db_stmt *st);

struct db_pool;
struct db_result;

/*
 * Creates a pool of size connections to url. Connections are opened on
 * demand, so this succeeds while the database is down.
 */
struct db_pool *db_pool_new(const char *url, int size, int timeout_ms);
void db_pool_free(struct db_pool *p);

/*
 * Runs st with params (NULL for SQL NULL) after setting app.claims to
 * claims (a JSON text, or NULL for an anonymous caller), in one implicit
 * transaction. On success *out holds the result (free with db_result_free)
 * and 0 is returned; else an API_E* code: API_EUNAVAILABLE when the
 * database cannot be reached, API_EBUSY when no connection was free in
 * time, API_ECONFLICT/API_EUNPROCESSABLE for constraint violations,
 * API_ERETRY for serialization failures, API_EUNAUTHORIZED when
 * app_begin finds the account or client inactive or the session ended,
 * API_EROLES when the claims' roles are not the stored ones,
 * API_EINTERNAL otherwise.
 */
int db_exec(struct db_result **out, struct db_pool *p, const char *claims,
	    struct db_stmt *st, const char *const *params);

/*
 * Several statements in one round trip and one transaction: each sees what
 * the ones before it changed; the first error rolls all of them back. *out
 * holds the last statement's result. At most DB_MAX_STEPS.
 */
#define DB_MAX_STEPS 8
struct db_step {
	struct db_stmt *st;
	const char *const *params;
};
int db_exec_steps(struct db_result **out, struct db_pool *p, const char *claims,
		  const struct db_step *steps, int n);
/* The number of steps in an array of them. */
#define DB_NSTEPS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* 0 when a connection answers a trivial query, else an API_E* code. */
int db_ping(struct db_pool *p);

int db_nrows(const struct db_result *r);
/* The value at (row, col) as text; "" for NULL (see db_isnull). */
const char *db_value(const struct db_result *r, int row, int col);
size_t db_length(const struct db_result *r, int row, int col);
int db_isnull(const struct db_result *r, int row, int col);
/* The constraint a failed statement violated, or NULL. */
const char *db_error_constraint(const struct db_result *r);
/*
 * The message of an error our own SQL raised (SQLSTATE class TH), meant
 * for people; NULL for any other result.
 */
const char *db_error_message(const struct db_result *r);
/* For such an error, the request field at fault (a JSON pointer), or NULL. */
const char *db_error_pointer(const struct db_result *r);
void db_result_free(struct db_result *r);

/*
 * A single connection for administrative commands (migrate, seed-demo):
 * no pool, no pipeline.
 */
struct db_admin;
struct db_admin *db_admin_connect(const char *url, char *err, size_t errlen);
void db_admin_close(struct db_admin *a);
/*
 * Runs sql (several statements allowed when nparams is 0). Returns 0, or -1
 * with the server's message in err. When out is not NULL and the last
 * statement returned rows, *out receives them.
 */
int db_admin_exec(struct db_admin *a, const char *sql, int nparams,
		  const char *const *params, struct db_result **out, char *err,
		  size_t errlen);

#endif
