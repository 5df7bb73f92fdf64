"""``referatgraf serve``: the SPARQL endpoint, the editor page and its files, on one port."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from referatgraf.graph.endpoint import EndpointLimits, SparqlEndpoint
from referatgraf.graph.queries import analyst_queries
from referatgraf.graph.store import PREFIXES, Store
from referatgraf.viz.editor import EditorParam, EditorQuery, editor_page

__all__ = ["YASGUI_DIR", "make_app"]

#: YASGUI, vendored as package data of :mod:`referatgraf.viz` (``make vendor`` refreshes it).
YASGUI_DIR = Path(str(files("referatgraf.viz") / "vendor" / "yasgui"))
_STATIC = {"/static/yasgui.min.js": "yasgui.min.js", "/static/yasgui.min.css": "yasgui.min.css"}


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
    """Parameters whose values are fixed by the vocabulary: entity kinds and mention types."""
    from referatgraf.ontology.kinds import ENTITY_KINDS, MENTION_TYPES

    return {"kind": [k.name for k in ENTITY_KINDS], "type": list(MENTION_TYPES)}


def make_app(
    store: Store,
    *,
    allow_update: bool = False,
    limits: EndpointLimits = EndpointLimits(),  # noqa: B008
    yasgui_dir: Path = YASGUI_DIR,
) -> Callable[[dict[str, Any], Callable[..., Any]], list[bytes]]:
    """The WSGI app: ``/sparql`` (endpoint), ``/`` (editor), ``/static/…`` (YASGUI)."""
    endpoint = SparqlEndpoint(store, allow_update=allow_update, limits=limits)
    has_yasgui = all((yasgui_dir / f).is_file() for f in _STATIC.values())
    page = editor_page(
        _editor_queries(),
        endpoint="/sparql",
        prefixes=PREFIXES,
        yasgui_css="/static/yasgui.min.css" if has_yasgui else None,
        yasgui_js="/static/yasgui.min.js" if has_yasgui else None,
        read_only=not allow_update,
        choices=_editor_choices(),
    ).encode("utf-8")

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/sparql":
            return endpoint(environ, start_response)
        if path in ("/", "/index.html"):
            body, ctype = page, "text/html; charset=utf-8"
        elif path in _STATIC and has_yasgui:
            body = (yasgui_dir / _STATIC[path]).read_bytes()
            ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        else:
            body, ctype = b"not found\n", "text/plain; charset=utf-8"
            start_response(
                "404 Not Found", [("Content-Type", ctype), ("Content-Length", str(len(body)))]
            )
            return [body]
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
        return [body]

    return app
