-- wrk script for Benchmarks/submissions/bench.py: each connection saves prepared drafts again and again (the
-- citizen's "save" on the application form: household, names and addresses checked and stored durably), in
-- turn, and counts the acknowledgements (303 back to the form, sent only after the commit).
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
  local form = args[3]
  drafts = {}
  local index = 0
  for line in io.lines(file) do
    if index % count == id then
      local path, cookie, csrf = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
      table.insert(drafts, {path = path, cookie = cookie, body = "_csrf=" .. csrf .. "&" .. form})
    end
    index = index + 1
  end
  next_draft = 1
  acked = 0
  refused = 0
end

function request()
  local draft = drafts[next_draft]
  next_draft = next_draft % #drafts + 1
  return wrk.format("POST", draft.path,
    {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = draft.cookie}, draft.body)
end

function response(status, headers, body)
  if status == 303 then acked = acked + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local acked_total, refused_total = 0, 0
  for _, thread in ipairs(threads) do
    acked_total = acked_total + thread:get("acked")
    refused_total = refused_total + thread:get("refused")
  end
  io.write(string.format("RESULT acked=%d refused=%d left=0 seconds=%.3f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    acked_total, refused_total, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
