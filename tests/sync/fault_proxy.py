"""A fault-injecting TCP proxy on 127.0.0.1 for tests and benchmarks (threads, no dependencies).

Each accepted connection is piped to the upstream server in both directions, with, per the
seeded `Profile`:
- latency: every chunk waits `rtt_s / 2` before it is forwarded (each direction);
- a bandwidth cap in bytes per second per direction (like a rural 40 kbit/s link);
- reset: with probability `reset`, the connection is cut with a TCP RST after a random number
  of bytes (mid-body, mid-headers, mid-TLS-handshake: wherever it falls);
- stall: with probability `stall`, forwarding stops for `stall_s` once (client timeouts fire).

Everything is bounded in time: each connection lives at most `max_conn_s`, and `stop()` closes
every socket and joins every thread. TLS passes through untouched (the proxy sees bytes only).
"""

from __future__ import annotations

import queue
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass

CHUNK = 4096


@dataclass
class Profile:
    rtt_s: float = 0.0
    rate_bps: float | None = None      # bytes per second per direction; None = unlimited
    reset: float = 0.0
    stall: float = 0.0
    stall_s: float = 2.0
    max_conn_s: float = 60.0


@dataclass
class Stats:
    connections: int = 0
    resets: int = 0
    stalls: int = 0
    bytes_up: int = 0
    bytes_down: int = 0


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], profile: Profile, *, seed: int = 0) -> None:
        self.upstream = upstream
        self.profile = profile
        self.rng = random.Random(seed)
        self.stats = Stats()
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.cut_plan: list[int] = []     # byte counts at which to cut the next connections
        self._stop = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)

    @property
    def url_host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> "FaultProxy":
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._acceptor.start()

    def stop(self) -> None:
        self._stop.set()
        self._acceptor.join(5)
        with self._lock:
            for sock in list(self._sockets):
                _close(sock)
        for thread in list(self._threads):
            thread.join(5)
        self._listener.close()

    def _roll(self, p: float) -> bool:
        with self._lock:
            return p > 0 and self.rng.random() < p

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self.stats.connections += 1
                self._sockets.update((client, server))
                cut_after = self.rng.randint(1, 40_000) if self.rng.random() < self.profile.reset else None
                if self.cut_plan:
                    cut_after = self.cut_plan.pop(0)
                stall_at = self.rng.randint(0, 20_000) if self.rng.random() < self.profile.stall else None
            deadline = time.monotonic() + self.profile.max_conn_s
            shared = {"cut_after": cut_after, "stall_at": stall_at, "moved": 0, "dead": False}
            for src, dst, up in ((client, server, True), (server, client, False)):
                thread = threading.Thread(target=self._pipe, args=(src, dst, up, shared, deadline),
                                          name="fault-proxy-pipe", daemon=True)
                self._threads.append(thread)
                thread.start()
            self._threads = [t for t in self._threads if t.is_alive()]

    def _pipe(self, src: socket.socket, dst: socket.socket, up: bool, shared: dict,
              deadline: float) -> None:
        """Reader half: timestamps what arrives; a writer thread delivers it `rtt_s / 2` later
        (a delay line, so latency does not throttle throughput) at the capped rate."""
        line: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        writer = threading.Thread(target=self._deliver, args=(line, dst, up, shared),
                                  name="fault-proxy-writer", daemon=True)
        writer.start()
        src.settimeout(0.2)
        try:
            while not self._stop.is_set() and not shared["dead"]:
                if time.monotonic() > deadline:
                    break
                try:
                    data = src.recv(CHUNK)
                except TimeoutError:
                    continue
                if not data:
                    break
                line.put((time.monotonic() + self.profile.rtt_s / 2, data))
        except OSError:
            pass
        finally:
            line.put(None)
            writer.join(self.profile.max_conn_s + self.profile.stall_s + 5)
            if shared["dead"]:
                _reset(src)
            with self._lock:
                shared["done"] = shared.get("done", 0) + 1
                last = shared["done"] >= 2
                self._sockets.discard(src)
            if last and not shared["dead"]:
                _close(src)
                _close(dst)

    def _deliver(self, line: "queue.Queue[tuple[float, bytes] | None]", dst: socket.socket,
                 up: bool, shared: dict) -> None:
        profile = self.profile
        next_free = time.monotonic()
        try:
            while not self._stop.is_set():
                item = line.get()
                if item is None or shared["dead"]:
                    break
                due, data = item
                wait = due - time.monotonic()
                if wait > 0:
                    self._stop.wait(wait)
                if profile.rate_bps:
                    next_free = max(next_free, time.monotonic()) + len(data) / profile.rate_bps
                    self._stop.wait(max(0.0, next_free - time.monotonic()))
                with self._lock:
                    shared["moved"] += len(data)
                    moved = shared["moved"]
                    if up:
                        self.stats.bytes_up += len(data)
                    else:
                        self.stats.bytes_down += len(data)
                if shared["stall_at"] is not None and moved >= shared["stall_at"]:
                    shared["stall_at"] = None
                    with self._lock:
                        self.stats.stalls += 1
                    self._stop.wait(profile.stall_s)
                if shared["cut_after"] is not None and moved >= shared["cut_after"]:
                    keep = max(0, len(data) - (moved - shared["cut_after"]))
                    if keep:
                        dst.sendall(data[:keep])
                    with self._lock:
                        self.stats.resets += 1
                    shared["dead"] = True
                    _reset(dst)
                    break
                dst.sendall(data)
            else:
                return
            if not shared["dead"]:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        except OSError:
            shared["dead"] = True
            _reset(dst)


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a dropped mobile link or a crashed router does."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    _close(sock)


def _close(sock: socket.socket) -> None:
    try:
        sock.close()
    except OSError:
        pass
