"""``search``: ranked agenda items from the full-text index beside the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SearchOptions", "SearchResult", "describe_filters", "search"]


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
    indexed: int = 0  # items in the index


def search(options: SearchOptions) -> SearchResult:
    """The best ``limit`` hits and how many items match in all, from the index of the store's
    current generation (or the index folder ``options.index``).

    Every filter is checked first: a malformed date, ``--from`` after ``--to``, or a
    municipality or centre the index holds no item of raises
    :class:`~referatgraf.errors.UsageError` naming the known values, never an empty answer.
    """
    from referatgraf.app.filters import check_date_order
    from referatgraf.errors import UsageError
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.search.index import SearchIndex, date_bounds
    from referatgraf.graph.store_folder import pin_current

    for flag, value in (("--from", options.date_from), ("--to", options.date_to)):
        try:
            date_bounds(value, None)
        except ValueError as exc:
            raise UsageError(f"{flag}: {exc}") from None
    check_date_order(options.date_from, options.date_to)
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
        _check_filter_values(index, options)
        try:
            hits = index.search(options.query, limit=options.limit, **filters)
            total = (
                index.count(options.query, **filters) if len(hits) == options.limit else len(hits)
            )
        except ValueError as exc:  # a malformed query
            raise UsageError(str(exc)) from None
        indexed = len(index) if not hits else 0
    return SearchResult(options.query, total, hits, indexed)


def _check_filter_values(index, options: SearchOptions) -> None:
    """A municipality or centre no indexed item has is an error naming the known ones."""
    from referatgraf.errors import unknown_value
    from referatgraf.graph.search.index import municipality_keys

    for field, value in (("municipality", options.municipality), ("centre", options.centre)):
        if value is None or index.has_filter_value(field, value):
            continue
        known = index.filter_values()[field]
        if field == "municipality":  # name them by key, as every other command does
            known = [municipality_keys(name)[-1] for name in known]
        raise unknown_value(field, value, known)


def describe_filters(options: SearchOptions) -> str:
    """The filters of a search in words, for "no items match …" (empty when none).

    >>> describe_filters(SearchOptions("x", centre="ØDC", date_from="2016"))
    ' with centre ØDC, from 2016'
    """
    parts = [
        f"{label} {value}"
        for label, value in (
            ("municipality", options.municipality),
            ("centre", options.centre),
            ("from", options.date_from),
            ("to", options.date_to),
        )
        if value
    ]
    return " with " + ", ".join(parts) if parts else ""
