-- wrk script: POST bodies read from a file (one per line), in turn, to the path given as the
-- first argument; the content type is the second argument. Prints, at the end, one JSON line:
-- requests, non-2xx/3xx responses, socket errors, duration and latency percentiles (ms).
-- usage: wrk -t T -c C -d 20s -s post.lua URL -- PATH CONTENT_TYPE BODIES_FILE
local bodies = {}
local i = 0
local path, ctype

function init(args)
  path, ctype = args[1], args[2]
  for line in io.lines(args[3]) do
    bodies[#bodies + 1] = line
  end
  -- each thread starts at a different place in the list
  i = math.random(#bodies)
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", path, {["Content-Type"] = ctype}, bodies[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_s": %.3f, "status_errors": %d, "socket_errors": %d, ' ..
    '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
end
