"""CLI commands to serve the store over HTTP and push it to another SPARQL server."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from referatgraf.options import store_option

__all__ = ["UPDATE_TOKEN_ENV", "push", "serve"]

#: Environment variable holding the update token when --update-token is not given.
UPDATE_TOKEN_ENV = "REFERATGRAF_UPDATE_TOKEN"

log = logging.getLogger(__name__)


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL Update from same-origin requests with the update token "
    "(default: read-only). Each update is on disk before it is answered.",
)
@click.option(
    "--update-token",
    envvar=UPDATE_TOKEN_ENV,
    default=None,
    help=f"Token updates must carry as 'Authorization: Bearer …' (or set {UPDATE_TOKEN_ENV}; "
    "better: a token on the command line shows in the process list).",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query or update may take; then its worker is killed (503).",
)
@click.option(
    "--workers",
    default=4,
    show_default=True,
    type=click.IntRange(min=1, max=64),
    help="Query worker processes (queries answered at the same time).",
)
@click.option(
    "--max-query-mb",
    default=1000.0,
    show_default=True,
    type=click.FloatRange(min=50),
    help="Memory one query may use; past it its worker is killed (503).",
)
@click.option(
    "--max-result-mb",
    default=50.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Largest result served, in MB (413).",
)
@click.option(
    "--max-request-kb",
    default=1000.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Largest request body, in kB (413).",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.5),
    help="Seconds a client has to send a whole request once it has begun; then it is cut off.",
)
@click.option(
    "--idle-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.5),
    help="Seconds a connection may sit idle (or not read its answer) before it is closed.",
)
@click.option(
    "--max-connections",
    default=1000,
    show_default=True,
    type=click.IntRange(min=8),
    help="Open connections at most (slow ones are cut off by the time limits).",
)
@click.option(
    "--allow-remote",
    "remote_hosts",
    multiple=True,
    metavar="HOST[:PORT]",
    help="Host SERVICE and LOAD may call (repeatable); default: none, they are refused.",
)
@click.option("--no-yasgui", is_flag=True, help="Plain editor form instead of YASGUI.")
def serve(
    store_dir: Path,
    host: str,
    port: int,
    allow_update: bool,
    update_token: str | None,
    timeout: float,
    workers: int,
    max_query_mb: float,
    max_result_mb: float,
    max_request_kb: float,
    header_timeout: float,
    idle_timeout: float,
    max_connections: int,
    remote_hosts: tuple[str, ...],
    no_yasgui: bool,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint with a query editor page.

    The endpoint is at /sparql (GET, HEAD and POST, standard result formats by Accept
    header); the editor at / lists the saved queries. Read-only and on loopback unless
    told otherwise. Queries run in worker processes that are killed at --timeout or
    --max-query-mb; SERVICE and LOAD are refused unless --allow-remote names the host.
    Limits and guarantees: docs/safety.md.

    \b
    Example:
      referatgraf serve --store out/store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {?s ?p ?o} LIMIT 3' \\
           http://127.0.0.1:7878/sparql
      REFERATGRAF_UPDATE_TOKEN=s3cret referatgraf serve --allow-update &
      curl -H 'Authorization: Bearer s3cret' --data-urlencode 'update=CLEAR GRAPH <urn:x>' \\
           http://127.0.0.1:7878/sparql
    """
    from referatgraf.app.serve import ServeOptions, run_server
    from referatgraf.errors import UsageError
    from referatgraf.graph.endpoint import EndpointLimits
    from referatgraf.graph.query_pool import PoolLimits
    from referatgraf.http_server import ServerLimits
    from referatgraf.server import YASGUI_DIR

    if allow_update and not update_token:
        raise UsageError(
            f"--allow-update needs a token: give --update-token or set {UPDATE_TOKEN_ENV}"
        )
    if update_token and not allow_update:
        log.info("an update token without --allow-update: the endpoint stays read-only")
    options = ServeOptions(
        store_dir=store_dir,
        host=host,
        port=port,
        update_token=update_token if allow_update else None,
        endpoint=EndpointLimits(
            timeout=timeout,
            max_result_bytes=int(max_result_mb * 1e6),
            max_request_bytes=int(max_request_kb * 1e3),
        ),
        pool=PoolLimits(workers=workers, max_memory_bytes=int(max_query_mb * 1e6)),
        server=ServerLimits(
            request_seconds=header_timeout,
            idle_seconds=idle_timeout,
            max_connections=max_connections,
            threads=workers + 4,
        ),
        remote_hosts=remote_hosts,
        yasgui_dir=Path("/nonexistent") if no_yasgui else YASGUI_DIR,
    )
    run_server(options, ready=click.echo)


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
    from referatgraf.app.push import PushOptions
    from referatgraf.app.push import push as run

    options = PushOptions(endpoint, store_dir, graph_store, user, password, token, auth)
    result = run(options)
    click.echo(
        f"sent {result.sent} graphs ({result.bytes_sent / 1e6:.2f} MB, {result.method}), "
        f"{result.unchanged} unchanged, {result.deleted} deleted"
    )
