#!/bin/sh
# `make bench`: load figures, not a test. Starts the release build on the
# local cluster (var/pg, as `make run` uses) on a free port and runs wrk on
# loopback: 2 threads, 64 connections, 10 s per scenario. Prints requests/s
# and latency percentiles. BENCH_DURATION overrides the 10 s, BENCH_CLUSTER
# the cluster directory (var/pg).
#
# First the demo data (database teilhabe); then bench/catalogue.sh: the
# Maßnahmenkatalog at 40,000 and 200,000 measures and 64 writers of
# progress reports, in a database of its own (teilhabe_bench). That part
# fails the script when an acknowledged progress report is not stored
# exactly once. Then bench/offers.sh: the public offers directory at 20
# municipalities x 200 offers, in a database of its own
# (teilhabe_bench_offers). Last bench/events.sh: the iCalendar feed of the
# district at 20 x 500 events, conditional (304), in a database of its own.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${BENCH_DURATION:-10s}
BENCH_CLUSTER="${BENCH_CLUSTER:-var/pg}"
export BENCH_CLUSTER
. bench/lib.sh

sh sql/cluster.sh start "$BENCH_CLUSTER"
TEILHABE_OWNER_DATABASE_URL=$(sh sql/cluster.sh url "$BENCH_CLUSTER" teilhabe_owner)
TEILHABE_DATABASE_URL=$(sh sql/cluster.sh url "$BENCH_CLUSTER" teilhabe_app)
export TEILHABE_OWNER_DATABASE_URL TEILHABE_DATABASE_URL
mkdir -p var/bench
for step in migrate seed-demo; do
	./build/teilhabe $step >/dev/null 2>var/bench/$step.err || {
		cat var/bench/$step.err >&2
		exit 1
	}
done

pid=
trap 'stop_server' EXIT
serve demo

run() { # title path [wrk options...]
	title=$1
	path=$2
	shift 2
	echo "== $title: GET $path (wrk -t2 -c64 -d$duration --latency)"
	wrk -t2 -c64 -d"$duration" --latency "$@" "$base$path" | filter
}

echo "teilhabe $(./build/teilhabe version | cut -d' ' -f2), $(nproc) cores, access logs in $root/var/bench/"
run "municipality list (anonymous)" "/api/v1/municipalities"
run "one municipality (anonymous)" "/api/v1/municipalities/05999004"

token=$(token integration@musterstadt.example Teilhabe-Demo-2026)
run "municipality list (officer's token)" "/api/v1/municipalities" \
	-H "Authorization: Bearer $token"
run "GET /api/v1/me (officer's token)" "/api/v1/me" \
	-H "Authorization: Bearer $token"

echo "== sign-ins: POST /api/v1/auth/token (wrk -t2 -c8 -d$duration, Argon2id)"
wrk -t2 -c8 -d"$duration" --latency -s bench/login.lua "$base/api/v1/auth/token" | filter
echo "== during a sign-in storm (8 connections): the list at 56 connections"
wrk -t1 -c8 -d"$duration" -s bench/login.lua "$base/api/v1/auth/token" >/dev/null &
storm=$!
wrk -t1 -c56 -d"$duration" --latency "$base/api/v1/municipalities" | filter
wait $storm
stop_server

sh bench/catalogue.sh
sh bench/offers.sh
sh bench/events.sh
