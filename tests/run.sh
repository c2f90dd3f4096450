#!/bin/sh
# `make test`: every suite against a throwaway PostgreSQL cluster and a
# sanitizer build of the server on a free port. Safe while `make run` runs
# (its own cluster directory, its own port), and twice in a row. Ends with
# one line: "N passed, N failed".
#
# usage: tests/run.sh UNIT_TEST_BINARY...
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/usr/lib/postgresql/15/bin:$PATH"
export REDOCLY_TELEMETRY=off NO_COLOR=1
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

mkdir -p var
work=$(mktemp -d "$root/var/test-XXXXXX")
chmod 755 "$work"
db="$work/pg"
server_pid=""
passed=0
failed=0

tally() { # suite passed failed
	passed=$((passed + $2))
	failed=$((failed + $3))
	printf '== %s: %s passed, %s failed\n' "$1" "$2" "$3"
}

check() { # name command...: one check that passes or fails
	name=$1
	shift
	if "$@" >"$work/check.log" 2>&1; then
		tally "$name" 1 0
	else
		cat "$work/check.log"
		tally "$name" 0 1
	fi
}

cleanup() {
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
	fi
	sh sql/cluster.sh destroy "$db" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

node_suite() { # name dir
	log="$work/$1.tap"
	# TEST_FILES (paths, space-separated) narrows a suite to those of its
	# files while working on them; CI sets nothing and runs every file
	targets="$2/"
	if [ -n "${TEST_FILES:-}" ]; then
		targets=""
		for t in $TEST_FILES; do
			case "$t" in "$2"/*) targets="$targets $t" ;; esac
		done
		[ -n "$targets" ] || { echo "$1: skipped (TEST_FILES)"; return; }
	fi
	# one file at a time where the runner can be told so (Node >= 20.10);
	# the outage test also takes a lock of its own
	conc=""
	if node --help | grep -q -- --test-concurrency; then
		conc="--test-concurrency=1"
	fi
	node --test $conc --test-reporter=spec \
		--test-reporter-destination=stdout --test-reporter=tap \
		--test-reporter-destination="$log" $targets
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
	c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$log" | tail -1)
	if [ -z "$p" ]; then
		echo "$1: the test runner did not finish"
		tally "$1" 0 1
	else
		tally "$1" "$p" $((${f:-0} + ${c:-0}))
	fi
}

echo "== unit tests (cmocka, address and undefined sanitizers)"
sh tests/run-unit.sh "$@" >"$work/unit.log" 2>&1
cat "$work/unit.log"
line=$(grep '^unit: [0-9]* passed' "$work/unit.log" | tail -1)
p=$(echo "$line" | sed 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed/\1/')
f=$(echo "$line" | sed 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed/\2/')
tally unit "${p:-0}" "${f:-1}"

echo "== lint"
check "clang-format" make -s format-check
check "redocly lint openapi.yaml" npx --no-install redocly lint openapi.yaml
# migrations that have landed are never edited; new ones need their line
check "migrations match sql/migrations/SHA256SUMS" sh sql/manifest.sh check
# the route table and openapi.yaml agree (methods, paths, operationId =
# handler, x-roles, x-scope), and the lint fails when they do not
check "route table agrees with openapi.yaml (make lint-routes)" \
	make -s --no-print-directory lint-routes
check "lint-routes fails on doctored copies of openapi.yaml" \
	node --test tests/lint/routes.test.mjs
# `make run` names the address it serves on, whatever TEILHABE_LISTEN says
check "make run prints the address of TEILHABE_LISTEN" sh -c \
	'TEILHABE_LISTEN=127.0.0.2:18099 make -s --no-print-directory run-banner | grep -q "^Teilhabe: http://127.0.0.2:18099/ " &&
	TEILHABE_LISTEN=0.0.0.0:18098 make -s --no-print-directory run-banner | grep -q "^Teilhabe: http://127.0.0.1:18098/ "'

# ---- fuzzing: each libFuzzer target (built by make test) for a short,
# fixed time over its committed corpus; one check per target
fuzz_secs=${FUZZ_TEST_SECONDS:-12}
echo "== fuzz targets (libFuzzer, $fuzz_secs s each)"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	mkdir -p "$work/fuzz/$name"
	check "fuzz $name" sh tests/fuzz/run.sh -o "$work/fuzz/$name" \
		"$fuzz_secs" "build/fuzz/$name"
done
# ---- end of fuzzing

echo "== database (throwaway cluster in $db)"
TEILHABE_THROWAWAY=1 sh sql/cluster.sh start "$db" || {
	tally "database set-up" 0 1
	echo "$passed passed, $failed failed"
	exit 1
}
export TEILHABE_OWNER_DATABASE_URL="$(sh sql/cluster.sh url "$db" teilhabe_owner)"
export TEILHABE_DATABASE_URL="$(sh sql/cluster.sh url "$db" teilhabe_app)"
check "migrate" ./build/teilhabe-asan migrate
check "migrate again applies nothing" sh -c \
	'./build/teilhabe-asan migrate 2>&1 | grep -q "0 applied"'
# the schema files define every function, view, trigger and policy, and
# re-running them changes nothing (databases of their own in the cluster)
check "schema files: re-runnable, the source of every function, view, trigger and policy" \
	env TEILHABE_BIN=./build/teilhabe-asan sh sql/schema-check.sh "$db"
check "seed-demo" ./build/teilhabe-asan seed-demo
check "seed-demo again" ./build/teilhabe-asan seed-demo
# every enum has one source, api/src/enums.c: the CHECK constraints of the
# database just migrated, openapi.yaml and the web client agree with it
check "enums: api/src/enums.c, CHECK constraints, openapi.yaml, web" \
	make -s --no-print-directory lint-enums
check "the enum check fails on doctored inputs" \
	node --test tests/lint/enums.test.mjs

echo "== pgTAP"
sh sql/cluster.sh psql "$db" -c 'CREATE EXTENSION IF NOT EXISTS pgtap' >/dev/null
pg_prove -h "$db/run" -U postgres -d teilhabe tests/sql/*.sql >"$work/pgtap.log" 2>&1
cat "$work/pgtap.log"
total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$work/pgtap.log")
bad=$(sed -n 's/^Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$work/pgtap.log" |
	awk '{s += $1} END {print s + 0}')
if [ -z "$total" ]; then
	tally pgTAP 0 1
else
	if ! grep -q '^Result: PASS' "$work/pgtap.log" && [ "$bad" -eq 0 ]; then
		bad=1
	fi
	tally pgTAP $((total - bad)) "$bad"
fi

echo "== server (sanitizer build)"
# a throwaway signing key; the API tests read it to forge tokens
(umask 077 && printf 'test1 %s\nold0 %s\n' "$(head -c 32 /dev/urandom | base64)" \
	"$(head -c 32 /dev/urandom | base64)" >"$work/token.keys")
export TEILHABE_TOKEN_KEYS="$work/token.keys" TEST_TOKEN_KEYS="$work/token.keys"
export TEST_PSQL_CMD="sh $root/sql/cluster.sh psql $db"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export BASE_URL="http://127.0.0.1:$port"
# the API tests read the server's stderr (logging.test.mjs, outage.test.mjs);
# slow-clients.test.mjs needs the default TEILHABE_THREADS and
# TEILHABE_REQUEST_TIMEOUT_MS (the deployment's): do not set them here
export TEST_SERVER_LOG="$work/server.err"
TEILHABE_LISTEN="127.0.0.1:$port" TEILHABE_BODY_LIMIT=65536 \
	TEILHABE_TRUSTED_PROXIES=127.0.0.1 \
	TEILHABE_DB_POOL_TIMEOUT_MS=2000 \
	./build/teilhabe-asan serve >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
up=0
for _ in $(seq 1 100); do
	if curl -fs "$BASE_URL/health/live" >/dev/null 2>&1; then
		up=1
		break
	fi
	sleep 0.1
done
if [ "$up" -ne 1 ]; then
	cat "$work/server.err"
	tally "server start" 0 1
else
	export TEST_ACCESS_LOG="$work/server.out" # the access log, for http-framing
	export TEST_DB_STOP_CMD="sh '$root/sql/cluster.sh' stop '$db'"
	export TEST_DB_START_CMD="sh '$root/sql/cluster.sh' start '$db'"
	echo "== API tests against $BASE_URL"
	node_suite api tests/api
	echo "== browser tests (chromium)"
	node_suite e2e tests/e2e

	kill -TERM "$server_pid"
	wait "$server_pid"
	rc=$?
	server_pid=""
	check "server stops cleanly on SIGTERM" test "$rc" -eq 0
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		"$work/server.err"; then
		grep -A30 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
			"$work/server.err" | head -80
		tally "sanitizers quiet" 0 1
	else
		tally "sanitizers quiet" 1 0
	fi
	check "access log is one JSON object per line" sh -c \
		"test -s '$work/server.out' && node -e 'for (const l of require(\"fs\").readFileSync(process.argv[1],\"utf8\").trim().split(\"\\n\")) { const o = JSON.parse(l); for (const k of [\"time\",\"request_id\",\"method\",\"route\",\"status\",\"duration_us\"]) if (!(k in o)) throw new Error(k) }' '$work/server.out'"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
