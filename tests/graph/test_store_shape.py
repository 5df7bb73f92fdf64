"""A store written in an older graph shape is refused with a message, never read as empty."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.errors import StoreError
from referatgraf.graph.store import GRAPH_SHAPE, Store
from referatgraf.ontology.namespace import RG_NS

ROOT = Path(__file__).resolve().parents[2]


def _built_store(tmp_path: Path) -> Path:
    """``tmp_path/store`` built from one bundled minutes file in ``tmp_path/in``."""
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(ROOT / "data" / "minutes" / "htk-direktionen" / "000_836a6ecce7b52eca.txt", source)
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(source), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def older_store(tmp_path: Path) -> Path:
    """A store built from one bundled minutes file whose item spans are then also written
    the older way (``rg:start``), as a store of the previous graph shape holds them."""
    store = _built_store(tmp_path)
    with Store(store, writable=True) as s:
        [(item, graph)] = list(
            s.oxigraph.query(
                f"SELECT ?i ?g WHERE {{ GRAPH ?g {{ ?i a <{RG_NS}AgendaItem> }} }} LIMIT 1"
            )
        )
        s.oxigraph.add(ox.Quad(item, ox.NamedNode(RG_NS + "start"), ox.Literal("0"), graph))
    return store


@pytest.fixture
def spans_store(tmp_path: Path) -> Path:
    """A store of graph shape 1, as referatgraf wrote it before ``rg:spans``: every mention
    a node with one ``rg:span`` (made here from a built store: the shape fact removed and
    each node's spans written the earlier way)."""
    store = _built_store(tmp_path)
    spans, span = ox.NamedNode(RG_NS + "spans"), ox.NamedNode(RG_NS + "span")
    with Store(store, writable=True) as s:
        db = s.oxigraph
        for q in list(db.quads_for_pattern(None, ox.NamedNode(RG_NS + "graphShape"), None)):
            db.remove(q)
        for q in list(db.quads_for_pattern(None, spans, None, None)):
            db.remove(q)
            for i, part in enumerate(q.object.value.split(" ")):
                node = q.subject if i == 0 else ox.BlankNode()
                db.add(ox.Quad(node, span, ox.Literal(part), q.graph_name))
    return store


def _generations(store: Path) -> tuple[str, list[str]]:
    return (store / "CURRENT").read_text(), sorted(p.name for p in store.iterdir())


def test_an_older_store_is_refused_for_reading_and_writing_and_left_as_it_was(older_store: Path):
    before = _generations(older_store)
    for writable in (False, True):
        with pytest.raises(StoreError, match="older referatgraf.*build the minutes again"):
            Store(older_store, writable=writable)
    assert _generations(older_store) == before


def test_commands_on_an_older_store_say_so_in_one_line(older_store: Path):
    for args in (["query", "co-owners"], ["report", "--out", str(older_store.parent / "r")]):
        result = CliRunner().invoke(main, [*args, "--store", str(older_store)])
        assert result.exit_code == 1, result.output
        assert "older referatgraf" in result.output and "Traceback" not in result.output


def test_a_store_of_the_previous_mention_shape_is_refused_and_left_as_it_was(spans_store: Path):
    before = _generations(spans_store)
    for writable in (False, True):
        with pytest.raises(
            StoreError, match=r"older referatgraf \(graph shape 1; this one reads 2\)"
        ):
            Store(spans_store, writable=writable)
    assert _generations(spans_store) == before
    result = CliRunner().invoke(main, ["query", "map-links", "--store", str(spans_store)])
    assert result.exit_code == 1 and "--rebuild" in result.output, result.output
    source = spans_store.parent / "in"
    args = ["build", str(source), "--store", str(spans_store), "--rebuild"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with Store(spans_store) as s:  # readable again: shape 2
        assert list(s.oxigraph.quads_for_pattern(None, ox.NamedNode(RG_NS + "spans"), None))


def test_a_store_of_a_newer_shape_is_refused_and_an_empty_one_opened(tmp_path: Path):
    empty = tmp_path / "empty"
    with Store(empty, writable=True):
        pass
    with Store(empty) as s:
        assert len(s) == 0
    newer = tmp_path / "newer"
    with Store(newer, writable=True) as s:
        s.oxigraph.add(
            ox.Quad(
                ox.NamedNode("https://e.org/graph/vocabulary"),
                ox.NamedNode(RG_NS + "graphShape"),
                ox.Literal("99", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                ox.NamedNode("https://e.org/graph/vocabulary"),
            )
        )
    with pytest.raises(
        StoreError, match=r"another referatgraf \(graph shape 99; this one reads 2\)"
    ):
        Store(newer)


def test_a_built_store_says_its_shape_once(tmp_path: Path):
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(ROOT / "data" / "minutes" / "htk-direktionen" / "000_836a6ecce7b52eca.txt", source)
    store = tmp_path / "store"
    for _ in range(2):  # a second build keeps the one fact
        result = CliRunner().invoke(main, ["build", str(source), "--store", str(store)])
        assert result.exit_code == 0, result.output
    with Store(store) as s:
        facts = list(s.oxigraph.quads_for_pattern(None, ox.NamedNode(RG_NS + "graphShape"), None))
    assert [q.object.value for q in facts] == [str(GRAPH_SHAPE)]


def test_build_rebuild_brings_an_older_store_up_to_date(older_store: Path):
    """``--rebuild`` builds the inputs into an empty generation: the store is readable
    again, holds exactly the inputs, and the older generation is gone only after the commit."""
    source = older_store.parent / "in"
    plain = CliRunner().invoke(main, ["build", str(source), "--store", str(older_store)])
    assert plain.exit_code == 1 and "--rebuild" in plain.output, plain.output
    old_current = (older_store / "CURRENT").read_text().strip()
    result = CliRunner().invoke(
        main, ["build", str(source), "--store", str(older_store), "--rebuild"]
    )
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    with Store(older_store) as s:  # readable: the new shape
        assert set(s.documents()) == {"000_836a6ecce7b52eca.txt"}
        assert not list(s.oxigraph.quads_for_pattern(None, ox.NamedNode(RG_NS + "start"), None))
    assert (older_store / "CURRENT").read_text().strip() != old_current
    assert not (older_store / old_current).exists()


def test_demo_builds_its_own_older_store_again(tmp_path: Path, older_store: Path):
    from referatgraf.app.demo import DemoOptions, demo
    from referatgraf.app.progress import Recorder

    out = tmp_path / "out"
    source = older_store.parent / "in"
    first = demo(DemoOptions(inputs=(source,), out_dir=out))
    assert not first.failed
    # the demo's store is made older the way the fixture makes one
    with Store(first.store, writable=True) as s:
        [(item, graph)] = list(
            s.oxigraph.query(
                f"SELECT ?i ?g WHERE {{ GRAPH ?g {{ ?i a <{RG_NS}AgendaItem> }} }} LIMIT 1"
            )
        )
        s.oxigraph.add(ox.Quad(item, ox.NamedNode(RG_NS + "start"), ox.Literal("0"), graph))
    recorder = Recorder()
    again = demo(DemoOptions(inputs=(source,), out_dir=out), recorder)
    assert not again.failed
    notes = [e[1] for e in recorder.events if e[0] == "note"]
    assert any("older referatgraf: built again" in line for line in notes), notes
    with Store(again.store) as s:
        assert set(s.documents()) == {"000_836a6ecce7b52eca.txt"}
