"""Mixed load: what one instance sees at a city hall's busiest minute, all at once.

Citizens at home open the guide's household form, post it and call the guide API; kiosks issue tickets
(the kiosk page, the ticket, the receipt); phones and screens open the congestion page and the board; staff
sign in (right and wrong passwords on several accounts, never near the lock-out); a counter calls the next
ticket every few seconds; and live screens (half boards on /queue/live, half citizens' ticket pages on
/t/{token}/live) stay connected the whole time and must each receive every call.

Requests arrive open-loop (Poisson arrivals at --rate requests per second in total, whatever the answers'
speed): a slow server shows as latency, not as a lower rate. Printed: per route the count, errors, p50, p99
and max latency; every call's delivery to every screen; the server's resident memory (VmRSS) sampled every
second. An error is an unexpected status (any non-2xx/3xx; a wrong password must get its 401), an exception
or a timeout, a screen's failed or dropped connection, or a call a screen did not get within --deliver-within
seconds. Exit status 1 when there was any error; timings and memory are reported, never asserted.

Target (issue): 0 errors, p99 < 100 ms on the 2-core machine, flat memory.

Usage: python3 Benchmarks/mixed/bench.py                       (release binary, 60 s, 200 requests/s, 200 screens)
       python3 Benchmarks/mixed/bench.py --short --bin .build/debug/madoguchi      (about 5 s, 10 screens: for CI)
Needs Python 3.11 and requests (set-up only; the load itself is asyncio). Builds nothing: build the release
binary first with `swift build -c release --product madoguchi --scratch-path .build-release`."""
import argparse
import asyncio
import collections
import csv
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import types
from urllib.parse import urlencode

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CATALOG = os.path.join(ROOT, "Catalog")
sys.path.insert(0, os.path.join(ROOT, "Tests"))
import serverprocess  # noqa: E402
from serverprocess import csrf  # noqa: E402

PASSWORD = "bench-password-123"
WRONG_PASSWORD = "not-the-password-9"
DESK = "/queue/desk/JUMIN/1"

# The guide's household form as a browser posts it for the family of four of the browser tests
# (Tests/Browser/pages.py FAMILY): moving in on 2026-04-01 with a dog.
FAMILY = [("山田", "花子", "1986-07-14", "female", "head"), ("山田", "太郎", "1984-05-10", "male", "spouse"),
          ("山田", "一郎", "2015-06-20", "male", "child"), ("山田", "桜", "2018-11-03", "female", "child")]
GUIDE_FORM = urlencode(
    [("people", "4"), ("eventDate", "2026-04-01"), ("notificationDate", ""), ("plannedMoveOutDate", ""), ("dogs", "1"), ("mopeds", "0")]
    + [pair for index, (_, _, born, sex, relation) in enumerate(FAMILY) for pair in (
        (f"m{index}-relation", relation), (f"m{index}-sex", sex), (f"m{index}-birthDate", born),
        (f"m{index}-nationality", "JP"), (f"m{index}-moving", "on"), (f"m{index}-insurance", "national"))]).encode()
# The guide API's six-member move-in of `madoguchi bench` and Benchmarks/guide-load.sh.
with open(os.path.join(ROOT, "Benchmarks", "six-member-move-in.json"), "rb") as _file:
    GUIDE_JSON = _file.read()

# Share of all requests (per cent) and requests per visit: a kiosk visit is three requests, a sign-in two.
MIX = [("guide page", 26, 1), ("guide form", 20, 1), ("guide API", 30, 1), ("congestion", 12, 1), ("board page", 8, 1),
       ("kiosk", 3, 3), ("sign-in", 1, 2)]

# Rows of the table, in this order.
ROUTES = ["GET  /guide/move-in?people=4", "POST /guide/move-in", "POST /api/v1/guide", "GET  /congestion", "GET  /display",
          "GET  /kiosk", "POST /kiosk/tickets", "GET  /kiosk/tickets/{token}", "GET  /login",
          "POST /login (right password)", "POST /login (wrong password)", f"POST {DESK} (call)", f"GET  {DESK}"]


# The same routes as the server names them in its /metrics (method, route pattern).
SERVER_ROUTES = {ROUTES[0]: ("GET", "/guide/:event"), ROUTES[1]: ("POST", "/guide/:event"), ROUTES[2]: ("POST", "/api/v1/guide"),
                 ROUTES[3]: ("GET", "/congestion"), ROUTES[4]: ("GET", "/display"), ROUTES[5]: ("GET", "/kiosk"),
                 ROUTES[6]: ("POST", "/kiosk/tickets"), ROUTES[7]: ("GET", "/kiosk/tickets/:token"), ROUTES[8]: ("GET", "/login"),
                 ROUTES[9]: ("POST", "/login"), ROUTES[10]: ("POST", "/login"), ROUTES[11]: ("POST", "/queue/desk/:section/:number"),
                 ROUTES[12]: ("GET", "/queue/desk/:section/:number")}


class Stale(Exception):
    """A kept-alive connection the server had closed before this request: tried again on a new one."""


class Answer:
    __slots__ = ("status", "headers", "cookies", "body")

    def __init__(self, status, headers, cookies, body):
        self.status, self.headers, self.cookies, self.body = status, headers, cookies, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


async def read_head(reader):
    """Status, headers (lower-case names) and the cookies set, of an HTTP/1.1 answer."""
    line = await reader.readline()
    if not line:
        raise Stale()
    parts = line.split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
        raise ConnectionError(f"not an HTTP answer: {line[:80]!r}")
    status = int(parts[1])
    headers, cookies = {}, {}
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("connection closed in the headers")
        if line in (b"\r\n", b"\n"):
            return status, headers, cookies
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            key, _, cookie = value.split(";", 1)[0].partition("=")
            cookies[key.strip()] = cookie.strip()
        else:
            headers[name] = value


class Http:
    """A small HTTP/1.1 client: kept-alive connections reused like a browser's, redirects not followed."""

    def __init__(self, port):
        self.port = port
        self.idle = []
        self.opened = 0

    async def request(self, method, path, body=b"", content_type=None, cookies=None):
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "User-Agent: madoguchi-mixed-bench",
                 "Accept: text/html,application/json"]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items()))
        if method != "GET":
            lines.append(f"Content-Length: {len(body)}")
        if content_type:
            lines.append("Content-Type: " + content_type)
        data = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        while True:
            reused = bool(self.idle)
            reader, writer = self.idle.pop() if reused else await self.open()
            try:
                writer.write(data)
                answer, keep = await self.read(method, reader)
            except (Stale, ConnectionResetError, BrokenPipeError):
                writer.close()
                if reused:
                    continue  # as a browser does: the request was never read, send it on a new connection
                raise
            except BaseException:
                writer.close()
                raise
            if keep:
                self.idle.append((reader, writer))
            else:
                writer.close()
            return answer

    async def open(self):
        self.opened += 1
        return await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)

    @staticmethod
    async def read(method, reader):
        status, headers, cookies = await read_head(reader)
        keep = headers.get("connection", "").lower() != "close"
        if method == "HEAD" or status in (204, 304) or status < 200:
            body = b""
        elif "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            parts = []
            while True:
                size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            body = b"".join(parts)
        else:
            body, keep = await reader.read(), False
        return Answer(status, headers, cookies, body), keep


def percentile(values, p):
    """Nearest rank, of sorted values."""
    if not values:
        return float("nan")
    return values[max(0, min(len(values) - 1, math.ceil(p * len(values)) - 1))]


class Route:
    def __init__(self):
        self.latencies = []
        self.errors = 0
        self.reasons = collections.Counter()


class Load:
    """The measured run: requests, their latencies and errors, by route."""

    def __init__(self, arguments, port):
        self.arguments = arguments
        self.port = port
        self.http = Http(port)
        self.routes = collections.defaultdict(Route)
        self.samples = []  # (start, route, seconds, status or reason)
        self.origin = 0.0
        self.sign_ins = 0
        self.accounts = []
        self.kiosk_choices = None
        self.calls = []  # (label, time the call was sent)
        self.desk_cookies = {}
        self.desk_token = None

    async def fetch(self, route, method, path, expect=(200,), body=b"", content_type=None, cookies=None):
        """One request, timed; None when it failed (counted)."""
        record = self.routes[route]
        started = time.perf_counter()
        try:
            answer = await asyncio.wait_for(self.http.request(method, path, body, content_type, cookies), self.arguments.timeout)
        except asyncio.TimeoutError:
            record.latencies.append(self.arguments.timeout)
            record.errors += 1
            record.reasons["timeout"] += 1
            self.samples.append((started - self.origin, route, self.arguments.timeout, "timeout"))
            return None
        except Exception as error:  # noqa: BLE001  (any failure is an error of the run, with its name)
            record.errors += 1
            record.reasons[type(error).__name__] += 1
            self.samples.append((started - self.origin, route, time.perf_counter() - started, type(error).__name__))
            return None
        elapsed = time.perf_counter() - started
        record.latencies.append(elapsed)
        self.samples.append((started - self.origin, route, elapsed, answer.status))
        if answer.status not in expect:
            record.errors += 1
            record.reasons[f"HTTP {answer.status}"] += 1
            return None
        return answer

    # The visits. -------------------------------------------------------------------------------------------

    async def guide_page(self):
        await self.fetch(ROUTES[0], "GET", "/guide/move-in?people=4")

    async def guide_form(self):
        answer = await self.fetch(ROUTES[1], "POST", "/guide/move-in", body=GUIDE_FORM,
                                  content_type="application/x-www-form-urlencoded")
        if answer and "procedure" not in answer.text:
            self.fail(ROUTES[1], "no procedures in the result")

    async def guide_api(self):
        answer = await self.fetch(ROUTES[2], "POST", "/api/v1/guide", body=GUIDE_JSON, content_type="application/json")
        if answer and b'"procedures"' not in answer.body:
            self.fail(ROUTES[2], "no procedures in the answer")

    async def congestion(self):
        await self.fetch(ROUTES[3], "GET", "/congestion")

    async def board_page(self):
        await self.fetch(ROUTES[4], "GET", "/display")

    async def kiosk(self):
        page = await self.fetch(ROUTES[5], "GET", "/kiosk")
        if not page:
            return
        cookies = page.cookies
        choice = random.choice(self.kiosk_choices)
        body = urlencode([("_csrf", csrf(page.text)), ("website", ""), ("paper", "80"), choice]).encode()
        ticket = await self.fetch(ROUTES[6], "POST", "/kiosk/tickets", expect=(303,), body=body,
                                  content_type="application/x-www-form-urlencoded", cookies=cookies)
        if ticket:
            await self.fetch(ROUTES[7], "GET", ticket.headers.get("location", "/kiosk/tickets/missing"), cookies=cookies)

    async def sign_in(self):
        # Round robin over the accounts; on each account right and wrong passwords take turns (and the first
        # round alternates across accounts): never two wrong in a row, far from the lock-out of five in a row.
        number = self.sign_ins
        self.sign_ins += 1
        index, attempt = number % len(self.accounts), number // len(self.accounts)
        account = self.accounts[index]
        right = (index + attempt) % 2 == 0
        page = await self.fetch(ROUTES[8], "GET", "/login")
        if not page:
            return
        body = urlencode({"username": account, "password": PASSWORD if right else WRONG_PASSWORD, "_csrf": csrf(page.text)}).encode()
        await self.fetch(ROUTES[9] if right else ROUTES[10], "POST", "/login", expect=(303,) if right else (401,), body=body,
                         content_type="application/x-www-form-urlencoded", cookies=page.cookies)

    async def call_next(self):
        """The counter presses 次の方を呼ぶ, then its page shows whom it called."""
        sent = time.perf_counter()
        body = urlencode({"action": "call", "_csrf": self.desk_token}).encode()
        if not await self.fetch(ROUTES[11], "POST", DESK, expect=(303,), body=body,
                                content_type="application/x-www-form-urlencoded", cookies=self.desk_cookies):
            return
        page = await self.fetch(ROUTES[12], "GET", DESK, cookies=self.desk_cookies)
        if not page:
            return
        self.desk_token = csrf(page.text)
        label = re.search(r'id="desk-current"[^>]*>([^<]+)<', page.text)
        if label:
            self.calls.append((label.group(1), sent))
        else:
            self.fail(ROUTES[11], "nobody called")

    def fail(self, route, reason):
        self.routes[route].errors += 1
        self.routes[route].reasons[reason] += 1

    # The schedule. -----------------------------------------------------------------------------------------

    async def run(self, seconds):
        visits = {"guide page": self.guide_page, "guide form": self.guide_form, "guide API": self.guide_api,
                  "congestion": self.congestion, "board page": self.board_page, "kiosk": self.kiosk, "sign-in": self.sign_in}
        names = [name for name, _, _ in MIX]
        # Visits per second of each kind, so that the requests add up to --rate.
        shares = dict((name, share) for name, share, _ in MIX) | self.arguments.share
        rates = [self.arguments.rate * shares[name] / sum(shares.values()) / requests_per_visit for name, _, requests_per_visit in MIX]
        total = sum(rates)
        schedule = random.Random(self.arguments.seed)
        tasks = set()

        def launch(coroutine):
            task = asyncio.create_task(coroutine)
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        async def caller():
            # Like a clerk: presses, waits for the page, presses again at the next tick (one skipped if the
            # page took longer), so calls of the one desk never overlap.
            tick = self.arguments.call_every
            while tick < seconds:
                await asyncio.sleep(max(0.0, self.origin + tick - time.perf_counter()))
                await self.call_next()
                now = time.perf_counter() - self.origin
                tick = max(tick + self.arguments.call_every, math.ceil(now / self.arguments.call_every) * self.arguments.call_every)

        desk = asyncio.create_task(caller())
        if self.arguments.short:  # so that a few seconds see every kind of visit
            for visit in list(visits.values()) + [self.sign_in]:  # a sign-in with the right password and one with a wrong one
                launch(visit())
        at = 0.0
        late = 0.0
        while True:
            at += schedule.expovariate(total)
            if at >= seconds:
                break
            delay = self.origin + at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                late = max(late, -delay)
            launch(visits[schedule.choices(names, rates)[0]]())
        await desk
        if tasks:
            await asyncio.wait(set(tasks), timeout=self.arguments.timeout * 4)
        return late


class Screen:
    """One live screen: reads its event stream for the whole run, reconnecting as EventSource does."""

    def __init__(self, port, path, board):
        self.port, self.path, self.board = port, path, board
        self.events = []  # (version, arrival, labels called now (boards only))
        self.failures = collections.Counter()
        self.connected = asyncio.Event()
        self.stopping = False

    async def run(self):
        while not self.stopping:
            writer = None
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 22)
                writer.write(f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
                status, headers, _ = await read_head(reader)
                if status != 200 or not headers.get("content-type", "").startswith("text/event-stream"):
                    raise ConnectionError(f"HTTP {status}")
                await self.read(reader, "chunked" in headers.get("transfer-encoding", "").lower())
                raise ConnectionError("stream ended")
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001
                if self.stopping:
                    return
                self.failures[str(error) or type(error).__name__] += 1
                await asyncio.sleep(1)  # the stream's `retry: 1000`
            finally:
                if writer:
                    writer.close()

    async def read(self, reader, chunked):
        buffer = b""
        while True:
            if chunked:
                size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    return
                data = await reader.readexactly(size + 2)
                data = data[:-2]
            else:
                data = await reader.read(65536)
                if not data:
                    return
            arrival = time.perf_counter()
            buffer += data
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                self.event(block, arrival)

    def event(self, block, arrival):
        version, data = None, None
        for line in block.split(b"\n"):
            if line.startswith(b"id: "):
                version = int(line[4:])
            elif line.startswith(b"data: "):
                data = line[6:]
        if version is None or data is None:
            return
        labels = frozenset(call["label"] for call in json.loads(data)["calls"]) if self.board else None
        self.events.append((version, arrival, labels))
        self.connected.set()


def deliveries(screens, calls, within):
    """For each call, when each screen had it: a board once the called number is on it, a ticket page once it
    has the state (version) in which a board first showed the call. (latencies of boards, of ticket pages, missed)"""
    boards, tickets, missed = [], [], 0
    for label, sent in calls:
        first = [min((version for version, arrival, labels in screen.events if label in labels and arrival >= sent), default=None)
                 for screen in screens if screen.board]
        versions = [version for version in first if version is not None]
        version = min(versions) if versions else None
        for screen in screens:
            if screen.board:
                arrival = min((arrival for _, arrival, labels in screen.events if label in labels and arrival >= sent), default=None)
            else:
                arrival = None if version is None else min(
                    (arrival for number, arrival, _ in screen.events if number >= version and arrival >= sent), default=None)
            if arrival is None or arrival - sent > within:
                missed += 1
            else:
                (boards if screen.board else tickets).append(arrival - sent)
    return sorted(boards), sorted(tickets), missed


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU seconds the whole machine has spent busy (all cores, everything but idle and I/O wait)."""
    with open("/proc/stat") as stat:
        fields = [int(field) for field in stat.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


async def sample_memory(pid, origin, memory, stop):
    """(seconds since the start, RSS in KiB, server CPU seconds, machine busy seconds) every second."""
    tick = 0
    while not stop.is_set():
        memory.append((time.perf_counter() - origin, resident_kib(pid), cpu_seconds(pid), machine_busy_seconds()))
        tick += 1
        try:
            await asyncio.wait_for(stop.wait(), max(0.0, origin + tick - time.perf_counter()))
        except asyncio.TimeoutError:
            pass


async def watch_loop(lags, stop):
    """How late this client's own event loop wakes: if it lags, every latency above is inflated by as much."""
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.005)
        lags.append(time.perf_counter() - before - 0.005)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def add_staff(binary, data, environment, names):
    for name in names:
        subprocess.run([binary, "user", "add", name, "--role", "counter", "--data", data, "--catalog", CATALOG],
                       input=PASSWORD + "\n", text=True, env=environment, check=True, capture_output=True)


def prepare(base, arguments):
    """Before the clock starts: the counter signed in with its desk open, kiosk tickets for the ticket pages,
    and the kiosk's buttons. Returns (desk session cookies, desk CSRF token, ticket tokens, kiosk choices)."""
    staff = requests.Session()
    login = staff.get(base + "/login", timeout=30)
    signed = staff.post(base + "/login", data={"username": "desk1", "password": PASSWORD, "_csrf": csrf(login.text)},
                        allow_redirects=False, timeout=30)
    if signed.status_code != 303:
        sys.exit(f"the counter could not sign in: HTTP {signed.status_code}")
    opened = staff.post(base + DESK, data={"action": "open", "_csrf": csrf(staff.get(base + DESK, timeout=30).text)},
                        allow_redirects=False, timeout=30)
    if opened.status_code != 303:
        sys.exit(f"the desk could not be opened: HTTP {opened.status_code}")
    kiosk = requests.Session()
    page = kiosk.get(base + "/kiosk", timeout=30)
    choices = re.findall(r'<button type="submit" name="(event|section)" value="([^"]+)"', page.text)
    if not choices:
        sys.exit("the kiosk page has no buttons")
    tokens = []
    for _ in range(max(1, arguments.screens - arguments.screens // 2)):
        page = kiosk.get(base + "/kiosk", timeout=30)
        ticket = kiosk.post(base + "/kiosk/tickets", data={"section": "JUMIN", "paper": "80", "website": "", "_csrf": csrf(page.text)},
                            allow_redirects=False, timeout=30)
        if ticket.status_code != 303:
            sys.exit(f"the kiosk issued no ticket: HTTP {ticket.status_code} {ticket.text[:200]}")
        tokens.append(ticket.headers["location"].split("?")[0].rsplit("/", 1)[1])
    desk_token = csrf(staff.get(base + DESK, timeout=30).text)
    return dict(staff.cookies.items()), desk_token, tokens, choices


async def watch_screens(port, paths, pipe):
    """The screens' own process (so that reading 200 streams never delays the load's clock): connects them,
    says how many did, holds them until told to stop, then sends back what each received."""
    screens = [Screen(port, path, path == "/queue/live") for path in paths]
    readers = [asyncio.create_task(screen.run()) for screen in screens]
    try:
        await asyncio.wait_for(asyncio.gather(*(screen.connected.wait() for screen in screens)), 60)
    except asyncio.TimeoutError:
        pass
    pipe.send(sum(1 for screen in screens if screen.connected.is_set()))
    await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
    for screen in screens:
        screen.stopping = True
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    pipe.send([(screen.path, screen.board, screen.events, screen.failures, screen.connected.is_set()) for screen in screens])


def screens_process(port, paths, pipe):
    asyncio.run(watch_screens(port, paths, pipe))


async def drive(arguments, port, pid, desk_cookies, desk_token, choices, accounts):
    load = Load(arguments, port)
    load.accounts, load.kiosk_choices = accounts, choices
    load.desk_cookies, load.desk_token = desk_cookies, desk_token
    stop = asyncio.Event()
    memory, lags = [], []
    client_cpu = time.process_time()
    load.origin = time.perf_counter()
    watchers = [asyncio.create_task(sample_memory(pid, load.origin, memory, stop)), asyncio.create_task(watch_loop(lags, stop))]
    late = await load.run(arguments.seconds)
    elapsed = time.perf_counter() - load.origin
    stop.set()
    await asyncio.gather(*watchers)
    return load, memory, lags, late, elapsed, time.process_time() - client_cpu


def measure(arguments, port, pid, desk_cookies, desk_token, tokens, choices, accounts):
    paths = ["/queue/live" if index % 2 == 0 else f"/t/{tokens[index // 2]}/live" for index in range(arguments.screens)]
    parent, child = multiprocessing.Pipe()
    watcher = multiprocessing.get_context("spawn").Process(target=screens_process, args=(port, paths, child), daemon=True)
    watcher.start()
    if not parent.poll(120):
        sys.exit("the screens did not connect")
    connected = parent.recv()
    print(f"{connected} of {len(paths)} live screens connected ({paths.count('/queue/live')} boards, "
          f"{len(paths) - paths.count('/queue/live')} ticket pages)", flush=True)
    before = server_metrics(port)
    watcher_cpu = cpu_seconds(watcher.pid)
    load, memory, lags, late, elapsed, client_cpu = asyncio.run(drive(arguments, port, pid, desk_cookies, desk_token, choices, accounts))
    watcher_cpu = (cpu_seconds(watcher.pid) - watcher_cpu) / elapsed
    after = server_metrics(port)
    # Let the last call reach the screens, then hang up.
    if load.calls:
        time.sleep(max(0.0, load.calls[-1][1] + arguments.deliver_within - time.perf_counter()))
    parent.send("stop")
    screens = [types.SimpleNamespace(path=path, board=board, events=events, failures=failures, connected=connected)
               for path, board, events, failures, connected in parent.recv()]
    watcher.join(30)
    not_connected = sum(1 for screen in screens if not screen.connected)
    return load, screens, not_connected, memory, lags, late, elapsed, (client_cpu, watcher_cpu), (before, after)


def server_metrics(port):
    """The server's own latency histogram (/metrics): {(method, route): {upper bound in s: count}}."""
    histogram = collections.defaultdict(dict)
    text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=30).text
    for method, route, bound, count in re.findall(
            r'madoguchi_http_request_duration_seconds_bucket\{method="([A-Z]+)",route="([^"]*)",le="([^"]+)"\} (\d+)', text):
        histogram[(method, route)][float(bound)] = int(count)
    return histogram


def server_p99(before, after, keys):
    """The bucket of the server's own histogram that holds the p99 of these routes during the run (upper bound, s)."""
    counts = collections.Counter()
    for key in keys:
        for bound, count in after.get(key, {}).items():
            counts[bound] += count - before.get(key, {}).get(bound, 0)
    total = counts.get(float("inf"), 0)
    if not total:
        return None
    for bound in sorted(counts):
        if counts[bound] >= 0.99 * total:
            return bound
    return float("inf")


def report(arguments, load, screens, not_connected, memory, lags, late, elapsed, client_cpu, metrics):
    def ms(value):
        return f"{value * 1000:8.1f}"

    def server(keys):
        bound = server_p99(*metrics, keys)
        return "" if bound is None else f"{'≤ ' + format(bound * 1000, 'g') if bound != float('inf') else '> 5000':>13}"

    print()
    print(f"{'route':46} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'server p99 ms':>13}")
    all_latencies, errors = [], 0
    for route in ROUTES + sorted(set(load.routes) - set(ROUTES)):
        record = load.routes.get(route)
        if not record:
            continue
        latencies = sorted(record.latencies)
        all_latencies += latencies
        errors += record.errors
        print(f"{route:46} {len(latencies):7d} {record.errors:7d} {ms(percentile(latencies, 0.5))} "
              f"{ms(percentile(latencies, 0.99))} {ms(latencies[-1] if latencies else float('nan'))} "
              f"{server([SERVER_ROUTES[route]] if route in SERVER_ROUTES else [])}")
    all_latencies.sort()
    print(f"{'all requests':46} {len(all_latencies):7d} {errors:7d} {ms(percentile(all_latencies, 0.5))} "
          f"{ms(percentile(all_latencies, 0.99))} {ms(all_latencies[-1] if all_latencies else float('nan'))} "
          f"{server(set(SERVER_ROUTES.values()))}")
    board, ticket, missed = deliveries(screens, load.calls, arguments.deliver_within)
    boards = sum(1 for screen in screens if screen.board)
    print(f"{f'call → board ({len(load.calls)} calls × {boards} boards)':46} {len(board):7d} {'':7} {ms(percentile(board, 0.5))} "
          f"{ms(percentile(board, 0.99))} {ms(board[-1] if board else float('nan'))}")
    print(f"{f'call → ticket page (× {len(screens) - boards} pages)':46} {len(ticket):7d} {'':7} {ms(percentile(ticket, 0.5))} "
          f"{ms(percentile(ticket, 0.99))} {ms(ticket[-1] if ticket else float('nan'))}")
    dropped = sum(sum(screen.failures.values()) for screen in screens)
    print(f"{'live screens: missed calls':46} {len(load.calls) * len(screens):7d} {missed:7d}")
    print(f"{'live screens: failed or dropped connections':46} {len(screens):7d} {dropped + not_connected:7d}")
    for route, record in load.routes.items():
        if record.reasons:
            print(f"  {route}: " + ", ".join(f"{reason} ×{count}" for reason, count in record.reasons.most_common()))
    for screen in screens:
        if screen.failures:
            print(f"  {screen.path}: " + ", ".join(f"{reason} ×{count}" for reason, count in screen.failures.most_common()))

    total_errors = errors + missed + dropped + not_connected
    print()
    print(f"{len(all_latencies):,} requests in {elapsed:.1f} s = {len(all_latencies) / elapsed:.0f}/s "
          f"(asked {arguments.rate:.0f}/s plus the counter's calls); {load.http.opened} connections opened; "
          f"{len(load.calls)} calls; {load.sign_ins} sign-ins")
    during = [sample for sample in memory if sample[0] <= arguments.seconds + 0.5]
    if len(during) >= 2:
        warm = [sample for sample in during if sample[0] >= arguments.warmup] or during[-1:]
        start, end = warm[0], during[-1]
        sizes = [sample[1] for sample in warm]
        change = (end[1] - start[1]) / start[1] * 100
        span = during[-1][0] - during[0][0]
        cpu = (during[-1][2] - during[0][2]) / span
        machine = (during[-1][3] - during[0][3]) / span
        print(f"server memory (RSS): {during[0][1] / 1024:.1f} MiB at the start, {start[1] / 1024:.1f} MiB at {start[0]:.0f} s, "
              f"{end[1] / 1024:.1f} MiB at the end ({end[0]:.0f} s); after {arguments.warmup:.0f} s min {min(sizes) / 1024:.1f}, "
              f"max {max(sizes) / 1024:.1f} MiB; change from {start[0]:.0f} s to the end {change:+.1f}%")
        load_cpu, screens_cpu = client_cpu[0] / elapsed, client_cpu[1]
        print(f"CPU on average: server {cpu:.2f} cores, this client {load_cpu:.2f} (requests) + {screens_cpu:.2f} (screens), "
              f"everything else on the machine {max(0.0, machine - cpu - load_cpu - screens_cpu):.2f} (of {os.cpu_count()}); the requests' "
              f"event loop late by p99 {percentile(sorted(lags), 0.99) * 1000:.1f} ms (max {max(lags, default=0) * 1000:.1f} ms), "
              f"arrivals sent late by at most {late * 1000:.1f} ms")
    # The sign-in's own answer waits for bcrypt at cost 12 on purpose; the figure without it is shown beside.
    others = sorted(latency for route, record in load.routes.items() if not route.startswith("POST /login")
                    for latency in record.latencies)
    print(f"errors: {total_errors} (target 0); p99 of all requests {percentile(all_latencies, 0.99) * 1000:.1f} ms (target < 100 ms), "
          f"without POST /login {percentile(others, 0.99) * 1000:.1f} ms")
    print("(server p99: the bucket of the server's own /metrics histogram, from its router to its answer, that holds the p99)")
    return total_errors


def write_samples(path, load, memory):
    with open(path, "w", newline="") as file:
        out = csv.writer(file)
        out.writerow(["kind", "start_s", "route", "latency_ms", "status"])
        for start, route, seconds, status in sorted(load.samples):
            out.writerow(["request", f"{start:.4f}", route, f"{seconds * 1000:.2f}", status])
        for at, kib, cpu, machine in memory:
            out.writerow(["memory", f"{at:.2f}", "rss_kib", kib, f"server_cpu_s={cpu:.2f} machine_busy_s={machine:.2f}"])
        for label, sent in load.calls:
            out.writerow(["call", f"{sent - load.origin:.4f}", label, "", ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build-release/release/madoguchi"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=200, help="requests per second in total (the counter's calls come on top)")
    parser.add_argument("--screens", type=int, default=200, help="live screens, half boards, half ticket pages")
    parser.add_argument("--accounts", type=int, default=8, help="staff accounts that sign in")
    parser.add_argument("--call-every", type=float, default=2.0, help="seconds between the counter's calls")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds before memory counts as warm")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as failed")
    parser.add_argument("--deliver-within", type=float, default=5.0, help="seconds a screen has to show a call")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--share", action="append", default=[], metavar="VISIT=PERCENT",
                        help="change a visit's share of the requests, e.g. 'sign-in=0' (visits: "
                             + ", ".join(f"{name} {share}" for name, share, _ in MIX) + ")")
    parser.add_argument("--samples", help="write every request, memory sample and call to this CSV file")
    parser.add_argument("--short", action="store_true", help="5 s at 40 requests/s, 10 screens, 2 accounts: a smoke run for CI")
    arguments = parser.parse_args()
    names = [name for name, _, _ in MIX]
    try:
        arguments.share = {name: float(value) for name, value in (item.rsplit("=", 1) for item in arguments.share)}
    except ValueError:
        parser.error("--share takes VISIT=PERCENT")
    if set(arguments.share) - set(names) or sum((dict((n, s) for n, s, _ in MIX) | arguments.share).values()) <= 0:
        parser.error(f"--share: the visits are {', '.join(names)}, and some must be left")
    if arguments.short:
        arguments.seconds, arguments.rate, arguments.screens = 5, 40, 10
        arguments.accounts, arguments.call_every, arguments.warmup = 2, 1.0, 2
    if not os.access(arguments.bin, os.X_OK):
        sys.exit(f"{arguments.bin} is not there: build it first (see the usage in {__file__})")
    random.seed(arguments.seed)

    data = tempfile.mkdtemp(prefix="bench-mixed-")
    # One client address sends everything: lift the per-address limits that protect a real kiosk and the online doors.
    environment = dict(os.environ, LOG_LEVEL="error", MADOGUCHI_DATA=data, MADOGUCHI_QUEUE_ALWAYS_OPEN="1",
                       MADOGUCHI_KIOSK_TICKETS_PER_MINUTE="1000000", MADOGUCHI_KIOSK_SCANS_PER_MINUTE="1000000",
                       MADOGUCHI_SUBMISSIONS_PER_HOUR="1000000", MADOGUCHI_LOOKUPS_PER_HOUR="1000000")
    port = free_port()
    server = None
    try:
        server = serverprocess.start(arguments.bin, port, CATALOG, environment, data=data)
        accounts = [f"clerk{index:02d}" for index in range(1, arguments.accounts + 1)]
        add_staff(arguments.bin, data, environment, ["desk1"] + accounts)
        base = f"http://127.0.0.1:{port}"
        desk_cookies, desk_token, tokens, choices = prepare(base, arguments)
        print(f"{arguments.bin}: {arguments.seconds:.0f} s at {arguments.rate:.0f} requests/s, {arguments.screens} live screens, "
              f"a call every {arguments.call_every:g} s, {len(accounts)} accounts signing in", flush=True)
        load, screens, not_connected, memory, lags, late, elapsed, client_cpu, metrics = measure(
            arguments, port, server.pid, desk_cookies, desk_token, tokens, choices, accounts)
        crashed = server.poll() is not None
        if crashed:
            print(f"the server exited during the run, with status {server.returncode}")
        errors = report(arguments, load, screens, not_connected, memory, lags, late, elapsed, client_cpu, metrics)
        if arguments.samples:
            write_samples(arguments.samples, load, memory)
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(data, ignore_errors=True)
    sys.exit(1 if errors or crashed else 0)


if __name__ == "__main__":
    main()
