#!/usr/bin/env bash
# Runs the concurrency tests (two "call next" at once on one desk, two check-ins of one booking, two submissions
# of one draft, two state moves of one Case — each 50 rounds inside the test — and concurrent confirmations through
# the Case service, calls and check-ins through the queue service, each on its in-memory and SQL stores) N times in a row, on SQLite and,
# with MADOGUCHI_TEST_POSTGRES_URL set, on PostgreSQL; stops at the first failure.
# Usage: Benchmarks/concurrency/repeat.sh [N=100]     (after `swift build --build-tests`)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-100}"
# A copy of the test binary: a build started meanwhile cannot replace it under a run.
binary="$(mktemp -d)/tests.xctest"
cp .build/debug/madoguchiPackageTests.xctest "$binary"
started=$(date +%s)
for run in $(seq 1 "$runs"); do
  if ! "$binary" --testing-library swift-testing --filter "ConcurrencyTests|twoConfirmationsAtOnce|callsAtOnceOnOneDesk|aBookingChecksInOnce" >"$binary.log" 2>&1; then
    echo "run $run of $runs FAILED:"; grep -E "✘|recorded an issue" "$binary.log" | head -20; exit 1
  fi
done
echo "ConcurrencyTests passed $runs times in a row ($(( $(date +%s) - started )) s)${MADOGUCHI_TEST_POSTGRES_URL:+ on PostgreSQL}"
