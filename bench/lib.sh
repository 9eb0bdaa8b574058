# Sourced by the bench scripts: PostgreSQL on loopback as postgres, the SQL peers' folder, and Tessera
# started on a database of its own.
export PGHOST=127.0.0.1 PGUSER=postgres
PEERS=${PEERS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../shared/peers" 2>/dev/null && pwd || echo /work/shared/peers)}

# start_tessera JAR DB PORT LOG: runs Tessera on database DB and port PORT (stopped when the script
# exits, tessera_pid holds its process id) and waits until its GraphQL endpoint answers.
start_tessera() {
  TESSERA_DB_URL="postgresql://127.0.0.1:5432/$2" TESSERA_DB_USER=postgres PORT=$3 \
    TESSERA_STARTER_INSTALL=false QUARKUS_LOG_LEVEL=WARN nohup java -jar "$1" > "$4" 2>&1 &
  tessera_pid=$!
  trap 'kill $tessera_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$3/graphql" && return 0
    sleep 0.5
  done
  echo "Tessera did not answer on port $3, see $4" >&2
  return 1
}
