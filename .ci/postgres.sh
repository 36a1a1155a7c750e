#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the PostgreSQL-backed tests, listening on 127.0.0.1 only, and prints
# the line that points the tests at it:
#
#   eval "$(bash .ci/postgres.sh)"
#
# Installs Debian's postgresql package when it is missing (as root), initialises its own cluster in a directory
# of its own (not the Debian "main" cluster), creates a login role and database, and writes the export line to
# "$ORLEANSCRON_PG_DIR/env" as well. Running it again reuses the cluster (starting it if it is stopped).
# Progress goes to stderr; stdout carries only the export line.
set -euo pipefail

dir=${ORLEANSCRON_PG_DIR:-/tmp/orleanscron-pg}
port=${ORLEANSCRON_PG_PORT:-54329}
role=${ORLEANSCRON_PG_USER:-orleanscron}
password=${ORLEANSCRON_PG_PASSWORD:-orleanscron}
database=${ORLEANSCRON_PG_DATABASE:-orleanscron}

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$found" && -x "$found/initdb" ]]; then
        echo "$found"
    elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

bin=$(find_bin)
if [[ -z "$bin" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        log "PostgreSQL is not installed; run as root, or install it (apt-get install postgresql)."
        exit 1
    fi
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
fi

# The server refuses to run as root: as root, the cluster belongs to the postgres account.
if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir "$dir" --shell /bin/bash postgres
    fi
    as_owner() { runuser -u postgres -- "$@"; }
    owner=postgres
else
    as_owner() { "$@"; }
    owner=$(id -un)
fi

mkdir -p "$dir"
chown "$owner" "$dir"
chmod 700 "$dir"
data="$dir/data"

if [[ ! -f "$data/PG_VERSION" ]]; then
    log "initialising a cluster in $data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >&2
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$dir'"
        echo "max_connections = 300"
    } | as_owner tee -a "$data/postgresql.conf" >/dev/null
fi

if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting the server on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >&2
fi

psql_admin() { as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

if [[ -z $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'") ]]; then
    log "creating role $role"
    psql_admin -c "CREATE ROLE \"$role\" LOGIN CREATEDB PASSWORD '$password'"
fi

# Tests drop their throwaway databases WITH (FORCE), which must terminate every backend still in them; an autovacuum
# worker that happens to be there belongs to no role, and terminating it needs pg_signal_backend (seen failing CI's
# teardown: "must be a member of the role whose process is being terminated or member of pg_signal_backend").
psql_admin -c "GRANT pg_signal_backend TO \"$role\""

if [[ -z $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
    log "creating database $database"
    psql_admin -c "CREATE DATABASE \"$database\" OWNER \"$role\""
fi

line="export ORLEANSCRON_TEST_POSTGRES=\"Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=$password\""
echo "$line" | as_owner tee "$dir/env" >/dev/null
echo "$line"
