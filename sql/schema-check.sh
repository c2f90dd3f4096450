#!/bin/sh
# sql/schema-check.sh: the schema files (sql/schema/<family>/*.sql) are the
# source of every function, view, trigger and policy, and re-running them
# changes nothing. In throwaway databases of a cluster (sql/cluster.sh):
#
#   1. `teilhabe migrate` on an empty database (the migrations, then the
#      schema files), a snapshot of the catalog's definitions;
#   2. `teilhabe migrate` again, recording with an event trigger what the
#      schema files create: the snapshot must not change, and every
#      function, view, trigger and policy must have been created by a
#      schema file (one that only a migration defines is an error);
#   3. a run whose last schema file fails: `teilhabe migrate` fails and
#      nothing of the files before it stays (one transaction).
#
# With --equivalence, also the proof made once when the schema files were
# cut from the migrations (issue #10): a database migrated by $OLD_TEILHABE,
# a build of `teilhabe` from before the schema files (the migrations only),
# has the same snapshot as step 1, and `teilhabe migrate` on it reaches
# that snapshot again.
#
# usage: [OLD_TEILHABE=BINARY] sql/schema-check.sh [--equivalence] [CLUSTER_DIR]
#   without CLUSTER_DIR a throwaway cluster is made under var/ and removed;
#   TEILHABE_BIN names the binary (default build/teilhabe).
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/usr/lib/postgresql/15/bin:$PATH"
equivalence=0
if [ "${1:-}" = "--equivalence" ]; then
	equivalence=1
	shift
fi
bin=${TEILHABE_BIN:-build/teilhabe}
cluster=${1:-}
own_cluster=0
work=$(mktemp -d "${TMPDIR:-/tmp}/schema-check-XXXXXX")
if [ -z "$cluster" ]; then
	mkdir -p var
	cluster=$(mktemp -d "$root/var/schema-check-XXXXXX")
	chmod 755 "$cluster"
	own_cluster=1
fi
dbs="teilhabe_schema_a teilhabe_schema_b"

su_psql() { # database args...: psql as the superuser
	d=$1
	shift
	TEILHABE_DB_NAME=$d sh sql/cluster.sh psql "$cluster" "$@"
}
migrate() { # database [binary]
	TEILHABE_OWNER_DATABASE_URL=$(TEILHABE_DB_NAME=$1 sh sql/cluster.sh url "$cluster" teilhabe_owner) \
		"${2:-$bin}" migrate >"$work/migrate.log" 2>&1 || {
		cat "$work/migrate.log"
		echo "schema-check: teilhabe migrate failed on $1"
		exit 1
	}
}
fresh() { # database: (re)created empty, owned by teilhabe_owner
	su_psql postgres -c "SET client_min_messages = warning" \
		-c "DROP DATABASE IF EXISTS $1" \
		-c "CREATE DATABASE $1 OWNER teilhabe_owner" >/dev/null
}
cleanup() {
	if [ "$own_cluster" -eq 1 ]; then
		sh sql/cluster.sh destroy "$cluster" >/dev/null 2>&1
	else
		for d in $dbs; do
			su_psql postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1
		done
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# What the schema files decide, as the catalog prints it: every function's
# definition, owner, privileges and comment; every view; every policy;
# every trigger; the privileges and row-level security of every relation
# and column of schema public. One line per object, sorted.
snapshot() { # database file
	su_psql "$1" -At -o "$2" <<'SQL' || exit 1
SELECT x FROM (
  SELECT 'function ' || p.oid::regprocedure || ' owner ' || pg_get_userbyid(p.proowner)
         || ' acl ' || coalesce(p.proacl::text, 'default')
         || ' comment ' || coalesce(obj_description(p.oid, 'pg_proc'), '')
         || ' ' || pg_get_functiondef(p.oid)
    FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace
     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                        AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'view ' || c.oid::regclass || ' options ' || coalesce(c.reloptions::text, '')
         || ' comment ' || coalesce(obj_description(c.oid, 'pg_class'), '')
         || ' ' || pg_get_viewdef(c.oid)
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'policy ' || tablename || ' ' || policyname || ' ' || permissive || ' '
         || roles::text || ' ' || cmd || ' using ' || coalesce(qual, '-')
         || ' check ' || coalesce(with_check, '-')
    FROM pg_policies WHERE schemaname = 'public'
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
   WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'relation ' || c.oid::regclass || ' ' || c.relkind::text || ' owner '
         || pg_get_userbyid(c.relowner) || ' acl ' || coalesce(c.relacl::text, 'default')
         || ' rls ' || c.relrowsecurity || ' ' || c.relforcerowsecurity
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  UNION ALL
  SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' acl ' || a.attacl::text
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   WHERE c.relnamespace = 'public'::regnamespace AND a.attacl IS NOT NULL
  UNION ALL
  SELECT 'schema public acl ' || coalesce(nspacl::text, 'default')
    FROM pg_namespace WHERE nspname = 'public'
) s (x) ORDER BY 1;
SQL
}

same() { # what file1 file2
	if ! cmp -s "$2" "$3"; then
		echo "schema-check: $1 differ:"
		diff -u "$2" "$3" | head -60
		exit 1
	fi
}

sh sql/cluster.sh start "$cluster" >/dev/null || exit 1
fresh teilhabe_schema_a
migrate teilhabe_schema_a
snapshot teilhabe_schema_a "$work/a1"

# the second run, watched: which objects do the schema files create?
su_psql teilhabe_schema_a >/dev/null <<'SQL' || exit 1
CREATE SCHEMA schema_check;
CREATE TABLE schema_check.created (identity text);
CREATE FUNCTION schema_check.record() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO schema_check.created
  SELECT object_identity FROM pg_event_trigger_ddl_commands()
   WHERE object_identity IS NOT NULL;
END
$$;
CREATE EVENT TRIGGER schema_check_record ON ddl_command_end
  EXECUTE FUNCTION schema_check.record();
SQL
migrate teilhabe_schema_a
su_psql teilhabe_schema_a -c 'DROP EVENT TRIGGER schema_check_record' >/dev/null
snapshot teilhabe_schema_a "$work/a2"
same "a second run of the schema files changed definitions: they" \
	"$work/a1" "$work/a2"

# every function, view, policy and trigger of schema public, by identity
objects="SELECT o.kind || ' ' || o.identity AS object, o.identity FROM (
  SELECT 'function' AS kind, pg_identify_object('pg_proc'::regclass, p.oid, 0) AS i
    FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace
     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                        AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'view', pg_identify_object('pg_class'::regclass, c.oid, 0)
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'policy', pg_identify_object('pg_policy'::regclass, p.oid, 0)
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
   WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'trigger', pg_identify_object('pg_trigger'::regclass, t.oid, 0)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
   WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
) AS x, LATERAL (SELECT x.kind, (x.i).identity) AS o (kind, identity)"
su_psql teilhabe_schema_a -At -o "$work/orphans" -c "
SELECT object FROM ($objects) AS a
 WHERE identity NOT IN (SELECT identity FROM schema_check.created) ORDER BY 1" || exit 1
if [ -s "$work/orphans" ]; then
	echo "schema-check: defined by a migration but by no file in sql/schema/" \
		"(move its latest definition into its family's schema file):"
	sed 's/^/  /' "$work/orphans"
	exit 1
fi
n=$(su_psql teilhabe_schema_a -Atc "SELECT count(*) FROM ($objects) AS a")

# a failing schema file: none of the files' changes stay
mkdir -p "$work/sql"
cp -R sql/migrations sql/schema "$work/sql/"
echo "COMMENT ON FUNCTION app_claims() IS 'schema-check';" \
	>>"$work/sql/schema/access/01_claims.sql"
mkdir -p "$work/sql/schema/zz_broken"
echo "SELECT no_such_function();" >"$work/sql/schema/zz_broken/01_broken.sql"
if TEILHABE_SQL_DIR="$work/sql" TEILHABE_OWNER_DATABASE_URL=$(TEILHABE_DB_NAME=teilhabe_schema_a \
	sh sql/cluster.sh url "$cluster" teilhabe_owner) "$bin" migrate >"$work/migrate.log" 2>&1; then
	echo "schema-check: teilhabe migrate succeeded with a failing schema file"
	exit 1
fi
grep -q "schema/zz_broken/01_broken.sql failed" "$work/migrate.log" || {
	cat "$work/migrate.log"
	echo "schema-check: teilhabe migrate did not name the failing schema file"
	exit 1
}
snapshot teilhabe_schema_a "$work/a3"
same "after a failed run of the schema files, definitions" "$work/a1" "$work/a3"

echo "schema-check: the schema files create all $n functions, views," \
	"triggers and policies; a second run changes nothing; a failing one" \
	"changes nothing either"

if [ "$equivalence" -eq 1 ]; then
	if [ -z "${OLD_TEILHABE:-}" ]; then
		echo "schema-check: --equivalence needs OLD_TEILHABE, a build of" \
			"teilhabe from before the schema files (it applies the" \
			"migrations only)"
		exit 2
	fi
	fresh teilhabe_schema_b
	migrate teilhabe_schema_b "$OLD_TEILHABE"
	snapshot teilhabe_schema_b "$work/b1"
	same "the migrations alone and the migrations with the schema files" \
		"$work/b1" "$work/a1"
	migrate teilhabe_schema_b
	snapshot teilhabe_schema_b "$work/b2"
	same "a database migrated before the schema files, after teilhabe migrate," \
		"$work/b2" "$work/a1"
	echo "schema-check: the migrations alone define exactly what they and" \
		"the schema files define; teilhabe migrate on such a database" \
		"changes nothing ($(wc -l <"$work/a1") catalog lines compared)"
fi
