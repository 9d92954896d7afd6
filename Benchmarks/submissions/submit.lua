-- wrk script for Benchmarks/submissions/bench.py: each connection posts prepared drafts' final "submit"
-- (each draft once), counts the acknowledgements (303 to the done page) and stops when its share runs out.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  local count = tonumber(args[2])
  drafts = {}
  local index = 0
  for line in io.lines(file) do
    if index % count == id then
      local path, cookie, csrf = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
      table.insert(drafts, {path = path, cookie = cookie, body = "_csrf=" .. csrf})
    end
    index = index + 1
  end
  total = #drafts
  next_draft = 1
  acked = 0
  refused = 0
end

function request()
  local draft = drafts[next_draft]
  if draft == nil then
    wrk.thread:stop()
    draft = drafts[#drafts]
  end
  next_draft = next_draft + 1
  return wrk.format("POST", draft.path .. "/submit",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = draft.cookie}, draft.body)
end

function response(status, headers, body)
  if status == 303 then acked = acked + 1 else refused = refused + 1 end
  if next_draft > #drafts then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local acked_total, refused_total, left = 0, 0, 0
  for _, thread in ipairs(threads) do
    acked_total = acked_total + thread:get("acked")
    refused_total = refused_total + thread:get("refused")
    left = left + math.max(0, thread:get("total") - thread:get("next_draft") + 1)
  end
  io.write(string.format("RESULT acked=%d refused=%d left=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    acked_total, refused_total, left, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
