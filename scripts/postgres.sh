#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the bench: installed from
# Debian's `postgresql` package when missing, run as the `postgres` user, in a
# temporary folder, listening only on a Unix socket in that folder (no TCP
# port, so it meets no other server on the machine), trust authentication.
#
#   eval "$(scripts/postgres.sh start [SERVER OPTION...])"
#       starts it and prints `export ONSHI_TEST_POSTGRES_URL=…` and
#       `export ONSHI_TEST_POSTGRES_DIR=…` (e.g. `-c fsync=off` for tests)
#   scripts/postgres.sh stop "$ONSHI_TEST_POSTGRES_DIR"
#       stops it and removes the folder
#
# Messages go to stderr, so that stdout is only the exports.
set -euo pipefail

bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
}

case "${1:-}" in
  start)
    shift
    bin="$(bindir)"
    if [ -z "$bin" ]; then
      echo "installing postgresql (Debian package)" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends postgresql >&2
      bin="$(bindir)"
    fi
    [ -n "$bin" ] || { echo "postgres.sh: no PostgreSQL server found after installing" >&2; exit 1; }
    dir="$(mktemp -d /tmp/onshi-pg.XXXXXX)"
    # initdb and the server refuse to run as root.
    run=()
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
      --no-sync --no-instructions >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c max_connections=200 $*" start >&2 \
      || { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
    # The socket's folder in the host part, percent-encoded (libpq and the
    # Rust client both read a host starting with `/` as a socket folder).
    host="${dir//\//%2F}"
    echo "export ONSHI_TEST_POSTGRES_URL='postgresql://postgres@$host/postgres'"
    echo "export ONSHI_TEST_POSTGRES_DIR='$dir'"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"
    bin="$(bindir)"
    run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start [SERVER OPTION...] | stop DIR" >&2
    exit 2
    ;;
esac
