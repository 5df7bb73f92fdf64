"""The incremental build on a real on-disk Oxigraph store: skip, replace, prune, lock, kill."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Graph

from referatgraf.extract.parser import parse_text_file
from referatgraf.graph.build import build_store
from referatgraf.graph.errors import StoreError, StoreLockedError
from referatgraf.graph.rdf import record_graph
from referatgraf.graph.store import Store
from referatgraf.graph.validate import validate_graph
from tests.conftest import CORPUS, ROOT
from tests.graph.conftest import BASE, HTK


def build(inputs, store_dir, **kw):
    return build_store(
        inputs, store_dir, read=parse_text_file, profile_for=lambda _r: HTK, base=BASE, **kw
    )


def snapshot(store_dir: Path) -> dict[str, bytes]:
    with Store(store_dir) as store:
        return {g: store.graph_ntriples(g) for g in store.graph_names()}


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    folder = tmp_path / "minutes"
    shutil.copytree(CORPUS, folder)
    return folder


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def test_rebuilding_unchanged_input_changes_nothing(corpus_copy, tmp_path):
    store = tmp_path / "store"
    first = build(files(corpus_copy), store)
    assert (first.added, first.replaced, first.skipped) == (5, 0, 0)
    before = snapshot(store)
    again = build(files(corpus_copy), store)
    assert (again.added, again.replaced, again.skipped, again.pruned) == (0, 0, 5, 0)
    assert not again.changed
    assert snapshot(store) == before


def test_editing_one_document_replaces_exactly_its_graph(corpus_copy, tmp_path):
    store = tmp_path / "store"
    build(files(corpus_copy), store)
    before = snapshot(store)
    edited = next(corpus_copy.glob("003_*.txt"))
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("FLIS datavalidering", "FLIS-datavalidering"), encoding="utf-8")
    counts = build(files(corpus_copy), store)
    assert (counts.added, counts.replaced, counts.skipped) == (0, 1, 4)
    after = snapshot(store)
    assert set(after) == set(before)
    changed = {g for g in after if after[g] != before[g]}
    assert changed == {f"{BASE}graph/document/{edited.name.replace('_', '-').replace('.', '-')}"}
    (graph,) = changed
    assert "FLIS-datavalidering" in after[graph].decode()
    assert "FLIS datavalidering" not in after[graph].decode()
    # the replaced graph is exactly the graph of the edited record
    expected = record_graph(parse_text_file(edited), HTK, base=BASE)
    assert set(Graph().parse(data=after[graph], format="nt")) == set(expected)


def test_prune_removes_documents_no_longer_given(corpus_copy, tmp_path):
    store = tmp_path / "store"
    build(files(corpus_copy), store)
    gone = files(corpus_copy)[0]
    gone.unlink()
    kept = build(files(corpus_copy), store)
    assert kept.pruned == 0
    with Store(store) as s:
        assert gone.name in s.documents()
    pruned = build(files(corpus_copy), store, prune=True)
    assert (pruned.pruned, pruned.skipped) == (1, 4)
    with Store(store) as s:
        assert gone.name not in s.documents()
        assert len(s.documents()) == 4


def test_entities_no_document_names_any_more_are_removed(htk_records, tmp_path):
    store = tmp_path / "store"
    build_store(htk_records, store, profile_for=lambda _r: HTK, base=BASE)
    christina = f"{BASE}hoeje-taastrup/person/christina"  # named only in 004
    lars = f"{BASE}hoeje-taastrup/person/lars-holte"  # named in 000 and 004
    ask = "ASK {{ <{}> a rg:Person }}"
    with Store(store) as s:
        assert s.ask(ask.format(christina)) and s.ask(ask.format(lars))
    kept = [r for r in htk_records if not r.document.startswith("004")]
    counts = build_store(kept, store, profile_for=lambda _r: HTK, base=BASE, prune=True)
    assert counts.pruned == 1
    with Store(store) as s:
        assert not s.ask(ask.format(christina))
        assert s.ask(ask.format(lars))
        assert validate_graph(s.union_graph()).conforms


def test_a_failed_input_is_reported_and_the_others_are_built(corpus_copy, tmp_path):
    (corpus_copy / "empty.txt").write_text("", encoding="utf-8")
    counts = build(files(corpus_copy), tmp_path / "store")
    assert counts.added == 5
    assert [Path(p).name for p, _ in counts.failures] == ["empty.txt"]


def test_two_inputs_with_one_document_name_are_refused(corpus_copy, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    first = files(corpus_copy)[0]
    shutil.copy(first, other / first.name)
    counts = build([first, other / first.name], tmp_path / "store")
    assert counts.added == 1
    assert "same document name" in counts.failures[0][1]


def test_a_second_build_on_the_same_store_is_refused(corpus_copy, tmp_path):
    store = tmp_path / "store"
    with Store(store, writable=True), pytest.raises(StoreLockedError, match="another build"):
        build(files(corpus_copy), store)


def test_a_store_being_written_is_read_as_its_last_build_left_it(corpus_copy, tmp_path):
    store = tmp_path / "store"
    first, *rest = files(corpus_copy)
    build([first], store)
    with Store(store, writable=True) as writing:
        build(rest, writing)
        with Store(store) as reading:  # a reader neither waits nor sees unfinished writes
            assert set(reading.documents()) == {first.name}
    with Store(store) as after:
        assert len(after.documents()) == len(rest) + 1


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "nothing")


def test_every_built_store_conforms_to_the_shapes(htk_store):
    report = validate_graph(htk_store.union_graph())
    assert report.conforms, report.summary()


def test_both_bundled_municipalities_build_and_conform(tmp_path):
    from referatgraf.pipeline import expand_inputs, read_record

    store = tmp_path / "store"
    counts = build_store(expand_inputs([ROOT / "data" / "minutes"]), store, read=read_record)
    assert counts.added >= 5 and not counts.failures
    with Store(store) as s:
        keys = {
            r["key"]
            for r in s.query("SELECT DISTINCT ?key WHERE { ?m a rg:Municipality ; rg:key ?key }")
        }
        assert keys >= {"hoeje-taastrup"}
        report = validate_graph(s.union_graph())
    assert report.conforms, report.summary()


KILLER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from referatgraf.extract.parser import parse_text_file
    from referatgraf.graph.build import build_store
    paths = sorted(Path(sys.argv[1]).glob("*.txt"))
    print("started", flush=True)
    build_store(paths, sys.argv[2], read=parse_text_file, on_step=lambda _n, what: print(what, flush=True))
    """
)


def test_a_killed_build_leaves_only_whole_document_graphs(tmp_path):
    from bench.synthetic import synthetic_documents

    folder = tmp_path / "many"
    folder.mkdir()
    for i, text in enumerate(synthetic_documents(8_000_000, seed=1)):
        (folder / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
    total = len(list(folder.glob("*.txt")))
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(folder), str(store)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    for _ in range(total // 3):  # a third of the documents read, some of them loaded
        assert proc.stdout.readline().strip() == "added"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(store, writable=True) as s:
        docs = s.documents()
        assert len(docs) < total, "the build finished before it could be killed"
        for name, info in docs.items():
            expected = record_graph(parse_text_file(folder / name), profile_of(folder / name))
            assert len(s.graph_ntriples(info.graph).splitlines()) == len(expected), name
    resumed = build_store(sorted(folder.glob("*.txt")), store, read=parse_text_file)
    assert resumed.skipped == len(docs) and resumed.added == total - len(docs)


def profile_of(path: Path):
    from referatgraf.graph.build import default_profile_for

    return default_profile_for(parse_text_file(path))


def test_loads_in_the_background_give_the_store_one_load_gives(corpus_copy, tmp_path, monkeypatch):
    """Spooled N-Quads loaded in several background loads (tiny thresholds here) make the
    same store as one load at the end, and no spool file stays behind."""
    import referatgraf.graph.build as build_module

    one = tmp_path / "one"
    build(files(corpus_copy), one)
    monkeypatch.setattr(build_module, "FIRST_LOAD_BYTES", 1)
    monkeypatch.setattr(build_module, "LOAD_BATCH_BYTES", 50_000)
    many = tmp_path / "many"
    counts = build(files(corpus_copy), many)
    assert counts.added == 5
    assert snapshot(many) == snapshot(one)
    assert not list(many.glob(f"{build_module.SPOOL_NAME}*"))
    # a replaced document spooled in this build is loaded before its old graph is dropped
    edited = files(corpus_copy)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTilføjet.\n", encoding="utf-8")
    assert build(files(corpus_copy), many).replaced == 1
    build(files(corpus_copy), one)
    assert snapshot(many) == snapshot(one)
