#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on a temporary data directory and a free
# loopback port, as an unprivileged user (initdb refuses to run as root).
#   scripts/postgres.sh start   prints DATABASE_URL=... and the data directory
#   scripts/postgres.sh stop DIR
set -euo pipefail
bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pguser=doorstroom-pg

run_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$pguser" -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ "$(id -u)" -eq 0 ] && ! id "$pguser" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$pguser"
    fi
    dir=$(mktemp -d /tmp/doorstroom-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown "$pguser" "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    run_as "$bindir/initdb" -D "$dir/data" -A trust -U doorstroom -E UTF8 --locale=C.UTF-8 >/dev/null
    run_as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start
    run_as "$bindir/createdb" -h 127.0.0.1 -p "$port" -U doorstroom doorstroom
    echo "PG_DIR=$dir"
    echo "DATABASE_URL=postgres://doorstroom@127.0.0.1:$port/doorstroom"
    ;;
  stop)
    dir=${2:?data directory}
    run_as "$bindir/pg_ctl" -D "$dir/data" -m fast -w -s stop || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
