/*
 * handlers.h: every request handler. Each takes the request context and
 * returns the HTTP status it sent.
 */
#ifndef TEILHABE_HANDLERS_H
#define TEILHABE_HANDLERS_H

struct req;

int health_live(struct req *r);
int health_ready(struct req *r);
int openapi_get(struct req *r);

int auth_token(struct req *r);
int me_get(struct req *r);

int municipality_list(struct req *r);
int municipality_get(struct req *r);

#endif
