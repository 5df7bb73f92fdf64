"""``push``: the store's named graphs sent to another SPARQL 1.1 server, only what changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referatgraf.errors import ReferatgrafError

__all__ = ["PushOptions", "push"]


@dataclass(frozen=True, slots=True)
class PushOptions:
    """The server (SPARQL Update URL, optional Graph Store Protocol URL) and credentials:
    ``user``/``password`` with ``auth`` ``basic`` or ``digest``, or a bearer ``token``."""

    endpoint: str
    store_dir: Path = Path("out/store")
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    token: str | None = None
    auth: str = "basic"


def push(options: PushOptions):
    """Send changed graphs and delete removed ones (:func:`referatgraf.graph.push.push_store`)."""
    import httpx

    from referatgraf.graph.push import PushError, push_store
    from referatgraf.graph.store import Store

    scheme = httpx.DigestAuth if options.auth == "digest" else httpx.BasicAuth
    credentials = scheme(options.user, options.password or "") if options.user else None
    headers = {"Authorization": f"Bearer {options.token}"} if options.token else {}
    with (
        Store(options.store_dir) as store,
        httpx.Client(auth=credentials, headers=headers, timeout=120.0) as client,
    ):
        try:
            return push_store(
                store, options.endpoint, graph_store=options.graph_store, client=client
            )
        except PushError as exc:
            raise ReferatgrafError(str(exc)) from None
