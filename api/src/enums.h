/*
 * enums.h: every enumerated value set of Teilhabe, written once. The
 * handlers check requests against these arrays; `make lint-enums`
 * (tests/lint/enums.mjs) proves that the database's CHECK constraints,
 * openapi.yaml and the web client's term tables hold the same values.
 * A new set goes into enums.c, into enum_sets[] there and into the
 * script's table of where it appears.
 */
#ifndef TEILHABE_ENUMS_H
#define TEILHABE_ENUMS_H

#include <stddef.h>

/* Each array is NULL-terminated (the form struct field and struct
 * filter take). */

/* accounts, memberships, organisations, API clients, audit */
extern const char *const enum_account_status[];
extern const char *const enum_membership_role[];
extern const char *const enum_account_role_filter[];
extern const char *const enum_organisation_kind[];
extern const char *const enum_language[];
extern const char *const enum_api_client_scope[];
extern const char *const enum_api_client_status[];
extern const char *const enum_audit_action[];
extern const char *const enum_audit_actor_kind[];

/* the catalogue: concepts, measures, progress reports, indicators */
extern const char *const enum_concept_status[];
extern const char *const enum_measure_status[];
extern const char *const enum_measure_horizon[];
extern const char *const enum_measure_target_group[];
extern const char *const enum_visibility[];
extern const char *const enum_meeting_kind[];
extern const char *const enum_meeting_status[];
extern const char *const enum_meeting_minutes_status[];
extern const char *const enum_event_status[];
extern const char *const enum_recommendation_response[];
extern const char *const enum_measure_sort[];
/* Beteiligung: consultations and their contributions */
extern const char *const enum_network_kind[];
extern const char *const enum_network_member_role[];
extern const char *const enum_consultation_kind[];
extern const char *const enum_consultation_status[];
extern const char *const enum_contribution_origin[];
extern const char *const enum_contribution_moderation[];
extern const char *const enum_contribution_decision[];
extern const char *const enum_offer_kind[];
extern const char *const enum_offer_cost[];
extern const char *const enum_weekday[];
extern const char *const enum_measure_history_table[];
extern const char *const enum_progress_status[];
extern const char *const enum_measure_report_status[];
extern const char *const enum_indicator_direction[];
extern const char *const enum_indicator_source_set[];
extern const char *const enum_indicator_status[];
extern const char *const enum_indicator_trend[];
extern const char *const enum_sex[];
extern const char *const enum_overview_since_source[];

/* OAuth 2 (RFC 6749, RFC 7009) */
extern const char *const enum_oauth_token_type_hint[];
extern const char *const enum_oauth_error[];

/* Every set by name ("measure_status" for enum_measure_status). */
struct enum_set {
	const char *name;
	const char *const *values;
};
extern const struct enum_set enum_sets[];
extern const size_t enum_nsets;

/* Whether s is one of values (NULL-terminated); 0 for s NULL. */
int enum_has(const char *const *values, const char *s);

#endif
