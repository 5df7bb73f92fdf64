"""``search``: ranked agenda items from the full-text index beside the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SearchOptions", "SearchResult", "search"]


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """The query and its filters; ``index`` defaults to the index beside ``store_dir``."""

    query: str
    store_dir: Path = Path("out/store")
    index: Path | None = None
    centre: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    municipality: str | None = None
    limit: int = 20


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int
    hits: list  # of referatgraf.graph.search.index.Hit


def search(options: SearchOptions) -> SearchResult:
    """The best ``limit`` hits and how many items match in all."""
    from referatgraf.errors import UsageError
    from referatgraf.graph.search.index import INDEX_NAME, SearchIndex

    path = options.index or options.store_dir / INDEX_NAME
    filters = {
        "centre": options.centre,
        "date_from": options.date_from,
        "date_to": options.date_to,
        "municipality": options.municipality,
    }
    with SearchIndex(path, create=False) as index:
        try:
            hits = index.search(options.query, limit=options.limit, **filters)
            total = (
                index.count(options.query, **filters) if len(hits) == options.limit else len(hits)
            )
        except ValueError as exc:  # a malformed date or query
            raise UsageError(str(exc)) from None
    return SearchResult(options.query, total, hits)
