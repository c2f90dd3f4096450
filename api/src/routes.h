/* routes.h: the one route table, in the order of openapi.yaml. */
#ifndef TEILHABE_ROUTES_H
#define TEILHABE_ROUTES_H

#include <stddef.h>

#include "router.h"

extern const struct route routes[];
extern const size_t route_count;

#endif
