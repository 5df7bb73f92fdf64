"""``search``: ranked agenda items from the full-text index beside the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SearchOptions", "SearchResult", "search"]


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """The query and its filters; ``index`` defaults to the index of the store ``store_dir``."""

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
    """The best ``limit`` hits and how many items match in all, from the index of the store's
    current generation (or the index folder ``options.index``)."""
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.graph.store_folder import pin_current

    if options.index is not None:
        return _search(SearchIndex(options.index, create=False), options)
    with pin_current(options.store_dir) as generation:  # the index of the last finished build
        if generation.search is None:
            raise StoreError(
                str(options.store_dir),
                "no search index here (build the store with `referatgraf build`)",
            )
        return _search(SearchIndex(generation.search, create=False), options)


def _search(index, options: SearchOptions) -> SearchResult:
    from referatgraf.errors import UsageError

    filters = {
        "centre": options.centre,
        "date_from": options.date_from,
        "date_to": options.date_to,
        "municipality": options.municipality,
    }
    with index:
        try:
            hits = index.search(options.query, limit=options.limit, **filters)
            total = (
                index.count(options.query, **filters) if len(hits) == options.limit else len(hits)
            )
        except ValueError as exc:  # a malformed date or query
            raise UsageError(str(exc)) from None
    return SearchResult(options.query, total, hits)
