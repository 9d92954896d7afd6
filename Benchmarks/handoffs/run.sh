#!/usr/bin/env bash
# Hand-offs to core systems, measured and checked (issue 11):
#   1. rate: 10,000 hand-offs pushed (signed) to a local core system, then 10,000 fetched and acknowledged
#      through the pull API over HTTP;
#   2. exactly once: 10,000 pushed to a flaky core system (30 % dropped, 10 % answered late after applying,
#      5 % replayed) while the worker is stopped at random; the set it applied must equal the set Madoguchi
#      shows as delivered, none applied twice, each household in order.
# Usage: Benchmarks/handoffs/run.sh [COUNT]   (release build: swift build -c release --product madoguchi)
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT="${1:-10000}"
BIN="${MADOGUCHI_BIN:-.build/release/madoguchi}"
[ -x "$BIN" ] || BIN=.build/debug/madoguchi
WORK="$(mktemp -d)"
trap 'kill "$(cat "$WORK/target.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$WORK"' EXIT
SECRET="whsec_$(python3 -c 'import base64,secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"

start_target() {  # prints the port
  python3 Tests/HandoffTarget/flaky_target.py --port 0 --secret "$SECRET" "$@" > "$WORK/target.out" 2>/dev/null &
  echo $! > "$WORK/target.pid"
  for _ in $(seq 50); do grep -q listening "$WORK/target.out" 2>/dev/null && break; sleep 0.1; done
  awk '{print $3}' "$WORK/target.out"
}

echo "== rate ($COUNT hand-offs each way)"
PORT=$(start_target)
"$BIN" handoff bench --data "$WORK/rate" --count "$COUNT" --push-url "http://127.0.0.1:$PORT/hooks" --push-secret "$SECRET"
kill "$(cat "$WORK/target.pid")" 2>/dev/null || true

echo "== exactly once through a flaky core system ($COUNT hand-offs)"
PORT=$(start_target --drop 0.3 --late 0.1 --replay 0.05 --hold 0.8 --seed 11)
"$BIN" handoff bench --data "$WORK/chaos" --count "$COUNT" --push-url "http://127.0.0.1:$PORT/hooks" --push-secret "$SECRET" \
  --chaos --no-pull --delivered-file "$WORK/delivered.txt"
curl -s "http://127.0.0.1:$PORT/state" > "$WORK/state.json"
python3 - "$WORK/state.json" "$WORK/delivered.txt" "$COUNT" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
delivered = set(open(sys.argv[2]).read().split())
applied = state["applied"]
print(f"core system received {state['received']} requests: dropped {state['dropped']}, late {state['late']}, "
      f"replayed {state['replayed']}, duplicates ignored {state['duplicates']}, cut off {state.get('incomplete', 0)}, "
      f"bad signatures {state['bad_signatures']}")
print(f"applied {len(applied)} ({len(set(applied))} distinct); Madoguchi shows {len(delivered)} delivered; "
      f"lost {len(delivered - set(applied)) + (int(sys.argv[3]) - len(delivered))}; applied twice {len(applied) - len(set(applied))}; "
      f"household order broken {len(state['orderViolations'])}")
ok = set(applied) == delivered and len(delivered) == int(sys.argv[3]) and len(applied) == len(set(applied)) \
    and not state["orderViolations"] and state["bad_signatures"] == 0
print("OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
