/*
 * event_feed.c: the public events as iCalendar feeds (RFC 5545): of a
 * municipality, of the district and of an organisation, with the filters
 * of the public lists. A feed's ETag comes from one row the database
 * raises on every change of events (event_feed_tag), so a conditional
 * request answers 304 without reading the events or building the
 * calendar; only a 200 reads them (event_feed) and writes the calendar
 * (ical.c).
 *
 * The ETags read are remembered for a second (a feed is cached for 15
 * minutes anyway), and forgotten at once when an event changes through
 * this process: a conditional request of a busy feed is answered without
 * the database.
 */
#include "event_feed.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <civetweb.h>

#include "../api.h"
#include "../db.h"
#include "../enums.h"
#include "../etag.h"
#include "../ical.h"
#include "../reply.h"
#include "../req.h"
#include "../resource.h"
#include "../server.h"
#include "../util.h"
#include "handlers.h"

static struct db_stmt q_tag =
	DB_QUERY("SELECT etag, name FROM event_feed_tag($1, $2, $3)");
/* $1 AGS, $2 organisation, $3 from, $4 to, $5 target group */
static struct db_stmt q_feed =
	DB_QUERY("SELECT * FROM event_feed($1, $2::bigint, $3, $4, $5)");

/* the columns of event_feed */
enum {
	C_ID,
	C_TITLE,
	C_DESC,
	C_START,
	C_END,
	C_ALLDAY,
	C_MODIFIED,
	C_SEQ,
	C_CANCELLED,
	C_LOCATION
};

/* Calendars are polled; a quarter of an hour is fresh enough, and the
 * ETag makes revalidation cheap. */
#define CACHE_CONTROL "Cache-Control: public, max-age=900\r\n"

#define TAG_SLOTS  64
#define TAG_TTL_MS 1000

/* A feed's ETag and calendar name as read at at_ms, in generation gen. */
struct tag_slot {
	char key[512]; /* kind, key and the normalised filters */
	char etag[40];
	char name[1024];
	long long at_ms;
	unsigned gen;
};

static struct tag_slot slots[TAG_SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_uint generation;

void event_feed_changed(void)
{
	atomic_fetch_add(&generation, 1);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct tag_slot *slot_of(const char *key)
{
	unsigned h = 2166136261u; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return &slots[h % TAG_SLOTS];
}

/* Whether a fresh ETag of key is remembered: copies it and the name. */
static int tag_recall(const char *key, char etag[40], char name[1024])
{
	struct tag_slot *s = slot_of(key);
	int hit;

	pthread_mutex_lock(&slots_lock);
	hit = !strcmp(s->key, key) && s->gen == atomic_load(&generation) &&
	      now_ms() - s->at_ms < TAG_TTL_MS;
	if (hit) {
		memcpy(etag, s->etag, 40);
		memcpy(name, s->name, 1024);
	}
	pthread_mutex_unlock(&slots_lock);
	return hit;
}

/* Remembers the ETag of key, read in generation gen (too long: not). */
static void tag_remember(const char *key, const char *etag, const char *name,
			 unsigned gen)
{
	struct tag_slot *s = slot_of(key);

	if (strlen(key) >= sizeof(s->key) || strlen(etag) >= sizeof(s->etag) ||
	    strlen(name) >= sizeof(s->name))
		return;
	pthread_mutex_lock(&slots_lock);
	strcpy(s->key, key);
	strcpy(s->etag, etag);
	strcpy(s->name, name);
	s->at_ms = now_ms();
	s->gen = gen;
	pthread_mutex_unlock(&slots_lock);
}

static const struct filter filters[] = {
	{ .name = "municipality", .kind = FILTER_AGS },
	{ .name = "organisation_id", .kind = FILTER_ID },
	{ .name = "from", .kind = FILTER_TIME },
	{ .name = "to", .kind = FILTER_TIME },
	{ .name = "target_group",
	  .kind = FILTER_ENUM,
	  .values = enum_measure_target_group },
};
enum { F_MUNICIPALITY, F_ORGANISATION, F_FROM, F_TO, F_TARGET, F_N };

/*
 * Where the feed's links point: the scheme and host of the request (the
 * Host header, when it is a plain host name), or NULL for no links.
 */
static int base_url(struct req *r, char *buf, size_t size)
{
	const char *host = req_header(r, "Host");
	const char *proto = req_header(r, "X-Forwarded-Proto");

	if (!host || !*host || strlen(host) > 200 ||
	    strspn(host,
		   "abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(host))
		return 0;
	if (!proto || (strcmp(proto, "https") && strcmp(proto, "http")))
		proto = r->ri && r->ri->is_ssl ? "https" : "http";
	snprintf(buf, size, "%s://%s", proto, host);
	return 1;
}

static int send_feed(struct req *r, const char *name, const char *base,
		     const char *headers, const char *const *fp)
{
	struct db_result *res = NULL;
	struct sbuf b = { 0 }, title = { 0 };
	int status, err;

	if ((err = db_exec(&res, r->srv->pool, NULL, &q_feed, fp)) < 0) {
		status = reply_db_error(r, err, res);
		goto out;
	}
	sbuf_addf(&title, "Veranstaltungen – %s", name);
	ical_begin(&b, title.p);
	for (int i = 0; i < db_nrows(res); i++) {
		char uid[64], url[320];
		struct ical_event e = {
			.uid = uid,
			.title = db_value(res, i, C_TITLE),
			.description = db_value(res, i, C_DESC),
			.location = db_value(res, i, C_LOCATION),
			.url = base ? url : NULL,
			.all_day = *db_value(res, i, C_ALLDAY) == 't',
			.start = db_value(res, i, C_START),
			.end = db_value(res, i, C_END),
			.stamp = db_value(res, i, C_MODIFIED),
			.last_modified = db_value(res, i, C_MODIFIED),
			.sequence = atoi(db_value(res, i, C_SEQ)),
			.cancelled = *db_value(res, i, C_CANCELLED) == 't',
		};

		snprintf(uid, sizeof(uid), "event-%s@teilhabe.events",
			 db_value(res, i, C_ID));
		if (base)
			snprintf(url, sizeof(url),
				 "%s/#/oeffentlich/veranstaltungen/%s", base,
				 db_value(res, i, C_ID));
		ical_event(&b, &e);
	}
	ical_end(&b);
	status = reply(r, 200, "text/calendar; charset=utf-8", headers, b.p,
		       b.len);
out:
	sbuf_free(&title);
	sbuf_free(&b);
	db_result_free(res);
	return status;
}

/*
 * A feed: kind "district", "municipality" (key: the path's AGS) or
 * "organisation" (key: the path's id). Filters the path fixes are not
 * read from the query.
 */
static int feed(struct req *r, const char *kind, const char *key)
{
	const char *v[F_N] = { 0 };
	const char *fp[5];
	struct db_result *res = NULL;
	struct sbuf norm = { 0 }, hdr = { 0 };
	char base[256], etag[40], name[1024];
	int has_base, status, err;

	for (int i = 0; i < F_N; i++) {
		const char *msg;

		if ((i == F_MUNICIPALITY && !strcmp(kind, "municipality")) ||
		    (i == F_ORGANISATION && !strcmp(kind, "organisation")))
			continue;
		v[i] = req_query(r, filters[i].name);
		if (v[i] && (msg = resource_filter_error(&filters[i], v[i],
							 &norm)) != NULL) {
			sbuf_free(&norm);
			return reply_bad_param(r, filters[i].name, msg);
		}
	}
	sbuf_reset(&norm); /* the filters' scratch: none converts its value */
	has_base = base_url(r, base, sizeof(base));
	/* the feed's identity: its filters and where its links point */
	for (int i = 0; i < F_N; i++)
		sbuf_addf(&norm, "%s=%s&", filters[i].name, v[i] ? v[i] : "");
	sbuf_addf(&norm, "base=%s|%s|%s", has_base ? base : "", kind,
		  key ? key : "");
	if (!tag_recall(norm.p, etag, name)) {
		unsigned gen = atomic_load(&generation);
		const char *tp[3] = { kind, key, norm.p };

		if ((err = db_exec(&res, r->srv->pool, NULL, &q_tag, tp)) < 0) {
			status = reply_db_error(r, err, res);
			goto out;
		}
		if (db_nrows(res) != 1) {
			status = reply_problem(
				r, 404,
				!strcmp(kind, "organisation")
					? "There is no such organisation."
					: "There is no such municipality.",
				NULL, NULL);
			goto out;
		}
		snprintf(etag, sizeof(etag), "\"%s\"", db_value(res, 0, 0));
		snprintf(name, sizeof(name), "%s", db_value(res, 0, 1));
		tag_remember(norm.p, etag, name, gen);
	}
	sbuf_addf(&hdr, "ETag: %s\r\n%s", etag,
		  req_header(r, "Authorization") ? "" : CACHE_CONTROL);
	if (etag_matches(req_header(r, "If-None-Match"), etag, 1)) {
		status = reply(r, 304, NULL, hdr.p, NULL, 0);
		goto out;
	}
	fp[0] = !strcmp(kind, "municipality") ? key : v[F_MUNICIPALITY];
	fp[1] = !strcmp(kind, "organisation") ? key : v[F_ORGANISATION];
	fp[2] = v[F_FROM];
	fp[3] = v[F_TO];
	fp[4] = v[F_TARGET];
	status = send_feed(r, name, has_base ? base : NULL, hdr.p, fp);
out:
	sbuf_free(&norm);
	sbuf_free(&hdr);
	db_result_free(res);
	return status;
}

int public_event_feed(struct req *r)
{
	return feed(r, "municipality", req_param(r, "ags"));
}

int public_district_event_feed(struct req *r)
{
	return feed(r, "district", NULL);
}

int public_organisation_event_feed(struct req *r)
{
	const char *id = req_param(r, "id");

	if (!id_valid(id))
		return reply_problem(r, 404, "There is no such organisation.",
				     NULL, NULL);
	return feed(r, "organisation", id);
}
