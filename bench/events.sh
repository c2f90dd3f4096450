#!/bin/sh
# The iCalendar feeds (issue #14), part of `make bench` (run by
# bench/run.sh; alone: `sh bench/events.sh` after `make build`). Uses its
# own database "teilhabe_bench_events" on the bench cluster (var/pg unless
# BENCH_CLUSTER says otherwise), dropped and built anew on every run:
# never the demo database.
#
#  1. 20 municipalities x 500 events (bench/events.sql): the district feed
#     GET /api/v1/public/events.ics, anonymous, conditional: If-None-Match
#     with its current ETag, answered 304 without building the calendar:
#     wrk -t2 -c64 -d10s --latency (goal >= 5,000 req/s).
#  2. the same feed unconditional (the whole calendar, some 9,000 events),
#     for comparison: wrk -t2 -c8.
#
# BENCH_DURATION overrides the 10 s per run.
set -eu
cd "$(dirname "$0")/.."
export PATH="/usr/lib/postgresql/15/bin:$PATH"
. bench/lib.sh
duration=${BENCH_DURATION:-10s}
cluster=${BENCH_CLUSTER:-var/pg}
db=teilhabe_bench_events
work=var/bench
feed=/api/v1/public/events.ics

pid=
trap 'stop_server' EXIT
mkdir -p "$work"

TEILHABE_DB_NAME=postgres sh sql/cluster.sh start "$cluster"
TEILHABE_DB_NAME=postgres sh sql/cluster.sh psql "$cluster" \
	-c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
TEILHABE_DB_NAME=$db sh sql/cluster.sh start "$cluster"
owner_url=$(TEILHABE_DB_NAME=$db sh sql/cluster.sh url "$cluster" teilhabe_owner)
TEILHABE_OWNER_DATABASE_URL=$owner_url
TEILHABE_DATABASE_URL=$(TEILHABE_DB_NAME=$db sh sql/cluster.sh url "$cluster" teilhabe_app)
export TEILHABE_OWNER_DATABASE_URL TEILHABE_DATABASE_URL
./build/teilhabe migrate >/dev/null 2>"$work/events-migrate.err" || {
	cat "$work/events-migrate.err" >&2
	exit 1
}

echo "== event data: database $db on $cluster"
t0=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -v municipalities=20 -v events=500 \
	-f bench/events.sql "$owner_url"
t1=$(date +%s)
public=$(psql -X -At -c "SELECT count(*) FROM event WHERE visibility = 'public'" "$owner_url")
echo "   20 municipalities x 500 events ($public public) in $((t1 - t0)) s"

serve events
headers=$(curl -s -D - -o "$work/district.ics" "$base$feed")
etag=$(printf '%s\n' "$headers" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
inside=$(grep -c '^BEGIN:VEVENT' "$work/district.ics" || true)
if [ -z "$etag" ] || [ "$inside" != "$public" ]; then
	echo "bench: GET $feed gives ETag '$etag' and $inside events, not $public" >&2
	exit 1
fi
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base$feed")
if [ "$code" != 304 ]; then
	echo "bench: GET $feed with If-None-Match answers $code, not 304" >&2
	exit 1
fi
echo "== district feed, conditional (304): GET $feed, If-None-Match $etag" \
	"(wrk -t2 -c64 -d$duration --latency)"
wrk -t2 -c64 -d"$duration" --latency -H "If-None-Match: $etag" "$base$feed" >"$work/last.txt"
filter <"$work/last.txt"
r=$(rps "$work/last.txt")
p=$(p99ms "$work/last.txt")
echo "   goal >= 5000 req/s: $r req/s, p99 $p ms:" \
	"$(awk -v r="$r" 'BEGIN { print (r >= 5000) ? "met" : "MISSED" }')"
echo "== district feed, unconditional: GET $feed ($(wc -c <"$work/district.ics") bytes," \
	"$inside events; wrk -t2 -c8 -d$duration --latency)"
wrk -t2 -c8 -d"$duration" --timeout 30s --latency "$base$feed" | filter
stop_server
