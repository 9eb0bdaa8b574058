#!/usr/bin/env python3
"""Helpers of bench/flows.sh (issue 12 item 8: the peer's lead5 flow, Tessera vs Flowable embedded).

usage:
  flows.py publish URL DEFINITIONS.json        publish benchLead + lead5 (problems are printed with their paths)
  flows.py leads URL DB N [--seed 7]           make sure N benchLead rows exist (createBenchLeads, 500 a request)
  flows.py tessera URL DB N [--offset K] [--callers 2] [--label L]
                                               one measured Tessera run: startFlows on N leads (1,000 ids a call,
                                               --callers concurrent callers) until flowSummary counts all completed;
                                               prints one JSON line
  flows.py flowable DB JAR THREADS N [--label L]
                                               one measured Flowable run (java -jar JAR audit THREADS N); one JSON line
  flows.py table RAW.tsv                       the markdown table of medians and ratios from the raw rows
  flows.py statements SERVER.log N             statements per instance and their server time, from a server log
                                               written with log_min_duration_statement = 0 during a run of N

Every run reports: instances/s, transactions and table rows (inserted, updated, deleted; net rows added to
the engine's tables) per instance from pg_stat_*, and WAL bytes per instance twice: the cluster's LSN
difference (includes whatever else the shared server wrote meanwhile) and the WAL records of the run's own
database only (pg_walinspect: records whose block references name the database, plus every record of a
transaction that touched it, commits included). A temporary physical replication slot held for the run
keeps the WAL segments until they are read.
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import post  # noqa: E402

# flowSummary counts all of the flow's instances (16 ms at 20k instances): polled every 50 ms it took a third of a
# core from the runs; the elapsed time comes from the instances' end times, so a slow poll costs no accuracy
POLL = float(os.environ.get("FLOWS_POLL", "0.5"))
TESSERA_TABLES = ("tessera_flow_instance", "tessera_flow_step", "tessera_flow_token")
FLOWABLE_TABLES_LIKE = ("act_hi_%", "act_ru_%", "act_ge_bytearray")


def psql(db, sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", db,
                          "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return out.stdout.strip()


def gql(url, query, variables=None):
    out = post(url, query, variables)
    if out.get("errors"):
        raise RuntimeError(json.dumps(out["errors"], ensure_ascii=False)[:2000])
    return out["data"]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# --- what a run changed in the database ------------------------------------------------------------


def table_filter(tables):
    return " or ".join("relname like '%s'" % t for t in tables)


def snapshot(db, tables):
    """Row counts, pg_stat tuple counters of the engine's tables and the database's transaction counters."""
    where = table_filter(tables)
    names = psql(db, f"select relname from pg_stat_user_tables where {where}").split()
    counts = psql(db, "select " + " + ".join('(select count(*) from "%s")' % t for t in names)) if names else "0"
    tup = psql(db, f"select coalesce(sum(n_tup_ins),0), coalesce(sum(n_tup_upd),0), coalesce(sum(n_tup_del),0)"
                   f" from pg_stat_user_tables where {where}").split("|")
    xact = psql(db, "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()")
    return {"rows": int(counts), "ins": int(tup[0]), "upd": int(tup[1]), "del": int(tup[2]), "xacts": int(xact)}


class WalWindow:
    """The WAL written between start() and stop(): cluster LSN difference and this database's share."""

    def __init__(self, db):
        self.db = db
        self.oid = psql(db, "select oid from pg_database where datname = current_database()")
        psql(db, "create extension if not exists pg_walinspect")
        self.slot = None

    def start(self):
        # a temporary slot reserving WAL from now on, held by a psql session for the run
        name = "flowbench_%d" % os.getpid()
        self.slot = subprocess.Popen(["psql", "-h", "127.0.0.1", "-U", "postgres", "-XAtq", "-d", self.db],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.slot.stdin.write(f"select pg_create_physical_replication_slot('{name}', true, true);\n"
                              "select 'ready';\n")
        self.slot.stdin.flush()
        while "ready" not in self.slot.stdout.readline():
            pass
        self.lsn0 = psql(self.db, "select pg_current_wal_lsn()")

    def stop(self):
        self.lsn1 = psql(self.db, "select pg_current_wal_lsn()")
        # pg_walinspect reads up to the flushed WAL only; the WAL writer flushes within wal_writer_delay
        for _ in range(50):
            if psql(self.db, f"select pg_current_wal_flush_lsn() >= '{self.lsn1}'") == "t":
                break
            time.sleep(0.1)

    def by_relation(self, n):
        """This database's WAL of the window per relation (per instance), as a markdown table."""
        rows = psql(self.db, f"""
          with r as (select xid, resource_manager, record_length, fpi_length, block_ref
                       from pg_get_wal_records_info('{self.lsn0}', '{self.lsn1}')),
               x as (select distinct xid from r where xid <> 0 and block_ref ~ 'rel [0-9]+/{self.oid}/'),
               m as (select r.*, substring(block_ref from 'rel [0-9]+/[0-9]+/([0-9]+)') as fn from r
                      where block_ref ~ 'rel [0-9]+/{self.oid}/' or xid in (select xid from x))
          select coalesce(c.relname, case when m.fn is null then '(no block: ' || resource_manager || ')'
                                          else 'relfilenode ' || m.fn end),
                 round(count(*)::numeric / {n}, 2), round(sum(record_length)::numeric / {n}), round(sum(fpi_length)::numeric / {n})
            from m left join pg_class c on c.relfilenode::text = m.fn group by 1 order by 3 desc""")
        out = ["| relation | WAL records / instance | bytes / instance | of which full-page images |", "|---|---|---|---|"]
        out += ["| %s |" % " | ".join(line.split("|")) for line in rows.splitlines()]
        return "\n".join(out) + "\n"

    def result(self, relations=None, n=1):
        cluster = int(psql(self.db, f"select pg_wal_lsn_diff('{self.lsn1}', '{self.lsn0}')"))
        mine = None
        try:
            if relations:
                with open(relations, "w") as f:
                    f.write(self.by_relation(n))
            mine = int(psql(self.db, f"""
              with r as (select xid, record_length, block_ref from pg_get_wal_records_info('{self.lsn0}', '{self.lsn1}')),
                   x as (select distinct xid from r where xid <> 0 and block_ref ~ 'rel [0-9]+/{self.oid}/')
              select coalesce(sum(record_length), 0) from r
               where block_ref ~ 'rel [0-9]+/{self.oid}/' or xid in (select xid from x)"""))
        except RuntimeError as e:
            print("pg_walinspect: %s" % e, file=sys.stderr)
        finally:
            self.slot.stdin.close()
            self.slot.wait()
        return cluster, mine


def settle_stats():
    # backends flush their table counters when idle, at the latest ~10 s after their last transaction
    time.sleep(float(os.environ.get("STATS_SETTLE", "11")))


def per_instance(before, after, n, cluster, mine):
    d = {k: after[k] - before[k] for k in before}
    return {"rows_net": round(d["rows"] / n, 2), "ins": round(d["ins"] / n, 2), "upd": round(d["upd"] / n, 2),
            "del": round(d["del"] / n, 2), "xacts": round(d["xacts"] / n, 3),
            "wal_cluster": round(cluster / n), "wal_db": None if mine is None else round(mine / n)}


# --- Tessera --------------------------------------------------------------------------------------


def publish(url, path):
    q = ("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied version"
         " problems { code path message } } }")
    out = gql(url, q, {"d": json.load(open(path))})["publishDefinitions"]
    if out["problems"]:
        sys.exit("publish refused:\n" + "\n".join("%s %s %s" % (p["code"], p["path"], p["message"])
                                                  for p in out["problems"]))
    print("tessera: lead5 published, metadata version", out["version"])


def lead_ids(db):
    return psql(db, 'select id from "rec_benchLead" where deleted_at is null order by id').split()


def leads(url, db, n, seed):
    have = len(lead_ids(db))
    if have >= n:
        print(f"tessera: {have} benchLead rows already")
        return
    rnd = random.Random(seed)
    rows = [{"email": f"lead{i}@example.com", "score": rnd.randrange(100),
             "status": "qualified" if rnd.random() < 0.5 else "new"} for i in range(n)][have:]
    q = "mutation C($in: [BenchLeadInput!]!) { createBenchLeads(inputs: $in) { id } }"
    for i in range(0, len(rows), 500):
        gql(url, q, {"in": rows[i:i + 500]})
    print(f"tessera: {len(lead_ids(db))} benchLead rows")


def summary(url):
    return gql(url, '{ flowSummary(flow: "lead5") { completed running waiting failed } }')["flowSummary"]


def tessera(url, db, n, offset, callers, label, relations=None):
    ids = lead_ids(db)[offset:offset + n]
    if len(ids) < n:
        sys.exit(f"only {len(ids)} leads after offset {offset}; run `flows.py leads` first")
    s0 = summary(url)
    if s0["running"] or s0["waiting"]:
        sys.exit("lead5 still has running instances: %s" % s0)
    wal = WalWindow(db)
    before = snapshot(db, TESSERA_TABLES)
    load0 = loadavg()
    wal.start()
    chunks = [ids[i:i + 1000] for i in range(0, n, 1000)]
    started = [0]
    lock = threading.Lock()
    t0 = time.monotonic()
    t0_wall = time.time()

    def start(chunk):
        k = gql(url, 'mutation S($ids: [ID!]!) { startFlows(flow: "lead5", recordIds: $ids) }', {"ids": chunk})["startFlows"]
        with lock:
            started[0] += k
        return k

    with concurrent.futures.ThreadPoolExecutor(callers) as ex:
        futures = [ex.submit(start, c) for c in chunks]
        t_started = None
        while True:
            s = summary(url)
            done = all(f.done() for f in futures)
            if done and t_started is None:
                for f in futures:
                    f.result()
                t_started = time.monotonic() - t0
            if done and s["completed"] - s0["completed"] >= started[0]:
                break
            if s["failed"] > s0["failed"]:
                sys.exit("lead5 instances failed: %s" % s)
            time.sleep(POLL)
    polled = time.monotonic() - t0
    wal.stop()
    # the end is the last instance's end time (the poll only notices it up to POLL later)
    last = float(psql(db, "select extract(epoch from max(ended_at)) from tessera_flow_instance"
                          f" where flow = 'lead5' and started_at >= to_timestamp({t0_wall})"))
    elapsed = last - t0_wall
    load1 = loadavg()
    if started[0] != n:
        sys.exit(f"startFlows started {started[0]} of {n}")
    cluster, mine = wal.result(relations, n)
    settle_stats()
    after = snapshot(db, TESSERA_TABLES)
    out = {"side": "tessera", "label": label, "n": n, "secs": round(elapsed, 3), "polled_secs": round(polled, 3),
           "start_secs": round(t_started, 3),
           "per_s": round(n / elapsed, 1), "load_before": load0, "load_after": load1}
    out.update(per_instance(before, after, n, cluster, mine))
    print(json.dumps(out))


# --- Flowable -------------------------------------------------------------------------------------


def flowable(db, jar, threads, n, label):
    wal = WalWindow(db)
    have = psql(db, "select count(*) from pg_tables where tablename = 'act_ge_property'")
    before = snapshot(db, FLOWABLE_TABLES_LIKE) if have == "1" else None
    load0 = loadavg()
    wal.start()
    env = dict(os.environ, PEER_FLOWABLE_JDBC_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}")
    t0 = time.monotonic()
    run = subprocess.run(["java", "-jar", jar, "audit", str(threads), str(n)], capture_output=True, text=True, env=env)
    wall = time.monotonic() - t0
    wal.stop()
    load1 = loadavg()
    m = re.search(r"n=(\d+): (\d+) instances/s, p50=([\d.]+)ms p99=([\d.]+)ms", run.stdout)
    if run.returncode != 0 or not m:
        sys.exit("flowable run failed:\n" + run.stdout[-2000:] + run.stderr[-4000:])
    cluster, mine = wal.result()
    settle_stats()
    after = snapshot(db, FLOWABLE_TABLES_LIKE)
    if before is None:
        sys.exit("the first Flowable run only created its schema; run again")
    # the process also runs 1,000 warm-up instances (and boots the engine) inside the window: divide by n + 1000
    out = {"side": "flowable", "label": label, "n": n, "secs": round(n / float(m.group(2)), 3), "wall_secs": round(wall, 1),
           "per_s": float(m.group(2)), "p50_ms": float(m.group(3)), "p99_ms": float(m.group(4)),
           "load_before": load0, "load_after": load1}
    out.update(per_instance(before, after, n + 1000, cluster, mine))
    print(json.dumps(out))


# --- the table ------------------------------------------------------------------------------------


def table(path):
    rows = [json.loads(line.split("\t", 2)[2]) for line in open(path) if line.strip() and not line.startswith("#")]
    by = {}
    for r in rows:
        by.setdefault((r["label"], r["side"]), []).append(r)
    med = lambda xs: statistics.median(xs) if xs else float("nan")  # noqa: E731
    labels = sorted({r["label"] for r in rows}, key=lambda s: int(re.sub(r"\D", "", s) or 0))
    print("| threads | side | runs | instances/s (median) | WAL B/instance, own DB (cluster) | rows net / inserted /"
          " updated / deleted per instance | transactions / instance | load 1 min during runs |")
    print("|---|---|---|---|---|---|---|---|")
    ratios = []
    for lab in labels:
        for side in ("tessera", "flowable"):
            rs = by.get((lab, side), [])
            if not rs:
                continue
            wal_db = [r["wal_db"] for r in rs if r["wal_db"] is not None]
            print(f"| {lab} | {side} | {len(rs)} | {med([r['per_s'] for r in rs]):.0f} | "
                  f"{med(wal_db):.0f} ({med([r['wal_cluster'] for r in rs]):.0f}) | "
                  f"{med([r['rows_net'] for r in rs]):.2f} / {med([r['ins'] for r in rs]):.2f} / "
                  f"{med([r['upd'] for r in rs]):.2f} / {med([r['del'] for r in rs]):.2f} | "
                  f"{med([r['xacts'] for r in rs]):.3f} | "
                  f"{', '.join(r['load_before'].split()[0] for r in rs)} |")
        t, f = by.get((lab, "tessera"), []), by.get((lab, "flowable"), [])
        pairs = list(zip(t, f))
        if pairs:
            tp = med([a["per_s"] / b["per_s"] for a, b in pairs])
            wl = med([a["wal_db"] / b["wal_db"] for a, b in pairs if a["wal_db"] and b["wal_db"]])
            ratios.append((lab, tp, wl, len(pairs)))
    print()
    print("| threads | Tessera / Flowable throughput (median of pairs; goal ≥ 2) | Tessera / Flowable WAL per instance,"
          " own DB (goal ≤ 0.5) | pairs |")
    print("|---|---|---|---|")
    for lab, tp, wl, k in ratios:
        print(f"| {lab} | {tp:.2f} | {wl:.2f} | {k} |")


# --- statements per instance (bench/flows.sh profile) ----------------------------------------------

HELPER_SQL = ("pg_current_wal_lsn", "pg_stat_", "pg_database", 'deleted_at is null order by id', "replication_slot",
              "pg_get_wal", "select 'ready'", "pg_wal_lsn_diff", "pg_tables", "select count(*) from")


def statements(path, n):
    """Per statement text: calls and server time per instance, from log_min_duration_statement = 0 lines."""
    head = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] (\S*)@(\S*) LOG:  duration: ([\d.]+) ms  (statement|parse|bind|execute)"
                      r"( [^:]*)?: ?(.*)$")
    entries = []
    for line in open(path, errors="replace"):
        m = head.match(line)
        if m:
            entries.append([m.group(1), m.group(5), float(m.group(4)), m.group(7)])
        elif entries and (line.startswith((" ", "\t")) or not re.match(r"^\d{4}-", line)):
            entries[-1][3] += " " + line.strip()
    helpers = {e[0] for e in entries if any(h in e[3] for h in HELPER_SQL)}
    calls, ms, phase_ms = {}, {}, {}
    for pid, phase, d, sql in entries:
        if pid in helpers:
            continue
        key = re.sub(r"\s+", " ", sql).strip()[:110]
        phase_ms[phase] = phase_ms.get(phase, 0) + d
        if phase in ("execute", "statement"):
            calls[key] = calls.get(key, 0) + 1
        ms[key] = ms.get(key, 0) + d
    total = sum(phase_ms.values())
    print(f"{sum(calls.values()) / n:.1f} statements executed per instance, {total / n:.2f} ms server time per instance"
          f" (parse {phase_ms.get('parse', 0) / n:.2f}, bind {phase_ms.get('bind', 0) / n:.2f},"
          f" execute/simple {(phase_ms.get('execute', 0) + phase_ms.get('statement', 0)) / n:.2f}); "
          f"{len(helpers)} sessions of the harness left out\n")
    print("| calls / instance | server ms / instance | statement (first 110 characters) |")
    print("|---|---|---|")
    for key in sorted(ms, key=lambda k: -ms[k]):
        print(f"| {calls.get(key, 0) / n:.3f} | {ms[key] / n:.3f} | `{key.replace('|', '/')}` |")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("publish"); p.add_argument("url"); p.add_argument("path")
    p = sub.add_parser("leads"); p.add_argument("url"); p.add_argument("db"); p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=7)
    p = sub.add_parser("tessera"); p.add_argument("url"); p.add_argument("db"); p.add_argument("n", type=int)
    p.add_argument("--offset", type=int, default=0); p.add_argument("--callers", type=int, default=2)
    p.add_argument("--label", default="")
    p.add_argument("--wal-relations", help="write this database's WAL of the run per relation to this file")
    p = sub.add_parser("flowable"); p.add_argument("db"); p.add_argument("jar"); p.add_argument("threads", type=int)
    p.add_argument("n", type=int); p.add_argument("--label", default="")
    p = sub.add_parser("table"); p.add_argument("raw")
    p = sub.add_parser("statements"); p.add_argument("log"); p.add_argument("n", type=int)
    a = ap.parse_args()
    if a.cmd == "publish":
        publish(a.url, a.path)
    elif a.cmd == "leads":
        leads(a.url, a.db, a.n, a.seed)
    elif a.cmd == "tessera":
        tessera(a.url, a.db, a.n, a.offset, a.callers, a.label, a.wal_relations)
    elif a.cmd == "flowable":
        flowable(a.db, a.jar, a.threads, a.n, a.label)
    elif a.cmd == "statements":
        statements(a.log, a.n)
    else:
        table(a.raw)


if __name__ == "__main__":
    main()
