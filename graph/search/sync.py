"""Keeping the search index of a store's new generation in step with its data during ``build``.

The build writes a new generation of the store (:mod:`referatgraf.graph.store_folder`):
its data and, beside it, its search index (:attr:`referatgraf.graph.store.Store.search_path`,
a copy of the current index). Records are indexed as the build reads them (in batches, so
memory stays bounded; each batch is committed inside the new generation, which nobody reads
yet); before the store commits, the index is reconciled with the new generation's data:
documents the store no longer holds are removed, and documents whose content differs from
the store's are read again from their path and re-indexed. The store's commit then makes
data and index current together, so ``search`` always answers from exactly the documents
the store holds, also after a build killed at any point.

A parallel build may hand the indexing to an *indexer* (an object with ``open``, ``add``,
``release`` and ``finish``: :class:`referatgraf.parallel.SearchIndexer`, a process of its
own): documents that come with their items unanalysed
(:class:`~referatgraf.graph.search.index.SearchSource`, or pickled by the worker:
:class:`~referatgraf.graph.search.index.PackedSearch`, forwarded unopened) go to it, :meth:`SearchSync.release`
lets it index those added so far (called as each bulk load is ended), and reconciling
waits for it first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Record
from referatgraf.graph.build import PreparedDocument
from referatgraf.graph.search.index import (
    PackedSearch,
    PreparedSearch,
    SearchIndex,
    SearchSource,
    analysed,
    prepare_search,
)
from referatgraf.graph.store import Store

__all__ = ["SearchSync"]

log = logging.getLogger(__name__)

Read = TypeVar("Read", Record, PreparedDocument)


class SearchSync:
    """Index records of a build in batches of ``batch`` into the index at ``index_path``
    (the writable store's :attr:`~referatgraf.graph.store.Store.search_path`); reconcile with
    the store before it commits."""

    def __init__(self, index_path: Path, *, batch: int = 200, indexer: Any = None) -> None:
        self.index = SearchIndex.renewed(Path(index_path))
        self.batch = batch
        self._pending: list[PreparedSearch] = []
        self.indexer = indexer
        if indexer is not None:
            indexer.open(self.index.path, batch=batch)

    def keep(self, read: Callable[[Path], Read]) -> Callable[[Path], Read]:
        """``read`` that also queues each record it returns (or prepares) for the index."""

        def read_and_keep(path: Path) -> Read:
            got = read(path)
            if isinstance(got, PreparedDocument):
                prepared = got.search
            else:
                prepared = prepare_search(got.document, got)
            if isinstance(prepared, PackedSearch):
                if self.indexer is not None:
                    self.indexer.add_packed(prepared.data)  # forwarded as it came
                    return got
                prepared = prepared.unpacked()
            if isinstance(prepared, SearchSource):
                if self.indexer is not None:
                    self.indexer.add(prepared)
                    return got
                prepared = analysed(prepared)
            if prepared is not None:
                self._pending.append(prepared)
            if len(self._pending) >= self.batch:
                self.flush()
            return got

        return read_and_keep

    def release(self) -> None:
        """Let the indexer index the documents handed to it so far (none without one)."""
        if self.indexer is not None:
            self.indexer.release()

    def flush(self) -> None:
        if self._pending:
            self.index.replace_prepared(self._pending)
            self._pending.clear()

    def reconcile(self, read: Callable[[Path], Record], store: Store) -> tuple[int, int]:
        """Make the index hold exactly the documents of ``store`` (the open writable store
        of the same generation); returns (re-indexed, removed)."""
        self.flush()
        if self.indexer is not None:
            self.indexer.finish()  # its commits are in the index from here on
            self.indexer = None
        held = store.documents()
        indexed = self.index.documents()
        removed = 0
        for name in sorted(set(indexed) - set(held)):
            self.index.remove_document(name)
            removed += 1
        stale = [info for name, info in sorted(held.items()) if indexed.get(name) != info.sha256]
        records = []
        for info in stale:
            try:
                records.append(read(Path(info.path)))
            except InputError as exc:
                log.warning("search index: cannot re-read %s: %s", info.path, exc.message)
        records = [r for r in records if held[r.document].sha256 == r.source.sha256]
        if records:
            self.index.replace_documents((r.document, r) for r in records)
        return len(records), removed

    def close(self) -> None:
        self.index.close()
