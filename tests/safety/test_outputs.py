"""Output folders and files: referatgraf deletes and overwrites only what it wrote.

Issue 20, item 2 (a ``--force`` report leaves a marker behind, and the next plain run
deletes the user's files), item 4 (``map --out FILE`` overwrites any file, even the store's
``CURRENT``), and the one rule for every other writer (records, analysis, export).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from tests.safety.conftest import tree
from tests.safety.corpus import write_meetings

SITE_FOLDERS = ("items", "cases", "centres", "maps", "assets")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Path, Path]:
    """Two stores: five meetings, and the first three of them."""
    root = tmp_path_factory.mktemp("outputs")
    write_meetings(root / "five", range(5))
    write_meetings(root / "three", range(3))
    for name in ("five", "three"):
        result = run("build", root / name, "--store", root / f"store-{name}")
        assert result.exit_code == 0, result.output
    return root / "store-five", root / "store-three"


def count_documents(store: Path) -> int:
    result = run("query", "SELECT ?d WHERE { ?d rg:documentName ?x }", "--store", store,
                 "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    return len(result.output.splitlines()) - 1


def users_site_folder(path: Path) -> dict[str, bytes]:
    for sub in SITE_FOLDERS:
        (path / sub).mkdir(parents=True)
        (path / sub / f"my-{sub}.txt").write_text(f"the user's {sub}", encoding="utf-8")
    (path / "notes.txt").write_text("notes", encoding="utf-8")
    return tree(path)


def test_a_forced_report_leaves_nothing_that_lets_a_later_run_delete(stores, tmp_path):
    mine = tmp_path / "mine"
    before = users_site_folder(mine)
    forced = run("report", "--store", stores[0], "--out", mine, "--force")
    assert forced.exit_code == 0, forced.output
    assert (mine / "index.html").is_file()
    run("report", "--store", stores[1], "--out", mine)  # a later plain run, refused or not
    run("report", "--store", stores[1], "--out", mine, "--force")
    after = tree(mine)
    assert {k: after.get(k) for k in before} == before


def test_a_report_rerun_removes_its_own_old_pages_and_keeps_the_users(stores, tmp_path):
    site = tmp_path / "site"
    assert run("report", "--store", stores[0], "--out", site).exit_code == 0
    # a page an earlier run wrote (in the manifest) that the next run no longer writes
    page = next((site / "lists").glob("*.html"))
    manifest = json.loads((site / ".referatgraf").read_text(encoding="utf-8"))
    manifest["files"]["lists/old-page.html"] = manifest["files"][f"lists/{page.name}"]
    (site / ".referatgraf").write_text(json.dumps(manifest), encoding="utf-8")
    shutil.copy(page, site / "lists" / "old-page.html")
    (site / "lists" / "my-notes.txt").write_text("mine", encoding="utf-8")
    (site / "mine").mkdir()
    (site / "mine" / "draft.md").write_text("draft", encoding="utf-8")
    again = run("report", "--store", stores[1], "--out", site)
    assert again.exit_code == 0, again.output
    files = tree(site)
    assert files["lists/my-notes.txt"] == b"mine" and files["mine/draft.md"] == b"draft"
    assert "lists/old-page.html" not in files and f"lists/{page.name}" in files
    assert not [p for p in tmp_path.iterdir() if p.name != "site"]  # no staging left beside


def test_map_refuses_to_overwrite_an_existing_file_without_force(stores, tmp_path):
    target = tmp_path / "precious.html"
    target.write_text("my page", encoding="utf-8")
    result = run("map", "centres", "--store", stores[0], "--out", target)
    assert result.exit_code == 1, result.output
    assert "--force" in result.output and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "my page"
    forced = run("map", "centres", "--store", stores[0], "--out", target, "--force")
    assert forced.exit_code == 0, forced.output
    assert "<html" in target.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("command", ["map", "export"])
def test_outputs_never_overwrite_the_stores_own_files(stores, tmp_path, command):
    store = tmp_path / "store"
    shutil.copytree(stores[0], store)
    pointer = (store / "CURRENT").read_bytes()
    args = {
        "map": ["map", "centres", "--store", store, "--out", store / "CURRENT"],
        "export": ["export", "--format", "nt", "--store", store, "--out", store / "CURRENT"],
    }[command]
    for extra in ((), ("--force",)):
        result = run(*args, *extra)
        assert result.exit_code == 1, result.output
        assert (store / "CURRENT").read_bytes() == pointer
    assert count_documents(store) == 5
    write_meetings(tmp_path / "in", range(5))
    assert run("build", tmp_path / "in", "--store", store).exit_code == 0
    assert count_documents(store) == 5  # the next build kept the data


def test_extract_with_force_never_overwrites_a_users_file(tmp_path):
    write_meetings(tmp_path / "in", range(2))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "meeting-0001.json").write_text('{"mine": true}', encoding="utf-8")
    result = run("extract", tmp_path / "in", "--out", mine, "--force")
    assert result.exit_code == 1, result.output
    assert "meeting-0001.json" in result.output and "Traceback" not in result.output
    assert (mine / "meeting-0001.json").read_text(encoding="utf-8") == '{"mine": true}'


def test_records_written_by_referatgraf_are_rewritten_on_the_next_run(tmp_path):
    write_meetings(tmp_path / "in", range(2))
    out = tmp_path / "records"
    assert run("extract", tmp_path / "in", "--out", out).exit_code == 0
    first = tree(out)
    write_meetings(tmp_path / "in", [1], revised=[1])
    assert run("extract", tmp_path / "in", "--out", out).exit_code == 0
    assert tree(out)["meeting-0001.json"] != first["meeting-0001.json"]


def test_a_forced_analysis_keeps_the_users_files(stores, tmp_path):
    mine = tmp_path / "mine"
    (mine / "graphml").mkdir(parents=True)
    (mine / "graphml" / "my.graphml").write_text("<graphml/>", encoding="utf-8")
    (mine / "notes.txt").write_text("notes", encoding="utf-8")
    before = tree(mine)
    for store in stores:
        result = run("analyze", "--store", store, "--out", mine, "--force")
        assert result.exit_code == 0, result.output
    assert {k: v for k, v in tree(mine).items() if k in before} == before
    (mine / "summary.json").unlink()
    (mine / "summary.json").write_text("my summary", encoding="utf-8")
    refused = run("analyze", "--store", stores[0], "--out", mine, "--force")
    assert refused.exit_code == 1 and "summary.json" in refused.output, refused.output
    assert (mine / "summary.json").read_text(encoding="utf-8") == "my summary"


def test_a_file_of_the_users_named_like_the_manifest_is_never_overwritten(stores, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / ".referatgraf").write_text("my dotfile", encoding="utf-8")
    write_meetings(tmp_path / "in", range(1))
    for command in (["report", "--store", stores[0]], ["extract", tmp_path / "in"]):
        result = run(*command, "--out", mine, "--force")
        assert result.exit_code == 1 and ".referatgraf: exists" in result.output, result.output
    assert tree(mine) == {".referatgraf": b"my dotfile"}


def test_a_folder_with_an_older_versions_empty_marker_counts_as_the_users(stores, tmp_path):
    old = tmp_path / "old-site"
    (old / "items").mkdir(parents=True)
    (old / "items" / "mine.txt").write_text("mine", encoding="utf-8")
    (old / ".referatgraf").touch()  # what referatgraf 0.1 left, also after --force
    refused = run("report", "--store", stores[0], "--out", old)
    assert refused.exit_code == 1 and "older referatgraf" in refused.output, refused.output
    assert run("report", "--store", stores[0], "--out", old, "--force").exit_code == 0
    assert (old / "items" / "mine.txt").read_text(encoding="utf-8") == "mine"
