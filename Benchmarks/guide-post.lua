-- wrk script: POST the six-member move-in to the guide API and fail loudly on anything but 200.
local file = io.open("Benchmarks/six-member-move-in.json", "r")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", bad))
end
