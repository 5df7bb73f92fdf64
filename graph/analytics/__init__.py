"""Network analytics on the store: who co-owns cases, who sits in the middle, what changed.

Graphs are built from SPARQL answers (saved queries ``graph/queries/analytics-*.rq``),
never by re-reading minutes; measures are pure functions from
networkx graphs to plain dicts and table rows; only :mod:`graph.analytics.readwrite`
writes files.

Modules
-------
- :mod:`graph.analytics.networks` — rows → graphs: :func:`centre_case_graph` (bipartite
  centre–case), :func:`centre_projection` (weighted centre–centre; edge ``weight`` =
  shared cases, ``cases``, ``items``), :func:`centre_strategy_graph`,
  :func:`person_centre_graph`.
- :mod:`graph.analytics.measures` — :func:`centrality_table` (degree, weighted degree,
  betweenness, eigenvector, ranks), :func:`communities` (Louvain, seeded),
  :func:`brokers`, :func:`co_ownership_table`.
- :mod:`graph.analytics.periods` — :func:`period_slices`, :func:`compare_periods`,
  :func:`period_changes`.
- :mod:`graph.analytics.analyze` — :func:`analyze`: everything at once.
- :mod:`graph.analytics.report` — summary dict and Markdown text (Danish or English).
- :mod:`graph.analytics.readwrite` — CSV, JSON, Markdown and GraphML files.

For maps (sizing nodes, drawing the projection)::

    from referatgraf.graph.store import Store
    from referatgraf.graph.analytics import centre_case_graph, centre_projection, centrality_table, communities

    with Store("out/store") as store:
        B = centre_case_graph(store, municipality="hoeje-taastrup")
    P = centre_projection(B)                  # P["BYC"]["ØDC"] → {"weight", "cases", "items"}
    size = {r["node"]: r["weighted_degree"] for r in centrality_table(P)}
    groups = communities(P, seed=0)           # [["BAC", "BURC", ...], ...], largest first
"""

from __future__ import annotations

import importlib

_WHERE = {
    **dict.fromkeys(
        ("brokers", "centrality_table", "co_ownership_table", "communities", "community_index"),
        "measures",
    ),
    **dict.fromkeys(
        ("centre_case_graph", "centre_projection", "centre_strategy_graph", "person_centre_graph"),
        "networks",
    ),
    **dict.fromkeys(("compare_periods", "period_changes", "period_slices"), "periods"),
}


def __getattr__(name: str):  # imported on first use: networkx only when analytics run
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "brokers",
    "centrality_table",
    "centre_case_graph",
    "centre_projection",
    "centre_strategy_graph",
    "co_ownership_table",
    "communities",
    "community_index",
    "compare_periods",
    "period_changes",
    "period_slices",
    "person_centre_graph",
]
