"""A SPARQL 1.1 Protocol endpoint over the store, as a WSGI application.

Queries by ``GET ?query=``, ``POST`` form (``query=``) or ``POST application/sparql-query``;
updates (``update=`` / ``application/sparql-update``) only when the endpoint was made with
``allow_update=True`` over a writable store. Results in the standard formats, chosen by
the ``Accept`` header: SPARQL JSON (default), XML, CSV and TSV for SELECT/ASK; Turtle
(default), N-Triples, RDF/XML and JSON-LD for CONSTRUCT/DESCRIBE.

Limits protect a shared machine: a request body larger than ``max_request_bytes`` is
answered 413, a result larger than ``max_result_bytes`` is answered 413 (ask with
``LIMIT``), and a query running longer than ``timeout`` seconds is answered 503. A
malformed query is answered 400 with the parser's message.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox

from referatgraf.graph.store import PREFIXES, Store

__all__ = ["EndpointLimits", "SparqlEndpoint", "negotiate"]

log = logging.getLogger(__name__)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


def negotiate(accept: str | None, offered: Iterable[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (first offered if no header).

    Examples
    --------
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["application/json", "text/csv",
    ...     "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("*/*", ["text/turtle", "application/n-triples"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    offered = list(offered)
    if not accept:
        return offered[0]
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", ""):
            match = offered[0]
        elif media.endswith("/*"):
            match = next((o for o in offered if o.startswith(media[:-1])), None)
        else:
            match = media if media in offered else None
        if match and (best is None or (q, -order) > (best[0], best[1])):
            best = (q, -order, match)
    return best[2] if best else None


class _ResultTooLarge(Exception):
    pass


class _TimedOut(Exception):
    pass


class _LimitedBuffer:
    """A binary sink that stops the serializer past a size or a deadline."""

    def __init__(self, max_bytes: int, deadline: float) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.max_bytes = max_bytes
        self.deadline = deadline

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise _ResultTooLarge
        if time.monotonic() > self.deadline:
            raise _TimedOut
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class EndpointLimits:
    timeout: float = 30.0  # seconds per query
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 1_000_000


class SparqlEndpoint:
    """WSGI app answering the SPARQL 1.1 Protocol at any path it is mounted on."""

    def __init__(
        self,
        store: Store,
        *,
        allow_update: bool = False,
        limits: EndpointLimits = EndpointLimits(),  # noqa: B008 (frozen, shared safely)
    ) -> None:
        if allow_update and not store.writable:
            raise ValueError("updates need a store opened writable")
        self.store = store
        self.allow_update = allow_update
        self.limits = limits
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")
        self._update_lock = threading.Lock()

    # ----------------------------------------------------------------- WSGI

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except _HttpError as exc:
            status, headers, body = (
                exc.status,
                [("Content-Type", "text/plain; charset=utf-8")],
                (exc.message.encode("utf-8") + b"\n"),
            )
        headers = [*headers, ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [body]

    def handle(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "GET":
            if "update" in params:
                raise _HttpError("400 Bad Request", "updates must be sent with POST")
            query = _one(params, "query")
            if query is None:
                raise _HttpError("400 Bad Request", "missing 'query' parameter")
            return self.run_query(query, params, environ.get("HTTP_ACCEPT"))
        if method != "POST":
            raise _HttpError("405 Method Not Allowed", "use GET or POST")
        body = self._read_body(environ)
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            return self.run_query(
                body.decode("utf-8", "replace"), params, environ.get("HTTP_ACCEPT")
            )
        if ctype == "application/sparql-update":
            return self.run_update(body.decode("utf-8", "replace"))
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            merged = {**params, **form}
            if "update" in form:
                return self.run_update(_one(form, "update") or "")
            query = _one(form, "query")
            if query is None:
                raise _HttpError("400 Bad Request", "missing 'query' or 'update' in the form")
            return self.run_query(query, merged, environ.get("HTTP_ACCEPT"))
        raise _HttpError("415 Unsupported Media Type", f"cannot read a body of type {ctype!r}")

    def _read_body(self, environ: dict[str, Any]) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise _HttpError("400 Bad Request", "bad Content-Length") from None
        if length > self.limits.max_request_bytes:
            raise _HttpError(
                "413 Payload Too Large",
                f"request body of {length} bytes exceeds the limit of "
                f"{self.limits.max_request_bytes} bytes",
            )
        return environ["wsgi.input"].read(length) if length else b""

    # ----------------------------------------------------------------- queries

    def run_query(
        self, query: str, params: dict[str, list[str]], accept: str | None
    ) -> tuple[str, list[tuple[str, str]], bytes]:
        kwargs: dict[str, Any] = {"prefixes": PREFIXES}
        defaults = params.get("default-graph-uri")
        named = params.get("named-graph-uri")
        if defaults:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in defaults]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named]
        deadline = time.monotonic() + self.limits.timeout
        sink = _LimitedBuffer(self.limits.max_result_bytes, deadline)
        # pyoxigraph results may not cross threads: query and serialise in one worker.
        future = self._pool.submit(self._evaluate, query, kwargs, accept, sink)
        try:
            media = future.result(timeout=self.limits.timeout)
        except FutureTimeout:
            sink.deadline = 0.0  # the worker stops at its next write
            raise _HttpError(
                "503 Service Unavailable", f"query timed out after {self.limits.timeout:g} s"
            ) from None
        except _TimedOut:
            raise _HttpError(
                "503 Service Unavailable", f"query timed out after {self.limits.timeout:g} s"
            ) from None
        except _ResultTooLarge:
            raise _HttpError(
                "413 Payload Too Large",
                f"result exceeds {self.limits.max_result_bytes} bytes; add a LIMIT",
            ) from None
        ctype = media + ("; charset=utf-8" if media.startswith("text/") else "")
        return "200 OK", [("Content-Type", ctype)], b"".join(sink.parts)

    def _evaluate(
        self, query: str, kwargs: dict[str, Any], accept: str | None, sink: _LimitedBuffer
    ) -> str:
        try:
            results = self.store.oxigraph.query(query, **kwargs)
        except SyntaxError as exc:
            raise _HttpError("400 Bad Request", f"malformed query: {exc}") from None
        except (ValueError, OSError) as exc:
            raise _HttpError("400 Bad Request", f"cannot evaluate the query: {exc}") from None
        offered: dict[str, Any] = _GRAPHS if isinstance(results, ox.QueryTriples) else _RESULTS
        media = negotiate(accept, offered)
        if media is None:
            raise _HttpError(
                "406 Not Acceptable", f"can answer this query as: {', '.join(offered)}"
            )
        try:
            results.serialize(sink, offered[media])
        except (OSError, ValueError) as exc:
            raise _HttpError("500 Internal Server Error", f"query failed: {exc}") from None
        return media

    def run_update(self, update: str) -> tuple[str, list[tuple[str, str]], bytes]:
        if not self.allow_update:
            raise _HttpError(
                "403 Forbidden", "this endpoint is read-only (start it with --allow-update)"
            )
        with self._update_lock:
            try:
                self.store.oxigraph.update(update, prefixes=PREFIXES)
            except SyntaxError as exc:
                raise _HttpError("400 Bad Request", f"malformed update: {exc}") from None
        return "204 No Content", [], b""

    def describe(self) -> dict[str, Any]:
        """What the endpoint allows (shown by the editor page)."""
        return {"update": self.allow_update, "limits": asdict(self.limits)}


class _HttpError(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None
