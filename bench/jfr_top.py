#!/usr/bin/env python3
"""Aggregates the CPU samples (jdk.ExecutionSample) of a JFR recording.

usage: jfr_top.py RECORDING.jfr [N]

Prints: samples per thread, the top N methods by self time (top frame), the top N by inclusive time
(anywhere on the stack, counted once per sample), and a breakdown by area: the first frame from the
top of the stack that falls in a known area decides (plain JDK frames such as HashMap are skipped, so
they count for their caller), e.g. Jackson called from graphql-java counts as JSON.
"""
import collections
import re
import subprocess
import sys

AREAS = [  # (area, prefixes) checked top-down on each stack, first match wins
    ("JSON (Jackson: read data::text into Map, write the response)", ("com.fasterxml.jackson.",)),
    ("BigDecimal/number formatting", ("java.math.",)),
    ("Tessera storage (row mapping, SQL text)", ("dev.tessera.storage.",)),
    ("Tessera graphql (fetchers, limits, provider)", ("dev.tessera.graphql.", "dev.tessera.api.")),
    ("Tessera other", ("dev.tessera.",)),
    ("graphql-java validation/parse", ("graphql.validation.", "graphql.parser.", "graphql.language.")),
    ("graphql-java execution", ("graphql.",)),
    ("DataLoader", ("org.dataloader.",)),
    ("Vert.x PG client (protocol, row decode)", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("Mutiny", ("io.smallrye.mutiny.",)),
    ("Vert.x web/http + Netty", ("io.vertx.", "io.netty.", "io.quarkus.")),
    ("JDK only (no library frame on the stack)", ("java.", "jdk.", "sun.")),
]


def samples(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "256", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        frames = re.findall(r"^\s{4}([^\s].*?)\s+line: \d+", block, re.M)
        frames = [re.sub(r"\(.*\)$", "", f) for f in frames]
        yield (thread.group(1) if thread else "?"), frames


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    threads = collections.Counter()
    self_t = collections.Counter()
    incl = collections.Counter()
    areas = collections.Counter()
    total = 0
    for thread, frames in samples(path):
        if not frames:
            continue
        total += 1
        threads[re.sub(r"-\d+$", "-N", thread)] += 1
        self_t[frames[0]] += 1
        for m in set(frames):
            incl[m] += 1
        area = "other"
        for f in frames:
            hit = next((a for a, prefixes in AREAS[:-1] if f.startswith(prefixes)), None)
            if hit:
                area = hit
                break
        else:
            if all(f.startswith(AREAS[-1][1]) for f in frames):
                area = AREAS[-1][0]
        areas[area] += 1
    pct = lambda c: f"{100.0 * c / total:5.1f}%"
    print(f"{total} CPU samples in {path}\n")
    print("## threads")
    for t, c in threads.most_common(8):
        print(f"{pct(c)}  {t}")
    print("\n## areas (by the innermost known frame)")
    for a, c in areas.most_common():
        print(f"{pct(c)}  {a}")
    print(f"\n## top {n} self")
    for m, c in self_t.most_common(n):
        print(f"{pct(c)}  {m}")
    print(f"\n## top {n} inclusive (Tessera, Jackson, graphql-java, PG client)")
    shown = 0
    for m, c in incl.most_common():
        if m.startswith(("dev.tessera.", "com.fasterxml.jackson.databind.ObjectMapper", "graphql.execution.",
                         "graphql.validation.", "graphql.parser.", "io.vertx.pgclient.impl.codec.",
                         "org.dataloader.", "graphql.GraphQL.")):
            print(f"{pct(c)}  {m}")
            shown += 1
            if shown >= n:
                break


if __name__ == "__main__":
    main()
