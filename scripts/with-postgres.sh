#!/usr/bin/env bash
# Runs CMD… with a throwaway PostgreSQL server: TFPBR_TEST_PG=postgres://…/postgres names it.
# Finds the server binaries (installing Debian's postgresql package when there are none), makes a
# data directory in a temp folder (owned by `postgres` when we are root: the server refuses root),
# starts it on 127.0.0.1 on a free port with its socket inside that folder, runs CMD, then stops
# the server and removes the folder, keeping CMD's exit code.
# TFPBR_TEST_PG=off runs CMD without a server (the PostgreSQL tests are skipped, and say so).
set -euo pipefail

if [ "${TFPBR_TEST_PG:-}" = off ]; then
  echo "with-postgres: TFPBR_TEST_PG=off, running without PostgreSQL (its tests are skipped)" >&2
  exec "$@"
fi

find_bin() {
  local dir
  for dir in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")" /usr/local/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
  echo "with-postgres: no PostgreSQL server found; installing Debian's postgresql package" >&2
  if [ "$(id -u)" != 0 ]; then echo "with-postgres: installing needs root; install postgresql or set TFPBR_TEST_PG=off" >&2; exit 2; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin || true)"
  if [ -z "$bin" ]; then echo "with-postgres: postgresql installed but initdb/pg_ctl not found" >&2; exit 2; fi
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tfpbr-pg.XXXXXX")"
chmod 755 "$tmp"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$tmp"
  as_owner=(runuser -u postgres --)
fi
port="$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

cleanup() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$tmp/data" --locale=C -E UTF8 -A trust -U postgres >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 2; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$tmp/server.log" >&2; echo "with-postgres: the server did not start" >&2; exit 2; }

export TFPBR_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk "{print \$3}") on 127.0.0.1:$port" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
