"""Every citizen-facing path as a ratio to what the machine's HTTP allows, in one run (issue 15).

Starts the release server on SQLite with the benchmark's no-work routes (`MADOGUCHI_BENCH_ROUTES=1`), then, with wrk
(2 threads, 32 connections by default), measures each route and right after it its HTTP ceiling: `/bench/bytes/{n}`,
the same method, request body and response size with no work behind it. Prints each route's requests/s, its ratio to
its ceiling and both p99s, as the README's performance table shows them; `--live N` adds a live call to N screens
(Benchmarks/live/bench.py) on the same build.

Usage: python3 Benchmarks/http/bench.py [--seconds 10] [--connections 32] [--live 2000] [--bin PATH]
       python3 Benchmarks/http/bench.py --short --bin .build/debug/madoguchi   (CI: 1 s per route, a live call to 20
       screens; fails on an answer that is not 200 or a screen that missed a call, never on a time)
Needs: wrk (apt-get install wrk), python3-requests."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests"))
import serverprocess  # noqa: E402

FAMILY = [("people", "2"), ("eventDate", "2026-04-01"),
          ("m0-relation", "head"), ("m0-sex", "female"), ("m0-birthDate", "1986-07-14"), ("m0-moving", "on"), ("m0-insurance", "national"),
          ("m1-relation", "child"), ("m1-sex", "male"), ("m1-birthDate", "2016-05-01"), ("m1-moving", "on"), ("m1-insurance", "national"),
          ("dogs", "1")]

# (name, method, path, body file or form, content type)
ROUTES = [
    ("guide API (six-member move-in)", "POST", "/api/v1/guide", os.path.join(ROOT, "Benchmarks/six-member-move-in.json"), "application/json"),
    ("guide result page (family of two)", "POST", "/guide/move-in", FAMILY, "application/x-www-form-urlencoded"),
    ("guide start page", "GET", "/guide", None, None),
    ("/healthz (a database ping)", "GET", "/healthz", None, None),
    ("kiosk page", "GET", "/kiosk", None, None),
    ("/congestion", "GET", "/congestion", None, None),
]


def wrk(url, seconds, connections, method="GET", body=None, content_type=None):
    environment = dict(os.environ, BENCH_METHOD=method, BENCH_BODY=body or "", BENCH_TYPE=content_type or "")
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s",
                             os.path.join(ROOT, "Benchmarks/http/request.lua"), url],
                            env=environment, capture_output=True, text=True, check=True).stdout
    line = re.search(r"BENCH requests=(\d+) seconds=([\d.]+) p50=([\d.]+) p99=([\d.]+) non200=(\d+) errors=(\d+)", output)
    if not line:
        sys.exit("wrk printed no result:\n" + output)
    requests_, seconds_, p50, p99, bad, errors = line.groups()
    return {"rate": int(requests_) / float(seconds_), "p50": float(p50), "p99": float(p99), "bad": int(bad) + int(errors)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build-release/release/madoguchi"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--live", type=int, default=0, help="also a live call to this many screens")
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--short", action="store_true", help="1 s per route, no warm-up, a live call to 20 screens: for CI")
    arguments = parser.parse_args()
    if arguments.short:
        arguments.seconds = 1
        arguments.live = arguments.live or 20
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if arguments.bin.endswith(".build-release/release/madoguchi"):
        subprocess.run(["swift", "build", "-c", "release", "--product", "madoguchi", "--scratch-path", ".build-release"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    data = tempfile.mkdtemp()
    environment = dict(os.environ, MADOGUCHI_BENCH_ROUTES="1", MADOGUCHI_QUEUE_ALWAYS_OPEN="1", LOG_LEVEL="warning")
    server = serverprocess.start(arguments.bin, arguments.port, os.path.join(ROOT, "Catalog"), environment, data=data)
    base = f"http://127.0.0.1:{arguments.port}"
    rows = []
    try:
        for name, method, path, body, content_type in ROUTES:
            if isinstance(body, list):
                form = os.path.join(data, "form.txt")
                with open(form, "w") as file:
                    file.write(urllib.parse.urlencode(body))
                body = form
            payload = open(body, "rb").read() if body else None
            answer = requests.request(method, base + path, data=payload, headers={"Content-Type": content_type} if content_type else {})
            if answer.status_code != 200:
                sys.exit(f"{method} {path} answered {answer.status_code}")
            size = len(answer.content)
            if not arguments.short:
                wrk(base + path, 2, arguments.connections, method, body, content_type)  # warm-up
            route = wrk(base + path, arguments.seconds, arguments.connections, method, body, content_type)
            ceiling = wrk(f"{base}/bench/bytes/{size}", arguments.seconds, arguments.connections, method, body, content_type)
            rows.append((name, method, path, size, route, ceiling))
            print(f"measured {method} {path}: {route['rate']:,.0f}/s against {ceiling['rate']:,.0f}/s", file=sys.stderr)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)

    print(f"\n{arguments.connections} connections, wrk -t2, {arguments.seconds} s each; the ceiling is /bench/bytes/{{n}}: "
          "the same method, request body and response size, no work\n")
    print("| route | answer | requests/s | ceiling/s | ratio | p99 | ceiling p99 | not 200 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, method, path, size, route, ceiling in rows:
        print(f"| {name}: `{method} {path}` | {size:,} B | {route['rate']:,.0f} | {ceiling['rate']:,.0f} | "
              f"**{route['rate'] / ceiling['rate']:.0%}** | {route['p99']:.1f} ms | {ceiling['p99']:.1f} ms | {route['bad']} |")
    failed = [f"{method} {path}: {route['bad']} answers not 200" for name, method, path, size, route, ceiling in rows if route["bad"]]
    failed += [f"{method} /bench/bytes/{size}: {ceiling['bad']} answers not 200" for name, method, path, size, route, ceiling in rows if ceiling["bad"]]
    if arguments.live:
        print(f"\nlive call to {arguments.live} screens:", flush=True)
        live = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/live/bench.py"), "--bin", arguments.bin,
                               "--clients", str(arguments.live)] + (["--calls", "3"] if arguments.short else []),
                              env=dict(os.environ, SKIP_BUILD="1"), check=False)
        if live.returncode != 0:
            failed.append(f"the live call failed ({live.returncode})")
    if failed:
        sys.exit("failed: " + "; ".join(failed))


if __name__ == "__main__":
    main()
