"""Publishes bench/ingest/definitions.json, creates the 100-user team "ingest" and seeds SEED leads
(phone 139 + 8 digits of i, email lead{i}@example.com) through GraphQL batch creates, 4 at a time."""
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

url, defs_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])


def gql(query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json", "X-Tessera-User": "seed"})
    with urllib.request.urlopen(req, timeout=600) as r:
        out = json.load(r)
    if out.get("errors"):
        raise SystemExit(f"GraphQL errors: {out['errors'][:2]}")
    return out["data"]


defs = json.load(open(defs_path))


def publish(definitions):
    r = gql("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied version problems { path message } } }",
            {"d": definitions})
    if r["publishDefinitions"]["problems"]:
        raise SystemExit(r["publishDefinitions"]["problems"])


# the entities first (the built-in user and team entities come with them), then the team the assignment
# rule names (a rule naming a team that does not exist is refused), then the rules
publish([d for d in defs if d["kind"] == "entity"])
users = [{"username": f"sales{i:03d}", "name": f"销售{i:03d}", "workingDays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]} for i in range(100)]
ids = [u["id"] for u in gql("mutation U($i: [UserInput!]!) { createUsers(inputs: $i) { id } }", {"i": users})["createUsers"]]
team = gql('mutation { createTeam(input: {code: "ingest", name: "录入组"}) { id } }')["createTeam"]["id"]
gql("mutation M($i: [TeamMemberInput!]!) { createTeamMembers(inputs: $i) { id } }", {"i": [{"team": team, "member": u} for u in ids]})
publish(defs)

start = time.time()


def batch(lo):
    leads = [{"name": f"客户{i}", "phone": f"139{i:08d}", "email": f"lead{i}@example.com", "status": "new", "score": i % 100} for i in range(lo, min(lo + 1000, seed + 1))]
    gql("mutation L($i: [IngestLeadInput!]!) { createIngestLeads(inputs: $i) { id } }", {"i": leads})


with ThreadPoolExecutor(4) as pool:
    list(pool.map(batch, range(1, seed + 1, 1000)))
print(f"seeded {seed} leads in {time.time() - start:.0f} s; team of {len(ids)} users")
