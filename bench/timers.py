#!/usr/bin/env python3
"""Timer lateness (issue 12 item 8): N flow instances wait until their record's fireAt, spread over one
minute; lateness = when the wait step ended - fireAt. Used by bench/timers.sh.

  timers.py run URL DB N LEAD_SECONDS   # creates N benchTimer rows due in the minute after LEAD_SECONDS,
                                        # starts timer10k on them, waits, prints lateness percentiles (JSON)
"""
import datetime
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flows import gql, psql, loadavg  # noqa: E402


def run(url, db, n, lead):
    t0 = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=lead)
    rows = [{"name": f"timer{i}", "fireAt": (t0 + datetime.timedelta(milliseconds=60000 * i // n)).isoformat()}
            for i in range(n)]
    q = "mutation C($in: [BenchTimerInput!]!) { createBenchTimers(inputs: $in) { id } }"
    ids = []
    for i in range(0, n, 500):
        ids += [r["id"] for r in gql(url, q, {"in": rows[i:i + 500]})["createBenchTimers"]]
    made = datetime.datetime.now(datetime.timezone.utc)
    started = 0
    for i in range(0, n, 1000):
        started += gql(url, 'mutation S($ids: [ID!]!) { startFlows(flow: "timer10k", recordIds: $ids) }',
                       {"ids": ids[i:i + 1000]})["startFlows"]
    ready = datetime.datetime.now(datetime.timezone.utc)
    if ready >= t0:
        sys.exit(f"setting up took too long: the first timer was due before all were started ({ready} >= {t0})")
    load0 = loadavg()
    deadline = time.monotonic() + lead + 60 + 120
    while time.monotonic() < deadline:
        s = gql(url, '{ flowSummary(flow: "timer10k") { completed waiting running failed } }')["flowSummary"]
        if s["waiting"] == 0 and s["running"] == 0:
            break
        time.sleep(1)
    stats = psql(db, f"""
        select json_build_object('n', count(*),
          'p50_ms', percentile_cont(0.5) within group (order by late),
          'p99_ms', percentile_cont(0.99) within group (order by late),
          'max_ms', max(late), 'early', count(*) filter (where late < 0))
        from (select extract(epoch from s.ended_at - (r.data ->> 'fireAt')::timestamptz) * 1000 as late
              from tessera_flow_step s join tessera_flow_instance i on i.id = s.instance_id
              join "rec_benchTimer" r on r.id = i.record_id
              where s.node = 'pause' and s.status = 'completed' and i.flow = 'timer10k'
                and i.started_at >= '{made.isoformat()}'::timestamptz) x""")
    out = json.loads(stats)
    out.update({"timers": n, "started": started, "setup_secs": round((ready - (t0 - datetime.timedelta(seconds=lead))).total_seconds(), 1),
                "window_secs": 60, "load_before": load0, "load_after": loadavg(), "made": made.isoformat()})
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] != "run":
        sys.exit(__doc__)
    run(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
