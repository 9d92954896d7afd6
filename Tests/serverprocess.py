"""What the scripts beside `swift test` share (durability, two instances, the HTTP benchmarks): starting a
Madoguchi server and waiting until it answers, and reading the CSRF token of a page's form."""
import re
import subprocess
import sys
import time

import requests


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def start(binary, port, catalog, environment, data=None, attempts=150):
    """`madoguchi serve` on 127.0.0.1:port; returns the process once /healthz answers 200 (0.2 s per attempt)."""
    command = [binary, "serve", "--port", str(port), "--catalog", catalog] + (["--data", data] if data else [])
    server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(attempts):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.kill()
    sys.exit(f"the server on port {port} did not start")
