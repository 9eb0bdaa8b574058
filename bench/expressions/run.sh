#!/usr/bin/env bash
# JMH benchmark of Tessera's expression language vs raw MVEL compiled vs a Java lambda.
# Builds dev.tessera:metamodel from this repository (../..), packages target/benchmarks.jar and runs:
#   1. ExpressionBench + EvalPathBench, one JMH run, with -prof gc (ns/op and bytes/op);
#   2. ROUNDS more runs of the evaluation benchmarks only, so each ratio (Tessera / raw MVEL) is taken
#      within one round and the median over rounds is reported: robust on a shared machine;
#   3. the 1,000-rule reload, single shot in fresh JVMs (the first reload after start-up).
# Output: results/<timestamp>/{env.txt,main.*,round<N>.*,cold.*,table.md}
#
#   bench/expressions/run.sh                       # defaults below, about 8 minutes
#   JMH_OPTS="-f 3 -wi 5 -w 2s -i 10 -r 2s" bench/expressions/run.sh
#   SKIP_BUILD=1 INCLUDE='ExpressionBench' bench/expressions/run.sh
#   WAIT_IDLE=600 bench/expressions/run.sh       # on a shared machine: first wait (up to 600 s) for
#                                                # the 1-minute load average to drop below 1
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -w 1s -i 5 -r 1s"}
INCLUDE=${INCLUDE:-"ExpressionBench|EvalPathBench"}
COLD_FORKS=${COLD_FORKS:-5}
ROUNDS=${ROUNDS:-3}
EVAL='ExpressionBench\.(javaLambda|javaLambdaBigDecimal|mvelRawAsm|mvelRawAsmBigDecimal|mvelRawReflective|tessera|tesseraBigDecimalInput)$'

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== installing dev.tessera:metamodel from $root"
  (cd "$root" && { mvn -B -q -o install -pl metamodel -am -DskipTests || mvn -B -q install -pl metamodel -am -DskipTests; })
  echo "== packaging target/benchmarks.jar"
  (cd "$here" && { mvn -B -q -o package || mvn -B -q package; })
fi

if [ -n "${WAIT_IDLE:-}" ]; then
  end=$((SECONDS + WAIT_IDLE))
  while [ $SECONDS -lt $end ] && awk '{exit !($1 >= 1.0)}' /proc/loadavg; do sleep 10; done
  echo "== load now: $(cat /proc/loadavg)"
fi

out="$here/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
jar="$here/target/benchmarks.jar"

{
  echo "date: $(date -Is)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo "memory: $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "jmh opts: $JMH_OPTS -prof gc; include: $INCLUDE; rounds: $ROUNDS; cold forks: $COLD_FORKS"
  echo "load before: $(cat /proc/loadavg)"
} >"$out/env.txt"

echo "== JMH: $INCLUDE"
# shellcheck disable=SC2086
java -jar "$jar" "$INCLUDE" $JMH_OPTS -prof gc -rf json -rff "$out/main.json" | tee "$out/main.txt"
echo "load after main run: $(cat /proc/loadavg)" >>"$out/env.txt"

for r in $(seq 1 "$ROUNDS"); do
  echo "== JMH: evaluation round $r of $ROUNDS"
  # shellcheck disable=SC2086
  java -jar "$jar" "$EVAL" $JMH_OPTS -prof gc -rf json -rff "$out/round$r.json" >"$out/round$r.txt"
  grep -E '^ExpressionBench\.[A-Za-z]+ ' "$out/round$r.txt" || true
done
echo "load after rounds: $(cat /proc/loadavg)" >>"$out/env.txt"

echo "== JMH: cold reload of 1,000 rules, $COLD_FORKS fresh JVMs"
java -jar "$jar" 'ExpressionBench.reload1000Tessera$' -bm ss -f "$COLD_FORKS" -wi 0 -i 1 -tu ms \
  -rf json -rff "$out/cold.json" | tee "$out/cold.txt"
echo "load after cold run: $(cat /proc/loadavg)" >>"$out/env.txt"

python3 "$here/summarize.py" "$out" | tee "$out/table.md"
echo "== results in $out"
