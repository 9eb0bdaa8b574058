#!/usr/bin/env bash
# Fuzzy duplicate detection at 1M customers: recall on 2,000 seeded duplicates (homophone and
# typed-wrong characters, dropped/added characters, swapped or pinyin names, phone formats, email
# case/+tag, company suffixes; some with a new phone), false positives on 2,000 new customers, and
# the latency of the duplicateCandidates query (the check a create runs). Then pg_trgm alone on the
# same data and cases (the SQL peer's way), and the peer's own fuzzy query on its database.
# Loopback only; stops by itself.
#
#   bench/fuzzy/run.sh path/to/quarkus-run.jar
# Environment: N (customers, 1000000), PORT (18092), DB (bench_fuzzy), PEER_DB (peer_pipeline),
# OUT (results dir), KEEP_DB=1 to reuse a seeded DB (skips seeding and the backfill).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
JAR=$(realpath "${1:?usage: bench/fuzzy/run.sh path/to/quarkus-run.jar}")
N=${N:-1000000}
PORT=${PORT:-18092}
DB=${DB:-bench_fuzzy}
PEER_DB=${PEER_DB:-peer_pipeline}
OUT=${OUT:-$here/results/$(date +%Y%m%d-%H%M%S)}
. "$here/../lib.sh"
url="http://127.0.0.1:$PORT/graphql"
mkdir -p "$OUT"
cd "$OUT"

if [ "${KEEP_DB:-0}" != 1 ]; then
  dropdb --if-exists "$DB" && createdb "$DB"
fi
start_tessera "$JAR" "$DB" "$PORT" tessera.log

if [ "${KEEP_DB:-0}" != 1 ]; then
  python3 "$here/measure.py" publish "$url" "$here/definitions.json" --entity-only
  start=$(date +%s)
  python3 "$here/gen.py" "$N" cases.jsonl | psql -q -c '\copy "rec_customer" (id, data, owner_id) FROM STDIN' "$DB"
  psql -q -c 'VACUUM ANALYZE "rec_customer"' "$DB"
  echo "seeded $N customers by COPY in $(( $(date +%s) - start )) s" | tee seed.log
  # the matching rule's publish rebuilds the keys of every stored customer (MatchKeyBackfill)
  python3 "$here/measure.py" publish "$url" "$here/definitions.json" | tee -a seed.log
  psql -q -c 'VACUUM ANALYZE tessera_match_key' -c 'VACUUM ANALYZE tessera_match_text' "$DB"
  psql -Atc "SELECT field, count(*), count(DISTINCT key), max(c) FROM (SELECT field, key, count(*) OVER (PARTITION BY field, key) c
      FROM tessera_match_key WHERE entity = 'customer') x GROUP BY field ORDER BY field" "$DB" | sed 's/^/keys: /' | tee -a seed.log
  psql -Atc "SELECT pg_size_pretty(pg_total_relation_size('tessera_match_key')), pg_size_pretty(pg_total_relation_size('tessera_match_text'))" "$DB" \
    | sed 's/^/key and text tables: /' | tee -a seed.log
else
  [ -f cases.jsonl ] || python3 "$here/gen.py" "$N" cases.jsonl > /dev/null
  python3 "$here/measure.py" publish "$url" "$here/definitions.json"
fi

echo "== Tessera duplicateCandidates, 1 connection"
python3 "$here/measure.py" run "$url" cases.jsonl . | tee tessera.txt
kill $tessera_pid; wait $tessera_pid 2>/dev/null || true

echo "== pg_trgm alone (peer style) on the same customers and cases"
python3 - <<'PY'
import json, re
with open("cases_names.tsv", "w") as f:
    for k, line in enumerate(open("cases.jsonl")):
        c = json.loads(line)
        name = re.sub(r"\s+", " ", c["data"]["name"].strip().lower())
        original = c["original"] or "\\N"
        f.write(f"{k}\t{original}\t{name}\n")
PY
psql -Atq -f "$here/baseline.sql" "$DB" | tee baseline.txt

if psql -Atqc "select 1 from dd_customer limit 1" "$PEER_DB" >/dev/null 2>&1; then
  echo "== the SQL peer's fuzzy query on its own 1M customers, 1 connection, 20 s"
  pgbench -h 127.0.0.1 -U postgres -n -c 1 -T 20 -r -f "$here/peer_fuzzy.sql" "$PEER_DB" | tee peer.txt | grep -E "latency|tps"
  pgbench -h 127.0.0.1 -U postgres -n -c 1 -T 20 --log --log-prefix=peer -f "$here/peer_fuzzy.sql" "$PEER_DB" >/dev/null
  cat peer.* 2>/dev/null | awk '{print $3/1000}' | sort -n | awk '{a[NR]=$1} END {printf "peer per-transaction ms: p50=%.2f p95=%.2f p99=%.2f (n=%d)\n", a[int(NR*0.5)], a[int(NR*0.95)], a[int(NR*0.99)], NR}' | tee -a peer.txt
  rm -f peer.[0-9]*
fi
echo "results in $OUT"
