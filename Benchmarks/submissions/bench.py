"""Acknowledged online submissions per second on SQLite (durable), with p99 latency, side by side with the
raw rate of durable single-row SQLite commits (WAL, synchronous=FULL) on the same disk, in the same run.

1. raw: one process commits single-row inserts, one transaction each, for a few seconds (the physical
   limit of one-commit-per-submission on this disk);
2. the release server is started on a fresh data directory on the same disk; drafts are prepared
   (household, names, addresses: ready to submit), then wrk posts their final "submit" over many
   connections, each draft once; an acknowledgement is the 303 to the page that shows the reference,
   sent only after the commit;
3. before that, the same drafts are saved again and again for a few seconds (the citizen's "save": the
   household checked and stored durably, the procedures recomputed), counting the 303s that follow each commit;
4. the database is read back: every acknowledged submission must be there.

Usage: python3 Benchmarks/submissions/bench.py [--drafts 12000] [--connections 32] [--seconds 5]
Needs: wrk, Python requests; builds the release binary into .build-release."""
import argparse
import concurrent.futures
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Durability"))
from kill9 import ADDRESSES, GUIDE, PEOPLE  # noqa: E402  the same application the durability test posts
sys.path.insert(0, os.path.join(ROOT, "Tests"))
import serverprocess  # noqa: E402
from serverprocess import csrf  # noqa: E402


def raw_commits(folder, seconds):
    path = os.path.join(folder, "raw.sqlite")
    connection = sqlite3.connect(path, isolation_level=None)
    assert connection.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE submission (id INTEGER PRIMARY KEY, reference TEXT, payload TEXT)")
    payload = "x" * 600
    count, start = 0, time.perf_counter()
    latencies = []
    while time.perf_counter() - start < seconds:
        began = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO submission (reference, payload) VALUES (?, ?)", (f"R{count}", payload))
        connection.execute("COMMIT")
        latencies.append(time.perf_counter() - began)
        count += 1
    elapsed = time.perf_counter() - start
    connection.close()
    latencies.sort()
    return count / elapsed, latencies[int(len(latencies) * 0.99)] * 1000


def form_fields():
    """The application form as a citizen fills it: names and both addresses."""
    fields = {}
    for index, (family, given, kana_family, kana_given) in enumerate(PEOPLE):
        fields.update({f"m{index}-family": family, f"m{index}-given": given,
                       f"m{index}-familyKana": kana_family, f"m{index}-givenKana": kana_given})
    for prefix, parts in ADDRESSES:
        for name, value in zip(("postcode", "prefecture", "city", "town", "banchi"), parts):
            fields[f"{prefix}-{name}"] = value
    return fields


def prepare(base):
    """A draft filled in and checked, ready to submit: (path, cookie header, csrf token)."""
    session = requests.Session()
    form = session.post(base + "/apply", data=GUIDE, timeout=30)
    form.raise_for_status()
    path = form.url.split("?")[0][len(base):]
    fields = {"_csrf": csrf(form.text), "action": "check", "website": "", **form_fields()}
    check = session.post(base + path, data=fields, timeout=30)
    check.raise_for_status()
    cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    return path, cookie, csrf(check.text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build-release/release/madoguchi"))
    parser.add_argument("--drafts", type=int, default=12000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--catalog", default=os.path.join(ROOT, "Catalog"))
    arguments = parser.parse_args()
    if not os.environ.get("SKIP_BUILD"):
        subprocess.run(["swift", "build", "-c", "release", "--product", "madoguchi", "--scratch-path", ".build-release"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    # The same disk as the project (not a tmpfs /tmp).
    folder = tempfile.mkdtemp(prefix="bench-submissions-", dir=os.path.join(ROOT, ".build-release"))
    try:
        rate, p99 = raw_commits(folder, 5)
        print(f"raw durable single-row commits (WAL, synchronous=FULL): {rate:,.0f}/s, p99 {p99:.2f} ms")

        data = os.path.join(folder, "data")
        environment = dict(os.environ, MADOGUCHI_SUBMISSIONS_PER_HOUR="100000000", LOG_LEVEL="error")
        server = serverprocess.start(arguments.bin, arguments.port, arguments.catalog, environment, data=data, attempts=100)
        base = f"http://127.0.0.1:{arguments.port}"
        try:
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                drafts = list(pool.map(lambda _: prepare(base), range(arguments.drafts)))
            print(f"prepared {len(drafts):,} drafts in {time.perf_counter() - started:.0f} s")
            listing = os.path.join(folder, "drafts.tsv")
            with open(listing, "w") as file:
                file.writelines(f"{path}\t{cookie}\t{token}\n" for path, cookie, token in drafts)
            threads = 2
            body = urllib.parse.urlencode({"action": "save", "website": "", **form_fields()})
            saving = subprocess.run(["wrk", f"-t{threads}", f"-c{arguments.connections}", f"-d{arguments.seconds}s", "--latency",
                                     "-s", os.path.join(HERE, "save.lua"), base, "--", listing, str(threads), body],
                                    capture_output=True, text=True, check=True)
            saves = dict(re.findall(r"(\w+)=([\d.]+)", re.search(r"RESULT .*", saving.stdout).group(0)))
            print(f"draft saves acknowledged: {int(saves['acked']):,} in {float(saves['seconds']):.1f} s = "
                  f"{int(saves['acked']) / float(saves['seconds']):,.0f}/s, p50 {float(saves['p50_ms']):.1f} ms, "
                  f"p99 {float(saves['p99_ms']):.1f} ms; refused {saves['refused']}")
            result = subprocess.run(["wrk", f"-t{threads}", f"-c{arguments.connections}", f"-d{arguments.seconds}s", "--latency",
                                     "-s", os.path.join(HERE, "submit.lua"), base, "--", listing, str(threads)],
                                    capture_output=True, text=True, check=True)
        finally:
            server.terminate()
            server.wait()
        figures = dict(re.findall(r"(\w+)=([\d.]+)", re.search(r"RESULT .*", result.stdout).group(0)))
        acked, seconds = int(figures["acked"]), float(figures["seconds"])
        database = sqlite3.connect(os.path.join(data, "madoguchi.sqlite"))
        stored = database.execute("SELECT count(*) FROM cases WHERE submitted_at IS NOT NULL").fetchone()[0]
        if int(figures["left"]) == 0:
            print("warning: every prepared draft was submitted before the time was up; use more --drafts")
        print(f"acknowledged submissions: {acked:,} in {seconds:.1f} s over {arguments.connections} connections = "
              f"{acked / seconds:,.0f}/s, p50 {float(figures['p50_ms']):.1f} ms, p99 {float(figures['p99_ms']):.1f} ms, "
              f"max {float(figures['max_ms']):.1f} ms; refused {figures['refused']}")
        print(f"stored submitted applications: {stored:,} (acknowledged {acked:,})")
        print(f"ratio to the raw commit rate: {acked / seconds / rate:.2f}")
        if stored < acked:
            sys.exit("an acknowledged submission is missing")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
