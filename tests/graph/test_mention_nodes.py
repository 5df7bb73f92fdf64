"""An entity's mentions in one item as one node (``rg:spans``): what readers get is unchanged.

- ``referatgraf export --full`` of the demo minutes writes the Web Annotations referatgraf
  wrote when every mention was a node of its own: ``tests/golden/demo.annotations.tsv`` holds
  them (label, entity, source, start, end, exact words, item, stated type), first written from
  the main branch's export of the same minutes before ``rg:spans``;
- the saved queries that joined ``item rg:mentions entity`` (``item_mentions_queries/``, as
  they were) answer as the queries on the mention nodes do now, on a copy of the store given
  back the ``rg:mentions`` links the builder wrote (one per item and non-proposer entity).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.queries import parse_saved_query, resolve_query
from referatgraf.graph.store import Store, bind_params
from referatgraf.ontology.namespace import OA_NS, RG_NS
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "demo.annotations.tsv"
BEFORE = Path(__file__).parent / "item_mentions_queries"
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


#: The queries that read ``rg:mentions`` before, with parameters to compare them under.
QUERIES = {
    "entities": [{}, {"kind": "person"}, {"kind": "centre"}, {"include_procedural": "true"}],
    "people": [{}, {"person": "Lars Holte"}],
    "strategies-by-year": [{}, {"year": "2017"}],
    "strategies-by-centre": [{}, {"centre": "ØDC"}],
    "map-entities": [{}, {"kind": "centre"}, {"kind": "body"}],
    "analytics-links": [
        {"class": RG_NS + name} for name in ("Centre", "Person", "Strategy", "Body", "Organisation")
    ],
    "map-links": [{}],
}
_CONCATENATED = {"centres": ", ", "strategies": "; ", "cases": ", "}

_ITEM_LINKS = """
PREFIX rg: <https://w3id.org/referatgraf/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
INSERT { GRAPH ?g { ?item rg:mentions ?entity } }
WHERE { GRAPH ?g { ?m rg:inItem ?item ; oa:hasBody ?entity FILTER NOT EXISTS { ?m rg:mentionType ?t } } }
"""


def _rows(store: Store, sparql: str, query, params: dict[str, str]) -> list[tuple]:
    out = []
    for row in store.query(bind_params(sparql, query.bindings(params))):
        cells = []
        for key, value in sorted(row.items()):
            text = str(value)
            if key in _CONCATENATED and value is not None:
                cells.append((key, "|".join(sorted(text.split(_CONCATENATED[key])))))
            else:
                cells.append((key, text))
        out.append(tuple(cells))
    return sorted(out)


def _with_item_links(store: Store) -> Store:
    """An in-memory copy of ``store`` with the ``rg:mentions`` links of the earlier shape."""
    copy = Store()
    copy.oxigraph.extend(store.oxigraph.quads_for_pattern(None, None, None, None))
    copy.oxigraph.update(_ITEM_LINKS)
    assert next(iter(copy.oxigraph.quads_for_pattern(None, _rg("mentions"), None, None)), None)
    return copy


def _compare(store: Store) -> dict[str, int]:
    before = _with_item_links(store)
    counts = {}
    for name, params_list in QUERIES.items():
        now = resolve_query(name)
        assert "rg:mentions" not in now.sparql, name
        then = parse_saved_query((BEFORE / f"{name}.rq").read_text(encoding="utf-8"), name)
        assert "rg:mentions" in then.sparql, name
        counts[name] = 0
        for params in params_list:
            want = _rows(before, then.sparql, then, params)
            assert _rows(store, now.sparql, now, params) == want, (name, params)
            counts[name] += len(want)
    return counts


def test_queries_on_mention_nodes_answer_as_on_item_links_hand_annotated(htk_store):
    counts = _compare(htk_store)
    assert all(counts.values()), counts


def test_queries_on_mention_nodes_answer_as_on_item_links_extracted(demo_store):
    with Store(demo_store) as store:
        counts = _compare(store)
    assert all(counts.values()), counts
