"""Fuzzy duplicate bench client (loopback only).

  measure.py publish URL DEFS [--entity-only]   publish the definitions (the rule triggers the key backfill)
  measure.py run URL CASES OUT                  send every case to duplicateCandidates, one at a time

run: 300 warm-up queries, then all cases in a seeded shuffle over one keep-alive connection. A
duplicate is found when the best candidate is its original; a new customer is a false positive when
any candidate is listed. Writes OUT/cases.jsonl (per case) and OUT/summary.json, prints a summary.
"""
import http.client
import json
import random
import statistics
import sys
import time
import urllib.parse
from collections import defaultdict

QUERY = "query C($d: JSON!) { duplicateCandidates(entity: \"customer\", data: $d) { id score } }"


class Client:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        assert u.hostname in ("127.0.0.1", "localhost"), "loopback only"
        self.path, self.conn = u.path, http.client.HTTPConnection(u.hostname, u.port, timeout=3600)

    def gql(self, query, variables):
        body = json.dumps({"query": query, "variables": variables})
        self.conn.request("POST", self.path, body, {"Content-Type": "application/json", "X-Tessera-User": "bench"})
        out = json.loads(self.conn.getresponse().read())
        if out.get("errors"):
            raise SystemExit(f"GraphQL errors: {out['errors'][:2]}")
        return out["data"]


def publish(url, defs_path, entity_only):
    defs = json.load(open(defs_path))
    if entity_only:
        defs = [d for d in defs if d["kind"] == "entity"]
    start = time.time()
    r = Client(url).gql("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes problems { path message } } }",
                        {"d": defs})["publishDefinitions"]
    if not r["applied"]:
        raise SystemExit(r)
    print(f"published in {time.time() - start:.1f} s: " + "; ".join(c for c in r["changes"] if "duplicate" in c or "table" in c))


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def run(url, cases_path, out):
    cases = [json.loads(line) for line in open(cases_path)]
    client = Client(url)
    r = random.Random(7)
    for c in r.sample(cases, 300):
        client.gql(QUERY, {"d": c["data"]})
    order = list(range(len(cases)))
    r.shuffle(order)
    for k in order:
        c = cases[k]
        t = time.perf_counter()
        found = client.gql(QUERY, {"d": c["data"]})["duplicateCandidates"]
        c["ms"] = (time.perf_counter() - t) * 1000
        c["candidates"] = [(f["id"], f["score"]) for f in found]
    with open(f"{out}/cases.jsonl", "w") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    summary(cases, out)


def summary(cases, out):
    dups = [c for c in cases if c["original"]]
    new = [c for c in cases if not c["original"]]
    top = sum(1 for c in dups if c["candidates"] and c["candidates"][0][0] == c["original"])
    listed = sum(1 for c in dups if any(i == c["original"] for i, _ in c["candidates"]))
    fp = sum(1 for c in new if c["candidates"])
    ms = [c["ms"] for c in cases]
    by_kind = defaultdict(lambda: [0, 0])
    for c in dups:
        by_kind[c["kind"]][1] += 1
        by_kind[c["kind"]][0] += bool(c["candidates"] and c["candidates"][0][0] == c["original"])
    s = {"duplicates": len(dups), "recall_top1": top / len(dups), "recall_listed": listed / len(dups),
         "new_customers": len(new), "false_positive_rate": fp / len(new),
         "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95), "p99_ms": pct(ms, 99), "max_ms": max(ms),
         "mean_ms": statistics.mean(ms), "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())}}
    json.dump(s, open(f"{out}/summary.json", "w"), ensure_ascii=False, indent=1)
    print(json.dumps(s, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    if sys.argv[1] == "publish":
        publish(sys.argv[2], sys.argv[3], "--entity-only" in sys.argv)
    elif sys.argv[1] == "summary":
        summary([json.loads(line) for line in open(sys.argv[2])], sys.argv[3])
    else:
        run(sys.argv[2], sys.argv[3], sys.argv[4])
