#!/usr/bin/env bash
# Creates the database bench_tessera, starts the Tessera jar on 127.0.0.1, publishes
# bench/definitions.json (benchOwner, benchCustomer) and loads the peer's 100 owners + 100k customers
# through the GraphQL bulk create (createBenchCustomers). Idempotent: a loaded database is reused.
#
#   bench/setup-tessera.sh [path/to/quarkus-run.jar]   # default /tmp/tessera-bench/backend/target/quarkus-app/quarkus-run.jar
#   bench/setup-tessera.sh stop                        # stops the jar this script started
#
# Environment: TESSERA_PORT (18090), TESSERA_BENCH_DB (bench_tessera), TESSERA_DB_POOL_SIZE (16),
# JAVA_OPTS (extra JVM flags, e.g. for JFR), RUN_DIR (pid + log, /tmp/tessera-bench-run),
# CSV (rows from the peer's gen.py; default /tmp/peer-pg/cust.csv, generated when missing),
# LOAD_BATCH (500), LOAD_PARALLEL (4), PGHOST/PGPORT/PGUSER, BENCH_ADMIN_PASSWORD (the administrator's
# password the jar is started with). Sign-in is required: the script keeps an API key with the role admin
# in RUN_DIR/admin.key, which the other bench scripts send (TESSERA_AUTHORIZATION overrides it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${RUN_DIR:-/tmp/tessera-bench-run}
TESSERA_PORT=${TESSERA_PORT:-18090}
TESSERA_BENCH_DB=${TESSERA_BENCH_DB:-bench_tessera}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
if [[ -z "${PEERS:-}" ]]; then
  if [[ -d "$here/../../shared/peers" ]]; then PEERS=$(cd "$here/../../shared/peers" && pwd); else PEERS=/work/shared/peers; fi
fi
CSV=${CSV:-/tmp/peer-pg/cust.csv}
pidfile="$RUN_DIR/tessera.pid"
url="http://127.0.0.1:$TESSERA_PORT/graphql"
mkdir -p "$RUN_DIR"

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" && echo "stopped Tessera (pid $(cat "$pidfile"))"
  fi
  rm -f "$pidfile"
  exit 0
fi
JAR=${1:-/tmp/tessera-bench/backend/target/quarkus-app/quarkus-run.jar}

up() { curl -sf -o /dev/null "http://127.0.0.1:$TESSERA_PORT/q/health/ready"; }
BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-bench-admin-password}

# 1. database
psql -Atqc "select 1" "$TESSERA_BENCH_DB" >/dev/null 2>&1 || createdb "$TESSERA_BENCH_DB"

# 2. server
if up; then
  echo "tessera: already up at $url"
else
  [[ -f "$JAR" ]] || { echo "no jar at $JAR (build: mvn -B -q install -DskipTests -Dquarkus.quinoa=false)" >&2; exit 1; }
  # shellcheck disable=SC2086
  TESSERA_DB_URL="postgresql://$PGHOST:$PGPORT/$TESSERA_BENCH_DB" TESSERA_DB_USER=$PGUSER \
    TESSERA_DB_POOL_SIZE=${TESSERA_DB_POOL_SIZE:-16} PORT=$TESSERA_PORT TESSERA_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD \
    nohup java ${JAVA_OPTS:-} -jar "$JAR" > "$RUN_DIR/tessera.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do up && break; sleep 0.5; done
  up || { echo "tessera did not come up; see $RUN_DIR/tessera.log" >&2; exit 1; }
  echo "tessera: up at $url (pid $(cat "$pidfile"))"
fi

# 3. an administrator's API key for the bench scripts (kept while it still works), and the definitions
# (publishing the same set again changes nothing)
if [[ ! -s "$RUN_DIR/admin.key" ]] || ! python3 "$here/benchlib.py" keyworks "$url" "$(cat "$RUN_DIR/admin.key")"; then
  python3 "$here/benchlib.py" apikey "$url" admin "$BENCH_ADMIN_PASSWORD" admin > "$RUN_DIR/admin.key"
fi
export TESSERA_AUTHORIZATION="Bearer $(cat "$RUN_DIR/admin.key")"
python3 - "$url" "$here/definitions.json" <<'EOF'
import json, os, sys, urllib.request
url, path = sys.argv[1], sys.argv[2]
q = "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied version problems { code path message } } }"
req = urllib.request.Request(url, json.dumps({"query": q, "variables": {"d": json.load(open(path))}}).encode(),
                             {"Content-Type": "application/json", "Authorization": os.environ["TESSERA_AUTHORIZATION"]})
out = json.load(urllib.request.urlopen(req))
if out.get("errors") or out["data"]["publishDefinitions"]["problems"]:
    sys.exit("publish failed: " + json.dumps(out, ensure_ascii=False))
print("tessera: definitions published, metadata version", out["data"]["publishDefinitions"]["version"])
EOF

# 4. rows: the same CSV the peer loaded (peer's gen.py is deterministic, seed 42)
if [[ ! -s "$CSV" ]]; then
  mkdir -p "$(dirname "$CSV")"
  python3 "$PEERS/postgraphile/gen.py" "${ROWS:-100000}" csv > "$CSV"
fi
python3 "$here/load_tessera.py" "$url" "$CSV" --batch "${LOAD_BATCH:-500}" --parallel "${LOAD_PARALLEL:-4}" \
  | tee "$RUN_DIR/load.json"
psql -q "$TESSERA_BENCH_DB" -c 'VACUUM ANALYZE "rec_benchCustomer"' -c 'VACUUM ANALYZE "rec_benchOwner"'
echo "tessera: $(psql -Atqc 'select count(*) from "rec_benchCustomer" where deleted_at is null' "$TESSERA_BENCH_DB") customers," \
  "$(psql -Atqc 'select count(*) from "rec_benchOwner" where deleted_at is null' "$TESSERA_BENCH_DB") owners"
