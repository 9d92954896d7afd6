"""Never lose a submission: online applications are posted by several clients while the server is killed
with SIGKILL; after a restart every application whose reference was shown exists, complete.

Usage: python3 Tests/Durability/kill9.py --bin .build/debug/madoguchi --catalog Catalog [--seconds 4]"""
import argparse
import os
import re
import signal
import sqlite3
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import serverprocess  # noqa: E402
from serverprocess import csrf  # noqa: E402,F401  (the submissions benchmark imports it from here too)

GUIDE = [
    ("event", "move-in"), ("people", "4"), ("eventDate", "2026-04-01"), ("dogs", "1"),
    ("m0-relation", "head"), ("m0-sex", "female"), ("m0-birthDate", "1986-07-14"), ("m0-moving", "on"), ("m0-insurance", "national"),
    ("m1-relation", "spouse"), ("m1-sex", "male"), ("m1-birthDate", "1984-05-10"), ("m1-moving", "on"), ("m1-insurance", "national"),
    ("m2-relation", "child"), ("m2-sex", "male"), ("m2-birthDate", "2015-06-20"), ("m2-moving", "on"), ("m2-insurance", "national"),
    ("m3-relation", "child"), ("m3-sex", "female"), ("m3-birthDate", "2018-11-03"), ("m3-moving", "on"), ("m3-insurance", "national"),
]
PEOPLE = [("山田", "花子", "ヤマダ", "ハナコ"), ("山田", "太郎", "ヤマダ", "タロウ"), ("山田", "一郎", "ヤマダ", "イチロウ"), ("山田", "桜", "ヤマダ", "サクラ")]
ADDRESSES = [("old", ("1000001", "東京都", "千代田区", "千代田", "1番1号")), ("new", ("3214300", "栃木県", "サンプル市", "中央一丁目", "5番地3"))]


def apply_once(base):
    """One application from the guide to the done page; returns the reference the citizen was shown."""
    session = requests.Session()
    form = session.post(base + "/apply", data=GUIDE, timeout=10)
    form.raise_for_status()
    path = form.url.split("?")[0]
    fields = {"_csrf": csrf(form.text), "action": "check", "website": ""}
    for index, (family, given, kana_family, kana_given) in enumerate(PEOPLE):
        fields.update({f"m{index}-family": family, f"m{index}-given": given,
                       f"m{index}-familyKana": kana_family, f"m{index}-givenKana": kana_given})
    for prefix, parts in ADDRESSES:
        for name, value in zip(("postcode", "prefecture", "city", "town", "banchi"), parts):
            fields[f"{prefix}-{name}"] = value
    check = session.post(path, data=fields, timeout=10)
    check.raise_for_status()
    done = session.post(path + "/submit", data={"_csrf": csrf(check.text)}, timeout=10)
    done.raise_for_status()
    return re.search(r'id="reference">([0-9A-Z-]{9})<', done.text).group(1)


def start(binary, catalog, data, port):
    environment = dict(os.environ, MADOGUCHI_SUBMISSIONS_PER_HOUR="100000", LOG_LEVEL="warning")
    return serverprocess.start(binary, port, catalog, environment, data=data, attempts=100)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/debug/madoguchi")
    parser.add_argument("--catalog", default="Catalog")
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--port", type=int, default=18181)
    arguments = parser.parse_args()
    data = tempfile.mkdtemp(prefix="madoguchi-kill9-")
    base = f"http://127.0.0.1:{arguments.port}"
    server = start(arguments.bin, arguments.catalog, data, arguments.port)

    acknowledged, lock, stop = [], threading.Lock(), threading.Event()

    def client():
        while not stop.is_set():
            try:
                reference = apply_once(base)
            except Exception:
                continue  # the kill interrupts requests in flight: those were never acknowledged
            with lock:
                acknowledged.append(reference)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(arguments.clients)]
    for thread in threads:
        thread.start()
    time.sleep(arguments.seconds)
    os.kill(server.pid, signal.SIGKILL)  # in the middle of submissions
    server.wait()
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    with lock:
        shown = list(acknowledged)
    assert shown, "no application was acknowledged before the kill"

    server = start(arguments.bin, arguments.catalog, data, arguments.port)
    server.terminate()
    server.wait()
    database = sqlite3.connect(os.path.join(data, "madoguchi.sqlite"))
    missing, incomplete = [], []
    for reference in shown:
        row = database.execute("SELECT id, submitted_at FROM cases WHERE reference = ?", (reference,)).fetchone()
        if row is None or row[1] is None:
            missing.append(reference)
            continue
        members = database.execute("SELECT count(*) FROM case_members WHERE case_id = ?", (row[0],)).fetchone()[0]
        procedures = database.execute("SELECT count(*) FROM case_procedures WHERE case_id = ?", (row[0],)).fetchone()[0]
        if members != 4 or procedures < 6:
            incomplete.append((reference, members, procedures))
    half = database.execute(
        "SELECT count(*) FROM cases c WHERE c.submitted_at IS NOT NULL AND "
        "(SELECT count(*) FROM case_members m WHERE m.case_id = c.id) <> 4").fetchone()[0]
    print(f"{len(shown)} applications acknowledged before SIGKILL; after the restart "
          f"{len(shown) - len(missing)} present, {len(incomplete)} incomplete; submitted but half-written: {half}")
    assert not missing, f"lost: {missing}"
    assert not incomplete, f"incomplete: {incomplete}"
    assert half == 0
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
