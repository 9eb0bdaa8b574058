#!/usr/bin/env bash
# Flow throughput (issue 12 item 8): the Flowable peer's 5-step lead5 flow as the Tessera flow `lead5`
# (bench/flows/definitions.json) against Flowable 7.1 embedded (history=audit) on the same PostgreSQL,
# at 1, 2 and 4 threads in interleaved pairs (Tessera run, Flowable run, ...). Tessera's threads are its
# flow workers (TESSERA_FLOWS_WORKERS, the jar is restarted per thread count); Flowable's are the peer's
# caller threads (each startProcessInstanceByKey runs the whole instance in its transaction).
#
#   bench/flows.sh [path/to/quarkus-run.jar]   # default /tmp/tessera-flows/quarkus-app/quarkus-run.jar
#   bench/flows.sh stop                        # stops the jar this script started
#   bench/flows.sh profile [path/to/jar]       # where one Tessera run's time goes (after a measuring run):
#       PROFILE_WORKERS (1) flow workers; a JFR recording (settings=profile) of a run of N instances summarised
#       by jfr_top.py, then every statement of a run of PROFILE_LOGGED (50) instances with its duration, from
#       the server log (log_min_duration_statement = 0 set on FLOWS_DB for that run only; PG_LOG, default
#       /var/log/postgresql/postgresql-15-main.log), summarised per instance; output in OUT/profile-<workers>/
#
# Environment: THREADS ("1 2 4"), PAIRS (3), N (5000 instances a measured run), WARMUP (1000 instances on
# Tessera after each start, not counted; Flowable warms up 1,000 in its own process), CALLERS (2 concurrent
# startFlows callers, 1,000 ids a call), TESSERA_PORT (18091), FLOWS_DB (bench_flows), FLOWABLE_DB
# (peer_flowable), FLOWABLE_JAR (/tmp/flowbench-peer/target/flowbench.jar, built from
# /work/shared/peers/flowable with `mvn -q package` when missing), TESSERA_DB_POOL_SIZE (16),
# RUN_DIR (/tmp/tessera-flows-run: pid, log, admin.key), OUT (bench/results/flows-<UTC date>),
# STATS_SETTLE (11 s wait before reading pg_stat counters), JAVA_OPTS (extra JVM flags for Tessera).
# Idempotent: the databases and leads are reused; every run adds instances to both sides' history.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
RUN_DIR=${RUN_DIR:-/tmp/tessera-flows-run}
TESSERA_PORT=${TESSERA_PORT:-18091}
FLOWS_DB=${FLOWS_DB:-bench_flows}
FLOWABLE_DB=${FLOWABLE_DB:-peer_flowable}
FLOWABLE_JAR=${FLOWABLE_JAR:-/tmp/flowbench-peer/target/flowbench.jar}
THREADS=${THREADS:-1 2 4}
PAIRS=${PAIRS:-3}
N=${N:-5000}
WARMUP=${WARMUP:-1000}
CALLERS=${CALLERS:-2}
BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-bench-admin-password}
pidfile="$RUN_DIR/tessera.pid"
url="http://127.0.0.1:$TESSERA_PORT/graphql"
mkdir -p "$RUN_DIR"

stop_tessera() {
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "stopped Tessera (pid $pid)"
  fi
  rm -f "$pidfile"
}
if [[ "${1:-}" == "stop" ]]; then stop_tessera; exit 0; fi
mode=measure
if [[ "${1:-}" == "profile" ]]; then mode=profile; shift; fi
JAR=${1:-/tmp/tessera-flows/quarkus-app/quarkus-run.jar}
[[ -f "$JAR" ]] || { echo "no jar at $JAR (build: mvn -B -q install -DskipTests -Dquarkus.quinoa=false)" >&2; exit 1; }
trap stop_tessera EXIT

up() { curl -sf -o /dev/null "http://127.0.0.1:$TESSERA_PORT/q/health/ready"; }

start_tessera() { # workers
  stop_tessera
  if up; then echo "port $TESSERA_PORT is taken by a server this script did not start" >&2; exit 1; fi
  # shellcheck disable=SC2086
  TESSERA_DB_URL="postgresql://127.0.0.1:5432/$FLOWS_DB" TESSERA_DB_USER=postgres \
    TESSERA_DB_POOL_SIZE=${TESSERA_DB_POOL_SIZE:-16} PORT=$TESSERA_PORT TESSERA_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD \
    TESSERA_STARTER_INSTALL=false TESSERA_FLOWS_WORKERS=$1 QUARKUS_HTTP_HOST=127.0.0.1 \
    nohup java ${JAVA_OPTS:-} -jar "$JAR" > "$RUN_DIR/tessera-$1.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 180); do up && break; sleep 0.5; done
  up || { echo "tessera did not come up; see $RUN_DIR/tessera-$1.log" >&2; exit 1; }
  if [[ ! -s "$RUN_DIR/admin.key" ]] || ! python3 "$here/benchlib.py" keyworks "$url" "$(cat "$RUN_DIR/admin.key")"; then
    python3 "$here/benchlib.py" apikey "$url" admin "$BENCH_ADMIN_PASSWORD" admin > "$RUN_DIR/admin.key"
  fi
  export TESSERA_AUTHORIZATION="Bearer $(cat "$RUN_DIR/admin.key")"
  echo "tessera: up with $1 flow workers (pid $(cat "$pidfile"), load $(cut -d' ' -f1-3 /proc/loadavg))"
}

# 1. databases
psql -Atqc "select 1" "$FLOWS_DB" >/dev/null 2>&1 || createdb "$FLOWS_DB"
psql -Atqc "select 1" "$FLOWABLE_DB" >/dev/null 2>&1 || createdb "$FLOWABLE_DB"

# 2. the peer: build once, then one run to create its schema and deploy lead5 (not measured)
if [[ ! -f "$FLOWABLE_JAR" ]]; then
  src=$(dirname "$(dirname "$FLOWABLE_JAR")")
  [[ -d "$src" ]] || cp -r "${PEERS:-/work/shared/peers}/flowable" "$src"
  (cd "$src" && mvn -q package)
fi
if [[ "$(psql -Atqc "select count(*) from pg_tables where tablename = 'act_ge_property'" "$FLOWABLE_DB")" != 1 ]]; then
  PEER_FLOWABLE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$FLOWABLE_DB" java -jar "$FLOWABLE_JAR" audit 1 100
fi

# 3. Tessera: definitions and N + WARMUP leads
start_tessera 4
python3 "$here/flows.py" publish "$url" "$here/flows/definitions.json"
python3 "$here/flows.py" leads "$url" "$FLOWS_DB" $((N + WARMUP))
psql -q "$FLOWS_DB" -c 'VACUUM ANALYZE "rec_benchLead"'

OUT=${OUT:-$here/results/flows-$(date -u +%Y-%m-%d)}
mkdir -p "$OUT"

# profile mode: JFR of one run, then the statements of a small run
if [[ $mode == profile ]]; then
  w=${PROFILE_WORKERS:-1}
  prof="$OUT/profile-$w"; mkdir -p "$prof"
  start_tessera "$w"
  pid=$(cat "$pidfile")
  python3 "$here/flows.py" tessera "$url" "$FLOWS_DB" "$WARMUP" --offset "$N" --callers "$CALLERS" --label warmup > /dev/null
  jcmd "$pid" JFR.start name=flows settings=profile filename="$prof/run.jfr" > /dev/null
  python3 "$here/flows.py" tessera "$url" "$FLOWS_DB" "$N" --callers "$CALLERS" --label "profile$w" \
    --wal-relations "$prof/wal-by-relation.md" | tee "$prof/run.json"
  jcmd "$pid" JFR.stop name=flows > /dev/null
  python3 "$here/jfr_top.py" "$prof/run.jfr" 40 > "$prof/jfr-top.txt"
  {
    echo "## GC in the window"
    jfr print --events jdk.GarbageCollection "$prof/run.jfr" | awk '/sumOfPauses/ {gsub(/ ms/,"",$3); s+=$3; n++} END {printf "GC: %d collections, sum of pauses %.1f ms\n", n, s}'
  } >> "$prof/jfr-top.txt"
  PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
  psql -q "$FLOWS_DB" -c "ALTER DATABASE $FLOWS_DB SET log_min_duration_statement = 0"
  trap 'psql -q "$FLOWS_DB" -c "ALTER DATABASE $FLOWS_DB RESET log_min_duration_statement"; stop_tessera' EXIT
  start_tessera "$w"   # new connections pick the setting up
  python3 "$here/flows.py" tessera "$url" "$FLOWS_DB" 50 --offset "$N" --callers 1 --label warmup > /dev/null
  from=$(stat -c %s "$PG_LOG")
  STATS_SETTLE=0 python3 "$here/flows.py" tessera "$url" "$FLOWS_DB" "${PROFILE_LOGGED:-50}" --offset "$N" --callers 1 \
    --label logged > "$prof/logged.json"
  psql -q "$FLOWS_DB" -c "ALTER DATABASE $FLOWS_DB RESET log_min_duration_statement"
  tail -c +"$((from + 1))" "$PG_LOG" > "$prof/statements.log"
  python3 "$here/flows.py" statements "$prof/statements.log" "${PROFILE_LOGGED:-50}" | tee "$prof/statements.md"
  echo "profile in $prof"; head -60 "$prof/jfr-top.txt"
  exit 0
fi

# 4. interleaved pairs per thread count
raw="$OUT/raw.tsv"
{
  echo "# flows.sh $(date -u +%FT%TZ) N=$N WARMUP=$WARMUP CALLERS=$CALLERS PAIRS=$PAIRS THREADS=$THREADS nproc=$(nproc)"
  echo "# jar $JAR; flowable $FLOWABLE_JAR; $(psql -Atqc 'select version()' "$FLOWS_DB")"
} > "$raw"
for t in $THREADS; do
  start_tessera "$t"
  echo "tessera warm-up ($WARMUP instances)"
  python3 "$here/flows.py" tessera "$url" "$FLOWS_DB" "$WARMUP" --offset "$N" --callers "$CALLERS" --label "warmup$t" \
    > "$RUN_DIR/warmup-$t.json"
  for p in $(seq 1 "$PAIRS"); do
    line=$(python3 "$here/flows.py" tessera "$url" "$FLOWS_DB" "$N" --callers "$CALLERS" --label "$t")
    printf '%s\t%s\t%s\n' "$t" "$p" "$line" | tee -a "$raw"
    line=$(python3 "$here/flows.py" flowable "$FLOWABLE_DB" "$FLOWABLE_JAR" "$t" "$N" --label "$t")
    printf '%s\t%s\t%s\n' "$t" "$p" "$line" | tee -a "$raw"
  done
done
stop_tessera

python3 "$here/flows.py" table "$raw" | tee "$OUT/table.md"
echo "raw rows: $raw"
