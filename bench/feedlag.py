#!/usr/bin/env python3
"""Change-feed lag as the flow engine sees it (issue 12 item 8): publishes a recordCreated flow on
benchTimer (bench/timers.sh creates the entity), creates records from 4 writers for DUR seconds, then reports
the lag from each change's insert (tessera_change.committed_at) to the start of the flow instance it caused
(the flows subscriber's transaction): p50, p99, max.

  bench/feedlag.py URL DB [DUR]     # TESSERA_AUTHORIZATION: "Bearer <admin key>" (bench/timers.sh keeps one)
"""
import sys
import threading
import time

sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from flows import gql, psql  # noqa: E402


def main(url, db, dur):
    flow = {"kind": "flow", "name": "lagProbe", "label": {"zh-CN": "延迟探针", "en": "Lag probe"},
            "trigger": {"type": "recordCreated", "entity": "benchTimer"},
            "nodes": [{"id": "seen", "type": "setVariable", "name": "seen", "value": "true"}],
            "edges": [{"from": "trigger", "to": "seen"}]}
    out = gql(url, "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { message } } }",
              {"d": [flow]})["publishDefinitions"]
    if out["problems"]:
        sys.exit("publish refused: %s" % out["problems"])
    t0 = time.time()
    stop = t0 + dur
    count = [0]

    def writer():
        while time.time() < stop:
            gql(url, 'mutation { createBenchTimer(input: {name: "lag"}) { id } }')
            count[0] += 1

    threads = [threading.Thread(target=writer) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    time.sleep(5)
    print('{"created": %d, "per_s": %.1f, "lag": %s}' % (count[0], count[0] / dur, psql(db, f"""
        select json_build_object('n', count(*), 'p50_ms', percentile_cont(0.5) within group (order by l),
          'p99_ms', percentile_cont(0.99) within group (order by l), 'max_ms', max(l))
        from (select extract(epoch from i.started_at - c.committed_at) * 1000 l from tessera_flow_instance i
              join tessera_change c on c.record_id = i.record_id and c.operation = 'CREATE'
              where i.flow = 'lagProbe' and i.started_at > to_timestamp({t0})) x""")))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20)
