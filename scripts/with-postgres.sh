#!/usr/bin/env bash
# Runs CMD… with a throwaway PostgreSQL server: TFPBR_TEST_PG=postgres://…/postgres names it.
# Finds the server binaries (installing Debian's postgresql package when there are none), makes a
# data directory in a temp folder (owned by `postgres`, or `nobody`, when we are root: the server
# refuses root), starts it on 127.0.0.1 on a free port with its socket inside that folder, runs
# CMD, then stops the server and removes the folder, keeping CMD's exit code.
#
# TFPBR_TEST_PG=off      runs CMD without a server (the PostgreSQL tests are skipped, and say so).
# TFPBR_PG_BIN_DIRS="…"  the folders searched for initdb/pg_ctl/postgres (default: pg_ctl's folder
#                        on PATH, Debian's /usr/lib/postgresql/<version>/bin newest first,
#                        /usr/local/bin, /usr/local/pgsql/bin).
# TFPBR_PG_DRY_RUN=1     prints what it would do (install or not, which binaries, which owner) and
#                        exits 0, changing nothing.
#
# Debian's package (postgresql → postgresql-<N>) puts the binaries in /usr/lib/postgresql/<N>/bin,
# not on PATH, and its postinst creates a cluster `<N>/main` on port 5432 and starts it where the
# machine allows services to start. We use our own data directory, so a cluster the install started
# is stopped again (pg_ctlcluster); clusters that were running before are left alone.
set -euo pipefail

say() { echo "with-postgres: $*" >&2; }
dry() { [ "${TFPBR_PG_DRY_RUN:-}" = 1 ]; }

if [ "${TFPBR_TEST_PG:-}" = off ]; then
  say "TFPBR_TEST_PG=off, running without PostgreSQL (its tests are skipped)"
  exec "$@"
fi

bin_dirs() {
  if [ -n "${TFPBR_PG_BIN_DIRS:-}" ]; then echo "$TFPBR_PG_BIN_DIRS"; return; fi
  local on_path
  on_path="$(command -v pg_ctl 2>/dev/null || true)"
  [ -n "$on_path" ] && dirname "$on_path"
  # Newest version first (sort -V: 9.6 < 10 < 15).
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r || true
  echo /usr/local/bin /usr/local/pgsql/bin
}

find_bin() {
  local dir
  for dir in $(bin_dirs); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

# Clusters of Debian's postgresql-common that are running ("15 main"), one a line.
online_clusters() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1, $2 }' || true
}

install_postgresql() {
  if [ "$(id -u)" != 0 ]; then say "no PostgreSQL server found, and installing one needs root: install postgresql, or set TFPBR_TEST_PG=off"; exit 2; fi
  if ! command -v apt-get >/dev/null 2>&1; then say "no PostgreSQL server found and no apt-get to install one: install PostgreSQL (initdb, pg_ctl), or set TFPBR_TEST_PG=off"; exit 2; fi
  if dry; then
    say "dry run: would run apt-get update and apt-get install -y --no-install-recommends postgresql, then stop any cluster the install started (pg_ctlcluster VERSION NAME stop)"
    exit 0
  fi
  say "no PostgreSQL server found; installing Debian's postgresql package"
  local before started
  before="$(online_clusters)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || { say "apt-get update failed (no network or no package source?)"; exit 2; }
  apt-get install -y -qq --no-install-recommends postgresql >&2 || { say "apt-get install postgresql failed"; exit 2; }
  started="$(online_clusters)"
  while read -r version name; do
    [ -z "$version" ] && continue
    if ! grep -qx "$version $name" <<<"$before"; then
      say "stopping the cluster $version/$name that the package started (we use a throwaway one)"
      pg_ctlcluster "$version" "$name" stop >&2 || say "could not stop cluster $version/$name; it is harmless to the tests"
    fi
  done <<<"$started"
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
  install_postgresql
  bin="$(find_bin || true)"
  if [ -z "$bin" ]; then say "postgresql installed but initdb/pg_ctl/postgres not found in: $(bin_dirs | tr '\n' ' ')"; exit 2; fi
fi

# The server refuses to run as root: as root, the data directory belongs to postgres (Debian's
# package makes that user) or, failing that, nobody, and every server command runs as that user.
owner=""
as_owner=()
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u postgres >/dev/null 2>&1 || owner=nobody
  as_owner=(runuser -u "$owner" --)
fi

if dry; then
  say "dry run: would use $bin/postgres ($("$bin/postgres" --version 2>/dev/null || echo 'version unknown'))${owner:+, as user $owner}, a data directory in ${TMPDIR:-/tmp}, on 127.0.0.1"
  exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tfpbr-pg.XXXXXX")"
# The server's user must reach the folder (a TMPDIR inside /root is not reachable): else /tmp.
if [ -n "$owner" ] && ! "${as_owner[@]}" test -x "$tmp/.." 2>/dev/null; then
  rmdir "$tmp"
  tmp="$(mktemp -d /tmp/tfpbr-pg.XXXXXX)"
fi
chmod 755 "$tmp"
[ -n "$owner" ] && chown "$owner" "$tmp"
port="$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

cleanup() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_owner[@]}" "$bin/initdb" -D "$tmp/data" --locale=C -E UTF8 -A trust -U postgres >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; say "initdb failed"; exit 2; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$tmp/server.log" >&2; say "the server did not start"; exit 2; }

export TFPBR_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit "$status"
