#!/usr/bin/env bash
# ci.sh checks examples/backend against SQLite and PostgreSQL.
#
# It installs PostgreSQL from Debian if it is absent, starts a throw-away
# cluster on loopback in a temporary folder, creates a database, exports
# BILLCYCLE_PG_URL (and BILLCYCLE_PG_REQUIRED=1, so that the PostgreSQL
# tests fail instead of skipping), runs gofmt, go vet and go test -race, runs
# the demo once, and stops the cluster it started, whatever happens. It runs
# as root on a fresh Debian machine and can be run again on the same one.
#
# This module is not part of the root module's ./..., so the script also runs
# what the root CI runs per package: staticcheck (installed at the pinned
# version if absent) and a short run of every fuzz target.
#
# Environment: BACKEND_TEST_TIMEOUT (default 15m), FUZZTIME (default 10s),
# BILLCYCLE_HEAVY_SUBS and BILLCYCLE_HEAVY_DAYS (the multi-worker test's
# size, see workers_test.go).
set -euo pipefail
cd "$(dirname "$0")"

log() { echo "ci.sh: $*" >&2; }

find_pg_bin() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
			echo "$d"
		fi
	done | sort -V | tail -n 1
}

PG_BIN="$(find_pg_bin)"
if [[ -z "$PG_BIN" ]]; then
	log "PostgreSQL not found: installing it from Debian"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y postgresql
	PG_BIN="$(find_pg_bin)"
fi
[[ -n "$PG_BIN" ]] || { log "no initdb after installing postgresql"; exit 1; }

# as_pg runs a command as the postgres user when root (PostgreSQL refuses
# to run as root), as the current user otherwise.
as_pg() {
	if [[ "$(id -u)" == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

PG_DIR="$(mktemp -d /tmp/billcycle-pg.XXXXXX)"
if [[ "$(id -u)" == 0 ]]; then
	chown postgres: "$PG_DIR"
fi

# A free loopback port, from 54329 up.
PG_PORT=54329
while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do
	PG_PORT=$((PG_PORT + 1))
done

stop_pg() {
	if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
		as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$PG_DIR"
}
trap stop_pg EXIT

log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT in $PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
	-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE billcycle"

export BILLCYCLE_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/billcycle?sslmode=disable"
export BILLCYCLE_PG_REQUIRED=1

log "gofmt"
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
	log "not gofmt-ed: $unformatted"
	exit 1
fi
log "go vet"
go vet ./...
log "staticcheck"
export PATH="$(go env GOPATH)/bin:$PATH"
if ! command -v staticcheck >/dev/null; then
	go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
staticcheck ./...
log "go test -race (SQLite and PostgreSQL)"
go test -race -p 2 -count=1 -timeout "${BACKEND_TEST_TIMEOUT:-15m}" ./...
# fuzz_one runs one target for FUZZTIME. Go 1.26's fuzz coordinator may
# report "context deadline exceeded" when the time runs out mid-input
# (golang/go#75804) without finding anything: only that report, with no
# "Failing input written", is tried again, at most twice.
fuzz_one() {
	local pkg=$1 target=$2 out try
	out="$(mktemp)"
	for try in 1 2 3; do
		if go test -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME:-10s}" "$pkg" >"$out" 2>&1; then
			rm -f "$out"
			return 0
		fi
		if grep -q 'context deadline exceeded' "$out" && ! grep -q 'Failing input written' "$out"; then
			log "fuzz deadline race on $target (try $try), nothing found: again"
			continue
		fi
		break
	done
	cat "$out"
	rm -f "$out"
	return 1
}
for pkg in $(go list ./...); do
	dir="$(go list -f '{{.Dir}}' "$pkg")"
	for target in $(grep -hoE '^func Fuzz[A-Za-z0-9_]+' "$dir"/*_test.go 2>/dev/null | awk '{print $2}' | sort -u); do
		log "fuzz $target (${FUZZTIME:-10s})"
		fuzz_one "$pkg" "$target"
	done
done
log "demo"
go run .
log "done"
