#!/bin/sh
# `make bench`: load figures, not a test. Starts the release build on the
# local cluster (var/pg, as `make run` uses) on a free port and runs wrk on
# loopback: 2 threads, 64 connections, 10 s per scenario. Prints requests/s
# and latency percentiles. BENCH_DURATION overrides the 10 s.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${BENCH_DURATION:-10s}

sh sql/cluster.sh start var/pg
export TEILHABE_OWNER_DATABASE_URL="$(sh sql/cluster.sh url var/pg teilhabe_owner)"
export TEILHABE_DATABASE_URL="$(sh sql/cluster.sh url var/pg teilhabe_app)"
./build/teilhabe migrate >/dev/null 2>&1
./build/teilhabe seed-demo >/dev/null 2>&1

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
mkdir -p var/bench
TEILHABE_LISTEN="127.0.0.1:$port" ./build/teilhabe serve \
	>var/bench/access.log 2>var/bench/server.err &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 50); do
	curl -fs "$base/health/live" >/dev/null 2>&1 && break
	sleep 0.1
done

filter() {
	grep -E 'Requests/sec|^ +(50|75|90|99)%|requests in|Non-2xx|Socket errors'
}

run() { # title path [wrk options...]
	title=$1
	path=$2
	shift 2
	echo "== $title: GET $path (wrk -t2 -c64 -d$duration --latency)"
	wrk -t2 -c64 -d"$duration" --latency "$@" "$base$path" | filter
}

echo "teilhabe $(./build/teilhabe version | cut -d' ' -f2), $(nproc) cores, access log to $root/var/bench/access.log"
run "municipality list (anonymous)" "/api/v1/municipalities"
run "one municipality (anonymous)" "/api/v1/municipalities/05999004"

token=$(curl -fs -d grant_type=password -d username=integration@musterstadt.example \
	-d password=Teilhabe-Demo-2026 "$base/api/v1/auth/token" |
	sed 's/.*"access_token":"\([^"]*\)".*/\1/')
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
