"""Screens for the live benchmark, in worker processes: each worker holds its share of the Server-Sent Events
connections on raw non-blocking sockets and one epoll loop, and notes when each screen first sees each version.

The first client read every stream with asyncio's `readline` in the benchmark's own process: at 2,000 screens its
per-line cost (about 0.3 of a core) was a large part of the latency it measured, since it ran on the same two cores
as the server and every arrival waited for the ones before it. Here a worker reads whole socket buffers and looks
for the `id:` lines only; the arrival time is `time.perf_counter()` (CLOCK_MONOTONIC, the same clock in every
process on Linux), so the times compare with the moment the benchmark sent the call.

Commands over a pipe: ("version",) → the newest version every screen has seen; ("wait", before, seconds) → for each
screen the first arrival of a version newer than `before`, or None if none came within `seconds`."""
import multiprocessing
import selectors
import socket
import time


class Screen:
    __slots__ = ("sock", "pending", "version", "arrivals")

    def __init__(self, sock):
        self.sock, self.pending, self.version, self.arrivals = sock, b"", None, {}

    def feed(self, data, now):
        lines = (self.pending + data).split(b"\n")
        self.pending = lines.pop()
        for line in lines:
            if line.startswith(b"id: "):
                self.version = int(line[4:])
            elif line.startswith(b"data: ") and self.version is not None and self.version not in self.arrivals:
                self.arrivals[self.version] = now


def worker(connection, port_paths):
    selector = selectors.EpollSelector()
    screens = []
    for port, path in port_paths:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
        sock.setblocking(False)
        screen = Screen(sock)
        screens.append(screen)
        selector.register(sock, selectors.EVENT_READ, screen)
    selector.register(connection, selectors.EVENT_READ, None)
    waiting = None  # [before, deadline, screens that have not seen a newer version]

    def read(timeout):
        command = False
        for key, _ in selector.select(timeout):
            if key.data is None:
                command = True
                continue
            screen = key.data
            try:
                data = screen.sock.recv(1 << 20)
            except BlockingIOError:
                continue
            if not data:
                selector.unregister(screen.sock)
                continue
            screen.feed(data, time.perf_counter())
            if waiting and screen in waiting[2] and screen.version in screen.arrivals and screen.version > waiting[0]:
                waiting[2].discard(screen)
        return command

    while True:
        command_ready = read(0.05 if waiting else None)
        if waiting and (not waiting[2] or time.perf_counter() > waiting[1]):
            before = waiting[0]
            connection.send([min((t for v, t in screen.arrivals.items() if v > before), default=None) for screen in screens])
            waiting = None
        if not command_ready and not connection.poll():
            continue
        command = connection.recv()
        if command[0] == "connected":
            connection.send(sum(1 for screen in screens if screen.arrivals))
        elif command[0] == "version":
            connection.send(max((max(screen.arrivals, default=0) for screen in screens), default=0))
        elif command[0] == "wait":
            before = command[1]
            waiting = [before, time.perf_counter() + command[2],
                       {screen for screen in screens if not any(version > before for version in screen.arrivals)}]
        elif command[0] == "stop":
            return


class Screens:
    """The screens, spread over `processes` workers."""

    def __init__(self, port_paths, processes):
        self.pipes, self.workers = [], []
        context = multiprocessing.get_context("fork")
        for index in range(processes):
            share = port_paths[index::processes]
            ours, theirs = context.Pipe()
            process = context.Process(target=worker, args=(theirs, share), daemon=True)
            process.start()
            self.pipes.append(ours)
            self.workers.append(process)
        self.count = len(port_paths)

    def ask(self, *command):
        for pipe in self.pipes:
            pipe.send(command)
        return [pipe.recv() for pipe in self.pipes]

    def wait_connected(self, timeout):
        deadline = time.monotonic() + timeout
        while sum(self.ask("connected")) < self.count:
            if time.monotonic() > deadline:
                raise TimeoutError("not every screen got the first state")
            time.sleep(0.1)

    def newest_version(self):
        return max(self.ask("version"))

    def start_waiting(self, before, seconds):
        for pipe in self.pipes:
            pipe.send(("wait", before, seconds))

    def arrivals(self):
        return [t for pipe in self.pipes for t in pipe.recv()]

    def stop(self):
        for pipe in self.pipes:
            pipe.send(("stop",))
        for process in self.workers:
            process.join(timeout=5)
