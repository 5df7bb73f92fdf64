"""An entity's mentions in one item as one node (``rg:spans``): what readers get is unchanged.

- ``referatgraf export --full`` of the demo minutes writes the Web Annotations referatgraf
  wrote when every mention was a node of its own: ``tests/golden/demo.annotations.tsv`` holds
  them (label, entity, source, start, end, exact words, item, stated type), first written from
  the main branch's export of the same minutes before ``rg:spans``;
- the item's links to the entities it names (``rg:mentions``, ``rg:proposedBy``), which the
  saved queries scan, are exactly the (item, entity) pairs of its mention nodes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.store import Store
from referatgraf.ontology.namespace import OA_NS, RG_NS
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "demo.annotations.tsv"
MINUTES = [ROOT / "data" / "minutes" / "htk-direktionen", ROOT / "data" / "minutes" / "greve"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _oa(name: str) -> ox.NamedNode:
    return ox.NamedNode(OA_NS + name)


def _rg(name: str) -> ox.NamedNode:
    return ox.NamedNode(RG_NS + name)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    """The store ``demo`` builds: the bundled minutes read by the real extractor."""
    store = tmp_path_factory.mktemp("demo") / "store"
    result = CliRunner().invoke(main, ["build", *map(str, MINUTES), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def annotations(data: ox.Store) -> tuple[list[str], set[tuple[str, str, str]]]:
    """The Web Annotations of a full export, one TSV line each (sorted), and the centre roles
    as (item, centre, role)."""

    def value(node, predicate):
        return next((q.object for q in data.quads_for_pattern(node, predicate, None)), None)

    lines, roles = [], set()
    for q in data.quads_for_pattern(None, _RDF_TYPE, _oa("Annotation")):
        node = q.subject
        target = value(node, _oa("hasTarget"))
        selectors = {
            value(s.object, _RDF_TYPE).value.rsplit("#", 1)[-1]: s.object
            for s in data.quads_for_pattern(target, _oa("hasSelector"), None)
        }
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        stated = value(node, _rg("mentionType"))
        item, body = value(node, _rg("inItem")).value, value(node, _oa("hasBody")).value
        cells = [
            node.value,
            body,
            value(target, _oa("hasSource")).value,
            value(position, _oa("start")).value,
            value(position, _oa("end")).value,
            json.dumps(value(quote, _oa("exact")).value, ensure_ascii=False),
            item,
            stated.value if stated is not None else "",
        ]
        lines.append("\t".join(cells))
        role = value(node, _rg("centreRole"))
        if role is not None:
            roles.add((item, body, role.value))
    return sorted(lines), roles


def test_export_full_writes_the_web_annotations_of_one_node_a_mention(
    demo_store, tmp_path, update_golden
):
    out = tmp_path / "full.nt"
    args = ["export", "--format", "nt", "--full", "--store", str(demo_store), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    exported = ox.Store()
    exported.extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for t in ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    )
    lines, roles = annotations(exported)
    if update_golden:
        GOLDEN.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    assert lines == GOLDEN.read_text(encoding="utf-8").splitlines()
    # a centre's role is on one of its annotations in the item, as it is on its node
    with Store(demo_store) as store:
        stored = {
            (str(r["item"]), str(r["c"]), str(r["r"]))
            for r in store.query(
                "SELECT ?item ?c ?r { ?m rg:centreRole ?r ; rg:inItem ?item ; oa:hasBody ?c }"
            )
        }
    assert roles == stored and len(roles) > 20


_PAIRS = """
SELECT ?item ?entity ?stated WHERE {
  GRAPH ?g { ?m rg:inItem ?item ; oa:hasBody ?entity OPTIONAL { ?m rg:mentionType ?stated } }
}"""
_LINKS = "SELECT ?item ?entity ?p WHERE { GRAPH ?g { ?item ?p ?entity } VALUES ?p { rg:mentions rg:proposedBy } }"


def _links_are_the_nodes_pairs(store: Store) -> int:
    nodes = {
        (r["item"], r["entity"], RG_NS + ("proposedBy" if r["stated"] else "mentions"))
        for r in store.query(_PAIRS)
    }
    links = {(r["item"], r["entity"], r["p"]) for r in store.query(_LINKS)}
    assert links == nodes
    return len(links)


def test_item_links_are_the_mention_nodes_pairs_hand_annotated(htk_store):
    assert _links_are_the_nodes_pairs(htk_store) > 50


def test_item_links_are_the_mention_nodes_pairs_extracted(demo_store):
    with Store(demo_store) as store:
        assert _links_are_the_nodes_pairs(store) > 100
