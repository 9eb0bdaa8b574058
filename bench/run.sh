#!/usr/bin/env bash
# Read-path benchmark: the PostGraphile peer's q1 (list), q2 (filter), q3 (nested) against the peer
# and their Tessera equivalents (bench/queries), in interleaved pairs (peer, Tessera, peer, Tessera,
# ...) at each connection count. Both servers must be up (bench/setup-peer.sh, bench/setup-tessera.sh).
#
# Environment (defaults):
#   PEER_URL=http://127.0.0.1:5678/graphql  TESSERA_URL=http://127.0.0.1:18090/graphql
#   PEER_PID / TESSERA_PID      the server processes (found from the URL's port when unset)
#   PEER_DB=peer_postgraphile   TESSERA_DB=bench_tessera   (PostgreSQL backends whose CPU is counted)
#   PEER_QUERIES=<shared/peers>/postgraphile   where the peer's q1..q3.json are
#   QUERIES="q1 q2 q3"  CONNS="1 16"  PAIRS=5  DUR=10s  WARMUP=10s  OUT=bench/results/<date>
# Output: OUT/raw.tsv (one line per wrk run), OUT/wrk/*.txt, OUT/checks.txt, OUT/table.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PEER_URL=${PEER_URL:-http://127.0.0.1:5678/graphql}
TESSERA_URL=${TESSERA_URL:-http://127.0.0.1:18090/graphql}
PEER_DB=${PEER_DB:-peer_postgraphile}
TESSERA_DB=${TESSERA_DB:-bench_tessera}
if [[ -z "${PEER_QUERIES:-}" ]]; then
  if [[ -d "$here/../../shared/peers/postgraphile" ]]; then PEER_QUERIES=$(cd "$here/../../shared/peers/postgraphile" && pwd)
  else PEER_QUERIES=/work/shared/peers/postgraphile; fi
fi
QUERIES=${QUERIES:-q1 q2 q3}
CONNS=${CONNS:-1 16}
PAIRS=${PAIRS:-5}
DUR=${DUR:-10s}
WARMUP=${WARMUP:-10s}
OUT=${OUT:-$here/results/$(date +%Y%m%d-%H%M%S)}
lib="python3 $here/benchlib.py"
# Tessera requires a credential: the administrator's API key bench/setup-tessera.sh keeps
RUN_DIR=${RUN_DIR:-/tmp/tessera-bench-run}
if [[ -z "${TESSERA_AUTHORIZATION:-}" && -s "$RUN_DIR/admin.key" ]]; then
  TESSERA_AUTHORIZATION="Bearer $(cat "$RUN_DIR/admin.key")"
fi
export TESSERA_AUTHORIZATION=${TESSERA_AUTHORIZATION:-}

port() { local p=${1##*:}; echo "${p%%/*}"; }
PEER_PID=${PEER_PID:-$($lib pid "$(port "$PEER_URL")")}
TESSERA_PID=${TESSERA_PID:-$($lib pid "$(port "$TESSERA_URL")")}

mkdir -p "$OUT/wrk" "$OUT/bodies"
{
  echo "date: $(date -Is)"
  echo "host: $(uname -srm), nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "peer: $PEER_URL pid $PEER_PID ($(tr '\0' ' ' < /proc/$PEER_PID/cmdline | cut -c1-160))"
  echo "tessera: $TESSERA_URL pid $TESSERA_PID ($(tr '\0' ' ' < /proc/$TESSERA_PID/cmdline | cut -c1-160))"
  echo "settings: QUERIES='$QUERIES' CONNS='$CONNS' PAIRS=$PAIRS DUR=$DUR WARMUP=$WARMUP"
  echo "loadavg at start: $(cat /proc/loadavg)"
} | tee "$OUT/env.txt"

# Request bodies: the peer's files as they are; Tessera's q2 names owner #42 by its id.
owner42=$($lib owner "$TESSERA_URL" "User 42")
for q in $QUERIES; do
  cp "$PEER_QUERIES/$q.json" "$OUT/bodies/peer-$q.json"
  sed "s/@OWNER_42@/$owner42/" "$here/queries/$q.json" > "$OUT/bodies/tessera-$q.json"
done

url_of() { if [[ $1 == peer ]]; then echo "$PEER_URL"; else echo "$TESSERA_URL"; fi; }
pid_of() { if [[ $1 == peer ]]; then echo "$PEER_PID"; else echo "$TESSERA_PID"; fi; }
db_of() { if [[ $1 == peer ]]; then echo "$PEER_DB"; else echo "$TESSERA_DB"; fi; }
auth_of() { if [[ $1 == peer ]]; then echo ""; else echo "$TESSERA_AUTHORIZATION"; fi; }
post_body() {
  local args=(-sf -H 'Content-Type: application/json')
  [[ -n "$(auth_of "$1")" ]] && args+=(-H "Authorization: $(auth_of "$1")")
  curl "${args[@]}" --data-binary @"$2" "$(url_of "$1")"
}

# 1. every query answers without errors and with the expected shape, on both sides
for q in $QUERIES; do
  for side in peer tessera; do
    post_body "$side" "$OUT/bodies/$side-$q.json" > "$OUT/bodies/$side-$q.response.json"
    $lib check "$side" "$q" "$OUT/bodies/$side-$q.response.json" | tee -a "$OUT/checks.txt"
  done
done

# 2. warm-up (JIT, caches, pools) of each side on each query
for q in $QUERIES; do
  for side in peer tessera; do
    BENCH_AUTHORIZATION="$(auth_of $side)" wrk -t1 -c16 -d"$WARMUP" -s "$here/post.lua" "$(url_of $side)" -- "$OUT/bodies/$side-$q.json" \
      > "$OUT/wrk/warmup-$side-$q.txt"
    echo "warm-up $side $q: $(grep '^RESULT' "$OUT/wrk/warmup-$side-$q.txt" | cut -d' ' -f2-7)"
  done
done

# 3. interleaved pairs
raw="$OUT/raw.tsv"
printf 'query\tconns\tpair\tside\trps\tp50_ms\tp99_ms\tmax_ms\trequests\tnon200\tgql_errors\tsocket_errors\tserver_cpu_ms\tpg_cpu_ms\tload1\tload5\tstarted\n' > "$raw"
for q in $QUERIES; do
  for c in $CONNS; do
    for pair in $(seq 1 "$PAIRS"); do
      for side in peer tessera; do
        f="$OUT/wrk/$q-c$c-p$pair-$side.txt"
        read -r load1 load5 _ < /proc/loadavg
        started=$(date +%H:%M:%S)
        $lib snap "$(pid_of $side)" "$(db_of $side)" "$OUT/snap-a.json"
        BENCH_AUTHORIZATION="$(auth_of $side)" wrk -t1 -c"$c" -d"$DUR" --latency -s "$here/post.lua" "$(url_of $side)" -- "$OUT/bodies/$side-$q.json" > "$f"
        kill -0 "$(pid_of $side)" 2>/dev/null || { echo "$side server (pid $(pid_of $side)) is gone: results void" >&2; exit 1; }
        $lib snap "$(pid_of $side)" "$(db_of $side)" "$OUT/snap-b.json"
        read -r cpu_proc cpu_pg < <($lib delta "$OUT/snap-a.json" "$OUT/snap-b.json")
        r=$(grep '^RESULT' "$f")
        v() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$r"; }
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q" "$c" "$pair" "$side" \
          "$(v rps)" "$(v p50_ms)" "$(v p99_ms)" "$(v max_ms)" "$(v requests)" "$(v non200)" "$(v gql_errors)" \
          "$(v socket_errors)" "$cpu_proc" "$cpu_pg" "$load1" "$load5" "$started" >> "$raw"
        printf '%s c=%-2s pair %s %-7s %8s req/s  p99 %8s ms  cpu %6s ms + pg %6s ms  errors %s/%s  load %s\n' \
          "$q" "$c" "$pair" "$side" "$(v rps)" "$(v p99_ms)" "$cpu_proc" "$cpu_pg" "$(v non200)" "$(v gql_errors)" "$load1"
      done
    done
  done
done
rm -f "$OUT/snap-a.json" "$OUT/snap-b.json"
echo "loadavg at end: $(cat /proc/loadavg)" | tee -a "$OUT/env.txt"

# 4. table
$lib table "$raw" | tee "$OUT/table.md"
echo "raw results in $OUT"
