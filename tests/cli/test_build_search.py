"""`build` keeps the search index beside the store in step with the store."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.search.index import SearchIndex
from referatgraf.graph.store import Store
from referatgraf.graph.store_folder import pin_current
from tests.conftest import CORPUS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def index_docs(store) -> dict[str, str]:
    with pin_current(store) as generation, SearchIndex(generation.search, create=False) as index:
        return index.documents()


def store_docs(store) -> dict[str, str]:
    with Store(store) as s:
        return {n: d.sha256 for n, d in s.documents().items()}


def test_build_indexes_prunes_and_reconciles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:3]
    for f in files:
        shutil.copy(f, folder / f.name)
    store = tmp_path / "store"
    assert run("build", folder, "--store", store).exit_code == 0
    assert index_docs(store) == store_docs(store)
    assert len(index_docs(store)) == 3

    (folder / files[0].name).unlink()
    assert run("build", folder, "--store", store, "--prune").exit_code == 0
    assert set(index_docs(store)) == {f.name for f in files[1:]} == set(store_docs(store))

    # as if the index had lost a document (an index from before generations could)
    with pin_current(store) as generation, SearchIndex(generation.search) as index:
        index.remove_document(files[1].name)
    assert run("build", folder, "--store", store).exit_code == 0
    assert index_docs(store) == store_docs(store)
    result = run("search", "robotics", "--store", store, "--format", "json")
    assert result.exit_code == 0
    assert files[1].name in result.output  # the re-indexed document is found again
