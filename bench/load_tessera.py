#!/usr/bin/env python3
"""Loads the peer's rows into Tessera through its real write path (GraphQL bulk create).

usage: load_tessera.py URL CSV [--batch 500] [--parallel 4]

Creates the 100 owners first (benchOwner "User 1".."User 100", one request each, in order, so their
time-ordered ids sort like the peer's app_user.id), then sends the customers from the CSV that the
peer's gen.py wrote (owner_id, data JSON) as createBenchCustomers(inputs) of --batch rows, --parallel
requests at a time. Idempotent: skips what is already loaded. Prints the timings as JSON on the last
line.
"""
import argparse
import concurrent.futures
import csv
import json
import sys
import time
import os
import urllib.request

OWNERS = 100


def gql(url, query, variables=None, timeout=600):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    headers = {"Content-Type": "application/json"}
    if os.environ.get("TESSERA_AUTHORIZATION"):
        headers["Authorization"] = os.environ["TESSERA_AUTHORIZATION"]
    req = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        out = json.load(r)
    if out.get("errors"):
        raise RuntimeError(json.dumps(out["errors"], ensure_ascii=False)[:2000])
    return out["data"]


def owners(url):
    """owner number (1..100) -> Tessera id, creating the owners when missing."""
    def fetch():
        d = gql(url, "{ benchOwners(first: 100, orderBy: [{id: ASC}]) { totalCount nodes { id name } } }")
        return d["benchOwners"]
    have = fetch()
    if have["totalCount"] == 0:
        for n in range(1, OWNERS + 1):
            gql(url, "mutation O($i: BenchOwnerInput!) { createBenchOwner(input: $i) { id } }",
                {"i": {"name": f"User {n}", "email": f"user{n}@example.com"}})
            time.sleep(0.003)  # a new millisecond per owner: v7 ids then sort in creation order
        have = fetch()
    if have["totalCount"] != OWNERS:
        sys.exit(f"expected {OWNERS} benchOwners, found {have['totalCount']}")
    ids = {int(n["name"].split()[1]): n["id"] for n in have["nodes"]}
    order = [int(n["name"].split()[1]) for n in have["nodes"]]
    if order != sorted(order):
        print("warning: owner ids do not sort in creation order", file=sys.stderr)
    return ids


def to_input(owner_ids, owner, data):
    i = dict(data)
    i["city"] = data["address"]["city"]
    i["accountOwner"] = owner_ids[int(owner)]
    return i


CREATE = "mutation C($in: [BenchCustomerInput!]!) { createBenchCustomers(inputs: $in) { id } }"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("csv")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--parallel", type=int, default=4)
    a = ap.parse_args()

    t0 = time.time()
    owner_ids = owners(a.url)
    t_owners = time.time() - t0

    total = gql(a.url, "{ benchCustomers(first: 0) { totalCount } }")["benchCustomers"]["totalCount"]
    with open(a.csv, newline="", encoding="utf-8") as f:
        rows = [(o, json.loads(d)) for o, d in csv.reader(f)]
    if total == len(rows):
        print(json.dumps({"skipped": True, "rows": total}))
        return
    if total != 0:
        sys.exit(f"benchCustomers holds {total} rows, neither 0 nor {len(rows)}: drop the database and retry")

    batches = [rows[i:i + a.batch] for i in range(0, len(rows), a.batch)]
    t1 = time.time()
    done = 0
    lat = []

    def send(batch):
        s = time.time()
        res = gql(a.url, CREATE, {"in": [to_input(owner_ids, o, d) for o, d in batch]})
        assert len(res["createBenchCustomers"]) == len(batch)
        return time.time() - s

    # Batches go out in CSV order; with --parallel 1 the time-ordered ids follow the CSV exactly.
    with concurrent.futures.ThreadPoolExecutor(a.parallel) as pool:
        for dt in pool.map(send, batches):
            lat.append(dt)
            done += a.batch
            if done % 10000 == 0:
                el = time.time() - t1
                print(f"  {done} rows, {el:.0f} s, {done / el:.0f} rows/s", file=sys.stderr, flush=True)
    t_rows = time.time() - t1
    lat.sort()
    print(json.dumps({"rows": len(rows), "batch": a.batch, "parallel": a.parallel,
                      "owners_s": round(t_owners, 1), "customers_s": round(t_rows, 1),
                      "rows_per_s": round(len(rows) / t_rows), "batch_p50_s": round(lat[len(lat) // 2], 2),
                      "batch_max_s": round(lat[-1], 2)}))


if __name__ == "__main__":
    main()
