#!/usr/bin/env python3
"""Helpers for bench/run.sh: CPU snapshots from /proc, response checks and the result table.

  benchlib.py snap PID DBNAME FILE     CPU ticks of PID (all its threads) and of every PostgreSQL
                                       backend serving DBNAME (matched on the process title), to FILE
  benchlib.py delta BEFORE AFTER       prints "<server cpu ms> <postgres cpu ms>" between two snaps
  benchlib.py check SIDE QUERY FILE    checks a response body: no errors, the expected shape; prints a summary
  benchlib.py owner URL NAME           Tessera id of the benchOwner called NAME
  benchlib.py table RAW.tsv...         the per query/connection table (markdown) from run.sh's raw lines
                                       (several files: their pairs pooled)
  benchlib.py pid PORT                 pid of the process listening on 127.0.0.1:PORT
  benchlib.py apikey URL USER PASSWORD ROLE [NAME]   signs in, prints a new API key bound to ROLE
  benchlib.py keyworks URL KEY         exit status 0 when the key is accepted
Requests to Tessera carry TESSERA_AUTHORIZATION ("Bearer <key>") when set.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    rest = s[s.rindex(")") + 2:].split()
    # fields 14..17 of proc(5): utime stime cutime cstime; rest[0] is field 3
    return int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])


def pg_backends(db):
    out = {}
    # "postgres: [cluster: ]user database host(port) state"
    pat = re.compile(r"^postgres: (?:\S+: )?\S+ " + re.escape(db) + r" ")
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
            with open(f"/proc/{p}/cmdline", "rb") as f:
                title = f.read().replace(b"\0", b" ").decode(errors="replace")
            if pat.match(title):
                out[p] = stat(p)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return out


def snap(pid, db, path):
    with open(path, "w") as f:
        json.dump({"proc": stat(pid), "pg": pg_backends(db)}, f)


def delta(a_path, b_path):
    a = json.load(open(a_path))
    b = json.load(open(b_path))
    proc = (b["proc"] - a["proc"]) * TICK_MS
    # a backend that appeared counts from zero; one that exited during the run was idle (the pools
    # close idle connections only) and is left out
    pg = sum(t - a["pg"].get(p, 0) for p, t in b["pg"].items()) * TICK_MS
    print(f"{proc:.0f} {pg:.0f}")


def check(side, query, path):
    d = json.load(open(path))
    if d.get("errors") or "data" not in d:
        sys.exit(f"{side} {query}: errors: {json.dumps(d.get('errors'), ensure_ascii=False)[:500]}")
    data = d["data"]
    if query == "q3":
        owners = data.get("allAppUsers") or data.get("benchOwners")
        rel = "customersByOwnerId" if side == "peer" else "benchCustomersByAccountOwner"
        counts = [len(o[rel]["nodes"]) for o in owners["nodes"]]
        summary = f"{len(counts)} owners x {counts} customers"
        ok = len(counts) == 10 and all(c == 10 for c in counts)
    else:
        nodes = (data.get("allCustomers") or data.get("benchCustomers"))["nodes"]
        owner = "appUserByOwnerId" if side == "peer" else "accountOwner"
        summary = f"{len(nodes)} customers, owners: {sorted({n[owner]['name'] for n in nodes})[:3]}..."
        ok = len(nodes) == 20 and all(n[owner] for n in nodes)
    print(f"{side} {query}: {summary}, {os.path.getsize(path)} bytes")
    if not ok:
        sys.exit(f"{side} {query}: unexpected shape")


def post(url, query, variables=None, authorization=None):
    """A GraphQL answer from Tessera, as TESSERA_AUTHORIZATION (or the given credential)."""
    headers = {"Content-Type": "application/json"}
    auth = os.environ.get("TESSERA_AUTHORIZATION") if authorization is None else authorization
    if auth:  # "" signs in anonymously
        headers["Authorization"] = auth
    req = urllib.request.Request(url, json.dumps({"query": query, "variables": variables or {}}).encode(), headers)
    try:
        return json.load(urllib.request.urlopen(req))
    except urllib.error.HTTPError as e:
        return {"errors": [{"message": "HTTP %d" % e.code}]}


def owner(url, name):
    out = post(url, "query O($n: String!) { benchOwners(filter: {name: {eq: $n}}) { nodes { id } } }", {"n": name})
    print(out["data"]["benchOwners"]["nodes"][0]["id"])


def apikey(url, username, password, role, name=None):
    """Signs in and prints a new API key bound to role (the bench's credential: it does not expire)."""
    signed = post(url, "mutation S($u: String!, $p: String!) { signIn(username: $u, password: $p) { accessToken } }",
                  {"u": username, "p": password}, authorization="")
    token = signed["data"]["signIn"]["accessToken"]
    made = post(url, "mutation K($n: String!, $r: String!) { createApiKey(name: $n, role: $r) { key } }",
                {"n": name or "bench-%s-%d" % (role, time.time()), "r": role}, authorization="Bearer " + token)
    if made.get("errors"):
        sys.exit("createApiKey: " + json.dumps(made["errors"], ensure_ascii=False))
    print(made["data"]["createApiKey"]["key"])


def keyworks(url, key):
    sys.exit(0 if "data" in post(url, "{ __typename }", authorization="Bearer " + key) else 1)


def pid_of_port(port):
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    m = re.search(r"pid=(\d+)", out)
    if not m:
        sys.exit(f"nothing listens on port {port}")
    print(m.group(1))


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def table(*paths):
    rows = []
    for n, path in enumerate(paths):
        with open(path) as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                r = dict(zip(header, line.rstrip("\n").split("\t")))
                r["pair"] = f"{n}:{r['pair']}"  # pairs of several runs stay apart
                rows.append(r)
    goals = {"q1": 1.5, "q2": 1.0, "q3": 1.0}
    out = []
    out.append("| query | conns | pairs | peer req/s | Tessera req/s | **ratio req/s** | peer p99 ms | Tessera p99 ms"
               " | **ratio p99** | peer CPU ms/req (node + pg) | Tessera CPU ms/req (JVM + pg) | ratio CPU/req | errors | goal |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    keys = []
    for r in rows:
        k = (r["query"], int(r["conns"]))
        if k not in keys:
            keys.append(k)
    for q, c in keys:
        pairs = {}
        for r in rows:
            if r["query"] == q and int(r["conns"]) == c:
                pairs.setdefault(r["pair"], {})[r["side"]] = r
        full = [p for p in pairs.values() if "peer" in p and "tessera" in p]

        def col(side, name):
            return [float(p[side][name]) for p in full]

        def cpu(side, name):
            return [float(p[side][name]) / max(1, int(p[side]["requests"])) for p in full]

        def ratio(fn):
            return med([t / p if p else float("nan") for p, t in zip(fn("peer"), fn("tessera"))])

        rps = lambda s: col(s, "rps")
        p99 = lambda s: col(s, "p99_ms")
        cpu_total = lambda s: [a + b for a, b in zip(cpu(s, "server_cpu_ms"), cpu(s, "pg_cpu_ms"))]
        errors = sum(int(p[s]["non200"]) + int(p[s]["gql_errors"]) + int(p[s]["socket_errors"])
                     for p in full for s in ("peer", "tessera"))
        r_rps, r_p99 = ratio(rps), ratio(p99)
        goal = goals.get(q, 1.0)
        met = "met" if r_rps >= goal and r_p99 <= 1.0 else "missed"
        out.append(
            f"| {q} | {c} | {len(full)} | {med(rps('peer')):.0f} | {med(rps('tessera')):.0f} | **{r_rps:.2f}** "
            f"| {med(p99('peer')):.1f} | {med(p99('tessera')):.1f} | **{r_p99:.2f}** "
            f"| {med(cpu_total('peer')):.2f} ({med(cpu('peer', 'server_cpu_ms')):.2f} + {med(cpu('peer', 'pg_cpu_ms')):.2f}) "
            f"| {med(cpu_total('tessera')):.2f} ({med(cpu('tessera', 'server_cpu_ms')):.2f} + {med(cpu('tessera', 'pg_cpu_ms')):.2f}) "
            f"| {ratio(cpu_total):.2f} | {errors} | ≥{goal}×, p99 ≤1×: {met} |")
    loads = [float(r["load1"]) for r in rows]
    out.append("")
    out.append(f"Medians over the pairs; ratios are Tessera/peer, the median of the per-pair ratios. "
               f"1-min load average at the start of the runs: min {min(loads):.2f}, median {med(loads):.2f}, "
               f"max {max(loads):.2f}.")
    print("\n".join(out))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"snap": lambda: snap(*args), "delta": lambda: delta(*args), "check": lambda: check(*args),
     "owner": lambda: owner(*args), "table": lambda: table(*args), "pid": lambda: pid_of_port(*args),
     "apikey": lambda: apikey(*args), "keyworks": lambda: keyworks(*args)}[cmd]()
