/* router.c: matching a request against the route table. */
#include "router.h"

#include <string.h>

/* Matches one template against path, filling params; returns 1 on a match. */
static int match_path(const char *tpl, const char *path, struct route_match *m)
{
	int np = 0;

	if (*tpl != '/' || *path != '/')
		return 0;
	while (*tpl && *path) {
		if (*tpl != '/' || *path != '/')
			return 0;
		tpl++;
		path++;
		const char *tend = strchr(tpl, '/');
		const char *pend = strchr(path, '/');
		size_t tl = tend ? (size_t)(tend - tpl) : strlen(tpl);
		size_t pl = pend ? (size_t)(pend - path) : strlen(path);

		if (tl > 2 && tpl[0] == '{' && tpl[tl - 1] == '}') {
			if (pl == 0 || pl >= ROUTE_MAX_VALUE ||
			    np >= ROUTE_MAX_PARAMS)
				return 0;
			m->params[np].name = tpl + 1;
			m->params[np].name_len = tl - 2;
			memcpy(m->params[np].value, path, pl);
			m->params[np].value[pl] = '\0';
			np++;
		} else if (tl != pl || memcmp(tpl, path, tl)) {
			return 0;
		}
		tpl += tl;
		path += pl;
	}
	if (*tpl || *path)
		return 0;
	m->nparams = np;
	return 1;
}

int router_match(const struct route *routes, size_t n, const char *method,
		 const char *path, struct route_match *m)
{
	struct route_match probe;
	size_t alen = 0;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		memset(&probe, 0, sizeof(probe));
		if (!match_path(routes[i].path, path, &probe))
			continue;
		if (!strcmp(routes[i].method, method)) {
			*m = probe;
			m->route = &routes[i];
			return 0;
		}
		size_t ml = strlen(routes[i].method);
		if (!strstr(m->allow, routes[i].method) &&
		    alen + ml + 3 < sizeof(m->allow)) {
			if (alen) {
				memcpy(m->allow + alen, ", ", 2);
				alen += 2;
			}
			memcpy(m->allow + alen, routes[i].method, ml + 1);
			alen += ml;
		}
	}
	return alen ? ROUTER_METHOD_NOT_ALLOWED : ROUTER_NOT_FOUND;
}

const char *route_param(const struct route_match *m, const char *name)
{
	size_t n = strlen(name);

	for (int i = 0; i < m->nparams; i++)
		if (m->params[i].name_len == n &&
		    !memcmp(m->params[i].name, name, n))
			return m->params[i].value;
	return NULL;
}
