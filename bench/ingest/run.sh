#!/usr/bin/env bash
# Lead ingest: Tessera (GraphQL createIngestLead: exact duplicate check on phone/email with a report,
# round-robin assignment over a 100-user team with trace, persist) against the hand-written SQL
# pipeline of ../../shared/peers/sql-pipeline (pipe_exact.sql: exact dedupe lookup, round-robin
# UPDATE, insert, outbox row), at 1 and 4 connections, in the same run. Loopback only; stops by itself.
#
#   bench/ingest/run.sh path/to/quarkus-run.jar
# Needs wrk and pgbench (apt-get install wrk postgresql-contrib).
# Environment: SEED (existing leads in Tessera, 100000), DUR (seconds per measurement, 15), WARM (20),
# CONNS ("1 4"), PORT (18091), DB (bench_ingest), PEER_DB (peer_pipeline), OUT (results dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
JAR=${1:?usage: bench/ingest/run.sh path/to/quarkus-run.jar}
SEED=${SEED:-100000}
DUR=${DUR:-15}
WARM=${WARM:-20}
CONNS=${CONNS:-"1 4"}
PORT=${PORT:-18091}
DB=${DB:-bench_ingest}
PEER_DB=${PEER_DB:-peer_pipeline}
OUT=${OUT:-$here/results/$(date +%Y%m%d-%H%M%S)}
. "$here/../lib.sh"
url="http://127.0.0.1:$PORT/graphql"
mkdir -p "$OUT"

# --- the SQL peer (1M customers, built once) ---
if ! psql -Atqc "select count(*) from dd_customer" "$PEER_DB" >/dev/null 2>&1; then
  createdb "$PEER_DB" 2>/dev/null || true
  (cd "$PEERS/sql-pipeline" && psql -q "$PEER_DB" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" -f dedupe_setup.sql -f pipeline_setup.sql) > "$OUT/peer-setup.log"
fi

# --- Tessera ---
dropdb --if-exists "$DB" && createdb "$DB"
start_tessera "$JAR" "$DB" "$PORT" "$OUT/tessera.log"
python3 "$here/seed.py" "$url" "$here/definitions.json" "$SEED" | tee "$OUT/seed.log"

# steady state: the JVM compiles the hot paths during a warm-up that is not measured
echo "== Tessera warm-up, ${WARM}s"
wrk -t1 -c4 -d"${WARM}s" -s "$here/lead.lua" "$url" -- "$SEED" > "$OUT/warmup.txt"

for c in $CONNS; do
  psql -q "$PEER_DB" -c "VACUUM ANALYZE dd_customer" >/dev/null
  psql -q "$PEER_DB" -c "CHECKPOINT" >/dev/null
  echo "== SQL pipeline, $c connection(s)"
  pgbench -h 127.0.0.1 -U postgres -n -c "$c" -j "$c" -T "$DUR" -f "$PEERS/sql-pipeline/pipe_exact.sql" "$PEER_DB" \
    | tee "$OUT/peer-c$c.txt" | grep -E "^tps|latency average"
  # each side starts without a checkpoint pending from the other's WAL (a checkpoint's writes slow every fsync)
  psql -q "$DB" -c "CHECKPOINT" >/dev/null
  # fresh database connections, as pgbench opens for each run: on this kernel (BBR on loopback) a pooled
  # connection busy for a while can fall into spurious retransmissions that add ~10 ms per round trip
  psql -q "$DB" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()
    AND pid <> pg_backend_pid()" >/dev/null
  sleep 1
  echo "== Tessera, $c connection(s)"
  wrk -t1 -c"$c" -d"${DUR}s" --latency -s "$here/lead.lua" "$url" -- "$SEED" | tee "$OUT/tessera-c$c.txt" | grep RESULT
done
python3 - "$OUT" $CONNS <<'PY'
import re, sys, pathlib
out = pathlib.Path(sys.argv[1]); lines = ["| connections | SQL pipeline leads/s | Tessera leads/s | ratio | Tessera p50 / p99 ms | errors |", "|---|---:|---:|---:|---|---:|"]
for c in sys.argv[2:]:
    peer = float(re.search(r"tps = ([0-9.]+)", (out / f"peer-c{c}.txt").read_text()).group(1))
    t = (out / f"tessera-c{c}.txt").read_text()
    r = dict(kv.split("=") for kv in re.search(r"RESULT (.*)", t).group(1).split())
    rps = float(r["rps"])
    lines.append(f"| {c} | {peer:.0f} | {rps:.0f} | {rps / peer:.2f}x | {r['p50_ms']} / {r['p99_ms']} | {int(r['non200']) + int(r['gql_errors'])} |")
(out / "table.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
