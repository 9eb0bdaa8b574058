#!/usr/bin/env bash
# What a change costs ingest: two builds of Tessera (A = before, B = after) side by side on databases of
# their own, each seeded alike, then measured in interleaved pairs (A, B, A, B, ...) with lead.lua at
# each connection count, so machine noise hits both alike. Reports each pair's B/A and the median.
# Loopback only; stops by itself.
#
#   bench/ingest/ab.sh path/to/A/quarkus-run.jar path/to/B/quarkus-run.jar
# Environment: SEED (20000), DUR (10), WARM (15), PAIRS (3), CONNS ("1 4"), OUT (results dir),
# A_ENV / B_ENV (extra environment for one side, e.g. B_ENV="TESSERA_CHANGES_DISPATCH_ENABLED=false").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
A=${1:?usage: ab.sh A.jar B.jar}
B=${2:?usage: ab.sh A.jar B.jar}
SEED=${SEED:-20000}
DUR=${DUR:-10}
WARM=${WARM:-15}
PAIRS=${PAIRS:-3}
CONNS=${CONNS:-"1 4"}
OUT=${OUT:-$here/results/ab-$(date +%Y%m%d-%H%M%S)}
. "$here/../lib.sh"
mkdir -p "$OUT"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for side in A B; do
  jar=${!side}; port=$([ "$side" = A ] && echo 18093 || echo 18094); db=bench_ab_${side,,}
  dropdb --if-exists "$db" && createdb "$db"
  side_env=$([ "$side" = A ] && echo "${A_ENV:-}" || echo "${B_ENV:-}")
  # shellcheck disable=SC2086
  env $side_env bash -c ". '$here/../lib.sh'; start_tessera '$jar' '$db' '$port' '$OUT/tessera-$side.log'; echo \$tessera_pid > '$OUT/pid-$side'; trap - EXIT"
  tessera_pid=$(cat "$OUT/pid-$side")
  pids+=("$tessera_pid")
  trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT   # start_tessera set a trap for its own process only
  python3 "$here/seed.py" "http://127.0.0.1:$port/graphql" "$here/definitions.json" "$SEED" | tee "$OUT/seed-$side.log"
  wrk -t1 -c4 -d"${WARM}s" -s "$here/lead.lua" "http://127.0.0.1:$port/graphql" -- "$SEED" > "$OUT/warmup-$side.txt"
done

for c in $CONNS; do
  for p in $(seq 1 "$PAIRS"); do
    for side in A B; do
      port=$([ "$side" = A ] && echo 18093 || echo 18094)
      # fresh database connections before each measurement, as run.sh does (see RESULTS.md on loopback BBR)
      psql -q "bench_ab_${side,,}" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
      sleep 1
      wrk -t1 -c"$c" -d"${DUR}s" --latency -s "$here/lead.lua" "http://127.0.0.1:$port/graphql" -- "$SEED" \
        > "$OUT/$side-c$c-p$p.txt"
      echo "$side c=$c pair $p: $(grep RESULT "$OUT/$side-c$c-p$p.txt")"
    done
  done
done
python3 - "$OUT" "$PAIRS" $CONNS <<'PY'
import re, sys, pathlib, statistics
out, pairs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def rps(f):
    r = dict(kv.split("=") for kv in re.search(r"RESULT (.*)", f.read_text()).group(1).split())
    return float(r["rps"]), float(r["p50_ms"]), float(r["p99_ms"]), int(r["non200"]) + int(r["gql_errors"])
lines = ["| connections | A leads/s (pairs) | B leads/s (pairs) | B/A per pair | median B/A | errors |", "|---|---|---|---|---:|---:|"]
for c in sys.argv[3:]:
    a = [rps(out / f"A-c{c}-p{p}.txt") for p in range(1, pairs + 1)]
    b = [rps(out / f"B-c{c}-p{p}.txt") for p in range(1, pairs + 1)]
    ratios = [y[0] / x[0] for x, y in zip(a, b)]
    lines.append(f"| {c} | {', '.join(f'{x[0]:.0f}' for x in a)} | {', '.join(f'{y[0]:.0f}' for y in b)} | "
                 f"{', '.join(f'{r:.2f}' for r in ratios)} | **{statistics.median(ratios):.2f}** | {sum(x[3] + y[3] for x, y in zip(a, b))} |")
(out / "table.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
