#!/usr/bin/env bash
# Instructions per request for one benchmark body, in-process (see bench/instructions.py):
# callgrind's totals for N requests minus those for none, divided by N. Repeatable within about
# 1 %, where req/s on a shared machine moves by 20 %: what changes were judged by.
#
#   DATABASE_URL=postgresql://... bench/instructions.sh BODY.json [N]
#
# BODY.json: a POST body, e.g. from `bench/make_bodies.py`. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
body="$1"; requests="${2:-20}"
[ -n "${DATABASE_URL:-}" ] || { echo "set DATABASE_URL" >&2; exit 2; }
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python bench/instructions.py "$body" "$1" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
none=$(count 0)
some=$(count "$requests")
echo "$(basename "$body"): $(( (some - none) / requests / 1000 ))k instructions per request"
