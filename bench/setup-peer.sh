#!/usr/bin/env bash
# Sets up the PostGraphile peer (shared/peers/postgraphile) in a scratch directory, loads the 100k
# customers + 100 users into the database peer_postgraphile and starts PostGraphile on 127.0.0.1.
#
#   bench/setup-peer.sh            # install (once), load (once), start; prints the server pid
#   bench/setup-peer.sh stop       # stops the server this script started
#
# Environment: PEER_DIR (scratch dir, default /tmp/peer-pg), PEERS (default /work/shared/peers, or
# ../shared/peers next to the repo), PEER_DB (peer_postgraphile), PEER_PORT (5678), ROWS (100000),
# PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PEER_DIR=${PEER_DIR:-/tmp/peer-pg}
if [[ -z "${PEERS:-}" ]]; then
  if [[ -d "$here/../../shared/peers" ]]; then PEERS=$(cd "$here/../../shared/peers" && pwd); else PEERS=/work/shared/peers; fi
fi
PEER_DB=${PEER_DB:-peer_postgraphile}
PEER_PORT=${PEER_PORT:-5678}
ROWS=${ROWS:-100000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
pidfile="$PEER_DIR/server.pid"

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" && echo "stopped PostGraphile (pid $(cat "$pidfile"))"
  fi
  rm -f "$pidfile"
  exit 0
fi

# 1. scratch copy + npm install (Node 22 comes from the npm package "node", pinned in package.json)
mkdir -p "$PEER_DIR"
cp -r "$PEERS/postgraphile/." "$PEER_DIR/"
chmod -R u+w "$PEER_DIR"
cp "$here/peer.config.mjs" "$PEER_DIR/bench.config.mjs"   # shared config + the jsonb filter smart tag
if [[ ! -x "$PEER_DIR/node_modules/.bin/node" || ! -d "$PEER_DIR/node_modules/postgraphile" ]]; then
  (cd "$PEER_DIR" && npm install --no-audit --no-fund)
fi
echo "node: $("$PEER_DIR/node_modules/.bin/node" -v)"

# 2. database + rows (skipped when already loaded)
if ! psql -Atqc "select 1" "$PEER_DB" >/dev/null 2>&1; then
  createdb "$PEER_DB"
fi
have=$(psql -Atqc "select count(*) from customer" "$PEER_DB" 2>/dev/null || echo 0)
if [[ "$have" != "$ROWS" ]]; then
  psql -q -v ON_ERROR_STOP=1 "$PEER_DB" -c "DROP TABLE IF EXISTS customer, app_user CASCADE" -f "$PEER_DIR/schema.sql"
  [[ -s "$PEER_DIR/cust.csv" ]] || python3 "$PEER_DIR/gen.py" "$ROWS" csv > "$PEER_DIR/cust.csv"
  start=$(date +%s.%N)
  psql -q -v ON_ERROR_STOP=1 "$PEER_DB" -c "\copy customer(owner_id,data) from '$PEER_DIR/cust.csv' csv"
  psql -q "$PEER_DB" -c "VACUUM ANALYZE customer" -c "VACUUM ANALYZE app_user"
  echo "peer: loaded $ROWS rows by COPY in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
fi
echo "peer: $(psql -Atqc "select count(*) from customer" "$PEER_DB") customers, $(psql -Atqc "select count(*) from app_user" "$PEER_DB") users"

# 3. start PostGraphile (production mode) unless it already answers
url="http://127.0.0.1:$PEER_PORT/graphql"
if curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$url"; then
  echo "peer: already up at $url"
  exit 0
fi
cd "$PEER_DIR"
PEER_DB_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$PEER_DB" PEER_PORT=$PEER_PORT GRAPHILE_ENV=production NODE_ENV=production \
  nohup node_modules/.bin/node node_modules/postgraphile/dist/cli-run.js -C bench.config.mjs \
  > "$PEER_DIR/server.log" 2>&1 &
echo $! > "$pidfile"
for _ in $(seq 1 120); do
  if curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$url"; then
    echo "peer: PostGraphile up at $url (pid $(cat "$pidfile"))"
    exit 0
  fi
  sleep 0.5
done
echo "peer: PostGraphile did not come up; see $PEER_DIR/server.log" >&2
exit 1
