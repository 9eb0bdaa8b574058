#!/usr/bin/env bash
# Timer lateness (issue 12, item 8: "10,000 timers due in the same minute fire with p99 lateness <= 1 s"):
# starts the packaged jar on its own database, publishes benchTimer + the flow timer10k (wait until the
# record's fireAt, then a step), creates N records whose fireAt are spread over one minute starting LEAD
# seconds ahead, starts the flow on all of them (startFlows), waits for every wait to end and reports the
# lateness of each wait step's end against its fireAt: p50, p99, max (from tessera_flow_step).
#
#   bench/timers.sh [path/to/quarkus-run.jar]     # default /tmp/tessera-flows/quarkus-app/quarkus-run.jar
# Environment: N (10000), LEAD (75 s), TIMERS_DB (bench_timers), TESSERA_PORT (18092), RUNS (1),
# RUN_DIR (/tmp/tessera-timers-run), OUT (bench/results/timers-<UTC date>). 127.0.0.1 only; stops what it starts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${RUN_DIR:-/tmp/tessera-timers-run}
TESSERA_PORT=${TESSERA_PORT:-18092}
TIMERS_DB=${TIMERS_DB:-bench_timers}
N=${N:-10000}
LEAD=${LEAD:-75}
RUNS=${RUNS:-1}
BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-bench-admin-password}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
JAR=${1:-/tmp/tessera-flows/quarkus-app/quarkus-run.jar}
url="http://127.0.0.1:$TESSERA_PORT/graphql"
pidfile="$RUN_DIR/tessera.pid"
mkdir -p "$RUN_DIR"
[[ -f "$JAR" ]] || { echo "no jar at $JAR" >&2; exit 1; }
up() { curl -sf -o /dev/null "http://127.0.0.1:$TESSERA_PORT/q/health/ready"; }
stop_tessera() {
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then kill "$(cat "$pidfile")"; fi
  rm -f "$pidfile"
}
trap stop_tessera EXIT
psql -Atqc "select 1" "$TIMERS_DB" >/dev/null 2>&1 || createdb "$TIMERS_DB"
TESSERA_DB_URL="postgresql://127.0.0.1:5432/$TIMERS_DB" TESSERA_DB_USER=postgres PORT=$TESSERA_PORT \
  TESSERA_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD TESSERA_STARTER_INSTALL=false QUARKUS_HTTP_HOST=127.0.0.1 \
  nohup java ${JAVA_OPTS:-} -jar "$JAR" > "$RUN_DIR/tessera.log" 2>&1 &
echo $! > "$pidfile"
for _ in $(seq 1 180); do up && break; sleep 0.5; done
up || { echo "tessera did not come up; see $RUN_DIR/tessera.log" >&2; exit 1; }
if [[ ! -s "$RUN_DIR/admin.key" ]] || ! python3 "$here/benchlib.py" keyworks "$url" "$(cat "$RUN_DIR/admin.key")"; then
  python3 "$here/benchlib.py" apikey "$url" admin "$BENCH_ADMIN_PASSWORD" admin > "$RUN_DIR/admin.key"
fi
export TESSERA_AUTHORIZATION="Bearer $(cat "$RUN_DIR/admin.key")"
python3 - "$url" "$here/timers/definitions.json" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[2].rsplit("/", 2)[0])
from flows import gql
out = gql(sys.argv[1], "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
          {"d": json.load(open(sys.argv[2]))})["publishDefinitions"]
if out["problems"]:
    sys.exit("publish refused: %s" % out["problems"])
PY
OUT=${OUT:-$here/results/timers-$(date -u +%Y-%m-%d)}
mkdir -p "$OUT"
for r in $(seq 1 "$RUNS"); do
  line=$(python3 "$here/timers.py" run "$url" "$TIMERS_DB" "$N" "$LEAD")
  echo "$line" | tee -a "$OUT/raw.jsonl"
done
