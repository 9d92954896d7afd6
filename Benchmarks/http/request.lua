-- wrk script for Benchmarks/http/bench.py: the method, body and content type from the environment
-- (BENCH_METHOD, BENCH_BODY a file, BENCH_TYPE); counts answers that are not 200 and prints them at the end.
local method = os.getenv("BENCH_METHOD") or "GET"
wrk.method = method
local path = os.getenv("BENCH_BODY")
if path and path ~= "" then
  local file = io.open(path, "rb")
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = os.getenv("BENCH_TYPE")
end

-- Each wrk thread runs its own Lua state: the count is a global of each thread's state, summed in `done`.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("bad") end
  io.write(string.format("BENCH requests=%d seconds=%.3f p50=%.3f p99=%.3f non200=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
