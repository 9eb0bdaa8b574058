-- wrk script: one createIngestLead per request, with a fresh email and the phone of a seeded lead
-- (so the exact duplicate check finds a match every time, as the SQL peer's does), like pipe_exact.sql.
--   wrk -t1 -c4 -d15s -s bench/ingest/lead.lua http://127.0.0.1:18091/graphql -- 100000
-- Last line: RESULT requests=N duration_s=S rps=R non200=N gql_errors=N p50_ms=.. p99_ms=..
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
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

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif string.find(body, '"errors"%s*:') or not string.find(body, '"data"%s*:') then
    gql_errors = gql_errors + 1
  end
end

function done(summary, latency, requests)
  local bad, errs = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
    errs = errs + (t:get("gql_errors") or 0)
  end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f non200=%d gql_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, secs, summary.requests / secs, bad, errs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
