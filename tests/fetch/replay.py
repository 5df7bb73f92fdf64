"""A FirstAgenda portal on loopback that replays recorded answers, with scripted failures.

The recordings are built from the bundled Greve meetings (``data/minutes/greve/*.json``,
which are ``/api/agenda/dagsorden/{Id}`` answers): each file is served byte for byte under
its meeting id, and the committee list (``/api/agenda/udvalgsliste``) is assembled from
their ``Udvalg`` and ``Moede`` parts the way the portal lists them. Like the real portals,
the API first sends a client without the anonymous-session cookie through
``/Home/AnonymousAuthentication``.

Failures are scripted per meeting id (or ``"list"`` for the committee list) as a queue
that each request consumes: ``429`` (with ``Retry-After: 1``), ``500``, ``404``,
``drop`` (close the connection without answering), ``truncate`` (promise the whole body,
send half, close), ``short-json`` (a complete answer whose JSON is cut in half) and
``hold`` (send half the body, then wait until released: a client to kill mid-download).
``always`` makes a status permanent for a meeting.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from tests.conftest import ROOT

GREVE = ROOT / "data" / "minutes" / "greve"
COOKIE = "FirstAgendaAnonymous=replay"
# The fields of a meeting that the committee list repeats (the rest is in the agenda).
LIST_FIELDS = (
    "MeetingBeginUtc",
    "MeetingEndUtc",
    "ReleasedDate",
    "Dato",
    "Sted",
    "Afsluttet",
    "Navn",
    "IsSupplementaryAgenda",
)


@dataclass
class Recording:
    """What the portal serves: meeting bytes by id, and list entries by id."""

    meetings: dict[str, bytes]
    entries: dict[str, dict]
    committees: dict[str, tuple[str, str]]  # meeting id → (committee id, committee name)

    def committee_list(self) -> bytes:
        current: dict[str, dict] = {}
        for mid, (cid, name) in self.committees.items():
            committee = current.setdefault(cid, {"Id": cid, "Navn": name, "Moeder": []})
            committee["Moeder"].append(self.entries[mid])
        data = {
            "Udvalg": {
                "Aktuelle politiske udvalg": list(current.values()),
                "Historiske udvalg": [
                    {
                        "Id": "6d1c3f4e-0000-4000-8000-000000000001",
                        "Navn": "Økonomiudvalget 2018-2021",
                        "Moeder": [],
                    }
                ],
            }
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def set_meeting(self, meeting_id: str, body: bytes) -> None:
        """Serve ``body`` for the meeting, and list it the way ``body`` describes it."""
        data = json.loads(body)
        self.meetings[meeting_id] = body
        self.entries[meeting_id] = _list_entry(meeting_id, data)
        self.committees[meeting_id] = (data["Udvalg"]["Id"], data["Udvalg"]["Navn"])


def _list_entry(meeting_id: str, data: dict) -> dict:
    return {"Id": meeting_id, **{k: data["Moede"].get(k) for k in LIST_FIELDS}}


def greve_sources() -> dict[str, Path]:
    """The bundled Greve meeting files by meeting id."""
    return {json.loads(p.read_bytes())["Id"]: p for p in sorted(GREVE.glob("*.json"))}


def greve_recording() -> Recording:
    recording = Recording({}, {}, {})
    for mid, path in greve_sources().items():
        recording.set_meeting(mid, path.read_bytes())
    return recording


_DECISION = re.compile(r"<div><h3>Beslutning[^<]*</h3>.*?</div>", re.DOTALL)


def agenda_version(minutes: bytes) -> bytes:
    """The agenda a meeting had before its minutes: no decisions, not closed."""
    data = json.loads(minutes)
    data["Moede"]["Afsluttet"] = False
    for item in data["Dagsordenpunkter"]:
        for felt in item.get("Felter") or []:
            if isinstance(felt.get("Html"), str):
                felt["Html"] = _DECISION.sub("", felt["Html"])
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass
class Hit:
    path: str
    started: float
    user_agent: str


@dataclass
class ReplayState:
    recording: Recording
    faults: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    always: dict[str, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def meeting_hits(self) -> list[str]:
        """Meeting ids requested (the API path, not the session redirects), in order."""
        prefix = "/api/agenda/dagsorden/"
        return [h.path[len(prefix) :] for h in self.hits if h.path.startswith(prefix)]

    def list_hits(self) -> int:
        return sum(1 for h in self.hits if h.path == "/api/agenda/udvalgsliste")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        state = self.server.state
        parts = urlsplit(self.path)
        if parts.path == "/Home/AnonymousAuthentication":
            back = parse_qs(parts.query).get("callback", ["/"])[0]
            self._send(302, b"", headers={"Location": back, "Set-Cookie": f"{COOKIE}; Path=/"})
            return
        if parts.path.startswith("/api/") and COOKIE not in (self.headers.get("Cookie") or ""):
            where = f"/Home/AnonymousAuthentication?callback={quote(self.path, safe='')}"
            self._send(302, b"", headers={"Location": where})
            return
        with state.lock:
            state.hits.append(Hit(parts.path, time.monotonic(), self.headers.get("User-Agent", "")))
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            self._answer(state, parts.path)
        finally:
            with state.lock:
                state.in_flight -= 1

    def _answer(self, state: ReplayState, path: str) -> None:
        if path == "/":
            self._send(200, b"<html><body>Dagsordener</body></html>", "text/html")
            return
        if path == "/api/agenda/udvalgsliste":
            key, body = "list", state.recording.committee_list()
        elif path.startswith("/api/agenda/dagsorden/"):
            key = path.rsplit("/", 1)[1]
            body = state.recording.meetings.get(key)
            if body is None:
                self._send(404, b'{"Message":"not found"}')
                return
        else:
            self._send(404, b"<html>404</html>", "text/html")
            return
        with state.lock:
            fault = state.faults[key].pop(0) if state.faults.get(key) else None
        status = state.always.get(key)
        if status is not None:
            self._send(status, b'{"Message":"error"}')
        elif fault is None:
            self._send(200, body)
        elif fault == "429":
            self._send(429, b'{"Message":"slow down"}', headers={"Retry-After": "1"})
        elif fault in ("500", "404", "503"):
            self._send(int(fault), b'{"Message":"error"}')
        elif fault == "drop":
            self.close_connection = True
        elif fault == "short-json":
            self._send(200, body[: len(body) // 2])
        elif fault in ("truncate", "hold"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            if fault == "hold":
                state.held.set()
                state.release.wait(60)
            self.close_connection = True
        else:
            raise ValueError(f"unknown fault {fault!r}")

    def _send(
        self,
        status: int,
        body: bytes,
        kind: str = "application/json; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: ReplayState


class ReplayPortal:
    """The replay server on 127.0.0.1 (a free port), in a background thread."""

    def __init__(self, recording: Recording) -> None:
        self.state = ReplayState(recording)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> ReplayPortal:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
