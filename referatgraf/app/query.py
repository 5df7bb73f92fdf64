"""``query`` and ``queries``: saved SPARQL queries (or a file, or inline SPARQL) on the store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_TIMEOUT", "QueryResult", "run_query"]

#: Seconds a query may run before it is stopped (``query --timeout``).
DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class QueryResult:
    name: str
    columns: tuple[str, ...]
    rows: list[dict]


def run_query(
    store_dir: Path,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run a saved query by name, a ``.rq`` file or inline SPARQL with ``params`` bound.

    With a ``timeout`` (seconds) the query runs in a child process that is stopped at the
    limit (:mod:`referatgraf.graph.timed_query`); ``None`` or 0 runs it here, unlimited.
    Either way the query reads the store's last finished build and never blocks a build.
    The columns a query's ``# evidence:`` header asks for are added from the documents'
    texts afterwards.
    """
    from referatgraf.graph.queries import resolve_query, run_query
    from referatgraf.graph.store import Store

    saved = resolve_query(query)
    if timeout:
        from referatgraf.graph.timed_query import query_rows

        rows = query_rows(
            store_dir, saved.sparql, saved.bindings(dict(params or {})), seconds=timeout
        )
        if saved.evidence is not None:
            from referatgraf.graph.evidence import add_evidence

            with Store(store_dir) as store:
                add_evidence(store, rows, *saved.evidence)
    else:
        with Store(store_dir) as store:
            rows = run_query(store, saved, dict(params or {}))
    columns = tuple(rows[0]) if rows else ()
    return QueryResult(saved.name, columns, rows)
