#!/usr/bin/env bash
# PatternQuality's stand-in for the official postgres image's entrypoint: the part of its contract that
# Aspire's AddPostgres and deploy/docker-compose.yaml rely on. POSTGRES_USER (default postgres),
# POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_DB (default: the user),
# POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD (default scram-sha-256), data in $PGDATA, which is
# /var/lib/postgresql/data as in the official postgres:15 image: a volume there (what Aspire mounts for tags
# before 18) or on /var/lib/postgresql (compose, Aspire from 18) keeps it. It stays PID 1 so that a kept volume
# opened with another password is refused in one line, and SIGTERM or SIGINT is a clean (fast) shutdown.
set -euo pipefail

fail() { echo "patternquality-postgres: $*" >&2; exit 1; }

if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift

user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    fail "POSTGRES_PASSWORD is not set: give the superuser's password (or POSTGRES_HOST_AUTH_METHOD=trust)"
fi

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    password_file=$(mktemp)
    printf '%s' "${POSTGRES_PASSWORD:-}" > "$password_file"
    chown postgres "$password_file"
    # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
    as_postgres initdb --username="$user" --pwfile="$password_file" --encoding=UTF8 ${POSTGRES_INITDB_ARGS:-} >/dev/null \
        || { rm -f "$password_file"; fail "initdb failed in $PGDATA"; }
    rm -f "$password_file"
    printf "listen_addresses = '*'\n" >> "$PGDATA/postgresql.auto.conf"
    printf 'host all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"
    if [ "$database" != postgres ]; then
        as_postgres postgres --single -D "$PGDATA" postgres <<< "CREATE DATABASE \"$database\";" >/dev/null \
            || fail "could not create the database $database"
    fi
    echo "patternquality-postgres: initialised $PGDATA for $user (host auth $auth)"
fi

# setpriv execs postgres, so $! is the server itself (a function here would leave a subshell between them).
setpriv --reuid=postgres --regid=postgres --init-groups -- postgres "$@" &
server=$!
stop() { kill -INT "$server" 2>/dev/null || true; }
trap stop TERM INT

# A kept volume keeps the password it was created with; another one would fail every client later and less clearly.
if [ "$auth" != trust ] && [ -n "${POSTGRES_PASSWORD:-}" ]; then
    # The container's own address, not loopback: initdb's defaults may trust loopback whatever the password.
    address=$(hostname -i 2>/dev/null | awk '{print $1}')
    address=${address:-127.0.0.1}
    for _ in $(seq 300); do
        pg_isready -q -h "$address" -p 5432 -U "$user" -d postgres && break
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$server" 2>/dev/null \
        && ! PGPASSWORD=$POSTGRES_PASSWORD psql -q -w -h "$address" -p 5432 -U "$user" -d postgres -c 'select 1' >/dev/null 2>&1; then
        echo "patternquality-postgres: the cluster in $PGDATA was created with another password for $user than POSTGRES_PASSWORD; give that one, or a new volume" >&2
        stop
        wait "$server" || true
        exit 1
    fi
fi

status=0
while true; do
    wait "$server" && status=0 || status=$?
    kill -0 "$server" 2>/dev/null || break
done
exit "$status"
