#!/usr/bin/env bash
# The hardening issue's attacks against the packaged app on loopback, each while a normal query stream
# runs (4 threads): prints the stream's p50/p99/max per attack next to a baseline, and how each attack
# was answered. Stops by itself (DUR seconds per attack).
#
#   bench/attacks/run.sh path/to/quarkus-run.jar
# Environment: DUR (8), PORT (18092), DB (bench_attacks), OUT (results dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
JAR=${1:?usage: bench/attacks/run.sh path/to/quarkus-run.jar}
DUR=${DUR:-8}
PORT=${PORT:-18092}
DB=${DB:-bench_attacks}
OUT=${OUT:-$here/results/$(date +%Y%m%d-%H%M%S)}
. "$here/../lib.sh"
mkdir -p "$OUT"
dropdb --if-exists "$DB" && createdb "$DB"
start_tessera "$JAR" "$DB" "$PORT" "$OUT/tessera.log"
python3 "$here/attacks.py" "http://127.0.0.1:$PORT/graphql" "$DUR" | tee "$OUT/table.md"
echo "server still answering: $(curl -s -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$PORT/graphql")"
