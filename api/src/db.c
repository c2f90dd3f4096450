/*
 * db.c: the only file that talks to libpq. A fixed pool of connections in
 * pipeline mode; each db_exec is one round trip: [Prepare] [claims]
 * Execute Sync. Statements are prepared lazily per connection, so a
 * connection opened after a database restart re-prepares by itself.
 * SQLSTATEs become API_E* codes here and nowhere else.
 */
#include "db.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "log.h"
#include "sql_params.h"
#include "util.h"

#define DB_MAX_STMTS	512
#define DB_MAX_ATTEMPTS 3

struct conn {
	PGconn *pg;
	unsigned char prepared[DB_MAX_STMTS / 8];
};

struct db_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct conn *conns;
	int *free_idx;
	int nfree;
	int size;
	int timeout_ms;
	char *url;
};

static atomic_int next_slot = 1;

/* puts the caller's claims into the transaction; refuses inactive accounts */
static struct db_stmt claims_stmt = DB_QUERY("SELECT app_begin($1)");

static int slot_of(struct db_stmt *st)
{
	int s = __atomic_load_n(&st->slot, __ATOMIC_ACQUIRE);

	if (s)
		return s;
	int fresh = atomic_fetch_add(&next_slot, 1);
	if (fresh >= DB_MAX_STMTS) {
		log_error("too many statements; raise DB_MAX_STMTS");
		abort();
	}
	int expected = 0;
	if (__atomic_compare_exchange_n(&st->slot, &expected, fresh, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return fresh;
	return expected; /* another thread won; the fresh slot goes unused */
}

int db_stmt_nparams(struct db_stmt *st)
{
	int n = __atomic_load_n(&st->nparams, __ATOMIC_RELAXED);

	if (n >= 0)
		return n;
	/* threads that race here count the same number */
	if ((n = sql_params(st->sql)) < 0) {
		log_error("a statement's parameter number is out of range");
		abort();
	}
	__atomic_store_n(&st->nparams, n, __ATOMIC_RELAXED);
	return n;
}

static int is_prepared(const struct conn *c, int slot)
{
	return c->prepared[slot / 8] & (1u << (slot % 8));
}

static void mark_prepared(struct conn *c, int slot)
{
	c->prepared[slot / 8] |= (unsigned char)(1u << (slot % 8));
}

struct db_pool *db_pool_new(const char *url, int size, int timeout_ms)
{
	struct db_pool *p = xcalloc(1, sizeof(*p));
	pthread_condattr_t ca;

	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
	p->conns = xcalloc((size_t)size, sizeof(*p->conns));
	p->free_idx = xcalloc((size_t)size, sizeof(int));
	for (int i = 0; i < size; i++)
		p->free_idx[i] = size - 1 - i;
	p->nfree = size;
	p->size = size;
	p->timeout_ms = timeout_ms;
	p->url = xstrdup(url);
	return p;
}

void db_pool_free(struct db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->size; i++)
		if (p->conns[i].pg)
			PQfinish(p->conns[i].pg);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->conns);
	free(p->free_idx);
	free(p->url);
	free(p);
}

static struct conn *checkout(struct db_pool *p)
{
	struct timespec until;
	struct conn *c = NULL;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += p->timeout_ms / 1000;
	until.tv_nsec += (long)(p->timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		if (pthread_cond_timedwait(&p->cv, &p->mu, &until))
			break;
	if (p->nfree > 0)
		c = &p->conns[p->free_idx[--p->nfree]];
	pthread_mutex_unlock(&p->mu);
	return c;
}

static void checkin(struct db_pool *p, struct conn *c)
{
	pthread_mutex_lock(&p->mu);
	p->free_idx[p->nfree++] = (int)(c - p->conns);
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void drop(struct conn *c)
{
	PQfinish(c->pg);
	c->pg = NULL;
	memset(c->prepared, 0, sizeof(c->prepared));
}

/*
 * While the database is away every request fails the same way: these are
 * logged once, then at most once per LOG_EVERY_S seconds with a count.
 */
#define LOG_EVERY_S 10
static struct log_limit conn_failed_log = LOG_LIMIT(LOG_EVERY_S);
static struct log_limit conn_lost_log = LOG_LIMIT(LOG_EVERY_S);
static struct log_limit unavailable_log = LOG_LIMIT(LOG_EVERY_S);
static struct log_limit notice_log = LOG_LIMIT(60);

/* libpq's messages end in a newline and may span lines: one log line */
static const char *one_line(char *buf, size_t n, const char *msg)
{
	size_t len;

	snprintf(buf, n, "%s", msg ? msg : "");
	for (char *q = buf; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = ' ';
	len = strlen(buf);
	while (len && buf[len - 1] == ' ')
		buf[--len] = '\0';
	return buf;
}

/*
 * NOTICEs and WARNINGs of the service's sessions (a stop-word search
 * raises one per request): through the logger instead of libpq's default,
 * which prints them raw on stderr. The primary message only, one line.
 */
static void on_notice(void *arg, const PGresult *res)
{
	const char *sev =
		PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	char msg[512];

	(void)arg;
	log_limited(&notice_log, "database %s %s: %s", sev ? sev : "NOTICE",
		    code ? code : "-",
		    one_line(msg, sizeof(msg),
			     PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)));
}

static int open_conn(struct db_pool *p, struct conn *c)
{
	PGresult *res;
	char msg[512];

	c->pg = PQconnectdb(p->url);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		log_limited(&conn_failed_log, "database connection failed: %s",
			    one_line(msg, sizeof(msg), PQerrorMessage(c->pg)));
		drop(c);
		return API_EUNAVAILABLE;
	}
	PQsetNoticeReceiver(c->pg, on_notice, NULL);
	/* generic plans ignore the tenant index under row-level security */
	res = PQexec(c->pg, "SET plan_cache_mode = force_custom_plan");
	if (PQresultStatus(res) != PGRES_COMMAND_OK ||
	    !PQenterPipelineMode(c->pg)) {
		log_limited(&conn_failed_log, "database set-up failed: %s",
			    one_line(msg, sizeof(msg), PQerrorMessage(c->pg)));
		PQclear(res);
		drop(c);
		return API_EUNAVAILABLE;
	}
	PQclear(res);
	return 0;
}

static int sqlstate_err(const PGresult *res)
{
	const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	if (!s)
		return API_EUNAVAILABLE; /* no SQLSTATE: the connection broke */
	/* class TH: raised by our own functions, with a message for people */
	if (!strcmp(s, "TH401"))
		return API_EROLES; /* app_begin: the token's roles are stale */
	if (!strcmp(s, "TH403"))
		return API_EFORBIDDEN;
	if (!strcmp(s, "TH404"))
		return API_ENOTFOUND;
	if (!strcmp(s, "TH409"))
		return API_ECONFLICT;
	if (!strcmp(s, "TH412"))
		return API_EPRECONDITION;
	if (!strcmp(s, "TH422"))
		return API_EUNPROCESSABLE;
	if (!strcmp(s, "23505"))
		return API_ECONFLICT;
	if (!strncmp(s, "23", 2) || !strncmp(s, "22", 2))
		return API_EUNPROCESSABLE;
	if (!strcmp(s, "28000"))
		return API_EUNAUTHORIZED;
	if (!strcmp(s, "42501"))
		return API_EFORBIDDEN; /* a policy or a guard trigger refused */
	if (!strcmp(s, "40001") || !strcmp(s, "40P01"))
		return API_ERETRY;
	if (!strncmp(s, "08", 2) || !strncmp(s, "57P", 3))
		return API_EUNAVAILABLE;
	return API_EINTERNAL;
}

/*
 * Reads the results of one pipelined command. Returns 0 and sets *res for
 * success, an API_E* code otherwise (with *res kept for constraint errors).
 * A command skipped after an earlier error in the pipeline yields
 * API_EINTERNAL, which the caller ignores in favour of the first error.
 */
static int read_command(PGconn *pg, PGresult **res)
{
	PGresult *r = PQgetResult(pg), *extra;
	int err = 0;

	*res = NULL;
	if (!r)
		return API_EUNAVAILABLE;
	switch (PQresultStatus(r)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		break;
	case PGRES_PIPELINE_ABORTED:
		err = API_EINTERNAL;
		break;
	default: {
		const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		char msg[512];

		err = sqlstate_err(r);
		one_line(msg, sizeof(msg), PQresultErrorMessage(r));
		if (err == API_EINTERNAL) /* a defect: every one is logged */
			log_error("database error %s: %s", code ? code : "-",
				  msg);
		else if (err == API_EUNAVAILABLE)
			log_limited(&unavailable_log, "database error %s: %s",
				    code ? code : "-", msg);
	}
	}
	/* a command's results end with NULL */
	while ((extra = PQgetResult(pg)) != NULL) {
		PQclear(extra);
	}
	*res = r;
	return err;
}

/* What each pipelined command was, to mark statements prepared. */
#define DB_MAX_CMDS (2 + 2 * DB_MAX_STEPS)

/* One attempt on one connection. *broken is set when the link is gone. */
static int run(struct conn *c, const char *claims, const struct db_step *steps,
	       int n, PGresult **out, int *broken)
{
	char name[16], msg[512];
	int prep_slot[DB_MAX_CMDS]; /* slot a Prepare command makes, or 0 */
	int ncmd = 0, err = 0, first_err = 0;
	int cslot = slot_of(&claims_stmt);
	PGresult *res = NULL;

	*out = NULL;
	*broken = 0;
	if (claims) {
		snprintf(name, sizeof(name), "t%d", cslot);
		if (!is_prepared(c, cslot)) {
			if (!PQsendPrepare(c->pg, name, claims_stmt.sql, 1,
					   NULL))
				goto lost;
			prep_slot[ncmd++] = cslot;
		}
		if (!PQsendQueryPrepared(c->pg, name, 1, &claims, NULL, NULL,
					 0))
			goto lost;
		prep_slot[ncmd++] = 0;
	}
	for (int i = 0; i < n; i++) {
		struct db_stmt *st = steps[i].st;
		int slot = slot_of(st), np = db_stmt_nparams(st), seen = 0;

		snprintf(name, sizeof(name), "t%d", slot);
		for (int j = 0; j < ncmd; j++)
			seen |= prep_slot[j] == slot;
		if (!is_prepared(c, slot) && !seen) {
			if (!PQsendPrepare(c->pg, name, st->sql, np, NULL))
				goto lost;
			prep_slot[ncmd++] = slot;
		}
		if (!PQsendQueryPrepared(c->pg, name, np, steps[i].params, NULL,
					 NULL, 0))
			goto lost;
		prep_slot[ncmd++] = 0;
	}
	if (!PQpipelineSync(c->pg))
		goto lost;

	for (int i = 0; i < ncmd; i++) {
		err = read_command(c->pg, &res);
		if (err == API_EUNAVAILABLE &&
		    PQstatus(c->pg) != CONNECTION_OK) {
			PQclear(res);
			goto lost;
		}
		if (!err && prep_slot[i])
			mark_prepared(c, prep_slot[i]);
		if (err && !first_err)
			first_err = err;
		if (i == ncmd - 1 && !first_err) {
			*out = res;
			res = NULL;
		} else if (err == first_err && err && err != API_EINTERNAL &&
			   err != API_EUNAVAILABLE && !*out) {
			*out = res; /* keep the error: constraint, message */
			res = NULL;
		}
		PQclear(res);
		res = NULL;
	}
	res = PQgetResult(c->pg);
	if (!res || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
		PQclear(res);
		PQclear(*out);
		*out = NULL;
		goto lost;
	}
	PQclear(res);
	return first_err;
lost:
	log_limited(&conn_lost_log, "database connection lost: %s",
		    one_line(msg, sizeof(msg), PQerrorMessage(c->pg)));
	*broken = 1;
	return API_EUNAVAILABLE;
}

int db_exec_steps(struct db_result **out, struct db_pool *p, const char *claims,
		  const struct db_step *steps, int n)
{
	PGresult *res = NULL;
	int err = API_EINTERNAL, readonly = 1;

	*out = NULL;
	if (n < 1 || n > DB_MAX_STEPS)
		return API_EINTERNAL;
	for (int i = 0; i < n; i++)
		readonly &= steps[i].st->readonly;
	for (int attempt = 0; attempt < DB_MAX_ATTEMPTS; attempt++) {
		struct conn *c = checkout(p);
		int fresh = 0, broken = 0;

		if (!c)
			return API_EBUSY;
		if (!c->pg) {
			if ((err = open_conn(p, c)) < 0) {
				checkin(p, c);
				return err;
			}
			fresh = 1;
		}
		err = run(c, claims, steps, n, &res, &broken);
		if (broken)
			drop(c);
		checkin(p, c);
		/* a connection that died before this request: the database
		 * restarted; a read can safely go again on a new one */
		if (broken && !fresh && readonly)
			continue;
		if (err == API_ERETRY)
			continue; /* the implicit transaction was rolled back */
		break;
	}
	*out = (struct db_result *)res;
	return err == API_ERETRY ? API_EUNAVAILABLE : err;
}

int db_exec(struct db_result **out, struct db_pool *p, const char *claims,
	    struct db_stmt *st, const char *const *params)
{
	struct db_step step = { st, params };

	return db_exec_steps(out, p, claims, &step, 1);
}

int db_ping(struct db_pool *p)
{
	static struct db_stmt ping = DB_QUERY("SELECT 1");
	struct db_result *r = NULL;
	int err = db_exec(&r, p, NULL, &ping, NULL);

	db_result_free(r);
	return err;
}

int db_nrows(const struct db_result *r)
{
	return r ? PQntuples((const PGresult *)r) : 0;
}

const char *db_value(const struct db_result *r, int row, int col)
{
	return PQgetvalue((const PGresult *)r, row, col);
}

size_t db_length(const struct db_result *r, int row, int col)
{
	return (size_t)PQgetlength((const PGresult *)r, row, col);
}

int db_isnull(const struct db_result *r, int row, int col)
{
	return PQgetisnull((const PGresult *)r, row, col);
}

const char *db_error_constraint(const struct db_result *r)
{
	return r ? PQresultErrorField((const PGresult *)r,
				      PG_DIAG_CONSTRAINT_NAME)
		 : NULL;
}

const char *db_error_message(const struct db_result *r)
{
	const char *s;

	if (!r)
		return NULL;
	s = PQresultErrorField((const PGresult *)r, PG_DIAG_SQLSTATE);
	if (!s || strncmp(s, "TH", 2))
		return NULL;
	return PQresultErrorField((const PGresult *)r, PG_DIAG_MESSAGE_PRIMARY);
}

const char *db_error_pointer(const struct db_result *r)
{
	const char *s = db_error_message(r);

	if (!s)
		return NULL;
	s = PQresultErrorField((const PGresult *)r, PG_DIAG_MESSAGE_DETAIL);
	return s && *s == '/' ? s : NULL;
}

void db_result_free(struct db_result *r)
{
	PQclear((PGresult *)r);
}

struct db_admin {
	PGconn *pg;
};

struct db_admin *db_admin_connect(const char *url, char *err, size_t errlen)
{
	struct db_admin *a = xcalloc(1, sizeof(*a));

	a->pg = PQconnectdb(url);
	if (PQstatus(a->pg) != CONNECTION_OK) {
		snprintf(err, errlen, "%s", PQerrorMessage(a->pg));
		db_admin_close(a);
		return NULL;
	}
	PQclear(PQexec(a->pg, "SET client_min_messages = warning"));
	return a;
}

void db_admin_close(struct db_admin *a)
{
	if (!a)
		return;
	PQfinish(a->pg);
	free(a);
}

int db_admin_exec(struct db_admin *a, const char *sql, int nparams,
		  const char *const *params, struct db_result **out, char *err,
		  size_t errlen)
{
	PGresult *res = nparams ? PQexecParams(a->pg, sql, nparams, NULL,
					       params, NULL, NULL, 0)
				: PQexec(a->pg, sql);
	ExecStatusType s = PQresultStatus(res);

	if (out)
		*out = NULL;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	if (out)
		*out = (struct db_result *)res;
	else
		PQclear(res);
	return 0;
}
