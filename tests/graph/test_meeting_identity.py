"""One meeting, one document in the store (issue 20, item 6; issue 15's agenda → minutes).

A meeting's IRI is its municipality, body and date, so two documents of one meeting
would share the meeting's, items' and attachments' IRIs across two named graphs. The
build keeps one: the later supersedes the earlier, minutes always supersede the agenda,
an agenda never supersedes minutes — and says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.build import build_store
from referatgraf.graph.store import Store
from referatgraf.graph.validate import validate_graph
from referatgraf.pipeline import read_record
from tests.conftest import CORPUS

AGENDA = """DAGSORDEN Byrådet d. 01-02-2024

Mødedato Torsdag d. 1. februar 2024 kl. 17:00

Punkt 1: Budget 2025

24/100

Indstilling

At budgettet godkendes.

Punkt 2: Skolernes ferieplan

24/200

Indstilling

At ferieplanen godkendes.
"""
MINUTES = AGENDA.replace("DAGSORDEN", "REFERAT").replace(
    "At budgettet godkendes.\n", "At budgettet godkendes.\n\nBeslutning\n\nGodkendt.\n"
)


def meetings_by_graph(store_dir: Path) -> dict[str, set[str]]:
    """Meeting IRIs of each document graph."""
    with Store(store_dir) as s:
        rows = s.query("SELECT ?g ?m WHERE { GRAPH ?g { ?m a rg:Meeting } }")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(str(r["g"]), set()).add(str(r["m"]))
    return out


def documents(store_dir: Path) -> list[str]:
    with Store(store_dir) as s:
        return sorted(s.documents())


def no_shared_meetings(store_dir: Path) -> bool:
    graphs = meetings_by_graph(store_dir)
    iris = [m for ms in graphs.values() for m in ms]
    return len(iris) == len(set(iris))


def test_a_re_export_under_a_new_name_supersedes_the_first(tmp_path):
    first = tmp_path / "in" / "a_first.txt"
    first.parent.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], first)
    again = first.with_name("b_corrected.txt")
    again.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    store = tmp_path / "store"
    counts = build_store([first, again], store, read=read_record)
    assert (counts.added, counts.superseded) == (1, 1)
    assert documents(store) == ["b_corrected.txt"]
    assert no_shared_meetings(store)
    assert any("b_corrected.txt supersedes a_first.txt" in note for _, note in counts.notes)
    with Store(store) as s:
        assert validate_graph(s.union_graph()).conforms


def test_the_minutes_replace_the_agenda_built_before(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "agenda.txt").write_text(AGENDA, encoding="utf-8")
    store = tmp_path / "store"
    build_store([folder / "agenda.txt"], store, read=read_record)
    assert documents(store) == ["agenda.txt"]
    (folder / "referat.txt").write_text(MINUTES, encoding="utf-8")
    counts = build_store([folder / "agenda.txt", folder / "referat.txt"], store, read=read_record)
    assert documents(store) == ["referat.txt"]
    assert (counts.skipped, counts.added, counts.superseded) == (1, 1, 1)
    assert no_shared_meetings(store)
    # nothing changed: the superseded agenda is remembered, not read again
    again = build_store([folder / "agenda.txt", folder / "referat.txt"], store, read=read_record)
    assert (again.skipped, again.added, again.superseded, again.failures) == (2, 0, 0, [])


def test_an_agenda_never_supersedes_the_minutes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_referat.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "b_dagsorden.txt").write_text(AGENDA, encoding="utf-8")
    store = tmp_path / "store"
    counts = build_store(sorted(folder.iterdir()), store, read=read_record)
    assert documents(store) == ["a_referat.txt"]
    assert counts.superseded == 1 and not counts.failures
    (note,) = [n for _, n in counts.notes]
    assert "b_dagsorden.txt: the agenda of Byrådet 2024-02-01" in note
    assert "a_referat.txt" in note and "not loaded" in note
    assert no_shared_meetings(store)


def test_the_build_summary_says_what_was_superseded(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "agenda.txt").write_text(AGENDA, encoding="utf-8")
    (folder / "referat.txt").write_text(MINUTES, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "st")])
    assert result.exit_code == 0, result.output
    assert (
        "note: referat.txt supersedes agenda.txt (the same meeting: Byrådet 2024-02-01)"
        in result.output
    )
    assert "1 added, 0 replaced, 0 unchanged, 1 superseded" in result.output
    assert no_shared_meetings(tmp_path / "st")
