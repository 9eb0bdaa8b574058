#!/usr/bin/env bash
# CPU profile of the running Tessera jar under each benchmark query: starts a JFR recording in the
# live JVM (jcmd, settings=profile), drives the query with wrk, then aggregates the samples with
# bench/jfr_top.py. Also prints GC time and allocation pressure for the same window.
#
#   bench/profile-tessera.sh            # env: TESSERA_URL, TESSERA_PID, QUERIES, CONNS (16), DUR (20s), OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
TESSERA_URL=${TESSERA_URL:-http://127.0.0.1:18090/graphql}
port=${TESSERA_URL##*:}; port=${port%%/*}
TESSERA_PID=${TESSERA_PID:-$(python3 "$here/benchlib.py" pid "$port")}
QUERIES=${QUERIES:-q1 q2 q3}
CONNS=${CONNS:-16}
DUR=${DUR:-20s}
OUT=${OUT:-$here/results/profile-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
owner42=$(python3 "$here/benchlib.py" owner "$TESSERA_URL" "User 42")

for q in $QUERIES; do
  body="$OUT/tessera-$q.json"
  sed "s/@OWNER_42@/$owner42/" "$here/queries/$q.json" > "$body"
  wrk -t1 -c"$CONNS" -d5s -s "$here/post.lua" "$TESSERA_URL" -- "$body" > /dev/null   # warm
  jfr="$OUT/$q.jfr"
  jcmd "$TESSERA_PID" JFR.start name="bench-$q" settings=profile filename="$jfr" > /dev/null
  echo "loadavg: $(cat /proc/loadavg)" > "$OUT/profile-$q.txt"
  wrk -t1 -c"$CONNS" -d"$DUR" --latency -s "$here/post.lua" "$TESSERA_URL" -- "$body" | grep '^RESULT' >> "$OUT/profile-$q.txt"
  jcmd "$TESSERA_PID" JFR.stop name="bench-$q" > /dev/null
  python3 "$here/jfr_top.py" "$jfr" 30 >> "$OUT/profile-$q.txt"
  {
    echo
    echo "## GC and allocation in the window"
    jfr summary "$jfr" | grep -E " jdk\.(GarbageCollection|ObjectAllocationSample|ExecutionSample) "
    jfr print --events jdk.GarbageCollection "$jfr" | awk '/sumOfPauses/ {gsub(/ ms/,"",$3); s+=$3; n++} END {printf "GC: %d collections, sum of pauses %.1f ms\n", n, s}'
    jfr print --events jdk.ObjectAllocationSample "$jfr" | awk '/weight = / {v=$3; u=$4; if (u=="kB") v*=1e3; else if (u=="MB") v*=1e6; else if (u=="GB") next; s+=v} END {printf "allocation (sum of sample weights, GB-sized first-sample outliers left out): %.0f MB\n", s/1e6}'
  } >> "$OUT/profile-$q.txt"
  echo "== $q"; sed -n 1,30p "$OUT/profile-$q.txt"
done
echo "profiles in $OUT"
