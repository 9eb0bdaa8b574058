#!/usr/bin/env bash
# Cost of permissions on the read path (issue 11, item 7): q1/q2/q3 as an administrator and as a role with
# a record scope and two hidden fields, on the same Tessera (bench/setup-tessera.sh first), in interleaved
# pairs. The role "benchSales" reads benchCustomer with the scope {"expression": "score >= 0"} (evaluated
# in the query; every row passes, so both callers get the same rows) and email and phone hidden; both
# callers send the same queries without those two fields. Each side authenticates with an API key.
#
# Environment (defaults): TESSERA_URL=http://127.0.0.1:18090/graphql  RUN_DIR=/tmp/tessera-bench-run
#   QUERIES="q1 q2 q3"  CONNS="1 16"  PAIRS=5  DUR=10s  WARMUP=10s  OUT=bench/results/roles-<date>
# Output: OUT/raw.tsv, OUT/wrk/*.txt, OUT/table.md (req/s and p50/p99 per side, role/admin ratios, and the
# CPU each request cost: the Tessera JVM's and that of the PostgreSQL backends serving the bench database,
# read from /proc around each run; CPU per request is the cost measure that holds on a busy machine).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
TESSERA_URL=${TESSERA_URL:-http://127.0.0.1:18090/graphql}
RUN_DIR=${RUN_DIR:-/tmp/tessera-bench-run}
QUERIES=${QUERIES:-q1 q2 q3}
CONNS=${CONNS:-1 16}
PAIRS=${PAIRS:-5}
DUR=${DUR:-10s}
WARMUP=${WARMUP:-10s}
OUT=${OUT:-$here/results/roles-$(date +%Y%m%d-%H%M%S)}
lib="python3 $here/benchlib.py"
[[ -s "$RUN_DIR/admin.key" ]] || { echo "no $RUN_DIR/admin.key: run bench/setup-tessera.sh first" >&2; exit 1; }
export TESSERA_AUTHORIZATION="Bearer $(cat "$RUN_DIR/admin.key")"
mkdir -p "$OUT/wrk" "$OUT/bodies"

# 1. the role (publishing it again changes nothing) and an API key bound to it
python3 - "$TESSERA_URL" "$here" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[2])
import benchlib
role = {"kind": "role", "name": "benchSales", "label": {"zh-CN": "基准销售", "en": "Bench sales"},
        "entities": {"benchCustomer": {"create": False, "read": True, "update": False, "delete": False,
                                       "scope": {"expression": "score >= 0"},
                                       "fields": {"email": "none", "phone": "none"}},
                     "benchOwner": {"create": False, "read": True, "update": False, "delete": False, "scope": "all"}}}
out = benchlib.post(sys.argv[1], "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
                    {"d": [role]})
if out.get("errors") or out["data"]["publishDefinitions"]["problems"]:
    sys.exit("role not published: " + json.dumps(out, ensure_ascii=False))
PY
if [[ ! -s "$RUN_DIR/role.key" ]] || ! $lib keyworks "$TESSERA_URL" "$(cat "$RUN_DIR/role.key")"; then
  # the bench's admin key cannot sign in: create the role's key with the administrator's password
  $lib apikey "$TESSERA_URL" admin "${BENCH_ADMIN_PASSWORD:-bench-admin-password}" benchSales > "$RUN_DIR/role.key"
fi
ADMIN_AUTH="Bearer $(cat "$RUN_DIR/admin.key")"
ROLE_AUTH="Bearer $(cat "$RUN_DIR/role.key")"

# 2. bodies: Tessera's queries without the customer's email and phone, the same for both callers
owner42=$($lib owner "$TESSERA_URL" "User 42")
for q in $QUERIES; do
  sed -e "s/@OWNER_42@/$owner42/" -e 's/ name email phone company / name company /' "$here/queries/$q.json" > "$OUT/bodies/$q.json"
done
auth_of() { if [[ $1 == admin ]]; then echo "$ADMIN_AUTH"; else echo "$ROLE_AUTH"; fi; }
for q in $QUERIES; do
  for side in admin role; do
    a=$(curl -sf -H 'Content-Type: application/json' -H "Authorization: $(auth_of $side)" --data-binary @"$OUT/bodies/$q.json" "$TESSERA_URL")
    if grep -q '"errors"' <<< "$a"; then echo "$side $q: $a" >&2; exit 1; fi
    echo "$a" > "$OUT/bodies/$q-$side.response.json"
  done
  cmp -s "$OUT/bodies/$q-admin.response.json" "$OUT/bodies/$q-role.response.json" \
    || { echo "$q: the role's answer differs from the administrator's" >&2; exit 1; }
  echo "$q: same answer for both callers ($(wc -c < "$OUT/bodies/$q-admin.response.json") bytes)"
done

# 3. warm-up, then interleaved pairs
for q in $QUERIES; do
  for side in admin role; do
    BENCH_AUTHORIZATION="$(auth_of $side)" wrk -t1 -c16 -d"$WARMUP" -s "$here/post.lua" "$TESSERA_URL" -- "$OUT/bodies/$q.json" > "$OUT/wrk/warmup-$side-$q.txt"
  done
done
raw="$OUT/raw.tsv"
port=${TESSERA_URL##*:}; port=${port%%/*}
jvm_pid=${TESSERA_PID:-$($lib pid "$port")}
db=${TESSERA_BENCH_DB:-bench_tessera}
# CPU time in ms (utime + stime) of the JVM, and of the PostgreSQL backends connected to the bench database
cpu_ms() {
  local tck pids
  tck=$(getconf CLK_TCK)
  pids=$(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -Atqc "select pid from pg_stat_activity where datname = '$db'" postgres)
  echo "$(awk -v t="$tck" '{print ($14 + $15) * 1000 / t}' "/proc/$jvm_pid/stat")" \
       "$(for p in $pids; do cat "/proc/$p/stat" 2>/dev/null; done | awk -v t="$tck" '{s += $14 + $15} END {print s * 1000 / t}')"
}
printf 'query\tconns\tpair\tside\trps\tp50_ms\tp99_ms\terrors\tjvm_cpu_ms_per_req\tpg_cpu_ms_per_req\n' > "$raw"
for q in $QUERIES; do
  for c in $CONNS; do
    for pair in $(seq 1 "$PAIRS"); do
      # odd pairs run the administrator first, even pairs the role: a drift of the machine's speed during a
      # pair (seen here: ±20 % between runs) then favours each side equally often
      order="admin role"; (( pair % 2 == 0 )) && order="role admin"
      for side in $order; do
        f="$OUT/wrk/$q-c$c-p$pair-$side.txt"
        read -r j0 p0 < <(cpu_ms)
        BENCH_AUTHORIZATION="$(auth_of $side)" wrk -t1 -c"$c" -d"$DUR" --latency -s "$here/post.lua" "$TESSERA_URL" -- "$OUT/bodies/$q.json" > "$f"
        read -r j1 p1 < <(cpu_ms)
        r=$(grep '^RESULT' "$f")
        v() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$r"; }
        n=$(v requests)
        jc=$(awk -v a="$j0" -v b="$j1" -v n="$n" 'BEGIN {printf "%.3f", (b - a) / n}')
        pc=$(awk -v a="$p0" -v b="$p1" -v n="$n" 'BEGIN {printf "%.3f", (b - a) / n}')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q" "$c" "$pair" "$side" "$(v rps)" "$(v p50_ms)" "$(v p99_ms)" \
          "$(( $(v non200) + $(v gql_errors) + $(v socket_errors) ))" "$jc" "$pc" >> "$raw"
        printf '%s c=%-2s pair %s %-5s %8s req/s  p50 %7s ms  p99 %7s ms  cpu/req jvm %s ms pg %s ms\n' "$q" "$c" "$pair" "$side" \
          "$(v rps)" "$(v p50_ms)" "$(v p99_ms)" "$jc" "$pc"
      done
    done
  done
done

# 4. medians per query and connection count, and the role's cost
python3 - "$raw" > "$OUT/table.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| query | conns | admin req/s | role req/s | role cost (admin/role req/s - 1) | admin p50 ms | role p50 ms | admin p99 ms | role p99 ms | admin CPU ms/req (JVM+PG) | role CPU ms/req | role CPU cost | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for key in sorted({(r["query"], int(r["conns"])) for r in rows}):
    def med(side, col):
        return statistics.median(float(r[col]) for r in rows if (r["query"], int(r["conns"])) == key and r["side"] == side)
    errs = sum(int(r["errors"]) for r in rows if (r["query"], int(r["conns"])) == key)
    a, b = med("admin", "rps"), med("role", "rps")
    ca = med("admin", "jvm_cpu_ms_per_req") + med("admin", "pg_cpu_ms_per_req")
    cb = med("role", "jvm_cpu_ms_per_req") + med("role", "pg_cpu_ms_per_req")
    print(f"| {key[0]} | {key[1]} | {a:.0f} | {b:.0f} | {100 * (a / b - 1):+.1f}% | {med('admin', 'p50_ms'):.2f} | "
          f"{med('role', 'p50_ms'):.2f} | {med('admin', 'p99_ms'):.2f} | {med('role', 'p99_ms'):.2f} | "
          f"{ca:.2f} | {cb:.2f} | {100 * (cb / ca - 1):+.1f}% | {errs} |")
PY
cat "$OUT/table.md"
