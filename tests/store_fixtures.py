"""Helpers for tests that need a store with a search index of hand-picked records."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from referatgraf.extract.model import Record
from referatgraf.graph.search.index import SearchIndex
from referatgraf.graph.store import Store

__all__ = ["index_into_store"]


def index_into_store(store_dir: Path, records: Iterable[Record]) -> Path:
    """Put ``records`` into the search index of the store at ``store_dir`` (a new
    generation, committed with the store; the store is created when missing) and return
    the index folder of that generation."""
    with Store(store_dir, writable=True) as store:
        path = store.search_path
        assert path is not None
        with SearchIndex(path) as index:
            index.replace_documents((r.document, r) for r in records)
    with Store(store_dir) as store:
        assert store.search_path is not None
        return store.search_path
