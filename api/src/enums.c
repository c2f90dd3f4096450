/*
 * enums.c: every enumerated value set, once (see enums.h). Sets the C code
 * does not check itself (the indicator status and trend the database
 * computes, the OAuth words) are here too, so that openapi.yaml and the web
 * client have one list to agree with.
 */
#include "enums.h"

#include <string.h>

const char *const enum_account_status[] = { "active", "disabled", NULL };
/* a role in a municipality (membership.role) */
const char *const enum_membership_role[] = { "steering", "officer", "partner",
					     NULL };
/* GET /accounts?role=: a membership role, or district_admin */
const char *const enum_account_role_filter[] = { "steering", "officer",
						 "partner", "district_admin",
						 NULL };
const char *const enum_organisation_kind[] = { "administration",
					       "welfare_association",
					       "migrant_organisation",
					       "school",
					       "kita",
					       "church",
					       "club",
					       "job_centre",
					       "volunteer_initiative",
					       "other",
					       NULL };
/* ISO 639-1 codes of the languages an organisation (or an offer) works in */
const char *const enum_language[] = { "de", "en", "ar", "tr", "fa", "ru", "uk",
				      "fr", "ku", "ti", "so", "ps", "pl", "ro",
				      "es", "it", "sq", "sr", "hr", "bs", "el",
				      "bg", "ur", "am", NULL };
const char *const enum_api_client_scope[] = { "catalogue:read",
					      "progress:write", "events:write",
					      "offers:write", NULL };
const char *const enum_api_client_status[] = { "active", "revoked", NULL };
const char *const enum_audit_action[] = { "insert", "update", "delete", NULL };
const char *const enum_audit_actor_kind[] = { "account", "api_client", "system",
					      NULL };

const char *const enum_concept_status[] = { "draft", "consultation", "adopted",
					    "archived", NULL };
const char *const enum_measure_status[] = { "proposed",	   "planned",
					    "in_progress", "completed",
					    "suspended",   "dropped",
					    NULL };
const char *const enum_measure_horizon[] = { "short", "medium", "long", NULL };
const char *const enum_measure_target_group[] = { "children",
						  "youth",
						  "families",
						  "seniors",
						  "women_and_mothers",
						  "men",
						  "refugees",
						  "newcomers",
						  "eu_citizens",
						  "volunteers",
						  "staff",
						  "general_public",
						  NULL };
/* of measures and indicators */
const char *const enum_visibility[] = { "internal", "partners", "public",
					NULL };
/* meetings (Sitzungen) and their minutes (Protokoll) */
const char *const enum_meeting_kind[] = { "steering_group", "working_group",
					  "other", NULL };
const char *const enum_meeting_status[] = { "planned", "held", "cancelled",
					    NULL };
const char *const enum_meeting_minutes_status[] = { "draft", "approved", NULL };
/* events (Veranstaltungen): held and counted only once they started */
const char *const enum_event_status[] = { "planned", "cancelled", "held",
					  NULL };
/* the response (Stellungnahme) to a recommendation */
const char *const enum_recommendation_response[] = {
	"accepted", "partly_accepted", "deferred", "rejected", NULL
};
/* networks (Netzwerke, Trägerverbünde, Arbeitskreise) and their members */
const char *const enum_network_kind[] = { "network", "provider_association",
					  "working_group", "other", NULL };
const char *const enum_network_member_role[] = { "provider",
						 "cooperation_partner",
						 "member", NULL };
/* Beteiligung: consultations (Beteiligungsformate) and contributions */
const char *const enum_consultation_kind[] = { "interview_series",
					       "online_survey",
					       "integration_dialogue",
					       "integration_conference",
					       "strategy_workshop",
					       "theme_forum",
					       "citizen_dialogue",
					       "other",
					       NULL };
const char *const enum_consultation_status[] = { "planned", "open", "closed",
						 "evaluated", NULL };
const char *const enum_contribution_origin[] = { "entered", "online", NULL };
const char *const enum_contribution_moderation[] = { "pending", "approved",
						     "rejected", NULL };
/* what a moderation decides */
const char *const enum_contribution_decision[] = { "approved", "rejected",
						   NULL };
/* Angebote: what an offer is, what it costs, the days of its slots */
const char *const enum_offer_kind[] = {
	"counselling", "language_course", "homework_help",
	"sport",       "womens_group",	  "parents_group",
	"leisure",     "education",	  "work",
	"health",      "meeting_place",	  "other",
	NULL
};
const char *const enum_offer_cost[] = { "free", "fee", NULL };
const char *const enum_weekday[] = { "mon", "tue", "wed", "thu",
				     "fri", "sat", "sun", NULL };
const char *const enum_measure_sort[] = { "priority", "-updated_at", NULL };
const char *const enum_measure_history_table[] = { "measure", "measure_goal",
						   "measure_partner", NULL };
const char *const enum_progress_status[] = { "on_track", "delayed", "at_risk",
					     "completed", NULL };
/* the measure list's report_status filter: a progress_status, or none
 * (no Sachstand yet) */
const char *const enum_measure_report_status[] = { "on_track", "delayed",
						   "at_risk",  "completed",
						   "none",     NULL };
const char *const enum_indicator_direction[] = { "higher_is_better",
						 "lower_is_better", NULL };
const char *const enum_indicator_source_set[] = { "local",
						  "integration_monitoring",
						  "kgst", "sdg", NULL };
const char *const enum_indicator_status[] = { "on_track",  "at_risk",
					      "off_track", "target_reached",
					      "no_data",   NULL };
const char *const enum_indicator_trend[] = { "improving", "worsening", "steady",
					     NULL };
/* where the overview's "since" came from */
const char *const enum_overview_since_source[] = { "query", "last_meeting",
						   "default", NULL };
const char *const enum_sex[] = { "female", "male", "diverse", NULL };

const char *const enum_oauth_token_type_hint[] = { "refresh_token",
						   "access_token", NULL };
const char *const enum_oauth_error[] = { "invalid_request", "invalid_grant",
					 "unsupported_grant_type",
					 "invalid_scope", NULL };

#define SET(n)                                                                 \
	{                                                                      \
#n, enum_##n                                                   \
	}
const struct enum_set enum_sets[] = {
	SET(account_status),
	SET(membership_role),
	SET(account_role_filter),
	SET(organisation_kind),
	SET(language),
	SET(api_client_scope),
	SET(api_client_status),
	SET(audit_action),
	SET(audit_actor_kind),
	SET(concept_status),
	SET(measure_status),
	SET(measure_horizon),
	SET(measure_target_group),
	SET(visibility),
	SET(meeting_kind),
	SET(meeting_status),
	SET(meeting_minutes_status),
	SET(event_status),
	SET(recommendation_response),
	SET(network_kind),
	SET(network_member_role),
	SET(consultation_kind),
	SET(consultation_status),
	SET(contribution_origin),
	SET(contribution_moderation),
	SET(contribution_decision),
	SET(offer_kind),
	SET(offer_cost),
	SET(weekday),
	SET(measure_sort),
	SET(measure_history_table),
	SET(progress_status),
	SET(measure_report_status),
	SET(indicator_direction),
	SET(indicator_source_set),
	SET(indicator_status),
	SET(indicator_trend),
	SET(sex),
	SET(overview_since_source),
	SET(oauth_token_type_hint),
	SET(oauth_error),
};
const size_t enum_nsets = sizeof enum_sets / sizeof enum_sets[0];

int enum_has(const char *const *values, const char *s)
{
	if (!s)
		return 0;
	for (; *values; values++)
		if (!strcmp(*values, s))
			return 1;
	return 0;
}
