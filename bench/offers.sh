#!/bin/sh
# The public offers directory (issue #14) at scale, part of `make bench`
# (run by bench/run.sh; alone: `sh bench/offers.sh` after `make build`).
# Uses its own database "teilhabe_bench_offers" on the bench cluster
# (var/pg unless BENCH_CLUSTER says otherwise), dropped and built anew on
# every run: never the demo database.
#
# 20 municipalities x 200 offers (bench/offers.sql); anonymous readers of
# the directory of 05990001: GET /api/v1/public/municipalities/05990001/
# offers?limit=50, wrk -t2 -c64 -d10s --latency (goal >= 2,000 req/s on
# 2 cores); then the same page filtered by language and by full text.
#
# BENCH_DURATION overrides the 10 s per run.
set -eu
cd "$(dirname "$0")/.."
export PATH="/usr/lib/postgresql/15/bin:$PATH"
. bench/lib.sh
duration=${BENCH_DURATION:-10s}
cluster=${BENCH_CLUSTER:-var/pg}
db=teilhabe_bench_offers
work=var/bench

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
./build/teilhabe migrate >/dev/null 2>"$work/offers-migrate.err" || {
	cat "$work/offers-migrate.err" >&2
	exit 1
}

t0=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -v first=1 -v last=20 -v offers=200 \
	-f bench/offers.sql "$owner_url"
t1=$(date +%s)
echo "== offers data: $(psql -X -At -c 'SELECT count(*) FROM offer' "$owner_url") offers" \
	"in 20 municipalities in $((t1 - t0)) s"

serve offers

# page TITLE PATH: checks the first page (200, 50 items, every one
# public), then runs wrk; leaves its output in $work/last.txt
page() {
	code=$(curl -s -o "$work/offers-page.json" -w '%{http_code}' "$base$2")
	items=$(node -e 'const d = JSON.parse(require("fs").readFileSync(0));
console.log(d.items.length, d.items.every((o) => o.visibility === "public"))' \
		<"$work/offers-page.json" 2>/dev/null || echo "?")
	case "$code $items" in
	"200 50 true" | "200 "[0-9]*" true") ;;
	*)
		echo "bench: GET $2 answers $code with $items" >&2
		head -c 300 "$work/offers-page.json" >&2
		exit 1
		;;
	esac
	echo "== $1: GET $2 (wrk -t2 -c64 -d$duration --latency; $(wc -c <"$work/offers-page.json") bytes, $items items)"
	wrk -t2 -c64 -d"$duration" --latency "$base$2" >"$work/last.txt"
	filter <"$work/last.txt"
}

page "the offers directory, anonymous (200 offers in the municipality)" \
	"/api/v1/public/municipalities/05990001/offers?limit=50"
r=$(rps "$work/last.txt")
p=$(p99ms "$work/last.txt")
echo "   goal >= 2000 req/s: $r req/s, p99 $p ms:" \
	"$(awk -v r="$r" 'BEGIN { print (r >= 2000) ? "met" : "MISSED" }')"
page "the directory by language" \
	"/api/v1/public/municipalities/05990001/offers?limit=50&language=ar"
page "the directory by full text" \
	"/api/v1/public/municipalities/05990001/offers?limit=50&q=Beratung"
stop_server
