"""Network analytics on small hand-built graphs with answers computed by hand."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from referatgraf.graph.analytics.analyze import analyze_rows
from referatgraf.graph.analytics.measures import (
    betweenness,
    brokers,
    centrality_table,
    co_ownership_table,
    communities,
)
from referatgraf.graph.analytics.networks import (
    affiliation_from_rows,
    catch_all_from_items,
    centre_case_from_rows,
    centre_projection,
    co_mention_projection,
)
from referatgraf.graph.analytics.periods import compare_periods, period_changes, period_slices
from referatgraf.graph.analytics.readwrite import write_analysis


def bipartite(edges: dict[tuple[str, str], list[str]], dates: dict[str, str] | None = None):
    """A centre–case graph from {(centre, case): [items]}; centres are upper case."""
    B = nx.Graph(items={i: {"date": d} for i, d in (dates or {}).items()})
    B.add_nodes_from(sorted({centre for centre, _ in edges}), kind="centre")
    B.add_nodes_from(sorted({case for _, case in edges}), kind="case")
    for (centre, case), items in edges.items():
        B.add_edge(centre, case, items=items, weight=len(items))
    return B


# ---------------------------------------------------------------- projection


def test_projection_weight_is_the_number_of_shared_cases():
    # A and B share c1 and c2; A and C share c2; B and C share c2 and c3; D is alone.
    B = bipartite(
        {
            ("A", "c1"): ["i1"],
            ("B", "c1"): ["i2"],
            ("A", "c2"): ["i3"],
            ("B", "c2"): ["i3"],
            ("C", "c2"): ["i4"],
            ("B", "c3"): ["i5"],
            ("C", "c3"): ["i5", "i6"],
            ("D", "c4"): ["i7"],
        }
    )
    P = centre_projection(B)
    assert {tuple(sorted((u, v))): w for u, v, w in P.edges(data="weight")} == {
        ("A", "B"): 2,
        ("A", "C"): 1,
        ("B", "C"): 2,
    }
    assert P["A"]["B"]["cases"] == ["c1", "c2"]
    assert P["A"]["B"]["items"] == ["i1", "i2", "i3"]
    assert P["B"]["C"]["items"] == ["i3", "i4", "i5", "i6"]
    assert "D" in P and P.degree("D") == 0
    assert all(P.nodes[n]["kind"] == "centre" for n in P)


def test_a_case_with_one_centre_makes_no_tie():
    P = centre_projection(bipartite({("A", "c1"): ["i1"], ("B", "c2"): ["i2"]}))
    assert P.number_of_edges() == 0
    assert sorted(P) == ["A", "B"]


def test_co_ownership_table_rows_are_sorted_by_shared_cases():
    B = bipartite(
        {("B", "c1"): ["i1"], ("A", "c1"): ["i1"], ("A", "c2"): ["i2"], ("B", "c2"): ["i2"]}
        | {("C", "c2"): ["i2"]}
    )
    rows = co_ownership_table(centre_projection(B), item_labels=False)
    assert [(r["centre_a"], r["centre_b"], r["shared_cases"]) for r in rows] == [
        ("A", "B", 2),
        ("A", "C", 1),
        ("B", "C", 1),
    ]


# ---------------------------------------------------------------- rows → graphs


ITEMS = [
    {
        "municipality": "m",
        "item": "i1",
        "case": "17/1",
        "date": "2017-01-10",
        "number": 1,
        "title": "Vækst",
    },
    {
        "municipality": "m",
        "item": "i2",
        "case": "17/2",
        "date": "2017-01-10",
        "number": 2,
        "title": "Program",
    },
    {
        "municipality": "m",
        "item": "i3",
        "case": "17/2",
        "date": "2017-02-10",
        "number": 1,
        "title": "Øvrige sager",
    },
    {
        "municipality": "m",
        "item": "i4",
        "case": None,
        "date": "2017-02-10",
        "number": 2,
        "title": "Uden sag",
    },
]
CENTRES = [
    {"entity": "e/byc", "key": "BYC", "label": "Byrådscentret"},
    {"entity": "e/odc", "key": "ØDC", "label": "Økonomi- og Digitaliseringscentret"},
    {"entity": "e/hrc", "key": "HRC", "label": "HR-Centret"},
]
#: Centre roles per item: i1 is led by BYC with ØDC involved and HRC only listed.
ROLES = [
    {"item": "i1", "entity": "e/byc", "role": "lead"},
    {"item": "i1", "entity": "e/odc", "role": "involved"},
    {"item": "i1", "entity": "e/hrc", "role": "listed"},
    {"item": "i2", "entity": "e/odc", "role": "proposer"},
    {"item": "i3", "entity": "e/hrc", "role": "lead"},
    {"item": "i4", "entity": "e/hrc", "role": "lead"},
    {"item": "unknown", "entity": "e/hrc", "role": "lead"},
]
#: Which items name which entities (for the affiliation graphs; HRC left out of i1).
LINKS = [{"item": r["item"], "entity": r["entity"]} for r in ROLES if r["role"] != "listed"]


def test_each_item_of_a_catch_all_case_counts_on_its_own():
    B = centre_case_from_rows(ITEMS, ROLES, CENTRES, catch_all={("m", "17/2")})
    assert sorted(B.edges()) == [
        ("BYC", "17/1"),
        ("HRC", "17/2 (2017-02-10 punkt 1)"),
        ("ØDC", "17/1"),
        ("ØDC", "17/2 (2017-01-10 punkt 2)"),
    ]
    assert B.nodes["17/2 (2017-02-10 punkt 1)"]["unit"] == "item"
    assert B.nodes["ØDC"]["label"] == "Økonomi- og Digitaliseringscentret"
    assert sorted(centre_projection(B).edges()) == [("BYC", "ØDC")]
    B = centre_case_from_rows(
        ITEMS, ROLES, CENTRES, catch_all={("m", "17/2")}, include_catch_all=True
    )
    assert B.nodes["17/2"]["catch_all"] is True and B.nodes["17/1"]["catch_all"] is False
    P = centre_projection(B)
    assert sorted((*sorted((u, v)), cases) for u, v, cases in P.edges(data="cases")) == [
        ("BYC", "ØDC", ["17/1"]),
        ("HRC", "ØDC", ["17/2"]),
    ]
    assert P["HRC"]["ØDC"]["evidence"] == ["17/2: HRC lead + ØDC proposer"]


def test_listed_and_mentioned_centres_never_tie_but_are_reported_apart():
    P = centre_projection(centre_case_from_rows(ITEMS, ROLES, CENTRES))
    assert not P.has_edge("BYC", "HRC") and P["BYC"]["ØDC"]["evidence"] == [
        "17/1: BYC lead + ØDC involved"
    ]
    everyone = centre_case_from_rows(ITEMS, ROLES, CENTRES, owners_only=False)
    M = co_mention_projection(everyone)
    assert sorted(M.edges(data="evidence")) == [
        ("BYC", "HRC", ["17/1: BYC lead + HRC listed"]),
        ("HRC", "ØDC", ["17/1: HRC listed + ØDC involved"]),
    ]


def test_an_unknown_role_in_the_store_is_an_error():
    with pytest.raises(ValueError, match="unknown centre role 'boss'"):
        centre_case_from_rows(ITEMS, [{"item": "i1", "entity": "e/byc", "role": "boss"}], CENTRES)


def test_catch_all_cases_by_subjects_and_lists():
    items = [
        {"municipality": "m", "item": f"i{n}", "case": case, "title": title}
        for n, (case, title) in enumerate(
            [
                ("16/1", "Program for mødet"),
                ("16/1", "Øvrige sager"),
                ("16/1", "Lukket"),
                ("17/2", "Budget 2023 - status"),
                ("17/2", "Budget 2023 - 1. behandling"),
                ("17/2", "Lukket: Temamøde: Budget 2023"),
                ("17/3", "Sygefravær"),
            ]
        )
    ]
    listed = [{"item": "i6", "entity": f"c{n}", "role": "listed"} for n in range(5)]
    rows = catch_all_from_items(items, listed)
    assert [(r["case"], r["reason"], r["subjects"]) for r in rows] == [
        ("17/3", "list", 1),
        ("16/1", "titles", 3),
    ]


def test_items_without_a_case_take_no_part():
    B = centre_case_from_rows(ITEMS, ROLES, CENTRES, include_catch_all=True)
    assert B["HRC"]["17/2"]["items"] == ["i3"]  # i4 has no case
    assert set(B.graph["items"]) == {"i1", "i2", "i3"}


def test_two_municipalities_keep_equal_codes_apart():
    items = [
        {"municipality": "a", "item": "a1", "case": "1/1", "date": None, "number": 1, "title": "t"},
        {"municipality": "b", "item": "b1", "case": "1/1", "date": None, "number": 1, "title": "t"},
    ]
    entities = [
        {"entity": "a/byc", "key": "BYC", "label": "BYC"},
        {"entity": "b/byc", "key": "BYC", "label": "BYC"},
    ]
    roles = [
        {"item": "a1", "entity": "a/byc", "role": "lead"},
        {"item": "b1", "entity": "b/byc", "role": "lead"},
    ]
    B = centre_case_from_rows(items, roles, entities)
    assert sorted(B.edges()) == [("a:BYC", "a:1/1"), ("b:BYC", "b:1/1")]


def test_a_second_municipality_without_centres_adds_no_prefix():
    other = {"municipality": "greve", "item": "g1", "case": "22-1", "date": None, "number": 1}
    B = centre_case_from_rows(
        [*ITEMS, other | {"title": "t"}], ROLES, CENTRES, include_catch_all=True
    )
    assert sorted(B.edges()) == [("BYC", "17/1"), ("HRC", "17/2"), ("ØDC", "17/1"), ("ØDC", "17/2")]


def test_person_centre_weight_counts_shared_items():
    people = [{"entity": "p/lars", "key": "Lars Holte", "label": "Lars Holte"}]
    person_links = [{"item": "i1", "entity": "p/lars"}, {"item": "i2", "entity": "p/lars"}]
    G = affiliation_from_rows(ITEMS, person_links, people, "person", LINKS, CENTRES, "centre")
    assert {v: w for _, v, w in G.edges("Lars Holte", data="weight")} == {"BYC": 1, "ØDC": 2}
    assert "HRC" not in G  # named in no item with a person


# ---------------------------------------------------------------- measures


def test_centrality_of_a_star_by_hand():
    # Hub H tied to three leaves with weights 3, 2, 1.
    G = nx.Graph([("H", "a", {"weight": 3}), ("H", "b", {"weight": 2}), ("H", "c", {"weight": 1})])
    rows = {r["node"]: r for r in centrality_table(G)}
    assert rows["H"]["degree"] == 3 and rows["H"]["weighted_degree"] == 6
    assert rows["H"]["betweenness"] == 1.0  # all 3 leaf pairs pass through H: 3 / C(3,2)
    assert rows["a"]["betweenness"] == 0.0
    assert [r["node"] for r in centrality_table(G)] == ["H", "a", "b", "c"]
    assert rows["H"]["rank_eigenvector"] == 1
    assert rows["a"]["eigenvector"] > rows["b"]["eigenvector"] > rows["c"]["eigenvector"]


def test_weighted_betweenness_prefers_strong_ties():
    # A square A-B-C-D-A; A-B-C strong (weight 4), A-D-C weak (weight 1).
    G = nx.Graph()
    G.add_edge("A", "B", weight=4)
    G.add_edge("B", "C", weight=4)
    G.add_edge("C", "D", weight=1)
    G.add_edge("D", "A", weight=1)
    hops, _ = betweenness(G, normalized=False)
    strong, _ = betweenness(G, weight="weight", normalized=False)
    assert hops["B"] == hops["D"] == 0.5  # A–C: two shortest paths of 2 hops
    assert strong["B"] == 1.0 and strong["D"] == 0.0  # A–C via B is 0.5 long, via D 2.0
    # B–D is 1.25 long both via A and via C: half a path each.
    assert strong["A"] == strong["C"] == 0.5


def test_sampled_betweenness_says_how_many_pivots():
    G = nx.path_graph(50)
    exact, k = betweenness(G)
    assert k is None
    approx, k = betweenness(G, k=10, seed=3)
    assert k == 10
    assert approx == betweenness(G, k=10, seed=3)[0]  # the seed repeats it
    assert max(approx, key=approx.get) in range(15, 35)  # the middle of the path


def two_clusters() -> nx.Graph:
    """Two 5-cliques (strong ties, weight 3) joined by one weak tie E–F."""
    G = nx.Graph()
    for group in ("ABCDE", "FGHIJ"):
        G.add_edges_from((a, b, {"weight": 3}) for a in group for b in group if a < b)
    G.add_edge("E", "F", weight=1)
    return G


@pytest.mark.parametrize("seed", [0, 1, 2, 42])
def test_louvain_finds_the_two_obvious_clusters(seed):
    assert communities(two_clusters(), seed=seed) == [list("ABCDE"), list("FGHIJ")]


def test_communities_repeat_with_the_same_seed():
    G = nx.les_miserables_graph()
    assert communities(G, seed=7) == communities(G, seed=7)


def test_broker_is_high_betweenness_with_few_ties():
    # Two clusters whose only link runs through X, which has just two ties.
    G = two_clusters()
    G.remove_edge("E", "F")
    G.add_edge("E", "X", weight=1)
    G.add_edge("X", "F", weight=1)
    rows = centrality_table(G)
    assert [r["node"] for r in brokers(rows)] == ["X"]
    # E and F also have high betweenness but many strong ties: not brokers.
    by_node = {r["node"]: r for r in rows}
    assert by_node["E"]["betweenness"] > 0 and by_node["E"]["weighted_degree"] > 2


# ---------------------------------------------------------------- periods


def two_years() -> nx.Graph:
    """2016: A, B, C on case c1. 2017: A, B on c2 and A, D on c3."""
    return bipartite(
        {
            ("A", "c1"): ["i1"],
            ("B", "c1"): ["i1"],
            ("C", "c1"): ["i2"],
            ("A", "c2"): ["i3"],
            ("B", "c2"): ["i3"],
            ("A", "c3"): ["i4"],
            ("D", "c3"): ["i4"],
        },
        dates={"i1": "2016-02-04", "i2": "2016-09-01", "i3": "2017-05-08", "i4": "2017-10-24"},
    )


def test_period_slices_split_items_by_year_and_half():
    slices = period_slices(two_years())
    assert sorted(slices) == ["2016", "2017"]
    assert sorted(slices["2016"]) == ["A", "B", "C", "c1"]
    halves = period_slices(two_years(), period="half")
    assert sorted(halves) == ["2016-H1", "2016-H2", "2017-H1", "2017-H2"]
    assert sorted(halves["2016-H2"].edges()) == [("C", "c1")]


def test_change_between_two_periods_by_hand():
    slices = period_slices(two_years())
    p16, p17 = (centre_projection(slices[y]) for y in ("2016", "2017"))
    d = compare_periods(p16, p17)
    # 2016 ties: A–B, A–C, B–C (all 1). 2017 ties: A–B, A–D (all 1).
    assert d["edges_gained"] == [{"a": "A", "b": "D", "weight": 1}]
    assert d["edges_lost"] == [{"a": "A", "b": "C", "weight": 1}, {"a": "B", "b": "C", "weight": 1}]
    assert d["weight_changed"] == []
    assert d["nodes_gained"] == ["D"] and d["nodes_lost"] == ["C"]
    ranks = {
        r["node"]: (r["rank_before"], r["rank_after"], r["rank_change"]) for r in d["rank_changes"]
    }
    # 2016 weighted degree A=2, B=2, C=2 → all rank 1; 2017 A=2, B=1, D=1 → A 1, B 2, D 2.
    assert ranks == {"A": (1, 1, 0), "B": (1, 2, -1), "C": (1, None, None), "D": (None, 2, None)}
    rows = period_changes({"2016": p16, "2017": p17})
    assert [(r["change"], r["a"], r["b"]) for r in rows] == [
        ("edge_gained", "A", "D"),
        ("edge_lost", "A", "C"),
        ("edge_lost", "B", "C"),
        ("rank_changed", "B", ""),
    ]


def test_weight_change_between_periods():
    before = nx.Graph([("A", "B", {"weight": 1})])
    after = nx.Graph([("B", "A", {"weight": 3})])
    d = compare_periods(before, after)
    assert d["edges_gained"] == d["edges_lost"] == []
    assert d["weight_changed"] == [{"a": "A", "b": "B", "before": 1, "after": 3}]


# ---------------------------------------------------------------- whole analysis and files


def rows_for_analysis() -> dict[str, list[dict]]:
    return {
        "items": ITEMS,
        "centre_roles": ROLES,
        "centre_links": LINKS,
        "centre_entities": CENTRES,
        "person_links": [{"item": "i1", "entity": "p/lars"}],
        "person_entities": [{"entity": "p/lars", "key": "Lars Holte", "label": "Lars Holte"}],
        "strategy_links": [{"item": "i1", "entity": "s/vaekst"}],
        "strategy_entities": [
            {"entity": "s/vaekst", "key": "Vækstpolitik", "label": "Vækstpolitik"}
        ],
    }


def test_analysis_writes_tables_summary_and_graphml(tmp_path):
    a = analyze_rows(rows_for_analysis(), seed=0, min_titles=2)
    (row,) = a.tables["co_ownership"]
    assert {k: row[k] for k in ("centre_a", "centre_b", "shared_cases", "cases", "items")} == {
        "centre_a": "BYC",
        "centre_b": "ØDC",
        "shared_cases": 1,
        "cases": ["17/1"],
        "items": ["2017-01-10 punkt 1"],
    }
    assert row["roles"] == ["17/1: BYC lead + ØDC involved"]
    assert 0 < row["p_value"] <= 1 and row["significant"] is False
    assert [(r["centre_a"], r["centre_b"]) for r in a.tables["co_mentions"]] == [
        ("BYC", "HRC"),
        ("HRC", "ØDC"),
    ]
    files = write_analysis(a, tmp_path, language="en")
    names = {p.relative_to(tmp_path).as_posix() for p in files}
    assert {"co_ownership.csv", "centrality.csv", "summary.json", "summary.md"} <= names
    assert "graphml/centre_projection.graphml" in names
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["ties"] == 1 and summary["catch_all_cases"] == ["17/2"]
    markdown_text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "BYC and ØDC: 1 shared cases (17/1)" in markdown_text
    assert "Strongest (most shared cases): BYC–ØDC (1; expected" in markdown_text
    G = nx.read_graphml(tmp_path / "graphml" / "centre_projection.graphml")
    assert G["BYC"]["ØDC"]["weight"] == 1 and G["BYC"]["ØDC"]["cases"] == "17/1"
    assert G.nodes["ØDC"]["label"] == "Økonomi- og Digitaliseringscentret"
    csv_text = (tmp_path / "co_ownership.csv").read_text(encoding="utf-8")
    header, first = csv_text.splitlines()[:2]
    assert header.startswith("centre_a,centre_b,shared_cases,cases,items,roles,expected,lift")
    assert first.startswith("BYC,ØDC,1,17/1,2017-01-10 punkt 1,17/1: BYC lead + ØDC involved,")
