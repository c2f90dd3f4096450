/*
 * routes.c: the one route table, read top to bottom like openapi.yaml.
 * Each entry carries who may call it: the roles (ROLES_* of access.h),
 * the scope an API client needs, and the flags ROUTE_TENANT (the caller's
 * role in {ags} is checked), ROUTE_PUBLIC (published data of {ags}, no
 * token) and ROUTE_IDEMPOTENT (honours Idempotency-Key). Dispatch checks
 * them before the handler runs; `make lint-routes` compares the table with
 * openapi.yaml (operationId = handler name, x-roles, x-scope).
 */
#include "routes.h"

#include "access.h"
#include "handlers/handlers.h"

#define READ   "catalogue:read"
#define WRITE  "progress:write"
#define OFFERS "offers:write"
#define EVENTS "events:write"
#define JSON   ROUTE_BODY_JSON
#define TEN    ROUTE_TENANT
#define PUB    ROUTE_PUBLIC

const struct route routes[] = {
	ROUTE("GET", "/health/live", health_live, ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/health/ready", health_ready, ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/openapi.yaml", openapi_get, ROLE_ANYONE, NULL, 0),
	ROUTE("POST", "/api/v1/auth/token", auth_token, ROLE_ANYONE, NULL,
	      JSON | ROUTE_BODY_FORM),
	ROUTE("POST", "/api/v1/auth/revoke", auth_revoke, ROLE_ANYONE, NULL,
	      JSON | ROUTE_BODY_FORM),
	ROUTE("POST", "/api/v1/auth/invitation", auth_invitation_accept,
	      ROLE_ANYONE, NULL, JSON),
	ROUTE("GET", "/api/v1/me", me_get, ROLE_SIGNED_IN, NULL, 0),
	ROUTE("POST", "/api/v1/me/password", me_password, ROLE_SIGNED_IN, NULL,
	      JSON),

	ROUTE("GET", "/api/v1/accounts", account_list, ROLES_STAFF, NULL, 0),
	ROUTE("POST", "/api/v1/accounts", account_create, ROLES_MANAGERS, NULL,
	      JSON),
	ROUTE("GET", "/api/v1/accounts/{id}", account_get, ROLE_SIGNED_IN, NULL,
	      0),
	ROUTE("PATCH", "/api/v1/accounts/{id}", account_update, ROLES_MANAGERS,
	      NULL, JSON),
	ROUTE("POST", "/api/v1/accounts/{id}/invitation", account_invite,
	      ROLES_MANAGERS, NULL, 0),
	ROUTE("PUT", "/api/v1/accounts/{id}/memberships/{ags}", membership_put,
	      ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("DELETE", "/api/v1/accounts/{id}/memberships/{ags}",
	      membership_delete, ROLES_MANAGERS, NULL, TEN),

	ROUTE("GET", "/api/v1/organisations", organisation_list, ROLE_SIGNED_IN,
	      NULL, 0),
	ROUTE("POST", "/api/v1/organisations", organisation_create,
	      ROLES_MANAGERS, NULL, JSON),
	ROUTE("GET", "/api/v1/organisations/{id}", organisation_get,
	      ROLE_SIGNED_IN, NULL, 0),
	/* partners their own organisation, officers those serving one of
	 * their municipalities, the district admin all (the database holds
	 * that rule: api_organisation_update) */
	ROUTE("PATCH", "/api/v1/organisations/{id}", organisation_update,
	      ROLES_ORG_EDITORS, NULL, JSON),

	ROUTE("GET", "/api/v1/municipalities", municipality_list, ROLE_ANYONE,
	      NULL, 0),
	ROUTE("GET", "/api/v1/municipalities/{ags}", municipality_get,
	      ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/municipalities/{ags}/api-clients",
	      api_client_list, ROLES_STAFF, NULL, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/api-clients",
	      api_client_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/api-clients/{id}",
	      api_client_get, ROLES_STAFF, NULL, TEN),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/api-clients/{id}",
	      api_client_revoke, ROLES_MANAGERS, NULL, TEN),
	ROUTE("GET", "/api/v1/municipalities/{ags}/audit", audit_list,
	      ROLES_STAFF, NULL, TEN),
	ROUTE("GET", "/api/v1/municipalities/{ags}/overview", overview_get,
	      ROLES_STAFF, NULL, TEN),

	/* action fields are a vocabulary: every API client reads them */
	ROUTE("GET", "/api/v1/municipalities/{ags}/action-fields",
	      action_field_list, ROLES_READERS, NULL, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/action-fields",
	      action_field_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/action-fields/{id}",
	      action_field_get, ROLES_READERS, NULL, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/action-fields/{id}",
	      action_field_update, ROLES_MANAGERS, NULL, TEN | JSON),

	ROUTE("GET", "/api/v1/municipalities/{ags}/concepts", concept_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/concepts", concept_create,
	      ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/concepts/{id}", concept_get,
	      ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/concepts/{id}",
	      concept_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("POST", "/api/v1/municipalities/{ags}/concepts/{id}/adoption",
	      concept_adopt, ROLES_ADOPTERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/concepts/{id}/goals",
	      guiding_goal_list, ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/concepts/{id}/goals",
	      guiding_goal_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/goals/{id}",
	      guiding_goal_get, ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/goals/{id}",
	      guiding_goal_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/goals/{id}",
	      guiding_goal_delete, ROLES_MANAGERS, NULL, TEN),

	ROUTE("GET", "/api/v1/municipalities/{ags}/measures", measure_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/measures", measure_create,
	      ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measure-summary",
	      measure_summary, ROLES_READERS, READ, TEN),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures/{id}", measure_get,
	      ROLES_READERS, READ, TEN),
	/* the steering group may change only status and rank: the database
	 * (the measure guard) holds that rule */
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/measures/{id}",
	      measure_update, ROLES_STAFF, NULL, TEN | JSON),
	ROUTE("PUT", "/api/v1/municipalities/{ags}/measures/{id}/rank",
	      measure_rank_put, ROLES_STAFF, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures/{id}/history",
	      measure_history, ROLES_STAFF, NULL, TEN),
	ROUTE("GET",
	      "/api/v1/municipalities/{ags}/measures/{id}/progress-reports",
	      progress_report_list, ROLES_READERS, READ, TEN),
	ROUTE("POST",
	      "/api/v1/municipalities/{ags}/measures/{id}/progress-reports",
	      progress_report_create, ROLES_REPORTERS, WRITE,
	      TEN | JSON | ROUTE_IDEMPOTENT),
	ROUTE("GET", "/api/v1/municipalities/{ags}/progress-reports/{id}",
	      progress_report_get, ROLES_READERS, READ, TEN),

	ROUTE("GET", "/api/v1/municipalities/{ags}/indicators", indicator_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/indicators",
	      indicator_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/indicators/{id}",
	      indicator_get, ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/indicators/{id}",
	      indicator_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET",
	      "/api/v1/municipalities/{ags}/indicators/{id}/observations",
	      observation_list, ROLES_READERS, READ, TEN),
	ROUTE("POST",
	      "/api/v1/municipalities/{ags}/indicators/{id}/observations",
	      observation_create, ROLES_REPORTERS, WRITE, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/observations/{id}",
	      observation_get, ROLES_READERS, READ, TEN),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/observations/{id}",
	      observation_delete, ROLES_MANAGERS, NULL, TEN),

	/* meetings: the staff read all, partners (and API clients with
	 * catalogue:read) those shared with partners or the public; the
	 * steering group records decisions and approves the minutes */
	ROUTE("GET", "/api/v1/municipalities/{ags}/meetings", meeting_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/meetings", meeting_create,
	      ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/meetings/{id}", meeting_get,
	      ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/meetings/{id}",
	      meeting_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("PUT", "/api/v1/municipalities/{ags}/meetings/{id}/attendees",
	      meeting_attendees_put, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("POST", "/api/v1/municipalities/{ags}/meetings/{id}/items",
	      meeting_item_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("PATCH",
	      "/api/v1/municipalities/{ags}/meetings/{id}/items/{item_id}",
	      meeting_item_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("DELETE",
	      "/api/v1/municipalities/{ags}/meetings/{id}/items/{item_id}",
	      meeting_item_delete, ROLES_MANAGERS, NULL, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/meetings/{id}/decisions",
	      meeting_decision_create, ROLES_STAFF, NULL, TEN | JSON),
	ROUTE("POST",
	      "/api/v1/municipalities/{ags}/meetings/{id}/minutes-approval",
	      meeting_minutes_approve, ROLES_ADOPTERS, NULL, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/meetings/{id}/corrections",
	      meeting_correction_create, ROLES_MANAGERS, NULL, TEN | JSON),

	/* recommendations (Handlungsempfehlungen): officers manage them, the
	 * steering group responds (officers record a response with the
	 * meeting that decided it), readers see what is shared with them */
	ROUTE("GET", "/api/v1/municipalities/{ags}/recommendations",
	      recommendation_list, ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/recommendations",
	      recommendation_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/recommendations/{id}",
	      recommendation_get, ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/recommendations/{id}",
	      recommendation_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("POST",
	      "/api/v1/municipalities/{ags}/recommendations/{id}/response",
	      recommendation_respond, ROLES_STAFF, NULL, TEN | JSON),
	ROUTE("PUT",
	      "/api/v1/municipalities/{ags}/recommendations/{id}/measures",
	      recommendation_measures_put, ROLES_MANAGERS, NULL, TEN | JSON),

	/* networks (Netzwerke, Trägerverbünde, Arbeitskreise) working in
	 * {ags}: the staff read all, partners (and API clients with
	 * catalogue:read) those shared with them and those their organisation
	 * belongs to; officers of the municipalities a network spans manage
	 * it (the database holds that rule) */
	ROUTE("GET", "/api/v1/municipalities/{ags}/networks", network_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/networks", network_create,
	      ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/networks/{id}", network_get,
	      ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/networks/{id}",
	      network_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/networks/{id}",
	      network_delete, ROLES_MANAGERS, NULL, TEN),
	ROUTE("PUT",
	      "/api/v1/municipalities/{ags}/networks/{id}/members/"
	      "{organisation_id}",
	      network_member_put, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("DELETE",
	      "/api/v1/municipalities/{ags}/networks/{id}/members/"
	      "{organisation_id}",
	      network_member_delete, ROLES_MANAGERS, NULL, TEN),
	ROUTE("PUT", "/api/v1/municipalities/{ags}/networks/{id}/measures",
	      network_measures_put, ROLES_MANAGERS, NULL, TEN | JSON),

	/* Beteiligung: the staff read all consultations, partners (and API
	 * clients with catalogue:read) those shared with partners or the
	 * public and those their organisation organises; officers manage
	 * them and moderate contributions; a partner organising one enters
	 * contributions too (the database holds that rule) */
	ROUTE("GET", "/api/v1/municipalities/{ags}/consultations",
	      consultation_list, ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/consultations",
	      consultation_create, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/consultations/{id}",
	      consultation_get, ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/consultations/{id}",
	      consultation_update, ROLES_MANAGERS, NULL, TEN | JSON),
	ROUTE("GET",
	      "/api/v1/municipalities/{ags}/consultations/{id}/contributions",
	      contribution_list, ROLES_READERS, READ, TEN),
	ROUTE("POST",
	      "/api/v1/municipalities/{ags}/consultations/{id}/contributions",
	      contribution_create, ROLES_CONTRIBUTORS, NULL, TEN | JSON),
	ROUTE("POST",
	      "/api/v1/municipalities/{ags}/contributions/{id}/moderation",
	      contribution_moderate, ROLES_MANAGERS, NULL, TEN | JSON),

	/* Angebote: readers see what is shared with them and all of their
	 * organisation's; officers write any of their municipality's,
	 * partners (and API clients with offers:write) those of their own
	 * organisation (the database holds that rule) */
	ROUTE("GET", "/api/v1/municipalities/{ags}/offers", offer_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/offers", offer_create,
	      ROLES_PROVIDERS, OFFERS, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/offers/{id}", offer_get,
	      ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/offers/{id}", offer_update,
	      ROLES_PROVIDERS, OFFERS, TEN | JSON),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/offers/{id}",
	      offer_delete, ROLES_PROVIDERS, OFFERS, TEN),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures/{id}/offers",
	      measure_offer_list, ROLES_READERS, READ, TEN),

	/* Veranstaltungen: readers see what is shared with them; officers
	 * manage the events of their municipalities, partners (and API
	 * clients with events:write) those their organisation organises
	 * (the database holds that rule) */
	ROUTE("GET", "/api/v1/municipalities/{ags}/events", event_list,
	      ROLES_READERS, READ, TEN),
	ROUTE("POST", "/api/v1/municipalities/{ags}/events", event_create,
	      ROLES_EVENT_WRITERS, EVENTS, TEN | JSON),
	ROUTE("GET", "/api/v1/municipalities/{ags}/events/{id}", event_get,
	      ROLES_READERS, READ, TEN),
	ROUTE("PATCH", "/api/v1/municipalities/{ags}/events/{id}", event_update,
	      ROLES_EVENT_WRITERS, EVENTS, TEN | JSON),
	ROUTE("DELETE", "/api/v1/municipalities/{ags}/events/{id}",
	      event_delete, ROLES_EVENT_WRITERS, EVENTS, TEN),
	ROUTE("GET", "/api/v1/municipalities/{ags}/measures/{id}/events",
	      measure_event_list, ROLES_READERS, READ, TEN),

	ROUTE("GET", "/api/v1/public/municipalities/{ags}/concept",
	      public_concept_get, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/action-fields",
	      public_action_field_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/measures",
	      public_measure_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/measures/{id}",
	      public_measure_get, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/indicators",
	      public_indicator_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/indicators/{id}",
	      public_indicator_get, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/meetings",
	      public_meeting_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/meetings/{id}",
	      public_meeting_get, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/recommendations",
	      public_recommendation_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/consultations",
	      public_consultation_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/consultations/{id}",
	      public_consultation_get, ROLE_ANYONE, NULL, PUB),
	/* the public calendar: lists, the event page, iCalendar feeds */
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/events",
	      public_event_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/events.ics",
	      public_event_feed, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/events", public_district_event_list,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/api/v1/public/events.ics", public_district_event_feed,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/api/v1/public/events/{id}", public_event_get,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/api/v1/public/organisations/{id}/events.ics",
	      public_organisation_event_feed, ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/networks",
	      public_network_list, ROLE_ANYONE, NULL, PUB),
	/* the online form: anonymous, throttled per address */
	ROUTE("POST",
	      "/api/v1/public/municipalities/{ags}/consultations/{id}/"
	      "contributions",
	      public_contribution_create, ROLE_ANYONE, NULL, PUB | JSON),
	/* the offers directory (Angebotsverzeichnis) */
	ROUTE("GET", "/api/v1/public/municipalities/{ags}/offers",
	      public_offer_list, ROLE_ANYONE, NULL, PUB),
	ROUTE("GET", "/api/v1/public/offers", public_offer_district_list,
	      ROLE_ANYONE, NULL, 0),
	ROUTE("GET", "/api/v1/public/offers/{id}", public_offer_get,
	      ROLE_ANYONE, NULL, 0),
};

const size_t route_count = sizeof(routes) / sizeof(routes[0]);
