#!/bin/sh
# Runs libFuzzer targets for SECONDS each over their committed seed corpus
# (tests/fuzz/corpus/NAME, read only). New inputs go to build/fuzz/corpus/
# NAME (or NEW_DIR when given), crashes to build/fuzz/crashes/NAME-*; a
# crash or a sanitizer report fails the run. Add a crash's input to the
# committed corpus once the bug is fixed.
#
# usage: tests/fuzz/run.sh SECONDS BINARY...        (make fuzz)
#        tests/fuzz/run.sh -o NEW_DIR SECONDS BINARY (one target, make test)
set -u
cd "$(dirname "$0")/../.."
out=""
if [ "${1:-}" = "-o" ]; then
	out=$2
	shift 2
fi
secs=${1:?usage: run.sh [-o NEW_DIR] SECONDS BINARY...}
shift
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	seeds="tests/fuzz/corpus/$name"
	new=${out:-build/fuzz/corpus/$name}
	mkdir -p "$new" build/fuzz/crashes
	echo "fuzz: $name for $secs s (seeds: $seeds)"
	if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$name-" \
		"$new" "$seeds"; then
		echo "fuzz: $name FAILED; the input is in build/fuzz/crashes/"
		failed=1
	fi
done
exit "$failed"
