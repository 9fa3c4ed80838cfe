-- wrk script: POST 1,500-character drafts to /v1/review, cycling through many different drafts
-- (one JSON body per line of the file) so the server's sentence cache is not flattering.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {}
for line in io.lines(os.getenv("TACTFUL_BENCH_BODIES") or "bench/drafts1500.jsonl") do
  bodies[#bodies + 1] = line
end
local i = 0

request = function()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end

done = function(summary, latency, requests)
  io.write(string.format("reviews/s: %.1f over %.1f s (%d reviews)\n",
    summary.requests / (summary.duration / 1e6), summary.duration / 1e6, summary.requests))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  for _, p in pairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%g: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
