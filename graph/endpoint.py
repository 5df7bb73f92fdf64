"""A SPARQL 1.1 Protocol endpoint over a served store, as a WSGI application.

Queries by ``GET``/``HEAD ?query=``, ``POST`` form (``query=``) or ``POST
application/sparql-query``; updates (``update=`` / ``application/sparql-update``) only
when the endpoint was made with an ``update_token`` over a writable store. Results in the
standard formats, chosen by the ``Accept`` header: SPARQL JSON (default), XML, CSV and TSV
for SELECT/ASK; Turtle (default), N-Triples, RDF/XML and JSON-LD for CONSTRUCT/DESCRIBE.

What it guarantees, for a shared machine and an endpoint anyone on it can reach:

* A query runs in a worker process (:mod:`graph.query_pool`) that is killed at the time
  limit (503) or when its memory passes the cap (503); the endpoint answers others
  meanwhile and at once after. A result larger than ``max_result_bytes`` is 413, a body
  larger than ``max_request_bytes`` is 413.
* ``SERVICE`` and ``LOAD`` call no host that ``remote`` does not allow (400).
* Every parameter is checked before anything runs: a malformed query, a graph parameter
  that is not an absolute IRI, a parameter given twice, a body that is not UTF-8 are 400
  with one line saying what is wrong, never 500.
* An update is accepted only with ``Authorization: Bearer <update_token>`` and not from
  another origin (``Origin`` or ``Sec-Fetch-Site`` naming another site is 403), so a form
  on any web page cannot change the store. It is durable when answered (204).
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from referatgraf.graph.query_pool import (
    WorkerBusy,
    WorkerFailed,
    WorkerMemoryExceeded,
    WorkerTimeout,
)
from referatgraf.graph.served_store import QueryAnswer, ServedStore
from referatgraf.graph.sparql_formats import negotiate
from referatgraf.graph.sparql_guard import RemoteCallRefused, RemotePolicy, check_remote_calls
from referatgraf.graph.store import PREFIXES

__all__ = ["EndpointLimits", "HttpError", "SparqlEndpoint", "negotiate"]

log = logging.getLogger(__name__)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
Response = tuple[str, list[tuple[str, str]], bytes]

_TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True, slots=True)
class EndpointLimits:
    timeout: float = 30.0  # seconds per query or update, waiting for a worker included
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 1_000_000


class HttpError(Exception):
    """An answer other than 2xx: status line, one-line message, extra headers."""

    def __init__(self, status: str, message: str, headers: list[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = list(headers)


def _bad(message: str) -> HttpError:
    return HttpError("400 Bad Request", message)


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise _bad(f"give '{name}' once (it was given {len(values)} times)")
    return values[0]


def _graph_iris(params: dict[str, list[str]], name: str) -> list[str] | None:
    """The ``name`` parameter's values, each checked to be an absolute IRI.

    >>> _graph_iris({"named-graph-uri": ["https://e.org/g"]}, "named-graph-uri")
    ['https://e.org/g']
    >>> _graph_iris({"default-graph-uri": ["g 1"]}, "default-graph-uri")
    Traceback (most recent call last):
    ...
    referatgraf.graph.endpoint.HttpError: default-graph-uri 'g 1' is not an absolute IRI
    """
    values = params.get(name)
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
            absolute = bool(urlsplit(value).scheme)
        except ValueError:
            absolute = False
        if not absolute:
            raise _bad(f"{name} {value!r} is not an absolute IRI")
    return values


def _parse_qs(text: str, what: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=100)
    except UnicodeDecodeError:
        raise _bad(f"the {what} is not UTF-8") from None
    except ValueError as exc:
        raise _bad(f"cannot read the {what}: {exc}") from None


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"the {what} is not UTF-8 (byte {exc.start})") from None


class SparqlEndpoint:
    """WSGI app answering the SPARQL 1.1 Protocol at any path it is mounted on."""

    def __init__(
        self,
        store: ServedStore,
        *,
        update_token: str | None = None,
        limits: EndpointLimits = EndpointLimits(),  # noqa: B008 (frozen, shared safely)
        remote: RemotePolicy = RemotePolicy(),  # noqa: B008
    ) -> None:
        if update_token is not None and not update_token:
            raise ValueError("an update token must not be empty")
        if update_token is not None and not store.writable:
            raise ValueError("updates need a store opened writable")
        self.store = store
        self.update_token = update_token
        self.limits = limits
        self.remote = remote
        self._update_lock = threading.Lock()

    @property
    def allow_update(self) -> bool:
        return self.update_token is not None

    # ----------------------------------------------------------------- WSGI

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except HttpError as exc:
            status = exc.status
            headers = [("Content-Type", _TEXT), *exc.headers]
            body = exc.message.encode("utf-8") + b"\n"
        headers = [*headers, ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def handle(self, environ: dict[str, Any]) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        params = _parse_qs(environ.get("QUERY_STRING", ""), "query string")
        accept = environ.get("HTTP_ACCEPT")
        if method in ("GET", "HEAD"):
            if "update" in params:
                raise _bad("updates must be sent with POST")
            query = _one(params, "query")
            if query is None:
                raise _bad("missing 'query' parameter")
            return self.run_query(query, params, accept)
        if method != "POST":
            raise HttpError(
                "405 Method Not Allowed", "use GET, HEAD or POST", [("Allow", "GET, HEAD, POST")]
            )
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            query = _decode(self._read_body(environ), "query")
            return self.run_query(query, params, accept)
        if ctype == "application/sparql-update":
            self._authorise_update(environ)
            return self.run_update(_decode(self._read_body(environ), "update"))
        if ctype == "application/x-www-form-urlencoded":
            form = _parse_qs(_decode(self._read_body(environ), "form"), "form")
            if "update" in form:
                self._authorise_update(environ)
                return self.run_update(_one(form, "update") or "")
            query = _one(form, "query")
            if query is None:
                raise _bad("missing 'query' or 'update' in the form")
            return self.run_query(query, {**params, **form}, accept)
        raise HttpError("415 Unsupported Media Type", f"cannot read a body of type {ctype!r}")

    def _read_body(self, environ: dict[str, Any]) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise _bad("bad Content-Length") from None
        if length < 0:
            raise _bad("bad Content-Length")
        if length > self.limits.max_request_bytes:
            raise HttpError(
                "413 Payload Too Large",
                f"request body of {length} bytes exceeds the limit of "
                f"{self.limits.max_request_bytes} bytes",
            )
        return environ["wsgi.input"].read(length) if length else b""

    # ----------------------------------------------------------------- queries

    def run_query(self, query: str, params: dict[str, list[str]], accept: str | None) -> Response:
        request = {
            "query": query,
            "default_graph": _graph_iris(params, "default-graph-uri"),
            "named_graphs": _graph_iris(params, "named-graph-uri"),
            "accept": accept,
            "max_result_bytes": self.limits.max_result_bytes,
        }
        self._check_remote(query)
        answer = self._run(lambda deadline: self.store.query(request, deadline))
        if not answer.ok:
            raise self._failed(answer)
        media = answer.media or "application/octet-stream"
        ctype = media + ("; charset=utf-8" if media.startswith("text/") else "")
        return "200 OK", [("Content-Type", ctype)], answer.body

    def _check_remote(self, text: str) -> None:
        try:
            check_remote_calls(text, self.remote, PREFIXES)
        except RemoteCallRefused as exc:
            raise _bad(str(exc)) from None

    def _run(self, call: Callable[[float], QueryAnswer]) -> QueryAnswer:
        timeout = self.limits.timeout
        try:
            return call(time.monotonic() + timeout)
        except WorkerTimeout:
            raise HttpError(
                "503 Service Unavailable", f"query timed out after {timeout:g} s"
            ) from None
        except WorkerBusy as exc:
            raise HttpError(
                "503 Service Unavailable",
                f"timed out after {timeout:g} s waiting: {exc}; try again",
                [("Retry-After", "5")],
            ) from None
        except WorkerMemoryExceeded as exc:
            raise HttpError(
                "503 Service Unavailable",
                f"query stopped: it used more than {exc} of memory; "
                "narrow its patterns or add a LIMIT",
            ) from None
        except WorkerFailed as exc:
            log.error("%s", exc)
            raise HttpError("500 Internal Server Error", "the query worker failed") from None

    def _failed(self, answer: QueryAnswer) -> HttpError:
        if answer.error == "not_acceptable":
            return HttpError("406 Not Acceptable", answer.message)
        if answer.error == "too_large":
            return HttpError(
                "413 Payload Too Large",
                f"result exceeds {self.limits.max_result_bytes} bytes; add a LIMIT",
            )
        return _bad(answer.message)

    # ----------------------------------------------------------------- updates

    def _authorise_update(self, environ: dict[str, Any]) -> None:
        if self.update_token is None:
            raise HttpError(
                "403 Forbidden", "this endpoint is read-only (start it with --allow-update)"
            )
        origin = environ.get("HTTP_ORIGIN")
        host = environ.get("HTTP_HOST", "")
        scheme = environ.get("wsgi.url_scheme", "http")
        if origin is not None and origin != f"{scheme}://{host}":
            raise HttpError("403 Forbidden", f"update from another origin ({origin}) refused")
        site = environ.get("HTTP_SEC_FETCH_SITE")
        if site is not None and site not in ("same-origin", "none"):
            raise HttpError("403 Forbidden", f"update from a {site} page refused")
        given = environ.get("HTTP_AUTHORIZATION", "")
        scheme_name, _, token = given.partition(" ")
        if scheme_name.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), self.update_token.encode()
        ):
            raise HttpError(
                "401 Unauthorized",
                "updates need the header 'Authorization: Bearer <update token>'",
                [("WWW-Authenticate", 'Bearer realm="referatgraf"')],
            )

    def run_update(self, update: str) -> Response:
        if not update.strip():
            raise _bad("empty update")
        self._check_remote(update)
        with self._update_lock:
            answer = self._run(lambda deadline: self.store.update(update, deadline))
        if not answer.ok:
            raise self._failed(answer)
        return "204 No Content", [], b""

    def describe(self) -> dict[str, Any]:
        """What the endpoint allows (shown by the editor page)."""
        return {
            "update": self.allow_update,
            "limits": asdict(self.limits),
            "remote": list(self.remote.allowed_hosts),
        }
