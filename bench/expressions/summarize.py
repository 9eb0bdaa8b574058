#!/usr/bin/env python3
"""Turns a run.sh result folder (main.json, cold.json) into the markdown table RESULTS.md quotes."""
import json
import os
import statistics
import sys


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def short(name):
    return name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1]


def main(folder):
    main_runs = load(os.path.join(folder, "main.json"))
    cold_runs = load(os.path.join(folder, "cold.json"))
    score = {}
    # The machine may be shared: a burst of other work spoils single iterations, so the median of
    # the measured iterations is printed beside JMH's mean and 99.9% error, and the ratios use it.
    print("| benchmark | mode | mean ± error (JMH) | median of iterations (min) | unit | alloc B/op |")
    print("|---|---|---:|---:|---|---:|")
    for r in main_runs:
        name = short(r["benchmark"])
        m = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        err = m.get("scoreError")
        err_s = "" if err is None or err != err else f" ± {err:,.1f}"
        alloc_s = "" if alloc is None else f"{alloc:,.0f}"
        raw = [x for fork in m.get("rawData", []) for x in fork]
        med = statistics.median(raw) if raw else m["score"]
        low = min(raw) if raw else m["score"]
        print(f"| {name} | {r['mode']} | {m['score']:,.1f}{err_s} | {med:,.1f} ({low:,.1f}) | {m['scoreUnit']} | {alloc_s} |")
        score[name] = med
    for r in cold_runs:
        m = r["primaryMetric"]
        raw = [x for fork in m.get("rawData", []) for x in fork]
        print(f"| {short(r['benchmark'])}, cold: first reload in a fresh JVM (n={len(raw)}, max {max(raw):,.1f}) | ss "
              f"| {m['score']:,.1f} | {statistics.median(raw):,.1f} ({min(raw):,.1f}) | {m['scoreUnit']} | |")

    def ratio(a, b):
        if a in score and b in score:
            print(f"| {a} / {b} | {score[a] / score[b]:.2f}× |")

    print()
    print("| ratio (medians) | value |")
    print("|---|---:|")
    ratio("ExpressionBench.tessera", "ExpressionBench.mvelRawAsm")
    ratio("ExpressionBench.tesseraBigDecimalInput", "ExpressionBench.mvelRawAsmBigDecimal")
    ratio("ExpressionBench.tesseraBigDecimalInput", "ExpressionBench.mvelRawAsm")
    ratio("ExpressionBench.mvelRawAsm", "ExpressionBench.javaLambda")
    ratio("ExpressionBench.tessera", "ExpressionBench.javaLambda")
    ratio("ExpressionBench.compileTessera", "ExpressionBench.compileMvelRaw")
    ratio("EvalPathBench.tesseraBigDecimalInput", "EvalPathBench.mvelRawAsmBigDecimal")
    ratio("EvalPathBench.closureTree", "EvalPathBench.mvelRawAsmBigDecimal")


def rounds(folder):
    """Ratios within each evaluation round, then their median: the robust reading on a shared machine."""
    pairs = [("tessera", "mvelRawAsm"), ("tesseraBigDecimalInput", "mvelRawAsmBigDecimal"),
             ("tesseraBigDecimalInput", "mvelRawAsm"), ("mvelRawAsm", "javaLambda"), ("tessera", "javaLambda")]
    per_round = []
    k = 1
    while os.path.exists(os.path.join(folder, f"round{k}.json")):
        med = {}
        for r in load(os.path.join(folder, f"round{k}.json")):
            raw = [x for fork in r["primaryMetric"].get("rawData", []) for x in fork]
            med[r["benchmark"].rsplit(".", 1)[-1]] = statistics.median(raw)
        per_round.append(med)
        k += 1
    if not per_round:
        return
    names = sorted({n for m in per_round for n in m})
    print()
    print(f"Evaluation rounds (median of iterations, ns/op), {len(per_round)} rounds:")
    print()
    print("| benchmark | " + " | ".join(f"round {i + 1}" for i in range(len(per_round))) + " | median |")
    print("|---|" + "---:|" * (len(per_round) + 1))
    for n in names:
        vals = [m.get(n) for m in per_round]
        print(f"| {n} | " + " | ".join(f"{v:,.1f}" for v in vals) + f" | {statistics.median(vals):,.1f} |")
    print()
    print("| ratio within a round | " + " | ".join(f"round {i + 1}" for i in range(len(per_round))) + " | median |")
    print("|---|" + "---:|" * (len(per_round) + 1))
    for a, b in pairs:
        vals = [m[a] / m[b] for m in per_round if a in m and b in m]
        if vals:
            print(f"| {a} / {b} | " + " | ".join(f"{v:.2f}×" for v in vals) + f" | {statistics.median(vals):.2f}× |")


if __name__ == "__main__":
    main(sys.argv[1])
    rounds(sys.argv[1])
