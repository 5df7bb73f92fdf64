"""``referatgraf serve``: the SPARQL endpoint, the editor page and its files, on one port.

:func:`make_app` builds the WSGI app; :func:`run_server` opens the store, starts the query
workers and serves until SIGTERM or Ctrl-C (see :mod:`referatgraf.http_server`).
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from referatgraf.graph.endpoint import SparqlEndpoint
from referatgraf.graph.queries import analyst_queries
from referatgraf.graph.store import PREFIXES
from referatgraf.viz.editor import EditorParam, EditorQuery, editor_page

__all__ = ["LOOPBACK", "YASGUI_DIR", "host_names", "make_app"]

log = logging.getLogger(__name__)

#: YASGUI, vendored as package data of :mod:`referatgraf.viz` (``make vendor`` refreshes it).
YASGUI_DIR = Path(str(files("referatgraf.viz") / "vendor" / "yasgui"))
_STATIC = {"/static/yasgui.min.js": "yasgui.min.js", "/static/yasgui.min.css": "yasgui.min.css"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], list[bytes]]


def _editor_queries() -> list[EditorQuery]:
    """The analyst's saved queries (not the analytics' internal ones) with their parameters,
    for the editor's form (defaults are filled in there, values bound in the page)."""
    return [
        EditorQuery(
            q.name,
            q.description,
            q.sparql,
            tuple(
                EditorParam(p.name, p.type, p.description, p.default, p.required) for p in q.params
            ),
        )
        for q in analyst_queries().values()
    ]


def _editor_choices() -> dict[str, list[str]]:
    """Parameters whose values are fixed by the vocabulary: entity kinds, mention types and
    centre roles."""
    from referatgraf.ontology.kinds import ENTITY_KINDS, MENTION_TYPES
    from referatgraf.ontology.roles import ROLE_NAMES

    return {
        "kind": [k.name for k in ENTITY_KINDS],
        "type": list(MENTION_TYPES),
        "role": list(ROLE_NAMES),
    }


def host_names(host: str) -> frozenset[str] | None:
    """The ``Host`` header names a server bound to ``host`` answers (None: any).

    On loopback only loopback names are answered: a web page whose own name resolves to
    127.0.0.1 (DNS rebinding) must not read the store through the visitor's browser.

    >>> sorted(host_names("127.0.0.1"))
    ['127.0.0.1', '[::1]', 'localhost']
    >>> host_names("0.0.0.0") is None
    True
    """
    if host in LOOPBACK:
        return frozenset({"127.0.0.1", "localhost", "[::1]"})
    return None


def _host_of(header: str) -> str:
    """``Host`` header without the port.

    >>> _host_of("127.0.0.1:7878"), _host_of("[::1]:80"), _host_of("LocalHost")
    ('127.0.0.1', '[::1]', 'localhost')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if ":" in header else header


def make_app(
    endpoint: SparqlEndpoint,
    *,
    yasgui_dir: Path = YASGUI_DIR,
    hosts: frozenset[str] | None = None,
) -> WsgiApp:
    """The WSGI app: ``/sparql`` (endpoint), ``/`` (editor), ``/static/…`` (YASGUI).

    ``hosts``: the ``Host`` names answered (None: any); others get 421.
    """
    has_yasgui = all((yasgui_dir / f).is_file() for f in _STATIC.values())
    page = editor_page(
        _editor_queries(),
        endpoint="/sparql",
        prefixes=PREFIXES,
        yasgui_css="/static/yasgui.min.css" if has_yasgui else None,
        yasgui_js="/static/yasgui.min.js" if has_yasgui else None,
        read_only=not endpoint.allow_update,
        choices=_editor_choices(),
    ).encode("utf-8")

    def plain(start_response: Callable[..., Any], status: str, text: str) -> list[bytes]:
        body = text.encode("utf-8")
        start_response(
            status,
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        head = environ.get("REQUEST_METHOD") == "HEAD"
        if hosts is not None and _host_of(environ.get("HTTP_HOST", "")) not in hosts:
            return plain(start_response, "421 Misdirected Request", "unknown host name\n")
        path = environ.get("PATH_INFO", "/")
        if path == "/sparql":
            return endpoint(environ, start_response)
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return plain(start_response, "405 Method Not Allowed", "use GET or HEAD\n")
        if path in ("/", "/index.html"):
            body, ctype = page, "text/html; charset=utf-8"
        elif path in _STATIC and has_yasgui:
            body = (yasgui_dir / _STATIC[path]).read_bytes()
            ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        else:
            answer = plain(start_response, "404 Not Found", "not found\n")
            return [] if head else answer
        headers = [
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
            (
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
            ),
        ]
        start_response("200 OK", headers)
        return [] if head else [body]

    return app
