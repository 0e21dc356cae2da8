#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL 15 server for the tests, on 127.0.0.1 only.
#   .ci/postgres.sh start   -> prints the URL to export as QUOTEGRAPH_TEST_PG
#   .ci/postgres.sh stop
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDATA=${PGDATA:-/tmp/quotegraph-pg}
PGPORT=${PGPORT:-54329}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    if [ ! -x "$PGBIN/initdb" ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >/dev/null
    fi
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
      as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    # already running (a second caller on a dev machine): reuse it
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 ||
      as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off" start >/dev/null
    as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='quotegraph_test'" | grep -q 1 ||
      as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres quotegraph_test
    echo "postgresql://postgres@127.0.0.1:$PGPORT/quotegraph_test"
    ;;
  stop)
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
