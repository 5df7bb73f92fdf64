"""``serve``: the store as a SPARQL 1.1 endpoint with the query editor, until stopped.

The HTTP app is :func:`referatgraf.server.make_app`; limits and guarantees are in
``docs/safety.md`` (Serving and privacy).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from referatgraf.graph.endpoint import EndpointLimits, SparqlEndpoint
from referatgraf.graph.query_pool import PoolLimits
from referatgraf.graph.served_store import ServedStore
from referatgraf.graph.sparql_guard import RemotePolicy
from referatgraf.http_server import ServerLimits, serve_wsgi
from referatgraf.server import LOOPBACK, YASGUI_DIR, host_names, make_app

__all__ = ["ServeOptions", "run_server"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What ``referatgraf serve`` was asked for."""

    store_dir: Path
    host: str = "127.0.0.1"
    port: int = 7878
    update_token: str | None = None  # updates allowed with this token
    endpoint: EndpointLimits = field(default_factory=EndpointLimits)
    pool: PoolLimits = field(default_factory=PoolLimits)
    server: ServerLimits = field(default_factory=ServerLimits)
    remote_hosts: tuple[str, ...] = ()
    yasgui_dir: Path = YASGUI_DIR


def run_server(options: ServeOptions, ready: Callable[[str], None] = print) -> None:
    """Open the store, start the workers and serve until stopped; always clean up."""
    if options.host not in LOOPBACK:
        log.warning("serving on %s: reachable from other machines", options.host)
    store = ServedStore(
        options.store_dir, writable=options.update_token is not None, limits=options.pool
    )
    try:
        endpoint = SparqlEndpoint(
            store,
            update_token=options.update_token,
            limits=options.endpoint,
            remote=RemotePolicy(options.remote_hosts),
        )
        app = make_app(endpoint, yasgui_dir=options.yasgui_dir, hosts=host_names(options.host))
        base = f"http://{options.host}:{options.port}"
        ready(f"SPARQL endpoint: {base}/sparql  editor: {base}/")
        serve_wsgi(app, options.host, options.port, options.server)
    finally:
        store.close()
