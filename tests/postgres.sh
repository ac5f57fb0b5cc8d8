#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests, made from Debian's postgresql package.
#   tests/postgres.sh start [dir] [port]   creates and starts it (on the first free port from 55432
#                                          unless given); prints the connection string
#   tests/postgres.sh stop  [dir]          stops it and removes the folder
# DURABLE=1 tests/postgres.sh start ...   keeps fsync and synchronous commit on (benchmarks)
# The test suite runs against it when MASAM_TEST_POSTGRES holds that connection string.
set -euo pipefail
action=${1:?start or stop}
dir=${2:-/tmp/masam-test-pg}
port=${3:-}
if [ -z "$port" ]; then
  # The first free port from 55432: another run on this machine may hold one.
  port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }

# The server refuses to run as root: the cluster belongs to the postgres user when started by root.
as_owner() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

case "$action" in
  start)
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log'"
    # Tests run in parallel, each on a database of its own: allow plenty of connections; durability is
    # not needed. DURABLE=1 keeps PostgreSQL's defaults (fsync, synchronous commit), for benchmarks.
    settings="-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=400"
    [ "${DURABLE:-0}" = 1 ] || settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"$settings\" start >/dev/null"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null" || true
    rm -rf "$dir"
    ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
