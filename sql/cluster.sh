#!/bin/sh
# A project-local PostgreSQL 15 cluster in a directory of its own (var/pg for
# `make run`, a throwaway one for `make test`), reached only through a unix
# socket inside that directory; it never touches a system cluster.
#
#   cluster.sh start DIR        initdb if needed, start, create roles and db
#   cluster.sh stop DIR         stop (fast shutdown)
#   cluster.sh url DIR ROLE     print the libpq URL for ROLE
#   cluster.sh psql DIR [ARGS]  psql as the superuser on database teilhabe
#   cluster.sh destroy DIR      stop and remove
#
# initdb refuses to run as root: as root the cluster belongs to the
# "postgres" user that Debian's package creates.
set -eu
PGBIN=/usr/lib/postgresql/15/bin
cmd=${1:?usage: cluster.sh start|stop|url|psql|destroy DIR}
dir=${2:?usage: cluster.sh $cmd DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
sock="$dir/run"
DB=${TEILHABE_DB_NAME:-teilhabe}

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

superuser_psql() {
	"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -U postgres "$@"
}

running() {
	as_owner "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

case "$cmd" in
start)
	if [ ! -f "$data/PG_VERSION" ]; then
		mkdir -p "$data" "$sock"
		if [ "$(id -u)" -eq 0 ]; then
			chown postgres:postgres "$dir" "$data" "$sock"
			runuser -u postgres -- test -w "$data" || {
				echo "cluster: user postgres cannot write $data;" \
					"make its parent directories traversable" >&2
				exit 1
			}
		fi
		as_owner "$PGBIN/initdb" -D "$data" -U postgres --auth=trust \
			--encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
		cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$sock'
unix_socket_permissions = 0700
max_connections = 100
shared_buffers = 256MB
timezone = 'Europe/Berlin'
log_min_messages = warning
CONF
		if [ -n "${TEILHABE_THROWAWAY:-}" ]; then
			# a test cluster: speed over durability
			printf "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" \
				>>"$data/postgresql.conf"
		fi
	fi
	if ! running; then
		as_owner "$PGBIN/pg_ctl" -D "$data" -l "$dir/server.log" -w \
			-t 60 start >/dev/null || {
			tail -20 "$dir/server.log" >&2
			exit 1
		}
	fi
	superuser_psql -d postgres <<SQL
SELECT 'CREATE ROLE teilhabe_owner LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'teilhabe_owner') \gexec
SELECT 'CREATE ROLE teilhabe_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'teilhabe_app') \gexec
ALTER ROLE teilhabe_app SET plan_cache_mode = force_custom_plan;
SELECT 'CREATE DATABASE $DB OWNER teilhabe_owner'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB') \gexec
SQL
	;;
stop)
	if [ -f "$data/PG_VERSION" ] && running; then
		as_owner "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
	fi
	;;
url)
	role=${3:?usage: cluster.sh url DIR ROLE}
	echo "postgresql:///$DB?host=$sock&user=$role"
	;;
psql)
	shift 2
	superuser_psql -d "$DB" "$@"
	;;
destroy)
	if [ -f "$data/PG_VERSION" ] && running; then
		as_owner "$PGBIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null
	fi
	rm -rf "$dir"
	;;
*)
	echo "cluster: unknown command $cmd" >&2
	exit 2
	;;
esac
