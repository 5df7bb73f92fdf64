"""A polite, robust HTTP client for one portal: paced, bounded, retrying, honest about itself.

- Every request carries a User-Agent naming referatgraf and its version.
- Requests start at least ``delay`` seconds apart (across all threads), and at most
  ``concurrency`` are in flight.
- 429, 5xx, dropped connections, time-outs and bodies cut short are retried up to
  ``retries`` times, waiting ``backoff``, 2×, 4×, … seconds (plus a little jitter); a
  ``Retry-After`` header is honoured (and a 429 pauses every thread, not only the one
  that got it). A server that asks for a wait longer than ``max_wait`` is not retried.
- Other 4xx answers, and answers that are not JSON, fail at once.
- Cookies the portal hands out (its anonymous-session redirect) are kept for the run.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from referatgraf import __version__
from referatgraf.firstagenda.errors import RequestFailed

__all__ = ["USER_AGENT", "JsonAnswer", "PoliteClient", "Politeness", "retry_after_seconds"]

log = logging.getLogger(__name__)

USER_AGENT = f"referatgraf/{__version__} (Danish municipal minutes to a knowledge graph)"


@dataclass(frozen=True, slots=True)
class Politeness:
    """How hard the client may press a portal.

    ``delay``: seconds between the starts of two requests; ``concurrency``: requests in
    flight at most; ``timeout``: seconds to connect and between bytes read; ``retries``:
    further attempts after a transient failure; ``backoff``: seconds before the first
    retry, doubled for each next one; ``max_wait``: the longest ``Retry-After`` obeyed.
    """

    delay: float = 1.0
    concurrency: int = 2
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0
    max_wait: float = 300.0

    def __post_init__(self) -> None:
        if self.delay < 0 or self.timeout <= 0 or self.backoff < 0 or self.max_wait < 0:
            raise ValueError("delay, backoff and max_wait must be >= 0 and timeout > 0")
        if self.concurrency < 1 or self.retries < 0:
            raise ValueError("concurrency must be >= 1 and retries >= 0")


@dataclass(frozen=True, slots=True)
class JsonAnswer:
    """A successful answer: the final URL, the body's bytes and its parsed JSON."""

    url: str
    content: bytes
    data: object


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date).

    Examples
    --------
    >>> retry_after_seconds("2"), retry_after_seconds(None), retry_after_seconds("soon")
    (2.0, None, None)
    >>> now = datetime(2024, 3, 1, 12, 0, 0, tzinfo=UTC)
    >>> retry_after_seconds("Fri, 01 Mar 2024 12:00:30 GMT", now)
    30.0
    >>> retry_after_seconds("Fri, 01 Mar 2024 11:00:00 GMT", now)
    0.0
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


#: Called before each retry with the URL, the reason, the retry's number and the wait.
Retry = Callable[[str, str, int, float], None]


class _Pacer:
    """Start times at least ``delay`` apart across threads; ``pause`` holds everyone off."""

    def __init__(self, delay: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait_turn(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.delay
        if start > now:
            self._sleep(start - now)

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)


class _Transient(Exception):
    def __init__(self, reason: str, *, status: int | None = None, wait: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait


_JSON_TYPES = ("application/json", "text/json", "+json")


class PoliteClient:
    """GET JSON from one portal, politely (see the module's description).

    ``transport`` replaces the network (tests may pass an ``httpx.MockTransport``, but
    referatgraf's own tests use a real server on loopback); ``sleep`` and ``clock`` let
    pacing be observed; ``on_retry`` hears of every retry (URL, reason, attempt, wait).
    """

    def __init__(
        self,
        politeness: Politeness = Politeness(),
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_retry: Retry | None = None,
    ) -> None:
        self.politeness = politeness
        self._on_retry = on_retry
        self._sleep = sleep
        self._pacer = _Pacer(politeness.delay, clock, sleep)
        self._slots = threading.BoundedSemaphore(politeness.concurrency)
        self._count_lock = threading.Lock()
        self.requests = 0
        self.retried = 0
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            timeout=httpx.Timeout(politeness.timeout),
            limits=httpx.Limits(max_connections=politeness.concurrency),
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get_json(self, url: str) -> JsonAnswer:
        """The JSON at ``url``; raises :class:`~referatgraf.firstagenda.errors.RequestFailed`."""
        p = self.politeness
        attempt = 0
        while True:
            try:
                return self._attempt(url)
            except _Transient as exc:
                if attempt >= p.retries:
                    tries = f"{attempt + 1} attempts" if attempt else "1 attempt"
                    raise RequestFailed(url, f"{exc.reason} ({tries})", status=exc.status) from None
                wait = p.backoff * 2**attempt * (1 + 0.1 * random.random())
                if exc.wait is not None:
                    if exc.wait > p.max_wait:
                        raise RequestFailed(
                            url,
                            f"{exc.reason}; the server asks to wait {exc.wait:.0f} s "
                            f"(more than {p.max_wait:.0f} s)",
                            status=exc.status,
                        ) from None
                    wait = max(wait, exc.wait)
                if exc.status == 429:
                    self._pacer.pause(wait)
                attempt += 1
                with self._count_lock:
                    self.retried += 1
                log.info("%s: %s; retry %d in %.1f s", url, exc.reason, attempt, wait)
                if self._on_retry is not None:
                    self._on_retry(url, exc.reason, attempt, wait)
                self._sleep(wait)

    def _attempt(self, url: str) -> JsonAnswer:
        with self._slots:
            self._pacer.wait_turn()
            with self._count_lock:
                self.requests += 1
            try:
                response = self._client.get(url)
            except httpx.TooManyRedirects as exc:
                raise RequestFailed(url, f"too many redirects ({exc})") from None
            except httpx.TransportError as exc:  # connect, read, time-out, body cut short
                detail = str(exc).rstrip(".")
                reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
                raise _Transient(reason) from None
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Transient(
                f"HTTP {status}",
                status=status,
                wait=retry_after_seconds(response.headers.get("Retry-After")),
            )
        if status >= 400:
            raise RequestFailed(url, f"HTTP {status}", status=status)
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not any(kind.endswith(t) if t.startswith("+") else kind == t for t in _JSON_TYPES):
            raise RequestFailed(url, f"{kind or 'no content type'}, not JSON", status=status)
        try:
            data = json.loads(response.content)
        except ValueError as exc:  # a body cut short behind a proxy, typically
            raise _Transient(f"the JSON is incomplete or broken ({exc})", status=status) from None
        return JsonAnswer(str(response.url), response.content, data)
