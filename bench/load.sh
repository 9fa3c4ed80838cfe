#!/usr/bin/env bash
# Load test of `tactful serve` with its default settings on 127.0.0.1: 1,500-character drafts,
# sustained for 30 s by wrk (Debian's package), 5,000 different drafts in turn. Prints throughput,
# latency percentiles and errors. The per-client rate limit is off for this run: all load comes
# from one client here, and the limit exists to stop one client, not to measure capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
PORT=${PORT:-8799}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-4}   # clients at once: a team of agents typing, each waiting for its review
.venv/bin/python - <<'PY'
import json, sys
sys.path.insert(0, "bench")
from engine_bench import draft
with open("bench/drafts1500.jsonl", "w") as fh:
    for seed in range(5000):
        fh.write(json.dumps({"text": draft(1500, seed=seed)}) + "\n")
PY
TACTFUL_RATE_LIMIT="" .venv/bin/tactful serve --port "$PORT" >/tmp/tactful-load.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
wrk -t1 -c4 -d5s -s bench/review.lua "http://127.0.0.1:$PORT/v1/review" >/dev/null   # warm-up
echo "tactful serve (default settings), 1,500-char drafts, wrk -t1 -c$CONNECTIONS -d$DURATION:"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/review.lua "http://127.0.0.1:$PORT/v1/review" | \
  grep -E "reviews/s|errors|latency p|Non-2xx|Requests/sec"
