/*
 * handlers.h: every request handler. Each takes the request context and
 * returns the HTTP status it sent.
 */
#ifndef TEILHABE_HANDLERS_H
#define TEILHABE_HANDLERS_H

#include <stddef.h>

struct req;
struct field;

/* The measure's field tables, also read by the fuzz target of bodies. */
extern const struct field *const measure_create_fields;
extern const size_t measure_create_nfields;
extern const struct field *const measure_update_fields;
extern const size_t measure_update_nfields;

int health_live(struct req *r);
int health_ready(struct req *r);
int openapi_get(struct req *r);

int auth_token(struct req *r);
int auth_revoke(struct req *r);
int auth_invitation_accept(struct req *r);
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
int organisation_update(struct req *r);

int api_client_list(struct req *r);
int api_client_create(struct req *r);
int api_client_get(struct req *r);
int api_client_revoke(struct req *r);

int audit_list(struct req *r);

int municipality_list(struct req *r);
int municipality_get(struct req *r);

int action_field_list(struct req *r);
int action_field_create(struct req *r);
int action_field_get(struct req *r);
int action_field_update(struct req *r);

int concept_list(struct req *r);
int concept_create(struct req *r);
int concept_get(struct req *r);
int concept_update(struct req *r);
int concept_adopt(struct req *r);
int guiding_goal_list(struct req *r);
int guiding_goal_create(struct req *r);
int guiding_goal_get(struct req *r);
int guiding_goal_update(struct req *r);
int guiding_goal_delete(struct req *r);

int measure_list(struct req *r);
int measure_summary(struct req *r);
int measure_create(struct req *r);
int measure_get(struct req *r);
int measure_update(struct req *r);
int measure_rank_put(struct req *r);
int measure_history(struct req *r);
int progress_report_list(struct req *r);
int progress_report_create(struct req *r);
int progress_report_get(struct req *r);

int indicator_list(struct req *r);
int indicator_create(struct req *r);
int indicator_get(struct req *r);
int indicator_update(struct req *r);
int observation_list(struct req *r);
int observation_create(struct req *r);
int observation_get(struct req *r);
int observation_delete(struct req *r);

int meeting_list(struct req *r);
int meeting_create(struct req *r);
int meeting_get(struct req *r);
int meeting_update(struct req *r);
int meeting_attendees_put(struct req *r);
int meeting_item_create(struct req *r);
int meeting_item_update(struct req *r);
int meeting_item_delete(struct req *r);
int meeting_decision_create(struct req *r);
int meeting_minutes_approve(struct req *r);
int meeting_correction_create(struct req *r);
int recommendation_list(struct req *r);
int recommendation_create(struct req *r);
int recommendation_get(struct req *r);
int recommendation_update(struct req *r);
int recommendation_respond(struct req *r);
int recommendation_measures_put(struct req *r);

int network_list(struct req *r);
int network_create(struct req *r);
int network_get(struct req *r);
int network_update(struct req *r);
int network_delete(struct req *r);
int network_member_put(struct req *r);
int network_member_delete(struct req *r);
int network_measures_put(struct req *r);
int public_network_list(struct req *r);
int consultation_list(struct req *r);
int consultation_create(struct req *r);
int consultation_get(struct req *r);
int consultation_update(struct req *r);
int contribution_list(struct req *r);
int contribution_create(struct req *r);
int contribution_moderate(struct req *r);

int offer_list(struct req *r);
int offer_create(struct req *r);
int offer_get(struct req *r);
int offer_update(struct req *r);
int offer_delete(struct req *r);
int measure_offer_list(struct req *r);

int event_list(struct req *r);
int event_create(struct req *r);
int event_get(struct req *r);
int event_update(struct req *r);
int event_delete(struct req *r);
int measure_event_list(struct req *r);
int public_event_list(struct req *r);
int public_district_event_list(struct req *r);
int public_event_get(struct req *r);
int public_event_feed(struct req *r);
int public_district_event_feed(struct req *r);
int public_organisation_event_feed(struct req *r);

int public_concept_get(struct req *r);
int public_action_field_list(struct req *r);
int public_measure_list(struct req *r);
int public_measure_get(struct req *r);
int public_indicator_list(struct req *r);
int public_indicator_get(struct req *r);
int public_meeting_list(struct req *r);
int public_meeting_get(struct req *r);
int public_recommendation_list(struct req *r);
int public_consultation_list(struct req *r);
int public_consultation_get(struct req *r);
int public_contribution_create(struct req *r);
int public_offer_list(struct req *r);
int public_offer_district_list(struct req *r);
int public_offer_get(struct req *r);

int overview_get(struct req *r);

#endif
