"""Every entity kind in :mod:`referatgraf.ontology.kinds` reaches every stage.

The tests are parametrized over :data:`ENTITY_KINDS`, so a kind added there is followed
through the record, the graph, the vocabulary and shapes, the saved queries, the maps and the
report: each test fails until the kind is wired where the list alone cannot reach (its class
in the Turtle vocabulary, its SHACL shape).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from referatgraf.extract.model import (
    ENTITY_TYPES,
    AgendaItem,
    Meeting,
    Mention,
    Record,
    Source,
)
from referatgraf.extract.profile import Profile
from referatgraf.extract.record_json import record_to_dict
from referatgraf.graph.build import build_store
from referatgraf.graph.iris import DEFAULT_BASE, Iris
from referatgraf.graph.queries import run_saved
from referatgraf.graph.rdf import record_graphs
from referatgraf.graph.store import Store
from referatgraf.graph.validate import validate_graph
from referatgraf.ontology import SHAPES_TTL, VOCABULARY_TTL
from referatgraf.ontology.kinds import ENTITY_KINDS, MENTION_TYPES, EntityKind
from referatgraf.ontology.namespace import RG
from referatgraf.viz.data import KINDS, load_data
from referatgraf.viz.maps import MAP_KINDS, MapInput
from referatgraf.viz.network_page import KIND_STYLE
from referatgraf.viz.report import build_site

PROFILE = Profile(key="testby", municipality="Testby Kommune", names=("Testby Kommune",))
KEYS = {k.name: f"Navn {i} for {k.name}" for i, k in enumerate(ENTITY_KINDS)}


def one_of_each() -> Record:
    """Minutes whose only item mentions one entity of every kind."""
    head = "REFERAT Direktionen d. 02-03-2021\n\nPunkt 1: Alt på én gang\n\nBaggrund\n\n"
    body = head + " og ".join(KEYS.values()) + " drøftes.\n"
    mentions = tuple(
        Mention(k.record_key, KEYS[k.name], KEYS[k.name], s, s + len(KEYS[k.name]), "test")
        for k in ENTITY_KINDS
        for s in [body.index(KEYS[k.name])]
    )
    item = AgendaItem(
        number=1,
        title="Alt på én gang",
        case_number="21/1",
        closed=False,
        start=len("REFERAT Direktionen d. 02-03-2021\n\n"),
        end=len(body),
        mentions=mentions,
    )
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Record(
        document="kinds.txt",
        source=Source("kinds.txt", sha, "text", sha, municipality=PROFILE.municipality),
        meeting=Meeting(body="Direktionen", date="2021-03-02", start_time=None, place=None),
        items=(item,),
        text=body,
    )


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kinds") / "store"
    build_store([one_of_each()], path, profile_for=lambda _record: PROFILE)
    return path


def ids(kind: EntityKind) -> str:
    return kind.name


def test_names_are_unique_in_every_scheme():
    for field in ("name", "record_key", "rdf_class", "iri_segment", "colour"):
        values = [getattr(k, field) for k in ENTITY_KINDS]
        assert len(set(values)) == len(values), field
    assert ENTITY_TYPES == MENTION_TYPES
    assert set(MENTION_TYPES) == {k.record_key for k in ENTITY_KINDS} | {"proposers"}


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=ids)
def test_kind_reaches_the_record(kind: EntityKind):
    record = one_of_each()
    as_json = record_to_dict(record)
    assert as_json["items"][0][kind.record_key] == [KEYS[kind.name]]
    assert record.items[0].entities(kind.record_key) == (KEYS[kind.name],)


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=ids)
def test_kind_reaches_the_graph_vocabulary_and_shapes(kind: EntityKind):
    graphs = record_graphs(one_of_each(), PROFILE)
    cls = URIRef(RG[kind.rdf_class])
    node = URIRef(Iris(DEFAULT_BASE, PROFILE.key).entity(kind, KEYS[kind.name]))
    assert (node, RDF.type, cls) in graphs.entities, f"no {kind.rdf_class} entity"
    assert f"/{kind.iri_segment}/" in str(node)
    vocabulary = Graph().parse(VOCABULARY_TTL)
    assert (cls, RDF.type, RDFS.Class) in vocabulary or (cls, RDFS.subClassOf, None) in vocabulary
    shapes = Graph().parse(SHAPES_TTL)
    assert any(shapes.subjects(SH.targetClass, cls)), f"no SHACL shape targets rg:{kind.rdf_class}"


def test_the_graph_of_every_kind_conforms_to_the_shapes(store_dir: Path):
    with Store(store_dir) as store:
        report = validate_graph(store.union_graph())
    assert report.conforms, report.summary()


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=ids)
def test_kind_reaches_the_saved_queries(store_dir: Path, kind: EntityKind):
    with Store(store_dir) as store:
        rows = run_saved(store, "map-entities", {"kind": kind.name})
        links = run_saved(store, "analytics-links", {"class": str(RG[kind.rdf_class])})
    assert [str(r["label"]) for r in rows] == [KEYS[kind.name]]
    assert len(links) == 1


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=ids)
def test_kind_reaches_maps_and_report(store_dir: Path, kind: EntityKind):
    with Store(store_dir) as store:
        data = load_data(store)
    assert kind.name in KINDS
    assert KIND_STYLE[kind.name] == (kind.colour, kind.label_da)
    case = MAP_KINDS["case"].build(MapInput(data, case=("testby", "21/1")))
    assert kind.name in {n.kind for n in case.nodes}, f"no {kind.name} node on the case map"
    site = build_site(data, None)
    (item_data,) = [text for path, text in site.items() if path.startswith("data/items/")]
    entities = site["data/entities.js"]
    assert kind.plural_da in site["item.html"] and f'"{kind.name}","{KEYS[kind.name]}"' in entities
    assert item_data.count('"e":[') == 1
    (entity,) = [e for e in data.entities if e.kind == kind.name]
    assert data.page_of(entity) in site, f"no page for the {kind.name}"
    assert f"<b>1</b>{kind.label_da.lower()}</a>" in site["index.html"]  # one of each, counted
    assert (
        f"lists/{kind.record_key}.html" in site
        and kind.plural_da in site[f"lists/{kind.record_key}.html"]
    )
