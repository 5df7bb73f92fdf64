"""The documents' rows read by this process and a child (``referatgraf.app.tail_rows``):
the same rows in the same order as one process reads them, the child's error raised here,
and its spool file gone afterwards."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from referatgraf.app.tail_rows import rows_with_tail_child
from referatgraf.graph.document_rows import DocumentReader
from referatgraf.graph.errors import StoreError
from referatgraf.graph.store import Store

LOGGER = "referatgraf.app.tail_rows"


def _spools() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("referatgraf-rows-*"))


@pytest.mark.parametrize("ready_at", [0, 2, None])  # at once, after two documents, never
def test_the_rows_are_those_one_process_reads_in_order(bundled_store, caplog, ready_at):
    before = _spools()
    with Store(bundled_store) as store:
        graphs = [info.graph for info in store.documents().values()]
        assert len(graphs) >= 4  # enough for a tail
        reader = DocumentReader(store, None)
        want = [reader.rows(graph, links=True) for graph in graphs]
        asked = []

        def ready() -> bool:
            asked.append(len(asked))
            return ready_at is not None and len(asked) > ready_at

        with caplog.at_level(logging.INFO, logger=LOGGER):
            got = list(rows_with_tail_child(store, None, graphs, ready=ready, min_tail=1))
    assert got == want
    assert sum(len(rows.items) for rows in got) > 0
    assert ("read by a child process" in caplog.text) == (ready_at is not None)
    assert _spools() == before


def test_a_failing_child_is_an_error_here(bundled_store):
    before = _spools()
    with Store(bundled_store) as store:
        graphs = [info.graph for info in store.documents().values()]
        # the child opens a generation that is not there: its StoreError comes back
        gone = SimpleNamespace(
            path=store.path,
            generation="oxigraph-0",
            oxigraph=store.oxigraph,
            release_memory=store.release_memory,
        )
        rows = rows_with_tail_child(gone, None, graphs, ready=lambda: True, min_tail=1)
        with pytest.raises(StoreError, match="oxigraph-0 is gone"):
            list(rows)
    assert _spools() == before


def _children() -> list[int]:
    return [
        int(c)
        for task in Path(f"/proc/{os.getpid()}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]


def test_a_reading_given_up_leaves_no_child_and_no_spool(bundled_store):
    before, children = _spools(), _children()
    with Store(bundled_store) as store:
        graphs = [info.graph for info in store.documents().values()]
        rows = rows_with_tail_child(store, None, graphs, ready=lambda: True, min_tail=1)
        next(rows)  # the child has started with the last documents
        assert _spools() != before and _children() != children
        rows.close()  # as when the report fails while reading
    assert _spools() == before
    assert _children() == children
