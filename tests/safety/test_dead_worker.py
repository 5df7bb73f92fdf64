"""A reading worker that dies (killed for memory, say) fails the build with one clear line
instead of leaving the writer waiting for its result for ever."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from referatgraf.errors import ReferatgrafError
from referatgraf.extract.limits import DEFAULT_LIMITS
from referatgraf.graph.iris import DEFAULT_BASE
from referatgraf.parallel import LocalPool


def test_a_worker_killed_while_reading_fails_with_a_clear_error(tmp_path: Path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Referat\n\nPunkt 1. Godkendelse af dagsorden\n", encoding="utf-8")
    pool = LocalPool(1, (None, DEFAULT_BASE, DEFAULT_LIMITS))
    try:
        (pid,) = pool.pids
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        started = time.monotonic()
        pending = pool.submit(minutes)
        with pytest.raises(ReferatgrafError, match=r"ended unexpectedly \(exit code -9\)"):
            pending.result()
        assert time.monotonic() - started < 30
    finally:
        pool.shutdown()


def test_a_live_worker_reads_and_an_unreadable_input_is_its_error(tmp_path: Path):
    from referatgraf.extract.errors import InputError
    from referatgraf.parallel import PrefetchReader

    good = tmp_path / "good.txt"
    good.write_text(
        "Referat\n\nØkonomiudvalget\n\nPunkt 1. Godkendelse af dagsorden\n\nGodkendt.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not minutes \xff" * 50)
    pool = LocalPool(2, (None, DEFAULT_BASE, DEFAULT_LIMITS))
    try:
        read = PrefetchReader([bad, good], pool.submit, window=4)
        with pytest.raises(InputError):
            read(bad)
        assert read(good).document == "good.txt"
    finally:
        pool.shutdown()


def test_a_search_indexer_killed_fails_the_build_with_a_clear_error(tmp_path: Path):
    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.parallel import SearchIndexer

    SearchIndex(tmp_path / "search").close()
    indexer = SearchIndexer()
    try:
        indexer.open(tmp_path / "search", batch=10)
        assert indexer.pid is not None
        os.kill(indexer.pid, signal.SIGKILL)
        started = time.monotonic()
        with pytest.raises(ReferatgrafError, match=r"indexing process ended unexpectedly"):
            indexer.finish()
        assert time.monotonic() - started < 30
    finally:
        indexer.shutdown()


def test_the_search_indexers_own_error_is_the_builds(tmp_path: Path):
    from referatgraf.graph.errors import StoreError
    from referatgraf.parallel import SearchIndexer

    indexer = SearchIndexer()
    try:
        indexer.open(tmp_path / "no-index-here", batch=10)  # not made: the indexer's error
        with pytest.raises(StoreError, match="no search index here"):
            indexer.finish()
    finally:
        indexer.shutdown()
