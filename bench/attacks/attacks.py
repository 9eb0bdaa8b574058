"""Attacks from issue 10 against a running Tessera while a normal query stream continues.

For each attack: NORMAL_THREADS threads send an ordinary list query for DUR seconds while one thread
repeats the attack; the stream's p50/p99/max latency and the attack's answers (HTTP status, error
codes, time) are reported, next to a baseline with no attack. Loopback only; stops by itself.

    python3 attacks.py http://127.0.0.1:18092/graphql [DUR]
"""
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request

URL = sys.argv[1]
DUR = float(sys.argv[2]) if len(sys.argv) > 2 else 8
NORMAL_THREADS = 4


def post(body, content_type="application/json", timeout=120):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(URL, data, {"Content-Type": content_type, "X-Tessera-User": "bench"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, out = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, out = e.code, e.read()
    ms = (time.perf_counter() - t) * 1000
    try:
        parsed = json.loads(out)
    except ValueError:
        parsed = {"raw": out[:200].decode(errors="replace")}
    return status, parsed, ms


def gql(query, variables=None):
    status, out, _ = post({"query": query, "variables": variables or {}})
    if out.get("errors"):
        raise SystemExit(f"setup failed: {out['errors'][:2]}")
    return out["data"]


def codes(out):
    return sorted({(e.get("extensions") or {}).get("code", "?") for e in out.get("errors", [])}) if isinstance(out, dict) else []


# --- setup: an entity with 2,000 rows, a pattern field, 500 fields for the suggestion attack ---
fields = [{"name": "name", "type": "text", "indexed": True, "label": {"zh-CN": "名称", "en": "Name"}},
          {"name": "annualSpend", "type": "money", "label": {"zh-CN": "年消费", "en": "Annual spend"}},
          {"name": "code", "type": "text", "pattern": "^(a+)+$", "label": {"zh-CN": "编码", "en": "Code"}},
          {"name": "tail", "type": "text", "pattern": "^(.*a){12}$", "label": {"zh-CN": "尾码", "en": "Tail"}}]
fields += [{"name": f"extra{i}", "type": "text", "label": {"zh-CN": f"附加{i}", "en": f"Extra {i}"}} for i in range(496)]
r = gql("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        {"d": [{"kind": "entity", "name": "atkCustomer", "label": {"zh-CN": "客户", "en": "Customer"}, "fields": fields}]})
if not r["publishDefinitions"]["applied"]:
    raise SystemExit(r["publishDefinitions"]["problems"][:3])
have = gql("{ atkCustomers { totalCount } }")["atkCustomers"]["totalCount"]
for start in range(have, 2000, 500):
    gql("mutation C($i: [AtkCustomerInput!]!) { importAtkCustomers(inputs: $i) { created } }",
        {"i": [{"name": f"客户{n}", "annualSpend": str(n * 10)} for n in range(start, min(start + 500, 2000))]})

NORMAL = {"query": "{ atkCustomers(first: 20, filter: {annualSpend: {gt: \"100\"}}) { totalCount nodes { id name annualSpend } } }"}


def attacks():
    long_id = "x" * 3990
    yield "huge decimal filter", lambda: post({"query": '{ atkCustomers(filter: {annualSpend: {gt: "1e999999999"}}) { totalCount } }'})
    yield "huge decimal variable", lambda: post({"query": "query Q($v: Decimal) { atkCustomers(filter: {annualSpend: {gt: $v}}) { totalCount } }",
                                                 "variables": {"v": "-1e999999999"}})
    big = {"n": 0}

    def giant_query():
        big["n"] += 1
        return post({"query": "{ atkCustomers { totalCount } }" + " " * 2_000_000 + "#" + str(big["n"])})
    yield "distinct 2 MB queries", giant_query
    rules = [{"kind": "entity", "name": "atkCustomer", "label": {"zh-CN": "客户", "en": "Customer"}, "fields": fields,
              "rules": [{"name": f"r{i}", "assert": f"{long_id}{i} > 0",
                         "message": {"zh-CN": "规则", "en": "rule"}} for i in range(200)]}]
    yield "dry run, 200 rules x 3,990-char names", lambda: post(
        {"query": "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d, dryRun: true) { applied } }", "variables": {"d": rules}})
    yield "pattern ^(a+)+$ on 50 KB", lambda: post(
        {"query": "mutation C($v: String) { createAtkCustomer(input: {code: $v}) { id } }", "variables": {"v": "a" * 50_000 + "!"}})
    yield "pattern ^(.*a){12}$ on 31 chars", lambda: post(
        {"query": "mutation C($v: String) { createAtkCustomer(input: {tail: $v}) { id } }", "variables": {"v": "a" * 30 + "!"}})
    yield "or filter, 100,000 alternatives", lambda: post(
        {"query": "query Q($f: AtkCustomerFilter) { atkCustomers(filter: $f) { totalCount } }",
         "variables": {"f": {"or": [{"name": {"eq": f"n{i}"}} for i in range(100_000)]}}})
    yield "text/plain mutation", lambda: post(json.dumps({"query": 'mutation { createAtkCustomer(input: {name: "csrf"}) { id } }'}).encode(),
                                              content_type="text/plain")


def run(name, attack):
    stop = time.time() + DUR
    lat, errors = [], [0]
    answers = []

    def normal():
        while time.time() < stop:
            status, out, ms = post(NORMAL)
            lat.append(ms)
            if status != 200 or out.get("errors"):
                errors[0] += 1

    def attacker():
        while time.time() < stop:
            status, out, ms = attack()
            answers.append((status, ",".join(codes(out)) or "-", ms))

    threads = [threading.Thread(target=normal) for _ in range(NORMAL_THREADS)]
    if attack:
        threads.append(threading.Thread(target=attacker))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    seen = sorted({(s, c) for s, c, _ in answers})
    worst = max((ms for _, _, ms in answers), default=0)
    print(f"| {name} | {len(lat)} | {p(0.5):.1f} | {p(0.99):.1f} | {lat[-1]:.1f} | {errors[0]} | {len(answers)} |"
          f" {'; '.join(f'{s} {c}' for s, c in seen) or '-'} | {worst:.0f} |", flush=True)


print("| attack | normal requests | p50 ms | p99 ms | max ms | normal errors | attacks sent | attack answers (HTTP code) | slowest attack ms |")
print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
run("none (baseline)", None)
for name, attack in attacks():
    run(name, attack)
