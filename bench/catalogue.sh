#!/bin/sh
# The Maßnahmenkatalog at scale (issue #4), part of `make bench` (run by
# bench/run.sh; alone: `sh bench/catalogue.sh` after `make build`). Uses its
# own database "teilhabe_bench" on the bench cluster (var/pg unless
# BENCH_CLUSTER says otherwise), dropped and built anew on every run: never
# the demo database.
#
#  1. 20 municipalities x 2,000 measures (40,000); an officer of 05990001
#     reads a page of 50 measures: wrk -t2 -c64 -d10s --latency
#     (goal >= 2,200 req/s, p99 <= 100 ms).
#  2. grown to 200,000 measures (95 municipalities x 2,000 and 05990096
#     with 10,000): the same page for the officer of 05990001 (still 2,000
#     measures) and for an officer of 05990096 (10,000) (goal: within 20 %
#     of the figure at 40,000).
#  1b. the overview (issue #12) of 05990001 for its officer, after
#     bench/overview.sql added what it reads besides the measures
#     (audit events, indicators, meetings): wrk -t2 -c64 -d10s --latency
#     (goal >= 1,500 req/s, p99 <= 100 ms); and the catalogue of 05990001
#     as CSV (all 2,000 measures, checked).
#  3. 64 writers post progress reports for BENCH_DURATION; then every
#     acknowledged (201) report must be in the database exactly once. A
#     mismatch fails the script.
#
# BENCH_DURATION overrides the 10 s per run.
set -eu
cd "$(dirname "$0")/.."
export PATH="/usr/lib/postgresql/15/bin:$PATH"
. bench/lib.sh
duration=${BENCH_DURATION:-10s}
cluster=${BENCH_CLUSTER:-var/pg}
db=teilhabe_bench
password=Lastprobe-Bench-2026
officer1=integration@05990001.example
officer2=integration@05990096.example
work=var/bench

pid=
trap 'stop_server' EXIT
mkdir -p "$work"

# A fresh database (drop first: the migrations may have changed).
TEILHABE_DB_NAME=postgres sh sql/cluster.sh start "$cluster"
TEILHABE_DB_NAME=postgres sh sql/cluster.sh psql "$cluster" \
	-c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
TEILHABE_DB_NAME=$db sh sql/cluster.sh start "$cluster"
owner_url=$(TEILHABE_DB_NAME=$db sh sql/cluster.sh url "$cluster" teilhabe_owner)
TEILHABE_OWNER_DATABASE_URL=$owner_url
TEILHABE_DATABASE_URL=$(TEILHABE_DB_NAME=$db sh sql/cluster.sh url "$cluster" teilhabe_app)
export TEILHABE_OWNER_DATABASE_URL TEILHABE_DATABASE_URL
./build/teilhabe migrate >/dev/null 2>"$work/migrate.err" || {
	cat "$work/migrate.err" >&2
	exit 1
}

owner_psql() {
	psql -X -q -v ON_ERROR_STOP=1 "$@" "$owner_url"
}
generate() { # FIRST LAST MEASURES
	owner_psql -v first="$1" -v last="$2" -v measures="$3" -f bench/catalogue.sql
}
hash=$(printf %s "$password" | ./build/teilhabe hash-password)
officer() { # EMAIL AGS
	owner_psql -v email="$1" -v ags="$2" -v hash="$hash" -f bench/officer.sql
}
measures_total() {
	owner_psql -At -c "SELECT count(*) FROM measure"
}

# read_page TITLE EMAIL AGS: the page of 50 as that officer; leaves the
# wrk output in $work/last.txt.
read_page() {
	path="/api/v1/municipalities/$3/measures?limit=50"
	tok=$(token "$2" "$password")
	if [ -z "$tok" ]; then
		echo "bench: no token for $2" >&2
		exit 1
	fi
	code=$(curl -s -o "$work/page.json" -w '%{http_code}' \
		-H "Authorization: Bearer $tok" "$base$path")
	items=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).items.length)' \
		<"$work/page.json" 2>/dev/null || echo "?")
	if [ "$code" != 200 ] || [ "$items" != 50 ]; then
		echo "bench: GET $path answers $code with $items items" >&2
		head -c 300 "$work/page.json" >&2
		echo >&2
		exit 1
	fi
	echo "== $1: GET $path (wrk -t2 -c64 -d$duration --latency; $(wc -c <"$work/page.json") bytes a page)"
	wrk -t2 -c64 -d"$duration" --latency -H "Authorization: Bearer $tok" \
		"$base$path" >"$work/last.txt"
	filter <"$work/last.txt"
}

echo "== catalogue data: database $db on $cluster"
t0=$(date +%s)
generate 1 20 2000
officer "$officer1" 05990001
t1=$(date +%s)
echo "   20 municipalities x 2,000: $(measures_total) measures in $((t1 - t0)) s"

serve catalogue
read_page "page of 50 measures at 40,000 (officer, 2,000 in the municipality)" \
	"$officer1" 05990001
rps1=$(rps "$work/last.txt")
p991=$(p99ms "$work/last.txt")
echo "   goal >= 2200 req/s, p99 <= 100 ms: $rps1 req/s, p99 $p991 ms:" \
	"$(awk -v r="$rps1" -v p="$p991" 'BEGIN { print (r >= 2200 && p <= 100) ? "met" : "MISSED" }')"

# The overview (issue #12) at 20 x 2,000, with its audit events.
t0=$(date +%s)
owner_psql -v first=1 -v last=20 -f bench/overview.sql
t1=$(date +%s)
echo "== overview data: $(owner_psql -At -c "SELECT count(*) FROM audit_event") audit events," \
	"indicators and meetings for 20 municipalities in $((t1 - t0)) s"
tok=$(token "$officer1" "$password")
path="/api/v1/municipalities/05990001/overview"
code=$(curl -s -o "$work/overview.json" -w '%{http_code}' -H "Authorization: Bearer $tok" "$base$path")
figures=$(node -e 'const d = JSON.parse(require("fs").readFileSync(0));
console.log(d.totals.measures, d.since_source, Object.values(d.changes_total).reduce((a, b) => a + b, 0))' \
	<"$work/overview.json" 2>/dev/null || echo "?")
set -- $figures
if [ "$code" != 200 ] || [ "${1:-}" != 2000 ] || [ "${2:-}" != last_meeting ]; then
	echo "bench: GET $path answers $code with $figures" >&2
	head -c 300 "$work/overview.json" >&2
	exit 1
fi
echo "== overview (officer, 2,000 measures, $3 changes since the last meeting): GET $path" \
	"(wrk -t2 -c64 -d$duration --latency; $(wc -c <"$work/overview.json") bytes)"
wrk -t2 -c64 -d"$duration" --latency -H "Authorization: Bearer $tok" "$base$path" >"$work/last.txt"
filter <"$work/last.txt"
r=$(rps "$work/last.txt")
p=$(p99ms "$work/last.txt")
echo "   goal >= 1500 req/s, p99 <= 100 ms: $r req/s, p99 $p ms:" \
	"$(awk -v r="$r" -v p="$p" 'BEGIN { print (r >= 1500 && p <= 100) ? "met" : "MISSED" }')"
# the catalogue as CSV: every measure, in parts
csvpath="/api/v1/municipalities/05990001/measures"
t0=$(node -e 'console.log(Date.now())')
code=$(curl -s -o "$work/catalogue.csv" -w '%{http_code}' -H "Accept: text/csv" \
	-H "Authorization: Bearer $tok" "$base$csvpath")
t1=$(node -e 'console.log(Date.now())')
lines=$(grep -c "$(printf '\r')\$" "$work/catalogue.csv" || true)
echo "== the catalogue as CSV: GET $csvpath (Accept: text/csv): $code," \
	"$lines lines (header and 2,000 measures), $(wc -c <"$work/catalogue.csv") bytes in $((t1 - t0)) ms"
if [ "$code" != 200 ] || [ "$lines" != 2001 ]; then
	echo "bench: the CSV of 05990001 is not the 2,000 measures" >&2
	exit 1
fi

t0=$(date +%s)
generate 21 95 2000
generate 96 96 10000
officer "$officer2" 05990096
t1=$(date +%s)
echo "== grown to $(measures_total) measures (95 x 2,000, 05990096 with 10,000) in $((t1 - t0)) s"

compare() { # label: req/s and p99 against the figure at 40,000
	r=$(rps "$work/last.txt")
	p=$(p99ms "$work/last.txt")
	echo "   vs. 40,000: $r req/s ($(awk -v a="$r" -v b="$rps1" 'BEGIN { printf "%+.1f %%", (a - b) * 100 / b }')), p99 $p ms ($(awk -v a="$p" -v b="$p991" 'BEGIN { printf "%+.1f %%", (a - b) * 100 / b }')); within 20 %:" \
		"$(awk -v a="$r" -v b="$rps1" 'BEGIN { print (a >= 0.8 * b) ? "met" : "MISSED" }')"
}
read_page "page of 50 at 200,000 (officer, 2,000 in the municipality)" \
	"$officer1" 05990001
compare
read_page "page of 50 at 200,000 (officer, 10,000 in the municipality)" \
	"$officer2" 05990096
compare

# Writers: 64 connections post progress reports to the measures of
# 05990001; then match acknowledged and stored reports by their markers.
owner_psql -At -c "SELECT m.id FROM measure m JOIN municipality mu
	ON mu.id = m.municipality_id WHERE mu.ags = '05990001' ORDER BY m.rank" \
	>"$work/measure-ids.txt"
tok=$(token "$officer1" "$password")
echo "== 64 writers: POST /api/v1/municipalities/05990001/measures/{id}/progress-reports" \
	"(wrk -t2 -c64 -d$duration --latency, over $(wc -l <"$work/measure-ids.txt") measures)"
: >"$work/acked.txt"
BENCH_ACK_FILE="$work/acked.txt" wrk -t2 -c64 -d"$duration" --latency \
	-s bench/progress.lua -H "Authorization: Bearer $tok" "$base" \
	-- 05990001 "$work/measure-ids.txt" >"$work/last.txt"
filter <"$work/last.txt"
grep -E '^  (responses|errors)' "$work/last.txt"
stop_server

# The in-flight requests when wrk stops (at most one per connection) and
# those that timed out may be stored without an acknowledgement; nothing
# acknowledged may be missing and no marker may be stored twice.
slack=$(awk '/^  errors:/ { gsub(",", ""); print 64 + $3 + $5 + $7 + $9 }' "$work/last.txt")
owner_psql -At -F ' ' <<SQL >"$work/check.txt"
CREATE TEMP TABLE acked (marker text);
\\copy acked FROM '$work/acked.txt'
WITH stored AS (
  SELECT substring(text FROM 'wrk-[0-9]+-[0-9]+') AS marker, count(*) AS n
    FROM progress_report
   WHERE text LIKE 'Sachstand wrk-%'
   GROUP BY 1)
SELECT (SELECT count(*) FROM acked),
       (SELECT coalesce(sum(n), 0) FROM stored),
       (SELECT count(*) FROM acked a
         WHERE NOT EXISTS (SELECT FROM stored s WHERE s.marker = a.marker)),
       (SELECT count(*) FROM stored WHERE n > 1),
       (SELECT count(*) FROM (SELECT marker FROM acked GROUP BY 1
                               HAVING count(*) > 1) d),
       (SELECT count(*) FROM stored s
         WHERE NOT EXISTS (SELECT FROM acked a WHERE a.marker = s.marker));
SQL
read -r acked stored missing twice acked_twice unacked <"$work/check.txt"
echo "   acknowledged (201): $acked; stored: $stored;" \
	"acknowledged but missing: $missing; stored twice: $twice;" \
	"acknowledged twice: $acked_twice; stored without acknowledgement: $unacked (in flight at the end; at most $slack)"
if [ "$acked" -eq 0 ] || [ "$missing" -ne 0 ] || [ "$twice" -ne 0 ] ||
	[ "$acked_twice" -ne 0 ] || [ "$unacked" -gt "$slack" ]; then
	echo "bench: progress reports: MISMATCH between acknowledged and stored" >&2
	exit 1
fi
echo "   every acknowledged report stored once: ok"
