"""The HTTP server of ``referatgraf serve``: waitress, with time limits on slow clients.

Stock waitress stops accepting at 100 open connections and closes a connection only after
120 s without a byte, so 101 clients that connect and send nothing, or send their headers
one byte at a time, shut everyone else out. Here every connection has deadlines, checked
about once a second:

* ``request_seconds``: a request (headers and body) must arrive whole within this time of
  its first byte, however steadily it trickles;
* ``idle_seconds``: a connection with no request in progress, or whose answer the client
  does not read, is closed after this long without progress;

and the connection cap is raised to ``max_connections`` (and the process's file limit with
it); past 90 % of the cap the longest-waiting connections that are not being answered are
closed, so new clients are let in within about a second even during a flood. A request being answered is never cut here: the endpoint's own time limit ends it.
SIGTERM stops the server like Ctrl-C: the loop ends, requests in progress get a few
seconds, and the caller's ``finally`` runs.
"""

from __future__ import annotations

import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

__all__ = ["ServerLimits", "serve_wsgi"]


@dataclass(frozen=True, slots=True)
class ServerLimits:
    request_seconds: float = 10.0
    idle_seconds: float = 10.0
    max_connections: int = 1000
    threads: int = 8


class _Channel(HTTPChannel):
    """A channel that remembers when the request it is reading began."""

    request_started: float | None = None

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_started = time.monotonic()
        done = super().received(data)
        if self.request is None:  # nothing half-read (a request queued, or nothing)
            self.request_started = None
        return done


class _Server(TcpWSGIServer):
    channel_class = _Channel
    limits = ServerLimits()

    def maintenance(self, now: float) -> None:
        """Close connections past a deadline (``now`` is wall-clock, as waitress passes);
        near the connection cap, also the longest-waiting ones that are not being answered,
        so a flood of slow clients cannot keep the queue of new ones waiting."""
        mono = time.monotonic()
        waiting: list[tuple[float, HTTPChannel]] = []
        for channel in list(self.active_channels.values()):
            if channel.requests or channel.will_close:  # being answered, or closing
                continue
            started = getattr(channel, "request_started", None)
            if started is not None:
                age = mono - started
                late = age > self.limits.request_seconds
            else:
                age = now - channel.last_activity
                late = age > self.limits.idle_seconds
            if late:
                channel.will_close = True
            else:
                waiting.append((age, channel))
        cap = self.limits.max_connections
        excess = len(self.active_channels) - int(cap * 0.9)
        if excess > 0:
            waiting.sort(key=lambda pair: pair[0], reverse=True)
            for _, channel in waiting[: excess + cap // 10]:
                channel.will_close = True


def _raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def serve_wsgi(
    app: Callable[..., Any],
    host: str,
    port: int,
    limits: ServerLimits = ServerLimits(),  # noqa: B008 (frozen)
) -> None:
    """Serve ``app`` on ``host:port`` until SIGTERM or SIGINT."""
    _raise_file_limit(limits.max_connections + 64)
    server_class = type("LimitedServer", (_Server,), {"limits": limits})
    server = server_class(
        app,
        host=host,
        port=port,
        threads=limits.threads,
        connection_limit=limits.max_connections,
        # waitress's own idle check stays as a backstop; ours (maintenance) is tighter
        channel_timeout=int(max(limits.idle_seconds, limits.request_seconds) * 4) + 1,
        cleanup_interval=1,
        asyncore_loop_timeout=1,
        backlog=1024,
        ident="referatgraf",
    )
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
