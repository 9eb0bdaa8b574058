-- wrk script: POSTs one GraphQL body and counts the answers that are not a clean success.
--   wrk -t1 -c16 -d10s --latency -s bench/post.lua URL -- body.json
-- The last line it prints is machine-readable:
--   RESULT requests=N duration_s=S rps=R non200=N gql_errors=N socket_errors=N p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..
-- A response counts under non200 when its status is not 200, under gql_errors when it is 200 but
-- its body has a top-level "errors" member (or no "data" at all).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local path = args[1]
  if path == nil then
    error("usage: wrk ... -s post.lua URL -- body.json")
  end
  local f = assert(io.open(path, "r"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  -- Tessera requires a credential: run.sh sets BENCH_AUTHORIZATION for its side only
  local auth = os.getenv("BENCH_AUTHORIZATION")
  if auth ~= nil and auth ~= "" then
    wrk.headers["Authorization"] = auth
  end
  non200 = 0
  gql_errors = 0
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
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f non200=%d gql_errors=%d socket_errors=%d " ..
    "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
    summary.requests, secs, summary.requests / secs, bad, errs, sock,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
