#!/usr/bin/env python3
"""A core system that receives Madoguchi's pushed hand-offs, for the tests and the benchmark.

It checks every message by the Standard Webhooks rules, written here independently of Madoguchi's Swift code
(webhook-id, webhook-timestamp within 5 minutes, webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>"
with the key the base64 after "whsec_", any of several space-separated signatures, compared in constant time),
and applies each hand-off once by its webhook-id, as a core system that stores the id does.

With --drop/--late/--replay it behaves like a flaky one: it drops a share of requests (the connection closes
with no answer, nothing applied), answers a share only after --hold seconds *after* applying (the sender has
given up by then), and applies a share twice (a replayed request; the id makes the second a no-op).

  POST /hooks            a hand-off (2xx once applied)
  POST /gone             always 410 Gone
  POST /stall            answers 200 and then never sends the body it announced
  POST /config           {"secrets": [...]}: the secrets to check with
  GET  /state            what was applied, in order, and what went wrong

Prints "listening on <port>" once ready (--port 0 picks a free one).
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE = 300


def verify(secrets, msg_id, timestamp, signatures, body, now=None):
    """The Standard Webhooks check: True when one v1 signature matches one secret and the time is near."""
    if not msg_id or not timestamp or not signatures:
        return False
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - sent) > TOLERANCE:
        return False
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    for secret in secrets:
        key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        for signature in signatures.split(" "):
            version, _, value = signature.partition(",")
            if version == "v1" and hmac.compare_digest(value.encode(), expected.encode()):
                return True
    return False


class CoreSystem:
    def __init__(self, secrets, drop, late, replay, seed):
        self.secrets = list(secrets)
        self.drop, self.late, self.replay = drop, late, replay
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.applied = []            # hand-off ids in the order they were applied
        self.applied_ids = set()
        self.last_seq = {}           # household key → seq of the last one applied
        self.order_violations = []
        self.counts = {"received": 0, "dropped": 0, "late": 0, "replayed": 0, "duplicates": 0, "bad_signatures": 0, "incomplete": 0}

    def roll(self):
        with self.lock:
            return self.random.random()

    def apply(self, msg_id, message):
        """Applies a hand-off once; a second time with the same id changes nothing."""
        with self.lock:
            if msg_id in self.applied_ids:
                self.counts["duplicates"] += 1
                return
            data = message["data"]
            if data["id"] != msg_id:
                raise ValueError("webhook-id and data.id differ")
            household, seq = data["householdKey"], data["seq"]
            if seq < self.last_seq.get(household, -1):
                self.order_violations.append({"household": household, "seq": seq, "after": self.last_seq[household]})
            self.last_seq[household] = max(seq, self.last_seq.get(household, -1))
            self.applied.append(msg_id)
            self.applied_ids.add(msg_id)

    def count(self, name):
        with self.lock:
            self.counts[name] += 1

    def state(self):
        with self.lock:
            return {"applied": list(self.applied), "orderViolations": list(self.order_violations), **self.counts}


def handler_for(system, hold):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # One segment per answer: headers and body written separately meet delayed ACKs and wait 40 ms.
        disable_nagle_algorithm = True
        wbufsize = 64 * 1024

        def log_message(self, *args):
            pass

        def answer(self, status, payload=None):
            body = json.dumps(payload if payload is not None else {}).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def body(self):
            length = int(self.headers.get("Content-Length", "0") or 0)
            body = self.rfile.read(length)
            # The sender went away mid-request (a stopped worker): nothing to check, nothing to apply.
            return body if len(body) == length else None

        def do_GET(self):
            if self.path == "/state":
                self.answer(200, system.state())
            else:
                self.answer(404)

        def do_POST(self):
            body = self.body()
            if body is None:
                system.count("incomplete")
                self.close_connection = True
                return
            if self.path == "/config":
                system.secrets = json.loads(body)["secrets"]
                return self.answer(200)
            if self.path == "/gone":
                return self.answer(410, {"error": "this endpoint is gone"})
            if self.path == "/stall":
                # Headers and a promise of a body that never comes.
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.flush()
                time.sleep(30)
                self.close_connection = True
                return
            if self.path != "/hooks":
                return self.answer(404)
            system.count("received")
            msg_id = self.headers.get("webhook-id")
            if not verify(system.secrets, msg_id, self.headers.get("webhook-timestamp"), self.headers.get("webhook-signature"), body):
                system.count("bad_signatures")
                return self.answer(401, {"error": "bad signature"})
            roll = system.roll()
            if roll < system.drop:
                # Lost on the way: nothing applied, no answer.
                system.count("dropped")
                self.close_connection = True
                return
            message = json.loads(body)
            system.apply(msg_id, message)
            if roll < system.drop + system.replay:
                system.count("replayed")
                system.apply(msg_id, message)
            if roll >= 1 - system.late:
                # Applied, but the answer comes too late for the sender.
                system.count("late")
                time.sleep(hold)
            self.answer(200, {"received": msg_id})

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", action="append", default=[])
    parser.add_argument("--drop", type=float, default=0.0)
    parser.add_argument("--late", type=float, default=0.0)
    parser.add_argument("--replay", type=float, default=0.0)
    parser.add_argument("--hold", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--exit-with-stdin", action="store_true")
    args = parser.parse_args()
    system = CoreSystem(args.secret, args.drop, args.late, args.replay, args.seed)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(system, args.hold))
    server.daemon_threads = True
    print(f"listening on {server.server_address[1]}", flush=True)
    if args.exit_with_stdin:
        # Ends with whoever started it: its stdin closes when that process ends, even by a kill.
        def watch():
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
