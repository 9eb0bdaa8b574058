#!/usr/bin/env bash
# Runs the designer's browser test (npm run e2e) against the packaged app on a fresh database, with
# sign-in required (TESSERA_AUTH_REQUIRED=true) and a first administrator whose password this script
# makes up and hands to the test (TESSERA_ADMIN_PASSWORD).
# Needs backend/target/quarkus-app/quarkus-run.jar (mvn install), PostgreSQL on 127.0.0.1:5432
# (user postgres, trust auth) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

JAR=backend/target/quarkus-app/quarkus-run.jar
DB=${TESSERA_E2E_DB:-tessera_e2e}
WAIT_SECONDS=90

if [ ! -f "$JAR" ]; then
  echo "run-against-app: $JAR is missing; build it first (mvn install)" >&2
  exit 1
fi

free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
PORT=${TESSERA_E2E_PORT:-$(free_port)}
BASE_URL="http://127.0.0.1:$PORT"
LOG=$(mktemp "${TMPDIR:-/tmp}/tessera-e2e-app.XXXXXX.log")
APP_PID=

stop_app() {
  local status=$?
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    echo "run-against-app: failed (exit $status); last lines of the app log ($LOG):" >&2
    tail -n 60 "$LOG" >&2 || true
  else
    rm -f "$LOG"
  fi
  exit "$status"
}
trap stop_app EXIT
trap 'exit 130' INT TERM

echo "run-against-app: recreating database $DB"
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

ADMIN_PASSWORD="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

echo "run-against-app: starting the app on $BASE_URL with sign-in required (log: $LOG)"
TESSERA_DB_URL="postgresql://127.0.0.1:5432/$DB" PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
  TESSERA_AUTH_REQUIRED=true TESSERA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 &
APP_PID=$!

# Anonymous requests get 401 now: the probe signs the administrator in and asks with the token. It
# waits for the administrator to exist first, so no failed sign-in counts towards the account's limit.
access_token() {
  grep -q 'created the administrator' "$LOG" || return 0
  curl -fsS --max-time 5 -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation{signIn(username:\\\"admin\\\",password:\\\"$ADMIN_PASSWORD\\\"){accessToken}}\"}" \
    "$BASE_URL/graphql" 2>/dev/null | sed -n 's/.*"accessToken"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}

metadata_version() {
  [ -n "$TOKEN" ] || TOKEN=$(access_token)
  [ -n "$TOKEN" ] || return 1
  curl -fsS --max-time 5 -H "Authorization: Bearer $TOKEN" "$BASE_URL/graphql?query=%7BmetadataVersion%7D" 2>/dev/null \
    | sed -n 's/.*"metadataVersion"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p'
}
TOKEN=

deadline=$((SECONDS + WAIT_SECONDS))
until version=$(metadata_version) && [ -n "$version" ] && [ "$version" -ge 1 ]; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "run-against-app: the app exited during startup" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "run-against-app: no metadata version >= 1 after ${WAIT_SECONDS}s" >&2
    exit 1
  fi
  sleep 1
done
echo "run-against-app: app is up, metadata version $version"

cd designer-ui
if [ ! -d node_modules ]; then
  npm ci
fi
TESSERA_URL="$BASE_URL" TESSERA_ADMIN_PASSWORD="$ADMIN_PASSWORD" npm run e2e
