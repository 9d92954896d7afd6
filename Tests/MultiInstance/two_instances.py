"""More than one server: two Madoguchi instances on one PostgreSQL database. A ticket is called on instance A;
a board connected to instance B must show it within one second (PostgreSQL LISTEN/NOTIFY, no broker).
Also checks that a board reconnecting to B gets the current call at once (no stale state).

Usage: python3 Tests/MultiInstance/two_instances.py --bin .build/debug/madoguchi --database-url postgres://…"""
import base64
import argparse
import os
import re
import subprocess
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import serverprocess  # noqa: E402
from serverprocess import csrf  # noqa: E402


def start(binary, catalog, port, environment):
    return serverprocess.start(binary, port, catalog, environment)


class Board(threading.Thread):
    """A board's event stream: (arrival time, data) of every event."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.events, self.lock = url, [], threading.Lock()

    def run(self):
        with requests.get(self.url, stream=True, timeout=(5, 60)) as response:
            for line in response.iter_lines(chunk_size=1, decode_unicode=True):
                if line and line.startswith("data: "):
                    with self.lock:
                        self.events.append((time.perf_counter(), line[6:]))

    def first_after(self, started, text, timeout=5):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                for arrived, data in self.events:
                    if arrived >= started and text in data:
                        return arrived - started
            time.sleep(0.005)
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/debug/madoguchi")
    parser.add_argument("--catalog", default="Catalog")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--ports", default="18301,18302")
    arguments = parser.parse_args()
    port_a, port_b = (int(p) for p in arguments.ports.split(","))
    # Instances sharing a database share the personal-data key (without one, an instance refuses to start).
    environment = dict(os.environ, DATABASE_URL=arguments.database_url, LOG_LEVEL="warning",
                       MADOGUCHI_DATA_KEY=base64.b64encode(os.urandom(32)).decode(),
                       MADOGUCHI_QUEUE_ALWAYS_OPEN="1")  # the test runs at any hour
    a = start(arguments.bin, arguments.catalog, port_a, environment)
    b = start(arguments.bin, arguments.catalog, port_b, environment)
    base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    try:
        subprocess.run([arguments.bin, "user", "add", "multi1", "--role", "counter", "--catalog", arguments.catalog],
                       input="multi-instance-password\n", text=True, env=environment, check=True, capture_output=True)
        kiosk = requests.Session()
        labels = []
        for _ in range(5):
            page = kiosk.get(base_a + "/kiosk")
            receipt = kiosk.post(base_a + "/kiosk/tickets", data={"section": "ZEIMU", "_csrf": csrf(page.text)})
            labels.append(re.search(r'id="ticket-number">([A-Z]-\d+)<', receipt.text).group(1))

        board = Board(base_b + "/queue/live")
        board.start()
        if board.first_after(0, '"version"', timeout=5) is None:
            sys.exit("the board on instance B got no state")

        staff = requests.Session()
        login = staff.get(base_a + "/login")
        staff.post(base_a + "/login", data={"username": "multi1", "password": "multi-instance-password", "_csrf": csrf(login.text)})
        desk = base_a + "/queue/desk/ZEIMU/1"
        staff.post(desk, data={"action": "open", "_csrf": csrf(staff.get(desk).text)})
        latencies = []
        for label in labels:
            token = csrf(staff.get(desk).text)
            started = time.perf_counter()
            staff.post(desk, data={"action": "call", "_csrf": token}, allow_redirects=False)
            latency = board.first_after(started, f'"label":"{label}"')
            if latency is None:
                sys.exit(f"the call of {label} on instance A never reached the board on instance B")
            latencies.append(latency)
        print("call on A → board on B: " + ", ".join(f"{l * 1000:.0f} ms" for l in latencies))

        # A board that (re)connects to B gets the current call at once.
        again = Board(base_b + "/queue/live")
        started = time.perf_counter()
        again.start()
        if again.first_after(started, f'"label":"{labels[-1]}"', timeout=2) is None:
            sys.exit("a board reconnecting to B did not get the current call")
        if max(latencies) >= 1.0:
            sys.exit(f"too slow: {max(latencies) * 1000:.0f} ms (target < 1 s)")
        print(f"1 passed: {len(latencies)} calls, slowest {max(latencies) * 1000:.0f} ms (target < 1 s)")
    finally:
        a.terminate()
        b.terminate()
        a.wait()
        b.wait()


if __name__ == "__main__":
    main()
