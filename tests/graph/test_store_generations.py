"""Generations of the store: data and index committed together, readers pinned, old ones gone.

The store folder's layout and rules are in :mod:`referatgraf.graph.store_folder`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from referatgraf.app.build import BuildOptions, build
from referatgraf.graph.errors import StoreError
from referatgraf.graph.search.index import SearchIndex
from referatgraf.graph.store import Store
from referatgraf.graph.store_folder import (
    CURRENT_NAME,
    MANIFEST_NAME,
    pin_current,
    read_pointer,
    search_name,
)
from tests.safety.corpus import write_meetings


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_a_build_commits_data_and_index_as_one_generation(tmp_path):
    write_meetings(tmp_path / "in", range(3))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    data = read_pointer(store)
    assert data is not None and (store / CURRENT_NAME).read_text().strip() == data
    names = sorted(p.name for p in store.iterdir())
    assert names == sorted(
        [".referatgraf.lock", MANIFEST_NAME, CURRENT_NAME, data, search_name(data)]
    )
    with Store(store) as s:
        assert s.search_path == store / search_name(data)


def test_a_pinned_generation_stays_whole_while_later_builds_commit(tmp_path):
    write_meetings(tmp_path / "in", range(3))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    with pin_current(store) as old:
        before = hashes(old.search)
        write_meetings(tmp_path / "in", range(3, 6), revised=[0])
        build(BuildOptions((tmp_path / "in",), store))
        # the new generation's index was a hard-linked copy of the old one, then changed:
        # the old files are untouched, and the reader still gets the old answers
        assert old.data.is_dir() and hashes(old.search) == before
        with SearchIndex(old.search, create=False) as index:
            assert len(index.documents()) == 3
        with Store(store) as now, SearchIndex(now.search_path, create=False) as index:
            assert len(index.documents()) == 6 == len(now.documents())
    build(BuildOptions((tmp_path / "in",), store))  # no reader now: the old one goes
    assert not old.data.exists() and not old.search.exists()
    assert len([p for p in store.iterdir() if p.is_dir()]) == 2


def test_a_library_write_that_leaves_the_index_alone_carries_it_over(tmp_path):
    write_meetings(tmp_path / "in", range(2))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    with Store(store, writable=True):
        pass  # e.g. a SPARQL update: the data changes, the index is not touched
    with Store(store) as s, SearchIndex(s.search_path, create=False) as index:
        assert len(index.documents()) == 2


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    write_meetings(tmp_path / "in", range(2))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    names = sorted(p.name for p in store.iterdir())
    with pytest.raises(RuntimeError), Store(store, writable=True) as s:
        assert s.search_path is not None and s.search_path.is_dir()
        raise RuntimeError("failed midway")
    assert sorted(p.name for p in store.iterdir()) == names


def test_a_store_of_the_layout_before_generations_is_read_and_upgraded(tmp_path):
    """A store made before generations: CURRENT, one ``search`` index updated in place."""
    write_meetings(tmp_path / "in", range(2))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    data = read_pointer(store)
    (store / search_name(data)).rename(store / "search")
    (store / MANIFEST_NAME).unlink()
    (store / "oxigraph-users-backup").mkdir()  # not referatgraf's: never touched
    with Store(store) as s:
        assert s.search_path == store / "search" and len(s.documents()) == 2
    write_meetings(tmp_path / "in", [2])
    build(BuildOptions((tmp_path / "in",), store))
    with Store(store) as s, SearchIndex(s.search_path, create=False) as index:
        assert s.search_path.name.startswith("search-") and len(index.documents()) == 3
    assert not (store / "search").exists() and not (store / data).exists()
    assert (store / "oxigraph-users-backup").is_dir()


def test_a_missing_store_and_a_file_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        pin_current(tmp_path / "none")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a folder"):
        Store(tmp_path / "file", writable=True)


def test_a_store_opened_on_a_pinned_generation_reads_it_after_a_later_build(tmp_path):
    """``Store(path, generation=…)``: what a report's child process opens, the generation
    its parent holds, not the newer current one."""
    write_meetings(tmp_path / "in", range(3))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    with Store(store) as parent:
        write_meetings(tmp_path / "in", range(3, 5))
        build(BuildOptions((tmp_path / "in",), store))
        assert parent.generation != read_pointer(store)
        with Store(store, generation=parent.generation) as child:
            assert len(child.documents()) == 3 == len(parent.documents())
            assert child.search_path == parent.search_path
        with Store(store) as now:
            assert len(now.documents()) == 5


def test_a_generation_that_is_gone_is_an_error_naming_it(tmp_path):
    write_meetings(tmp_path / "in", range(2))
    store = tmp_path / "store"
    build(BuildOptions((tmp_path / "in",), store))
    with pytest.raises(StoreError, match="data-gone is gone"):
        Store(store, generation="data-gone")
