"""Map graphs from a real store agree with the saved queries that answer the same question."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.graph.analytics import centrality_table, centre_case_graph, centre_projection
from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store
from referatgraf.viz.data import SiteData
from referatgraf.viz.maps import case_map, centre_map, person_map, strategy_map
from referatgraf.viz.network_page import page_data, prepared


@pytest.fixture(scope="module")
def centres(corpus_store: Path):
    with Store(corpus_store) as store:
        P = centre_projection(centre_case_graph(store))
    return P, centrality_table(P)


def _labels(m, edge):
    by_id = {n.id: n.label for n in m.nodes}
    return tuple(sorted((by_id[edge.source], by_id[edge.target])))


def test_load_data_counts_match_sparql(corpus_store: Path, corpus_data: SiteData):
    with Store(corpus_store) as store:
        (row,) = store.query(
            "SELECT (COUNT(DISTINCT ?i) AS ?items) (COUNT(DISTINCT ?d) AS ?decisions) "
            "WHERE { ?i a rg:AgendaItem . OPTIONAL { ?i rg:decision ?d } }"
        )
    assert len(corpus_data.items) == row["items"] > 20
    assert len(corpus_data.decisions) == row["decisions"] > 5
    assert corpus_data.years == [2016, 2017, 2020, 2022]


def test_centre_map_edges_are_the_co_owner_pairs(corpus_store, corpus_data, centres):
    with Store(corpus_store) as store:
        rows = run_saved(store, "co-owners")
    expected = {(r["centre_a"], r["centre_b"]): r["shared_cases"] for r in rows}
    m = centre_map(corpus_data, *centres)
    got = {_labels(m, e): e.weight for e in m.edges}
    assert got == {tuple(sorted(k)): v for k, v in expected.items()}
    assert len(m.edges) > 10


def test_centre_node_size_is_weighted_degree(corpus_data, centres):
    m = centre_map(corpus_data, *centres)
    weighted = {n.label: 0 for n in m.nodes}
    for e in m.edges:
        for label in _labels(m, e):
            weighted[label] += e.weight
    assert {n.label: n.size for n in m.nodes} == weighted


def test_centre_evidence_names_the_centre_and_links_an_item(corpus_data, centres):
    m = centre_map(corpus_data, *centres)
    pages = {i.page for i in corpus_data.items}
    for node in m.nodes:
        assert node.evidence, node.label
        for ev in node.evidence:
            assert ev.page in pages and ev.title and ev.date
    edge = max(m.edges, key=lambda e: e.weight)
    assert edge.evidence and all(ev.case in edge.detail for ev in edge.evidence)


def test_strategy_map_matches_strategies_by_centre(corpus_store, corpus_data):
    with Store(corpus_store) as store:
        rows = run_saved(store, "strategies-by-centre")
    expected = {tuple(sorted((r["centre"], r["strategy"]))): r["items"] for r in rows}
    m = strategy_map(corpus_data)
    assert {_labels(m, e): e.weight for e in m.edges} == expected
    assert {n.kind for n in m.nodes} == {"centre", "strategy"}


def test_person_map_joins_people_to_centres_of_the_same_items(corpus_store, corpus_data):
    with Store(corpus_store) as store:
        rows = store.query(
            "SELECT DISTINCT ?person WHERE { ?i rg:mentions ?p ; rg:mentions|rg:proposedBy ?c . "
            "?p a rg:Person ; foaf:name ?person . ?c a rg:Centre }"
        )
    with_centres = {r["person"] for r in rows}
    m = person_map(corpus_data)
    assert {n.label for n in m.nodes if n.kind == "person"} == with_centres
    for e in m.edges:
        kinds = {n.kind for n in m.nodes if n.id in (e.source, e.target)}
        assert kinds == {"person", "centre"}


def test_case_map_is_a_timeline(corpus_data):
    m = case_map(corpus_data, "hoeje-taastrup", "16/26813")
    items = [n for n in m.nodes if n.kind == "item"]
    assert len(items) == 5
    assert [n.x for n in items] == sorted(n.x for n in items)
    dates = [n.label.splitlines()[0] for n in items]
    assert dates == sorted(dates)
    assert {n.kind for n in m.nodes} >= {"item", "decision", "person"}
    assert m.fixed_layout and all(n.x is not None for n in m.nodes)


def test_case_map_unknown_case(corpus_data):
    with pytest.raises(KeyError):
        case_map(corpus_data, "hoeje-taastrup", "99/99999")


def test_big_maps_get_positions_and_no_physics(corpus_data):
    from referatgraf.viz.maps import MapData, MapNode

    nodes = tuple(MapNode(f"n{i}", f"N{i}", "person", 1.0) for i in range(2500))
    ready, physics = prepared(MapData("people", "t", "d", nodes, ()))
    data = page_data(ready, physics=physics)
    assert physics is False
    assert all("x" in n for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 2500
    small, physics_small = prepared(strategy_map(corpus_data))
    assert physics_small and all(n.x is None for n in small.nodes)
