#!/usr/bin/env bash
# Load test of the guide API with wrk: builds the release binary, starts it on SQLite, posts the
# six-member move-in of `madoguchi bench` for 30 s over 32 connections, and prints wrk's figures.
# Target (issue 2): ≥ 3,000 requests/s with p99 < 20 ms on a 2-core machine.
# Needs: wrk (apt-get install wrk). Usage: Benchmarks/guide-load.sh [duration] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30s}
connections=${2:-32}
port=18090
data=$(mktemp -d)
swift build -c release --product madoguchi --scratch-path .build-release >/dev/null
.build-release/release/madoguchi serve --port "$port" --data "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 30); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS -o /dev/null -w "warm-up: HTTP %{http_code}\n" -H 'Content-Type: application/json' \
  --data-binary @Benchmarks/six-member-move-in.json "http://127.0.0.1:$port/api/v1/guide"
wrk -t2 -c"$connections" -d"$duration" --latency -s Benchmarks/guide-post.lua "http://127.0.0.1:$port/api/v1/guide"
