/* throttle.c: recording failed sign-ins. */
#include "throttle.h"

#include <stdio.h>

#include "db.h"
#include "req.h"
#include "server.h"

static struct db_stmt q_failed =
	DB_STMT("SELECT auth_login_failed($1, $2, $3::int, $4::int)");

void throttle_failure(struct req *r, const char *email, const char *addr)
{
	struct db_result *res = NULL;
	char el[24], al[24];

	snprintf(el, sizeof(el), "%ld", r->srv->cfg->login_email_limit);
	snprintf(al, sizeof(al), "%ld", r->srv->cfg->login_addr_limit);
	const char *p[] = { email, addr, el, al };
	/* best effort: a lost count must not turn a 400 into a 503 */
	db_exec(&res, r->srv->pool, NULL, &q_failed, p);
	db_result_free(res);
}
