-- wrk reports p50/p75/p90/p99 with --latency; the goal is stated at p95, so print it (and the errors) at the end.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d requests, %.0f req/s, %d errors (non-2xx %d)\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.requests / (summary.duration / 1e6), errors, summary.errors.status))
end
