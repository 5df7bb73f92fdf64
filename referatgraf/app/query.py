"""``query`` and ``queries``: saved SPARQL queries (or a file, or inline SPARQL) on the store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QueryResult", "run_query"]


@dataclass(frozen=True, slots=True)
class QueryResult:
    name: str
    columns: tuple[str, ...]
    rows: list[dict]


def run_query(store_dir: Path, query: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a saved query by name, a ``.rq`` file or inline SPARQL with ``params`` bound."""
    from referatgraf.graph.queries import resolve_query
    from referatgraf.graph.store import Store

    saved = resolve_query(query)
    with Store(store_dir) as store:
        rows = store.query(saved.sparql, saved.bindings(dict(params or {})))
    columns = tuple(rows[0]) if rows else ()
    return QueryResult(saved.name, columns, rows)
