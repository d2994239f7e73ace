-- wrk script: each request posts a rating for the next pre-issued code (codes.txt, one per line).
-- Threads take interleaved codes so that no code is used twice.
local codes = {}
local body = '{"courtesy":4,"competence":5,"timeliness":4,"resolved":5,"trust":8}'
local counter, step = 0, 1
local threads = {}
statuses = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  for line in io.lines(args[1] or "codes.txt") do codes[#codes + 1] = line end
  step = tonumber(args[2] or "1")
  idx = id + 1
end

function request()
  local code = codes[idx]
  idx = idx + step
  if code == nil then code = "EXHAUSTED" end
  -- Each request from its own resident address, as the reverse proxy reports it (Senim trusts the loopback proxy).
  local from = string.format("%d.%d.%d.%d", math.random(1, 223), math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/api/v1/feedback/" .. code, { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = from }, body)
end

function response(status, headers, b)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(all) do parts[#parts + 1] = status .. ":" .. n end
  table.sort(parts)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f requests=%d duration_s=%.2f statuses=%s\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, summary.duration / 1e6, table.concat(parts, ",")))
end
