/*
 * drain.h: whether the service is shutting down. server.c sets it on the
 * first SIGINT or SIGTERM and refuses new requests with 503; every reply
 * written from then on carries Connection: close (reply.c).
 */
#ifndef TEILHABE_DRAIN_H
#define TEILHABE_DRAIN_H

/* Marks the service as draining; it stays so until the process ends. */
void drain_start(void);

/* Whether drain_start was called. */
int drain_active(void);

#endif
