"""CLI commands to serve the store over HTTP and push it to another SPARQL server."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from referatgraf.options import store_option

__all__ = ["push", "serve"]

log = logging.getLogger(__name__)


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (default: read-only).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a query may run.")
@click.option(
    "--max-result-mb", default=50.0, show_default=True, help="Largest result served, in MB."
)
@click.option(
    "--max-request-kb", default=1000.0, show_default=True, help="Largest request body, in kB."
)
@click.option("--no-yasgui", is_flag=True, help="Plain editor form instead of YASGUI.")
def serve(
    store_dir: Path,
    host: str,
    port: int,
    allow_update: bool,
    timeout: float,
    max_result_mb: float,
    max_request_kb: float,
    no_yasgui: bool,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint with a query editor page.

    The endpoint is at /sparql (GET and POST, standard result formats by Accept
    header); the editor at / lists the saved queries. Read-only and on loopback unless
    told otherwise.

    \b
    Example:
      referatgraf serve --store out/store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {?s ?p ?o} LIMIT 3' \\
           http://127.0.0.1:7878/sparql
    """
    import waitress

    from referatgraf.graph.endpoint import EndpointLimits
    from referatgraf.graph.store import Store
    from referatgraf.server import YASGUI_DIR, make_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: reachable from other machines", host)
    store = Store(store_dir, writable=allow_update)
    limits = EndpointLimits(
        timeout=timeout,
        max_result_bytes=int(max_result_mb * 1e6),
        max_request_bytes=int(max_request_kb * 1e3),
    )
    yasgui = Path("/nonexistent") if no_yasgui else YASGUI_DIR
    app = make_app(store, allow_update=allow_update, limits=limits, yasgui_dir=yasgui)
    click.echo(f"SPARQL endpoint: http://{host}:{port}/sparql  editor: http://{host}:{port}/")
    try:
        waitress.serve(app, host=host, port=port, threads=4, _quiet=True)
    finally:
        store.close()


@click.command()
@store_option
@click.option("--endpoint", required=True, help="The server's SPARQL Update URL.")
@click.option("--graph-store", default=None, help="The server's Graph Store Protocol URL.")
@click.option("--user", default=None, help="User for HTTP basic authentication.")
@click.option(
    "--password",
    default=None,
    envvar="REFERATGRAF_PASSWORD",
    help="Password (or set REFERATGRAF_PASSWORD).",
)
@click.option(
    "--token", default=None, envvar="REFERATGRAF_TOKEN", help="Bearer token (or REFERATGRAF_TOKEN)."
)
@click.option(
    "--auth",
    type=click.Choice(["basic", "digest"]),
    default="basic",
    show_default=True,
    help="HTTP authentication scheme for --user (Virtuoso's -auth endpoints use digest).",
)
def push(
    store_dir: Path,
    endpoint: str,
    graph_store: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    auth: str,
) -> None:
    """Send the store's named graphs to an external SPARQL 1.1 server.

    Only graphs that changed since the last push to the same server are sent; graphs
    gone from the store are deleted there. Uses the Graph Store Protocol when
    --graph-store is given, else (or when the server refuses it) SPARQL Update.

    \b
    Example:
      oxigraph serve --location /tmp/ox --bind 127.0.0.1:7879 &
      referatgraf push --endpoint http://127.0.0.1:7879/update \\
                       --graph-store http://127.0.0.1:7879/store
    """
    import httpx

    from referatgraf.graph.push import PushError, push_store
    from referatgraf.graph.store import Store

    scheme = httpx.DigestAuth if auth == "digest" else httpx.BasicAuth
    credentials = scheme(user, password or "") if user else None
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    store = Store(store_dir)
    try:
        with httpx.Client(auth=credentials, headers=headers, timeout=120.0) as client:
            result = push_store(store, endpoint, graph_store=graph_store, client=client)
    except PushError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(
        f"sent {result.sent} graphs ({result.bytes_sent / 1e6:.2f} MB, {result.method}), "
        f"{result.unchanged} unchanged, {result.deleted} deleted"
    )
