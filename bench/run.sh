#!/usr/bin/env bash
# Load benchmark of the three documents (bench/queries/) against this project's server:
# wrk at concurrency 1 and CONC, the server pinned to one core, PostgreSQL and wrk on another.
# Reports req/s, p50, p99 and SQL statements per request (the X-SQL-Statements header).
#
#   bench/run.sh                        # embedded PostgreSQL in .data/bench-postgres, 100k listings
#   DATABASE_URL=postgresql://... bench/run.sh   # an existing database (migrated, with data)
#   DURATION=5 bench/run.sh             # quicker
#
# Needs wrk (apt-get install wrk) and taskset (util-linux); PIN=0 runs unpinned.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
CONC="${CONC:-16}"
PORT="${PORT:-8765}"
LISTINGS="${LISTINGS:-100000}"
PIN="${PIN:-1}"
SERVER_CPUS="${SERVER_CPUS:-1}"
LOAD_CPUS="${LOAD_CPUS:-0}"
BIN=.venv/bin
URL="http://127.0.0.1:$PORT/graphql"
WORK="$(mktemp -d)"
export APP_ENV=development POOL_MIN_SIZE="${POOL_MIN_SIZE:-10}"

die() { echo "bench: $*" >&2; exit 1; }
pin() { local cpus="$1"; shift; if [ "$PIN" = 1 ]; then taskset -c "$cpus" "$@"; else "$@"; fi; }
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
[ -x "$BIN/graphql-api" ] || make .venv/.installed >/dev/null

if [ -z "${DATABASE_URL:-}" ]; then
  export EMBEDDED_PG_DIR="$PWD/.data/bench-postgres"
  marker="$EMBEDDED_PG_DIR/.demo-data-$LISTINGS"
  "$BIN/graphql-api" migrate up >/dev/null
  "$BIN/graphql-api" seed up >/dev/null
  if [ ! -f "$marker" ]; then
    "$BIN/graphql-api" demo-data --listings "$LISTINGS"
    touch "$marker"
  fi
fi

pin "$SERVER_CPUS" "$BIN/graphql-api" serve --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server.log"; die "server not ready"; }

listing_id=$(curl -s -H 'content-type: application/json' \
  -d '{"query":"{ listings(first: 1) { nodes { id } } }"}' "$URL" \
  | "$BIN/python" -c 'import json,sys; print(json.load(sys.stdin)["data"]["listings"]["nodes"][0]["id"])')
"$BIN/python" bench/make_bodies.py "$WORK" "$listing_id"

printf '| query | conc | req/s | p50 ms | p99 ms | SQL statements/request | errors |\n|---|---:|---:|---:|---:|---:|---:|\n'
for query in q1_browse q2_detail q3_categories; do
  body="$WORK/$query.json"
  statements=$(curl -s -D - -o /dev/null -H 'content-type: application/json' --data @"$body" "$URL" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-sql-statements"{print $2}')
  BODY_FILE="$body" pin "$LOAD_CPUS" wrk -t1 -c"$CONC" -d"${WARMUP}s" -s bench/wrk_post.lua "$URL" >/dev/null
  for conc in 1 "$CONC"; do
    line=$(BODY_FILE="$body" pin "$LOAD_CPUS" wrk -t1 -c"$conc" -d"${DURATION}s" -s bench/wrk_post.lua "$URL" | grep '^RESULT')
    eval "${line#RESULT }"
    awk -v q="$query" -v c="$conc" -v n="$requests" -v d="$duration_us" -v p50="$p50_us" \
        -v p99="$p99_us" -v s="$statements" -v e="$errors" \
        'BEGIN { printf "| %s | %d | %.0f | %.2f | %.2f | %s | %d |\n", q, c, n / (d / 1e6), p50 / 1000, p99 / 1000, s, e }'
  done
done
