"""Push the store's named graphs to an external SPARQL 1.1 server, incrementally.

Each named graph (one per source document, plus the profile graphs) is sent with the
Graph Store HTTP Protocol (``PUT <graph-store>?graph=<iri>``) when a graph store URL is
given, falling back to SPARQL Update (``DROP SILENT GRAPH`` + ``INSERT DATA``) when the
server refuses it or none is given. A state file remembers, per server, the SHA-256 of
every graph sent, so a second push sends only what changed and deletes graphs that are
gone from the store. The state is saved every :data:`SAVE_EVERY` seconds and at the end
(also when a request fails), so an interrupted push resumes about where it stopped: at
most the last seconds' graphs are sent again, and sending a graph twice is harmless.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from referatgraf.graph.store import Store

__all__ = ["PushError", "PushResult", "push_store"]

log = logging.getLogger(__name__)

_GSP_REFUSED = {404, 405, 415, 501}

#: Seconds between saves of the push state (saving after every graph made a push of
#: 10,000 documents quadratic: each save rewrites the whole state).
SAVE_EVERY = 2.0


class PushError(RuntimeError):
    """The server refused or failed a request."""


@dataclass(frozen=True, slots=True)
class PushResult:
    sent: int
    unchanged: int
    deleted: int
    bytes_sent: int
    method: str  # "graph-store" | "sparql-update"


def _load_state(path: Path, key: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(data.get(key, {})) if isinstance(data, dict) else {}


def _save_state(path: Path, key: str, graphs: dict[str, str]) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[key] = graphs
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


class _State:
    """The push state for one server, saved to disk now and then and at the end."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self.graphs = _load_state(path, key)
        self._saved_at = time.monotonic()
        self._dirty = False

    def changed(self) -> None:
        self._dirty = True
        if time.monotonic() - self._saved_at >= SAVE_EVERY:
            self.save()

    def save(self) -> None:
        if self._dirty:
            _save_state(self.path, self.key, self.graphs)
            self._dirty = False
        self._saved_at = time.monotonic()


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 400:
        raise PushError(f"{what}: HTTP {response.status_code}: {response.text.strip()[:300]}")


def push_store(
    store: Store,
    endpoint: str,
    *,
    graph_store: str | None = None,
    client: httpx.Client | None = None,
    state_path: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> PushResult:
    """Send changed graphs of ``store`` to the server; delete graphs no longer held.

    ``endpoint`` is the server's SPARQL Update URL, ``graph_store`` its Graph Store
    Protocol URL (optional). ``client`` carries authentication and time-outs.
    """
    own_client = client is None
    client = client or httpx.Client(timeout=60.0)
    if state_path is None:
        if store.path is None:
            raise ValueError("an in-memory store needs an explicit state_path")
        state_path = store.path / "push-state.json"
    saved = _State(state_path, graph_store or endpoint)
    state = saved.graphs
    method = "graph-store" if graph_store else "sparql-update"
    sent = unchanged = deleted = nbytes = 0
    try:
        current = store.graph_names()
        for name in current:
            data = store.graph_ntriples(name)
            digest = hashlib.sha256(data).hexdigest()
            if state.get(name) == digest:
                unchanged += 1
                continue
            if method == "graph-store":
                r = client.put(
                    graph_store,  # type: ignore[arg-type]
                    params={"graph": name},
                    content=data,
                    headers={"Content-Type": "application/n-triples"},
                )
                if r.status_code in _GSP_REFUSED:
                    log.info("graph store refused (HTTP %s): using SPARQL Update", r.status_code)
                    method = "sparql-update"
                else:
                    _check(r, f"PUT graph {name}")
            if method == "sparql-update":
                body = (
                    f"DROP SILENT GRAPH <{name}> ;\n"
                    f"INSERT DATA {{ GRAPH <{name}> {{\n{data.decode('utf-8')}}} }}"
                ).encode()
                r = client.post(
                    endpoint, content=body, headers={"Content-Type": "application/sparql-update"}
                )
                _check(r, f"update of graph {name}")
            sent += 1
            nbytes += len(data)
            state[name] = digest
            saved.changed()
            if progress:
                progress(name)
        for name in sorted(set(state) - set(current)):
            if method == "graph-store":
                r = client.delete(graph_store, params={"graph": name})  # type: ignore[arg-type]
                if r.status_code != 404:
                    _check(r, f"DELETE graph {name}")
            else:
                r = client.post(
                    endpoint,
                    content=f"DROP SILENT GRAPH <{name}>".encode(),
                    headers={"Content-Type": "application/sparql-update"},
                )
                _check(r, f"drop of graph {name}")
            del state[name]
            deleted += 1
            saved.changed()
    except httpx.HTTPError as exc:
        raise PushError(f"cannot reach {exc.request.url}: {exc}") from None
    finally:
        saved.save()
        if own_client:
            client.close()
    return PushResult(sent, unchanged, deleted, nbytes, method)
