"""Live calls to many screens: N clients (half boards, half citizens' ticket pages) hold Server-Sent Events
connections; counters call tickets; for each call, the time from sending the call until each client has
received the new state. Targets: p99 < 200 ms with 2,000 clients on SQLite; < 300 ms over two PostgreSQL instances
(issue 15). The screens are read by worker processes (`screens.py`), so the measuring client is not the bottleneck.

Usage: python3 Benchmarks/live/bench.py [--clients 500] [--calls 20]   (builds and starts the release server on SQLite)
       python3 Benchmarks/live/bench.py --database-url postgres://… --instances 2   (clients spread over two instances)"""
import base64
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests"))
import serverprocess  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from screens import Screens  # noqa: E402
from serverprocess import csrf  # noqa: E402


def start(binary, port, data, environment):
    return serverprocess.start(binary, port, os.path.join(ROOT, "Catalog"), environment, data=data)


def measure(arguments, ports, binary, environment):
    base = f"http://127.0.0.1:{ports[0]}"
    kiosk = requests.Session()
    tokens = []
    for _ in range(max(arguments.calls, arguments.clients // 2)):
        page = kiosk.get(base + "/kiosk")
        receipt = kiosk.post(base + "/kiosk/tickets", data={"section": "JUMIN", "_csrf": csrf(page.text)}, allow_redirects=False)
        tokens.append(receipt.headers["location"].rsplit("/", 1)[1])
    port_paths = []
    for index in range(arguments.clients):
        path = "/queue/live" if index % 2 == 0 else f"/t/{tokens[(index // 2) % len(tokens)]}/live"
        port_paths.append((ports[index % len(ports)], path))
    screens = Screens(port_paths, arguments.client_processes)
    try:
        screens.wait_connected(timeout=60)
        print(f"{screens.count} clients connected ({sum(1 for _, path in port_paths if path == '/queue/live')} boards) "
              f"over {len(ports)} instance(s), read by {arguments.client_processes} client processes")

        subprocess.run([binary, "user", "add", "bench1", "--role", "counter", "--catalog", os.path.join(ROOT, "Catalog")]
                       + (["--data", environment["MADOGUCHI_DATA"]] if "MADOGUCHI_DATA" in environment else []),
                       input="bench-password-123\n", text=True, env=environment, check=True, capture_output=True)
        staff = requests.Session()
        login = staff.get(base + "/login")
        staff.post(base + "/login", data={"username": "bench1", "password": "bench-password-123", "_csrf": csrf(login.text)})
        desk = base + "/queue/desk/JUMIN/1"
        staff.post(desk, data={"action": "open", "_csrf": csrf(staff.get(desk).text)})
        time.sleep(1)

        latencies = []
        for _ in range(arguments.calls):
            token = csrf(staff.get(desk).text)
            before = screens.newest_version()
            screens.start_waiting(before, 5)
            started = time.perf_counter()
            staff.post(desk, data={"action": "call", "_csrf": token}, allow_redirects=False)
            answered = time.perf_counter()
            call = sorted((arrived - started) if arrived is not None else float("inf") for arrived in screens.arrivals())
            latencies += call
            if arguments.verbose:
                print(f"call answered after {(answered - started) * 1000:.0f} ms; first screen {call[0] * 1000:.0f} ms, "
                      f"half {call[len(call) // 2] * 1000:.0f} ms, last {call[-1] * 1000:.0f} ms")
            time.sleep(arguments.pause)
    finally:
        screens.stop()
    latencies.sort()
    missed = sum(1 for latency in latencies if latency == float("inf"))

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    print(f"{arguments.calls} calls × {screens.count} clients = {len(latencies)} deliveries, missed {missed}: "
          f"p50 {percentile(0.5):.0f} ms, p99 {percentile(0.99):.0f} ms, max {latencies[-1] * 1000:.0f} ms "
          f"(target p99 < {300 if len(ports) > 1 else 200} ms)")
    return missed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build-release/release/madoguchi"))
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.3)
    parser.add_argument("--database-url")
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="print each call's figures")
    parser.add_argument("--client-processes", type=int, default=2, help="worker processes reading the screens")
    arguments = parser.parse_args()
    if not os.environ.get("SKIP_BUILD"):
        subprocess.run(["swift", "build", "-c", "release", "--product", "madoguchi", "--scratch-path", ".build-release"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    data = tempfile.mkdtemp(prefix="bench-live-")
    # One client takes every ticket: lift the kiosk limit that protects a real kiosk.
    environment = dict(os.environ, LOG_LEVEL="error", MADOGUCHI_DATA=data, MADOGUCHI_KIOSK_TICKETS_PER_MINUTE="100000",
                       MADOGUCHI_QUEUE_ALWAYS_OPEN="1")
    if arguments.database_url:
        environment["DATABASE_URL"] = arguments.database_url
        environment["MADOGUCHI_DATA_KEY"] = base64.b64encode(os.urandom(32)).decode()
    ports = [18401 + index for index in range(arguments.instances)]
    servers = []
    try:
        for port in ports:  # one after another: the first migrates
            servers.append(start(arguments.bin, port, data, environment))
        missed = measure(arguments, ports, arguments.bin, environment)
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        shutil.rmtree(data, ignore_errors=True)
    if missed:
        sys.exit(f"{missed} deliveries missed")


if __name__ == "__main__":
    main()
