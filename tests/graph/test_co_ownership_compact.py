"""The centre projection made from the items' owning links (``analytics-owners``,
``analytics-catch-all``: what the report's child process reads) is the projection made from
every item and every mention's role (``centre_case_graph`` + ``co_ownership``: what
``analyze`` reads): the same nodes, ties, weights, cases, items, evidence, significance,
communities, owners and centrality table, on the hand-annotated HTK store, on a store the
real pipeline built from the bundled minutes and on a synthetic store of two
municipalities (catch-all cases, recurring cases, proposers the role rule gives no role).
"""

from __future__ import annotations

import pytest

from referatgraf.graph.analytics import centrality_table
from referatgraf.graph.analytics.analyze import co_ownership, co_ownership_of_owners
from referatgraf.graph.analytics.networks import centre_case_graph
from referatgraf.graph.analytics.owners import fetch_owners
from referatgraf.graph.store import Store

VARIANTS = [
    {},
    {"municipality": "hoeje-taastrup"},
    {"municipality": "greve"},
    {"min_titles": 1},
    {"min_titles": 2, "include_catch_all": True},
    {"include_catch_all": True},
]


@pytest.fixture(scope="module")
def synthetic_store_dir(tmp_path_factory):
    """60 synthetic meetings of two municipalities (as tests/graph/test_query_shapes.py)."""
    from bench.bench_graph import profile_for, synthetic_records
    from referatgraf.graph.build import build_store

    folder = tmp_path_factory.mktemp("synthetic-owners") / "store"
    build_store(list(synthetic_records(60)), folder, profile_for=profile_for)
    return folder


def _both(store: Store, municipality=None, min_titles=3, include_catch_all=False):
    full, significant, parts = co_ownership(
        centre_case_graph(
            store,
            municipality=municipality,
            min_titles=min_titles,
            include_catch_all=include_catch_all,
        )
    )
    rows = fetch_owners(store, municipality, min_titles=min_titles, release=True)
    compact = co_ownership_of_owners(rows, include_catch_all=include_catch_all)
    return (full, significant, parts), compact


def _shape(P):
    graph = {k: v for k, v in P.graph.items() if k != "items"}
    owners = [(case, list(by.items())) for case, by in graph.pop("owners", {}).items()]
    return list(P.nodes(data=True)), list(P.edges(data=True)), graph, owners


def _assert_same(store: Store, variant: dict) -> int:
    (P, S, parts), (P2, S2, parts2) = _both(store, **variant)
    assert _shape(P2) == _shape(P)
    assert _shape(S2) == _shape(S)
    assert parts2 == parts
    assert centrality_table(P2) == centrality_table(P)
    assert "items" not in P2.graph  # the item table stays with the site data
    return P.number_of_edges()


@pytest.mark.parametrize("variant", VARIANTS, ids=repr)
def test_same_projection_on_the_hand_annotated_store(htk_store, variant):
    _assert_same(htk_store, variant)


def test_the_hand_annotated_store_has_ties(htk_store):
    assert _assert_same(htk_store, {}) > 0


@pytest.mark.parametrize("variant", VARIANTS, ids=repr)
def test_same_projection_on_the_bundled_store(bundled_store, variant):
    with Store(bundled_store) as store:
        _assert_same(store, variant)


@pytest.mark.parametrize("variant", VARIANTS, ids=repr)
def test_same_projection_on_a_synthetic_store(synthetic_store_dir, variant):
    with Store(synthetic_store_dir) as store:
        ties = _assert_same(store, variant)
    assert ties > 0 or variant.get("municipality")
