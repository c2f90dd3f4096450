/* drain.c: the one flag that says a shutdown signal came. */
#include "drain.h"

#include <stdatomic.h>

static atomic_int draining;

void drain_start(void)
{
	atomic_store(&draining, 1);
}

int drain_active(void)
{
	return atomic_load(&draining);
}
