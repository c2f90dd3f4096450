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
int auth_revoke(struct req *r);
int auth_invitation(struct req *r);
int me_get(struct req *r);
int me_password(struct req *r);

int account_list(struct req *r);
int account_create(struct req *r);
int account_get(struct req *r);
int account_update(struct req *r);
int account_invite(struct req *r);
int membership_put(struct req *r);
int membership_delete(struct req *r);

int organisation_list(struct req *r);
int organisation_create(struct req *r);
int organisation_get(struct req *r);

int api_client_list(struct req *r);
int api_client_create(struct req *r);
int api_client_get(struct req *r);
int api_client_revoke(struct req *r);

int audit_list(struct req *r);

int municipality_list(struct req *r);
int municipality_get(struct req *r);

#endif
