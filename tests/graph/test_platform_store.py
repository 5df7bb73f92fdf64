"""The records of every platform build into a store that conforms to the shapes."""

from __future__ import annotations

from pathlib import Path

from referatgraf.graph.build import build_store
from referatgraf.graph.store import Store
from referatgraf.graph.validate import validate_graph
from referatgraf.pipeline import expand_inputs, read_record

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "platforms"


def test_platform_records_build_and_conform(tmp_path):
    paths = [p for p in expand_inputs([RESOURCES]) if p.parent == RESOURCES]
    counts = build_store(paths, tmp_path / "store", read=read_record)
    assert not counts.failures, counts.failures
    # Three meetings come twice (eDoc XML and PDF, Acadre XML and Word, GetOrganized XML
    # and PDF): the later of each pair is kept, and the Acadre index is a companion.
    assert (counts.added, counts.superseded, counts.skipped) == (5, 3, 1)
    with Store(tmp_path / "store") as s:
        formats = {r["f"] for r in s.query("SELECT DISTINCT ?f WHERE { ?d rg:sourceFormat ?f }")}
        report = validate_graph(s.union_graph())
    assert formats == {"html", "xml", "docx", "pdf"}
    assert report.conforms, report.summary()
