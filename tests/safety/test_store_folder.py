"""The store folder: referatgraf writes only its own names there and removes only those.

Issue 20, item 1 (a build into a folder referatgraf did not make: written into without
``--force``, user folders named ``oxigraph*`` deleted as "stale", a user file ``CURRENT``
overwritten) and item 14's last part (a store whose first build was killed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from tests.safety.conftest import tree
from tests.safety.corpus import write_meetings


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("minutes")
    write_meetings(folder, range(3))
    return folder


def documents(store: Path) -> int:
    result = run("query", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d rg:documentName ?x }",
                 "--store", store, "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    return int(result.output.split('"n":')[1].split()[0].strip(",}"))


def users_folder(path: Path) -> dict[str, bytes]:
    """A folder of the user's with names a store also uses."""
    (path / "oxigraph-photos").mkdir(parents=True)
    (path / "oxigraph-photos" / "beach.jpg").write_bytes(b"\xff\xd8 holiday")
    (path / "oxigraph").mkdir()
    (path / "oxigraph" / "notes.txt").write_text("my notes", encoding="utf-8")
    (path / "search").mkdir()
    (path / "search" / "wishlist.txt").write_text("books", encoding="utf-8")
    (path / "thesis.docx").write_bytes(b"precious")
    return tree(path)


def test_build_refuses_a_foreign_non_empty_folder(minutes, tmp_path):
    mine = tmp_path / "mine"
    before = users_folder(mine)
    result = run("build", minutes, "--store", mine)
    assert result.exit_code == 1, result.output
    assert "not made by referatgraf" in result.output and "--force" in result.output
    assert "Traceback" not in result.output
    assert tree(mine) == before
    assert sorted(p.name for p in mine.iterdir()) == sorted(
        ["oxigraph-photos", "oxigraph", "search", "thesis.docx"]
    )  # not even a lock file


def test_a_forced_build_keeps_every_file_and_folder_of_the_user(minutes, tmp_path):
    mine = tmp_path / "mine"
    before = users_folder(mine)
    assert run("build", minutes, "--store", mine, "--force").exit_code == 0
    assert documents(mine) == 3
    write_meetings(minutes, [0], revised=[0])  # the next build replaces one document
    try:
        again = run("build", minutes, "--store", mine)
        assert again.exit_code == 0, again.output
        assert "1 replaced" in again.output
    finally:
        write_meetings(minutes, [0])
    assert {k: v for k, v in tree(mine).items() if k in before} == before
    assert documents(mine) == 3


def test_a_forced_build_never_overwrites_a_users_current_file(minutes, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "CURRENT").write_text("my current affairs", encoding="utf-8")
    for args, says in (((), "--force"), (("--force",), "CURRENT: exists")):
        result = run("build", minutes, "--store", mine, *args)
        assert result.exit_code == 1, result.output
        assert says in result.output and "Traceback" not in result.output
        assert (mine / "CURRENT").read_text(encoding="utf-8") == "my current affairs"
    assert sorted(p.name for p in mine.iterdir()) == ["CURRENT"]


def test_a_store_keeps_folders_the_user_put_into_it(minutes, tmp_path):
    store = tmp_path / "store"
    assert run("build", minutes, "--store", store).exit_code == 0
    (store / "oxigraph-backup").mkdir()
    (store / "oxigraph-backup" / "important.txt").write_text("keep me", encoding="utf-8")
    (store / "search-notes").mkdir()
    (store / "search-notes" / "x.txt").write_text("keep me too", encoding="utf-8")
    write_meetings(minutes, [1], revised=[1])
    try:
        assert run("build", minutes, "--store", store).exit_code == 0
    finally:
        write_meetings(minutes, [1])
    assert (store / "oxigraph-backup" / "important.txt").read_text(encoding="utf-8") == "keep me"
    assert (store / "search-notes" / "x.txt").read_text(encoding="utf-8") == "keep me too"
    assert documents(store) == 3


def test_a_store_whose_first_build_was_killed_says_no_store_here(driver, minutes, tmp_path):
    store = tmp_path / "store"
    answer = driver.run(
        "build", {"inputs": [minutes], "store_dir": store}, {"phase": "building", "after": 1}
    )
    assert answer["killed"], answer
    for command in (
        ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
        ["search", "budget"],
        ["report", "--out", tmp_path / "site"],
        ["export", "--format", "nt", "--out", tmp_path / "g.nt"],
    ):
        result = run(*command, "--store", store)
        assert result.exit_code == 1, (command, result.output)
        assert "no store here" in result.output, (command, result.output)
        assert "IO error" not in result.output
    # and the next build makes the store
    assert run("build", minutes, "--store", store).exit_code == 0
    assert documents(store) == 3
