#!/bin/sh
# sql/manifest.sh: the checksum manifest of the migrations,
# sql/migrations/SHA256SUMS (sha256sum's format, one line per NNN_*.sql).
# A migration that has landed is never edited again (README, "Migrations").
#
#   sh sql/manifest.sh check   fails when a listed migration changed or is
#                              gone, or a migration is not listed (make test)
#   sh sql/manifest.sh add     appends the lines of migrations not yet
#                              listed; never rewrites a line (make
#                              migrations-manifest)
set -u
cd "$(dirname "$0")/migrations"
manifest=SHA256SUMS

listed() { # name: whether the manifest has a line for it
	[ -f "$manifest" ] && awk -v n="$1" '$2 == n { f = 1 } END { exit !f }' "$manifest"
}

case "${1:-}" in
check)
	rc=0
	if ! sha256sum --check --quiet --strict "$manifest"; then
		echo "sql/migrations/SHA256SUMS: a migration that has landed was" \
			"changed or removed; never edit one, add a new NNN_name.sql"
		rc=1
	fi
	for f in [0-9][0-9][0-9]_*.sql; do
		[ -e "$f" ] || continue
		if ! listed "$f"; then
			echo "sql/migrations/$f is not in sql/migrations/SHA256SUMS:" \
				"run \`make migrations-manifest\` and commit the line"
			rc=1
		fi
	done
	exit $rc
	;;
add)
	for f in [0-9][0-9][0-9]_*.sql; do
		[ -e "$f" ] || continue
		if ! listed "$f"; then
			sha256sum "$f" >>"$manifest"
			echo "sql/migrations/SHA256SUMS: added $f"
		fi
	done
	;;
*)
	echo "usage: sh sql/manifest.sh check | add" >&2
	exit 2
	;;
esac
