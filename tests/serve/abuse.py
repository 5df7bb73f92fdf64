"""Tools for attacking a real `referatgraf serve` on loopback: memory of a process tree,
raw sockets, and a local HTTP server that counts who calls it. Every loop is bounded."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out.extend(int(c) for c in (task / "children").read_text().split())
    return out


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 for a process that is gone)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * _PAGE
            todo.extend(_children(p))
    return total


class MemoryWatch:
    """Samples a process tree's memory in a thread; kills the root past ``kill_above`` bytes
    (so a test of a runaway query can fail without taking the machine down)."""

    def __init__(self, pid: int, kill_above: int, every: float = 0.05) -> None:
        self.pid, self.kill_above, self.every = pid, kill_above, every
        self.peak = 0
        self.killed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            rss = tree_rss(self.pid)
            self.peak = max(self.peak, rss)
            if rss > self.kill_above and not self.killed:
                self.killed = True
                for p in [self.pid, *_children(self.pid)]:
                    with contextlib.suppress(OSError):
                        os.kill(p, 9)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def raw_connection(port: int, timeout: float = 5.0) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.settimeout(timeout)
    return s


def closed_by_peer(s: socket.socket, within: float) -> bool:
    """Whether the server closes ``s`` (EOF or reset) within ``within`` seconds."""
    s.settimeout(0.2)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            data = s.recv(65536)
        except TimeoutError:
            continue
        except OSError:
            return True
        if not data:
            return True
    return False


def read_response(s: socket.socket) -> tuple[bytes, dict[str, str], bytes]:
    """One HTTP/1.1 response read from ``s`` by its Content-Length: status line, headers, body."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before the headers ended: {buf!r}")
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    headers = {}
    for line in lines[1:]:
        k, _, v = line.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    return lines[0], headers, rest


class CountingServer:
    """A local HTTP server that records every request (a stand-in for "any host")."""

    def __init__(self, body: bytes = b"", ctype: str = "text/turtle") -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextlib.contextmanager
def trickling(port: int, idle: int, trickle: int, seconds: float) -> Iterator[list[socket.socket]]:
    """``idle`` connections that send nothing and ``trickle`` that send a request's headers
    one byte every 0.5 s and never finish them; all closed on exit (at most ``seconds``)."""
    socks: list[socket.socket] = []
    failed = 0
    for _ in range(idle + trickle):  # past a full listen queue a connect times out: skip it
        try:
            socks.append(raw_connection(port, timeout=0.5))
        except OSError:
            failed += 1
            if failed >= 10:
                break
    idle = min(idle, len(socks))
    stop = threading.Event()
    line = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000

    def drip() -> None:
        deadline = time.monotonic() + seconds
        pos = 0
        while not stop.wait(0.5) and time.monotonic() < deadline and pos < len(line):
            for s in socks[idle:]:
                with contextlib.suppress(OSError):
                    s.send(line[pos : pos + 1])
            pos += 1

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        yield socks
    finally:
        stop.set()
        thread.join(timeout=5)
        for s in socks:
            s.close()
