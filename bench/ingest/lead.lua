-- wrk script: one createIngestLead per request, with a fresh email and the phone of a seeded lead
-- (so the exact duplicate check finds a match every time, as the SQL peer's does), like pipe_exact.sql.
--   wrk -t1 -c4 -d15s -s bench/ingest/lead.lua http://127.0.0.1:18091/graphql -- 100000
-- Counting and the RESULT line come from ../post.lua.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "../post.lua")

local counter = 0
local started = 0
local base_setup = setup

function setup(thread)
  thread:set("id", started)
  started = started + 1
  base_setup(thread)
end

function init(args)
  seeded = tonumber(args[1] or "100000")
  math.randomseed(os.time() + (id or 0) * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  non200 = 0
  gql_errors = 0
end

function request()
  counter = counter + 1
  local i = math.random(1, seeded)
  -- one fixed document with variables, as integrators send it (the server caches the parsed document)
  local body = string.format('{"query":"mutation Ingest($in: IngestLeadInput!) { createIngestLead(input: $in) { id ownerId } }",'
    .. '"variables":{"in":{"name":"新客户%d","phone":"139%08d","email":"new%d.%d.%d@example.com","status":"new","score":10}}}',
    i, i, id or 0, counter, math.random(1, 1000000000))
  return wrk.format(nil, nil, nil, body)
end
